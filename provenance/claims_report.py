"""The unverified-claims report as files: JSON (the machine contract), Markdown, and one
self-contained HTML page a fact-checker can open or mail, readable on a phone.

Pure functions from :class:`~provenance.models.StoredClaim` objects to text; the rich table
for the terminal is :func:`provenance.report.claims_table`. Everything that comes from an
article is escaped: a quote holding ``<script>`` stays text in HTML, and Markdown punctuation
in a quote is not read as formatting.

>>> # to_html(store.claims(), title="Unverified claims")  -> '<!DOCTYPE html>...'
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

from provenance.flags import SEVERITY
from provenance.models import ClaimSpan, ClaimStatement, StoredAttribution, StoredClaim

#: What each flag means, one line each, worst first (the report's order).
FLAG_MEANINGS = {
    "denied": "a party explicitly denies it",
    "unattributed": "stated as fact in the reporter's voice, with no source",
    "anonymous_only": "every origin is unnamed",
    "unverified_party_claim": "the only origin has a stake in it",
    "disputed": "contradicted, or the reporter keeps a distance ('claims', 'alleged')",
    "single_source": "one independent origin",
    "corroborated": "two or more independent origins",
}


def to_json(claims: Sequence[StoredClaim]) -> dict[str, Any]:
    """``{"claims": [...]}``, each claim as :meth:`StoredClaim.to_json` gives it."""
    return {"claims": [c.to_json() for c in claims]}


# --------------------------------------------------------------------------- Markdown

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def _md(text: str | None) -> str:
    """Article text as Markdown that shows it as written: one line, punctuation escaped,
    angle brackets as entities (so no renderer reads a tag)."""
    flat = " ".join((text or "").split())
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", flat)


def to_markdown(claims: Sequence[StoredClaim], title: str = "Unverified claims") -> str:
    """The report as Markdown: a heading per claim, its flags and origins, each statement
    with its chain, each unattributed sentence, and the evidence of every flag."""
    lines = [f"# {_md(title)}", "", _summary(claims), ""]
    for n, claim in enumerate(claims, 1):
        lines += [f"## {n}. {_md(claim.text)}", ""]
        flags = ", ".join(f"`{f}`" for f in claim.flags)
        lines.append(f"**Flags:** {flags}  ")
        origins = "; ".join(_md(_origin_text(o.name, o.type, o.relays)) for o in claim.origins)
        lines += [f"**Origins:** {origins or 'none named'}", ""]
        for s in claim.statements:
            lines.append(f"- {_md_statement(s)}")
        for span in claim.spans:
            lines.append(f"- {_md_span(span)}")
        if claim.evidence:
            lines += ["", "Evidence:", ""]
            for e in claim.evidence:
                where = f" (\u201c{_md(e.span.text)}\u201d, {_md(e.doc_id)})" if e.span else ""
                lines.append(f"- `{_rule(e.flag, e.rule)}`: {_md(e.detail)}{where}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _md_statement(s: ClaimStatement) -> str:
    a = s.attribution
    mention, source = speaker_and_source(a)
    who = _md(mention) + (f" \u2192 {_md(source)}" if source else "")
    if a.source_type:
        who += f" ({_md(a.source_type)})"
    chain = " \u2192 ".join(_md(p) for p in a.path())
    role = "" if s.role == "asserts" else f" _{_md(s.role)}_"
    return (
        f"**{_md(a.doc_id)}** [{a.content.start}:{a.content.end}] {who}{role}: "
        f"\u201c{_md(a.content.text)}\u201d \u2014 chain: {chain or 'none'}"
    )


def _md_span(span: ClaimSpan) -> str:
    kind = f" ({_md(span.kind)})" if span.kind else ""
    return (
        f"**{_md(span.doc_id)}** [{span.sentence.start}:{span.sentence.end}] "
        f"no source{kind}: \u201c{_md(span.sentence.text)}\u201d"
    )


def _rule(flag: str, rule: str) -> str:
    """A flag's evidence rule, once when it is the flag itself ("single_source")."""
    return flag if rule == flag else f"{flag} ({rule})"


