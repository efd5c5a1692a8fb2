"""Lines drawn outside the page or in its margin band in small type (issue 13).

Real PDFs from bench/data/realdocs (origin, commit and license in its index.jsonl):
unstructured's one-page excerpt of a Fraunhofer assurance letter inside Apple's 2022
Environmental Progress Report, and pdfminer's IRS 1040-NR instructions (printer's slug lines
drawn above the trimmed page), and science-parse's PageRank paper, whose figure labels pdfium
places above the page.
"""

from __future__ import annotations

from pathlib import Path

from precis.api import load
from precis.ingest.pdf import extract_pdf

REALDOCS = Path(__file__).resolve().parents[2] / "bench" / "data" / "realdocs" / "pdf"
LETTER = REALDOCS / "unstructured-assurance-letter.pdf"
NAV_BAR = "Introduction Climate Change Resources Smarter Chemistry Engagement Appendix"


def _line_at(text: str, start: int) -> str:
    return text[start:].split("\r", 1)[0]


def test_a_footer_below_the_page_is_hidden_and_the_nav_bar_is_margin_type() -> None:
    extraction = extract_pdf(LETTER.read_bytes())
    hidden = [_line_at(extraction.text, s) for s in extraction.hidden_lines]
    margin = [_line_at(extraction.text, s) for s in extraction.margin_lines]
    assert "Client: Apple Inc. 4" in hidden
    assert any(line.startswith(NAV_BAR) for line in margin)
    assert not any(line.startswith("AirPort Extreme") for line in hidden + margin)


def test_a_one_page_excerpt_loses_its_furniture_and_keeps_its_body() -> None:
    text = load(LETTER).text
    assert "Client: Apple" not in text
    assert NAV_BAR not in text
    assert "Apple\u2019s assessment approach is excellent" in text
    assert "Reviewer Credentials and Qualification" in text


def test_printer_slugs_above_the_page_leave_the_text() -> None:
    text = load(REALDOCS / "pdfminer-irs-i1040nr.pdf").text
    assert "Userid:" not in text
    assert "PAGER/SGML" not in text


def test_figure_labels_that_pdfium_places_off_the_page_stay() -> None:
    """pdfium reads a form object's labels ("1 2") as above the page; they are not furniture."""
    extraction = extract_pdf((REALDOCS / "sciparse-pedersen04.pdf").read_bytes())
    assert extraction.hidden_lines  # the misplaced labels are there ...
    text = load(REALDOCS / "sciparse-pedersen04.pdf").text
    assert text.count("1 2") >= extraction.text.count("\r\n1 2\r\n")  # ... and all stay
