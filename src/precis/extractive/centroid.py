"""TF-IDF centroid: sentences closest to the document's centroid."""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from precis.document import Document
from precis.extractive.features import Features
from precis.registry import scorers


@scorers.register("centroid")
class Centroid:
    """Centroid-based summarization (Radev, Jing, Stys & Tam 2004, "Centroid-based
    summarization of multiple documents", IP&M 40).

    The centroid is the mean TF-IDF vector with only its :attr:`top_terms` heaviest terms kept
    (the paper's topic-signature cut); a sentence scores its cosine with the centroid.
    """

    name: ClassVar[str] = "centroid"
    description: ClassVar[str] = "cosine with the TF-IDF centroid (Radev et al. 2004)"
    top_terms: ClassVar[int] = 100

    def score(self, doc: Document, features: Features) -> np.ndarray:
        return centroid_similarity(features, self.top_terms)


def centroid_similarity(features: Features, top_terms: int) -> np.ndarray:
    """Cosine of each TF-IDF row with the truncated centroid (zero when undefined)."""
    rows = features.tfidf_arrays
    n, v = rows.shape
    if n == 0 or len(rows.data) == 0:
        return np.zeros(n)
    c = np.bincount(rows.indices, weights=rows.data * (1.0 / n), minlength=v)  # the mean row
    if len(c) > top_terms:
        c[np.argpartition(-c, top_terms)[top_terms:]] = 0.0
    c /= np.linalg.norm(c) or 1.0
    return np.bincount(rows.row_of_entry(), weights=rows.data * c[rows.indices], minlength=n)
