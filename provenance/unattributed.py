"""Claims in the reporter's own voice: sentences that state what needs a source, with none.

A sentence is such a claim when no attribution covers it and it states something that is not
common knowledge (word lists in ``rules/claims.toml``, ``[unattributed]``):

- a **casualty or damage figure**: an event of ``figure_events`` (killed, died, injured,
  destroyed) with a number or a superlative ("the deadliest");
- an **accusation**: a verb of ``accusations`` ("Russian-linked networks targeted elections");
- a **figure**: an amount, a percentage or a count of people or things (not a length of time,
  not a market index);
- a **record**: an ordinal, a superlative or a record word with a number ("the third positive
  test in two seasons"), or a comparison with every other ("more passengers than any other
  Irish carrier");
- a **projection**: a passive verb of ``projections`` with a number or a year ("Cases are
  projected to nearly triple by 2050"); "Talks are expected to resume" is no claim;
- **hearsay**: what the reporter passes on with nobody named ("The council is said to have
  shelved the work", "reportedly", ``hearsay``): a claim kept at a distance, also disputed;
- an **event** the reporter dates, told as done ("Mr Halloran was appointed in 2021"): not one
  yet to come (``not_yet``), nor the reporting itself (``about_reporting``), nor a span of
  time ("over recent months");
- an **absence**: what a named or described actor has not done, told with "have" or "do"
  ("Talvar has never published the treaty text", "The memo did not mention job cuts"); not
  the reporting itself ("did not respond"), nor a pronoun's ("It did not name them");
- a **rule**: what a rule book says, the sentence opening by naming it (``rule_books``:
  "Under state law, a portable ride must be inspected again after any repair");
- a **step**: a formal step someone has taken, in the present perfect (``formal_steps``:
  "She has lodged a formal complaint with the school board", "has written to the trust").

An event fixed for a date is told as done ("The board will vote on the levy on April 14");
what may or would happen is not.

It is *not* a claim of its own when it restates an attributed statement of the article: the
same figure (every figure of it that needs a source: one no statement gives makes it a claim),
the same words (``restate_content``), a figure continuing the previous sentence's
attributed figures in the same unit ("Two-thirds of the gains -- or 324 square kilometres"), or
a headline or first paragraph sharing ``lede_shared_words`` words with a statement.

>>> # 'Russian attacks also killed two people in Kherson.' with no attribution -> casualty
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from provenance.models import Attribution, Sentence, Span, Word
from provenance.rules import ClaimRules, Rules
from provenance.sentences import trimmed
from provenance.terms import (
    Figure,
    event_phrases,
    event_words,
    figures,
    figures_disagree,
    first_word,
    is_word,
    stem,
    terms,
    words_between,
)

_BYLINE = re.compile(r"^[A-Z][\w.\-' ]*--[A-Z]+$")
_SECTION = re.compile(r"^[-\u2013\u2014\s].*[-\u2013\u2014]$")
_MIN_WORDS = 4
_BE = frozenset({"is", "are", "was", "were", "be", "been"})


@dataclass(frozen=True, slots=True)
class Unattributed:
    """A sentence (``index`` into the sentences) that states a claim with no source: the kind
    of claim (``casualty``, ``accusation``, ``figure``, ``record``, ``projection``,
    ``event``, ``hearsay``, ``absence``, ``rule``, ``step``) and the word that shows it."""

    index: int
    sentence: Span
    kind: str
    cue: Span


@dataclass(frozen=True, slots=True)
class _Statement:
    sentence: int
    terms: frozenset[str]
    figures: tuple[Figure, ...]


def unattributed_claims(
    text: str,
    sentences: Sequence[Sentence],
    attributions: Sequence[Attribution],
    all_rules: Rules,
) -> list[Unattributed]:
    """Every sentence of ``text`` that states a claim in the reporter's voice (see above)."""
    rules = all_rules.claims
    events, phrases = event_words(rules), event_phrases(rules)
    statements = [_statement(a, sentences, events, phrases) for a in attributions]
    covered = _covered(attributions)
    # (a cue only around quotes, or only before "that", is none without them: "has pleaded
    # not guilty" is the reporter's)
    cues = {v.lemma for v in all_rules.verbs.values() if not (v.quote_only or v.that_only)}
    cues |= {p.words[0] for p in all_rules.prepositions}
    found: list[Unattributed] = []
    for i, whole in enumerate(sentences):
        span = trimmed(whole)
        if _not_prose(span) or _notice(span, rules):
            continue
        sentence = whole
        if any(s < span.end and e > span.start for s, e in covered):  # holds an attribution
            # "Gas has not flowed since May 2023, when Serevia accused Talmar of ...": the
            # clause before the attribution is the reporter's
            lead = _leading_clause(whole, covered) or _joined_lead(whole, attributions, covered)
            if lead is None:
                continue
            sentence = lead
        hedge = _hearsay(sentence, rules)
        if hedge is not None:  # "The council is said to have shelved the work"
            if not _restates(i, sentence, statements, rules, events, phrases):
                found.append(Unattributed(i, span, "hearsay", hedge))
            continue
        speech = _speech_words(sentence, cues)
        step = _formal_step(sentence.words, rules) if speech else None
        if step is not None:
            # "has written to the trust asking for a meeting": the step told, not an account
            speech = [
                w for w in speech if w != step and not (w.tag == "VBG" and w.head == step.start)
            ]
        if speech:
            lead = _leading_clause(sentence, [(w.start, w.end) for w in speech])
            if lead is None or _speech_words(lead, cues):
                continue
            sentence = lead
        claim = _kind(text, sentence, rules, events)
        if claim is None:
            continue
        kind, cue = claim
        told = cue if kind == "figure" else None
        if not _restates(i, sentence, statements, rules, events, phrases, told):
            found.append(Unattributed(i, span, kind, cue))
        elif kind == "figure":
            # "The numbers 4, 11 ... were drawn ..., when 212 tickets shared a jackpot of 9.4
            # million": a figure no statement gives makes it a claim of its own
            for other in _needing_source(text, sentence, rules):
                if other != cue and not _restates(
                    i, sentence, statements, rules, events, phrases, other
                ):
                    found.append(Unattributed(i, span, kind, other))
                    break
    return found


