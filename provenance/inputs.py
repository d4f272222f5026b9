"""Reading articles: files, folders (``*.txt``, ``*.html``, ``*.htm``, recursively) and
standard input.

What "the text" of an article is, exactly (every offset the tool gives indexes it):

- bytes are decoded as UTF-8, or as UTF-16 / UTF-32 when the file opens with their
  byte-order mark, or with the encoding named by ``encoding`` (``--encoding``); a byte-order
  mark is not text and is dropped, so offset 0 is the first character after it;
- line endings are kept: a CRLF stays two characters. A lone CR (old Mac files) is read as
  a line feed, one character for one, so no offset moves;
- an ``.html``/``.htm`` file (or standard input that opens as an HTML document) is its
  visible text (:mod:`provenance.html`), with a map from its offsets back to the HTML;
- a text longer than ``max_chars`` characters (``--max-chars``) is refused: parsing time and
  memory grow with it, and an article is far shorter.

Bad input never stops a batch: each unreadable file becomes a :class:`Skipped` entry with the
reason, and the caller decides (the CLI fails only when nothing at all could be read).
"""

from __future__ import annotations

import codecs
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from provenance.errors import InputError
from provenance.html import SourceMap, looks_like_html, visible_text

# about a minute of parsing now (the extractor slows faster than the text grows: 50,000
# characters take 15 s, 100,000 take 70 s), and 20 times the longest article in seeds/
DEFAULT_MAX_CHARS = 1_000_000
SUFFIXES = (".txt", ".html", ".htm")
_HTML_SUFFIXES = (".html", ".htm")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: it starts with the UTF-16 LE mark
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = (
    (b"%PDF-", "a PDF"),
    (b"PK\x03\x04", "a ZIP archive (.docx, .odt, .epub?)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"SQLite format 3\x00", "a SQLite database"),
    (b"\x7fELF", "a program"),
)
# control characters no article holds (tab, line feed, form feed, CR and escape excepted)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
_LONE_CR = re.compile(r"\r(?!\n)")
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)


@dataclass(frozen=True, slots=True)
class Article:
    """One article as read: ``text`` is what is parsed and stored; ``html`` maps its offsets
    back to the HTML it was read from (``None`` for a plain-text article)."""

    doc_id: str
    path: str
    text: str
    html: SourceMap | None = None


@dataclass(frozen=True, slots=True)
class Skipped:
    path: str
    reason: str


def expand(paths: list[str]) -> Iterator[str]:
    """Paths as given, folders replaced by their ``*.txt``, ``*.html`` and ``*.htm`` files
    (sorted, recursive)."""
    for raw in paths:
        p = Path(raw)
        if raw != "-" and p.is_dir():
            found = (f for f in p.rglob("*") if f.suffix.lower() in SUFFIXES and f.is_file())
            yield from (str(f) for f in sorted(found))
        else:
            yield raw


def check_encoding(encoding: str | None) -> None:
    """Raise :class:`InputError` unless ``encoding`` names a text encoding Python knows."""
    if encoding is None:
        return
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        info = None
    if info is None or not getattr(info, "_is_text_encoding", True):
        raise InputError(
            f"unknown text encoding {encoding!r}. Give one such as utf-8, cp1252, latin-1, "
            "utf-16 or shift_jis"
        )


def read_text(
    path: str, *, encoding: str | None = None, max_chars: int | None = DEFAULT_MAX_CHARS
) -> str:
    """The text of ``path`` (``-`` for standard input) as described in the module docstring,
    or :class:`InputError` saying why not."""
    return read_article(path, encoding=encoding, max_chars=max_chars).text


def read_article(
    path: str, *, encoding: str | None = None, max_chars: int | None = DEFAULT_MAX_CHARS
) -> Article:
    """``path`` (``-`` for standard input) as an :class:`Article`, or :class:`InputError`."""
    if path == "-":
        # bytes, not sys.stdin.read(): piped input gets the same checks as a file
        data = sys.stdin.buffer.read()
        return _article("-", "standard input", data, None, encoding, max_chars)
    p = Path(path)
    if not p.exists():
        raise InputError(f"{path}: no such file")
    if p.is_dir():
        raise InputError(f"{path}: a folder with no .txt files and no .html files")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    html = p.suffix.lower() in _HTML_SUFFIXES
    return _article(path, path, data, html, encoding, max_chars)


