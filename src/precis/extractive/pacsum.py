"""PacSum: position-augmented directed centrality."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import scipy.sparse as sp

from precis.document import Document
from precis.extractive.features import Features
from precis.registry import scorers


@scorers.register("pacsum")
class PacSum:
    """Directed centrality (Zheng & Lapata 2019, "Sentence Centrality Revisited for
    Unsupervised Summarization", ACL).

    Edges are TF-IDF cosines shifted by ``min + beta * (max - min)`` and clipped at zero (their
    equation 8); a sentence scores ``lambda1 * sum_{j<i} e_ij + lambda2 * sum_{j>i} e_ij``
    (equation 10). A negative ``lambda1`` punishes sentences that repeat earlier ones, so the
    graph favours the sentences that *introduce* content: position without a lead heuristic.
    """

    name: ClassVar[str] = "pacsum"
    description: ClassVar[str] = "position-aware directed centrality (Zheng & Lapata 2019)"
    beta: ClassVar[float] = 0.3
    lambda1: ClassVar[float] = -0.5
    lambda2: ClassVar[float] = 1.0

    def score(self, doc: Document, features: Features) -> np.ndarray:
        return directed_centrality(features.cosine, self.beta, self.lambda1, self.lambda2)


def shifted_edges(graph: sp.csr_matrix, beta: float) -> sp.csr_matrix:
    """Edges minus the PacSum threshold ``min + beta * (max - min)``, clipped at zero."""
    n = graph.shape[0]
    if graph.nnz == 0:
        return graph.copy()
    values = graph.data
    lo = float(values.min()) if graph.nnz >= n * (n - 1) else min(0.0, float(values.min()))
    threshold = lo + beta * (float(values.max()) - lo)
    out = graph.copy()
    out.data = np.maximum(out.data - threshold, 0.0)
    out.eliminate_zeros()
    return out


def directed_centrality(
    graph: sp.csr_matrix, beta: float, lambda1: float, lambda2: float
) -> np.ndarray:
    """``lambda1 * (edges to earlier sentences) + lambda2 * (edges to later sentences)``."""
    if graph.shape[0] == 0:
        return np.zeros(0)
    edges = shifted_edges(graph, beta)
    backward = np.asarray(sp.tril(edges, k=-1).sum(axis=1)).ravel()
    forward = np.asarray(sp.triu(edges, k=1).sum(axis=1)).ravel()
    return lambda1 * backward + lambda2 * forward
