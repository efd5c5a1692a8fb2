"""Property tests of segmentation: every span of a loaded document indexes its text exactly.

Statements checked on every document that loads (``check_document``), for text, Markdown and
HTML input built by :mod:`tests.properties.strategies`, and for PDF-like extractions:

1. ``doc.validate()`` passes, and ``Document.from_json(doc.to_json()) == doc``.
2. Paragraphs are exactly the blocks of the clean text: ``doc.text.split("\\n\\n")`` lists
   their texts in order (so they tile it), each stripped and non-empty; a list item's block
   opens with its bullet or number, which the item leaves out (issue 14).
3. Sections tile the paragraphs: the first starts at 0, each starts where the previous one
   ends (+2), each holds a contiguous run of paragraphs; a section with a heading starts at its
   heading paragraph, whose kind is "heading" and whose text is ``heading``; a parent comes
   earlier and has a lower level.
4. Sentences: ``doc.text[s.start:s.end] == s.text``, non-empty and stripped; they lie in body
   paragraphs only, in order, without overlap, and every non-whitespace character of a body
   paragraph belongs to one of its sentences (segment.py cuts each body paragraph with
   :func:`precis.sentences.sentence_spans`, whose contract is exactly that).
5. Source links: every paragraph and sentence has a SourceRef with
   ``0 <= start <= end <= len(raw)`` where ``raw`` is the extracted text
   (:func:`precis.api.extract`), non-empty for a non-empty span, and starts that never go
   backwards; PDF refs name pages ``1 <= page <= end_page <= pages`` and ranges inside them.
"""

from __future__ import annotations

import pytest
from hypothesis import event, example, given, settings
from hypothesis import strategies as st
from tests.properties.strategies import WORDS, any_text, html_documents, messy_text, prose, scaled

from precis.api import extract, load, load_text
from precis.clean.pipeline import clean
from precis.document import Document, Paragraph
from precis.errors import InvariantError, PrecisError
from precis.ingest.base import Extraction, Metadata
from precis.ingest.pdf import join_pages
from precis.options import CleanOptions, LoadOptions
from precis.roles import SENTENCE_ROLES, list_marker_length
from precis.segment import build_document, cap_spans
from precis.sentences import sentence_spans


def load_or_none(text: str, fmt: str, options: LoadOptions | None = None) -> Document | None:
    """The document, or None for a typed input error; an invariant error is a bug: raised."""
    try:
        doc = load_text(text, format=fmt, options=options)
    except InvariantError:
        raise
    except PrecisError as exc:
        event(f"{fmt}: {type(exc).__name__}")
        return None
    event(f"{fmt}: loaded")
    return doc


def check_document(doc: Document, raw: str) -> None:
    """Statements 1-5 of the module docstring."""
    doc.validate()
    assert Document.from_json(doc.to_json()) == doc
    _check_paragraphs(doc)
    _check_sections(doc)
    _check_sentences(doc)
    _check_sources(doc, raw)


def _check_paragraphs(doc: Document) -> None:
    text = doc.text
    blocks = text.split("\n\n")  # a list item's block opens with its marker, outside the item
    assert len(blocks) == len(doc.paragraphs)
    for block, p in zip(blocks, doc.paragraphs, strict=True):
        marker = list_marker_length(block) if p.kind == "list_item" else 0
        assert block[marker:] == text[p.start : p.end], p
    for p in doc.paragraphs:
        block = text[p.start : p.end]
        assert block and block == block.strip(), p


def text_start(doc: Document, p: Paragraph) -> int:
    """Where a paragraph's block starts: before its list marker for a list item."""
    if p.kind != "list_item":
        return p.start
    gap = doc.text.rfind("\n\n", 0, p.start)
    block_start = 0 if gap < 0 else gap + 2
    assert list_marker_length(doc.text[block_start : p.end]) == p.start - block_start, p
    return block_start


def _check_sections(doc: Document) -> None:
    paragraphs = doc.paragraphs
    assert doc.sections and doc.sections[0].start == 0
    assert doc.sections[-1].end == len(doc.text)
    for prev, sec in zip(doc.sections, doc.sections[1:], strict=False):
        assert sec.start == prev.end + 2, (prev, sec)
    for sec in doc.sections:
        members = [p.index for p in paragraphs if p.section == sec.index]
        assert members == list(range(members[0], members[-1] + 1)), sec
        first = paragraphs[members[0]]  # a list item's block opens with its marker
        assert text_start(doc, first) == sec.start and paragraphs[members[-1]].end == sec.end
        if sec.heading is not None:
            head = paragraphs[sec.heading_paragraph]
            assert head.index == members[0] and head.kind == "heading"
            assert doc.text[head.start : head.end] == sec.heading
        if sec.parent is not None:
            parent = doc.sections[sec.parent]
            assert parent.index < sec.index and parent.level < sec.level


