"""Cover pages of real PDFs (bench/data/realdocs, origins in its index.jsonl), issue 14."""

from __future__ import annotations

from pathlib import Path

import pytest

from precis.api import load

REALDOCS = Path(__file__).resolve().parents[2] / "bench" / "data" / "realdocs" / "pdf"


@pytest.mark.parametrize(
    ("name", "tagline"),
    [
        ("unstructured-cancer-guide.pdf", "A guide for people with cancer"),
        ("unstructured-reliance-overview.pdf", "For an inclusive ecosystem"),
        ("docling-ibm-redpaper.pdf", "Implement roles and separation of duties"),
    ],
)
def test_a_cover_page_is_no_body_text(name: str, tagline: str) -> None:
    doc = load(REALDOCS / name)
    covers = [p for p in doc.paragraphs if p.kind == "cover"]
    assert any(doc.text[p.start : p.end].startswith(tagline) for p in covers)
    on_cover = {p.index for p in covers}
    assert not any(s.paragraph in on_cover for s in doc.sentences)


def test_a_paper_first_page_is_no_cover() -> None:
    doc = load(REALDOCS / "sciparse-map-reduce.pdf")
    assert not any(p.kind == "cover" for p in doc.paragraphs)
    assert doc.metadata.title and doc.metadata.title.startswith("MapReduce")
