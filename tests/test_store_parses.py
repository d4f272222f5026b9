"""Parses kept in the store: a refresh groups stored articles from the parse kept when they
were stored, never parsing them again, and stores exactly the claims that parsing every
article again gives (compared with the refresh as it was before parses were kept)."""

from __future__ import annotations

import doctest
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import builders
import pytest
from builders import document, outbreak, said

from provenance import parses
from provenance.claims import blocking_keys, group_claims
from provenance.ingest import ClaimRefresher, ingest_paths
from provenance.models import Document, Masthead, Sentence, StoredDocument
from provenance.parses import pack_parse, read_parse
from provenance.refresh import _named_apart, refresh_claims
from provenance.rules import load_rules
from provenance.sentences import plain_sentences
from provenance.statements import read_statements
from provenance.store import Store

RULES = load_rules()
ROOT = Path(__file__).resolve().parent.parent
Reader = Callable[[str], list[Sentence]]
# every claim table, without the columns that hold the time of writing
CLAIM_ROWS = {
    "claims": "id, text, severity, explanation",
    "claim_attributions": "*",
    "claim_spans": "*",
    "claim_origins": "*",
    "flags": "*",
    "claim_keys": "*",
    "claims_refreshed": "document_id",
}


def reference_refresh(store: Store, parse: Reader) -> int:
    """The refresh as it was before parses were kept (commit 08d66b7): every stored article
    joining the batch parsed again with ``parse``, statements read apart for the blocking
    keys and for grouping. Returns how many articles were grouped."""
    pending = store.pending_claim_documents()
    if not pending:
        return 0
    rules = store.rules

    def keys_of(d: StoredDocument) -> dict[int, frozenset[str]]:
        statements = read_statements(0, d.document, parse(d.document.text), rules)
        return {s.index: blocking_keys(s) for s in statements}

    fresh = store.stored_documents(pending)
    known = {(d.id, d.document.doc_id): keys_of(d) for d in fresh}
    joined = store.documents_sharing_any(
        [k for found in known.values() for k in found.values()],
        rules.claims.max_block,
        min_terms=rules.claims.min_shared_words,
        events=[f"t:{e.name}" for e in rules.claims.events],
    )
    batch = store.claim_closure(set(pending) | joined)
    documents = _named_apart(
        sorted(
            [*fresh, *store.stored_documents(batch - set(pending))],
            key=lambda d: (d.document.doc_id, d.id),
        )
    )
    claims = group_claims([d.document for d in documents], rules, parse=parse)
    keys = {
        (d.document.doc_id, index): found
        for d in documents
        for index, found in (known.get((d.id, d.document.doc_id)) or keys_of(d)).items()
    }
    assert store.replace_claims(documents, claims, keys) >= 0
    return len(documents)


