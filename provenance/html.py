"""Articles saved as HTML: their visible text, and where each of its characters came from.

selectolax (the lexbor HTML5 parser) builds the tree, so broken markup, implied end tags and
entities are read the way a browser reads them, and decides what is visible: the ``<body>``
without scripts, styles, templates, forms' options or ``hidden`` elements. Each visible text
node is then found in the HTML itself (its entities and line endings as the parser decoded
them), which gives the :class:`SourceMap` from offsets in the visible text back to offsets in
the HTML.

The visible text is laid out for the extractor as a plain-text article: a block element
(``<p>``, ``<div>``, ``<h1>``, ``<li>``, ``<br>``, ...) ends a line, runs of spaces and line
breaks inside a paragraph become one space, ``<pre>`` keeps its lines.

>>> page = visible_text('<p>&ldquo;We will win,&rdquo; she said.</p><p>Next.</p>')
>>> page.text
'“We will win,” she said.\\nNext.\\n'
>>> page.source.span(0, 14), page.html[3:29]
((3, 29), '&ldquo;We will win,&rdquo;')
"""

from __future__ import annotations

import html as html_entities
import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

# elements whose content is never shown as article text
_HIDDEN = frozenset(
    {
        "head",
        "title",
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "select",
        "option",
        "datalist",
        "button",
        "textarea",
        "canvas",
        "audio",
        "video",
        "map",
    }
)
# elements that start and end a line of the visible text
_BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
_DISPLAY_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_ENTITY = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")
# what HTML reads differently from its source: entities, carriage returns, NUL
_SPECIAL = re.compile(r"[&\r\x00]")
# pieces of a text node's source: an entity, a run of HTML whitespace, or plain text
_PIECE = re.compile(
    r"(?P<entity>&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?))"
    r"|(?P<space>[ \t\n\r\f]+)|(?P<nul>\x00+)|(?P<plain>[^& \t\n\r\f\x00]+|&)"
)
_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)


@dataclass(frozen=True, slots=True)
class SourceMap:
    """Where the visible text came from: ``starts[k]`` is the visible offset where piece
    ``k`` begins, ``lengths[k]`` its visible length, ``[sources[k], source_ends[k])`` the HTML
    it was read from. A piece copied as is has both lengths equal; an entity (``&amp;`` for
    ``&``), a run of whitespace read as one space, or a line break a block element implied
    (an empty HTML span) does not."""

    starts: tuple[int, ...]
    lengths: tuple[int, ...]
    sources: tuple[int, ...]
    source_ends: tuple[int, ...]

    def start(self, offset: int) -> int:
        """The HTML offset where the visible character at ``offset`` begins."""
        k = self._piece(offset)
        if k < 0:
            return 0
        if self._copied(k):
            return self.sources[k] + min(offset - self.starts[k], self.lengths[k])
        return self.sources[k]

    def end(self, offset: int) -> int:
        """The HTML offset just past the visible character before ``offset`` (an end)."""
        if offset <= 0:
            return self.start(0)
        k = self._piece(offset - 1)
        if k < 0:
            return 0
        if self._copied(k):
            return self.sources[k] + min(offset - self.starts[k], self.lengths[k])
        return self.source_ends[k]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The HTML ``[start, end)`` holding the visible ``[start, end)``."""
        s, e = self.start(start), self.end(end)
        return (s, max(s, e))

    def _piece(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1

    def _copied(self, k: int) -> bool:
        return self.source_ends[k] - self.sources[k] == self.lengths[k]


@dataclass(frozen=True, slots=True)
class Page:
    """An HTML article: the HTML as decoded, its visible text, and the map between them."""

    html: str
    text: str
    source: SourceMap


def looks_like_html(text: str) -> bool:
    """Text that opens as an HTML document (``<!DOCTYPE html>`` or ``<html>``), for input
    with no file name to go by (standard input)."""
    return _HTML_START.match(text[:4096]) is not None


def visible_text(html: str) -> Page:
    """The visible text of an HTML document, laid out as a plain-text article, with the
    map from its offsets back to ``html`` (see the module docstring)."""
    tree = LexborHTMLParser(html)
    root = tree.body or tree.root
    layout = _Layout(html)
    if root is not None:
        _walk(root, layout)
    return layout.page()


def html_offsets(quote: dict[str, Any], source: SourceMap) -> dict[str, Any]:
    """The spans of one ``extract --format jsonl`` quote mapped back to the HTML: the same
    keys (``content``, ``content_fragments``, ``speaker``, ``cue``, ``coref_span``) with
    offsets into the HTML file's characters, for those the quote has."""
    out: dict[str, Any] = {}
    for key in ("content", "speaker", "cue", "coref_span"):
        value = quote.get(key)
        if value is not None:
            out[key] = list(source.span(*value))
    if quote.get("content_fragments"):
        out["content_fragments"] = [list(source.span(*f)) for f in quote["content_fragments"]]
    return out


