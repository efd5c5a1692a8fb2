"""BoxReader's shortcuts against pdfium's own per-index answers (oracle tests).

The reader settles a page's text -> char index map with two calls where it is one shift, and
reads fonts once per text object and per font; both must give what the per-index pdfium
functions give, on a synthetic page (one shift) and on a real page with unmapped chars.
"""

from __future__ import annotations

import ctypes
from pathlib import Path

import pytest
from tests.pdf_factory import article_pdf

from precis.ingest.pdf_boxes import BoxReader

pdfium = pytest.importorskip("pypdfium2")
pdfium_c = pytest.importorskip("pypdfium2.raw")

REALDOC = Path(__file__).resolve().parents[2] / "bench/data/realdocs/pdf/grobid-jcap-cosmology.pdf"


def _pages() -> list[object]:
    """(name, PDF, page): a synthetic page and, where the corpus is checked out, a real one whose
    text view leaves chars out (page 1 of the cosmology paper: its map is not one shift)."""
    pages = [pytest.param("synthetic", article_pdf(2), 0, id="synthetic")]
    if REALDOC.is_file():
        pages.append(pytest.param("real-unmapped", REALDOC.read_bytes(), 0, id="real-unmapped"))
    return pages


def _direct_font(raw: object, char: int) -> tuple[float, int, int, str]:
    """Size, weight, flags and name of one char, each read from pdfium for that char."""
    flags, name = ctypes.c_int(), ctypes.create_string_buffer(256)
    length = pdfium_c.FPDFText_GetFontInfo(raw, char, name, 256, ctypes.byref(flags))
    return (
        float(pdfium_c.FPDFText_GetFontSize(raw, char)),
        int(pdfium_c.FPDFText_GetFontWeight(raw, char)),
        flags.value if length else 0,
        name.raw[: length - 1].decode("utf-8", "replace") if 0 < length <= 256 else "",
    )


@pytest.mark.parametrize(("name", "data", "index"), _pages())
def test_box_reader_matches_pdfium_per_index(name: str, data: bytes, index: int) -> None:
    doc = pdfium.PdfDocument(data)
    page = doc[index]
    textpage = page.get_textpage()
    try:
        text = str(textpage.get_text_range())
        reader = BoxReader(textpage, text)
        raw = textpage.raw
        assert not reader._astral
        assert (reader._page_shift() >= 0) == (name == "synthetic")  # both paths are tested
        for k in range(len(text)):  # no astral chars on these pages: text index == str index
            expected = pdfium_c.FPDFText_GetCharIndexFromTextIndex(raw, k)
            left, right, bottom, top = (ctypes.c_double() for _ in range(4))
            ok = expected >= 0 and pdfium_c.FPDFText_GetCharBox(
                raw, expected, *(ctypes.byref(v) for v in (left, right, bottom, top))
            )
            box = (left.value, bottom.value, right.value, top.value) if ok else None
            assert reader.get(k) == box, (name, k)
        for char in range(pdfium_c.FPDFText_CountChars(raw)):
            assert tuple(reader._font_of(char)) == _direct_font(raw, char), (name, char)
    finally:
        textpage.close()
        page.close()
        doc.close()
