"""Claims: attributed statements that assert the same thing, within and across articles.

``group_claims(docs, rules)`` turns each attribution into a statement (its terms, figures,
names and events, see :mod:`provenance.terms`), links statements that say the same thing,
and returns the linked groups as :class:`~provenance.models.Claim` objects with their
independent origins (:mod:`provenance.origins`) and flags (:mod:`provenance.flags`), plus one
claim per sentence that states something in the reporter's own voice without a source
(:mod:`provenance.unattributed`).

Two statements are linked (thresholds in ``rules/claims.toml``, ``[grouping]``) when

- **same content**: they share ``min_shared_words`` terms and rapidfuzz ``token_set_ratio``
  over their terms reaches ``same_content`` ("Ukraine mining hub" and "it had seized the
  mining hub of Selydove in eastern Ukraine");
- **same event**: the same event class ("seized" / "fully liberated") and a shared name that is
  not the article's topic nor the speaker's own name (Selydove), or, within an article, a
  shared figure;
- **a headline and its story**: a headline statement and the body statement of the same origin
  that shares most words with it (or, failing that, has the same stance);
- **a denial and what it denies**: a denial and the earlier statement by another origin that
  shares most words with it (one within twice ``denial_window`` sentences), or that names the
  denier when the denial points back ("dismissed the accusations");
- **a confirmation and what it confirms**: a confirmation ("confirmed the offer", "was
  confirmed by two other dealers") and the earlier statement by another origin that shares
  most words with it (two, unless what is confirmed is named in a few words);
- **one statement split in two**: the same cue and speaker.

Statements are only compared when they share a name, a figure or a term that at most
``max_block`` statements share, never all pairs. Each claim keeps one line per link that
joined it (``Claim.explanation``).

>>> # group_claims([doc]) on "Moscow said it had seized Selydove. The defence ministry said
>>> # its forces had fully liberated Selydove." -> one claim, explained "same event 'capture'
>>> # and name 'selydove'", one origin (the ministry), flagged single_source.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz
from rapidfuzz.process import cpdist

from provenance.canonical import name_key
from provenance.disputes import (
    accused_accounts,
    answered_accusations,
    pointed_account,
    pointed_accounts,
    points_at_a_figure,
    rival_accounts,
    says_not,
)
from provenance.flags import Stakes, add_evidence, advocate_word, contests, flag_claim
from provenance.models import Claim, ClaimMember, Document, Sentence
from provenance.origins import Node, aliases, independent_origins
from provenance.readings import Reading, read_document
from provenance.rules import ClaimRules, Rules, once_for
from provenance.statements import Statement
from provenance.terms import POINTER_SUBJECT, POINTERS, Figure, event_words
from provenance.unattributed import Unattributed

Reader = Callable[[str], list[Sentence]]
DocumentReader = Callable[[int, Document], Reading]

_SIDES = frozenset({"both", "all", "each", "either", "neither", "they"})
_CHARGES = ("accus", "alleg", "charg")
_ANAPHORS = frozenset(
    {"such", "accusation", "allegation", "claim", "charge", "report", "suggestion"}
)


@dataclass(frozen=True, slots=True)
class _Link:
    a: int
    b: int
    reason: str


# --------------------------------------------------------------------------- public API


def group_claims(
    docs: Sequence[Document],
    rules: Rules,
    *,
    parse: Reader | None = None,
    read: DocumentReader | None = None,
) -> list[Claim]:
    """The claims in ``docs``: attributions grouped by what they assert, with origins and
    flags, and the unattributed claims in the reporter's voice. ``parse`` reads a text into
    sentences (default: :func:`provenance.nlp.sentences`, which needs the spaCy model;
    :func:`provenance.sentences.plain_sentences` needs none). ``read`` gives a document's
    :class:`~provenance.readings.Reading` at its place in the batch (default
    :func:`provenance.readings.read_document` over its parse): a caller that read them
    already (a refresh, for the blocking keys, or from the store) passes them instead of
    reading them again."""
    if read is None:
        reader = parse or _spacy_reader()

        def read_parsed(position: int, doc: Document) -> Reading:
            return read_document(position, doc, reader(doc.text), rules)

        read = read_parsed
    readings = [read(i, doc) for i, doc in enumerate(docs)]
    statements = [s for reading in readings for s in reading.statements]
    groups, links = _groups(statements, _links(statements, rules))
    deniers = frozenset(k for s in statements if s.role != "asserts" for k in s.keys)
    accused = deniers | _discussed(statements, rules) | _talked_about(statements, rules)
    advocates, defences = _advocates(statements, rules), _defences(statements, rules)
    defenders = frozenset(k for s in statements if _defends(s, rules) for k in s.keys)
    stakes = Stakes(accused, advocates, defences, deniers, defenders)
    claims = [
        _claim(group, statements, inside, rules, stakes)
        for group, inside in zip(groups, _links_by_group(groups, links), strict=True)
    ]
    interested = ["unverified_party_claim" in c.flag_names for c in claims]
    disputes = rival_accounts(groups, statements, interested, rules)
    for n, evidence in accused_accounts(groups, statements, rules).items():
        disputes.setdefault(n, []).extend(evidence)
    for n, evidence in answered_accusations(groups, statements).items():
        disputes.setdefault(n, []).extend(evidence)
    for n, evidence in pointed_accounts(groups, statements).items():
        disputes.setdefault(n, []).extend(evidence)
    for n, evidence in disputes.items():
        claims[n] = replace(claims[n], flags=add_evidence(claims[n].flags, "disputed", evidence))
    answers = _answered_unattributed(groups, statements, readings, rules)
    joined = {n for found in answers.values() for n in found}
    claims = [c for n, c in enumerate(claims) if n not in joined]
    for position, (doc, reading) in enumerate(zip(docs, readings, strict=True)):
        for k, found in enumerate(reading.unattributed):
            denials = [
                _member(statements[i], "denies it (points back to it)")
                for n in answers.get((position, k), ())
                for i in groups[n]
            ]
            claims.append(_unattributed(doc, found, rules, denials))
    order = {d.doc_id: i for i, d in enumerate(docs)}
    return sorted(claims, key=lambda c: _position(c, order))


def _spacy_reader() -> Reader:
    from provenance.nlp import sentences

    return sentences


def _position(claim: Claim, order: dict[str, int]) -> tuple[int, int]:
    """Where a claim's first statement is: its article's place in the batch (``order``, by
    doc_id), then its offset."""
    first = claim.members[0]
    return order.get(first.doc_id, 0), first.content.start


# --------------------------------------------------------------------------- links


def _links(statements: Sequence[Statement], rules: Rules) -> list[_Link]:
    compared = _compared(statements, rules)
    counting = _counting(rules.claims)
    first, second, evented = _candidate_pairs(statements, rules)
    # most candidate pairs are turned down by what they do not share, found for all at once
    kept = ~_turned_down(statements, first, second, evented, rules)
    links = [
        _Link(a, b, reason)
        for a, b in zip(first[kept].tolist(), second[kept].tolist(), strict=True)
        if (
            reason := _related(
                statements[a], statements[b], compared[a], compared[b], rules, counting
            )
        )
        is not None
    ]
    by_doc: dict[int, list[int]] = defaultdict(list)
    for i, s in enumerate(statements):
        by_doc[s.doc].append(i)
    for members in by_doc.values():
        links += _split_links(statements, members)
        links += _headline_links(statements, members)
        links += _denial_links(statements, members, rules)
        links += _confirmation_links(statements, members, rules)
    return links


def _confirmation_links(
    statements: Sequence[Statement], members: Sequence[int], rules: Rules
) -> list[_Link]:
    """A confirmation by one origin joins the earlier statement by another that it confirms:
    the one sharing most words with it (as :func:`_most_shared`), two words at least unless
    what is confirmed is named in a few words ("The nine-day wait was confirmed by two other
    dealers", "Veltrac confirmed the offer"). A second origin saying the same thing: the claim
    may be corroborated."""
    links: list[_Link] = []
    for i in members:
        s = statements[i]
        if s.role != "asserts" or s.attribution.stance != "confirming":
            continue
        start = s.attribution.content.start
        earlier = [
            statements[j]
            for j in members
            if statements[j].role == "asserts"
            and not statements[j].keys & s.keys
            and statements[j].attribution.content.start < start
        ]
        shared = _most_shared(s, earlier, rules)
        named = len(s.attribution.content.text.split()) <= _NAMED_IN_FEW_WORDS
        if shared is None or (len(shared[1]) < 2 and not named):
            continue
        target, words = shared
        links.append(
            _Link(
                _index_of(statements, members, target),
                i,
                f"confirms it (shared words: {', '.join(sorted(words))})",
            )
        )
    return links


#: what a confirmation names in this many words or fewer ("the offer") needs one shared word
_NAMED_IN_FEW_WORDS = 4


def _index_of(statements: Sequence[Statement], members: Sequence[int], target: Statement) -> int:
    """The index into ``statements`` of ``target``, one of the ``members``."""
    return next(m for m in members if statements[m] is target)


def _candidates(statements: Sequence[Statement], rules: Rules) -> list[tuple[int, int]]:
    """The pairs :func:`_related` could link, in order: those that share a blocking key (a
    name, a figure, a term) held by at most ``max_block`` statements, and share
    ``min_shared_words`` terms or an event (neither the same content nor the same event
    otherwise)."""
    a, b, _ = _candidate_pairs(statements, rules)
    return list(zip(a.tolist(), b.tolist(), strict=True))


def _candidate_pairs(
    statements: Sequence[Statement], rules: Rules
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
    """:func:`_candidates` as two arrays (first, second), with whether the two of each pair
    share an event. A batch of a thousand articles holds a million or two such pairs, so
    they are worked out together, with numpy, not a pair at a time."""
    n = len(statements)
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(statements):
        for key in blocking_keys(s):
            blocks[key].append(i)
    small = [(k, m) for k, m in blocks.items() if 1 < len(m) <= rules.claims.max_block]
    # each pair a block gives, twice over, plus one when the block is not a term's: sorted
    # once, the pairs come out in order with the small blocks of terms each came from
    found = np.concatenate(
        [
            _pair_codes([m for k, m in small if k.startswith("t:")], n) * 2,
            _pair_codes([m for k, m in small if not k.startswith("t:")], n) * 2 + 1,
        ]
    )
    found.sort()
    first = np.flatnonzero(np.diff(found >> 1, prepend=-1))
    # the terms a pair shares: one for each small block of terms it came from, and the terms
    # held by more statements than that
    shared = np.add.reduceat(1 - (found & 1), first)
    a, b = np.divmod(found[first] >> 1, n)
    for k, m in blocks.items():
        if len(m) > rules.claims.max_block and k.startswith("t:"):
            held = _held(m, n)
            shared += held[a] & held[b]
    evented = _share_an_event(statements, a, b)
    linkable = (shared >= rules.claims.min_shared_words) | evented
    return a[linkable], b[linkable], evented[linkable]


def _turned_down(
    statements: Sequence[Statement],
    a: npt.NDArray[np.int64],
    b: npt.NDArray[np.int64],
    evented: npt.NDArray[np.bool_],
    rules: Rules,
) -> npt.NDArray[np.bool_]:
    """Which pairs (a[i], b[i]; ``evented``: whether they share an event) :func:`_related`
    turns down before scoring them, whatever else they share, worked out together rather
    than a pair at a time (most candidate pairs are): both give figures and none of one is
    one of the other (:func:`_counts_disagree`), one speaks about itself and they share no
    origin (:func:`_about_themselves`), they name different things and nothing in common
    (:func:`_elsewhere`), or they share no event and their terms are not the same content."""
    counting = _counting(rules.claims)

    def each(test: Callable[[Statement], object]) -> npt.NDArray[np.bool_]:
        return np.array([bool(test(s)) for s in statements], dtype=np.bool_)

    def unshared(where: npt.NDArray[np.bool_], blocks: Sequence[Sequence[int]]) -> None:
        """Turn down the pairs ``where`` whose two share none of ``blocks``."""
        at = np.flatnonzero(where)
        limit = rules.claims.max_block
        down[at[~_share(blocks, a[at], b[at], len(statements), limit)]] = True

    itself = each(lambda s: s.self_reference)
    named, placed = each(lambda s: s.names), each(lambda s: s.names | s.context)
    # a figure counting an event of its own may be the same count as another thing's
    counts = each(lambda s: any(counting.get(f.unit or "") in s.events for f in s.figures))
    origins: dict[str, list[int]] = defaultdict(list)
    places: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(statements):
        for key in s.keys:
            origins[key].append(i)
        for name in s.names | s.context:
            places[name].append(i)
    no_value, no_figure = _figures_apart(statements, a, b)
    down = no_value | (no_figure & ~(counts[a] | counts[b]))
    unshared((itself[a] | itself[b]) & ~down, list(origins.values()))
    unshared((named[a] | named[b]) & placed[a] & placed[b] & ~down, list(places.values()))
    # a candidate pair with no event in common shares min_shared_words terms: it is linked
    # only by the same content, its terms scored together here (in C) rather than one by one
    at = np.flatnonzero(~evented & ~down)
    texts = [s.term_text for s in statements]
    scores = cpdist(
        [texts[i] for i in a[at].tolist()],
        [texts[i] for i in b[at].tolist()],
        scorer=fuzz.token_set_ratio,
        dtype=np.float64,
    )
    down[at[scores < rules.claims.same_content]] = True
    return down


def _share_an_event(
    statements: Sequence[Statement], a: npt.NDArray[np.int64], b: npt.NDArray[np.int64]
) -> npt.NDArray[np.bool_]:
    """Whether the two of each pair (a[i], b[i]) talk about an event in common."""
    found = np.zeros(len(a), dtype=np.bool_)
    for event in sorted(frozenset[str]().union(*(s.events for s in statements))):
        held = _held([i for i, s in enumerate(statements) if event in s.events], len(statements))
        found |= held[a] & held[b]
    return found


def _share(
    blocks: Sequence[Sequence[int]],
    a: npt.NDArray[np.int64],
    b: npt.NDArray[np.int64],
    n: int,
    limit: int,
) -> npt.NDArray[np.bool_]:
    """Whether both of each pair (a[i], b[i]), a < b, are members of one of ``blocks`` (each
    in order, without repeats): a block of more than ``limit`` is checked on its own, the
    others by their pairs."""
    codes = a * n + b
    small = np.sort(_pair_codes([m for m in blocks if 1 < len(m) <= limit], n))
    found = np.zeros(len(codes), dtype=np.bool_)
    if len(small):
        found = small[np.searchsorted(small, codes).clip(max=len(small) - 1)] == codes
    for members in blocks:
        if len(members) > limit:
            held = _held(members, n)
            found |= held[a] & held[b]
    return found


def _figures_apart(
    statements: Sequence[Statement], a: npt.NDArray[np.int64], b: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """For each pair (a[i], b[i]) whose two give figures: whether no figure of one has the
    value of one of the other (:meth:`~provenance.terms.Figure.same_value`), and whether none
    is the same figure (:meth:`~provenance.terms.Figure.same_as`). Values that may be the same
    are numbered alike, and so are values in a chain of such neighbours; a statement giving
    more than ``_FIGURES_COMPARED`` figures is never apart."""
    holders: dict[float, list[tuple[int, int, str | None]]] = defaultdict(list)
    for i, s in enumerate(statements):
        if len(s.figures) <= _FIGURES_COMPARED:
            for k, f in enumerate(s.figures):
                if math.isfinite(f.value):  # never the same value as any (nor as itself)
                    holders[f.value].append((i, k, f.unit))
    width = max([1, *(len(s.figures) for s in statements if len(s.figures) <= _FIGURES_COMPARED)])
    values = np.full((len(statements), width), -1, dtype=np.int64)
    units = np.full((len(statements), width), -1, dtype=np.int64)
    numbered: dict[str, int] = {}
    number, last = -1, math.nan
    for value in sorted(holders):
        if not value - last <= 2e-9 * max(1.0, abs(value), abs(last)):
            number += 1
        for i, k, unit in holders[value]:
            values[i, k] = number
            if unit is not None:
                units[i, k] = numbered.setdefault(unit, len(numbered))
        last = value
    compared = np.array(
        [0 < len(s.figures) <= _FIGURES_COMPARED for s in statements], dtype=np.bool_
    )
    at = np.flatnonzero(compared[a] & compared[b])
    va, vb, ua, ub = values[a[at]], values[b[at]], units[a[at]], units[b[at]]
    same_value = np.zeros(len(at), dtype=np.bool_)
    same_figure = np.zeros(len(at), dtype=np.bool_)
    for k in range(width):
        for m in range(width):
            hit = (va[:, k] == vb[:, m]) & (va[:, k] >= 0)
            same_value |= hit
            same_figure |= hit & ((ua[:, k] == ub[:, m]) | (ua[:, k] < 0) | (ub[:, m] < 0))
    no_value = np.zeros(len(a), dtype=np.bool_)
    no_figure = np.zeros(len(a), dtype=np.bool_)
    no_value[at] = ~same_value
    no_figure[at] = ~same_figure
    return no_value, no_figure


def _pair_codes(blocks: Sequence[Sequence[int]], n: int) -> npt.NDArray[np.int64]:
    """Each pair (a, b), a < b, of each block's members (in order), as the number a * n + b."""
    by_size: dict[int, list[Sequence[int]]] = defaultdict(list)
    for members in blocks:
        by_size[len(members)].append(members)
    codes = [np.zeros(0, dtype=np.int64)]
    for size, found in by_size.items():
        rows = np.array(found, dtype=np.int64)
        first, second = np.triu_indices(size, 1)
        codes.append((rows[:, first] * n + rows[:, second]).ravel())
    return np.concatenate(codes)


def _held(members: Sequence[int], n: int) -> npt.NDArray[np.bool_]:
    """Which of ``n`` statements are among ``members``."""
    held = np.zeros(n, dtype=np.bool_)
    held[list(members)] = True
    return held


def blocking_keys(statement: Statement) -> frozenset[str]:
    """What a statement is compared by before any pair is scored: its names and its
    sentence's (``n:selydove``), its figures (``f:160000``) and its terms (``t:capture``).
    Two statements are compared only when they share one; the store keeps each claim's keys
    so that a new article is compared with the stored claims sharing one, never with all.

    >>> # a statement "it had seized Selydove" -> {"n:selydove", "t:capture"}
    """
    keys = {f"n:{n}" for n in statement.names | statement.context}
    keys |= {f"f:{f.value:g}" for f in statement.figures}
    keys |= {f"t:{t}" for t in statement.terms}
    return frozenset(keys)


@dataclass(frozen=True, slots=True)
class _Compared:
    """What a pair of statements is compared by, worked out once a statement rather than
    once a pair: its origins' keys, and the names of it and its sentence."""

    keys: frozenset[str]
    places: frozenset[str]
    negated: bool  # it says that something is not so


#: negations that deny a phrase, not the statement ("made without his knowledge")
_PHRASE_NEGATIONS = frozenset({"without"})


def _compared(statements: Sequence[Statement], rules: Rules) -> list[_Compared]:
    """Each statement's :class:`_Compared`: "sold by an agent without his knowledge, and the
    company offered every buyer a replacement" does not say that something is not so, where
    "no one from the company ever offered her a replacement" does."""
    negations = frozenset(rules.claims.negations) - _PHRASE_NEGATIONS
    return [
        _Compared(s.keys, s.names | s.context, says_not(s.attribution.content.text, negations))
        for s in statements
    ]


def _related(
    a: Statement,
    b: Statement,
    ca: _Compared,
    cb: _Compared,
    rules: Rules,
    counting: Mapping[str, str],
) -> str | None:
    """Why two statements say the same thing, or None (``ca``, ``cb``: their
    :class:`_Compared`; ``counting``: :func:`_counting` of the rules, worked out once for
    every pair)."""
    shared = a.terms & b.terms
    events = a.events & b.events
    if _counts_disagree(a.figures, b.figures, counting, events) or _about_themselves(a, b, ca, cb):
        return None
    if _elsewhere(a, b, ca, cb):
        return None
    # "customers get 20 hours" and "customers were not receiving 20 hours" share their words
    # but say the opposite: never the same content
    if len(shared) >= rules.claims.min_shared_words and ca.negated == cb.negated:
        score = fuzz.token_set_ratio(a.term_text, b.term_text)
        if score >= rules.claims.same_content:
            words = ", ".join(sorted(shared))
            return f"same content (token_set_ratio {score:.0f}; shared words: {words})"
    if not events:
        return None
    event = "/".join(sorted(events))
    common = (a.names & (b.names | b.context)) | (b.names & a.context)
    if common:
        return f"same event '{event}' and name {', '.join(repr(n) for n in sorted(common))}"
    same_figure = [
        f for f in a.figures if any(_same_count(f, g, counting, events) for g in b.figures)
    ]
    clash = a.names and b.names and not a.names & b.names
    if a.doc == b.doc and same_figure and not clash and not (_weighs(a) or _weighs(b)):
        return f"same event '{event}' and figure {same_figure[0].value:g}"
    return None


def _same_count(f: Figure, g: Figure, counting: Mapping[str, str], events: frozenset[str]) -> bool:
    """The same figure, or the same number of an event both talk about, one counting the
    event itself ("two deaths": ``counting`` maps the stem to its event) and the other who it
    befell ("two workers were killed")."""
    if not f.same_value(g):
        return False
    if f.unit is None or g.unit is None or f.unit == g.unit:  # f.same_as(g)
        return True
    if not events:
        return False
    return counting.get(f.unit or "") in events or counting.get(g.unit or "") in events


def _counts_disagree(
    a: Sequence[Figure], b: Sequence[Figure], counting: Mapping[str, str], events: frozenset[str]
) -> bool:
    """:func:`~provenance.terms.figures_disagree`, with counts of a shared event as one."""
    if not a or not b:
        return False
    return not any(_same_count(f, g, counting, events) for f in a for g in b)


_FIGURES_COMPARED = 4
_COUNTING: dict[int, tuple[ClaimRules, dict[str, str]]] = {}


def _counting(rules: ClaimRules) -> dict[str, str]:
    """Event word stems -> event names, worked out once for a loaded ``rules``."""
    found: dict[str, str] = once_for(_COUNTING, rules, lambda: dict(event_words(rules)))
    return found


def _weighs(statement: Statement) -> bool:
    """The statement sets figures of one thing side by side ("nine deaths and zero deaths are
    not a difference of method"): it weighs the accounts, it asserts neither figure."""
    counted = [f for f in statement.figures if f.unit is not None]
    return any(
        f.unit == g.unit and not f.same_as(g)
        for n, f in enumerate(counted)
        for g in counted[n + 1 :]
    )


def _elsewhere(a: Statement, b: Statement, ca: _Compared, cb: _Compared) -> bool:
    """The two name different things and no thing in common ("nine people died in Brescia",
    "nine people died in Bari"): at least one names it in its own words."""
    mine, theirs = ca.places, cb.places
    return bool(a.names or b.names) and bool(mine) and bool(theirs) and not mine & theirs


def _about_themselves(a: Statement, b: Statement, ca: _Compared, cb: _Compared) -> bool:
    """Two origins each speaking about itself ("it had played no part") say different things."""
    return bool(a.self_reference or b.self_reference) and not ca.keys & cb.keys


def _split_links(statements: Sequence[Statement], members: Sequence[int]) -> list[_Link]:
    seen: dict[tuple[int, int, str], int] = {}
    links: list[_Link] = []
    for i in members:
        a = statements[i].attribution
        if a.cue is None:
            continue
        key = (a.cue.start, a.cue.end, a.speaker.text if a.speaker else "")
        if key in seen:
            links.append(_Link(seen[key], i, "one statement split around its cue"))
        else:
            seen[key] = i
    return links


def _names_all(mention: str, statement: Statement) -> bool:
    """Whether a statement's source holds every word of ``mention`` ("county" in "Brannock
    County Health Department")."""
    source = (statement.attribution.source or "").lower().split()
    words = [w for w in mention.lower().split() if w not in ("the", "a", "an")]
    return bool(words) and all(w in source for w in words)


def _headline_links(statements: Sequence[Statement], members: Sequence[int]) -> list[_Link]:
    """A headline statement joins the body statement of the same origin that it sums up: the
    one sharing most words, or else the first with the same stance ("denies doping")."""
    links: list[_Link] = []
    for i in members:
        head = statements[i]
        if not head.headline:
            continue
        # a headline's unnamed speaker ("sources say") is whoever the story quotes on it
        speaker = head.attribution.speaker
        unnamed = _described_only(head) and (
            speaker is None or speaker.text.lower() not in _SIDES  # "both claim gains"
        )
        body = [
            j
            for j in members
            if statements[j].sentence > 0
            and (statements[j].keys & head.keys or (unnamed and statements[j].role == "asserts"))
        ]
        if unnamed and speaker is not None:
            # "..., county says": the source the story names with that word, where it does
            named = [j for j in body if _names_all(speaker.text, statements[j])]
            body = named or body
        sharing = [j for j in body if head.terms & statements[j].terms]
        # "Challenger accuses prime minister of hiding budget hole" sums up the accusation
        stance = head.attribution.stance
        if stance != "neutral":
            sharing = [j for j in sharing if statements[j].attribution.stance == stance] or sharing
        if sharing:
            best = max(sharing, key=lambda j: _similarity(head, statements[j]))
            score = _similarity(head, statements[best])
            links.append(
                _Link(i, best, f"headline sums up the story (token_set_ratio {score:.0f})")
            )
            continue
        stance = head.attribution.stance
        same = [j for j in body if statements[j].attribution.stance == stance]
        if same:
            links.append(_Link(i, same[0], "headline sums up the story (same source and stance)"))
    return links


def _similarity(a: Statement, b: Statement) -> float:
    return float(fuzz.token_set_ratio(a.term_text, b.term_text))


def _denial_links(
    statements: Sequence[Statement], members: Sequence[int], rules: Rules
) -> list[_Link]:
    """A denial (or a non-denial) joins the earlier statement by another origin that it
    answers: the one sharing most words with it (one is enough within twice ``denial_window``
    sentences, two further back), the nearest on a tie; a denial that points back ("the
    accusations", "any such warning") and shares no word joins the nearest statement in the
    window that names the denier, else the nearest statement in the window. The reason the
    denier gives with it ("denied that ..., saying the union had never raised the matter")
    counts with the denial's own words."""
    links: list[_Link] = []
    # those who deny something defend themselves: what they assert answers an accusation,
    # it is none that another denial answers
    defending = {k for j in members if statements[j].role == "denies" for k in statements[j].keys}
    for i in members:
        denial = statements[i]
        if denial.role == "asserts":
            continue
        others = [
            statements[j]
            for j in members
            if statements[j].role == "asserts"
            and not statements[j].keys & denial.keys
            and not statements[j].keys & defending
        ]
        start = denial.attribution.content.start
        earlier = [s for s in others if s.attribution.content.start < start]
        # another's denial before this one has answered what came before it
        answered = [
            statements[j].attribution.content.start
            for j in members
            if statements[j].role != "asserts"
            and statements[j].keys != denial.keys
            and statements[j].attribution.content.start < start
        ]
        # its reason, said with it ("denied that ..., saying the union had never raised the
        # matter"), tells what it answers too
        reasons = [
            statements[j]
            for j in members
            if statements[j].role == "asserts"
            and statements[j].keys == denial.keys
            and statements[j].sentence == denial.sentence
            and statements[j].attribution.content.start > start
        ]
        # "rejecting a suggestion by the resort's director that ...": the statement it holds
        held = [s for s in others if _within(s, denial)]
        target = (
            (held[0], f"{denial.role} the statement it holds")
            if held
            else _figure_answered(denial, earlier, rules)
            or _answered(denial, earlier, rules, max(answered, default=-1), reasons)
        )
        if target is None and denial.role == "denies":
            later = [s for s in others if s.attribution.content.start > start]
            target = (
                _charged(denial, later, rules)
                or _wrongdoing_answered(denial, earlier, rules)
                or _said_of_denier(denial, later, rules)
            )
        if target is not None:
            links.append(_Link(_index_of(statements, members, target[0]), i, target[1]))
    return links


def _wrongdoing_answered(
    denial: Statement, earlier: Sequence[Statement], rules: Rules
) -> tuple[Statement, str] | None:
    """What a denial of wrongdoing in general answers ("Copper Lantern denies breaking the
    law", ``[disputes] wrongdoing``): what the article accuses the denier of, the first
    earlier statement by another origin that names the denier, else what the article opens
    with (its first statement after the headline), however far back."""
    if not _denies_wrongdoing(denial.attribution.content.text, rules):
        return None
    ordered = sorted(earlier, key=lambda s: s.attribution.content.start)
    aliases = _aliases(denial, rules)
    for s in ordered:
        if mentioned := _naming(s, aliases):
            return s, f"denies wrongdoing: what it is accused of (names {mentioned!r})"
    opening = next((s for s in ordered if not s.headline), None)
    if opening is not None:
        return opening, "denies wrongdoing: what the article opens with"
    return None


def _said_of_denier(
    denial: Statement, later: Sequence[Statement], rules: Rules
) -> tuple[Statement, str] | None:
    """What a denial with nothing before it to answer answers, as a last resort: the first
    statement by another origin after it, within ``denial_window`` sentences, that names the
    denier in what it says or in who says it ("It denied using automated software. Two former
    SlotSwift employees said the company ran scripts ...")."""
    if denial.headline:
        return None  # "Player denies fixing claims": the story's answer, no name to go by
    window = rules.claims.denial_window
    aliases = _aliases(denial, rules)
    for s in (s for s in later if s.sentence - denial.sentence <= window):
        speaker = s.attribution.speaker
        said = s.attribution.content.text + " " + (speaker.text if speaker is not None else "")
        # a name, written as one: not "a player" for "Player"
        named = {w.lower() for w in re.findall(r"\b[A-Z][\w-]+", said)} & aliases
        if named:
            return s, f"{denial.role} what is said of it next (names {sorted(named)[0]!r})"
    return None


def _denies_wrongdoing(text: str, rules: Rules) -> bool:
    """Whether what is denied is wrongdoing in general ("any wrongdoing", "breaking the law"),
    not a particular act."""
    what = re.sub(r"^(?:any|all)\s+", "", text.lower().strip(" .,;:"))
    return what in rules.claims.wrongdoing


def _figure_answered(
    denial: Statement, earlier: Sequence[Statement], rules: Rules
) -> tuple[Statement, str] | None:
    """What a denial pointing at a figure ("rejected the estimate") answers: the latest
    earlier statement that gives one, within ``_FAR`` times ``denial_window`` sentences (as an
    accusation is looked for), not one that talks about the estimate ("Its estimate was
    drawn from voter rolls")."""
    if not points_at_a_figure(denial.attribution.content.text):
        return None
    window = _FAR * rules.claims.denial_window
    figured = [s for s in earlier if s.figures and denial.sentence - s.sentence <= window]
    if not figured:
        return None
    latest = max(figured, key=lambda s: s.attribution.content.start)
    # its source's figures before it: the first gave the figure the others go on to back
    # ("missed at least 60,000 residents", then "its 212 volunteers had visited 94 villages")
    found = min(
        (s for s in figured if s.keys == latest.keys), key=lambda s: s.attribution.content.start
    )
    return found, f"{denial.role} the figure before it (points at it)"


#: how many times ``denial_window`` a denial looks back for a statement sharing one word
_SHARED = 2

#: how many times ``denial_window`` a denial looks back for what it points at by kind (an
#: accusation, a figure), further than for what shares its words
_FAR = 3


def _answered(
    denial: Statement,
    earlier: Sequence[Statement],
    rules: Rules,
    closed: int = -1,
    reasons: Sequence[Statement] = (),
) -> tuple[Statement, str] | None:
    window = rules.claims.denial_window

    def near(s: Statement) -> bool:
        return denial.sentence - s.sentence <= window

    shared = _most_shared(denial, earlier, rules, reasons)
    if shared is not None:
        return shared[0], f"{denial.role} it (shared words: {', '.join(sorted(shared[1]))})"
    pointing = (
        bool(denial.terms & _ANAPHORS)
        or _points_back(denial)
        or denial.attribution.content.text.lower() in POINTERS  # "The company denied that."
        or pointed_account(denial)
    )
    # "denied that it had played any part": a denial of something said of the denier
    sweeping = _sweeping(denial)
    # "Kalvar denied that its machines had entered the protected zone": a denial of the
    # denier's own conduct answers what was just said, in other words
    own_conduct = denial.role == "denies" and denial.self_reference is not None
    if not pointing and not sweeping and not own_conduct:
        return None
    if any(t.startswith(_CHARGES) for t in denial.terms):
        # "rejected the accusation": the accusation, further back too
        accusations = [
            s
            for s in earlier
            if s.attribution.stance == "accusing" and denial.sentence - s.sentence <= _FAR * window
        ]
        if accusations:
            return accusations[-1], f"{denial.role} the accusation before it (points back to it)"
    aliases = _aliases(denial, rules)
    nearby = sorted((s for s in earlier if near(s)), key=lambda s: -s.attribution.content.start)
    # what another's denial in between has answered is closed ("Police said drivers turned
    # back an ambulance. FENTRA denied its members had stopped any emergency vehicle": not
    # the report on FENTRA's talks that the ministry denied before): the nearest open one
    open_ = [s for s in nearby if s.attribution.content.start > closed]
    if open_ and len(open_) < len(nearby):
        named = next((s for s in open_ if _naming(s, aliases)), None)
        found = named or open_[0]
        return found, f"{denial.role} the statement just before it (after another's denial)"
    for s in nearby:
        if mentioned := _naming(s, aliases):
            return s, f"{denial.role} what it is accused of (names {mentioned!r})"
    if nearby and (pointing or (own_conduct and denial.sentence - nearby[0].sentence <= 1)):
        why = "points back to it" if pointing else "its own conduct"
        return _outermost(nearby[0], nearby), f"{denial.role} the statement just before it ({why})"
    return None


def _most_shared(
    statement: Statement,
    earlier: Sequence[Statement],
    rules: Rules,
    reasons: Sequence[Statement] = (),
) -> tuple[Statement, set[str]] | None:
    """The earlier statement an answer shares most words with (one is enough within twice
    ``denial_window`` sentences, two further back), the nearest on a tie, with the words: a
    word it repeats names what it answers better than a name ("The navy denied that any
    tanker had been lost" answers the front's "sunk a navy tanker", four sentences back, not
    a commander's nearer "the navy was pulling back").
    The words the ``reasons`` given with it share count too; two are needed, near or far,
    when the answer itself shares none."""
    window = rules.claims.denial_window
    # a sweeping denial ("denied that any draw had been manipulated") may answer what the
    # article opens with, its first statement after the headline: one word is enough there
    opening = None
    if _sweeping(statement):
        opening = min((s.sentence for s in earlier if not s.headline), default=None)

    def needed(s: Statement, own: set[str]) -> int:
        near = statement.sentence - s.sentence <= _SHARED * window or s.sentence == opening
        return 1 if own and near else 2

    scored = [
        (shared, s)
        for s in earlier
        if (own := _shared_stems(statement, s)) or reasons
        if len(shared := own | _stems_shared(reasons, s)) >= needed(s, own)
    ]
    if not scored:
        return None
    words, best = max(scored, key=lambda t: (len(t[0]), t[1].attribution.content.start))
    return best, words


def _sweeping(denial: Statement) -> bool:
    """Whether a denial sweeps ("denied that it had played any part")."""
    return re.search(r"\bany\b", denial.attribution.content.text.lower()) is not None


def _outermost(statement: Statement, among: Sequence[Statement]) -> Statement:
    """The statement that reports ``statement`` within its own content ("A ministry official
    said inspectors had found fresh tracks"), else ``statement`` itself."""
    return next((s for s in among if s is not statement and _within(statement, s)), statement)


def _within(inner: Statement, outer: Statement) -> bool:
    """Whether what ``inner`` says lies within what ``outer`` says."""
    a, b = inner.attribution.content, outer.attribution.content
    return b.start <= a.start and a.end <= b.end


def _discussed(statements: Sequence[Statement], rules: Rules) -> frozenset[str]:
    """The companies (``business_types``) another origin talks about in the same article
    ("the regulator said Brenmark had failed to ..."): the keys of those whose name, or its
    first word, another's statement holds. Such a company speaks in its own defence."""

    def names(nodes: Sequence[Node]) -> set[str]:
        keys = {name_key(n.name) for n in nodes}
        return keys | {w for n in nodes if len(w := name_key(n.name).split()[0]) > 3}

    return _named_by_others(statements, rules.claims.business_types, names)


def _talked_about(statements: Sequence[Statement], rules: Rules) -> frozenset[str]:
    """The people (``accused_types``) another origin's statement in the same article talks
    about by name ("Moraga tested positive", said by the panel): what they say of themselves
    is said in their own defence."""

    def names(nodes: Sequence[Node]) -> set[str]:
        return {w for n in nodes if len(w := name_key(n.name).split()[-1]) > 3}

    return _named_by_others(statements, rules.claims.accused_types, names)


def _named_by_others(
    statements: Sequence[Statement],
    types: Sequence[str],
    names: Callable[[Sequence[Node]], set[str]],
) -> frozenset[str]:
    """The keys of the origins of ``types`` that another origin's statement in the same
    article names (by any of ``names`` of them)."""
    found: set[str] = set()
    by_doc: dict[int, list[Statement]] = defaultdict(list)
    for s in statements:
        by_doc[s.doc].append(s)
    for members in by_doc.values():
        # each statement's origins and what it names, worked out once an article
        compared: list[tuple[frozenset[str], frozenset[str]]] | None = None
        for s in members:
            nodes = [n for n in s.nodes if n.type in types]
            if not nodes or s.keys <= found:
                continue
            named = names(nodes)
            if compared is None:
                compared = [(t.keys, t.names | _words_of(t)) for t in members]
            if any(not theirs & s.keys and named & words for theirs, words in compared):
                found |= {n.key for n in nodes}
    return frozenset(found)


def _advocates(statements: Sequence[Statement], rules: Rules) -> dict[str, str]:
    """The origins the articles introduce as advocates ("His lawyer, Kristof Maelen"), by key,
    with that mention: whatever they say later ("Maelen said ...") argues a side's case."""
    found: dict[str, str] = {}
    for s in statements:
        a = s.attribution
        mention = " ".join(m.text for m in (a.speaker, a.coref) if m is not None)
        if advocate_word(mention, rules):
            for key in s.keys:
                found.setdefault(key, mention)
    return found


def _defends(s: Statement, rules: Rules) -> bool:
    """Whether a statement is its origins' defence: a denial ("denied that any aid was being
    blocked"), or a contesting of another's account ("disputed the figure") by those who
    speak for themselves (``[interest] types``, ``business_types``), not by an authority."""
    if s.role != "denies" or not s.keys:
        return False
    interested = {*rules.claims.interested_types, *rules.claims.business_types}
    themselves = all(n.type in interested for n in s.nodes)
    return themselves or not contests(s.attribution, rules)


def _defences(statements: Sequence[Statement], rules: Rules) -> dict[str, str]:
    """The statements that give a denier's reason: told after a denial by the same origin in
    the same sentence ("denied any aid was being blocked, saying all consignments were
    cleared within hours") or the next ("denied that any birds had been left to suffocate.
    \"Every operation followed the protocol,\" she said"), by label, with the denial's cue.
    Whoever denies defends themselves, and the reason is said in their defence. Contesting
    another's account ("disputed the figure, saying ...") is a defence only by those who speak
    for themselves (``[interest] types``, ``business_types``), not by an authority."""
    denials: dict[tuple[int, int], list[Statement]] = defaultdict(list)
    for s in statements:
        if _defends(s, rules):
            denials[(s.doc, s.sentence)].append(s)
    found: dict[str, str] = {}
    for s in statements:
        if s.role != "asserts":
            continue
        before = (*denials.get((s.doc, s.sentence), ()), *denials.get((s.doc, s.sentence - 1), ()))
        for denial in before:
            a = denial.attribution
            if denial.keys == s.keys and a.content.start < s.attribution.content.start:
                found[s.label] = (a.cue or a.content).text
    return found


def _shared_stems(a: Statement, b: Statement) -> set[str]:
    """Words two statements share, a word and its derivation counted as one ("denied making
    any threat" answers "threatened her husband"): words alike in their first five letters."""
    return {w[:5] for w in a.terms} & {w[:5] for w in b.terms}


def _stems_shared(statements: Sequence[Statement], b: Statement) -> set[str]:
    """The words (as :func:`_shared_stems`) ``b`` shares with any of ``statements``."""
    return {w for s in statements for w in _shared_stems(s, b)}


def _charged(
    denial: Statement, later: Sequence[Statement], rules: Rules
) -> tuple[Statement, str] | None:
    """A denial with nothing before it to answer ("Wolan denies arson", in a trial story's
    opening) answers the first accusation after it that names the denier: a statement whose
    cue accuses or keeps its distance ("Prosecutors allege Mr Wolan poured petrol")."""
    aliases = _aliases(denial, rules)
    for s in later:
        if s.attribution.stance not in ("accusing", "distancing"):
            continue
        if mentioned := _naming(s, aliases):
            return s, f"{denial.role} the accusation after it (names {mentioned!r})"
    return None


def _naming(statement: Statement, aliases: frozenset[str]) -> str | None:
    """The first (in order) of the denier's names that ``statement`` mentions, or None."""
    mentioned = aliases & (statement.names | _words_of(statement))
    return sorted(mentioned)[0] if mentioned else None


def _points_back(denial: Statement) -> bool:
    text = denial.attribution.content.text.lower()
    return any(re.search(rf"\b{w}s?\b", text) for w in _ANAPHORS)


def _words_of(statement: Statement) -> frozenset[str]:
    return frozenset(re.findall(r"[\w-]+", statement.attribution.content.text.lower()))


def _aliases(statement: Statement, rules: Rules) -> frozenset[str]:
    """Every name the denier goes by: its own, its listed aliases, its party's words, and a
    person's surname ("Mr Wolan")."""
    found = {name_key(n.name) for n in statement.nodes}
    found |= {name_key(n.name).split()[-1] for n in statement.nodes if n.type == "person"}
    speaker = statement.attribution.speaker
    if speaker is not None:  # "Wendel's campaign", "Vostra's foreign ministry": whose it is
        found |= {w.lower() for w in re.findall(r"\b([A-Z][\w-]+)['\u2019]s\b", speaker.text)}
    for key in statement.keys:
        found |= aliases(key, rules)
    return frozenset(found)


# --------------------------------------------------------------------------- claims


def _groups(
    statements: Sequence[Statement], links: Sequence[_Link]
) -> tuple[list[list[int]], list[_Link]]:
    """Union the linked statements, except where the two groups would then count the same
    thing with different numbers ("two missiles" and "31 missiles"): the links used too."""
    parent = list(range(len(statements)))
    counts: dict[int, dict[str, set[float]]] = {
        i: _counts(s.figures) for i, s in enumerate(statements)
    }

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    used: list[_Link] = []
    for link in links:
        a, b = find(link.a), find(link.b)
        if a == b:
            used.append(link)
            continue
        if any(counts[a][u].isdisjoint(v) for u, v in counts[b].items() if u in counts[a]):
            continue
        parent[b] = a
        for unit, values in counts.pop(b).items():
            counts[a].setdefault(unit, set()).update(values)
        used.append(link)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(statements)):
        groups[find(i)].append(i)
    order = [
        sorted(g, key=lambda i: (statements[i].doc, statements[i].attribution.content.start))
        for g in groups.values()
    ]
    return order, used


