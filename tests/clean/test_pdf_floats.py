"""Floats leave the sentence flow: a footnote, caption or table that interrupts a paragraph is
moved after it, and every moved character still maps back to its page (issue 14).

Real PDFs from bench/data/realdocs (origin, commit and license in its index.jsonl):
science-parse's ACL 2007 paper (p07-1088), whose page 2 ends mid-sentence above footnote 1, the
sentence going on at the top of page 3.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from precis.api import clean_text, load
from precis.ingest.pdf import extract_pdf

REALDOCS = Path(__file__).resolve().parents[2] / "bench" / "data" / "realdocs" / "pdf"
PAPER = REALDOCS / "sciparse-p07-1088.pdf"
FOOTNOTE = (
    "1 For clarity, our discussion focuses on relations between pairs of arguments. However, "
    "the methods we propose can be extended to relations of any arity."
)


@pytest.fixture(scope="module")
def paper():  # type: ignore[no-untyped-def]
    return load(PAPER)


def test_a_sentence_reads_on_across_the_footnote_that_interrupted_it(paper) -> None:  # type: ignore[no-untyped-def]
    at = paper.text.index("tends to be \u201cmore similar\u201d to")
    sentence = next(s for s in paper.sentences if s.start <= at < s.end)
    assert sentence.text.endswith(
        "tends to be \u201cmore similar\u201d to P(w1, ..., wn|wi = e1, wj = e2) when the "
        "extraction (e1, e2) is correct."
    )
    assert "For clarity" not in sentence.text
    assert (sentence.source.page, sentence.source.end_page) == (2, 3)


def test_the_footnote_is_a_block_of_its_own_that_maps_to_its_page(paper) -> None:  # type: ignore[no-untyped-def]
    block = next(p for p in paper.paragraphs if paper.text[p.start : p.end] == FOOTNOTE)
    assert block.kind == "footnote"
    assert block.source.page == block.source.end_page == 2
    extraction = extract_pdf(PAPER.read_bytes())
    source = extraction.text[block.source.start : block.source.end]
    assert " ".join(source.split()) == FOOTNOTE
    paper.validate()


def test_the_reading_flow_leaves_footnotes_and_captions_out(paper) -> None:  # type: ignore[no-untyped-def]
    flow = clean_text(PAPER)
    assert "For clarity, our discussion focuses" not in flow
    assert "tends to be \u201cmore similar\u201d to P(w1" in flow
    kinds = {p.kind for p in paper.paragraphs}
    assert {"footnote", "caption", "title", "author", "email"} <= kinds
