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

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from provenance.models import Attribution
from provenance.quotes import QUOTE_CHARS, Quote, find_quotes
from provenance.rules import Rules

if TYPE_CHECKING:  # spaCy types for the checker only: this module never imports spaCy
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


# --------------------------------------------------------------------------- spans and trimming


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once: spaCy rebuilds the string from every token on each access."""
    cached = doc.user_data.get("provenance_text")
    if cached is None:
        cached = doc.user_data["provenance_text"] = doc.text
    return str(cached)


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
        or tokens[0].is_punct
        or tokens[0].is_space
    ):
        tokens = tokens[1:]
    return tokens


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


# --------------------------------------------------------------------------- speakers


def subject_of(verb: Token) -> Token | None:
    """The grammatical subject of ``verb``, following coordination ("X said ... and warned")."""
    # a passive subject is what the cue is about ("the heat was blamed"), never the speaker;
    # of two subjects (one misparsed inside a quote), the nearer is the speaker
    subjects = [
        c
        for c in verb.children
        if c.dep_ == "nsubj" and c.text not in QUOTE_CHARS  # „ is a noun
    ]
    if subjects:
        return _real_subject(min(subjects, key=lambda c: abs(c.i - verb.i)))
    for child in verb.children:
        if child.dep_ == "agent":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
    fallback = _adjacent_noun(verb)
    if fallback is not None and verb.dep_ in ("ROOT", "ccomp", "advcl", "parataxis"):
        return fallback
    # "X said ... and warned", "X told AFP ..., adding that": the subject of the first cue
    if verb.dep_ == "conj" or (verb.dep_ == "advcl" and verb.tag_ == "VBG"):
        node = verb.head
        while node is not node.head:
            subj = next((c for c in node.children if c.dep_ == "nsubj"), None)
            if subj is not None and node.pos_ in ("VERB", "AUX") and node.dep_ not in COMPLEMENTS:
                return _real_subject(subj)
            if node.dep_ in COMPLEMENTS:
                node = node.head
                continue
            if node.dep_ not in ("conj", "advcl"):
                break
            node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return next((c for c in node.children if c.dep_ == "nsubj"), None)
    return None


def _real_subject(subj: Token) -> Token:
    """Skip what the parser took for a subject but is not a speaker: a live blog's timestamp
    ("08:47 GMT -- The operator said" -> operator); a count ("two of the sources" -> sources)."""
    dash_after = subj.i + 1 < len(subj.doc) and subj.doc[subj.i + 1].text in _DASHES
    if subj.ent_type_ in ("TIME", "DATE") or dash_after:  # "08:47 GMT -- ", "RIVERTON -- "
        for child in subj.children:
            if child.dep_ == "appos" and child.i > subj.i:
                return child
    if subj.pos_ == "NUM" or subj.lower_ in {"one", "some", "many", "most", "several", "both"}:
        for prep in subj.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                objs = [o for o in prep.children if o.dep_ == "pobj"]
                if objs and objs[0].pos_ in ("NOUN", "PROPN"):
                    return objs[0]
    return subj


def _adjacent_noun(verb: Token) -> Token | None:
    """The noun right before a subjectless cue verb: the parser sometimes hangs the real
    subject elsewhere ("In a post on Telegram, the ministry's spokeswoman said ...")."""
    i = verb.i - 1
    while i >= verb.sent.start and verb.doc[i].dep_ in ("advmod", "aux", "neg"):
        i -= 1
    if i < verb.sent.start:
        return None
    prev = verb.doc[i]
    if (
        prev.pos_ in ("NOUN", "PROPN")
        and prev.dep_ not in ("compound", "amod", "poss", "pobj")
        and prev.text not in QUOTE_CHARS
    ):
        return prev
    if prev.text == "," and i - 1 >= verb.sent.start:
        # "..., the operator, Rete Elettrica Nazionale (REN), said": climb out of the apposition
        node = verb.doc[i - 1]
        while node.dep_ in ("appos", "compound", "nmod", "punct") and node.head.i < verb.i:
            node = node.head
        if node.pos_ in ("NOUN", "PROPN") and _after_comma(node):
            return node
        # "the association Aria Pulita, which has been collecting figures, said"
        for anc in verb.doc[i - 1].ancestors:
            if anc.i >= verb.i or anc.sent.start != verb.sent.start:
                break
            if anc.pos_ in ("NOUN", "PROPN") and any(
                c.dep_ in ("relcl", "appos") and c.right_edge.i == i - 1 for c in anc.children
            ):
                return anc
    return None


_MENTION_CUT = frozenset({"relcl", "acl", "advcl", "punct", "cc", "prep_chain"})


def mention_tokens(head: Token, *, coordinated: bool = True) -> list[Token]:
    """The tokens of the noun phrase headed by ``head``, without relative clauses or asides
    (and without coordinated names unless ``coordinated``: "Neither Russia nor North Korea")."""
    if head.pos_ == "PRON":
        return [head]
    cut = [
        c
        for c in head.children
        if c.dep_ in ("relcl", "acl", "advcl")
        or (not coordinated and c.dep_ in ("conj", "cc"))
        or (c.dep_ == "appos" and c.i > head.i and _preceded_by_comma(c))
        or (c.dep_ == "prep" and c.i > head.i and _is_chain_prep(head, c))
        or (c.dep_ == "conj" and head.dep_ == "pobj" and head.head.lower_ == "citing")
    ]
    toks = subtree_without(head, cut)
    toks = contiguous(toks, head)
    while toks and (toks[-1].is_punct or toks[-1].is_space or toks[-1].tag_ == "POS"):
        toks = toks[:-1]
    while toks and (toks[0].is_punct or toks[0].is_space):
        toks = toks[1:]
    return toks or [head]


def _preceded_by_comma(tok: Token) -> bool:
    prev = tok.doc[tok.left_edge.i - 1] if tok.left_edge.i > 0 else None
    return prev is not None and prev.text in {",", "--", "\u2014", "\u2013", "("}


def _is_chain_prep(head: Token, prep: Token) -> bool:
    """``of data from X`` / ``by X`` after an analysis-like head starts a chain, not the name."""
    if prep.lower_ in _SOURCE_PREPS:
        return True
    if prep.lower_ == "of":
        objs = [c for c in prep.children if c.dep_ == "pobj"]
        return any(
            any(g.dep_ == "prep" and g.lower_ in _SOURCE_PREPS for g in o.children) for o in objs
        )
    return False


def chain_sources(head: Token) -> list[Token]:
    """Others named inside a source phrase: "an analysis of data from X", "a calculation based
    on data from X", "a memo obtained by X", "a statement carried by X" -> [X]."""
    found: list[Token] = []
    for child in head.children:
        if child.i < head.i:
            continue
        if child.dep_ == "acl":  # obtained by / carried by / based on / compiled from
            found.extend(chain_sources(child))
            continue
        if child.dep_ not in ("prep", "agent"):
            continue
        for obj in (c for c in child.children if c.dep_ == "pobj"):
            if child.lower_ in _SOURCE_PREPS:
                found.append(obj)
            elif child.lower_ == "on" and head.lemma_ in ("base", "draw", "rely"):
                # "based on health ministry figures"; "based on data from Alphaliner"
                found.extend(chain_sources(obj) or [obj])
            elif child.lower_ in ("of", "on"):
                found.extend(chain_sources(obj))
    return found


