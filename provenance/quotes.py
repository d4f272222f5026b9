"""Find passages in quotation marks, on plain text, before any parse.

Handles straight ("), curly (“ ”), guillemet (« ») and low-high („ “) marks, quotes that run
over several paragraphs (a paragraph that opens a quote and does not close it, the next one
opening with a quotation mark again), and stray marks: an unbalanced mark never swallows text
beyond its own paragraph.

>>> [q.fragments for q in find_quotes('He said: "We will win." Then he left.')]
[((10, 22),)]
"""

from __future__ import annotations

from dataclasses import dataclass

# opener -> the closers it accepts
_PAIRS: dict[str, str] = {
    "\u201c": "\u201d\u201c",  # “ ... ” (and “ ... “ from careless typing)
    "\u201e": "\u201c\u201d",  # „ ... “ (German), „ ... ” (Polish)
    "\u00ab": "\u00bb",  # « ... »
    "\u2039": "\u203a",  # ‹ ... ›
    '"': '"\u201d',
}
_CLOSERS = frozenset("\u201d\u00bb\u203a")
QUOTE_CHARS = frozenset(_PAIRS) | _CLOSERS
# single marks quote only where no double quote is open (British style: 'We will win,' she
# said); they double as apostrophes, so they are read more strictly
SINGLE_MARKS = frozenset("'\u2018\u2019")
_OPEN_BEFORE = frozenset(" \t\n([{\u2014\u2013-/:;")


@dataclass(frozen=True, slots=True)
class Quote:
    """One quotation: the inner ``[start, end)`` of each fragment, marks excluded.

    ``open_at`` is the index of the first opening mark and ``close_at`` the index just past the
    last closing mark (or the end of the paragraph for an unclosed continued fragment).
    """

    fragments: tuple[tuple[int, int], ...]
    open_at: int
    close_at: int

    @property
    def start(self) -> int:
        return self.fragments[0][0]

    @property
    def end(self) -> int:
        return self.fragments[-1][1]


def _looks_open(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before in _OPEN_BEFORE or before in QUOTE_CHARS) and not after.isspace()


def _looks_close(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    return not before.isspace()


def _single_opens(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (
        text[i] in "'\u2018"
        and (before in _OPEN_BEFORE or before in QUOTE_CHARS)
        and (after.isalnum() or after in "\u2026.")
    )


def _single_closes(text: str, i: int, end: int) -> bool:
    """A closing single mark, not an apostrophe: not inside a word ("don't"), and not the
    possessive of a plural ("teachers' union") when a later mark could close instead."""
    if text[i] not in "'\u2019":
        return False
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace() or after.isalnum():
        return False
    if before in "sS" and after == " ":
        later = text.find(text[i], i + 1, end)
        while later != -1 and (text[later + 1 : later + 2].isalnum()):
            later = text.find(text[i], later + 1, end)
        return later == -1
    return True


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.splitlines(keepends=True):
        end = start + len(line.rstrip("\r\n"))
        spans.append((start, end))
        start += len(line)
    return spans


def _scan_paragraph(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], int | None]:
    """Closed quotes in one paragraph (outer spans) and the position of a mark left open."""
    closed: list[tuple[int, int]] = []
    opened: int | None = None
    for i in range(start, end):
        ch = text[i]
        if ch in SINGLE_MARKS:
            if opened is None and _single_opens(text, i):
                opened = i
            elif (
                opened is not None and text[opened] in SINGLE_MARKS and _single_closes(text, i, end)
            ):
                if i > opened + 1:
                    closed.append((opened, i + 1))
                opened = None
            continue
        if ch not in QUOTE_CHARS or (opened is not None and text[opened] in SINGLE_MARKS):
            continue
        if opened is None:
            if ch in _PAIRS and (ch != '"' or _looks_open(text, i)):
                opened = i
            continue
        mark = text[opened]
        if ch in _PAIRS[mark] and _looks_close(text, i):
            if i > opened + 1:
                closed.append((opened, i + 1))
            opened = None
        elif ch == mark and ch == '"' and _looks_open(text, i):
            # two openers in a row: the first was a stray mark (12" vinyl, a typo)
            opened = i
    return closed, opened


def _opens_paragraph(text: str, start: int, end: int) -> bool:
    stripped = text[start:end].lstrip()
    return bool(stripped) and (stripped[0] in _PAIRS or stripped[0] in "'\u2018")


def find_quotes(text: str) -> list[Quote]:
    """Every quotation in ``text``, in order, each with its fragments' inner spans."""
    quotes: list[Quote] = []
    paragraphs = [(s, e) for s, e in _paragraphs(text) if text[s:e].strip()]
    pending: list[tuple[int, int]] = []  # fragments of a quote continued over paragraphs
    pending_open = 0
    for n, (start, end) in enumerate(paragraphs):
        closed, left_open = _scan_paragraph(text, start, end)
        for o, c in closed:
            if pending and o == _first_mark(text, start, end):
                fragments = (*pending, (o + 1, c - 1))
                quotes.append(Quote(fragments, pending_open, c))
                pending = []
            else:
                quotes.append(Quote(((o + 1, c - 1),), o, c))
        first = _first_mark(text, start, end)
        continued = bool(closed) and closed[0][0] == first
        if pending and not continued and left_open != first:
            pending = []  # the continued quote never closed: drop it, keep the text
        nxt = paragraphs[n + 1] if n + 1 < len(paragraphs) else None
        if left_open is not None and nxt is not None and _opens_paragraph(text, *nxt):
            inner = (left_open + 1, end)
            if not pending:
                pending_open = left_open
            pending.append(inner)
        elif left_open is not None:
            pending = []
    return sorted(quotes, key=lambda q: q.open_at)


def _first_mark(text: str, start: int, end: int) -> int:
    """Index of the paragraph's opening mark, when the paragraph starts with one."""
    offset = len(text[start:end]) - len(text[start:end].lstrip())
    return start + offset
