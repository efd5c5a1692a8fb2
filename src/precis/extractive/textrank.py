"""TextRank: PageRank over the word-overlap sentence graph."""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from precis.document import Document
from precis.extractive.features import Features
from precis.extractive.graph import pagerank
from precis.registry import scorers


@scorers.register("textrank")
class TextRank:
    """TextRank sentence extraction (Mihalcea & Tarau 2004, "TextRank: Bringing Order into Texts").

    Edge weight between two sentences is the number of shared content words divided by
    ``log|S_i| + log|S_j|`` (section 4.1 of the paper); scores are PageRank with damping 0.85.
    """

    name: ClassVar[str] = "textrank"
    description: ClassVar[str] = "PageRank on the word-overlap graph (Mihalcea & Tarau 2004)"
    damping: ClassVar[float] = 0.85

    def score(self, doc: Document, features: Features) -> np.ndarray:
        graph = features.overlap_array if features.dense else features.overlap
        return pagerank(graph, damping=self.damping)
