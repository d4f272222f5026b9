"""Rival accounts: claims of one article that contradict each other.

A claim is ``disputed`` when another source contradicts it. Two claims of the same article
from different origins contradict each other (:func:`rival_accounts`) when

- both are the word of interested parties about the fighting (two sides of a conflict); or
  they talk about the same thing (they share a term: "Band A customers", "the strike") and
- one calls the other's account false ("not supported by the data", "propaganda"); or
- the reporter sets them against each other ("disputed the figure", "painted a different
  picture", a sentence opening with "But") and one says it is not so while the other does not
  ("customers get 20 hours of supply" against "many customers were not receiving the 20
  hours"), or they give different figures for the same event.

Also set against each other: a statement about "the figure" (the number, the toll) that gives
another value just after another origin's figure ("Organisers said 210,000 people had taken
part. Police put the figure at 48,000."). And a figure is disputed by a later statement of
another origin that sets itself against "the official figure" on the same event.

Each claim of such a pair is disputed, with the other as evidence; a claim is set against the
accounts sharing most with it only, and a rebuttal against the one account it answers (sharing
most with it, the nearest on a tie), not every account it shares a word with. Also disputed: an
accused's own account on what they deny (:func:`accused_accounts`) and an accusation that
another origin answers (:func:`answered_accusations`). Everything is within one article, so the
work grows with the article, not the database. The word lists are in ``rules/claims.toml``,
``[disputes]``.

>>> # "the minister said customers get 20 hours", "the forum said many customers were not
>>> # receiving 20 hours" -> both disputed ("one says not: customer, hour")
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from itertools import combinations
from typing import Any

from provenance.models import Evidence
from provenance.rules import Rules, once_for
from provenance.statements import Statement
from provenance.terms import figures_disagree, first_word, stem

_WORD = re.compile(r"[\w']+")
_WORD_PARTS = re.compile(r"\w+")
_REBUTS = "one calls the other's account false"


def rival_accounts(
    groups: Sequence[Sequence[int]],
    statements: Sequence[Statement],
    interested: Sequence[bool],
    rules: Rules,
) -> dict[int, list[Evidence]]:
    """For each group (a claim, by its index in ``groups``) contradicted by another claim of
    the same article, the evidence; ``interested`` says which claims are an interested
    party's word."""
    by_doc: dict[int, list[tuple[int, list[Statement]]]] = defaultdict(list)
    for n, group in enumerate(groups):
        asserting = [statements[i] for i in group if statements[i].role == "asserts"]
        for doc in sorted({s.doc for s in asserting}):
            by_doc[doc].append((n, [s for s in asserting if s.doc == doc]))
    found: dict[int, list[Evidence]] = defaultdict(list)
    fighting = frozenset(rules.claims.conflict_events)
    for entries in by_doc.values():
        pairs: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
        rebuttals: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
        accounts = [(n, _Account(mine)) for n, mine in entries]
        for i, j in _comparable(accounts, interested, fighting):
            (a, mine), (b, theirs) = accounts[i], accounts[j]
            if mine.keys & theirs.keys:
                continue
            rivals = interested[a] and interested[b]
            reason = _contradiction(mine, theirs, rivals, fighting, rules)
            if reason is None:
                continue
            shared = len(mine.terms & theirs.terms)
            if reason.startswith(_REBUTS):
                rebutter, target = (a, b) if mine.rebuts(rules) else (b, a)
                rebuttals[rebutter].append((shared, target, reason))
            else:
                pairs[a].append((shared, b, reason))
                pairs[b].append((shared, a, reason))
        # a rebuttal ("not true", "no record of") answers one account: of those it could
        # answer, the one sharing most with it, the nearest on a tie
        for a, candidates in rebuttals.items():
            own = _of(entries, a)
            shared, b, reason = max(
                candidates, key=lambda c: (c[0], -_distance(own, _of(entries, c[1])))
            )
            pairs[a].append((shared, b, reason))
            pairs[b].append((shared, a, reason))
        # a claim is set against the account(s) that share most with it, not every one
        for a, candidates in pairs.items():
            best = max(shared for shared, _, _ in candidates)
            for shared, b, reason in candidates:
                if shared == best:
                    found[a].append(_evidence(reason, _of(entries, b)[0]))
        pairs_found = [*_set_against(entries), *_other_figures(entries), *_official(entries)]
        for a, b, reason in pairs_found:
            evidence = _evidence(reason, _of(entries, b)[0])
            if evidence not in found[a]:
                found[a].append(evidence)
    return found


