"""Unlabelled captions whose figure ends the column before (issue 14).

In pdf_gold's magazine layout (``/work/shared/data/pdf_gold``, MANIFEST.md) multicol may break
a column between a figure box and its italic caption: on page 2 of magazine-news1837ffd3 the box
fills the foot of the middle column and its caption opens the right-hand column, with no empty
stretch above it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from precis.api import clean_text
from precis.ingest.pdf import extract_pdf
from precis.ingest.pdf_roles import line_roles

GOLD = Path("/work/shared/data/pdf_gold")
needs_gold = pytest.mark.skipif(not GOLD.is_dir(), reason="pdf_gold is not here")
NAME = "magazine-news1837ffd3"


def _roles(name: str) -> dict[str, str]:
    extraction = extract_pdf((GOLD / f"{name}.pdf").read_bytes())
    lines = extraction.lines
    assert lines is not None
    roles = line_roles(lines, extraction.text)
    return {
        extraction.text[s:e]: str(r)
        for s, e, r in zip(lines.start.tolist(), lines.end.tolist(), roles, strict=True)
    }


@needs_gold
@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("Calling Anzac\u2019s war criminals on this sacred", "caption"),
        ("day!\u2019", "caption"),
        ("\u2018Come on SBS this disrespectful lit", "body"),  # the column goes on
        ("Flag bearers stand to attention", "body"),  # under the pull quote: no figure above
    ],
)
def test_caption_after_a_column_break_from_its_figure(line: str, role: str) -> None:
    assert _roles(NAME)[line] == role


@needs_gold
def test_caption_after_a_column_break_leaves_the_reading_flow() -> None:
    text = clean_text(str(GOLD / f"{NAME}.pdf"))
    assert "war criminals on this sacred" not in text
    assert "Come on SBS this disrespectful little grub" in text
