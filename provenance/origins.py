"""Independent origins: who a statement really comes from, after following its chain.

- The origin of an attribution is its chain's origin hop ("TASS reported, citing a diplomatic
  source" comes from the diplomatic source; "an AFP analysis of data from ISW" from ISW), or
  else its resolved source.
- A listed source rolls up into its topmost parent (``parent`` in ``rules/sources.toml``): the
  Russian defence ministry and "Moscow" are one origin, named by the most specific name the
  article gives it.
- A speaker introduced by a role that speaks for an institution ("chief executive Ruud
  Verhoeven", ``[[role]]`` in ``rules/claims.toml``) is that institution, the one of the right
  type named last before it; a bare surname is the article's one person with that surname.
- A described source ("a diplomatic source", "analysts") belongs to its article: two
  articles' diplomatic sources are two origins. A named one is the same across articles.
- Statements whose chains pass through the same source (other than a news outlet) are not
  independent: the Czech prime minister relaying the BIS report and the BIS itself are one.

>>> # Document("d", text, attributions=(moscow_said, ministry_said)) -> both keyed
>>> # "russian government", named "Russian defence ministry".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from provenance.canonical import DESCRIBED_TYPES, is_described, name_key
from provenance.models import Attribution, Document, Origin
from provenance.rules import Party, Rules, SourceEntry, SpeakerRole, normalise_name, once_for
from provenance.terms import _WEEKDAYS, stem

# Relays of these types pass many independent sources on; sharing one says nothing.
T = TypeVar("T")
_OUTLET_TYPES = frozenset({"media", "state media", "media analysis"})
_DETERMINER = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_COORDINATION = re.compile(r"\b(?:and|along with|as well as|together with)\b", re.IGNORECASE)
_HEAD_STOP = re.compile(
    r"\s(?:of|from|at|in|with|for|close|familiar|who|which|that|on)\s.*$", re.IGNORECASE
)


#: words that count a described source without telling its members apart
_VAGUE_COUNTS = frozenset({"several", "some", "many", "most", "few", "numerous", "various"})


@dataclass(frozen=True, slots=True)
class Node:
    """One original source of one statement. ``key`` is what independence is judged by;
    ``shared`` are the keys of the non-outlet sources its chain passes through."""

    name: str
    key: str
    type: str | None
    depth: int = 0
    relays: tuple[str, ...] = ()
    shared: tuple[str, ...] = ()


# --------------------------------------------------------------------------- one statement


def statement_origins(doc: Document, index: int, rules: Rules) -> tuple[Node, ...]:
    """The origins of the attribution at ``index`` of ``doc``: usually one, several when the
    speaker is coordinated ("Both countries, along with NATO and the United States")."""
    attribution = doc.attributions[index]
    relays = tuple(h.name for h in attribution.chain if h.role != "origin")
    shared = tuple(k for k in (_relay_key(r, doc.doc_id, rules) for r in relays) if k)
    hop = _origin_hop(attribution)
    pair = _pair(doc, attribution, rules) if hop is None else []
    if hop is not None:  # "figures released by the HPA": the agency the article names
        first = _node_from_name(_acronym_owner(doc, _strip(hop)) or hop, doc.doc_id, rules)
    elif pair:
        first = pair[0]
    else:
        first = _affiliated(doc, index, rules) or _node_from_attribution(doc, attribution, rules)
    nodes = [first, *pair[1:]]
    for node in _coordinated(_speaker_phrase(doc, attribution), rules, first.key):
        if all(node.key != n.key for n in nodes):
            nodes.append(node)
    named = _specific_names(doc, rules)
    return tuple(
        Node(named.get(n.key, n.name), n.key, n.type, n.depth, relays, shared) for n in nodes
    )


_BOTH = re.compile(
    r"^(?:both|the two)\s+(?:countries|nations|governments|states|leaders|presidents|sides)\b",
    re.IGNORECASE,
)
_LEADER_OF = re.compile(
    r"((?:[A-Z][\w-]+\s){0,2}[A-Z][\w-]+)['\u2019]s\s+(?:president|prime minister|leader|"
    r"foreign minister|government|chancellor|king)\b"
)


def _pair(doc: Document, attribution: Attribution, rules: Rules) -> list[Node]:
    """The governments "Both countries" stands for: those the sentence before names as
    speakers or by their leader ("Zelensky said he had discussed ... with South Korea's
    president. Both countries ... are sounding the alarm" -> Ukraine, South Korea)."""
    speaker = attribution.speaker
    if speaker is None or not _BOTH.match(speaker.text):
        return []
    line = doc.text.rfind("\n", 0, speaker.start) + 1
    start, end = line, speaker.start
    if not doc.text[line : speaker.start].strip():  # at a paragraph's start: the one before
        end = max(line - 1, 0)
        start = doc.text.rfind("\n", 0, end) + 1
    found: list[Node] = []
    for a in doc.attributions:
        if a.speaker is not None and start <= a.speaker.start < end:
            found += _government_of(a.source or a.speaker.text, rules)
    for match in _LEADER_OF.finditer(doc.text, start, end):
        found += _government_of(match.group(1), rules)
    unique = list({n.key: n for n in found}.values())
    return unique if len(unique) >= 2 else []


def _government_of(name: str, rules: Rules) -> list[Node]:
    """The listed government a name stands for: itself ("South Korea") or the side its
    speaker belongs to (``people`` of a ``[[party]]``: "Zelensky")."""
    entry = _listed(name, rules)
    if entry is not None and entry.type == "government":
        return [_listed_node(entry, rules)]
    key = name_key(name)
    for party in rules.claims.parties:
        if any(name_key(p) == key for p in party.people):
            listed = [_listed(s, rules) for s in party.sources]
            return [_listed_node(e, rules) for e in listed if e is not None][:1]
    return []


def _origin_hop(attribution: Attribution) -> str | None:
    """The chain's origin when it is someone other than the speaker (a source cited)."""
    origins = [h for h in attribution.chain if h.role == "origin"]
    if not origins or len(attribution.chain) < 2:
        return None
    name = origins[0].name
    if attribution.source and name_key(_strip(name)) == name_key(_strip(attribution.source)):
        return None
    return name


def _strip(name: str) -> str:
    return _DETERMINER.sub("", name.strip())


def _listed(name: str, rules: Rules) -> SourceEntry | None:
    return rules.source_index.get(normalise_name(_strip(name)))


def _per_object(fn: Callable[..., T]) -> Callable[..., T]:
    """``fn`` worked out once for the same argument objects (the very objects, not equal
    ones): the rules' tables are asked for once a statement, and hashing their long tuples
    on every call, as ``functools.lru_cache`` does, costs more than the lookup. The objects
    are held while cached, so another object cannot take their place."""
    cache: dict[tuple[int, ...], tuple[tuple[Any, ...], T]] = {}

    @functools.wraps(fn)
    def cached(*args: Any) -> T:
        key = tuple(map(id, args))
        found = cache.get(key)
        if found is not None and all(a is b for a, b in zip(found[0], args, strict=True)):
            return found[1]
        value = fn(*args)
        if len(cache) >= 8:
            cache.clear()
        cache[key] = (args, value)
        return value

    return cached


@_per_object
def _tops(sources: tuple[SourceEntry, ...]) -> dict[str, tuple[str, int]]:
    """Each listed source -> its topmost parent and how many steps up that is."""
    by_name = {s.canonical: s for s in sources}
    out: dict[str, tuple[str, int]] = {}
    for entry in sources:
        top, depth, seen = entry, 0, {entry.canonical}
        while top.parent and top.parent in by_name and top.parent not in seen:
            top = by_name[top.parent]
            seen.add(top.canonical)
            depth += 1
        out[entry.canonical] = (top.canonical, depth)
    return out


def _listed_node(entry: SourceEntry, rules: Rules) -> Node:
    top, depth = _tops(rules.sources).get(entry.canonical, (entry.canonical, 0))
    return Node(entry.canonical, name_key(top), entry.type, depth)


def _head_type(name: str, rules: Rules) -> str | None:
    """Type an unlisted hop by its head noun ("people familiar with the matter" -> people)."""
    text = _strip(_HEAD_STOP.sub("", " " + name.strip() + " ").strip())
    words = text.split()
    if not words:
        return None
    head = words[-1].lower()
    named = any(w[:1].isupper() for w in words)
    lowered = {w.lower() for w in words}
    for trigger in rules.triggers:
        heads = set(trigger.heads)
        if head not in heads and head.rstrip("s") not in heads:
            continue
        if trigger.unnamed_only and named:
            continue
        if trigger.words and not lowered & set(trigger.words):
            continue
        return trigger.type
    return None


def _node_from_name(name: str, doc_id: str, rules: Rules) -> Node:
    entry = _listed(name, rules)
    if entry is not None:
        return _listed_node(entry, rules)
    clean = _strip(name)
    kind = _head_type(clean, rules)
    described = kind in DESCRIBED_TYPES or not any(w[:1].isupper() for w in clean.split())
    return Node(clean, _scoped(clean, doc_id, described), kind)


def _scoped(name: str, doc_id: str, described: bool) -> str:
    """A named source's key; a described one's is its article's and, within it, does not
    change with the number ("prosecutor", "prosecutors")."""
    key = name_key(name)
    if not described:
        return key
    words = key.split()
    while len(words) > 1 and words[0] in _VAGUE_COUNTS:
        words = words[1:]  # "Several residents" are the article's "residents"
    return f"{doc_id}/{' '.join([*words[:-1], stem(words[-1])])}" if words else doc_id


#: a government named by its seat ("the Taliban administration in Kabul", "the authorities
#: in Kyiv"): the same source as the seat's name speaking for it ("Kabul says")
_SEATED = re.compile(
    r"^(?:the\s+)?(?:[\w'\u2019-]+\s+){0,2}?(?:administration|government|authorities|regime)"
    r"\s+in\s+(?P<seat>[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)*)$"
)


def _node_from_attribution(doc: Document, attribution: Attribution, rules: Rules) -> Node:
    name = attribution.source or (attribution.speaker.text if attribution.speaker else "")
    name = _surname_owner(doc, name) or _acronym_owner(doc, name) or name
    seated = _SEATED.match(name) if attribution.source_type == "government" else None
    if seated is not None:
        name = seated.group("seat")
    entry = _listed(name, rules)
    if entry is not None:
        return _listed_node(entry, rules)
    described = is_described(attribution.source_type, attribution.source_evidence)
    headed = (attribution.source_evidence or "").startswith("head noun")
    if headed and attribution.source_type not in DESCRIBED_TYPES and _a_name(_strip(name)):
        # "Health Protection Agency", typed by its last word: a name, as "HPA" is
        described = False
    unknown = (attribution.source_evidence or "mention text").startswith("mention text")
    if unknown and attribution.source_type not in DESCRIBED_TYPES:
        # known by its mention alone: a proper name in it ("BIS counter-intelligence service",
        # "Russian embassy in Prague") makes it the same source in every article
        described = not _proper(_strip(name))
    # "council", from "A council spokesman": a common noun names no one beyond its article,
    # and is the same source there as "The council" (known by its head noun)
    issued = (attribution.source_evidence or "").startswith("issued by")
    described = described or (issued and not any(c.isupper() for c in name))
    described = described and seated is None  # the seat is a place's name
    return Node(name, _scoped(name, doc.doc_id, described), attribution.source_type)


def _a_name(name: str) -> bool:
    """Every word of a name of two words or more is capitalised, but little words ("Health
    Protection Agency", "Bank of Marrovia"; not "regional Health Agency")."""
    words = [w for w in name.split() if w.lower() not in _LITTLE]
    return len(name.split()) > 1 and all(w[:1].isupper() for w in words)


_LITTLE = frozenset({"of", "for", "and", "the", "on", "in", "de", "del", "la", "du", "des"})


def _proper(name: str) -> bool:
    """A name holds a proper noun: a capitalised word after the first, or an acronym."""
    words = name.split()
    return any(w[:1].isupper() for w in words[1:]) or bool(
        words and len(words[0]) > 1 and words[0].isupper()
    )


def _surname_owner(doc: Document, name: str) -> str | None:
    """The one longer name in the article that ends with this bare surname, if exactly one:
    a source's ("Pieter Aalders" said ...), else one the running text gives ("Pieter Aalders,
    who started the company, ...")."""
    if len(name.split()) != 1 or not name[:1].isupper():
        return None
    table = _surname_owners(doc)
    owners = table.get(name)
    if owners is None:
        # no source's name: the text's, looked for once (the same names are asked for again
        # and again while an article's origins are worked out)
        owners = table[name] = _named_in_text(doc.text, name)
    return next(iter(owners)) if len(owners) == 1 else None


@_per_object
def _surname_owners(doc: Document) -> dict[str, frozenset[str]]:
    """The longer names of the article's sources that are a person's name, by their last
    word (not "people close to Aalders"); :func:`_surname_owner` adds the text's names of
    the other surnames it is asked for."""
    owners: dict[str, set[str]] = {}
    for a in doc.attributions:
        if a.source and len(a.source.split()) > 1 and _a_full_name(a.source):
            owners.setdefault(a.source.split()[-1], set()).add(a.source)
    return {surname: frozenset(names) for surname, names in owners.items()}


def _acronym_owner(doc: Document, name: str) -> str | None:
    """The one source of the article whose name's initials this acronym is ("VMS" ->
    "Veldrian Meteorological Service"), if exactly one."""
    if not re.fullmatch(r"[A-Z]{2,6}", name):
        return None
    owners = {
        a.source
        for a in doc.attributions
        if a.source and a.source != name and _initials(_words(a.source)) == name
    }
    # "Health Protection Agency figures" are the agency's: one owner with its documents
    owners = {o for o in owners if not any(o.startswith(f"{p} ") for p in owners)}
    return owners.pop() if len(owners) == 1 else None


def _words(name: str) -> list[str]:
    """A name's words ("Bank of Marrovia" -> Bank, of, Marrovia; "B&Q" one word)."""
    return re.findall(r"[\w&-]+", name)


def _initials(words: Sequence[str]) -> str:
    """The initials of a name's capitalised words ("Veldrian Meteorological Service" ->
    "VMS"; "Bank of Marrovia" -> "BM")."""
    return "".join(w[0] for w in words if w[:1].isupper())


def _a_full_name(name: str) -> bool:
    """Every word capitalised (or an initial), none a determiner or honorific: "Pieter
    Aalders", "R. Venugopal", not "people close to Aalders" or "The Aalders"."""
    words = [w for w in name.split() if w not in _NAME_DASHES]  # "Okonkwo - Reyes"
    return all(re.fullmatch(r"[A-Z][\w'\u2019.-]*", w) for w in words) and (
        words[0].lower().rstrip(".") not in _NOT_FIRST_NAMES
    )


def _named_in_text(text: str, surname: str) -> frozenset[str]:
    """The full names the running text gives that end with ``surname`` ("Pieter Aalders"),
    none for a word the text also writes in lowercase (a noun opening a sentence)."""
    if re.search(rf"\b{re.escape(surname.lower())}\b", text):
        return frozenset()
    # not an organisation's name that a possessive goes on with ("Porthellan Fishermen's
    # Association" for "Fishermen")
    # a word with a hyphen is a name only with a capital after it ("Jean-Luc", not
    # "Leeds-based")
    word = r"[A-Z][\w'\u2019]*(?:-[A-Z][\w'\u2019]*)*\.? "
    found = re.finditer(rf"\b((?:{word}){{1,2}}){re.escape(surname)}\b(?!['\u2019])", text)
    return frozenset(
        m.group(0)
        for m in found
        if m.group(1).split()[0].lower().rstrip(".") not in _NOT_FIRST_NAMES
    )


_NAME_DASHES = frozenset({"-", "\u2013"})
#: capitalised words that open no personal name: determiners, honorifics, sentence openers
_NOT_FIRST_NAMES = frozenset(
    {"the", "a", "an", "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame"}
    | {"but", "and", "in", "at", "on", "for", "when", "after", "before", "as", "if", "its"}
    | _WEEKDAYS
    | {"president", "minister", "mayor", "governor", "senator", "judge", "justice", "chief"}
    | {"coach", "captain", "general", "director", "chancellor", "councillor", "councilor"}
)


def _relay_key(name: str, doc_id: str, rules: Rules) -> str | None:
    node = _node_from_name(name, doc_id, rules)
    if node.type in _OUTLET_TYPES or not any(w[:1].isupper() for w in name.split()):
        return None
    return node.key


def _speaker_phrase(doc: Document, attribution: Attribution) -> str:
    """The speaker mention and what follows it up to the cue ("Both countries, along with
    leaders of the NATO military alliance and the United States, are sounding the alarm")."""
    speaker, cue = attribution.speaker, attribution.cue
    if speaker is None:
        return ""
    if (
        cue is not None
        and speaker.end <= cue.start
        and "\n" not in doc.text[speaker.end : cue.start]
    ):
        return doc.text[speaker.start : cue.start]
    return speaker.text


def _coordinated(mention: str, rules: Rules, first: str) -> list[Node]:
    """Listed sources named after a coordinator in the speaker's phrase."""
    split = _COORDINATION.search(mention)
    if split is None:
        return []
    words = mention[split.start() :].replace(",", " ").split()
    found: list[Node] = []
    i = 0
    while i < len(words):
        for n in range(min(5, len(words) - i), 0, -1):
            entry = _listed(" ".join(words[i : i + n]), rules)
            if entry is not None:
                node = _listed_node(entry, rules)
                if node.key != first and all(node.key != f.key for f in found):
                    found.append(node)
                i += n - 1
                break
        i += 1
    return found


def aliases(key: str, rules: Rules) -> frozenset[str]:
    """Every name an origin goes by, as name keys: the names of every listed source that rolls
    up into it ("moscow", "kremlin", "russian defence ministry") and its party's words
    ("russian")."""
    return _alias_table(rules.sources, rules.claims.parties).get(key, frozenset())


@_per_object
def _alias_table(
    sources: tuple[SourceEntry, ...], parties: tuple[Party, ...]
) -> dict[str, frozenset[str]]:
    tops = _tops(sources)
    table: dict[str, set[str]] = {}
    for entry in sources:
        key = name_key(tops[entry.canonical][0])
        table.setdefault(key, set()).update(name_key(n) for n in (entry.canonical, *entry.names))
    for party in parties:
        for source in party.sources:
            if source in tops:
                table.setdefault(name_key(tops[source][0]), set()).update(party.words)
    return {key: frozenset(names) for key, names in table.items()}


# --------------------------------------------------------------------------- roles


def _role_words(attribution: Attribution) -> str:
    parts = [attribution.speaker.text if attribution.speaker else ""]
    parts.append(attribution.coref.text if attribution.coref else "")
    return " ".join(parts).lower()


def _affiliated(doc: Document, index: int, rules: Rules) -> Node | None:
    """The institution a speaker speaks for, when it was introduced by a role
    ("chief executive Ruud Verhoeven" -> the company named last before)."""
    attribution = doc.attributions[index]
    person = _surname_owner(doc, attribution.source or "") or attribution.source
    if not person:
        return None
    # a role written beside the name says whose it is ("union chairman Goran Petric"): tried
    # before a role that speaks for the company the article is about
    roles = sorted(rules.claims.roles, key=lambda r: not r.beside_name)
    for role in roles:
        if role.beside_name:
            beside = _institution_beside(doc, person, role, rules)
            if beside is not None:
                return beside
            continue
        if role.after_name:
            named = _named_institution(doc, person, role)
            if named is not None:
                return _node_from_attribution(doc, named, rules)
            continue
        if attribution.source_type in _UNNAMED:
            continue  # "A former owner of the farm" owns no company that spoke before
        first = _first_in_role(doc, person, role.words)
        if first is None:
            continue
        # "Halvorsen Chief Executive Kari Lunde": the role is Halvorsen's, not the last
        # company to speak
        owner = _owner_before_role(doc.attributions[first], role.words)
        for earlier in reversed(doc.attributions[:first]):
            owned = owner is None or owner in (earlier.source or "").lower().split()
            if earlier.source_type in role.speaks_for and earlier.source and owned:
                return _node_from_attribution(doc, earlier, rules)
    return None


#: source types of a speaker known by description only
_UNNAMED = frozenset({"anonymous", "vague"})


def _named_institution(doc: Document, person: str, role: SpeakerRole) -> Attribution | None:
    """The institution a person speaks for by a role after its name ("Altamira spokesman
    Diego Ferraz", "Federation secretary Rosa Quispe"): the source of a type the role speaks
    for whose name holds that word, named before the person in that role (else after): its
    fullest name, the last on a tie."""
    pattern = _named_role_pattern(role.words)
    for a in doc.attributions:
        found = pattern.search(a.speaker.text) if _by(doc, a, person) and a.speaker else None
        if found is None:
            continue
        words = {w.lower() for w in re.findall(r"[\w&-]+", found.group(1))} - _NOT_NAMES
        named = [
            b
            for b in doc.attributions
            if b.source_type in role.speaks_for
            and b.source
            and words & {w.lower() for w in re.findall(r"[\w&-]+", b.source)}
        ]
        before = [b for b in named if b.content.start < a.content.start] or named
        # its fullest name ("Quorra Technologies", not a later "Quorra"), the last on a tie
        return max(before, key=lambda b: (len(b.source or ""), b.content.start), default=None)
    return None


_NOT_NAMES = frozenset({"the", "a", "an", "s", "and", "of"})


def _institution_beside(doc: Document, person: str, role: SpeakerRole, rules: Rules) -> Node | None:
    """The institution a person speaks for by a role written beside their name where the
    article first gives one: "Sea Lantern's head of operations, Judith Amsel" or "department
    spokeswoman Carol Imrie" (a source of the article whose name holds those words), "its
    director, Helena Vorn" (the one that spoke last before), "Pablo Estrada, the head of the
    Corrow province emergency service" (that name, when no source holds it). Only sources of
    a type the role speaks for, or untyped ones named by the role's words. A person who speaks
    in no such mention may have been introduced so in the running text ("The keepers said
    they had asked the zoo's director, Anselm Brodo, ...")."""
    before, after = _beside_patterns(role.words)
    for a in doc.attributions:
        if a.speaker is None or not _by(doc, a, person):
            continue
        rest = doc.text[a.speaker.end : a.speaker.end + 160].split("\n")[0]
        found = before.search(a.speaker.text) or after.search(rest)
        if found is not None:
            return _beside_node(doc, a, found, role, rules)
        if _bare_role(role.words).match(a.speaker.text):
            # "said spokeswoman Tessa Rowan", of no body named: the body just spoken of
            return _pointed_at(doc, a, role, rules)
    found = _introduced(doc.text, person, role.words)
    return _beside_node(doc, None, found, role, rules) if found is not None else None


def _beside_node(
    doc: Document, a: Attribution | None, found: re.Match[str], role: SpeakerRole, rules: Rules
) -> Node | None:
    """The institution that a role found beside a name (``found``, a match of
    :func:`_beside_patterns` or :func:`_introduced`) is of, or None."""
    ref = next(g for g in found.groups() if g is not None).strip()
    ref = _DETERMINER.sub("", ref)
    if ref.lower() in _POINTERS:
        return _pointed_at(doc, a, role, rules) if a is not None else None
    named = _holding(doc, ref, role, rules) or _described_as(doc, ref, role)
    if named is not None:
        return _node_from_attribution(doc, named, rules)
    ref = _full_name(doc.text, ref) or ref
    # a name no source holds: an institution by its head word ("Foreign ministry"), or a
    # name the role is "of" ("the head of the Corrow Province Rescue Service"), not a
    # title's first words ("Senate Majority Leader")
    kind = _head_type(ref, rules)
    titled = found.lastgroup == "titled"
    proper = ref[:1].isupper() or _proper(ref)
    named_of = not titled and len(ref.split()) > 1 and proper and kind is None
    # "Nuvrel's chief executive, Arjun Pell": a name owning the role, though it says
    # nothing itself
    owned = found.group("owner") is not None and (proper or len(ref.split()) > 1) and kind is None
    if owned:  # a named body with a director or a spokesman is an organisation, if no more
        kind = _owner_type(found.group(0), rules) or ("organisation" if proper else None)
    if kind in role.speaks_for or named_of or owned:
        return Node(ref, _scoped(ref, doc.doc_id, not _proper(ref)), kind)
    # "Northway president Kevin Doucette": a short name before the title that the article
    # gives in full elsewhere ("Northway Snow Services") is the body the role is of
    fuller = _fuller_name(doc.text, ref, role.words) if titled and kind is None else None
    if fuller is not None:
        # a named body with a president or a spokesman is an organisation, if no more
        return Node(
            fuller, _scoped(fuller, doc.doc_id, False), _head_type(fuller, rules) or "organisation"
        )
    return None


def _described_as(doc: Document, ref: str, role: SpeakerRole) -> Attribution | None:
    """The named source a body the article only describes stands for ("The spa's owner,
    Brittany Lowell": "the spa", which speaks as Luxe Aesthetics Bar elsewhere), of a type
    the role speaks for: the first that speaks under that description."""
    if not ref.islower():
        return None
    for a in doc.attributions:
        said = _DETERMINER.sub("", a.speaker.text).lower() if a.speaker else ""
        if said == ref and a.source and _proper(a.source) and a.source_type in role.speaks_for:
            return a
    return None


def _fuller_name(text: str, word: str, roles: Sequence[str]) -> str | None:
    """The one longer name in ``text`` that a capitalised ``word`` opens ("Northway" ->
    "Northway Snow Services"), none of its words a role, or None."""
    if not re.fullmatch(r"[A-Z][\w&-]+", word) or word.lower() in _PLACE_WORDS:
        return None
    titles = {r.lower() for r in roles}
    names = {
        m.group(0)
        for m in re.finditer(rf"\b{re.escape(word)}(?: [A-Z][\w&-]+){{1,3}}", text)
        if not {w.lower() for w in m.group(0).split()} & titles
    }
    return names.pop() if len(names) == 1 else None


def _introduced(text: str, person: str, words: Sequence[str]) -> re.Match[str] | None:
    """The role by which the running text first introduces ``person``, set off before the
    name with its owner ("asked the zoo's director, Anselm Brodo, ...": zoo), or None."""
    at = text.find(person) if " " in person else -1
    if at < 0:
        return None
    start = _sentence_end_before(text, at) + 1
    return _introduction_pattern(tuple(words)).search(text[start:at])


def _sentence_end_before(text: str, at: int) -> int:
    """Where the sentence before offset ``at`` ends (its ". " or line break), or -1."""
    return max(text.rfind(". ", 0, at), text.rfind("\n", 0, at))


@functools.lru_cache(maxsize=64)
def _bare_role(words: tuple[str, ...]) -> re.Pattern[str]:
    """A spokesperson's role alone before the name ("spokeswoman Tessa Rowan")."""
    spokes = "|".join(re.escape(w) for w in words if w.startswith("spokes"))
    return re.compile(rf"^(?i:{spokes or '(?!)'})\s+[A-Z]")


@functools.lru_cache(maxsize=64)
def _introduction_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """An owner's role ending the text before a name ("the zoo's director, ")."""
    role = "(?i:" + "|".join(re.escape(w) for w in words) + ")"
    return re.compile(
        rf"(?:\b[Tt]he\s+)?\b(?P<owner>(?:[A-Z][\w&.-]*\s+){{0,4}}[\w&.-]+)['\u2019]s\s+"
        rf"(?:[\w-]+\s+){{0,2}}?{role},\s*$"
    )


def _full_name(text: str, word: str) -> str | None:
    """The one proper name in ``text`` that a lone head word stands for ("Authority" in
    "Authority general manager Denise Farrow" -> "Lindell Water Authority"), or None when
    the article has none or several."""
    if len(word.split()) != 1 or not word.isalpha():
        return None
    if re.search(rf"\b{word.lower()}\b", text) is None:
        return None  # a name of its own ("Nuvrel", "Kessel"), not a common noun
    head = word[:1].upper() + word[1:].lower()
    names = {
        _DETERMINER.sub("", m.group(0))
        for m in re.finditer(rf"\b(?:[A-Z][\w&'\u2019.-]* ){{1,4}}{head}\b", text)
    }
    names = {n for n in names if n.split()[0] not in _NOT_FIRST}
    return names.pop() if len(names) == 1 else None


#: capitalised words that open a sentence rather than a name
_NOT_FIRST = frozenset({"The", "A", "An", "Its", "Their", "His", "Her", "But", "And", "In", "At"})


def _owner_type(mention: str, rules: Rules) -> str | None:
    """The type of a name that owns a role, by the role ("Nuvrel's chief executive": a
    company, as ``[[institution]]`` speakers say), or None."""
    lowered = mention.lower()
    for institution in rules.claims.institutions:
        spoken = any(re.search(rf"\b{re.escape(w)}\b", lowered) for w in institution.speakers)
        if spoken and institution.types:
            return institution.types[0]
    return None


def _pointed_at(doc: Document, a: Attribution, role: SpeakerRole, rules: Rules) -> Node | None:
    """What "its" points at in "its director, Helena Vorn": an institution the statement
    itself names before it ("The regional mining inspectorate has ordered ..., its director
    said"), else the body the sentence before names ("... the Ellesmouth Chamber of Commerce.
    Its chairman said"), else one the statement names after it, else the last source before
    of a type the role speaks for."""
    if a.speaker is not None and a.content.start < a.speaker.start:
        named = _named_in_statement(doc, a, role, rules) or _body_just_before(doc, a, role, rules)
    else:
        named = _body_just_before(doc, a, role, rules) or _named_in_statement(doc, a, role, rules)
    if named is not None:
        return named
    earlier = [
        b
        for b in doc.attributions[: doc.attributions.index(a)]
        if b.source
        and (b.source_type in role.speaks_for or (b.source_type is None and _proper(b.source)))
        and not _personal(b)
    ]
    return _node_from_attribution(doc, earlier[-1], rules) if earlier else None


def _named_in_statement(
    doc: Document, a: Attribution, role: SpeakerRole, rules: Rules
) -> Node | None:
    """An institution the statement names as a subject ("The regional mining inspectorate
    has closed the mine"), or None."""
    for found in _THE_PHRASE.finditer(a.content.text):
        phrase = found.group(1)
        if _head_type(phrase, rules) in role.speaks_for:
            named = _holding(doc, phrase, role, rules)
            if named is not None:
                return _node_from_attribution(doc, named, rules)
            return _node_from_name(phrase, doc.doc_id, rules)
    return None


def _body_just_before(
    doc: Document, a: Attribution, role: SpeakerRole, rules: Rules
) -> Node | None:
    """The body the sentence before names last, where "its" follows it ("Her criticism was
    echoed by the Ellesmouth Chamber of Commerce. Its chairman, Neil Sturrock, warned";
    "The commission appeared less convinced. Its head of investigations ..."), or None."""
    if a.speaker is None:
        return None
    text = doc.text
    here = _sentence_end_before(text, a.speaker.start)
    if here < 0:
        return None
    start = _sentence_end_before(text, here) + 1
    for found in reversed(list(_BODY.finditer(text[start : here + 1]))):
        phrase = found.group(1)
        kind = _head_type(phrase, rules)
        if kind not in role.speaks_for and not (kind is None and _proper(phrase)):
            continue
        named = _holding(doc, phrase, role, rules)
        if named is not None:
            return _node_from_attribution(doc, named, rules)
        if _proper(phrase) or phrase[:1].isupper():
            return Node(phrase, _scoped(phrase, doc.doc_id, False), kind)
    return None


#: "the Ellesmouth Chamber of Commerce", "The commission": a body named or described
_BODY = re.compile(
    r"\b[Tt]he\s+((?:[A-Z][\w&'-]*\s+(?:(?:of|for)\s+(?:the\s+)?)?){0,5}[A-Z][\w&'-]*|[a-z][\w-]*)"
)


def _personal(a: Attribution) -> bool:
    """A source that is a person's name: one the speaker mention ends with, after a role."""
    speaker = a.speaker.text if a.speaker else ""
    return bool(a.source) and speaker != a.source and speaker.endswith(a.source or "")


#: "The regional mining inspectorate has ...": a definite subject before its verb
_THE_PHRASE = re.compile(
    r"\b[Tt]he\s+((?:[\w-]+\s+){0,3}?[\w-]+)(?=\s+(?:has|have|had|is|was|said|will|would)\b)"
)


#: a role's institution pointed at rather than named: "its director", "the group's head"
_POINTERS = frozenset(
    {"its", "their", "group", "company", "firm", "organisation", "organization", "agency"}
)


def _holding(doc: Document, ref: str, role: SpeakerRole, rules: Rules) -> Attribution | None:
    """The article's source whose name holds every word of ``ref`` ("department" in "Tamsett
    County Health Department") or whose initials it is ("VCA"), of a type the role speaks for
    or untyped; a typed one before an untyped one ("Veltrac", not "Posts on a Veltrac owners'
    forum"), then the fullest name, one named first."""
    words = {w.lower() for w in re.findall(r"[\w&-]+", ref)} - _NOT_NAMES
    if words <= _PLACE_WORDS:
        return None  # "County Commissioner Brent Hollis": a title, no body of the county's
    acronym = ref if re.fullmatch(r"[A-Z]{2,6}", ref) else None
    found: list[Attribution] = []
    for b in doc.attributions:
        if not b.source or (b.source_type and b.source_type not in role.speaks_for):
            continue
        if b.source_type is None and not _proper(b.source) and len(b.source.split()) < 2:
            continue
        names = _words(b.source)
        if b.source_type is None and _written_head(names) in _writings(rules):
            # "the authority's own complaint log", "The city's contract with Northway Snow
            # Services", "the association's rulebook": a writing, no authority or company
            continue
        if (words and words <= {w.lower() for w in names}) or acronym == _initials(names):
            found.append(b)
    return max(found, key=lambda b: (b.source_type is not None, len(b.source or "")), default=None)


#: words for a place's level that a title opens with ("County Commissioner", "State Senator")
_PLACE_WORDS = frozenset(
    {"county", "city", "state", "town", "district", "regional", "national", "federal"}
    | {"provincial", "municipal", "local"}
)


#: what a described written source's name ends on: a record of a body, not the body
_WRITINGS = frozenset(
    {"log", "logs", "record", "records", "report", "document", "documents", "data", "minutes"}
    | {"notice", "letter", "email", "emails", "memo", "filing", "filings", "accounts", "figures"}
    | {"contract", "contracts", "agreement", "statement", "rulebook", "rules", "policy"}
    | {"handbook", "guidelines", "guidance", "code", "constitution", "charter", "website"}
)
#: words after which a document's name goes on to say what it is of or with ("The city's
#: contract with Northway", "Records at the county library")
_OF_WHAT = frozenset({"of", "with", "between", "from", "for", "by", "on", "at", "in", "about"})


def _writings(rules: Rules) -> frozenset[str]:
    """Words for a writing: ``_WRITINGS`` and the documents that "show" something in
    ``rules/cues.toml`` ("study", "contract", "rulebook")."""
    found: frozenset[str] = once_for(_WRITING_WORDS, rules, lambda: _find_writings(rules))
    return found


def _find_writings(rules: Rules) -> frozenset[str]:
    show = rules.verbs.get("show")
    return _WRITINGS | frozenset(show.subjects if show is not None else ())


_WRITING_WORDS: dict[int, tuple[Any, Any]] = {}


def _written_head(names: Sequence[str]) -> str:
    """The head word of a source's name, lowercase: its last word before a preposition."""
    words = [w.lower() for w in names]
    cut = next((i for i, w in enumerate(words) if w in _OF_WHAT and i), len(words))
    return words[cut - 1]


@functools.lru_cache(maxsize=64)
def _beside_patterns(words: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A role in the speaker mention before the name ("Sea Lantern's head of operations,
    Judith Amsel", "its director, Helena Vorn", "department spokeswoman Carol Imrie"), and one
    after the name (", the head of the X", ", a deputy spokesman for the X", ", the group's
    country director"); "A spokesman for the state Cyber Response Unit, Nate Gorski" names it
    before the name too."""
    role = "(?i:" + "|".join(re.escape(w) for w in words) + ")"
    extra = r"(?:[\w-]+\s+){0,2}?"
    before = re.compile(
        rf"^(?:(?P<owner>(?:[\w&.-]+\s+){{0,4}}?[\w&.-]+)['\u2019]s\s+{extra}{role}\b"
        rf"|(?P<its>(?i:its|their))\s+{extra}{role}\b"
        rf"|(?:the\s+|an?\s+)?(?P<titled>(?:[\w&.-]+\s+){{1,4}}?){role}\s+(?:[A-Z]|$)"
        rf"|(?i:the|an?)\s+{role}\s+(?:for|of|at)\s+(?P<named>[^,]+?),\s+[A-Z])"
    )
    after = re.compile(
        rf"^,\s+(?:the\s+|an?\s+)?(?:{extra}{role}\s+(?:of|at|for)\s+(?P<of>[^,.;]+)"
        rf"|(?P<owner>(?:[\w&.-]+\s+){{0,4}}?[\w&.-]+)['\u2019]s\s+{extra}{role})\s*(?:[,.;]|$)"
    )
    return before, after


@functools.lru_cache(maxsize=64)
def _named_role_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    roles = "|".join(re.escape(w) for w in words)
    return re.compile(rf"((?:[A-Z][\w&.-]*(?:['\u2019]s)?\s+){{1,3}}?)(?i:{roles})(?:\s+[A-Z]|$)")


def _first_in_role(doc: Document, person: str, words: Sequence[str]) -> int | None:
    pattern = _role_pattern(tuple(words))
    for i, a in enumerate(doc.attributions):
        if _by(doc, a, person) and pattern.search(_role_words(a)):
            return i
    return None


def _owner_before_role(attribution: Attribution, words: Sequence[str]) -> str | None:
    """The capitalised name written just before the role in the speaker mention
    ("Halvorsen Chief Executive Kari Lunde", "Thornbury's managing director, Colin Ashby":
    halvorsen, thornbury), lowercased, or None."""
    speaker = attribution.speaker.text if attribution.speaker else ""
    roles = "|".join(re.escape(w) for w in words)
    found = re.search(rf"\b([A-Z][\w&-]+)(?:['\u2019]s)?\s+(?i:{roles})\b", speaker)
    if found is None or found.group(1).lower() in _NOT_NAMES:
        return None
    return found.group(1).lower()


def _by(doc: Document, attribution: Attribution, person: str) -> bool:
    """Whether ``person`` is the attribution's source, by full name or bare surname."""
    source = attribution.source
    return source == person or _surname_owner(doc, source or "") == person


@functools.lru_cache(maxsize=64)
def _role_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")


@_per_object
def _specific_names(doc: Document, rules: Rules) -> dict[str, str]:
    """Per topmost parent, the one most specific listed source the article names under it
    (Moscow's statements in an article quoting the Russian defence ministry are the
    ministry's); none when the article names two different ones at that depth."""
    best: dict[str, tuple[int, set[str]]] = {}
    for a in doc.attributions:
        entry = _listed(a.source or "", rules)
        if entry is None:
            continue
        node = _listed_node(entry, rules)
        depth, names = best.get(node.key, (-1, set()))
        if node.depth > depth:
            best[node.key] = (node.depth, {node.name})
        elif node.depth == depth:
            names.add(node.name)
    return {key: next(iter(names)) for key, (_, names) in best.items() if len(names) == 1}


# --------------------------------------------------------------------------- independence


def independent_origins(nodes: Sequence[tuple[int, Sequence[Node]]]) -> tuple[Origin, ...]:
    """Group the origins of a claim's members (``(member index, its nodes)``) into independent
    origins: the same key, or chains through the same source, are one origin."""
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    for _, member_nodes in nodes:
        for node in member_nodes:
            for other in (*node.shared, node.key):
                parent[find(other)] = find(node.key)
    every = {n.key: n for _, member_nodes in nodes for n in member_nodes}
    described = [n for n in every.values() if "/" in n.key]
    if described:
        named = [(n, _name_ends(n.name)) for n in every.values() if "/" not in n.key]
        for own in described:
            for body, ends in named:
                if _its_own(own.name, *ends):
                    parent[find(own.key)] = find(body.key)
    groups: dict[str, list[tuple[int, Node]]] = {}
    for member, member_nodes in nodes:
        for node in member_nodes:
            groups.setdefault(find(node.key), []).append((member, node))
    origins = [_origin(group) for group in groups.values()]
    # a statement whose speaker was not found may be any of the others: no origin of its own
    known = [o for o in origins if o.name]
    return tuple(known if known else origins)


_NAME_WORD = re.compile(r"[\w&-]+")


def _name_ends(name: str) -> tuple[re.Pattern[str] | None, str | None]:
    """What a named source's own things are known by: its first word as an owner ("Westmark's
    ..."), and the word its name ends in when it has two or more ("forum")."""
    words = _NAME_WORD.findall(name)
    if not words:
        return None, None
    owner = re.compile(rf"\b{re.escape(words[0])}['\u2019]s\b")
    return owner, words[-1].lower() if len(words) > 1 else None


def _its_own(described: str, owner: re.Pattern[str] | None, last: str | None) -> bool:
    """Whether a described source is a named one's own (``owner``, ``last``: its
    :func:`_name_ends`), by the name ("Westmark's inspections" of Westmark Renewables) or by
    the word the name ends in ("the players' forum" of the Pakistan Cricketers' Forum)."""
    if owner is None:
        return False
    own = _NAME_WORD.findall(described)
    return bool(owner.search(described)) or (
        last is not None and bool(own) and own[-1].lower() == last
    )


def _origin(group: list[tuple[int, Node]]) -> Origin:
    nodes = [n for _, n in group]
    relayed = {k for n in nodes for k in n.shared}
    # the source the others pass through names the origin; else the most specific name
    named = max(nodes, key=lambda n: (n.key in relayed, n.depth))
    relays = tuple(dict.fromkeys(r for n in nodes for r in n.relays))
    members = tuple(sorted({m for m, _ in group}))
    return Origin(named.name, named.key, named.type, members, relays)
