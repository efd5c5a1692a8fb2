"""Every PDF text line's role (issue 14), on real PDFs.

pdf_gold (``/work/shared/data/pdf_gold``, see its MANIFEST.md): pdfTeX documents whose
``roles.json`` names every block's role; acl2col-C04-1059 is a two-column ACL paper with
footnotes, a table and captions, journal-C90-3045 a one-column article whose affiliations are
unnumbered footnotes on page 1. science-parse's ``sciparse-p07-1088.pdf`` (ACL 2007, in
bench/data/realdocs; origin and license in its index.jsonl) has a two-line title, three authors
on one line, a three-line affiliation and one e-mail line. pdf_gold's magazine layout has framed
pull quotes (larger italic, repeating a body sentence) and italic captions with no "Figure N";
its preprint layout has verbatim pseudo-code blocks.
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


@needs_gold
@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("\u201cWhen the elevator didn\u2019t", "pull_quote"),
        ("come, that just made the day", "pull_quote"),
        ("perfect.\u201d", "pull_quote"),
        ("When the elevator didn\u2019t come,", "body"),  # the body sentence it repeats
        (
            "He was dangerously insane. He threatened to destroy everything that was noble and decent\u2014",
            "body",
        ),  # the deck: larger italic, said once  # noqa: E501
        ("He stood close behind me, the gun pressed", "caption"),  # italic, no "Figure N"
        ("this gun in my pocket.", "caption"),
        ("I nodded.", "body"),  # right under the caption
    ],
)
def test_line_roles_of_a_magazine_story(line: str, role: str) -> None:
    assert _roles(GOLD / "magazine-sq51687.pdf")[line] == role


@needs_gold
@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("Algorithm 1: Perceptron training", "algorithm"),
        ("input: training set D = {(x_i, y_i)}, epochs T", "algorithm"),
        ("return w", "algorithm"),  # on the next page, after the page number
        ("parts, company names and related objects.", "body"),  # the paragraph above
        (
            "For example,in consumer electronic domain, \u201cCanon PowerShot\u201d, \u201cimage qual",
            "body",
        ),  # noqa: E501
    ],
)
def test_line_roles_of_pseudo_code_in_a_preprint(line: str, role: str) -> None:
    assert _roles(GOLD / "preprint-D09-1159.pdf")[line] == role


@needs_gold
def test_a_footnote_broken_off_at_a_page_end_goes_on_over_the_page() -> None:
    """book-N04-1025: note 1 ends "...for the Reading A-Z data," on page 16."""
    roles = _roles(GOLD / "book-N04-1025.pdf")
    assert roles["probably because of the noisy sentence structure."] == "footnote"


@needs_gold
def test_two_equal_affiliation_notes_are_no_quotation() -> None:
    """journal-A00-2019's two affiliation notes print the same line twice (same width)."""
    roles = _roles(GOLD / "journal-A00-2019.pdf")
    assert roles["Department of English, Universitat de Barcelona, Spain."] == "affiliation"


def test_code_listings_are_algorithm_and_monospace_prose_is_body() -> None:
    """map-reduce (OSDI 2004) prints C++ and pseudo-code listings; tracemonkey (PLDI 2009)
    names benchmarks in a justified run of monospace prose on page 10."""
    code = _roles(REALDOCS / "sciparse-map-reduce.pdf")
    assert code["map(String key, String value):"] == "algorithm"
    assert code["class WordCounter : public Mapper {"] == "algorithm"
    prose = _roles(REALDOCS / "pdfjs-tracemonkey.pdf")
    assert prose["(3d-morph, bitops-3bit-bits-in-byte, bitops-bitwise"] == "body"
    assert prose["1 for (var i = 2; i < 100; ++i) {"] == "algorithm"


def test_a_transcript_set_in_monospace_has_no_algorithm() -> None:
    """The SCOTUS transcript is all Courier: monospace is its body type."""
    assert "algorithm" not in _roles(REALDOCS / "pdfplumber-scotus-transcript.pdf").values()


