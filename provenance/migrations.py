"""The database schema, as numbered migrations recorded in the database itself.

Each migration runs once, in its own transaction, and is recorded in the ``migrations`` table
(version, name, when). Opening an older database applies the missing ones; opening a database
written by a newer version of provenance is refused rather than guessed at. Never edit a
released migration: add the next one.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager

from sqlite_utils import Database

from provenance.errors import StoreError

Migration = Callable[[Database], None]

# a blocking key held by more statements than this is counted, not listed (migration 8): the
# default ``max_block``, above which grouping and refreshes never compare on a key
COMMON_KEY_HOLDERS = 200

_VIEWS = {
    # One row per attribution, everything a reader needs to judge it; the chain runs from the
    # publishing outlet outwards-in to the origin, as trace shows it.
    "attribution_view": """
        SELECT a.id, d.doc_id, d.published, d.outlet, a.kind, a.content_text,
               a.speaker_text, a.coref_text, s.name AS source, s.type AS source_type,
               p.name AS parent, a.channel, a.addressee, a.stance, a.cue_text,
               (SELECT group_concat(name, ' -> ') FROM (
                   SELECT coalesce(hs.name, h.name) AS name FROM hops h
                   LEFT JOIN sources hs ON hs.id = h.source_id
                   WHERE h.attribution_id = a.id ORDER BY h.position DESC)) AS chain,
               a.rule, a.confidence, a.content_start, a.content_end, a.source_link,
               a.document_id, a.source_id
        FROM attributions a
        JOIN documents d ON d.id = a.document_id
        LEFT JOIN sources s ON s.id = a.source_id
        LEFT JOIN sources p ON p.id = s.parent_id
    """,
    # Sources with what they said: counts of statements and of the articles holding them.
    "source_view": """
        SELECT s.id, s.name, s.type, p.name AS parent, s.aliases, d.doc_id AS only_in,
               (SELECT count(*) FROM attributions a WHERE a.source_id = s.id) AS statements,
               (SELECT count(DISTINCT a.document_id) FROM attributions a
                WHERE a.source_id = s.id) AS documents
        FROM sources s
        LEFT JOIN sources p ON p.id = s.parent_id
        LEFT JOIN documents d ON d.id = s.document_id
    """,
    # Articles without their text, with how many attributions each holds.
    "document_view": """
        SELECT d.id, d.doc_id, d.path, d.outlet, d.byline, d.dateline, d.published,
               d.ingested_at, length(d.text) AS characters,
               (SELECT count(*) FROM attributions a WHERE a.document_id = d.id) AS attributions
        FROM documents d
    """,
}


def _initial_schema(db: Database) -> None:
    """Documents, sources, mentions, attributions, hops; their indexes, full-text search and
    views. ``start``/``end`` are character offsets into ``documents.text``, end exclusive."""
    for sql in (
        """CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            doc_id TEXT NOT NULL,
            path TEXT UNIQUE,
            outlet TEXT,
            outlet_source_id TEXT REFERENCES sources(id),
            byline TEXT,
            dateline TEXT,
            published TEXT,
            text TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            ingested_at TEXT NOT NULL
        )""",
        """CREATE TABLE sources (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            type TEXT,
            parent_id TEXT REFERENCES sources(id),
            aliases TEXT NOT NULL DEFAULT '[]',
            person INTEGER NOT NULL DEFAULT 0,
            document_id TEXT REFERENCES documents(id),
            key TEXT NOT NULL,
            block TEXT NOT NULL,
            evidence TEXT
        )""",
        """CREATE TABLE mentions (
            id TEXT PRIMARY KEY,
            document_id TEXT NOT NULL REFERENCES documents(id),
            "start" INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            role TEXT NOT NULL,
            source_id TEXT REFERENCES sources(id)
        )""",
        """CREATE TABLE attributions (
            id TEXT PRIMARY KEY,
            document_id TEXT NOT NULL REFERENCES documents(id),
            position INTEGER NOT NULL,
            kind TEXT NOT NULL,
            content_start INTEGER NOT NULL,
            content_end INTEGER NOT NULL,
            content_text TEXT NOT NULL,
            fragments TEXT,
            speaker_mention_id TEXT REFERENCES mentions(id),
            speaker_start INTEGER,
            speaker_end INTEGER,
            speaker_text TEXT,
            coref_mention_id TEXT REFERENCES mentions(id),
            coref_start INTEGER,
            coref_end INTEGER,
            coref_text TEXT,
            cue_start INTEGER,
            cue_end INTEGER,
            cue_text TEXT,
            source_id TEXT REFERENCES sources(id),
            source_name TEXT,
            source_type TEXT,
            source_evidence TEXT,
            source_link TEXT,
            stance TEXT NOT NULL,
            channel TEXT,
            addressee TEXT,
            rule TEXT NOT NULL,
            confidence REAL NOT NULL
        )""",
        """CREATE TABLE hops (
            attribution_id TEXT NOT NULL REFERENCES attributions(id),
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            role TEXT NOT NULL,
            source_id TEXT REFERENCES sources(id),
            "start" INTEGER,
            "end" INTEGER,
            PRIMARY KEY (attribution_id, position)
        )""",
        "CREATE INDEX documents_content_hash ON documents(content_hash)",
        "CREATE INDEX documents_doc_id ON documents(doc_id)",
        "CREATE INDEX documents_outlet_source ON documents(outlet_source_id)",
        # one global source per name; a described source is one per document
        "CREATE UNIQUE INDEX sources_key ON sources(key, ifnull(document_id, ''))",
        "CREATE INDEX sources_block ON sources(block, person)",
        "CREATE INDEX sources_type ON sources(type)",
        "CREATE INDEX sources_parent ON sources(parent_id)",
        "CREATE INDEX sources_document ON sources(document_id)",
        "CREATE INDEX mentions_document ON mentions(document_id)",
        "CREATE INDEX mentions_source ON mentions(source_id)",
        "CREATE INDEX attributions_document ON attributions(document_id, position)",
        "CREATE INDEX attributions_source ON attributions(source_id)",
        "CREATE INDEX attributions_speaker ON attributions(speaker_mention_id)",
        "CREATE INDEX attributions_coref ON attributions(coref_mention_id)",
        "CREATE INDEX hops_source ON hops(source_id)",
    ):
        db.execute(sql)
    db.table("attributions").enable_fts(["content_text"], create_triggers=True, tokenize="porter")
    db.table("documents").enable_fts(["text"], create_triggers=True, tokenize="porter")
    for name, sql in _VIEWS.items():
        db.execute(f"CREATE VIEW {name} AS {sql}")


def _claim_view(key: str, claim: str) -> str:
    """One row per stored claim: its flags worst first (the order of
    provenance.flags.SEVERITY), origins, how many statements and which articles. ``key`` is
    the column by which the claim tables name a claim, ``claim`` what it holds in ``claims c``
    (``claim_id``, ``c.id`` before migration 13; ``claim_number``, ``c.number`` from it)."""
    return f"""
    SELECT c.id, c.text, c.severity,
           (SELECT group_concat(flag, ', ') FROM (
               SELECT DISTINCT flag FROM flags f WHERE f.{key} = {claim}
               ORDER BY CASE flag WHEN 'denied' THEN 0 WHEN 'unattributed' THEN 1
                   WHEN 'anonymous_only' THEN 2 WHEN 'unverified_party_claim' THEN 3
                   WHEN 'disputed' THEN 4 WHEN 'single_source' THEN 5 ELSE 6 END)) AS flags,
           (SELECT group_concat(name, '; ') FROM (
               SELECT name FROM claim_origins o WHERE o.{key} = {claim}
               ORDER BY o.position)) AS origins,
           (SELECT count(*) FROM claim_attributions ca WHERE ca.{key} = {claim})
               + (SELECT count(*) FROM claim_spans cs WHERE cs.{key} = {claim})
               AS statements,
           (SELECT group_concat(doc_id, ', ') FROM (
               SELECT DISTINCT d.doc_id FROM documents d WHERE d.id IN (
                   SELECT document_id FROM claim_attributions WHERE {key} = {claim}
                   UNION SELECT document_id FROM claim_spans
                   WHERE {key} = {claim}))) AS documents,
           c.explanation, c.updated_at
    FROM claims c
