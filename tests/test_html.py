"""HTML articles: the visible text a reader sees, and offsets that map back to the HTML.
No model."""

from __future__ import annotations

import doctest
import html as html_entities

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance import html
from provenance.html import looks_like_html, visible_text


def test_docstring_examples_hold() -> None:
    assert doctest.testmod(html).failed == 0


def test_scripts_styles_head_and_hidden_elements_are_not_text() -> None:
    page = visible_text(
        "<html><head><title>T</title><style>p{}</style></head><body>"
        "<script>document.write('<p>\"No,\" it said.</p>')</script>"
        "<p>Shown.</p><div hidden>Hidden.</div><p style='display: none'>Gone.</p>"
        "<span aria-hidden='true'>Icon</span><noscript>Enable JS</noscript>"
        "<template><p>Later</p></template><p>Also shown.</p></body></html>"
    )
    assert page.text == "Shown.\nAlso shown.\n"


def test_blocks_and_br_end_lines_and_spaces_collapse_except_in_pre() -> None:
    page = visible_text(
        "<h1>Title</h1>\n  <p>One\n   two  <em>three</em></p><ul><li>a</li><li>b</li></ul>"
        "line<br>break<pre>\n keep   this\n  layout</pre>end"
    )
    assert page.text == "Title\nOne two three\na\nb\nline\nbreak\n keep   this\n  layout\nend\n"


def test_entities_map_to_the_whole_reference() -> None:
    source = "<p>AT&amp;T &#8220;won&#x201D; &hellip; caf&eacute;</p>"
    page = visible_text(source)
    assert page.text == "AT&T \u201cwon\u201d \u2026 caf\u00e9\n"
    for i, ch in enumerate(page.text.rstrip("\n")):
        s, e = page.source.span(i, i + 1)
        assert html_entities.unescape(source[s:e]) in (ch, " "), (i, ch, source[s:e])


def test_text_the_parser_moves_keeps_its_place_in_the_html() -> None:
    source = "<table>stray words<tr><td>cell</td></tr></table><p>after</p>"
    page = visible_text(source)
    assert page.text == "stray words\ncell\nafter\n"
    i = page.text.index("stray")
    s, e = page.source.span(i, i + len("stray words"))
    assert source[s:e] == "stray words"


def test_crlf_cr_and_nul_inside_html() -> None:
    source = "<p>one\r\ntwo\rthree</p><pre>a\r\nb</pre><p>x\x00y</p>"
    page = visible_text(source)
    assert page.text == "one two three\na\nb\nxy\n"
    i = page.text.index("three")
    assert source.__getitem__(slice(*page.source.span(i, i + 5))) == "three"


def test_deeply_nested_markup_does_not_overflow() -> None:
    source = "<div>" * 5000 + "The mayor said so." + "</div>" * 5000
    assert visible_text(source).text.strip() == "The mayor said so."


def test_broken_markup_is_read_as_a_browser_reads_it() -> None:
    page = visible_text('<p>Unclosed <b>bold <p>next &amp <a href="x>y">link</a> 3 < 4')
    assert page.text == "Unclosed bold\nnext & link 3 < 4\n"


def test_looks_like_html() -> None:
    assert looks_like_html("  <!DOCTYPE html><p>x")
    assert looks_like_html("<!-- saved --><html lang='en'>")
    assert not looks_like_html("The <b> tag is bold, the editor said.")


MARKUP = st.one_of(
    st.sampled_from(
        [
            "<p>",
            "</p>",
            "<div>",
            "</div>",
            "<br>",
            "<b>",
            "</b>",
            "<pre>",
            "</pre>",
            "<script>x<y</script>",
            "<!-- c -->",
            "<table>",
            "<td>",
            "&amp;",
            "&ldquo;",
            "&rdquo;",
            "&#8220;",
            "&bogus;",
            "&",
            "<",
            ">",
            "\r\n",
            "\r",
            "\n",
            "  ",
            "\x00",
            '<a title="said > so">',
            "</a>",
        ]
    ),
    st.text(alphabet="abc \u201c\u201d\"'.,", min_size=1, max_size=8),
)


TRIED = {"pages": 0}  # bench/reliability_report.py prints it


@settings(max_examples=200, deadline=None)
@given(st.lists(MARKUP, max_size=40))
def test_any_markup_gives_a_text_and_spans_inside_the_html(pieces: list[str]) -> None:
    TRIED["pages"] += 1
    source = "".join(pieces)
    page = visible_text(source)
    for i, ch in enumerate(page.text):
        s, e = page.source.span(i, i + 1)
        assert 0 <= s <= e <= len(source)
        if e - s == 1 and ch != " ":  # a character copied as is
            assert source[s] == ch or (source[s] == "\r" and ch == "\n")
    assert page.source.span(0, len(page.text))[1] <= len(source)


@pytest.mark.parametrize("n", [1, 20, 300])
def test_many_paragraphs_map_exactly(n: int) -> None:
    source = "".join(f"<p>Paragraph {i} &amp; more.</p>\n" for i in range(n))
    page = visible_text(source)
    for i in range(n):
        word = f"Paragraph {i} "
        at = page.text.index(word + "&")
        s, e = page.source.span(at, at + len(word) + 1)
        assert source[s:e] == word + "&amp;"
