"""auto in languages other than English (issue 19): their own recipes per route, English's
recipes untouched. Real documents from ``tests/fixtures/multilingual/`` (ORIGIN.md there)."""

from __future__ import annotations

from pathlib import Path

import pytest

from precis.api import load_text
from precis.document import Document
from precis.extractive import auto
from precis.extractive.engine import ranked
from precis.extractive.features import Features
from precis.options import CleanOptions, LoadOptions, SummarizeOptions

FIXTURES = Path(__file__).parents[1] / "fixtures" / "multilingual"


def fixture(language: str, read_as: str | None = None) -> Document:
    """The fixture of ``language``, its language detected or forced to ``read_as``."""
    text = (FIXTURES / f"{language}.txt").read_text(encoding="utf-8")
    if read_as is None:
        return load_text(text)
    return load_text(text, options=LoadOptions(clean=CleanOptions(language=read_as)))


def summary(doc: Document, k: int) -> list[int]:
    """auto's ``k`` sentences in document order."""
    return sorted(ranked(doc, SummarizeOptions(method="auto", sentences=k))[:k])


@pytest.mark.parametrize("language", ["zh", "ja"])
def test_auto_other_language_in_paragraphs_is_not_just_the_lead(language: str) -> None:
    """A Chinese or Japanese BBC article in short paragraphs takes the paragraphs route, whose
    English recipe is the Lead (the inverted pyramid of English news); in these languages the
    Lead was the weakest choice on that route (bench/results/logo_multilingual.md), so the
    summary must be more than the first sentences."""
    doc = fixture(language)
    assert doc.metadata.language == language
    assert auto.recipe_name(Features(doc), 2.0) == "paragraphs"
    assert summary(doc, 2) != [0, 1]


@pytest.mark.parametrize("language", ["de", "fr", "pt", "zh"])
def test_auto_text_read_as_english_keeps_the_english_recipes(language: str) -> None:
    """``--language en`` (or an English document) reads RECIPES as before, whatever the text."""
    doc = fixture(language, read_as="en")
    for expected in (1.0, 2.0, 5.0):
        features = Features(doc)
        name = auto.recipe_name(features, expected)
        assert auto.recipe_for(features, expected) is auto.RECIPES[name]


def test_auto_english_document_reads_the_english_recipes() -> None:
    """An English article's recipe is RECIPES' own, never one for other languages."""
    doc = fixture("en")
    assert doc.metadata.language == "en"
    for expected in (1.0, 3.0, None):
        features = Features(doc)
        name = auto.recipe_name(features, expected)
        assert auto.recipe_for(features, expected) is auto.RECIPES[name]


def test_auto_other_languages_name_every_route() -> None:
    """Every route auto can take has a recipe for other languages, so none falls back to an
    English-only recipe by accident (a route added later must be chosen for them too)."""
    assert set(auto.OTHER_LANGUAGES) == set(auto.RECIPES)


def test_auto_english_recipes_take_no_length_preference() -> None:
    """Recipe.length is for other languages' sentence budgets: English recipes stay as tuned."""
    assert all(recipe.length == 0.0 for recipe in auto.RECIPES.values())


def test_auto_length_weight_prefers_the_sentences_with_more_content_words() -> None:
    doc = fixture("pt")
    features = Features(doc)
    route = auto.recipe_name(features, 1.0)
    saved = auto.OTHER_LANGUAGES[route]
    auto.OTHER_LANGUAGES[route] = auto.Recipe({}, 1.0, length=1.0)
    try:
        picked = summary(doc, 1)
    finally:
        auto.OTHER_LANGUAGES[route] = saved
    assert features.content_lengths[picked[0]] == features.content_lengths.max()