def _links_by_group(groups: Sequence[Sequence[int]], links: Sequence[_Link]) -> list[list[_Link]]:
    """The links inside each group, in their order: what :func:`_claim` reads of ``links``,
    found in one pass rather than one pass a group."""
    where = {i: n for n, group in enumerate(groups) for i in group}
    inside: list[list[_Link]] = [[] for _ in groups]
    for link in links:
        if where[link.a] == where[link.b]:
            inside[where[link.a]].append(link)
    return inside


def _counts(found: Sequence[Figure]) -> dict[str, set[float]]:
    out: dict[str, set[float]] = {}
    for f in found:
        if f.unit:
            out.setdefault(f.unit, set()).add(f.value)
    return out


def _claim(
    group: Sequence[int],
    statements: Sequence[Statement],
    links: Sequence[_Link],
    rules: Rules,
    stakes: Stakes,
) -> Claim:
    inside = set(group)
    why: dict[int, str] = {}
    explanation: list[str] = []
    for link in links:
        if link.a in inside and link.b in inside:
            a, b = statements[link.a], statements[link.b]
            explanation.append(f"{a.label} ~ {b.label}: {link.reason}")
            why.setdefault(link.b, f"{link.reason} (with {a.label})")
            why.setdefault(link.a, f"{link.reason} (with {b.label})")
    members = [_member(statements[i], why.get(i, "one statement")) for i in group]
    asserting = [
        (m, _headline_nodes(statements[i], group, statements))
        for m, i in enumerate(group)
        if statements[i].role == "asserts"
    ]
    origins = independent_origins(asserting)
    flags = flag_claim(members, origins, rules, stakes=stakes)
    text = next((m.content.text for m in members if m.role == "asserts"), members[0].content.text)
    return Claim(
        _claim_id(members),
        " ".join(text.split()),
        tuple(members),
        origins,
        flags,
        tuple(explanation),
    )