def span_of(tokens: list[Token]) -> tuple[int, int] | None:
    return char_span(tokens)


# --------------------------------------------------------------------------- content


def clause_content(
    doc: Doc, root: Token, cue: Token, rules: Rules, *, after_cue: bool | None = None
) -> tuple[int, int] | None:
    """What was said: ``root``'s subtree, cut at trailing clauses that are attributions
    of their own (``..., as Kyiv announced ...``), without the complementiser."""
    cut = []
    for child in root.children:
        if child.dep_ == "advcl" and child.lemma_ in _CITE_LEMMAS:
            cut.append(child)  # "citing X" is a hop, not content
            continue
        if child.i < root.i:
            continue
        if child.dep_ == "advcl" and _holds_cue(child, rules):
            cut.append(child)  # another attribution
        elif child.dep_ == "conj" and child.lemma_ in rules.verbs and child.i > cue.i:
            cut.append(child)
            cut.extend(
                c for c in root.children if c.dep_ == "cc" and c.i < child.i and c.i > root.i
            )
    toks = subtree_without(root, cut)
    if after_cue is True:
        toks = [t for t in toks if t.i > cue.i]
    elif after_cue is False:
        toks = [t for t in toks if t.i < cue.i]
    toks = [t for t in toks if not _in_subtree(t, cue) or t.i in {x.i for x in root.subtree}]
    toks = _strip_leading(doc, sorted(toks, key=lambda t: t.i))
    span = char_span(toks)
    if span is None:
        return None
    start, end = trim(doc_text(doc), *span)
    return (start, end) if end > start else None


