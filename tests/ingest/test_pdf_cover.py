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


def test_a_transcript_title_page_alone_has_nothing_to_summarize() -> None:
    """The SCOTUS transcript's one page is its cover: case caption, the court's standard line
    ("The above-entitled matter came on for oral argument ..."), appearances. None of it is a
    sentence of the argument, and the document says why it has none."""
    doc = load(REALDOCS / "pdfplumber-scotus-transcript.pdf")
    assert {p.kind for p in doc.paragraphs} <= {"cover", "table"}
    assert any("above-entitled matter" in doc.text[p.start : p.end] for p in doc.paragraphs)
    assert doc.sentences == ()
    assert doc.warnings == (
        "no body text to summarize: the document holds only cover and table blocks",
    )


@pytest.mark.parametrize(
    ("lines", "caption"),
    [
        (["MICHAEL A. KNOWLES, : WARDEN, :", "Petitioner :", "v. : No. 07-1315"], True),
        (["JOHN DOE,", "Plaintiff-Appellant,", "v.", "ACME CORP.,", "Defendant-Appellee."], True),
        (["Respondents were asked to rate each item.", "v. 2.1 of the survey"], False),
        (["Brown v. Board of Education changed the law.", "Petitioner :"], False),
    ],
)
def test_a_case_caption_is_a_parties_line_and_a_versus_line(
    lines: list[str], caption: bool
) -> None:
    from precis.ingest.pdf_cover import _court_caption

    assert _court_caption(lines) is caption
