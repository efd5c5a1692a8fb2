"""Block roles: references, acknowledgements, appendices, contents and captions leave the
reading flow and the summaries (issue 14).

Real PDFs from bench/data/realdocs (origin, commit and license in its index.jsonl): the MapReduce
paper (science-parse's fixture: acknowledgements, references, an appendix "A Word Frequency"),
a JCAP paper with a contents page whose entries include "Appendix. Model specification 11"
(GROBID's fixture), and an IBM Redpaper with a four-page contents (docling's fixture).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from precis.api import clean_text, load, summarize
from precis.options import SummarizeOptions
from precis.roles import block_roles

REALDOCS = Path(__file__).resolve().parents[1] / "bench" / "data" / "realdocs" / "pdf"
MAPREDUCE = REALDOCS / "sciparse-map-reduce.pdf"
JCAP = REALDOCS / "grobid-jcap-cosmology.pdf"


@pytest.fixture(scope="module")
def mapreduce():  # type: ignore[no-untyped-def]
    return load(MAPREDUCE)


def _blocks(doc, kind: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [doc.text[p.start : p.end] for p in doc.paragraphs if p.kind == kind]


def test_back_matter_of_a_paper_gets_its_roles(mapreduce) -> None:  # type: ignore[no-untyped-def]
    refs = _blocks(mapreduce, "references")
    assert refs[0] == "References"
    assert len(refs) >= 15
    assert _blocks(mapreduce, "acknowledgements")[0] == "Acknowledgements"
    appendix = _blocks(mapreduce, "appendix")
    assert appendix[0] == "A Word Frequency"
    assert any("#include" in block for block in appendix)
    # the body before the back matter is untouched
    abstract = _blocks(mapreduce, "abstract")
    assert abstract[0].startswith("MapReduce is a programming model")


def test_sentences_come_from_the_body_only(mapreduce) -> None:  # type: ignore[no-untyped-def]
    kinds = {p.index: p.kind for p in mapreduce.paragraphs}
    assert {kinds[s.paragraph] for s in mapreduce.sentences} == {"body", "abstract", "list_item"}
    mapreduce.validate()


def test_list_items_are_read_without_their_markers(mapreduce) -> None:  # type: ignore[no-untyped-def]
    items = _blocks(mapreduce, "list_item")
    # the paper's numbered execution steps and its bulleted lists
    assert items[5].startswith("The MapReduce library in the user program first splits")
    assert "large-scale machine learning problems," in items
    assert not any(item[:1] in "•(" or item[:2] in {"1.", "2."} for item in items)
    sentences = [s.text for s in mapreduce.sentences]
    assert any(s.startswith("The MapReduce library in the user program") for s in sentences)
    assert not any(s.startswith(("1. ", "• ")) for s in sentences)
    flow = clean_text(MAPREDUCE)
    assert "\n\nlarge-scale machine learning problems," in flow
    # the markers stay in the document's text, between the blocks
    first = next(p for p in mapreduce.paragraphs if p.kind == "list_item")
    assert mapreduce.text[first.start - 4 : first.start] == "(1) "


def test_precis_text_prints_the_reading_flow_and_load_keeps_every_block(mapreduce) -> None:  # type: ignore[no-untyped-def]
    flow = clean_text(MAPREDUCE)
    assert "MapReduce is a programming model" in flow
    assert "#include" not in flow
    assert "\n\nReferences\n\n" not in flow
    assert "#include" in mapreduce.text  # nothing is lost: the blocks stay in the document


def test_a_summary_never_quotes_the_references(mapreduce) -> None:  # type: ignore[no-untyped-def]
    summary = summarize(mapreduce, SummarizeOptions(sentences=8, filters=False))
    kinds = {p.index: p.kind for p in mapreduce.paragraphs}
    for s in summary.sentences:
        assert kinds[mapreduce.sentences[s.index].paragraph] in ("body", "abstract")


def test_a_contents_entry_saying_appendix_opens_no_appendix() -> None:
    doc = load(JCAP)
    toc = _blocks(doc, "toc")
    assert toc[0] == "Contents"
    assert "Appendix. Model specification 11" in toc
    body = _blocks(doc, "body")
    assert any(b.startswith("Accelerated expansion, modeled by a positive") for b in body)


def test_block_roles_rules() -> None:
    """Texts as pdf_gold and the corpus print them."""
    texts = [
        "1 Introduction",
        "Appendix A shows the full results.",  # a sentence, not the appendix's heading
        "Table 2: Results of the tagger on the test set.",
        "Acknowledgments",
        "We thank the reviewers for useful feedback.",
        "7 References",
        "Anna Johnson. 2007. Accurate Information Extraction. In Proceedings of ACL.",
        "Speech and Language Processing",  # an entry that looks like a title stays a reference
        "A Experimental Results",
        "The tables below.",
    ]
    heads = [True, False, False, False, False, False, False, True, True, False]
    assert block_roles(texts, heads) == [
        "heading",
        "body",
        "caption",
        "acknowledgements",
        "acknowledgements",
        "references",
        "references",
        "references",
        "appendix",
        "appendix",
    ]


def test_a_letter_heading_before_the_references_is_no_appendix() -> None:
    """A story's chapter "A Gift From Earth" (pdf_gold's book layout) is body."""
    texts = ["A Gift From Earth", "The ship landed.", "B Second Thoughts", "It left."]
    assert block_roles(texts, [True, False, True, False]) == ["heading", "body", "heading", "body"]


def test_an_acknowledgement_without_a_heading_near_the_end() -> None:
    """pdf_gold's magazine layout prints its acknowledgement as a plain last paragraph."""
    body = ["The parser learns from pairs of sentences and meanings."] * 6
    texts = [
        *body,
        "We thank the reviewers for useful feedback. This work was supported by the EU.",
    ]
    roles = block_roles(texts, [False] * len(texts))
    assert roles[-1] == "acknowledgements" and set(roles[:-1]) == {"body"}
    early = [texts[-1], *body]  # at the start it is a sentence of the body
    assert block_roles(early, [False] * len(early))[0] == "body"