def _holds_cue(tok: Token, rules: Rules) -> bool:
    return any(
        t.lemma_ in rules.verbs and t.pos_ in ("VERB", "AUX") and subject_of(t) is not None
        for t in tok.subtree
    )


def _in_subtree(tok: Token, root: Token) -> bool:
    return root.left_edge.i <= tok.i <= root.right_edge.i and any(
        a.i == root.i for a in [tok, *tok.ancestors]
    )


# --------------------------------------------------------------------------- cue finders


def _verb_candidates(doc: Doc, rules: Rules) -> Iterator[Candidate]:
    for tok in doc:
        cue = rules.verbs.get(tok.lemma_.lower())
        if (
            cue is None
            or tok.pos_ not in ("VERB", "AUX")
            or tok.tag_ == "VBG"
            and tok.dep_ == "amod"
        ):
            continue
        phrase = _phrase_at(tok, rules)
        if cue.subjects:
            subject = subject_of(tok)
            if subject is None or subject.lemma_.lower() not in cue.subjects:
                continue  # "the study found", not "police found a body"
        yield from _from_verb(
            doc, tok, rules, cue.stance, cue.object, cue.preps, phrase, quote_only=cue.quote_only
        )
    for tok in doc:
        if tok.lemma_.lower() in rules.verbs or tok.pos_ != "VERB":
            continue
        phrase = _phrase_at(tok, rules)
        if phrase is not None:
            stance, preps, end = phrase
            yield from _from_verb(doc, tok, rules, stance, False, preps, (stance, preps, end))


def _phrase_at(tok: Token, rules: Rules) -> tuple[str, tuple[str, ...], int] | None:
    for phrase in rules.phrases:
        if tok.lemma_.lower() != phrase.words[0]:
            continue
        words = [t.lemma_.lower() for t in tok.doc[tok.i : tok.i + len(phrase.words)]]
        if tuple(words) == phrase.words:
            return phrase.stance, phrase.preps, tok.i + len(phrase.words) - 1
    return None


def _from_verb(
    doc: Doc,
    verb: Token,
    rules: Rules,
    stance: str,
    takes_object: bool,
    preps: tuple[str, ...],
    phrase: tuple[str, tuple[str, ...], int] | None,
    *,
    quote_only: bool = False,
) -> Iterator[Candidate]:
    """Attributions hanging on one cue verb: its clause, a postposed statement, a prepositional
    or object content, or (passive) the noun it modifies; tried in that order."""
    speaker = subject_of(verb)
    if speaker is not None and speaker.lower_ in {"it", "there"} and speaker.dep_ == "expl":
        speaker = None
    cue_end = phrase[2] if phrase else verb.i
    cue_span = (verb.idx, doc[cue_end].idx + len(doc[cue_end].text))
    if stance == "denial" and _negated(verb, speaker):
        stance = "non-denial"

    def make(span: tuple[int, int], rule: str, confidence: float, weak: bool = False) -> Candidate:
        return _make(
            doc, "indirect", span, verb, cue_span, speaker, rule, confidence, stance, weak=weak
        )

    if verb.dep_ == "acl" and speaker is not None and speaker.head.dep_ == "agent":
        # "the gains announced by Moscow": what was said is the noun the verb modifies
        span = char_span(subtree_without(verb.head, [verb]))
        if span:
            yield make(span, "passive-agent", 0.6, weak=True)
        return
    if speaker is None:
        return
    comps = _complements(verb, speaker)
    if not comps:
        span = _postposed_content(doc, verb, speaker)
        if span is not None:
            yield make(span, "postposed-cue", 0.75)
            return
    for comp in comps:
        after = comp.i > verb.i
        span = clause_content(
            doc, comp, verb, rules, after_cue=after if verb.dep_ == "relcl" else None
        )
        if span:
            yield make(span, "verb-ccomp" if after else "postposed-cue", 0.85)
    if comps:
        return
    span = _prep_content(doc, verb, doc[cue_end], preps)
    if span is not None:
        yield make(span, "verb-prep", 0.6, weak=True)
    elif takes_object:
        span = _object_content(doc, verb, quote_only=quote_only)
        if span is not None:
            yield make(span, "verb-object", 0.5, weak=True)


