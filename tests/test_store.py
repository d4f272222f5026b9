"""The store on hand-built documents, no model: ids, idempotence, replacement, migrations,
search that any string is safe in, canonical sources across documents, parents, chains."""

from __future__ import annotations

import doctest
import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import builders
import pytest
from sqlite_utils import Database
from test_claim_keys import back_to_migration_9

from provenance import canonical, export, masthead, migrations
from provenance import store as store_module
from provenance.errors import StoreError
from provenance.export import prov_document, safe_cell
from provenance.masthead import read_masthead
from provenance.models import Attribution, Document, Hop, Masthead, Span
from provenance.refresh import refresh_claims
from provenance.rules import load_rules
from provenance.sentences import plain_sentences
from provenance.store import Store, inspect_database, sentence_around

RULES = load_rules()
PERSON = "person name"


def span(text: str, part: str, after: int = 0) -> Span:
    start = text.index(part, after)
    return Span(start, start + len(part), part)


def said(
    text: str,
    content: str,
    speaker: str,
    source: str,
    source_type: str | None = "person",
    evidence: str | None = PERSON,
    *,
    cue: str = "said",
    chain: tuple[Hop, ...] = (),
    coref: str | None = None,
) -> Attribution:
    """An attribution of ``content`` to ``speaker`` in ``text``, as the extractor gives it."""
    c = span(text, content)
    return Attribution(
        kind="indirect",
        content=c,
        speaker=span(text, speaker),
        cue=span(text, cue, c.end) if cue in text[c.end :] else span(text, cue),
        rule="verb-ccomp",
        confidence=0.85,
        coref=span(text, coref) if coref else None,
        source=source,
        source_type=source_type,
        source_evidence=evidence,
        chain=chain or (Hop(source, "origin", span(text, speaker)),),
    )


def person_doc(doc_id: str, name: str, words: str, path: Path | None = None) -> Document:
    text = f"{name} said {words}.\n"
    a = said(text, words, name, name)
    return Document(doc_id, text, str(path) if path else None, (a,))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "test.db", rules=RULES)
    yield s
    s.close()


def source_of(store: Store, content: str) -> str:
    rows = store.db.execute(
        "SELECT s.name FROM attributions a JOIN sources s ON s.id = a.source_id "
        "WHERE a.content_text = ?",
        [content],
    ).fetchall()
    assert len(rows) == 1, rows
    return str(rows[0][0])


# --- ids, idempotence, replacement -----------------------------------------------------------


def test_ingesting_the_same_text_twice_changes_nothing(store: Store, tmp_path: Path) -> None:
    doc = person_doc("a", "Jana Novak", "the port will reopen", tmp_path / "a.txt")
    first = store.ingest(doc)
    counts = store.counts()
    again = store.ingest(doc)
    assert (first.status, again.status) == ("new", "unchanged")
    assert first.document_id == again.document_id
    assert store.counts() == counts
    assert counts["documents"] == 1 and counts["attributions"] == 1 and counts["hops"] == 1
    assert store.holds(doc.text)


