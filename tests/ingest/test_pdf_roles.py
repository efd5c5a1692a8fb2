"""Every PDF text line's role (issue 14), on real PDFs.

pdf_gold (``/work/shared/data/pdf_gold``, see its MANIFEST.md): pdfTeX documents whose
``roles.json`` names every block's role; acl2col-C04-1059 is a two-column ACL paper with
footnotes, a table and captions, journal-C90-3045 a one-column article whose affiliations are
unnumbered footnotes on page 1. science-parse's ``sciparse-p07-1088.pdf`` (ACL 2007, in
bench/data/realdocs; origin and license in its index.jsonl) has a two-line title, three authors
on one line, a three-line affiliation and one e-mail line.
"""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np
import pytest

from precis.ingest.pdf import extract_pdf
from precis.ingest.pdf_roles import ROLES, body_size, line_roles

REALDOCS = Path(__file__).resolve().parents[2] / "bench" / "data" / "realdocs" / "pdf"
GOLD = Path("/work/shared/data/pdf_gold")
needs_gold = pytest.mark.skipif(not GOLD.is_dir(), reason="pdf_gold is not here")


@functools.cache
def _roles(path: Path) -> dict[str, str]:
    """Each line's text (first occurrence) and its role."""
    extraction = extract_pdf(path.read_bytes())
    lines = extraction.lines
    assert lines is not None
    roles = line_roles(lines, extraction.text)
    found: dict[str, str] = {}
    for start, end, role in zip(lines.start, lines.end, roles, strict=True):
        found.setdefault(extraction.text[start:end], str(role))
    return found


@needs_gold
def test_line_roles_gives_one_known_role_per_line() -> None:
    extraction = extract_pdf((GOLD / "acl2col-C04-1059.pdf").read_bytes())
    assert extraction.lines is not None
    roles = line_roles(extraction.lines, extraction.text)
    assert len(roles) == len(extraction.lines)
    assert set(roles.tolist()) <= set(ROLES)
    assert (roles == "body").mean() > 0.8


@needs_gold
def test_body_size_is_the_layouts_text_size() -> None:
    extraction = extract_pdf((GOLD / "acl2col-C04-1059.pdf").read_bytes())
    assert extraction.lines is not None
    assert body_size(extraction.lines) == pytest.approx(10.0, abs=0.1)  # 10pt Times


@needs_gold
@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("Language Model Adaptation For Statistical Machine Translation Via", "title"),
        ("Structured Query Models", "title"),
        ("Günter Šimková", "author"),
        ("Department of Computer Science,", "affiliation"),
        ("de São Paulo, Brazil", "affiliation"),
        ("gsimkova@aalto.fi", "email"),
        ("1The last simplification is each n-gram within the set of is t v has", "footnote"),
        ("an equal weight, i.e. we do not use the translation probabilities of the", "footnote"),
        ("4A second interesting question is if the translation probabilities", "footnote"),
        ("Figure 1: There is no explicit removal of stop words as", "caption"),
        ("words.", "caption"),
        ("Model Accuracy Coverage Time (s)", "table"),
        ("Oracle 79.1 79.8 100.0", "table"),
        ("Abstract", "body"),
        ("Language models (LM) are applied in many natu", "body"),
        ("words general English news text collection. This LM", "body"),  # under a caption
        ("7.8500 7.9000 7.9500 8.0000 AFE APW NYT XIE", "body"),  # numbers in the body text
        ("757", "body"),  # the page number is not ours to take
    ],
)
def test_line_roles_of_an_acl_paper(line: str, role: str) -> None:
    assert _roles(GOLD / "acl2col-C04-1059.pdf")[line] == role


@needs_gold
@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("Department of Linguistics, Stockholm University, Sweden.", "affiliation"),
        ("MD.", "affiliation"),  # the affiliation note's second line
        ("Correspondence: obrien@ling.su.se", "email"),
        ("KEY WORDS: synchronous; derivation; grammar; language; seman", "keywords"),
        ("tic", "keywords"),
        ("Jürgen O’Brien and Iñaki Šimková", "author"),
        ("Political Psychology, Vol. 13, No. 1, 2009", "body"),  # a journal line, not a note
    ],
)
def test_line_roles_of_affiliation_footnotes_on_page_one(line: str, role: str) -> None:
    assert _roles(GOLD / "journal-C90-3045.pdf")[line] == role


@needs_gold
def test_a_block_quote_in_small_type_at_the_foot_stays_body() -> None:
    """journal-E06-1032 ends page 9 with a smaller, indented quotation: no footnote."""
    roles = _roles(GOLD / "journal-E06-1032.pdf")
    assert roles["Both these approaches potentially suffer from the same weaknesses"] == "body"
    assert roles["non-n-gram-based counterparts."] == "body"


@needs_gold
def test_a_reference_list_in_small_type_is_no_footnote() -> None:
    """The last page's references (hanging indents, smaller type) sit below every body line."""
    roles = _roles(GOLD / "acl2col-C04-1059.pdf")
    assert roles["Helena Lemur. 2003. Deterministic Dependency Parsing Of"] == "body"


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("Sparse Information Extraction:", "title"),
        ("Unsupervised Language Models to the Rescue", "title"),
        ("Doug Downey, Stefan Schoenmackers, and Oren Etzioni", "author"),
        ("Turing Center, Department of Computer Science and Engineering", "affiliation"),
        ("Seattle, WA 98195, USA", "affiliation"),
        ("{ddowney,stef,etzioni}@cs.washington.edu", "email"),
        ("Abstract", "body"),
        ("Even in a massive corpus such as the Web, a", "body"),
    ],
)
def test_line_roles_of_an_acl_2007_paper(line: str, role: str) -> None:
    assert _roles(REALDOCS / "sciparse-p07-1088.pdf")[line] == role


def test_a_caption_in_body_size_ends_at_its_sentence() -> None:
    """p07-1088 page 3: body text follows "Figure 1: ..." with no gap; it stays body."""
    roles = _roles(REALDOCS / "sciparse-p07-1088.pdf")
    assert roles["Figure 1: Pseudocode for REALM at run-time."] == "caption"
    assert roles["The language models used by the HMM-T and"] == "body"


def test_line_roles_of_no_lines_is_empty() -> None:
    from precis.ingest.pdf_lines import join_lines

    roles = line_roles(join_lines([], []), "")
    assert isinstance(roles, np.ndarray)
    assert roles.shape == (0,)
