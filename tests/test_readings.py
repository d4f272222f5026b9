"""Readings kept in the store: an article is read for grouping once, when it is stored, and a
refresh that joins it later takes the kept reading; a reading kept under other rules, another
name or another parse is read again, and ``regroup`` reads every article again. Claims a
refresh groups as they are stored keep their rows, and equal those of rewriting them all;
blocking keys kept by claim (before migration 7) move to keys by statement."""

from __future__ import annotations

import gc
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from builders import document, outbreak, said
from test_store_parses import (
    BATCHES,
    claim_rows,
    heatwave,
    never,
    reference_run,
    towers,
    warned,
)
from typer.testing import CliRunner

import provenance.refresh
from provenance import readings
from provenance.cli import app
from provenance.ingest import ClaimRefresher
from provenance.migrations import write_transaction
from provenance.models import Document, Masthead
from provenance.readings import (
    Reading,
    pack_reading,
    read_document,
    reading_version,
    unpack_reading,
)
from provenance.refresh import refresh_claims
from provenance.rules import load_rules
from provenance.sentences import plain_sentences
from provenance.store import Store

RULES = load_rules()
ROOT = Path(__file__).resolve().parent.parent


class _Reads:
    """Counts the articles a refresh reads (``read_document`` in provenance.refresh)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.docs: list[str] = []
        original = provenance.refresh.read_document

        def counted(position: int, doc: Document, *args: Any) -> Reading:
            self.docs.append(doc.doc_id)
            return original(position, doc, *args)

        monkeypatch.setattr(provenance.refresh, "read_document", counted)


def ingested(store: Store, batch: Sequence[Document], refresher: ClaimRefresher) -> None:
    """Store ``batch`` as ``ingest`` does: each with its parse, read for grouping at once."""
    for doc in batch:
        sentences = plain_sentences(doc.text)
        result = store.ingest(doc, Masthead(outlet="AFP"), sentences)
        refresher.stored(store, result, doc.text, sentences)


def grouped(store: Store) -> ClaimRefresher:
    """The test batches stored and their claims grouped, a batch at a time (the refresher
    that read them at ingest, for more)."""
    refresher = ClaimRefresher()
    for batch in BATCHES:
        ingested(store, batch, refresher)
        refresh_claims(store, parse=never)
    return refresher


def _reads_every_article_again(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """No kept reading serves (none is kept that fits): a refresh of the first batch's
    articles reads each of them again."""
    assert kept_readings(store) == {}
    store.mark_claims_stale(store.document_ids())
    reads = _Reads(monkeypatch)
    refresh_claims(store, parse=never)
    assert sorted(reads.docs) == sorted(d.doc_id for d in BATCHES[0])


def ferry() -> Document:
    t = (
        "Marco Ferri said the council was warned about the towers in March.\n"
        "The harbour master said the new ferry route to Ostrava opened on Tuesday.\n"
    )
    return document(
        "ferry",
        t,
        said(
            t,
            "the council was warned about the towers in March",
            "Marco Ferri",
            source="Marco Ferri",
            source_type="person",
        ),
        said(t, "the new ferry route to Ostrava opened on Tuesday", "The harbour master"),
    )


def toll() -> Document:
    t = "The ministry said the plant would close.\nThe deadliest attack killed 31 people.\n"
    return document(
        "toll",
        t,
        said(t, "the plant would close", "The ministry", source="ministry"),
    )


def kept_readings(store: Store) -> dict[str, tuple[str, bytes]]:
    ids = [str(r[0]) for r in store.db.execute("SELECT id FROM documents")]
    return store.kept_readings(ids, reading_version(store.rules))


def test_a_packed_reading_reads_back_as_it_was() -> None:
    readings = []
    for doc in [outbreak(), heatwave(), towers(), warned(), ferry(), toll()]:
        for position in (0, 3):
            reading = read_document(position, doc, plain_sentences(doc.text), RULES)
            assert unpack_reading(pack_reading(reading), doc, position) == reading
            readings.append(reading)
    assert all(r.statements for r in readings) and any(r.unattributed for r in readings)


def test_articles_are_read_when_stored_and_never_again_by_a_refresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    refresher = ClaimRefresher()
    with Store(tmp_path / "kept.db", rules=RULES) as store:
        for batch in BATCHES:
            ingested(store, batch, refresher)
            reads = _Reads(monkeypatch)
            done = refresh_claims(store, parse=never)
            assert reads.docs == [] and done.parsed == 0
            monkeypatch.undo()
        assert len(kept_readings(store)) == sum(map(len, BATCHES))
    assert [r.documents for r in [done]] == [5]  # the second batch joined both stored articles
    reference_run(tmp_path / "again.db", BATCHES, plain_sentences)
    assert claim_rows(tmp_path / "kept.db") == claim_rows(tmp_path / "again.db")


def test_a_refresh_keeps_the_readings_it_made_for_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store(tmp_path / "news.db", rules=RULES) as store:
        for doc in BATCHES[0]:
            store.ingest(doc, Masthead(outlet="AFP"), plain_sentences(doc.text))
        reads = _Reads(monkeypatch)
        refresh_claims(store, parse=never)
        assert sorted(reads.docs) == sorted(d.doc_id for d in BATCHES[0])
        reads.docs.clear()
        for doc in BATCHES[1]:
            store.ingest(doc, Masthead(outlet="AFP"), plain_sentences(doc.text))
        refresh_claims(store, parse=never)
        assert sorted(reads.docs) == sorted(d.doc_id for d in BATCHES[1])  # not the joined


def test_a_refresh_holds_the_cycle_collector_off_and_leaves_it_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    collecting: list[bool] = []
    original = provenance.refresh.group_claims

    def grouping(*args: Any, **kwargs: Any) -> Any:
        collecting.append(gc.isenabled())
        return original(*args, **kwargs)

    monkeypatch.setattr(provenance.refresh, "group_claims", grouping)
    try:
        for enabled in (True, False):
            gc.enable() if enabled else gc.disable()
            with Store(tmp_path / f"{enabled}.db", rules=RULES) as store:
                ingested(store, BATCHES[0], ClaimRefresher())
                assert refresh_claims(store, parse=never).claims > 0
                assert gc.isenabled() is enabled
    finally:
        gc.enable()
    assert collecting == [False, False]


def _spoiled(store: Store) -> None:
    """Every kept reading replaced by an empty one, kept under the right version and name:
    a refresh that used them would store no claims for these articles."""
    empty = pack_reading(Reading((), ()))
    store.db.execute("UPDATE document_readings SET reading = ?", [empty])


def test_regroup_reads_every_article_again_whatever_was_kept(tmp_path: Path) -> None:
    reference_run(tmp_path / "again.db", BATCHES, plain_sentences)
    path = tmp_path / "kept.db"
    with Store(path, rules=RULES) as store:
        grouped(store)
        _spoiled(store)
        ids = store.document_ids()
        store.mark_claims_stale(ids)
        refresh_claims(store, parse=never)  # a refresh trusts what it kept ...
    assert claim_rows(path) != claim_rows(tmp_path / "again.db")
    with Store(path, rules=RULES) as store:
        _spoiled(store)
        store.mark_claims_stale(ids)
        refresh_claims(store, parse=never, reread=True)  # ... regroup does not
    assert claim_rows(path) == claim_rows(tmp_path / "again.db")
    with Store(path, rules=RULES) as store:
        _spoiled(store)
    result = CliRunner().invoke(app, ["regroup", "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert claim_rows(path) == claim_rows(tmp_path / "again.db")


def test_a_reading_kept_under_other_rules_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edited = tmp_path / "rules"
    edited.mkdir()
    for part in (ROOT / "rules").iterdir():
        text = part.read_text(encoding="utf-8")
        (edited / part.name).write_text(text.replace("same_content = 85", "same_content = 60"))
    other = load_rules(edited)
    assert reading_version(other) != reading_version(RULES)
    path = tmp_path / "news.db"
    with Store(path, rules=RULES) as store:
        ingested(store, BATCHES[0], ClaimRefresher())
        refresh_claims(store, parse=never)
        _spoiled(store)  # were they used, the claims would be lost
    with Store(path, rules=other) as store:
        _reads_every_article_again(store, monkeypatch)
        assert len(kept_readings(store)) == len(BATCHES[0])
    with Store(tmp_path / "fresh.db", rules=other) as store:
        for doc in BATCHES[0]:
            store.ingest(doc, Masthead(outlet="AFP"), plain_sentences(doc.text))
        refresh_claims(store, parse=never)
    assert claim_rows(path) == claim_rows(tmp_path / "fresh.db")


def test_a_reading_kept_under_another_name_is_read_again(tmp_path: Path) -> None:
    # two articles named alike are grouped as "stdin" and "stdin@<id>": the second one's
    # reading, kept as "stdin" when it was stored, is not the one grouping needs
    first, second = towers("one"), towers("two")
    batch = [Document("stdin", d.text, None, d.attributions) for d in (first, second)]
    path = tmp_path / "kept.db"
    with Store(path, rules=RULES) as store:
        ingested(store, batch, ClaimRefresher())
        names = {name for name, _ in kept_readings(store).values()}
        refresh_claims(store, parse=never)
        after = {name for name, _ in kept_readings(store).values()}
    assert names == {"stdin"} and len(after) == 2
    reference_run(tmp_path / "again.db", [batch], plain_sentences)
    assert claim_rows(path) == claim_rows(tmp_path / "again.db")


def test_a_replaced_article_takes_its_reading_with_it(tmp_path: Path) -> None:
    with Store(tmp_path / "news.db", rules=RULES) as store:
        first = outbreak()
        first = Document(first.doc_id, first.text, str(tmp_path / "o.txt"), first.attributions)
        changed = outbreak("eleven")
        changed = Document(changed.doc_id, changed.text, first.path, changed.attributions)
        ingested(store, [first], ClaimRefresher())
        old = next(iter(kept_readings(store)))
        ingested(store, [changed], ClaimRefresher())
        kept = kept_readings(store)
        problems = store.db.execute("PRAGMA foreign_key_check").fetchall()
    assert old not in kept and len(kept) == 1 and problems == []


def test_a_new_parse_drops_the_reading_made_from_the_old_one(tmp_path: Path) -> None:
    with Store(tmp_path / "news.db", rules=RULES) as store:
        doc = outbreak()
        ingested(store, [doc], ClaimRefresher())
        found = next(iter(kept_readings(store)))
        with write_transaction(store.db):
            store._keep_parses({found: plain_sentences(doc.text)})
        assert kept_readings(store) == {}


def test_claims_grouped_as_stored_keep_their_rows_and_equal_a_full_rewrite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written: list[int] = []
    original = Store._insert_claim_rows

    def counted(self: Store, claims: Sequence[Any], now: str) -> None:
        written.append(len(claims))
        original(self, claims, now)

    monkeypatch.setattr(Store, "_insert_claim_rows", counted)
    # the third batch joins the towers claim, which brings in the ferry story too: its other
    # claim is grouped as it was stored
    batches = [*BATCHES, [ferry()], [towers("towers-third")]]
    path = tmp_path / "kept.db"
    with Store(path, rules=RULES) as store:
        for n, batch in enumerate(batches):
            if n == len(batches) - 1:
                store.db.execute("UPDATE claims SET updated_at = 'then'")
            ingested(store, batch, ClaimRefresher())
            stored = refresh_claims(store, parse=never).claims
        grouped = store.db.execute(
            "SELECT DISTINCT c.updated_at FROM claims c JOIN claim_attributions ca "
            "ON ca.claim_number = c.number WHERE ca.document_id IN (SELECT document_id FROM "
            "claim_attributions WHERE claim_number IN (SELECT claim_number FROM claim_attributions "
            "ca JOIN documents d ON d.id = ca.document_id WHERE d.doc_id = 'towers-third'))"
        ).fetchall()
    assert 0 < written[-1] < stored  # the last refresh rewrote some of its claims, not all
    assert len(grouped) == 1 and grouped[0][0] != "then"  # all of them were grouped now
    # the same refreshes, every claim of a batch dropped and written again
    monkeypatch.setattr(Store, "_stored_claim_rows", lambda self, ids: {})
    with Store(tmp_path / "again.db", rules=RULES) as store:
        for batch in batches:
            ingested(store, batch, ClaimRefresher())
            refresh_claims(store, parse=never)
    assert claim_rows(path) == claim_rows(tmp_path / "again.db")


def test_blocking_keys_kept_by_claim_move_to_keys_by_statement(tmp_path: Path) -> None:
    # a store as migration 6 left it: each key with the claim that wrote it
    path = tmp_path / "news.db"
    with Store(path, rules=RULES) as store:
        refresher = grouped(store)
        keys = store.db.execute(
            "SELECT k.key, k.attribution_id, c.id FROM claim_keys k "
            "JOIN claim_attributions ca ON ca.attribution_id = k.attribution_id "
            "JOIN claims c ON c.number = ca.claim_number ORDER BY 1, 2"
        ).fetchall()
        with write_transaction(store.db):
            store.db.execute("DROP TABLE claim_keys")
            store.db.execute("DROP TABLE claim_key_counts")  # migration 8's
            store.db.execute("DROP TABLE claim_document_keys")  # migration 10's
            store.db.execute("DELETE FROM settings WHERE key = 'claim_keys_common_over'")
            # (its reference to claims(id) left out: claims are keyed by number since
            # migration 13)
            store.db.execute(
                "CREATE TABLE claim_keys (key TEXT NOT NULL, attribution_id TEXT NOT NULL "
                "REFERENCES attributions(id), claim_id TEXT NOT NULL, "
                "PRIMARY KEY (key, attribution_id)) WITHOUT ROWID"
            )
            store.db.conn.executemany("INSERT INTO claim_keys VALUES (?, ?, ?)", keys)
            store.db.execute("DELETE FROM migrations WHERE version > 6")
    assert len(keys) > 10
    with Store(path, rules=RULES) as store:
        moved = store.db.execute("SELECT key, attribution_id FROM claim_keys ORDER BY 1, 2")
        assert moved.fetchall() == [(k, a) for k, a, _ in keys]
        ingested(store, [towers("towers-third")], refresher)  # drops and rewrites a claim
        refresh_claims(store, parse=never)
    again = tmp_path / "again.db"
    with Store(again, rules=RULES) as store:
        for batch in [*BATCHES, [towers("towers-third")]]:
            ingested(store, batch, ClaimRefresher())
            refresh_claims(store, parse=never)
    assert claim_rows(path) == claim_rows(again)


def test_a_reading_kept_by_other_code_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "news.db"
    with Store(path, rules=RULES) as store:
        ingested(store, BATCHES[0], ClaimRefresher())
        refresh_claims(store, parse=never)
        _spoiled(store)  # were they used, the claims would be lost
    # the same rules and version, the code that reads an article edited since
    monkeypatch.setattr(readings, "_VERSIONS", {})
    monkeypatch.setattr(readings, "_code_digest", lambda paths: "edited")
    with Store(path, rules=RULES) as store:
        _reads_every_article_again(store, monkeypatch)
    reference_run(tmp_path / "again.db", [BATCHES[0]], plain_sentences)
    assert claim_rows(path) == claim_rows(tmp_path / "again.db")


def test_the_code_digest_follows_every_byte_of_the_code(tmp_path: Path) -> None:
    one, two = tmp_path / "one.py", tmp_path / "two.py"
    one.write_text("x = 1\n")
    two.write_text("y = 2\n")
    before = readings._code_digest((one, two))
    one.write_text("x = 1  # a comment\n")
    readings._code_digest.cache_clear()
    assert readings._code_digest((one, two)) != before
    assert all(p.is_file() for p in map(readings._source, readings._READING_CODE))
