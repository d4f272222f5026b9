"""Reading articles: files, folders (``*.txt``, recursively) and standard input.

Bad input never stops a batch: each unreadable file becomes a :class:`Skipped` entry with the
reason, and the caller decides (the CLI fails only when nothing at all could be read).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from provenance.errors import InputError


@dataclass(frozen=True, slots=True)
class Article:
    doc_id: str
    path: str
    text: str


@dataclass(frozen=True, slots=True)
class Skipped:
    path: str
    reason: str


def expand(paths: list[str]) -> Iterator[str]:
    """Paths as given, folders replaced by their ``*.txt`` files (sorted, recursive)."""
    for raw in paths:
        p = Path(raw)
        if raw != "-" and p.is_dir():
            yield from (str(f) for f in sorted(p.rglob("*.txt")) if f.is_file())
        else:
            yield raw


def read_text(path: str) -> str:
    """The text of ``path`` exactly as stored (UTF-8, BOM kept as a character offset 0 is
    never shifted), or :class:`InputError` saying why not."""
    if path == "-":
        # bytes, not sys.stdin.read(): piped input gets the same checks as a file
        return _decode("standard input", sys.stdin.buffer.read())
    p = Path(path)
    if not p.exists():
        raise InputError(f"{path}: no such file")
    if p.is_dir():
        raise InputError(f"{path}: a folder with no .txt files")
    return _decode(path, p.read_bytes())


def _decode(path: str, data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise InputError(f"{path}: looks like a binary file, not article text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start}); convert it to UTF-8") from exc
    if not text.strip():
        raise InputError(f"{path}: empty file")
    return text


def doc_id_for(path: str) -> str:
    return "stdin" if path == "-" else Path(path).stem


def read_articles(paths: list[str]) -> Iterator[Article | Skipped]:
    """Each input as an :class:`Article`, or a :class:`Skipped` with the reason."""
    seen_any = False
    for path in expand(paths):
        seen_any = True
        try:
            yield Article(doc_id_for(path), path, read_text(path))
        except InputError as exc:
            yield Skipped(path, str(exc))
    if not seen_any:
        for raw in paths:
            yield Skipped(raw, f"{raw}: a folder with no .txt files")
