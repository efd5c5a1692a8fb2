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
        ids = features.token_ids
        counts = np.bincount(ids, minlength=len(features.vocabulary)).astype(np.float64)
        if counts.size == 0:
            return np.zeros(features.n)
        cutoff = np.sort(counts)[::-1][max(0, int(len(counts) * self.top_fraction) - 1)]
        significant = counts >= max(self.min_count, cutoff)
        return best_clusters(significant[ids], features.token_offsets, self.max_gap)


def best_clusters(flags: np.ndarray, offsets: np.ndarray, max_gap: int) -> np.ndarray:
    """Per sentence, the best ``significant^2 / span`` over its clusters (vectorised).

    ``flags`` marks the significant tokens of all sentences, sentence ``i`` owning
    ``flags[offsets[i]:offsets[i + 1]]``. A cluster is a run of significant tokens of one
    sentence with at most ``max_gap`` other tokens between neighbours; its span runs from its
    first to its last significant token.
    """
    n = len(offsets) - 1
    hits = np.flatnonzero(flags)
    out = np.zeros(n)
    if len(hits) == 0:
        return out
    sentence = np.searchsorted(offsets, hits, side="right") - 1
    starts = np.ones(len(hits), dtype=bool)
    starts[1:] = (sentence[1:] != sentence[:-1]) | (np.diff(hits) - 1 > max_gap)
    first = np.flatnonzero(starts)
    last = np.r_[first[1:], len(hits)] - 1
    size = (last - first + 1).astype(np.float64)
    score = size * size / (hits[last] - hits[first] + 1)
    np.maximum.at(out, sentence[first], score)
    return out
