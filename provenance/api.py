"""The library's front door: ``extract(text)`` and ``extract_document(...)``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from provenance.models import Attribution, Document, Sentence
from provenance.rules import Rules, load_rules


def extract(
    text: str, *, model: str | None = None, rules: Rules | None = None
) -> list[Attribution]:
    """Every attribution in ``text``, in text order.

    >>> # extract('"We will win," the minister said.')[0].speaker.text == 'the minister'
    """
    from provenance.extract import attributions_from_doc

    return attributions_from_doc(_parse(text, model), rules or load_rules())


def _parse(text: str, model: str | None) -> Any:
    """The spaCy parse of ``text`` (typed loosely: only :mod:`provenance.nlp` knows spaCy)."""
    from provenance.nlp import load_pipeline, parse

    pipeline = load_pipeline(model)
    if len(text) >= pipeline.max_length:
        # the caller chose to parse a text this long (inputs refuse one past --max-chars);
        # spaCy's own limit would otherwise raise a ValueError
        pipeline.max_length = len(text) + 1
    return parse(text, model)


def extract_document(
    text: str,
    doc_id: str,
    *,
    path: str | Path | None = None,
    model: str | None = None,
    rules: Rules | None = None,
) -> Document:
    """A :class:`Document` holding ``text`` and its attributions."""
    found = extract(text, model=model, rules=rules)
    return Document(doc_id, text, str(path) if path is not None else None, tuple(found))


def extract_parsed(
    text: str,
    doc_id: str,
    *,
    path: str | Path | None = None,
    model: str | None = None,
    rules: Rules | None = None,
) -> tuple[Document, list[Sentence]]:
    """:func:`extract_document` and the sentences of the same parse (what grouping claims
    reads, see :func:`provenance.claims.group_claims`), so that a text is parsed once."""
    from provenance.extract import attributions_from_doc
    from provenance.nlp import doc_sentences

    parsed = _parse(text, model)
    found = attributions_from_doc(parsed, rules or load_rules())
    where = str(path) if path is not None else None
    return Document(doc_id, text, where, tuple(found)), doc_sentences(parsed)
