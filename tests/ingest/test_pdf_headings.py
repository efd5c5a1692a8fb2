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
