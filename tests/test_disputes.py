"""How the dispute rules read a statement: :func:`provenance.disputes.says_not`."""

from __future__ import annotations

import pytest

from provenance.disputes import says_not
from provenance.rules import load_rules

NEGATIONS = frozenset(load_rules().claims.negations)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("many customers were not receiving the 20 hours", True),
        ("No farmer has been paid", True),
        ("the doses never left the warehouse", True),
        ("it doesn't hold", True),
        ("it doesn\u2019t hold", True),  # a curly apostrophe
        ("We can't say", True),
        ("customers get 20 hours of supply", False),
        ("a knot in the rope, a nonet, the notice", False),  # the word inside another
        ("Nobody's fault", False),  # "nobody's" is not "nobody"
        ("the north's snow", False),
        ("rock'n'roll tonight", False),  # "n'roll" does not end a word in n't
        ("without_a_word", False),  # an underscore joins a word
    ],
)
def test_says_not_reads_whole_words(text: str, expected: bool) -> None:
    assert says_not(text, NEGATIONS) is expected


def test_says_not_takes_the_words_it_is_given() -> None:
    assert says_not("it was denied", {"denied"})
    assert not says_not("it was not denied", {"denied."})  # a word, not a pattern
    assert says_not("it isn't", set())  # "n't" whatever the list
    assert not says_not("it is not", set())
