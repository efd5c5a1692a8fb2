"""SumBasic: frequency-driven greedy selection with probability squaring."""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from precis.document import Document
from precis.extractive.base import scores_from_order
from precis.extractive.features import Features
from precis.registry import scorers


@scorers.register("sumbasic")
class SumBasic:
    """SumBasic (Nenkova & Vanderwende 2005, "The Impact of Frequency on Summarization",
    MSR-TR-2005-101).

    A sentence scores the mean probability of its words; the best sentence containing the
    currently most probable word is picked, and the probabilities of its words are squared so
    that repeated content is discouraged. Scores encode the greedy order for
    :attr:`max_steps` picks, then the remaining sentences by their last score.
    """

    name: ClassVar[str] = "sumbasic"
    description: ClassVar[str] = "greedy mean word probability with squaring (Nenkova 2005)"
    max_steps: ClassVar[int] = 64

    def score(self, doc: Document, features: Features) -> np.ndarray:
        counts = features.counts
        n, v = counts.shape
        lengths = features.content_lengths
        if n == 0 or lengths.sum() == 0:
            return np.zeros(n)
        p = features.term_probability.copy()  # squared in place as words are used
        safe = np.maximum(lengths, 1.0)
        rows = np.repeat(np.arange(n), np.diff(counts.indptr))  # sentence of each entry
        cols, data = counts.indices, counts.data
        available = lengths > 0
        order: list[int] = []
        mean = np.zeros(n)
        for _ in range(min(self.max_steps, int(available.sum()))):
            mean = np.bincount(rows, weights=data * p[cols], minlength=n) / safe
            candidates = available.copy()
            live = np.zeros(v, dtype=bool)  # words of the sentences still available
            live[cols[available[rows]]] = True
            top_word = int(np.argmax(np.where(live, p, -1.0)))
            with_top = np.zeros(n, dtype=bool)
            with_top[rows[cols == top_word]] = True
            with_top &= available
            if with_top.any():
                candidates = with_top
            best = int(np.argmax(np.where(candidates, mean, -np.inf)))
            order.append(best)
            available[best] = False
            words = cols[counts.indptr[best] : counts.indptr[best + 1]]
            p[words] = p[words] ** 2
        chosen = set(order)
        rest = [i for i in np.argsort(-mean, kind="stable") if i not in chosen]
        return scores_from_order(order + rest, n)
