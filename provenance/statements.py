"""Statements: an attribution with everything it is compared by when claims are grouped.

For each attribution of a document: its **terms**, **figures** and **names**
(:mod:`provenance.terms`), the names of its sentence outside every attribution ("also in the
Donetsk region" after the content ends), its **events**, its **origins**
(:mod:`provenance.origins`), its **role** (asserts, denies, does not deny), the word by which it
talks about its own speaker (``self_reference``: "its forces had captured ...") and the
reporter's **distancing** phrases that bear on it. Words of another attribution nested in the
content ("X said A, which Y claimed B") are not the statement's; names that are the speaker's
own ("Moscow" in a Russian statement) or the article's topic are left out of its names.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from provenance.canonical import name_key
from provenance.models import Attribution, Document, Sentence, Span, Word
from provenance.origins import Node, aliases, statement_origins
from provenance.rules import Rules, once_for
from provenance.sentences import sentence_at, trimmed
from provenance.terms import (
    POINTER_SUBJECT,
    Figure,
    event_phrases,
    event_words,
    events_in,
    figures,
    first_word,
    key_of,
    names,
    terms,
    words_between,
)

_FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})
_SUBJECT_PRONOUNS = frozenset({"it", "he", "she", "they"})
_POSSESSIVES = frozenset({"its", "his", "her", "their", "our", "my"})
_BRIDGE_WORDS = 4
# a distancing sentence about "neither side's claims", "all the figures" doubts every claim
_SWEEPING = frozenset({"neither", "either", "both", "all", "none", "any"})
_ACCOUNTS = frozenset(
    {
        "side",
        "sides",
        "claims",
        "claim",
        "accounts",
        "account",
        "figures",
        "reports",
        "party",
        "parties",
        "tolls",
        "statements",
    }
)
# a name or word needs more mentions than this to be an article's topic, however short it is
_TOPIC_MIN = 2


@dataclass(frozen=True, slots=True)
class Statement:
    """One attribution with what it is compared by: terms, figures, names (its own and its
    sentence's outside any attribution), events, origins, role, self-reference, distancing."""

    doc: int
    doc_id: str
    index: int
    attribution: Attribution
    sentence: int
    sentence_span: Span
    terms: frozenset[str]
    term_text: str
    headline: bool
    figures: tuple[Figure, ...]
    names: frozenset[str]
    context: frozenset[str]
    events: frozenset[str]
    nodes: tuple[Node, ...]
    role: str
    self_reference: str | None
    action: str | None
    distancing: tuple[Span, ...]
    # the reporter's word setting the statement against another in a sentence of its own just
    # before, naming its speaker ("Nordhavn Terminals gave a very different picture.")
    contrast: str | None = None
    #: its origins' keys (worked out once: grouping compares them across many pairs)
    keys: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "keys", frozenset(n.key for n in self.nodes))

    @property
    def label(self) -> str:
        return f"{self.doc_id}#{self.index}"


def read_statements(
    position: int, doc: Document, sentences: Sequence[Sentence], rules: Rules
) -> list[Statement]:
    """The statements of ``doc`` (its attributions, in order), ``position`` being the
    document's place in the batch."""
    events, phrases = event_words(rules.claims), event_phrases(rules.claims)
    topics = _topics(sentences, rules)
    taken = _attribution_spans(doc.attributions)
    said = [(s.start, s.end) for a in doc.attributions for s in (a.content, a.cue) if s is not None]
    notes = _reporter_modifiers(doc.text, sentences, taken, rules, events, phrases)
    disclaimers = _disclaimers(doc.text, sentences, taken, rules, events, phrases)
    common = _topic_terms(sentences, rules, events, phrases)
    made: list[Statement] = []
    for index, a in enumerate(doc.attributions):
        nested = _nested(a, doc.attributions)
        words = [
            w
            for r in (a.fragments or (a.content,))
            for w in words_between(sentences, r.start, r.end)
            if _outside(w.start, w.end, nested)
        ]
        found = terms(words, events, phrases)
        here = sentence_at(sentences, a.content.start)
        nodes = statement_origins(doc, index, rules)
        own = _own_names(a, nodes, rules) | topics | _outlets(rules)
        content_names = frozenset(
            n
            for w in words
            for n in names(sentences[sentence_at(sentences, w.start)], w.start, w.end)
        ) | _entity_names(words, sentences)
        context = _context_names(sentences[here], taken) if sentences else frozenset()
        itself = _self_reference(doc.text, a, sentences, events)
        made.append(
            Statement(
                doc=position,
                doc_id=doc.doc_id,
                index=index,
                attribution=a,
                sentence=here,
                sentence_span=trimmed(sentences[here]) if sentences else a.content,
                terms=found,
                term_text=" ".join(sorted(found)),
                headline=here == 0 and _headline(doc.text, sentences),
                figures=figures(words),
                names=content_names - own,
                context=context - own,
                events=events_in(found, rules.claims),
                nodes=nodes,
                role=_role(a, rules),
                self_reference=itself[0] if itself else None,
                action=itself[1] if itself else None,
                distancing=_distancing(disclaimers, here, found, _person(a), common)
                + tuple(span for span, term in notes if term in found),
                contrast=_contrast_before(sentences, here, said, a, nodes, rules),
            )
        )
    return _own_actions(made)


