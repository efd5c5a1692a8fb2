"""PDF ingest on real PDFs built with reportlab (tests/pdf_factory.py), then layout cleaning."""

from __future__ import annotations

import re
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.pdf_factory import (  # noqa: E402
    TITLE,
    article_blocks,
    article_pdf,
    drawing_only_pdf,
    encrypted_pdf,
    text_pdf,
)

from precis.clean.pdf_layout import pdf_layout_edits  # noqa: E402
from precis.errors import (  # noqa: E402
    CorruptPdfError,
    EncryptedPdfError,
    LimitExceededError,
    OcrRequiredError,
    OptionError,
)
from precis.ingest import pdf as pdf_module  # noqa: E402
from precis.ingest.pdf import extract_pdf, page_location, pdf_date_to_iso, split_authors  # noqa: E402
from precis.offsets import apply_edits  # noqa: E402

OCR_LINE = "Text that OCRmyPDF recognised."
REAL_PDFS = Path("/work/shared/data/pdfs")


@pytest.fixture(scope="module")
def article() -> bytes:
    return article_pdf(6)


@pytest.fixture(scope="module")
def clean_text(article: bytes) -> str:
    extraction = extract_pdf(article)
    return apply_edits(extraction.text, pdf_layout_edits(extraction.text, extraction.page_starts))[
        0
    ]


def test_extract_pdf_metadata(article: bytes) -> None:
    meta = extract_pdf(article).metadata
    assert (meta.title, meta.authors, meta.format, meta.pages) == (
        TITLE,
        ("Nora Belkin", "James Blight"),
        "pdf",
        6,
    )
    assert meta.date == "2000-01-01T00:00:00+00:00"  # reportlab's invariant date


def test_extract_pdf_joins_pages_with_form_feeds(article: bytes) -> None:
    extraction = extract_pdf(article)
    starts = extraction.page_starts
    assert len(starts) == 6 and starts[0] == 0
    assert all(extraction.text[s - 1] == "\f" for s in starts[1:])
    assert extraction.text.count("\f") == 5
    assert extraction.text[starts[1] :].startswith("730 Belkin and Blight")


def test_extract_pdf_page_location(article: bytes) -> None:
    extraction = extract_pdf(article)
    start = extraction.text.index("730 Belkin")
    page, s, e = page_location(extraction, start, start + 10)
    assert (page, s, e) == (2, 0, 10)
    assert page_location(extraction.page_starts, 0, 3) == (1, 0, 3)
    end_of_page_1 = extraction.page_starts[1] - 1
    assert page_location(extraction, end_of_page_1 - 2, end_of_page_1 + 5)[2] == end_of_page_1


def test_page_location_rejects_bad_spans() -> None:
    with pytest.raises(OptionError):
        page_location([0, 10], 5, 2)
    with pytest.raises(OptionError):
        page_location([], 0, 1)


def test_clean_pdf_removes_running_heads_and_page_numbers(clean_text: str) -> None:
    assert "Belkin and Blight" not in clean_text
    assert not any(block.strip().isdigit() for block in clean_text.split("\n\n"))
    assert not re.search(r"\b7[0-9][0-9]\b", clean_text)  # header page numbers 730-734


def test_clean_pdf_repairs_hyphenation(clean_text: str) -> None:
    assert "habits of authorizing military budgets" in clean_text
    assert "The great-power rivalry" in clean_text
    assert "\ufffe" not in clean_text and "\r" not in clean_text and "\f" not in clean_text


def test_clean_pdf_joins_word_split_across_page_break(clean_text: str) -> None:
    assert "the perception of security held by the leaders" in clean_text


def test_clean_pdf_keeps_headings_as_blocks(clean_text: str) -> None:
    blocks = clean_text.split("\n\n")
    headings = [b.text for b in article_blocks(6) if b.kind in ("title", "heading")]
    assert all(h in blocks for h in headings)
    assert blocks[0] == TITLE


def test_clean_pdf_rebuilds_most_paragraphs_exactly(clean_text: str) -> None:
    # a paragraph whose last line is nearly full is indistinguishable from a wrapped line in a
    # text layer (no indentation survives), so not every break is recoverable
    blocks = set(clean_text.split("\n\n"))
    paragraphs = [b.clean for b in article_blocks(6) if b.kind == "paragraph"]
    found = sum(p in blocks for p in paragraphs)
    assert found >= 0.75 * len(paragraphs)
    assert all(p in clean_text for p in paragraphs)  # never split or reordered


def test_clean_pdf_joins_paragraph_across_pages() -> None:
    data = text_pdf([["A paragraph that runs over", "the page end and"], ["continues here."]])
    extraction = extract_pdf(data)
    out = apply_edits(extraction.text, pdf_layout_edits(extraction.text, extraction.page_starts))
    assert out[0] == "A paragraph that runs over the page end and continues here."


