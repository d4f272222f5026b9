"""Claims in the store and ``provenance report``: refreshed by ingest (only the claims a new
article can change), read back worst first, in every format; the JSON contract scored on the
shared gold. Most tests build their documents by hand (no model); those that ingest real
articles carry the ``model`` marker."""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import builders
import pytest
from builders import document, outbreak, said, table_rows
from typer.testing import CliRunner, Result

from provenance.claims_eval import evaluate_claims, from_report
from provenance.cli import app
from provenance.evaluate import load_jsonl
from provenance.flags import SEVERITY, severity
from provenance.migrations import LATEST
from provenance.models import Document, Masthead
from provenance.refresh import Refresh, refresh_claims
from provenance.rules import load_rules
from provenance.sentences import plain_sentences
from provenance.store import Store

RULES = load_rules()
ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SHARED_SEED = SHARED / "seeds" / "afp-selydove.txt"
SHARED_GOLD = SHARED / "gold" / "afp-selydove.jsonl"
CLAIM_TABLES = (
    "claims",
    "claim_attributions",
    "claim_spans",
    "claim_origins",
    "flags",
    "claim_keys",
    "claims_refreshed",
    "claim_key_counts",
    "claim_document_keys",
)
runner = CliRunner()


# --------------------------------------------------------------------------- hand-built articles


def heatwave() -> Document:
    t = (
        "The heat was blamed for an outbreak around the city of Brescia, where the patients' "
        "association Aria Pulita said nine people had died.\n"
    )
    return document(
        "heatwave",
        t,
        said(
            t,
            "nine people had died",
            "the patients' association Aria Pulita",
            source="Aria Pulita",
            source_type="organisation",
        ),
    )


def towers() -> Document:
    return builders.towers(tail="Floods also killed four people in the valley on Sunday.\n")


SCRIPT = "<script>document.title='pwned'</script>"


def hostile() -> Document:
    """An article whose quoted words hold a script and markup."""
    t = f'"{SCRIPT} <b>the ferry</b> will sail in May," the harbour master said.\n'
    return document(
        "hostile",
        t,
        said(
            t,
            f"{SCRIPT} <b>the ferry</b> will sail in May",
            "the harbour master",
            source="harbour master",
            source_type="official",
            kind="direct",
        ),
    )


def at(doc: Document, folder: Path) -> Document:
    """The document as read from a file in ``folder`` (so a new text there replaces it)."""
    return Document(doc.doc_id, doc.text, str(folder / f"{doc.doc_id}.txt"), doc.attributions)


def ingest(db: Path, *docs: Document, published: str | None = None) -> Refresh:
    with Store(db, rules=RULES) as store:
        for doc in docs:
            store.ingest(doc, Masthead(outlet="AFP", published=published))
        return refresh_claims(store, parse=plain_sentences)


