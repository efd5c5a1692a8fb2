"""Selection: turn per-sentence scores into a summary under a sentence budget."""

from __future__ import annotations

import numpy as np

from precis.document import Document
from precis.summary import SummarySentence


def top_k(doc: Document, scores: np.ndarray, k: int) -> tuple[SummarySentence, ...]:
    """The ``k`` best-scored sentences, restored to document order (ties: earlier first)."""
    if k <= 0 or len(scores) == 0:
        return ()
    order = np.lexsort((np.arange(len(scores)), -scores))[:k]
    chosen = sorted(int(i) for i in order)
    return tuple(
        SummarySentence(
            index=s.index,
            start=s.start,
            end=s.end,
            text=s.text,
            score=float(scores[s.index]),
            source=s.source,
        )
        for s in (doc.sentences[i] for i in chosen)
    )
