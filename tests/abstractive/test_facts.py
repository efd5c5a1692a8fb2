"""Source lookups: names by token, numbers by value, dates by value, quotes word for word."""

from __future__ import annotations

import pytest

from precis.abstractive.claims import extract_items
from precis.abstractive.facts import SourceFacts
from precis.api import load_text

SOURCE = (
    "The United Nations said on Tuesday that 3,487,000 people need food aid in the U.S. region. "
    "Iran sent 12 planes. George H.W. Bush met officials of the World Bank in 1990. "
    'NASA chief scientist Ellen Stofan said: "We know where to look."'
)


@pytest.fixture(scope="module")
def facts() -> SourceFacts:
    return SourceFacts(load_text(SOURCE))


def supported(facts: SourceFacts, sentence: str) -> dict[str, bool]:
    return {i.text: facts.supports(i) for i in extract_items(sentence)}


@pytest.mark.parametrize(
    ("sentence", "item", "expected"),
    [
        ("He met the UN in the United States.", "United States", True),  # "U.S." in the source
        ("Two Iranian planes came.", "Iranian", True),  # a demonym of "Iran"
        ("He met George H. W. Bush.", "George H. W. Bush", True),  # initials written apart
        ("He met George W. Bush.", "George W. Bush", False),  # another Bush
        ("He met the World Health Organization.", "World Health Organization", False),  # not WHO
        ("He met the world bank people.", "world", None),  # lowercase: not a name at all
        ("The agency met Ellen Stofan.", "Ellen Stofan", True),
        ("The agency met Ellen Sutter.", "Ellen Sutter", False),
    ],
)
def test_facts_names(facts, sentence, item, expected):
    assert supported(facts, sentence).get(item) is expected


@pytest.mark.parametrize(
    ("sentence", "item", "expected"),
    [
        ("Some 3.5 million people need food aid.", "3.5 million", True),  # rounds to it
        ("About 3,500,000 people need food aid.", "3,500,000", True),  # approximate
        ("3,500,000 people need food aid.", "3,500,000", True),  # a round number: rounding
        ("3,600,000 people need food aid.", "3,600,000", False),
        ("Nearly 2.9 million people need food aid.", "2.9 million", False),  # beyond 10%
        ("Iran sent twelve planes.", "twelve", True),
        ("Iran sent 13 planes.", "13", False),
    ],
)
def test_facts_numbers(facts, sentence, item, expected):
    assert supported(facts, sentence)[item] is expected


def test_facts_quotes_modulo_case_punctuation_and_quote_style(facts):
    assert supported(facts, "Stofan said ‘we know where to look’.")["we know where to look"]
    assert not supported(facts, 'Stofan said "we know how to look".')["we know how to look"]


def test_facts_names_split_by_glued_word_repair_still_match():
    # precis's glued-word repair turns a rare name into two words in short texts ("Is may").
    facts = SourceFacts(load_text("Adrian Is may was hurt in the attack on Friday."))
    assert supported(facts, "The attack hurt Adrian Ismay.")["Adrian Ismay"]


def test_facts_window_limits_numbers_to_nearby_sentences(facts):
    (item,) = [i for i in extract_items("Iran sent 12 planes.") if i.kind == "number"]
    assert facts.supports(item, window={1})
    assert facts.supports(item, window={0})  # "planes" is a context word of sentence 1
    (bare,) = [i for i in extract_items("It was 12.") if i.kind == "number"]
    assert not facts.supports(bare, window={0})