def _comparable(
    accounts: Sequence[tuple[int, _Account]], interested: Sequence[bool], fighting: frozenset[str]
) -> list[tuple[int, int]]:
    """The pairs of an article's accounts (by place, in order) that :func:`_contradiction`
    can find contradicting each other: those sharing a term, and two interested parties'
    accounts of the fighting; not every pair of a long article's accounts."""
    holders: dict[str, list[int]] = defaultdict(list)
    for i, (_, account) in enumerate(accounts):
        for term in account.terms:
            holders[term].append(i)
    pairs = {(i, j) for held in holders.values() for i, j in combinations(held, 2)}
    sides = [
        i for i, (n, account) in enumerate(accounts) if interested[n] and account.events & fighting
    ]
    pairs.update(combinations(sides, 2))
    return sorted(pairs)


def _set_against(entries: Sequence[tuple[int, list[Statement]]]) -> list[tuple[int, int, str]]:
    """Pairs of claims the reporter sets against each other in a sentence of their own ("The
    port's operator gave a very different picture.", then its account): the account after it
    and the earlier claim(s) by another origin that share most terms with it, each way."""
    found: list[tuple[int, int, str]] = []
    for b, theirs in entries:
        marker = next((s.contrast for s in theirs if s.contrast), None)
        if marker is None:
            continue
        start = min(_start(s) for s in theirs)
        earlier = [
            (len(_terms(mine) & _terms(theirs)), a)
            for a, mine in entries
            if a != b and not _keys(mine) & _keys(theirs) and max(map(_start, mine)) < start
        ]
        best = max((shared for shared, _ in earlier), default=0)
        reason = f"the reporter sets one against the other ({marker!r} before it)"
        for shared, a in earlier:
            if best and shared == best:
                found += [(a, b, reason), (b, a, reason)]
    return found


def _other_figures(entries: Sequence[tuple[int, list[Statement]]]) -> list[tuple[int, int, str]]:
    """Pairs of claims giving two figures for one count, the second pointing at the first
    ("Organisers said 210,000 people had taken part. Police put the figure at 48,000."): a
    statement about "the figure" (the number, the toll) just after another origin's figure,
    with none of its values. Each way."""
    found: list[tuple[int, int, str]] = []
    for b, theirs in entries:
        pointer = next(
            (s for s in theirs if _FIGURE_POINTER.match(s.attribution.content.text)), None
        )
        if pointer is None or not pointer.figures:
            continue
        a = _latest_before(entries, b, pointer, _figure_just_before)
        if a is None:
            continue
        mine = next(s for n, s in entries if n == a)
        if figures_disagree([f for s in mine for f in s.figures], pointer.figures):
            reason = f"another figure for the same count ({pointer.attribution.content.text!r})"
            found += [(a, b, reason), (b, a, reason)]
    return found


def _official(entries: Sequence[tuple[int, list[Statement]]]) -> list[tuple[int, int, str]]:
    """Claims set against "the official figure" ("the real death toll was at least double the
    official figure"): the latest earlier claim by another origin giving a figure for an event
    they share is disputed by it. One way: the official figure does not answer its critic."""
    found: list[tuple[int, int, str]] = []
    for b, theirs in entries:
        pointer = next((s for s in theirs if _OFFICIAL.search(s.attribution.content.text)), None)
        if pointer is None:
            continue
        a = _latest_before(entries, b, pointer, _figure_of_its_event)
        if a is not None:
            said = pointer.attribution.content.text[:60]
            found.append((a, b, f"another sets itself against the official figure ({said!r})"))
    return found


def _latest_before(
    entries: Sequence[tuple[int, list[Statement]]],
    b: int,
    pointer: Statement,
    gives: Callable[[Statement, Statement], bool],
) -> int | None:
    """The claim (of ``entries``) of another origin than claim ``b``, told wholly before
    ``pointer`` (one of ``b``'s statements) and holding a statement that ``gives`` what
    ``pointer`` points at, that ends latest; else None."""
    theirs = next(s for n, s in entries if n == b)
    earlier = [
        (max(map(_start, mine)), a)
        for a, mine in entries
        if a != b
        and not _keys(mine) & _keys(theirs)
        and any(gives(s, pointer) for s in mine)
        and max(map(_start, mine)) < _start(pointer)
    ]
    return max(earlier)[1] if earlier else None


