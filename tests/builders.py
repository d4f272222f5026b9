"""Hand-built documents for the claims, flags and audit tests: no spaCy model needed."""

from __future__ import annotations

import re
import sqlite3

from provenance.models import Attribution, Document, Hop, Kind, Span


def span(text: str, part: str, after: int = 0) -> Span:
    """The span of ``part`` in ``text``: its first occurrence at or after ``after`` that is not
    inside a longer word ("he" is not found in "Kherson")."""
    left = r"\b" if part[:1].isalnum() else ""
    right = r"\b" if part[-1:].isalnum() else ""
    found = re.compile(left + re.escape(part) + right).search(text, after)
    if found is None:
        raise ValueError(f"{part!r} not in the text")
    return Span(found.start(), found.end(), part)


def said(
    text: str,
    content: str,
    speaker: str,
    *,
    source: str | None = None,
    source_type: str | None = None,
    cue: str = "said",
    stance: str = "neutral",
    kind: Kind = "indirect",
    via: tuple[str, ...] = (),
    coref: str | None = None,
    evidence: str | None = None,
) -> Attribution:
    """An attribution of ``content`` to ``speaker`` in ``text``, spans found by search.
    ``via`` names the sources cited on the way, origin first ("a diplomatic source")."""
    body = span(text, content)
    who = span(text, speaker)
    cue_span = span(text, cue, min(who.end, body.end) if cue != "according to" else 0)
    name = source or speaker
    chain = tuple(Hop(v, "origin" if i == 0 else "relay") for i, v in enumerate(via))
    chain = (*chain, Hop(name, "relay" if via else "origin")) if via else (Hop(name, "origin"),)
    return Attribution(
        kind=kind,
        content=body,
        speaker=who,
        cue=cue_span,
        rule="hand-built",
        confidence=1.0,
        coref=span(text, coref) if coref else None,
        source=name,
        source_type=source_type,
        source_evidence=evidence or ("person name" if source_type == "person" else "named"),
        via=via,
        chain=chain,
        stance=stance,
    )


def document(doc_id: str, text: str, *attributions: Attribution) -> Document:
    return Document(doc_id, text, None, tuple(attributions))


def outbreak(toll: str = "nine") -> Document:
    """A one-sentence article: the health ministry's death toll ("nine", or a corrected one)."""
    t = f"An outbreak has killed {toll} people around Brescia, the health ministry said.\n"
    return document(
        "outbreak",
        t,
        said(
            t,
            f"An outbreak has killed {toll} people around Brescia",
            "the health ministry",
            source="Italian health ministry",
            source_type="government",
        ),
    )


def towers(doc_id: str = "towers", tail: str = "") -> Document:
    """A councillor's warning and the mayor's office denying it, then ``tail`` (more lines of
    the article, each ending in a newline)."""
    t = (
        "Councillor Marco Ferri said the council had been warned about the towers last year.\n"
        "The mayor's office denied receiving any such warning.\n"
    ) + tail
    return document(
        doc_id,
        t,
        said(
            t,
            "the council had been warned about the towers last year",
            "Councillor Marco Ferri",
            source="Marco Ferri",
            source_type="person",
        ),
        said(
            t,
            "receiving any such warning",
            "The mayor's office",
            source="mayor's office",
            source_type="government",
            cue="denied",
            stance="denial",
        ),
    )


def table_rows(
    conn: sqlite3.Connection, table: str, columns: str = "*"
) -> list[tuple[object, ...]]:
    """A table's rows, sorted, each claim named by its id whichever way the store keys
    claims (by id up to migration 12, by number since 13: the number left out), so that a
    store's rows compare equal before and after a migration, and between two stores."""
    if columns == "*":
        names = [str(r[1]) for r in conn.execute(f"PRAGMA table_info({table})")]
        picked = [
            "c.id" if n == "claim_number" else f't."{n}"'
            for n in names
            if not (table == "claims" and n == "number")
        ]
        join = "JOIN claims c ON c.number = t.claim_number" if "claim_number" in names else ""
        columns = f"{', '.join(picked)} FROM {table} t {join}"
    else:
        columns = f"{columns} FROM {table}"
    return sorted(conn.execute(f"SELECT {columns}").fetchall())
