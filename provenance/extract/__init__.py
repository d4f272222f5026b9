"""Find attributions in a parsed article: direct, mixed and reported speech, with their cues.

The rules are linguistic, not per-text: a reporting cue (a verb, noun, phrase or "according to"
from ``rules/cues.toml``) is linked through the dependency parse to its speaker (the subject,
the agent of a passive, the possessor of a noun cue) and to what was said (its clausal
complement, its object for cues that take one, or the clause it modifies). Passages in quotation
marks found on the raw text (:mod:`provenance.quotes`) are then tied to those cues: a quote that
is the whole complement is ``direct``, one inside a longer complement makes it ``mixed``, and a
quote with no cue of its own continues the previous speaker. Speakers are resolved afterwards
(:mod:`provenance.resolve`).

This module works on spaCy ``Doc``/``Token`` objects it is given; it never imports spaCy.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from provenance.extract.chains import _add_chain_and_channel
from provenance.extract.cues import (
    _according_candidates,
    _noun_candidates,
    _verb_candidates,
    closing_according,
)
from provenance.extract.quoting import _attach_quotes
from provenance.extract.spans import (
    Candidate,
    _overlap,
    _text,
    according_before_relative,
    doc_text,
    doc_tokens,
)
from provenance.extract.speakers import POSTS, chain_sources, mention_tokens, subject_of
from provenance.models import Attribution
from provenance.quotes import find_quotes
from provenance.rules import Rules, once_for

if TYPE_CHECKING:  # spaCy types for the checker only: this package never imports spaCy
    from spacy.tokens import Doc
else:
    Doc = Any


def _dedupe(cands: list[Candidate]) -> list[Candidate]:
    """One attribution per statement: keep the stronger of two that say the same thing,
    and drop weak noun-object cues nested inside another attribution's content."""
    cands = sorted(cands, key=lambda c: (c.content[0], -c.confidence))
    kept: list[Candidate] = []
    for c in cands:
        clash = None
        for k in kept:
            ov = _overlap(c.content, k.content)
            short = min(c.content[1] - c.content[0], k.content[1] - k.content[0]) or 1
            if ov >= 0.8 * short and (
                c.cue_span == k.cue_span
                or c.cue is None
                or k.cue is None
                or c.kind == k.kind == "direct"
                # "swore in an affidavit attached to the claim that ...": one statement, the
                # verb's with its speaker and the noun's with none
                or (c.content == k.content and (c.speaker is None or k.speaker is None))
            ):
                clash = k
                break
        if clash is not None:
            if c.confidence > clash.confidence:
                kept[kept.index(clash)] = c
            continue
        kept.append(c)
    result = []
    for c in kept:
        if c.weak and any(
            o is not c
            and o.content[0] <= c.content[0]
            and c.content[1] <= o.content[1]
            and not o.weak
            for o in kept
        ):
            continue
        result.append(c)
    return sorted(result, key=lambda c: c.content[0])


def find_candidates(doc: Doc, rules: Rules) -> list[Candidate]:
    """Every attribution candidate in ``doc``, before speaker resolution."""
    cands = [
        *_verb_candidates(doc, rules),
        *_noun_candidates(doc, rules),
        *_according_candidates(doc, rules),
    ]
    # an "according to" that hangs on a cue verb is that attribution's channel, not another one
    cue_verbs = {c.cue.i for c in cands if c.cue is not None and c.rule != "according-to"}
    # ... and so does one set off at the end of the sentence that a cue verb reports ("A
    # spokesman said the government ... would cover the cost, according to RTN")
    relayed = {t.i for i in cue_verbs for t in closing_according(doc[i])}
    cands = [
        c
        for c in cands
        if not (
            c.rule == "according-to"
            and c.cue is not None
            and (c.cue.head.i in cue_verbs or c.cue.i in relayed)
            # "..., according to state geologists, who warned that ...": the cue is a relative
            # clause on the source, the according speaks for the clause before
            and according_before_relative(c.cue.head) is None
        )
    ]
    for c in cands:
        _add_chain_and_channel(doc, c, rules)
    quotes = find_quotes(doc_text(doc))
    # a cue inside quotation marks is the quoted speaker's own words, not the article's
    # attribution ("'I am only asking that ...,' he said")
    inside = [(q.start, q.end) for q in quotes]
    cands = [
        c for c in cands if c.cue_span is None or not any(s <= c.cue_span[0] < e for s, e in inside)
    ]
    text = doc_text(doc)
    cands = [
        c
        for c in cands
        if not _asks_anonymity(text[c.content[0] : c.content[1]], rules)
        and not _across_semicolon(text, c)
    ]
    cands = _dedupe(cands)
    cands = _attach_quotes(doc, cands, quotes, rules)
    return _joined(text, _dedupe([_clipped(text, c) for c in cands]))


