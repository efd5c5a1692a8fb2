"""Line-end hyphenation in plain text, Markdown and e-mail (issue 13, build item 3)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import run_cli

from precis.clean.hyphenation import line_end_hyphen_edits
from precis.clean.pipeline import clean
from precis.clean.whitespace import whitespace_edits
from precis.ingest.text import extract_text
from precis.offsets import apply_edits
from precis.options import CleanOptions

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
ISSUE_EXAMPLE = "the talks were con-\nstructive on Tues-\nday and impor-\ntant.\n"
EMAIL = (
    "On Tue, 4 Mar 2025, Bob wrote:\n"
    "> the talks were con-\n"
    "> structive on Tues-\n"
    ">   day and a well-\n"
    "> known delegate came.\n"
    "\n"
    "Thanks, that was impor-\n"
    "tant to hear.\n"
)


def _clean(raw: str, fmt: str = "text") -> str:
    return clean(extract_text(raw, markdown=fmt == "markdown"), CleanOptions()).text


def test_precis_text_repairs_the_issue_example() -> None:
    out = run_cli("text", "-", stdin=ISSUE_EXAMPLE.encode("utf-8"))
    assert out.returncode == 0, out.stderr
    assert out.stdout.decode("utf-8") == "the talks were constructive on Tuesday and important.\n"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a state-of-the-\nart model", "a state-of-the-art model"),
        ("in great-\npower politics", "in great-power politics"),
        ("files from the Cold War-\nera archive", "files from the Cold War-era archive"),
        ("a well-\nknown fact", "a well-known fact"),
        ("short-\nand long-term gains", "short- and long-term gains"),  # suspended hyphen
        ("an anti-\nAmerican protest", "an anti-American protest"),
        (
            "the COVID-\n19 wave and the 1990-\n2000 decade",
            "the COVID-19 wave and the 1990-2000 decade",
        ),
        ("con\u00ad\nstructive talks", "constructive talks"),  # a soft hyphen always joins
        ("impor-\r\ntant talks", "important talks"),
        ("a list item con-\n    structive", "a list item constructive"),  # indented continuation
        ("self-con-\ntained units", "self-contained units"),
    ],
)
def test_line_end_hyphen_joins_words_and_keeps_compounds(raw: str, expected: str) -> None:
    assert _clean(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "one side - \nthe other",  # a spaced dash
        "one side --\nthe other",  # a double-hyphen dash
        "one side \u2013\nthe other",  # an en dash
        "We found:\n- one\n- two",  # list bullets
        "item one-\n- item two",  # the next line is a bullet, not a word
        "see https://example.com/some-\npath today",  # a URL
        "node = node->next-\nprev;",  # a code line
        "```\nfoo-\nbar\n```",  # a fenced code block
        "> quoted con-\nstructive reply",  # the quote ends: two different texts
        "a well-known fact\nand more",  # a hyphen inside a line
    ],
)
def test_line_end_hyphen_leaves_dashes_bullets_and_code_alone(raw: str) -> None:
    assert line_end_hyphen_edits(raw) == []


def test_line_end_hyphen_repairs_quoted_email() -> None:
    assert _clean(EMAIL) == (
        "On Tue, 4 Mar 2025, Bob wrote:\n\n"
        "> the talks were constructive on Tuesday and a well-known delegate came.\n\n"
        "Thanks, that was important to hear."
    )


def test_line_end_hyphen_repairs_markdown() -> None:
    raw = "# Re-\nsults\n\nThe talks were con-\nstructive and a great-\npower summit.\n"
    assert _clean(raw, "markdown") == (
        "Results\n\nThe talks were constructive and a great-power summit."
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # the lexicon alone keeps "gim-crack" ("gimcrack" is rare); the document shows the word
        ("a gim-\ncrack device, a gimcrack toy", "a gimcrack device, a gimcrack toy"),
        # the lexicon alone joins "seasickness"; the document writes it with a hyphen
        ("no sea-\nsickness at all, sea-sickness", "no sea-sickness at all, sea-sickness"),
    ],
)
def test_line_end_hyphen_prefers_document_evidence(raw: str, expected: str) -> None:
    assert _clean(raw) == expected


@pytest.mark.parametrize("raw", [ISSUE_EXAMPLE, EMAIL, "a state-of-the-\nart and great-\npower"])
def test_every_clean_character_maps_back_to_the_same_raw_character(raw: str) -> None:
    cleaned = clean(extract_text(raw), CleanOptions())
    positions = np.arange(len(cleaned.text))
    starts, ends = cleaned.chain.spans_to_old(positions, positions + 1)
    for i, char in enumerate(cleaned.text):
        if not char.isspace():  # repairs only delete: every letter is a raw letter
            assert ends[i] == starts[i] + 1 and raw[starts[i]] == char, (i, char)


@pytest.mark.parametrize("raw", [ISSUE_EXAMPLE, EMAIL, "in great-\npower and short-\nand long"])
def test_cleaning_the_clean_text_again_changes_nothing(raw: str) -> None:
    once = _clean(raw)
    assert line_end_hyphen_edits(once) == []
    assert _clean(once) == once


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab A1-\n> \t\r\u00ad")), max_size=60))
def test_line_end_hyphen_edits_only_delete_and_reach_a_fixed_point(text: str) -> None:
    edits = line_end_hyphen_edits(text)
    assert all(e.replacement == "" for e in edits)
    once = apply_edits(text, edits)[0]
    assert line_end_hyphen_edits(once) == []
    laid_out = apply_edits(once, whitespace_edits(once))[0]
    assert line_end_hyphen_edits(laid_out) == []


def test_real_story_hard_wrapped_with_pyphen_comes_back_word_for_word() -> None:
    """tests/fixtures/ORIGIN_hyphenation.md: 19 pyphen breaks and 3 compounds at line ends."""
    source = (FIXTURES / "hyphenation_gravity_business.txt").read_text(encoding="utf-8")
    wrapped = (FIXTURES / "hyphenation_gravity_business_w50.txt").read_text(encoding="utf-8")
    assert sum(line.endswith("-") for line in wrapped.splitlines()) >= 20
    assert _clean(wrapped).split() == source.split()


def test_real_story_wrapped_at_six_widths_is_repaired() -> None:
    """The benchmark's wrapper at other widths: >= 95% of the broken words read as in the source,
    and no word away from a line-end break changes."""
    pyphen = pytest.importorskip("pyphen")
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_hyphenation import wrap_document

    source = (FIXTURES / "hyphenation_gravity_business.txt").read_text(encoding="utf-8")
    dic = pyphen.Pyphen(lang="en_US")
    broken, wrong = 0, []
    for width in (30, 40, 45, 50, 60, 72):
        wrapped, tokens = wrap_document(source, width, dic)
        out = _clean(wrapped.text).split()
        assert len(out) == len(tokens)
        for i, (token, word) in enumerate(zip(tokens, out, strict=True)):
            assert token == word or i in wrapped.breaks, (width, token, word)
            wrong += [(width, token, word)] if token != word else []
        broken += len(wrapped.breaks)
    assert broken >= 100
    assert len(wrong) <= 0.05 * broken, wrong


def test_a_compound_whose_joined_form_is_no_word_keeps_its_hyphen() -> None:
    """From SQuALITY (bench/bench_hyphenation.py): "black-lensed" is no hyphenated word."""
    assert _clean("He wore black-\nlensed goggles.\n") == "He wore black-lensed goggles."


def test_the_documents_prefix_habit_decides_a_prefix_at_a_line_end() -> None:
    """The word "nonparametric" exists, but a text that writes non-local and non-terminal writes
    non-parametric; a text that writes nonlocal and nonterminal joins it."""
    hyphenated = "A non-local and non-terminal model. A non-\nparametric one.\n"
    closed = "A nonlocal and nonterminal model. A non-\nparametric one.\n"
    assert "non-parametric" in _clean(hyphenated)
    assert "nonparametric" in _clean(closed)
