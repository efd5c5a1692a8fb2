"""Looping n-grams and near-duplicate sentences in generated summaries (issue 4)."""

from __future__ import annotations

import pytest

from precis.abstractive.repetition import collapse_repeats, near_duplicates


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
