"""Layout repair on pdfium-style text: pages joined by form feeds, lines ending in \\r\\n."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from precis.api import clean_text, load
from precis.clean import pdf_layout
from precis.clean.hyphen_join import should_join
from precis.clean.pdf_layout import pdf_layout_edits
from precis.clean.pdf_paragraphs import starts_block
from precis.offsets import apply_edits

FILL = "And the rivalry went on for many years without any sign that either side would stop its"
FIRST_PAGE = 729
LETTERS = "abcdefghij"


def pdfium_text(pages: list[list[str]]) -> tuple[str, list[int]]:
    """Join lines like pdfium (\\r\\n, and no break after U+FFFE) and pages with \\f."""
    texts = []
    for lines in pages:
        out = ""
        for k, line in enumerate(lines):
            out += line
            if k + 1 < len(lines) and not line.endswith("\ufffe"):
                out += "\r\n"
        texts.append(out)
    starts, pos = [], 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + 1
    return "\f".join(texts), starts


def clean(pages: list[list[str]]) -> str:
    text, starts = pdfium_text(pages)
    return apply_edits(text, pdf_layout_edits(text, starts))[0]


def body(n: int, tag: str) -> list[str]:
    """``n`` full-width body lines of one running paragraph (tags without digits)."""
    return [f"{FILL} {tag}{LETTERS[k]}" for k in range(n)]


def tag(page: int) -> str:
    """A per-page word without digits (digits would make body lines look like running heads)."""
    return f"p{LETTERS[page]}x"


def journal(n_pages: int = 4) -> list[list[str]]:
    """Pages with alternating running heads and a bare page number in the footer."""
    pages = []
    for p in range(n_pages):
        n = FIRST_PAGE + p
        head = [f"{n} Belkin and Blight" if n % 2 == 0 else f"Belkin and Blight {n}"] if p else []
        pages.append(head + body(6, tag(p)) + [str(p + 1)])
    return pages


def test_pdf_layout_removes_alternating_headers_and_page_numbers() -> None:
    out = clean(journal())
    assert "Belkin" not in out
    assert out.split() == [w for p in range(4) for w in " ".join(body(6, tag(p))).split()]


def test_pdf_layout_removes_page_x_of_y_footers() -> None:
    pages = [body(5, tag(p)) + [f"Page {p + 1} of 3"] for p in range(3)]
    assert "Page" not in clean(pages)


def test_pdf_layout_keeps_content_that_appears_twice() -> None:
    line = "The treaty was signed in 1919 by all parties."
    pages = [[line] + body(5, "a"), ["Short intro."] + body(5, "b"), [line] + body(5, "c")]
    assert clean(pages).count(line) == 2


def test_pdf_layout_keeps_numbered_lines_that_do_not_track_pages() -> None:
    pages = [["In 1914 war broke out across Europe."] + body(4, tag(p)) for p in range(2)]
    assert clean(pages).count("In 1914 war broke out") == 2


def test_pdf_layout_repairs_header_pasted_into_hyphenated_word() -> None:
    # pdfium glues the line after a line-end hyphen on without a break: "se\ufffe730 Belkin..."
    pages = journal(3)
    pages[0] = body(5, "a") + ["perception of se\ufffe", "1"]
    pages[1] = ["730 Belkin and Blight", "curity held by leaders. It ended."] + body(5, "b") + ["2"]
    out = clean(pages)
    assert "perception of security held by leaders." in out
    assert "730" not in out


def test_pdf_layout_repairs_header_at_page_end_after_hyphen() -> None:
    pages = [body(5, tag(p)) + [f"{FIRST_PAGE + p} Belkin and Blight"] for p in range(3)]
    pages[0][-2:] = ["the sense of se\ufffe" + pages[0][-1]]
    pages[1].insert(0, "curity was lost")
    assert "the sense of security was lost" in clean(pages)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["the parliament kept autho\ufffe", "rizing budgets"], "authorizing budgets"),
        (["the parliament kept autho-", "rizing budgets"], "authorizing budgets"),
        (["the great\ufffe", "power rivalry"], "great-power rivalry"),
        (["the great-", "power rivalry"], "great-power rivalry"),
        (["a soft\u00ad", "ware fault"], "software fault"),
        (["both short\ufffe", "and long-term effects"], "short- and long-term"),
        (["the years 1990-", "2000 saw"], "1990-2000 saw"),
        (["the anti\ufffe", "American mood"], "anti-American mood"),
    ],
)
def test_pdf_layout_hyphenation(lines: list[str], expected: str) -> None:
    assert expected in clean([lines])


def test_pdf_layout_hyphenation_prefers_document_evidence() -> None:
    # "wellknown" is in the lexicon, but this document writes "well-known"
    out = clean([["it is a well-known fact and a well\ufffe", "known one too"]])
    assert "a well-known one" in out
    out = clean([["the e-mail and the e\ufffe", "mail"]])  # lexicon alone would say "email"
    assert out.endswith("the e-mail")


def test_should_join_uses_lexicon_without_evidence() -> None:
    assert should_join("autho", "rizing", {})
    assert not should_join("great", "power", {})
    assert should_join("se", "curity", {})


@pytest.mark.parametrize(
    ("left", "right", "join"),
    [
        ("soul", "less", True),  # regression: both halves are common words, yet one word
        ("under", "standing", True),
        ("pre", "processing", True),
        ("decision", "making", False),  # written as two words far more often: a compound
        ("long", "term", False),
        ("well", "known", False),
        ("chest", "shattering", False),  # unknown joined form, two real words
    ],
)
def test_should_join_compound_or_hyphenated_word(left: str, right: str, join: bool) -> None:
    assert should_join(left, right, {}) is join


def test_pdf_layout_joins_paragraph_lines_with_one_space() -> None:
    out = clean([[FILL, FILL, "the end of it."]])
    assert out == f"{FILL} {FILL} the end of it."


def test_pdf_layout_breaks_after_short_sentence_end() -> None:
    out = clean([[FILL, "the end of it.", FILL, "more."]])
    assert out == f"{FILL} the end of it.\n\n{FILL} more."


def test_pdf_layout_keeps_full_line_sentence_end_in_paragraph() -> None:
    out = clean([[FILL + " end.", FILL + " end."] + [FILL] * 6])
    assert "\n" not in out


def test_pdf_layout_breaks_at_blank_and_indented_lines() -> None:
    out = clean([[FILL, "", FILL, " indented start", FILL]])
    assert out == f"{FILL}\n\n{FILL}\n\nindented start {FILL}"


def test_pdf_layout_joins_paragraph_across_pages() -> None:
    out = clean([body(5, "a") + ["the war"], ["went on. " + FILL] + body(5, "b")])
    assert "the war went on." in out
    assert "\f" not in out and "\n" not in out


@pytest.mark.parametrize(
    "heading",
    ["1 Introduction", "2.3 Results", "DISCUSSION", "Cases and Coding Rules", "Abstract"],
)
def test_pdf_layout_keeps_headings_as_blocks(heading: str) -> None:
    out = clean([["Some sentence.", heading, FILL, FILL, "end."] + [FILL] * 4 + ["end."]])
    assert f"Some sentence.\n\n{heading}\n\n{FILL} {FILL}" in out


def test_pdf_layout_does_not_take_mid_sentence_line_for_heading() -> None:
    out = clean([[FILL, "United Nations", "was founded. " + FILL] + [FILL] * 6])
    assert "\n" not in out


def test_pdf_layout_empty_text() -> None:
    assert pdf_layout_edits("", []) == []
    assert pdf_layout_edits("\f\r\n", [0, 1]) == [(0, 3, "")]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(
            st.text(alphabet="ab -.1\u00adA\ufffe\r\n ", max_size=30),
            max_size=8,
        ),
        min_size=1,
        max_size=4,
    )
)
def test_pdf_layout_edits_are_valid_on_any_text(pages: list[list[str]]) -> None:
    text, starts = pdfium_text(pages)
    edits = pdf_layout_edits(text, starts)
    out, offset_map = apply_edits(text, edits)  # raises on unsorted or overlapping edits
    assert "\f" not in out and "\r" not in out and "\n\n\n" not in out
    assert out == out.strip()
    assert offset_map.span_to_old(0, len(out))[1] <= len(text)


# issue 13: heads found from page numbers, not recurrence alone


def test_pdf_layout_journal_excerpt_comes_out_clean() -> None:
    from tests.pdf_factory import journal_excerpt_pdf

    from precis.api import load

    text = load(journal_excerpt_pdf()).text
    for furniture in ("729", "730", "731", "732", "Belkin", "Triangular", "Mutual"):
        assert furniture not in text
    assert "the psychology and security of the leaders" in text


def test_pdf_layout_removes_one_off_head_whose_number_fits() -> None:
    pages = journal(4)
    pages[2][0] = "Triangular Mutual Security 731"
    out = clean(pages)
    assert "Triangular" not in out and "731" not in out


@pytest.mark.parametrize(
    "footer",
    [
        "PLOS ONE | https://doi.org/10.1371/journal.pone.0198765 June 13, 2018 {n} / 21",
        "Copyright Office Summary December 1998 Page {n}",
        "- {n} -",
    ],
)
def test_pdf_layout_removes_numbered_footers_that_differ_per_page(footer: str) -> None:
    # page 2's footer differs in text ("May"), so only its number shows it is furniture
    pages = [
        body(6, tag(p)) + [footer.format(n=p + 1).replace("June", ["June", "May"][p % 2])]
        for p in range(3)
    ]
    out = clean(pages)
    assert "Page" not in out and "PLOS" not in out and " / 21" not in out and "- 2 -" not in out


def test_pdf_layout_keeps_body_line_with_the_page_number() -> None:
    # "... in 731" at a page bottom: a sentence, not a head, though its number fits page 731
    pages = journal(4)
    pages[2].insert(-1, "The treaty was finally ratified in 731")
    pages[3].insert(1, "the following year in 732.")
    out = clean(pages)
    assert "ratified in 731" in out and "year in 732." in out


def test_pdf_layout_removes_first_page_proceedings_footer() -> None:
    pages = [body(6, tag(p)) + [str(757 + p)] for p in range(3)]
    pages[0] += [
        "Proceedings of the 42nd Annual Meeting of the ACL, pages 757-759, June 1-5, 2004. (c) 2004",
        "Association for Computational Linguistics",
    ]
    out = clean(pages)
    assert "Proceedings" not in out and "Association" not in out and "757" not in out


def test_pdf_layout_strips_page_number_merged_into_last_line() -> None:
    # pdfium merges a centred page number into the body line above it: "... has 1"
    pages = [body(6, tag(p)) + [str(p + 1)] for p in range(4)]
    pages[0][-1] = FILL + " has 1"
    pages[0].pop(-2)
    out = clean(pages)
    assert f"{FILL} has {tag(1)}" not in out  # the paragraph goes on across the page
    assert " has 1" not in out and f"{FILL} has" in out


# issue 13: the title that later pages repeat as their head, heads that pdfium puts mid-page,
# first-page furniture without a page number, and body lines that only look like heads


def test_pdf_layout_keeps_title_that_later_pages_use_as_head() -> None:
    from pathlib import Path

    from precis.api import load

    example = Path(__file__).resolve().parents[2] / "examples" / "beast-jewel-of-mars.pdf"
    text = load(str(example)).text
    assert text.startswith("The Beast-Jewel of Mars\n\nBy V. E. THIESSEN")
    assert "Planet Stories \u2022 Page" not in text and "Beast-Jewel of Mars 3" not in text


def test_pdf_layout_keeps_first_page_title_equal_to_numbered_head() -> None:
    pages = [[f"Distant Stars {p + 1}"] + body(6, tag(p)) for p in range(4)]
    pages[0].insert(1, "Distant Stars")
    out = clean(pages)
    assert out.startswith("Distant Stars\n\n") and "Distant Stars 2" not in out


def test_pdf_layout_removes_heads_that_pdfium_puts_mid_page() -> None:
    # AI Magazine: "Articles" / "102 AI MAGAZINE" drawn mid-stream, inside a hyphenated word
    pages = []
    for p in range(6):
        folio = f"{93 + p} AI MAGAZINE" if p % 2 else f"FALL 2010 {93 + p}"
        lines = body(10, tag(p))
        pages.append([*lines[:5], "Articles", folio, *lines[5:]])
    pages[5][4] += " Con\ufffe"
    pages[5][7] = "ference " + pages[5][7]
    out = clean(pages)
    assert "Articles" not in out and "MAGAZINE" not in out and "FALL" not in out
    assert "Conference" in out


@pytest.mark.parametrize(
    "line",
    [
        "DOI 10.1109/DSDE.2010.49",
        "1051\u20138215/97$10.00 \u00a9 1997 IEEE",
        "978-0-7695-3958-4/10 $26.00 \u00a9 2010 IEEE",
        "0142-5455",
    ],
)
def test_pdf_layout_removes_first_page_imprint_lines(line: str) -> None:
    pages = [body(6, tag(p)) + [str(p + 1)] for p in range(3)]
    pages[0].insert(-1, line)
    out = clean(pages)
    assert line.split()[0] not in out


@pytest.mark.parametrize(
    "line",
    ["(4) In the Operating Procedures chapter,", "(Continued on page 5)"],
)
def test_pdf_layout_keeps_recurring_body_lines_that_look_like_heads(line: str) -> None:
    pages = [[f"Federal Register {100 + p}"] + body(6, tag(p)) for p in range(5)]
    for p in range(1, 5):
        pages[p].insert(1, line.replace("4", str(p)).replace("5", str(p + 2)))
    out = clean(pages)
    assert out.count(line.split()[1]) >= 4 and "Federal Register" not in out


def test_a_chapter_heading_under_heads_that_repeat_it_with_a_page_number_stays() -> None:
    """pdf_gold's book layout: a chapter opens with "Chapter I" and its pages are headed
    "Chapter I 3"; the opening heading is no running head (issue 14)."""
    gold = Path("/work/shared/data/pdf_gold/book-sq49897.pdf")
    if not gold.exists():
        pytest.skip("pdf_gold is not beside the repository")
    doc = load(gold)
    headings = [doc.text[p.start : p.end] for p in doc.paragraphs if p.kind == "heading"]
    assert headings[:3] == ["Chapter I", "Chapter II", "Chapter III"]


def test_a_full_line_that_ends_a_sentence_does_not_end_its_paragraph() -> None:
    """pdf_gold's magazine layout: in a narrow column "plained them away. But to get on." is
    short in characters but drawn to the column's edge; the paragraph goes on (issue 14)."""
    gold = Path("/work/shared/data/pdf_gold/magazine-sq23942.pdf")
    if not gold.exists():
        pytest.skip("pdf_gold is not beside the repository")
    text = load(gold).text
    assert "But to get on. It\u2019s my contention that within a century" in text
    assert "\u201cVery noble endeavor. Name is Simon.\u201d\n\n\u201cArth,\u201d he said." in text


