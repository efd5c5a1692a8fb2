"""KL-Sum: greedily add the sentence that brings the summary's word distribution closest."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import scipy.sparse as sp

from precis.document import Document
from precis.extractive.base import scores_from_order
from precis.extractive.features import Features
from precis.registry import scorers


@scorers.register("kl")
class KLSum:
    """KL-Sum (Haghighi & Vanderwende 2009, "Exploring Content Models for Multi-Document
    Summarization", NAACL).

    Greedily adds the sentence minimising ``KL(P_doc || P_summary)`` (unigram distributions,
    additive smoothing). Scores encode the greedy order for the first :attr:`max_steps`
    picks; later sentences follow by their KL at the last step. Each step is one vectorised
    pass over the sparse count matrix, so the cost is ``max_steps * nnz``.
    """

    name: ClassVar[str] = "kl"
    description: ClassVar[str] = "greedy KL-divergence minimisation (Haghighi & Vanderwende 2009)"
    max_steps: ClassVar[int] = 64
    smoothing: ClassVar[float] = 1e-3

    def score(self, doc: Document, features: Features) -> np.ndarray:
        counts = features.counts
        n, v = counts.shape
        lengths = features.content_lengths
        if n == 0 or lengths.sum() == 0:
            return np.zeros(n)
        p = features.term_probability
        rows = np.repeat(np.arange(n), np.diff(counts.indptr))
        summary, total = np.zeros(v), 0.0
        available = lengths > 0
        order: list[int] = []
        kl = np.zeros(n)
        eps = self.smoothing
        for _ in range(min(self.max_steps, int(available.sum()))):
            kl = self._divergence(counts, rows, p, summary, total, lengths, eps)
            kl[~available] = np.inf
            best = int(np.argmin(kl))
            order.append(best)
            available[best] = False
            lo, hi = counts.indptr[best], counts.indptr[best + 1]
            summary[counts.indices[lo:hi]] += counts.data[lo:hi]
            total += lengths[best]
        chosen = set(order)
        rest = [i for i in np.argsort(kl, kind="stable") if i not in chosen]
        return scores_from_order(order + rest, n)

    @staticmethod
    def _divergence(
        counts: sp.csr_matrix,
        rows: np.ndarray,
        p: np.ndarray,
        summary: np.ndarray,
        total: float,
        lengths: np.ndarray,
        eps: float,
    ) -> np.ndarray:
        """KL(P || Q_i) up to a constant, for Q_i the smoothed summary-plus-sentence-i unigrams."""
        cols = counts.indices
        base = float(p @ np.log(summary + eps))
        gain = p[cols] * (np.log(summary[cols] + counts.data + eps) - np.log(summary[cols] + eps))
        delta = np.bincount(rows, weights=gain, minlength=counts.shape[0])
        return -(base + delta) + np.log(total + lengths + eps * counts.shape[1])
