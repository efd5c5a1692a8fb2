"""Graph helpers shared by the centrality scorers: row normalisation and PageRank.

Graphs come as scipy CSR matrices or, for documents of at most
:data:`~precis.extractive.features.DENSE_LIMIT` sentences, as dense arrays
(:attr:`~precis.extractive.features.Features.cosine_array`). A dense walk of up to
:data:`SMALL_GRAPH` nodes multiplies with a dense array (a few microseconds per step); a larger
one with a CSR matrix, since a large dense mat-vec wakes BLAS threads, which cost milliseconds
on a busy machine.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

SMALL_GRAPH = 95  # OpenBLAS multiplies from 96 x 96 = 9216 entries on several threads
# Power-iteration steps taken between convergence checks; the result is the same step the
# one-at-a-time loop stops at (the checks are vectorised, not skipped).
_CHUNK = 8


def row_stochastic(weights: sp.spmatrix) -> sp.csr_matrix:
    """Divide each row by its sum; rows without edges stay zero (handled as dangling nodes)."""
    w = sp.csr_matrix(weights, dtype=np.float64)
    sums = w.sum(axis=1).A1
    inv = np.divide(1.0, sums, out=np.zeros_like(sums), where=sums > 0)
    return (sp.diags(inv) @ w).tocsr()


def pagerank(
    weights: sp.spmatrix | np.ndarray,
    damping: float = 0.85,
    tol: float = 1e-8,
    max_iter: int = 200,
) -> np.ndarray:
    """Stationary distribution of the damped random walk on ``weights`` (power iteration).

    ``p = (1 - d) / n + d * M^T p`` with M row-stochastic; the mass of rows without edges is
    spread uniformly, so the result always sums to one (Brin & Page 1998). ``weights`` is a
    sparse matrix or a dense array.
    """
    n = weights.shape[0]
    if n == 0:
        return np.zeros(0)
    if isinstance(weights, np.ndarray):
        w = np.asarray(weights, dtype=np.float64)
        sums = w.sum(axis=1)
        inv = np.divide(1.0, sums, out=np.zeros_like(sums), where=sums > 0)
        m = w * inv[:, None]
        dangling = ~(sums > 0)  # the rows of m that sum to zero
        if n <= SMALL_GRAPH:
            return _power_dense(m, dangling, damping, tol, max_iter)
        mt = sp.csr_matrix(m.T)
    else:
        stochastic = row_stochastic(weights)
        mt = stochastic.T.tocsr()
        dangling = stochastic.sum(axis=1).A1 == 0
    return _power_sparse(mt, dangling, damping, tol, max_iter)


def _power_sparse(
    mt: sp.csr_matrix, dangling: np.ndarray, damping: float, tol: float, max_iter: int
) -> np.ndarray:
    """The power iteration with a sparse transposed transition matrix."""
    n = mt.shape[0]
    spread = dangling.any()
    p = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        walk = mt @ p
        if spread:  # without dangling rows, adding 0.0 would change nothing
            walk += p[dangling].sum() / n
        nxt = (1.0 - damping) / n + damping * walk
        if np.abs(nxt - p).sum() < tol:
            return nxt
        p = nxt
    return p


def _power_dense(
    m: np.ndarray, dangling: np.ndarray, damping: float, tol: float, max_iter: int
) -> np.ndarray:
    """The same iteration as one mat-vec per step, checked for convergence every few steps.

    The walk is written in homogeneous coordinates, ``[p; 1] <- A [p; 1]`` with
    ``A = [[d (M^T + dangling spread), (1 - d) / n], [0, 1]]``: jump, damping and dangling mass
    all live in ``A``, so a step is a single BLAS call (the sums are the same, only their order
    of rounding differs). Steps stop at the first whose L1 change is below ``tol``, as before.
    """
    n = m.shape[0]
    step = np.zeros((n + 1, n + 1))
    step[:n, :n] = m.T
    if dangling.any():
        step[:n, :n][:, dangling] = 1.0 / n
    step[:n, :n] *= damping
    step[:n, n] = (1.0 - damping) / n
    step[n, n] = 1.0
    iterates = np.empty((_CHUNK + 1, n + 1))
    iterates[0, :n] = 1.0 / n
    iterates[0, n] = 1.0
    rows = list(iterates)  # views, made once: the loop below is the hot path
    done = 0
    while done < max_iter:
        todo = min(_CHUNK, max_iter - done)
        for k in range(todo):
            step.dot(rows[k], out=rows[k + 1])
        moved = np.abs(iterates[1 : todo + 1, :n] - iterates[:todo, :n]).sum(axis=1)
        converged = moved < tol
        if converged.any():
            return iterates[int(converged.argmax()) + 1, :n].copy()
        done += todo
        iterates[0] = iterates[todo]
    return iterates[0, :n].copy()
