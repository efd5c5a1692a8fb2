"""Per-document features shared by every scorer and by the selector, computed once and cached.

A :class:`Features` object wraps one :class:`~precis.document.Document` and computes, lazily:
content-word tokens (lowercase, stop words removed, Porter stems), a sentence x term count matrix,
an L2-normalised TF-IDF matrix, two sparse sentence graphs (cosine and TextRank word overlap),
positions and lengths. Everything is a numpy array or a scipy CSR matrix.

Graph cost (STYLE.md mistake 10): up to :data:`DENSE_LIMIT` sentences the graph is exact (one
sparse product). Longer documents get a *banded* graph: each block of :data:`BLOCK` sentences is
compared with itself and its two neighbouring blocks only, and each row keeps its :data:`TOP_K`
strongest edges, so time and memory grow linearly with the number of sentences.
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache

import numpy as np
import scipy.sparse as sp

from precis.document import Document

DENSE_LIMIT = 2000
BLOCK = 500
TOP_K = 30

_WORD_RE = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """scikit-learn's English list (shipped as a data file: importing sklearn costs 0.5 s)."""
    from importlib.resources import files

    lines = files("precis").joinpath("data/stopwords_en.txt").read_text(encoding="utf-8")
    listed = {w for w in lines.split("\n") if w and not w.startswith("#")}
    return frozenset(listed | {"s", "t", "ll", "d", "ve", "re", "m", "said"})


@lru_cache(maxsize=1)
def _porter() -> object:
    """One stemmer per process; nltk's Porter stemmer is stateless between calls and needs no data."""
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


@lru_cache(maxsize=500_000)
def stem(word: str) -> str:
    """Porter stem of a lowercase word, cached (the same word recurs thousands of times)."""
    return _porter().stem(word) if len(word) > 3 else word  # type: ignore[attr-defined]


def words(text: str) -> list[str]:
    """Lowercase alphanumeric words, the way rouge-score tokenizes."""
    return _WORD_RE.findall(text.lower())


def content_tokens(text: str) -> list[str]:
    """Stemmed words of ``text`` without stop words and bare numbers of one character."""
    stop = stop_words()
    return [stem(w) for w in words(text) if w not in stop and len(w) > 1]


def _graph_rows(rows: sp.csr_matrix) -> sp.csr_matrix:
    """Pairwise products of sentence rows (zero diagonal), exact or banded with a top-k cap."""
    n = rows.shape[0]
    if n <= DENSE_LIMIT:
        graph = (rows @ rows.T).tocsr()
    else:
        graph = _banded_product(rows)
    graph.setdiag(0.0)
    graph.eliminate_zeros()
    return graph


def _banded_product(rows: sp.csr_matrix) -> sp.csr_matrix:
    """Products within a band of neighbouring blocks, keeping each row's TOP_K largest entries."""
    n = rows.shape[0]
    out_rows, out_cols, out_vals = [], [], []
    for lo in range(0, n, BLOCK):
        hi = min(n, lo + BLOCK)
        c_lo, c_hi = max(0, lo - BLOCK), min(n, hi + BLOCK)
        block = (rows[lo:hi] @ rows[c_lo:c_hi].T).toarray()
        block[np.arange(hi - lo), np.arange(lo, hi) - c_lo] = 0.0
        k = min(TOP_K, block.shape[1])
        top = np.argpartition(-block, k - 1, axis=1)[:, :k]
        vals = np.take_along_axis(block, top, axis=1)
        keep = vals > 0
        out_rows.append(np.repeat(np.arange(lo, hi), k)[keep.ravel()])
        out_cols.append((top + c_lo)[keep])
        out_vals.append(vals[keep])
    graph = sp.csr_matrix(
        (np.concatenate(out_vals), (np.concatenate(out_rows), np.concatenate(out_cols))),
        shape=(n, n),
    )
    return graph.maximum(graph.T).tocsr()  # symmetric again after the per-row cut


