"""Reliability scenarios run by the tests and by ``bench/reliability_report.py`` (which
prints the README's figures from the same code): ``provenance ingest`` killed with SIGKILL
at random points, two ingests and readers on one database at once, and every command on bad
input. Each returns what it saw; the tests assert on it, the report prints it.
"""

from __future__ import annotations

import inspect
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from typer.models import CommandInfo
from typer.testing import CliRunner

from provenance.cli import app
from provenance.models import Attribution, Document, Hop, Span
from provenance.store import Store

ENV = {**os.environ, "PYTHONUNBUFFERED": "1", "NO_COLOR": "1", "COLUMNS": "200"}
SPEAKERS = (
    "harbour master Ana Ruiz",
    "Tom Reed, a union leader,",
    "the mayor",
    "a diplomatic source",
    "the ministry",
    "Jana Novak",
)
ROW_TABLES = ("documents", "attributions", "hops", "mentions")


def provenance(*args: str) -> list[str]:
    """The command line of a real ``provenance`` process (the installed package)."""
    return [sys.executable, "-m", "provenance.cli", *args]


def write_articles(folder: Path, n: int, *, tag: str, seed: int) -> list[Path]:
    """``n`` small, distinct articles (three attributions each, one relayed)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        who, via = rng.choice(SPEAKERS), rng.choice(SPEAKERS)
        text = (
            f'"We will reopen berth {tag}{i} on Monday," {who} told reporters.\n'
            f"The union said the strike at berth {tag}{i} would go on for {i + 2} days.\n"
            f"TASS reported, citing {via}, that talks on berth {tag}{i} had failed.\n"
        )
        path = folder / f"{tag}{i:02d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def ingest(db: Path, *folders: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        provenance("ingest", "--db", str(db), *map(str, folders)),
        capture_output=True,
        text=True,
        env=ENV,
        timeout=300,
        check=False,
    )


def integrity(db: Path) -> tuple[str, list[tuple[object, ...]]]:
    """``PRAGMA integrity_check`` and ``PRAGMA foreign_key_check`` of ``db``."""
    with sqlite3.connect(db) as conn:
        return (
            conn.execute("PRAGMA integrity_check").fetchone()[0],
            conn.execute("PRAGMA foreign_key_check").fetchall(),
        )


def rows_by_document(db: Path) -> dict[str, tuple[int, int, int]]:
    """Per stored document path: its attributions, hops and mentions."""
    if not db.exists():
        return {}
    with sqlite3.connect(db) as conn:
        made = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'documents'"
        ).fetchone()
        if made is None:  # killed before the first migration committed: no document yet
            return {}
        rows = conn.execute(
            """SELECT d.path,
                (SELECT count(*) FROM attributions a WHERE a.document_id = d.id),
                (SELECT count(*) FROM hops h JOIN attributions a ON a.id = h.attribution_id
                 WHERE a.document_id = d.id),
                (SELECT count(*) FROM mentions m WHERE m.document_id = d.id)
            FROM documents d"""
        ).fetchall()
    return {str(p): (int(a), int(h), int(m)) for p, a, h, m in rows}


def table_counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return {t: int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in ROW_TABLES}


def attribution_ids(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {str(r[0]) for r in conn.execute("SELECT id FROM attributions")}


# --- kills -------------------------------------------------------------------------------------


@dataclass
class KillReport:
    """What ``kill_and_resume`` saw. ``problems`` is empty when every check held."""

    kills: int = 0
    survived: int = 0
    rounds: int = 0
    documents: int = 0
    reported_done: int = 0
    rows_lost: int = 0
    incomplete_documents: int = 0
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0


def kill_and_resume(
    workdir: Path, *, kills: int = 20, articles: int = 30, seed: int = 20261125
) -> KillReport:
    """SIGKILL ``provenance ingest`` ``kills`` times at random points (seeded), each time on
    the database the last kill left, checking after each kill that the database is sound,
    every document it holds is whole (the rows a clean run gives it) and every document the
    run reported done is there; then a re-run must finish the rest. When a round has stored
    nearly everything, the next starts on a fresh database."""
    started = time.perf_counter()
    rng = random.Random(seed)
    folder = workdir / "articles"
    write_articles(folder, articles, tag="k", seed=seed)
    reference = workdir / "reference.db"
    done = ingest(reference, folder)
    if done.returncode != 0:
        raise RuntimeError(done.stderr)
    expected = rows_by_document(reference)
    report = KillReport(documents=len(expected))
    db = _fresh(workdir, report)
    while report.kills < kills:
        lines = _run_and_kill(db, folder, rng)
        if lines is None:  # finished before the kill: nothing to count
            db = _finish_round(db, folder, expected, report, workdir)
            continue
        report.kills += 1
        ok = _check_after_kill(db, expected, lines, report)
        report.survived += ok
        if len(rows_by_document(db)) >= len(expected) - 2:
            db = _finish_round(db, folder, expected, report, workdir)
    _finish_round(db, folder, expected, report, workdir)
    report.seconds = time.perf_counter() - started
    return report


def _fresh(workdir: Path, report: KillReport) -> Path:
    report.rounds += 1
    return workdir / f"killed-{report.rounds}.db"


def _run_and_kill(db: Path, folder: Path, rng: random.Random) -> list[str] | None:
    """Start an ingest and SIGKILL it: at a random moment in its first second (opening,
    migrating, parsing), or a random moment after it reported a document stored. Returns the
    lines it printed, or ``None`` when it finished first."""
    proc = subprocess.Popen(
        provenance("ingest", "--db", str(db), str(folder)),
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env=ENV,
    )
    assert proc.stderr is not None
    lines: list[str] = []
    stored = threading.Event()

    def read() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            lines.append(line)
            if " new " in line:
                stored.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    if rng.random() < 0.25:
        time.sleep(rng.uniform(0.05, 1.2))
    else:
        stored.wait(timeout=60)
        time.sleep(rng.uniform(0.0, 0.15))
    finished = proc.poll() is not None
    if not finished:
        proc.send_signal(signal.SIGKILL)
    proc.wait()
    reader.join(timeout=10)
    return None if finished else lines


def _check_after_kill(
    db: Path, expected: dict[str, tuple[int, int, int]], lines: list[str], report: KillReport
) -> bool:
    if not db.exists():
        return True  # killed before it created the file
    problems = []
    state = integrity(db)
    if state != ("ok", []):
        problems.append(f"integrity {state}")
    stored = rows_by_document(db)
    for path, rows in stored.items():
        if expected.get(path) != rows:
            report.incomplete_documents += 1
            problems.append(f"{path}: rows {rows}, a clean run gives {expected.get(path)}")
    for line in lines:
        # "[3/30] new /path/k02.txt: 3 attributions": committed before it was printed
        if "] new " in line:
            report.reported_done += 1
            path = line.split("] new ", 1)[1].rsplit(": ", 1)[0]
            if str(Path(path).resolve()) not in stored:
                report.rows_lost += 1
                problems.append(f"{path} was reported stored but is not in the database")
    report.problems.extend(f"kill {report.kills}: {p}" for p in problems)
    return not problems


def _finish_round(
    db: Path,
    folder: Path,
    expected: dict[str, tuple[int, int, int]],
    report: KillReport,
    workdir: Path,
) -> Path:
    """A clean re-run must store the rest, after which the database equals the reference."""
    rerun = ingest(db, folder)
    if rerun.returncode != 0:
        report.problems.append(f"round {report.rounds}: the re-run failed: {rerun.stderr[-500:]}")
    elif rows_by_document(db) != expected or integrity(db) != ("ok", []):
        missing = len(expected) - len(rows_by_document(db))
        report.rows_lost += max(missing, 0)
        report.problems.append(f"round {report.rounds}: after the re-run the rows differ")
    return _fresh(workdir, report)


# --- two writers and readers at once -----------------------------------------------------------


@dataclass
class ConcurrencyReport:
    runs: int = 0
    writer_failures: int = 0
    reader_runs: int = 0
    reader_failures: int = 0
    locked_messages: int = 0
    rows_lost: int = 0
    problems: list[str] = field(default_factory=list)


def concurrent_ingests(
    workdir: Path, *, rounds: int = 3, per_folder: int = 12, seed: int = 7
) -> ConcurrencyReport:
    """Per round: two ``ingest`` runs on one new database (different folders) while
    ``who-said`` and ``sources`` loop against it; then the rows must equal one sequential run
    of both folders."""
    first = workdir / "first"
    second = workdir / "second"
    write_articles(first, per_folder, tag="a", seed=seed)
    write_articles(second, per_folder, tag="b", seed=seed + 1)
    reference = workdir / "sequential.db"
    for folder in (first, second):
        if ingest(reference, folder).returncode != 0:
            raise RuntimeError(f"the sequential ingest of {folder} failed")
    want_counts, want_ids = table_counts(reference), attribution_ids(reference)
    report = ConcurrencyReport()
    for n in range(rounds):
        db = workdir / f"shared-{n}.db"
        writers = [
            subprocess.Popen(
                provenance("ingest", "--db", str(db), str(folder)),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
                env=ENV,
            )
            for folder in (first, second)
        ]
        busy = threading.Event()
        busy.set()
        readers = [
            threading.Thread(target=_read_while, args=(busy, db, args, report))
            for args in (["who-said", "berth reopen", "-f", "json"], ["sources", "-f", "json"])
        ]
        for r in readers:
            r.start()
        for w in writers:
            _, stderr = w.communicate(timeout=300)
            report.runs += 1
            report.locked_messages += "locked" in stderr
            if w.returncode != 0:
                report.writer_failures += 1
                report.problems.append(f"round {n}: an ingest failed: {stderr[-500:]}")
        busy.clear()
        for r in readers:
            r.join(timeout=60)
        if table_counts(db) != want_counts or attribution_ids(db) != want_ids:
            lost = want_counts["attributions"] - table_counts(db)["attributions"]
            report.rows_lost += max(lost, 0)
            report.problems.append(
                f"round {n}: rows {table_counts(db)}, a sequential run gives {want_counts}"
            )
        if integrity(db) != ("ok", []):
            report.problems.append(f"round {n}: integrity {integrity(db)}")
    return report


def _read_while(
    busy: threading.Event, db: Path, args: list[str], report: ConcurrencyReport
) -> None:
    """Run a query command in a loop while the writers run (the last run after they end)."""
    while True:
        last = not busy.is_set()
        if db.exists():
            done = subprocess.run(
                provenance(*args, "--db", str(db)),
                capture_output=True,
                text=True,
                env=ENV,
                timeout=120,
                check=False,
            )
            report.reader_runs += 1
            report.locked_messages += "locked" in done.stderr
            if done.returncode != 0:
                report.reader_failures += 1
                report.problems.append(f"{args[0]} failed: {done.stderr[-300:]}")
        else:
            time.sleep(0.05)
        if last:
            return


# --- bad input ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class BadInput:
    """One command on bad input: what it is (for the README table) and its arguments."""

    label: str
    args: list[str]
    stdin: bytes | None = None
    exit_code: int = 1  # audit exits 2 on a draft it cannot read (1 means problems found)


@dataclass(frozen=True)
class Outcome:
    label: str
    command: str
    exit_code: int
    message: str  # the "Error: ..." line
    stderr: str
    traceback: bool


def stored_document(month: str = "May") -> Document:
    """A hand-built document (no model) with one attribution."""
    text = f"The mayor said the bridge would reopen in {month}.\n"
    content = f"the bridge would reopen in {month}"
    start = text.index(content)
    speaker = text.index("The mayor")
    cue = text.index("said")
    return Document(
        "bridge",
        text,
        None,
        (
            Attribution(
                kind="indirect",
                content=Span(start, start + len(content), content),
                speaker=Span(speaker, speaker + 9, "The mayor"),
                cue=Span(cue, cue + 4, "said"),
                rule="verb-ccomp",
                confidence=0.85,
                source="mayor",
                source_type="official",
                source_evidence="head noun 'mayor' (official)",
                chain=(Hop("mayor", "origin", Span(speaker, speaker + 9, "The mayor")),),
            ),
        ),
    )


def bad_inputs(tmp: Path) -> list[BadInput]:
    """Every command on bad input; the files they need are made in ``tmp``."""
    good = tmp / "good.db"
    with Store(good) as store:
        store.ingest(stored_document())
    corrupt = tmp / "corrupt.db"
    corrupt.write_bytes(b"not a database at all, just bytes\x00\x01\x02" * 100)
    foreign = tmp / "other.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    newer = tmp / "newer.db"
    with Store(newer) as store:
        store.db.execute("INSERT INTO migrations VALUES (999, 'from the future', '2099-01-01')")
        store.db.conn.commit()
    missing = str(tmp / "missing.txt")
    (tmp / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp / "latin1.txt").write_bytes("Le caf\u00e9 a ferm\u00e9, a dit le maire.".encode("cp1252"))
    (tmp / "empty.txt").write_bytes(b"")
    (tmp / "huge.txt").write_bytes(b"The minister said it was fine. " * 170_000)
    (tmp / "gold.jsonl").write_text('{"doc_id": "x", "quotes": [\n', encoding="utf-8")
    rules = tmp / "rules"
    rules.mkdir()
    (rules / "cues.toml").write_text("schema_version = 1\n[[verb]\n", encoding="utf-8")
    db = ["--db", str(good)]
    return [
        BadInput("a missing file", ["extract", missing]),
        BadInput("a binary file (PNG)", ["extract", str(tmp / "binary.txt")]),
        BadInput("a Latin-1 file", ["extract", str(tmp / "latin1.txt")]),
        BadInput("an empty file", ["extract", str(tmp / "empty.txt")]),
        BadInput("a 5 MB single-line text", ["extract", str(tmp / "huge.txt")]),
        BadInput("an unknown --encoding", ["extract", "--encoding", "klingon", missing]),
        BadInput("binary standard input", ["extract", "-"], stdin=b"\x00\x01\x02\x03"),
        BadInput("a missing gold file", ["eval", missing]),
        BadInput("a gold file that is not JSON Lines", ["eval", str(tmp / "gold.jsonl")]),
        BadInput("a missing rules folder", ["rules", "check", str(tmp / "no-rules")]),
        BadInput("a broken rule file", ["rules", "check", str(rules)]),
        BadInput("broken rules for extract", ["extract", "--rules", str(rules), missing]),
        BadInput("only unreadable files", ["ingest", "--db", str(tmp / "new.db"), missing]),
        BadInput("a folder as the database", ["ingest", "--db", str(tmp), str(tmp / "x.txt")]),
        BadInput("a corrupt database", ["who-said", "--db", str(corrupt), "bridge"]),
        BadInput("a SQLite database that is not provenance's", ["sources", "--db", str(foreign)]),
        BadInput("a database from a newer provenance", ["export", "--db", str(newer)]),
        BadInput("a missing database", ["trace", "--db", str(tmp / "none.db"), "bridge"]),
        BadInput("an empty query", ["who-said", *db, ""]),
        BadInput("a query of FTS syntax only", ["who-said", *db, '"*() -:^']),
        BadInput("an unknown attribution id", ["trace", *db, "0123456789abcdef"]),
        BadInput("an unknown source", ["sources", *db, "Nobody Atall Whatsoever"]),
        BadInput("a corrupt database", ["export", "--db", str(corrupt), "-f", "csv"]),
        BadInput("a corrupt database", ["doctor", "--db", str(corrupt)]),
        BadInput("a missing draft", ["audit", missing], exit_code=2),
        BadInput("a binary draft", ["audit", str(tmp / "binary.txt")], exit_code=2),
        *_other_commands(corrupt),
    ]


# commands the table covers; one added later gets a generic case (--db on a corrupt file)
COVERED = {
    "extract",
    "eval",
    "rules",
    "ingest",
    "who-said",
    "sources",
    "trace",
    "export",
    "doctor",
    "audit",
}


def _name(command: CommandInfo) -> str:
    if command.name:
        return command.name
    return command.callback.__name__.replace("_", "-") if command.callback else ""


def command_names() -> set[str]:
    names = {_name(c) for c in app.registered_commands}
    return names | {g.name for g in app.registered_groups if g.name}


def _other_commands(corrupt: Path) -> list[BadInput]:
    """A command added after this table and taking ``--db``: run on a corrupt database."""
    takes_db = {
        _name(c)
        for c in app.registered_commands
        if c.callback and "db" in inspect.signature(c.callback).parameters
    }
    return [
        BadInput("a corrupt database", [name, "--db", str(corrupt)])
        for name in sorted((command_names() - COVERED) & takes_db)
    ]


def run_bad_input(case: BadInput) -> Outcome:
    """Run one case through typer's runner: exit status, stderr's first line, traceback?"""
    result = CliRunner().invoke(app, case.args, input=case.stdin)
    stderr = result.stderr
    first = next((line for line in stderr.splitlines() if line.startswith("Error:")), "")
    command = " ".join(case.args[:2] if case.args[0] == "rules" else case.args[:1])
    traceback = "Traceback" in result.output or not isinstance(result.exception, SystemExit)
    return Outcome(case.label, command, result.exit_code, first, stderr, traceback)
