"""Line breaks the text layer leaves out at page edges, found from glyph boxes (issue 13).

Real PDFs from the corpus under bench/data/realdocs (origin, commit and license in its ORIGIN.md
and index.jsonl): science-parse's arXiv preprint, whose even pages' running head pdfium joins to
the table caption under it.
"""

from __future__ import annotations

from pathlib import Path

from precis.api import load
from precis.clean.pdf_layout import LayoutHints, split_lines
from precis.ingest.pdf import extract_pdf

REALDOCS = Path(__file__).resolve().parents[2] / "bench" / "data" / "realdocs" / "pdf"
NODES = REALDOCS / "sciparse-influential-nodes.pdf"
HEAD = "A. SHEIKHAHMADI, M. A. NEMATBAKHSH, AND A. SHOKROLLAHI"


def test_a_head_joined_to_a_caption_gets_its_line_break() -> None:
    extraction = extract_pdf(NODES.read_bytes())
    joined = extraction.text.index(HEAD + " Table 2.")
    cut = joined + len(HEAD) + 1
    assert cut in extraction.line_breaks
    lines = split_lines(
        extraction.text, extraction.page_starts, LayoutHints(breaks=extraction.line_breaks)
    )
    texts = [line.text for line in lines]
    assert "8 " + HEAD in texts
    assert any(t.startswith("Table 2. The rate of CN(1,2)") for t in texts)


def test_the_head_leaves_the_clean_text_and_the_caption_stays() -> None:
    text = load(NODES).text
    assert HEAD not in text
    assert "Table 2. The rate of CN(1,2) of seeds" in text


def test_table_rows_and_words_are_not_cut() -> None:
    """A table whose cells pdfium joins at many heights, and a word whose halves sit on two
    lines ("sen" / "tence", its hyphen dropped) get no breaks: only clean single jumps do."""
    extraction = extract_pdf(NODES.read_bytes())
    text = extraction.text
    for cut in extraction.line_breaks:
        assert not text[cut - 1].isalnum()
    row = text.index("75 total: 204171")
    line_end = text.index("\n", row)
    assert not [b for b in extraction.line_breaks if row <= b < line_end]


def test_no_breaks_on_a_born_digital_page_without_joined_lines() -> None:
    pdf = REALDOCS / "pdfjs-tracemonkey.pdf"
    assert extract_pdf(pdf.read_bytes()).line_breaks == ()
