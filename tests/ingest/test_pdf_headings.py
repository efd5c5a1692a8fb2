"""PDF headings from fonts (issue 14), on real PDFs.

``sciparse-p14-1059.pdf`` (ACL 2014, bench/data/realdocs; origin and license in its
index.jsonl) has bold table rows ("A◦N (It) A,N(En) 0.50,0.62 0.28,0.48", quoted in the issue)
and bold numbered headings (12 pt sections, 10.9 pt subsections). pdf_gold
(``/work/shared/data/pdf_gold``, see its MANIFEST.md) names every heading and its level in
``roles.json``.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pytest

from precis.api import load
from precis.ingest.pdf import extract_pdf

REALDOCS = Path(__file__).resolve().parents[2] / "bench" / "data" / "realdocs" / "pdf"
ACL = REALDOCS / "sciparse-p14-1059.pdf"
GOLD = Path("/work/shared/data/pdf_gold")
GOLD_IDS = ["acl2col-C04-1059", "book-N04-1025", "journal-A00-2019", "preprint-A00-1031"]
needs_gold = pytest.mark.skipif(not GOLD.is_dir(), reason="pdf_gold is not here")


def _key(text: str) -> str:
    return re.sub(r"\W", "", text).casefold()


@functools.cache
def _headings(path: Path) -> dict[str, int]:
    """Heading text (as a key) -> level, from the extraction's heading hints."""
    extraction = extract_pdf(path.read_bytes())
    return {_key(extraction.text[h.start : h.end]): h.level for h in extraction.headings}


def test_pdf_headings_table_rows_are_not_headings() -> None:
    doc = load(ACL)
    headings = [doc.text[p.start : p.end] for p in doc.paragraphs if p.kind == "heading"]
    assert headings
    for text in headings:
        assert not re.search(r"\d\.\d\d", text), text  # "A◦N (It) A,N(En) 0.50,0.62 0.28,0.48"


def test_pdf_headings_bold_numbered_heading_found_with_level() -> None:
    headings = _headings(ACL)
    assert headings[_key("3 General framework")] == 1
    assert headings[_key("3.1 Synthesis")] == 2
    assert headings[_key("7 Generation confidence and generation quality")] == 1  # two lines


def test_pdf_headings_run_in_bold_head_is_not_a_heading() -> None:
    assert not any(key.startswith(_key("Decomposition We define")) for key in _headings(ACL))


def test_pdf_headings_sections_use_font_headings() -> None:
    doc = load(ACL)
    titles = [s.heading for s in doc.sections if s.heading]
    assert "3.1 Synthesis" in titles
    assert not any("0.50,0.62" in t for t in titles)


@needs_gold
@pytest.mark.parametrize("doc_id", GOLD_IDS)
def test_pdf_headings_gold_headings_found_with_level(doc_id: str) -> None:
    gold = json.loads((GOLD / f"{doc_id}.roles.json").read_text(encoding="utf-8"))
    found = _headings(GOLD / f"{doc_id}.pdf")
    for block in gold:
        if block["role"] == "heading":
            assert found.get(_key(block["text"])) == block["level"], block["text"]


# Where a heading stands (pdf_heading_place): figure text has no body text under it.
REDPAPER = REALDOCS / "docling-ibm-redpaper.pdf"
IEEE = REALDOCS / "grobid-ieee-requirements.pdf"
SENSORS = Path(
    "/work/shared/data/pdfs/papermage_key-error-585bcfc650f744efa7942900b742c1b64863350e.pdf"
)
needs_sensors = pytest.mark.skipif(not SENSORS.exists(), reason="shared pdfs are not here")


@pytest.mark.parametrize("text", ["FOR ROWS", "ENFORCED FOR ALL ACCESS", "ENABLE"])
def test_pdf_headings_bold_code_in_a_diagram_is_not_a_heading(text: str) -> None:
    headings = _headings(REDPAPER)  # Figure 3-1: the CREATE PERMISSION statement, bold 11.5 pt
    assert _key(text) not in headings
    assert headings[_key("Column mask")] == 4  # the heading right under that figure's caption


def test_pdf_headings_heading_set_out_in_the_margin_is_found() -> None:
    assert _key("Authors") in _headings(REDPAPER)  # its column starts right of it


def test_pdf_headings_back_cover_blurb_is_not_a_heading() -> None:
    keys = _headings(REDPAPER)
    assert _key("BUILDING TECHNICAL INFORMATION BASED ON PRACTICAL EXPERIENCE") not in keys


@needs_sensors
@pytest.mark.parametrize("text", ["Gauge Factor (/)", "NMOS PMOS"])
def test_pdf_headings_axis_title_and_legend_are_not_headings(text: str) -> None:
    assert _key(text) not in _headings(SENSORS)  # rotated 16 pt axis title; 13 pt legend


@needs_sensors
def test_pdf_headings_heading_over_smaller_references_is_found() -> None:
    assert _key("References") in _headings(SENSORS)  # 8 pt entries under a 10 pt body


def test_pdf_headings_labels_spread_under_a_drawing_are_not_a_heading() -> None:
    assert _key("Matrix C Matrix D") not in _headings(IEEE)


def test_pdf_headings_centred_heading_as_wide_as_its_column_is_found() -> None:
    assert _headings(IEEE)[_key("II. RELATED AREA AND LITERATURE STUDY")] == 1


@needs_gold
def test_pdf_headings_heading_over_footnotes_at_column_bottom_is_found() -> None:
    assert _key("References") in _headings(GOLD / "acl2col-D08-1024.pdf")


@needs_gold
def test_pdf_headings_body_sentence_starting_with_fig_is_body() -> None:
    headings = _headings(GOLD / "preprint-D09-1159.pdf")  # "Fig. 1 gives the architecture ..."
    assert headings[_key("2 The Approach")] == 1
    assert headings[_key("2.1 Results Discussion")] == 2