def test_extract_pdf_encrypted_without_password() -> None:
    with pytest.raises(EncryptedPdfError, match="no password"):
        extract_pdf(encrypted_pdf("secret"))


def test_extract_pdf_encrypted_wrong_password() -> None:
    with pytest.raises(EncryptedPdfError, match="wrong password"):
        extract_pdf(encrypted_pdf("secret"), password="guess")


def test_extract_pdf_encrypted_right_password() -> None:
    text = extract_pdf(encrypted_pdf("secret"), password="secret").text
    assert "only readable with the password" in text


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(article_pdf(2)[: len(article_pdf(2)) // 2], id="truncated"),
        pytest.param(b"this is not a PDF at all " * 40, id="garbage"),
        pytest.param(b"%PDF-1.4\n" + b"\x00" * 500, id="header-only"),
        pytest.param(b"", id="empty"),
    ],
)
def test_extract_pdf_corrupt(data: bytes) -> None:
    with pytest.raises(CorruptPdfError) as info:
        extract_pdf(data)
    assert "\n" not in str(info.value) and "PDFium" not in str(info.value)


def test_extract_pdf_without_text_layer_needs_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_module.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(OcrRequiredError, match=r"pip install 'precis\[ocr\]'"):
        extract_pdf(drawing_only_pdf())


def test_extract_pdf_runs_ocrmypdf_when_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_module.importlib.util, "find_spec", lambda name: object())
    monkeypatch.setattr(pdf_module, "_run_ocrmypdf", lambda data: text_pdf([[OCR_LINE]]))
    extraction = extract_pdf(drawing_only_pdf())
    assert extraction.text == OCR_LINE
    assert extraction.warnings and "OCR" in extraction.warnings[0]


def test_extract_pdf_max_pages(article: bytes) -> None:
    with pytest.raises(LimitExceededError, match="6 pages"):
        extract_pdf(article, max_pages=5)
    assert extract_pdf(article, max_pages=6).metadata.pages == 6
    with pytest.raises(OptionError):
        extract_pdf(article, max_pages=0)


def test_extract_pdf_is_thread_safe(article: bytes) -> None:
    expected = extract_pdf(article).text
    with ThreadPoolExecutor(max_workers=8) as pool:
        texts = list(pool.map(lambda _: extract_pdf(article).text, range(16)))
    assert all(t == expected for t in texts)


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("D:20200131120000+01'00'", "2020-01-31T12:00:00+01:00"),
        ("D:20200131120000Z", "2020-01-31T12:00:00+00:00"),
        ("D:20200131", "2020-01-31"),
        ("D:2020", "2020"),
        ("garbage", None),
    ],
)
def test_pdf_date_to_iso(raw: str, iso: str | None) -> None:
    assert pdf_date_to_iso(raw) == iso


@pytest.mark.parametrize(
    ("raw", "authors"),
    [
        ("Nora Belkin; James Blight", ("Nora Belkin", "James Blight")),
        ("Nora Belkin and James Blight", ("Nora Belkin", "James Blight")),
        ("Belkin, N.", ("Belkin, N.",)),
    ],
)
def test_split_authors(raw: str, authors: tuple[str, ...]) -> None:
    assert split_authors(raw) == authors


@pytest.mark.skipif(not REAL_PDFS.is_dir(), reason="shared PDF corpus not present")
def test_extract_pdf_real_paper_cleans() -> None:
    path = REAL_PDFS / "doc2json_N18-3011.pdf"
    if not path.is_file():
        pytest.skip("doc2json_N18-3011.pdf not present")
    extraction = extract_pdf(path.read_bytes())
    out = apply_edits(extraction.text, pdf_layout_edits(extraction.text, extraction.page_starts))[0]
    assert extraction.metadata.pages == 8
    assert "Construction of the Literature Graph in Semantic Scholar" in out
    assert "\ufffe" not in out and "\f" not in out


def test_extract_pdf_finds_the_letter_under_each_spacing_accent() -> None:
    # issue 13: the glyph boxes put "¨" on the u of "Schutze" and "¸" under the s of "Pasca"
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "sciparse-p07-1088.pdf"
    extraction = extract_pdf(fixture.read_bytes())
    text = extraction.text
    pairs = {
        (text[h.mark], text[h.letter], text[h.letter - 3 : h.letter + 4]) for h in extraction.marks
    }
    assert ("\u00a8", "u", "Schutze") in pairs
    assert ("\u00b8", "s", " Pas\u00b8ca") in pairs  # Paşca: the cedilla comes after its s
    for h in extraction.marks:
        page = max(i for i, start in enumerate(extraction.page_starts) if start <= h.mark)
        assert page == max(i for i, start in enumerate(extraction.page_starts) if start <= h.letter)
