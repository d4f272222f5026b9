"""An article's parse as plain data: the sentences that grouping claims reads, written into
JSONL records (:mod:`provenance.records`) and kept in the store beside the article
(``document_parses``), so that an article is parsed once, when it is extracted.

Each sentence is ``[start, end, words, entities]``, each word ``[start, end, lemma, pos, tag,
dep, head, entity, number]`` and each entity ``[start, end, label]``; a sentence's or word's
text is ``text[start:end]``, so it is not written twice.

>>> from provenance.sentences import plain_sentences
>>> text = "Moscow said so. Kyiv denied it."
>>> read_parse(pack_parse(plain_sentences(text)), text) == plain_sentences(text)
True
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
from typing import Any

from provenance.models import Sentence, Word

# the layout of a packed parse; one written in another layout is parsed again, not misread
PARSE_FORMAT = 1


def sentence_json(s: Sentence) -> list[Any]:
    """One sentence as a JSON list (see the module docstring)."""
    words = [
        [w.start, w.end, w.lemma, w.pos, w.tag, w.dep, w.head, w.entity, w.number] for w in s.words
    ]
    return [s.start, s.end, words, [list(e) for e in s.entities]]


def sentence_from_json(raw: Sequence[Any], text: str) -> Sentence:
    """The sentence :func:`sentence_json` wrote, its texts read from ``text``."""
    start, end, words, entities = raw
    return Sentence(
        int(start),
        int(end),
        text[start:end],
        tuple(
            Word(ws, we, text[ws:we], lemma, pos, tag, dep, int(head), entity, bool(number))
            for ws, we, lemma, pos, tag, dep, head, entity, number in words
        ),
        tuple((int(s), int(e), str(label)) for s, e, label in entities),
    )


def pack_parse(sentences: Sequence[Sentence]) -> bytes:
    """The sentences as compressed JSON (a few kilobytes for a wire story)."""
    raw = json.dumps(
        [sentence_json(s) for s in sentences], ensure_ascii=False, separators=(",", ":")
    )
    return zlib.compress(raw.encode("utf-8"), 1)


def read_parse(packed: bytes, text: str) -> list[Sentence]:
    """The sentences :func:`pack_parse` packed, for the article ``text``."""
    return [sentence_from_json(s, text) for s in json.loads(zlib.decompress(packed))]
