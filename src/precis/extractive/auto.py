"""auto: the measured best mixture of scorers for the document's length and genre."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from precis.document import Document
from precis.extractive.features import Features
from precis.registry import scorers

_QUOTE = re.compile('["\u201c\u201d]')


@dataclass(frozen=True)
class Recipe:
    """Weights of rank-normalised component scores and the MMR lambda for one genre."""

    weights: dict[str, float]
    mmr_lambda: float


# Tuned with bench/tune_extractive.py (and its weight search) on the even-hash rows of the
# shared development sets; see bench/results/tune_extractive.json for the held-apart figures.
RECIPES: dict[str, Recipe] = {
    # scitldr abstracts: one sentence out of a handful; centrality decides.
    "short": Recipe({"lexrank": 1.0, "textrank": 1.25, "centroid": 0.25}, 0.7),
    # news (cnndm, news_writer, xsum): position first, centrality breaks ties.
    "news": Recipe({"lead": 1.0, "lexrank": 0.5, "textrank": 1.0}, 0.9),
    # fiction (squality): long, content-dense sentences; position means little.
    "story": Recipe({"textrank": 1.0, "luhn": 1.0}, 0.7),
    # papers and other long documents (scisummnet): section-aware centrality plus position.
    "long": Recipe({"hiporank": 1.0, "lead": 0.5}, 0.7),
}
SHORT_MAX = 15
NEWS_MAX = 120
STORY_QUOTES = 0.2


def genre(features: Features) -> str:
    """Which recipe applies: by sentence count, then by the share of sentences with quotes."""
    n = features.n
    if n <= SHORT_MAX:
        return "short"
    if n <= NEWS_MAX:
        return "news"
    quoted = sum(1 for s in features.doc.sentences if _QUOTE.search(s.text)) / n
    return "story" if quoted >= STORY_QUOTES else "long"


def rank_normalise(scores: np.ndarray) -> np.ndarray:
    """Rank percentiles in [0, 1] (ties share the lower rank), so mixtures ignore score scales."""
    n = len(scores)
    if n < 2:
        return np.zeros(n)
    return np.argsort(np.argsort(scores, kind="stable"), kind="stable") / (n - 1)


@scorers.register("auto")
class Auto:
    """Per-genre mixture of the other scorers (a tuned ensemble; see :data:`RECIPES`).

    The components and their papers are cited in their own modules; the mixture itself follows
    the finding of Zheng & Lapata (2019) that position and centrality are complementary on
    news, and of Dong et al. (2021) that section structure matters on long papers.
    """

    name: ClassVar[str] = "auto"
    description: ClassVar[str] = "best measured mixture for the document's length and genre"

    def score(self, doc: Document, features: Features) -> np.ndarray:
        recipe = RECIPES[genre(features)]
        total = np.zeros(features.n)
        for method, weight in recipe.weights.items():
            total += weight * rank_normalise(scorers.get(method)().score(doc, features))
        return total

    def mmr_lambda_for(self, features: Features) -> float:
        """The MMR lambda tuned for this document's genre (used unless the options set one)."""
        return RECIPES[genre(features)].mmr_lambda