def _headline_nodes(
    s: Statement, group: Sequence[int], statements: Sequence[Statement]
) -> tuple[Node, ...]:
    """A headline's unnamed speaker ("sources say", "lawyer says") is the story's: the
    origins of the first body statement of its article in the claim, so that the headline
    adds no origin of its own."""
    if not s.headline or not _described_only(s):
        return s.nodes
    body = [
        statements[i]
        for i in group
        if statements[i].doc == s.doc
        and not statements[i].headline
        and statements[i].role == "asserts"
        and statements[i].nodes
    ]
    return body[0].nodes if body else s.nodes


def _described_only(s: Statement) -> bool:
    """Whether every origin of a statement is known by description alone ("sources",
    "lawyer"): such an origin is keyed by its article, a named one by its name."""
    return bool(s.nodes) and all("/" in n.key for n in s.nodes)


def _member(s: Statement, why: str) -> ClaimMember:
    return ClaimMember(
        doc_id=s.doc_id,
        index=s.index,
        content=s.attribution.content,
        sentence=s.sentence_span,
        role=s.role,
        attribution=s.attribution,
        why=why,
        self_reference=s.self_reference,
        distancing=s.distancing,
        origin=s.nodes[0].key if s.nodes else None,
        events=tuple(sorted(s.events)),
    )


