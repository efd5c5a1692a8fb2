"""The one small interface of extractive summarization.

A *scorer* turns a :class:`~precis.document.Document` into one score per sentence (higher is
better); a *selector* (:mod:`precis.extractive.select`) turns scores into a summary under a
budget, with redundancy control and document order. Scorers share per-document features
(:class:`~precis.extractive.features.Features`: tokens, TF-IDF matrix, similarity graph), computed
once and cached on the features object.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Protocol

import numpy as np

if TYPE_CHECKING:
    from precis.document import Document
    from precis.extractive.features import Features


class Scorer(Protocol):
    """Rates every sentence of a document; one module per algorithm implements this."""

    name: ClassVar[str]
    description: ClassVar[str]

    def score(self, doc: Document, features: Features) -> np.ndarray:
        """Return a float array of shape ``(len(doc.sentences),)``; higher means more salient."""
        ...


def scores_from_order(order: list[int] | np.ndarray, n: int) -> np.ndarray:
    """Scores that reproduce a ranking: the first index gets 1, the last 1/n (greedy methods)."""
    scores = np.zeros(n)
    scores[np.asarray(order, dtype=np.int64)] = (n - np.arange(len(order))) / max(n, 1)
    return scores


def method_scores(method: str, doc: Document, features: Features) -> np.ndarray:
    """Scores of a registered method, computed once per document and shared (read-only).

    ``auto`` mixes methods whose scores the learned scorer also reads as features; without
    this they would be computed twice (PageRank twice on one graph).
    """
    from precis.registry import scorers

    def build() -> np.ndarray:
        scores = np.asarray(scorers.get(method)().score(doc, features), dtype=np.float64)
        scores.setflags(write=False)
        return scores

    return features.memo(f"scores:{method}", build)
