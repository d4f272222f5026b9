"""Blocking keys in the store: a key held by more statements than the store's limit
(``claim_keys_common_over``) is counted in ``claim_key_counts``, not listed in ``claim_keys``,
and listed again when dropped statements bring it back under the limit. Claims, and the
stored articles a refresh compares a new one with, are those of a store listing every key."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from builders import outbreak, table_rows, towers
from sqlite_utils import Database
from test_readings import ingested
from test_store_parses import BATCHES, claim_rows, never, warned

from provenance import migrations
from provenance.claims import blocking_keys
from provenance.ingest import ClaimRefresher
from provenance.migrations import write_transaction
from provenance.models import Document
from provenance.readings import read_document
from provenance.refresh import refresh_claims
from provenance.rules import load_rules
from provenance.sentences import plain_sentences
from provenance.store import Store

RULES = load_rules()


def packed(db: Path) -> list[tuple[str, str]]:
    """Every (key, statement) of the articles' rows in ``claim_document_keys``."""
    with sqlite3.connect(db) as conn:
        return sorted(
            conn.execute(
                "SELECT k.value, s.key FROM claim_document_keys d, json_each(d.keys) s, "
                "json_each(s.value) k"
            ).fetchall()
        )


def held(db: Path) -> list[tuple[str, str]]:
    """Every (key, statement) the store holds, listed, or counted (found in the articles'
    rows); those rows hold every one of them, and no other."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT key, attribution_id FROM claim_keys").fetchall()
        common = {str(r[0]) for r in conn.execute("SELECT key FROM claim_key_counts")}
    rows += [(k, a) for k, a in packed(db) if k in common]
    assert sorted(rows) == packed(db)
    return sorted(rows)


def back_to_migration_9(db: Database) -> None:
    """Turn a store back to the layout migration 9 left (inside a transaction): each key in
    ``claim_keys`` (with a reference to its statement, and an index by statement) or, when
    counted, in its statement's ``claim_common_keys`` row; no ``claim_document_keys``."""
    common = {str(r[0]) for r in db.execute("SELECT key FROM claim_key_counts")}
    counted: dict[str, list[str]] = {}
    for key, attribution in db.execute(
        "SELECT k.value, s.key FROM claim_document_keys d, json_each(d.keys) s, "
        "json_each(s.value) k ORDER BY 1"
    ):
        if key in common:
            counted.setdefault(attribution, []).append(key)
    for sql in (
        """CREATE TABLE claim_common_keys (
            attribution_id TEXT PRIMARY KEY REFERENCES attributions(id),
            keys TEXT NOT NULL
        ) WITHOUT ROWID""",
        """CREATE TABLE claim_keys_9 (
            key TEXT NOT NULL,
            attribution_id TEXT NOT NULL REFERENCES attributions(id),
            PRIMARY KEY (key, attribution_id)
        ) WITHOUT ROWID""",
        "INSERT INTO claim_keys_9 SELECT key, attribution_id FROM claim_keys",
        "DROP TABLE claim_keys",
        "ALTER TABLE claim_keys_9 RENAME TO claim_keys",
        "CREATE INDEX claim_keys_attribution ON claim_keys(attribution_id)",
        "DROP TABLE claim_document_keys",
        "DELETE FROM migrations WHERE version > 9",
    ):
        db.execute(sql)
    db.conn.executemany(
        "INSERT INTO claim_common_keys (attribution_id, keys) VALUES (?, ?)",
        [(a, migrations.pack_keys(keys)) for a, keys in sorted(counted.items())],
    )