"""


_CLAIM_VIEW = _claim_view("claim_id", "c.id")


def _claims_schema(db: Database) -> None:
    """Claims: statements grouped across articles, their origins, flags with evidence, the
    blocking keys a new article is matched by, and which articles' claims are current. Also
    keeps each attribution's ``via`` (the intermediaries as the extractor named them)."""
    for sql in (
        "ALTER TABLE attributions ADD COLUMN via TEXT",
        """CREATE TABLE claims (
            id TEXT PRIMARY KEY,
            text TEXT NOT NULL,
            severity INTEGER NOT NULL,
            explanation TEXT NOT NULL DEFAULT '[]',
            updated_at TEXT NOT NULL
        )""",
        """CREATE TABLE claim_attributions (
            claim_id TEXT NOT NULL REFERENCES claims(id),
            attribution_id TEXT NOT NULL REFERENCES attributions(id),
            document_id TEXT NOT NULL REFERENCES documents(id),
            position INTEGER NOT NULL,
            role TEXT NOT NULL,
            why TEXT NOT NULL,
            PRIMARY KEY (claim_id, attribution_id)
        )""",
        """CREATE TABLE claim_spans (
            claim_id TEXT NOT NULL REFERENCES claims(id),
            document_id TEXT NOT NULL REFERENCES documents(id),
            "start" INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            kind TEXT,
            cue_start INTEGER,
            cue_end INTEGER,
            PRIMARY KEY (claim_id, document_id, "start")
        )""",
        """CREATE TABLE claim_origins (
            claim_id TEXT NOT NULL REFERENCES claims(id),
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            key TEXT NOT NULL,
            source_id TEXT REFERENCES sources(id),
            type TEXT,
            relays TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (claim_id, position)
        )""",
        """CREATE TABLE flags (
            claim_id TEXT NOT NULL REFERENCES claims(id),
            position INTEGER NOT NULL,
            flag TEXT NOT NULL,
            rule TEXT NOT NULL,
            detail TEXT NOT NULL,
            attribution_id TEXT REFERENCES attributions(id),
            document_id TEXT REFERENCES documents(id),
            "start" INTEGER,
            "end" INTEGER,
            PRIMARY KEY (claim_id, position)
        )""",
        """CREATE TABLE claim_keys (
            key TEXT NOT NULL,
            attribution_id TEXT NOT NULL REFERENCES attributions(id),
            claim_id TEXT NOT NULL REFERENCES claims(id),
            PRIMARY KEY (key, attribution_id)
        ) WITHOUT ROWID""",
        """CREATE TABLE claims_refreshed (
            document_id TEXT PRIMARY KEY REFERENCES documents(id),
            refreshed_at TEXT NOT NULL
        )""",
        "CREATE INDEX claims_severity ON claims(severity)",
        "CREATE INDEX claim_attributions_attribution ON claim_attributions(attribution_id)",
        "CREATE INDEX claim_attributions_document ON claim_attributions(document_id)",
        "CREATE INDEX claim_spans_document ON claim_spans(document_id)",
        "CREATE INDEX claim_origins_source ON claim_origins(source_id)",
        "CREATE INDEX flags_flag ON flags(flag, claim_id)",
        "CREATE INDEX flags_attribution ON flags(attribution_id)",
        "CREATE INDEX flags_document ON flags(document_id)",
        "CREATE INDEX claim_keys_claim ON claim_keys(claim_id)",
        f"CREATE VIEW claim_view AS {_CLAIM_VIEW}",
    ):
        db.execute(sql)


