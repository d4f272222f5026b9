"""Sentences as plain data without a model, and finding the sentence that holds a span.

:func:`provenance.nlp.sentences` gives the parsed sentences (lemmas, tags, dependencies,
entities). :func:`plain_sentences` gives the same shape from the text alone (a line break or a
full stop before a capital ends a sentence; words are lowercase, capitalised words count as
names): tests of the claims stage use it so that they run without the spaCy model, and the
claims stage accepts it wherever a parse is too costly.

>>> [s.text for s in plain_sentences("Moscow said so. Kyiv denied it.\\nNext line")]
['Moscow said so.', 'Kyiv denied it.', 'Next line']
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from provenance.models import Sentence, Span, Word

_BREAK = re.compile(r"(?<=[.!?])[\"'\u201d\u00bb]?\s+(?=[\"'\u201c\u00ab\u201e]?[A-Z])")
_WORD = re.compile(r"\d+(?:[.,]\d+)*|\w+(?:[-'\u2019]\w+)*|[^\w\s]")


def plain_sentences(text: str) -> list[Sentence]:
    """Sentences and words of ``text`` read without a model (see the module docstring)."""
    out: list[Sentence] = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for piece in _pieces(line.group()):
            s, e = start + piece[0], start + piece[1]
            words = tuple(
                Word(s + m.start(), s + m.end(), m.group(), m.group().lower())
                for m in _WORD.finditer(text[s:e])
            )
            if words:
                out.append(Sentence(s, e, text[s:e], words))
    return out


def _pieces(line: str) -> list[tuple[int, int]]:
    bounds: list[tuple[int, int]] = []
    begin = 0
    for m in _BREAK.finditer(line):
        # a closing quotation mark after the full stop belongs to the sentence it closes
        end = m.start() + len(m.group().rstrip(" \t"))
        bounds.append((begin, _trim_end(line, begin, end)))
        begin = m.end()
    bounds.append((begin, _trim_end(line, begin, len(line))))
    return [(b, e) for b, e in bounds if e > b]


def _trim_end(line: str, begin: int, end: int) -> int:
    while end > begin and line[end - 1].isspace():
        end -= 1
    return end


def sentence_at(sentences: Sequence[Sentence], offset: int) -> int:
    """The index of the sentence holding ``offset`` (the nearest one before it otherwise)."""
    found = 0
    for i, s in enumerate(sentences):
        if s.start <= offset:
            found = i
        if s.start <= offset < s.end:
            return i
    return found


def trimmed(sentence: Sentence) -> Span:
    """The sentence as a span without the spaces and line breaks around it."""
    text = sentence.text
    lead = len(text) - len(text.lstrip())
    body = text.strip()
    return Span(sentence.start + lead, sentence.start + lead + len(body), body)