def claim_rows(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    with sqlite3.connect(db) as conn:
        return {
            table: builders.table_rows(conn, table, columns)
            for table, columns in CLAIM_ROWS.items()
        }


def never(text: str) -> list[Sentence]:
    raise AssertionError(f"parsed again: {text[:40]!r}")


# --------------------------------------------------------------------------- hand-built articles


def heatwave() -> Document:
    t = (
        "The heat was blamed for an outbreak around the city of Brescia, where the patients' "
        "association Aria Pulita said nine people had died.\n"
        "Floods also killed four people in the valley on Sunday.\n"
    )
    return document(
        "heatwave",
        t,
        said(
            t,
            "nine people had died",
            "the patients' association Aria Pulita",
            source="Aria Pulita",
            source_type="organisation",
        ),
    )


def towers(name: str = "towers") -> Document:
    return builders.towers(name, f"Copy: {name}.\n")


def warned() -> Document:
    t = "Marco Ferri said the council was warned about the towers in March.\n"
    return document(
        "warned",
        t,
        said(
            t,
            "the council was warned about the towers in March",
            "Marco Ferri",
            source="Marco Ferri",
            source_type="person",
        ),
    )


BATCHES = ((outbreak(), towers()), (heatwave(), warned(), towers("towers-copy")))


def kept_run(db: Path, batches: Sequence[Sequence[Document]]) -> list[int]:
    """Each batch stored with its parse, then refreshed; stored articles never parsed."""
    grouped = []
    with Store(db, rules=RULES) as store:
        for batch in batches:
            for doc in batch:
                store.ingest(doc, Masthead(outlet="AFP"), plain_sentences(doc.text))
            done = refresh_claims(store, parse=never)
            assert done.parsed == 0
            grouped.append(done.documents)
    return grouped


def reference_run(db: Path, batches: Sequence[Sequence[Document]], parse: Reader) -> list[int]:
    grouped = []
    with Store(db, rules=RULES) as store:
        for batch in batches:
            for doc in batch:
                store.ingest(doc, Masthead(outlet="AFP"))
            grouped.append(reference_refresh(store, parse))
    return grouped


def test_kept_parses_give_the_claims_that_parsing_every_article_again_gives(
    tmp_path: Path,
) -> None:
    kept = kept_run(tmp_path / "kept.db", BATCHES)
    again = reference_run(tmp_path / "again.db", BATCHES, plain_sentences)
    assert kept == again == [2, 5]  # the second batch joined both stored articles
    expected = claim_rows(tmp_path / "again.db")
    assert len(expected["claims"]) >= 2 and expected["claim_keys"]
    assert claim_rows(tmp_path / "kept.db") == expected


def test_an_article_stored_without_a_parse_is_parsed_once_and_its_parse_kept(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    with Store(path, rules=RULES) as store:
        for doc in BATCHES[0]:
            store.ingest(doc, Masthead(outlet="AFP"))  # as stored before parses were kept
        first = refresh_claims(store, parse=plain_sentences)
        assert store.db.execute("SELECT count(*) FROM document_parses").fetchone()[0] == 2
        for doc in BATCHES[1]:
            store.ingest(doc)  # nor any parse at hand: each is parsed once, then kept
        second = refresh_claims(store, parse=plain_sentences)
        for doc in BATCHES[1]:
            store.ingest(doc)  # unchanged
        stored = store.stored_documents(r[0] for r in store.db.execute("SELECT id FROM documents"))
        kept = store.stored_parses(d.id for d in stored)
    assert (first.parsed, second.parsed) == (2, 3)
    assert (second.pending, second.documents) == (3, 5)
    assert {d.id: plain_sentences(d.document.text) for d in stored} == kept
    reference_run(tmp_path / "again.db", BATCHES, plain_sentences)
    assert claim_rows(path) == claim_rows(tmp_path / "again.db")


def test_parses_at_hand_are_used_and_kept_for_articles_stored_without_one(tmp_path: Path) -> None:
    with Store(tmp_path / "news.db", rules=RULES) as store:
        for doc in BATCHES[0]:
            store.ingest(doc)
        at_hand = {d.text: plain_sentences(d.text) for d in BATCHES[0]}
        done = refresh_claims(store, parses=at_hand, parse=never)
        assert done.parsed == 0
        kept = store.stored_parses(r[0] for r in store.db.execute("SELECT id FROM documents"))
    assert sorted(map(len, kept.values())) == sorted(map(len, at_hand.values()))


def test_a_replaced_article_takes_its_parse_with_it(tmp_path: Path) -> None:
    with Store(tmp_path / "news.db", rules=RULES) as store:
        first = outbreak()
        first = Document(first.doc_id, first.text, str(tmp_path / "o.txt"), first.attributions)
        old = store.ingest(first, sentences=plain_sentences(first.text)).document_id
        changed = outbreak("eleven")
        changed = Document(changed.doc_id, changed.text, first.path, changed.attributions)
        new = store.ingest(changed, sentences=plain_sentences(changed.text)).document_id
        kept = store.stored_parses([old, new])
        problems = store.db.execute("PRAGMA foreign_key_check").fetchall()
    assert list(kept) == [new] and kept[new] == plain_sentences(changed.text)
    assert problems == []


def test_a_parse_kept_in_another_format_is_not_read(tmp_path: Path) -> None:
    with Store(tmp_path / "news.db", rules=RULES) as store:
        doc = outbreak()
        found = store.ingest(doc, sentences=plain_sentences(doc.text)).document_id
        store.db.execute("UPDATE document_parses SET format = format + 1")
        assert store.stored_parses([found]) == {}
        assert refresh_claims(store, parse=plain_sentences).parsed == 1
        assert store.stored_parses([found]) == {found: plain_sentences(doc.text)}


def test_a_packed_parse_reads_back_as_it_was() -> None:
    text = "Moscow said it had seized Selydove.\nKyiv denied it, a spokesman said on Monday."
    found = plain_sentences(text)
    assert read_parse(pack_parse(found), text) == found
    assert read_parse(pack_parse([]), "") == []
    assert doctest.testmod(parses).failed == 0


# --------------------------------------------------------------------------- with the model


def _seeds() -> list[Path]:
    return sorted((ROOT / "seeds").glob("*.txt"))


class _Reference(ClaimRefresher):
    """Refreshes as they were before parses were kept (:func:`reference_refresh`)."""

    def __init__(self) -> None:
        super().__init__()
        self.sizes: list[int] = []

    def refresh(self, store: Store, model: str | None) -> None:
        from provenance.nlp import sentences

        self.sizes.append(reference_refresh(store, sentences))
        self.parses.clear()


@pytest.mark.model
def test_ingest_keeps_the_parse_and_a_refresh_gives_the_claims_of_parsing_again(
    tmp_path: Path,
) -> None:
    from provenance.nlp import sentences

    seeds = _seeds()
    batches = [
        [str(p) for p in seeds[: len(seeds) // 2]],
        [str(p) for p in seeds[len(seeds) // 2 :]],
    ]
    refresher = ClaimRefresher()
    with Store(tmp_path / "kept.db", rules=RULES) as store:
        for batch in batches:
            assert {o.status for o in ingest_paths(batch, store, claims=refresher)} == {"new"}
        texts = {str(r[0]): str(r[1]) for r in store.db.execute("SELECT id, text FROM documents")}
        kept = store.stored_parses(texts)
    assert [r.parsed for r in refresher.refreshes] == [0, 0]
    assert all(kept[i] == sentences(text) for i, text in texts.items()) and len(kept) == len(seeds)
    grouped = [r.documents for r in refresher.refreshes]
    assert grouped[1] > len(batches[1])  # stored articles joined the second batch
    reference = _Reference()
    with Store(tmp_path / "again.db", rules=RULES) as store:
        for batch in batches:
            assert {o.status for o in ingest_paths(batch, store, claims=reference)} == {"new"}
    assert reference.sizes == grouped
    assert claim_rows(tmp_path / "kept.db") == claim_rows(tmp_path / "again.db")


# --------------------------------------------------------------------------- candidate search


@pytest.mark.parametrize("max_block", [1, 2, 200])
def test_documents_sharing_keys_are_those_a_scan_of_every_stored_key_finds(
    tmp_path: Path, max_block: int
) -> None:
    path = tmp_path / "news.db"
    kept_run(path, BATCHES)
    events = {f"t:{e.name}" for e in RULES.claims.events}
    with Store(path, rules=RULES) as store:
        rows = store.db.execute(
            "SELECT k.key, k.attribution_id, ca.document_id FROM claim_keys k "
            "JOIN claim_attributions ca ON ca.attribution_id = k.attribution_id"
        ).fetchall()
        held: dict[str, set[str]] = {}
        for key, attribution, _ in rows:
            held.setdefault(attribution, set()).add(key)
        holders = {key: {a for k, a, _ in rows if k == key} for key, _, _ in rows}
        document = {a: d for _, a, d in rows}
        queries = [*held.values(), {"t:outbreak", "n:brescia", "t:death", "f:9"}, {"n:nowhere"}]
        for keys in queries:
            usable = {
                k for k in keys if not k.startswith("f:") and len(holders.get(k, ())) <= max_block
            }
            expected = set()
            for attribution, theirs in held.items():
                shared = usable & theirs
                terms = sum(k.startswith("t:") for k in shared)
                names = any(k.startswith("n:") for k in shared)
                if terms >= 2 or (shared & events and names):
                    expected.add(document[attribution])
            found = store.documents_sharing_any([keys], max_block, min_terms=2, events=events)
            assert found == expected, keys
        assert any(store.documents_sharing_any([k], 200, events=events) for k in held.values())
