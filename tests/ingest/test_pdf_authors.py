"""Author blocks set apart from the title (issue 14): a name over its address and e-mail.

``sciparse-neuronal-feedback.pdf`` (allenai/science-parse test fixture; origin in
bench/data/realdocs/index.jsonl), a CHI 2013 extended abstract, sets five name-over-address
blocks in a grid beside the abstract.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from precis.ingest.pdf import extract_pdf
from precis.ingest.pdf_authors import mark_author_blocks
from precis.ingest.pdf_lines import PdfLines
from precis.ingest.pdf_roles import line_roles

REALDOCS = Path(__file__).resolve().parents[2] / "bench" / "data" / "realdocs" / "pdf"


def test_names_over_address_blocks_are_authors() -> None:
    extraction = extract_pdf((REALDOCS / "sciparse-neuronal-feedback.pdf").read_bytes())
    lines = extraction.lines
    assert lines is not None
    roles = line_roles(lines, extraction.text)
    texts = [extraction.text[s:e] for s, e in zip(lines.start, lines.end, strict=True)]
    authors = [
        t for t, r, p in zip(texts, roles, lines.page, strict=True) if p == 0 and r == "author"
    ]
    assert authors == [
        "Jan-Niklas Antons",
        "Sebastian Arndt",
        "Julia Seebode",
        "Robert Schleicher",
        "Sebastian M\u00f6ller",
    ]
    assert roles[texts.index("Quality and Usability Lab")] == "affiliation"
    assert roles[texts.index("Abstract")] == "body"


def _lines(rows: list[tuple[float, int]]) -> PdfLines:
    """Lines of one page at (top, font), 9 points, one left edge, 12 points apart."""
    n = len(rows)
    top = np.array([r[0] for r in rows], dtype="float64")
    return PdfLines(
        page=np.zeros(n, "int32"),
        start=np.arange(n, dtype="int64"),
        end=np.arange(n, dtype="int64") + 1,
        x0=np.full(n, 100.0),
        y0=top - 7,
        x1=np.full(n, 200.0),
        y1=top,
        size=np.full(n, 9.0),
        weight=np.full(n, 400, "int32"),
        bold=np.zeros(n, bool),
        italic=np.zeros(n, bool),
        mono=np.zeros(n, bool),
        font=np.array([r[1] for r in rows], dtype="int32"),
        fonts=("Regular", "Bold"),
        page_boxes=np.array([[0.0, 0.0, 612.0, 792.0]]),
    )


def test_a_name_over_lines_with_no_email_stays_body() -> None:
    texts = ["Jan Antons", "Quality and Usability Lab", "TU Berlin", "Ernst-Reuter-Platz 7"]
    lines = _lines([(500, 1), (488, 0), (476, 0), (464, 0)])
    roles = np.full(len(texts), "body", dtype=object)
    mark_author_blocks(lines, texts, roles, list(range(len(texts))))
    assert roles.tolist() == ["body"] * 4


def test_a_name_in_the_font_of_its_block_stays_body() -> None:
    texts = ["Jan Antons", "TU Berlin", "jan@tu-berlin.de"]
    lines = _lines([(500, 0), (488, 0), (476, 0)])
    roles = np.array(["body", "body", "email"], dtype=object)
    mark_author_blocks(lines, texts, roles, [0, 1, 2])
    assert roles[0] == "body"
    lines = _lines([(500, 1), (488, 0), (476, 0)])
    mark_author_blocks(lines, texts, roles, [0, 1, 2])
    assert roles.tolist() == ["author", "affiliation", "email"]
