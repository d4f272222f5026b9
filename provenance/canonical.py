"""One source per canonical name across documents: the matching rules, without SQL.

The extractor resolves each speaker within its article ("Zelensky" -> "Volodymyr Zelensky",
"Moscow" -> "Russian government"). Across articles the store still has to decide whether a
name it is given is a source it already holds. These pure functions make that decision over
the candidates the store fetches (:mod:`provenance.store` does the SQL):

- a **key** compares names without capitals, accents, punctuation or a leading "the";
- a **block** (the first letters of the key's last word) limits fuzzy matching to names that
  could be spelling variants, so matching never compares all pairs;
- a **bare surname** joins a person only when exactly one person with that surname is known;
- a **description** ("a diplomatic source", "the ministry", "analysts") is not an identity:
  it is a source of its own article only, never merged with another article's.

>>> name_key("Jana Dvořáková") == name_key("jana dvorakova")
True
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz

from provenance.rules import normalise_name

# Types given to speakers named by a description rather than a name: each article's
# "diplomatic source" is somebody else, so these never match across documents.
DESCRIBED_TYPES = frozenset({"anonymous", "anonymous official", "vague", "media analysis"})
# Evidence (from the extractor) that the name is a description, not a name.
_DESCRIBED_EVIDENCE = ("head noun", "mention text")
_PERSON_EVIDENCE = "person name"
_BLOCK = 4  # letters of the last word that a spelling variant must share
_NOT_WORD = re.compile(r"[^\w']+")
_PRONOUNS = frozenset(
    {"i", "me", "we", "us", "you", "he", "him", "she", "her", "it", "they", "them"}
    | {"who", "whom", "which", "that", "this", "these", "those"}
)


@dataclass(frozen=True, slots=True)
class KnownSource:
    """A source row as the matcher sees it."""

    id: str
    name: str
    key: str
    type: str | None
    person: bool


@dataclass(frozen=True, slots=True)
class Match:
    """A known source chosen for a name, and how: kept as the link's evidence."""

    source: KnownSource
    method: str


@functools.lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The form names are compared in: lowercase, no accents, no punctuation, no "the".

    >>> name_key("The Russian  Defence-Ministry")
    'russian defence ministry'
    """
    text = unicodedata.normalize("NFKD", normalise_name(name))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(_NOT_WORD.sub(" ", text).replace("'s ", " ").split())


def block_key(key: str) -> str:
    """The blocking key of a name key: the first letters of its last word.

    >>> block_key("volodymyr zelenskyy"), block_key("zelensky")
    ('zele', 'zele')
    """
    words = key.split()
    return words[-1][:_BLOCK] if words else ""


def is_person(evidence: str | None) -> bool:
    """The extractor recognised the speaker as a person's name."""
    return bool(evidence) and str(evidence).startswith(_PERSON_EVIDENCE)


def is_described(source_type: str | None, evidence: str | None) -> bool:
    """The speaker is known by a description only, so it is a source of its document alone.

    >>> is_described("anonymous", "head noun 'source' (anonymous)")
    True
    >>> is_described("person", "person name")
    False
    """
    if source_type in DESCRIBED_TYPES or not evidence:
        return True
    return str(evidence).startswith(_DESCRIBED_EVIDENCE)


def is_pronoun(text: str) -> bool:
    """'who', 'he', 'they': mentions that are not names, so never kept as aliases."""
    return name_key(text) in _PRONOUNS


def only_person_with_surname(surname_key: str, known: list[KnownSource]) -> Match | None:
    """The single known person whose last name is ``surname_key``, or ``None`` when there is
    none or more than one: two people who share a surname are never guessed between.

    >>> zel = KnownSource("1", "Volodymyr Zelensky", "volodymyr zelensky", "official", True)
    >>> only_person_with_surname("zelensky", [zel]).source.name
    'Volodymyr Zelensky'
    >>> olena = KnownSource("2", "Olena Zelensky", "olena zelensky", "person", True)
    >>> only_person_with_surname("zelensky", [zel, olena]) is None
    True
    """
    people = [
        k for k in known if k.person and len(k.key.split()) > 1 and k.key.split()[-1] == surname_key
    ]
    if len(people) != 1:
        return None
    return Match(people[0], f"the only known person named {surname_key.title()!r}")


def closest(
    key: str, source_type: str | None, person: bool, known: list[KnownSource], threshold: int
) -> Match | None:
    """The known source whose name is a spelling variant of ``key`` (rapidfuzz ratio at least
    ``threshold``), or ``None``.

    A variant has as many words, the same short words (initials and acronyms: "US" is not
    "UK"), the same person-ness and a compatible type; for people the last names must also be
    alike on their own, so a long shared first name cannot carry a different surname.

    >>> zel = KnownSource("1", "Volodymyr Zelensky", "volodymyr zelensky", "official", True)
    >>> closest("volodymyr zelenskyy", "person", True, [zel], 90).method
    "spelling variant of 'Volodymyr Zelensky' (rapidfuzz 94)"
    """
    best: tuple[float, KnownSource] | None = None
    words = key.split()
    for k in known:
        if k.person != person or not _same_shape(words, k.key.split()):
            continue
        if source_type and k.type and source_type != k.type and not person:
            continue
        score = fuzz.ratio(key, k.key)
        if person:
            score = min(score, fuzz.ratio(words[-1], k.key.split()[-1]))
        if score >= threshold and (best is None or score > best[0]):
            best = (score, k)
    if best is None:
        return None
    return Match(best[1], f"spelling variant of {best[1].name!r} (rapidfuzz {best[0]:.0f})")


def _same_shape(a: list[str], b: list[str]) -> bool:
    if len(a) != len(b):
        return False
    return all(x == y for x, y in zip(a, b, strict=True) if len(x) <= 3 or len(y) <= 3)
