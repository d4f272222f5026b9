"""What a statement is compared by, on hand-built documents and the model-free reader."""

from __future__ import annotations

from builders import document, said

from provenance.rules import load_rules
from provenance.sentences import plain_sentences
from provenance.statements import read_statements

RULES = load_rules()


def statements(doc):  # type: ignore[no-untyped-def]
    return read_statements(0, doc, plain_sentences(doc.text), RULES)


def test_self_reference_and_what_the_speaker_says_it_did() -> None:
    t = "Kestrel said it would recall scooters. The recall could cost millions, Kestrel said."
    doc = document(
        "d",
        t,
        said(t, "it would recall scooters", "Kestrel", source_type="company"),
        said(t, "The recall could cost millions", "Kestrel", source_type="company"),
    )
    first, second = statements(doc)
    assert first.self_reference == "it"
    assert second.self_reference is None  # without a parse there is no verb to carry over


def test_words_of_a_nested_attribution_are_not_the_statements() -> None:
    t = (
        "Moscow said it had taken the villages near Donetsk, which Putin claimed was part of "
        "Russia."
    )
    doc = document(
        "d",
        t,
        said(
            t,
            "it had taken the villages near Donetsk, which Putin claimed was part of Russia",
            "Moscow",
            source="Russian government",
            source_type="government",
        ),
        said(
            t,
            "was part of Russia",
            "Putin",
            source="Vladimir Putin",
            source_type="official",
            cue="claimed",
            stance="distancing",
        ),
    )
    outer, _ = statements(doc)
    assert "part" not in outer.terms and "villag" in outer.terms
    assert "donetsk" in outer.names and "putin" not in outer.names


def test_the_speakers_own_names_are_not_names_of_the_statement() -> None:
    t = "Moscow said Russian forces had seized Selydove from Kyiv."
    doc = document(
        "d",
        t,
        said(
            t,
            "Russian forces had seized Selydove from Kyiv",
            "Moscow",
            source="Russian government",
            source_type="government",
        ),
    )
    (statement,) = statements(doc)
    assert statement.names == {"selydove", "kyiv"}
    assert statement.events == {"capture"}


def test_context_names_come_from_outside_every_attribution() -> None:
    t = "Moscow said it had wrested control of Girnyk, also in the Donetsk region."
    doc = document(
        "d",
        t,
        said(
            t,
            "it had wrested control of Girnyk",
            "Moscow",
            source="Russian government",
            source_type="government",
        ),
    )
    (statement,) = statements(doc)
    assert statement.names == {"girnyk"}
    assert statement.context == {"donetsk"}


def test_reporter_distancing_in_the_next_sentence() -> None:
    t = "The ministry said 40 drones were downed. The claim could not be independently verified."
    doc = document(
        "d",
        t,
        said(
            t, "40 drones were downed", "The ministry", source="ministry", source_type="government"
        ),
    )
    (statement,) = statements(doc)
    assert [s.text for s in statement.distancing] == ["could not be independently verified"]


def test_roles() -> None:
    t = "Kestrel denied it. Holub has not denied it. Kestrel said it."
    doc = document(
        "d",
        t,
        said(t, "it", "Kestrel", cue="denied", stance="denial"),
        said(t, "it", "Holub", cue="has not denied", stance="non-denial"),
    )
    assert [s.role for s in statements(doc)] == ["denies", "does not deny"]


def test_reporter_noting_an_unexplained_figure_distances() -> None:
    t = "The army said 300 fighters were killed. It did not say how it arrived at the figure."
    doc = document(
        "d",
        t,
        said(t, "300 fighters were killed", "The army", source="army", source_type="military"),
    )
    (statement,) = statements(doc)
    assert [s.text for s in statement.distancing] == ["did not say how"]
