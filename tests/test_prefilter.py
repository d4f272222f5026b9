"""The fast paths of :mod:`provenance.nlp`: the attribute and lemma tables, numpy's BLAS, the
parser and recogniser stepped from Python, the prefilter.

The first four change how the pipeline computes, never what: every token's tag, part of speech,
morphology, lemma, arc, entity and sentence start is compared with the pipeline as spaCy loads
it. The prefilter must keep every paragraph that can hold an attribution and parse the ones it
keeps exactly as the whole text's parse does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from provenance.api import extract, extract_document, extract_documents
from provenance.nlp import (
    _value_test,
    cue_forms,
    load_pipeline,
    paragraph_starts,
    parse_selected,
    plain_pipeline,
    select_paragraphs,
)
from provenance.rules import load_rules

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
FIELDS = ("tag_", "pos_", "morph", "lemma_", "dep_", "ent_iob_", "ent_type_", "is_sent_start")
# the attribute ruler's patterns of two tokens ("gon na", "let 's", "y' all") and its rules
# on dependencies ("it" as a subject, "do" as a main verb, a space token)
SLANG = (
    "I'm gonna tell you, it said nothin' new. Let's go, y'all.\n\n"
    "Did they do it? They did, she said.  \n"
    'There are "two sides," the mayor told reporters.'
)


def _annotations(doc: Any, indices: range | None = None) -> list[tuple[Any, ...]]:
    tokens = doc if indices is None else [doc[i] for i in indices]
    return [(t.i, t.text, *(str(getattr(t, f)) for f in FIELDS), t.head.i) for t in tokens]


# --------------------------------------------------------------------------- no model


def test_value_test_reads_matcher_conditions() -> None:
    equal = _value_test("NN")
    assert equal is not None and equal("NN") and not equal("NNS")
    flag = _value_test(True)
    assert flag is not None and flag(True) and not flag(False)
    is_in = _value_test({"IN": ["dobj", "pobj"]})
    assert is_in is not None and is_in("pobj") and not is_in("nsubj")
    not_in = _value_test({"NOT_IN": ["TO", ""]})
    assert not_in is not None and not_in("VB") and not not_in("")
    regex = _value_test({"REGEX": "^n[ou]thin'$"})
    assert regex is not None and regex("nothin'") and not regex("nothing")


def test_value_test_refuses_what_it_does_not_know() -> None:
    assert _value_test({"FUZZY": "said"}) is None
    assert _value_test({"IN": ["a", 1]}) is None
    assert _value_test(3) is None


# --------------------------------------------------------------------------- model


@pytest.fixture(scope="module")
def plain() -> Any:
    nlp = plain_pipeline()
    nlp.add_pipe("provenance_paragraph_breaks", before="parser")  # as load_pipeline adds it
    return nlp


@pytest.mark.model
def test_pipeline_swaps_the_ruler_for_the_table() -> None:
    nlp = load_pipeline()
    assert "provenance_attribute_table" in nlp.pipe_names
    assert "attribute_ruler" not in nlp.pipe_names
    assert "attribute_ruler" in nlp.component_names  # kept, disabled


@pytest.mark.model
def test_pipeline_swaps_the_lemmatizer_for_the_lemma_table() -> None:
    nlp = load_pipeline()
    assert "provenance_lemma_table" in nlp.pipe_names
    assert "lemmatizer" not in nlp.pipe_names
    assert "lemmatizer" in nlp.component_names  # kept, disabled: it works out each new lemma


@pytest.mark.model
def test_pipeline_steps_the_parser_and_recogniser_from_python() -> None:
    nlp = load_pipeline()
    assert "provenance_stepped_parser" in nlp.pipe_names
    assert "provenance_stepped_ner" in nlp.pipe_names
    assert "parser" not in nlp.pipe_names and "ner" not in nlp.pipe_names
    assert {"parser", "ner"} <= set(nlp.component_names)  # kept, disabled


@pytest.mark.model
@pytest.mark.parametrize("batch_size", [1, 4, 16, 256])
def test_fast_pipeline_in_batches_annotates_as_spacy_does(batch_size: int, plain: Any) -> None:
    # the stepped parser and recogniser take a batch's documents a quarter at a time and step
    # the quarters together: every batch size gives spaCy's own annotations
    texts = [p.read_text(encoding="utf-8") for p in SEEDS] + [SLANG, "", "Yes."]
    fast = load_pipeline().pipe(texts, batch_size=batch_size)
    stock = plain.pipe(texts, batch_size=batch_size)
    for ours, theirs in zip(fast, stock, strict=True):
        assert _annotations(ours) == _annotations(theirs)


@pytest.mark.model
@pytest.mark.parametrize("seed", SEEDS, ids=[p.stem for p in SEEDS])
def test_fast_pipeline_annotates_every_token_as_spacy_does(seed: Path, plain: Any) -> None:
    text = seed.read_text(encoding="utf-8")
    assert _annotations(load_pipeline()(text)) == _annotations(plain(text))


@pytest.mark.model
def test_attribute_table_applies_multi_token_and_dependency_patterns(plain: Any) -> None:
    fast, stock = load_pipeline()(SLANG), plain(SLANG)
    assert _annotations(fast) == _annotations(stock)
    lemmas = {t.text: t.lemma_ for t in fast}
    assert lemmas["gon"] == "go" and lemmas["na"] == "to"  # set by a two-token pattern
    assert lemmas["nothin'"] == "nothing"  # a REGEX pattern


@pytest.mark.model
def test_cue_forms_hold_every_inflection_of_a_cue() -> None:
    forms = cue_forms(load_rules())
    assert forms is not None
    for word in ("say", "says", "said", "saying", "told", "claims", "claimed", "denied"):
        assert word in forms
    assert "according" in forms  # the first word of "according to"
    assert "bridge" not in forms and "rain" not in forms


@pytest.mark.model
def test_first_pass_keeps_cue_and_quote_paragraphs_only() -> None:
    text = (
        "Rain fell on Tuesday.\n"
        "The mayor said the bridge would reopen.\n"
        "Traffic was light.\n"
        '"We will rebuild the old span," she added.\n'
        "Shops stayed shut.\n"
    )
    nlp = load_pipeline()
    doc = nlp.make_doc(text)
    starts = paragraph_starts(doc)
    assert len(starts) == 5
    selection = select_paragraphs(doc, load_rules())
    # the mayor's paragraph; the quote's, and the one before it (a quote opening a paragraph
    # can take its cue from the line above)
    assert selection.runs == ((starts[1], starts[4]),)
    assert selection.parsed < selection.tokens == len(doc)


@pytest.mark.model
@pytest.mark.parametrize("seed", SEEDS[:3], ids=[p.stem for p in SEEDS[:3]])
def test_prefilter_parses_kept_paragraphs_as_the_whole_text_parse(seed: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    nlp, rules = load_pipeline(), load_rules()
    full, partial = nlp(text), parse_selected(text, rules)
    assert partial.text == text and len(partial) == len(full)
    runs = select_paragraphs(nlp.make_doc(text), rules).runs
    for start, end in runs:
        assert _annotations(partial, range(start, end)) == _annotations(full, range(start, end))
    kept = {i for start, end in runs for i in range(start, end)}
    left = [t for t in partial if t.i not in kept]
    assert all(t.dep_ == "" and t.tag_ == "" and t.ent_type_ == "" for t in left)
    assert all(partial[i].is_sent_start for i in paragraph_starts(partial))


@pytest.mark.model
@pytest.mark.parametrize("seed", SEEDS, ids=[p.stem for p in SEEDS])
def test_prefilter_finds_the_same_attributions(seed: Path) -> None:
    """The same statements, speakers and cues; a source can differ when the mention it
    refers to sits in a paragraph left unparsed (a headline)."""
    text = seed.read_text(encoding="utf-8")

    def spans(prefilter: bool) -> list[tuple[Any, ...]]:
        return [
            (a.kind, a.content.start, a.content.end, a.speaker, a.cue, a.rule)
            for a in extract(text, prefilter=prefilter)
        ]

    assert spans(True) == spans(False)


@pytest.mark.model
def test_prefilter_parses_all_when_every_paragraph_can_hold_a_cue() -> None:
    text = "The mayor said the bridge would reopen.\nShe told reporters it was safe.\n"
    assert extract(text, prefilter=True) == extract(text)


@pytest.mark.model
def test_batched_extraction_gives_the_documents_one_at_a_time_gives() -> None:
    items = [(p.read_text(encoding="utf-8"), p.stem, p) for p in SEEDS]
    batched = [d.to_json() for d in extract_documents(iter(items), batch_size=3)]
    alone = [extract_document(t, i, path=p).to_json() for t, i, p in items]
    assert batched == alone


def test_titles_written_short_stay_one_word_inside_their_sentence() -> None:
    # the tokenizer split "Atty" from its full stop and the parser ended the sentence there
    doc = load_pipeline()(
        "The player\u2019s lawyer, Atty. Gerardo Policarpio, denied it. Lt. Dana Whitcomb "
        "wrote in an email that the files were gone."
    )
    assert "Atty." in [t.text for t in doc] and "Lt." in [t.text for t in doc]
    assert [s.text for s in doc.sents] == [
        "The player\u2019s lawyer, Atty. Gerardo Policarpio, denied it.",
        "Lt. Dana Whitcomb wrote in an email that the files were gone.",
    ]