def test_a_numbered_item_after_a_full_line_item_is_a_block_of_its_own() -> None:
    """pdf_gold's book layout: "2. He doesn't breathe, so you can't drown or strangle him."
    fills its line, and "3. You can't imprison him" below it is the next item (issue 14)."""
    gold = Path("/work/shared/data/pdf_gold/book-sq49897.pdf")
    if not gold.exists():
        pytest.skip("pdf_gold is not beside the repository")
    doc = load(gold)
    items = [doc.text[p.start : p.end] for p in doc.paragraphs if p.kind == "list_item"]
    assert "He doesn\u2019t breathe, so you can\u2019t drown or strangle him." in items
    assert "You can\u2019t imprison him; he \u2018eats\u2019 everything." in items


def test_an_enumeration_inside_a_paragraph_stays_in_it() -> None:
    """pdf_gold's journal layout: a line that opens "(2) extracting" after a full line ending
    "its various senses and" goes on the paragraph, markers and all (issue 14)."""
    gold = Path("/work/shared/data/pdf_gold/journal-A00-2019.pdf")
    if not gold.exists():
        pytest.skip("pdf_gold is not beside the repository")
    text = clean_text(gold)
    assert "senses and (2) extracting salient contextual cues" in text
    assert "of a polysemous word by (1) collecting a set" in text