def _check_sentences(doc: Document) -> None:
    text = doc.text
    by_paragraph: dict[int, list] = {}
    for s in doc.sentences:
        assert text[s.start : s.end] == s.text and s.text and s.text == s.text.strip(), s
        by_paragraph.setdefault(s.paragraph, []).append(s)
    for p in doc.paragraphs:
        sentences = by_paragraph.get(p.index, [])
        if p.kind not in SENTENCE_ROLES:
            assert not sentences, p
            continue
        covered = [False] * (p.end - p.start)
        for s in sentences:
            covered[s.start - p.start : s.end - p.start] = [True] * (s.end - s.start)
        missing = [
            i for i, c in enumerate(text[p.start : p.end]) if not c.isspace() and not covered[i]
        ]
        assert not missing, (p, missing[:5])


def _check_sources(doc: Document, raw: str) -> None:
    pages = _pages(raw, doc)
    for kind, spans in (("paragraph", doc.paragraphs), ("sentence", doc.sentences)):
        last = 0
        for span in spans:
            src = span.source
            assert src is not None, (kind, span)
            assert 0 <= src.start <= src.end <= len(raw), (kind, span, len(raw))
            assert src.end > src.start, (kind, span)
            assert src.start >= last, (kind, span)  # offset maps are monotone
            last = src.start
            if pages:
                assert 1 <= src.page <= src.end_page <= len(pages), src
                assert 0 <= src.page_start <= len(pages[src.page - 1]), src
                assert 0 <= src.page_end <= len(pages[src.end_page - 1]), src


def _pages(raw: str, doc: Document) -> list[str]:
    return raw.split("\f") if doc.metadata.format == "pdf" else []


def _raw(text: str, fmt: str) -> str:
    return extract(text.encode("utf-8"), LoadOptions(format=fmt)).text


# --- text and Markdown --------------------------------------------------------------------


@settings(max_examples=scaled(250), deadline=None)
@given(any_text, st.sampled_from(["text", "markdown"]))
@example("Hello world. This is a test.\n\n# Heading\n\nBody text here.", "markdown")
@example("Â the", "text")
@example("the&amp;lt;p&amp;gt; and more", "text")
@example("1\n\nINTRODUCTION\n\nThe study. It ended.\n\n2.1 Results\n\nWe found it.", "text")
def test_loaded_document_spans_index_the_text(text: str, fmt: str) -> None:
    doc = load_or_none(text, fmt)
    if doc is not None:
        check_document(doc, _raw(text, fmt))


@settings(max_examples=scaled(100), deadline=None)
@given(messy_text)
def test_uncleaned_sentences_map_to_the_same_words_in_the_raw_text(text: str) -> None:
    """Without repairs only whitespace changes: a sentence's raw span holds the same words."""
    options = LoadOptions(clean=CleanOptions(enabled=False))
    doc = load_or_none(text, "text", options)
    if doc is None:
        return
    raw = _raw(text, "text")
    check_document(doc, raw)
    for s in doc.sentences:
        assert raw[s.source.start : s.source.end].split() == s.text.split(), s


@settings(max_examples=scaled(100), deadline=None)
@given(st.one_of(prose, messy_text))
def test_structure_is_stable_when_the_clean_text_is_loaded_again(text: str) -> None:
    """The clean text of a text document reloads into the same paragraphs, sections and sentences."""
    doc = load_or_none(text, "text")
    if doc is None:
        return
    again = load_text(doc.text)
    assert again.text == doc.text
    assert [(p.start, p.end, p.kind) for p in again.paragraphs] == [
        (p.start, p.end, p.kind) for p in doc.paragraphs
    ]
    assert [(s.start, s.end, s.level) for s in again.sections] == [
        (s.start, s.end, s.level) for s in doc.sections
    ]
    assert [(s.start, s.end) for s in again.sentences] == [(s.start, s.end) for s in doc.sentences]


# --- arbitrary bytes, format detected --------------------------------------------------------

_ENCODINGS = [
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "utf-32",
    "cp1252",
    "koi8-r",
]
_PREFIXES = [
    b"%PDF-1.4\n",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"<html><body><p>",
    b"<?xml version='1.0' encoding='utf-16'?><html>",
    b'<meta charset="shift_jis"><p>',
    b"PK\x03\x04",
    b"\x89PNG\r\n\x1a\n",
    b"\x00\x00\x01\x00",
]
any_bytes = st.one_of(
    st.binary(max_size=400),
    st.builds(lambda t, enc: t.encode(enc, "replace"), any_text, st.sampled_from(_ENCODINGS)),
    st.builds(lambda head, tail: head + tail, st.sampled_from(_PREFIXES), st.binary(max_size=200)),
)


