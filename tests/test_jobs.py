"""``extract --jobs N``: the same output as one process, in input order.

Parses on spawned worker processes (the pool ``ingest --jobs`` uses), so these tests load the
spaCy pipeline in each worker and carry the ``model`` marker.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from provenance.cli import app

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

runner = CliRunner()


def extract_jsonl(*args: str) -> str:
    result = runner.invoke(app, ["extract", "--format", "jsonl", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.model
def test_extract_jobs_2_gives_the_same_jsonl_as_jobs_1() -> None:
    one = extract_jsonl("--jobs", "1", str(SEEDS))
    two = extract_jsonl("--jobs", "2", str(SEEDS))
    assert two == one
    doc_ids = [json.loads(line)["doc_id"] for line in one.splitlines()]
    assert doc_ids == sorted(p.stem for p in SEEDS.glob("*.txt"))


@pytest.mark.model
def test_extract_jobs_keeps_skips_and_input_order(tmp_path: Path) -> None:
    first, second = sorted(SEEDS.glob("*.txt"))[:2]
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = runner.invoke(
        app, ["extract", "-f", "jsonl", "-j", "2", str(second), str(empty), str(first)]
    )
    assert result.exit_code == 0, result.output
    doc_ids = [json.loads(line)["doc_id"] for line in result.stdout.splitlines()]
    assert doc_ids == [second.stem, first.stem]
    assert "Skipped" in result.stderr and "empty file" in result.stderr


@pytest.mark.model
def test_one_process_extracts_in_batches_with_the_same_output_as_one_at_a_time(
    tmp_path: Path,
) -> None:
    from provenance.api import extract_document
    from provenance.records import record_line

    seeds = sorted(SEEDS.glob("*.txt"))
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    # more articles than one batch (16), a skip among them
    paths = [*seeds, empty, *seeds, *seeds]
    result = runner.invoke(app, ["extract", "-f", "jsonl", *map(str, paths)])
    assert result.exit_code == 0, result.output
    alone = "".join(
        record_line(extract_document(p.read_text(encoding="utf-8"), p.stem, path=str(p)))
        for p in paths
        if p != empty
    )
    assert result.stdout == alone
    assert "Skipped" in result.stderr and "empty file" in result.stderr
