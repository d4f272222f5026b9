"""Quotation-mark scanning on raw text (no model)."""

from __future__ import annotations

import pytest

from provenance.quotes import find_quotes


def inner(text: str) -> list[list[str]]:
    return [[text[s:e] for s, e in q.fragments] for q in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said: "We will win." Then he left.', [["We will win."]]),
        ("\u201cWe will win,\u201d he said.", [["We will win,"]]),
        ("\u00abNous gagnerons\u00bb, a-t-il dit.", [["Nous gagnerons"]]),
        ("\u201eWir gewinnen\u201c, sagte er.", [["Wir gewinnen"]]),
        ("\u201cA,\u201d he said, \u201cB.\u201d", [["A,"], ["B."]]),
    ],
)
def test_marks_of_every_style(text: str, expected: list[list[str]]) -> None:
    assert inner(text) == expected


def test_quote_over_several_paragraphs_is_one_quote() -> None:
    text = 'She said: "First part.\n"Second part.\n"Third part."\nAfter.'
    assert inner(text) == [["First part.", "Second part.", "Third part."]]


def test_stray_mark_does_not_swallow_the_article() -> None:
    text = 'He bought a 12" record.\nA "real" quote and an open " mark\nNext paragraph "ok" here.'
    assert inner(text) == [["real"], ["ok"]]


def test_unclosed_quote_stays_inside_its_paragraph() -> None:
    text = '"Never closed here\nPlain paragraph.\n"Closed," she said.'
    assert inner(text) == [["Closed,"]]


def test_offsets_point_into_the_text() -> None:
    text = 'x "abc def" y \u201cghi\u201d'
    for q in find_quotes(text):
        assert text[q.open_at] in '"\u201c'
        for s, e in q.fragments:
            assert 0 <= s < e <= len(text)


def test_british_single_quotes_and_apostrophes() -> None:
    text = "'We have no choice,' she said. 'The teachers' union agrees.' It's 'fair', he said."
    assert inner(text) == [["We have no choice,"], ["The teachers' union agrees."], ["fair"]]


def test_apostrophes_alone_are_not_quotes() -> None:
    assert inner("The workers' pay won't rise and it's the Smiths\u2019 dog.") == []
