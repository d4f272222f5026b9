"""Rendering for people (rich tables). The library never prints; the CLI calls these."""

from __future__ import annotations

import io

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from provenance.claims_report import speaker_and_source
from provenance.evaluate import Evaluation
from provenance.models import (
    AuditReport,
    Document,
    SourceSummary,
    StoredAttribution,
    StoredClaim,
    Trace,
)


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


# --- the store ---------------------------------------------------------------------------------


def _at(span_start: int, span_end: int) -> str:
    return f"[dim][{span_start}:{span_end}][/]"


def stored_table(rows: list[StoredAttribution], title: str) -> Table:
    """Stored attributions: what was said, speaker, source (type), channel, chain, article."""
    table = Table(title=escape(title), show_lines=True)
    table.add_column("said", ratio=3)
    table.add_column("speaker \u2192 source (type)")
    table.add_column("channel")
    table.add_column("chain (outlet \u2192 origin)")
    table.add_column("document / date")
    table.add_column("id", style="dim", no_wrap=True)
    for a in rows:
        who = _cut(a.speaker.text, 80) if a.speaker else "\u2014"
        if a.source:
            who += f"\n\u2192 {escape(a.source)}"
        if a.source_type:
            who += f" ({escape(a.source_type)})"
        channel = escape(a.channel or "")
        if a.addressee and a.addressee != a.channel:
            channel += f"\nto {escape(a.addressee)}"
        where = escape(a.doc_id) + (f"\n{a.published}" if a.published else "")
        chain = " \u2192 ".join(escape(n) for n in a.path())
        table.add_row(_cut(a.content.text, 160), who, channel, chain, where, a.id)
    return table


def sources_table(sources: list[SourceSummary], title: str) -> Table:
    """Sources with their type, parent, and how many statements and articles."""
    table = Table(title=escape(title))
    table.add_column("source")
    table.add_column("type")
    table.add_column("part of")
    table.add_column("statements", justify="right")
    table.add_column("documents", justify="right")
    table.add_column("only in")
    table.add_column("also called", ratio=2)
    for s in sources:
        table.add_row(
            escape(s.name),
            escape(s.type or "\u2014"),
            escape(s.parent or ""),
            str(s.statements),
            str(s.documents),
            escape(s.only_in or ""),
            _cut("; ".join(s.aliases), 80),
        )
    return table


def trace_tree(trace: Trace) -> Tree:
    """The chain as a tree from the publishing outlet through every hop to the origin, then
    what was said, with offsets into the article."""
    a = trace.attribution
    outlet = escape(a.outlet) if a.outlet else "[dim]outlet unknown[/]"
    head = f"[bold]{outlet}[/] published [cyan]{escape(a.doc_id)}[/]"
    if trace.byline:
        head += f" ({escape(trace.byline)})"
    root = Tree(head)
    node = root
    for hop in reversed(a.chain):
        label = f"[bold]{escape(hop.label)}[/] [dim]{hop.role}[/]"
        if hop.source and hop.name != hop.source:
            label += f' as "{escape(hop.name)}"'
        if hop.span is not None:
            label += " " + _at(hop.span.start, hop.span.end)
        node = node.add(label)
    if not a.chain and a.source:
        node = node.add(f"[bold]{escape(a.source)}[/] [dim]origin[/]")
    said = node.add(
        f'[green]"{_cut(a.content.text, 300)}"[/] {_at(a.content.start, a.content.end)}'
    )
    facts = [
        f"kind {a.kind}, stance {a.stance}",
        f"speaker \u201c{escape(a.speaker.text)}\u201d {_at(a.speaker.start, a.speaker.end)}"
        if a.speaker
        else "",
        f"refers to \u201c{escape(a.coref.text)}\u201d {_at(a.coref.start, a.coref.end)}"
        if a.coref
        else "",
        f"source {escape(a.source or '?')} ({escape(a.source_type or 'no type')})"
        + (f", part of {escape(a.parent)}" if a.parent else "")
        + (f" \u2014 {escape(a.source_link)}" if a.source_link else ""),
        f"cue \u201c{escape(a.cue.text)}\u201d {_at(a.cue.start, a.cue.end)}" if a.cue else "",
        f"channel {escape(a.channel or '?')}"
        + (f", to {escape(a.addressee)}" if a.addressee else "")
        if a.channel or a.addressee
        else "",
        f"rule {escape(a.rule)}, confidence {a.confidence:.2f}, id {a.id}",
        f"sentence {_at(trace.sentence.start, trace.sentence.end)}: "
        f"{_cut(trace.sentence.text, 400)}",
    ]
    for fact in facts:
        if fact:
            said.add(fact)
    return root


# --- claims and the editor's audit ---------------------------------------------------------------

_FLAG_STYLES = {
    "denied": "bold red",
    "unattributed": "bold red",
    "anonymous_only": "bold yellow",
    "unverified_party_claim": "yellow",
    "disputed": "magenta",
    "single_source": "cyan",
    "corroborated": "green",
}


# the claims table's flexible columns (claim, origins, evidence) share the width 6:2:4
_CLAIM_RATIOS = (6, 2, 4)
_FLAGS_WIDTH = 14


