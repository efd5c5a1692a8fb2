"""Key phrases on real documents: the story, the news article, and edge cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from precis.api import load, load_text
from precis.document import Document
from precis.errors import OptionError
from precis.extractive.features import stop_words
from precis.extractive.keyphrases import Keyphrase, keyphrases

NEWS = Path(__file__).resolve().parents[1] / "fixtures" / "html" / "news_article.html"


@pytest.fixture(scope="module")
def story_phrases(story: Document) -> list[Keyphrase]:
    return keyphrases(story, 15)


def test_keyphrases_of_story_name_the_city_and_eric(story_phrases: list[Keyphrase]) -> None:
    texts = [k.text for k in story_phrases]
    assert "Eric" in texts and "city" in texts
    assert texts.index("Eric") < 3


def test_keyphrases_have_no_stop_word_or_number_at_the_edges(
    story_phrases: list[Keyphrase],
) -> None:
    stop = stop_words()
    for k in story_phrases:
        words = k.text.lower().replace("-", " ").split()
        assert 1 <= len(words) <= 3
        assert words[0] not in stop and words[-1] not in stop, k.text
        assert not words[0].isdigit() and not words[-1].isdigit(), k.text


def test_keyphrases_are_sorted_scored_and_counted(story: Document) -> None:
    phrases = keyphrases(story, 15)
    scores = [k.score for k in phrases]
    assert scores == sorted(scores, reverse=True) and scores[0] == 1.0
    for k in phrases:
        assert k.count >= 1 and story.text.count(k.text) >= 1


def test_keyphrases_drop_phrases_inside_higher_scored_ones(story_phrases: list[Keyphrase]) -> None:
    lowered = [f" {k.text.lower()} " for k in story_phrases]
    for i, inner in enumerate(lowered):
        assert not any(inner in outer for outer in lowered[:i]), inner


def test_keyphrases_surface_form_is_the_most_frequent_casing() -> None:
    doc = load_text(
        "The Harbour Barrier opened today. The harbour barrier cost a fortune. "
        "Engineers praised the harbour barrier. Fishermen dislike the harbour barrier."
    )
    texts = [k.text for k in keyphrases(doc, 5)]
    assert "harbour barrier" in texts or "barrier" in texts
    assert "Harbour Barrier" not in texts


def test_keyphrases_do_not_cross_punctuation() -> None:
    doc = load_text("Red, green lights shone. Red, green lights faded. Red, green lights died.")
    assert all("red green" not in k.text.lower() for k in keyphrases(doc, 10))


def test_keyphrases_of_news_article_find_the_flood_barrier() -> None:
    texts = " ".join(k.text.lower() for k in keyphrases(load(NEWS), 8))
    assert "flood" in texts and "barrier" in texts


def test_keyphrases_of_a_document_without_content_words_is_empty(make_doc) -> None:
    assert keyphrases(make_doc(""), 5) == []
    assert keyphrases(load_text("It is what it is. And so it was."), 5) == []


@pytest.mark.parametrize("n", [0, -3])
def test_keyphrases_reject_non_positive_n(story: Document, n: int) -> None:
    with pytest.raises(OptionError):
        keyphrases(story, n)
