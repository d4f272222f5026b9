"""``provenance doctor``: each check says ok or what is wrong and what to do; exit 1 on any
problem; the database is never changed. No model: documents are built by hand."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from scenarios import stored_document
from typer.testing import CliRunner, Result

from provenance import doctor
from provenance.cli import app
from provenance.migrations import LATEST
from provenance.store import Store

runner = CliRunner()


def run(*args: str) -> Result:
    return runner.invoke(app, ["doctor", *args])


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "news.db"
    with Store(path) as store:
        store.ingest(stored_document())
        store.ingest(stored_document("June"))
    return path


def problems(result: Result) -> list[str]:
    return [line for line in result.stdout.splitlines() if line.startswith("problem")]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_sound_database_passes_every_check(db: Path) -> None:
    result = run("--db", str(db))
    assert result.exit_code == 0, result.output
    names = [line.split(":")[0] for line in result.stdout.splitlines() if line.startswith("ok")]
    assert [n.split(None, 1)[1] for n in names] == [
        "schema",
        "integrity",
        "foreign keys",
        "orphan rows",
        "search index attributions_fts",
        "search index documents_fts",
        "rules",
    ]
    assert f"schema version {LATEST}, current; 2 documents" in result.stdout
    assert "All 7 checks passed." in result.stdout


def test_a_missing_database_is_a_problem_and_is_not_created(tmp_path: Path) -> None:
    result = run("--db", str(tmp_path / "none.db"))
    assert result.exit_code == 1
    assert problems(result) == [
        f"problem database: no database at {tmp_path / 'none.db'}. "
        "Run 'provenance ingest PATH...' to create one"
    ]
    assert result.stderr.startswith("Error: 1 problem(s): database")
    assert not (tmp_path / "none.db").exists()


def test_a_corrupt_file_is_a_problem(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"garbage" * 1000)
    result = run("--db", str(bad))
    assert result.exit_code == 1
    assert "not a usable SQLite database" in problems(result)[0]
    assert "To do:" in result.stdout


def test_orphans_and_broken_references_are_counted_with_what_to_do(db: Path) -> None:
    with sqlite3.connect(db) as conn:  # foreign keys off: what a buggy writer could leave
        conn.execute("DELETE FROM documents WHERE doc_id = 'bridge' AND text LIKE '%June%'")
    before = digest(db)
    result = run("--db", str(db))
    assert result.exit_code == 1
    found = problems(result)
    assert any(p.startswith("problem foreign keys: ") for p in found), result.stdout
    assert any(p.startswith("problem orphan rows: ") for p in found), result.stdout
    assert "1 attributions of a missing document" in result.stdout
    assert "mentions of a missing document" in result.stdout
    assert "ingest the articles again into a new --db" in result.stdout
    assert digest(db) == before  # read-only


def test_a_search_index_out_of_step_says_how_to_rebuild_it(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TRIGGER attributions_ad")
        conn.execute("DELETE FROM hops")
        conn.execute("DELETE FROM attributions WHERE content_text LIKE '%June%'")
    result = run("--db", str(db))
    assert result.exit_code == 1
    [problem] = problems(result)
    assert problem.startswith("problem search index attributions_fts: out of step")
    assert "1 indexed but gone" in problem
    assert "VALUES('rebuild')" in result.stdout


def test_schema_versions_older_and_newer(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(doctor, "LATEST", LATEST + 1)
    older = run("--db", str(db))
    assert older.exit_code == 1
    expected = f"schema version {LATEST}, older than this provenance's {LATEST + 1}"
    assert expected in problems(older)[0]
    monkeypatch.setattr(doctor, "LATEST", LATEST)
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO migrations VALUES (99, 'future', '2099-01-01')")
    newer = run("--db", str(db))
    assert newer.exit_code == 1
    assert f"schema version 99, newer than this provenance knows ({LATEST})" in problems(newer)[0]
    assert "upgrade provenance" in newer.stdout


def test_broken_rule_files_are_listed(db: Path, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "cues.toml").write_text("schema_version = 1\n[[verb]]\nlemma = 3\n")
    result = run("--db", str(db), "--rules", str(rules))
    assert result.exit_code == 1
    [problem] = problems(result)
    assert problem.startswith("problem rules: ")
    assert "cues.toml" in result.stdout
    assert "'provenance rules check' lists them again" in result.stdout


def test_a_database_that_is_not_provenance_s(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    result = run("--db", str(other))
    assert result.exit_code == 1
    assert "not a provenance one" in problems(result)[0]


def test_diagnose_from_python(db: Path) -> None:
    checks = doctor.diagnose(db)
    assert all(c.ok for c in checks) and len(checks) == 7