def _negated(verb: Token, speaker: Token | None) -> bool:
    """'has not denied', 'Neither X nor Y has denied'."""
    return any(c.dep_ == "neg" for c in verb.children) or (
        speaker is not None and any(c.lower_ == "neither" for c in speaker.children)
    )


def _complements(verb: Token, speaker: Token) -> list[Token]:
    """The clauses a cue verb introduces, including those the parser hung elsewhere."""
    comps = [c for c in verb.children if c.dep_ == "ccomp" and c.i != speaker.i]
    # "X reported, citing Y, that ...": the clause hangs under "citing", or as an adverbial
    comps += [
        c
        for c in verb.children
        if c.dep_ == "advcl"
        and c.i > verb.i
        and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
    ]
    comps += [
        g
        for c in verb.children
        if c.dep_ == "advcl" and c.lemma_ in _CITE_LEMMAS
        for g in c.children
        if g.dep_ == "ccomp"
    ]
    if not comps and verb.dep_ not in ("ccomp", "parataxis"):
        # "denied receiving any warning", "admitted taking the money"
        comps = [
            c
            for c in verb.children
            if c.dep_ == "xcomp"
            and c.pos_ in ("VERB", "AUX")
            and (c.tag_ == "VBG" or any(g.dep_ in SUBJECTS for g in c.children))
        ]
    if any(c.i > verb.i for c in comps):
        # a clause after the cue is what was said; one before it was misattached
        comps = [c for c in comps if c.i > verb.i]
    return comps


def _postposed_content(doc: Doc, verb: Token, speaker: Token) -> tuple[int, int] | None:
    """'X happened, the mayor said.': the statement before a closing cue that the parser
    hung under the statement, left detached, or took for a relative clause."""
    detached = (verb.dep_ == "ROOT" and speaker.head.i != verb.i and speaker.i < verb.i) or (
        verb.dep_ == "relcl" and _postposed_relcl(verb, speaker)
    )
    hung = verb.dep_ in ("ccomp", "parataxis", "advcl") and verb.head.i < verb.i
    if not (hung or detached) or not _after_comma(speaker):
        return None
    if any(c.dep_ in ("auxpass", "mark") for c in verb.children):
        return None
    scope = verb.sent if detached else verb.head.subtree
    toks = _strip_leading(doc, [t for t in scope if t.i < speaker.left_edge.i and t.i < verb.i])
    span = char_span(toks)
    if span is None or not any(t.pos_ in ("VERB", "AUX") for t in toks):
        return None  # a timestamp or a name, not a statement
    s, e = trim(doc_text(doc), *span)
    return (s, e) if e > s else None


def _prep_content(
    doc: Doc, verb: Token, last: Token, preps: tuple[str, ...]
) -> tuple[int, int] | None:
    """'warned about X', 'sounded the alarm over X': the prepositional phrase."""
    children = list(verb.children) + (list(last.children) if last.i != verb.i else [])
    # "warned on Tuesday of possible blackouts": the parser hangs "of" on the date
    children += [g for c in verb.children if c.ent_type_ in ("DATE", "TIME") for g in c.subtree]
    children += [
        g
        for c in verb.children
        if c.dep_ == "prep"
        for o in c.children
        if o.ent_type_ in ("DATE", "TIME")
        for g in o.children
    ]
    for child in children:
        if child.dep_ == "prep" and child.lower_ in preps and child.i > last.i:
            span = char_span(child.subtree)
            if span:
                return trim(doc_text(doc), *span)
    return None


