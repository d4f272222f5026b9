"""The library's front door: ``extract(text)`` and ``extract_document(...)``."""

from __future__ import annotations

from pathlib import Path

from provenance.models import Attribution, Document
from provenance.rules import Rules, load_rules


def extract(
    text: str, *, model: str | None = None, rules: Rules | None = None
) -> list[Attribution]:
    """Every attribution in ``text``, in text order.

    >>> # extract('"We will win," the minister said.')[0].speaker.text == 'the minister'
    """
    from provenance.extract import attributions_from_doc
    from provenance.nlp import load_pipeline, parse

    pipeline = load_pipeline(model)
    if len(text) >= pipeline.max_length:
        # the caller chose to parse a text this long (inputs refuse one past --max-chars);
        # spaCy's own limit would otherwise raise a ValueError
        pipeline.max_length = len(text) + 1
    return attributions_from_doc(parse(text, model), rules or load_rules())


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
