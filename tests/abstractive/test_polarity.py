"""Negations a summary adds, and short forms it uses (issue 15, bug 4), on a real article.

The article is ``tests/fixtures/guard/nasa_alien_life.txt`` (CNN, see ORIGIN_guard.md): Stofan
says "We know where to look", Grunsfeld thinks finding life outside the solar system is a
matter of time, and "We are not talking about little green men."
"""

from __future__ import annotations

import pytest

from precis.abstractive.guard import Guard, GuardOptions
from precis.abstractive.polarity import denies, negated_terms, negation_item
from precis.api import load_text
from precis.document import Document


@pytest.mark.parametrize(
    "sentence",
    [
        "Grunsfeld said we will never find life outside our solar system.",
        "Stofan said scientists do not know where to look.",
        "Stofan said that in most cases NASA does not have the technology.",
    ],
)
def test_a_denial_the_source_does_not_make_is_unsupported(
    guards: dict[str, Guard], sentence: str
) -> None:
    check = guards["nasa_alien_life"].check([sentence]).sentences[0]
    assert not check.supported
    assert [i.kind for i in check.unsupported] == ["negation"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Stofan said we are not talking about little green men.",
        "NASA is not talking about intelligent alien civilizations.",  # "isn't talking"
        "NASA is not only looking for microbes.",  # "not only" denies nothing
        "Stofan said scientists know where to look.",
    ],
)
def test_a_denial_the_source_makes_is_no_negation_error(
    guards: dict[str, Guard], sentence: str
) -> None:
    check = guards["nasa_alien_life"].check([sentence]).sentences[0]
    assert not [i for i in check.unsupported if i.kind == "negation"]


def test_the_negation_check_can_be_left_out(articles: dict[str, Document]) -> None:
    kinds = frozenset({"name", "number", "date", "quote"})
    guard = Guard(articles["nasa_alien_life"], GuardOptions(kinds=kinds))
    check = guard.check(["Stofan said scientists do not know where to look."]).sentences[0]
    assert not check.unsupported


def test_a_source_denies_a_word_a_few_words_after_its_negation() -> None:
    item = negation_item("His owner claims Winston is 'not a danger' to anyone.")
    assert item is not None and item.text == "not"
    terms = negated_terms("His owner claims Winston is 'not a danger' to anyone.", item)
    assert "danger" in terms
    assert denies("He is not a danger - I wouldn't have him near my kids.", terms)
    far = "They may not be Star Trek-type aliens, but we may be close to finding a danger."
    assert not denies(far, terms)
    assert not denies("NASA released a graphic noting a danger.", terms)  # "noting" is no "no"


def test_tv_is_supported_where_the_source_says_television() -> None:
    doc = load_text(
        "The singer first appeared on television in 1957, when she was nine years old. "
        "She went on to record twelve albums over four decades."
    )
    check = Guard(doc).check(["The singer first appeared on TV in 1957."]).sentences[0]
    assert check.supported, check.unsupported
    other = load_text("The singer first appeared on stage in 1957, when she was nine years old.")
    assert [
        i.text for i in Guard(other).check(["She first appeared on TV."]).sentences[0].unsupported
    ] == ["TV"]
