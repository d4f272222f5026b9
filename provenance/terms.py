"""What statements are compared by: their words, figures, names and events, as plain sets.

Pure functions over :class:`~provenance.models.Word` data (from :func:`provenance.nlp.sentences`
or the model-free :func:`provenance.sentences.plain_sentences`):

- **terms**: the words that carry meaning, lowercased and lightly stemmed, little words and
  numbers left out; a word of an event class in ``rules/claims.toml`` becomes the class name,
  so "seized" and "liberated" are both ``capture``;
- **figures**: numbers with what they count ("nine people" is ``9 person``), years and
  times of day left out;
- **names**: named entities and proper nouns, as :func:`provenance.canonical.name_key` keys.

>>> stem("knowingly"), stem("warning"), stem("seized") == stem("seize")
('know', 'warn', True)
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from provenance.canonical import name_key
from provenance.models import Sentence, Word
from provenance.rules import ClaimRules


def _wordlist(text: str) -> list[str]:
    return text.split()


def _wordset(text: str) -> frozenset[str]:
    return frozenset(_wordlist(text))


# Function words, auxiliaries, negations, pronouns and light verbs: they say nothing about
# what a statement is about.
STOP = _wordset(
    """a an the this that these those such some any all every each both either neither no not
    nor never none nobody nothing and or but if then than as so because while whether of in on
    at to from by with without for into onto over under about after before between during
    through across against among around near since until within per via up down out off
    be am is are was were been being have has had having do does did done will would shall
    should can could may might must ought i me my mine we us our ours you your he him his she
    her hers it its they them their theirs who whom whose which what where when why how there
    here also just only even still already yet very too more most much many other another own
    same say tell add state go get make take come give put keep let seem become
    one ones mr mrs ms dr"""
)
_NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        _wordlist(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen "
            "fourteen fifteen sixteen seventeen eighteen nineteen twenty"
        )
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_MULTIPLIERS = {"dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1e6, "billion": 1e9}
_MULTIPLIERS |= {"trillion": 1e12}
_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")
_WEEKDAYS = _wordset("monday tuesday wednesday thursday friday saturday sunday")
_MONTHS = _wordset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
_NAMING_ENTITIES = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
)
_SKIPPED_NUMBERS = frozenset({"TIME", "ORDINAL"})
#: pronouns that point back to what was said before: "The company denied that."
POINTERS = frozenset({"that", "this", "it", "them", "these", "those"})
#: "that was untrue", "this is false", "the allegation was untrue": a pointer, or a noun for
#: what was said, as the subject of what is said
POINTER_SUBJECT = re.compile(
    r"^(?:that|this|these|those|the\s+(?:allegations?|accusations?|claims?|charges?|reports?"
    r"|story|stories|suggestions?))\s+(?:is|was|are|were|has been|had been)\b"
)


@dataclass(frozen=True, slots=True)
class Figure:
    """A number and what it counts (``None`` when nothing follows it: "kills nine")."""

    value: float
    unit: str | None
    start: int
    end: int

    def same_as(self, other: Figure) -> bool:
        """Equal values counting the same thing (or either counting nothing named)."""
        if not self.same_value(other):
            return False
        return self.unit is None or other.unit is None or self.unit == other.unit

    def same_value(self, other: Figure) -> bool:
        """Equal values, whatever each counts."""
        return abs(self.value - other.value) <= 1e-9 * max(1.0, abs(self.value))


def figures_disagree(a: Sequence[Figure], b: Sequence[Figure]) -> bool:
    """Both give figures and no figure of one is a figure of the other: "37 fires" and "41 of
    the 96 alerts" are not the same statement, "nine people" and "killed nine" may be."""
    return bool(a) and bool(b) and not any(f.same_as(g) for f in a for g in b)


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix stripper: enough to make "knowingly"/"know", "warning"/"warn" and
    "seized"/"seize" meet, with or without a lemmatiser in front."""
    w = word.lower().replace("\u2019", "'")
    if len(w) > 7 and w.endswith("ingly"):
        w = w[:-5]
    elif len(w) > 5 and w.endswith("ly"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 6 and w.endswith("ation"):
        w = w[:-3]  # "evacuation" meets "evacuated"
    elif len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) == 4 and w.endswith("ied"):
        w = w[:-1]  # "died", "lied"
    elif len(w) > 4 and w.endswith("ed"):
        w = w[:-2]
        if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
            w = w[:-1]  # "transferred" meets "transfer"
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    return _DERIVED.get(w, w)


#: Nouns and verbs of one meaning that no suffix rule joins ("is not for sale" answers "in
#: talks to sell"), by stem.
_DERIVED = {"sale": "sell", "threaten": "threat", "los": "lose", "proof": "prov", "theft": "steal"}


class EventWords(dict[str, str]):
    """Event word stems -> event class names (:func:`event_words`), with the term each word
    read with them gave (:func:`key_of`), so that a word read again, as an article's words
    are (for its topics, its statements, its disclaimers), is not worked out again."""

    __slots__ = ("known",)

    def __init__(self, words: dict[str, str]) -> None:
        super().__init__(words)
        self.known: dict[tuple[str, str], str | None] = {}


def event_words(rules: ClaimRules) -> EventWords:
    """Every event word's stem -> its event class name."""
    return EventWords({stem(word): event.name for event in rules.events for word in event.words})


