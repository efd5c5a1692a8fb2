"""Continuous LexRank: eigenvector centrality on the TF-IDF cosine graph."""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from precis.document import Document
from precis.extractive.features import Features
from precis.extractive.graph import pagerank
from precis.registry import scorers


@scorers.register("lexrank")
class LexRank:
    """Continuous LexRank (Erkan & Radev 2004, "LexRank: Graph-based Lexical Centrality as
    Salience in Text Summarization", JAIR 22).

    The graph is weighted by idf-modified cosine similarity (no threshold: the *continuous*
    variant, section 3.3); centrality is the stationary distribution of the damped walk, with
    the paper's jump probability 0.15 (damping 0.85), found by power iteration.
    """

    name: ClassVar[str] = "lexrank"
    description: ClassVar[str] = (
        "continuous LexRank on the TF-IDF cosine graph (Erkan & Radev 2004)"
    )
    damping: ClassVar[float] = 0.85

    def score(self, doc: Document, features: Features) -> np.ndarray:
        graph = features.cosine_array if features.dense else features.cosine
        return pagerank(graph, damping=self.damping)