def _answered_unattributed(
    groups: Sequence[Sequence[int]],
    statements: Sequence[Statement],
    readings: Sequence[Reading],
    rules: Rules,
) -> dict[tuple[int, int], list[int]]:
    """Denials that answer a claim in the reporter's voice ("The council is said to have
    shelved the work." then "A spokesman said that was simply untrue."): a denial that joined
    no statement and points back, with the nearest unattributed claim before it within
    ``denial_window`` sentences. By (batch position, index of the claim in its reading): the
    denials' groups."""
    found: dict[tuple[int, int], list[int]] = defaultdict(list)
    for n, group in enumerate(groups):
        denials = [statements[i] for i in group]
        if any(s.role == "asserts" for s in denials) or not all(map(_points_at, denials)):
            continue
        first = denials[0]
        before = [
            (k, claim[0].index)
            for k, claim in enumerate(readings[first.doc].unattributed)
            if claim and 0 < first.sentence - claim[-1].index <= rules.claims.denial_window
        ]
        if before:
            k, _ = max(before, key=lambda t: t[1])
            found[(first.doc, k)].append(n)
    return found


def _points_at(denial: Statement) -> bool:
    """Whether a denial points back rather than says what it denies ("that was untrue", "the
    claim", "denied that")."""
    text = denial.attribution.content.text.lower()
    return text in POINTERS or _points_back(denial) or POINTER_SUBJECT.match(text) is not None


def _unattributed(
    doc: Document,
    found: Sequence[Unattributed],
    rules: Rules,
    denials: Sequence[ClaimMember] = (),
) -> Claim:
    members = [
        ClaimMember(
            doc_id=doc.doc_id,
            index=None,
            content=f.sentence,
            sentence=f.sentence,
            role="states",
            why=f"{f.kind} in the reporter's voice ({f.cue.text!r})",
            kind=f.kind,
            cue=f.cue,
        )
        for f in found
    ]
    flags = flag_claim([*members, *denials], (), rules)
    # the fullest sentence names the claim (the lede rather than the headline)
    text = max((m.content.text for m in members), key=len)
    return Claim(_claim_id(members), text, (*members, *denials), (), flags, ())


def _claim_id(members: Sequence[ClaimMember]) -> str:
    key = "|".join(f"{m.doc_id}:{m.content.start}:{m.content.end}" for m in members)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
