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
    via: tuple[str, ...] = ()

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
            "via": list(self.via),
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


# --- the parse as plain data: what the claims stage reads without importing spaCy --------------


@dataclass(frozen=True, slots=True)
class Word:
    """One token of a parsed sentence. ``head`` is the start offset of its syntactic head
    (its own start for the root, -1 without a parse); ``entity`` is the named-entity label
    ("GPE", "PERSON", "CARDINAL") or "" outside entities; ``number`` is spaCy's ``like_num``."""

    start: int
    end: int
    text: str
    lemma: str
    pos: str = ""
    tag: str = ""
    dep: str = ""
    head: int = -1
    entity: str = ""
    number: bool = False


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: its span in the document text, its words, and its named entities
    (``(start, end, label)`` character spans, e.g. ``(0, 6, "GPE")`` for "Moscow")."""

    start: int
    end: int
    text: str
    words: tuple[Word, ...]
    entities: tuple[tuple[int, int, str], ...] = ()


# --- claims: statements grouped across articles, their origins and flags -----------------------


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a flag was raised: the rule, a one-line explanation, and where it was seen.

    ``attribution`` is the index of the attribution in its document (``None`` for a sentence in
    the reporter's own voice); ``span`` the cue or phrase that triggered the rule.
    """

    rule: str
    detail: str
    doc_id: str | None = None
    attribution: int | None = None
    span: Span | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "detail": self.detail,
            "doc_id": self.doc_id,
            "attribution": self.attribution,
            "span": self.span.as_list() if self.span else None,
            "text": self.span.text if self.span else None,
        }


@dataclass(frozen=True, slots=True)
class Flag:
    """A flag of the gold README (``single_source``, ``disputed``, ...) and its evidence."""

    name: str
    evidence: tuple[Evidence, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"flag": self.name, "evidence": [e.to_json() for e in self.evidence]}


@dataclass(frozen=True, slots=True)
class Origin:
    """An independent original source of a claim, after following chains and rolling a
    ministry up into its government: ``key`` is what two origins are compared by (the topmost
    listed parent, or the name; a described source such as "a diplomatic source" is keyed to
    its article), ``name`` the most specific name it was given. ``members`` are the indexes of
    the claim members that trace back to it; ``relays`` the outlets or documents in between."""

    name: str
    key: str
    type: str | None = None
    members: tuple[int, ...] = ()
    relays: tuple[str, ...] = ()

    @property
    def anonymous(self) -> bool:
        return self.type in ("anonymous", "anonymous official", "vague")

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "type": self.type, "relays": list(self.relays)}


@dataclass(frozen=True, slots=True)
class ClaimMember:
    """One statement of a claim: an attribution (``index`` into its document's attributions)
    or, for an unattributed claim, a sentence in the reporter's voice (``index`` is None).

    ``role`` is ``asserts``, ``denies``, ``does not deny`` or ``states`` (reporter's voice);
    ``why`` says how it joined the claim; ``origin`` is the key of the origin it traces to;
    ``self_reference`` is the word by which the statement talks about its own speaker ("its"
    in "its forces had captured ..."), if any; ``distancing`` holds the reporter's distancing
    phrases that bear on it ("could not be independently verified", "alleged"). A sentence in
    the reporter's voice has the ``kind`` of claim it makes ("casualty", "accusation",
    "figure", "record") and the ``cue`` word that shows it. ``events`` are the kinds of event
    a statement talks about ("capture", "death").
    """

    doc_id: str
    index: int | None
    content: Span
    sentence: Span
    role: str
    attribution: Attribution | None = None
    why: str = ""
    origin: str | None = None
    self_reference: str | None = None
    distancing: tuple[Span, ...] = ()
    kind: str | None = None
    cue: Span | None = None
    events: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        a = self.attribution
        return {
            "doc_id": self.doc_id,
            "attribution": self.index,
            "role": self.role,
            "content": self.content.as_list(),
            "content_text": self.content.text,
            "speaker_text": a.speaker.text if a and a.speaker else None,
            "source": a.source if a else None,
            "source_type": a.source_type if a else None,
            "stance": a.stance if a else None,
            "via": list(a.via) if a else [],
            "why": self.why,
        }


@dataclass(frozen=True, slots=True)
class Claim:
    """Statements that assert the same thing, within and across articles.

    ``id`` is a content hash of the members; ``text`` the first asserting statement;
    ``explanation`` one line per link that joined two statements (what matched).
    """

    id: str
    text: str
    members: tuple[ClaimMember, ...]
    origins: tuple[Origin, ...] = ()
    flags: tuple[Flag, ...] = ()
    explanation: tuple[str, ...] = ()

    @property
    def flag_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.flags)

    @property
    def doc_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.doc_id for m in self.members))

    def to_json(self) -> dict[str, Any]:
        """The shape of ``report --format json`` (issue 5): attributions, spans for
        unattributed statements, flags with their evidence, and how the claim was grouped."""
        return {
            "id": self.id,
            "text": self.text,
            "flags": list(self.flag_names),
            "origins": [o.to_json() for o in self.origins],
            "attributions": [m.to_json() for m in self.members if m.attribution is not None],
            "spans": [
                {"doc_id": m.doc_id, "start": m.sentence.start, "end": m.sentence.end}
                for m in self.members
                if m.attribution is None
            ],
            "evidence": [e.to_json() for f in self.flags for e in f.evidence],
            "explanation": list(self.explanation),
        }


