"""Any text, however malformed, gives spans that index it exactly (needs the model)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from provenance import extract

pytestmark = pytest.mark.model

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


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40))
def test_spans_always_index_the_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    for a in extract(text):
        assert 0 <= a.content.start < a.content.end <= len(text)
        assert text[a.content.start : a.content.end] == a.content.text
        for span in (a.speaker, a.cue, a.coref, *a.fragments):
            if span is not None:
                assert text[span.start : span.end] == span.text
        ends = [(f.start, f.end) for f in a.fragments]
        assert ends == sorted(ends)
        assert all(e1 <= s2 for (_, e1), (s2, _) in zip(ends, ends[1:], strict=False))
