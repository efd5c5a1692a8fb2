"""Tests for precis.clean.glued: glued words are split, real words and non-words are left alone."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from precis.clean.glued import glued_word_edits
from precis.offsets import Edit, apply_edits


def _fix(text: str) -> str:
    return apply_edits(text, glued_word_edits(text))[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Real failures from the text layer of a journal article.
        ("they bargainedaway the", "they bargained away the"),
        ("the Cold Warunilateralism of", "the Cold War unilateralism of"),
        ("was thenForeign Minister", "was then Foreign Minister"),
        ("empathy,coordination and trust", "empathy, coordination and trust"),
        # Frequent pairs that web counts also know glued.
        ("one ofthe best", "one of the best"),
        ("part-ofspeech tagger", "part-of speech tagger"),
        ("met theKhrushchev delegation", "met the Khrushchev delegation"),
        ("the FBIannounced it", "the FBI announced it"),
        ("since BarackObama took office", "since Barack Obama took office"),
        ("Smith etal. showed", "Smith et al. showed"),
        ("at the end.The next", "at the end. The next"),
        # Four or more glued words, and short|long|short runs (dynamic programme).
        ("I founditeasy to do", "I found it easy to do"),
        ("relativelyignorantofthe rules", "relatively ignorant of the rules"),
        ("by bygoingto the", "by by going to the"),
        # Rare dictionary words glued to a frequent one.
        ("staving off angeringhis fans", "staving off angering his fans"),
        # A citation name glued to "et" before "al": split before "et", not "Tillman net".
        ("as shown (Tillmannet al., 2004)", "as shown (Tillmann et al., 2004)"),
    ],
)
def test_glued_word_edits_splits_real_cases(text: str, expected: str) -> None:
    assert _fix(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Khrushchev met Bessmertnykh, Shevardnadze and Dobrynin.",
        "iPhone, McDonald, MacArthur, JavaScript, YouTube, PowerPoint, WordNet and eBay.",
        "She has a PhD from MIT; NASA and the U.S. Army agreed.",
        "therapist together notable cannot maybe everyday another",
        "Unilateralism, backpropagation and tokenization are words.",
        "Interannotator agreement on subsentential units.",
    ],
)
def test_glued_word_edits_leaves_names_and_rare_words(text: str) -> None:
    assert glued_word_edits(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "It cost 1,000 dollars or 3.5 percent, e.g., in the U.S., i.e., here.",
        "See https://example.com/someLongPath_name?x=1 or www.example.org now.",
        "Mail john.smithson@example.com about report_final.pdf and setup.py.",
        "Call getValue() on my_variable or fooBar.bazQux in the code.",
        "Use getElementById and XMLHttpRequest; SQLite stores URLs and IDs.",
    ],
)
def test_glued_word_edits_leaves_numbers_urls_code(text: str) -> None:
    assert glued_word_edits(text) == []


def test_glued_word_edits_repeated_unknown_token_is_kept() -> None:
    text = "The hyperparameter matters. We tune each hyperparameter twice."
    assert glued_word_edits(text) == []


def test_glued_word_edits_returns_sorted_single_space_insertions() -> None:
    text = "they bargainedaway the empathy,coordination ofthe thenForeign"
    edits = glued_word_edits(text)
    assert edits == sorted(edits)
    assert all(e.start == e.end and e.replacement == " " for e in edits)
    assert len({e.start for e in edits}) == len(edits)


@pytest.mark.parametrize(
    "text",
    [
        "they bargainedaway the Cold Warunilateralism thenForeign empathy,coordination",
        "hisgirlfriendMadison inHongKong ofthe",
    ],
)
def test_glued_word_edits_is_idempotent(text: str) -> None:
    once = _fix(text)
    assert glued_word_edits(once) == []


def test_glued_word_edits_empty_text() -> None:
    assert glued_word_edits("") == []


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_glued_word_edits_any_text_only_valid_insertions(text: str) -> None:
    edits = glued_word_edits(text)
    positions = [e.start for e in edits]
    assert positions == sorted(set(positions))
    for edit in edits:
        assert isinstance(edit, Edit)
        assert edit.start == edit.end and edit.replacement == " "
        assert 0 < edit.start < len(text)
    new_text, _ = apply_edits(text, edits)
    assert new_text.replace(" ", "") == text.replace(" ", "")


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(["the", "of", "war", "away", "Foreign", "then", ",", "a"]), max_size=12
    )
)
def test_glued_word_edits_word_soup_is_idempotent(words: list[str]) -> None:
    once = _fix("".join(words))
    assert glued_word_edits(once) == []
