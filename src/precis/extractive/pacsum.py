"""PacSum: position-augmented directed centrality."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import scipy.sparse as sp

from precis.document import Document
from precis.extractive.features import Features
from precis.registry import scorers

Graph = sp.csr_matrix | np.ndarray
"""A sentence graph: sparse (any document) or dense (see ``Features.cosine_array``)."""


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
        graph = features.cosine_array if features.dense else features.cosine
        return directed_centrality(graph, self.beta, self.lambda1, self.lambda2)


def shifted_edges(graph: Graph, beta: float) -> Graph:
    """Edges minus the PacSum threshold ``min + beta * (max - min)``, clipped at zero.

    ``graph`` is a sparse matrix or a dense array; the result is of the same kind. The minimum
    is over the edges present, and zero when some pair of sentences has none.
    """
    if isinstance(graph, np.ndarray):
        return _shifted_dense(graph, beta)
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


def _shifted_dense(graph: np.ndarray, beta: float) -> np.ndarray:
    """:func:`shifted_edges` on a dense array: absent (zero) edges stay absent."""
    n = graph.shape[0]
    present = graph != 0
    values = graph[present]
    if len(values) == 0:
        return graph.copy()
    lo = float(values.min()) if len(values) >= n * (n - 1) else min(0.0, float(values.min()))
    threshold = lo + beta * (float(values.max()) - lo)
    return np.where(present, np.maximum(graph - threshold, 0.0), 0.0)


def directed_centrality(graph: Graph, beta: float, lambda1: float, lambda2: float) -> np.ndarray:
    """``lambda1 * (edges to earlier sentences) + lambda2 * (edges to later sentences)``."""
    if graph.shape[0] == 0:
        return np.zeros(0)
    edges = shifted_edges(graph, beta)
    if isinstance(edges, np.ndarray):
        backward = np.tril(edges, k=-1).sum(axis=1)
        forward = np.triu(edges, k=1).sum(axis=1)
    else:
        backward = np.asarray(sp.tril(edges, k=-1).sum(axis=1)).ravel()
        forward = np.asarray(sp.triu(edges, k=1).sum(axis=1)).ravel()
    return lambda1 * backward + lambda2 * forward