def test_line_roles_of_no_lines_is_empty() -> None:
    from precis.ingest.pdf_lines import join_lines

    roles = line_roles(join_lines([], []), "")
    assert isinstance(roles, np.ndarray)
    assert roles.shape == (0,)


@needs_gold
@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("P(w1, . . . , wn) = Yn", "equation"),  # centred, math italic, "= ∏"
        ("i=1", "equation"),  # the product's limit, a line of its own
        ("| wi\u22122, wi\u22121) (1)", "equation"),  # ends with the number at the margin
        ("L(\u03b8) = \u2212", "equation"),  # align, first line
        ("+ \u03bb\u2225\u03b8\u2225", "equation"),  # align, second line
        ("(3)", "equation"),
        ("\u03ba =", "equation"),  # a fraction: "κ =", numerator, denominator
        ("po \u2212 pe", "equation"),
        ("1 \u2212 pe", "equation"),
        (
            "The expectation is that the larger general-domain model should dominate in regions",
            "body",
        ),
        (
            "p given a language model q is: where H(p, q) is the cross-entropy between p and q. We",
            "body",
        ),
    ],
)
def test_line_roles_of_display_equations_in_a_preprint(line: str, role: str) -> None:
    assert _roles(GOLD / "preprint-D11-1033.pdf")[line] == role


@needs_gold
@pytest.mark.parametrize(
    ("name", "line"),
    [
        ("preprint-A00-1031", "P are maximum likelihood estimates of the probabilities, and A1 + A2 \u00b1 A3 = 1, SO P"),
        ("preprint-A00-1031", "f (ti,t2,t3) >0 depending on the maximum of the following three values: for i = m ... 0,"),
        ("preprint-N04-1042", "7"),  # the page number right under "F1 = ... (2)"
    ],
)  # fmt: skip
def test_a_formula_in_a_body_line_and_a_page_number_stay_body(name: str, line: str) -> None:
    assert _roles(GOLD / f"{name}.pdf")[line] == "body"


@needs_gold
def test_display_equations_leave_the_reading_flow() -> None:
    """preprint-D11-1033 printed "P(w1, . . . , wn) = Yn i=1 / P(wi / | wi-2, wi-1) (1) The
    expectation is ..." in the middle of its text; the paragraph after an equation is its own."""
    from precis.api import clean_text

    text = clean_text(GOLD / "preprint-D11-1033.pdf")
    assert "Yn" not in text and "wi\u22122" not in text and "\u03bb\u2225\u03b8\u2225" not in text
    assert "in-domain data, too.\n\nThe expectation is that the larger" in text


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("ds2 = c2", "equation"),  # JCAP 2008 (CMR/CMMI), equation (5) in pieces
        ("1+2E(r)", "equation"),
        (", (5)", "equation"),
        ("\u03ba\u03c1(r, t)c2 = 2M", "equation"),
        ("irrotational solution of the Einstein equations. Its metric is of the following form:", "body"),
        ("where d\u03a92 =d\u03b82 + sin2 \u03b8 d\u03c62. Because of the signature (+, \u2212, \u2212, \u2212), the E(r) function", "body"),
        ("t0 = 11.4421 \u00d7 109 y.", "body"),  # a sentence's end, at a list's indent
        (", \u03c3 =0.6 Mpc, and H0\u03b4H = 12 km s\u22121 Mpc\u22121", "body"),  # rest of a body line
    ],
)  # fmt: skip
def test_line_roles_of_display_equations_in_a_cosmology_paper(line: str, role: str) -> None:
    assert _roles(REALDOCS / "grobid-jcap-cosmology.pdf")[line] == role


