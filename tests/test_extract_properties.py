"""Any text, however malformed, gives spans that index it exactly (needs the model).

Every generated text must come back without an exception, with every span inside the text,
``text[start:end] == span.text``, and fragments in order, disjoint and inside the content.
``TRIED`` counts the texts tried (``bench/reliability_report.py`` prints it).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from provenance import extract
from provenance.models import Attribution

pytestmark = pytest.mark.model

TRIED = {"texts": 0}
SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PIECES = [
    "The minister said ",
    "the bridge is open",
    '"',
    "\u201c",
    "\u201d",
    "\u00ab",
    "\u00bb",
    "\u201e",
    "'",
    "\u2018",
    "\u2019",
    ", ",
    ". ",
    "\n",
    "\n\n",
    "he told AFP",
    " according to ",
    "officials",
    " who said ",
    "We will win",
    ": ",
    "it's ",
    "the workers' pay",
    '12" ',
    " -- ",
]
# every opening and closing mark the quote finder knows, and some it does not
OPENERS = ['"', "\u201c", "\u201e", "\u00ab", "\u2039", "'", "\u2018", "\u300c", "\u201f"]
CLOSERS = ['"', "\u201d", "\u201c", "\u00bb", "\u203a", "'", "\u2019", "\u300d"]
LINE_ENDS = ["\n", "\r\n", "\r", "\n\n", "\r\n\r\n"]
WORDS = [
    "We will win",
    "the port reopens on Monday",
    "Moscow",
    "TASS reported, citing a diplomatic source, that",
    "she told reporters",
    "he said",
    "said the mayor",
    "according to officials",
    "denied",
    "it's",
    "Zelensky",
    "\u2026",
    "",
]


def check_spans(text: str) -> list[Attribution]:
    """Extract ``text`` and assert every span indexes it exactly."""
    TRIED["texts"] += 1
    found = extract(text)
    for a in found:
        assert 0 <= a.content.start <= a.content.end <= len(text)
        hops = [h.span for h in a.chain]
        for span in (a.content, a.speaker, a.cue, a.coref, *a.fragments, *hops):
            if span is not None:
                assert 0 <= span.start <= span.end <= len(text), (span, len(text))
                assert text[span.start : span.end] == span.text, span
        fragments = [(f.start, f.end) for f in a.fragments]
        assert fragments == sorted(fragments)
        assert all(e1 <= s2 for (_, e1), (s2, _) in zip(fragments, fragments[1:], strict=False))
        if fragments:
            assert a.content.start <= fragments[0][0] and fragments[-1][1] <= a.content.end
    return found


@SETTINGS
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40))
def test_spans_always_index_the_text(pieces: list[str]) -> None:
    check_spans("".join(pieces))


@SETTINGS
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40), st.sampled_from(LINE_ENDS))
def test_any_line_ending_gives_exact_spans(pieces: list[str], line_end: str) -> None:
    check_spans("".join(pieces).replace("\n", line_end))


@SETTINGS
@given(st.text(max_size=400))
def test_any_unicode_text(text: str) -> None:
    check_spans(text)


# one piece of an adversarial text: words, a mark of any style, or a line break
ADVERSARIAL = st.one_of(
    st.sampled_from(WORDS).map(lambda w: w + " "),
    st.sampled_from(OPENERS),
    st.sampled_from(CLOSERS),
    st.sampled_from(LINE_ENDS),
    st.tuples(st.sampled_from(OPENERS), st.sampled_from(WORDS), st.sampled_from(CLOSERS)).map(
        "".join
    ),
    # nested: an outer quote holding an inner one of another style
    st.tuples(
        st.sampled_from(OPENERS),
        st.sampled_from(WORDS),
        st.sampled_from(OPENERS),
        st.sampled_from(WORDS),
        st.sampled_from(CLOSERS),
        st.sampled_from(CLOSERS),
    ).map(" ".join),
)


@SETTINGS
@given(st.lists(ADVERSARIAL, min_size=1, max_size=60))
def test_unbalanced_nested_and_mixed_quotation_marks(pieces: list[str]) -> None:
    check_spans("".join(pieces))


@st.composite
def long_quotes(draw: st.DrawFn) -> str:
    """A quote running over up to 50 paragraphs, each reopened with a mark, closed (or not)
    at the end, with a cue before or after and stray marks here and there."""
    n = draw(st.integers(2, 50))
    opener = draw(st.sampled_from(OPENERS))
    closer = draw(st.sampled_from(CLOSERS))
    line_end = draw(st.sampled_from(LINE_ENDS))
    paragraphs = [
        opener + draw(st.sampled_from(WORDS[:2] + WORDS[4:])) + f", paragraph {i}."
        for i in range(n)
    ]
    if draw(st.booleans()):
        paragraphs[-1] += closer + " the minister said."
    else:
        paragraphs.insert(0, "The minister told parliament:")
    for _ in range(draw(st.integers(0, 3))):
        k = draw(st.integers(0, len(paragraphs) - 1))
        at = draw(st.integers(0, len(paragraphs[k])))
        stray = draw(st.sampled_from(OPENERS + CLOSERS))
        paragraphs[k] = paragraphs[k][:at] + stray + paragraphs[k][at:]
    return line_end.join(paragraphs)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(long_quotes())
def test_quotes_spanning_up_to_50_paragraphs(text: str) -> None:
    check_spans(text)


def test_a_clean_50_paragraph_quote_is_one_attribution_with_50_fragments() -> None:
    text = "\n".join(f"\u201cWe will hold out, paragraph {i}." for i in range(50))
    text += "\u201d the minister said.\n"
    found = check_spans(text)
    long = [a for a in found if len(a.fragments) > 1]
    assert len(long) == 1 and len(long[0].fragments) == 50
    assert long[0].speaker is not None and long[0].speaker.text == "the minister"