def _own_actions(statements: list[Statement]) -> list[Statement]:
    """A statement that names what its origin says it did itself ("the recall" after "it
    would recall ...") is about itself too."""
    actions: dict[str, set[str]] = defaultdict(set)
    for s in statements:
        if s.action:
            for key in s.keys:
                actions[key].add(s.action)
    out: list[Statement] = []
    for s in statements:
        own = set().union(*(actions.get(k, set()) for k in s.keys)) & s.terms
        if s.self_reference is None and own:
            s = replace(s, self_reference=f"the {sorted(own)[0]}")
        out.append(s)
    return out


def _nested(a: Attribution, attributions: Sequence[Attribution]) -> list[tuple[int, int]]:
    """Spans of other attributions inside this one's content ("X said A, which Y claimed
    B"): their words are not this statement's."""
    inner: list[tuple[int, int]] = []
    for other in attributions:
        if other is a:
            continue
        spans = [*(other.fragments or (other.content,)), other.speaker, other.cue]
        for span in spans:
            if span is None or (span.start, span.end) == (a.content.start, a.content.end):
                continue
            if a.content.start <= span.start and span.end <= a.content.end:
                inner.append((span.start, span.end))
    return inner


def _entity_names(words: Sequence[Word], sentences: Sequence[Sentence]) -> frozenset[str]:
    """Names of the multi-word entities whose words all lie among ``words``."""
    if not words:
        return frozenset()
    starts = {w.start for w in words}
    first, last = min(starts), max(w.end for w in words)
    found: set[str] = set()
    for s in sentences:
        if s.end <= first or s.start >= last:
            continue  # no entity there lies among the words
        for start, end, _ in s.entities:
            inside = [w for w in s.words if w.start >= start and w.end <= end]
            if inside and all(w.start in starts for w in inside):
                found |= names(s, start, end)
    return frozenset(found)


def _role(a: Attribution, rules: Rules) -> str:
    if a.stance == "denial" or (a.stance == "neutral" and _calls_it_false(a, rules)):
        return "denies"
    if a.stance == "non-denial":
        return "does not deny"
    return "asserts"


def _calls_it_false(a: Attribution, rules: Rules) -> bool:
    """Whether what is said calls what it points at false: "said that was “simply untrue”",
    "said this was nonsense" (``rebuttals``, in its first words after the pointer)."""
    text = a.content.text.lower()
    found = POINTER_SUBJECT.match(text)
    if found is None or _MORE.search(text):
        return False  # "that was untrue and that the centre was paid for by a grant": more
    rest = " ".join(_WORDS.findall(text[found.end() :])[:3])
    return first_word(rest, rules.claims.rebuttals, whole=False) is not None


_MORE = re.compile(r"\band that\b|\bbut\b|;")
_WORDS = re.compile(r"[\w']+")


def _attribution_spans(attributions: Sequence[Attribution]) -> list[tuple[int, int]]:
    """Every content, speaker, cue and coreferent span: what is not the reporter's voice."""
    spans: list[tuple[int, int]] = []
    for a in attributions:
        spans += [(f.start, f.end) for f in (a.fragments or (a.content,))]
        spans += [(s.start, s.end) for s in (a.speaker, a.cue, a.coref) if s is not None]
    return spans


def _outside(start: int, end: int, taken: Sequence[tuple[int, int]]) -> bool:
    return not any(s < end and e > start for s, e in taken)


