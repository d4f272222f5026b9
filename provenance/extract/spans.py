"""Spans and candidates: character ranges from tokens, trimming, the attribution under
construction."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from provenance.quotes import QUOTE_CHARS
from provenance.rules import Rules

if TYPE_CHECKING:  # spaCy types for the checker only: this package never imports spaCy
    from spacy.tokens import Doc, Token
else:
    Doc = Token = Any


SUBJECTS = ("nsubj", "nsubjpass", "csubj", "expl")


COMPLEMENTS = ("ccomp", "xcomp")


_TRIM = frozenset(",.;:-\u2013\u2014()\"'\u201c\u201d\u00ab\u00bb\u201e\u2018\u2019 \n\t")


_DASHES = frozenset({"\u2014", "\u2013", "--", "-"})


_CITE_LEMMAS = frozenset({"cite", "quote"})


_SOURCE_PREPS = frozenset({"from", "by"})


_CHANNEL_PREPS = frozenset({"in", "on", "at", "during", "via", "through", "to"})


@dataclass(slots=True)
class Candidate:
    """An attribution under construction (token-level); turned into :class:`Attribution`."""

    kind: str
    content: tuple[int, int]
    cue: Token | None
    cue_span: tuple[int, int] | None
    speaker: Token | None
    speaker_span: tuple[int, int] | None
    rule: str
    confidence: float
    stance: str = "neutral"
    fragments: list[tuple[int, int]] = field(default_factory=list)
    # intermediaries as (text, span, role): "origin" sits behind the speaker ("citing a
    # source", "data from ISW"), "relay" after it ("according to a readout")
    via: list[tuple[str, tuple[int, int] | None, str]] = field(default_factory=list)
    channel: str | None = None
    addressee: str | None = None
    relay: Token | None = None  # an outlet that relayed the speaker ("TASS ..., citing X, who")
    weak: bool = False  # a noun-object cue ("announced a drive"): dropped when nested


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once: spaCy rebuilds the string from every token on each access."""
    cached = doc.user_data.get("provenance_text")
    if cached is None:
        cached = doc.user_data["provenance_text"] = "".join(t.text_with_ws for t in doc_tokens(doc))
    return str(cached)


def doc_tokens(doc: Doc) -> list[Token]:
    """The document's tokens, made once: spaCy makes a new token object each time one is
    looked up, and the passes over a whole document (the cue lexicon's, the names') would
    each make them all again."""
    tokens: list[Token] | None = doc.user_data.get("provenance_tokens")
    if tokens is None:
        tokens = doc.user_data["provenance_tokens"] = list(doc)
    return tokens


def token_starts(doc: Doc) -> list[int]:
    """Character offset of every token, built once per document (for bisection)."""
    starts: list[int] | None = doc.user_data.get("provenance_token_starts")
    if starts is None:
        starts = doc.user_data["provenance_token_starts"] = [t.idx for t in doc_tokens(doc)]
    return starts


def char_span(tokens: Iterable[Token]) -> tuple[int, int] | None:
    toks = [t for t in tokens if not t.is_space]
    if not toks:
        return None
    start = min(t.idx for t in toks)
    end = max(t.idx + len(t.text) for t in toks)
    return start, end


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past surrounding punctuation, spaces and quotation marks,
    keeping a closing (or opening) mark whose partner lies inside the span."""
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return with_partner_marks(text, start, end)


def with_partner_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` widened by one quotation mark just outside it whose partner lies
    inside (double marks by count; single ones, which double as apostrophes, more strictly)."""
    marks = sum(1 for ch in text[start:end] if ch in QUOTE_CHARS)
    if marks % 2 == 1:
        if end < len(text) and text[end] in QUOTE_CHARS:
            end += 1
        elif start > 0 and text[start - 1] in QUOTE_CHARS:
            start -= 1
    elif end < len(text) and text[end] in "'\u2019" and _single_left_open(text, start, end):
        end += 1  # British style: the offer was 'fair and affordable'
    elif start > 0 and text[start - 1] in "'\u2018" and _single_left_closed(text, start, end):
        start -= 1  # cautioned that 'real differences' remained
    return start, end


def _single_left_closed(text: str, start: int, end: int) -> bool:
    """A single closing mark inside the span whose opener was trimmed off the front."""
    for i in range(start, end):
        if text[i] in "'\u2019" and not text[i - 1].isspace():
            after = text[i + 1] if i + 1 < len(text) else " "
            if not after.isalnum():
                return not any(
                    text[j] in "'\u2018" and (j == start or not text[j - 1].isalnum())
                    for j in range(start, i)
                )
    return False


def _single_left_open(text: str, start: int, end: int) -> bool:
    opens = sum(
        1
        for i in range(start, end)
        if text[i] in "'\u2018"
        and (i == start or not text[i - 1].isalnum())
        and i + 1 < end
        and text[i + 1].isalnum()
    )
    closes = sum(
        1
        for i in range(start, end)
        if text[i] in "'\u2019"
        and i > start
        and not text[i - 1].isspace()
        and (i + 1 >= end or not text[i + 1].isalnum())
    )
    return opens > closes


