"""Stored attributions written out for other tools: JSON Lines, CSV and W3C PROV-JSON.

CSV cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return) get a leading single quote: article text is untrusted input.

PROV-JSON (https://www.w3.org/submissions/prov-json/) is written by hand, no dependency:

- every source is a ``prov:Agent``; a publishing outlet is one too;
- every document and every statement is a ``prov:Entity``; a statement is a member of its
  document (``hadMember``) and ``wasAttributedTo`` its source;
- each hop of a chain is the statement as that hop held it (an entity attributed to the
  hop's source); the published statement ``wasDerivedFrom`` the outermost hop, and each hop
  from the one before it, back to the origin;
- a source that belongs to another (a ministry to its government) ``actedOnBehalfOf`` it.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from provenance.models import SourceSummary, StoredAttribution

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
ATTRIBUTION_COLUMNS = (
    "id",
    "doc_id",
    "published",
    "outlet",
    "kind",
    "content_start",
    "content_end",
    "content_text",
    "speaker_text",
    "source",
    "source_type",
    "parent",
    "channel",
    "addressee",
    "stance",
    "cue_text",
    "chain",
    "rule",
    "confidence",
)
SOURCE_COLUMNS = ("id", "name", "type", "parent", "statements", "documents", "only_in", "aliases")
NAMESPACE = "urn:provenance:"


def safe_cell(value: object) -> str:
    """A CSV cell that no spreadsheet runs as a formula.

    >>> safe_cell("=HYPERLINK(\\"x\\")"), safe_cell(0.9), safe_cell(None)
    ('\\'=HYPERLINK("x")', '0.9', '')
    """
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def write_csv(rows: Iterable[Sequence[object]], columns: Sequence[str], out: TextIO) -> None:
    """``columns`` as the header, then each row, every cell made safe."""
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])


def attribution_row(a: StoredAttribution) -> list[object]:
    """One attribution as a flat row in the order of :data:`ATTRIBUTION_COLUMNS`."""
    return [
        a.id,
        a.doc_id,
        a.published,
        a.outlet,
        a.kind,
        a.content.start,
        a.content.end,
        a.content.text,
        a.speaker.text if a.speaker else None,
        a.source,
        a.source_type,
        a.parent,
        a.channel,
        a.addressee,
        a.stance,
        a.cue.text if a.cue else None,
        a.chain_text(),
        a.rule,
        round(a.confidence, 3),
    ]


def source_row(s: SourceSummary) -> list[object]:
    """One source as a flat row in the order of :data:`SOURCE_COLUMNS`."""
    return [
        s.id,
        s.name,
        s.type,
        s.parent,
        s.statements,
        s.documents,
        s.only_in,
        "; ".join(s.aliases),
    ]


def write_jsonl(attributions: Iterable[StoredAttribution], out: TextIO) -> int:
    """One JSON object per attribution; returns how many were written."""
    n = 0
    for a in attributions:
        out.write(json.dumps(a.to_json(), ensure_ascii=False) + "\n")
        n += 1
    return n


def prov_document(
    attributions: Iterable[StoredAttribution],
    sources: Iterable[SourceSummary],
    documents: Iterable[dict[str, Any]],
) -> dict[str, Any]:
    """The attributions, their sources and documents as one PROV-JSON document."""
    prov: dict[str, dict[str, Any]] = {
        kind: {} for kind in ("agent", "entity", "wasAttributedTo", "wasDerivedFrom", "hadMember")
    }
    prov["actedOnBehalfOf"] = {}
    by_name: dict[str, str] = {}
    for s in sources:
        agent = _agent(prov, s.id, s.name, s.type)
        if s.only_in is None:
            by_name.setdefault(s.name, agent)
        if s.parent is not None:
            prov["actedOnBehalfOf"][f"_:obo-{s.id}"] = {
                "prov:delegate": agent,
                "prov:responsible": by_name.get(s.parent, f"provenance:name/{_slug(s.parent)}"),
            }
    for d in documents:
        doc = f"provenance:document/{d['id']}"
        prov["entity"][doc] = _attrs(
            {
                "prov:type": _qname("provenance:Document"),
                "prov:label": d["doc_id"],
                "provenance:path": d["path"],
                "provenance:byline": d["byline"],
                "provenance:published": d["published"],
            }
        )
        if d["outlet"]:
            outlet = by_name.get(d["outlet"]) or _agent(prov, None, d["outlet"], "media")
            prov["wasAttributedTo"][f"_:wat-{d['id']}"] = {
                "prov:entity": doc,
                "prov:agent": outlet,
            }
    for a in attributions:
        _statement(prov, a, by_name)
    return {
        "prefix": {"provenance": NAMESPACE},
        **{kind: entries for kind, entries in prov.items() if entries},
    }


def _statement(
    prov: dict[str, dict[str, Any]], a: StoredAttribution, by_name: dict[str, str]
) -> None:
    stmt = f"provenance:statement/{a.id}"
    prov["entity"][stmt] = _attrs(
        {
            "prov:type": _qname("provenance:Statement"),
            "prov:value": a.content.text,
            "provenance:kind": a.kind,
            "provenance:start": a.content.start,
            "provenance:end": a.content.end,
            "provenance:stance": a.stance,
            "provenance:channel": a.channel,
            "provenance:rule": a.rule,
            "provenance:confidence": round(a.confidence, 3),
        }
    )
    prov["hadMember"][f"_:mem-{a.id}"] = {
        "prov:collection": f"provenance:document/{a.document_id}",
        "prov:entity": stmt,
    }
    if a.source_id is not None:
        prov["wasAttributedTo"][f"_:wat-{a.id}"] = {
            "prov:entity": stmt,
            "prov:agent": f"provenance:source/{a.source_id}",
        }
    previous: str | None = None
    for n, hop in enumerate(a.chain):
        held = f"provenance:statement/{a.id}/hop/{n}"
        prov["entity"][held] = _attrs(
            {
                "prov:type": _qname("provenance:Statement"),
                "prov:label": f"as held by {hop.label}",
                "provenance:role": hop.role,
            }
        )
        agent = (
            f"provenance:source/{hop.source_id}"
            if hop.source_id is not None
            else by_name.get(hop.name) or _agent(prov, None, hop.name, None)
        )
        prov["wasAttributedTo"][f"_:wat-{a.id}-{n}"] = {"prov:entity": held, "prov:agent": agent}
        if previous is not None:
            prov["wasDerivedFrom"][f"_:wdf-{a.id}-{n}"] = {
                "prov:generatedEntity": held,
                "prov:usedEntity": previous,
            }
        previous = held
    if previous is not None:
        prov["wasDerivedFrom"][f"_:wdf-{a.id}"] = {
            "prov:generatedEntity": stmt,
            "prov:usedEntity": previous,
        }


def _agent(
    prov: dict[str, dict[str, Any]], source_id: str | None, name: str, kind: str | None
) -> str:
    ident = (
        f"provenance:source/{source_id}"
        if source_id is not None
        else f"provenance:name/{_slug(name)}"
    )
    prov["agent"].setdefault(ident, _attrs({"prov:label": name, "provenance:sourceType": kind}))
    return ident


def _qname(name: str) -> dict[str, str]:
    return {"$": name, "type": "prov:QUALIFIED_NAME"}


def _attrs(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


def _slug(name: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-") or "unnamed"