def speaker_and_source(a: StoredAttribution) -> tuple[str, str | None]:
    """The speaker mention and the source it was resolved to, when that says more than the
    mention ("His lawyer" -> "Sofie Wauters"; "The court" -> "Geneva court"; not "The
    lawyers" -> "lawyers")."""
    mention = a.speaker.text if a.speaker else "no speaker"
    same = a.source is None or _bare(a.source) == _bare(mention)
    return mention, None if same else a.source


def _bare(name: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", " ".join(name.lower().split()))


def _summary(claims: Sequence[StoredClaim]) -> str:
    docs = {d for c in claims for d in c.doc_ids}
    order = ", ".join(SEVERITY)
    return (
        f"{len(claims)} claim(s) from {len(docs)} article(s), worst first ({order}; then by "
        "article and position)."
    )


def _origin_text(name: str, kind: str | None, relays: Sequence[str]) -> str:
    text = name + (f" ({kind})" if kind else "")
    return text + (f" via {', '.join(relays)}" if relays else "")


# --------------------------------------------------------------------------- HTML

_CSS = """
:root { color-scheme: light dark; --ink: #1b1b1f; --muted: #5b5e66; --line: #d9dbe0;
  --card: #ffffff; --page: #f4f5f7; --quote: #f0f2f5; }
@media (prefers-color-scheme: dark) { :root { --ink: #e8e8ec; --muted: #a4a7b0;
  --line: #3a3d45; --card: #1f2127; --page: #15161a; --quote: #2a2d34; } }
* { box-sizing: border-box; }
body { margin: 0; background: var(--page); color: var(--ink);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
header, main, footer { max-width: 52rem; margin: 0 auto; padding: 0 1rem; }
header { padding-top: 1.25rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
.meta, footer { color: var(--muted); font-size: .875rem; }
.legend { margin: .5rem 0 0; padding: 0; list-style: none; font-size: .85rem; }
header details { margin: 0 0 1rem; }
.claim { background: var(--card); border: 1px solid var(--line); border-left-width: .4rem;
  border-radius: .5rem; padding: .85rem 1rem; margin: 0 0 1rem; overflow-wrap: anywhere; }
.claim h2 { font-size: 1.1rem; margin: .35rem 0 .5rem; }
.claim h3 { font-size: .8rem; text-transform: uppercase; letter-spacing: .04em;
  color: var(--muted); margin: .9rem 0 .3rem; }
.flags { display: flex; flex-wrap: wrap; gap: .3rem; }
.flag { display: inline-block; border-radius: 1rem; padding: .05rem .55rem; font-size: .75rem;
  font-weight: 600; color: #fff; background: #6b7280; white-space: nowrap; }
.flag-denied { background: #b42318; } .flag-unattributed { background: #c4320a; }
.flag-anonymous_only { background: #b54708; } .flag-unverified_party_claim { background: #a15c07; }
.flag-disputed { background: #7a2e98; } .flag-single_source { background: #475467; }
.flag-corroborated { background: #067647; }
.sev-denied { border-left-color: #b42318; } .sev-unattributed { border-left-color: #c4320a; }
.sev-anonymous_only { border-left-color: #b54708; }
.sev-unverified_party_claim { border-left-color: #a15c07; }
.sev-disputed { border-left-color: #7a2e98; } .sev-single_source { border-left-color: #475467; }
ol, ul { margin: 0; padding-left: 1.2rem; }
li { margin: 0 0 .5rem; }
blockquote { margin: 0 0 .2rem; padding: .35rem .6rem; background: var(--quote);
  border-radius: .3rem; }
.who, .where { font-size: .875rem; color: var(--muted); }
.chain { font-size: .875rem; }
code { font-size: .85em; }
details { margin-top: .6rem; font-size: .875rem; }
summary { cursor: pointer; color: var(--muted); }
.id { font: .75rem ui-monospace, monospace; color: var(--muted); margin: .6rem 0 0; }
@media (max-width: 30rem) { body { font-size: 15px; } header, main, footer { padding: 0 .6rem; }
  .claim { padding: .7rem .75rem; } }
"""


def _h(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def to_html(claims: Sequence[StoredClaim], title: str = "Unverified claims", note: str = "") -> str:
    """The report as one self-contained HTML page (inline CSS, no script, no external
    resource), readable on a phone. ``note`` is a line under the title (filters, database)."""
    legend = "".join(
        f'<li><span class="flag flag-{_h(f)}">{_h(f)}</span> {_h(meaning)}</li>'
        for f, meaning in FLAG_MEANINGS.items()
    )
    body = "\n".join(_html_claim(n, c) for n, c in enumerate(claims, 1))
    if not claims:
        body = "<p>No claim matches.</p>"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="provenance">
<title>{_h(title)}</title>
<style>{_CSS}</style>
</head>
<body>
<header>
<h1>{_h(title)}</h1>
<p class="meta">{_h(_summary(claims))}{" " + _h(note) if note else ""}</p>
<details><summary>What the flags mean</summary><ul class="legend">{legend}</ul></details>
</header>
<main>
{body}
</main>
<footer><p>Made by provenance. Offsets are character offsets into each article's text.</p>
</footer>
</body>
</html>
"""


def _html_claim(n: int, claim: StoredClaim) -> str:
    worst = next((f for f in claim.flags if f in SEVERITY), "single_source")
    flags = "".join(f'<span class="flag flag-{_h(f)}">{_h(f)}</span>' for f in claim.flags)
    origins = "".join(
        f"<li>{_h(_origin_text(o.name, o.type, o.relays))}</li>" for o in claim.origins
    )
    parts = [
        f'<article class="claim sev-{_h(worst)}" id="claim-{_h(claim.id)}">',
        f'<div class="flags">{flags}</div>',
        f"<h2>{n}. {_h(claim.text)}</h2>",
        f"<h3>Origins</h3><ul>{origins or '<li>none named</li>'}</ul>",
    ]
    if claim.statements:
        items = "".join(_html_statement(s) for s in claim.statements)
        parts.append(f"<h3>Statements</h3><ol>{items}</ol>")
    if claim.spans:
        items = "".join(_html_span(s) for s in claim.spans)
        parts.append(f"<h3>In the reporter&#x27;s voice, no source</h3><ol>{items}</ol>")
    if claim.evidence:
        items = "".join(
            f"<li><code>{_h(_rule(e.flag, e.rule))}</code>: {_h(e.detail)}"
            + (
                f' <span class="where">\u201c{_h(e.span.text)}\u201d, {_h(e.doc_id)} '
                f"[{e.span.start}:{e.span.end}]</span>"
                if e.span
                else ""
            )
            + "</li>"
            for e in claim.evidence
        )
        parts.append(f"<h3>Evidence</h3><ul>{items}</ul>")
    if claim.explanation:
        items = "".join(f"<li>{_h(line)}</li>" for line in claim.explanation)
        parts.append(
            f"<details><summary>How these were grouped</summary><ul>{items}</ul></details>"
        )
    parts.append(f'<p class="id">claim {_h(claim.id)}</p></article>')
    return "\n".join(parts)


def _html_statement(s: ClaimStatement) -> str:
    a = s.attribution
    mention, source = speaker_and_source(a)
    who = f" \u2192 <strong>{_h(source)}</strong>" if source else ""
    who = (_h(mention) if source else f"<strong>{_h(mention)}</strong>") + who
    if a.source_type:
        who += f" ({_h(a.source_type)})"
    if s.role != "asserts":
        who += f" \u2014 <em>{_h(s.role)}</em>"
    chain = " \u2192 ".join(_h(p) for p in a.path())
    date = f", {_h(a.published)}" if a.published else ""
    return (
        f"<li><blockquote>{_h(a.content.text)}</blockquote>"
        f'<div class="who">{who}</div>'
        f'<div class="chain">chain: {chain or "none"}</div>'
        f'<div class="where">{_h(a.doc_id)} [{a.content.start}:{a.content.end}]{date}</div></li>'
    )


def _html_span(span: ClaimSpan) -> str:
    kind = f" ({_h(span.kind)})" if span.kind else ""
    return (
        f"<li><blockquote>{_h(span.sentence.text)}</blockquote>"
        f'<div class="where">{_h(span.doc_id)} [{span.sentence.start}:{span.sentence.end}]'
        f"{kind}</div></li>"
    )