def test_the_abstract_has_its_role_and_skip_abstract_leaves_it_out() -> None:
    """science-parse's ACL 2007 paper: "Abstract Even in a massive corpus ..." and one more
    block before "1 Introduction"."""
    paper = load(REALDOCS / "sciparse-p07-1088.pdf")
    abstract = [paper.text[p.start : p.end] for p in paper.paragraphs if p.kind == "abstract"]
    assert len(abstract) == 2
    assert abstract[0].startswith("Even in a massive corpus such as the Web")
    kinds = {p.index: p.kind for p in paper.paragraphs}
    whole = summarize(paper, SummarizeOptions(sentences=5))
    assert any(kinds[paper.sentences[s.index].paragraph] == "abstract" for s in whole.sentences)
    rest = summarize(paper, SummarizeOptions(sentences=5, skip_abstract=True))
    assert len(rest.sentences) == 5
    for s in rest.sentences:
        assert "abstract" not in {p.kind for p in paper.paragraphs if p.start <= s.start < p.end}
        assert paper.text[s.start : s.end] == s.text  # offsets still index the document's text


def test_an_ieee_abstract_ends_at_its_introduction() -> None:
    """ "Abstract—In this paper, ..." and the index terms; "I. INTRODUCTION" ends it."""
    texts = [
        "Disk-Based Storage for Scalable Video",
        "Abstract\u2014In this paper, we consider the placement of scalable video data.",
        "Index Terms\u2014Disk arrays, scalable video.",
        "I. INTRODUCTION",
        "Video servers must serve many users at once.",
    ]
    roles = block_roles(texts, [True, False, False, False, False])
    assert roles[1] == "abstract"
    assert roles[2:] == ["body", "body", "body"]


def test_list_items_need_a_bullet_or_a_run_of_numbers() -> None:
    texts = [
        "Steps:",
        "1. Split the input.",
        "2. Map each piece.",
        "(a) one kind",
        "(b) another kind",
        "- a dash bullet item",
        "3. Results were good, but alone.",
        "b. a lone letter",
    ]
    roles = block_roles(texts, [False] * len(texts))
    assert roles == [
        "body",
        "list_item",
        "list_item",
        "list_item",
        "list_item",
        "list_item",
        "body",  # "3." stands four blocks after "2.": too far to continue the list
        "body",
    ]
    assert block_roles(["3. Results were good.", "Next."], [False, False]) == ["body", "body"]


def test_plain_text_reading_flow_drops_list_markers() -> None:
    from precis.roles import plain_reading_text

    text = "Do this:\n\n1. Install it.\n\n2. Run it.\n\nDone."
    assert plain_reading_text(text) == "Do this:\n\nInstall it.\n\nRun it.\n\nDone."


def test_a_books_roman_numbered_front_matter_leaves_the_summary() -> None:
    """docling's sampled IBM Redpaper lists "DB2 for i Center of Excellence . . . ix" among its
    roman-numbered front matter: that page is an advert ("Because no one else is IBM."); the
    preface (also roman) is the authors' account of the paper and stays body."""
    doc = load(REALDOCS / "docling-ibm-redpaper.pdf")

    def kind(opening: str) -> str:
        return next(
            p.kind
            for p in doc.paragraphs
            if p.kind != "toc" and doc.text[p.start :].startswith(opening)
        )

    assert kind("We build confident, satisfied clients") == "front_matter"
    assert kind("Solution Brief") == "front_matter"
    assert kind("Hernando Bedoya is a Senior IT Specialist") == "front_matter"  # the authors
    assert kind("This IBM® Redpaper™ publication") == "body"  # the preface
    assert kind("Chapter 1. Securing and protecting IBM DB2") == "body"
    summary = summarize(doc, SummarizeOptions(sentences=5))
    assert not any("no one else is IBM" in s.text or "renown" in s.text for s in summary.sentences)


def test_contents_in_arabic_numbers_only_mark_no_front_matter() -> None:
    texts = ["Contents", "Introduction . . . . 1", "Methods . . . . 4", "Introduction", "Text."]
    roles = block_roles(texts, [True, False, False, True, False])
    assert "front_matter" not in roles


def test_roman_entries_before_the_first_arabic_one_are_front_matter() -> None:
    texts = [
        "Contents", "Notices . . . . vii", "Preface . . . . xi", "1 Start . . . . 1",
        "Notices", "Trademarks are held by their owners.", "Preface",
        "This book explains things.", "1 Start", "The body begins here.",
    ]  # fmt: skip
    headings = [t in ("Contents", "Notices", "Preface", "1 Start") for t in texts]
    roles = block_roles(texts, headings)
    assert roles[5] == "front_matter"
    assert roles[7] == "body" and roles[9] == "body"
