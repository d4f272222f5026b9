"""Quotations tied to cues: direct and mixed quotes, split quotes, cues beside quotes and
cueless continuation."""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING, Any

from provenance.quotes import QUOTE_CHARS, Quote
from provenance.rules import Rules

if TYPE_CHECKING:  # spaCy types for the checker only: this package never imports spaCy
    from spacy.tokens import Doc, Token
else:
    Doc = Token = Any

from provenance.extract.chains import (
    _add_chain_and_channel,
)
from provenance.extract.cues import (
    _make,
)
from provenance.extract.spans import (
    Candidate,
    _overlap,
    doc_text,
    token_starts,
)
from provenance.extract.speakers import (
    subject_of,
)


def _quote_words(text: str, q: Quote) -> int:
    return sum(len(text[s:e].split()) for s, e in q.fragments)


def _nickname(text: str, q: Quote) -> bool:
    """Whether a quotation is a nickname inside a name ("Rafael \u201cPaeng\u201d
    Dimaculangan", "Earvin 'Magic' Johnson"): one or two capitalised words between a
    capitalised word and the next, set off by spaces. Nobody said it."""
    if len(q.fragments) != 1 or q.open_at < 2 or q.close_at + 2 > len(text):
        return False
    words = text[q.start : q.end].split()
    if not 1 <= len(words) <= 2 or not all(w[:1].isupper() for w in words):
        return False
    if text[q.open_at - 1] != " " or text[q.close_at : q.close_at + 1] != " ":
        return False
    if not text[q.close_at + 1 : q.close_at + 2].isupper():
        return False
    # the word before the opening mark, read back from it (not the whole text before)
    end = q.open_at
    while end > 0 and text[end - 1] == " ":
        end -= 1
    if end == 0 or not text[end - 1].isalpha():
        return False
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start].isupper()


def _quoted_title(text: str, q: Quote) -> bool:
    """Whether a quotation is the title of a show, book or film set before the noun it
    names ("'Heat Cove' star", "the \u201cMorning Edition\u201d host"): a few capitalised
    words, no sentence's punctuation, and a lowercase word right after. Nobody said it."""
    if len(q.fragments) != 1:
        return False
    words = text[q.start : q.end].split()
    if not 1 <= len(words) <= 5 or not all(w[:1].isupper() for w in words):
        return False
    if words[-1][-1:] in ".,!?;:":
        return False
    after = text[q.close_at : q.close_at + 2]
    return len(after) == 2 and after[0] == " " and after[1].islower()


def _attach_quotes(
    doc: Doc, cands: list[Candidate], quotes: list[Quote], rules: Rules
) -> list[Candidate]:
    """Make cue attributions direct or mixed, link quotes to a cue beside them, join split
    quotes, and give sentence-like quotes still without a cue to the nearest speaker."""
    text = doc_text(doc)
    used = _mark_quoted(cands, quotes)
    _merge_split_quotes(text, cands, quotes, used)
    used |= {n for n, q in enumerate(quotes) if _nickname(text, q) or _quoted_title(text, q)}
    for n, q in enumerate(quotes):
        if n in used or any(_overlap(c.content, (q.start, q.end)) for c in cands):
            continue
        found = _adjacent_cue(doc, q, rules)
        if found is not None:
            _add_chain_and_channel(doc, found, rules)
            cands.append(found)
            used.add(n)
    _merge_split_quotes(text, cands, quotes, used)
    out = list(cands)
    for n, q in enumerate(quotes):
        short = _quote_words(text, q) < rules.thresholds.min_direct_words
        if n in used or (short and not _said_on(text, q, out)):
            continue
        if _sentence_like(text, q):
            out.append(_continuation(text, q, out))
            used.add(n)
    return out


