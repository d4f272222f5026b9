"""The provenance store: articles and their attributions in SQLite, and the questions asked
of them (who said this, what has this source said, where does this claim come from).

Built on sqlite-utils so that Datasette, the ``sqlite3`` shell or pandas can read the database
without this code (schema and views: :mod:`provenance.migrations`, README "Database schema").

- Ids are content hashes: a document's id is the hash of its text, an attribution's the hash
  of its document, content span and cue span. Ingesting the same text again changes nothing;
  a changed text at the same path replaces that document's rows.
- Each document is written in one transaction: a failure or a kill leaves every earlier
  document complete and no half-written one. WAL mode lets readers query during an ingest.
- Sources are canonicalised across documents (:mod:`provenance.canonical` decides, this
  module fetches the candidates); every link keeps how it was made (``source_link``).

>>> # with Store("news.db") as store:
>>> #     store.ingest(extract_document(text, "story"))
>>> #     store.who_said("160,000")[0].source   -> 'Oleksandr Lytvynenko'
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import sqlite3
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from rapidfuzz import fuzz, process
from sqlite_utils import Database

from provenance.canonical import (
    KnownSource,
    block_key,
    closest,
    is_described,
    is_person,
    is_pronoun,
    name_key,
    only_person_with_surname,
)
from provenance.errors import StoreError
from provenance.flags import severity
from provenance.migrations import (
    COMMON_KEY_HOLDERS,
    migrate,
    pack_document_keys,
    schema_version,
    write_transaction,
)
from provenance.models import (
    Attribution,
    Claim,
    ClaimSpan,
    ClaimStatement,
    Document,
    Evidence,
    Hop,
    Masthead,
    Origin,
    Sentence,
    SourceSummary,
    Span,
    StoredAttribution,
    StoredClaim,
    StoredDocument,
    StoredEvidence,
    StoredHop,
    StoredOrigin,
    Trace,
)
from provenance.parses import PARSE_FORMAT, pack_parse, read_parse
from provenance.rules import Rules, SourceEntry, load_rules, normalise_name, rules_digest

_Item = TypeVar("_Item")

DEFAULT_DB = "provenance.db"
DB_ENV = "PROVENANCE_DB"
TABLES = ("documents", "sources", "mentions", "attributions", "hops")
_ID_CHARS = 16
_DOCUMENT_PREFIX = 6  # characters of the document id opening its rows' ids
_MAX_ALIASES = 50
_SEARCH_POOL = 200  # full-text candidates re-ranked by rapidfuzz
_BUSY_TIMEOUT_MS = 10_000  # how long a writer waits for another's transaction, per attempt
_WRITE_ATTEMPTS = 3
_CHECKPOINT_PAGES = 50_000  # the WAL folded into the database at about 196 MiB
_WAL_KEEP_BYTES = 256 * 2**20  # a WAL grown past this is cut back to it when next reset
_CACHE_KIB = 65_536
_WORD = re.compile(r"\w", re.UNICODE)
_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")
_DETERMINER = re.compile(r"^(?:a|an|the)\s+", re.I)
_SENTENCE_END = re.compile(
    r"(?<=[.!?])[\"'\u201d\u2019\u00bb]?\s+(?=[\"'\u201c\u2018\u00ab\u201e]?[A-Z])"
)


def default_db_path() -> Path:
    """``$PROVENANCE_DB`` when set, else ``provenance.db`` in the current folder."""
    return Path(os.environ.get(DB_ENV) or DEFAULT_DB)


def content_hash(text: str) -> str:
    """SHA-256 of the text as UTF-8, in hex; a document's id is its first 16 characters."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _hash_id(*parts: object) -> str:
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:_ID_CHARS]


def _in_document(document_id: str, row_hash: str) -> str:
    """The id of a row that belongs to one document: the document id's first
    ``_DOCUMENT_PREFIX`` characters, then the first characters of the row's own hash (the
    whole id of the row in stores written by older code).

    An article's rows are then neighbours in every index keyed by their ids, so its
    transaction dirties a page or two of each, not a page a row (random ids spread a large
    store's writes over ever more pages). Stores written before keep their ids: nothing
    reads an id's parts.
    """
    return document_id[:_DOCUMENT_PREFIX] + row_hash[: _ID_CHARS - _DOCUMENT_PREFIX]


