"""Summary modes on real documents: per section, query-focused, and multi-document."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np
import pytest

from precis.api import load, load_text
from precis.document import Document
from precis.errors import OptionError
from precis.extractive.budget import Budget
from precis.extractive.features import Features
from precis.extractive.modes import (
    query_scores,
    summarize_for_query,
    summarize_many,
    summarize_per_section,
)
from precis.options import SummarizeOptions

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.pdf_factory import SECTIONS, article_pdf  # noqa: E402

NEWS = ROOT / "tests" / "fixtures" / "html" / "news_article.html"

GUIDE = """# Growing Tomatoes at Home

## Choosing a variety

Cherry tomatoes ripen early and forgive beginners for most mistakes.
Beefsteak tomatoes need a long warm season and plenty of feeding.
Paste tomatoes such as Roma are the best choice for sauces and drying.
Heirloom varieties taste wonderful but often crack after heavy rain.

## Planting

### Soil

Tomatoes want deep, loose soil with plenty of compost worked into it.
A slightly acidic soil keeps the plants healthy through the summer.
Rotate beds every year so that soil diseases do not build up.

### Timing

Plant seedlings outside only after the last frost has passed.
Cold nights below ten degrees stunt young tomato plants for weeks.

## Harvest

Pick the fruit when it is fully coloured and gives slightly to the touch.
Green tomatoes left at the end of the season ripen indoors on a sunny windowsill.
"""


@pytest.fixture(scope="module")
def guide() -> Document:
    return load_text(GUIDE, format="markdown")


@pytest.fixture(scope="module")
def news() -> Document:
    return load(NEWS)


@pytest.fixture(scope="module")
def paper() -> Document:
    return load(article_pdf(4))


def _check_offsets(doc: Document, sentences: tuple) -> None:
    for s in sentences:
        assert doc.text[s.start : s.end] == s.text == doc.sentences[s.index].text


# --- per section ----------------------------------------------------------------------------


def test_per_section_one_entry_per_section_with_sentences(guide: Document) -> None:
    out = summarize_per_section(guide, SummarizeOptions(), per_section=2)
    with_sentences = sorted({s.section for s in guide.sentences})
    assert [entry.section_index for entry in out] == with_sentences
    assert [entry.heading for entry in out] == ["Choosing a variety", "Soil", "Timing", "Harvest"]
    assert [entry.level for entry in out] == [guide.sections[i].level for i in with_sentences]


def test_per_section_offsets_index_doc_text_inside_the_section(guide: Document) -> None:
    for entry in summarize_per_section(guide, SummarizeOptions(), per_section=2):
        assert 1 <= len(entry.sentences) <= 2
        _check_offsets(guide, entry.sentences)
        assert all(guide.sentences[s.index].section == entry.section_index for s in entry.sentences)
        assert [s.index for s in entry.sentences] == sorted(s.index for s in entry.sentences)


def test_per_section_skips_sections_without_sentences(guide: Document) -> None:
    empty = {sec.index for sec in guide.sections} - {s.section for s in guide.sentences}
    assert empty  # the title and "Planting" have no body text of their own
    out = summarize_per_section(guide, SummarizeOptions(), per_section=1)
    assert not empty & {entry.section_index for entry in out}


def test_per_section_ratio_keeps_at_least_one_and_shortens_long_sections(guide: Document) -> None:
    out = summarize_per_section(guide, SummarizeOptions(), ratio=0.3)
    sizes = {entry.section_index: len(entry.sentences) for entry in out}
    totals = {i: sum(s.section == i for s in guide.sentences) for i in sizes}
    assert all(n >= 1 for n in sizes.values())
    assert any(sizes[i] < totals[i] for i in sizes if totals[i] >= 3)


def test_per_section_on_pdf_keeps_article_headings(paper: Document) -> None:
    out = summarize_per_section(paper, SummarizeOptions(method="textrank"), per_section=1)
    headings = [entry.heading for entry in out]
    assert "1 Introduction" in headings and SECTIONS[1] in headings
    for entry in out:
        assert len(entry.sentences) == 1
        _check_offsets(paper, entry.sentences)


@pytest.mark.parametrize(
    "kwargs", [{"per_section": 2, "ratio": 0.5}, {"per_section": 0}, {"ratio": 1.5}]
)
def test_per_section_rejects_bad_budgets(guide: Document, kwargs: dict) -> None:
    with pytest.raises(OptionError):
        summarize_per_section(guide, SummarizeOptions(), **kwargs)


# --- query-focused --------------------------------------------------------------------------


def _mentions(text: str, words: tuple[str, ...]) -> bool:
    return any(re.search(rf"\b{w}", text, re.IGNORECASE) for w in words)


def test_query_scores_are_zero_without_overlap_and_positive_with_it(story: Document) -> None:
    scores = query_scores(story, Features(story), "sentinel sword")
    matches = np.array([_mentions(s.text, ("sentinel", "sword")) for s in story.sentences])
    assert matches.sum() >= 3
    assert (scores[matches] > 0).all() and (scores[~matches] == 0).all()


@pytest.mark.parametrize("method", ["auto", "lead", "textrank"])
def test_query_pulls_matching_sentences_ahead(story: Document, method: str) -> None:
    chosen = summarize_for_query(story, SummarizeOptions(method=method), "sentinel sword")
    assert len(chosen) == 5
    assert all(_mentions(s.text, ("sentinel", "sword")) for s in chosen)
    _check_offsets(story, chosen)


def test_query_fills_budget_with_other_sentences_after_all_matches(news: Document) -> None:
    matching = [s.index for s in news.sentences if _mentions(s.text, ("consultation",))]
    chosen = summarize_for_query(news, SummarizeOptions(), "consultation", Budget(sentences=4))
    assert len(chosen) == 4
    assert set(matching) <= {s.index for s in chosen}


def test_query_word_budget_is_respected(story: Document) -> None:
    chosen = summarize_for_query(story, SummarizeOptions(), "sword", Budget(words=60))
    assert sum(len(re.findall(r"[a-z0-9]+", s.text.lower())) for s in chosen) <= 60
    assert chosen and _mentions(chosen[0].text, ("sword",))


def test_query_ratio_budget_counts_the_whole_document(story: Document) -> None:
    chosen = summarize_for_query(story, SummarizeOptions(), "sword", Budget(ratio=0.05))
    total = sum(len(re.findall(r"[a-z0-9]+", s.text.lower())) for s in story.sentences)
    used = sum(len(re.findall(r"[a-z0-9]+", s.text.lower())) for s in chosen)
    assert total * 0.03 < used <= total * 0.05


def test_query_absent_from_document_falls_back_to_salience(news: Document) -> None:
    chosen = summarize_for_query(news, SummarizeOptions(), "spaceship hyperdrive")
    assert len(chosen) == 5
    _check_offsets(news, chosen)


@pytest.mark.parametrize("query", ["", "   ", "the of and"])
def test_query_without_content_words_is_an_option_error(story: Document, query: str) -> None:
    with pytest.raises(OptionError):
        summarize_for_query(story, SummarizeOptions(), query)


# --- multi-document -------------------------------------------------------------------------


@pytest.mark.parametrize("mmr_lambda", [None, 1.0])  # 1.0: MMR off, the duplicate guard stays
def test_many_chooses_a_duplicated_sentence_at_most_once(
    news: Document, mmr_lambda: float | None
) -> None:
    copied = news.sentences[0].text
    other = load_text(
        "Storm surges have flooded the harbour district three times in five years. "
        f"{copied} "
        "The council will publish the tender documents for the barrier next month. "
        "Local shops have asked for help with insurance costs after each flood."
    )
    options = SummarizeOptions(method="lead", mmr_lambda=mmr_lambda)
    out = summarize_many([news, other], options, Budget(sentences=6))
    texts = [m.sentence.text for m in out.sentences]
    assert texts.count(copied) == 1
    assert len(set(texts)) == len(texts) == 6


@pytest.mark.parametrize("mmr_lambda", [None, 1.0])
def test_many_identical_documents_never_repeat_a_sentence(
    news: Document, mmr_lambda: float | None
) -> None:
    out = summarize_many([news, news], SummarizeOptions(mmr_lambda=mmr_lambda), Budget(sentences=5))
    texts = [m.sentence.text for m in out.sentences]
    assert len(texts) == 5 and len(set(texts)) == 5


def test_many_attribution_offsets_index_each_document(news: Document, story: Document) -> None:
    docs = [story, news]
    out = summarize_many(docs, SummarizeOptions(), Budget(sentences=8))
    assert {m.doc_index for m in out.sentences} <= {0, 1}
    for m in out.sentences:
        doc = docs[m.doc_index]
        assert doc.text[m.sentence.start : m.sentence.end] == m.sentence.text
        assert doc.sentences[m.sentence.index].text == m.sentence.text
    keys = [(m.doc_index, m.sentence.start) for m in out.sentences]
    assert keys == sorted(keys)


def test_many_word_budget_covers_the_whole_summary(news: Document, story: Document) -> None:
    out = summarize_many([story, news], SummarizeOptions(), Budget(words=120))
    assert 0 < sum(len(re.findall(r"[a-z0-9]+", m.sentence.text.lower())) for m in out.sentences)
    assert sum(len(re.findall(r"[a-z0-9]+", m.sentence.text.lower())) for m in out.sentences) <= 120
    assert out.to_dict()["sentences"][0]["doc_index"] in (0, 1)


def test_many_without_documents_is_an_option_error() -> None:
    with pytest.raises(OptionError):
        summarize_many([], SummarizeOptions())
