"""auto's recipe choice: document-level signals (length, paragraphs, headings) pick the genre."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from precis.api import load_text
from precis.extractive import auto
from precis.extractive.engine import ranked
from precis.extractive.features import Features
from precis.options import SummarizeOptions

WORDS = (
    "river council budget harbour school engine market village doctor station garden "
    "bridge court museum airport factory library stadium theatre festival"
).split()


def sentence(i: int, length: int = 8) -> str:
    """A distinct sentence of ``length`` words (no two sentences alike, none filtered)."""
    words = [WORDS[(i * 7 + j * 3) % len(WORDS)] for j in range(length - 2)]
    return f"Sentence {i} mentions " + " ".join(words) + "."


def prose(n: int, length: int = 8, per_paragraph: int | None = None) -> str:
    """``n`` sentences, in one block or in paragraphs of ``per_paragraph`` sentences."""
    sentences = [sentence(i, length) for i in range(n)]
    if per_paragraph is None:
        return " ".join(sentences)
    blocks = [sentences[i : i + per_paragraph] for i in range(0, n, per_paragraph)]
    return "\n\n".join(" ".join(b) for b in blocks)


def genre_of(text: str, fmt: str = "text") -> str:
    return auto.genre(Features(load_text(text, format=fmt)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (prose(6), "short"),  # an abstract: few sentences, few words
        (prose(10, length=40), "news"),  # few but long sentences: already an article
        (prose(40), "news"),  # news-length prose in one block
        (prose(40, per_paragraph=2), "paragraphs"),  # short paragraphs: inverted pyramid
        (prose(40, per_paragraph=20), "news"),  # two long blocks are not "short paragraphs"
    ],
)
def test_genre_by_length_and_paragraphs(text, expected):
    assert genre_of(text) == expected


def test_genre_long_for_sectioned_text_of_news_length():
    text = "\n\n".join(f"# Part {k}\n\n{prose(12)}" for k in range(3))
    assert genre_of(text, fmt="markdown") == "long"


def test_genre_long_documents_in_paragraphs_are_long():
    assert genre_of(prose(150, per_paragraph=10)) == "long"


def test_genre_unclear_for_a_long_unbroken_block():
    """Issue 17: 150 sentences with no paragraph break tell nothing of their genre; the papers'
    learned model (trained on sectioned text) read earnings calls badly."""
    assert genre_of(prose(150)) == "unclear"


REPO = Path(__file__).resolve().parents[2]


def _first_row(name: str) -> dict:
    path = REPO / "bench" / "data" / "genres" / name
    with path.open(encoding="utf-8") as f:
        return json.loads(f.readline())


def test_genre_unclear_for_a_real_meeting_transcript():
    """A QMSum meeting (bench/data/genres, MIT): every turn opens with its speaker's label."""
    row = _first_row("meetings_qmsum.jsonl")
    assert row["source"].startswith("Grad C: ")
    assert genre_of(row["source"]) == "unclear"
    head = "\n\n".join(row["source"].split("\n\n")[:60])  # a short transcript too
    assert genre_of(head) == "unclear"


def test_genre_of_a_story_with_dialogue_is_not_a_transcript():
    story = (REPO / "examples" / "beast-jewel-of-mars.txt").read_text(encoding="utf-8")
    assert not auto.transcript(Features(load_text(story)))
    assert genre_of(story) != "unclear"


def test_position_prior_decreases_from_one():
    prior = auto.position_prior(5, 8.0)
    assert prior[0] == 1.0
    assert np.all(np.diff(prior) < 0)


def test_auto_paragraphs_ranks_in_document_order():
    """Regression: short-paragraph news lost to lead-K when centrality reordered the lead."""
    doc = load_text(prose(30, per_paragraph=1))
    assert ranked(doc, SummarizeOptions(method="auto"))[:5] == [0, 1, 2, 3, 4]


def test_auto_news_takes_the_first_sentence_first():
    """Regression: a linear (rank) lead prior let a central later sentence beat the lead."""
    doc = load_text(prose(60))
    assert auto.genre(Features(doc)) == "news"
    assert ranked(doc, SummarizeOptions(method="auto"))[0] == 0