def _object_content(doc: Doc, verb: Token, *, quote_only: bool) -> tuple[int, int] | None:
    """'announced a fresh drive', 'called the report "a fairy tale"': the object (and its
    predicate); for quote-only cues, only when quoted words are in it."""
    for child in verb.children:
        if child.dep_ != "dobj" or child.pos_ not in ("NOUN", "PROPN") or child.i < verb.i:
            continue
        toks = [t for t in child.subtree if t.dep_ != "relcl"]
        for pred in (c for c in verb.children if c.dep_ == "oprd" and c.i > child.i):
            toks += list(pred.subtree)
        span = char_span(toks)
        if span is None:
            continue
        s, e = trim(doc_text(doc), *span)
        if quote_only and not any(ch in QUOTE_CHARS for ch in doc_text(doc)[s:e]):
            return None
        return s, e
    return None


def _postposed_relcl(verb: Token, speaker: Token) -> bool:
    """A 'relative clause' that is really a closing cue: no relative pronoun, a plain subject
    after a comma, and nothing said after the verb ("..., the agency announced on Friday.")."""
    if any(c.tag_ in ("WDT", "WP", "WP$") for c in verb.children):
        return False
    tail = [c for c in verb.children if c.i > verb.i]
    return speaker.i < verb.i and all(
        c.dep_ in ("prep", "npadvmod", "advmod", "punct") for c in tail
    )


def _after_comma(speaker: Token) -> bool:
    """A postposed cue's subject follows a comma or dash: "..., the mayor said"."""
    first = min(speaker.left_edge.i, speaker.i)
    return first > 0 and speaker.doc[first - 1].text in {",", "--", "\u2014", "\u2013"}


def _make(
    doc: Doc,
    kind: str,
    content: tuple[int, int],
    cue: Token,
    cue_span: tuple[int, int],
    speaker: Token | None,
    rule: str,
    confidence: float,
    stance: str,
    *,
    weak: bool = False,
) -> Candidate:
    sp = span_of(mention_tokens(speaker)) if speaker is not None else None
    return Candidate(
        kind=kind,
        content=content,
        cue=cue,
        cue_span=cue_span,
        speaker=speaker,
        speaker_span=sp,
        rule=rule,
        confidence=confidence,
        stance=stance,
        weak=weak,
    )


def _noun_candidates(doc: Doc, rules: Rules) -> Iterator[Candidate]:
    """``Russia's claims that ...``, ``the ministry's statement that ...``."""
    for tok in doc:
        cue = rules.nouns.get(tok.lemma_.lower())
        if cue is None or tok.pos_ != "NOUN":
            continue
        clause = next(
            (
                c
                for c in tok.children
                if c.dep_ in ("acl", "ccomp", "appos", "relcl")
                and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
            ),
            None,
        )
        if clause is None:
            continue
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        if owner is None:
            owner = next(
                (
                    o
                    for p in tok.children
                    if p.dep_ == "prep" and p.lower_ in {"by", "from", "of"}
                    for o in p.children
                    if o.dep_ == "pobj"
                ),
                None,
            )
        span = clause_content(doc, clause, tok, rules)
        if span is None:
            continue
        verb = tok.head.head if tok.dep_ == "pobj" else None
        verb_cue = rules.verbs.get(verb.lemma_.lower()) if verb is not None else None
        if owner is None and verb is not None and verb_cue is not None:
            # "the ministry said in a statement that ...": the parser hung the clause on the
            # noun; the verb's subject is the speaker and the statement its channel
            speaker = subject_of(verb)
            if speaker is not None:
                cue_span = (verb.idx, verb.idx + len(verb.text))
                stance = verb_cue.stance
                yield _make(
                    doc, "indirect", span, verb, cue_span, speaker, "verb-ccomp", 0.8, stance
                )
                continue
        cue_span = (tok.idx, tok.idx + len(tok.text))
        yield _make(doc, "indirect", span, tok, cue_span, owner, "noun-cue", 0.7, cue.stance)


