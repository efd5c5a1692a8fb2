"""Every PDF text line's box and font (issue 14), on real PDFs.

pdf_gold (``/work/shared/data/pdf_gold``, see its MANIFEST.md): pdfTeX documents in five
layouts whose body sizes the manifest states (acl2col 10pt Times, journal 11pt Palatino, book
and preprint 12pt Latin Modern, magazine 10pt Charter) and whose ``roles.json`` names every
block's role. Real PDFs from ``bench/data/realdocs`` (origin and license in its index.jsonl),
and papermage's ``2302.07302v1`` from ``/work/shared/data/pdfs``, whose pages 10 and 11 set
math in non-BMP letters (``𝑥``).
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import numpy as np
import pytest

from precis.ingest.base import Extraction
from precis.ingest.pdf import extract_pdf, page_location

REALDOCS = Path(__file__).resolve().parents[2] / "bench" / "data" / "realdocs" / "pdf"
GOLD = Path("/work/shared/data/pdf_gold")
ASTRAL_PDF = Path("/work/shared/data/pdfs/papermage_2302.07302v1.pdf")
GOLD_IDS = sorted(p.stem for p in GOLD.glob("*.pdf"))
BODY_SIZE = {"acl2col": 10.0, "journal": 11.0, "book": 12.0, "magazine": 10.0, "preprint": 12.0}
needs_gold = pytest.mark.skipif(not GOLD_IDS, reason="pdf_gold is not here")


@functools.cache
def _extract(path: Path) -> Extraction:
    return extract_pdf(path.read_bytes())


def _gold(doc_id: str) -> tuple[Extraction, list[dict[str, object]]]:
    roles = json.loads((GOLD / f"{doc_id}.roles.json").read_text(encoding="utf-8"))
    return _extract(GOLD / f"{doc_id}.pdf"), roles


def _texts(extraction: Extraction) -> list[str]:
    lines = extraction.lines
    assert lines is not None
    return [
        " ".join(extraction.text[s:e].split()) for s, e in zip(lines.start, lines.end, strict=True)
    ]


def _modal_size(sizes: np.ndarray) -> float:
    values, counts = np.unique(np.round(sizes[~np.isnan(sizes)], 2), return_counts=True)
    return float(values[counts.argmax()])


@needs_gold
@pytest.mark.parametrize("doc_id", GOLD_IDS)
def test_pdf_lines_title_has_the_largest_size_on_page_one(doc_id: str) -> None:
    extraction, roles = _gold(doc_id)
    lines = extraction.lines
    assert lines is not None
    title = " ".join(next(r["text"] for r in roles if r["role"] == "title").split())  # type: ignore[union-attr]
    texts = _texts(extraction)
    first = next(i for i, t in enumerate(texts) if lines.page[i] == 0 and title.startswith(t))
    # the preprint's arXiv stamp is set larger, but turned on its side in the margin
    upright = (lines.page == 0) & (lines.x1 - lines.x0 > lines.y1 - lines.y0)
    assert lines.size[first] == lines.size[upright].max()
    assert lines.size[first] > 1.3 * _modal_size(lines.size)


@needs_gold
@pytest.mark.parametrize("doc_id", GOLD_IDS)
def test_pdf_lines_modal_size_is_the_layouts_body_size(doc_id: str) -> None:
    lines = _gold(doc_id)[0].lines
    assert lines is not None
    # TeX's 10pt is 9.96 PostScript points, its 12pt 11.96
    assert _modal_size(lines.size) == pytest.approx(BODY_SIZE[doc_id.split("-")[0]], abs=0.1)


@pytest.mark.parametrize(
    ("name", "size"),
    [
        ("sciparse-bunescu-acl07.pdf", 10.91),  # ACL's 11pt
        ("sciparse-p14-1059.pdf", 10.91),
        ("sciparse-map-reduce.pdf", 9.96),  # OSDI's 10pt
        # FPDFText_GetFontSize is 1 on every glyph: the size is in the text matrix
        ("pdfplumber-federal-register.pdf", 9.0),
        ("docling-faa-handbook.pdf", 10.0),
    ],
)
def test_pdf_lines_modal_size_of_real_pdfs(name: str, size: float) -> None:
    lines = _extract(REALDOCS / name).lines
    assert lines is not None
    assert _modal_size(lines.size) == pytest.approx(size, abs=0.01)
    assert np.nanmin(lines.size) >= 3.0


@needs_gold
def test_pdf_lines_gold_headings_are_bold_and_body_lines_are_not() -> None:
    found = bold = headings = 0
    for doc_id in GOLD_IDS:
        extraction, roles = _gold(doc_id)
        lines = extraction.lines
        assert lines is not None
        texts = _texts(extraction)
        for role in roles:
            if role["role"] != "heading":
                continue
            headings += 1
            heading = " ".join(str(role["text"]).split())
            hits = [
                i
                for i, t in enumerate(texts)
                if lines.page[i] == int(role["page"]) - 1  # type: ignore[call-overload]
                and (t == heading or (len(t) > 5 and heading.startswith(t)))
            ]
            if hits:
                found += 1
                bold += bool(lines.bold[hits[0]])
        assert lines.bold.mean() < 0.15, doc_id  # the body is not bold
    assert found >= 0.95 * headings
    assert bold == found


@needs_gold
def test_pdf_lines_example_rows_of_an_acl_paper() -> None:
    """Title, heading, body, footnote and page number differ in the ways roles will use."""
    extraction, _ = _gold("acl2col-C04-1059")
    lines = extraction.lines
    assert lines is not None
    texts = _texts(extraction)

    def row(prefix: str) -> int:
        return next(i for i, t in enumerate(texts) if t.startswith(prefix))

    title, heading = row("Language Model Adaptation"), row("3 Structured Query Models")
    body, footnote, folio = row("Language models (LM) are"), row("1The last"), row("757")
    assert lines.size[[title, heading]].tolist() == pytest.approx([14.35, 14.35], abs=0.01)
    assert lines.bold[[title, heading]].all() and not lines.bold[[body, footnote, folio]].any()
    assert lines.size[body] == pytest.approx(9.96, abs=0.01) == lines.size[folio]
    assert lines.size[footnote] == pytest.approx(7.97, abs=0.01)  # not its mark's size
    assert lines.fonts[lines.font[body]] == "NimbusRomNo9L-Regu"
    assert lines.mono[row("gsimkova@aalto.fi")]
    assert lines.y1[folio] < lines.y0[folio - 1] - 20  # set well under the page's last line


@pytest.mark.parametrize(
    "path",
    sorted(REALDOCS.glob("*.pdf")) + [GOLD / f"{i}.pdf" for i in GOLD_IDS[::6]],
    ids=lambda p: p.stem,
)
def test_pdf_lines_offsets_cover_every_line_once(path: Path) -> None:
    extraction = _extract(path)
    lines, text = extraction.lines, extraction.text
    assert lines is not None and len(lines) > 0
    assert (np.diff(lines.start) > 0).all() and (lines.start[1:] >= lines.end[:-1]).all()
    covered = np.zeros(len(text), dtype=bool)
    for start, end in zip(lines.start.tolist(), lines.end.tolist(), strict=True):
        line = text[start:end]
        assert line == line.strip() and line and not re.search("[\r\n\ufffe]", line)
        covered[start:end] = True
    # a line ends on its page (a glyph may map to "\f": docling-ibm-redpaper's do)
    page_ends = [*extraction.page_starts[1:], len(text) + 1]
    assert (lines.end < np.array(page_ends)[lines.page]).all()
    assert (lines.start >= np.array(extraction.page_starts)[lines.page]).all()
    for i in range(0, len(lines), 25):
        where = page_location(extraction, int(lines.start[i]), int(lines.end[i]))
        assert where[0] == lines.page[i] + 1
    glyphs = np.array([not c.isspace() and c != "\ufffe" for c in text], dtype=bool)
    assert (covered >= glyphs).all()  # every visible character is in a line
    assert len(lines.page_boxes) == len(extraction.page_starts)


@needs_gold
@pytest.mark.parametrize("doc_id", GOLD_IDS[::4])
def test_pdf_lines_boxes_lie_within_the_page(doc_id: str) -> None:
    lines = _gold(doc_id)[0].lines
    assert lines is not None
    page = lines.page_boxes[lines.page]
    assert not np.isnan(lines.x0).any()
    assert (lines.x0 >= page[:, 0]).all() and (lines.x1 <= page[:, 2]).all()
    assert (lines.y0 >= page[:, 1]).all() and (lines.y1 <= page[:, 3]).all()
    assert (lines.x0 < lines.x1).all() and (lines.y0 < lines.y1).all()


def test_pdf_lines_a_footer_drawn_below_the_page_lies_below_it() -> None:
    extraction = _extract(REALDOCS / "unstructured-assurance-letter.pdf")
    lines = extraction.lines
    assert lines is not None
    footer = _texts(extraction).index("Client: Apple Inc. 4")
    assert lines.y0[footer] < lines.page_boxes[lines.page[footer], 1]


@pytest.mark.skipif(not ASTRAL_PDF.is_file(), reason="papermage 2302.07302v1 is not here")
def test_pdf_lines_boxes_stay_on_their_line_after_non_bmp_letters() -> None:
    """pdfium counts 𝑥 as two text indices; a box read one index off reaches the next line."""
    extraction = _extract(ASTRAL_PDF)
    lines, text = extraction.lines, extraction.text
    assert lines is not None
    first_astral = re.search("[\U00010000-\U0010ffff]", text)
    assert first_astral is not None
    after = lines.start > first_astral.start()
    with_astral = [bool(re.search("[\U00010000-\U0010ffff]", text[s:e]))
                   for s, e in zip(lines.start, lines.end, strict=True)]  # fmt: skip
    assert sum(with_astral) >= 5 and after.sum() > 100
    height = (lines.y1 - lines.y0)[after] / lines.size[after]
    assert height.max() < 1.2  # 0.94 measured; one index off gives up to 69


def test_pdf_lines_extractions_of_one_pdf_compare_equal() -> None:
    data = (REALDOCS / "sciparse-p14-1059.pdf").read_bytes()
    first, second = extract_pdf(data), extract_pdf(data)
    assert first == second and first.lines == second.lines
    assert (
        first.lines is not None and first.lines != _extract(REALDOCS / "sciparse-fader11.pdf").lines
    )