def event_phrases(rules: ClaimRules) -> dict[tuple[str, ...], str]:
    """Every event phrase, as a tuple of stems -> its event class name."""
    return {
        tuple(stem(w) for w in phrase): event.name
        for event in rules.events
        for phrase in event.phrases
    }


def words_between(sentences: Sequence[Sentence], start: int, end: int) -> list[Word]:
    """The words that lie inside ``[start, end)``, in text order."""
    return [
        w
        for s in sentences
        if s.end > start and s.start < end
        for w in s.words
        if w.start >= start and w.end <= end
    ]


def first_word(text: str, words: Sequence[str], *, whole: bool = True) -> str | None:
    """The first of ``words``, in their order, that ``text`` holds at the start of a word
    (and at its end when ``whole``), or None: one search for the common case of none.

    >>> first_word("they denied the report", ("claim", "report", "deni"), whole=False)
    'report'
    """
    if not words:
        return None
    anyone, each = _word_patterns(tuple(words), whole)
    if anyone.search(text) is None:
        return None
    return next((w for w, pattern in zip(words, each, strict=True) if pattern.search(text)), None)


@functools.lru_cache(maxsize=256)
def _word_patterns(
    words: tuple[str, ...], whole: bool
) -> tuple[re.Pattern[str], tuple[re.Pattern[str], ...]]:
    end = r"\b" if whole else ""
    each = tuple(rf"\b{re.escape(w)}{end}" for w in words)
    anyone = re.compile("|".join(f"(?:{p})" for p in each))
    return anyone, tuple(re.compile(p) for p in each)


def is_word(word: Word) -> bool:
    """A word with a letter in it (not punctuation, not a bare number)."""
    return any(c.isalpha() for c in word.text)


def key_of(word: Word, events: dict[str, str]) -> str | None:
    """The term a word contributes: its event class, else its stem; None for little words
    and numbers."""
    known = events.known if isinstance(events, EventWords) else None
    if known is not None and (word.text, word.lemma) in known:
        return known[(word.text, word.lemma)]
    lemma = (word.lemma or word.text).lower()
    if not is_word(word) or _is_number(word) or lemma in STOP or word.text.lower() in STOP:
        found = None
    else:
        key = stem(lemma)
        found = events.get(key) or events.get(stem(word.text)) or (key if len(key) > 1 else None)
    if known is not None:
        known[(word.text, word.lemma)] = found
    return found


def terms(
    words: Iterable[Word], events: dict[str, str], phrases: dict[tuple[str, ...], str]
) -> frozenset[str]:
    """The terms of a run of words (see the module docstring)."""
    found: list[str] = []
    stems: list[str] = []
    for word in words:
        key = key_of(word, events)
        stems.append(stem(word.lemma or word.text))
        if key is not None:
            found.append(key)
    runs: dict[int, set[tuple[str, ...]]] = {}  # the runs of stems of each length
    for phrase, name in phrases.items():
        n = len(phrase)
        if n not in runs:
            runs[n] = {tuple(stems[i : i + n]) for i in range(len(stems) - n + 1)}
        if phrase in runs[n]:
            found.append(name)
    return frozenset(found)


def events_in(keys: Iterable[str], rules: ClaimRules) -> frozenset[str]:
    """The event classes among a set of terms."""
    names = {e.name for e in rules.events}
    return frozenset(k for k in keys if k in names)


def _is_number(word: Word) -> bool:
    text = word.text.lower()
    return bool(_DIGITS.fullmatch(text)) or text in _NUMBER_WORDS or text in _MULTIPLIERS


def _value(run: Sequence[Word]) -> float | None:
    value: float | None = None
    for word in run:
        text = word.text.lower()
        if _DIGITS.fullmatch(text):
            value = float(text.replace(",", ""))
        elif text in _NUMBER_WORDS:
            value = (value or 0) + _NUMBER_WORDS[text]
        elif text in _MULTIPLIERS:
            value = (value if value is not None else 1) * _MULTIPLIERS[text]
    return value


def _unit(words: Sequence[Word], after: int) -> str | None:
    """What a number counts: the next noun, across at most two modifiers ("square"), or the
    noun of a partitive "of" ("12 of the baskets", "120 of the country's most dangerous
    inmates")."""
    if after < len(words) and words[after].text.lower() == "of" and words[after].pos:
        return _partitive_unit(words, after + 1)
    for word in words[after : after + 3]:
        if word.text in ("%", "per cent"):
            return "percent"
        if word.pos == "NOUN" or _plain_noun(word):
            return stem(word.lemma or word.text)
        if word.pos not in ("ADJ", "NOUN", "PROPN", "NUM") or not word.pos:
            return None
    return None