def _according_candidates(doc: Doc, rules: Rules) -> Iterator[Candidate]:
    """``..., according to X`` attaches X to the clause it modifies."""
    for prep_cue in rules.prepositions:
        n = len(prep_cue.words)
        for tok in doc:
            if tok.lower_ != prep_cue.words[0]:
                continue
            words = tuple(t.lower_ for t in doc[tok.i : tok.i + n])
            if words != prep_cue.words:
                continue
            last = doc[tok.i + n - 1]
            objs = [c for c in last.children if c.dep_ == "pobj"] or [
                c for c in tok.children if c.dep_ == "pobj"
            ]
            if not objs:
                continue
            source = objs[0]
            head = tok.head if tok.head is not tok else None
            cue_span = (tok.idx, last.idx + len(last.text))
            if head is None:
                continue
            sent = tok.sent
            # "..., according to Xinhua, citing local officials": the cited are the origin
            cites = [c for c in head.children if c.dep_ == "advcl" and c.lemma_ in _CITE_LEMMAS]
            skip = {x.i for x in tok.subtree} | {x.i for c in cites for x in c.subtree}
            toks = [t for t in head.subtree if t.i not in skip]
            toks = [t for t in toks if sent.start <= t.i < sent.end]
            toks = contiguous(toks, head) if head in toks else toks
            span = char_span(_strip_leading(doc, sorted(toks, key=lambda t: t.i)))
            if not span:
                continue
            s, e = trim(doc_text(doc), *span)
            cand = _make(
                doc, "indirect", (s, e), tok, cue_span, source, "according-to", 0.8, prep_cue.stance
            )
            origins = chain_sources(source) + [
                o for c in cites for o in c.children if c.dep_ == "advcl" and o.dep_ == "dobj"
            ]
            cand.via = [
                (_text(doc, mention_tokens(o)), span_of(mention_tokens(o)), "origin")
                for o in origins
            ]
            yield cand


def _text(doc: Doc, toks: list[Token]) -> str:
    span = char_span(toks)
    return doc_text(doc)[span[0] : span[1]] if span else ""


# --------------------------------------------------------------------------- quotes


def _quote_words(text: str, q: Quote) -> int:
    return sum(len(text[s:e].split()) for s, e in q.fragments)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _attach_quotes(
    doc: Doc, cands: list[Candidate], quotes: list[Quote], rules: Rules
) -> list[Candidate]:
    """Make cue attributions direct or mixed, link quotes to a cue beside them, join split
    quotes, and give sentence-like quotes still without a cue to the nearest speaker."""
    text = doc_text(doc)
    used = _mark_quoted(cands, quotes)
    _merge_split_quotes(text, cands, quotes, used)
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
        if n in used or _quote_words(text, q) < rules.thresholds.min_direct_words:
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


def _continuation(text: str, q: Quote, found: list[Candidate]) -> Candidate:
    """A quote with no cue of its own: the words of the nearest speaker before it (within two
    paragraphs), or of the first one after it (within one); else a quote with no speaker."""
    prev = [c for c in found if c.content[1] <= q.open_at and c.speaker is not None]
    nxt = [c for c in found if c.content[0] >= q.close_at and c.speaker is not None]
    base: Candidate | None = None
    if prev:
        base = max(prev, key=lambda c: c.content[1])
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
    after = [t for t in doc if t.idx >= q.close_at][:12]
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
    before = [t for t in doc if t.idx + len(t.text) <= q.open_at][-8:]
    if before and before[-1].text in {":", ","} and "\n" not in text[before[-1].idx : q.open_at]:
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


def _paragraph_gap(text: str, a: int, b: int) -> int:
    return text.count("\n", min(a, b), max(a, b))


# --------------------------------------------------------------------------- chains and channels


