"""``provenance regroup``: claims grouped again with edited rules, from the kept parses, and
``report`` saying when the rules have changed since the claims were grouped. Runs the
extractor (``model`` marker)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from provenance.cli import app

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))[:3]

pytestmark = pytest.mark.model
runner = CliRunner()


def run(*args: str, rules: Path | None = None) -> tuple[int, str, str]:
    env = {"PROVENANCE_RULES": str(rules)} if rules else {}
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def claims_of(db: Path, rules: Path | None = None) -> list[tuple[str, list[str]]]:
    code, out, _ = run("report", "--db", str(db), "--format", "json", rules=rules)
    assert code == 0
    return sorted((c["text"], c["flags"]) for c in json.loads(out)["claims"])


def edited_rules(tmp_path: Path) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    claims = rules / "claims.toml"
    text = claims.read_text(encoding="utf-8")
    assert "same_content = 85" in text
    claims.write_text(text.replace("same_content = 85", "same_content = 60"), encoding="utf-8")
    return rules


def test_regroup_follows_edited_rules_like_a_fresh_ingest(tmp_path: Path) -> None:
    rules = edited_rules(tmp_path)
    db, fresh = tmp_path / "old.db", tmp_path / "fresh.db"
    assert run("ingest", "--db", str(db), *map(str, SEEDS))[0] == 0
    before = claims_of(db)
    _, _, note = run("report", "--db", str(db), rules=rules)
    assert "rules" in note and "have changed" in note and "provenance regroup" in note

    code, _, said = run("regroup", "--db", str(db), "--rules", str(rules))
    assert code == 0, said
    assert "3 articles regrouped" in said
    assert run("ingest", "--db", str(fresh), "--rules", str(rules), *map(str, SEEDS))[0] == 0
    assert claims_of(db, rules) == claims_of(fresh, rules) != before
    _, _, note = run("report", "--db", str(db), rules=rules)
    assert "have changed" not in note
    _, _, note = run("report", "--db", str(db))  # the shipped rules are now the other ones
    assert "have changed" in note


def test_a_store_with_unchanged_rules_has_no_note_and_regroups_to_the_same(
    tmp_path: Path,
) -> None:
    db = tmp_path / "news.db"
    assert run("ingest", "--db", str(db), *map(str, SEEDS))[0] == 0
    before = claims_of(db)
    _, _, note = run("report", "--db", str(db))
    assert "have changed" not in note
    assert run("regroup", "--db", str(db), "--batch", "1")[0] == 0
    assert claims_of(db) == before
