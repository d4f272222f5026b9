"""What an article says about itself: its publishing outlet, byline, dateline and date.

Plain text heuristics, no parse. The outlet is where a chain of attribution starts (the wire
that published the story, then whoever it quotes). It is taken, in order, from ``--outlet``,
a dateline ("KYIV (AFP) -"), or the text's references to itself: wire copy names its own
agency when a source speaks to it ("told AFP"), when its staff count something ("an AFP
analysis", "an AFP tally") and for its unnamed sources ("an AFP source"). Only the news media
listed in ``rules/sources.toml`` count, and a tie between two outlets gives no outlet.

>>> from provenance.rules import load_rules
>>> read_masthead("Title\\nAn official told AFP it was over.\\nP.Lynch--IP", load_rules())
Masthead(outlet='AFP', byline='P.Lynch--IP', dateline=None, published=None)
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from provenance.models import Masthead
from provenance.rules import Rules, normalise_name

MEDIA_TYPES = frozenset({"media", "state media"})
_BYLINE_WIRE = re.compile(r"^[A-Z][\w.' -]{0,60}--[A-Z/]{1,12}$")  # "P.Lynch--IP"
_BYLINE_BY = re.compile(r"^By [A-Z][\w.' -]{1,80}$")
_DATELINE = re.compile(
    r"^([A-Z][A-Z .'-]{1,40}(?:, [A-Z][\w .]{1,30})?) \(([^()]{2,40})\) ?[-\u2013\u2014]"
)
_DATE_LINE = re.compile(r"^(?:(?:Published|Updated|Date)\s*:?\s*)?(.{6,40})$", re.I)
_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y", "%Y-%m-%dT%H:%M:%S")
# self-references of wire copy and their weight: a dateline is the strongest
_SELF = (
    (r"\btold {}\b", 1),
    (
        r"\b(?:an?|the) {} (?:analysis|tally|count|source|survey|"
        r"correspondent|reporter|journalist|photographer|investigation|calculation)\b",
        2,
    ),
)


def read_masthead(text: str, rules: Rules, outlet: str | None = None) -> Masthead:
    """The article's outlet (``outlet`` when given), byline, dateline and published date."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    byline = _byline(lines)
    dateline, dateline_outlet = _dateline(lines)
    found = outlet or dateline_outlet or detect_outlet(text, rules)
    return Masthead(canonical_outlet(found, rules), byline, dateline, _published(lines))


def canonical_outlet(name: str | None, rules: Rules) -> str | None:
    """'Agence France-Presse' -> 'AFP' (a name listed in ``rules/sources.toml``), else as given.

    >>> from provenance.rules import load_rules
    >>> canonical_outlet("Agence France-Presse", load_rules())
    'AFP'
    """
    if not name or not name.strip():
        return None
    entry = rules.source_index.get(normalise_name(name))
    return entry.canonical if entry is not None else name.strip()


def detect_outlet(text: str, rules: Rules) -> str | None:
    """The news outlet the text refers to as itself most often, or ``None``.

    >>> from provenance.rules import load_rules
    >>> detect_outlet("An AFP source said so. He told AFP more.", load_rules())
    'AFP'
    """
    score: Counter[str] = Counter()
    for entry in rules.sources:
        if entry.type not in MEDIA_TYPES:
            continue
        names = "|".join(re.escape(n) for n in sorted({entry.canonical, *entry.names}, key=len))
        for pattern, weight in _SELF:
            hits = len(re.findall(pattern.format(f"(?:{names})"), text))
            if hits:
                score[entry.canonical] += hits * weight
    ranked = score.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _byline(lines: list[str]) -> str | None:
    if lines and _BYLINE_WIRE.match(lines[-1]):
        return lines[-1]
    return next((line for line in lines[:4] if _BYLINE_BY.match(line)), None)


def _dateline(lines: list[str]) -> tuple[str | None, str | None]:
    """'KYIV (AFP) - ...' -> ('KYIV (AFP)', 'AFP'), from one of the first paragraphs."""
    for line in lines[:3]:
        m = _DATELINE.match(line)
        if m:
            return f"{m.group(1)} ({m.group(2)})", m.group(2)
    return None, None


def _published(lines: list[str]) -> str | None:
    """An ISO date from a line that is only a date ('2024-10-29', 'Published: 29 October
    2024') among the first and last lines."""
    for line in lines[:4] + lines[-3:]:
        m = _DATE_LINE.match(line)
        if not m:
            continue
        for fmt in _DATE_FORMATS:
            try:
                return dt.datetime.strptime(m.group(1).strip(), fmt).date().isoformat()
            except ValueError:
                continue
    return None