def test_next_list_items_needs_the_number_before() -> None:
    from precis.clean.pdf_lists import next_list_items

    class L:
        def __init__(self, text: str) -> None:
            self.text = text

    lines = [L(t) for t in ["1. First item.", "wraps here.", "2. Second.", "3. Third.", "7. No."]]
    assert next_list_items(lines) == {2, 3}
    assert next_list_items([L("see Fig."), L("2. The results")]) == set()


def test_a_footer_read_before_the_page_body_is_still_furniture() -> None:
    """pdfminer's DMCA summary (bench/data/realdocs): on page 4 pdfium reads the footnote and
    the footer "Copyright Office Summary December 1998 Page 4" before the body; the footer is
    the page's bottom line as drawn, and goes like the other pages' (issue 14)."""
    pdf = Path(__file__).resolve().parents[2] / "bench/data/realdocs/pdf/pdfminer-dmca-summary.pdf"
    text = clean_text(pdf, every_block=True)
    assert "Page 4" not in text and "December 1998 Page" not in text
    assert "unauthorized copying of a copyrighted work." in text


def test_a_short_line_then_another_size_ends_the_block() -> None:
    kept = [
        pdf_layout.Line(0, 24, 0, "scales differ among rows", x0=85.0, x1=159.0, size=7.0),
        pdf_layout.Line(
            25, 60, 0, "In 2007, a smaller proportion of all", x0=85.0, x1=510.0, size=10.0
        ),
    ]
    assert starts_block(kept[0], kept[1], 60.0, 510.0)
    # a full line in another size (a line of math, a bold word) goes on
    full = pdf_layout.Line(0, 24, 0, "was signed into law by the", x0=85.0, x1=508.0, size=8.0)
    assert not starts_block(full, kept[1], 60.0, 510.0)