def _large_store_indexes(db: Database) -> None:
    """Indexes that keep a large store (a million attributions) fast: the report's
    ``--since`` (articles by date, then their claims), the articles whose claims are not
    current (ids in ``doc_id`` order, without reading the texts), the claims of a set of
    articles (these three replace indexes on their first column alone), and the blocking keys
    of an attribution (so that replacing a document does not scan them all)."""
    for sql in (
        "CREATE INDEX IF NOT EXISTS documents_date "
        "ON documents(coalesce(published, ingested_at), id)",
        "CREATE INDEX IF NOT EXISTS documents_doc_id_id ON documents(doc_id, id)",
        "DROP INDEX IF EXISTS documents_doc_id",
        "CREATE INDEX IF NOT EXISTS claim_attributions_document_claim "
        "ON claim_attributions(document_id, claim_id)",
        "DROP INDEX IF EXISTS claim_attributions_document",
        "CREATE INDEX IF NOT EXISTS claim_spans_document_claim "
        "ON claim_spans(document_id, claim_id)",
        "DROP INDEX IF EXISTS claim_spans_document",
        # deleting an attribution (a document replaced) looks for its blocking keys: without
        # this index, a scan of every stored key for each attribution
        "CREATE INDEX IF NOT EXISTS claim_keys_attribution ON claim_keys(attribution_id)",
    ):
        db.execute(sql)


