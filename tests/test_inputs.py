"""Reading articles as users hand them over: encodings, byte-order marks, line endings,
binary and empty files, size limits and HTML. Reading never parses: only the last tests, which
run ``extract`` on what was read, need the model."""

from __future__ import annotations

import codecs
import html
import io
import json
import re
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from provenance import inputs
from provenance.cli import app
from provenance.errors import InputError
from provenance.inputs import Article, Skipped, check_encoding, expand, read_article, read_text
from provenance.quotes import find_quotes

ARTICLE = (
    '"We will reopen the port on Monday," harbour master Ana Ruiz told reporters.\n'
    "The union said the strike would continue.\n"
    "\u201cIt is a long fight,\u201d a docker said. \u201cWe are ready.\n"
    "\u201cWe will not give in,\u201d he added.\n"
)


def write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("utf8", ARTICLE.encode("utf-8")),
        ("utf8-bom", codecs.BOM_UTF8 + ARTICLE.encode("utf-8")),
        ("utf16-le-bom", ARTICLE.encode("utf-16")),  # Python writes the platform's BOM
        ("utf16-be-bom", codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be")),
        ("utf32-bom", ARTICLE.encode("utf-32")),
    ],
)
def test_utf8_utf16_and_utf32_read_the_same_text(tmp_path: Path, name: str, data: bytes) -> None:
    """A byte-order mark is dropped: offset 0 is the first character of the article."""
    assert read_text(write(tmp_path / f"{name}.txt", data)) == ARTICLE


def test_crlf_is_kept_and_a_lone_cr_is_read_as_lf_one_for_one(tmp_path: Path) -> None:
    crlf = ARTICLE.replace("\n", "\r\n")
    assert read_text(write(tmp_path / "crlf.txt", crlf.encode())) == crlf
    cr = ARTICLE.replace("\n", "\r")
    text = read_text(write(tmp_path / "cr.txt", cr.encode()))
    assert text == ARTICLE and len(text) == len(cr)  # no offset moves


def test_quotes_are_found_alike_with_lf_crlf_and_cr(tmp_path: Path) -> None:
    def inner(text: str) -> list[str]:
        return ["|".join(text[s:e] for s, e in q.fragments) for q in find_quotes(text)]

    want = inner(ARTICLE)
    assert len(want) == 3
    crlf = read_text(write(tmp_path / "crlf.txt", ARTICLE.replace("\n", "\r\n").encode()))
    assert [q.replace("\r\n", "\n") for q in inner(crlf)] == want
    cr = read_text(write(tmp_path / "cr.txt", ARTICLE.replace("\n", "\r").encode()))
    assert inner(cr) == want


def test_other_encodings_are_refused_naming_the_file_and_encoding_option(tmp_path: Path) -> None:
    french = "Le caf\u00e9 a ferm\u00e9, a dit le maire."
    path = write(tmp_path / "latin1.txt", french.encode("cp1252"))
    with pytest.raises(InputError) as exc:
        read_text(path)
    message = str(exc.value)
    assert path in message and "not UTF-8" in message and "--encoding" in message
    assert read_text(path, encoding="cp1252") == french


def test_a_wrong_or_unknown_encoding_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "utf8.txt", b"caf\xc3\xa9 \xff")
    with pytest.raises(InputError, match="not utf-8 text .*Check --encoding"):
        read_text(path, encoding="utf-8")
    with pytest.raises(InputError, match="unknown text encoding 'klingon'"):
        check_encoding("klingon")
    with pytest.raises(InputError, match="unknown text encoding"):
        check_encoding("rot13")  # a codec, but not a text encoding
    check_encoding("cp1252")
    check_encoding(None)


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (a PNG image)"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file (a PDF)"),
        (b"PK\x03\x04\x14\x00\x06\x00", "binary file (a ZIP archive"),
        (b"SQLite format 3\x00\x10\x00", "binary file (a SQLite database)"),
        (bytes(range(256)) * 4, "binary file"),
        ("The mayor said so.\n".encode("utf-16-le"), "pass --encoding utf-16-le"),
        (b"ok " + b"\x01\x02\x03\x04" * 50, "binary file"),
    ],
)
def test_binary_files_are_refused(tmp_path: Path, data: bytes, says: str) -> None:
    with pytest.raises(InputError, match="looks like a binary file") as exc:
        read_text(write(tmp_path / "x.txt", data))
    assert says in str(exc.value)


def test_utf16_without_a_mark_reads_with_the_encoding_named(tmp_path: Path) -> None:
    path = write(tmp_path / "x.txt", "The mayor said so.\n".encode("utf-16-le"))
    assert read_text(path, encoding="utf-16-le") == "The mayor said so.\n"


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"", "empty file"),
        (b" \n\t\r\n  ", "empty file (only whitespace)"),
        (codecs.BOM_UTF8, "empty file"),
        (codecs.BOM_UTF16_LE, "empty file"),
    ],
)
def test_empty_and_whitespace_only_files(tmp_path: Path, data: bytes, says: str) -> None:
    with pytest.raises(InputError, match=r"empty file") as exc:
        read_text(write(tmp_path / "e.txt", data))
    assert says in str(exc.value)


def test_a_5mb_single_line_text_is_refused_at_once(tmp_path: Path) -> None:
    line = ("The minister said the bridge would reopen, officials told AFP. " * 80_000)[:5_000_000]
    path = write(tmp_path / "huge.txt", line.encode())
    started = time.perf_counter()
    with pytest.raises(InputError) as exc:
        read_text(path)
    assert time.perf_counter() - started < 5
    assert "5,000,000 characters, more than the limit of 1,000,000" in str(exc.value)
    assert "--max-chars" in str(exc.value)
    assert len(read_text(path, max_chars=5_000_000)) == 5_000_000
    with pytest.raises(InputError, match="more than the limit of 10"):
        read_text(write(tmp_path / "short.txt", b"The mayor said so."), max_chars=10)