def doc_id_for(path: str) -> str:
    return "stdin" if path == "-" else Path(path).stem


def read_articles(
    paths: list[str],
    *,
    encoding: str | None = None,
    max_chars: int | None = DEFAULT_MAX_CHARS,
) -> Iterator[Article | Skipped]:
    """Each input as an :class:`Article`, or a :class:`Skipped` with the reason."""
    seen_any = False
    for path in expand(paths):
        seen_any = True
        try:
            yield read_article(path, encoding=encoding, max_chars=max_chars)
        except InputError as exc:
            yield Skipped(path, str(exc))
    if not seen_any:
        for raw in paths:
            yield Skipped(raw, f"{raw}: a folder with no .txt files and no .html files")


def _article(
    path: str,
    name: str,
    data: bytes,
    html: bool | None,
    encoding: str | None,
    max_chars: int | None,
) -> Article:
    """Decode, check and (for HTML) reduce to visible text. ``html=None``: decide by content."""
    text = _decode(name, data, encoding, html is not False)
    if html is None:
        html = looks_like_html(text)
    source = None
    if html:
        page = visible_text(text)
        text, source = page.text, page.source
        if not text.strip():
            raise InputError(f"{name}: no visible text in this HTML")
    if max_chars is not None and len(text) > max_chars:
        raise InputError(
            f"{name}: {len(text):,} characters, more than the limit of {max_chars:,}. Split "
            "it into articles, or raise the limit with --max-chars"
        )
    return Article(doc_id_for(path), path, text, source)


def _decode(name: str, data: bytes, encoding: str | None, may_be_html: bool) -> str:
    """``data`` as text: the encoding named, else the one its byte-order mark names, else
    UTF-8 (else, for HTML, the charset its ``<meta>`` declares)."""
    bom = next((codec for mark, codec in _BOMS if data.startswith(mark)), None)
    if encoding is None and bom is None:
        _refuse_binary(name, data)
    codec = encoding or bom or "utf-8"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        declared = _meta_charset(data) if may_be_html and encoding is None and bom is None else None
        if declared is None:
            raise InputError(_not_decodable(name, codec, exc, given=encoding is not None)) from exc
        try:
            text = data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            raise InputError(_not_decodable(name, codec, exc, given=False)) from exc
    except LookupError as exc:  # a codec that is not a text encoding (rot13, base64)
        raise InputError(f"{name}: {encoding!r} is not a text encoding. Check --encoding") from exc
    text = text.removeprefix("\ufeff")
    if len(_CONTROL.findall(text[:8192])) * 20 > min(len(text), 8192):
        raise InputError(f"{name}: looks like a binary file, not article text")
    if not text.strip():
        raise InputError(f"{name}: empty file" + (" (only whitespace)" if text else ""))
    return _LONE_CR.sub("\n", text)


def _refuse_binary(name: str, data: bytes) -> None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{name}: looks like a binary file ({what}), not article text")
    head = data[:4096]
    if b"\x00" in head:
        raise InputError(f"{name}: looks like a binary file, not article text{_utf16_hint(head)}")


def _utf16_hint(head: bytes) -> str:
    """UTF-16 text without a byte-order mark has a NUL in every other byte (ASCII letters)."""
    for parity, codec in ((1, "utf-16-le"), (0, "utf-16-be")):
        half = head[parity::2]
        if half and half.count(0) * 10 >= len(half) * 8:
            return f" (UTF-16 without a byte-order mark? pass --encoding {codec})"
    return ""


def _not_decodable(name: str, codec: str, exc: UnicodeDecodeError, *, given: bool) -> str:
    where = f"byte {exc.start}"
    if exc.start < len(exc.object):
        where += f": 0x{exc.object[exc.start]:02x}"
    if given:
        return f"{name}: not {codec} text ({where}). Check --encoding"
    if codec not in ("utf-8", "utf-8-sig"):
        return f"{name}: opens with a {codec} byte-order mark but is not {codec} text ({where})"
    return (
        f"{name}: not UTF-8 text ({where}). Pass --encoding with its encoding "
        "(e.g. --encoding cp1252), or convert it to UTF-8"
    )


def _meta_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    if m is None:
        return None
    name = m.group(1).decode("ascii", "replace")
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return name