def _document_parses(db: Database) -> None:
    """Each article's parse (:mod:`provenance.parses`), kept when it is stored, so that a
    refresh groups a stored article's claims again without parsing it again. An article
    stored before this migration has none: a refresh parses it once and keeps the parse."""
    db.execute(
        """CREATE TABLE IF NOT EXISTS document_parses (
            document_id TEXT PRIMARY KEY REFERENCES documents(id),
            format INTEGER NOT NULL,
            parse BLOB NOT NULL
        )"""
    )


def _settings(db: Database) -> None:
    """Facts about the store as a whole, by key: ``claims_rules``, the digest of the rules
    every stored claim was grouped with (:func:`provenance.rules.rules_digest`), so that a
    report can say when the rules have changed since."""
    db.execute(
        """CREATE TABLE IF NOT EXISTS settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )"""
    )


def _document_readings(db: Database) -> None:
    """What grouping claims reads of each article (:mod:`provenance.readings`): its
    statements and its claims in the reporter's voice, read when it is stored or first
    grouped, so that an article joined by a later one is not read again. ``version`` names
    the rules and code it was read with, ``doc_id`` the name it was grouped under: a reading
    under another is read again, never used."""
    db.execute(
        """CREATE TABLE IF NOT EXISTS document_readings (
            document_id TEXT PRIMARY KEY REFERENCES documents(id),
            version TEXT NOT NULL,
            doc_id TEXT NOT NULL,
            reading BLOB NOT NULL
        )"""
    )


def _claim_keys_by_statement(db: Database) -> None:
    """``claim_keys`` without its ``claim_id``: a statement's claim is the one
    ``claim_attributions`` gives it, and each key written then took three index entries
    (the key, the claim, the statement) in three large indexes; now two. A claim's keys are
    found, and dropped, by its statements."""
    for sql in (
        """CREATE TABLE claim_keys_by_statement (
            key TEXT NOT NULL,
            attribution_id TEXT NOT NULL REFERENCES attributions(id),
            PRIMARY KEY (key, attribution_id)
        ) WITHOUT ROWID""",
        "INSERT INTO claim_keys_by_statement (key, attribution_id) "
        "SELECT key, attribution_id FROM claim_keys",
        "DROP TABLE claim_keys",
        "ALTER TABLE claim_keys_by_statement RENAME TO claim_keys",
        "CREATE INDEX claim_keys_attribution ON claim_keys(attribution_id)",
    ):
        db.execute(sql)


def _common_keys_counted(db: Database) -> None:
    """The blocking keys held by more than ``COMMON_KEY_HOLDERS`` statements (recorded in
    ``settings`` as ``claim_keys_common_over``) counted, not listed: such a key is too common
    for any lookup to compare on, yet it held more than half of ``claim_keys``' rows, each
    written into two large indexes. ``claim_key_counts`` holds each one's count, and
    ``claim_common_keys`` the ones each statement holds (one row a statement), so that
    dropping a statement counts its keys down, and a key brought back under the limit is
    listed again in ``claim_keys``."""
    limit = COMMON_KEY_HOLDERS
    for sql in (
        """CREATE TABLE claim_key_counts (
            key TEXT PRIMARY KEY,
            holders INTEGER NOT NULL
        ) WITHOUT ROWID""",
        """CREATE TABLE claim_common_keys (
            attribution_id TEXT PRIMARY KEY REFERENCES attributions(id),
            keys TEXT NOT NULL
        ) WITHOUT ROWID""",
        """CREATE TABLE claim_keys_listed (
            key TEXT NOT NULL,
            attribution_id TEXT NOT NULL REFERENCES attributions(id),
            PRIMARY KEY (key, attribution_id)
        ) WITHOUT ROWID""",
    ):
        db.execute(sql)
    db.execute(
        "INSERT INTO claim_key_counts (key, holders) "
        "SELECT key, count(*) FROM claim_keys GROUP BY key HAVING count(*) > ?",
        [limit],
    )
    held: dict[str, list[str]] = {}
    for key, attribution in db.execute(
        "SELECT k.key, k.attribution_id FROM claim_keys k "
        "JOIN claim_key_counts c ON c.key = k.key ORDER BY 1"
    ):
        held.setdefault(attribution, []).append(key)
    db.conn.executemany(
        "INSERT INTO claim_common_keys (attribution_id, keys) VALUES (?, ?)",
        ((a, pack_keys(keys)) for a, keys in sorted(held.items())),
    )
    for sql in (
        "INSERT INTO claim_keys_listed (key, attribution_id) SELECT key, attribution_id "
        "FROM claim_keys WHERE key NOT IN (SELECT key FROM claim_key_counts) ORDER BY 1, 2",
        "DROP TABLE claim_keys",
        "ALTER TABLE claim_keys_listed RENAME TO claim_keys",
        "CREATE INDEX claim_keys_attribution ON claim_keys(attribution_id)",
    ):
        db.execute(sql)
    db.execute(
        "INSERT OR REPLACE INTO settings (key, value) VALUES ('claim_keys_common_over', ?)",
        [str(limit)],
    )


