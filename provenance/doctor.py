"""``provenance doctor``: is the database sound, and are the rule files valid?

Each check says ``ok`` or what is wrong and what to do about it. The database is opened
read-only: the doctor never migrates, repairs or creates anything.

>>> # for check in diagnose(Path("provenance.db")):
>>> #     print("ok" if check.ok else "problem", check.name, check.detail)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from provenance.errors import StoreError
from provenance.migrations import LATEST
from provenance.rules import check_rules, default_rules_dir
from provenance.store import FtsHealth, Health, inspect_database

_REBUILD = (
    "rebuild it: sqlite3 {db} \"INSERT INTO {index}({index}) VALUES('rebuild')\" "
    "(or ingest the articles again into a new --db)"
)


@dataclass(frozen=True, slots=True)
class Check:
    """One check: what was checked, whether it passed, what was found, and what to do
    (``advice``, for a problem). ``items`` lists the problems one by one."""

    name: str
    ok: bool
    detail: str
    advice: str | None = None
    items: tuple[str, ...] = ()


def diagnose(db: Path, rules_dir: Path | None = None) -> list[Check]:
    """Every check, in order: the database (opens, schema version, integrity, foreign keys,
    orphan rows, full-text indexes), then the rule files."""
    return [*database_checks(db), rules_check(rules_dir)]


def database_checks(db: Path) -> list[Check]:
    """The database's checks; one problem only when it cannot be read at all."""
    try:
        health = inspect_database(db)
    except StoreError as exc:
        return [
            Check(
                "database",
                False,
                str(exc),
                "pass --db (or set PROVENANCE_DB) to a provenance database, or restore it from "
                "a backup",
            )
        ]
    return [
        _schema(db, health),
        _integrity(db, health),
        _foreign_keys(health),
        _orphans(health),
        *(_fts(db, f) for f in health.fts),
    ]


def rules_check(rules_dir: Path | None) -> Check:
    folder = rules_dir or default_rules_dir()
    problems = check_rules(folder)
    if not problems:
        return Check("rules", True, f"the rule files in {folder} are valid")
    return Check(
        "rules",
        False,
        f"{len(problems)} problem(s) in the rule files in {folder}",
        "fix each one; 'provenance rules check' lists them again",
        tuple(problems),
    )


def _schema(db: Path, health: Health) -> Check:
    counts = ", ".join(f"{n} {t}" for t, n in health.counts.items())
    if health.version == LATEST:
        return Check("schema", True, f"{db}: schema version {health.version}, current; {counts}")
    if health.version < LATEST:
        return Check(
            "schema",
            False,
            f"{db}: schema version {health.version}, older than this provenance's {LATEST}",
            "any provenance command that opens it (e.g. 'provenance sources --db ...') upgrades "
            "it; copy the file first if an older provenance must still read it",
        )
    return Check(
        "schema",
        False,
        f"{db}: schema version {health.version}, newer than this provenance knows ({LATEST})",
        "upgrade provenance (pip install -U provenance) before using this database",
    )


def _integrity(db: Path, health: Health) -> Check:
    if health.integrity == ("ok",):
        return Check("integrity", True, "PRAGMA integrity_check found nothing wrong")
    return Check(
        "integrity",
        False,
        f"PRAGMA integrity_check found {len(health.integrity)} problem(s)",
        f"restore {db} from a backup, or recover what is readable: "
        f"sqlite3 {db} .recover | sqlite3 recovered.db, then use --db recovered.db",
        health.integrity[:20],
    )


def _foreign_keys(health: Health) -> Check:
    if not health.foreign_keys:
        return Check("foreign keys", True, "every reference points at an existing row")
    items = tuple(
        f"{table} row {rowid} refers to a missing {parent} row"
        for table, rowid, parent in health.foreign_keys[:20]
    )
    return Check(
        "foreign keys",
        False,
        f"{len(health.foreign_keys)} row(s) refer to rows that do not exist",
        "ingest the articles again into a new --db (the ids are content hashes, so the new "
        "database holds the same rows)",
        items,
    )


def _orphans(health: Health) -> Check:
    found = [(what, n) for what, n in health.orphans if n]
    if not found:
        return Check("orphan rows", True, "no mention, attribution or hop without its parent")
    return Check(
        "orphan rows",
        False,
        f"{sum(n for _, n in found)} row(s) whose parent row is missing",
        "ingest the articles again into a new --db",
        tuple(f"{n} {what}" for what, n in found),
    )


def _fts(db: Path, f: FtsHealth) -> Check:
    name = f"search index {f.index}"
    if f.in_sync:
        return Check(name, True, f"indexes all {f.rows} row(s) of {f.table}")
    return Check(
        name,
        False,
        f"out of step with {f.table}: {f.rows} row(s), {f.indexed} indexed, {f.unindexed} "
        f"missing from the index, {f.stale} indexed but gone",
        _REBUILD.format(db=db, index=f.index),
    )
