"""Keeping the stored claims current: after articles are written, group again the claims
they can change, and only those.

Claims join statements across articles, so a new article can add to a claim stored months
ago. A refresh finds what to group again without comparing the new articles with every
stored one:

1. the **pending** articles (stored since the last refresh, by a run stopped before it, or
   tied by a claim to an article since replaced) are read back, and their statements'
   blocking keys computed (names, figures, terms and events:
   :func:`provenance.claims.blocking_keys`);
2. the stored statements that could be linked to one of theirs bring in their articles: those
   sharing ``min_shared_words`` terms, or an event and a name, with it (the only ways
   statements of two articles are linked), found in the indexed ``claim_keys`` table.
   Figures are not looked up (they link statements of one article only), and a key held by
   more than ``max_block`` statements is too common to compare on, as in grouping itself;
3. every article tied to those by a stored claim joins too, so that no claim is cut in two;
4. these articles are grouped together (:func:`provenance.claims.group_claims`) and their
   claims replaced in one transaction.

Grouping needs what each article says (its statements and its claims in the reporter's
voice: :class:`provenance.readings.Reading`). An article brings the reading kept when it was
stored (``ingest`` reads each article as it stores it: :func:`keep_reading`) or first grouped
(``document_readings``), when it was read with these rules and under this name; any other is
read from its sentences, and the reading kept for the next refresh. Those sentences are the
ones passed in for the articles just parsed (``parses``, by text), else the parse kept when
the article was stored (``document_parses``, :mod:`provenance.parses`). Only an article kept
without one (stored before parses were kept, or by a caller that had none) is parsed again
(with ``parse``, by default the spaCy model), once: the refresh keeps that parse, and those
passed in for articles that lack one, for the next refresh.

>>> # with Store("news.db") as store:
>>> #     refresh_claims(store).claims   -> how many claims were stored
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace

from provenance.claims import blocking_keys, group_claims
from provenance.models import Document, Sentence, StoredDocument
from provenance.readings import (
    Reading,
    pack_reading,
    read_document,
    reading_version,
    unpack_reading,
)
from provenance.rules import Rules
from provenance.store import Store

Reader = Callable[[str], list[Sentence]]


@dataclass(frozen=True, slots=True)
class Refresh:
    """What a refresh did: articles whose claims were out of date (``pending``), articles
    grouped again with them (``documents``, pending ones included), claims stored for them,
    and articles parsed again because their sentences were not at hand (``parsed``).
    ``deferred`` is true when an article changed under the refresh: nothing was written, and
    the next refresh does it."""

    pending: int = 0
    documents: int = 0
    claims: int = 0
    parsed: int = 0
    deferred: bool = False


class _Readings:
    """Each article's reading (:class:`provenance.readings.Reading`), once a refresh: the
    one the store kept under this refresh's rules (``version``) and the name the article is
    grouped under, else read from its sentences, and then kept for the next refresh (unless
    ``reread``: every article is read again, what is kept is not trusted, as ``regroup``
    does)."""

    def __init__(
        self, store: Store, sentences: _Sentences, rules: Rules, *, reread: bool = False
    ) -> None:
        self.store = store
        self.sentences = sentences
        self.rules = rules
        self.version = reading_version(rules)
        self.reread = reread
        self.known: dict[tuple[str, str], Reading] = {}
        self.made: dict[tuple[str, str], Reading] = {}
        self.stored: dict[str, StoredDocument] = {}

    def __call__(self, position: int, doc: Document) -> Reading:
        return self._read(doc).at(position)

    def recall(self, documents: Sequence[StoredDocument]) -> None:
        """Take the readings the store kept for ``documents``; read back the parses of those
        it has none for (or none under this version and name)."""
        ids = [d.id for d in documents]
        kept = {} if self.reread else self.store.kept_readings(ids, self.version)
        missing: list[StoredDocument] = []
        for d in documents:
            doc = d.document
            self.stored[doc.text] = d
            found = kept.get(d.id)
            if found is not None and found[0] == doc.doc_id:
                self.known.setdefault((doc.doc_id, doc.text), unpack_reading(found[1], doc, 0))
            elif (doc.doc_id, doc.text) not in self.known:
                missing.append(d)
        self.sentences.recall(self.store, missing)

    def keys_of(self, stored: StoredDocument) -> dict[int, frozenset[str]]:
        """The blocking keys of each statement of one article, by attribution index."""
        found = self._read(stored.document).statements
        return {statement.index: blocking_keys(statement) for statement in found}

    def to_keep(self, documents: Sequence[StoredDocument]) -> dict[str, tuple[str, bytes]]:
        """The readings made by this refresh for ``documents``, packed, by id."""
        return {
            d.id: (d.document.doc_id, pack_reading(self.made[key]))
            for d in documents
            if (key := (d.document.doc_id, d.document.text)) in self.made
        }

    def _read(self, doc: Document) -> Reading:
        key = (doc.doc_id, doc.text)
        if key not in self.known:
            stored = self.stored.get(doc.text)
            if stored is not None and doc.text not in self.sentences.known:
                self.sentences.recall(self.store, [stored])
            reading = read_document(0, doc, self.sentences(doc.text), self.rules)
            self.known[key] = self.made[key] = reading
        return self.known[key]


class _Sentences:
    """Sentences by text: the parses at hand, those the store kept, else ``parse``
    (counted). ``unkept`` names the documents the store holds no parse for."""

    def __init__(self, parses: Mapping[str, Sequence[Sentence]], parse: Reader) -> None:
        self.known = {text: list(found) for text, found in parses.items()}
        self.parse = parse
        self.parsed = 0
        self.unkept: set[str] = set()

    def __call__(self, text: str) -> list[Sentence]:
        if text not in self.known:
            self.known[text] = self.parse(text)
            self.parsed += 1
        return self.known[text]

    def recall(self, store: Store, documents: Sequence[StoredDocument]) -> None:
        """Read the parses the store kept for ``documents``, and note those it lacks."""
        kept = store.stored_parses(d.id for d in documents)
        for d in documents:
            found = kept.get(d.id)
            if found is None:
                self.unkept.add(d.id)
            else:
                self.known.setdefault(d.document.text, found)

    def to_keep(self, documents: Sequence[StoredDocument]) -> dict[str, list[Sentence]]:
        """The parses of ``documents`` that the store lacks and this refresh has, by id."""
        return {
            d.id: self.known[d.document.text]
            for d in documents
            if d.id in self.unkept and d.document.text in self.known
        }


def refresh_claims(
    store: Store,
    *,
    parses: Mapping[str, Sequence[Sentence]] | None = None,
    parse: Reader | None = None,
    model: str | None = None,
    reread: bool = False,
) -> Refresh:
    """Group again the claims of the pending articles and of the stored claims they can join
    (see the module docstring), in one transaction. ``parses``: sentences already at hand, by
    article text; ``parse``: how to read the others (default: the spaCy ``model``);
    ``reread``: read every article again rather than take the reading the store kept."""
    with _collector_held_off():
        return _refresh(store, parses=parses, parse=parse, model=model, reread=reread)


@contextmanager
def _collector_held_off() -> Iterator[None]:
    """Python's cycle collector held off while a refresh runs (and let run again after, if
    it ran before). A refresh makes and keeps hundreds of thousands of objects (readings,
    statements, claims, rows), so the collector's full passes came again and again, each over
    every object the process holds: on a million-attribution store about a fifth of the
    refreshes' time. What a refresh leaves for the collector is freed at its next pass; most
    of its objects are freed as soon as it returns, without one."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _refresh(
    store: Store,
    *,
    parses: Mapping[str, Sequence[Sentence]] | None,
    parse: Reader | None,
    model: str | None,
    reread: bool,
) -> Refresh:
    pending = store.pending_claim_documents()
    if not pending:
        return Refresh()
    rules = store.rules
    sentences = _Sentences(parses or {}, parse or _spacy_reader(model))
    readings = _Readings(store, sentences, rules, reread=reread)
    fresh = store.stored_documents(pending)
    readings.recall(fresh)
    known = [k for d in fresh for k in readings.keys_of(d).values()]
    joined = store.documents_sharing_any(
        known,
        rules.claims.max_block,
        min_terms=rules.claims.min_shared_words,
        events=[f"t:{e.name}" for e in rules.claims.events],
    )
    batch = store.claim_closure(set(pending) | joined)
    others = store.stored_documents(batch - set(pending))
    readings.recall(others)
    documents = _named_apart(sorted([*fresh, *others], key=lambda d: (d.document.doc_id, d.id)))
    claims = group_claims([d.document for d in documents], rules, read=readings)
    keys = {
        (d.document.doc_id, index): found
        for d in documents
        for index, found in readings.keys_of(d).items()
    }
    stored_claims = store.replace_claims(
        documents,
        claims,
        keys,
        sentences.to_keep(documents),
        readings.to_keep(documents),
        readings.version,
    )
    return Refresh(
        pending=len(pending),
        documents=len(documents),
        claims=max(stored_claims, 0),
        parsed=sentences.parsed,
        deferred=stored_claims < 0,
    )


