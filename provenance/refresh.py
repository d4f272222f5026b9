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

Grouping needs each article's sentences. Those of the articles just parsed are passed in
(``parses``, by text); an article read back from the store brings the parse kept when it was
stored (``document_parses``, :mod:`provenance.parses`). Only an article kept without one (stored
before parses were kept, or by a caller that had none) is parsed again (with ``parse``, by
default the spaCy model), once: the refresh keeps that parse, and those passed in for
articles that lack one, for the next refresh.

>>> # with Store("news.db") as store:
>>> #     refresh_claims(store).claims   -> how many claims were stored
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from provenance.claims import blocking_keys, group_claims
from provenance.models import Document, Sentence, StoredDocument
from provenance.rules import Rules
from provenance.statements import Statement, read_statements
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


class _Statements:
    """Each article's statements, read once a refresh: for its blocking keys, then for
    grouping (:func:`provenance.claims.group_claims` ``read``, always with this refresh's
    rules). A statement depends on its article alone, but for ``doc``, the article's place
    in the batch: that is set on the statements read at place 0 when another is asked for."""

    def __init__(self, sentences: Reader, rules: Rules) -> None:
        self.sentences = sentences
        self.rules = rules
        self.known: dict[tuple[str, str], list[Statement]] = {}

    def __call__(
        self, position: int, doc: Document, sentences: Sequence[Sentence], rules: Rules
    ) -> list[Statement]:
        found = self._read(doc, sentences)
        return found if position == 0 else [replace(s, doc=position) for s in found]

    def keys_of(self, stored: StoredDocument) -> dict[int, frozenset[str]]:
        """The blocking keys of each statement of one article, by attribution index."""
        doc = stored.document
        found = self._read(doc, self.sentences(doc.text))
        return {statement.index: blocking_keys(statement) for statement in found}

    def _read(self, doc: Document, sentences: Sequence[Sentence]) -> list[Statement]:
        key = (doc.doc_id, doc.text)
        if key not in self.known:
            self.known[key] = read_statements(0, doc, sentences, self.rules)
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
) -> Refresh:
    """Group again the claims of the pending articles and of the stored claims they can join
    (see the module docstring), in one transaction. ``parses``: sentences already at hand, by
    article text; ``parse``: how to read the others (default: the spaCy ``model``)."""
    pending = store.pending_claim_documents()
    if not pending:
        return Refresh()
    rules = store.rules
    sentences = _Sentences(parses or {}, parse or _spacy_reader(model))
    statements = _Statements(sentences, rules)
    fresh = store.stored_documents(pending)
    sentences.recall(store, fresh)
    known = {(d.id, d.document.doc_id): statements.keys_of(d) for d in fresh}
    joined = store.documents_sharing_any(
        [k for found in known.values() for k in found.values()],
        rules.claims.max_block,
        min_terms=rules.claims.min_shared_words,
        events=[f"t:{e.name}" for e in rules.claims.events],
    )
    batch = store.claim_closure(set(pending) | joined)
    others = store.stored_documents(batch - set(pending))
    sentences.recall(store, others)
    documents = _named_apart(sorted([*fresh, *others], key=lambda d: (d.document.doc_id, d.id)))
    claims = group_claims([d.document for d in documents], rules, parse=sentences, read=statements)
    keys = {
        (d.document.doc_id, index): found
        for d in documents
        for index, found in (
            known[(d.id, d.document.doc_id)]
            if (d.id, d.document.doc_id) in known
            else statements.keys_of(d)
        ).items()
    }
    stored_claims = store.replace_claims(documents, claims, keys, sentences.to_keep(documents))
    return Refresh(
        pending=len(pending),
        documents=len(documents),
        claims=max(stored_claims, 0),
        parsed=sentences.parsed,
        deferred=stored_claims < 0,
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