def test_missing_unreadable_and_folder_inputs(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_text(str(tmp_path / "nope.txt"))
    with pytest.raises(InputError, match="a folder with no .txt files"):
        read_text(str(tmp_path))


def test_folders_give_txt_html_and_htm_files_sorted(tmp_path: Path) -> None:
    for name in ("b.txt", "a.html", "sub/c.HTM", "notes.md", "d.json"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("The mayor said the bridge was safe.")
    found = [Path(p).relative_to(tmp_path).as_posix() for p in expand([str(tmp_path)])]
    assert found == ["a.html", "b.txt", "sub/c.HTM"]


def test_html_files_are_read_as_visible_text_with_a_map_back(tmp_path: Path) -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Port</title><script>var q = '\"no\"';</script>"
        "</head><body><p>&ldquo;We will reopen,&rdquo; said <b>Ana Ruiz</b>.</p>\r\n"
        "<p>The union said it would go on.</p></body></html>"
    )
    path = write(tmp_path / "port.html", page.encode())
    article = read_article(path)
    assert article.text == (
        "\u201cWe will reopen,\u201d said Ana Ruiz.\nThe union said it would go on.\n"
    )
    assert article.html is not None
    start = article.text.index("Ana Ruiz")
    s, e = article.html.span(start, start + len("Ana Ruiz"))
    assert page[s:e] == "Ana Ruiz"
    s, e = article.html.span(0, article.text.index(","))
    assert page[s:e] == "&ldquo;We will reopen"


def test_html_with_no_visible_text_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "blank.html", b"<html><head><title>x</title></head><body> </body>")
    with pytest.raises(InputError, match="no visible text"):
        read_text(path)


def test_html_declaring_a_legacy_charset_is_decoded_with_it(tmp_path: Path) -> None:
    page = '<html><head><meta charset="windows-1252"></head><body><p>Caf\u00e9 said</p>'
    path = write(tmp_path / "legacy.html", page.encode("cp1252"))
    assert read_text(path) == "Caf\u00e9 said\n"


def test_standard_input_that_opens_as_html_is_read_as_html(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = b"\xef\xbb\xbf<!doctype html><p>The mayor said <i>so</i>.</p>"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    article = read_article("-")
    assert article.text == "The mayor said so.\n" and article.html is not None
    assert article.doc_id == "stdin"


def test_read_articles_skips_bad_inputs_and_goes_on(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", b"The mayor said so.")
    write(tmp_path / "b.txt", b"caf\xe9")
    write(tmp_path / "c.txt", b"")
    got = list(inputs.read_articles([str(tmp_path), str(tmp_path / "missing.txt")]))
    assert [type(g) for g in got] == [Article, Skipped, Skipped, Skipped]
    assert [g.reason.split(": ")[1] for g in got if isinstance(g, Skipped)] == [
        "not UTF-8 text (byte 3",
        "empty file",
        "no such file",
    ]


# --- what extract makes of it ------------------------------------------------------------------


def extract_jsonl(*args: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(app, ["extract", "-f", "jsonl", *args])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.mark.model
def test_every_encoding_and_line_ending_gives_the_same_attributions(tmp_path: Path) -> None:
    variants = {
        "lf": ARTICLE.encode(),
        "crlf": ARTICLE.replace("\n", "\r\n").encode(),
        "cr": ARTICLE.replace("\n", "\r").encode(),
        "bom": codecs.BOM_UTF8 + ARTICLE.encode(),
        "utf16": ARTICLE.replace("\n", "\r\n").encode("utf-16"),
    }
    for name, data in variants.items():
        write(tmp_path / f"{name}.txt", data)
    docs = {str(d["doc_id"]): d for d in extract_jsonl(str(tmp_path))}

    def said(doc: dict[str, object]) -> list[tuple[object, ...]]:
        quotes = doc["quotes"]
        assert isinstance(quotes, list)
        return [
            (q["kind"], str(q["content_text"]).replace("\r\n", "\n"), q["speaker_text"])
            for q in quotes
        ]

    want = said(docs["lf"])
    assert len(want) == 4
    for name in variants:
        assert said(docs[name]) == want, name
        text = read_text(str(tmp_path / f"{name}.txt"))
        for q in docs[name]["quotes"]:  # type: ignore[attr-defined]
            start, end = q["content"]
            assert text[start:end] == q["content_text"]


@pytest.mark.model
def test_an_html_article_gives_offsets_into_its_visible_text_and_its_html(tmp_path: Path) -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Port strike</title></head><body><nav>Home</nav>"
        "<article><h1>Port strike goes on</h1>\n"
        "<p>&ldquo;We will reopen the port on Monday,&rdquo; harbour master\n"
        '   <a href="/ana">Ana Ruiz</a> told reporters.</p>\n'
        "<p>The union said the strike would <em>continue</em>.</p></article></body></html>"
    )
    path = write(tmp_path / "port.html", page.encode())
    [doc] = extract_jsonl(path)
    text = read_text(path)
    quotes = doc["quotes"]
    assert isinstance(quotes, list) and len(quotes) == 2
    for q in quotes:
        start, end = q["content"]
        assert text[start:end] == q["content_text"]
        s, e = q["html_offsets"]["content"]
        markup = page[s:e]
        shown = " ".join(html.unescape(re.sub(r"<[^>]*>", "", markup)).split())
        assert shown == q["content_text"], markup
    assert page.__getitem__(slice(*quotes[0]["html_offsets"]["speaker"])).endswith("Ana Ruiz")
