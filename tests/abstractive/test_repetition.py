"""Looping n-grams and near-duplicate sentences in generated summaries (issue 4)."""

from __future__ import annotations

import pytest

from precis.abstractive.guard import Guard
from precis.abstractive.repetition import collapse_repeats, near_duplicates, self_joined
from precis.api import load_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The real loop.
        (
            "Most of the Baghdad contingent contingent contingent is young.",
            "Most of the Baghdad contingent is young.",
        ),
        (
            "The company said the company said the company said the deal was off.",
            "The company said the deal was off.",
        ),
        ("profits, profits, profits.", "profits."),
        ("It was a long long day.", "It was a long day."),
        ("Bush Bush", "Bush"),
        # English, not loops: a doubled function word.
        ("He had had enough, and that that was it.", "He had had enough, and that that was it."),
        ("It was a very very long day.", "It was a very very long day."),
        ("No loop in this sentence.", "No loop in this sentence."),
        ("", ""),
    ],
)
def test_collapse_repeats(text, expected):
    assert collapse_repeats(text) == expected


def test_collapse_repeats_is_idempotent():
    once = collapse_repeats("the the the cat sat sat on the mat on the mat.")
    assert collapse_repeats(once) == once


def test_near_duplicates_points_to_the_first_occurrence():
    sentences = [
        "Obama promised to use the word genocide during the 2008 campaign.",
        "Turkey is a crucial NATO ally.",
        "During the 2008 campaign, Obama promised to use the word genocide.",
        "Obama promised to use the word genocide during the 2008 campaign, a pledge to voters.",
    ]
    assert near_duplicates(sentences) == [None, None, 0, 0]


def test_near_duplicates_ignores_short_and_distinct_sentences():
    assert near_duplicates(["Yes.", "Yes.", "NASA found water.", "Turkey denies it."]) == [None] * 4
    assert near_duplicates([]) == []


@pytest.mark.parametrize(
    "sentence",
    [  # FRANK's development half: system summaries labelled unsupported
        "manchester city and manchester city have been charged by the football association .",
        "golden state warriors beat golden state warriors 4-1 in the best-of-seven nba finals.",
        "the banks in delhi have been shut down because of corruption and corruption .",
    ],
)
def test_a_phrase_joined_to_itself_is_flagged(sentence: str) -> None:
    item = self_joined(sentence)
    assert item is not None and item.kind == "repetition"


@pytest.mark.parametrize(
    "sentence",
    [
        "He tried again and again to reach the summit.",
        "Crowds grew bigger and bigger over the weekend.",
        "UNK and UNK are often the sons and daughters of Mexican high society.",
        "They work day to day with the rescue teams.",
    ],
)
def test_idioms_and_unknown_words_are_no_self_join(sentence: str) -> None:
    assert self_joined(sentence) is None


def test_a_self_join_the_source_writes_is_supported() -> None:
    doc = load_text("The firm Smith and Smith handled the sale. It closed in May.")
    check = Guard(doc).check(["The sale was handled by Smith and Smith."]).sentences[0]
    assert "repetition" not in {i.kind for i in check.unsupported}