def _walk(root: LexborNode, layout: _Layout) -> None:
    """Visit the tree in document order without recursion (markup may nest thousands deep)."""
    stack: list[tuple[LexborNode, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        tag = node.tag or ""
        if leaving:
            if tag == "pre":
                layout.keep_spaces -= 1
            if tag in _BLOCKS:
                layout.line_break()
            continue
        if node.is_text_node:
            layout.text_node(node.text_content or "")
            continue
        if not node.is_element_node or _hidden(node, tag):
            continue
        if tag == "br":
            layout.line_break(force=True)
            continue
        if tag in _BLOCKS:
            layout.line_break()
        if tag == "pre":
            layout.keep_spaces += 1
        stack.append((node, True))
        children = list(node.iter(include_text=True))
        stack.extend((child, False) for child in reversed(children))


def _hidden(node: LexborNode, tag: str) -> bool:
    if tag in _HIDDEN:
        return True
    attrs = node.attributes
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    style = attrs.get("style")
    return bool(style and _DISPLAY_NONE.search(style))


class _Layout:
    """Builds the visible text and its source map, one text node at a time."""

    def __init__(self, html: str) -> None:
        self.html = html
        self.cursor = 0  # where the last text node found in the HTML ended
        self.keep_spaces = 0  # inside <pre>
        self.parts: list[str] = []
        self.size = 0
        self.last = "\n"  # the last visible character ("\n" at the start: no leading space)
        self.space_at: int | None = None  # a collapsed run of whitespace not yet written
        self.starts: list[int] = []
        self.lengths: list[int] = []
        self.sources: list[int] = []
        self.source_ends: list[int] = []

    def page(self) -> Page:
        text = "".join(self.parts)
        source = SourceMap(
            tuple(self.starts), tuple(self.lengths), tuple(self.sources), tuple(self.source_ends)
        )
        return Page(self.html, text, source)

    def emit(self, text: str, source: int, source_end: int) -> None:
        if not text:
            return
        if (
            self.starts
            and self.source_ends[-1] == source
            and self.sources[-1] + self.lengths[-1] == source
            and source_end - source == len(text)
            and self.source_ends[-1] - self.sources[-1] == self.lengths[-1]
        ):
            self.lengths[-1] += len(text)  # extends a piece copied as is
            self.source_ends[-1] = source_end
        else:
            self.starts.append(self.size)
            self.lengths.append(len(text))
            self.sources.append(source)
            self.source_ends.append(source_end)
        self.parts.append(text)
        self.size += len(text)
        self.last = text[-1]

    def line_break(self, *, force: bool = False) -> None:
        self.space_at = None
        if force or self.last != "\n":
            self.emit("\n", self.cursor, self.cursor)

    def text_node(self, decoded: str) -> None:
        if not decoded:
            return
        found = _locate(self.html, decoded, self.cursor)
        if found is None:
            # not found in the HTML (the parser moved or made it): keep the text, mapped to
            # where reading had got to
            self._write_unmapped(decoded)
            return
        start, end = found
        self.cursor = end
        for m in _PIECE.finditer(self.html, start, end):
            kind = m.lastgroup
            if kind == "nul":
                continue
            if kind == "space":
                if self.keep_spaces:
                    self._pending_space()
                    self.emit(_newlines(m.group()), m.start(), m.end())
                elif self.last not in " \n" and self.space_at is None:
                    self.space_at = m.start()
                continue
            piece = html_entities.unescape(m.group()) if kind == "entity" else m.group()
            self._pending_space()
            self.emit(piece, m.start(), m.end())

    def _pending_space(self) -> None:
        if self.space_at is not None:
            at, self.space_at = self.space_at, None
            if self.last not in " \n":
                self.emit(" ", at, at + 1)

    def _write_unmapped(self, decoded: str) -> None:
        for word in decoded.split():
            if self.last not in " \n":
                self.emit(" ", self.cursor, self.cursor)
            self.emit(word, self.cursor, self.cursor)


def _newlines(space: str) -> str:
    """Whitespace inside ``<pre>`` as HTML reads it: CRLF and CR are line feeds."""
    return space.replace("\r\n", "\n").replace("\r", "\n")


def _locate(html: str, decoded: str, cursor: int) -> tuple[int, int] | None:
    """Where the text node reading ``decoded`` stands in ``html``: searched from ``cursor``
    among the places a text node can start (just after a ``>``), then from the top (text the
    parser moved, such as text inside a table outside its cells)."""
    for origin in (cursor, 0):
        at = origin
        while at <= len(html):
            end = _match(html, at, decoded)
            if end is not None:
                return at, end
            if html.startswith(("\n", "\r\n"), at):  # <pre> drops the line break after it
                skip = at + (2 if html.startswith("\r\n", at) else 1)
                end = _match(html, skip, decoded)
                if end is not None:
                    return skip, end
            nxt = html.find(">", at)
            if nxt < 0:
                break
            at = nxt + 1
        if origin == 0:
            break
    return None


def _match(html: str, at: int, decoded: str) -> int | None:
    """The end of the HTML from ``at`` that decodes to ``decoded``, or ``None``."""
    i, j, n = 0, at, len(decoded)
    chunk = 16  # compared a stretch at a time, growing: a wrong start fails in a few steps
    while i < n:
        window = min(n - i, chunk)
        special = _SPECIAL.search(html, j, j + window)
        stop = special.start() if special else min(j + window, len(html))
        if stop > j:
            if html[j:stop] != decoded[i : i + stop - j]:
                return None
            i, j = i + stop - j, stop
            chunk *= 2
            continue
        if j >= len(html):
            return None
        ch = html[j]
        if ch == "&":
            m = _ENTITY.match(html, j)
            value = html_entities.unescape(m.group()) if m else "&"
            if m and decoded.startswith(value, i):
                i, j = i + len(value), m.end()
            elif decoded[i] == "&":
                i, j = i + 1, j + 1
            else:
                return None
        elif ch == "\r":
            if decoded[i] != "\n":
                return None
            i, j = i + 1, j + (2 if html.startswith("\r\n", j) else 1)
        else:  # NUL: dropped by the parser, or read as U+FFFD
            if decoded[i] == "\ufffd":
                i += 1
            j += 1
    return j