def _fewer_source_index_entries(db: Database) -> None:
    """Fewer index entries written with each article, each one a page of a large store
    written and checkpointed: ``sources_type`` and ``documents_content_hash`` served no query
    (a type is matched with ``LIKE`` on words of it, which no index serves; a document is
    found by its id, the first 16 characters of its hash), and ``sources_block`` now holds only
    the sources a block lookup can return, the named ones (``document_id IS NULL``), not every
    article's descriptions (about two sources in three)."""
    for sql in (
        "DROP INDEX IF EXISTS sources_type",
        "DROP INDEX IF EXISTS documents_content_hash",
        "DROP INDEX IF EXISTS sources_block",
        "CREATE INDEX sources_block ON sources(block, person) WHERE document_id IS NULL",
    ):
        db.execute(sql)


def _keys_by_document(db: Database) -> None:
    """Each article's blocking keys in one row (``claim_document_keys``: statement id ->
    its keys, listed and counted), in place of an index on ``claim_keys`` by statement and
    of ``claim_common_keys``: a refresh wrote each statement's keys into two large indexes
    keyed by content hashes (a page of each for nearly every statement: 9,000-15,000 pages
    a refresh of a million-attribution store), now one row an article, the new articles' rows
    one after another at the end of the table. ``claim_keys`` lists the keys held by at most
    the limit, as before, without the reference to ``attributions`` that needed the index
    by statement (a statement's keys go when its claim goes, before the statement can)."""
    db.execute(
        """CREATE TABLE claim_document_keys (
            document_id TEXT PRIMARY KEY REFERENCES documents(id),
            keys TEXT NOT NULL
        )"""
    )
    held: dict[str, dict[str, list[str]]] = {}
    for document_id, attribution, listed, counted in db.execute(
        "SELECT a.document_id, a.id, "
        "(SELECT json_group_array(key) FROM claim_keys k WHERE k.attribution_id = a.id), "
        "(SELECT keys FROM claim_common_keys c WHERE c.attribution_id = a.id) "
        "FROM attributions a ORDER BY a.document_id, a.position"
    ):
        keys = [*json.loads(listed), *json.loads(counted or "[]")]
        if keys:
            held.setdefault(document_id, {})[attribution] = keys
        if len(held) > 1000:
            _write_document_keys(db, held, keep=document_id)
    _write_document_keys(db, held)
    for sql in (
        """CREATE TABLE claim_keys_listed (
            key TEXT NOT NULL,
            attribution_id TEXT NOT NULL,
            PRIMARY KEY (key, attribution_id)
        ) WITHOUT ROWID""",
        "INSERT INTO claim_keys_listed (key, attribution_id) "
        "SELECT key, attribution_id FROM claim_keys ORDER BY 1, 2",
        "DROP TABLE claim_keys",
        "ALTER TABLE claim_keys_listed RENAME TO claim_keys",
        "DROP TABLE claim_common_keys",
    ):
        db.execute(sql)


