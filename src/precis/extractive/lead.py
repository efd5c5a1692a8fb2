"""Lead baseline: the first sentences of the document (strong on news, see See et al. 2017)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import numpy as np

from precis.registry import scorers

if TYPE_CHECKING:
    from precis.document import Document
    from precis.extractive.features import Features


def lead_scores(doc: Document) -> np.ndarray:
    """Scores that decrease with position, so the top-k are the first k sentences."""
    n = len(doc.sentences)
    return np.linspace(1.0, 0.0, num=n, endpoint=False) if n else np.zeros(0)


@scorers.register("lead")
class Lead:
    """First sentences first."""

    name: ClassVar[str] = "lead"
    description: ClassVar[str] = "the first sentences (news baseline)"
    diversify: ClassVar[bool] = False  # lead-k is defined without redundancy control

    def score(self, doc: Document, features: Features | None = None) -> np.ndarray:
        return lead_scores(doc)
