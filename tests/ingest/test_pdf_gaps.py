"""Whether the page shows a space the text layer lost, on real PDFs (issue 14).

``sciparse-map-reduce.pdf`` (allenai/science-parse test fixture, Apache-2.0; origin in
bench/data/realdocs/index.jsonl) loses spaces its page shows: ``mastersimply``. The ACL paper
``sciparse-p07-1088.pdf`` prints ``(e.g.,Los Angeles)`` with no space after the comma.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from precis.api import clean_text
from precis.ingest.pdf import extract_pdf

REALDOCS = Path(__file__).resolve().parents[2] / "bench" / "data" / "realdocs" / "pdf"


def _offsets(pdf: Path, token: str, cut: int) -> tuple[object, list[int]]:
    extraction = extract_pdf(pdf.read_bytes())
    found = [m.start() + cut for m in re.finditer(re.escape(token), extraction.text)]
    assert found, f"{token!r} is not in the text layer of {pdf.name}"
    return extraction.printed_spaces, found


def test_a_lost_space_is_shown_on_the_page() -> None:
    printed, offsets = _offsets(REALDOCS / "sciparse-map-reduce.pdf", "mastersimply", 6)
    assert set(printed.shown(offsets).values()) == {True}


def test_words_printed_together_show_no_space() -> None:
    printed, offsets = _offsets(REALDOCS / "sciparse-p07-1088.pdf", "e.g.,Los", 5)
    assert set(printed.shown(offsets).values()) == {False}


def test_inside_a_plain_word_no_space_is_shown() -> None:
    printed, offsets = _offsets(REALDOCS / "sciparse-map-reduce.pdf", "programmers", 7)
    assert set(printed.shown(offsets).values()) == {False}


def test_offsets_that_cannot_be_told_answer_none() -> None:
    extraction = extract_pdf((REALDOCS / "sciparse-map-reduce.pdf").read_bytes())
    text = extraction.text
    line_end = text.index("\r\n") + 1  # between the line-end characters: no glyph pair
    past_the_end = len(text) + 10
    answers = extraction.printed_spaces.shown([line_end, past_the_end])
    assert answers == {line_end: None, past_the_end: None}


def test_glued_words_split_only_where_the_page_shows_a_space() -> None:
    lost = clean_text(str(REALDOCS / "sciparse-map-reduce.pdf"))
    assert "master simply" in lost and "mastersimply" not in lost
    printed = clean_text(str(REALDOCS / "sciparse-p07-1088.pdf"))
    assert "e.g.,Los" in printed


@pytest.mark.parametrize("name", ["sciparse-map-reduce.pdf", "sciparse-p07-1088.pdf"])
def test_extractions_compare_equal_whatever_the_space_reader(name: str) -> None:
    data = (REALDOCS / name).read_bytes()
    assert extract_pdf(data) == extract_pdf(data)
