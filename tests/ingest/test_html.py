"""Tests for HTML main-content ingestion (precis.ingest.html)."""

from __future__ import annotations

import codecs
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from lxml import etree

from precis.errors import EmptyInputError, InputError
from precis.ingest.base import Extraction
from precis.ingest.html import decode_html, extract_html

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"
NEWS = FIXTURES / "news_article.html"

PARAGRAPHS = [
    "The harbour commission met on Thursday evening to discuss the future of the old ferry "
    "terminal, which has stood empty since the last crossing was cancelled eleven years ago.",
    "Several members argued that the building should be restored as a maritime museum, while "
    "others preferred selling the site to a developer who has offered to build new housing.",
    "A final decision is expected after an independent survey of the structure, due to be "
    "published before the end of the summer, according to the commission's secretary.",
]


def page(body: str, head: str = "<title>Harbour news</title>") -> str:
    """A complete HTML document around ``body``."""
    return f"<!DOCTYPE html><html lang='en'><head>{head}</head><body>{body}</body></html>"


def article(extra: str = "") -> str:
    """An article of three paragraphs plus ``extra`` markup inside it."""
    paras = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return page(f"<article><h1>Ferry terminal future debated</h1>{paras}{extra}</article>")


def check_invariants(ex: Extraction) -> None:
    """Contract every extraction must keep: blocks, spans, no markup."""
    assert ex.text == ex.text.strip()
    assert "\n\n\n" not in ex.text
    assert not re.search(r"</?(p|br|div|span|a|li|h[1-6])\b[^>]*>", ex.text, re.IGNORECASE)
    blocks = ex.text.split("\n\n")
    assert all(b and b == b.strip() for b in blocks)
    for h in ex.headings:
        assert 1 <= h.level <= 6
        assert ex.text[h.start : h.end] in blocks
    for a, b in zip(ex.elements, ex.elements[1:], strict=False):
        assert a.end <= b.start
    for e in ex.elements:
        assert e.path.startswith("/html/")
        assert ex.text[e.start : e.end] in blocks
    assert ex.metadata.format == "html"


@pytest.fixture(scope="module")
def news() -> Extraction:
    return extract_html(
        NEWS.read_bytes(), url="https://gazette.example.org/news/flood-barrier-plan"
    )


def test_extract_html_keeps_article_text(news: Extraction) -> None:
    check_invariants(news)
    assert "approved a £42 million plan to build a movable flood barrier" in news.text
    assert "Public consultation on the barrier design opens in April." in news.text
    assert "every winter the water comes a little higher" in news.text


@pytest.mark.parametrize(
    "marker", ["COOKIEMARKER", "NAVMARKER", "FOOTERMARKER", "RELATEDMARKER", "COMMENTMARKER",
               "SCRIPTMARKER", "font-family", "Accept all cookies"]
)  # fmt: skip
def test_extract_html_drops_boilerplate(news: Extraction, marker: str) -> None:
    assert marker not in news.text


def test_extract_html_decodes_entities(news: Extraction) -> None:
    assert "£42 million" in news.text  # &pound; and &nbsp; (as a plain space)
    assert "water levels > 4.5 metres" in news.text
    assert "Costs & funding" in news.text
    assert "It’s the single most important" in news.text  # &#8217;
    assert "&amp;" not in news.text and "&gt;" not in news.text and "&nbsp;" not in news.text


def test_extract_html_headings_have_levels_and_spans(news: Extraction) -> None:
    found = [(news.text[h.start : h.end], h.level) for h in news.headings]
    assert found == [
        ("River Authority Approves Flood Barrier Plan", 1),
        ("Costs & funding", 2),
        ("What happens next", 3),
    ]


def test_extract_html_blocks_are_separated_by_one_blank_line(news: Extraction) -> None:
    blocks = news.text.split("\n\n")
    assert "What happens next" in blocks
    assert "Public consultation on the barrier design opens in April." in blocks  # list item
    assert all("\n" not in b for b in blocks)  # source wraps inside <p> do not survive


def test_extract_html_metadata(news: Extraction) -> None:
    meta = news.metadata
    assert meta.title == "River Authority Approves Flood Barrier Plan"
    assert meta.authors == ("Jane Okafor",)
    assert meta.date == "2024-03-05"
    assert meta.url == "https://gazette.example.org/news/flood-barrier-plan"
    assert meta.language == "en"
    assert meta.encoding == "utf-8"


def test_extract_html_element_paths_point_into_source(news: Extraction) -> None:
    root = etree.HTML(NEWS.read_bytes())
    assert len(news.elements) == len(news.text.split("\n\n"))
    for hint in news.elements:
        (element,) = root.getroottree().xpath(hint.path)
        source = " ".join("".join(element.itertext()).split())
        assert news.text[hint.start : hint.end] in source
    assert news.elements[0].path == "/html/body/main/article/h1"


def test_extract_html_br_is_a_single_newline() -> None:
    ex = extract_html(article("<p>Harbour Office<br>1 Quay Street<br/>Portwell</p>"))
    check_invariants(ex)
    assert "Harbour Office\n1 Quay Street\nPortwell" in ex.text.split("\n\n")


