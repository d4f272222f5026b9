"""The editor's audit: how a draft attributes what it says, sentence by sentence, no database.

``audit(text, rules)`` lists every sentence that states a claim (an attributed statement, or
a claim in the reporter's voice), the attributions it holds, and the problems found, each
under a rule id of ``rules/audit.toml`` (where each rule is switched on or off and worded):

=============================  ================================================================
``unattributed-claim``         a figure, casualty toll, record or accusation with no source
``anonymous-without-reason``   an anonymous source with no reason given nearby ("on condition
                               of anonymity", "not authorised to speak", "because ...")
``single-party-source``        a claim whose only origin is an interested party
``quote-without-speaker``      words in quotation marks that nobody is said to have said
``pronoun-first-mention``      a speaker named only by a pronoun the first time ("he said")
``loaded-verb``                a cue marked ``loaded`` in ``rules/cues.toml`` ("admitted",
                               "claimed", "insisted")
=============================  ================================================================

>>> # audit('Russian attacks killed two people in Kherson.').problems[0].rule
>>> # 'unattributed-claim'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from provenance.claims import group_claims
from provenance.flags import idiomatic
from provenance.models import (
    Attribution,
    AuditedSentence,
    AuditReport,
    Claim,
    Document,
    Problem,
    Sentence,
    Span,
)
from provenance.quotes import find_quotes
from provenance.rules import AUDIT_RULE_IDS, Rules, load_rules
from provenance.sentences import sentence_at, trimmed

Reader = Callable[[str], list[Sentence]]

_ANONYMOUS = frozenset({"anonymous", "anonymous official"})
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "him", "her", "them"})


def audit(
    text: str,
    rules: Rules | None = None,
    *,
    attributions: Sequence[Attribution] | None = None,
    parse: Reader | None = None,
    model: str | None = None,
) -> AuditReport:
    """Audit a draft. The attributions are extracted (with the spaCy model) unless given;
    ``parse`` reads sentences (default :func:`provenance.nlp.sentences`)."""
    rules = rules or load_rules()
    if attributions is None:
        from provenance.api import extract

        attributions = extract(text, model=model, rules=rules)
    if parse is None:
        from provenance.nlp import sentences as parse_with_model

        sentences = parse_with_model(text, model)
    else:
        sentences = parse(text)
    found = tuple(attributions)
    draft = Document("draft", text, attributions=found)
    claims = group_claims([draft], rules, parse=lambda _: sentences)
    order = {rule_id: n for n, rule_id in enumerate(AUDIT_RULE_IDS)}
    problems = sorted(
        _problems(text, sentences, found, claims, rules),
        key=lambda p: (p.span.start, order.get(p.rule, 0)),
    )
    return AuditReport(_sentences(sentences, found, claims, problems), found)


def _problems(
    text: str,
    sentences: Sequence[Sentence],
    attributions: Sequence[Attribution],
    claims: Sequence[Claim],
    rules: Rules,
) -> Iterator[Problem]:
    yield from _unattributed(claims, rules)
    yield from _anonymous(text, sentences, attributions, rules)
    yield from _party(claims, rules)
    yield from _speakerless(text, attributions, rules)
    yield from _pronouns(attributions, rules)
    yield from _loaded(sentences, attributions, rules)


def _problem(rules: Rules, rule_id: str, span: Span, detail: str) -> Problem | None:
    rule = rules.audit.get(rule_id)
    return Problem(rule_id, rule.explanation, span, detail) if rule is not None else None


def _unattributed(claims: Sequence[Claim], rules: Rules) -> Iterator[Problem]:
    for claim in claims:
        for m in claim.members:
            if m.role != "states":
                continue
            cue = f" ({m.cue.text!r})" if m.cue else ""
            found = _problem(rules, "unattributed-claim", m.sentence, f"{m.kind}{cue}")
            if found:
                yield found


def _anonymous(
    text: str, sentences: Sequence[Sentence], attributions: Sequence[Attribution], rules: Rules
) -> Iterator[Problem]:
    reasons = rules.audit.anonymity_reasons
    for a in attributions:
        if a.source_type not in _ANONYMOUS or a.speaker is None:
            continue
        # the reason is the reporter's words in the speaker's sentence, not the source's
        sentence = sentences[sentence_at(sentences, a.speaker.start)] if sentences else None
        start, end = (sentence.start, sentence.end) if sentence else (0, len(text))
        around = (text[start : a.content.start] + " " + text[a.content.end : end]).lower()
        if any(re.search(rf"\b{re.escape(r)}\b", around) for r in reasons):
            continue
        detail = f"{a.speaker.text!r} ({a.source_type}), no reason for anonymity nearby"
        found = _problem(rules, "anonymous-without-reason", a.speaker, detail)
        if found:
            yield found


def _party(claims: Sequence[Claim], rules: Rules) -> Iterator[Problem]:
    for claim in claims:
        for flag in claim.flags:
            if flag.name != "unverified_party_claim":
                continue
            first = next(m for m in claim.members if m.role == "asserts")
            detail = flag.evidence[0].detail if flag.evidence else claim.text
            found = _problem(rules, "single-party-source", first.content, detail)
            if found:
                yield found


def _speakerless(text: str, attributions: Sequence[Attribution], rules: Rules) -> Iterator[Problem]:
    """Quotations with no speaker: an attribution of quoted words without one, or a passage
    in quotation marks (long enough to be a quote, not a title) that no attribution holds."""
    covered = [(f.start, f.end) for a in attributions for f in (a.fragments or (a.content,))]
    for a in attributions:
        if a.kind != "indirect" and a.speaker is None:
            found = _problem(rules, "quote-without-speaker", a.content, "no speaker found")
            if found:
                yield found
    for quote in find_quotes(text):
        for start, end in quote.fragments:
            words = len(text[start:end].split())
            held = any(s < end and e > start for s, e in covered)
            if words >= rules.thresholds.min_direct_words and not held:
                span = Span(start, end, text[start:end])
                found = _problem(rules, "quote-without-speaker", span, "quoted, said by nobody")
                if found:
                    yield found


def _pronouns(attributions: Sequence[Attribution], rules: Rules) -> Iterator[Problem]:
    """A pronoun speaker whose referent is named only later, or never."""
    named: set[str] = set()
    for a in attributions:
        speaker = a.speaker
        if speaker is None:
            continue
        who = (a.source or speaker.text).lower()
        pronoun = speaker.text.lower() in _PRONOUNS
        later = a.coref is None or a.coref.start > speaker.start
        if pronoun and later and who not in named:
            detail = f"{speaker.text!r} before the speaker is named"
            found = _problem(rules, "pronoun-first-mention", speaker, detail)
            if found:
                yield found
        named.add(who)


def _loaded(
    sentences: Sequence[Sentence], attributions: Sequence[Attribution], rules: Rules
) -> Iterator[Problem]:
    for a in attributions:
        if a.cue is None or idiomatic(a.content.text, rules):  # "claimed victory"
            continue
        lemma = _cue_lemma(a.cue, sentences, rules)
        verb, noun = rules.verbs.get(lemma), rules.nouns.get(lemma)
        if (verb and verb.loaded) or (noun and noun.loaded):
            detail = f"{a.cue.text!r} takes sides; 'said' is neutral"
            found = _problem(rules, "loaded-verb", a.cue, detail)
            if found:
                yield found


_ENDINGS = (("ied", "y"), ("ies", "y"), ("ed", ""), ("d", ""), ("es", ""), ("s", ""), ("ing", ""))


def _cue_lemma(cue: Span, sentences: Sequence[Sentence], rules: Rules) -> str:
    """The dictionary form of a cue's first word: the parse's lemma, else the form with a
    regular ending taken off that is a known cue ("claimed" -> "claim", "admitted" -> "admit")."""
    words = cue.text.split()
    first = words[0].lower() if words else ""
    for s in sentences:
        for w in s.words:
            if w.start == cue.start and w.lemma and w.lemma.lower() != first:
                return w.lemma.lower()
    known = rules.verbs.keys() | rules.nouns.keys()
    for ending, replacement in _ENDINGS:
        if first.endswith(ending):
            base = first[: -len(ending)] + replacement
            for candidate in (base, base[:-1] if base[-2:-1] == base[-1:] else base):
                if candidate in known:
                    return candidate
    return first


def _sentences(
    sentences: Sequence[Sentence],
    attributions: Sequence[Attribution],
    claims: Sequence[Claim],
    problems: Sequence[Problem],
) -> tuple[AuditedSentence, ...]:
    """Every sentence that states a claim or holds a problem, with its attributions."""
    out: list[AuditedSentence] = []
    stating = {
        sentence_at(sentences, m.sentence.start)
        for c in claims
        for m in c.members
        if m.role == "states"
    }
    for i, sentence in enumerate(sentences):
        held = tuple(
            n
            for n, a in enumerate(attributions)
            if sentence.start <= a.content.start < sentence.end
        )
        own = tuple(p for p in problems if sentence.start <= p.span.start < sentence.end)
        if held or own or i in stating:
            out.append(AuditedSentence(trimmed(sentence), held, own))
    return tuple(out)
