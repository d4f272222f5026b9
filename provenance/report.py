"""Rendering for people (rich tables). The library never prints; the CLI calls these."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from provenance.evaluate import Evaluation
from provenance.models import Document


def _cut(text: str | None, width: int = 90) -> str:
    if not text:
        return ""
    text = " ".join(text.split())
    text = text if len(text) <= width else text[: width - 1] + "\u2026"
    return escape(text)  # article text is never rich markup: "[the government]" stays


def attributions_table(doc: Document) -> Table:
    """One row per attribution: kind, speaker -> source, cue, what was said, chain."""
    table = Table(
        title=f"{escape(doc.doc_id)}: {len(doc.attributions)} attributions", show_lines=True
    )
    table.add_column("#", justify="right", style="dim")
    table.add_column("kind")
    table.add_column("speaker \u2192 source (type)")
    table.add_column("cue / stance")
    table.add_column("said", ratio=3)
    table.add_column("channel / via")
    for n, a in enumerate(doc.attributions):
        who = _cut(a.speaker.text, 200) if a.speaker else "\u2014"
        if a.source:
            who += f"\n\u2192 {escape(a.source)}"
        if a.source_type:
            who += f" ({a.source_type})"
        cue = (escape(a.cue.text) if a.cue else "\u2014") + (
            "" if a.stance == "neutral" else f"\n{a.stance}"
        )
        chan = "\n".join(
            escape(x)
            for x in [a.channel and f"channel: {a.channel}", *(f"via: {v}" for v in a.via)]
            if x
        )
        table.add_row(str(n), a.kind, who, cue, _cut(a.content.text, 160), chan)
    return table


def evaluation_tables(ev: Evaluation, console: Console, *, misses: bool = True) -> None:
    """Print the figures of an evaluation, then (optionally) what went wrong."""
    t = Table(title=f"Attribution scores over {ev.docs} document(s)")
    for col in ("", "precision", "recall", "F1", "required gold"):
        t.add_column(col, justify="right" if col else "left")
    for label, p, r, f, n in ev.summary_rows():
        t.add_row(label, f"{p:.3f}", f"{r:.3f}", f"{f:.3f}", str(n))
    console.print(t)
    acc = Table(title="Accuracy over matched attributions")
    acc.add_column("")
    acc.add_column("right", justify="right")
    acc.add_column("of", justify="right")
    acc.add_column("share", justify="right")
    for label, a in (
        ("speaker", ev.speaker_accuracy),
        ("resolved source", ev.source_accuracy),
        ("via (chain)", ev.via_accuracy),
        ("kind", ev.kind_accuracy),
        ("optional gold found", ev.optional_found),
    ):
        acc.add_row(label, str(a.right), str(a.total), f"{a.value:.3f}")
    console.print(acc)
    if ev.missing_docs:
        console.print(f"[yellow]No prediction for:[/] {', '.join(ev.missing_docs)}")
    if not misses:
        return
    for title, rows in (
        (
            "Missed (required)",
            [
                f"{m.doc_id}: [{m.kind}] {_cut(m.content_text)} \u2014 {m.speaker_text}"
                for m in ev.missed
            ],
        ),
        (
            "False positives",
            [f"{m.doc_id}: {_cut(m.content_text)} ({m.rule})" for m in ev.false_positives],
        ),
        (
            "Wrong speaker",
            [
                f"{m.doc_id}: {_cut(m.content_text, 60)} \u2014 gold {m.gold!r},"
                f" predicted {m.predicted!r}"
                for m in ev.wrong_speakers
            ],
        ),
        (
            "Wrong source",
            [
                f"{m.doc_id}: {_cut(m.content_text, 60)} \u2014 gold {m.gold!r},"
                f" predicted {m.predicted!r}"
                for m in ev.wrong_sources
            ],
        ),
        (
            "Wrong via",
            [
                f"{m.doc_id}: {_cut(m.content_text, 60)} \u2014 gold {list(m.gold)},"
                f" predicted {list(m.predicted)}"
                for m in ev.wrong_via
            ],
        ),
        (
            "Not-quotes extracted",
            [f"{m.doc_id}: {_cut(m.content_text)}" for m in ev.not_quote_violations],
        ),
    ):
        if rows:
            console.print(f"[bold]{title}[/] ({len(rows)})")
            for row in rows:
                console.print(f"  - {row}", markup=False, highlight=False)