def counted(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT key, holders FROM claim_key_counts").fetchall())


def listed(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {str(r[0]) for r in conn.execute("SELECT DISTINCT key FROM claim_keys")}


def at_path(doc: Document, path: Path) -> Document:
    return Document(doc.doc_id, doc.text, str(path), doc.attributions)


def grown(db: Path, limit: int, monkeypatch: pytest.MonkeyPatch) -> list[dict[str, int]]:
    """The test batches stored and refreshed in a new store counting keys held by more than
    ``limit``, then the towers copy replaced by another article at its path (its statements'
    keys dropped); the counted keys after each step."""
    monkeypatch.setattr(migrations, "COMMON_KEY_HOLDERS", limit)
    steps = []
    copy = db.parent / "copy.txt"
    batches = [
        BATCHES[0],
        [*BATCHES[1][:-1], at_path(towers("towers-copy"), copy)],
        [at_path(outbreak("eleven"), copy)],
    ]
    with Store(db, rules=RULES) as store:
        for batch in batches:
            ingested(store, batch, ClaimRefresher())
            refresh_claims(store, parse=never)
            steps.append(counted(db))
    monkeypatch.undo()
    return steps


def grown_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, Path, list[dict[str, int]]]:
    """Two stores grown alike: one listing every key (limit 200), one counting the keys held
    by more than one statement; and the counted keys after each step of the second."""
    (tmp_path / "all").mkdir()
    (tmp_path / "few").mkdir()
    every, few = tmp_path / "all" / "news.db", tmp_path / "few" / "news.db"
    grown(every, 200, monkeypatch)
    return every, few, grown(few, 1, monkeypatch)


def expected_counts(db: Path, limit: int) -> dict[str, int]:
    holders = Counter(k for k, _ in held(db))
    return {k: n for k, n in holders.items() if n > limit}


def test_keys_over_the_limit_are_counted_and_listed_again_under_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    every, few, steps = grown_both(tmp_path, monkeypatch)
    # the same claims and the same keys held, the common ones counted instead of listed
    assert {t: r for t, r in claim_rows(every).items() if t != "claim_keys"} == {
        t: r for t, r in claim_rows(few).items() if t != "claim_keys"
    }
    assert held(few) == held(every) == sorted(claim_rows(every)["claim_keys"])
    assert counted(every) == {} and counted(few) == expected_counts(few, 1)
    assert not listed(few) & counted(few).keys()
    # a key went over the limit as articles came, and one came back under it
    assert steps[0].keys() - steps[1].keys() < steps[1].keys() - steps[0].keys()
    back = steps[1].keys() - steps[2].keys()
    assert back and back <= listed(few)


def test_lookups_find_the_same_articles_whatever_is_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    every, few, _ = grown_both(tmp_path, monkeypatch)
    statements = [
        blocking_keys(s)
        for doc in (towers("towers-new"), warned(), outbreak())
        for s in read_document(0, doc, plain_sentences(doc.text), RULES).statements
    ]
    events = [f"t:{e.name}" for e in RULES.claims.events]
    with Store(every, rules=RULES) as a, Store(few, rules=RULES) as b:
        for max_block in (1, 2, 3, 200):  # under, at and over the counting store's limit
            found = [
                s.documents_sharing_any(statements, max_block, min_terms=1, events=events)
                for s in (a, b)
            ]
            assert found[0] == found[1]
        assert a.documents_sharing_any(statements, 200, min_terms=1, events=events)


def test_migration_8_counts_the_common_keys_of_a_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "news.db"
    grown(db, 200, monkeypatch)
    before = claim_rows(db)
    with Store(db, rules=RULES) as store, write_transaction(store.db):
        # a store as migration 7 left it: every key listed
        store.db.execute("DROP TABLE claim_key_counts")
        store.db.execute("DROP TABLE claim_document_keys")  # migration 10's
        store.db.execute("DELETE FROM settings WHERE key = 'claim_keys_common_over'")
        store.db.execute("DELETE FROM migrations WHERE version > 7")
    monkeypatch.setattr(migrations, "COMMON_KEY_HOLDERS", 1)
    with Store(db, rules=RULES) as store:
        assert store.schema_version() == migrations.LATEST
        assert store.setting("claim_keys_common_over") == "1"
        problems = store.db.execute("PRAGMA foreign_key_check").fetchall()
    assert problems == [] and counted(db) == expected_counts(db, 1) != {}
    assert held(db) == sorted(before["claim_keys"])
    assert not listed(db) & counted(db).keys()


def test_keys_of_statements_grouped_again_are_left_as_they_are(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    with Store(db, rules=RULES) as store:
        ingested(store, BATCHES[0], ClaimRefresher())
        refresh_claims(store, parse=never)
        before, claims = held(db), claim_rows(db)["claims"]
        store.db.execute("CREATE TEMP TABLE dropped (key TEXT, attribution_id TEXT)")
        store.db.execute(
            "CREATE TEMP TRIGGER dropping AFTER DELETE ON claim_keys BEGIN "
            "INSERT INTO dropped VALUES (old.key, old.attribution_id); END"
        )
        ingested(store, BATCHES[1], ClaimRefresher())  # joins a claim of the first batch
        refresh_claims(store, parse=never)
        dropped = store.db.execute("SELECT * FROM dropped").fetchall()
    assert set(claims) - set(claim_rows(db)["claims"])  # a stored claim was written again
    assert set(before) < set(held(db)) and dropped == []


def test_counted_keys_of_statements_grouped_again_are_left_as_they_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "news.db"
    monkeypatch.setattr(migrations, "COMMON_KEY_HOLDERS", 1)
    with Store(db, rules=RULES) as store:
        for batch in BATCHES:
            ingested(store, batch, ClaimRefresher())
            refresh_claims(store, parse=never)
        before = dict(store.db.execute("SELECT * FROM claim_document_keys").fetchall())
        counts = dict(store.db.execute("SELECT * FROM claim_key_counts").fetchall())
        store.db.execute("CREATE TEMP TABLE written (document_id TEXT)")
        for event in ("INSERT", "UPDATE"):
            store.db.execute(
                f"CREATE TEMP TRIGGER writing_{event} AFTER {event} ON claim_document_keys "
                "BEGIN INSERT INTO written VALUES (new.document_id); END"
            )
        ingested(store, [towers("towers-third")], ClaimRefresher())  # joins the towers claim
        refresh_claims(store, parse=never)
        written = {str(r[0]) for r in store.db.execute("SELECT * FROM written")}
        after = dict(store.db.execute("SELECT * FROM claim_document_keys").fetchall())
    unchanged = {d for d, keys in before.items() if after.get(d) == keys}
    assert counts and unchanged and written and not unchanged & written


# every table a migration could lose a row of: the articles and what they say, the claims
STORED = (
    "documents",
    "sources",
    "mentions",
    "attributions",
    "hops",
    "claims",
    "claim_attributions",
    "claim_spans",
    "claim_origins",
    "flags",
    "claims_refreshed",
    "claim_key_counts",
    "settings",
)


def everything(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(db) as conn:
        out = {t: table_rows(conn, t) for t in STORED}
    out["held"] = list(held(db))
    return out


def test_migration_10_packs_the_keys_of_a_store_by_article_and_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "news.db"
    grown(db, 1, monkeypatch)  # keys held by more than one statement counted
    before = everything(db)
    assert before["claim_key_counts"] and before["flags"] and before["held"]
    with Store(db, rules=RULES) as store, write_transaction(store.db):
        back_to_migration_9(store.db)
    with sqlite3.connect(db) as conn:  # the layout migration 9 left, keys by statement
        assert conn.execute("SELECT count(*) FROM claim_common_keys").fetchone()[0] > 0
        assert "claim_document_keys" not in {
            r[0] for r in conn.execute("SELECT name FROM sqlite_master")
        }
    with Store(db, rules=RULES) as store:
        assert store.schema_version() == migrations.LATEST
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
        names = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master")}
    assert "claim_common_keys" not in names and "claim_keys_attribution" not in names
    assert everything(db) == before
    # and it goes on as a store grown under this layout does
    more = [towers("towers-third"), outbreak("twelve")]
    again = tmp_path / "again" / "news.db"
    again.parent.mkdir()
    grown(again, 1, monkeypatch)
    for path in (db, again):
        with Store(path, rules=RULES) as store:
            ingested(store, more, ClaimRefresher())
            refresh_claims(store, parse=never)
    assert everything(db)["held"] == everything(again)["held"]
    assert claim_rows(db) == claim_rows(again)


def test_a_refresh_keeps_each_articles_keys_in_one_row(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    with Store(db, rules=RULES) as store:
        ingested(store, BATCHES[0], ClaimRefresher())
        refresh_claims(store, parse=never)
        documents = {
            str(r[0])
            for r in store.db.execute("SELECT DISTINCT document_id FROM claim_attributions")
        }
        rows = dict(store.db.execute("SELECT document_id, keys FROM claim_document_keys"))
        by_statement = store.db.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'claim_keys'"
        ).fetchone()[0]
    assert rows.keys() == documents and by_statement == 0
    assert held(db) == packed(db) == sorted(claim_rows(db)["claim_keys"])