def _figure_just_before(s: Statement, pointer: Statement) -> bool:
    return bool(s.figures) and 0 <= pointer.sentence - s.sentence <= _FIGURE_REACH


def _figure_of_its_event(s: Statement, pointer: Statement) -> bool:
    return bool(s.figures and s.events & pointer.events)


_OFFICIAL = re.compile(
    r"\bthe official (?:death )?(?:figures?|toll|count|tally|numbers?|estimate)\b", re.IGNORECASE
)


#: "put the figure at 48,000", "the toll at 34": what is said points at a count given before
_FIGURE_POINTER = re.compile(
    r"^(?:the|that|this|its)\s+(?:death\s+)?"
    r"(?:figure|number|toll|count|tally|total|turnout|estimate)\b",
    re.IGNORECASE,
)
_FIGURE_REACH = 2  # sentences back


def points_at_a_figure(text: str) -> bool:
    """Whether what is said points at a figure ("the estimate", "that toll")."""
    return _FIGURE_POINTER.match(text) is not None


def answered_accusations(
    groups: Sequence[Sequence[int]], statements: Sequence[Statement]
) -> dict[int, list[Evidence]]:
    """Accusations the article shows answered ("accused the authorities of failing to warn
    them", then the weather service: "it had issued a red alert"): a later statement by
    another origin on the same thing."""
    by_doc = _by_document(groups, statements)
    found: dict[int, list[Evidence]] = defaultdict(list)
    for claims in by_doc.values():
        members = {n: [statements[i] for i in groups[n]] for n in claims}
        for n in claims:
            own = [s for s in members[n] if s.role == "asserts"]
            if not own or own[0].attribution.stance != "accusing":
                continue
            answer = _answer(own, {m: members[m] for m in claims if m != n})
            if answer is not None:
                found[n].append(_evidence("an accusation answered", answer[1]))
    return found


def _answer(
    own: Sequence[Statement], others: dict[int, list[Statement]]
) -> tuple[int, Statement] | None:
    """The first later statement by another origin that shares a term with the accusation,
    and its claim."""
    keys, words = _keys(own), _terms(own)
    start = own[0].attribution.content.start
    for m, statements in others.items():
        for s in statements:
            later = s.attribution.content.start > start
            if later and s.role == "asserts" and not s.keys & keys and s.terms & words:
                return m, s
    return None


def accused_accounts(
    groups: Sequence[Sequence[int]], statements: Sequence[Statement], rules: Rules
) -> dict[int, list[Evidence]]:
    """Claims that are the own account of someone who denies an accusation in the same
    article ("he was at home asleep", by a defendant who denies the arson): the accusation
    contradicts them. An account is the accused's when its every origin is the denier's and it
    shares a term with what is denied, or says that something is not so ("the doses never
    left the warehouse": ``negations``)."""
    negations = set(rules.claims.negations)
    by_doc = _by_document(groups, statements)
    found: dict[int, list[Evidence]] = defaultdict(list)
    for group in groups:
        denials = [statements[i] for i in group if statements[i].role == "denies"]
        accusation = [statements[i] for i in group if statements[i].role == "asserts"]
        if not accusation:
            continue
        for denial in denials:
            # the denier's own name is in any accusation against it: not a shared word
            # (by its words, as terms are read: "Al-Husaiba" is "al" and "husaiba")
            named = {w[:5] for node in denial.nodes for w in _WORD_PARTS.findall(node.name.lower())}
            accused_of = {t for t in _terms(accusation) if t[:5] not in named}
            for n in by_doc[denial.doc]:
                own = [statements[i] for i in groups[n] if statements[i].role == "asserts"]
                if groups[n] is group or not own or any(s.doc != denial.doc for s in own):
                    continue
                answers = _terms(own) & accused_of or _says(own, negations)
                if _keys(own) <= denial.keys and answers:
                    who = accusation[0].nodes[0].name if accusation[0].nodes else "another"
                    evidence = _evidence(f"answers an accusation ({who}) it denies", accusation[0])
                    if evidence not in found[n]:
                        found[n].append(evidence)
    return found