def _hearsay(sentence: Sentence, rules: ClaimRules) -> Span | None:
    """The hearsay phrase of a sentence ("is said to", "reportedly"), or None."""
    lowered = sentence.text.lower()
    phrase = first_word(lowered, rules.hearsay)
    found = re.search(rf"\b{re.escape(phrase)}\b", lowered) if phrase else None
    if found is None:
        return None
    start, end = sentence.start + found.start(), sentence.start + found.end()
    return Span(start, end, sentence.text[found.start() : found.end()])


def _statement(
    a: Attribution,
    sentences: Sequence[Sentence],
    events: dict[str, str],
    phrases: dict[tuple[str, ...], str],
) -> _Statement:
    ranges = a.fragments or (a.content,)
    words = [w for f in ranges for w in words_between(sentences, f.start, f.end)]
    index = next((i for i, s in enumerate(sentences) if s.start <= a.content.start < s.end), -1)
    return _Statement(index, terms(words, events, phrases), figures(words))


def _covered(attributions: Sequence[Attribution]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for a in attributions:
        spans += [(f.start, f.end) for f in (a.fragments or (a.content,))]
        spans += [(s.start, s.end) for s in (a.speaker, a.cue) if s is not None]
    return spans


def _not_prose(span: Span) -> bool:
    """Bylines, section heads and fragments."""
    text = span.text
    if _BYLINE.match(text) or _SECTION.match(text):
        return True
    return sum(1 for w in text.split() if any(c.isalpha() for c in w)) < _MIN_WORDS


def _notice(span: Span, rules: ClaimRules) -> bool:
    """The outlet's note on the article itself ("This report by The Canadian Press was first
    published March 13, 2026.", "This story has been updated ...")."""
    text = " ".join(span.text.lower().split())
    if any(text == n or text.startswith(n + " ") for n in rules.notices):
        return True
    # a publication stamp: "Published on May 21, 2026, at 6:12 pm", "Ouest-France, published
    # on 21/05/2026 at 07:30", "Updated 14:05 GMT"
    return (
        _STAMP.match(text) is not None
        and any(ch.isdigit() for ch in text)
        and len(text.split()) <= _STAMP_WORDS
    )


_STAMP = re.compile(
    r"^(?:[^,]{1,40},\s*)?(?:first |last )?(?:published|updated|posted):?(?:\s+(?:on|at))?\s+"
    r"(?:\d|mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
)
_STAMP_WORDS = 14


_SUBORDINATORS = frozenset(
    {"when", "after", "as", "since", "before", "while", "because", "although", "though"}
)
_COORDINATORS = frozenset({"and", "but"})
_RELATIVE_OPENERS = frozenset({"that", "which"})
_LEAD_WORDS = 8
_LEAD_GAP = 6


def _leading_clause(sentence: Sentence, cuts: Sequence[tuple[int, int]]) -> Sentence | None:
    """The words of a sentence before a clause that holds an attribution or a reporting verb
    (``cuts``), when a subordinating word introduces that clause ("..., when Serevia accused
    Talmar of ...", "... after Bloomberg News reported ...", ", and experts have warned") and
    what comes before makes a clause of its own (at least ``_LEAD_WORDS`` words); else None."""
    first = min((s for s, e in cuts if s < sentence.end and e > sentence.start), default=None)
    if first is None or first <= sentence.start:
        return None
    words = [w for w in sentence.words if w.end <= first]
    alpha = [w for w in words if any(c.isalpha() for c in w.text)]
    for back, word in enumerate(reversed(alpha[-_LEAD_GAP:])):
        lowered = word.text.lower()
        at = words.index(word)
        comma = at > 0 and words[at - 1].text == ","
        joins = word.dep in ("mark", "advmod", "")  # not "since March"
        # "..., and two of its librarians say": a share of the speakers before the speaker
        share = all(_of_a_share(w) for w in alpha[len(alpha) - back :])
        # "..., flattening coral that divers say took centuries to grow": what divers say is
        # the relative clause; the reporter tells what comes before it
        relative = lowered in _RELATIVE_OPENERS and word.tag == "WDT" and back == 0
        if (
            (lowered in _SUBORDINATORS and joins)
            or (lowered in _COORDINATORS and comma and share)
            or relative
        ):
            lead = words[:at]
            if len([w for w in lead if any(c.isalpha() for c in w.text)]) < _LEAD_WORDS:
                return None
            return Sentence(
                sentence.start,
                lead[-1].end,
                sentence.text[: lead[-1].end - sentence.start],
                tuple(lead),
            )
    return None


def _of_a_share(word: Word) -> bool:
    """A word of a share of a group ("two of", "some of", "many of")."""
    return word.pos in ("NUM", "DET") or word.text.lower() in _SHARE_WORDS


_SHARE_WORDS = frozenset({"of", "some", "many", "several", "both", "all", "most", "few"})


def _joined_lead(
    sentence: Sentence, attributions: Sequence[Attribution], covered: Sequence[tuple[int, int]]
) -> Sentence | None:
    """The words of a sentence before "and" and a cue joined to an earlier verb, its speaker
    the subject of both ("Sandcove Leisure bought the park in March last year and says the
    increase reflects ..."): the reporter tells the first; its subject a name, at least
    ``_LEAD_WORDS`` words, and none of them said by anyone. (Where the parser hangs the cue on
    another verb, "... comes eight months after Larkspur posted a record profit and told
    investors that ...", nothing is found.)"""
    words = list(sentence.words)
    starts = {w.start: n for n, w in enumerate(words)}
    for a in attributions:
        if a.cue is None or a.speaker is None or a.cue.start not in starts:
            continue
        at = starts[a.cue.start]
        cue = words[at]
        if cue.dep != "conj" or cue.head not in starts or cue.head >= cue.start:
            continue
        if at < 1 or words[at - 1].text.lower() != "and" or words[starts[cue.head]].pos != "VERB":
            continue
        # a named actor's deed ("Larkspur posted"), not a person's or a group's method ("She
        # cut her price target", "Researchers measured emissions")
        if not any(w.dep == "nsubj" and w.head == cue.head and w.pos == "PROPN" for w in words):
            continue
        lead = words[: at - 1]
        if len([w for w in lead if any(c.isalpha() for c in w.text)]) < _LEAD_WORDS:
            continue
        end = lead[-1].end
        speaker = a.speaker
        said = [(s, e) for s, e in covered if (s, e) != (speaker.start, speaker.end)]
        if any(s < end and e > sentence.start for s, e in said):
            continue
        return Sentence(sentence.start, end, sentence.text[: end - sentence.start], tuple(lead))
    return None


def _speech_words(sentence: Sentence, cues: set[str]) -> list[Word]:
    """The reporting verbs of a sentence ("said", "according to"): someone's account, even
    where no attribution was found in it. Not "an estimated 30", "an intrusion blamed on X",
    or a verb with a thing for its object and no clause ("It posted an operating loss"), nor a
    passive with nobody doing it ("Auer was suspended in July 2023 and dismissed in
    January")."""
    objects = {w.head for w in sentence.words if w.dep == "dobj" and w.pos in ("NOUN", "NUM")}
    clauses = {w.head for w in sentence.words if w.dep in ("ccomp", "xcomp", "parataxis")}
    passive = _passive_without_agent(sentence)
    return [
        w
        for w in sentence.words
        if (
            w.lemma.lower() in cues
            and w.pos in ("VERB", "")
            and w.dep != "amod"  # "an estimated 30"
            and not (w.tag == "VBN" and w.dep in ("acl", "relcl"))  # "an intrusion blamed on X"
            and not (w.start in objects and w.start not in clauses)  # "posted a loss"
            and w.start not in passive
        )
        or w.lemma.lower() == "according"
    ]


def _passive_without_agent(sentence: Sentence) -> set[int]:
    """The starts of passive verbs with no "by" agent and no clause ("was dismissed in
    January"), and of the verbs joined to one ("was suspended ... and dismissed")."""
    marks: dict[int, set[str]] = {}
    for w in sentence.words:
        marks.setdefault(w.head, set()).add(w.dep)
    passives: set[int] = set()
    found: set[int] = set()
    for w in sentence.words:  # in order: a joined verb comes after the one it joins
        own = marks.get(w.start, set())
        joined = w.dep == "conj" and w.head in passives
        if w.tag == "VBN" and ("auxpass" in own or joined):
            passives.add(w.start)
            if not own & {"agent", "ccomp", "xcomp"}:
                found.add(w.start)
    return found


def _kind(
    text: str, sentence: Sentence, rules: ClaimRules, events: dict[str, str]
) -> tuple[str, Span] | None:
    words = list(sentence.words)
    found = figures(words)
    counted = [f for f in found if _needs_source(f, words, rules)]
    ranked = _ranking_word(words, rules)
    superlative = ranked is not None and ranked.entity != "ORDINAL"
    for word in words:
        if events.get(stem(word.lemma)) in rules.figure_events and (found or superlative):
            return "casualty", _span(text, word)
    accusations = {stem(a) for a in rules.accusations}
    for word in words:
        if stem(word.lemma) in accusations and word.pos in ("VERB", ""):
            return "accusation", _span(text, word)
    on_record = _public_record(words, found, rules)
    if counted and not on_record:
        first = counted[0]
        return "figure", Span(first.start, first.end, text[first.start : first.end])
    if ranked is not None and (found or _since_year(words) or superlative and _on_record(words)):
        return "record", _span(text, ranked)
    compared = _beyond_all(words)
    if compared is not None:
        return "record", _span(text, compared)
    projected = _projection(words, rules)
    if projected is not None:
        return "projection", _span(text, projected)
    things = [f for f in found if _counts_things(f, words, rules)]
    if things and not on_record:
        return "figure", Span(things[0].start, things[0].end, text[things[0].start : things[0].end])
    share = _share(words)
    if share is not None and not on_record:
        return "figure", _span(text, share)
    dated = _dated(words, rules)
    if dated is not None:
        return "event", _span(text, dated)
    book = _rule_book(words, rules)
    if book is not None:
        return "rule", _span(text, book)
    step = _formal_step(words, rules)
    if step is not None:
        return "step", _span(text, step)
    absent = _absence(words, rules)
    if absent is not None:
        return "absence", _span(text, absent)
    return None


def _needing_source(text: str, sentence: Sentence, rules: ClaimRules) -> list[Span]:
    """The figures of a sentence that need a source, as :func:`_kind` tells them: amounts,
    percentages and counts of people, then counts of things."""
    words = list(sentence.words)
    found = figures(words)
    if _public_record(words, found, rules):
        return []
    picked = [f for f in found if _needs_source(f, words, rules)]
    picked += [f for f in found if f not in picked and _counts_things(f, words, rules)]
    return [Span(f.start, f.end, text[f.start : f.end]) for f in picked]


def _public_record(words: Sequence[Word], found: Sequence[Figure], rules: ClaimRules) -> bool:
    """Whether a sentence's figures (``found``) are public record ("the index closed 0.4%
    lower", ``public_record``), no one's claim: the word comes before the first figure, as
    what the figure is of ("The courts cost $385,000 ..., paid for from the city's parks
    bond" is the reporter's figure)."""
    public = {stem(p) for p in rules.public_record}
    first = found[0].start if found else None
    return any(stem(w.lemma) in public and (first is None or w.start < first) for w in words)


_NEGATIONS = frozenset({"not", "never", "n't"})
_DONE = frozenset({"have", "do"})


def _to_come_or_reporting(words: Sequence[Word], rules: ClaimRules) -> bool:
    """Whether a sentence tells what is yet to come (``not_yet``) or the reporting itself
    (``about_reporting``), by its words' lemmas, the names of dates left out: "awarded in May
    last year" is no "may" of what might be."""
    lemmas = {w.lemma.lower() for w in words if not (w.entity == "DATE" and w.tag == "NNP")}
    return bool(lemmas & set(rules.not_yet) or lemmas & set(rules.about_reporting))


def _absence(words: Sequence[Word], rules: ClaimRules) -> Word | None:
    """What the reporter says someone has not done ("Talvar has never published the treaty
    text", "The memo did not mention job cuts"): the negation of a verb told with "have" or
    "do" and a subject of its own. Not the reporting itself (``about_reporting``: "did not
    respond"), nor what is yet to come (``not_yet``)."""
    if _to_come_or_reporting(words, rules):
        return None
    for word in words:
        if word.text.lower() not in _NEGATIONS or word.dep != "neg":
            continue
        verb = next((w for w in words if w.start == word.head), None)
        if verb is None or verb.pos != "VERB" or verb.lemma.lower() in _DONE:
            continue
        helpers = [w for w in words if w.head == verb.start and w.dep == "aux"]
        # a subject named or described, not a pronoun pointing at whoever spoke last
        subject = any(w.head == verb.start and w.dep == "nsubj" and w.pos != "PRON" for w in words)
        if subject and any(h.lemma.lower() in _DONE for h in helpers):
            return word
    return None


def _dated(words: Sequence[Word], rules: ClaimRules) -> Word | None:
    """An event the reporter dates, told as done ("Mr Halloran was appointed in 2021",
    "Gellard Surfacing was set up in October 2020"): the first word of its date. Not what is
    yet to come (``not_yet``), nor the reporting itself (``about_reporting``), nor a
    question."""
    if any(w.text == "?" for w in words):
        return None
    if _to_come_or_reporting(words, rules):
        return None
    if not any(w.tag in _TOLD_AS_DONE or w.text.lower() == "will" for w in words):
        return None
    dated = next((w for w in words if w.entity == "DATE" and _calendar(w)), None)
    # a time of day by the clock ("happened at 8.57pm") dates it too
    clock = (w for w in words if w.entity == "TIME" and any(c.isdigit() for c in w.text))
    return dated or next(clock, None)


def _rule_book(words: Sequence[Word], rules: ClaimRules) -> Word | None:
    """The rule book a sentence opens by naming ("Under state law, ...", "Under the policy,
    ...": ``rule_books``), its word, or None."""
    if not words or words[0].text.lower() != "under":
        return None
    for word in words[1:]:
        if word.text == ",":
            return None
        if word.lemma.lower() in rules.rule_books or word.text.lower() in rules.rule_books:
            return word
    return None


def _formal_step(words: Sequence[Word], rules: ClaimRules) -> Word | None:
    """The verb of a formal step told in the present perfect ("has lodged a complaint", "have
    since hired a lawyer", "has written to the trust": ``formal_steps``), or None."""
    for n, word in enumerate(words):
        if word.tag != "VBN" or n == 0:
            continue
        before = words[n - 1] if words[n - 1].dep != "advmod" or n < 2 else words[n - 2]
        if before.text.lower() not in ("has", "have"):
            continue
        after = words[n + 1].text.lower() if n + 1 < len(words) else ""
        lemma = word.lemma.lower()
        steps = (step.split() for step in rules.formal_steps)
        if any(step[0] == lemma and step[1:] in ([], [after]) for step in steps):
            return word
    return None


def _calendar(word: Word) -> bool:
    """A word of a date one could look up ("2021", "October", "Monday", "last year"), not a
    span of time ("over recent months", "for more than a week")."""
    text = word.text.lower()
    return any(c.isdigit() for c in text) or _CALENDAR.match(text) is not None


_CALENDAR = re.compile(
    r"^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|last|yesterday)$"
)

#: past tense, present tense, past participle: a finite event, not a headline's bare noun
_TOLD_AS_DONE = frozenset({"VBD", "VBZ", "VBP", "VBN"})


_FRACTIONS = frozenset(
    {"half", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "tenth", "tenths"}
)


def _share(words: Sequence[Word]) -> Word | None:
    """A share stated in words: "about a fifth of the region's imports", "two-thirds of"."""
    for word, after in zip(words, words[1:], strict=False):
        last = word.text.lower().split("-")[-1]
        # "half of" alone is too common to need a source; "one-half of" is a figure
        if last in _FRACTIONS and after.text.lower() == "of" and word.text.lower() != "half":
            return word
    return None


def _projection(words: Sequence[Word], rules: ClaimRules) -> Word | None:
    """A forecast stated as fact: "are projected to ... by 2050", "is expected to reach 3%".
    A length of time is no figure ("The trial is expected to last two weeks")."""
    times = {stem(t) for t in rules.time_units}
    year = any(w.text.isdigit() and len(w.text) == 4 for w in words)
    if not year and all(f.unit is not None and stem(f.unit) in times for f in figures(words)):
        return None
    projections = {stem(p) for p in rules.projections}
    for before, word in zip(words, words[1:], strict=False):
        # the plain reader has no tags: a form of "be" before the verb shows the passive
        passive = word.tag == "VBN" or (not word.tag and before.text.lower() in _BE)
        if passive and stem(word.lemma) in projections:
            return word
    return None


def _needs_source(figure: Figure, words: Sequence[Word], rules: ClaimRules) -> bool:
    """A sum of money, a percentage or a count of people."""
    units = {stem(u) for u in (*rules.counts, *rules.currencies)} | {"percent"}
    inside = [w for w in words if w.start >= figure.start and w.end <= figure.end]
    money = any(w.entity in ("MONEY", "PERCENT") for w in inside)
    return money or figure.unit in units or _counted_before(figure, words)


#: nouns that a figure after them counts ("a population of about 4,600", "a workforce of 900")
_COUNTED_BEFORE = frozenset({"population", "workforce", "staff", "membership", "turnout"})
#: words between such a noun's "of" and its figure
_ABOUT = frozenset(
    {
        "about",
        "around",
        "some",
        "nearly",
        "almost",
        "roughly",
        "over",
        "more",
        "than",
        "just",
        "under",
        "fewer",
        "less",
        "up",
        "to",
        "at",
        "least",
    }
)


def _counted_before(figure: Figure, words: Sequence[Word]) -> bool:
    """A figure that counts the noun before it ("a population of about 4,600")."""
    before = [w for w in words if w.end <= figure.start]
    while before and before[-1].text.lower() in _ABOUT:
        before.pop()
    return (
        len(before) >= 2
        and before[-1].text.lower() == "of"
        and before[-2].lemma.lower() in _COUNTED_BEFORE
    )


def _counts_things(figure: Figure, words: Sequence[Word], rules: ClaimRules) -> bool:
    """A count of things ("240 boats", "11,000 signatures", "30 tonnes of dead fish"), not a
    length of time or a date."""
    times = {stem(t) for t in rules.time_units}
    inside = [w for w in words if w.start >= figure.start and w.end <= figure.end]
    dated = any(w.entity in ("DATE", "TIME") for w in inside)
    return figure.unit is not None and figure.unit not in times and not dated


def _ranking_word(words: Sequence[Word], rules: ClaimRules) -> Word | None:
    """A superlative, an ordinal or a record word ("deadliest", "third", "all-time")."""
    records = {stem(r) for r in rules.records}
    for word in words:
        if word.tag == "JJS" or word.entity == "ORDINAL" or stem(word.lemma) in records:
            return word
    return None


def _beyond_all(words: Sequence[Word]) -> Word | None:
    """A comparison with every other ("more passengers than any other carrier", "than ever
    before"): the word "than"."""
    lowered = [w.text.lower() for w in words]
    for i, word in enumerate(words[:-1]):
        after = lowered[i + 1 : i + 3]
        if lowered[i] == "than" and (after[:2] == ["any", "other"] or after[:1] == ["ever"]):
            return word
    return None


def _on_record(words: Sequence[Word]) -> bool:
    """'its lowest level on record', 'the hottest since records began', 'ever recorded'."""
    lowered = " ".join(w.text.lower() for w in words)
    return any(p in lowered for p in ("on record", "since records began", "ever recorded"))


def _since_year(words: Sequence[Word]) -> bool:
    return any(
        w.text.lower() == "since" and nxt.text.isdigit() and len(nxt.text) == 4
        for w, nxt in zip(words, words[1:], strict=False)
    )


def _span(text: str, word: Word) -> Span:
    return Span(word.start, word.end, text[word.start : word.end])


def _restates(
    index: int,
    sentence: Sentence,
    statements: Sequence[_Statement],
    rules: ClaimRules,
    events: dict[str, str],
    phrases: dict[tuple[str, ...], str],
    told: Span | None = None,
) -> bool:
    """Whether the sentence restates, sums up or continues an attributed statement. Where a
    figure makes the claim (``told``), that figure is the one another statement must give:
    "Shares in Kaupa, the only one of the three listed, fell 5.8%" tells no one's "three"."""
    words = [w for w in sentence.words if is_word(w) or w.number]
    own_terms = terms(words, events, phrases)
    own_figures = figures(list(sentence.words))
    claimed = [f for f in own_figures if told is None or f.start < told.end and f.end > told.start]
    for st in statements:
        shared = own_terms & st.terms
        if any(_same_figure(f, g, bool(shared)) for f in claimed for g in st.figures):
            return True
        if st.sentence == index - 1 and shared and _continues(claimed, own_figures, st.figures):
            return True
        if st.sentence == 0 and index > 1:
            continue  # a headline's statement is summed up by the lede, not told again later
        # a headline or lede with figures of its own ("killing nine people") sums up no one
        lede = index <= 1 and (not own_figures or _same_value(own_figures, st.figures))
        if lede and len(shared) >= rules.lede_shared_words:
            return True
        similar = len(shared) >= rules.min_shared_words and _similar(own_terms, st.terms, rules)
        if similar and not figures_disagree(own_figures, st.figures):
            return True
    return False


def _same_figure(own: Figure, other: Figure, shared: bool) -> bool:
    """The same figure of the same thing: the same value counting the same thing, or, when
    either counts nothing named ("killed nine"), in statements with a word in common ("four
    of the past six years" and "for almost four weeks" are not one figure)."""
    if not own.same_as(other):
        return False
    return (own.unit is not None and own.unit == other.unit) or shared


def _same_value(own: Sequence[Figure], other: Sequence[Figure]) -> bool:
    """A value in common, whatever each counts ("27 killed", "27 people")."""
    return any(abs(f.value - g.value) < 1e-9 for f in own for g in other)


def same_claim(sentences: Sequence[Sentence], found: Sequence[Unattributed]) -> list[list[int]]:
    """The reporter's claims that say one thing, as groups of indexes into ``found``: a
    headline and the sentence giving the same figure ("Nine dead as police break up
    protests", "Police fired live rounds ..., killing nine people")."""
    groups: list[list[int]] = []
    values: list[set[float]] = []
    for n, claim in enumerate(found):
        own = {f.value for f in figures(list(sentences[claim.index].words))}
        for group, seen in zip(groups, values, strict=True):
            if own & seen and found[group[0]].index <= 1:
                group.append(n)
                seen |= own
                break
        else:
            groups.append([n])
            values.append(set(own))
    return groups


def _continues(
    claimed: Sequence[Figure], own: Sequence[Figure], previous: Sequence[Figure]
) -> bool:
    """Whether the figure a sentence claims continues the previous sentence's attributed
    figures: in their unit, or as a part of them beside a figure in their unit ("Two-thirds of
    the gains -- or 324 square kilometres"). Another unit tells something else: "shares have
    fallen 22% ..., and its profit dropped to £41m" after a report's pay of £6.8m."""
    if _same_unit(claimed, previous):
        return True
    part = any(f.unit in _FRACTIONS for f in claimed)
    return part and _same_unit(own, previous)


def _same_unit(own: Sequence[Figure], previous: Sequence[Figure]) -> bool:
    return any(f.unit is not None and f.unit == g.unit for f in own for g in previous)


def _similar(a: frozenset[str], b: frozenset[str], rules: ClaimRules) -> bool:
    """Whether two statements' terms are alike as wholes (``token_sort_ratio``): a sentence
    holding all of a short statement's few terms among many of its own ("Tips cannot count
    towards the minimum wage, and since 2024 the Act has required employers to pass on all
    tips ..." beside a lawyer's employers "cannot relabel a wage as a tip") restates
    nothing."""
    score = fuzz.token_sort_ratio(" ".join(sorted(a)), " ".join(sorted(b)))
    return score >= rules.restate_content