def test_a_changed_text_at_the_same_path_replaces_its_rows(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    store.ingest(person_doc("story", "Jana Novak", "the port will reopen", path))
    result = store.ingest(person_doc("story", "Petr Dvorak", "the strike goes on", path))
    assert result.status == "updated"
    rows = store.db.execute("SELECT content_text FROM attributions").fetchall()
    assert rows == [("the strike goes on",)]
    names = {r[0] for r in store.db.execute("SELECT name FROM sources")}
    assert names == {"Petr Dvorak"}  # the source only the old text named is gone
    assert store.counts()["documents"] == 1


def test_the_same_text_under_another_name_is_not_stored_twice(store: Store, tmp_path: Path) -> None:
    store.ingest(person_doc("a", "Jana Novak", "the port will reopen", tmp_path / "a.txt"))
    copy = person_doc("b", "Jana Novak", "the port will reopen", tmp_path / "b.txt")
    assert store.ingest(copy).status == "unchanged"


def test_a_failure_half_way_through_a_document_stores_none_of_it(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> None:
        raise sqlite3.OperationalError("disk full")

    store.ingest(person_doc("ok", "Jana Novak", "the port will reopen"))
    before = store.counts()
    monkeypatch.setattr(store_module._DocumentWriter, "_hop", broken)
    with pytest.raises(StoreError, match="nothing of it was kept"):
        store.ingest(person_doc("bad", "Petr Dvorak", "the strike goes on"))
    assert store.counts() == before
    assert not store.db.conn.in_transaction


def test_every_link_keeps_rule_confidence_and_offsets(store: Store) -> None:
    doc = person_doc("a", "Jana Novak", "the port will reopen")
    store.ingest(doc)
    row = store.db.execute(
        "SELECT rule, confidence, content_start, content_end, speaker_start, speaker_end, "
        "cue_start, source_link FROM attributions"
    ).fetchone()
    a = doc.attributions[0]
    assert row[:7] == (
        "verb-ccomp",
        0.85,
        a.content.start,
        a.content.end,
        a.speaker.start,  # type: ignore[union-attr]
        a.speaker.end,  # type: ignore[union-attr]
        a.cue.start,  # type: ignore[union-attr]
    )
    assert row[7] == "new source"
    mention = store.db.execute('SELECT "start", "end", text, role FROM mentions').fetchone()
    assert mention == (0, 10, "Jana Novak", "speaker")


# --- migrations --------------------------------------------------------------------------------


def test_migrations_are_recorded(store: Store) -> None:
    rows = store.db.execute("SELECT version, name FROM migrations").fetchall()
    assert rows == [(n, name) for n, (name, _) in enumerate(migrations.MIGRATIONS, 1)]
    assert rows[:2] == [(1, "initial schema"), (2, "claims, flags and their blocking keys")]
    assert store.schema_version() == migrations.LATEST
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_the_wal_is_folded_in_at_the_checkpoint_size_and_cut_back(store: Store) -> None:
    assert store.db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 50_000
    assert store.db.execute("PRAGMA journal_size_limit").fetchone()[0] == 256 * 2**20


def wal_bytes_after(path: Path, documents: int) -> int:
    with Store(path, rules=RULES) as s:
        for n in range(documents):
            s.ingest(person_doc(f"d{n}", "Jana Novak", f"the port will reopen in {n} days"))
        return (path.parent / (path.name + "-wal")).stat().st_size


def test_the_checkpoint_policy_keeps_the_wal_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "_CHECKPOINT_PAGES", 1_000_000)
    grown = wal_bytes_after(tmp_path / "never.db", 40)
    monkeypatch.setattr(store_module, "_CHECKPOINT_PAGES", 20)
    monkeypatch.setattr(store_module, "_WAL_KEEP_BYTES", 0)
    folded = wal_bytes_after(tmp_path / "policy.db", 40)
    # every 20 pages folded in and the file cut back: a few articles' frames, not forty's
    assert folded < grown / 4, (folded, grown)


def test_an_older_database_is_upgraded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.db"
    Store(path, rules=RULES).close()

    def add_note(db: object) -> None:
        db.execute("ALTER TABLE documents ADD COLUMN note TEXT")  # type: ignore[attr-defined]

    steps = (*migrations.MIGRATIONS, ("document notes", add_note))
    monkeypatch.setattr(migrations, "MIGRATIONS", steps)
    monkeypatch.setattr(migrations, "LATEST", len(steps))
    with Store(path, rules=RULES) as upgraded:
        assert upgraded.schema_version() == len(steps)
        assert "note" in upgraded.db["documents"].columns_dict
        versions = [r[0] for r in upgraded.db.execute("SELECT version FROM migrations")]
        assert versions == list(range(1, len(steps) + 1))


def test_origin_sources_looked_up_together_as_one_at_a_time(store: Store) -> None:
    # a refresh looks up the stored source of every origin it names in one query: the same
    # source as one lookup each (this article's description, else a named one, else the one
    # the rules' name stands for)
    described = "A diplomatic source said the talks would fail.\n"
    a = said(
        described,
        "the talks would fail",
        "A diplomatic source",
        "diplomatic source",
        "anonymous",
        "head noun 'source' (anonymous)",
    )
    store.ingest(Document("described", described, None, (a,)))
    store.ingest(person_doc("one", "Jana Novak", "talks had failed"))
    store.ingest(person_doc("two", "Kremlin", "talks had failed"))
    names = [str(r[0]) for r in store.db.execute("SELECT name FROM sources")]
    documents: list[str | None] = [str(r[0]) for r in store.db.execute("SELECT id FROM documents")]
    names += ["the Kremlin", "Moscow", "nobody we know", "a diplomatic source"]
    wanted = [(n, d) for n in names for d in [*documents, None]]
    found = store._origin_sources(wanted)
    assert found == {w: store._find_origin_source(*w) for w in wanted}
    assert sum(v is not None for v in found.values()) > len(documents) + 1


def test_migration_9_indexes_only_what_a_query_reads(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    described = "A diplomatic source said the talks would fail.\n"
    a = said(
        described,
        "the talks would fail",
        "A diplomatic source",
        "diplomatic source",
        "anonymous",
        "head noun 'source' (anonymous)",
    )
    with Store(path, rules=RULES) as store:
        store.ingest(Document("described", described, None, (a,)))
        store.ingest(person_doc("one", "Novak", "talks had failed"))
        with migrations.write_transaction(store.db):
            back_to_migration_9(store.db)
            # the indexes as migration 8 left them
            for sql in (
                "DROP INDEX IF EXISTS sources_block",
                "CREATE INDEX IF NOT EXISTS sources_block ON sources(block, person)",
                "CREATE INDEX IF NOT EXISTS sources_type ON sources(type)",
                "CREATE INDEX IF NOT EXISTS documents_content_hash ON documents(content_hash)",
                "DELETE FROM migrations WHERE version > 8",
            ):
                store.db.execute(sql)
    with Store(path, rules=RULES) as store:
        assert store.schema_version() == migrations.LATEST
        indexes = dict(store.db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'"))
        assert "sources_type" not in indexes and "documents_content_hash" not in indexes
        assert indexes["sources_block"].endswith("WHERE document_id IS NULL")
        block = store.db.execute(
            "SELECT count(*) FROM sources INDEXED BY sources_block "
            "WHERE block = block AND document_id IS NULL"
        ).fetchone()[0]
        assert block == 1  # Novak; not the description of one article
        store.ingest(person_doc("two", "Jana Novak", "the port will reopen"))
        assert source_of(store, "talks had failed") == "Jana Novak"  # found by its block
        assert [s.name for s in store.sources("anonymous")] == ["diplomatic source"]


# every table of an article's rows, and the claims (mentions by their columns of old)
STORED = {
    "documents": "*",
    "sources": "*",
    "mentions": 'id, document_id, "start", "end", text, role, source_id',
    "attributions": "*",
    "hops": "*",
    "claims": "*",
    "claim_attributions": "*",
    "flags": "*",
    "claim_keys": "*",
    "claim_document_keys": "*",
}


def stored_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(path) as conn:
        return {t: builders.table_rows(conn, t, c) for t, c in STORED.items()}


def relayed() -> Document:
    """An article whose statements have a speaker, a speaker named earlier, and hops."""
    text = (
        "Choe arrived in Vladivostok, TASS state news agency reported, citing a diplomatic "
        'source, who said that "tomorrow she will be in Moscow". Jana Novak said the port '
        "would reopen.\n"
    )
    quote = said(
        text,
        "tomorrow she will be in Moscow",
        "who",
        "diplomatic source",
        "anonymous",
        "head noun 'source' (anonymous)",
        coref="a diplomatic source",
        chain=(
            Hop("diplomatic source", "origin", span(text, "who")),
            Hop("TASS state news agency", "relay", span(text, "TASS state news agency")),
        ),
    )
    port = said(text, "the port would reopen", "Jana Novak", "Jana Novak")
    return Document("tass", text, None, (quote, port))


@contextmanager
def as_of(version: int, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Stores opened inside are made, or brought up to, schema ``version`` only."""
    with monkeypatch.context() as m:
        m.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:version])
        m.setattr(migrations, "LATEST", version)
        yield


def test_migration_11_keeps_mentions_by_article_and_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.db"
    # as migration 10 left it, without claims (this code writes them keyed by number, as
    # migration 13 does: see its test)
    with as_of(10, monkeypatch), Store(path, rules=RULES) as old:
        old.ingest(relayed(), Masthead(outlet="AFP"))
        old.ingest(person_doc("one", "Jana Novak", "talks had failed", tmp_path / "one.txt"))
        assert old.db.execute("PRAGMA foreign_key_list(attributions)").fetchall()
    before = stored_rows(path)
    assert len(before["mentions"]) >= 4
    with Store(path, rules=RULES) as store:
        assert store.schema_version() == migrations.LATEST
        assert stored_rows(path) == before
        parents = {r[2] for r in store.db.execute("PRAGMA foreign_key_list(attributions)")}
        indexes = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master")}
        assert parents == {"documents", "sources"}
        assert not {"attributions_speaker", "attributions_coref"} & indexes
        # an article's mentions go with it when it is replaced; the others stay
        changed = person_doc("one", "Jana Novak", "talks had resumed", tmp_path / "one.txt")
        assert store.ingest(changed).status == "updated"
        mentions = store.db.execute("SELECT document_id, text FROM mentions").fetchall()
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
    documents = {r[0] for r in stored_rows(path)["documents"]}
    assert {d for d, _ in mentions} == documents and len(mentions) == len(before["mentions"])
    assert all(n == 0 for _, n in inspect_database(path).orphans)
    with sqlite3.connect(path) as conn:  # a speaker's mention lost: still found out
        conn.execute("DELETE FROM mentions WHERE text = 'who'")
    assert (
        dict(inspect_database(path).orphans)["attributions whose speaker mention is missing"] == 1
    )


def test_migration_12_leaves_a_claims_statements_to_the_claim(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.db"
    with Store(path, rules=RULES) as old:
        old.ingest(relayed(), Masthead(outlet="AFP"))
        old.ingest(person_doc("one", "Jana Novak", "talks had failed", tmp_path / "one.txt"))
        old.ingest(person_doc("two", "Jana Novak", "talks had failed again"))
        refresh_claims(old, parse=plain_sentences)
        with migrations.write_transaction(old.db):  # as migration 11 left it
            claims_keyed_by_id(old.db, statements_referenced=True)
            old.db.execute("DELETE FROM migrations WHERE version > 11")
    before = stored_rows(path)
    with Store(path, rules=RULES) as store:
        assert store.schema_version() == migrations.LATEST
        assert stored_rows(path) == before
        parents = {r[2] for r in store.db.execute("PRAGMA foreign_key_list(claim_attributions)")}
        assert parents == {"claims", "documents"}
        indexes = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master")}
        assert "claim_attributions_attribution" not in indexes
        # the stored statements sharing keys with an article still bring theirs in
        keys = [k for (k,) in store.db.execute("SELECT DISTINCT key FROM claim_keys")]
        found = store.documents_sharing_keys(keys, 200, min_terms=1)
        assert found == {r[0] for r in store.db.execute("SELECT id FROM documents")}
        # an article replaced takes its claims' statements with it, and leaves no orphan
        changed = person_doc("one", "Jana Novak", "talks had resumed", tmp_path / "one.txt")
        assert store.ingest(changed).status == "updated"
        refresh_claims(store, parse=plain_sentences)
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
    health = dict(inspect_database(path).orphans)
    assert health["claim statements whose attribution is missing"] == 0
    with sqlite3.connect(path) as conn:  # what a buggy writer could leave: still found out
        conn.execute(
            "DELETE FROM attributions WHERE id = "
            "(SELECT attribution_id FROM claim_attributions LIMIT 1)"
        )
    health = dict(inspect_database(path).orphans)
    assert health["claim statements whose attribution is missing"] == 1


def claims_keyed_by_id(db: Database, *, statements_referenced: bool = False) -> None:
    """Turn a store's claims back to the layout migrations 2 to 12 left (inside a
    transaction): each claim keyed by its id, and its rows by that id (``claim_id``);
    ``statements_referenced``: its statements referencing their attributions, as before
    migration 12."""
    referenced = " REFERENCES attributions(id)" if statements_referenced else ""
    db.execute("DROP VIEW claim_view")
    db.execute(
        """CREATE TABLE claims_by_id (
            id TEXT PRIMARY KEY,
            text TEXT NOT NULL,
            severity INTEGER NOT NULL,
            explanation TEXT NOT NULL DEFAULT '[]',
            updated_at TEXT NOT NULL
        )"""
    )
    db.execute(
        "INSERT INTO claims_by_id SELECT id, text, severity, explanation, updated_at "
        "FROM claims ORDER BY number"
    )
    for table, columns, definition in migrations._NUMBERED_CLAIM_TABLES:
        definition = definition.replace("claim_number", "claim_id").replace(
            "attribution_id TEXT NOT NULL,", f"attribution_id TEXT NOT NULL{referenced},"
        )
        listed = ", ".join(f"t.{c.strip()}" for c in columns.split(","))
        db.execute(
            f"""CREATE TABLE {table}_by_id (
                claim_id TEXT NOT NULL REFERENCES claims_by_id(id),
                {definition}
            )"""
        )
        db.execute(
            f"INSERT INTO {table}_by_id (claim_id, {columns}) SELECT c.id, {listed} "
            f"FROM {table} t JOIN claims c ON c.number = t.claim_number ORDER BY c.number"
        )
    for table, _, _ in migrations._NUMBERED_CLAIM_TABLES:
        db.execute(f"DROP TABLE {table}")
    db.execute("DROP TABLE claims")
    for table in ("claims", *(t for t, _, _ in migrations._NUMBERED_CLAIM_TABLES)):
        db.execute(f"ALTER TABLE {table}_by_id RENAME TO {table}")
    for sql in (
        "CREATE INDEX claims_severity ON claims(severity)",
        "CREATE INDEX claim_attributions_document_claim "
        "ON claim_attributions(document_id, claim_id)",
        "CREATE INDEX claim_spans_document_claim ON claim_spans(document_id, claim_id)",
        "CREATE INDEX claim_origins_source ON claim_origins(source_id)",
        "CREATE INDEX flags_flag ON flags(flag, claim_id)",
        "CREATE INDEX flags_attribution ON flags(attribution_id)",
        "CREATE INDEX flags_document ON flags(document_id)",
        f"CREATE VIEW claim_view AS {migrations._CLAIM_VIEW}",
    ):
        db.execute(sql)
    if statements_referenced:
        db.execute(
            "CREATE INDEX claim_attributions_attribution ON claim_attributions(attribution_id)"
        )


def test_migration_13_numbers_the_claims_and_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with Store(path, rules=RULES) as old:
        old.ingest(relayed(), Masthead(outlet="AFP"))
        old.ingest(person_doc("one", "Jana Novak", "talks had failed", tmp_path / "one.txt"))
        old.ingest(person_doc("two", "Jana Novak", "talks had failed again"))
        refresh_claims(old, parse=plain_sentences)
        shown = old.claims(["single_source", "corroborated"]), old.claim_counts()
        with migrations.write_transaction(old.db):  # as migration 12 left it
            claims_keyed_by_id(old.db)
            old.db.execute("DELETE FROM migrations WHERE version > 12")
    before = stored_rows(path)
    with sqlite3.connect(path) as conn:
        view = sorted(conn.execute("SELECT * FROM claim_view").fetchall())
        stored = [r[0] for r in conn.execute("SELECT id FROM claims ORDER BY rowid")]
    assert len(stored) >= 2 and before["flags"]
    with Store(path, rules=RULES) as store:
        assert store.schema_version() == migrations.LATEST
        assert stored_rows(path) == before
        assert (store.claims(["single_source", "corroborated"]), store.claim_counts()) == shown
        assert sorted(store.db.execute("SELECT * FROM claim_view").fetchall()) == view
        # numbered in the order they were stored; their rows keyed by that number
        numbered = store.db.execute("SELECT number, id FROM claims ORDER BY number").fetchall()
        assert numbered == list(enumerate(stored, 1))
        for table, _, _ in migrations._NUMBERED_CLAIM_TABLES:
            key = {r[1]: r[5] for r in store.db.execute(f"PRAGMA table_info({table})")}
            assert key["claim_number"] == 1
            parents = {r[2] for r in store.db.execute(f"PRAGMA foreign_key_list({table})")}
            assert "claims" in parents
        indexes = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master")}
        assert "sqlite_autoindex_claims_1" not in indexes  # no index by id
        # a refresh numbers its claims after the last one stored
        store.ingest(person_doc("three", "Jana Novak", "talks would resume"))
        refresh_claims(store, parse=plain_sentences)
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
        latest = store.db.execute(
            "SELECT min(c.number) FROM claims c JOIN claim_attributions ca "
            "ON ca.claim_number = c.number JOIN documents d ON d.id = ca.document_id "
            "WHERE d.doc_id = 'three'"
        ).fetchone()[0]
        assert latest > len(stored)
    assert all(n == 0 for _, n in inspect_database(path).orphans)


def test_migration_14_leaves_a_claims_flags_to_the_claim(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.db"
    with as_of(13, monkeypatch), Store(path, rules=RULES) as old:  # as migration 13 left it
        old.ingest(relayed(), Masthead(outlet="AFP"))
        old.ingest(person_doc("one", "Jana Novak", "talks had failed", tmp_path / "one.txt"))
        old.ingest(person_doc("two", "Jana Novak", "talks had failed again"))
        refresh_claims(old, parse=plain_sentences)
        parents = {r[2] for r in old.db.execute("PRAGMA foreign_key_list(flags)")}
        assert parents == {"claims", "attributions", "documents"}
    before = stored_rows(path)
    assert any(r[5] is not None for r in before["flags"])  # evidence naming its statement
    with Store(path, rules=RULES) as store:
        assert store.schema_version() == migrations.LATEST
        assert stored_rows(path) == before
        parents = {r[2] for r in store.db.execute("PRAGMA foreign_key_list(flags)")}
        assert parents == {"claims"}
        indexes = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master")}
        assert not {"flags_attribution", "flags_document"} & indexes
        # an article replaced takes its claims' flags with it, and leaves no orphan
        changed = person_doc("one", "Jana Novak", "talks had resumed", tmp_path / "one.txt")
        assert store.ingest(changed).status == "updated"
        refresh_claims(store, parse=plain_sentences)
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
    health = dict(inspect_database(path).orphans)
    assert health["flags whose attribution is missing"] == 0
    assert health["flags whose article is missing"] == 0
    with sqlite3.connect(path) as conn:  # what a buggy writer could leave: still found out
        (cited,) = conn.execute(
            "SELECT attribution_id FROM flags WHERE attribution_id IS NOT NULL"
        ).fetchone()
        conn.execute("DELETE FROM attributions WHERE id = ?", [cited])
        conn.execute(
            "UPDATE flags SET document_id = 'gone' "
            "WHERE claim_number = (SELECT min(claim_number) FROM flags) AND position = 0"
        )
        (citing,) = conn.execute(
            "SELECT count(*) FROM flags WHERE attribution_id = ?", [cited]
        ).fetchone()
    health = dict(inspect_database(path).orphans)
    assert health["flags whose attribution is missing"] == citing >= 1
    assert health["flags whose article is missing"] == 1


def test_a_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    Store(path, rules=RULES).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO migrations VALUES (99, 'from the future', '2099-01-01')")
    with pytest.raises(StoreError, match="schema version 99, newer than this provenance"):
        Store(path, rules=RULES)


def test_a_database_that_is_not_ours_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE accounts (id INTEGER)")
    with pytest.raises(StoreError, match="not a provenance one"):
        Store(path, rules=RULES)
    (tmp_path / "text.db").write_text("not a database at all, just text\n" * 100)
    with pytest.raises(StoreError, match="not a usable SQLite database"):
        Store(tmp_path / "text.db", rules=RULES)


def test_query_commands_do_not_create_a_database(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database at"):
        Store(tmp_path / "typo.db", rules=RULES, create=False)
    assert not (tmp_path / "typo.db").exists()


# --- search ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    ['"160,000', "troops*", "(army OR", "NEAR(a b)", "army AND", "a:b", "^start", "'; DROP"],
)
def test_any_string_is_safe_to_search(store: Store, query: str) -> None:
    store.ingest(person_doc("a", "Jana Novak", "the army will recruit 160,000 troops"))
    store.who_said(query)  # no FTS syntax error, whatever the user typed


def test_search_finds_figures_and_ranks_the_closest_first(store: Store) -> None:
    store.ingest(person_doc("a", "Jana Novak", "the army will recruit 160,000 troops"))
    store.ingest(person_doc("b", "Petr Dvorak", "the army will not recruit anyone"))
    found = store.who_said("160,000")
    assert [a.source for a in found] == ["Jana Novak"]
    ranked = store.who_said("army will recruit 160,000")
    assert ranked[0].source == "Jana Novak" and len(ranked) == 1
    anywhere = store.who_said("recruit anyone troops")  # no statement has all: any word
    assert {a.source for a in anywhere} == {"Jana Novak", "Petr Dvorak"}
    with pytest.raises(StoreError, match="nothing to search for"):
        store.who_said('"*( )')


def test_trace_by_id_prefix_or_words(store: Store) -> None:
    store.ingest(person_doc("a", "Jana Novak", "the army will recruit 160,000 troops"))
    a = store.who_said("troops")[0]
    assert store.trace(a.id).attribution.id == a.id
    assert store.trace(a.id[:8]).attribution.id == a.id
    traced = store.trace("recruit troops")
    assert traced.attribution.id == a.id
    assert traced.sentence.text == "Jana Novak said the army will recruit 160,000 troops."
    with pytest.raises(StoreError, match="no attribution"):
        store.trace("zeppelin")


def test_an_articles_rows_have_ids_opening_with_its_own(store: Store) -> None:
    # so that an article's rows are neighbours in every index keyed by their ids
    article = store.ingest(relayed()).document_id
    ids = {
        table: [str(r[0]) for r in store.db.execute(f"SELECT id FROM {table}{where}")]
        for table, where in (
            ("attributions", ""),
            ("mentions", ""),
            ("sources", " WHERE document_id IS NOT NULL"),
        )
    }
    assert [len(v) for v in ids.values()] == [2, 4, 1]
    assert {i[:6] for v in ids.values() for i in v} == {article[:6]}
    assert {len(i) for v in ids.values() for i in v} == {16}
    named = [
        str(r[0]) for r in store.db.execute("SELECT id FROM sources WHERE name = ?", ["Jana Novak"])
    ]
    assert len(named) == 1 and not named[0].startswith(article[:6])  # a source of every article


def test_ids_are_the_same_for_the_same_text(tmp_path: Path) -> None:
    rows = []
    for name in ("one.db", "two.db"):
        with Store(tmp_path / name, rules=RULES) as s:
            s.ingest(relayed())
            rows.append(
                [
                    s.db.execute(f"SELECT id FROM {t} ORDER BY id").fetchall()
                    for t in ("attributions", "mentions", "sources")
                ]
            )
    assert rows[0] == rows[1]


def test_trace_needs_more_than_the_articles_part_of_an_id(store: Store) -> None:
    store.ingest(relayed())
    ids = sorted(str(r[0]) for r in store.db.execute("SELECT id FROM attributions"))
    assert ids[0][:6] == ids[1][:6]
    with pytest.raises(StoreError, match="more than one attribution has an id starting"):
        store.trace(ids[0][:6])
    for a in ids:
        assert store.trace(a[:10]).attribution.id == a


def test_ids_of_older_code_live_beside_the_new(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as m:  # ids as older code made them: the row's hash
        m.setattr(store_module, "_in_document", lambda _, row_hash: row_hash)
        old = store.ingest(person_doc("old", "Jana Novak", "the port will reopen", tmp_path / "o"))
    (old_id,) = [str(r[0]) for r in store.db.execute("SELECT id FROM attributions")]
    assert not old_id.startswith(old.document_id[:6])
    store.ingest(relayed())
    assert store.trace(old_id).attribution.content.text == "the port will reopen"
    assert store.trace(old_id[:8]).attribution.id == old_id
    refresh_claims(store, parse=plain_sentences)
    changed = store.ingest(person_doc("old", "Jana Novak", "the port is shut", tmp_path / "o"))
    assert changed.status == "updated"
    refresh_claims(store, parse=plain_sentences)
    ids = {str(r[0]) for r in store.db.execute("SELECT id FROM attributions")}
    assert old_id not in ids and len(ids) == 3
    assert sum(i.startswith(changed.document_id[:6]) for i in ids) == 1
    assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert all(n == 0 for _, n in inspect_database(store.path).orphans)


def test_sentence_around_stays_in_its_paragraph() -> None:
    text = 'First one. "We won," she said. Last.\nNext paragraph.'
    s = sentence_around(text, text.index("We"), text.index("said") + 4)
    assert s.text == '"We won," she said.'


# --- sources across documents ------------------------------------------------------------------


def test_one_person_under_every_form_of_the_name(store: Store) -> None:
    text = "Ukrainian leader Volodymyr Zelensky said the war would end. Zelensky said more.\n"
    a = said(text, "the war would end", "Ukrainian leader Volodymyr Zelensky", "Volodymyr Zelensky")
    store.ingest(Document("one", text, None, (a,)))
    bare = person_doc("two", "Zelensky", "talks would resume")  # the article has no full name
    variant = person_doc("three", "Volodymyr Zelenskyy", "aid was needed")
    store.ingest(bare)
    store.ingest(variant)
    assert source_of(store, "talks would resume") == "Volodymyr Zelensky"
    assert source_of(store, "aid was needed") == "Volodymyr Zelensky"
    [row] = store.db.execute("SELECT aliases FROM sources WHERE name = 'Volodymyr Zelensky'")
    assert {"Zelensky", "Volodymyr Zelenskyy", "Ukrainian leader Volodymyr Zelensky"} <= set(
        json.loads(row[0])
    )
    links = {r[0] for r in store.db.execute("SELECT source_link FROM attributions")}
    assert "the only known person named 'Zelensky'" in links
    assert any(link.startswith("spelling variant of 'Volodymyr Zelensky'") for link in links)


def test_two_people_sharing_a_surname_are_never_merged(store: Store) -> None:
    store.ingest(person_doc("one", "Jana Novak", "the port will reopen"))
    store.ingest(person_doc("two", "Petra Novak", "the strike goes on"))
    store.ingest(person_doc("three", "Novak", "talks had failed"))
    assert source_of(store, "the port will reopen") == "Jana Novak"
    assert source_of(store, "the strike goes on") == "Petra Novak"
    assert source_of(store, "talks had failed") == "Novak"  # could be either: kept apart


def test_a_surname_stored_first_joins_the_full_name_that_comes_later(store: Store) -> None:
    store.ingest(person_doc("one", "Novak", "talks had failed"))
    store.ingest(person_doc("two", "Jana Novak", "the port will reopen"))
    assert source_of(store, "talks had failed") == "Jana Novak"
    names = [r[0] for r in store.db.execute("SELECT name FROM sources")]
    assert names == ["Jana Novak"]


def test_descriptions_are_sources_of_their_own_article_only(store: Store) -> None:
    for doc_id in ("one", "two"):
        text = f"A diplomatic source said the talks in {doc_id} would fail.\n"
        a = said(
            text,
            f"the talks in {doc_id} would fail",
            "A diplomatic source",
            "diplomatic source",
            "anonymous",
            "head noun 'source' (anonymous)",
        )
        store.ingest(Document(doc_id, text, None, (a,)))
    rows = store.sources("anonymous")
    assert [(s.name, s.only_in) for s in sorted(rows, key=lambda s: str(s.only_in))] == [
        ("diplomatic source", "one"),
        ("diplomatic source", "two"),
    ]


def test_organisations_spelt_differently_are_one_but_us_is_not_uk(store: Store) -> None:
    def org(doc_id: str, name: str, words: str) -> Document:
        text = f"{name} said {words}.\n"
        a = said(text, words, name, name, "organisation", "named entity ORG")
        return Document(doc_id, text, None, (a,))

    store.ingest(org("one", "Kestrel Mobility Group", "the recall was voluntary"))
    store.ingest(org("two", "Kestrel Mobilty Group", "the fires had stopped"))
    store.ingest(org("three", "US Trade Office", "tariffs would rise"))
    store.ingest(org("four", "UK Trade Office", "tariffs would fall"))
    assert source_of(store, "the fires had stopped") == "Kestrel Mobility Group"
    assert source_of(store, "tariffs would fall") == "UK Trade Office"


def test_parents_from_the_rules_roll_up(store: Store) -> None:
    text = "The Russian defence ministry said Selydove had fallen. Moscow said more would.\n"
    ministry = said(
        text,
        "Selydove had fallen",
        "The Russian defence ministry",
        "Russian defence ministry",
        "military",
        "alias 'Russian defence ministry' in sources.toml",
    )
    moscow = said(
        text,
        "more would",
        "Moscow",
        "Russian government",
        "government",
        "alias 'Moscow' in sources.toml",
    )
    store.ingest(Document("d", text, None, (ministry, moscow)))
    by_name = {s.name: s for s in store.sources()}
    assert by_name["Russian defence ministry"].parent == "Russian government"
    assert by_name["Russian government"].parent is None
    matched, statements = store.source_statements("Russian government")
    assert [s.name for s in matched] == ["Russian government"]
    assert {a.content.text for a in statements} == {"Selydove had fallen", "more would"}
    assert {s.name for s in store.sources("military")} == {"Russian defence ministry"}


def test_a_relayed_chain_starts_at_the_outlet(store: Store) -> None:
    text = (
        "Choe arrived in Vladivostok, TASS state news agency reported, citing a diplomatic "
        'source, who said that "tomorrow she will be in Moscow".\n'
    )
    relay = said(
        text,
        "Choe arrived in Vladivostok",
        "TASS state news agency",
        "TASS",
        "state media",
        "alias 'TASS state news agency' in sources.toml",
        cue="reported",
        chain=(Hop("a diplomatic source", "origin"), Hop("TASS", "relay")),
    )
    quote = said(
        text,
        "tomorrow she will be in Moscow",
        "who",
        "diplomatic source",
        "anonymous",
        "head noun 'source' (anonymous)",
        coref="a diplomatic source",
        chain=(
            Hop("diplomatic source", "origin", span(text, "who")),
            Hop("TASS state news agency", "relay"),
        ),
    )
    store.ingest(Document("tass", text, None, (relay, quote)), Masthead(outlet="AFP"))
    for content in ("tomorrow she will be in Moscow", "Choe arrived"):
        traced = store.trace(content).attribution
        assert traced.path() == ["AFP", "TASS", "diplomatic source"], content
    diplomat = store.trace("tomorrow").attribution
    assert diplomat.coref is not None and diplomat.coref.text == "a diplomatic source"
    hop_sources = [r[0] for r in store.db.execute("SELECT source_id FROM hops")]
    assert None not in hop_sources  # every hop linked: TASS from the rules, the source here
    assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []


# --- export and masthead -----------------------------------------------------------------------


def test_csv_cells_never_become_formulas() -> None:
    assert safe_cell("=1+1") == "'=1+1"
    assert safe_cell("-5 percent") == "'-5 percent"
    assert safe_cell("@here") == "'@here"
    assert safe_cell("+44") == "'+44"
    assert safe_cell("plain") == "plain"


def test_prov_json_maps_sources_statements_and_hops(store: Store) -> None:
    test_a_relayed_chain_starts_at_the_outlet(store)
    doc = prov_document(store.attributions(), store.sources(), store.documents())
    assert {"prefix", "agent", "entity", "wasAttributedTo", "wasDerivedFrom"} <= set(doc)
    labels = {a["prov:label"] for a in doc["agent"].values()}
    assert {"AFP", "TASS", "diplomatic source"} <= labels
    statements = [e for e in doc["entity"].values() if "prov:value" in e]
    assert {s["prov:value"] for s in statements} >= {"tomorrow she will be in Moscow"}
    entities = set(doc["entity"])
    for rel in doc["wasDerivedFrom"].values():
        assert rel["prov:generatedEntity"] in entities and rel["prov:usedEntity"] in entities
    json.dumps(doc)


def test_masthead_reads_byline_dateline_date_and_outlet() -> None:
    text = "Headline\n2024-10-29\nKYIV (AFP) - An official told AFP it was over.\nP.Lynch--IP"
    m = read_masthead(text, RULES)
    assert m == Masthead("AFP", "P.Lynch--IP", "KYIV (AFP)", "2024-10-29")
    assert read_masthead("Title\nNobody said anything.\n", RULES).outlet is None
    assert read_masthead("Title\nText.\n", RULES, outlet="Agence France-Presse").outlet == "AFP"
    tie = "Title\nShe told AFP one thing and told Reuters another.\n"
    assert read_masthead(tie, RULES).outlet is None


@pytest.mark.parametrize("module", [canonical, masthead, store_module, export])
def test_docstring_examples_hold(module: object) -> None:
    assert doctest.testmod(module).failed == 0  # type: ignore[arg-type]


# --- another writer holding the lock -------------------------------------------------------------


def test_a_write_waits_and_retries_while_another_program_holds_the_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "_BUSY_TIMEOUT_MS", 200)
    db = tmp_path / "busy.db"
    with Store(db, rules=RULES) as store:
        other = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
        other.execute("BEGIN IMMEDIATE")  # e.g. a sqlite3 shell in the middle of an UPDATE
        threading.Timer(0.3, lambda: other.execute("COMMIT")).start()
        started = time.monotonic()
        result = store.ingest(person_doc("a", "Jana Novak", "the port will reopen"))
        assert result.status == "new" and time.monotonic() - started >= 0.2
        other.close()


def test_a_lock_never_released_fails_the_document_cleanly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "_BUSY_TIMEOUT_MS", 50)
    db = tmp_path / "busy.db"
    with Store(db, rules=RULES) as store:
        other = sqlite3.connect(db, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(StoreError, match="database is locked.*try again"):
            store.ingest(person_doc("a", "Jana Novak", "the port will reopen"))
        other.execute("ROLLBACK")
        other.close()
        assert store.counts()["documents"] == 0