def pointed_accounts(
    groups: Sequence[Sequence[int]], statements: Sequence[Statement]
) -> dict[int, list[Evidence]]:
    """The rest of an account a denial or a contesting points at ("The company said X. It
    said Y. The union disputed that account."): the claims of the same origin told just before
    the statement it answers, with no other origin's between."""
    found: dict[int, list[Evidence]] = defaultdict(list)
    where = {i: n for n, group in enumerate(groups) for i in group}
    order = sorted(range(len(statements)), key=lambda i: (statements[i].doc, _start(statements[i])))
    place = {i: k for k, i in enumerate(order)}
    for group in groups:
        for d in group:
            denial = statements[d]
            if denial.role == "asserts" or not pointed_account(denial):
                continue
            answered = [
                i
                for i in group
                if statements[i].role == "asserts" and _start(statements[i]) < _start(denial)
            ]
            if not answered:
                continue
            last = max(answered, key=lambda i: _start(statements[i]))
            keys = statements[last].keys
            k = place[last] - 1
            while k >= 0 and statements[order[k]].doc == denial.doc:
                s = statements[order[k]]
                if s.keys != keys:
                    break
                n = where[order[k]]
                # a confirmation ("confirmed the two deaths") agrees with others: no account
                told = s.role == "asserts" and s.attribution.stance not in _AGREEING
                if n != where[last] and told:
                    found[n].append(_evidence("its account is answered as a whole", denial))
                k -= 1
    return found


_AGREEING = frozenset({"confirming", "conceding"})


def pointed_account(statement: Statement) -> bool:
    """Whether what a statement answers is pointed at ("that account", "those figures")
    rather than said again: an account, which may be more than one statement."""
    return _POINTED.match(statement.attribution.content.text.lower()) is not None


#: "disputed that account", "rejected those figures": a pointer and one word or two
_POINTED = re.compile(r"^(?:that|this|these|those|both)(?:\s+[\w-]+){1,2}$")


def _start(statement: Statement) -> int:
    return statement.attribution.content.start


def _by_document(
    groups: Sequence[Sequence[int]], statements: Sequence[Statement]
) -> dict[int, list[int]]:
    """The claims (indexes into ``groups``) holding statements of each document."""
    by_doc: dict[int, list[int]] = defaultdict(list)
    for n, group in enumerate(groups):
        for doc in sorted({statements[i].doc for i in group}):
            by_doc[doc].append(n)
    return by_doc


def _keys(statements: Sequence[Statement]) -> frozenset[str]:
    return frozenset(k for s in statements for k in s.keys)


def _evidence(reason: str, other: Statement) -> Evidence:
    who = other.nodes[0].name if other.nodes else "another source"
    a = other.attribution
    return Evidence(
        "disputed.rival",
        f"contradicted by {who}: {reason}",
        other.doc_id,
        other.index,
        a.cue or a.content,
    )


class _Account:
    """One claim's asserting statements in one article, and what comparing them with another
    claim's reads of them, worked out once a claim rather than once a pair of claims (an
    article's claims are compared two by two); what only some comparisons read is worked out
    when first asked for."""

    __slots__ = ("statements", "keys", "terms", "events", "_rebuts", "_contrast", "_says")

    def __init__(self, statements: Sequence[Statement]) -> None:
        self.statements = statements
        self.keys = _keys(statements)
        self.terms = _terms(statements)
        self.events = _events(statements)
        self._rebuts: bool | None = None
        self._contrast: tuple[str | None] | None = None
        self._says: bool | None = None

    def rebuts(self, rules: Rules) -> bool:
        if self._rebuts is None:
            self._rebuts = _rebuts(self.statements, rules.claims.rebuttals)
        return self._rebuts

    def contrast(self, rules: Rules) -> str | None:
        if self._contrast is None:
            self._contrast = (_contrasted(self.statements, rules),)
        return self._contrast[0]

    def says_not(self, rules: Rules) -> bool:
        if self._says is None:
            self._says = _says(self.statements, set(rules.claims.negations))
        return self._says


def _contradiction(
    mine: _Account, theirs: _Account, rivals: bool, fighting: frozenset[str], rules: Rules
) -> str | None:
    """Why two claims' statements contradict each other, or None (``fighting``: the rules'
    ``conflict_events``)."""
    if rivals and mine.events & fighting and theirs.events & fighting:
        return "rival sides' accounts of the fighting"
    shared = mine.terms & theirs.terms
    if not shared:
        return None
    words = f"{len(shared)}: " + ", ".join(sorted(shared)[:3])
    if mine.rebuts(rules) or theirs.rebuts(rules):
        return f"{_REBUTS} ({words})"
    contrast = mine.contrast(rules) or theirs.contrast(rules)
    if contrast is None:
        return _measured_apart(mine, theirs, shared, rules)
    if mine.says_not(rules) != theirs.says_not(rules) and len(shared) >= 2:
        return f"one says not ({words}; {contrast!r})"
    events = mine.events & theirs.events
    mine_figures = [f for s in mine.statements for f in s.figures]
    their_figures = [f for s in theirs.statements for f in s.figures]
    if events and figures_disagree(mine_figures, their_figures):
        return f"different figures for the same event ({', '.join(sorted(events))})"
    return None


