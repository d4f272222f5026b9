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
(``parses``, by text); an article read back from the store is parsed again (with ``parse``,
by default the spaCy model), which is the cost of joining an old article.

>>> # with Store("news.db") as store:
>>> #     refresh_claims(store).claims   -> how many claims were stored
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from provenance.claims import blocking_keys, group_claims
from provenance.models import Sentence, StoredDocument
from provenance.rules import Rules
from provenance.statements import read_statements
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


class _Sentences:
    """Sentences by text: the parses at hand, else ``parse`` (counted)."""

    def __init__(self, parses: Mapping[str, Sequence[Sentence]], parse: Reader) -> None:
        self.known = {text: list(found) for text, found in parses.items()}
        self.parse = parse
        self.parsed = 0

    def __call__(self, text: str) -> list[Sentence]:
        if text not in self.known:
            self.known[text] = self.parse(text)
            self.parsed += 1
        return self.known[text]


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
    fresh = store.stored_documents(pending)
    known = {(d.id, d.document.doc_id): _keys_of(d, sentences, rules) for d in fresh}
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
    claims = group_claims([d.document for d in documents], rules, parse=sentences)
    keys = {
        (d.document.doc_id, index): found
        for d in documents
        for index, found in (
            known[(d.id, d.document.doc_id)]
            if (d.id, d.document.doc_id) in known
            else _keys_of(d, sentences, rules)
        ).items()
    }
    stored_claims = store.replace_claims(documents, claims, keys)
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


def _keys_of(stored: StoredDocument, sentences: Reader, rules: Rules) -> dict[int, frozenset[str]]:
    """The blocking keys of each statement of one article, by attribution index (they do not
    depend on the article's place in a batch, so they are read once a refresh)."""
    doc = stored.document
    return {
        statement.index: blocking_keys(statement)
        for statement in read_statements(0, doc, sentences(doc.text), rules)
    }