def _mentions_by_document(db: Database) -> None:
    """``mentions`` keyed by their article and span (one index, which lists an article's
    mentions together), not by their ``id`` (kept, a column), and ``attributions`` without
    references to them: each mention was written into an index keyed by its content hash,
    and each attribution into two more by its mention ids (kept only so that deleting a
    mention could check them), a page of each for nearly every row in a large store. A
    mention's id is still the hash of its document and span, and an attribution's
    ``speaker_mention_id`` and ``coref_mention_id`` still name it: the mentions go with their
    document, after its attributions."""
    _drop_references(db, "attributions", "mentions")
    for sql in (
        "DROP INDEX IF EXISTS attributions_speaker",
        "DROP INDEX IF EXISTS attributions_coref",
        """CREATE TABLE mentions_by_document (
            id TEXT NOT NULL,
            document_id TEXT NOT NULL REFERENCES documents(id),
            "start" INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            role TEXT NOT NULL,
            source_id TEXT REFERENCES sources(id),
            UNIQUE (document_id, "start", "end")
        )""",
        'INSERT INTO mentions_by_document (id, document_id, "start", "end", text, role, '
        'source_id) SELECT id, document_id, "start", "end", text, role, source_id '
        "FROM mentions ORDER BY rowid",
        "DROP TABLE mentions",
        "ALTER TABLE mentions_by_document RENAME TO mentions",
        "CREATE INDEX mentions_source ON mentions(source_id)",
    ):
        db.execute(sql)


def _claim_statements_unreferenced(db: Database) -> None:
    """``claim_attributions`` without its reference to ``attributions``, and the index by
    statement that checking it needed (a page of a large index keyed by content hashes for
    nearly every statement a refresh stored): a claim's statements go with the claim, and
    every claim holding a statement of an article goes before the article's statements do.
    ``doctor`` counts a claim statement whose attribution is missing."""
    _drop_references(db, "claim_attributions", "attributions")
    db.execute("DROP INDEX IF EXISTS claim_attributions_attribution")


# claim_view (above) over the claims keyed by number (migration 13): the same columns
_NUMBERED_CLAIM_VIEW = _claim_view("claim_number", "c.number")

# each claim table as migration 13 makes it: its columns (the claim's number first), then
# the rest of its definition
_NUMBERED_CLAIM_TABLES = (
    (
        "claim_attributions",
        "attribution_id, document_id, position, role, why",
        """attribution_id TEXT NOT NULL,
            document_id TEXT NOT NULL REFERENCES documents(id),
            position INTEGER NOT NULL,
            role TEXT NOT NULL,
            why TEXT NOT NULL,
            PRIMARY KEY (claim_number, attribution_id)""",
    ),
    (
        "claim_spans",
        'document_id, "start", "end", kind, cue_start, cue_end',
        """document_id TEXT NOT NULL REFERENCES documents(id),
            "start" INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            kind TEXT,
            cue_start INTEGER,
            cue_end INTEGER,
            PRIMARY KEY (claim_number, document_id, "start")""",
    ),
    (
        "claim_origins",
        "position, name, key, source_id, type, relays",
        """position INTEGER NOT NULL,
            name TEXT NOT NULL,
            key TEXT NOT NULL,
            source_id TEXT REFERENCES sources(id),
            type TEXT,
            relays TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (claim_number, position)""",
    ),
    (
        "flags",
        'position, flag, rule, detail, attribution_id, document_id, "start", "end"',
        """position INTEGER NOT NULL,
            flag TEXT NOT NULL,
            rule TEXT NOT NULL,
            detail TEXT NOT NULL,
            attribution_id TEXT REFERENCES attributions(id),
            document_id TEXT REFERENCES documents(id),
            "start" INTEGER,
            "end" INTEGER,
            PRIMARY KEY (claim_number, position)""",
    ),
)