@pytest.mark.parametrize(
    ("name", "line"),
    [
        ("sciparse-senellart10", "i \u2286 Ni;"),  # after a superscript that only touches its line
        ("sciparse-senellart10", "pu,v = 1."),  # "we have Σ pu,v = 1." in an indented item
        ("grobid-jss-timp", "list(maxiter = x, . . .)))"),  # code in a list item, monospace
    ],
)
def test_inline_math_set_in_from_the_edge_stays_body(name: str, line: str) -> None:
    assert _roles(REALDOCS / f"{name}.pdf")[line] == "body"


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("Zejiang Shen\u2020 Kyle Lo\u2020 Lauren Yu\u2666 Nathan Dahlberg", "author"),
        ("Margo Schlanger\u2666 Doug Downey\u2020,\u2663", "author"),
        (
            "\u2020Allen Institute for AI \u2666University of Michigan \u2663Northwestern University",
            "affiliation",
        ),
        ("Abstract", "body"),
    ],
)
def test_author_lines_with_symbol_marks(line: str, role: str) -> None:
    """Multi-LexSum (/work/shared/data/pdfs, from papermage's tests): names separated by marks."""
    path = Path("/work/shared/data/pdfs/papermage_2206.10883v3.pdf")
    if not path.is_file():
        pytest.skip("shared pdfs are not here")
    assert _roles(path)[line] == role


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("LEANA GOLUBCHIK", "author"),
        ("SANJEEV KHANNA", "author"),
        ("University of Pennsylvania, Philadelphia", "affiliation"),
    ],
)
def test_a_name_in_capitals_after_an_affiliation_starts_the_next_author(
    line: str, role: str
) -> None:
    """ACM journal layout: name, affiliation lines, "and", the next name."""
    assert _roles(REALDOCS / "sciparse-acm-data-placement.pdf")[line] == role


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("+ Google YouTube", "table"),  # a table of words in small type over its caption
        ("\u2212 Pfizer Teva", "table"),
        ("Table 1: Corporate Acquisition Pairs.", "caption"),
        ("arguments. In Section 6 we describe a method for", "body"),
    ],
)
def test_a_table_of_words_over_its_caption(line: str, role: str) -> None:
    assert _roles(REALDOCS / "sciparse-bunescu-acl07.pdf")[line] == role


def test_unmarked_notes_at_a_first_page_foot_are_footnotes() -> None:
    roles = _roles(REALDOCS / "sciparse-acm-data-placement.pdf")
    assert (
        roles[
            "A preliminary version of this paper was presented at the ACM-SIAM Symposium on Discrete"
        ]
        == "footnote"
    )
    assert roles["Google Inc, Mountain View."] == "affiliation"


def test_a_chart_note_in_small_type_is_caption() -> None:
    """tabula's EFSA report excerpt (bench/data/realdocs): the chart's note in 7 points goes
    with the chart, the body in 10 points after it stays body (issue 14)."""
    roles = _roles(REALDOCS / "tabula-efsa-zoonoses.pdf")
    note = next(line for line in roles if line.startswith("Note: MSs have been ranked"))
    assert roles[note] == "caption"
    assert roles["scales differ among rows"] == "caption"
    body = next(line for line in roles if line.startswith("In 2007, a smaller proportion"))
    assert roles[body] == "body"


@pytest.mark.parametrize(
    ("name", "line"),
    [
        ("sciparse-p07-1088.pdf", "Prague, Czech Republic, June 2007."),
        ("sciparse-p07-1088.pdf", "c 2007 Association for Computational Linguistics"),
        ("pdfplumber-federal-register.pdf", "This section of the FEDERAL REGISTER"),
        ("pdfplumber-federal-register.pdf", "rule making prior to the adoption of the final"),
    ],
)
def test_small_type_read_before_the_title_is_a_journal_line(name: str, line: str) -> None:
    """An ACL paper's proceedings and copyright lines, the Federal Register's standard notice
    boxed under its masthead: the publication's text, read before the document's title."""
    assert _roles(REALDOCS / name)[line] == "journal_line"


def test_body_type_before_the_title_stays_body() -> None:
    """An AI Magazine article's lead paragraph is read before its title, in body type."""
    roles = _roles(REALDOCS / "sciparse-ai-magazine.pdf")
    assert roles["Human reading relies on a mixture of domain-indepen"] == "body"