def _measured_apart(
    mine: _Account, theirs: _Account, shared: frozenset[str], rules: Rules
) -> str | None:
    """Two origins giving one thing different measures, each one figure of the same unit
    ("the route measures 2.8 miles", "she measured it and found it was 3.2 miles"), with a
    word in common besides the unit: one or the other is wrong."""
    a = [f for s in mine.statements for f in s.figures]
    b = [f for s in theirs.statements for f in s.figures]
    if len(a) != 1 or len(b) != 1 or a[0].unit is None or a[0].unit != b[0].unit:
        return None
    if stem(a[0].unit) not in _measure_stems(rules):
        return None
    if a[0].same_value(b[0]) or not shared - {a[0].unit, stem(a[0].unit)}:
        return None
    return f"different measures of one thing ({a[0].value:g} and {b[0].value:g} {a[0].unit})"


def _measure_stems(rules: Rules) -> frozenset[str]:
    """The stems of ``[disputes] measures``, worked out once for the loaded rules (not once a
    pair of claims)."""
    found: frozenset[str] = once_for(
        _MEASURES, rules.claims, lambda: frozenset(stem(w) for w in rules.claims.measures)
    )
    return found


_MEASURES: dict[int, tuple[Any, Any]] = {}


def _of(entries: Sequence[tuple[int, list[Statement]]], n: int) -> list[Statement]:
    """The statements of claim ``n`` among an article's ``entries``."""
    return next(s for m, s in entries if m == n)


def _distance(mine: Sequence[Statement], theirs: Sequence[Statement]) -> int:
    """How many sentences apart the nearest statements of two accounts are."""
    return min(abs(s.sentence - t.sentence) for s in mine for t in theirs)


def _contrasted(statements: Sequence[Statement], rules: Rules) -> str | None:
    """The reporter's word setting a statement against another ("disputed", "a different
    picture"), in its sentence outside what is said."""
    for s in statements:
        a = s.attribution
        sentence = s.sentence_span
        # outside what is said and who says it ("Ostrel challenger accuses ...": no contrast)
        outside = sentence.text.lower()
        for span in (a.content, a.speaker):
            if span is not None:
                start = max(0, span.start - sentence.start)
                end = min(len(outside), max(start, span.end - sentence.start))
                outside = outside[:start] + " " * (end - start) + outside[end:]
        marker = first_word(outside, rules.claims.contrasts, whole=False)
        if marker is not None:
            return marker
        # "But the standards board's figures show ...": the sentence's first word
        opening = _WORD.match(sentence.text.lstrip())
        if opening is not None and opening.group().lower() in rules.claims.contrast_openers:
            return opening.group().lower()
    return None


def _terms(statements: Sequence[Statement]) -> frozenset[str]:
    return frozenset(t for s in statements for t in s.terms)


def _events(statements: Sequence[Statement]) -> frozenset[str]:
    return frozenset(e for s in statements for e in s.events)


def _says(statements: Sequence[Statement], negations: set[str]) -> bool:
    """Whether the statements say that something is not so."""
    return any(says_not(s.attribution.content.text, negations) for s in statements)


def says_not(text: str, negations: set[str] | frozenset[str]) -> bool:
    """Whether ``text`` says that something is not so (a word of ``negations``, "-n't")."""
    found = _negation(frozenset(negations)).search(text.lower().replace("\u2019", "'"))
    return found is not None


@functools.lru_cache(maxsize=8)
def _negation(negations: frozenset[str]) -> re.Pattern[str]:
    """A word of ``negations``, or a word ending in "n't", as a whole word (a run of word
    characters and apostrophes): one search of a statement instead of a test of each word."""
    words = "|".join(re.escape(w) for w in sorted(negations, key=len, reverse=True))
    alternatives = f"(?<![\\w'])(?:{words})(?![\\w'])|" if words else ""
    return re.compile(f"{alternatives}n't(?![\\w'])")


def _rebuts(statements: Sequence[Statement], rebuttals: Sequence[str]) -> bool:
    text = " ".join(s.attribution.content.text.lower() for s in statements)
    return first_word(text, rebuttals, whole=False) is not None
