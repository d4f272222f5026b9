"""The library's front door: ``extract(text)`` and ``extract_document(...)``."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from provenance.models import Attribution, Document, Sentence
from provenance.rules import Rules, load_rules


def extract(
    text: str,
    *,
    model: str | None = None,
    rules: Rules | None = None,
    prefilter: bool = False,
) -> list[Attribution]:
    """Every attribution in ``text``, in text order.

    ``prefilter`` parses only the paragraphs holding a quotation mark or a cue word
    (:func:`provenance.nlp.parse_selected`): the same statements, speakers and cues, but a
    speaker's source can be resolved differently when the mention it refers to sits in a
    paragraph left unparsed (a headline, say); and on wire copy, where nine tokens in ten sit
    in paragraphs it must parse, it saves a few per cent at best (``bench/bench_extract.py``).
    Off by default.

    >>> # extract('"We will win," the minister said.')[0].speaker.text == 'the minister'
    """
    from provenance.extract import attributions_from_doc

    rules = rules or load_rules()
    return attributions_from_doc(_parse(text, model, rules if prefilter else None), rules)


def _parse(text: str, model: str | None, prefilter: Rules | None = None) -> Any:
    """The spaCy parse of ``text`` (typed loosely: only :mod:`provenance.nlp` knows spaCy);
    with ``prefilter`` rules, only the paragraphs that can hold their cues are parsed."""
    from provenance.nlp import load_pipeline, parse, parse_selected

    pipeline = load_pipeline(model)
    if len(text) >= pipeline.max_length:
        # the caller chose to parse a text this long (inputs refuse one past --max-chars);
        # spaCy's own limit would otherwise raise a ValueError
        pipeline.max_length = len(text) + 1
    if prefilter is not None:
        return parse_selected(text, prefilter, model)
    return parse(text, model)


def extract_document(
    text: str,
    doc_id: str,
    *,
    path: str | Path | None = None,
    model: str | None = None,
    rules: Rules | None = None,
    prefilter: bool = False,
) -> Document:
    """A :class:`Document` holding ``text`` and its attributions (``prefilter``: see
    :func:`extract`)."""
    found = extract(text, model=model, rules=rules, prefilter=prefilter)
    return Document(doc_id, text, str(path) if path is not None else None, tuple(found))


def extract_documents(
    items: Iterable[tuple[str, str, str | Path | None]],
    *,
    model: str | None = None,
    rules: Rules | None = None,
    batch_size: int = 16,
) -> Iterator[Document]:
    """:func:`extract_document` for many ``(text, doc_id, path)`` items, in order, parsed in
    batches: the same documents, faster than one at a time (the parser's and the entity
    recogniser's steps go through a batch's documents together).

    >>> # [d.doc_id for d in extract_documents([("He said so.", "a", None)])] == ["a"]
    """
    from provenance.extract import attributions_from_doc
    from provenance.nlp import parse_many

    rules = rules or load_rules()
    pending: deque[tuple[str, str, str | Path | None]] = deque()

    def texts() -> Iterator[str]:
        for item in items:
            pending.append(item)
            yield item[0]

    for parsed in parse_many(texts(), model, batch_size):
        text, doc_id, path = pending.popleft()
        found = attributions_from_doc(parsed, rules)
        yield Document(doc_id, text, str(path) if path is not None else None, tuple(found))


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
