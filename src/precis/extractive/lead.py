"""Lead baseline: the first sentences of the document (strong on news, see See et al. 2017)."""

from __future__ import annotations

import numpy as np

from precis.document import Document


def lead_scores(doc: Document) -> np.ndarray:
    """Scores that decrease with position, so the top-k are the first k sentences."""
    n = len(doc.sentences)
    return np.linspace(1.0, 0.0, num=n, endpoint=False) if n else np.zeros(0)
