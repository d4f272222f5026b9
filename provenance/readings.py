"""What grouping claims reads of one article, as plain data: its statements
(:mod:`provenance.statements`) and its claims in the reporter's voice
(:mod:`provenance.unattributed`), kept in the store beside the article
(``document_readings``) so that an article joined by a later one is not read again.

A reading depends on the article (its text, attributions and the name it is grouped under),
its parse, the rules and this code; it is kept with a ``version`` naming the last three
(:func:`reading_version`: the code by a digest of the modules that read an article, so that
an edit to them needs no one to remember a version), and one kept under another version is
read again, never used.
What is packed is everything :func:`read_document` gives but the attributions, which are the
stored article's own (``statement.index`` into them).

>>> # reading = read_document(0, doc, sentences, rules)
>>> # unpack_reading(pack_reading(reading), doc, 0) == reading   -> True
"""

from __future__ import annotations

import functools
import hashlib
import json
import sys
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from provenance.models import Document, Sentence, Span
from provenance.origins import Node
from provenance.rules import Rules, once_for, rules_digest
from provenance.statements import Statement, read_statements
from provenance.terms import Figure
from provenance.unattributed import Unattributed, same_claim, unattributed_claims

# the layout of a packed reading, and of what read_document gives: bump it when either changes
READING_FORMAT = 2
# the version of each Rules object asked about lately (a digest takes milliseconds)
_VERSIONS: dict[int, tuple[Rules, str]] = {}


@dataclass(frozen=True, slots=True)
class Reading:
    """One article's statements (``doc`` is its place in the batch) and its claims in the
    reporter's voice, each a group of sentences that say one thing."""

    statements: tuple[Statement, ...]
    unattributed: tuple[tuple[Unattributed, ...], ...]

    def at(self, position: int) -> Reading:
        """The same reading for the article at ``position`` in a batch."""
        if all(s.doc == position for s in self.statements):
            return self
        return replace(self, statements=tuple(replace(s, doc=position) for s in self.statements))


def read_document(
    position: int, doc: Document, sentences: Sequence[Sentence], rules: Rules
) -> Reading:
    """Read ``doc`` (at ``position`` in the batch) for grouping, from its ``sentences``."""
    statements = read_statements(position, doc, sentences, rules)
    found = unattributed_claims(doc.text, sentences, doc.attributions, rules)
    groups = same_claim(sentences, found)
    return Reading(tuple(statements), tuple(tuple(found[n] for n in g) for g in groups))


def reading_version(rules: Rules) -> str:
    """What a kept reading must have been read under to be used: this layout, this
    provenance (its version and the code that reads an article) and these rules (worked out
    once for a loaded ``rules``)."""
    from provenance import __version__

    def version() -> str:
        code = _code_digest(tuple(_source(m) for m in _READING_CODE))
        return f"{READING_FORMAT}:{__version__}:{code}:{rules_digest(rules)}"

    found: str = once_for(_VERSIONS, rules, version)
    return found


# the modules whose code decides what an article's reading is: any edit to one of them (a
# fix in how statements are read, say) makes every kept reading one to read again
_READING_CODE = (
    "readings",
    "statements",
    "unattributed",
    "origins",
    "terms",
    "sentences",
    "canonical",
    "models",
    "rules",
)


def _source(module: str) -> Path:
    found = sys.modules[f"provenance.{module}"].__file__
    assert found is not None
    return Path(found)


@functools.lru_cache(maxsize=8)
def _code_digest(paths: tuple[Path, ...]) -> str:
    """A fingerprint of these source files (of the code as it is installed: read once)."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def pack_reading(reading: Reading) -> bytes:
    """The reading as compressed JSON, without its attributions (see the module docstring)."""
    raw = {
        "statements": [_statement_json(s) for s in reading.statements],
        "unattributed": [[_unattributed_json(u) for u in group] for group in reading.unattributed],
    }
    text = json.dumps(raw, ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(text.encode("utf-8"), 1)


def unpack_reading(packed: bytes, doc: Document, position: int) -> Reading:
    """The reading :func:`pack_reading` packed, for ``doc`` at ``position`` in the batch."""
    raw = json.loads(zlib.decompress(packed))
    return Reading(
        tuple(_statement_from_json(s, doc, position) for s in raw["statements"]),
        tuple(tuple(_unattributed_from_json(u) for u in group) for group in raw["unattributed"]),
    )


def _span(s: Span) -> list[Any]:
    return [s.start, s.end, s.text]


def _span_from(raw: Sequence[Any]) -> Span:
    return Span(int(raw[0]), int(raw[1]), str(raw[2]))


def _statement_json(s: Statement) -> list[Any]:
    return [
        s.index,
        s.sentence,
        _span(s.sentence_span),
        sorted(s.terms),
        s.headline,
        [[f.value, f.unit, f.start, f.end] for f in s.figures],
        sorted(s.names),
        sorted(s.context),
        sorted(s.events),
        [[n.name, n.key, n.type, n.depth, list(n.relays), list(n.shared)] for n in s.nodes],
        s.role,
        s.self_reference,
        s.action,
        [_span(d) for d in s.distancing],
        s.contrast,
    ]


def _statement_from_json(raw: Sequence[Any], doc: Document, position: int) -> Statement:
    (index, sentence, span, found, headline, figures, names, context, events, nodes, role) = raw[
        :11
    ]
    self_reference, action, distancing, contrast = raw[11:]
    terms = frozenset(found)
    return Statement(
        doc=position,
        doc_id=doc.doc_id,
        index=index,
        attribution=doc.attributions[index],
        sentence=sentence,
        sentence_span=_span_from(span),
        terms=terms,
        term_text=" ".join(sorted(terms)),
        headline=headline,
        figures=tuple(Figure(v, u, s, e) for v, u, s, e in figures),
        names=frozenset(names),
        context=frozenset(context),
        events=frozenset(events),
        nodes=tuple(
            Node(name, key, kind, depth, tuple(relays), tuple(shared))
            for name, key, kind, depth, relays, shared in nodes
        ),
        role=role,
        self_reference=self_reference,
        action=action,
        distancing=tuple(_span_from(d) for d in distancing),
        contrast=contrast,
    )


def _unattributed_json(u: Unattributed) -> list[Any]:
    return [u.index, _span(u.sentence), u.kind, _span(u.cue)]


def _unattributed_from_json(raw: Sequence[Any]) -> Unattributed:
    index, sentence, kind, cue = raw
    return Unattributed(int(index), _span_from(sentence), str(kind), _span_from(cue))