def _claims_numbered(db: Database) -> None:
    """Claims keyed by a number (``claims.number``, given in the order they are written),
    and their statements, spans, origins and flags by their claim's number
    (``claim_number``), in place of the claim's ``id`` (a content hash, kept, a column): each
    row a refresh stored was written into indexes keyed by that hash (the claim's, and each
    of its tables' own), a page of each for nearly every claim in a large store; keyed by
    number, a refresh's claims land one after another at the end of each. The tables keyed
    by claim have no rowid of their own (the claim's number and the row's place in it are
    its key). A claim's id is still the hash of its statements, which one claim holds: it is
    unique without an index, and found through its claim's statements or articles. A store
    whose claims are numbered already (turned back to an earlier version by hand) is left as
    it is."""
    if "number" in db["claims"].columns_dict:
        return
    db.execute("DROP VIEW claim_view")
    db.execute(
        """CREATE TABLE claims_numbered (
            number INTEGER PRIMARY KEY,
            id TEXT NOT NULL,
            text TEXT NOT NULL,
            severity INTEGER NOT NULL,
            explanation TEXT NOT NULL DEFAULT '[]',
            updated_at TEXT NOT NULL
        )"""
    )
    # numbered as they were stored: the claims keep the order they are read in
    db.execute(
        "INSERT INTO claims_numbered (number, id, text, severity, explanation, updated_at) "
        "SELECT rowid, id, text, severity, explanation, updated_at FROM claims ORDER BY rowid"
    )
    for table, columns, definition in _NUMBERED_CLAIM_TABLES:
        listed = ", ".join(f"t.{c.strip()}" for c in columns.split(","))
        for sql in (
            f"""CREATE TABLE {table}_numbered (
            claim_number INTEGER NOT NULL REFERENCES claims_numbered(number),
            {definition}
        ) WITHOUT ROWID""",
            f"INSERT INTO {table}_numbered (claim_number, {columns}) "
            f"SELECT c.rowid, {listed} FROM {table} t JOIN claims c ON c.id = t.claim_id "
            "ORDER BY 1",
        ):
            db.execute(sql)
    for table, _, _ in _NUMBERED_CLAIM_TABLES:
        db.execute(f"DROP TABLE {table}")
    db.execute("DROP TABLE claims")
    for table in ("claims", *(t for t, _, _ in _NUMBERED_CLAIM_TABLES)):
        db.execute(f"ALTER TABLE {table}_numbered RENAME TO {table}")
    for sql in (
        "CREATE INDEX claims_severity ON claims(severity)",
        "CREATE INDEX claim_attributions_document_claim "
        "ON claim_attributions(document_id, claim_number)",
        "CREATE INDEX claim_spans_document_claim ON claim_spans(document_id, claim_number)",
        "CREATE INDEX claim_origins_source ON claim_origins(source_id)",
        "CREATE INDEX flags_flag ON flags(flag, claim_number)",
        "CREATE INDEX flags_attribution ON flags(attribution_id)",
        "CREATE INDEX flags_document ON flags(document_id)",
        f"CREATE VIEW claim_view AS {_NUMBERED_CLAIM_VIEW}",
    ):
        db.execute(sql)


def _flags_unreferenced(db: Database) -> None:
    """``flags`` without their references to ``attributions`` and ``documents``, and the
    indexes by attribution and by article that checking them needed (a page of each of two
    large indexes keyed by content hashes for nearly every piece of evidence a refresh
    stored): a flag's evidence is in one of its claim's articles, and every claim holding a
    statement of an article goes before the article's statements do. ``doctor`` counts a
    flag whose attribution or article is missing."""
    _drop_references(db, "flags", "attributions")
    _drop_references(db, "flags", "documents")
    db.execute("DROP INDEX IF EXISTS flags_attribution")
    db.execute("DROP INDEX IF EXISTS flags_document")


def _drop_references(db: Database, table: str, parent: str) -> None:
    """Drop ``table``'s references to ``parent`` from its definition, the rows left as they
    are: SQLite's own way to remove a foreign key without copying the table (its schema
    text edited, and the schema version moved on, in the migration's transaction)."""
    (sql,) = db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]
    ).fetchone()
    edited = re.sub(rf"\s+REFERENCES {parent}\(\w+\)", "", sql)
    (version,) = db.execute("PRAGMA schema_version").fetchone()
    db.execute("PRAGMA writable_schema = ON")
    try:
        db.execute(
            "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?", [edited, table]
        )
        db.execute(f"PRAGMA schema_version = {int(version) + 1}")
    finally:
        db.execute("PRAGMA writable_schema = OFF")
    left = [r for r in db.execute(f"PRAGMA foreign_key_list({table})") if r[2] == parent]
    if left:
        raise StoreError(f"{_where(db)}: could not drop {table}'s references to {parent}")