def attribution_id(document_id: str, a: Attribution) -> str:
    """The document id's first 6 characters, then a hash of the document id, the content
    span and the cue span."""
    cue = (a.cue.start, a.cue.end) if a.cue else (None, None)
    return _in_document(document_id, _hash_id(document_id, a.content.start, a.content.end, *cue))


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What ingesting one document did: ``new``, ``updated`` (its path held another text,
    now replaced) or ``unchanged`` (this text is already stored)."""

    status: str
    document_id: str
    attributions: int = 0


@dataclass(frozen=True, slots=True)
class _Link:
    id: str
    name: str
    method: str


@dataclass(slots=True)
class _ClaimRows:
    """The rows that store one claim, as written (primary key order), its number (given when
    it is written) and ``updated_at`` aside."""

    id: str
    claim: tuple[Any, ...]
    attributions: list[tuple[Any, ...]] = field(default_factory=list)
    spans: list[tuple[Any, ...]] = field(default_factory=list)
    origins: list[tuple[Any, ...]] = field(default_factory=list)
    flags: list[tuple[Any, ...]] = field(default_factory=list)
    keys: list[tuple[Any, ...]] = field(default_factory=list)


# the tables of a claim's rows: the table, its columns as written (after the claim's
# number), the field of _ClaimRows
_CLAIM_TABLES = (
    ("claim_attributions", "attribution_id, document_id, position, role, why", "attributions"),
    ("claim_spans", 'document_id, "start", "end", kind, cue_start, cue_end', "spans"),
    ("claim_origins", "position, name, key, source_id, type, relays", "origins"),
    (
        "flags",
        'position, flag, rule, detail, attribution_id, document_id, "start", "end"',
        "flags",
    ),
)


class Store:
    """A provenance database, opened (created and migrated as needed) at ``path``.

    ``create=False`` refuses a path where no database exists yet (the query commands use it,
    so a typo in ``--db`` is an error rather than a new empty database).
    """

    def __init__(
        self, path: str | Path | None = None, *, rules: Rules | None = None, create: bool = True
    ) -> None:
        self.path = Path(path) if path is not None else default_db_path()
        if not create and not self.path.is_file():
            raise StoreError(
                f"no database at {self.path}. Run 'provenance ingest PATH...' first, "
                f"or pass --db (or set {DB_ENV}) to the database to use"
            )
        self._rules = rules
        try:
            self.db = Database(self.path)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open {self.path} ({exc}). Check the path") from exc
        try:
            self._prepare()
        except sqlite3.DatabaseError as exc:
            self.db.close()
            raise StoreError(
                f"{self.path} is not a usable SQLite database ({exc}). Pass --db with "
                "another file name"
            ) from exc
        except StoreError:
            self.db.close()
            raise

    def _prepare(self) -> None:
        """Set the connection up and bring the schema up to date. Two processes creating one
        new database at once can meet a lock the busy timeout does not wait on (switching
        the journal to WAL): the later one tries again for up to the busy timeout."""
        deadline = time.monotonic() + _BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                self.db.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
                self.db.enable_wal()
                # WAL + NORMAL: a crash or kill never corrupts the file or splits a document;
                # only a power cut may lose the last few commits
                self.db.execute("PRAGMA synchronous = NORMAL")
                # fold the WAL into the database every 196 MiB, not every 4 MiB (SQLite's
                # default): one article's transaction dirties a few hundred pages of a large
                # store's indexes, each landing where the last article's did not, and a
                # checkpoint writes every page it holds once however often it was written, so
                # a longer WAL writes a page once for more articles (1,000 new documents into a
                # store of 1,000,000 attributions: 7.2-8.8 s against 12.8-14.5 s at 40 MiB).
                # Each article stays one transaction: a crash still loses only the one in flight
                self.db.execute(f"PRAGMA wal_autocheckpoint = {_CHECKPOINT_PAGES}")
                # the WAL file is reused, not shrunk, after a checkpoint: one large transaction
                # (a claim refresh writes up to 42,000 pages) would leave it that large for good
                self.db.execute(f"PRAGMA journal_size_limit = {_WAL_KEEP_BYTES}")
                # a page cache of 64 MiB, not 2 (memory taken only as pages are read): each
                # article's rows land in a few hundred pages spread over a large store's
                # indexes, and with 2 MiB each was read from the file again (374 reads an
                # article in the last tenth of a 100,000-attribution build, 104 with this)
                self.db.execute(f"PRAGMA cache_size = -{_CACHE_KIB}")
                self.db.execute("PRAGMA foreign_keys = ON")
                migrate(self.db)
                over = self.setting("claim_keys_common_over")
                self._common_over = COMMON_KEY_HOLDERS if over is None else int(over)
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                if self.db.conn.in_transaction:
                    self.db.conn.execute("ROLLBACK")
                time.sleep(0.05)

    # --- lifecycle --------------------------------------------------------------------------

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def rules(self) -> Rules:
        if self._rules is None:
            self._rules = load_rules()
        return self._rules

    def schema_version(self) -> int:
        """The highest migration applied to this database."""
        return schema_version(self.db)

    def counts(self) -> dict[str, int]:
        """Rows in each table."""
        return {t: int(self._one(f"SELECT count(*) FROM {t}") or 0) for t in TABLES}

    # --- ingest -----------------------------------------------------------------------------

    def holds(self, text: str) -> bool:
        """This exact text is stored already (so parsing it again can be skipped)."""
        found = self._one("SELECT 1 FROM documents WHERE id = ?", [content_hash(text)[:_ID_CHARS]])
        return found is not None

    def ingest(
        self,
        doc: Document,
        masthead: Masthead | None = None,
        sentences: Sequence[Sentence] | None = None,
    ) -> IngestResult:
        """Store ``doc`` and its attributions in one transaction, with ``sentences`` (its
        parse, kept so that grouping its claims again never parses it again) when given.

        The same text again is ``unchanged`` (nothing written). Another text at the same path
        replaces the rows of the text stored there (``updated``). Raises :class:`StoreError`
        when the database refuses the write; nothing of ``doc`` is then stored.
        """
        for attempt in range(1, _WRITE_ATTEMPTS + 1):
            try:
                return self._ingest_once(doc, masthead or Masthead(), sentences)
            except sqlite3.OperationalError as exc:
                # another writer held the lock past the busy timeout: the transaction was
                # rolled back whole, so trying again is safe
                if attempt < _WRITE_ATTEMPTS and "locked" in str(exc):
                    continue
                raise StoreError(
                    f"could not store {doc.doc_id} in {self.path} ({exc}); nothing of it was "
                    "kept. Another program may hold the database: try again when it is done"
                ) from exc
            except sqlite3.Error as exc:
                raise StoreError(
                    f"could not store {doc.doc_id} in {self.path} ({exc}); nothing of it was kept"
                ) from exc
        raise AssertionError("unreachable")

    def _ingest_once(
        self, doc: Document, masthead: Masthead, sentences: Sequence[Sentence] | None
    ) -> IngestResult:
        chash = content_hash(doc.text)
        document_id = chash[:_ID_CHARS]
        path = _path_key(doc.path)
        with write_transaction(self.db):
            if self._one("SELECT 1 FROM documents WHERE id = ?", [document_id]):
                return IngestResult("unchanged", document_id)
            old = self._one("SELECT id FROM documents WHERE path = ?", [path]) if path else None
            named = self._delete_document(str(old)) if old is not None else set()
            self._insert_document(doc, document_id, chash, path, masthead)
            stored = _DocumentWriter(self, document_id).write(doc.attributions)
            if sentences is not None:
                self._keep_parses({document_id: sentences})
            self._prune_sources(named)
        return IngestResult("updated" if old is not None else "new", document_id, stored)

    def _insert_document(
        self, doc: Document, document_id: str, chash: str, path: str | None, m: Masthead
    ) -> None:
        outlet = self._link_outlet(m.outlet, document_id) if m.outlet else None
        self.db.execute(
            "INSERT INTO documents (id, doc_id, path, outlet, outlet_source_id, byline, "
            "dateline, published, text, content_hash, ingested_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                document_id,
                doc.doc_id,
                path,
                m.outlet,
                outlet,
                m.byline,
                m.dateline,
                m.published,
                doc.text,
                chash,
                dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            ],
        )

    def _link_outlet(self, outlet: str, document_id: str) -> str:
        entry = self.rules.source_index.get(normalise_name(outlet))
        link = self.link_source(
            entry.canonical if entry else outlet,
            entry.type if entry else "media",
            "publishing outlet",
            document_id,
        )
        assert link is not None
        return link.id

    def _delete_document(self, document_id: str) -> set[str]:
        """Delete a document and its rows; return the named sources they referred to (see
        :meth:`_prune_sources`)."""
        named = {
            str(r[0])
            for r in self.db.execute(
                """SELECT source_id FROM attributions WHERE document_id = ?
                UNION SELECT source_id FROM mentions WHERE document_id = ?
                UNION SELECT h.source_id FROM hops h
                      JOIN attributions a ON a.id = h.attribution_id WHERE a.document_id = ?
                UNION SELECT outlet_source_id FROM documents WHERE id = ?""",
                [document_id] * 4,
            )
            if r[0] is not None
        }
        self._drop_claims_of([document_id])
        self.db.execute("DELETE FROM claims_refreshed WHERE document_id = ?", [document_id])
        self.db.execute("DELETE FROM document_parses WHERE document_id = ?", [document_id])
        self.db.execute("DELETE FROM document_readings WHERE document_id = ?", [document_id])
        for sql in (
            "DELETE FROM hops WHERE attribution_id IN "
            "(SELECT id FROM attributions WHERE document_id = ?)",
            "DELETE FROM attributions WHERE document_id = ?",
            "DELETE FROM mentions WHERE document_id = ?",
            "DELETE FROM sources WHERE document_id = ?",
            "DELETE FROM documents WHERE id = ?",
        ):
            self.db.execute(sql, [document_id])
        return named

    def _prune_sources(self, candidates: set[str]) -> None:
        """Drop the named sources among ``candidates`` that nothing refers to any more (those
        a replaced document referred to), then the parents they leave alone. Only these are
        looked at, so replacing a document costs the same in a large store as in a small."""
        while candidates:
            parents: set[str] = set()
            for chunk in _chunks(sorted(candidates)):
                marks = ",".join("?" * len(chunk))
                # "+": look the candidates up by id, not every named source by document_id
                orphans = self._rows(
                    f"""SELECT id, parent_id FROM sources s
                    WHERE id IN ({marks}) AND +document_id IS NULL
                    AND NOT EXISTS (SELECT 1 FROM attributions a WHERE a.source_id = s.id)
                    AND NOT EXISTS (SELECT 1 FROM mentions m WHERE m.source_id = s.id)
                    AND NOT EXISTS (SELECT 1 FROM hops h WHERE h.source_id = s.id)
                    AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.outlet_source_id = s.id)
                    AND NOT EXISTS (SELECT 1 FROM sources c WHERE c.parent_id = s.id)""",
                    chunk,
                )
                for r in orphans:
                    self.db.execute("DELETE FROM sources WHERE id = ?", [r["id"]])
                    if r["parent_id"] is not None:
                        parents.add(str(r["parent_id"]))
            candidates = parents

    # --- sources: one per canonical name ----------------------------------------------------

    def link_source(
        self,
        name: str,
        source_type: str | None,
        evidence: str | None,
        document_id: str,
    ) -> _Link | None:
        """The source row for a speaker's canonical ``name`` (created when new), and how it
        was chosen. Must run inside a write transaction.

        A name listed in ``rules/sources.toml`` is that source (with its parent). A
        description is a source of ``document_id`` only. A bare surname is the one known
        person with that surname, if exactly one. Otherwise the same name, else a spelling
        variant in the same block (rapidfuzz, ``fuzzy_threshold`` in ``rules/resolve.toml``),
        else a new source.
        """
        entry = self.rules.source_index.get(normalise_name(_DETERMINER.sub("", name)))
        if entry is not None:
            return self._rules_source(entry)
        key = name_key(name)
        if not key:
            return None
        if is_described(source_type, evidence):
            row = self._source_by_key(key, document_id)
            if row is not None:
                return _Link(row.id, row.name, "same description in this article")
            new = self._create_source(name, source_type, False, key, evidence, document_id)
            return _Link(new, name, "a description: a source of this article only")
        person = is_person(evidence)
        block = self._block(block_key(key), person)
        if person and len(key.split()) == 1:
            match = only_person_with_surname(key, block)
            if match is not None:
                return _Link(match.source.id, match.source.name, match.method)
        row = self._source_by_key(key, None)
        if row is not None:
            if row.type is None and source_type:
                self.db.execute("UPDATE sources SET type = ? WHERE id = ?", [source_type, row.id])
            return _Link(row.id, row.name, "same name")
        match = closest(key, source_type, person, block, self.rules.thresholds.fuzzy_name)
        if match is not None:
            return _Link(match.source.id, match.source.name, match.method)
        new = self._create_source(name, source_type, person, key, evidence, None)
        if person and len(key.split()) > 1:
            self._absorb_bare_surname(new, name, key)
        return _Link(new, name, "new source")

    def _rules_source(self, entry: SourceEntry) -> _Link:
        parent = None
        if entry.parent is not None and entry.parent != entry.canonical:
            parent_entry = next(
                (s for s in self.rules.sources if s.canonical == entry.parent), None
            )
            if parent_entry is not None:
                parent = self._rules_source(parent_entry).id
        key = name_key(entry.canonical)
        row = self._source_by_key(key, None)
        if row is None:
            new = self._create_source(
                entry.canonical, entry.type, False, key, "listed in sources.toml", None, parent
            )
            return _Link(new, entry.canonical, "listed in rules/sources.toml")
        if row.parent_id != parent:
            self.db.execute("UPDATE sources SET parent_id = ? WHERE id = ?", [parent, row.id])
        return _Link(row.id, row.name, "listed in rules/sources.toml")

    def _create_source(
        self,
        name: str,
        source_type: str | None,
        person: bool,
        key: str,
        evidence: str | None,
        document_id: str | None,
        parent_id: str | None = None,
    ) -> str:
        source_id = _hash_id("source", key, document_id)
        if document_id is not None:  # a description, a source of this article only
            source_id = _in_document(document_id, source_id)
        self.db.execute(
            "INSERT INTO sources (id, name, type, parent_id, aliases, person, document_id, key, "
            "block, evidence) VALUES (?, ?, ?, ?, '[]', ?, ?, ?, ?, ?)",
            [
                source_id,
                name,
                source_type,
                parent_id,
                int(person),
                document_id,
                key,
                block_key(key),
                evidence,
            ],
        )
        return source_id

    def _absorb_bare_surname(self, new_id: str, name: str, key: str) -> None:
        """A full name arrives after its bare surname was stored on its own ('Zelensky' first,
        'Volodymyr Zelensky' later): when this is the only person with that surname, the
        surname's statements move to the full name, so ingest order does not matter."""
        surname = key.split()[-1]
        bare = self._source_by_key(surname, None)
        if bare is None or not bare.person:
            return
        match = only_person_with_surname(surname, self._block(block_key(key), True))
        if match is None or match.source.id != new_id:
            return
        for table in ("attributions", "mentions", "hops"):
            self.db.execute(
                f"UPDATE {table} SET source_id = ? WHERE source_id = ?", [new_id, bare.id]
            )
        self.db.execute(
            "UPDATE attributions SET source_link = ? WHERE source_id = ? AND source_name = ?",
            [match.method, new_id, bare.name],
        )
        self.db.execute("UPDATE sources SET parent_id = ? WHERE parent_id = ?", [new_id, bare.id])
        aliases = [bare.name, *self._aliases(bare.id)]
        self.db.execute("DELETE FROM sources WHERE id = ?", [bare.id])
        self.add_aliases(new_id, name, aliases)

    def add_aliases(self, source_id: str, name: str, names: Sequence[str]) -> None:
        """Remember other names a source went by (not pronouns, not its own name)."""
        have = self._aliases(source_id)
        known = len(have)
        seen = {name_key(n) for n in [name, *have]}
        for n in names:
            k = name_key(n)
            if k and k not in seen and not is_pronoun(n) and len(n) <= 80:
                have.append(" ".join(n.split()))
                seen.add(k)
        if len(have) == known or known >= _MAX_ALIASES:
            return  # nothing new to keep: the row is left alone (no page written)
        self.db.execute(
            "UPDATE sources SET aliases = ? WHERE id = ?",
            [json.dumps(have[:_MAX_ALIASES], ensure_ascii=False), source_id],
        )

    def _aliases(self, source_id: str) -> list[str]:
        raw = self._one("SELECT aliases FROM sources WHERE id = ?", [source_id])
        return list(json.loads(raw)) if raw else []

    def _source_by_key(self, key: str, document_id: str | None) -> _SourceRow | None:
        rows = self._rows(
            "SELECT id, name, key, type, person, parent_id FROM sources "
            "WHERE key = ? AND ifnull(document_id, '') = ?",
            [key, document_id or ""],
        )
        return _SourceRow.of(rows[0]) if rows else None

    def _block(self, block: str, person: bool) -> list[KnownSource]:
        rows = self._rows(
            "SELECT id, name, key, type, person FROM sources "
            "WHERE block = ? AND person = ? AND document_id IS NULL",
            [block, int(person)],
        )
        return [
            KnownSource(r["id"], r["name"], r["key"], r["type"], bool(r["person"])) for r in rows
        ]

    # --- questions --------------------------------------------------------------------------

    def who_said(self, query: str, limit: int = 20) -> list[StoredAttribution]:
        """Attributions whose content matches ``query``: full-text search (every word, else
        any word), then ranked by rapidfuzz similarity to the query. Any string is safe:
        FTS syntax in it (quotes, ``*``, ``AND``, parentheses) is taken literally.

        Raises :class:`StoreError` when ``query`` holds no word to search for.
        """
        return self._attributions_by_id(self._matches(query, max(_SEARCH_POOL, limit))[:limit])

    def _matches(self, query: str, pool: int) -> list[str]:
        """Ids of the ``pool`` best full-text matches of ``query`` (every word, else any
        word), ranked by rapidfuzz similarity to it (then by full-text rank). Only the
        matches' texts are read: the caller reads the rows it keeps."""
        terms = fts_terms(query)
        if not terms:
            raise StoreError(f"nothing to search for in {query!r}. Give a word or a number")
        rows: list[tuple[str, str]] = []
        for joiner in (" ", " OR "):
            rows = [
                (str(r[0]), str(r[1]))
                for r in self.db.execute(
                    "SELECT a.id, a.content_text FROM attributions_fts f "
                    "JOIN attributions a ON a.rowid = f.rowid "
                    "WHERE attributions_fts MATCH ? ORDER BY f.rank LIMIT ?",
                    [joiner.join(terms), pool],
                )
            ]
            if rows or len(terms) == 1:
                break
        wanted = query.lower()
        ranked = sorted(
            range(len(rows)), key=lambda n: (-fuzz.partial_ratio(wanted, rows[n][1].lower()), n)
        )
        return [rows[n][0] for n in ranked]

    def trace(self, id_or_query: str) -> Trace:
        """An attribution by id (or a unique prefix of one), else the best ``who_said`` match,
        with the sentence it stands in. Raises :class:`StoreError` when nothing matches."""
        wanted = id_or_query.strip()
        others = 0
        found: list[StoredAttribution] = []
        ids: list[str] = []
        if re.fullmatch(r"[0-9a-f]{6,16}", wanted):
            ids = [
                str(r["id"])
                for r in self._rows(
                    "SELECT id FROM attributions WHERE id >= ? AND id < ? LIMIT 2",
                    [wanted, wanted + "g"],
                )
            ]
            found = self._attributions_by_id(ids) if len(ids) == 1 else []
        if not found:
            if not fts_terms(wanted):
                raise StoreError(f"no attribution with id {wanted!r}. Give an id or some words")
            matches = self._matches(wanted, _SEARCH_POOL)
            found = self._attributions_by_id(matches[:1])
            others = max(0, len(matches) - 1)
        if not found and len(ids) > 1:
            raise StoreError(
                f"more than one attribution has an id starting {wanted!r}. Give more of the id: "
                "the attributions of one article share its first 6 characters"
            )
        if not found:
            raise StoreError(
                f"no attribution with id or words {wanted!r}. Find one with "
                "'provenance who-said WORDS'"
            )
        a = found[0]
        doc = self._rows("SELECT text, byline, path FROM documents WHERE id = ?", [a.document_id])[
            0
        ]
        spans = [s for s in (a.content, a.speaker, a.cue) if s is not None]
        sentence = sentence_around(
            str(doc["text"]), min(s.start for s in spans), max(s.end for s in spans)
        )
        return Trace(a, sentence, doc["byline"], doc["path"], others)

    def sources(self, source_type: str | None = None) -> list[SourceSummary]:
        """Every source with its counts, most statements first, then by name and by the
        article a description belongs to. ``source_type`` is a type or a word of one:
        ``anonymous`` also lists ``anonymous official``."""
        where, params = "", []
        if source_type:
            where = "WHERE s.type = ? OR ' ' || s.type || ' ' LIKE ?"
            params = [source_type, f"% {source_type} %"]
        rows = self._rows(
            f"""SELECT s.id, s.name, s.type, p.name AS parent, s.aliases, d.doc_id AS only_in,
                   count(a.id) AS statements, count(DISTINCT a.document_id) AS documents
            FROM sources s
            LEFT JOIN attributions a ON a.source_id = s.id
            LEFT JOIN sources p ON p.id = s.parent_id
            LEFT JOIN documents d ON d.id = s.document_id
            {where}
            GROUP BY s.id ORDER BY statements DESC, s.name, only_in, s.id""",
            params,
        )
        return [_summary(r) for r in rows]

    def source_statements(
        self, name: str, limit: int | None = None
    ) -> tuple[list[SourceSummary], list[StoredAttribution]]:
        """The sources called ``name`` (every article's, for a description; else the closest
        name by rapidfuzz), with everything they and the sources under them said."""
        key = name_key(name)
        rows = self._rows("SELECT id FROM sources WHERE key = ?", [key])
        if not rows:
            names = {str(r["id"]): str(r["key"]) for r in self._rows("SELECT id, key FROM sources")}
            best = process.extractOne(key, names, scorer=fuzz.WRatio)
            if best is None or best[1] < self.rules.thresholds.fuzzy_name:
                raise StoreError(
                    f"no source named {name!r}. 'provenance sources' lists the sources"
                )
            rows = [{"id": best[2]}]
        ids = [str(r["id"]) for r in rows]
        marks = ",".join("?" * len(ids))
        tree = self._rows(
            f"""WITH RECURSIVE tree(id) AS (
                SELECT id FROM sources WHERE id IN ({marks})
                UNION SELECT s.id FROM sources s JOIN tree ON s.parent_id = tree.id)
            SELECT a.id FROM attributions a JOIN tree ON a.source_id = tree.id
            ORDER BY a.document_id, a.position""",
            ids,
        )
        matched = [s for s in self.sources() if s.id in set(ids)]
        statements = self._attributions_by_id([str(r["id"]) for r in tree][:limit])
        return matched, statements

    def attributions(self, batch: int = 500) -> Iterator[StoredAttribution]:
        """Every attribution with its chain, article by article, in text order."""
        last = ("", -1)
        while True:
            rows = self._rows(
                "SELECT id, document_id, position FROM attributions "
                "WHERE (document_id, position) > (?, ?) ORDER BY document_id, position LIMIT ?",
                [*last, batch],
            )
            if not rows:
                return
            yield from self._attributions_by_id([str(r["id"]) for r in rows])
            last = (str(rows[-1]["document_id"]), int(rows[-1]["position"]))

    def documents(self) -> list[dict[str, Any]]:
        """Every document's id, doc_id, path, outlet, byline, dateline and date (no text)."""
        return self._rows(
            "SELECT id, doc_id, path, outlet, byline, dateline, published, ingested_at "
            "FROM documents ORDER BY doc_id, id"
        )

    # --- claims: written by a refresh after ingest, read by the report ---------------------

    def pending_claim_documents(self) -> list[str]:
        """Ids of the documents whose claims are not up to date: stored since the last refresh
        (or by a run stopped before it), or tied by a claim to a document since replaced."""
        return [
            str(r[0])
            for r in self.db.execute(
                "SELECT id FROM documents WHERE id NOT IN "
                "(SELECT document_id FROM claims_refreshed) ORDER BY doc_id, id"
            )
        ]

    def stored_documents(self, ids: Iterable[str]) -> list[StoredDocument]:
        """The documents with these ids rebuilt for grouping claims: the text and the
        attributions as the extractor gave them (its source names, not the store's links), in
        stored order, each with its id, in id order. Ids not stored are left out."""
        out: list[StoredDocument] = []
        for chunk in _chunks(sorted(set(ids))):
            marks = ",".join("?" * len(chunk))
            texts = {
                str(r["id"]): r
                for r in self._rows(
                    f"SELECT id, doc_id, path, text FROM documents WHERE id IN ({marks})", chunk
                )
            }
            hops: dict[str, list[Hop]] = {}
            for h in self._rows(
                'SELECT a.document_id, h.attribution_id, h.name, h.role, h."start", h."end" '
                "FROM hops h JOIN attributions a ON a.id = h.attribution_id "
                f"WHERE a.document_id IN ({marks}) ORDER BY h.attribution_id, h.position",
                chunk,
            ):
                start, end, text = h["start"], h["end"], texts[h["document_id"]]["text"]
                span = Span(start, end, text[start:end]) if start is not None else None
                hops.setdefault(str(h["attribution_id"]), []).append(
                    Hop(str(h["name"]), str(h["role"]), span)
                )
            held: dict[str, list[dict[str, Any]]] = {}
            for r in self._rows(
                f"SELECT * FROM attributions WHERE document_id IN ({marks}) "
                "ORDER BY document_id, position",
                chunk,
            ):
                held.setdefault(str(r["document_id"]), []).append(r)
            for document_id in chunk:
                if document_id not in texts:
                    continue
                row, rows = texts[document_id], held.get(document_id, [])
                text = str(row["text"])
                attributions = tuple(
                    _extracted(r, text, tuple(hops.get(str(r["id"]), ()))) for r in rows
                )
                doc = Document(str(row["doc_id"]), text, row["path"], attributions)
                out.append(StoredDocument(document_id, doc, tuple(str(r["id"]) for r in rows)))
        return out

    def stored_parses(self, ids: Iterable[str]) -> dict[str, list[Sentence]]:
        """The parses kept for the documents with these ids (see :mod:`provenance.parses`),
        by id; a document stored without one (or before they were kept) is left out."""
        out: dict[str, list[Sentence]] = {}
        for chunk in _chunks(sorted(set(ids))):
            for r in self.db.execute(
                "SELECT p.document_id, p.parse, d.text FROM document_parses p "
                "JOIN documents d ON d.id = p.document_id "
                f"WHERE p.document_id IN ({','.join('?' * len(chunk))}) AND p.format = ?",
                [*chunk, PARSE_FORMAT],
            ):
                out[str(r[0])] = read_parse(r[1], str(r[2]))
        return out

    def _keep_parses(self, parses: Mapping[str, Sequence[Sentence]]) -> None:
        """Keep these parses (by document id), replacing any kept before, and drop the
        readings made from an earlier one. Must run inside a write transaction."""
        self.db.conn.executemany(
            "INSERT OR REPLACE INTO document_parses (document_id, format, parse) VALUES (?, ?, ?)",
            [(i, PARSE_FORMAT, pack_parse(found)) for i, found in parses.items()],
        )
        self.db.conn.executemany(
            "DELETE FROM document_readings WHERE document_id = ?", [(i,) for i in parses]
        )

    def kept_readings(self, ids: Iterable[str], version: str) -> dict[str, tuple[str, bytes]]:
        """The readings kept under ``version`` for the documents with these ids (see
        :mod:`provenance.readings`), by id: the name each was read under, and the packed
        reading. A document with none, or one under another version, is left out."""
        out: dict[str, tuple[str, bytes]] = {}
        for chunk in _chunks(sorted(set(ids))):
            for r in self.db.execute(
                "SELECT document_id, doc_id, reading FROM document_readings "
                f"WHERE document_id IN ({','.join('?' * len(chunk))}) AND version = ?",
                [*chunk, version],
            ):
                out[str(r[0])] = (str(r[1]), bytes(r[2]))
        return out

    def keep_readings(self, readings: Mapping[str, tuple[str, bytes]], version: str) -> bool:
        """Keep these packed readings (by document id: the name read under, the reading),
        read under ``version``, in one transaction; a document no longer stored is skipped.
        Returns whether they were written: a database busy past the timeout keeps none (a
        refresh reads those articles again), as keeping them only saves time."""
        try:
            with write_transaction(self.db):
                self._keep_readings(readings, version)
        except sqlite3.OperationalError:
            return False
        return True

    def _keep_readings(self, readings: Mapping[str, tuple[str, bytes]], version: str) -> None:
        self.db.conn.executemany(
            "INSERT OR REPLACE INTO document_readings (document_id, version, doc_id, reading) "
            "SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM documents WHERE id = ?)",
            [(i, version, name, packed, i) for i, (name, packed) in readings.items()],
        )

    def documents_sharing_keys(
        self,
        keys: Iterable[str],
        max_block: int,
        *,
        min_terms: int = 2,
        events: Iterable[str] = (),
    ) -> set[str]:
        """Ids of the documents holding a stored statement that could be linked to a
        statement with these blocking keys (see :func:`provenance.claims.blocking_keys`):
        one sharing ``min_terms`` terms (``t:``), or an event (one of ``events``, as ``t:``
        keys) and a name (``n:``), the only ways statements of two articles are linked.
        Figures are left out (they link statements of one article only), and so is a key
        held by more than ``max_block`` statements: too common to compare on, as in grouping
        itself."""
        return self.documents_sharing_any([keys], max_block, min_terms=min_terms, events=events)

    def documents_sharing_any(
        self,
        statements: Iterable[Iterable[str]],
        max_block: int,
        *,
        min_terms: int = 2,
        events: Iterable[str] = (),
    ) -> set[str]:
        """:meth:`documents_sharing_keys` for many statements at once (each given by its
        blocking keys): the documents that could be linked to any of them."""
        wanted = [frozenset(k for k in keys if not k.startswith("f:")) for keys in statements]
        holders = self._key_holders(set().union(*wanted), max_block)
        event_keys = set(events)
        linked: set[str] = set()
        for keys in wanted:
            terms: Counter[str] = Counter()
            with_event: set[str] = set()
            with_name: set[str] = set()
            for key in keys & holders.keys():
                found = holders[key]
                if key.startswith("t:"):
                    terms.update(found)
                    if key in event_keys:
                        with_event.update(found)
                elif key.startswith("n:"):
                    with_name.update(found)
            linked.update(a for a, n in terms.items() if n >= min_terms)
            linked |= with_event & with_name
        return {
            str(r[0])
            for chunk in _chunks(sorted(linked))
            for r in self.db.execute(
                # every statement holding a key is a claim's (its keys go with its claim)
                "SELECT DISTINCT document_id FROM attributions "
                f"WHERE id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
        }

    def _key_holders(self, keys: set[str], max_block: int) -> dict[str, list[str]]:
        """The stored statements (attribution ids) holding each of ``keys``, for the keys held
        by at most ``max_block``: a key held by more is too common to compare on, and is read
        only up to ``max_block + 1`` holders (one held by half the store is not read in full)."""
        if not keys:
            return {}
        common = self._key_counts(keys)
        out: dict[str, list[str]] = {}
        for key, found in self.db.execute(
            "SELECT value, (SELECT group_concat(attribution_id, ' ') FROM (SELECT attribution_id "
            "FROM claim_keys c WHERE c.key = value LIMIT ?)) FROM json_each(?)",
            [max_block + 1, json.dumps(sorted(keys - common.keys()))],
        ):
            holding = str(found).split() if found else []
            if 0 < len(holding) <= max_block:
                out[str(key)] = holding
        for key, holders in common.items():
            if holders <= max_block:  # only with a max_block above the store's limit
                out[key] = sorted(self._common_key_holders(key))
        return out

    # --- blocking keys: those held by more than the store's limit counted, not listed ------

    def _key_counts(self, keys: Iterable[str]) -> dict[str, int]:
        """The keys among ``keys`` counted rather than listed (held by more statements than
        ``claim_keys_common_over``), with how many statements hold each."""
        return {
            str(key): int(holders)
            for key, holders in self.db.execute(
                "SELECT key, holders FROM claim_key_counts "
                "WHERE key IN (SELECT value FROM json_each(?))",
                [json.dumps(sorted(set(keys)))],
            )
        }

    def _common_key_holders(self, key: str) -> set[str]:
        """The statements holding a counted key: a scan of ``claim_document_keys`` (only when
        a key falls back under the limit, or a lookup allows more holders than it)."""
        quoted = json.dumps(key, ensure_ascii=False)
        return {
            attribution
            for (packed,) in self.db.execute(
                "SELECT keys FROM claim_document_keys WHERE instr(keys, ?) > 0", [quoted]
            )
            for attribution, keys in json.loads(packed).items()
            if key in keys
        }

    def _document_keys(self, document_ids: Iterable[str]) -> dict[str, dict[str, set[str]]]:
        """The stored keys of these documents' statements: document id -> statement -> keys
        (a document none of whose statements holds a key is left out)."""
        out: dict[str, dict[str, set[str]]] = {}
        for chunk in _chunks(sorted(set(document_ids))):
            for document_id, packed in self.db.execute(
                "SELECT document_id, keys FROM claim_document_keys "
                f"WHERE document_id IN ({','.join('?' * len(chunk))})",
                chunk,
            ):
                out[str(document_id)] = {a: set(k) for a, k in json.loads(packed).items()}
        return out

    def _change_keys(
        self,
        dropped: Mapping[str, str],
        added: Sequence[tuple[str, str]] = (),
        documents: Mapping[str, str] | None = None,
    ) -> None:
        """Drop every key of the ``dropped`` statements (statement id -> its document id) and
        hold the ``added`` (key, statement id) rows (``documents``: each one's document id),
        in one pass: a row dropped and added again is left as it is (its pages are not
        written). A key held by more statements than the store's limit is counted in
        ``claim_key_counts``, any other listed in ``claim_keys``; a key whose holders cross
        the limit moves."""
        where = {**dropped, **(documents or {})}
        before = self._document_keys(where.values())
        after = {d: {a: set(keys) for a, keys in held.items()} for d, held in before.items()}
        for attribution, document_id in dropped.items():
            after.get(document_id, {}).pop(attribution, None)
        for key, attribution in added:
            after.setdefault(where[attribution], {}).setdefault(attribution, set()).add(key)
        gone: list[tuple[str, str]] = []
        new: list[tuple[str, str]] = []
        for document_id in sorted(before.keys() | after.keys()):
            old, now = before.get(document_id, {}), after.get(document_id, {})
            if old == now:
                continue
            for attribution in old.keys() | now.keys():
                was, held = old.get(attribution, set()), now.get(attribution, set())
                gone += ((k, attribution) for k in was - held)
                new += ((k, attribution) for k in held - was)
            self._hold_document_keys(document_id, now)
        counted = self._key_counts(k for k, _ in [*gone, *new])
        change = Counter(k for k, _ in new if k in counted)
        change.subtract(k for k, _ in gone if k in counted)
        self.db.conn.executemany(
            "DELETE FROM claim_keys WHERE key = ? AND attribution_id = ?",
            sorted(r for r in gone if r[0] not in counted),
        )
        # in key order: the rows land in the index's pages one after another, not each in a
        # page of its own across a large index (it has no rowid, so the order is nowhere else
        # to be seen)
        listed = sorted(r for r in new if r[0] not in counted)
        self.db.conn.executemany(
            "INSERT OR IGNORE INTO claim_keys (key, attribution_id) VALUES (?, ?)", listed
        )
        self.db.conn.executemany(
            "UPDATE claim_key_counts SET holders = holders + ? WHERE key = ?",
            [(n, key) for key, n in sorted(change.items()) if n],
        )
        self._count_apart(sorted({k for k, _ in listed}))
        self._list_again(k for k, n in change.items() if n < 0)

    def _hold_document_keys(self, document_id: str, held: Mapping[str, set[str]]) -> None:
        """Write one document's keys (none: its row dropped)."""
        if not held:
            self.db.execute("DELETE FROM claim_document_keys WHERE document_id = ?", [document_id])
            return
        self.db.execute(
            "INSERT INTO claim_document_keys (document_id, keys) VALUES (?, ?) "
            "ON CONFLICT (document_id) DO UPDATE SET keys = excluded.keys",
            [document_id, pack_document_keys(held)],
        )

    def _count_apart(self, keys: Sequence[str]) -> None:
        """Move the listed keys among ``keys`` now held by more statements than the limit to
        the counted."""
        over = [
            str(r[0])
            for r in self.db.execute(
                "SELECT value FROM json_each(?) WHERE (SELECT count(*) FROM (SELECT 1 FROM "
                "claim_keys WHERE key = value LIMIT ?)) > ?",
                [json.dumps(list(keys)), self._common_over + 1, self._common_over],
            )
        ]
        for key in over:
            holders = int(self._one("SELECT count(*) FROM claim_keys WHERE key = ?", [key]))
            self.db.execute("DELETE FROM claim_keys WHERE key = ?", [key])
            self.db.execute(
                "INSERT INTO claim_key_counts (key, holders) VALUES (?, ?)", [key, holders]
            )

    def _list_again(self, keys: Iterable[str]) -> None:
        """List again the counted keys among ``keys`` that statements dropped have brought
        back to the limit or under it (so lookups compare on them once more)."""
        under = [
            (str(r[0]), int(r[1]))
            for r in self.db.execute(
                "SELECT key, holders FROM claim_key_counts "
                "WHERE key IN (SELECT value FROM json_each(?)) AND holders <= ?",
                [json.dumps(sorted(set(keys))), self._common_over],
            )
        ]
        for key, count in under:
            found = self._common_key_holders(key)
            assert len(found) == count, (key, count, len(found))
            self.db.conn.executemany(
                "INSERT INTO claim_keys (key, attribution_id) VALUES (?, ?)",
                [(key, a) for a in sorted(found)],
            )
            self.db.execute("DELETE FROM claim_key_counts WHERE key = ?", [key])

    def claim_closure(self, document_ids: Iterable[str]) -> set[str]:
        """``document_ids`` and every document tied to them by a stored claim, transitively:
        the documents that must be grouped together so that no claim is cut in two."""
        seen = set(document_ids)
        frontier = sorted(seen)
        while frontier:
            found: set[str] = set()
            for chunk in _chunks(frontier):
                marks = ",".join("?" * len(chunk))
                found.update(
                    str(r[0])
                    for r in self.db.execute(
                        f"""SELECT DISTINCT b.document_id FROM claim_attributions a
                        JOIN claim_attributions b ON b.claim_number = a.claim_number
                        WHERE a.document_id IN ({marks})""",
                        chunk,
                    )
                )
            frontier = sorted(found - seen)
            seen |= found
        return seen

    def replace_claims(
        self,
        documents: Sequence[StoredDocument],
        claims: Sequence[Claim],
        keys: dict[tuple[str, int], frozenset[str]],
        parses: Mapping[str, Sequence[Sentence]] | None = None,
        readings: Mapping[str, tuple[str, bytes]] | None = None,
        version: str = "",
    ) -> int:
        """In one transaction: drop every stored claim of ``documents``, store ``claims``
        (grouped from exactly these documents; ``keys`` maps a statement, as (doc_id,
        attribution index), to its blocking keys) and mark the documents' claims current;
        ``parses`` (by document id): parses made for the grouping, kept for the next one;
        ``readings`` (see :meth:`keep_readings`) likewise, read under ``version``.
        Returns the claims stored, or -1 when a document was replaced or removed meanwhile
        (nothing is written; they stay pending)."""
        ids = [d.id for d in documents]
        by_doc = {d.document.doc_id: d for d in documents}
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with write_transaction(self.db):
            present = {
                str(r[0])
                for chunk in _chunks(ids)
                for r in self.db.execute(
                    f"SELECT id FROM documents WHERE id IN ({','.join('?' * len(chunk))})", chunk
                )
            }
            if present != set(ids):
                return -1
            stored = self._claims_of(ids)
            made: dict[str, _ClaimRows] = {}
            keyed: set[tuple[str, str]] = set()
            origins = self._origin_sources(
                (origin.name, _origin_document(claim, origin, by_doc))
                for claim in claims
                for origin in claim.origins
            )
            for claim in claims:
                rows = self._claim_rows(claim, by_doc, keys, keyed, origins)
                made.setdefault(rows.id, rows)  # the same statements grouped twice: stored once
            before = self._stored_claim_rows({n: i for n, i in stored.items() if i in made})
            same = {i for i, rows in before.items() if rows == made[i]}
            # a claim stored as it would be written again keeps its rows (their indexes are
            # not written again); only when it was last grouped changes
            written = [r for i, r in made.items() if i not in same]
            dropped = self._drop_claims(sorted(n for n, i in stored.items() if i not in same))
            self._insert_claim_rows(written, now)
            self._change_keys(
                dropped,
                [k for r in written for k in r.keys],
                {a: d.id for d in documents for a in d.attribution_ids},
            )
            for chunk in _chunks(sorted(n for n, i in stored.items() if i in same)):
                self.db.execute(
                    "UPDATE claims SET updated_at = ? "
                    f"WHERE number IN ({','.join('?' * len(chunk))})",
                    [now, *chunk],
                )
            self.db.conn.executemany(
                "INSERT OR REPLACE INTO claims_refreshed (document_id, refreshed_at) VALUES (?, ?)",
                [(i, now) for i in ids],
            )
            if parses:
                self._keep_parses(parses)
            if readings:
                self._keep_readings(readings, version)
            # the first grouping names the rules the claims follow; later refreshes under
            # other rules leave it (older claims still follow it): `regroup` renews it
            self.db.execute(
                "INSERT OR IGNORE INTO settings (key, value) VALUES ('claims_rules', ?)",
                [rules_digest(self.rules)],
            )
        return len(made)

    def setting(self, key: str) -> str | None:
        """A store-wide setting (table ``settings``), or None."""
        value = self._one("SELECT value FROM settings WHERE key = ?", [key])
        return None if value is None else str(value)

    def claims_follow_rules(self) -> bool:
        """Whether the stored claims were grouped with this store's rules (True for a store
        with no claims yet)."""
        stored = self.setting("claims_rules")
        return stored is None or stored == rules_digest(self.rules)

    def document_ids(self) -> list[str]:
        """Every stored document's id, in the order claims are grouped (doc_id, id)."""
        return [str(r[0]) for r in self.db.execute("SELECT id FROM documents ORDER BY doc_id, id")]

    def mark_claims_stale(self, document_ids: Iterable[str]) -> int:
        """Set the claims of these documents to be grouped again by the next refresh (their
        claims stay readable until then); returns how many were current."""
        ids = sorted(set(document_ids))
        marked = 0
        with write_transaction(self.db):
            for chunk in _chunks(ids):
                marks = ",".join("?" * len(chunk))
                marked += self.db.execute(
                    f"DELETE FROM claims_refreshed WHERE document_id IN ({marks})", chunk
                ).rowcount
        return marked

    def renew_claims_rules(self) -> None:
        """Record that every stored claim now follows this store's rules (after a regroup)."""
        with write_transaction(self.db):
            self.db.execute(
                "INSERT OR REPLACE INTO settings (key, value) VALUES ('claims_rules', ?)",
                [rules_digest(self.rules)],
            )

    def _claim_rows(
        self,
        claim: Claim,
        by_doc: dict[str, StoredDocument],
        keys: dict[tuple[str, int], frozenset[str]],
        keyed: set[tuple[str, str]],
        origins: dict[tuple[str, str | None], str | None],
    ) -> _ClaimRows:
        """The rows that store ``claim`` (its id from its statements), as written: a row whose
        primary key an earlier row holds is left out (``keyed``: the blocking keys written
        so far in this transaction, (key, attribution id)). ``origins``: the stored source
        of each origin of the claims written, by (name, document id), looked up together
        beforehand (:meth:`_origin_sources`; sources do not change meanwhile)."""

        def attribution(doc_id: str | None, index: int | None) -> str | None:
            doc = by_doc.get(doc_id or "")
            if doc is None or index is None or index >= len(doc.attribution_ids):
                return None
            return doc.attribution_ids[index]

        def document(doc_id: str | None) -> str | None:
            doc = by_doc.get(doc_id or "")
            return doc.id if doc else None

        parts = sorted(
            f"a:{attribution(m.doc_id, m.index)}"
            if m.index is not None
            else f"s:{document(m.doc_id)}:{m.sentence.start}:{m.sentence.end}"
            for m in claim.members
        )
        claim_id = _hash_id("claim", *parts)
        rows = _ClaimRows(
            claim_id,
            (
                claim_id,
                claim.text,
                severity(claim.flag_names)[0],
                json.dumps(list(claim.explanation), ensure_ascii=False),
            ),
        )
        spans: dict[tuple[Any, ...], tuple[Any, ...]] = {}
        statements: dict[str | None, tuple[Any, ...]] = {}
        for position, m in enumerate(claim.members):
            if m.index is None:
                span = (document(m.doc_id), m.sentence.start)
                spans.setdefault(
                    span,
                    (
                        *span,
                        m.sentence.end,
                        m.kind,
                        m.cue.start if m.cue else None,
                        m.cue.end if m.cue else None,
                    ),
                )
                continue
            aid = attribution(m.doc_id, m.index)
            statements.setdefault(aid, (aid, document(m.doc_id), position, m.role, m.why))
        rows.spans = sorted(spans.values(), key=lambda r: r[:2])
        rows.attributions = sorted(statements.values(), key=lambda r: r[:1])
        for position, origin in enumerate(claim.origins):
            rows.origins.append(
                (
                    position,
                    origin.name,
                    origin.key,
                    origins[origin.name, _origin_document(claim, origin, by_doc)],
                    origin.type,
                    json.dumps(list(origin.relays), ensure_ascii=False),
                )
            )
        evidence = [
            (flag.name, e)
            for flag in claim.flags
            for e in (flag.evidence or (Evidence(flag.name, ""),))
        ]
        for position, (name, e) in enumerate(evidence):
            rows.flags.append(
                (
                    position,
                    name,
                    e.rule,
                    e.detail,
                    attribution(e.doc_id, e.attribution),
                    document(e.doc_id),
                    e.span.start if e.span else None,
                    e.span.end if e.span else None,
                )
            )
        for m in claim.members:
            if m.index is None or (aid := attribution(m.doc_id, m.index)) is None:
                continue
            for k in sorted(keys.get((m.doc_id, m.index), frozenset())):
                if (k, aid) not in keyed:
                    keyed.add((k, aid))
                    rows.keys.append((k, aid))
        rows.keys.sort()
        return rows

    def _stored_claim_rows(self, claims: Mapping[int, str]) -> dict[str, _ClaimRows]:
        """The rows stored for these claims (number -> id), as :meth:`_claim_rows` gives
        them, by id."""
        out: dict[str, _ClaimRows] = {}
        by_number: dict[int, _ClaimRows] = {}
        for chunk in _chunks(sorted(claims)):
            marks = ",".join("?" * len(chunk))
            for r in self.db.execute(
                f"SELECT number, id, text, severity, explanation FROM claims "
                f"WHERE number IN ({marks})",
                chunk,
            ):
                out[str(r[1])] = by_number[int(r[0])] = _ClaimRows(str(r[1]), tuple(r[1:]))
            for table, columns, part in _CLAIM_TABLES:
                sql = f"SELECT claim_number, {columns} FROM {table} WHERE claim_number IN ({marks})"
                for r in self.db.execute(sql, chunk):
                    getattr(by_number[int(r[0])], part).append(tuple(r[1:]))
        # a statement's keys are its claim's
        held = self._document_keys(r[1] for c in out.values() for r in c.attributions)
        for rows in out.values():
            for attribution, document_id, *_ in rows.attributions:
                found = held.get(document_id, {}).get(attribution, ())
                rows.keys += ((k, attribution) for k in found)
        for rows in out.values():
            rows.spans.sort(key=lambda r: r[:2])
            rows.attributions.sort(key=lambda r: r[:1])
            rows.origins.sort(key=lambda r: r[0])
            rows.flags.sort(key=lambda r: r[0])
            rows.keys.sort()
        return out

    def _insert_claim_rows(self, claims: Sequence[_ClaimRows], now: str) -> None:
        """Write these claims' rows, numbered in this order after the last claim stored, a
        table at a time (their keys aside: see :meth:`_change_keys`)."""
        conn = self.db.conn
        first = int(self._one("SELECT coalesce(max(number), 0) + 1 FROM claims"))
        numbered = list(enumerate(claims, first))
        conn.executemany(
            "INSERT INTO claims (number, id, text, severity, explanation, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(n, *c.claim, now) for n, c in numbered],
        )
        for table, columns, part in _CLAIM_TABLES:
            marks = ",".join("?" * len(columns.split(",")))
            rows = [(n, *row) for n, c in numbered for row in getattr(c, part)]
            conn.executemany(
                f"INSERT INTO {table} (claim_number, {columns}) VALUES (?, {marks})", rows
            )

    def _origin_sources(
        self, wanted: Iterable[tuple[str, str | None]]
    ) -> dict[tuple[str, str | None], str | None]:
        """The stored source each origin names, by (name, document id) of ``wanted``: that
        article's description, else a named source of that key, else the canonical name's
        (sources.toml) source; looked up together (a refresh names some twenty thousand)."""
        pairs = set(wanted)
        canonical = {}
        for name, _ in pairs:
            entry = self.rules.source_index.get(normalise_name(name))
            if entry is not None:
                canonical[name] = name_key(entry.canonical)
        scoped = {(name_key(name), scope or "") for name, scope in pairs}
        scoped |= {(key, "") for key, _ in scoped} | {(key, "") for key in canonical.values()}
        found = {
            (str(key), str(scope)): str(source)
            for key, scope, source in self.db.execute(
                "SELECT w.key, w.scope, s.id FROM (SELECT json_extract(value, '$[0]') AS key, "
                "json_extract(value, '$[1]') AS scope FROM json_each(?)) w "
                "JOIN sources s ON s.key = w.key AND ifnull(s.document_id, '') = w.scope",
                [json.dumps(sorted(scoped))],
            )
        }
        out: dict[tuple[str, str | None], str | None] = {}
        for name, document_id in pairs:
            key = name_key(name)
            held = [found.get((key, scope or "")) for scope in dict.fromkeys((document_id, None))]
            held.append(found.get((canonical[name], "")) if name in canonical else None)
            out[name, document_id] = next((s for s in held if s is not None), None)
        return out

    def _find_origin_source(self, name: str, document_id: str | None) -> str | None:
        """:meth:`_origin_sources` for one (name, document id), a query at a time."""
        key = name_key(name)
        for scope in dict.fromkeys((document_id, None)):
            row = self._source_by_key(key, scope)
            if row is not None:
                return row.id
        entry = self.rules.source_index.get(normalise_name(name))
        if entry is not None:
            row = self._source_by_key(name_key(entry.canonical), None)
            return row.id if row else None
        return None

    def _drop_claims_of(self, document_ids: Sequence[str]) -> None:
        """Delete every claim holding a statement of these documents (see
        :meth:`_drop_claims`) and their statements' keys, and any key left to these
        documents' own statements (so that their rows can go)."""
        dropped = self._drop_claims(sorted(self._claims_of(document_ids)))
        for document_id, held in self._document_keys(document_ids).items():
            dropped.update(dict.fromkeys(held, document_id))
        self._change_keys(dropped)

    def _claims_of(self, document_ids: Sequence[str]) -> dict[int, str]:
        """The claims holding a statement of these documents: number -> id."""
        claims: dict[int, str] = {}
        for chunk in _chunks(list(document_ids)):
            marks = ",".join("?" * len(chunk))
            claims.update(
                (int(r[0]), str(r[1]))
                for r in self.db.execute(
                    "SELECT number, id FROM claims WHERE number IN ("
                    f"SELECT claim_number FROM claim_attributions WHERE document_id IN ({marks}) "
                    "UNION SELECT claim_number FROM claim_spans "
                    f"WHERE document_id IN ({marks}))",
                    [*chunk, *chunk],
                )
            )
        return claims

    def _drop_claims(self, numbers: Sequence[int]) -> dict[str, str]:
        """Delete these claims (by number); return their statements (statement id ->
        document id), whose keys the caller drops or keeps (see :meth:`_change_keys`). The
        other documents they held lose their refresh mark, so the next refresh groups them
        again."""
        statements: dict[str, str] = {}
        for chunk in _chunks(numbers):
            marks = ",".join("?" * len(chunk))
            self.db.execute(
                f"DELETE FROM claims_refreshed WHERE document_id IN (SELECT document_id FROM "
                f"claim_attributions WHERE claim_number IN ({marks}))",
                chunk,
            )
            statements.update(
                (str(r[0]), str(r[1]))
                for r in self.db.execute(
                    "SELECT attribution_id, document_id FROM claim_attributions "
                    f"WHERE claim_number IN ({marks})",
                    chunk,
                )
            )
            for table in ("flags", "claim_origins", "claim_spans", "claim_attributions"):
                self.db.execute(f"DELETE FROM {table} WHERE claim_number IN ({marks})", chunk)
            self.db.execute(f"DELETE FROM claims WHERE number IN ({marks})", chunk)
        return statements

    def claim_counts(self) -> dict[str, int]:
        """Stored claims, those still unverified (a flag other than corroborated), flag rows
        (one per piece of evidence) and documents whose claims are not up to date."""
        return {
            "claims": int(self._one("SELECT count(*) FROM claims") or 0),
            # claims with a flag, less those whose every flag is corroborated: the same count
            # as the distinct claims with another flag, without sorting a million flag rows
            "unverified": int(
                self._one(
                    """SELECT (SELECT count(*) FROM (SELECT DISTINCT claim_number FROM flags))
                    - (SELECT count(DISTINCT f.claim_number) FROM flags f
                       WHERE f.flag = 'corroborated' AND NOT EXISTS (
                           SELECT 1 FROM flags g
                           WHERE g.claim_number = f.claim_number AND g.flag != 'corroborated'))"""
                )
                or 0
            ),
            "flags": int(self._one("SELECT count(*) FROM flags") or 0),
            "pending": len(self.pending_claim_documents()),
        }

    def claims(self, flags: Sequence[str] = (), since: str | None = None) -> list[StoredClaim]:
        """The stored claims still unverified (a flag other than ``corroborated``), worst
        first (:func:`provenance.flags.severity`, then article and position). ``flags``: only
        claims with one of these (``corroborated`` may be asked for); ``since``: only claims
        with a statement in an article published on or after this ISO date (the date it was
        ingested when the article gives none)."""
        where: list[str] = []
        params: list[Any] = []
        if flags:
            marks = ",".join("?" * len(flags))
            where.append(
                "EXISTS (SELECT 1 FROM flags f WHERE f.claim_number = c.number "
                f"AND f.flag IN ({marks}))"
            )
            params += list(flags)
        else:
            where.append(
                "EXISTS (SELECT 1 FROM flags f WHERE f.claim_number = c.number "
                "AND f.flag != 'corroborated')"
            )
        if since:
            where.append(
                """c.number IN (
                    SELECT ca.claim_number FROM claim_attributions ca
                    JOIN documents d ON d.id = ca.document_id
                    WHERE coalesce(d.published, d.ingested_at) >= ?
                    UNION SELECT cs.claim_number FROM claim_spans cs
                    JOIN documents d ON d.id = cs.document_id
                    WHERE coalesce(d.published, d.ingested_at) >= ?)"""
            )
            params += [since, since]
        rows = self._rows(
            "SELECT c.number, c.id, c.text, c.explanation, c.updated_at FROM claims c WHERE "
            + " AND ".join(where),
            params,
        )
        found = self._claims_by_row(rows)
        return sorted(found, key=_report_order)

    def _claims_by_row(self, rows: list[dict[str, Any]]) -> list[StoredClaim]:
        numbers = [int(r["number"]) for r in rows]
        evidence: dict[int, list[StoredEvidence]] = {}
        origins: dict[int, list[StoredOrigin]] = {}
        members: dict[int, list[tuple[str, str, str]]] = {}
        spans: dict[int, list[ClaimSpan]] = {}
        for chunk in _chunks(numbers):
            marks = ",".join("?" * len(chunk))
            for r in self._rows(
                f"""SELECT f.claim_number, f.flag, f.rule, f.detail, f.attribution_id, d.doc_id,
                       f."start", f."end", substr(d.text, f."start" + 1, f."end" - f."start")
                       AS text
                FROM flags f LEFT JOIN documents d ON d.id = f.document_id
                WHERE f.claim_number IN ({marks}) ORDER BY f.claim_number, f.position""",
                chunk,
            ):
                span = None
                if r["start"] is not None:
                    span = Span(int(r["start"]), int(r["end"]), str(r["text"] or ""))
                evidence.setdefault(int(r["claim_number"]), []).append(
                    StoredEvidence(
                        r["flag"], r["rule"], r["detail"], r["doc_id"], r["attribution_id"], span
                    )
                )
            for r in self._rows(
                f"SELECT * FROM claim_origins WHERE claim_number IN ({marks}) "
                "ORDER BY claim_number, position",
                chunk,
            ):
                origins.setdefault(int(r["claim_number"]), []).append(
                    StoredOrigin(
                        r["name"], r["type"], tuple(json.loads(r["relays"])), r["source_id"]
                    )
                )
            for r in self._rows(
                f"SELECT claim_number, attribution_id, role, why FROM claim_attributions "
                f"WHERE claim_number IN ({marks}) ORDER BY claim_number, position",
                chunk,
            ):
                members.setdefault(int(r["claim_number"]), []).append(
                    (str(r["attribution_id"]), str(r["role"]), str(r["why"]))
                )
            for r in self._rows(
                f"""SELECT cs.claim_number, cs.document_id, d.doc_id, d.published, cs."start",
                       cs."end", cs.kind, cs.cue_start, cs.cue_end,
                       substr(d.text, cs."start" + 1, cs."end" - cs."start") AS text,
                       substr(d.text, cs.cue_start + 1, cs.cue_end - cs.cue_start) AS cue
                FROM claim_spans cs JOIN documents d ON d.id = cs.document_id
                WHERE cs.claim_number IN ({marks})
                ORDER BY cs.claim_number, d.doc_id, cs."start\"""",
                chunk,
            ):
                cue = None
                if r["cue_start"] is not None:
                    cue = Span(int(r["cue_start"]), int(r["cue_end"]), str(r["cue"]))
                spans.setdefault(int(r["claim_number"]), []).append(
                    ClaimSpan(
                        str(r["doc_id"]),
                        str(r["document_id"]),
                        Span(int(r["start"]), int(r["end"]), str(r["text"])),
                        r["kind"],
                        cue,
                        r["published"],
                    )
                )
        stored = {
            a.id: a
            for a in self._attributions_by_id(
                sorted({aid for held in members.values() for aid, _, _ in held})
            )
        }
        out: list[StoredClaim] = []
        for r in rows:
            number = int(r["number"])
            found = evidence.get(number, [])
            out.append(
                StoredClaim(
                    id=str(r["id"]),
                    text=str(r["text"]),
                    flags=tuple(
                        sorted({e.flag for e in found}, key=lambda f: severity([f]) + (f,))
                    ),
                    origins=tuple(origins.get(number, ())),
                    statements=tuple(
                        ClaimStatement(stored[aid], role, why)
                        for aid, role, why in members.get(number, ())
                        if aid in stored
                    ),
                    spans=tuple(spans.get(number, ())),
                    evidence=tuple(found),
                    explanation=tuple(json.loads(r["explanation"] or "[]")),
                    updated_at=r["updated_at"],
                )
            )
        return out

    # --- reading rows -----------------------------------------------------------------------

    def _attributions_by_id(self, ids: list[str]) -> list[StoredAttribution]:
        """The attributions with these ids, in the order given."""
        out: dict[str, StoredAttribution] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            hops: dict[str, list[StoredHop]] = {}
            for h in self._rows(
                f"""SELECT h.attribution_id, h.name, h.role, h.source_id, s.name AS source,
                       h."start", h."end", substr(d.text, h."start" + 1, h."end" - h."start")
                       AS text
                FROM hops h JOIN attributions a ON a.id = h.attribution_id
                JOIN documents d ON d.id = a.document_id
                LEFT JOIN sources s ON s.id = h.source_id
                WHERE h.attribution_id IN ({marks}) ORDER BY h.attribution_id, h.position""",
                chunk,
            ):
                span = None
                if h["start"] is not None:
                    span = Span(h["start"], h["end"], str(h["text"]))
                hops.setdefault(str(h["attribution_id"]), []).append(
                    StoredHop(h["name"], h["role"], h["source"], h["source_id"], span)
                )
            for r in self._rows(
                f"""SELECT a.*, s.name AS s_name, s.type AS s_type, p.name AS p_name,
                       d.doc_id AS d_doc_id, d.outlet AS d_outlet, d.published AS d_published
                FROM attributions a JOIN documents d ON d.id = a.document_id
                LEFT JOIN sources s ON s.id = a.source_id
                LEFT JOIN sources p ON p.id = s.parent_id
                WHERE a.id IN ({marks})""",
                chunk,
            ):
                out[str(r["id"])] = _stored(r, tuple(hops.get(str(r["id"]), ())))
        return [out[i] for i in ids if i in out]

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cursor = self.db.execute(sql, list(params))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def _one(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.db.execute(sql, list(params)).fetchone()
        return row[0] if row else None


@dataclass(frozen=True, slots=True)
class _SourceRow:
    id: str
    name: str
    key: str
    type: str | None
    person: bool
    parent_id: str | None

    @classmethod
    def of(cls, r: dict[str, Any]) -> _SourceRow:
        return cls(r["id"], r["name"], r["key"], r["type"], bool(r["person"]), r["parent_id"])


class _DocumentWriter:
    """Writes one document's mentions, attributions and hops (inside the store's
    transaction). Speakers are linked first, so a hop can name a source that only a later
    attribution introduces ("TASS reported, citing a diplomatic source, who said ...")."""

    def __init__(self, store: Store, document_id: str) -> None:
        self.store = store
        self.db = store.db
        self.document_id = document_id
        self.links: dict[tuple[str, str | None, str | None], _Link | None] = {}
        self.aliases: dict[str, tuple[str, list[str]]] = {}

    def write(self, attributions: Sequence[Attribution]) -> int:
        links = [self._link(a) for a in attributions]
        written: set[str] = set()
        for position, (a, link) in enumerate(zip(attributions, links, strict=True)):
            aid = attribution_id(self.document_id, a)
            if aid in written:  # the extractor gave the same span and cue twice
                continue
            written.add(aid)
            self._attribution(aid, position, a, link)
            for n, hop in enumerate(a.chain):
                self._hop(aid, n, hop, a, link)
        for source_id, (name, names) in self.aliases.items():
            self.store.add_aliases(source_id, name, names)
        return len(written)

    def _link(self, a: Attribution) -> _Link | None:
        if not a.source:
            return None
        cache_key = (a.source, a.source_type, a.source_evidence)
        if cache_key not in self.links:
            link = self.store.link_source(
                a.source, a.source_type, a.source_evidence, self.document_id
            )
            self.links[cache_key] = link
            if link is not None:
                self._alias(link, a.source)
        link = self.links[cache_key]
        if link is not None:
            for mention in (a.speaker, a.coref):
                if mention is not None:
                    self._alias(link, mention.text)
        return link

    def _alias(self, link: _Link, name: str) -> None:
        self.aliases.setdefault(link.id, (link.name, []))[1].append(name)

    def _mention(self, span: Span | None, role: str, source_id: str | None) -> str | None:
        if span is None:
            return None
        mention_id = _in_document(
            self.document_id, _hash_id(self.document_id, "mention", span.start, span.end)
        )
        self.db.execute(
            'INSERT OR IGNORE INTO mentions (id, document_id, "start", "end", text, role, '
            "source_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [mention_id, self.document_id, span.start, span.end, span.text, role, source_id],
        )
        return mention_id

    def _attribution(self, aid: str, position: int, a: Attribution, link: _Link | None) -> None:
        source_id = link.id if link else None
        speaker = self._mention(a.speaker, "speaker", source_id)
        coref = self._mention(a.coref, "antecedent", source_id)
        fragments = json.dumps([f.as_list() for f in a.fragments]) if a.fragments else None
        values: dict[str, Any] = {
            "id": aid,
            "document_id": self.document_id,
            "position": position,
            "kind": a.kind,
            "content_start": a.content.start,
            "content_end": a.content.end,
            "content_text": a.content.text,
            "fragments": fragments,
            "speaker_mention_id": speaker,
            "speaker_start": a.speaker.start if a.speaker else None,
            "speaker_end": a.speaker.end if a.speaker else None,
            "speaker_text": a.speaker.text if a.speaker else None,
            "coref_mention_id": coref,
            "coref_start": a.coref.start if a.coref else None,
            "coref_end": a.coref.end if a.coref else None,
            "coref_text": a.coref.text if a.coref else None,
            "cue_start": a.cue.start if a.cue else None,
            "cue_end": a.cue.end if a.cue else None,
            "cue_text": a.cue.text if a.cue else None,
            "source_id": source_id,
            "source_name": a.source,
            "source_type": a.source_type,
            "source_evidence": a.source_evidence,
            "source_link": link.method if link else None,
            "stance": a.stance,
            "channel": a.channel,
            "addressee": a.addressee,
            "rule": a.rule,
            "confidence": a.confidence,
            "via": json.dumps(list(a.via), ensure_ascii=False),
        }
        columns = ", ".join(values)
        marks = ", ".join("?" * len(values))
        self.db.execute(
            f"INSERT INTO attributions ({columns}) VALUES ({marks})", list(values.values())
        )

    def _hop(self, aid: str, n: int, hop: Hop, a: Attribution, link: _Link | None) -> None:
        source_id = self._hop_source(hop, a, link)
        if hop.span is not None:
            self._mention(hop.span, "hop", source_id)
        self.db.execute(
            'INSERT INTO hops (attribution_id, position, name, role, source_id, "start", "end") '
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                aid,
                n,
                hop.name,
                hop.role,
                source_id,
                hop.span.start if hop.span else None,
                hop.span.end if hop.span else None,
            ],
        )

    def _hop_source(self, hop: Hop, a: Attribution, link: _Link | None) -> str | None:
        """The speaker's own hop is its source; another hop is linked when it is a name in
        ``rules/sources.toml`` or a source already known (in this article first); a hop that
        names no known source (a readout, a report) stays unlinked."""
        if link is not None and hop.name == a.source:
            return link.id
        bare = _DETERMINER.sub("", hop.name)
        if self.store.rules.source_index.get(normalise_name(bare)) is not None:
            found = self.store.link_source(bare, None, None, self.document_id)
            return found.id if found else None
        key = name_key(bare)
        for scope in (self.document_id, None):
            row = self.store._source_by_key(key, scope)
            if row is not None:
                return row.id
        return None


# --- helpers for the questions -----------------------------------------------------------------


def fts_terms(query: str) -> list[str]:
    """The words of ``query`` as quoted FTS5 strings, so no character is FTS syntax.

    >>> fts_terms('160,000 "troops" AND (Selydove*')
    ['"160,000"', '"troops"', '"AND"', '"Selydove"']
    """
    terms = []
    for raw in _CONTROL_CHARS.sub(" ", query).split():  # FTS5 reads NUL as a string's end
        word = raw.strip("\"'()*^:{}[]+-")
        if _WORD.search(word):
            terms.append('"' + word.replace('"', '""') + '"')
    return terms


def sentence_around(text: str, start: int, end: int) -> Span:
    """The sentence(s) of ``text`` holding ``[start, end)``, within its paragraph.

    >>> sentence_around("One. Two said X. Three.", 5, 8).text
    'Two said X.'
    """
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    hi = len(text) if hi < 0 else hi
    s, e = lo, hi
    for m in _SENTENCE_END.finditer(text, lo, hi):
        if m.start() <= start:
            s = m.end()
        elif m.start() >= end:
            e = m.start()
            break
    return Span(s, e, text[s:e])


def _path_key(path: str | None) -> str | None:
    """Where a document came from, as stored: an absolute path; standard input has none."""
    if path is None or path == "-":
        return None
    return str(Path(path).resolve())


def _span(r: dict[str, Any], prefix: str) -> Span | None:
    start = r[f"{prefix}_start"]
    if start is None:
        return None
    return Span(int(start), int(r[f"{prefix}_end"]), str(r[f"{prefix}_text"]))


def _stored(r: dict[str, Any], chain: tuple[StoredHop, ...]) -> StoredAttribution:
    content = Span(r["content_start"], r["content_end"], r["content_text"])
    fragments: tuple[Span, ...] = ()
    if r["fragments"]:
        # fragment texts are not stored; the content text holds them
        fragments = tuple(
            Span(s, e, content.text[s - content.start : e - content.start])
            for s, e in json.loads(r["fragments"])
        )
    return StoredAttribution(
        id=r["id"],
        document_id=r["document_id"],
        doc_id=r["d_doc_id"],
        kind=r["kind"],
        content=content,
        rule=r["rule"],
        confidence=float(r["confidence"]),
        stance=r["stance"],
        fragments=fragments,
        speaker=_span(r, "speaker"),
        coref=_span(r, "coref"),
        cue=_span(r, "cue"),
        source=r["s_name"] or r["source_name"],
        source_id=r["source_id"],
        source_type=r["s_type"] or r["source_type"],
        parent=r["p_name"],
        source_evidence=r["source_evidence"],
        source_link=r["source_link"],
        channel=r["channel"],
        addressee=r["addressee"],
        outlet=r["d_outlet"],
        published=r["d_published"],
        chain=chain,
        via=_via(r.get("via"), chain, r["source_name"]),
    )


def _chunks(items: Sequence[_Item], size: int = 500) -> Iterator[list[_Item]]:
    """``items`` in lists short enough for one ``IN (...)`` (SQLite limits bound values)."""
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def _extracted(r: dict[str, Any], text: str, chain: tuple[Hop, ...]) -> Attribution:
    """A stored attribution row as the extractor gave it (before the store linked its
    source), for grouping claims again."""

    def span(prefix: str) -> Span | None:
        start = r[f"{prefix}_start"]
        if start is None:
            return None
        return Span(int(start), int(r[f"{prefix}_end"]), str(r[f"{prefix}_text"]))

    fragments = tuple(Span(s, e, text[s:e]) for s, e in json.loads(r["fragments"] or "[]"))
    return Attribution(
        kind=r["kind"],
        content=Span(int(r["content_start"]), int(r["content_end"]), str(r["content_text"])),
        speaker=span("speaker"),
        cue=span("cue"),
        rule=str(r["rule"]),
        confidence=float(r["confidence"]),
        fragments=fragments,
        coref=span("coref"),
        source=r["source_name"],
        source_type=r["source_type"],
        source_evidence=r["source_evidence"],
        via=_via(r["via"], tuple(StoredHop(h.name, h.role) for h in chain), r["source_name"]),
        chain=chain,
        channel=r["channel"],
        addressee=r["addressee"],
        stance=str(r["stance"]),
    )


def _report_order(claim: StoredClaim) -> tuple[Any, ...]:
    """Worst first (:func:`provenance.flags.severity`), then by article and position."""
    first = claim.statements[0].attribution if claim.statements else None
    start = first.content.start if first else (claim.spans[0].sentence.start if claim.spans else 0)
    doc = claim.doc_ids[0] if claim.doc_ids else ""
    return (severity(claim.flags), doc, start, claim.id)


def _via(raw: str | None, chain: tuple[StoredHop, ...], speaker: str | None) -> tuple[str, ...]:
    """The stored intermediaries; for a row written before they were stored, the chain's
    hops other than the speaker's own."""
    if raw is not None:
        return tuple(str(v) for v in json.loads(raw))
    own = next((i for i, h in enumerate(chain) if h.name == speaker), None)
    return tuple(h.name for i, h in enumerate(chain) if i != own) if own is not None else ()


def _summary(r: dict[str, Any]) -> SourceSummary:
    return SourceSummary(
        id=r["id"],
        name=r["name"],
        type=r["type"],
        parent=r["parent"],
        aliases=tuple(json.loads(r["aliases"] or "[]")),
        only_in=r["only_in"],
        statements=int(r["statements"]),
        documents=int(r["documents"]),
    )


# --- health: what 'provenance doctor' reads, changing nothing --------------------------------

# rows whose parent row is missing: (what, SQL counting them)
_ORPHANS = (
    (
        "mentions of a missing document",
        "SELECT count(*) FROM mentions m WHERE NOT EXISTS "
        "(SELECT 1 FROM documents d WHERE d.id = m.document_id)",
    ),
    (
        "attributions of a missing document",
        "SELECT count(*) FROM attributions a WHERE NOT EXISTS "
        "(SELECT 1 FROM documents d WHERE d.id = a.document_id)",
    ),
    (
        "hops of a missing attribution",
        "SELECT count(*) FROM hops h WHERE NOT EXISTS "
        "(SELECT 1 FROM attributions a WHERE a.id = h.attribution_id)",
    ),
    (
        "attributions whose speaker mention is missing",
        "SELECT count(*) FROM attributions a WHERE a.speaker_mention_id IS NOT NULL AND NOT "
        # found by its article and span (the table's key since migration 11; its id is their
        # hash), then checked by id
        "EXISTS (SELECT 1 FROM mentions m WHERE m.document_id = a.document_id "
        'AND m."start" = a.speaker_start AND m."end" = a.speaker_end '
        "AND m.id = a.speaker_mention_id)",
    ),
    (
        "attributions whose source is missing",
        "SELECT count(*) FROM attributions a WHERE a.source_id IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM sources s WHERE s.id = a.source_id)",
    ),
    (
        "sources of a missing document",
        "SELECT count(*) FROM sources s WHERE s.document_id IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM documents d WHERE d.id = s.document_id)",
    ),
)
# the same, for the claims (schema version 2 on): a claim's statements are not declared
# references since migration 12, nor its flags' evidence since migration 14
_CLAIM_ORPHANS = (
    (
        "claim statements whose attribution is missing",
        "SELECT count(*) FROM claim_attributions c WHERE NOT EXISTS "
        "(SELECT 1 FROM attributions a WHERE a.id = c.attribution_id)",
    ),
    (
        "flags whose attribution is missing",
        "SELECT count(*) FROM flags f WHERE f.attribution_id IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM attributions a WHERE a.id = f.attribution_id)",
    ),
    (
        "flags whose article is missing",
        "SELECT count(*) FROM flags f WHERE f.document_id IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM documents d WHERE d.id = f.document_id)",
    ),
)
_FTS = (("attributions_fts", "attributions"), ("documents_fts", "documents"))


@dataclass(frozen=True, slots=True)
class FtsHealth:
    """One full-text index against its table: rows in the table, rows indexed, and rows of
    either side missing from the other (both 0 when in sync)."""

    index: str
    table: str
    rows: int
    indexed: int
    unindexed: int
    stale: int

    @property
    def in_sync(self) -> bool:
        return self.unindexed == 0 and self.stale == 0 and self.rows == self.indexed


@dataclass(frozen=True, slots=True)
class Health:
    """A database as ``provenance doctor`` finds it (read-only: nothing is migrated)."""

    version: int
    integrity: tuple[str, ...]  # PRAGMA integrity_check: ("ok",) when sound
    foreign_keys: tuple[tuple[str, int | None, str], ...]  # (table, rowid, missing parent)
    orphans: tuple[tuple[str, int], ...]  # (what, how many), every kind listed
    fts: tuple[FtsHealth, ...]
    counts: dict[str, int]


def inspect_database(path: str | Path) -> Health:
    """Read ``path``'s health without writing to it. Raises :class:`StoreError` when it is
    missing, not a SQLite database, or not a provenance one."""
    p = Path(path)
    if not p.is_file():
        raise StoreError(f"no database at {p}. Run 'provenance ingest PATH...' to create one")
    try:
        conn = sqlite3.connect(p.resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open {p} ({exc}). Check the path and its permissions") from exc
    try:
        db = Database(conn)
        version = schema_version(db)
        if version == 0:
            raise StoreError(f"{p} is an empty SQLite database, not yet a provenance one")
        integrity = tuple(str(r[0]) for r in conn.execute("PRAGMA integrity_check"))
        keys = tuple((str(r[0]), r[1], str(r[2])) for r in conn.execute("PRAGMA foreign_key_check"))
        checks = (*_ORPHANS, *(_CLAIM_ORPHANS if version >= 2 else ()))
        orphans = tuple((what, int(conn.execute(sql).fetchone()[0])) for what, sql in checks)
        fts = tuple(_fts_health(conn, index, table) for index, table in _FTS)
        counts = {t: int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in TABLES}
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{p} is not a usable SQLite database ({exc})") from exc
    finally:
        conn.close()
    return Health(version, integrity, keys, orphans, fts, counts)


def _fts_health(conn: sqlite3.Connection, index: str, table: str) -> FtsHealth:
    docsize = f"{index}_docsize"  # one row per indexed row of an FTS5 table

    def one(sql: str) -> int:
        return int(conn.execute(sql).fetchone()[0])

    return FtsHealth(
        index,
        table,
        one(f"SELECT count(*) FROM {table}"),
        one(f"SELECT count(*) FROM {docsize}"),
        one(f"SELECT count(*) FROM {table} WHERE rowid NOT IN (SELECT id FROM {docsize})"),
        one(f"SELECT count(*) FROM {docsize} WHERE id NOT IN (SELECT rowid FROM {table})"),
    )


def _origin_document(
    claim: Claim, origin: Origin, by_doc: Mapping[str, StoredDocument]
) -> str | None:
    """The stored document of an origin's first statement in ``claim`` (its first member's
    when it names none), whose description of the origin comes first."""
    first = claim.members[origin.members[0]] if origin.members else claim.members[0]
    doc = by_doc.get(first.doc_id or "")
    return doc.id if doc else None
