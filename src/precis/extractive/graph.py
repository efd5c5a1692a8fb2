"""Graph helpers shared by the centrality scorers: row normalisation and PageRank."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp


def row_stochastic(weights: sp.spmatrix) -> sp.csr_matrix:
    """Divide each row by its sum; rows without edges stay zero (handled as dangling nodes)."""
    w = sp.csr_matrix(weights, dtype=np.float64)
    sums = w.sum(axis=1).A1
    inv = np.divide(1.0, sums, out=np.zeros_like(sums), where=sums > 0)
    return (sp.diags(inv) @ w).tocsr()


def pagerank(
    weights: sp.spmatrix, damping: float = 0.85, tol: float = 1e-8, max_iter: int = 200
) -> np.ndarray:
    """Stationary distribution of the damped random walk on ``weights`` (power iteration).

    ``p = (1 - d) / n + d * M^T p`` with M row-stochastic; the mass of rows without edges is
    spread uniformly, so the result always sums to one (Brin & Page 1998).
    """
    n = weights.shape[0]
    if n == 0:
        return np.zeros(0)
    m = row_stochastic(weights)
    mt = m.T.tocsr()
    dangling = m.sum(axis=1).A1 == 0
    p = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        nxt = (1.0 - damping) / n + damping * (mt @ p + p[dangling].sum() / n)
        if np.abs(nxt - p).sum() < tol:
            return nxt
        p = nxt
    return p