def _partitive_unit(words: Sequence[Word], start: int) -> str | None:
    """The noun after a partitive "of": past a determiner, a possessor ("the country's") and
    modifiers, within six words; None when a name or another kind of word comes first."""
    scan = words[start : start + 6]
    for k, word in enumerate(scan):
        after = scan[k + 1].text.lower() if k + 1 < len(scan) else ""
        if after in _POSSESSIVE_S or after in ("'", "\u2019"):
            continue  # a possessor, not what is counted
        if word.pos == "NOUN":
            return stem(word.lemma or word.text)
        if word.pos not in _BEFORE_THE_COUNTED and word.text.lower() not in _POSSESSIVE_S:
            return None
    return None


_POSSESSIVE_S = frozenset({"'s", "\u2019s"})
#: what stands between a partitive "of" and the counted noun ("of the country's most ...")
_BEFORE_THE_COUNTED = frozenset({"DET", "ADJ", "ADV", "PART", "PROPN", "NUM"})


def _plain_noun(word: Word) -> bool:
    """Without a parse, a lowercase word that is not a little word may be the counted noun."""
    text = word.text
    return not word.pos and text.isalpha() and text.islower() and text not in STOP


def _counted(number: Word, words: Sequence[Word]) -> str | None:
    """The noun a number modifies, from the parse ("two short-range ballistic missiles")."""
    if number.dep not in ("nummod", "quantmod"):
        return None
    head = next((w for w in words if w.start == number.head), None)
    if head is not None and head.dep in ("nummod", "quantmod"):  # "two dozen buildings"
        head = next((w for w in words if w.start == head.head), None)
    if head is None or head.pos not in ("NOUN", "PROPN"):
        return None
    return stem(head.lemma or head.text)


def _skipped(run: Sequence[Word], words: Sequence[Word], first: int) -> bool:
    """Years, times, ordinals, days of the month and the pronoun "one" are not figures."""
    head = run[0]
    if head.entity in _SKIPPED_NUMBERS or any(w.entity in _SKIPPED_NUMBERS for w in run):
        return True
    text = head.text
    if len(run) == 1 and text.isdigit() and len(text) == 4 and 1800 <= int(text) <= 2100:
        return True
    if len(run) == 1 and text.lower() == "one" and head.dep != "nummod":
        return True
    if head.entity == "DATE" and _unit(words, first + len(run)) is None:
        return True  # "Dec. 31", "on the 14th"
    near = [w.text.lower().rstrip(".") for w in words[max(0, first - 1) : first + len(run) + 1]]
    return len(run) == 1 and text.isdigit() and int(text) <= 31 and bool(_MONTHS & set(near))


def figures(words: Sequence[Word]) -> tuple[Figure, ...]:
    """Every figure in a run of words: "some 10,000 North Korean troops" is 10000 troop."""
    out: list[Figure] = []
    i = 0
    while i < len(words):
        if not _is_number(words[i]) or words[i].text.lower() in _MULTIPLIERS:
            i += 1
            continue
        j = i
        while j < len(words) and _is_number(words[j]):
            j += 1
        run = words[i:j]
        value = _value(run)
        if value is not None and not _skipped(run, words, i):
            unit = _counted(run[-1], words) or _unit(words, j)
            out.append(Figure(value, unit, run[0].start, run[-1].end))
        i = j
    return tuple(out)


def _name(text: str) -> str:
    """A name's key, without a possessive ending ("Ukraine's" is ``ukraine``)."""
    return name_key(re.sub(r"['\u2019]s$", "", text.strip()))


def names(sentence: Sentence, start: int, end: int) -> frozenset[str]:
    """The names inside ``[start, end)`` of one sentence: its named entities and runs of proper
    nouns, as name keys ("Russia's" and "Russia" are both ``russia``)."""
    found: set[str] = set()
    covered: set[int] = set()
    for s, e, label in sentence.entities:
        if label in _NAMING_ENTITIES and s >= start and e <= end:
            found.add(_name(sentence.text[s - sentence.start : e - sentence.start]))
            covered.update(range(s, e))
    # the words inside [start, end) are a run of the sentence's words (in order, apart): from
    # the first that starts there to the last that ends there
    words = sentence.words
    first = bisect.bisect_left(words, start, key=_start)
    inside = itertools.takewhile(lambda w: w.end <= end, itertools.islice(words, first, None))
    run: list[Word] = []
    for word in [*inside, None]:
        if word is not None and _proper(word) and word.start not in covered:
            run.append(word)
            continue
        if run:
            offset = sentence.start
            found.add(_name(sentence.text[run[0].start - offset : run[-1].end - offset]))
            run = []
    return frozenset(k for k in found if len(k) > 1)


def _start(word: Word) -> int:
    return word.start


def _proper(word: Word) -> bool:
    if word.pos:
        return word.pos == "PROPN"
    text = word.text
    return (
        text[:1].isupper() and text.lower() not in STOP and is_word(word) and not _is_number(word)
    )
