"""Vectorised graph scorers against naive dense implementations written from the papers."""

from __future__ import annotations

import math

import numpy as np
import pytest

from precis.extractive.features import Features, content_tokens
from precis.extractive.lexrank import LexRank
from precis.extractive.textrank import TextRank

TEXT = (
    "The rover landed on Mars in the spring. The rover sent pictures of red dust and rocks. "
    "Scientists studied the rocks for signs of water. Water once flowed on Mars, the scientists "
    "said. The pictures showed dry river beds. Nobody expected the dust storms. Dust storms "
    "covered the rover for weeks. The mission went on after the storms."
)


def _pagerank_dense(w: np.ndarray, damping: float = 0.85) -> np.ndarray:
    n = len(w)
    sums = w.sum(axis=1, keepdims=True)
    m = np.where(sums > 0, w / np.where(sums > 0, sums, 1), 1.0 / n)  # dangling rows: uniform
    p = np.full(n, 1.0 / n)
    for _ in range(1000):
        p = (1 - damping) / n + damping * m.T @ p
    return p


def _textrank_naive(sentences: list[list[str]]) -> np.ndarray:
    n = len(sentences)
    w = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            if i != j and sentences[i] and sentences[j]:
                shared = len(set(sentences[i]) & set(sentences[j]))
                w[i, j] = shared / (
                    math.log(len(sentences[i]) + 1) + math.log(len(sentences[j]) + 1)
                )
    return _pagerank_dense(w)


def _lexrank_naive(sentences: list[list[str]]) -> np.ndarray:
    n = len(sentences)
    vocab = sorted({t for s in sentences for t in s})
    df = {t: sum(t in s for s in sentences) for t in vocab}
    vecs = []
    for s in sentences:
        v = np.array([s.count(t) * (math.log((1 + n) / (1 + df[t])) + 1) for t in vocab])
        vecs.append(v / (np.linalg.norm(v) or 1.0))
    w = np.array(
        [[float(a @ b) if i != j else 0.0 for j, b in enumerate(vecs)] for i, a in enumerate(vecs)]
    )
    return _pagerank_dense(w)


@pytest.fixture()
def small(make_doc):
    doc = make_doc(TEXT)
    assert len(doc.sentences) == 8
    return doc


def test_textrank_matches_naive_dense(small):
    tokens = [content_tokens(s.text) for s in small.sentences]
    got = TextRank().score(small, Features(small))
    assert np.allclose(got, _textrank_naive(tokens), atol=1e-6)


def test_lexrank_matches_naive_dense(small):
    tokens = [content_tokens(s.text) for s in small.sentences]
    got = LexRank().score(small, Features(small))
    assert np.allclose(got, _lexrank_naive(tokens), atol=1e-6)
