"""Blocking keys in the store: a key held by more statements than the store's limit
(``claim_keys_common_over``) is counted in ``claim_key_counts``, not listed in ``claim_keys``,
and listed again when dropped statements bring it back under the limit. Claims, and the
stored articles a refresh compares a new one with, are those of a store listing every key."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from builders import outbreak, towers
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


def held(db: Path) -> list[tuple[str, str]]:
    """Every (key, statement) the store holds, listed or counted."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT key, attribution_id FROM claim_keys").fetchall()
        rows += conn.execute(
            "SELECT j.value, k.attribution_id FROM claim_common_keys k, json_each(k.keys) j"
        ).fetchall()
    return sorted(rows)


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
        store.db.execute("DROP TABLE claim_common_keys")
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
        before = dict(store.db.execute("SELECT * FROM claim_common_keys").fetchall())
        store.db.execute("CREATE TEMP TABLE written (attribution_id TEXT)")
        store.db.execute(
            "CREATE TEMP TRIGGER writing AFTER INSERT ON claim_common_keys BEGIN "
            "INSERT INTO written VALUES (new.attribution_id); END"
        )
        ingested(store, [towers("towers-third")], ClaimRefresher())  # joins the towers claim
        refresh_claims(store, parse=never)
        written = {str(r[0]) for r in store.db.execute("SELECT * FROM written")}
        after = dict(store.db.execute("SELECT * FROM claim_common_keys").fetchall())
    unchanged = {a for a, keys in before.items() if after.get(a) == keys}
    assert unchanged and written and not unchanged & written
