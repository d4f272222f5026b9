"""The model-free sentence reader and finding the sentence that holds an offset."""

from __future__ import annotations

from provenance.sentences import plain_sentences, sentence_at, trimmed


def test_line_breaks_and_full_stops_end_sentences() -> None:
    text = 'Headline here\nMoscow said so. "We won." He left.\nP.Lynch--IP'
    found = [s.text for s in plain_sentences(text)]
    assert found == ["Headline here", "Moscow said so.", '"We won."', "He left.", "P.Lynch--IP"]


def test_offsets_are_exact_and_numbers_stay_whole() -> None:
    text = "Shares fell 6.2 percent, or 10,000 euros.\n"
    (sentence,) = plain_sentences(text)
    assert all(text[w.start : w.end] == w.text for w in sentence.words)
    assert [w.text for w in sentence.words][2:4] == ["6.2", "percent"]
    assert "10,000" in [w.text for w in sentence.words]


def test_sentence_at_and_trimmed() -> None:
    text = "One two three.  Four five six.\n"
    sentences = plain_sentences(text)
    assert sentence_at(sentences, text.index("Four")) == 1
    assert trimmed(sentences[1]).text == "Four five six."