def _mark_quoted(cands: list[Candidate], quotes: list[Quote]) -> set[int]:
    """Turn candidates whose content is a quote into direct ones, those holding one into mixed;
    return the indexes of the quotes used."""
    used: set[int] = set()
    for cand in cands:
        for n, q in enumerate(quotes):
            inner = (q.start, q.end)
            shared = _overlap(cand.content, inner)
            if shared == 0:
                continue
            covers = cand.content[0] >= q.open_at - 1 and cand.content[1] <= q.close_at + 1
            if covers or shared >= 0.8 * (cand.content[1] - cand.content[0]):
                cand.kind = "direct"
                cand.content = inner
                cand.fragments = list(q.fragments)
                cand.rule = "quote+" + cand.rule
                cand.confidence = max(cand.confidence, 0.9)
                used.add(n)
            elif cand.kind != "direct":
                cand.kind = "mixed"
                used.add(n)
    return used


_RELATIVES = frozenset({"who", "which", "that"})


def _continuation(text: str, q: Quote, found: list[Candidate]) -> Candidate:
    """A quote with no cue of its own: the words of the nearest speaker before it (within two
    paragraphs), or of the first one after it (within one); else a quote with no speaker."""
    prev = [c for c in found if c.content[1] <= q.open_at and c.speaker is not None]
    nxt = [c for c in found if c.content[0] >= q.close_at and c.speaker is not None]
    base: Candidate | None = None
    if prev:
        base = max(prev, key=lambda c: c.content[1])
        if base.speaker is not None and base.speaker.lower_ in _RELATIVES:
            # '"...," said Jonas Reiter, a nurse who said he had $60,000. "I feel like an
            # idiot."': the speaker named in that sentence, not the relative pronoun
            sent = base.speaker.sent
            named = [
                c
                for c in prev
                if c.speaker is not None
                and c.speaker.lower_ not in _RELATIVES
                and c.speaker.sent == sent
            ]
            base = max(named, key=lambda c: c.content[1]) if named else base
        if _paragraph_gap(text, base.content[1], q.open_at) > 2:
            base = None
    elif nxt:
        base = min(nxt, key=lambda c: c.content[0])
        if _paragraph_gap(text, q.close_at, base.content[0]) > 1:
            base = None
    if base is None:
        return Candidate(
            "direct",
            (q.start, q.end),
            None,
            None,
            None,
            None,
            "quote-no-speaker",
            0.4,
            fragments=list(q.fragments),
        )
    return Candidate(
        kind="direct",
        content=(q.start, q.end),
        cue=None,
        cue_span=None,
        speaker=base.speaker,
        speaker_span=base.speaker_span,
        rule="quote-continues-speaker",
        confidence=0.7,
        stance=base.stance,
        fragments=list(q.fragments),
        channel=base.channel,
        addressee=base.addressee,
    )


def _merge_split_quotes(
    text: str, cands: list[Candidate], quotes: list[Quote], used: set[int]
) -> None:
    """ "A," he said, "B."  -> one attribution, two fragments."""
    for cand in cands:
        if cand.kind != "direct" or cand.cue is None:
            continue
        last_q = next((q for q in quotes if q.end == cand.content[1]), None)
        if last_q is None:
            continue
        for n, q in enumerate(quotes):
            if n in used or q.open_at <= last_q.close_at:
                continue
            between = text[last_q.close_at : q.open_at]
            if (
                cand.cue_span
                and last_q.close_at <= cand.cue_span[0] < q.open_at
                and _is_tag(between)
            ):
                cand.fragments = [*cand.fragments, *q.fragments]
                cand.content = (cand.content[0], q.end)
                used.add(n)
            break


