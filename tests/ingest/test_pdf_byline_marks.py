"""Byline leftovers on page 1 (issue 14): affiliation marks, separators, a wrapped author name.

pdf_gold's preprint layout (``/work/shared/data/pdf_gold``, see its MANIFEST.md) sets authors
with superscript affiliation marks and comma-separated e-mails; before this rule the marks
reached the reading flow as "4 1 4 ," between the title and "Abstract" in all 12 preprints.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from precis.api import clean_text
from precis.ingest.pdf import extract_pdf
from precis.ingest.pdf_roles import line_roles

GOLD = Path("/work/shared/data/pdf_gold")
needs_gold = pytest.mark.skipif(not GOLD.is_dir(), reason="pdf_gold is not here")


def _page_one_roles(name: str) -> list[tuple[str, str]]:
    """(text, role) of each line of page 1."""
    extraction = extract_pdf((GOLD / f"{name}.pdf").read_bytes())
    lines = extraction.lines
    assert lines is not None
    roles = line_roles(lines, extraction.text)
    return [
        (extraction.text[lines.start[i] : lines.end[i]], str(roles[i]))
        for i in range(len(lines))
        if lines.page[i] == 0
    ]


@needs_gold
@pytest.mark.parametrize(
    ("name", "line", "role"),
    [
        ("preprint-A00-1031", "Ivanova", "author"),  # "3 Núria C." wrapped to the next line
        ("preprint-A00-1031", "4", "author"),  # raised over the wrapped name
        ("preprint-A00-1031", "1", "affiliation"),  # set before "Institut für ..."
        ("preprint-A00-1031", ",", "email"),  # after ", noemie.obrien@usp.br"
        ("preprint-C02-1150", "3", "author"),
    ],
)
def test_byline_marks_take_their_neighbours_role(name: str, line: str, role: str) -> None:
    assert (line, role) in _page_one_roles(name)


@needs_gold
@pytest.mark.parametrize(
    "name", ["preprint-A00-1031", "preprint-C02-1150", "preprint-news532b122b", "preprint-sq61228"]
)
def test_no_byline_marks_between_title_and_abstract(name: str) -> None:
    text = clean_text(str(GOLD / f"{name}.pdf"))
    head = text[: text.index("Abstract")]
    assert [block for block in head.split("\n\n") if block.strip()] == [
        block for block in head.split("\n\n") if any(c.isalpha() for c in block)
    ]
    assert "Ivanova" not in head


@needs_gold
def test_a_body_number_on_page_one_stays_body() -> None:
    roles = dict(_page_one_roles("preprint-A00-1031"))
    assert roles["1 Introduction"] == "body"


ELSEVIER = Path(
    "/work/shared/data/pdfs/papermage_key-error-585bcfc650f744efa7942900b742c1b64863350e.pdf"
)


@pytest.mark.skipif(not ELSEVIER.is_file(), reason="the shared PDFs are not here")
def test_a_raised_letter_mark_takes_its_neighbours_role() -> None:
    """An Elsevier preprint (papermage's fixture): a raised "a" in 7-point type after
    "Andre\u00b4" and a 6-point "a" before the affiliation, each a line of its own."""
    extraction = extract_pdf(ELSEVIER.read_bytes())
    lines = extraction.lines
    assert lines is not None
    roles = line_roles(lines, extraction.text)
    page_one = [
        (extraction.text[lines.start[i] : lines.end[i]], str(roles[i]))
        for i in range(len(lines))
        if lines.page[i] == 0
    ]
    marks = [role for text, role in page_one[:12] if text == "a"]
    assert marks == ["author", "affiliation"]
