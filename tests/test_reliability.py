"""A killed ingest loses nothing and corrupts nothing; two ingests and readers share one
database. Real ``provenance`` processes (the scenarios are in ``tests/scenarios.py``, shared
with ``bench/reliability_report.py``, which prints the README's figures)."""

from __future__ import annotations

from pathlib import Path

import pytest
import scenarios

pytestmark = [pytest.mark.slow, pytest.mark.model]


def test_sigkill_at_20_random_points_never_corrupts_or_loses_a_document(tmp_path: Path) -> None:
    report = scenarios.kill_and_resume(tmp_path, kills=20, articles=30)
    assert report.problems == []
    assert report.kills == report.survived >= 20
    assert report.rows_lost == 0 and report.incomplete_documents == 0
    assert report.reported_done > 0  # the kills did land while documents were being stored


def test_two_ingests_and_readers_at_once_lose_nothing_and_never_lock(tmp_path: Path) -> None:
    report = scenarios.concurrent_ingests(tmp_path, rounds=2, per_folder=10)
    assert report.problems == []
    assert report.runs == 4 and report.writer_failures == 0
    assert report.reader_runs > 0 and report.reader_failures == 0
    assert report.locked_messages == 0 and report.rows_lost == 0
