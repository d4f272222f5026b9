"""Ingest articles into the store: read, skip what is stored, parse (on several processes
when asked), write each document in its own transaction from this process only.

``ingest_paths`` yields one :class:`Outcome` per input as it is done, in input order, so a
caller can show progress; one article that cannot be read or parsed is reported and the batch
goes on. Parsing is the slow part; SQLite has one writer, so workers only parse and return
plain :class:`~provenance.models.Document` objects.

>>> # with Store("news.db") as store:
>>> #     for outcome in ingest_paths(["seeds/"], store, jobs=2):
>>> #         print(outcome.status, outcome.path)
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from provenance.errors import ModelError, ProvenanceError, RulesError
from provenance.inputs import DEFAULT_MAX_CHARS, Article, Skipped, expand, read_articles
from provenance.masthead import read_masthead
from provenance.models import Document
from provenance.rules import load_rules
from provenance.store import Store

STATUSES = ("new", "updated", "unchanged", "failed")


@dataclass(frozen=True, slots=True)
class Outcome:
    """One input done: ``new``, ``updated``, ``unchanged`` or ``failed`` (with the reason)."""

    path: str
    doc_id: str | None
    status: str
    attributions: int = 0
    reason: str | None = None


@dataclass(slots=True)
class Tally:
    """Counts of outcomes so far, for the summary line."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    attributions: int = 0

    def add(self, outcome: Outcome) -> None:
        self.counts[outcome.status] += 1
        self.attributions += outcome.attributions

    @property
    def documents(self) -> int:
        return sum(self.counts.values())


def count_inputs(paths: list[str]) -> int:
    """How many inputs ``paths`` expands to (for a progress bar's total)."""
    return sum(1 for _ in expand(paths))


def ingest_paths(
    paths: list[str],
    store: Store,
    *,
    outlet: str | None = None,
    jobs: int = 1,
    model: str | None = None,
    rules_dir: Path | None = None,
    encoding: str | None = None,
    max_chars: int | None = DEFAULT_MAX_CHARS,
) -> Iterator[Outcome]:
    """Ingest files, folders (``*.txt``, ``*.html``, recursively) or ``-``, yielding each
    outcome. ``encoding`` and ``max_chars`` are :func:`provenance.inputs.read_articles`'s.

    Texts already stored are ``unchanged`` without being parsed. Raises :class:`ModelError`
    or :class:`RulesError` (nothing can be parsed), never for one bad article.
    """
    load_rules(rules_dir)  # broken rules fail the run before anything is read
    pending = _pending(read_articles(paths, encoding=encoding, max_chars=max_chars), store)
    if jobs <= 1:
        for item in pending:
            if isinstance(item, Outcome):
                yield item
                continue
            yield _store(store, item, _parse_or_failure(item, model, rules_dir), outlet)
        return
    context = multiprocessing.get_context("spawn")  # no fork of a process running threads
    pool = ProcessPoolExecutor(jobs, mp_context=context)
    try:
        # a bounded window of parses in flight, written back in input order
        window: deque[tuple[Article | Outcome, Future[Document | str] | None]] = deque()
        for item in pending:
            future = None
            if isinstance(item, Article):
                future = pool.submit(_parse_or_failure, item, model, rules_dir)
            window.append((item, future))
            while len(window) > jobs * 4 or (window and window[0][1] is None):
                yield _finish(store, *window.popleft(), outlet)
        while window:
            yield _finish(store, *window.popleft(), outlet)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _pending(articles: Iterator[Article | Skipped], store: Store) -> Iterator[Article | Outcome]:
    """Articles to parse; unreadable inputs and texts already stored as outcomes."""
    for item in articles:
        if isinstance(item, Skipped):
            yield Outcome(item.path, None, "failed", reason=item.reason)
        elif store.holds(item.text):
            yield Outcome(item.path, item.doc_id, "unchanged")
        else:
            yield item


def _finish(
    store: Store,
    item: Article | Outcome,
    future: Future[Document | str] | None,
    outlet: str | None,
) -> Outcome:
    if isinstance(item, Outcome):
        return item
    assert future is not None
    return _store(store, item, future.result(), outlet)


def _parse_or_failure(
    article: Article, model: str | None, rules_dir: Path | None
) -> Document | str:
    """The parsed document, or why it failed. A missing model or broken rules stop the run
    (every article would fail the same way); anything else fails this article only."""
    from provenance.api import extract_document

    try:
        rules = load_rules(rules_dir)
        return extract_document(
            article.text, article.doc_id, path=article.path, model=model, rules=rules
        )
    except (ModelError, RulesError):
        raise
    except Exception as exc:  # one article's parse failure must not stop the batch
        return f"{article.path}: extraction failed ({type(exc).__name__}: {exc})"


def _store(store: Store, article: Article, parsed: Document | str, outlet: str | None) -> Outcome:
    if isinstance(parsed, str):
        return Outcome(article.path, article.doc_id, "failed", reason=parsed)
    try:
        masthead = read_masthead(article.text, store.rules, outlet)
        result = store.ingest(parsed, masthead)
    except ProvenanceError as exc:
        return Outcome(article.path, article.doc_id, "failed", reason=str(exc))
    return Outcome(article.path, article.doc_id, result.status, result.attributions)