def claims_table(claims: list[StoredClaim], title: str, width: int | None = None) -> Table:
    """Claims worst first: flags, the claim with each statement (speaker -> source, the chain
    from the outlet in, article and offsets), origins, and the evidence of each flag.

    Given the ``width`` it will be printed at, the columns get their widths here, as rich
    would share them out, and rich need not measure every cell first (a fifth of the time
    of a table of a thousand claims)."""
    table = Table(title=escape(title), show_lines=True, expand=True)
    fixed = _claim_widths(width, len(str(len(claims)))) if width else None
    widths = fixed[2:] if fixed else (None, None, None)
    ratios = (None, None, None) if fixed else _CLAIM_RATIOS
    table.add_column("#", justify="right", style="dim", width=fixed[0] if fixed else None)
    table.add_column("flags", width=_FLAGS_WIDTH, overflow="fold")
    table.add_column("claim and its statements", width=widths[0], ratio=ratios[0])
    table.add_column("origins", width=widths[1], ratio=ratios[1], overflow="fold")
    table.add_column("evidence", width=widths[2], ratio=ratios[2])
    for n, claim in enumerate(claims, 1):
        flags = "\n".join(f"[{_FLAG_STYLES.get(f, 'white')}]{escape(f)}[/]" for f in claim.flags)
        lines = [f"[bold]{_cut(claim.text, 200)}[/]"]
        for s in claim.statements:
            a = s.attribution
            mention, source = speaker_and_source(a)
            who = escape(mention) + (f" \u2192 {escape(source)}" if source else "")
            role = "" if s.role == "asserts" else f" [italic]{escape(s.role)}[/]"
            chain = " \u2192 ".join(escape(p) for p in a.path())
            lines.append(
                f"\u2022 \u201c{_cut(a.content.text, 140)}\u201d \u2014 {who}{role}"
                f"\n  [dim]{chain} \u00b7 {escape(a.doc_id)} "
                f"[{a.content.start}:{a.content.end}][/]"
            )
        for span in claim.spans:
            said = (
                ""
                if span.sentence.text == claim.text
                else f"\u201c{_cut(span.sentence.text, 140)}\u201d "
            )
            lines.append(
                f"\u2022 {said}\u2014 no source"
                f"\n  [dim]{escape(span.doc_id)} [{span.sentence.start}:{span.sentence.end}][/]"
            )
        origins = "\n".join(
            escape(o.name) + (f" ({escape(o.type)})" if o.type else "") for o in claim.origins
        )
        evidence = "\n".join(f"{escape(e.rule)}: {_cut(e.detail, 120)}" for e in claim.evidence)
        table.add_row(str(n), flags, "\n".join(lines), origins or "\u2014", evidence)
    return table


def claims_text(claims: list[StoredClaim], title: str, width: int = 140) -> str:
    """:func:`claims_table` as plain text ``width`` columns wide (``report --output``): printed
    straight into a buffer, not recorded with its styles to strip them again."""
    buffer = io.StringIO()
    Console(width=width, file=buffer, color_system=None).print(claims_table(claims, title, width))
    return buffer.getvalue()


def _claim_widths(width: int, digits: int) -> tuple[int, ...] | None:
    """The claims table's column widths (without padding) at ``width``, shared as rich shares
    an expanding table's ratio columns: what the fixed columns leave, by ratio, each rounded
    up in turn. ``None`` where too narrow to share (rich then squeezes the table itself)."""
    pad, edges = 2, 6  # a space each side of a cell; the five columns' six rules
    left = width - edges - (digits + pad) - (_FLAGS_WIDTH + pad)
    if left < 3 * (pad + 4):
        return None
    shares: list[int] = []
    total = sum(_CLAIM_RATIOS)
    for ratio in _CLAIM_RATIOS:
        share = -(-ratio * left // total)  # ceiling, as rich's ratio_distribute
        shares.append(share - pad)
        left, total = left - share, total - ratio
    return (digits, _FLAGS_WIDTH, *shares)


def audit_table(report: AuditReport, title: str) -> Table:
    """Each sentence that states a claim: the sentence, its attributions (speaker -> source,
    cue) or their lack, and its problems by rule id with the rule's explanation."""
    table = Table(title=escape(title), show_lines=True, expand=True)
    table.add_column("sentence", ratio=2)
    table.add_column("attribution", ratio=1)
    table.add_column("problems", ratio=2, min_width=26, overflow="fold")
    for s in report.sentences:
        said = [report.attributions[i] for i in s.attributions]
        who = "\n".join(
            (escape(a.speaker.text) if a.speaker else "no speaker")
            + (f" \u2192 {escape(a.source)}" if a.source else "")
            + (f" ({escape(a.source_type)})" if a.source_type else "")
            + (f"\n  [dim]cue \u201c{escape(a.cue.text)}\u201d[/]" if a.cue else "")
            for a in said
        )
        problems = "\n".join(
            f"[bold red]{escape(p.rule)}[/] {_at(p.span.start, p.span.end)}\n"
            f"{escape(p.explanation)}" + (f"\n  [dim]{escape(p.detail)}[/]" if p.detail else "")
            for p in s.problems
        )
        table.add_row(
            f"{_cut(s.sentence.text, 300)} {_at(s.sentence.start, s.sentence.end)}",
            who or "[yellow]none[/]",
            problems or "[green]ok[/]",
        )
    return table


class _RateColumn(ProgressColumn):
    """Documents per second, over the run so far."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        rate = task.completed / elapsed if elapsed > 0 else 0.0
        return Text(f"{rate:.1f} docs/s", style="cyan")


def ingest_progress(console: Console, label: str = "ingest") -> Progress:
    """A progress bar for ``ingest`` (or another ``label``): documents done of all,
    documents/s, time so far."""
    return Progress(
        TextColumn(f"[bold]{label}[/]"),
        BarColumn(),
        MofNCompleteColumn(),
        _RateColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=console,
        transient=False,
    )
