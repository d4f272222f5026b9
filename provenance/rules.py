"""Rule data: cue words and their stance, source types, channels, aliases, thresholds.

The data lives in ``rules/*.toml`` (readable and editable by a newsroom); this module loads it
once into the typed objects below and validates it, collecting **every** problem into one
:class:`~provenance.errors.RulesError` that names the file, the key and what was expected.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import hashlib
import json
import os
import re
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from provenance.errors import RulesError

SCHEMA_VERSION = 1
RULE_FILES = (
    "cues.toml",
    "sources.toml",
    "channels.toml",
    "resolve.toml",
    "claims.toml",
    "audit.toml",
)

STANCES = frozenset(
    {
        "neutral",
        "distancing",
        "denial",
        "confirming",
        "asserting",
        "warning",
        "announcing",
        "conceding",
        "accusing",
    }
)
CHANNEL_KINDS = frozenset({"document", "platform", "event", "broadcast"})
# The audit rules the code implements (rules/audit.toml switches them and words them).
AUDIT_RULE_IDS = (
    "unattributed-claim",
    "anonymous-without-reason",
    "single-party-source",
    "quote-without-speaker",
    "pronoun-first-mention",
    "loaded-verb",
)


@dataclass(frozen=True, slots=True)
class VerbCue:
    lemma: str
    stance: str
    object: bool = False  # a plain noun object is what was said ("announced a drive")
    preps: tuple[str, ...] = ()  # prepositions whose object is what was said ("warned about X")
    loaded: bool = False  # the verb editorialises ("admitted", "claimed"): used by the audit
    quote_only: bool = False  # a cue only around quoted words ("called the plan 'a farce'")
    #: a cue only before a clause opened by "that" ("accepted that the ledger was lost", not
    #: "accepted the offer", "would accept whatever the panel decided")
    that_only: bool = False
    subjects: tuple[str, ...] = ()  # if given, a cue only with these subjects ("the study found")
    #: if given, a cue only with one of these objects, which is part of what was said with the
    #: prepositional phrase after it ("put the death toll at 34")
    objects: tuple[str, ...] = ()
    #: not a cue when its object (or passive subject) is one of these: "rejected the plan" is a
    #: decision, "rejected the allegations" a denial
    not_objects: tuple[str, ...] = ()
    #: a cue in an aside opened by "as" ("As the mayor put it, ..."): the clause around says it
    aside: bool = False


@dataclass(frozen=True, slots=True)
class NounCue:
    lemma: str
    stance: str
    loaded: bool = False


@dataclass(frozen=True, slots=True)
class PhraseCue:
    words: tuple[str, ...]  # lemmas in order, the first is the verb: ("sound", "the", "alarm")
    stance: str
    preps: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PrepositionCue:
    words: tuple[str, ...]  # ("according", "to")
    stance: str = "neutral"
    #: a cue only opening its sentence, its phrase set off by a comma ("Per the filing, ...":
    #: not "$5 per hour")
    fronted: bool = False


@dataclass(frozen=True, slots=True)
class SourceEntry:
    canonical: str
    type: str
    names: tuple[str, ...]
    parent: str | None = None


@dataclass(frozen=True, slots=True)
class TypeTrigger:
    type: str
    heads: tuple[str, ...]  # head-noun lemmas of the mention ("source", "official")
    words: tuple[str, ...] = ()  # if given, one of these must also occur in the mention
    unnamed_only: bool = False  # only when the mention holds no proper name
    opens: tuple[str, ...] = ()  # also fits a name opening with one ("PT Sawu Mineral Utama")


@dataclass(frozen=True, slots=True)
class ChannelEntry:
    name: str
    words: tuple[str, ...]  # lowercased lemmas that name the channel ("statement", "telegram")
    kind: str  # "document", "platform", "event", "broadcast"
    #: verbs whose subject issued a document ("sue" for a lawsuit): "The lawsuit says" is the
    #: word of whoever "has sued"
    issued_by: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Thresholds:
    fuzzy_name: int = 90
    coref_back: int = 8
    coref_forward: int = 2
    min_direct_words: int = 4


@dataclass(frozen=True, slots=True)
class EventClass:
    """Words for one kind of event, so that "seized", "liberated" and "wrested control of"
    compare as the same statement."""

    name: str
    words: tuple[str, ...]  # lemmas, lowercase
    phrases: tuple[tuple[str, ...], ...] = ()  # lemma sequences: ("wrest", "control")


@dataclass(frozen=True, slots=True)
class Party:
    """A side with a stake in what it says about itself (a side of a conflict)."""

    name: str
    sources: tuple[str, ...]  # canonical names in sources.toml; their children belong too
    people: tuple[str, ...] = ()  # people who speak for it ("Vladimir Putin")
    words: tuple[str, ...] = ()  # words that name it in a statement ("russia", "russian")


@dataclass(frozen=True, slots=True)
class SpeakerRole:
    """A role that speaks for an institution: "chief executive" speaks for the company named
    before it in the article, "presiding judge" for the court."""

    words: tuple[str, ...]  # lowercase phrases looked for in the speaker mention
    speaks_for: tuple[str, ...]  # source types of the institution
    # only after the institution's own name ("Altamira spokesman Diego Ferraz"), which then
    # says which institution it is
    after_name: bool = False
    # written beside the person's name with the institution it is of: "Sea Lantern's head of
    # operations, Judith Amsel", "its director, Helena Vorn", "department spokeswoman Carol
    # Imrie", "Pablo Estrada, the head of the Corrow province emergency service"
    beside_name: bool = False


@dataclass(frozen=True, slots=True)
class Institution:
    """A kind of institution a speaker can speak for ("army spokesman", "Halvorsen chief
    executive"): what it says about itself is an interested party's word.

    ``speakers`` are words in the speaker's mention (or source types) that show it speaks for
    one; ``members`` words in a statement that show it talks about that institution ("the
    army", "our forces", "the company"); a ``conflict`` side is interested in what it says
    about the fighting (``conflict_events``) even when it does not name itself, unless it is
    ``only_about_itself`` (a government is a side only when it says "we" or "its forces")."""

    name: str
    speakers: tuple[str, ...]
    members: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    conflict: bool = False
    only_about_itself: bool = False


@dataclass(frozen=True, slots=True)
class ClaimRules:
    """Thresholds and word lists for grouping statements into claims and flagging them
    (``rules/claims.toml``)."""

    same_content: int = 85
    min_shared_words: int = 2
    max_block: int = 200
    topic_share: int = 25
    denial_window: int = 3
    restate_content: int = 80
    lede_shared_words: int = 2
    events: tuple[EventClass, ...] = ()
    parties: tuple[Party, ...] = ()
    roles: tuple[SpeakerRole, ...] = ()
    institutions: tuple[Institution, ...] = ()
    conflict_events: tuple[str, ...] = ()
    negations: tuple[str, ...] = ()
    rebuttals: tuple[str, ...] = ()
    contrasts: tuple[str, ...] = ()
    contrast_openers: tuple[str, ...] = ()
    measures: tuple[str, ...] = ()
    wrongdoing: tuple[str, ...] = ()
    outright: tuple[str, ...] = ()
    contesting: tuple[str, ...] = ()
    insisting: tuple[str, ...] = ()
    distancing_phrases: tuple[str, ...] = ()
    distancing_modifiers: tuple[str, ...] = ()
    idioms: tuple[str, ...] = ()
    interested_types: tuple[str, ...] = ()
    business_types: tuple[str, ...] = ()
    business_experts: tuple[str, ...] = ()
    announcements: tuple[str, ...] = ()
    public_bodies: tuple[str, ...] = ()
    turnout: tuple[str, ...] = ()
    accused_types: tuple[str, ...] = ()
    advocates: tuple[str, ...] = ()
    advocate_ties: tuple[str, ...] = ()
    practice_titles: tuple[str, ...] = ()
    figure_events: tuple[str, ...] = ()
    accusations: tuple[str, ...] = ()
    records: tuple[str, ...] = ()
    projections: tuple[str, ...] = ()
    not_yet: tuple[str, ...] = ()
    rule_books: tuple[str, ...] = ()
    formal_steps: tuple[str, ...] = ()
    hearsay: tuple[str, ...] = ()
    about_reporting: tuple[str, ...] = ()
    notices: tuple[str, ...] = ()
    public_record: tuple[str, ...] = ()
    time_units: tuple[str, ...] = ()
    counts: tuple[str, ...] = ()
    currencies: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AuditRule:
    id: str
    enabled: bool
    explanation: str


@dataclass(frozen=True, slots=True)
class AuditRules:
    """The editor's audit (``rules/audit.toml``): each rule switched on or off and worded."""

    rules: tuple[AuditRule, ...] = ()
    anonymity_reasons: tuple[str, ...] = ()

    def get(self, rule_id: str) -> AuditRule | None:
        """The rule with this id when it is switched on, else None."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule if rule.enabled else None
        return None


@dataclass(frozen=True, slots=True)
class Rules:
    verbs: dict[str, VerbCue]
    nouns: dict[str, NounCue]
    phrases: tuple[PhraseCue, ...]
    prepositions: tuple[PrepositionCue, ...]
    types: frozenset[str]
    sources: tuple[SourceEntry, ...]
    triggers: tuple[TypeTrigger, ...]
    channels: tuple[ChannelEntry, ...]
    thresholds: Thresholds = field(default_factory=Thresholds)
    source_index: dict[str, SourceEntry] = field(default_factory=dict)
    claims: ClaimRules = field(default_factory=ClaimRules)
    audit: AuditRules = field(default_factory=AuditRules)


# --- public API --------------------------------------------------------------------------------


def default_rules_dir() -> Path:
    """The folder the rules are read from: ``$PROVENANCE_RULES`` if set, else ``rules/``."""
    override = os.environ.get("PROVENANCE_RULES")
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "rules"


def once_for(cache: dict[int, tuple[Any, Any]], rules: object, make: Callable[[], Any]) -> Any:
    """``make()``, worked out once for a loaded ``rules`` (``Rules`` or one of its parts) and
    kept in ``cache`` by the object's identity (at most 16 kept: rules are loaded a few times
    a process, each load a new object)."""
    found = cache.get(id(rules))
    if found is None or found[0] is not rules:
        if len(cache) > 16:
            cache.clear()
        found = cache[id(rules)] = (rules, make())
    return found[1]


def rules_digest(rules: Rules) -> str:
    """A short fingerprint of everything in ``rules``: two loads of the same files give the
    same digest (sets are sorted, not taken in hash order); any edit gives another."""

    def plain(value: Any) -> Any:
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if isinstance(value, dict):
            return [[str(k), plain(v)] for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))]
        if isinstance(value, (set, frozenset)):
            return sorted((plain(v) for v in value), key=repr)
        if isinstance(value, (list, tuple)):
            return [plain(v) for v in value]
        return value

    text = json.dumps(plain(rules), sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def normalise_name(name: str) -> str:
    """The form source names are indexed and looked up by: lowercase, no leading "the ".

    >>> normalise_name("  The   Kremlin ")
    'kremlin'
    >>> normalise_name("Russia\u2019s defence ministry")
    "russia's defence ministry"
    """
    text = " ".join(name.replace("\u2019", "'").split()).lower()
    return text[4:] if text.startswith("the ") else text


def load_rules(directory: Path | str | None = None) -> Rules:
    """Read and validate the rule files once per folder (default: :func:`default_rules_dir`).

    Raises :class:`~provenance.errors.RulesError` listing every problem found.

    >>> load_rules().source_index[normalise_name("the Kremlin")].canonical
    'Russian government'
    """
    folder = Path(directory) if directory is not None else default_rules_dir()
    return _load_folder(folder.resolve())


def check_rules(directory: Path | str | None = None) -> list[str]:
    """Every problem in the rule files, as ``"<file>: <key>: <problem>; expected <what>"``.

    An empty list means :func:`load_rules` will succeed. Entries are counted from 1, as a
    reader counts the ``[[verb]]`` blocks in the file.
    """
    folder = Path(directory) if directory is not None else default_rules_dir()
    return _read_folder(folder.resolve())[0]


@functools.lru_cache(maxsize=16)
def _load_folder(folder: Path) -> Rules:
    problems, rules = _read_folder(folder)
    if rules is None:
        raise RulesError(problems)
    return rules


def _read_folder(folder: Path) -> tuple[list[str], Rules | None]:
    if not folder.is_dir():
        expected = "a folder holding " + ", ".join(RULE_FILES)
        return [f"{folder}: rules folder not found; expected {expected}"], None
    problems: list[str] = []
    verbs, nouns, phrases, prepositions = _read_cues(*_open(folder, "cues.toml", problems))
    types, sources, triggers, index = _read_sources(*_open(folder, "sources.toml", problems))
    channels = _read_channels(*_open(folder, "channels.toml", problems))
    thresholds = _read_resolve(*_open(folder, "resolve.toml", problems))
    claims = _read_claims(*_open(folder, "claims.toml", problems), types, sources)
    audit = _read_audit(*_open(folder, "audit.toml", problems))
    if problems:
        return problems, None
    rules = Rules(
        verbs=verbs,
        nouns=nouns,
        phrases=phrases,
        prepositions=prepositions,
        types=types,
        sources=sources,
        triggers=triggers,
        channels=channels,
        thresholds=thresholds,
        source_index=index,
        claims=claims,
        audit=audit,
    )
    return [], rules


# --- reporting problems ------------------------------------------------------------------------


class _Report:
    """Adds ``"<file>: <key>: <problem>; expected <what>"`` lines to a shared list."""

    def __init__(self, file: str, problems: list[str]) -> None:
        self.file = file
        self.problems = problems

    def __call__(self, key: str, problem: str, expected: str) -> None:
        where = f"{self.file}: {key}: " if key else f"{self.file}: "
        self.problems.append(f"{where}{problem}; expected {expected}")


def _open(folder: Path, name: str, problems: list[str]) -> tuple[_Report, dict[str, Any]]:
    """Parse one rule file. One that cannot be read is reported once, then checked as empty
    with a report that goes nowhere, so its absence does not produce a cascade of problems."""
    report = _Report(name, problems)
    path = folder / name
    try:
        with path.open("rb") as handle:
            return report, tomllib.load(handle)
    except FileNotFoundError:
        report("", f"file not found in {folder}", f"{name} with schema_version = {SCHEMA_VERSION}")
    except tomllib.TOMLDecodeError as error:
        key, message = _syntax_error_position(str(error))
        report(key, f"not valid TOML ({message})", "key = value lines and [table] headers")
    except (OSError, UnicodeDecodeError) as error:
        report("", f"cannot be read ({error})", "a readable UTF-8 text file")
    return _Report(name, []), {}


def _syntax_error_position(message: str) -> tuple[str, str]:
    """Split tomllib's "Invalid value (at line 3, column 7)" into ("line 3", "Invalid value,
    column 7") so the line reads like every other key path."""
    match = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
    if match is None:
        return "", message
    return f"line {match[1]}", f"{message[: match.start()]}, column {match[2]}"


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _one_of(values: Any) -> str:
    return "one of " + ", ".join(sorted(values))


# --- generic shape checks ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Kind:
    test: Callable[[Any], bool]
    expected: str


@dataclass(frozen=True, slots=True)
class _Key:
    kind: _Kind
    required: bool = False


def _is_word(value: Any) -> bool:
    return isinstance(value, str) and value.split() == [value] and value == value.lower()


def _is_list(value: Any, test: Callable[[Any], bool], *, empty: bool) -> bool:
    return isinstance(value, list) and (empty or bool(value)) and all(map(test, value))


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != ""


_VERSION = _Kind(
    lambda v: type(v) is int and v == SCHEMA_VERSION, f"schema_version = {SCHEMA_VERSION}"
)
_TEXT = _Kind(_is_text, 'text in quotes, e.g. "Reuters"')
_WORD = _Kind(_is_word, 'one lowercase word in quotes, e.g. "say"')
_WORDS = _Kind(
    lambda v: _is_list(v, _is_word, empty=True), 'a list of lowercase words, e.g. ["of", "about"]'
)
_SOME_WORDS = _Kind(
    lambda v: _is_list(v, _is_word, empty=False),
    'a non-empty list of lowercase words, e.g. ["source", "official"]',
)
_SOME_TEXTS = _Kind(
    lambda v: _is_list(v, _is_text, empty=False),
    'a non-empty list of names in quotes, e.g. ["Moscow", "the Kremlin"]',
)
_BOOL = _Kind(lambda v: isinstance(v, bool), "true or false")
_INT = _Kind(lambda v: type(v) is int, "a whole number, e.g. 8")
_TABLE = _Kind(lambda v: isinstance(v, dict), "a [section] of key = value lines")
_ENTRIES = _Kind(
    lambda v: isinstance(v, list) and all(isinstance(e, dict) for e in v),
    "repeated [[...]] blocks of key = value lines",
)


def _check_table(
    report: _Report, where: str, table: dict[str, Any], keys: dict[str, _Key]
) -> dict[str, Any]:
    """Report unknown, missing and mistyped keys of one table; return the keys that passed."""
    good: dict[str, Any] = {}
    for name, value in table.items():
        key, path = keys.get(name), f"{where}.{name}" if where else name
        if key is None:
            close = difflib.get_close_matches(name, list(keys), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            report(path, f"unknown key{hint}", _one_of(keys))
        elif not key.kind.test(value):
            report(path, f"got {_show(value)}", key.kind.expected)
        else:
            good[name] = value
    for name, key in keys.items():
        if key.required and name not in table:
            report(f"{where}.{name}" if where else name, "missing", key.kind.expected)
    return good


def _entries(
    report: _Report, top: dict[str, Any], name: str, keys: dict[str, _Key]
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Check each ``[[name]]`` block; yield ``("name[i]", its good keys)`` for the blocks that
    hold every required key, so later checks only see well-formed values."""
    for number, entry in enumerate(top.get(name, []), start=1):
        where = f"{name}[{number}]"
        good = _check_table(report, where, entry, keys)
        if all(key in good for key, spec in keys.items() if spec.required):
            yield where, good


def _first_time(report: _Report, seen: dict[Any, str], value: Any, key: str, what: str) -> bool:
    """Remember where ``value`` first appeared; report a repeat and return False."""
    if value in seen:
        shown = " ".join(value) if isinstance(value, tuple) else value
        report(key, f"{shown!r} is listed twice (first at {seen[value]})", what)
        return False
    seen[value] = key.rsplit(".", 1)[0]
    return True


def _stance(report: _Report, key: str, stance: str) -> bool:
    if stance in STANCES:
        return True
    report(key, f"{stance!r} is not a stance", _one_of(STANCES))
    return False


# --- cues.toml ---------------------------------------------------------------------------------

_PHRASE_WORDS = _Kind(
    lambda v: _is_list(v, _is_word, empty=False) and len(v) >= 2,
    'two or more lowercase words, e.g. ["sound", "the", "alarm"]',
)
_CUES_TOP = {
    "schema_version": _Key(_VERSION, required=True),
    "verb": _Key(_ENTRIES),
    "noun": _Key(_ENTRIES),
    "phrase": _Key(_ENTRIES),
    "preposition": _Key(_ENTRIES),
}
_VERB_KEYS = {
    "lemma": _Key(_WORD, required=True),
    "stance": _Key(_WORD, required=True),
    "object": _Key(_BOOL),
    "preps": _Key(_WORDS),
    "loaded": _Key(_BOOL),
    "quote_only": _Key(_BOOL),
    "that_only": _Key(_BOOL),
    "aside": _Key(_BOOL),
    "subjects": _Key(_WORDS),
    "objects": _Key(_WORDS),
    "not_objects": _Key(_WORDS),
}
_NOUN_KEYS = {
    "lemma": _Key(_WORD, required=True),
    "stance": _Key(_WORD, required=True),
    "loaded": _Key(_BOOL),
}
_PHRASE_KEYS = {
    "words": _Key(_PHRASE_WORDS, required=True),
    "stance": _Key(_WORD, required=True),
    "preps": _Key(_WORDS),
}
_PREPOSITION_KEYS = {
    "words": _Key(_SOME_WORDS, required=True),
    "stance": _Key(_WORD),
    "fronted": _Key(_BOOL),
}

_Cues = tuple[
    dict[str, VerbCue], dict[str, NounCue], tuple[PhraseCue, ...], tuple[PrepositionCue, ...]
]


def _read_cues(report: _Report, data: dict[str, Any]) -> _Cues:
    top = _check_table(report, "", data, _CUES_TOP)
    verbs = {
        e["lemma"]: VerbCue(
            lemma=e["lemma"],
            stance=e["stance"],
            object=e.get("object", False),
            preps=tuple(e.get("preps", ())),
            loaded=e.get("loaded", False),
            quote_only=e.get("quote_only", False),
            that_only=e.get("that_only", False),
            subjects=tuple(e.get("subjects", ())),
            objects=tuple(e.get("objects", ())),
            not_objects=tuple(e.get("not_objects", ())),
            aside=e.get("aside", False),
        )
        for e in _cues(report, top, "verb", _VERB_KEYS, "lemma")
    }
    nouns = {
        e["lemma"]: NounCue(e["lemma"], e["stance"], e.get("loaded", False))
        for e in _cues(report, top, "noun", _NOUN_KEYS, "lemma")
    }
    phrases = tuple(
        PhraseCue(tuple(e["words"]), e["stance"], tuple(e.get("preps", ())))
        for e in _cues(report, top, "phrase", _PHRASE_KEYS, "words")
    )
    prepositions = tuple(
        PrepositionCue(tuple(e["words"]), e.get("stance", "neutral"), e.get("fronted", False))
        for e in _cues(report, top, "preposition", _PREPOSITION_KEYS, "words")
    )
    return verbs, nouns, phrases, prepositions


def _cues(
    report: _Report, top: dict[str, Any], table: str, keys: dict[str, _Key], ident: str
) -> Iterator[dict[str, Any]]:
    """The well-formed ``[[table]]`` blocks with a known stance, each ``ident`` (lemma or
    words) once; the others are reported."""
    seen: dict[Any, str] = {}
    for where, entry in _entries(report, top, table, keys):
        value = entry[ident]
        value = tuple(value) if isinstance(value, list) else value
        fresh = _first_time(report, seen, value, f"{where}.{ident}", f"each {table} once")
        known = _stance(report, f"{where}.stance", entry.get("stance", "neutral"))
        if fresh and known:
            yield entry


# --- sources.toml ------------------------------------------------------------------------------

_SOURCES_TOP = {
    "schema_version": _Key(_VERSION, required=True),
    "types": _Key(_SOME_TEXTS, required=True),
    "source": _Key(_ENTRIES),
    "trigger": _Key(_ENTRIES),
}
_SOURCE_KEYS = {
    "canonical": _Key(_TEXT, required=True),
    "type": _Key(_TEXT, required=True),
    "names": _Key(_SOME_TEXTS, required=True),
    "parent": _Key(_TEXT),
}
_TRIGGER_KEYS = {
    "type": _Key(_TEXT, required=True),
    "heads": _Key(_SOME_WORDS, required=True),
    "words": _Key(_WORDS),
    "unnamed_only": _Key(_BOOL),
    "opens": _Key(_WORDS),
}

_Sources = tuple[
    frozenset[str], tuple[SourceEntry, ...], tuple[TypeTrigger, ...], dict[str, SourceEntry]
]


def _read_sources(report: _Report, data: dict[str, Any]) -> _Sources:
    top = _check_table(report, "", data, _SOURCES_TOP)
    types = top.get("types", [])
    seen: dict[Any, str] = {}
    for number, name in enumerate(types, start=1):
        _first_time(report, seen, name, f"types[{number}]", "each type once")
    located, index = _read_source_entries(report, top, frozenset(types))
    _check_parents(report, located)
    triggers = tuple(
        TypeTrigger(
            type=e["type"],
            heads=tuple(e["heads"]),
            words=tuple(e.get("words", ())),
            unnamed_only=e.get("unnamed_only", False),
            opens=tuple(e.get("opens", ())),
        )
        for where, e in _entries(report, top, "trigger", _TRIGGER_KEYS)
        if _known_type(report, f"{where}.type", e["type"], frozenset(types))
    )
    return frozenset(types), tuple(s for _, s in located), triggers, index


def _known_type(report: _Report, key: str, value: str, types: frozenset[str]) -> bool:
    # With no usable `types` list that one problem is reported, not one per entry.
    if not types or value in types:
        return True
    expected = "one of the types listed at the top: " + ", ".join(sorted(types))
    report(key, f"{value!r} is not a declared type", expected)
    return False


def _read_source_entries(
    report: _Report, top: dict[str, Any], types: frozenset[str]
) -> tuple[list[tuple[str, SourceEntry]], dict[str, SourceEntry]]:
    """Each ``[[source]]`` with where it stands, and every normalised name -> its source."""
    located: list[tuple[str, SourceEntry]] = []
    index: dict[str, SourceEntry] = {}
    seen: dict[Any, str] = {}
    for where, e in _entries(report, top, "source", _SOURCE_KEYS):
        source = SourceEntry(e["canonical"], e["type"], tuple(e["names"]), e.get("parent"))
        _known_type(report, f"{where}.type", source.type, types)
        named = [(f"{where}.canonical", source.canonical)]
        named += [(f"{where}.names[{n}]", name) for n, name in enumerate(source.names, start=1)]
        own: set[str] = set()
        for key, name in named:
            norm = normalise_name(name)
            if norm in own:  # "Kremlin" and "the Kremlin" are one name: harmless
                continue
            own.add(norm)
            if _first_time(report, seen, norm, key, "each name to belong to one source"):
                index[norm] = source
        located.append((where, source))
    return located, index


def _check_parents(report: _Report, located: list[tuple[str, SourceEntry]]) -> None:
    by_name = {source.canonical: source for _, source in located}
    for where, source in located:
        if source.parent is None:
            continue
        if source.parent not in by_name:
            close = difflib.get_close_matches(source.parent, list(by_name), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problem = f"{source.parent!r} is not the canonical name of any source{hint}"
            report(f"{where}.parent", problem, "the canonical name of another [[source]]")
        elif _parents_loop(source, by_name):
            problem = f"following parents from {source.canonical!r} goes round in a loop"
            report(f"{where}.parent", problem, "a chain of parents that ends")


def _parents_loop(source: SourceEntry, by_name: dict[str, SourceEntry]) -> bool:
    visited = {source.canonical}
    parent = source.parent
    while parent is not None and parent in by_name:
        if parent in visited:
            return True
        visited.add(parent)
        parent = by_name[parent].parent
    return False


# --- channels.toml -----------------------------------------------------------------------------

_CHANNELS_TOP = {"schema_version": _Key(_VERSION, required=True), "channel": _Key(_ENTRIES)}
_CHANNEL_KEYS = {
    "name": _Key(_TEXT, required=True),
    "words": _Key(_SOME_WORDS, required=True),
    "kind": _Key(_WORD, required=True),
    "issued_by": _Key(_WORDS),
}


def _read_channels(report: _Report, data: dict[str, Any]) -> tuple[ChannelEntry, ...]:
    top = _check_table(report, "", data, _CHANNELS_TOP)
    channels: list[ChannelEntry] = []
    names: dict[Any, str] = {}
    words: dict[Any, str] = {}
    for where, e in _entries(report, top, "channel", _CHANNEL_KEYS):
        good = e["kind"] in CHANNEL_KINDS
        if not good:
            report(f"{where}.kind", f"{e['kind']!r} is not a channel kind", _one_of(CHANNEL_KINDS))
        good &= _first_time(report, names, e["name"], f"{where}.name", "each channel once")
        for number, word in enumerate(e["words"], start=1):
            key = f"{where}.words[{number}]"
            good &= _first_time(report, words, word, key, "each word to name one channel")
        if good:
            issued_by = tuple(e.get("issued_by", ()))
            channels.append(ChannelEntry(e["name"], tuple(e["words"]), e["kind"], issued_by))
    return tuple(channels)


# --- resolve.toml ------------------------------------------------------------------------------

# (section, key in the file, Thresholds field, highest allowed value); all are whole numbers >= 0
_THRESHOLDS: tuple[tuple[str, str, str, int | None], ...] = (
    ("names", "fuzzy_threshold", "fuzzy_name", 100),
    ("coref", "max_sentences_back", "coref_back", None),
    ("coref", "max_sentences_forward", "coref_forward", None),
    ("quotes", "min_direct_words", "min_direct_words", None),
)
_RESOLVE_TOP = {
    "schema_version": _Key(_VERSION, required=True),
    **{section: _Key(_TABLE) for section, *_ in _THRESHOLDS},
}


def _read_resolve(report: _Report, data: dict[str, Any]) -> Thresholds:
    top = _check_table(report, "", data, _RESOLVE_TOP)
    values: dict[str, int] = {}
    for section in dict.fromkeys(row[0] for row in _THRESHOLDS):
        rows = [row for row in _THRESHOLDS if row[0] == section]
        keys = {row[1]: _Key(_INT) for row in rows}
        good = _check_table(report, section, top.get(section, {}), keys)
        for _, key, name, highest in rows:
            if key in good and _in_range(report, f"{section}.{key}", good[key], highest):
                values[name] = good[key]
    return Thresholds(**values)


def _in_range(report: _Report, key: str, value: int, highest: int | None) -> bool:
    if value >= 0 and (highest is None or value <= highest):
        return True
    allowed = f"0 to {highest}" if highest is not None else "0 or more"
    report(key, f"got {value}", f"a whole number, {allowed}")
    return False


# --- claims.toml -------------------------------------------------------------------------------


def _is_phrase(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != "" and value == value.lower()


_PHRASES = _Kind(
    lambda v: _is_list(v, _is_phrase, empty=True),
    'a list of lowercase words or phrases, e.g. ["could not be verified", "alleged"]',
)
_SOME_PHRASES = _Kind(
    lambda v: _is_list(v, _is_phrase, empty=False),
    'a non-empty list of lowercase words or phrases, e.g. ["chief executive", "ceo"]',
)
_TEXTS = _Kind(
    lambda v: _is_list(v, _is_text, empty=True), 'a list of names, e.g. ["Vladimir Putin"]'
)
_LEMMA_PHRASES = _Kind(
    lambda v: isinstance(v, list) and all(_PHRASE_WORDS.test(p) for p in v),
    'a list of word lists, e.g. [["wrest", "control"]]',
)

# (section, key, ClaimRules field, highest allowed value): whole numbers >= 0
_CLAIM_NUMBERS: tuple[tuple[str, str, str, int | None], ...] = (
    ("grouping", "same_content", "same_content", 100),
    ("grouping", "min_shared_words", "min_shared_words", None),
    ("grouping", "max_block", "max_block", None),
    ("grouping", "topic_share", "topic_share", 100),
    ("grouping", "denial_window", "denial_window", None),
    ("unattributed", "restate_content", "restate_content", 100),
    ("unattributed", "lede_shared_words", "lede_shared_words", None),
)
# (section, key, ClaimRules field, kind): word lists
_CLAIM_LISTS: tuple[tuple[str, str, str, _Kind], ...] = (
    ("distancing", "phrases", "distancing_phrases", _PHRASES),
    ("distancing", "modifiers", "distancing_modifiers", _WORDS),
    ("distancing", "idioms", "idioms", _WORDS),
    ("interest", "types", "interested_types", _TEXTS),
    ("interest", "business_types", "business_types", _TEXTS),
    ("interest", "business_experts", "business_experts", _PHRASES),
    ("interest", "announcements", "announcements", _PHRASES),
    ("interest", "public_bodies", "public_bodies", _WORDS),
    ("interest", "turnout", "turnout", _PHRASES),
    ("interest", "accused_types", "accused_types", _TEXTS),
    ("interest", "advocates", "advocates", _WORDS),
    ("interest", "advocate_ties", "advocate_ties", _WORDS),
    ("interest", "practice_titles", "practice_titles", _WORDS),
    ("interest", "conflict_events", "conflict_events", _WORDS),
    ("disputes", "negations", "negations", _WORDS),
    ("disputes", "rebuttals", "rebuttals", _PHRASES),
    ("disputes", "contrasts", "contrasts", _PHRASES),
    ("disputes", "contrast_openers", "contrast_openers", _WORDS),
    ("disputes", "measures", "measures", _WORDS),
    ("disputes", "wrongdoing", "wrongdoing", _PHRASES),
    ("disputes", "outright", "outright", _WORDS),
    ("disputes", "contesting", "contesting", _WORDS),
    ("disputes", "insisting", "insisting", _WORDS),
    ("unattributed", "figure_events", "figure_events", _WORDS),
    ("unattributed", "accusations", "accusations", _WORDS),
    ("unattributed", "records", "records", _WORDS),
    ("unattributed", "projections", "projections", _WORDS),
    ("unattributed", "not_yet", "not_yet", _WORDS),
    ("unattributed", "rule_books", "rule_books", _WORDS),
    ("unattributed", "formal_steps", "formal_steps", _PHRASES),
    ("unattributed", "hearsay", "hearsay", _PHRASES),
    ("unattributed", "about_reporting", "about_reporting", _WORDS),
    ("unattributed", "notices", "notices", _PHRASES),
    ("unattributed", "public_record", "public_record", _WORDS),
    ("unattributed", "time_units", "time_units", _WORDS),
    ("unattributed", "counts", "counts", _WORDS),
    ("unattributed", "currencies", "currencies", _WORDS),
)
_CLAIM_SECTIONS = ("grouping", "unattributed", "distancing", "interest", "disputes")
_CLAIMS_TOP = {
    "schema_version": _Key(_VERSION, required=True),
    **{section: _Key(_TABLE) for section in _CLAIM_SECTIONS},
    "event": _Key(_ENTRIES),
    "party": _Key(_ENTRIES),
    "role": _Key(_ENTRIES),
    "institution": _Key(_ENTRIES),
}
_EVENT_KEYS = {
    "name": _Key(_WORD, required=True),
    "words": _Key(_SOME_WORDS, required=True),
    "phrases": _Key(_LEMMA_PHRASES),
}
_PARTY_KEYS = {
    "name": _Key(_TEXT, required=True),
    "sources": _Key(_SOME_TEXTS, required=True),
    "people": _Key(_TEXTS),
    "words": _Key(_WORDS),
}
_INSTITUTION_KEYS = {
    "name": _Key(_TEXT, required=True),
    "speakers": _Key(_SOME_PHRASES, required=True),
    "members": _Key(_PHRASES),
    "types": _Key(_TEXTS),
    "conflict": _Key(_BOOL),
    "only_about_itself": _Key(_BOOL),
}
_ROLE_KEYS = {
    "words": _Key(_SOME_PHRASES, required=True),
    "speaks_for": _Key(_SOME_TEXTS, required=True),
    "after_name": _Key(_BOOL),
    "beside_name": _Key(_BOOL),
}


def _read_claims(
    report: _Report,
    data: dict[str, Any],
    types: frozenset[str],
    sources: tuple[SourceEntry, ...],
) -> ClaimRules:
    top = _check_table(report, "", data, _CLAIMS_TOP)
    values: dict[str, Any] = {}
    for section in _CLAIM_SECTIONS:
        keys = {row[1]: _Key(_INT) for row in _CLAIM_NUMBERS if row[0] == section}
        keys |= {row[1]: _Key(row[3]) for row in _CLAIM_LISTS if row[0] == section}
        good = _check_table(report, section, top.get(section, {}), keys)
        for row_section, key, name, highest in _CLAIM_NUMBERS:
            if row_section != section or key not in good:
                continue
            if _in_range(report, f"{section}.{key}", good[key], highest):
                values[name] = good[key]
        for row_section, key, name, _ in _CLAIM_LISTS:
            if row_section == section and key in good:
                values[name] = tuple(good[key])
    for key, name in (("types", "interested_types"), ("accused_types", "accused_types")):
        for number, kind in enumerate(values.get(name, ()), start=1):
            _known_type(report, f"interest.{key}[{number}]", kind, types)
    events = _read_events(report, top)
    names = {e.name for e in events}
    for field_name, key in (("figure_events", "unattributed"), ("conflict_events", "interest")):
        for number, name in enumerate(values.get(field_name, ()), start=1):
            if name not in names:
                expected = "the name of an [[event]] in claims.toml: " + ", ".join(sorted(names))
                report(f"{key}.{field_name}[{number}]", f"{name!r} is not an event", expected)
    return ClaimRules(
        **values,
        events=events,
        parties=_read_parties(report, top, sources),
        roles=_read_roles(report, top, types),
        institutions=_read_institutions(report, top, types),
    )


def _read_events(report: _Report, top: dict[str, Any]) -> tuple[EventClass, ...]:
    events: list[EventClass] = []
    names: dict[Any, str] = {}
    words: dict[Any, str] = {}
    for where, e in _entries(report, top, "event", _EVENT_KEYS):
        good = _first_time(report, names, e["name"], f"{where}.name", "each event once")
        for number, word in enumerate(e["words"], start=1):
            key = f"{where}.words[{number}]"
            good &= _first_time(report, words, word, key, "each word in one event")
        if good:
            phrases = tuple(tuple(p) for p in e.get("phrases", ()))
            events.append(EventClass(e["name"], tuple(e["words"]), phrases))
    return tuple(events)


def _read_parties(
    report: _Report, top: dict[str, Any], sources: tuple[SourceEntry, ...]
) -> tuple[Party, ...]:
    canonicals = {s.canonical for s in sources}
    parties: list[Party] = []
    for where, e in _entries(report, top, "party", _PARTY_KEYS):
        good = True
        for number, name in enumerate(e["sources"], start=1):
            if canonicals and name not in canonicals:
                close = difflib.get_close_matches(name, list(canonicals), n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                problem = f"{name!r} is not the canonical name of a source{hint}"
                report(f"{where}.sources[{number}]", problem, "a canonical name in sources.toml")
                good = False
        if good:
            parties.append(
                Party(
                    e["name"],
                    tuple(e["sources"]),
                    tuple(e.get("people", ())),
                    tuple(e.get("words", ())),
                )
            )
    return tuple(parties)


def _read_institutions(
    report: _Report, top: dict[str, Any], types: frozenset[str]
) -> tuple[Institution, ...]:
    found: list[Institution] = []
    for where, e in _entries(report, top, "institution", _INSTITUTION_KEYS):
        known = [
            _known_type(report, f"{where}.types[{n}]", kind, types)
            for n, kind in enumerate(e.get("types", []), start=1)
        ]
        if all(known):
            found.append(
                Institution(
                    e["name"],
                    tuple(e["speakers"]),
                    tuple(e.get("members", ())),
                    tuple(e.get("types", ())),
                    bool(e.get("conflict", False)),
                    bool(e.get("only_about_itself", False)),
                )
            )
    return tuple(found)


def _read_roles(
    report: _Report, top: dict[str, Any], types: frozenset[str]
) -> tuple[SpeakerRole, ...]:
    roles: list[SpeakerRole] = []
    for where, e in _entries(report, top, "role", _ROLE_KEYS):
        known = [
            _known_type(report, f"{where}.speaks_for[{n}]", kind, types)
            for n, kind in enumerate(e["speaks_for"], start=1)
        ]
        if all(known):
            roles.append(
                SpeakerRole(
                    tuple(e["words"]),
                    tuple(e["speaks_for"]),
                    bool(e.get("after_name", False)),
                    bool(e.get("beside_name", False)),
                )
            )
    return tuple(roles)


# --- audit.toml --------------------------------------------------------------------------------

_AUDIT_TOP = {
    "schema_version": _Key(_VERSION, required=True),
    "anonymity_reasons": _Key(_PHRASES),
    "rule": _Key(_TABLE),
}
_AUDIT_RULE_KEYS = {
    "enabled": _Key(_BOOL, required=True),
    "explanation": _Key(_TEXT, required=True),
}


def _read_audit(report: _Report, data: dict[str, Any]) -> AuditRules:
    top = _check_table(report, "", data, _AUDIT_TOP)
    table = top.get("rule", {})
    found: list[AuditRule] = []
    for rule_id, entry in table.items():
        where = f"rule.{rule_id}"
        if rule_id not in AUDIT_RULE_IDS:
            close = difflib.get_close_matches(rule_id, AUDIT_RULE_IDS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            report(where, f"unknown audit rule{hint}", _one_of(AUDIT_RULE_IDS))
            continue
        if not isinstance(entry, dict):
            report(where, f"got {_show(entry)}", "a [rule.<id>] table with enabled and explanation")
            continue
        good = _check_table(report, where, entry, _AUDIT_RULE_KEYS)
        if len(good) == len(_AUDIT_RULE_KEYS):
            found.append(AuditRule(rule_id, good["enabled"], good["explanation"]))
    if data:  # an unreadable file was reported once already
        for rule_id in AUDIT_RULE_IDS:
            if rule_id not in table:
                report(f"rule.{rule_id}", "missing", "enabled = true or false and an explanation")
    return AuditRules(tuple(found), tuple(top.get("anonymity_reasons", ())))