def _strip_leading(doc: Doc, tokens: list[Token]) -> list[Token]:
    """Drop a complementiser ("that", "whether") and punctuation from the front."""
    while tokens and (
        tokens[0].dep_ == "mark"
        and tokens[0].lower_ in {"that", "whether", "if"}
        or _that_taken_for_object(tokens[0])
        or tokens[0].is_punct
        or tokens[0].is_space
    ):
        tokens = tokens[1:]
    return tokens


def _that_taken_for_object(tok: Token) -> bool:
    """A "that" the parser made the object or the subject of a clause whose own subject
    follows it ("that their clients had acted", "that trustees approved"): the
    complementiser, misparsed."""
    return (
        tok.lower_ == "that"
        and tok.dep_ in ("dobj", "nsubj")
        and any(c.dep_ in ("nsubj", "nsubjpass") and c.i > tok.i for c in tok.head.children)
    )


def subtree_without(root: Token, cut: Iterable[Token]) -> list[Token]:
    """``root``'s subtree minus the subtrees of the tokens in ``cut``."""
    removed: set[int] = set()
    for c in cut:
        removed.update(t.i for t in c.subtree)
    return [t for t in root.subtree if t.i not in removed]


def contiguous(tokens: list[Token], anchor: Token) -> list[Token]:
    """The run of consecutive token indices in ``tokens`` that contains ``anchor``."""
    idx = sorted(t.i for t in tokens)
    if not idx:
        return []
    by_i = {t.i: t for t in tokens}
    lo = hi = anchor.i if anchor.i in by_i else idx[0]
    while lo - 1 in by_i or (lo - 1 >= 0 and by_i.get(lo - 2) and anchor.doc[lo - 1].is_space):
        lo -= 1 if lo - 1 in by_i else 2
    while hi + 1 in by_i or (by_i.get(hi + 2) and anchor.doc[hi + 1].is_space):
        hi += 1 if hi + 1 in by_i else 2
    return [by_i[i] for i in range(lo, hi + 1) if i in by_i]


def span_of(tokens: list[Token]) -> tuple[int, int] | None:
    return char_span(tokens)


def _text(doc: Doc, toks: list[Token]) -> str:
    span = char_span(toks)
    return doc_text(doc)[span[0] : span[1]] if span else ""


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def according_before_relative(verb: Token) -> Token | None:
    """The source of "..., according to state geologists, who warned that ...": the parser
    made the relative clause on the source a second clause and hung "according to" on it. The
    object of "to", when ``verb`` is such a clause (a conjunct whose subject is a relative
    pronoun right after "according to X,"); else None."""
    if verb.dep_ != "conj":
        return None
    subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
    if subject is None or subject.tag_ not in ("WP", "WDT") or subject.i < 2:
        return None
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "according" or prep.i > subject.i:
            continue
        for to in (c for c in prep.children if c.lower_ == "to"):
            for obj in (c for c in to.children if c.dep_ == "pobj"):
                gap = verb.doc[obj.right_edge.i + 1 : subject.i]
                if all(t.text == "," for t in gap):
                    return obj
    return None


def joined_by_and(verb: Token) -> bool:
    """Whether a conjunct verb is joined to the one before it by "and", "but" ...: not
    "humiliated musicians and threatened their jobs, an investigation has found", where the
    "and" joins the other verb and the comma sets the cue apart."""
    head = verb.head
    if any(c.dep_ in ("cc", "preconj") for c in verb.children):
        return True
    verbs = sorted([head, *(c for c in head.children if c.dep_ == "conj")], key=lambda t: t.i)
    before = [t for t in verbs if t.i < verb.i]
    last = before[-1].i if before else head.i
    ands = [c.i for c in head.children if c.dep_ in ("cc", "preconj") and last < c.i < verb.i]
    # "... were killed and dozens of homes set on fire ..., a local official said": the "and"
    # opens a clause whose subject the parser gave the cue, beside the cue's own subject
    subjects = sorted(c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass"))
    if ands and len(subjects) > 1 and subjects[0] > ands[-1]:
        return False
    return bool(ands)


def _cited_source(tok: Token, rules: Rules) -> bool:
    """Whether what a trailing "citing" names is a source ("citing an official in his
    office", "citing Interfax"), not a reason ("citing security concerns")."""
    if tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    lemma = tok.lemma_.lower()
    return lemma in _SOURCE_NOUNS or any(lemma in t.heads for t in rules.triggers)


#: words for who a trailing "citing" can name, beside the source triggers of the rules
_SOURCE_NOUNS = frozenset({"source", "official", "person", "people", "witness", "document"})


def trailing_citation(clause: Token, rules: Rules) -> bool:
    """Whether a clause is a trailing "citing" or "quoting" set off by a comma that names a
    source ("..., quoting the club's secretary, Lui Tarip"): a hop of the chain, not part of
    what is said."""
    return (
        clause.lemma_ in _CITE_LEMMAS
        and clause.doc[clause.i - 1].text == ","
        and any(_cited_source(o, rules) for o in clause.children if o.dep_ == "dobj")
    )