def _write_document_keys(
    db: Database, held: dict[str, dict[str, list[str]]], keep: str | None = None
) -> None:
    """Write the documents' packed keys gathered so far and forget them, but ``keep`` (the
    document still being gathered)."""
    done = sorted(d for d in held if d != keep)
    db.conn.executemany(
        "INSERT INTO claim_document_keys (document_id, keys) VALUES (?, ?)",
        [(d, pack_document_keys(held.pop(d))) for d in done],
    )


def pack_document_keys(held: Mapping[str, Iterable[str]]) -> str:
    """An article's blocking keys as ``claim_document_keys`` holds them: a JSON object,
    statement id -> its keys, both sorted.

    >>> pack_document_keys({"b2": {"t:said", "n:kyiv"}, "a1": ["f:3"]})
    '{"a1": ["f:3"], "b2": ["n:kyiv", "t:said"]}'
    """
    return json.dumps({a: sorted(keys) for a, keys in sorted(held.items())}, ensure_ascii=False)


def pack_keys(keys: Iterable[str]) -> str:
    """A statement's common keys as ``claim_common_keys`` holds them: a JSON list, sorted.

    >>> pack_keys({"t:said", "n:kyiv"})
    '["n:kyiv", "t:said"]'
    """
    return json.dumps(sorted(keys), ensure_ascii=False)


MIGRATIONS: tuple[tuple[str, Migration], ...] = (
    ("initial schema", _initial_schema),
    ("claims, flags and their blocking keys", _claims_schema),
    ("indexes for a large store", _large_store_indexes),
    ("the parse of each article", _document_parses),
    ("store-wide settings", _settings),
    ("what grouping reads of each article", _document_readings),
    ("blocking keys by statement alone", _claim_keys_by_statement),
    ("common blocking keys counted, not listed", _common_keys_counted),
    ("no index entries that no query reads", _fewer_source_index_entries),
    ("blocking keys packed by article", _keys_by_document),
    ("mentions by article", _mentions_by_document),
    ("claim statements checked by their claims", _claim_statements_unreferenced),
    ("claims keyed by number", _claims_numbered),
    ("flags checked by their claims", _flags_unreferenced),
)
LATEST = len(MIGRATIONS)


def schema_version(db: Database) -> int:
    """The highest migration recorded in ``db`` (0 for a new, empty database).

    Raises :class:`StoreError` for a database that holds other tables and no migrations.
    """
    if not db["migrations"].exists():
        if db.table_names():
            raise StoreError(
                f"{_where(db)} is a SQLite database but not a provenance one (it has tables "
                "and no migrations table). Pass --db with a new file name"
            )
        return 0
    row = db.execute("SELECT max(version) FROM migrations").fetchone()
    return int(row[0] or 0)


def migrate(db: Database) -> list[int]:
    """Apply every migration ``db`` lacks, each in one transaction; return those applied.

    Raises :class:`StoreError` when ``db`` was written by a newer provenance.
    """
    if db["migrations"].exists() and schema_version(db) == LATEST:
        return []  # up to date: no write lock taken, so a reader never waits for a writer
    applied: list[int] = []
    while True:
        with write_transaction(db):
            version = schema_version(db)
            if version == 0:
                db.execute(
                    "CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, "
                    "name TEXT NOT NULL, applied_at TEXT NOT NULL)"
                )
                version = schema_version(db)  # another process may have got here first
            if version > LATEST:
                raise StoreError(
                    f"{_where(db)} has schema version {version}, newer than this provenance "
                    f"knows (up to {LATEST}). Upgrade provenance (pip install -U provenance) "
                    "or use another --db"
                )
            if version == LATEST:
                return applied
            name, step = MIGRATIONS[version]
            step(db)
            now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            db.execute(
                "INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)",
                [version + 1, name, now],
            )
            applied.append(version + 1)


@contextmanager
def write_transaction(db: Database) -> Iterator[None]:
    """One transaction that takes the write lock at its start (``BEGIN IMMEDIATE``), so a
    second writer waits for the busy timeout instead of failing half-way; everything in it
    is committed together or not at all (sqlite-utils calls inside become savepoints)."""
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    db.conn.execute("COMMIT")


def _where(db: Database) -> str:
    try:
        row = db.execute("PRAGMA database_list").fetchone()
    except sqlite3.Error:
        return "the database"
    return str(row[2]) if row and row[2] else "the database"