# --- the editor's audit ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Problem:
    """One audit finding: the rule id, its one-line explanation, and the span it concerns."""

    rule: str
    explanation: str
    span: Span
    detail: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "explanation": self.explanation,
            "detail": self.detail,
            "span": self.span.as_list(),
            "text": self.span.text,
        }


@dataclass(frozen=True, slots=True)
class AuditedSentence:
    """A sentence of a draft that states a claim: its attributions (indexes into
    ``AuditReport.attributions``; empty when it has none) and the problems found in it."""

    sentence: Span
    attributions: tuple[int, ...]
    problems: tuple[Problem, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "sentence": self.sentence.as_list(),
            "text": self.sentence.text,
            "attributions": list(self.attributions),
            "problems": [p.to_json() for p in self.problems],
        }


@dataclass(frozen=True, slots=True)
class AuditReport:
    """What ``audit(text)`` found: every claim-bearing sentence, in text order."""

    sentences: tuple[AuditedSentence, ...]
    attributions: tuple[Attribution, ...] = ()

    @property
    def problems(self) -> tuple[Problem, ...]:
        return tuple(p for s in self.sentences for p in s.problems)

    @property
    def clean(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        return {
            "sentences": [s.to_json() for s in self.sentences],
            "attributions": [a.to_json() for a in self.attributions],
            "problems": len(self.problems),
        }


# --- claims as stored: what ingest writes and the report reads ---------------------------------


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """A stored article rebuilt for grouping claims again: its database ``id``, the
    :class:`Document` (text and attributions in stored order) and the id of each attribution,
    in the same order (``attribution_ids[i]`` is ``document.attributions[i]``)."""

    id: str
    document: Document
    attribution_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ClaimStatement:
    """One attributed statement of a stored claim: the attribution, its ``role`` (asserts,
    denies, does not deny) and ``why`` it joined the claim."""

    attribution: StoredAttribution
    role: str
    why: str

    def to_json(self) -> dict[str, Any]:
        a = self.attribution
        return {
            "id": a.id,
            "doc_id": a.doc_id,
            "content": a.content.as_list(),
            "content_text": a.content.text,
            "speaker_text": a.speaker.text if a.speaker else None,
            "source": a.source,
            "source_type": a.source_type,
            "via": list(a.via),
            "chain": a.path(),
            "stance": a.stance,
            "role": self.role,
            "published": a.published,
            "why": self.why,
        }


@dataclass(frozen=True, slots=True)
class ClaimSpan:
    """A sentence in the reporter's own voice that states a claim with no source: its article,
    the sentence, the kind of claim (casualty, accusation, figure, record, projection, event,
    hearsay, absence, rule, step) and the word that shows it."""

    doc_id: str
    document_id: str
    sentence: Span
    kind: str | None = None
    cue: Span | None = None
    published: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "start": self.sentence.start,
            "end": self.sentence.end,
            "text": self.sentence.text,
            "kind": self.kind,
            "cue": self.cue.text if self.cue else None,
            "published": self.published,
        }


@dataclass(frozen=True, slots=True)
class StoredEvidence:
    """Why a stored flag was raised: the flag, the rule and its one-line detail, and where it
    was seen (an attribution, or a span of an article such as a distancing phrase)."""

    flag: str
    rule: str
    detail: str
    doc_id: str | None = None
    attribution_id: str | None = None
    span: Span | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "flag": self.flag,
            "rule": self.rule,
            "detail": self.detail,
            "doc_id": self.doc_id,
            "attribution_id": self.attribution_id,
            "span": self.span.as_list() if self.span else None,
            "text": self.span.text if self.span else None,
        }


@dataclass(frozen=True, slots=True)
class StoredOrigin:
    """An independent origin of a stored claim, linked to a stored source when one has its
    name (``source_id``), with the relays its statements came through."""

    name: str
    type: str | None = None
    relays: tuple[str, ...] = ()
    source_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.type,
            "relays": list(self.relays),
            "source_id": self.source_id,
        }


@dataclass(frozen=True, slots=True)
class StoredClaim:
    """A claim as ``provenance report`` shows it: flags worst first, origins, the attributed
    statements with their chains, the reporter's unattributed sentences, the evidence of each
    flag and how the statements were grouped (``explanation``)."""

    id: str
    text: str
    flags: tuple[str, ...]
    origins: tuple[StoredOrigin, ...] = ()
    statements: tuple[ClaimStatement, ...] = ()
    spans: tuple[ClaimSpan, ...] = ()
    evidence: tuple[StoredEvidence, ...] = ()
    explanation: tuple[str, ...] = ()
    updated_at: str | None = None

    @property
    def doc_ids(self) -> tuple[str, ...]:
        found = [s.attribution.doc_id for s in self.statements] + [s.doc_id for s in self.spans]
        return tuple(dict.fromkeys(found))

    def to_json(self) -> dict[str, Any]:
        """The machine contract of ``provenance report --format json`` (one claim)."""
        return {
            "id": self.id,
            "text": self.text,
            "flags": list(self.flags),
            "origins": [o.to_json() for o in self.origins],
            "attributions": [s.to_json() for s in self.statements],
            "spans": [s.to_json() for s in self.spans],
            "evidence": [e.to_json() for e in self.evidence],
            "explanation": list(self.explanation),
            "documents": list(self.doc_ids),
            "updated_at": self.updated_at,
        }