def _topics(sentences: Sequence[Sentence], rules: Rules) -> frozenset[str]:
    """Names in more than ``topic_share`` percent of the sentences: the article's subject."""
    counts: Counter[str] = Counter()
    for s in sentences:
        counts.update(names(s, s.start, s.end))
    limit = rules.claims.topic_share * len(sentences) / 100
    return frozenset(n for n, c in counts.items() if c > max(limit, _TOPIC_MIN))


def _topic_terms(
    sentences: Sequence[Sentence],
    rules: Rules,
    events: dict[str, str],
    phrases: dict[tuple[str, ...], str],
) -> frozenset[str]:
    """Terms in more than ``topic_share`` percent of the sentences ("dam" in a dam story)."""
    counts: Counter[str] = Counter()
    for s in sentences:
        counts.update(terms(s.words, events, phrases))
    limit = rules.claims.topic_share * len(sentences) / 100
    return frozenset(t for t, c in counts.items() if c > max(limit, _TOPIC_MIN))


def _context_names(sentence: Sentence, taken: Sequence[tuple[int, int]]) -> frozenset[str]:
    """Names of the statement's sentence outside every attribution ("also in the Donetsk
    region" after the content ends)."""
    found: set[str] = set()
    taken = [(s, e) for s, e in taken if s < sentence.end and e > sentence.start]  # its own
    for word in sentence.words:
        if _outside(word.start, word.end, taken):
            found |= names(sentence, word.start, word.end)
    for start, end, _ in sentence.entities:
        if _outside(start, end, taken):
            found |= names(sentence, start, end)
    return frozenset(found)


def _own_names(a: Attribution, nodes: Sequence[Node], rules: Rules) -> frozenset[str]:
    """Names that are the speaker itself ("Moscow" in a Russian statement) or its aliases."""
    own = {name_key(n.name) for n in nodes}
    for node in nodes:
        own |= aliases(node.key, rules)
    if a.speaker:
        own.add(name_key(a.speaker.text))
    return frozenset(own)


_OUTLETS: dict[int, tuple[Rules, frozenset[str]]] = {}


def _outlets(rules: Rules) -> frozenset[str]:
    """The names of the listed media (``sources.toml``, type media): the dateline's "(AFP)"
    and "a figure AFP could not verify" say who reports, not what a statement is about."""

    def make() -> frozenset[str]:
        media = [e for e in rules.sources if e.type == "media"]
        return frozenset(name_key(n) for e in media for n in (e.canonical, *e.names))

    found: frozenset[str] = once_for(_OUTLETS, rules, make)
    return found


def _headline(text: str, sentences: Sequence[Sentence]) -> bool:
    """Whether the first sentence is a line of its own (a headline)."""
    line_end = text.find("\n")
    return line_end != -1 and (len(sentences) < 2 or sentences[1].start > line_end)


def _self_reference(
    text: str, a: Attribution, sentences: Sequence[Sentence], events: dict[str, str]
) -> tuple[str, str | None] | None:
    """The word by which a statement talks about its speaker, and what the speaker says it
    did: a first-person pronoun, a pronoun subject ("it had restored power": ``restore``), or
    the possessive of the subject ("its forces had captured"). The words between the cue and
    the content count too ("said he had ...")."""
    start = a.content.start
    cue = a.cue
    if cue is not None and cue.end <= start and "\n" not in text[cue.end : start]:
        start = cue.end if len(words_between(sentences, cue.end, start)) <= _BRIDGE_WORDS else start
    words = words_between(sentences, start, a.content.end)
    if not any(w.dep for w in words):  # no parse: a first-person word, or the first word
        first = next((w for w in words if any(c.isalpha() for c in w.text)), None)
        mine = next((w for w in words if w.text.lower() in _FIRST_PERSON and w.text != "US"), None)
        if mine is not None:
            return mine.text, None
        if first and first.text.lower() in _SUBJECT_PRONOUNS | _POSSESSIVES:
            return first.text, None
        return None
    subjects = [w for w in words if w.dep in ("nsubj", "nsubjpass")]
    for word in words:
        if word.text.lower() in _FIRST_PERSON and word.text != "US":  # not the country
            return word.text, _action(word, sentences, events)
    if subjects and a.kind == "direct" and subjects[0].start >= a.content.start:
        return None  # in a speaker's own words, "it" or "he" is someone else
    # the subject of each coordinated clause in turn: "the find has been exaggerated and that
    # its planned plant would create 600 jobs"
    for subject in _coordinated(subjects, sentences):
        if subject.text.lower() in _SUBJECT_PRONOUNS:
            return subject.text, _action(subject, sentences, events)
        for word in words:
            possessive = word.dep == "poss" and word.text.lower() in _POSSESSIVES
            if possessive and _governed_by(word, subject, sentences):
                return word.text, _action(subject, sentences, events)
    return None


