"""Print the README's "Reliability" figures by running the tests' own scenarios.

    .venv/bin/python bench/reliability_report.py            # everything (about 2 minutes)
    .venv/bin/python bench/reliability_report.py --quick    # fewer kills and rounds

Property tests (hypothesis) on extract, HTML reading and search; SIGKILL at random points
during ingest; two ingests and readers on one database; every command on bad input. Prints
Markdown tables; any failure is counted in them (and the exit status is 1).
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import scenarios  # noqa: E402
import test_cli_safety  # noqa: E402
import test_extract_properties  # noqa: E402
import test_html  # noqa: E402


def property_runs() -> tuple[int, int, int, int]:
    """Run the property tests; return (texts, pages, queries) tried and the crashes."""
    tests: list[Callable[[], None]] = [
        test_extract_properties.test_spans_always_index_the_text,
        test_extract_properties.test_any_line_ending_gives_exact_spans,
        test_extract_properties.test_any_unicode_text,
        test_extract_properties.test_unbalanced_nested_and_mixed_quotation_marks,
        test_extract_properties.test_quotes_spanning_up_to_50_paragraphs,
        test_html.test_any_markup_gives_a_text_and_spans_inside_the_html,
        test_cli_safety.test_any_query_string_is_safe,
    ]
    crashes = 0
    for test in tests:
        try:
            test()
        except Exception as exc:  # a falsified property: counted, and shown
            crashes += 1
            print(f"FAILED {test.__name__}: {exc!r}", file=sys.stderr)
    return (
        test_extract_properties.TRIED["texts"],
        test_html.TRIED["pages"],
        test_cli_safety.TRIED["queries"],
        crashes,
    )


def _seen(stderr: str) -> str:
    """The ``Error:`` line, and the first line listing what was skipped or wrong above it."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    error = next((line for line in lines if line.startswith("Error:")), "(no Error: line)")
    detail = next((line for line in lines if line.startswith(("Skipped", "- "))), None)
    shown = f"`` {error} ``" + (f", after `` {detail} ``" if detail else "")
    return shown.replace("|", "\\|")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="5 kills, 1 concurrent round")
    args = parser.parse_args()
    kills, rounds = (5, 1) if args.quick else (20, 3)
    started = time.perf_counter()
    texts, pages, queries, crashes = property_runs()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        killed = scenarios.kill_and_resume(work / "kill", kills=kills, articles=30)
        shared = scenarios.concurrent_ingests(work / "concurrent", rounds=rounds, per_folder=12)
        (work / "bad").mkdir()
        cases = scenarios.bad_inputs(work / "bad")
        outcomes = [scenarios.run_bad_input(c) for c in cases]
        shown = [(o, o.stderr.replace(str(work / "bad"), "tmp")) for o in outcomes]
    elapsed = time.perf_counter() - started
    print(
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.system()} {platform.machine()}, "
        f"Python {platform.python_version()}, in {elapsed:.0f} s.\n"
    )
    print("| measure | result |\n| --- | --- |")
    print(f"| generated texts given to `extract` (hypothesis) | {texts:,} |")
    print(f"| generated HTML pages read as visible text | {pages:,} |")
    print(f"| generated `who-said`/`trace` queries | {queries:,} |")
    print(f"| crashes or falsified properties | {crashes} |")
    print(
        f"| `ingest` killed with SIGKILL at random points | {killed.survived} of {killed.kills} "
        f"survived ({killed.rounds} databases; {killed.reported_done} documents reported "
        f"stored before a kill, every one found whole) |"
    )
    print(f"| rows lost after kills | {killed.rows_lost} |")
    print(f"| half-written documents after kills | {killed.incomplete_documents} |")
    print(
        f"| concurrent `ingest` runs (two at a time, {rounds} rounds) | {shared.runs} runs, "
        f"{shared.writer_failures} failures |"
    )
    print(
        f"| `who-said`/`sources` runs during them | {shared.reader_runs} runs, "
        f"{shared.reader_failures} failures |"
    )
    print(f'| "database is locked" messages | {shared.locked_messages} |')
    print(f"| rows lost by concurrent runs (against a sequential run) | {shared.rows_lost} |")
    print("\n| command | bad input | what the user sees (stderr) | exit status |")
    print("| --- | --- | --- | --- |")
    for o, stderr in shown:
        print(f"| `{o.command}` | {o.label} | {_seen(stderr)} | {o.exit_code} |")
    for problem in killed.problems + shared.problems:
        print(f"PROBLEM {problem}", file=sys.stderr)
    bad = [
        o for o, c in zip(outcomes, cases, strict=True) if o.exit_code != c.exit_code or o.traceback
    ]
    failed = crashes or killed.problems or shared.problems or bad
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
