"""Plain, frozen data passed between the stages (extract -> resolve -> claims -> store)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["direct", "mixed", "indirect"]


@dataclass(frozen=True, slots=True)
class Span:
    """A ``[start, end)`` character range into the document text, with that text."""

    start: int
    end: int
    text: str

    def as_list(self) -> list[int]:
        return [self.start, self.end]


@dataclass(frozen=True, slots=True)
class Hop:
    """One link in the chain the words travelled through, listed from origin outwards.

    ``role`` is ``"origin"`` (who first said it), ``"relay"`` (an outlet or document that passed
    it on: "TASS reported, citing ...", "an AFP analysis of data from ..."), or ``"channel"``
    (the medium: a statement, a readout, a Telegram post).
    """

    name: str
    role: str
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attributed statement: what was said, by whom, how it was found.

    >>> # 'The army will grow, the minister said.' gives kind='indirect',
    >>> # content='The army will grow', speaker='the minister', cue='said'.
    """

    kind: Kind
    content: Span
    speaker: Span | None
    cue: Span | None
    rule: str
    confidence: float
    fragments: tuple[Span, ...] = ()
    coref: Span | None = None
    source: str | None = None
    source_type: str | None = None
    source_evidence: str | None = None
    via: tuple[str, ...] = ()
    chain: tuple[Hop, ...] = ()
    channel: str | None = None
    addressee: str | None = None
    stance: str = "neutral"

    def to_json(self) -> dict[str, Any]:
        """The JSONL contract of ``provenance extract --format jsonl`` (one quote)."""
        out: dict[str, Any] = {
            "kind": self.kind,
            "content": self.content.as_list(),
            "content_text": self.content.text,
        }
        if len(self.fragments) > 1:
            out["content_fragments"] = [f.as_list() for f in self.fragments]
        out.update(
            speaker=self.speaker.as_list() if self.speaker else None,
            speaker_text=self.speaker.text if self.speaker else None,
            cue=self.cue.as_list() if self.cue else None,
            cue_text=self.cue.text if self.cue else None,
            coref=self.coref.text if self.coref else None,
            coref_span=self.coref.as_list() if self.coref else None,
            source=self.source,
            source_type=self.source_type,
            source_evidence=self.source_evidence,
            via=list(self.via),
            chain=[{"name": h.name, "role": h.role} for h in self.chain],
            channel=self.channel,
            addressee=self.addressee,
            stance=self.stance,
            rule=self.rule,
            confidence=round(self.confidence, 3),
        )
        return out


@dataclass(frozen=True, slots=True)
class Document:
    """An article as read: its id (file name without extension), path and exact text."""

    doc_id: str
    text: str
    path: str | None = None
    attributions: tuple[Attribution, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "path": self.path,
            "quotes": [a.to_json() for a in self.attributions],
        }


# --- the store: what an article says about itself, and what the database gives back -----------


@dataclass(frozen=True, slots=True)
class Masthead:
    """What an article says about itself: the publishing outlet (where every chain starts),
    byline, dateline and published date (ISO), each ``None`` when not found."""

    outlet: str | None = None
    byline: str | None = None
    dateline: str | None = None
    published: str | None = None


@dataclass(frozen=True, slots=True)
class StoredHop:
    """One hop of a stored chain: the name in the text, its role, and the source it was
    linked to in the database (``None`` when it names no known source, e.g. a readout)."""

    name: str
    role: str
    source: str | None = None
    source_id: str | None = None
    span: Span | None = None

    @property
    def label(self) -> str:
        return self.source or self.name


@dataclass(frozen=True, slots=True)
class StoredAttribution:
    """An attribution as stored: the extracted fields, its article, and its links.

    ``chain`` runs from the origin outwards, as in :class:`Attribution`; :meth:`path` gives
    it the way a reader follows it, from the publishing outlet in to the origin.
    """

    id: str
    document_id: str
    doc_id: str
    kind: str
    content: Span
    rule: str
    confidence: float
    stance: str = "neutral"
    fragments: tuple[Span, ...] = ()
    speaker: Span | None = None
    coref: Span | None = None
    cue: Span | None = None
    source: str | None = None
    source_id: str | None = None
    source_type: str | None = None
    parent: str | None = None
    source_evidence: str | None = None
    source_link: str | None = None
    channel: str | None = None
    addressee: str | None = None
    outlet: str | None = None
    published: str | None = None
    chain: tuple[StoredHop, ...] = ()

    def path(self) -> list[str]:
        """Names from the publishing outlet to the origin: ['AFP', 'TASS', 'diplomatic
        source']. An outlet relaying itself ('an AFP analysis' in AFP copy) stays a hop."""
        names = [h.label for h in reversed(self.chain)]
        if not names and self.source:
            names = [self.source]
        return [self.outlet, *names] if self.outlet else names

    def chain_text(self) -> str:
        return " -> ".join(self.path())

    def to_json(self) -> dict[str, Any]:
        def span(s: Span | None) -> list[int] | None:
            return s.as_list() if s else None

        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "document_id": self.document_id,
            "published": self.published,
            "outlet": self.outlet,
            "kind": self.kind,
            "content": self.content.as_list(),
            "content_text": self.content.text,
            "content_fragments": [f.as_list() for f in self.fragments] or None,
            "speaker": span(self.speaker),
            "speaker_text": self.speaker.text if self.speaker else None,
            "coref": self.coref.text if self.coref else None,
            "coref_span": span(self.coref),
            "cue": span(self.cue),
            "cue_text": self.cue.text if self.cue else None,
            "source": self.source,
            "source_id": self.source_id,
            "source_type": self.source_type,
            "parent": self.parent,
            "source_evidence": self.source_evidence,
            "source_link": self.source_link,
            "channel": self.channel,
            "addressee": self.addressee,
            "stance": self.stance,
            "chain": [
                {
                    "name": h.name,
                    "role": h.role,
                    "source": h.source,
                    "source_id": h.source_id,
                    "span": span(h.span),
                }
                for h in self.chain
            ],
            "path": self.path(),
            "rule": self.rule,
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True, slots=True)
class SourceSummary:
    """A stored source with how much it said. ``only_in`` is the doc_id of the one article a
    described source ("a diplomatic source") belongs to; named sources span articles."""

    id: str
    name: str
    type: str | None
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    only_in: str | None = None
    statements: int = 0
    documents: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "parent": self.parent,
            "aliases": list(self.aliases),
            "only_in": self.only_in,
            "statements": self.statements,
            "documents": self.documents,
        }


@dataclass(frozen=True, slots=True)
class Trace:
    """An attribution with the sentence it stands in and its article's byline and path."""

    attribution: StoredAttribution
    sentence: Span
    byline: str | None = None
    path: str | None = None
    others: int = 0  # further matches when traced by a search string

    def to_json(self) -> dict[str, Any]:
        return {
            **self.attribution.to_json(),
            "sentence": self.sentence.as_list(),
            "sentence_text": self.sentence.text,
            "byline": self.byline,
            "file": self.path,
        }