def test_extract_html_table_rows_are_lines() -> None:
    table = (
        "<table><tr><th>Option</th><th>Cost</th></tr><tr><td>Museum</td><td>£3m</td></tr>"
        "<tr><td>Housing</td><td>£0</td></tr></table>"
    )
    ex = extract_html(article(table))
    check_invariants(ex)
    assert "Option | Cost\nMuseum | £3m\nHousing | £0" in ex.text


def test_extract_html_str_and_bytes_agree() -> None:
    html = article()
    assert extract_html(html).text == extract_html(html.encode("utf-8")).text


@pytest.mark.parametrize(
    "html",
    [
        page("<script>var a = '<p>not text</p>';</script><style>p { color: red }</style>"),
        page("<script>document.write('hello world')</script>", head="<style>x{}</style>"),
        page(""),
    ],
)
def test_extract_html_scripts_only_raises_empty(html: str) -> None:
    with pytest.raises(EmptyInputError, match="no readable text found in HTML"):
        extract_html(html)


@pytest.mark.parametrize("data", [b"", b"   \n", ""])
def test_extract_html_empty_input_raises_empty(data: bytes | str) -> None:
    with pytest.raises(EmptyInputError):
        extract_html(data)


def test_extract_html_windows_1252_with_meta_charset() -> None:
    html = article(
        "<p>Caf\u00e9 owners \u2013 \u201cworried\u201d about the harbour\u2019s future.</p>"
    )
    html = html.replace("<title>", '<meta charset="windows-1252"><title>')
    ex = extract_html(html.encode("cp1252"))
    check_invariants(ex)
    assert ex.metadata.encoding == "cp1252"
    assert "Café owners – “worried” about the harbour’s future." in ex.text


def test_extract_html_latin1_label_means_windows_1252() -> None:
    html = article("<p>Prices \u2013 \u20ac5 a ticket \u2013 stayed the same.</p>")
    html = html.replace("<title>", '<meta http-equiv="Content-Type" content="text/html; '
                        'charset=ISO-8859-1"><title>')  # fmt: skip
    ex = extract_html(html.encode("cp1252"))
    assert "Prices – €5 a ticket – stayed the same." in ex.text


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (codecs.BOM_UTF8 + "<p>café</p>".encode(), "<p>café</p>", "utf-8"),
        ("<p>café</p>".encode("utf-16"), "<p>café</p>", "utf-16"),
        ("<p>café</p>".encode(), "<p>café</p>", "utf-8"),
        (b'<meta charset="koi8-r"><p>\xf0\xd2\xc9\xd7\xc5\xd4</p>', "Привет", "koi8-r"),
        (b'<meta charset="no-such-codec"><p>caf\xc3\xa9</p>', "café", "utf-8"),
    ],
)
def test_decode_html_picks_encoding(data: bytes, text: str, encoding: str) -> None:
    decoded, used = decode_html(data)
    assert text in decoded
    assert used == encoding


def test_decode_html_undeclared_legacy_bytes_are_detected() -> None:
    text = " ".join(PARAGRAPHS).replace("commission", "Kommission für Häfen und Fähren")
    decoded, used = decode_html(f"<p>{text}</p>".encode("cp1252"))
    assert "Kommission für Häfen und Fähren" in decoded
    assert used != "utf-8"


@pytest.mark.parametrize("depth", [300, 5000])
def test_extract_html_deep_nesting_returns_text(depth: int) -> None:
    paras = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = page("<div>" * depth + paras + "</div>" * depth)
    try:
        ex = extract_html(html)
    except InputError:  # a typed error is acceptable, a crash is not
        return
    check_invariants(ex)
    assert PARAGRAPHS[0] in ex.text
    assert any("nesting flattened" in w for w in ex.warnings) or depth < 180


def test_extract_html_escaped_markup_debris_is_removed() -> None:
    debris = (
        "<p>The pier reopened on Monday.&lt;/p&gt;&lt;p&gt;Tickets cost &amp;pound;2 "
        "&lt;br&gt;for adults &lt;strong&gt;and&lt;/strong&gt; children.</p>"
        "<p>Depth rule: 2 &lt; 3 and 5 &gt; 4, as in List&lt;String&gt;.</p>"
    )
    ex = extract_html(article(debris))
    check_invariants(ex)
    blocks = ex.text.split("\n\n")
    assert "The pier reopened on Monday." in blocks  # escaped </p><p> ends the paragraph
    assert "Tickets cost £2\nfor adults and children." in blocks
    assert "Depth rule: 2 < 3 and 5 > 4, as in List<String>." in blocks  # not tags: kept


def test_extract_html_thread_safe() -> None:
    pages = [NEWS.read_bytes(), article().encode(), article("<p>Extra closing note.</p>")] * 4
    expected = [extract_html(p) for p in pages]
    with ThreadPoolExecutor(max_workers=6) as pool:
        got = list(pool.map(extract_html, pages))
    assert got == expected


def test_decode_html_refuses_binary_without_a_declared_charset():
    from precis.errors import BinaryInputError

    garbage = bytes(range(256)) * 40
    with pytest.raises(BinaryInputError):
        decode_html(b"<html>" + garbage)
    declared = b'<html><head><meta charset="windows-1252"></head><body>' + garbage
    text, encoding = decode_html(declared)  # a page that names its charset is decoded as told
    assert encoding == "cp1252" and text.startswith("<html>")
