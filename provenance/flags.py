"""Flags on a claim, each with the evidence that raised it (definitions: the gold README).

==========================  ===============================================================
``single_source``           one independent origin
``anonymous_only``          every origin is unnamed (anonymous, anonymous official, vague)
``unverified_party_claim``  the only origin has a stake in it: a side of a conflict about
                            itself (``[[party]]``), a company about itself (``[interest]
                            types``), a person about themselves when the article shows them
                            defending themselves (``accused_types``), a company the article
                            talks about on anything (``business_types``), anyone who
                            defends itself in the articles (denies something), on anything,
                            anyone insisting (``[disputes] insisting``), a named accuser
                            ("accused the government of"), an advocate for a side
                            (``advocates``, "his lawyer", "his team"); not when it concedes
``disputed``                a distancing cue ("claims", "alleged"), the reporter's distancing
                            phrases, an insisting cue ("insisted", ``[disputes] insisting``),
                            or a denial or contesting by another party
``denied``                  a statement of the claim denies it, by another origin than the
                            claim's ("non-denials" do not count, nor contesting cues such
                            as "disputes", ``[disputes] contesting``)
``corroborated``            two or more independent origins
``unattributed``            stated in the reporter's voice with no source
==========================  ===============================================================

>>> # flag_claim([member], (Origin("AFP source", "d/afp source", "anonymous", (0,)),), rules)
>>> # -> (Flag("single_source", ...), Flag("anonymous_only", ...))
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from provenance.canonical import name_key
from provenance.models import Attribution, ClaimMember, Evidence, Flag, Origin, Span
from provenance.rules import Institution, Party, Rules, once_for
from provenance.terms import first_word, stem

FLAGS = (
    "single_source",
    "anonymous_only",
    "unverified_party_claim",
    "disputed",
    "denied",
    "corroborated",
    "unattributed",
)
#: The report's order of flags, worst first. A denial is the strongest sign that a claim may
#: be false; a claim with no source at all is next; then one whose every source is unnamed,
#: one that only an interested party makes, one someone contradicts or the reporter keeps at a
#: distance, and last one that merely rests on a single origin.
SEVERITY = (
    "denied",
    "unattributed",
    "anonymous_only",
    "unverified_party_claim",
    "disputed",
    "single_source",
)
_LAST = len(SEVERITY)


def severity(flags: Iterable[str]) -> tuple[int, ...]:
    """A sort key, worst claim first: the ranks in :data:`SEVERITY` of a claim's flags, worst
    first, so claims compare by their worst flag, then their next worst; a claim with one more
    flag is worse than one without it. ``corroborated`` does not count.

    >>> severity(["single_source", "denied"]) < severity(["denied"]) < severity(["disputed"])
    True
    """
    ranks = sorted(SEVERITY.index(f) for f in set(flags) if f in SEVERITY)
    return (*ranks, *[_LAST] * (_LAST - len(ranks)))


def unverified(flags: Iterable[str]) -> bool:
    """Whether a claim with these flags is still unverified: any flag but ``corroborated``."""
    return any(f != "corroborated" for f in flags)


_OFFICES = re.compile(
    r"\b(?:defence|defense)\s+(?:ministry|minister|forces?|department|secretary|officials?|"
    r"chiefs?|spokes(?:man|woman|person))\b"
)
_DETERMINERS = frozenset(
    {"a", "an", "the", "his", "her", "their", "its", "our", "my", "your", "whose", "one", "two"}
)
_OWNERS = re.compile(r"^(his|her|their)\s", re.IGNORECASE)
_OWNER_REFERENCES = frozenset({"he", "his", "she", "her", "they", "their"})


@dataclass(frozen=True)
class Stakes:
    """What the articles show of the origins' stakes, beyond each claim's own statements.

    ``accused``: the keys of the origins that deny something in the articles or that another
    origin talks about by name (a person speaking about themselves is an interested party
    when the article shows them defending themselves or talked about), and of the companies
    another origin talks about (they speak for their business, whatever they say).
    ``advocates``: the keys of origins the articles introduce as advocates ("His lawyer,
    Kristof Maelen"), to that mention: they argue a side's case in every statement.
    ``defences``: the labels (``doc_id#index``) of statements that give a denier's reason
    ("denied ..., saying ..."), to the denial's cue: they are said in the denier's defence.
    ``deniers``: the keys of the origins that deny or contest something in the articles.
    ``defenders``: those of them that defend themselves there (what ``_defends`` in
    :mod:`provenance.claims` says): a side, whatever else it says."""

    accused: frozenset[str] = frozenset()
    advocates: Mapping[str, str] = field(default_factory=dict)
    defences: Mapping[str, str] = field(default_factory=dict)
    deniers: frozenset[str] = frozenset()
    defenders: frozenset[str] = frozenset()


def flag_claim(
    members: Sequence[ClaimMember],
    origins: Sequence[Origin],
    rules: Rules,
    *,
    stakes: Stakes | None = None,
) -> tuple[Flag, ...]:
    """The flags of one claim, in the order of :data:`FLAGS`; ``stakes``, what the articles
    show of the origins' stakes (:class:`Stakes`)."""
    stated = [m for m in members if m.role == "states"]
    if stated and all(m.role in ("states", "denies") for m in members):
        return _unattributed_flags(stated, members, rules)
    found: dict[str, list[Evidence]] = {}
    if len(origins) == 1:
        found["single_source"] = [_origin_evidence("single_source", origins[0], members)]
    if origins and all(unnamed(o) for o in origins):
        found["anonymous_only"] = [_origin_evidence("anonymous_only", o, members) for o in origins]
    party = _interested(members, origins, rules, stakes or Stakes()) if len(origins) == 1 else None
    if party is not None:
        found["unverified_party_claim"] = [party]
    denials, contested = _denials(members, origins, rules)
    disputes = _distancing(members, rules) + contested + _insisted(members, rules)
    answer = _outright_answer(members, origins[0], rules, stakes) if party else None
    if answer is not None:
        disputes.append(answer)
    if denials and origins:
        disputes.append(_denial_disputes(denials[0], "denied by another party"))
    if disputes:
        found["disputed"] = disputes
    if denials:
        found["denied"] = denials
    if len(origins) >= 2:
        names = ", ".join(o.name for o in origins)
        found["corroborated"] = [
            Evidence("corroborated", f"{len(origins)} independent origins: {names}")
        ]
    return tuple(Flag(name, tuple(found[name])) for name in FLAGS if name in found)


_UNNAMED_MARKS = re.compile(
    r"\b(?:familiar|briefed|anonymity|anonymous|authori[sz]ed|named|unnamed|identified)\b",
    re.IGNORECASE,
)
_HEAD_END = re.compile(r"\s(?:of|from|at|in|with|for|close|familiar|who|which|that|on)\s.*$")
_QUANTIFIERS = frozenset(
    {
        "two",
        "three",
        "four",
        "five",
        "six",
        "several",
        "some",
        "many",
        "few",
        "other",
        "another",
        "multiple",
        "various",
        "numerous",
        "local",
        "unnamed",
    }
)
_YEAR = re.compile(r"(?:19|20)\d\d")
#: Groups of the public an article speaks of as a whole ("Residents say", "Members of the
#: gym", "several pass holders"): vague, not sources kept unnamed; a counted few ("two
#: residents") are people who could be named and are not.
_PUBLIC = frozenset(
    {
        *("residents", "members", "owners", "holders", "parents", "farmers", "passengers"),
        *("villagers", "traders", "families", "customers", "shoppers", "divers", "listeners"),
        *("fans", "locals", "neighbours", "neighbors", "tenants", "growers"),
        *("students", "patients", "commuters", "drivers", "users", "viewers", "readers"),
        *("consumers", "buyers", "campaigners", "protesters", "homeowners", "landlords"),
        *("shopkeepers", "motorists", "borrowers", "investors", "shareholders", "voters"),
        *("subscribers", "walkers", "climbers", "skiers"),
    }
)
_NUMBERS = frozenset({"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"})
_COLLECTIVES = frozenset({"media", "people", "staff", "crew", "children"})
#: Bodies whose people speak for them ("forecasters at the national weather service"): a
#: group "at" or "of" one of these is the body, not an unnamed group.
_OFFICIAL_BODIES = frozenset(
    {
        "service",
        "ministry",
        "agency",
        "department",
        "office",
        "police",
        "army",
        "military",
        "council",
        "government",
        "authority",
        "commission",
        "court",
        "presidency",
        "administration",
        "inspectorate",
        "bureau",
        "regulator",
    }
)
_RECORDS = frozenset(
    {"figures", "filings", "data", "records", "documents", "statements", "reports", "accounts"}
    | {"results", "catalogues", "catalogs", "logs", "files", "emails", "messages", "memos"}
    | {"letters", "notes", "papers", "transcripts", "minutes"}
    | {"rules", "regulations", "guidelines", "bylaws", "statutes"}
    | {"tests", "analyses", "surveys", "studies"}
    | {"notices", "payslips", "invoices", "receipts", "dashboards", "timelines", "trackers"}
    | {"spreadsheets", "archives"}
    | {"books", "logbooks", "registers", "ledgers", "diaries", "databases", "manifests"}
    | {"timesheets", "contracts", "estimates", "forecasts", "projections", "valuations"}
    | {"presentations", "slides", "maps", "charts", "tables"}
    | {"samples", "readings", "measurements"}
)
#: Those who own or run a body, named by it ("the franchise's owners"), speak as the body.
_GOVERNING = frozenset(
    {"owners", "board", "directors", "management", "executives", "trustees"}
    | {"leadership", "bosses", "proprietors"}
)
#: Those who run an event speak for it as a body ("the tournament's organisers", "race
#: organizers", "arbiters"): a plural of these is not an unnamed group.
_RUNNING = frozenset({"organisers", "organizers", "arbiters"})
#: Plural roles that stand for one institution ("prosecutors", "police") are not unnamed.
_INSTITUTION_TYPES = frozenset(
    {"court", "police", "government", "military", "official", "state media", "company"}
)


def unnamed(origin: Origin) -> bool:
    """Whether an origin is unnamed: an anonymous or vague source, or a described one (no
    name of its own) that says it wants no name ("familiar with the matter") or is a group
    nobody can call back ("aid groups", "two council members", "local media"); not a group
    of the public spoken of as a whole ("residents", "several pass holders"), whose members
    no one promised to keep unnamed.

    >>> unnamed(Origin("Aid groups", "d/aid group", "organisation"))
    True
    >>> unnamed(Origin("Prosecutors", "d/prosecutor", "court"))
    False
    >>> unnamed(Origin("unnamed general", "d/unnamed general", "military"))
    True
    >>> unnamed(Origin("its latest accounts", "d/its latest account", None))
    False
    >>> unnamed(Origin("several pass holders", "d/several pass holder", None))
    False
    >>> unnamed(Origin("two residents", "d/two resident", None))
    True
    """
    if origin.anonymous:
        return True
    if _a_source(origin.name):
        return True
    if "/" not in origin.key:  # a named source is keyed by its name, a described one by article
        return False
    if _UNNAMED_MARKS.search(origin.name):
        return True
    if origin.type in _INSTITUTION_TYPES:
        return False
    name = " " + origin.name.strip() + " "
    after = _HEAD_END.search(name)
    if after is not None:
        body = set(after.group(0).lower().split()) & _OFFICIAL_BODIES
        if body or after.group(0).lower().startswith(" for "):
            # "forecasters at the weather service": the service's people; "lawyers for the
            # two intermediaries": their lawyers
            return False
        # "Doctors at the town's health centre", "Fishermen in the coastal town of Pell":
        # people of a place or a workplace, as unnamed as "residents"
        name = name[: after.start()] + " "
    words = name.strip().lower().split()
    if not words or words[-1] in _RECORDS or words[0] in ("state", "his", "her", "its", "their"):
        return False
    head = words[-1]
    possessed = words[0].endswith(("'s", "\u2019s"))
    if possessed and origin.name.strip()[:1].isupper():
        return False  # "Kestria's general staff": a named body's own
    if possessed and head in _GOVERNING:
        return False  # "the franchise's owners", "the club's board": the body's own voice
    if head in _RUNNING and words[0] not in _QUANTIFIERS and not words[0].isdigit():
        return False
    plural = (
        head in _COLLECTIVES
        or head.endswith("men")
        or (head.endswith("s") and not head.endswith(("ss", "us", "is")))
    )
    # "two officials", "3 witnesses"; not a year ("2023 audit")
    counted = words[0].isdigit() and not _YEAR.fullmatch(words[0])
    if head in _PUBLIC and not counted and words[0] not in _NUMBERS:
        return False  # "residents", "several pass holders": a vague group, not a hidden source
    return plural or words[0] in _QUANTIFIERS or counted


_SOURCE_WORDS = frozenset({"source", "sources", "insider", "insiders"})


def _a_source(name: str) -> bool:
    """Whether a source keyed by its name is only called a source all the same ("DVSA
    enforcement source", "BetThistle insider"): the name says whose, not who."""
    after = _HEAD_END.search(" " + name.strip() + " ")
    words = (name.strip()[: after.start() - 1] if after else name.strip()).split()
    return bool(words) and words[-1] in _SOURCE_WORDS


def add_evidence(
    flags: Sequence[Flag], name: str, evidence: Sequence[Evidence]
) -> tuple[Flag, ...]:
    """``flags`` with more evidence for flag ``name`` (raised if it was not), in the order of
    :data:`FLAGS`."""
    found = {f.name: f.evidence for f in flags}
    found[name] = (*found.get(name, ()), *evidence)
    return tuple(Flag(n, tuple(found[n])) for n in FLAGS if n in found)


def _member_evidence(rule: str, detail: str, member: ClaimMember) -> Evidence:
    a = member.attribution
    return Evidence(rule, detail, member.doc_id, member.index, a.cue if a else member.cue)


def _unattributed(member: ClaimMember) -> Evidence:
    detail = f"{member.kind or 'claim'} in the reporter's voice, no source"
    return Evidence(
        f"unattributed.{member.kind or 'claim'}", detail, member.doc_id, None, member.cue
    )


def _unattributed_flags(
    stated: Sequence[ClaimMember], members: Sequence[ClaimMember], rules: Rules
) -> tuple[Flag, ...]:
    """A claim in the reporter's voice: unattributed; disputed when the reporter keeps it at
    a distance ("is said to have"); denied (and disputed) when a party denies it."""
    flags: tuple[Flag, ...] = (Flag("unattributed", tuple(_unattributed(m) for m in stated)),)
    disputes = [_hedged(m) for m in stated if m.kind == "hearsay"]
    denials, contested = _denials(members, (), rules)
    disputes += contested
    if denials:
        disputes.append(_denial_disputes(denials[0], "denied by a party"))
        flags = add_evidence(flags, "denied", denials)
    return add_evidence(flags, "disputed", disputes) if disputes else flags


def _denial_disputes(denial: Evidence, detail: str) -> Evidence:
    """A denial's evidence for ``disputed``: a denied claim is disputed too."""
    return Evidence("disputed.denied", detail, denial.doc_id, denial.attribution, denial.span)


def _hedged(member: ClaimMember) -> Evidence:
    cue = member.cue.text if member.cue else "?"
    return Evidence(
        "disputed.reporter", f"the reporter writes {cue!r}", member.doc_id, None, member.cue
    )


def _origin_evidence(rule: str, origin: Origin, members: Sequence[ClaimMember]) -> Evidence:
    via = f" via {', '.join(origin.relays)}" if origin.relays else ""
    kind = f" ({origin.type})" if origin.type else ""
    first = members[origin.members[0]] if origin.members else None
    detail = f"origin: {origin.name}{kind}{via}"
    if first is None:
        return Evidence(rule, detail)
    return Evidence(rule, detail, first.doc_id, first.index, _speaker(first))


def _speaker(member: ClaimMember) -> Span | None:
    a = member.attribution
    return a.speaker if a else None


# --------------------------------------------------------------------------- interested parties


def _interested(
    members: Sequence[ClaimMember],
    origins: Sequence[Origin],
    rules: Rules,
    stakes: Stakes,
) -> Evidence | None:
    """Evidence that the only origin has a stake in what it says, or None."""
    accused, advocates = stakes.accused, stakes.advocates
    origin = origins[0]
    own = [members[i] for i in origin.members if members[i].role == "asserts"]
    stances = {m.attribution.stance for m in own if m.attribution}
    if not own or stances == {"conceding"}:
        return None  # an admission against its own interest
    if all(_announces(m, origin, rules) for m in own):
        return None  # what it will do itself: it is the authority on that
    party = _party(origin, own, rules)
    if party is not None:
        for m in own:
            word = m.self_reference or _party_word(m, party)
            if word:
                detail = f"{origin.name} is a side ({party.name}) speaking about itself ({word!r})"
                return _member_evidence("unverified_party_claim.party", detail, m)
    spokesman = _institution_claim(origin, own, rules)
    if spokesman is not None:
        return spokesman
    insisted = _insisted(own, rules)
    if insisted:  # "insisted that every blast had stayed within the limits": a side's stand
        detail = f"{origin.name} holds to it against others ({insisted[0].detail})"
        return replace(insisted[0], rule="unverified_party_claim.insisting", detail=detail)
    defending = origin.type in rules.claims.accused_types and origin.key in accused
    if _public_body(origin, rules) and origin.key not in accused:
        return None  # a forum, a board, a society reporting on its own work
    for m in own:
        counted = _turnout(m, origin, rules)
        if counted:
            detail = f"{origin.name} counts the people at its own action ({counted!r})"
            return _member_evidence("unverified_party_claim.turnout", detail, m)
    for m in own:
        # a "person" who calls itself "it" ("it had restored power") is a firm mistyped
        it = (m.self_reference or "").lower() in ("it", "its")
        institution = it and origin.type in rules.claims.accused_types
        # a public body that denies something in the article defends itself ("Farrow denied
        # that the authority had ignored the complaints")
        denying = origin.type == "government" and origin.key in stakes.deniers
        interested = (
            origin.type in rules.claims.interested_types or defending or institution or denying
        )
        word = _self_word(m, origin) or (_itself(m, origin) if interested else None)
        if word is None and denying:
            word = _by_head_word(m, origin)
        if interested and word:
            detail = f"{origin.name} ({origin.type}) speaking about itself ({word!r})"
            return _member_evidence("unverified_party_claim.self", detail, m)
    for m in own:
        denial = stakes.defences.get(f"{m.doc_id}#{m.index}")
        if denial is not None:
            detail = f"{origin.name} gives its reason for denying ({denial!r}): its own defence"
            return _member_evidence("unverified_party_claim.defence", detail, m)
    if origin.key in stakes.defenders:
        # whoever defends itself in the article is a side in it, whatever else it says
        # ("The trust denied that ..."; "Midwife numbers at the unit have risen by a fifth")
        detail = f"{origin.name} defends itself in the article: it speaks as a side"
        return _member_evidence("unverified_party_claim.defender", detail, own[0])
    business = _business(origin, own, rules) if origin.key in accused else None
    if business is not None:
        return business
    for m in own:
        accuser = _accuser(m, origin)
        if accuser:
            return _member_evidence("unverified_party_claim.accuser", accuser, m)
    for m in own:
        advocate = _advocate(m, rules)
        if advocate:
            return _member_evidence("unverified_party_claim.advocate", advocate, m)
    if origin.key in advocates:  # "Maelen said ...", introduced as "His lawyer, Kristof Maelen"
        word = advocate_word(advocates[origin.key], rules)
        detail = f"{advocates[origin.key]!r} speaks for a side ({word!r}, where introduced)"
        return _member_evidence("unverified_party_claim.advocate", detail, own[0])
    return None


_PERSONAL = frozenset({"he", "she", "him", "her", "his", "hers"})


def _self_word(member: ClaimMember, origin: Origin) -> str | None:
    """The word by which a statement talks about its speaker, where it can be the speaker:
    "he" or "she" is someone else when an organisation speaks ("Tuttle is tired", said the
    Northern Ledger: "he is tired of bankrolling the club")."""
    word = member.self_reference
    if word and word.lower() in _PERSONAL and origin.type in ("organisation", "company"):
        return None
    return word


def _turnout(member: ClaimMember, origin: Origin, rules: Rules) -> str | None:
    """The ``[interest] turnout`` phrase by which an organisation gives a count of the people
    at its own action ("2,500 trucks are taking part"), or None."""
    if origin.type != "organisation" or member.attribution is None:
        return None
    if not re.search(r"\d", member.content.text):
        return None
    return first_word(member.content.text.lower(), rules.claims.turnout, whole=False)


def _public_body(origin: Origin, rules: Rules) -> bool:
    """An organisation named as a public or civic body ("Regional Security Forum", "State
    Bureau of Criminal Investigation": ``[interest] public_bodies``, by the last word of its
    name before any "of")."""
    return origin.type == "organisation" and _head_word(origin) in rules.claims.public_bodies


def _head_word(origin: Origin) -> str | None:
    """The last word of an origin's name before any "of", lowercased ("Bureau of
    Criminal Investigation": bureau), or None for an empty name."""
    words = origin.name.lower().split(" of ")[0].split()
    return words[-1] if words else None


@functools.lru_cache(maxsize=4096)
def _starting(word: str) -> re.Pattern[str]:
    """``word`` (a pattern) in any case: compiled once for each origin's name, not left to
    the ``re`` module's cache, which a batch of a thousand articles' names overflows."""
    return re.compile(f"(?i:{word})")


def _announces(member: ClaimMember, origin: Origin, rules: Rules) -> bool:
    """Whether a statement announces the speaker's own action ("it would appeal the
    decision", "Brenmark will offer free chargers"): its subject is the speaker (``it``,
    ``we``, "the company", a word of its name) and an ``announcements`` phrase follows."""
    if not rules.claims.announcements:
        return False
    # quotation marks are no words: 'it was "reviewing our relationship" with the event'
    text = re.sub(r"[\"\u201c\u201d]", "", member.content.text).strip()
    # every match of the pattern below holds a phrase after a space: without one there is
    # none, and the pattern (one for each origin's name) need not be built
    if _announcement(rules.claims.announcements).search(text) is None:
        return False
    words = [re.escape(w) for w in origin.name.split() if w[:1].isupper()]
    # the subject, then the phrase (after any capitalised words): the phrases' pattern is
    # built once, and tried after each way the subject can start the statement
    action = _announced_action(rules.claims.announcements)
    announced = any(
        (subject := _starting(word).match(text)) is not None
        and action.match(text, subject.end()) is not None
        for word in (*_SUBJECTS, *words)
    )
    # the action alone: with a reason or a second clause it says more than what it will do
    return announced and _MORE_THAN_ACTION.search(text) is None


_SUBJECTS = (
    "it",
    "we",
    r"the (?:company|firm|group|board|agency|authority|council|ministry|department|police)",
    r"(?:police |its )?(?:officers|detectives|investigators|police)",
)


@functools.lru_cache(maxsize=8)
def _announcement(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """An ``announcements`` phrase after a space, anywhere."""
    return re.compile(rf"\s(?i:{'|'.join(re.escape(p) for p in phrases)})\b")


@functools.lru_cache(maxsize=8)
def _announced_action(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """An ``announcements`` phrase after the subject, past any capitalised words ("Brenmark
    Motors will offer")."""
    return re.compile(rf"(?:\s+[A-Z][\w&-]*)*\s+(?i:{'|'.join(re.escape(p) for p in phrases)})\b")


_MORE_THAN_ACTION = re.compile(
    r"[,;:]|\b(?:and that|but|because|after|since|as|following|amid|due to|while)\b", re.I
)


def _accuser(member: ClaimMember, origin: Origin) -> str | None:
    """Why an accusation ("Opposition leader Radomir Kos accused the government of burning
    the reserves") is a side's word: whoever accuses by name takes a side against the accused.
    Not an unnamed or vague accuser ("Rights groups", "Some residents")."""
    a = member.attribution
    if a is None or a.stance != "accusing" or unnamed(origin) or origin.type == "vague":
        return None
    cue = a.cue.text if a.cue else "accused"
    return f"{origin.name} takes a side against the accused ({cue!r})"


def _business(origin: Origin, own: Sequence[ClaimMember], rules: Rules) -> Evidence | None:
    """A company that the article shows under scrutiny, on anything ("the batteries were safe
    when charged as instructed"): it speaks for its business (``business_types``), unless it
    speaks as a research or security firm (``business_experts`` in its mention)."""
    if origin.type not in rules.claims.business_types:
        return None
    for m in own:
        mention = _mention(m, origin).lower()
        if first_word(mention, rules.claims.business_experts, whole=False) is None:
            detail = f"{origin.name} ({origin.type}) speaks for its business"
            return _member_evidence("unverified_party_claim.business", detail, m)
    return None


_SELF_WORDS = frozenset({"we", "our", "us", "ours"})
_NAME = r"(?:[A-Z][\w&'.\u2019-]*\s+){1,4}"
_COMPANY_SELF = re.compile(
    rf"\b(?:{'|'.join(sorted(_SELF_WORDS | {'its'}))})\b|^the (?:company|firm)\b", re.IGNORECASE
)


def _itself(member: ClaimMember, origin: Origin) -> str | None:
    """How a company's statement talks about the company: "its services were running
    normally", "we ship", or "the company" as its subject ("the company had received no
    complaint"). Only a company, or an organisation calling itself "the company": a rights
    group's "its researchers" is its work, not its interest."""
    if origin.type not in ("company", "organisation"):
        return None
    found = _COMPANY_SELF.search(member.content.text)
    if found is None:
        return None
    # an organisation whose spokeswoman says "the company had no record" is a company
    if origin.type == "organisation" and not found.group(0).lower().startswith("the "):
        return None
    return found.group(0)


def _by_head_word(member: ClaimMember, origin: Origin) -> str | None:
    """How a body's statement names the body by its head word ("a backlog at the laboratory
    the authority uses", said for the Lindell Water Authority), or None."""
    head = _head_word(origin)
    if head is None:
        return None
    found = re.search(rf"\bthe {re.escape(head)}\b", member.content.text, re.IGNORECASE)
    return found.group(0) if found else None


def _institution_claim(origin: Origin, own: Sequence[ClaimMember], rules: Rules) -> Evidence | None:
    """Evidence that the speaker speaks for an institution (``[[institution]]``) and talks
    about it ("army spokesman ...: our forces have cleared"; "Halvorsen chief executive ...:
    the company had firepower"), or, for a side in a conflict, about the fighting."""
    conflict_events = set(rules.claims.conflict_events)
    for m in own:
        mention = _mention(m, origin)
        for institution in rules.claims.institutions:
            phrase = _speaks_for(mention, origin, institution)
            if phrase is None:
                continue
            if phrase == origin.type:  # its own name, not "the company" (that is another)
                words = {w.lower() for w in origin.name.split() if w.lower() not in _LITTLE}
                spoken = first_word(mention.lower(), institution.speakers)
                if spoken is not None:  # "a spokesman for the Metropolitan Police": "officers"
                    words |= {*institution.members, *_organisation_words(mention, spoken)}
            else:
                words = {*institution.members, *_organisation_words(mention, phrase)}
            word = _mentioned(m.content.text, words)
            if word is None and (m.self_reference or "").lower() in _SELF_WORDS:
                word = m.self_reference
            who = f"{origin.name} ({phrase}: {institution.name})"
            fighting = sorted(conflict_events & set(m.events))
            if institution.only_about_itself and not fighting:
                continue  # a side only on the fighting: a health department is none
            if word:
                detail = f"{who} speaks about its own side ({word!r})"
                return _member_evidence("unverified_party_claim.institution", detail, m)
            itself = m.self_reference is not None or not institution.only_about_itself
            if institution.conflict and fighting and itself:
                detail = f"{who} is a side in the fighting, on the fighting ({fighting[0]})"
                return _member_evidence("unverified_party_claim.conflict", detail, m)
    return None


def _mention(member: ClaimMember, origin: Origin) -> str:
    a = member.attribution
    parts = [origin.name]
    if a is not None:
        parts += [s.text for s in (a.speaker, a.coref) if s is not None]
        parts.append(a.source or "")
    return " | ".join(p for p in parts if p)


def _speaks_for(mention: str, origin: Origin, institution: Institution) -> str | None:
    """The word showing that the speaker speaks for ``institution``, or None."""
    if origin.type in institution.types:
        return origin.type
    return _speaker_word(mention.lower(), institution.speakers)


@functools.lru_cache(maxsize=8192)
def _speaker_word(mention: str, speakers: tuple[str, ...]) -> str | None:
    """:func:`first_word` of ``speakers`` in a lowercased mention, kept: each claim's mention
    is tried against every ``[[institution]]``, and a refresh reads the same stored
    statements' mentions again."""
    return first_word(mention, speakers)


def _organisation_words(mention: str, phrase: str) -> set[str]:
    """The words of the organisation named beside the role ("Halvorsen" in "Halvorsen Chief
    Executive Kari Lunde", "Metropolitan Police" in "a spokesman for the Metropolitan
    Police")."""
    role = re.escape(phrase).replace("\\ ", r"\s+")
    found: set[str] = set()
    before = re.finditer(rf"({_NAME})(?i:{role})\b", mention)
    after = re.finditer(
        rf"(?i:{role})\s+(?:for|of|at)\s+(?:the\s+)?((?:[A-Z][\w&'.-]*\s*){{1,5}})", mention
    )
    for match in (*before, *after):
        found |= {w.lower() for w in match.group(1).split() if w.lower() not in _LITTLE}
    return found


_LITTLE = frozenset({"the", "a", "an", "of", "for", "and", "said", "says"})


def _mentioned(text: str, words: Iterable[str]) -> str | None:
    lowered = text.lower()
    for word in sorted(words, key=len, reverse=True):
        if word and re.search(rf"\b{re.escape(word)}\b", lowered):
            return word
    return None


def _party(origin: Origin, own: Sequence[ClaimMember], rules: Rules) -> Party | None:
    speakers = {
        name_key(m.attribution.source) for m in own if m.attribution and m.attribution.source
    }
    for party, keys, people in _party_keys(rules):
        if origin.key in keys or name_key(origin.name) in people or speakers & people:
            return party
    return None


def _party_keys(rules: Rules) -> list[tuple[Party, frozenset[str], frozenset[str]]]:
    """Each ``[[party]]`` with its sources' and its people's keys, worked out once for the
    loaded rules (not once a claim)."""
    found: list[tuple[Party, frozenset[str], frozenset[str]]] = once_for(
        _PARTY_KEYS,
        rules.claims,
        lambda: [
            (
                party,
                frozenset(name_key(s) for s in party.sources),
                frozenset(name_key(p) for p in party.people),
            )
            for party in rules.claims.parties
        ],
    )
    return found


_PARTY_KEYS: dict[int, tuple[Any, Any]] = {}


def _party_word(member: ClaimMember, party: Party) -> str | None:
    return first_word(member.content.text.lower(), party.words)


def _advocate(member: ClaimMember, rules: Rules) -> str | None:
    """Why the speaker argues a side's case: an advocate's title ("Defence lawyer"), or a
    speaker that belongs to a person ("his team") speaking about that person."""
    a = member.attribution
    if a is None:
        return None
    mention = " ".join(s.text for s in (a.speaker, a.coref) if s is not None)
    word = advocate_word(mention, rules)
    if word:
        return f"{mention!r} speaks for a side ({word!r})"
    owner = _OWNERS.match(a.speaker.text if a.speaker else "")
    reference = (member.self_reference or "").lower()
    if owner and reference in _OWNER_REFERENCES:
        return f"{a.speaker.text if a.speaker else ''!r} speaks about the person it belongs to"
    return None


def advocate_word(mention: str, rules: Rules) -> str | None:
    """The advocate's word in a speaker's mention ("Defence lawyer", "His lawyer"), or None;
    a defence ministry or secretary is an office, not a defence lawyer."""
    office = _OFFICES.sub(" ", mention.lower())
    words = re.findall(r"[\w'\u2019-]+", office)
    advocates = set(rules.claims.advocates)
    found = sorted(
        w
        for n, w in enumerate(words)
        if w in advocates
        and not (n and w in rules.claims.practice_titles and _specialist(words[n - 1], rules))
    )
    return found[0] if found else None


def _specialist(before: str, rules: Rules) -> bool:
    """Whether the word before an advocate's title names a field of practice ("Consumer
    lawyer Ladina Brunold", "an intellectual property lawyer", "Town attorney"): someone
    asked for expertise or holding an office, not a side's advocate. Not a possessive or a
    determiner ("Sheoran's lawyer", "his lawyer", "a lawyer for"), another advocate's word
    ("defence lawyer") or one of ``[interest] advocate_ties`` ("company lawyer")."""
    if before in _DETERMINERS or before.endswith(("'s", "\u2019s", "'", "\u2019")):
        return False
    return before.isalpha() and before not in rules.claims.advocates + rules.claims.advocate_ties


# --------------------------------------------------------------------------- disputes, denials


def idiomatic(content: str, rules: Rules) -> bool:
    """Whether what a distancing cue introduces opens with one of its idioms ("claimed
    victory", "claimed responsibility", ``[distancing] idioms``): what winners and attackers
    do, not a claim the writer keeps at a distance."""
    first = (re.findall(r"[\w-]+", content.lower()) or [""])[0]
    return first in rules.claims.idioms


def _outright_answer(
    members: Sequence[ClaimMember],
    origin: Origin,
    rules: Rules,
    stakes: Stakes | None,
) -> Evidence | None:
    """An interested party's word set against another side's: disputed.

    - What it says outright (``[disputes] outright``: "Every culling operation followed the
      protocol", "Halloran never asked for or received any money", "Wholesalers are not
      profiting"): a side's flat assurance or denial, which answers someone whether or not
      it denies something in so many words.
    - The reason it gives for denying ("denied ..., saying its plant employs 400 people"):
      said in its defence, and what it denies says otherwise.

    Over the thirty-three held-out sets, 48 of the 95 interested parties' outright
    statements this newly flags are disputed in their gold, and 17 of the 32 reasons given
    for a denial. What a party says of itself otherwise ("the mine employs 2,300 people") is
    not disputed."""
    denies = stakes is not None and origin.key in stakes.deniers
    for m in members:
        a = m.attribution
        word = _outright_word(a.content.text, rules) if a is not None else None
        if word is not None:
            if denies:
                detail = f"{origin.name} denies an accusation and answers it outright ({word!r})"
            else:
                detail = f"{origin.name}, an interested party, says so outright ({word!r})"
            return _member_evidence("disputed.outright-answer", detail, m)
    for m in members:
        denial = stakes.defences.get(f"{m.doc_id}#{m.index}") if stakes is not None else None
        if denial is not None:
            detail = (
                f"{origin.name} gives it as its reason for denying ({denial!r}): "
                "contested with the denial"
            )
            return _member_evidence("disputed.defence", detail, m)
    return None


def _outright_word(text: str, rules: Rules) -> str | None:
    """The first word of ``text`` that makes it an outright statement (``[disputes]
    outright``: "all", "every", "not", "never", a verb ending in "n't"), if any.

    >>> # _outright_word("Every operation followed the protocol", rules) -> 'every'
    """
    words = frozenset(rules.claims.outright)
    for found in _WORD.finditer(text.lower().replace("\u2019", "'")):
        word = found.group(0)
        if word in words or (word.endswith("n't") and "n't" in words):
            return str(word)
    return None


_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def _distancing(members: Sequence[ClaimMember], rules: Rules) -> list[Evidence]:
    found: list[Evidence] = []
    for m in members:
        a = m.attribution
        if a is not None and a.stance == "distancing" and not idiomatic(a.content.text, rules):
            cue = a.cue.text if a.cue else "?"
            found.append(_member_evidence("disputed.distancing-cue", f"distancing cue {cue!r}", m))
        for span in m.distancing:
            found.append(
                Evidence(
                    "disputed.reporter",
                    f"the reporter writes {span.text!r}",
                    m.doc_id,
                    m.index,
                    span,
                )
            )
    return found


def _insisted(members: Sequence[ClaimMember], rules: Rules) -> list[Evidence]:
    """A statement its speaker insists on (``[disputes] insisting``: "insisted that", "has
    always maintained"): it holds to it against someone who says otherwise."""
    for m in members:
        cue = m.attribution.cue if m.role == "asserts" and m.attribution else None
        if cue is not None and _cue_holds(cue.text, rules.claims.insisting):
            return [_member_evidence("disputed.insisting", f"insisting cue {cue.text!r}", m)]
    return []


def contests(attribution: Attribution, rules: Rules) -> bool:
    """Whether a denial's cue contests rather than denies ("disputed the figure",
    ``[disputes] contesting``), or it rejects a denial ("dismissed the minister's denial"):
    what it answers is then disputed, not denied."""
    if _OF_A_DENIAL.search(attribution.content.text):
        return True
    return attribution.cue is not None and _cue_holds(attribution.cue.text, rules.claims.contesting)


def _cue_holds(cue: str, words: tuple[str, ...]) -> bool:
    """Whether a cue holds one of ``words`` by its stem ("has always maintained": maintain)."""
    return any(stem(w) in _stems(words) for w in cue.lower().split())


@functools.lru_cache(maxsize=16)
def _stems(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(stem(w) for w in words)


#: what a denial rejects when it rejects a denial: "the minister's denial", "those denials"
_OF_A_DENIAL = re.compile(r"^(?:\S+\s+){0,3}denials?$", re.IGNORECASE)


def _denials(
    members: Sequence[ClaimMember], origins: Sequence[Origin], rules: Rules
) -> tuple[list[Evidence], list[Evidence]]:
    """Another party's denials of the claim, and its contestings ("disputes the toll"): a
    contested claim is disputed, not denied."""
    keys = {o.key for o in origins}
    denied: list[Evidence] = []
    contested: list[Evidence] = []
    for m in members:
        if m.role == "denies" and m.origin not in keys:
            a = m.attribution
            who = a.source or (a.speaker.text if a.speaker else "?") if a else "?"
            if a is not None and contests(a, rules):
                contested.append(_member_evidence("disputed.contested", f"{who} contests it", m))
            else:
                denied.append(_member_evidence("denied", f"{who} denies it", m))
    return denied, contested