def rows(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    with sqlite3.connect(db) as conn:
        return {t: table_rows(conn, t) for t in CLAIM_TABLES}


def report(*args: str) -> Result:
    return runner.invoke(app, ["report", *args])


def report_json(db: Path, *args: str) -> list[dict[str, Any]]:
    result = report("--db", str(db), "--format", "json", *args)
    assert result.exit_code == 0, result.output
    claims: list[dict[str, Any]] = json.loads(result.stdout)["claims"]
    return claims


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "news.db"
    ingest(path, towers(), outbreak(), heatwave(), hostile())
    return path


# --------------------------------------------------------------------------- stored claims


def test_claims_are_stored_with_their_flags_origins_and_evidence(db: Path) -> None:
    with Store(db, rules=RULES) as store:
        claims = store.claims()
        counts = store.claim_counts()
    assert counts["pending"] == 0 and counts["claims"] == 4 and counts["unverified"] == 3
    ferri = next(c for c in claims if "warned about the towers" in c.text)
    assert ferri.flags == ("denied", "disputed", "single_source")
    assert [o.name for o in ferri.origins] == ["Marco Ferri"]
    assert [(s.attribution.doc_id, s.role) for s in ferri.statements] == [
        ("towers", "asserts"),
        ("towers", "denies"),
    ]
    denial = next(e for e in ferri.evidence if e.flag == "denied")
    assert denial.detail == "mayor's office denies it"
    assert denial.span is not None and denial.span.text == "denied"
    assert ferri.explanation and "denies it" in ferri.explanation[0]


def test_the_report_is_worst_first_and_leaves_out_corroborated_claims(db: Path) -> None:
    with Store(db, rules=RULES) as store:
        claims = store.claims()
    keys = [severity(c.flags) for c in claims]
    assert keys == sorted(keys)
    assert [c.flags[0] for c in claims[:2]] == ["denied", "unattributed"]
    assert all(set(c.flags) - {"corroborated"} for c in claims)
    assert not any("nine people" in c.text for c in claims)


def test_the_severity_order_is_the_documented_one() -> None:
    assert SEVERITY == (
        "denied",
        "unattributed",
        "anonymous_only",
        "unverified_party_claim",
        "disputed",
        "single_source",
    )
    assert severity(["denied", "single_source"]) < severity(["denied"])
    assert severity(["disputed", "single_source"]) < severity(["single_source"])


def test_an_article_joins_a_stored_claim_found_by_its_blocking_keys(tmp_path: Path) -> None:
    apart = tmp_path / "apart.db"
    first = ingest(apart, outbreak())
    second = ingest(apart, heatwave())
    assert (first.pending, first.documents) == (1, 1)
    assert (second.pending, second.documents) == (1, 2)  # the stored outbreak joined
    [claim] = report_json(apart, "--flag", "corroborated")
    assert claim["documents"] == ["heatwave", "outbreak"]
    assert sorted(o["name"] for o in claim["origins"]) == ["Aria Pulita", "Italian health ministry"]
    together = tmp_path / "together.db"
    ingest(together, outbreak(), heatwave())
    assert _claims_without_time(apart) == _claims_without_time(together)
    for table in ("claim_attributions", "claim_spans", "claim_origins", "flags", "claim_keys"):
        assert rows(apart)[table] == rows(together)[table], table


def _claims_without_time(db: Path) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return sorted(conn.execute("SELECT id, text, severity, explanation FROM claims"))


def test_an_article_sharing_no_key_regroups_nothing_stored(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    ingest(path, outbreak(), heatwave())
    later = ingest(path, towers())
    assert (later.pending, later.documents) == (1, 1)


def test_ingesting_the_same_articles_again_changes_no_claim_row(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    ingest(path, towers(), outbreak(), heatwave())
    before = rows(path)
    again = ingest(path, towers(), outbreak(), heatwave())
    assert again == Refresh()
    assert rows(path) == before


def test_replacing_an_article_refreshes_its_claims_and_those_it_shared(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    ingest(path, at(outbreak(), tmp_path), at(heatwave(), tmp_path))
    with Store(path, rules=RULES) as store:
        store.ingest(at(outbreak("eleven"), tmp_path))  # the toll was corrected
        # the shared claim is gone with the old text; the heatwave story waits to be regrouped
        assert [d for d in store.pending_claim_documents()] == sorted(
            r[0] for r in store.db.execute("SELECT id FROM documents")
        )
        assert store.claims(["corroborated"]) == []
        done = refresh_claims(store, parse=plain_sentences)
        claims = store.claims()
        problems = store.db.execute("PRAGMA foreign_key_check").fetchall()
        texts = {r[0] for r in store.db.execute("SELECT content_text FROM attributions")}
    assert (done.pending, done.documents) == (2, 2)
    assert problems == []
    assert "An outbreak has killed nine people around Brescia" not in texts
    by_doc = {c.doc_ids: c.flags for c in claims}
    assert by_doc[("outbreak",)] == ("single_source",)
    assert by_doc[("heatwave",)] == ("single_source",)
    assert all("nine" not in c.text for c in claims if c.doc_ids == ("outbreak",))


def test_a_stopped_run_leaves_claims_pending_and_the_report_says_so(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    with Store(path, rules=RULES) as store:
        store.ingest(towers())  # stored, then stopped before the claims were refreshed
    result = report("--db", str(path))
    assert result.exit_code == 0
    assert "the claims of 1 article(s) are not up to date" in result.stderr
    assert ingest(path).pending == 1
    assert "not up to date" not in report("--db", str(path)).stderr


def test_a_database_from_before_claims_is_upgraded_and_its_articles_grouped(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    ingest(path, towers())
    expected = rows(path)["flags"]
    with sqlite3.connect(path) as conn:  # back to schema version 1, as an older provenance left it
        conn.execute("DROP VIEW claim_view")
        for table in CLAIM_TABLES[::-1]:
            conn.execute(f"DROP TABLE {table}")
        conn.execute("ALTER TABLE attributions DROP COLUMN via")
        conn.execute("DELETE FROM migrations WHERE version > 1")
    with Store(path, rules=RULES) as store:
        assert store.schema_version() == LATEST
        assert len(store.pending_claim_documents()) == 1
        assert all(not a.via for a in store.attributions())
    assert "not up to date" in report("--db", str(path)).stderr
    assert ingest(path).pending == 1
    assert rows(path)["flags"] == expected


# --------------------------------------------------------------------------- the command


def test_json_is_the_machine_contract(db: Path) -> None:
    claims = report_json(db)
    assert len(claims) == 3
    for claim in claims:
        assert {"id", "text", "flags", "origins", "attributions", "spans", "evidence"} <= set(claim)
        assert claim["flags"] and claim["evidence"]
        for a in claim["attributions"]:
            assert {"doc_id", "content", "speaker_text", "source", "via"} <= set(a)
            assert len(a["content"]) == 2
        for e in claim["evidence"]:
            assert {"flag", "rule", "detail"} <= set(e)
    unattributed = next(c for c in claims if c["flags"] == ["unattributed"])
    text = towers().text
    [span] = unattributed["spans"]
    assert (
        text[span["start"] : span["end"]]
        == "Floods also killed four people in the valley on Sunday."
    )
    assert span["doc_id"] == "towers" and unattributed["attributions"] == []
    ferri = next(c for c in claims if c["flags"][0] == "denied")
    assert [a["speaker_text"] for a in ferri["attributions"]] == [
        "Councillor Marco Ferri",
        "The mayor's office",
    ]
    assert ferri["attributions"][0]["chain"] == ["AFP", "Marco Ferri"]


def test_flag_filters_pick_claims_with_any_of_the_flags(db: Path) -> None:
    denied = report_json(db, "--flag", "denied")
    assert [c["flags"][0] for c in denied] == ["denied"]
    both = report_json(db, "--flag", "denied", "--flag", "unattributed")
    assert [c["flags"][0] for c in both] == ["denied", "unattributed"]
    [corroborated] = report_json(db, "--flag", "corroborated")
    assert corroborated["flags"] == ["corroborated"]
    wrong = report("--db", str(db), "--flag", "dubious")
    assert wrong.exit_code == 1
    assert wrong.stderr.startswith("Error: unknown flag 'dubious'. Choose from single_source")


def test_since_keeps_claims_of_articles_published_from_that_date(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    ingest(path, towers(), published="2024-09-01")
    ingest(path, hostile(), published="2024-10-15")
    assert len(report_json(path)) == 3
    [late] = report_json(path, "--since", "2024-10-01")
    assert late["documents"] == ["hostile"]
    assert report_json(path, "--since", "2024-10-16") == []
    assert len(report_json(path, "--since", "2024-09-01")) == 3
    wrong = report("--db", str(path), "--since", "last week")
    assert wrong.exit_code == 1
    assert wrong.stderr.startswith("Error: --since takes a date like 2024-10-31")


def test_markdown_and_table_show_claims_flags_and_origins(db: Path, tmp_path: Path) -> None:
    markdown = report("--db", str(db), "--format", "markdown")
    assert markdown.exit_code == 0
    assert markdown.stdout.startswith("# 3 unverified claims\n")
    assert "## 1. the council had been warned about the towers last year" in markdown.stdout
    assert "**Flags:** `denied`, `disputed`, `single_source`" in markdown.stdout
    assert "**Origins:** Marco Ferri (person)" in markdown.stdout
    assert "&lt;script&gt;" in markdown.stdout and "<script>" not in markdown.stdout
    table = report("--db", str(db))
    assert table.exit_code == 0
    assert "3 unverified claims" in table.stdout and "denied" in table.stdout
    out = tmp_path / "report.txt"
    written = report("--db", str(db), "--output", str(out))
    assert written.exit_code == 0 and written.stdout == ""
    assert "Marco Ferri" in out.read_text(encoding="utf-8")
    assert "written to" in written.stderr


def test_limit_keeps_the_worst_claims_and_says_how_many_there_are(db: Path) -> None:
    every = report_json(db)
    assert len(every) == 3
    assert report_json(db, "--limit", "2") == every[:2]
    assert report_json(db, "--limit", "5") == every
    markdown = report("--db", str(db), "--format", "markdown", "-n", "1")
    assert markdown.exit_code == 0
    assert markdown.stdout.startswith("# 3 unverified claims, the worst 1 shown\n")
    assert "## 1. " in markdown.stdout and "## 2. " not in markdown.stdout
    table = report("--db", str(db), "--limit", "1")
    assert table.exit_code == 0 and "3 unverified claims, the worst 1 shown" in table.stdout
    nothing = report("--db", str(db), "--limit", "0")
    assert nothing.exit_code == 2 and "--limit" in nothing.output


@pytest.mark.parametrize("width", [50, 80, 100, 140, 211])
def test_the_table_shares_its_width_as_rich_would_without_measuring(db: Path, width: int) -> None:
    from rich.console import Console

    from provenance.report import claims_table

    with Store(db) as store:
        claims = store.claims()

    def rendered(table: Any) -> str:
        console = Console(width=width, file=io.StringIO(), color_system=None)
        console.print(table)
        return str(console.file.getvalue())

    shared = rendered(claims_table(claims, "unverified", width))
    assert shared == rendered(claims_table(claims, "unverified"))
    assert "Marco Ferri" in shared and max(map(len, shared.splitlines())) == width


def test_a_missing_database_is_an_error_not_a_new_file(tmp_path: Path) -> None:
    result = report("--db", str(tmp_path / "none.db"))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no database at")
    assert not (tmp_path / "none.db").exists()


def test_report_runs_as_a_real_process(db: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "provenance.cli", "report", "--db", str(db), "-f", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)["claims"]) == 3


# --------------------------------------------------------------------------- HTML


def test_html_is_one_self_contained_page_with_article_text_escaped(db: Path) -> None:
    page = report("--db", str(db), "--format", "html").stdout
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "<script" not in page  # the page runs nothing, the article's script least of all
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in page
    assert "&lt;b&gt;the ferry&lt;/b&gt;" in page
    for external in ("src=", "href=", "@import", "url("):
        assert external not in page


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def chromium(*args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    profile = tempfile.mkdtemp(prefix="provenance-chromium-")
    try:
        return subprocess.run(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                *args,
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")
def test_html_renders_in_headless_chromium_on_a_phone(db: Path, tmp_path: Path) -> None:
    page = tmp_path / "unverified.html"
    result = report("--db", str(db), "--format", "html", "--output", str(page))
    assert result.exit_code == 0
    dom = chromium("--dump-dom", page.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    html = dom.stdout
    # the article's script did not run: it would have set the title to 'pwned'
    assert "<title>3 unverified claims</title>" in html
    assert "pwned</title>" not in html
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in html
    for shown in (
        "the council had been warned about the towers last year",
        "Floods also killed four people in the valley on Sunday.",
        '<span class="flag flag-denied">denied</span>',
        '<span class="flag flag-unattributed">unattributed</span>',
        "Marco Ferri",
        "mayor's office denies it",
    ):
        assert shown in html, shown
    shot = tmp_path / "phone.png"
    result_shot = chromium("--window-size=390,844", f"--screenshot={shot}", page.as_uri())
    assert result_shot.returncode == 0, result_shot.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 5_000


# --------------------------------------------------------------------------- real articles


def ingest_cli(db: Path, *paths: Path) -> Result:
    result = runner.invoke(app, ["ingest", "--db", str(db), *map(str, paths)])
    assert result.exit_code == 0, result.output
    return result


@pytest.mark.model
def test_report_json_reproduces_the_shared_gold_claims(tmp_path: Path) -> None:
    if not SHARED_GOLD.exists() or not SHARED_SEED.exists():
        pytest.skip(f"no shared gold at {SHARED_GOLD}")
    path = tmp_path / "afp.db"
    ingest_cli(path, SHARED_SEED)
    unverified = report_json(path)
    corroborated = report_json(path, "--flag", "corroborated")
    exported = runner.invoke(app, ["export", "--db", str(path)]).stdout
    rows_ = [json.loads(line) for line in exported.splitlines()]
    docs, claims = from_report({"claims": unverified + corroborated}, rows_)
    ev = evaluate_claims(load_jsonl(SHARED_GOLD), docs, claims, RULES)
    assert len(ev.results) == 12
    assert ev.count("matched") == 12  # every gold claim, by its attributions
    assert ev.count("flags_right") >= 10
    assert ev.count("origins_right") >= 11  # "Both countries" is not resolved to two
    # the one corroborated gold claim is matched among the corroborated, not the unverified
    ids = {c["id"] for c in unverified}
    for result in ev.results:
        assert (result.claim_id in ids) == (result.gold_flags != ("corroborated",))


@pytest.mark.model
def test_across_seeds_relays_of_one_origin_and_independent_origins(tmp_path: Path) -> None:
    path = tmp_path / "seeds.db"
    seeds = ROOT / "seeds"
    for name in ("wire-legionella-outbreak", "wire-heatwave-grid"):  # one run each
        ingest_cli(path, seeds / f"{name}.txt")
    toll = [
        c
        for c in report_json(path, "--flag", "corroborated")
        if c["documents"] == ["wire-heatwave-grid", "wire-legionella-outbreak"]
    ]
    assert len(toll) == 1 and "nine people" in toll[0]["text"]
    for name in ("wire-czech-election", "wire-summit"):  # both relay the BIS report
        ingest_cli(path, seeds / f"{name}.txt")
    relayed = [
        c
        for c in report_json(path, "--flag", "single_source", "--flag", "corroborated")
        if set(c["documents"]) & {"wire-czech-election", "wire-summit"}
        and "accounts" in " ".join(a["content_text"] for a in c["attributions"])
    ]
    assert relayed and all("corroborated" not in c["flags"] for c in relayed)
    assert any("single_source" in c["flags"] for c in relayed)


@pytest.mark.model
def test_ingesting_the_seeds_again_leaves_claims_and_flags_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "seeds.db"
    first = ingest_cli(path, ROOT / "seeds")
    assert "7 articles grouped this run" in first.stderr
    before = rows(path)
    assert len(before["claims"]) > 50 and len(before["flags"]) > len(before["claims"])
    again = ingest_cli(path, ROOT / "seeds")
    assert "0 articles grouped this run" in again.stderr
    assert rows(path) == before


@pytest.mark.model
def test_one_article_per_run_gives_the_claims_of_one_run_over_all(tmp_path: Path) -> None:
    together, apart = tmp_path / "together.db", tmp_path / "apart.db"
    ingest_cli(together, ROOT / "seeds")
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        ingest_cli(apart, seed)
    assert _claims_without_time(apart) == _claims_without_time(together)
    for table in ("claim_attributions", "claim_spans", "claim_origins", "flags", "claim_keys"):
        assert rows(apart)[table] == rows(together)[table], table
