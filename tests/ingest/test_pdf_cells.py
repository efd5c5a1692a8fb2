"""Table rows set between prose, found from the page's column gaps (issue 14), on real PDFs.

pdfminer.six's ``issue-00352-asw-oct96-p41.pdf`` (bench/data/realdocs, origin and license in its
index.jsonl) is a one-page appendix: an accident table whose rows ("Oct. 25, 1999 | Aberdeen,
South Dakota, U.S. | Gates Learjet 35 | destroyed | 6 fatal") alternate with full-width
narratives. pdf_gold's magazine-C08-1114 (``/work/shared/data/pdf_gold``) sets a table as
justified text in a narrow column ("Word    pair    Class    la-"), which its gold reads as
body; grobid's JCAP paper has a contents page whose entries end in page numbers; the EU
market-structure report (tabula's fixture) heads its tables with one cell per line.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from precis.api import load, summarize
from precis.ingest.pdf import extract_pdf
from precis.options import SummarizeOptions
from precis.roles import block_roles

REALDOCS = Path(__file__).resolve().parents[2] / "bench" / "data" / "realdocs" / "pdf"
GOLD = Path("/work/shared/data/pdf_gold")
ASW = REALDOCS / "pdfminer-aviation-safety-world.pdf"


@functools.cache
def _roles(path: Path) -> dict[str, str]:
    """Each line's text (first occurrence) and the role extraction gives it."""
    extraction = extract_pdf(path.read_bytes())
    lines = extraction.lines
    assert lines is not None
    found: dict[str, str] = {}
    for start, end in zip(lines.start.tolist(), lines.end.tolist(), strict=True):
        found.setdefault(extraction.text[start:end], extraction.line_roles.get(start, "body"))
    return found


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("Date Location Aircraft Type Aircraft Damage Injuries", "table"),
        ("Oct. 25, 1999 Aberdeen, South Dakota, U.S. Gates Learjet 35 destroyed 6 fatal", "table"),
        ("June 13, 2000 Rio de Janeiro, Brazil Boeing 737-200 NA 85 none", "table"),
        ("Feb. 17, 2002 San Juan, Argentina Boeing 737-200 NA NA", "table"),
        ("altitude of 40,600 ft. The aircraft began descending after the left engine flamed out.",
         "body"),
    ],
)  # fmt: skip
def test_rows_between_narratives_are_table_and_the_narratives_body(line: str, role: str) -> None:
    assert _roles(ASW)[line] == role


def test_a_summary_of_the_accident_table_reads_the_narratives() -> None:
    doc = load(ASW)
    summary = summarize(doc, SummarizeOptions(sentences=5))
    texts = [s.text for s in summary.sentences]
    assert len(texts) == 5
    assert not any("fatal" in t or "Boeing" in t or "Learjet" in t for t in texts)
    assert any(t.startswith("The aircraft was on a charter flight") for t in texts)
    kinds = {p.kind for p in doc.paragraphs}
    assert "table" in kinds and "body" in kinds  # the appendix-only page keeps its table


@pytest.mark.skipif(not GOLD.is_dir(), reason="pdf_gold is not here")
def test_justified_lines_of_a_narrow_column_are_no_table() -> None:
    roles = _roles(GOLD / "magazine-C08-1114.pdf")
    justified = [line for line in roles if line.startswith("Word pair Class la")]
    assert justified and all(roles[line] == "body" for line in justified)
    assert roles["Baseline 67.9 64.1 64.3"] == "table"  # the real table on that page


def test_contents_entries_that_end_in_a_page_number_are_no_table() -> None:
    roles = _roles(REALDOCS / "grobid-jcap-cosmology.pdf")
    assert roles["2. The Buchert scheme 4"] == "body"
    assert roles["References 14"] == "body"


def test_column_heads_between_a_caption_and_the_rows_are_table() -> None:
    roles = _roles(REALDOCS / "tabula-eu-market-structure.pdf")
    assert roles["Table 6.1: Size of the market across the member states"] == "caption"
    for head in ("per capita", "GNP ($000)", "inhabitants", "(Ecu 000)"):
        assert roles[head] == "table", head
    assert roles["Germany 27.5 81.9 415.3 196 373 898"] == "table"


def test_an_appendix_only_document_keeps_the_roles_the_page_gives() -> None:
    texts = ["FlightOPS", "Appendix Accidents", "Date Location", "The aircraft was on.", "Notes"]
    given = ["title", None, "table", None, "caption"]
    roles = block_roles(texts, [False] * len(texts), given)
    assert roles == ["title", "body", "table", "body", "caption"]


def test_a_table_only_document_is_read_rather_than_nothing() -> None:
    roles = block_roles(["Date Location", "Oct. 25, 1999"], [False, False], ["table", "table"])
    assert roles == ["body", "body"]


def test_asterisk_notes_under_a_table_are_a_caption_not_a_list() -> None:
    texts = ["Some body text here.", "* 1992-4; ** base=1991; *** value in 1994 Sources: x"]
    assert block_roles(texts, [False, False])[1] == "caption"
    assert block_roles(["Intro.", "* a bulleted item", "* another"], [False] * 3)[1] == "list_item"