def keep_reading(store: Store, document_id: str, sentences: Sequence[Sentence]) -> None:
    """Read an article just stored for grouping, from its parse at hand (``sentences``), and
    keep the reading (:mod:`provenance.readings`), so that the refreshes that group it, now
    and when a later article joins it, do not read it again. The article is read as stored
    (its attributions as :meth:`Store.stored_documents` gives them back)."""
    for stored in store.stored_documents([document_id]):
        doc = stored.document
        reading = read_document(0, doc, sentences, store.rules)
        store.keep_readings(
            {stored.id: (doc.doc_id, pack_reading(reading))}, reading_version(store.rules)
        )


def _spacy_reader(model: str | None) -> Reader:
    def read(text: str) -> list[Sentence]:
        from provenance.nlp import sentences

        return sentences(text, model)

    return read


def _named_apart(documents: Sequence[StoredDocument]) -> list[StoredDocument]:
    """Two stored articles may share a file name (``stdin``, ``story``); grouping tells
    articles apart by name (a described source belongs to its article), so the later ones
    are named with their id as well."""
    seen: set[str] = set()
    out: list[StoredDocument] = []
    for d in documents:
        name = d.document.doc_id
        if name in seen:
            name = f"{name}@{d.id[:8]}"
            d = replace(d, document=replace(d.document, doc_id=name))
        seen.add(name)
        out.append(d)
    return out
