"""Luhn: sentences dense in significant (frequent content) words."""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from precis.document import Document
from precis.extractive.features import Features
from precis.registry import scorers


@scorers.register("luhn")
class Luhn:
    """Luhn's auto-abstract (Luhn 1958, "The Automatic Creation of Literature Abstracts",
    IBM J. Res. Dev. 2(2)).

    Significant words are content stems occurring at least :attr:`min_count` times and among the
    :attr:`top_fraction` most frequent; a cluster is a run of significant words separated by at
    most :attr:`max_gap` other words; a sentence scores its best cluster's
    ``significant^2 / length``.
    """

    name: ClassVar[str] = "luhn"
    description: ClassVar[str] = "clusters of significant words (Luhn 1958)"
    min_count: ClassVar[int] = 2
    top_fraction: ClassVar[float] = 0.1
    max_gap: ClassVar[int] = 4

    def score(self, doc: Document, features: Features) -> np.ndarray:
        counts = np.asarray(features.counts.sum(axis=0)).ravel()
        if counts.size == 0:
            return np.zeros(features.n)
        cutoff = np.sort(counts)[::-1][max(0, int(len(counts) * self.top_fraction) - 1)]
        significant = (counts >= max(self.min_count, cutoff)).tolist()
        vocab = features.vocabulary
        return np.array(
            [
                _best_cluster([significant[vocab[t]] for t in toks], self.max_gap)
                for toks in features.tokens
            ]
        )


def _best_cluster(flags: list[bool], max_gap: int) -> float:
    """Best ``significant^2 / span`` over clusters of one sentence (linear in its length)."""
    hits = [i for i, f in enumerate(flags) if f]
    if not hits:
        return 0.0
    best, start, count = 0.0, hits[0], 1
    for prev, cur in zip(hits, hits[1:], strict=False):
        if cur - prev - 1 > max_gap:
            best = max(best, count * count / (prev - start + 1))
            start, count = cur, 0
        count += 1
    return max(best, count * count / (hits[-1] - start + 1))
