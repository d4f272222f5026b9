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
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from provenance.errors import ModelError, ProvenanceError, RulesError
from provenance.inputs import DEFAULT_MAX_CHARS, Article, Skipped, expand, read_articles
from provenance.masthead import read_masthead
from provenance.models import Document, Sentence
from provenance.refresh import Refresh, keep_reading, refresh_claims
from provenance.rules import load_rules
from provenance.store import IngestResult, Store

Parsed = tuple[Document, list[Sentence]]
T = TypeVar("T")
# Parses kept for grouping claims; past this many the claims are refreshed (and the parses
# let go), so memory stays flat on a long run.
_HELD_PARSES = 200

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
    claims: ClaimRefresher | None = None,
) -> Iterator[Outcome]:
    """Ingest files, folders (``*.txt``, ``*.html``, recursively) or ``-``, yielding each
    outcome. ``encoding`` and ``max_chars`` are :func:`provenance.inputs.read_articles`'s.

    Texts already stored are ``unchanged`` without being parsed. Raises :class:`ModelError`
    or :class:`RulesError` (nothing can be parsed), never for one bad article.

    Once every input is done (and every ``_HELD_PARSES`` articles on a long run), the claims
    of the new and changed articles are refreshed (:func:`provenance.refresh.refresh_claims`)
    and what that did is added to ``claims`` when given; a caller that stops iterating early
    leaves them pending for the next run.
    """
    load_rules(rules_dir)  # broken rules fail the run before anything is read
    claims = claims if claims is not None else ClaimRefresher()
    pending = _pending(read_articles(paths, encoding=encoding, max_chars=max_chars), store)
    if jobs <= 1:
        for item in pending:
            if isinstance(item, Outcome):
                yield item
                continue
            parsed = parse_or_failure(item, model, rules_dir)
            yield _store(store, item, parsed, outlet, claims)
            claims.refresh_when_full(store, model)
        claims.refresh(store, model)
        return
    with closing(parse_in_order(pending, jobs=jobs, model=model, rules_dir=rules_dir)) as done:
        for entry in done:
            yield entry if isinstance(entry, Outcome) else _store(store, *entry, outlet, claims)
            claims.refresh_when_full(store, model)
    claims.refresh(store, model)


def parse_in_order(
    items: Iterable[Article | T],
    *,
    jobs: int,
    model: str | None = None,
    rules_dir: Path | None = None,
) -> Generator[tuple[Article, Parsed | str] | T, None, None]:
    """Parse the articles among ``items`` on ``jobs`` spawned processes, yielding each with
    its parse (or why it failed, see :func:`parse_or_failure`) in input order; anything else
    passes through in its place. At most ``jobs * 4`` parses are in flight, so memory stays
    flat however long ``items`` runs. ``ingest --jobs`` and ``extract --jobs`` both use it.

    >>> # for article, parsed in parse_in_order(articles, jobs=2): ...
    """
    context = multiprocessing.get_context("spawn")  # no fork of a process running threads
    pool = ProcessPoolExecutor(jobs, mp_context=context)
    try:
        window: deque[tuple[Article | T, Future[Parsed | str] | None]] = deque()
        for item in items:
            future = None
            if isinstance(item, Article):
                future = pool.submit(parse_or_failure, item, model, rules_dir)
            window.append((item, future))
            while len(window) > jobs * 4 or (window and window[0][1] is None):
                yield _done(*window.popleft())
        while window:
            yield _done(*window.popleft())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _done(
    item: Article | T, future: Future[Parsed | str] | None
) -> tuple[Article, Parsed | str] | T:
    if isinstance(item, Article):
        assert future is not None
        return item, future.result()
    return item


def _pending(articles: Iterator[Article | Skipped], store: Store) -> Iterator[Article | Outcome]:
    """Articles to parse; unreadable inputs and texts already stored as outcomes."""
    for item in articles:
        if isinstance(item, Skipped):
            yield Outcome(item.path, None, "failed", reason=item.reason)
        elif store.holds(item.text):
            yield Outcome(item.path, item.doc_id, "unchanged")
        else:
            yield item


def parse_or_failure(article: Article, model: str | None, rules_dir: Path | None) -> Parsed | str:
    """The parsed document and its sentences, or why it failed. A missing model or broken
    rules stop the run (every article would fail the same way); anything else fails this
    article only."""
    from provenance.api import extract_parsed

    try:
        rules = load_rules(rules_dir)
        return extract_parsed(
            article.text, article.doc_id, path=article.path, model=model, rules=rules
        )
    except (ModelError, RulesError):
        raise
    except Exception as exc:  # one article's parse failure must not stop the batch
        return f"{article.path}: extraction failed ({type(exc).__name__}: {exc})"


def _store(
    store: Store, article: Article, parsed: Parsed | str, outlet: str | None, claims: ClaimRefresher
) -> Outcome:
    if isinstance(parsed, str):
        return Outcome(article.path, article.doc_id, "failed", reason=parsed)
    document, sentences = parsed
    try:
        masthead = read_masthead(article.text, store.rules, outlet)
        result = store.ingest(document, masthead, sentences)
    except ProvenanceError as exc:
        return Outcome(article.path, article.doc_id, "failed", reason=str(exc))
    claims.stored(store, result, article.text, sentences)
    return Outcome(article.path, article.doc_id, result.status, result.attributions)


@dataclass(slots=True)
class ClaimRefresher:
    """The claims side of an ingest run: the parses held for grouping, and the totals of the
    refreshes done (:class:`provenance.refresh.Refresh`)."""

    parses: dict[str, list[Sentence]] = field(default_factory=dict)
    refreshes: list[Refresh] = field(default_factory=list)

    def stored(
        self, store: Store, result: IngestResult, text: str, sentences: list[Sentence]
    ) -> None:
        """An article was just stored with its parse: hold the parse for the refresh and,
        when it was written now, read it for grouping (:func:`provenance.refresh.keep_reading`)."""
        if result.status != "unchanged":
            keep_reading(store, result.document_id, sentences)
        self.parses[text] = sentences

    def refresh_when_full(self, store: Store, model: str | None) -> None:
        if len(self.parses) >= _HELD_PARSES:
            self.refresh(store, model)

    def refresh(self, store: Store, model: str | None) -> None:
        """Refresh the pending claims with the parses at hand, then let them go."""
        self.refreshes.append(refresh_claims(store, parses=self.parses, model=model))
        self.parses.clear()

    @property
    def grouped(self) -> int:
        """Articles grouped again over the run (new and changed ones, and those they joined)."""
        return sum(r.documents for r in self.refreshes)
