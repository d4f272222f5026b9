"""Terms, figures and names of statements, on the model-free reader."""

from __future__ import annotations

import doctest

import pytest

import provenance.terms
from provenance.rules import load_rules
from provenance.sentences import plain_sentences
from provenance.terms import (
    event_phrases,
    event_words,
    figures,
    figures_disagree,
    first_word,
    names,
    stem,
    terms,
)

RULES = load_rules().claims


def words(text: str):  # type: ignore[no-untyped-def]
    return [w for s in plain_sentences(text) for w in s.words]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("knowingly", "know"),
        ("warning", "warned"),
        ("seized", "seize"),
        ("transferred", "transfer"),
        ("evacuation", "evacuated"),
        ("died", "die"),
    ],
)
def test_stems_meet(a: str, b: str) -> None:
    assert stem(a) == stem(b)


def test_event_words_become_their_class() -> None:
    found = terms(
        words("Moscow said it had seized and fully liberated Selydove"),
        event_words(RULES),
        event_phrases(RULES),
    )
    assert "capture" in found and "seiz" not in found
    assert {"moscow", "selydov"} <= found and "it" not in found


def test_event_phrases_are_found() -> None:
    found = terms(
        words("its forces take control of the village"), event_words(RULES), event_phrases(RULES)
    )
    assert "capture" in found


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("some 10,000 North Korean troops", 10_000, None),
        ("nearly two dozen buildings", 24, "build"),
        ("more than nine million dollars", 9_000_000, "dollar"),
        ("it killed nine people", 9, "peopl"),
        ("6.2 percent lower", 6.2, "percent"),
    ],
)
def test_figures(text: str, value: float, unit: str | None) -> None:
    (found,) = figures(words(text))
    assert found.value == value
    assert found.unit == unit


@pytest.mark.parametrize("text", ["since 2018", "on March 14", "one of the first"])
def test_years_dates_and_the_pronoun_one_are_not_figures(text: str) -> None:
    assert figures(words(text)) == ()


def test_figures_disagree_only_when_both_count_and_share_nothing() -> None:
    nine, also_nine = figures(words("nine people")), figures(words("killed nine"))
    four = figures(words("four people"))
    assert not figures_disagree(nine, also_nine)
    assert figures_disagree(nine, four)
    assert not figures_disagree(nine, ())


def test_names_drop_possessives_and_numbers() -> None:
    (sentence,) = plain_sentences("Nine people died in Ukraine's east near Selydove.")
    assert names(sentence, sentence.start, sentence.end) == {"ukraine", "selydove"}


def test_first_word_is_the_first_of_the_words_in_their_order_not_in_the_text() -> None:
    text = "the ministry disputed the report, calling it false"
    assert first_word(text, ("disput",)) is None  # not a whole word
    assert first_word(text, ("disput",), whole=False) == "disput"
    assert first_word(text, ("false", "report")) == "false"  # the words' order, not the text's
    assert first_word(text, ("report", "false")) == "report"
    assert first_word(text, ("alse", "report")) == "report"  # a word's start, not its middle
    assert first_word(text, ["port", "a.b"]) is None  # escaped, not a pattern
    assert first_word(text, ()) is None
    assert doctest.testmod(provenance.terms).failed == 0


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Volunteers had already replanted 12 of the baskets by last night.", "basket"),
        ("The wing houses about 120 of the country's most dangerous inmates.", "inmat"),
        ("Two of them said so.", None),
    ],
)
def test_a_partitive_counts_the_noun_after_of(text: str, unit: str | None) -> None:
    from provenance.nlp import sentences

    (found,) = figures([w for s in sentences(text) for w in s.words])
    assert found.unit == unit