def _coordinated(subjects: Sequence[Word], sentences: Sequence[Sentence]) -> list[Word]:
    """The first subject and the subjects of the clauses coordinated with its clause ("... and
    that its plant would create"), not those of clauses inside it ("the tools it needs")."""
    if not subjects:
        return []
    verb = _head(subjects[0], sentences)
    found = [subjects[0]]
    for subject in subjects[1:]:
        head = _head(subject, sentences)
        if verb is not None and head is not None and head.dep == "conj" and head.head == verb.start:
            found.append(subject)
    return found


def _action(subject: Word, sentences: Sequence[Sentence], events: dict[str, str]) -> str | None:
    """The term of the verb a subject does ("it would recall" -> recall)."""
    if subject.dep not in ("nsubj", "nsubjpass"):
        return None
    verb = _head(subject, sentences)
    return key_of(verb, events) if verb is not None and verb.pos == "VERB" else None


def _head(word: Word, sentences: Sequence[Sentence]) -> Word | None:
    """The syntactic head of ``word``; None for the root or without a parse."""
    if word.head < 0 or word.head == word.start:
        return None
    sentence = sentences[sentence_at(sentences, word.start)]
    return next((w for w in sentence.words if w.start == word.head), None)


def _governed_by(word: Word, subject: Word, sentences: Sequence[Sentence]) -> bool:
    """Whether ``subject`` is ``word``'s head, or its head's head (three steps at most):
    "its forces", "none of its managers"."""
    current: Word | None = word
    for _ in range(3):
        current = _head(current, sentences) if current is not None else None
        if current is None:
            return False
        if current.start == subject.start:
            return True
    return False


@dataclass(frozen=True, slots=True)
class _Disclaimer:
    """A distancing phrase in the reporter's voice, and what its sentence talks about."""

    sentence: int
    span: Span
    terms: frozenset[str]
    words: frozenset[str]
    attributed: bool


def _contrast_before(
    sentences: Sequence[Sentence],
    here: int,
    said: Sequence[tuple[int, int]],
    attribution: Attribution,
    nodes: Sequence[Node],
    rules: Rules,
) -> str | None:
    """The reporter's contrast word ("a very different picture", ``[disputes] contrasts``) in
    the sentence just before a statement's, when that sentence attributes nothing and names
    the statement's speaker: "The Irish Aviation Authority painted a different picture. The
    authority said ..."."""
    if here < 1:
        return None
    before = sentences[here - 1]
    if not _outside(before.start, before.end, said):  # what is said, not who: a coreferent
        return None
    names = [n.name for n in nodes] + [attribution.source or ""]
    if attribution.speaker is not None:
        names.append(attribution.speaker.text)
    own = {w.lower() for n in names for w in re.findall(r"[A-Z][\w'-]{2,}", n)}
    own |= {w.lower() for n in names for w in re.findall(r"\b[a-z][\w'-]{3,}$", n)}
    words = set(re.findall(r"[\w'-]+", before.text.lower()))
    if not own & words:
        return None
    return first_word(before.text.lower(), rules.claims.contrasts, whole=False)


def _disclaimers(
    text: str,
    sentences: Sequence[Sentence],
    taken: Sequence[tuple[int, int]],
    rules: Rules,
    events: dict[str, str],
    phrases: dict[tuple[str, ...], str],
) -> list[_Disclaimer]:
    """The reporter's distancing phrases, each once (the longest where two overlap)."""
    found: list[_Disclaimer] = []
    for i, sentence in enumerate(sentences):
        attributed = not _outside(sentence.start, sentence.end, taken)
        for start, end in _phrases_in(sentence, rules.claims.distancing_phrases):
            if not _outside(start, end, taken):
                continue
            # what it doubts ends with its clause ("Dexerto has not been able to verify that
            # report, and Kolev's representatives did not respond": not Kolev's statements)
            stop = _clause_end(sentence, end)
            clause = sentence.text[: stop - sentence.start].lower().replace("\u2019s", "")
            words = frozenset(re.findall(r"\w+", clause))
            # "could not independently confirm the object's origin" doubts the origin, not
            # every statement about the object: a possessor names no doubted thing; nor does
            # the outlet that could not confirm ("Kyodo News could not independently confirm
            # the report": not every statement with "new" in it)
            rest = [
                w
                for w in sentence.words
                if (w.end <= start or end <= w.start < stop)
                and w.dep != "poss"
                and not (w.end <= start and w.pos == "PROPN" and w.dep in _SUBJECT_PARTS)
            ]
            span = Span(start, end, text[start:end])
            found.append(_Disclaimer(i, span, terms(rest, events, phrases), words, attributed))
    return found


