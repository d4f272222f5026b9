"""The store's commands as users meet them: ingest the reference dispatch and the seeds, then
ask who said what, through whom; a killed ingest leaves a clean database.

Runs the extractor, so every test here needs the spaCy pipeline (``model`` marker). Skipped
when ``../shared/seeds/afp-selydove.txt`` (the reference dispatch) is not beside the project.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from provenance.cli import app
from provenance.store import Store

ROOT = Path(__file__).resolve().parent.parent
AFP = ROOT.parent / "shared" / "seeds" / "afp-selydove.txt"
SEEDS = ROOT / "seeds"

pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(not AFP.is_file(), reason="../shared/seeds/afp-selydove.txt is absent"),
]
runner = CliRunner()


def run(*args: str) -> Result:
    return runner.invoke(app, list(args))


def counts(db: Path) -> dict[str, int]:
    with Store(db) as store:
        return store.counts()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store") / "provenance.db"
    result = run("ingest", "--db", str(path), str(AFP), str(SEEDS))
    assert result.exit_code == 0, result.output
    assert "8 new, 0 updated, 0 unchanged, 0 failed" in result.stderr
    return path


def test_trace_follows_the_diplomatic_source_from_afp_through_tass(db: Path) -> None:
    result = run("trace", "--db", str(db), "tomorrow she will be in Moscow")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    order = [
        next(n for n, line in enumerate(lines) if word in line)
        for word in ("AFP published afp-selydove", "TASS", "diplomatic source", "tomorrow she")
    ]
    assert order == sorted(order), result.stdout
    assert "[3442:3472]" in result.stdout  # offsets of what was said
    traced = json.loads(run("trace", "--db", str(db), "tomorrow she will", "-f", "json").stdout)
    assert traced["path"] == ["AFP", "TASS", "diplomatic source"]
    assert "citing a diplomatic source" in traced["sentence_text"]


def test_who_said_160000_names_lytvynenko_told_parliament(db: Path) -> None:
    result = run("who-said", "--db", str(db), "160,000", "--format", "json")
    assert result.exit_code == 0, result.output
    first = json.loads(result.stdout)[0]
    assert first["source"] == "Oleksandr Lytvynenko"
    assert first["source_type"] == "official"
    assert first["channel"].lower() == "parliament" and first["addressee"] == "Parliament"
    assert first["path"] == ["AFP", "Oleksandr Lytvynenko"]
    table = run("who-said", "--db", str(db), "160,000")
    assert "Oleksandr" in table.stdout and first["id"] in table.stdout
    as_csv = run("who-said", "--db", str(db), "160,000", "-f", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(as_csv)))
    assert rows[0]["source"] == "Oleksandr Lytvynenko"


def test_sources_of_type_anonymous(db: Path) -> None:
    result = run("sources", "--db", str(db), "--type", "anonymous", "--format", "json")
    assert result.exit_code == 0, result.output
    names = {s["name"] for s in json.loads(result.stdout) if s["only_in"] == "afp-selydove"}
    assert {
        "AFP source",
        "high-ranking official at the Ukrainian presidency",
        "diplomatic source",
    } <= names
    one = run("sources", "--db", str(db), "Russian government", "--format", "json")
    statements = json.loads(one.stdout)["statements"]
    assert {a["source"] for a in statements} >= {"Russian government", "Russian defence ministry"}


def test_ingesting_the_same_inputs_again_changes_no_row(db: Path) -> None:
    before = counts(db)
    result = run("ingest", "--db", str(db), str(AFP), str(SEEDS))
    assert result.exit_code == 0, result.output
    assert "0 new, 0 updated, 8 unchanged, 0 failed" in result.stderr
    assert counts(db) == before


def test_parsing_on_two_processes_stores_the_same_rows(db: Path, tmp_path: Path) -> None:
    other = tmp_path / "jobs.db"
    result = run("ingest", "--db", str(other), "--jobs", "2", str(AFP), str(SEEDS))
    assert result.exit_code == 0, result.output
    assert counts(other) == counts(db)


def test_export_in_every_format(db: Path) -> None:
    n = counts(db)["attributions"]
    lines = run("export", "--db", str(db)).stdout.splitlines()
    assert len(lines) == n and json.loads(lines[0])["id"]
    rows = list(csv.reader(io.StringIO(run("export", "--db", str(db), "-f", "csv").stdout)))
    assert len(rows) == n + 1 and rows[0][0] == "id"
    prov = json.loads(run("export", "--db", str(db), "-f", "prov-json").stdout)
    assert len(prov["hadMember"]) == n and prov["wasDerivedFrom"]


def test_query_commands_fail_cleanly_without_a_database(tmp_path: Path) -> None:
    result = run("who-said", "--db", str(tmp_path / "none.db"), "troops")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no database at")
    assert "Traceback" not in result.output
    assert not (tmp_path / "none.db").exists()


def test_ingest_reports_bad_files_and_goes_on(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("")
    shutil.copy(AFP, tmp_path / "in" / "afp.txt")
    result = run("ingest", "--db", str(tmp_path / "x.db"), str(tmp_path / "in"))
    assert result.exit_code == 0, result.output
    assert "Skipped" in result.stderr and "empty file" in result.stderr
    assert "1 new, 0 updated, 0 unchanged, 1 failed" in result.stderr


def _integrity(db: Path) -> tuple[str, list[Any]]:
    with sqlite3.connect(db) as conn:
        return (
            conn.execute("PRAGMA integrity_check").fetchone()[0],
            conn.execute("PRAGMA foreign_key_check").fetchall(),
        )


def test_a_killed_ingest_leaves_a_clean_database_and_a_rerun_completes(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    texts = [AFP, *sorted(SEEDS.glob("*.txt"))]
    for n in range(40):
        source = texts[n % len(texts)]
        # a different text each time, so every copy is parsed and stored
        text = source.read_text(encoding="utf-8") + f"\nCopy {n}."
        (folder / f"copy-{n:02d}.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "killed.db"
    command = [sys.executable, "-m", "provenance.cli", "ingest", "--db", str(db), str(folder)]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=env)
    assert proc.stderr is not None
    seen = []
    deadline = time.monotonic() + 120
    for line in proc.stderr:
        seen.append(line)
        if line.startswith("[3/40]") or time.monotonic() > deadline:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "".join(seen)
    assert _integrity(db) == ("ok", [])
    done = counts(db)
    assert 3 <= done["documents"] < 40
    with sqlite3.connect(db) as conn:
        # every stored document is whole: each holds the attributions its text gives
        per_doc = conn.execute(
            "SELECT count(a.id) FROM documents d LEFT JOIN attributions a ON a.document_id = d.id "
            "GROUP BY d.id"
        ).fetchall()
    assert all(n >= 10 for (n,) in per_doc), per_doc
    rerun = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{done['documents']} unchanged" in rerun.stderr
    assert _integrity(db) == ("ok", [])
    assert counts(db)["documents"] == 40
