"""HipoRank: hierarchical, boundary-aware directed centrality for long structured documents."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import scipy.sparse as sp

from precis.document import Document
from precis.extractive.features import Features, normalize_rows
from precis.extractive.pacsum import shifted_edges
from precis.registry import scorers

_CHUNK = 4096


@scorers.register("hiporank")
class HipoRank:
    """Hierarchical and positional ranking (Dong, Mircea & Cheung 2021, "Discourse-Aware
    Unsupervised Summarization of Long Scientific Documents", EACL).

    Sentences live in sections (for documents without sections: consecutive paragraphs grouped
    into segments of about ``sqrt(n)`` sentences, see :attr:`Features.segments`). Intra-section
    edges are cosines between sentences of one section, inter-section edges cosines between a
    sentence and another section's mean vector. Edges that point towards a boundary (the start
    or, weighted by ``alpha``, the end of a section; the first or last sections of the
    document) keep weight :attr:`towards`, the others :attr:`away` (their equations 3-6).
    Score: ``mu * intra + inter``, each normalised by the number of its neighbours.
    """

    name: ClassVar[str] = "hiporank"
    description: ClassVar[str] = "section-aware centrality with boundary bias (Dong et al. 2021)"
    beta: ClassVar[float] = 0.0
    towards: ClassVar[float] = 1.0
    away: ClassVar[float] = 0.0
    alpha: ClassVar[float] = 1.0
    mu: ClassVar[float] = 1.0

    def score(self, doc: Document, features: Features) -> np.ndarray:
        n = features.n
        if n == 0:
            return np.zeros(0)
        seg = features.segments
        return self.mu * self._intra(features, seg) + self._inter(features, seg)

    def _intra(self, features: Features, seg: np.ndarray) -> np.ndarray:
        """Sentence-level centrality inside each section, biased towards section boundaries."""
        sizes = np.bincount(seg)
        x = features.segment_position + 1.0
        dist = np.minimum(x, self.alpha * (sizes[seg] - x + 1.0))
        if features.dense:
            edges = shifted_edges(features.cosine_array, self.beta)
            edges *= seg[:, None] == seg[None, :]
            edges *= np.where(dist[:, None] <= dist[None, :], self.towards, self.away)
            sums = edges.sum(axis=1)
        else:
            coo = shifted_edges(features.cosine, self.beta).tocoo()
            same = seg[coo.row] == seg[coo.col]
            i, j, w = coo.row[same], coo.col[same], coo.data[same]
            # w_ij counts for sentence i from neighbour j: "towards" when i is nearer a boundary.
            w = w * np.where(dist[i] <= dist[j], self.towards, self.away)
            sums = np.bincount(i, weights=w, minlength=features.n)
        return sums / np.maximum(sizes[seg] - 1, 1)

    def _inter(self, features: Features, seg: np.ndarray) -> np.ndarray:
        """Sentence-to-section centrality, biased towards the first and last sections."""
        m = int(seg.max()) + 1
        if m < 2:
            return np.zeros(features.n)
        k = np.arange(m) + 1.0
        sec_dist = np.minimum(k, self.alpha * (m - k + 1.0))
        steps = np.diff(seg)
        if features.dense and seg[0] == 0 and ((steps == 0) | (steps == 1)).all():
            sim = _section_cosines(features, seg, m)
            bias = np.where(sec_dist[seg][:, None] <= sec_dist[None, :], self.towards, self.away)
            return (sim * bias).sum(axis=1) / (m - 1)
        member = sp.csr_matrix((np.ones(features.n), (seg, np.arange(features.n))), (m, features.n))
        sections = normalize_rows((member @ features.tfidf).tocsr())
        out = np.zeros(features.n)
        for lo in range(0, features.n, _CHUNK):
            hi = min(features.n, lo + _CHUNK)
            sim = (features.tfidf[lo:hi] @ sections.T).toarray()
            own = seg[lo:hi]
            sim[np.arange(hi - lo), own] = 0.0
            bias = np.where(sec_dist[own][:, None] <= sec_dist[None, :], self.towards, self.away)
            out[lo:hi] = (sim * bias).sum(axis=1)
        return out / (m - 1)


def _section_cosines(features: Features, seg: np.ndarray, m: int) -> np.ndarray:
    """Cosine of every sentence with every section's summed TF-IDF vector (own section: 0).

    From the dense graph, for sections that are runs of consecutive sentences:
    ``t_i . sum_{j in k} t_j = sum_{j in k} cos(i, j)`` (plus ``|t_i|^2`` for ``i``'s own
    section), and the section vector's squared norm is the sum of those over its sentences.
    """
    n = features.n
    starts = np.r_[0, np.flatnonzero(np.diff(seg)) + 1]
    products = np.add.reduceat(features.cosine_array, starts, axis=1)
    rows = features.tfidf_arrays
    own = np.arange(n)
    products[own, seg] += np.bincount(rows.row_of_entry(), rows.data * rows.data, minlength=n)
    norms = np.sqrt(np.bincount(seg, weights=products[own, seg], minlength=m))
    norms[norms == 0] = 1.0
    sim = products * (1.0 / norms)[None, :]
    sim[own, seg] = 0.0
    return sim
