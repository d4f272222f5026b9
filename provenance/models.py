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