def _add_chain_and_channel(doc: Doc, cand: Candidate, rules: Rules) -> None:
    cue = cand.cue
    if cue is None:
        return
    verb = cue
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "iobj") and verb.lemma_ in {
            "tell",
            "inform",
            "brief",
            "assure",
        }:
            addr = _text(doc, mention_tokens(child))
            cand.addressee = addr
            if child.ent_type_ in ("ORG", "NORP", "GPE") or _channel_name(child, rules):
                cand.channel = addr  # as written: "Parliament", "AFP", "reporters"
        if child.dep_ == "prep" and child.lower_ in _CHANNEL_PREPS:
            for obj in (c for c in child.children if c.dep_ == "pobj"):
                for relay in chain_sources(obj):  # "in a statement carried by KCNA"
                    toks = mention_tokens(relay)
                    if all(_text(doc, toks) != v[0] for v in cand.via):
                        cand.via.append((_text(doc, toks), span_of(toks), "relay"))
                name = _channel_name(obj, rules)
                if name and cand.channel is None:
                    toks = mention_tokens(obj)
                    stop = next((t.i for t in toks if t.text in {",", "--", "\u2014"}), None)
                    cand.channel = _text(doc, [t for t in toks if stop is None or t.i < stop])
    cited = [c for c in verb.children if c.dep_ == "advcl" and c.lemma_ in _CITE_LEMMAS]
    cited += [  # "reported, citing X, that ...", where "citing" hangs on the clause
        g
        for c in verb.children
        if c.dep_ in ("ccomp", "advcl")
        for g in c.children
        if g.dep_ == "advcl" and g.lemma_ in _CITE_LEMMAS and g.i < c.i
    ]
    for cite in cited:
        for obj in (c for c in cite.children if c.dep_ == "dobj"):
            cand.via.append(
                (_text(doc, mention_tokens(obj)), span_of(mention_tokens(obj)), "origin")
            )
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "according":
            objs = [
                o for t in child.subtree for o in [t] if o.dep_ == "pobj" and o.head.lower_ == "to"
            ]
            if objs:
                ch = _text(doc, [t for t in objs[0].subtree])
                cand.channel = ch
                cand.via.append((ch, char_span(objs[0].subtree), "relay"))
    # "An AFP source said": the outlet the anonymous source spoke to
    sp = cand.speaker
    if sp is not None and cand.channel is None and sp.pos_ in ("NOUN",):
        for mod in sp.children:
            if mod.dep_ in ("compound", "poss") and _outlet(mod, rules):
                cand.channel = mod.text
    # "X reported, citing a source, who said ...": the relay is the outlet
    if sp is not None and sp.lower_ in {"who", "which", "that"} and verb.dep_ == "relcl":
        ante = verb.head
        if ante.dep_ == "dobj" and ante.head.lemma_ in _CITE_LEMMAS:
            reporter = ante.head.head
            outlet = subject_of(reporter)
            if outlet is not None:
                cand.relay = outlet
                cand.channel = cand.channel or _short_outlet(doc, outlet, rules)


def _channel_name(tok: Token, rules: Rules) -> str | None:
    lemmas = {t.lemma_.lower() for t in tok.subtree} | {tok.lower_}
    for ch in rules.channels:
        if tok.lemma_.lower() in ch.words or tok.lower_ in ch.words:
            return ch.name
    for ch in rules.channels:
        if ch.kind == "platform" and lemmas & set(ch.words):
            return ch.name
    return None


def _outlet(tok: Token, rules: Rules) -> bool:
    from provenance.rules import normalise_name

    entry = rules.source_index.get(normalise_name(tok.text))
    return entry is not None and entry.type in ("media", "state media")


def _short_outlet(doc: Doc, tok: Token, rules: Rules) -> str:
    for t in mention_tokens(tok):
        if _outlet(t, rules):
            return t.text
    return _text(doc, mention_tokens(tok))


# --------------------------------------------------------------------------- the whole article


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
    cands = [
        c
        for c in cands
        if not (c.rule == "according-to" and c.cue is not None and c.cue.head.i in cue_verbs)
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
    cands = _dedupe(cands)
    cands = _attach_quotes(doc, cands, quotes, rules)
    return _dedupe(cands)


def attributions_from_doc(doc: Doc, rules: Rules) -> list[Attribution]:
    """Attributions of a parsed document, speakers resolved to sources."""
    from provenance.resolve import resolve_candidates

    return resolve_candidates(doc, find_candidates(doc, rules), rules)


__all__ = ["Candidate", "attributions_from_doc", "find_candidates"]