def _adjacent_cue(doc: Doc, q: Quote, rules: Rules) -> Candidate | None:
    """The cue right after a quote (", the minister said", ", said Tom Reed") or right
    before it ("He told reporters: ..."), when the parse did not link the two."""
    text = doc_text(doc)
    starts = token_starts(doc)
    first_after = bisect_left(starts, q.close_at)
    after = list(doc[first_after : first_after + 12])
    for tok in after:
        if tok.is_space or tok.is_punct and tok.text in {",", "\u2014", "--"}:
            continue
        if tok.text in QUOTE_CHARS or "\n" in text[q.close_at : tok.idx]:
            break
        if tok.lemma_.lower() in rules.verbs and tok.pos_ == "VERB":
            subj = subject_of(tok)
            if subj is None or subj.i < after[0].i:
                break
            between = [t for t in after if t.i < tok.i]
            allowed = {t.i for t in subj.subtree}
            if all(t.i in allowed or t.is_punct or t.is_space for t in between):
                return _quote_candidate(doc, q, tok, subj, rules, "quote-cue-after")
            break
    last_before = bisect_left(starts, q.open_at)  # tokens starting before the mark
    before = [
        t for t in doc[max(0, last_before - 9) : last_before] if t.idx + len(t.text) <= q.open_at
    ][-8:]
    if before and before[-1].is_space and len(before) > 1 and before[-2].text == ":":
        before = before[:-1]  # the line break after a colon that closes its paragraph
    gap = text[before[-1].idx + 1 : q.open_at] if before else ""
    # "Derek Ashworth ... wrote to me in January:" closing its paragraph, the quote opening
    # the next
    next_paragraph = bool(before) and before[-1].text == ":" and not gap.strip()
    if before and before[-1].text in {":", ","} and ("\n" not in gap or next_paragraph):
        for tok in reversed(before):
            if tok.lemma_.lower() in rules.verbs and tok.pos_ == "VERB":
                subj = subject_of(tok)
                if subj is not None and subj.i < tok.i:
                    return _quote_candidate(doc, q, tok, subj, rules, "quote-cue-before")
                break
        return _colon_speaker(doc, q, before, rules)
    return None


def _colon_speaker(doc: Doc, q: Quote, before: list[Token], rules: Rules) -> Candidate | None:
    """A headline or a transcript line: "Minister: 'We will not resign'"."""
    colon = before[-1]
    line_start = doc_text(doc).rfind("\n", 0, colon.idx) + 1
    name = [t for t in before[:-1] if t.idx >= line_start and not t.is_space]
    if colon.text != ":" or not 0 < len(name) <= 5 or any(t.pos_ in ("VERB", "AUX") for t in name):
        return None
    heads = [t for t in name if t.head.i == t.i or not any(t.head.i == n.i for n in name)]
    head = heads[-1] if heads else name[-1]
    if head.pos_ not in ("NOUN", "PROPN"):
        return None
    cand = _quote_candidate(doc, q, colon, head, rules, "quote-colon-speaker")
    cand.confidence = 0.6
    return cand


def _quote_candidate(
    doc: Doc, q: Quote, cue: Token, speaker: Token, rules: Rules, rule: str
) -> Candidate:
    verb = rules.verbs.get(cue.lemma_.lower())
    cand = _make(
        doc,
        "direct",
        (q.start, q.end),
        cue,
        (cue.idx, cue.idx + len(cue.text)),
        speaker,
        rule,
        0.85,
        verb.stance if verb else "neutral",
    )
    cand.fragments = list(q.fragments)
    return cand


def _is_tag(between: str) -> bool:
    """Text between two fragments of a split quote: ', he said, ' (short, no full stop)."""
    stripped = between.strip()
    return (
        0 < len(stripped.split()) <= 16
        and "\n" not in between
        and stripped.endswith((",", ":"))
        and not any(mark in stripped[:-1] for mark in (". ", "! ", "? "))
    )


def _sentence_like(text: str, q: Quote) -> bool:
    inner = "".join(text[s:e] for s, e in q.fragments).strip()
    return inner[-1:] in {".", ",", "!", "?", ":", ";", "\u2026"} or len(inner.split()) >= 8


def _said_on(text: str, q: Quote, found: list[Candidate]) -> bool:
    """A quotation of whole sentences that goes on, in the same paragraph, from a sentence
    ending on the cue of a speaker found ('..., he said. \u201cI would remember.\u201d'):
    however short, no scare quote."""
    inner = text[q.start : q.end].strip()
    if len(q.fragments) != 1 or inner[-1:] not in {".", "!", "?"} or not inner[:1].isupper():
        return False
    return any(
        c.speaker is not None
        and c.cue_span is not None
        and c.cue_span[1] <= q.open_at
        and text[c.cue_span[1] : q.open_at].strip() == "."
        for c in found
    )


def _paragraph_gap(text: str, a: int, b: int) -> int:
    return text.count("\n", min(a, b), max(a, b))
