"""``provenance audit DRAFT``: what an editor sees and the exit status a pipeline checks (0
clean or problems without --strict, 1 problems with --strict, 2 a draft it cannot read), and
that it never touches a database. Drafts that need parsing carry the ``model`` marker."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from provenance.cli import app
from provenance.rules import AUDIT_RULE_IDS, load_rules

runner = CliRunner()

DRAFT = (
    "Flooding hits northern towns\n\n"
    "Floods killed 14 people in the northern province on Tuesday, and another 30 were "
    "injured.\n\n"
    '"The dam was never inspected," a senior official said.\n\n'
    "The regional governor, Maria Costa, said rescue teams had reached every village by "
    "nightfall.\n"
)
CLEAN = (
    "The regional governor, Maria Costa, said rescue teams had reached every village by "
    "nightfall.\n"
)


def audit(*args: str) -> Result:
    return runner.invoke(app, ["audit", *args])


def write(tmp_path: Path, text: str, name: str = "draft.txt") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def as_json(result: Result) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(result.stdout)
    return data


# --------------------------------------------------------------------------- bad input: exit 2


def test_a_missing_draft_exits_2_with_an_error(tmp_path: Path) -> None:
    result = audit(str(tmp_path / "nope.txt"))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ")
    assert "nope.txt" in result.stderr and result.stdout == ""


@pytest.mark.parametrize(
    ("name", "content"),
    [("empty.txt", b"  \n"), ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00")],
)
def test_an_unreadable_draft_exits_2(tmp_path: Path, name: str, content: bytes) -> None:
    (tmp_path / name).write_bytes(content)
    result = audit(str(tmp_path / name), "--strict")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ")


def test_exit_2_in_a_real_process(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "provenance.cli", "audit", str(tmp_path / "nope.txt")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("Error: ") and "Traceback" not in proc.stderr


# --------------------------------------------------------------------------- drafts


@pytest.mark.model
def test_problems_exit_0_and_with_strict_exit_1(tmp_path: Path) -> None:
    draft = write(tmp_path, DRAFT)
    relaxed = audit(draft)
    assert relaxed.exit_code == 0, relaxed.output
    assert "unattributed-claim" in relaxed.stdout
    strict = audit(draft, "--strict")
    assert strict.exit_code == 1
    assert strict.stderr == ""


@pytest.mark.model
def test_a_clean_draft_exits_0_even_with_strict(tmp_path: Path) -> None:
    result = audit(write(tmp_path, CLEAN), "--strict", "--format", "json")
    assert result.exit_code == 0, result.output
    data = as_json(result)
    assert data["clean"] is True and data["problems"] == 0
    [sentence] = data["sentences"]
    assert sentence["attributions"] == [0] and sentence["problems"] == []


@pytest.mark.model
def test_json_lists_each_sentence_its_attribution_and_its_problems(tmp_path: Path) -> None:
    result = audit(write(tmp_path, DRAFT), "--format", "json", "--strict")
    assert result.exit_code == 1
    data = as_json(result)
    assert set(data) == {"draft", "clean", "sentences", "attributions", "problems"}
    assert data["clean"] is False and data["problems"] == 2
    by_text = {s["text"]: s for s in data["sentences"]}
    casualty = by_text[
        "Floods killed 14 people in the northern province on Tuesday, and another 30 were injured."
    ]
    assert casualty["attributions"] == []  # its lack of attribution
    [problem] = casualty["problems"]
    assert problem["rule"] == "unattributed-claim"
    assert problem["explanation"] == load_rules().audit.get("unattributed-claim").explanation
    assert problem["detail"] == "casualty ('killed')"
    start, end = casualty["sentence"]
    assert DRAFT[start:end] == casualty["text"]
    anonymous = by_text['"The dam was never inspected," a senior official said.']
    [quote] = [data["attributions"][i] for i in anonymous["attributions"]]
    assert quote["speaker_text"] == "a senior official"
    assert [p["rule"] for p in anonymous["problems"]] == ["anonymous-without-reason"]
    assert anonymous["problems"][0]["text"] == "a senior official"
    governor = by_text[CLEAN.strip()]
    assert governor["problems"] == [] and len(governor["attributions"]) == 1
    assert {p["rule"] for s in data["sentences"] for p in s["problems"]} <= set(AUDIT_RULE_IDS)


@pytest.mark.model
def test_a_reason_for_anonymity_clears_the_anonymous_source(tmp_path: Path) -> None:
    text = (
        '"The dam was never inspected," said a senior official, who spoke on condition of '
        "anonymity because he was not authorised to brief the press.\n"
    )
    data = as_json(audit(write(tmp_path, text), "--format", "json"))
    assert all(
        p["rule"] != "anonymous-without-reason" for s in data["sentences"] for p in s["problems"]
    )


@pytest.mark.model
def test_the_table_shows_rule_ids_and_explanations(tmp_path: Path) -> None:
    result = audit(write(tmp_path, DRAFT))
    assert result.exit_code == 0
    flat = " ".join(result.stdout.split())
    assert "2 problem(s)" in flat
    assert "unattributed-claim" in flat and "anonymous-without-reason" in flat
    assert "States a figure" in flat and "Maria Costa" in flat


@pytest.mark.model
def test_the_audit_touches_no_database(tmp_path: Path) -> None:
    env = {**os.environ, "PROVENANCE_DB": str(tmp_path / "never.db")}
    proc = subprocess.run(
        [sys.executable, "-m", "provenance.cli", "audit", write(tmp_path, DRAFT), "--strict"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=env,
        cwd=tmp_path,
    )
    assert proc.returncode == 1, proc.stderr
    assert not (tmp_path / "never.db").exists()
    assert not (tmp_path / "provenance.db").exists()