@settings(max_examples=scaled(150), deadline=None)
@given(any_bytes)
@example(b"\xff\xfe" + b"\x00" * 7)  # odd-length UTF-16
@example("caf\u00e9 cr\u00e8me. Na\u00efve text here.".encode("utf-16-le"))  # UTF-16, no BOM
@example(b"\xc3\x28 invalid utf-8 \xa0\xa1 sequence. Another one.")
def test_load_any_bytes_gives_a_valid_document_or_a_typed_error(data: bytes) -> None:
    try:
        doc = load(data)
    except InvariantError:
        raise
    except PrecisError as exc:
        event(type(exc).__name__)
        return
    event(f"{doc.metadata.format}: loaded")
    check_document(doc, extract(data).text)


# --- HTML ---------------------------------------------------------------------------------


@settings(max_examples=scaled(40), deadline=None)
@given(html_documents())
@example(
    "<html><body><h1>Title</h1><p>One sentence. Two sentences!</p><ul><li>x</li></ul></body></html>"
)
def test_html_document_spans_index_the_text(page: str) -> None:
    doc = load_or_none(page, "html")
    if doc is not None:
        check_document(doc, _raw(page, "html"))


# --- PDF-like extractions (pdfium's text layer shape, without building PDFs) ---------------

_PDF_LINE = st.lists(
    st.one_of(st.sampled_from(WORDS), st.sampled_from(["-", "12", "\ufffe", "\u00ad", "Page 3"])),
    max_size=12,
).map(" ".join)


@settings(max_examples=scaled(80), deadline=None)
@given(st.lists(st.lists(_PDF_LINE, max_size=10), min_size=1, max_size=5))
@example([["1 Introduction", "The study of the crisis be-", "gan in 1962. It ended."], ["12"]])
@example([["\ufffe"], ["\ufffe"]])  # bug: a span widened onto the page break ended past its page
def test_pdf_extraction_spans_index_the_text(pages: list[list[str]]) -> None:
    """Pages as pdfium gives them (``\\r\\n`` line ends, ``\\ufffe`` at hyphen breaks)."""
    raw, starts = join_pages(["\r\n".join(lines) for lines in pages])
    extraction = Extraction(
        text=raw, metadata=Metadata(format="pdf", pages=len(pages)), page_starts=starts
    )
    cleaned = clean(extraction, CleanOptions())
    if not cleaned.text:
        return
    check_document(build_document(extraction, cleaned), raw)


def test_pdf_extraction_without_cleaning_spans_index_the_text() -> None:
    raw, starts = join_pages(["Title line\r\nFirst sentence here. Second", "one ends.\r\n7"])
    extraction = Extraction(text=raw, metadata=Metadata(format="pdf", pages=2), page_starts=starts)
    cleaned = clean(extraction, CleanOptions(enabled=False))
    check_document(build_document(extraction, cleaned), raw)


# --- the sentence length cap --------------------------------------------------------------


@settings(max_examples=scaled(200), deadline=None)
@given(
    st.one_of(
        any_text,
        st.builds(
            lambda unit, n: unit * n,
            st.sampled_from(["ab, ", "x", "e\u0301", "👩‍👧 ", "a "]),
            st.integers(1, 400),
        ),
    ),
    st.integers(2, 60),
)
@example("word and more words, " * 20, 50)
@example("e\u0301" * 40, 7)  # never cut between a letter and its accent
@example("👩\u200d👧" * 30, 5)  # ... nor around a zero-width joiner
def test_cap_spans_bounds_sentences_and_keeps_the_contract(text: str, max_chars: int) -> None:
    """Pieces are ordered, stripped, non-empty, cover every non-whitespace character once, and
    are at most ``max_chars`` long unless moving the cut off a mark would empty a piece."""
    spans = cap_spans(text, sentence_spans(text), max_chars)
    covered = [False] * len(text)
    prev_end = 0
    for start, end in spans:
        piece = text[start:end]
        assert prev_end <= start < end and piece == piece.strip(), (start, end)
        assert end - start <= max_chars, (start, end)
        covered[start:end] = [True] * (end - start)
        prev_end = end
    assert all(c or text[i].isspace() for i, c in enumerate(covered))


@pytest.mark.parametrize(
    ("text", "max_chars", "pieces"),
    [
        ("aaaa bb, cc dddd eeee", 14, ["aaaa bb,", "cc dddd eeee"]),  # a clause end first
        ("aaaa, bbbb cccc dddd", 12, ["aaaa, bbbb", "cccc dddd"]),  # else the last space
        ("e\u0301" * 6, 5, ["e\u0301e\u0301", "e\u0301e\u0301", "e\u0301e\u0301"]),
        ("👩\u200d👧" * 3, 5, ["👩\u200d👧", "👩\u200d👧", "👩\u200d👧"]),
        ("x" * 10, 4, ["xxxx", "xxxx", "xx"]),  # one enormous token: cut at the limit
    ],
)
def test_cap_spans_cuts_at_clauses_spaces_and_whole_characters(text, max_chars, pieces):
    assert [text[a:b] for a, b in cap_spans(text, [(0, len(text))], max_chars)] == pieces