#: what may lie between two parts of one statement: no sentence ends there
_PART_GAP = re.compile(r"[^.!?\n]{0,20}")


def _joined(text: str, cands: list[Candidate]) -> list[Candidate]:
    """One statement per cue: two contents of one cue and one speaker, a few words apart in
    one sentence ("said she had paid £8,200, most of it borrowed from her brother": the
    parser hangs both on the cue), are one statement, from the first's start to the second's
    end."""
    out: list[Candidate] = []
    for c in cands:
        # the latest statement of the same cue
        at = (
            None
            if c.cue_span is None
            else next(
                (n for n in range(len(out) - 1, -1, -1) if out[n].cue_span == c.cue_span), None
            )
        )
        if (
            at is not None
            and (last := out[at]).speaker_span == c.speaker_span
            and not last.fragments
            and not c.fragments
            and last.content[1] <= c.content[0]
            and _PART_GAP.fullmatch(text, last.content[1], c.content[0])
        ):
            kind = last.kind if last.kind == c.kind else "mixed"
            out[at] = replace(
                last,
                kind=kind,
                content=(last.content[0], c.content[1]),
                confidence=max(last.confidence, c.confidence),
            )
            continue
        out.append(c)
    return out


def _across_semicolon(text: str, c: Candidate) -> bool:
    """Whether what is said comes before its speaker with a semicolon between ("Vaultline
    freezes withdrawals as hole emerges; founder blames attack"): two clauses, not one
    statement and its source."""
    starts = [s[0] for s in (c.speaker_span, c.cue_span) if s is not None]
    if not starts or c.content[1] > min(starts):
        return False
    return ";" in text[c.content[1] : min(starts)]


_ABOUT_NAME = re.compile(r"name|identif")
_REQUEST_WORDS = 8


_NAME_PHRASES: dict[int, tuple[Any, Any]] = {}


def _asks_anonymity(content: str, rules: Rules) -> bool:
    """Whether what a candidate says is only a request not to be named ("who asked that her
    name not be used"): a few words holding an ``anonymity_reasons`` phrase about the name.
    Not a statement that goes on to one ("she was not one of his sources and spoke on
    condition of anonymity")."""
    words = content.lower().split()
    if len(words) > _REQUEST_WORDS:
        return False
    reasons = rules.audit.anonymity_reasons
    phrases: tuple[str, ...] = once_for(
        _NAME_PHRASES, rules.audit, lambda: tuple(p for p in reasons if _ABOUT_NAME.search(p))
    )
    lowered = " ".join(words)
    return any(p in lowered for p in phrases)


def _clipped(text: str, c: Candidate) -> Candidate:
    """What is said ends where its speaker begins: "Demand peaked at a record, the operator,
    Rete Elettrica Nazionale (REN), said" (the parser may hang the speaker's aside on the
    content)."""
    if c.speaker_span is None or c.fragments:
        return c
    start, end = c.content
    if not start < c.speaker_span[0] < end:
        return c
    cut = c.speaker_span[0]
    while cut > start and (text[cut - 1].isspace() or text[cut - 1] in ",;:\u2013\u2014-"):
        cut -= 1
    return replace(c, content=(start, cut)) if cut > start else c


def attributions_from_doc(doc: Doc, rules: Rules) -> list[Attribution]:
    """Attributions of a parsed document, speakers resolved to sources."""
    from provenance.resolve import resolve_candidates

    return resolve_candidates(doc, find_candidates(doc, rules), rules)


__all__ = [
    "POSTS",
    "Candidate",
    "_text",
    "according_before_relative",
    "attributions_from_doc",
    "chain_sources",
    "doc_text",
    "doc_tokens",
    "find_candidates",
    "mention_tokens",
    "subject_of",
]