_SUBJECT_PARTS = frozenset({"nsubj", "nsubjpass", "compound"})


def _clause_end(sentence: Sentence, after: int) -> int:
    """Where the clause holding offset ``after`` ends: at a semicolon, or a comma before
    "and" or "but" that opens another clause; else the sentence's end."""
    words = sentence.words
    for n, w in enumerate(words):
        if w.start < after:
            continue
        if w.text == ";":
            return w.start
        following = words[n + 1].text.lower() if n + 1 < len(words) else ""
        if w.text == "," and following in ("and", "but"):
            return w.start
    return sentence.end


@functools.lru_cache(maxsize=64)
def _phrase_patterns(phrases: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(r"\b" + re.escape(p) + r"\b", re.IGNORECASE) for p in phrases)


def _phrases_in(sentence: Sentence, phrases: Sequence[str]) -> list[tuple[int, int]]:
    hits = [
        (sentence.start + m.start(), sentence.start + m.end())
        for pattern in _phrase_patterns(tuple(phrases))
        for m in pattern.finditer(sentence.text)
    ]
    kept: list[tuple[int, int]] = []
    for start, end in sorted(hits, key=lambda h: h[0] - h[1]):  # longest first
        if _outside(start, end, kept):
            kept.append((start, end))
    return sorted(kept)


def _person(a: Attribution) -> str:
    """The speaker's name when a person's ("Marchuk's claim" doubts what Marchuk said), else
    nothing: the last word of "a letter to the regulator seen by Reuters" names no speaker."""
    return (a.source or "") if a.source_type in _PEOPLE else ""


_PEOPLE = frozenset({"person", "official", "expert"})


def _distancing(
    disclaimers: Sequence[_Disclaimer],
    here: int,
    found: frozenset[str],
    speaker: str,
    topics: frozenset[str],
) -> tuple[Span, ...]:
    """The reporter's distancing phrases that bear on a statement: in its sentence; in the
    next one when that attributes nothing ("The claims could not be independently
    verified."); or later, in a sentence of the reporter's that names what it doubts (a word
    of the statement that is not the article's topic, or its speaker: "We have not been able
    to independently verify the evacuation figures or Marchuk's claim") or sweeps over every
    account ("Neither side's claims could be verified")."""
    spans: list[Span] = []
    surname = speaker.split()[-1].lower() if speaker.split() else ""
    for d in disclaimers:
        named = bool((d.terms & found) - topics) or bool(surname and surname in d.words)
        # "Neither side's claims could be independently verified" doubts every one before it
        sweeping = bool(d.words & _SWEEPING) and bool(d.words & _ACCOUNTS)
        later = d.sentence == here + 1 or (d.sentence > here and (named or sweeping))
        if d.sentence == here or (later and not d.attributed):
            spans.append(d.span)
    return tuple(spans)


def _reporter_modifiers(
    text: str,
    sentences: Sequence[Sentence],
    taken: Sequence[tuple[int, int]],
    rules: Rules,
    events: dict[str, str],
    phrases: dict[tuple[str, ...], str],
) -> list[tuple[Span, str]]:
    """ "alleged X" in the reporter's voice: the span and the term X it casts doubt on."""
    modifiers = set(rules.claims.distancing_modifiers)
    found: list[tuple[Span, str]] = []
    for sentence in sentences:
        words = sentence.words
        for word, nxt in zip(words, words[1:], strict=False):
            if word.text.lower() not in modifiers or not _outside(word.start, nxt.end, taken):
                continue
            for term in terms([nxt], events, phrases):
                found.append((Span(word.start, nxt.end, text[word.start : nxt.end]), term))
    return found
