"""The JSONL record of an extracted article: one JSON object per line, written by
``provenance extract --format jsonl`` and by the Dask engine (:mod:`provenance.scale`), and
stored by ``provenance ingest --from-jsonl`` with the same result as ingesting the texts.

A record is :meth:`~provenance.models.Document.to_json` (``doc_id``, ``path``, ``quotes``: the
contract in the README) with what storing the article needs added beside it, so that no key a
consumer of older records reads has changed:

- ``text``: the article text as read (every offset indexes it);
- ``span`` on each hop of a quote's ``chain``: ``[start, end]`` of its mention, or ``null``;
- ``html_offsets`` on each quote of an article read from HTML
  (:func:`provenance.html.html_offsets`);
- ``sentences``, when asked for: the parse that grouping claims reads, so that an ingest need
  not parse the text again. Each sentence is ``[start, end, words, entities]``, each word
  ``[start, end, lemma, pos, tag, dep, head, entity, number]`` and each entity
  ``[start, end, label]``; a sentence's or word's text is ``text[start:end]``.

>>> # line = record_line(document, sentences=parse)   -> '{"doc_id": ..., "text": ...}\\n'
>>> # read_record(json.loads(line))                   -> (document, parse), as they were
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from provenance.errors import ProvenanceError
from provenance.html import SourceMap, html_offsets
from provenance.ingest import ClaimRefresher, Outcome
from provenance.inputs import Skipped
from provenance.masthead import read_masthead
from provenance.models import Attribution, Document, Hop, Sentence, Span
from provenance.parses import sentence_from_json, sentence_json
from provenance.store import Store


def article_record(
    document: Document,
    *,
    html: SourceMap | None = None,
    sentences: Sequence[Sentence] | None = None,
) -> dict[str, Any]:
    """The record of ``document`` (see the module docstring); ``html`` maps its offsets back
    to the HTML it was read from, ``sentences`` (its parse) is written when given."""
    record = document.to_json()
    for quote, attribution in zip(record["quotes"], document.attributions, strict=True):
        for hop, entry in zip(attribution.chain, quote["chain"], strict=True):
            entry["span"] = hop.span.as_list() if hop.span else None
        if html is not None:
            quote["html_offsets"] = html_offsets(quote, html)
    record["text"] = document.text
    if sentences is not None:
        record["sentences"] = [sentence_json(s) for s in sentences]
    return record


def record_line(
    document: Document,
    *,
    html: SourceMap | None = None,
    sentences: Sequence[Sentence] | None = None,
) -> str:
    """:func:`article_record` as one line of JSON, newline included."""
    record = article_record(document, html=html, sentences=sentences)
    return json.dumps(record, ensure_ascii=False) + "\n"


# --- reading records back ------------------------------------------------------------------


class _Malformed(ValueError):
    """A record that is not what extract writes (the message says what is wrong)."""


def read_record(record: Any) -> tuple[Document, list[Sentence] | None]:
    """The document a record holds, and its parse when the record carries one.

    Raises ``ValueError`` saying what is missing or wrong, e.g. a record written before
    records held the ``text``.
    """
    if not isinstance(record, dict):
        raise _Malformed("not a JSON object")
    text = record.get("text")
    if not isinstance(text, str):
        raise _Malformed(
            "no 'text' (records written by an older provenance lack it). Run 'provenance "
            "extract --format jsonl' again with this version"
        )
    try:
        quotes = tuple(_attribution(q, text, n) for n, q in enumerate(record["quotes"], 1))
        path = record["path"]
        document = Document(
            str(record["doc_id"]), text, None if path is None else str(path), quotes
        )
        raw = record.get("sentences")
        sentences = None if raw is None else [sentence_from_json(s, text) for s in raw]
    except _Malformed:
        raise
    except (KeyError, TypeError, ValueError) as exc:
        what = f"no {exc}" if isinstance(exc, KeyError) else str(exc)
        raise _Malformed(f"not a record of provenance extract ({what})") from None
    return document, sentences


def _attribution(q: dict[str, Any], text: str, n: int) -> Attribution:
    def span(key: str, text_key: str | None = None) -> Span | None:
        value = q[key] if text_key else q.get(key)
        found = _span(value, text)
        if found is not None and text_key and found.text != q[text_key]:
            raise _Malformed(f"quote {n}: {key} {value} does not hold its {text_key} in 'text'")
        return found

    content = span("content", "content_text")
    if content is None:
        raise _Malformed(f"quote {n} has no content")
    coref = _span(q["coref_span"], text)
    if coref is not None and coref.text != q["coref"]:
        raise _Malformed(f"quote {n}: coref_span does not hold its coref in 'text'")
    chain = tuple(
        Hop(str(h["name"]), str(h["role"]), _span(h.get("span"), text)) for h in q["chain"]
    )
    return Attribution(
        kind=q["kind"],
        content=content,
        speaker=span("speaker", "speaker_text"),
        cue=span("cue", "cue_text"),
        rule=str(q["rule"]),
        confidence=float(q["confidence"]),
        fragments=tuple(_fragment(f, text) for f in q.get("content_fragments") or ()),
        coref=coref,
        source=q["source"],
        source_type=q["source_type"],
        source_evidence=q["source_evidence"],
        via=tuple(str(v) for v in q["via"]),
        chain=chain,
        channel=q["channel"],
        addressee=q["addressee"],
        stance=str(q["stance"]),
    )


def _span(value: Any, text: str) -> Span | None:
    if value is None:
        return None
    start, end = (int(v) for v in value)
    if not 0 <= start <= end <= len(text):
        raise _Malformed(f"offsets {value} lie outside 'text' ({len(text)} characters)")
    return Span(start, end, text[start:end])


def _fragment(value: Any, text: str) -> Span:
    found = _span(value, text)
    if found is None:
        raise _Malformed("a content fragment is null")
    return found


@dataclass(frozen=True, slots=True)
class Record:
    """One record read back: where it was (file and line), its document and its parse."""

    where: str
    document: Document
    sentences: list[Sentence] | None


def record_files(paths: Sequence[str]) -> Iterator[str]:
    """Paths as given, folders replaced by their ``*.jsonl`` files (sorted, recursive), so a
    folder of partitions is read in partition order."""
    for raw in paths:
        p = Path(raw)
        if raw != "-" and p.is_dir():
            found = sorted(f for f in p.rglob("*.jsonl") if f.is_file())
            if not found:
                yield raw  # reported as a folder with no records
            yield from (str(f) for f in found)
        else:
            yield raw


def count_records(paths: Sequence[str]) -> int | None:
    """How many records ``paths`` hold (for a progress bar's total); ``None`` for stdin."""
    files = list(record_files(paths))
    if "-" in files:
        return None
    total = 0
    for name in files:
        try:
            with open(name, encoding="utf-8-sig", errors="replace") as f:
                total += sum(1 for line in f if line.strip())
        except OSError:
            total += 1  # counted as the one failure it will be
    return total


def read_records(paths: Sequence[str]) -> Iterator[Record | Skipped]:
    """Each record of the JSONL files (``-`` for stdin) and folders of ``*.jsonl`` in
    ``paths``, or a :class:`Skipped` saying why a file or line could not be read (the others
    are read all the same)."""
    for name in record_files(paths):
        if name == "-":
            yield from _lines("standard input", sys.stdin)
            continue
        p = Path(name)
        if p.is_dir():
            yield Skipped(name, f"{name}: a folder with no .jsonl files")
            continue
        try:
            with open(p, encoding="utf-8-sig") as f:  # a byte-order mark is not JSON
                yield from _lines(name, f)
        except FileNotFoundError:
            yield Skipped(name, f"{name}: no such file")
        except OSError as exc:
            yield Skipped(name, f"{name}: cannot be read ({exc.strerror or exc})")
        except UnicodeDecodeError as exc:
            yield Skipped(name, f"{name}: not UTF-8 ({exc.reason}); the lines after are lost")


def _lines(name: str, stream: IO[str]) -> Iterator[Record | Skipped]:
    # a file object splits on "\n" only; JSON escapes every other line break in a string
    for lineno, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        where = f"{name}, line {lineno}"
        try:
            document, sentences = read_record(json.loads(line))
        except json.JSONDecodeError as exc:
            yield Skipped(where, f"{where}: not valid JSON ({exc.msg}, column {exc.colno})")
            continue
        except ValueError as exc:
            yield Skipped(where, f"{where}: {exc}")
            continue
        yield Record(where, document, sentences)


# --- storing records ---------------------------------------------------------------------------


def ingest_records(
    paths: Sequence[str],
    store: Store,
    *,
    outlet: str | None = None,
    model: str | None = None,
    claims: ClaimRefresher | None = None,
) -> Iterator[Outcome]:
    """Store the records in ``paths`` (JSONL files, folders of ``*.jsonl``, or ``-``) as
    :func:`provenance.ingest.ingest_paths` stores the articles themselves, yielding each
    outcome: the same documents, attributions and claims.

    The claims are refreshed as there; a record carrying ``sentences`` is grouped without
    parsing, one without (``extract --format jsonl`` with no ``--sentences``) is parsed again
    with ``model`` for it, the cost of a lighter file.
    """
    claims = claims if claims is not None else ClaimRefresher()
    for item in read_records(paths):
        if isinstance(item, Skipped):
            yield Outcome(item.path, None, "failed", reason=item.reason)
            continue
        yield _store(store, item, outlet, claims)
        claims.refresh_when_full(store, model)
    claims.refresh(store, model)


def _store(store: Store, record: Record, outlet: str | None, claims: ClaimRefresher) -> Outcome:
    document = record.document
    path = document.path or record.where
    try:
        masthead = read_masthead(document.text, store.rules, outlet)
        result = store.ingest(document, masthead, record.sentences)
    except ProvenanceError as exc:
        return Outcome(path, document.doc_id, "failed", reason=str(exc))
    if record.sentences is not None and result.status != "unchanged":
        claims.parses[document.text] = record.sentences
    return Outcome(path, document.doc_id, result.status, result.attributions)