class Features:
    """Lazily computed, cached features of one document (build once, share between scorers)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.n = len(doc.sentences)

    @cached_property
    def tokens(self) -> list[list[str]]:
        """Content-word stems per sentence (may be empty for a sentence such as "Yes!")."""
        return [content_tokens(s.text) for s in self.doc.sentences]

    @cached_property
    def word_counts(self) -> np.ndarray:
        """Number of words per sentence (all words, stop words included), as budgets count them."""
        return np.array([len(words(s.text)) for s in self.doc.sentences], dtype=np.int64)

    @cached_property
    def char_counts(self) -> np.ndarray:
        return np.array([len(s.text) for s in self.doc.sentences], dtype=np.int64)

    @cached_property
    def vocabulary(self) -> dict[str, int]:
        vocab: dict[str, int] = {}
        for toks in self.tokens:
            for t in toks:
                vocab.setdefault(t, len(vocab))
        return vocab

    @cached_property
    def counts(self) -> sp.csr_matrix:
        """Sentence x term raw counts (CSR, float64)."""
        vocab = self.vocabulary
        indptr = np.zeros(self.n + 1, dtype=np.int64)
        indptr[1:] = np.cumsum([len(t) for t in self.tokens])
        indices = np.fromiter((vocab[t] for toks in self.tokens for t in toks), dtype=np.int64)
        data = np.ones(len(indices))
        m = sp.csr_matrix((data, indices, indptr), shape=(self.n, len(vocab)))
        m.sum_duplicates()
        return m

    @cached_property
    def idf(self) -> np.ndarray:
        """Smoothed inverse sentence frequency, log((1 + n) / (1 + df)) + 1 (scikit-learn's)."""
        df = np.bincount(self.counts.indices, minlength=self.counts.shape[1])
        return np.log((1.0 + self.n) / (1.0 + df)) + 1.0

    @cached_property
    def tfidf(self) -> sp.csr_matrix:
        """L2-normalised TF-IDF rows; all-zero rows stay zero (sentences without content words)."""
        m = self.counts.multiply(self.idf[None, :]).tocsr()
        return normalize_rows(m)

    @cached_property
    def cosine(self) -> sp.csr_matrix:
        """Symmetric sparse cosine-similarity graph on TF-IDF rows (see the module note on cost)."""
        return _graph_rows(self.tfidf)

    @cached_property
    def overlap(self) -> sp.csr_matrix:
        """TextRank similarity: shared words / (log |s_i| + log |s_j|) (Mihalcea & Tarau 2004)."""
        binary = self.counts.copy()
        binary.data[:] = 1.0
        shared = _graph_rows(binary).tocoo()
        logs = np.log(np.maximum(self.counts.sum(axis=1).A1, 1.0) + 1.0)
        vals = shared.data / (logs[shared.row] + logs[shared.col])
        return sp.csr_matrix((vals, (shared.row, shared.col)), shape=shared.shape)

    @cached_property
    def position(self) -> np.ndarray:
        """Relative position in the document: 0 for the first sentence, 1 for the last."""
        return np.arange(self.n) / max(self.n - 1, 1)

    @cached_property
    def segments(self) -> np.ndarray:
        """Segment id per sentence: sections if there are several, else grouped paragraphs."""
        sections = np.array([s.section for s in self.doc.sentences], dtype=np.int64)
        if len(np.unique(sections)) >= 2:
            return np.unique(sections, return_inverse=True)[1]
        paragraphs = np.array([s.paragraph for s in self.doc.sentences], dtype=np.int64)
        return _group_paragraphs(paragraphs, max(5, int(np.sqrt(max(self.n, 1)))))

    @cached_property
    def segment_position(self) -> np.ndarray:
        """Index of each sentence inside its segment (0 = first)."""
        seg = self.segments
        if self.n == 0:
            return np.zeros(0, dtype=np.int64)
        starts = np.r_[0, np.flatnonzero(np.diff(seg)) + 1]
        first = np.repeat(starts, np.diff(np.r_[starts, self.n]))
        return np.arange(self.n) - first


def _group_paragraphs(paragraphs: np.ndarray, size: int) -> np.ndarray:
    """Merge consecutive paragraphs into segments of at least ``size`` sentences (windows if one)."""
    out = np.zeros(len(paragraphs), dtype=np.int64)
    seg, count = 0, 0
    for i in range(len(paragraphs)):
        at_boundary = i > 0 and paragraphs[i] != paragraphs[i - 1]
        single_paragraph = paragraphs[0] == paragraphs[-1]
        if count >= size and (at_boundary or single_paragraph):
            seg, count = seg + 1, 0
        out[i] = seg
        count += 1
    return out


def normalize_rows(m: sp.csr_matrix) -> sp.csr_matrix:
    """Scale every non-zero row to unit L2 norm."""
    norms = np.sqrt(m.multiply(m).sum(axis=1)).A1
    norms[norms == 0] = 1.0
    return sp.diags(1.0 / norms) @ m
