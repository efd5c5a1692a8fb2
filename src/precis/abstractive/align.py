"""Align a summary sentence to the source sentences that support it.

Lexical support: the summary sentence's content words and content-word bigrams (stemmed, stop
words out), each weighted by its inverse document frequency over the source sentences, and the
share of that weight that at most ``max_evidence`` source sentences cover, chosen greedily (a
summary sentence often fuses two or three source sentences). A word the source never uses weighs
as much as the rarest source word, so invented content lowers the score. The covering sentences
are the evidence.

Optionally an embedding model adds a semantic similarity (``embed``: a callable from a list of
texts to an array of vectors); it is off unless the caller passes one, so the guard works without
any model. The source matrix is built once per document; each summary sentence touches only the
columns of its own terms, so the cost is linear in the source size (STYLE.md mistake 10).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from precis.document import Document
from precis.extractive.features import content_tokens
from precis.extractive.terms import content_tokens_for

Embedder = Callable[[Sequence[str]], np.ndarray]
"""Texts -> one row vector per text (any dimension); cosine similarity is taken between rows."""


@dataclass(frozen=True, slots=True)
class Alignment:
    """Support of one summary sentence: ``score`` in [0, 1], the covering source sentences
    (``evidence``, indexes in score order) and the nearest ones (``related``, for item lookups)."""

    score: float
    evidence: tuple[int, ...]
    related: tuple[int, ...]


def terms(text: str, tokens: Callable[[str], list[str]] = content_tokens) -> list[str]:
    """Content-word stems and their bigrams ("a b"), without repeats, in order; ``tokens``
    reads the document's language (:func:`precis.extractive.terms.content_tokens_for`)."""
    toks = tokens(text)
    grams = toks + [f"{a} {b}" for a, b in zip(toks, toks[1:], strict=False)]
    return list(dict.fromkeys(grams))


class Aligner:
    """Source-side term matrix and idf of one document; aligns any number of summary sentences."""

    def __init__(
        self,
        doc: Document,
        *,
        bigram_weight: float = 0.5,
        embed: Embedder | None = None,
        embed_weight: float = 0.5,
    ) -> None:
        self.doc = doc
        self.bigram_weight = bigram_weight
        self.embed = embed
        self.embed_weight = embed_weight
        self.tokens = content_tokens_for(doc.metadata.language)
        self._vocab: dict[str, int] = {}
        rows, cols = [], []
        for i, s in enumerate(doc.sentences):
            for t in terms(s.text, self.tokens):
                rows.append(i)
                cols.append(self._vocab.setdefault(t, len(self._vocab)))
        n = len(doc.sentences)
        matrix = sp.csr_matrix(
            (np.ones(len(rows), dtype=np.float64), (rows, cols)), shape=(n, len(self._vocab))
        )
        self._columns = matrix.tocsc()
        df = np.asarray(matrix.sum(axis=0)).ravel()
        self._idf = np.log((n + 1) / (df + 1)) + 1.0
        self._unknown_idf = math.log(n + 1) + 1.0
        self._source_vectors: np.ndarray | None = None

    def align(
        self, sentences: Sequence[str], *, max_evidence: int = 3, related: int = 5
    ) -> list[Alignment]:
        """One :class:`Alignment` per summary sentence."""
        lexical = [self._lexical(s, max_evidence, related) for s in sentences]
        if self.embed is None or not sentences or not self.doc.sentences:
            return lexical
        return self._with_embeddings(sentences, lexical)

    def _lexical(self, sentence: str, max_evidence: int, related: int) -> Alignment:
        """Greedy weighted cover of the sentence's terms by at most ``max_evidence`` sentences."""
        grams = terms(sentence, self.tokens)
        if not grams:
            return Alignment(1.0, (), ())  # nothing to support ("Yes.")
        factor = np.array([self.bigram_weight if " " in g else 1.0 for g in grams])
        known = [(k, self._vocab[g]) for k, g in enumerate(grams) if g in self._vocab]
        total = float(
            sum(
                f * self._unknown_idf
                for f, g in zip(factor, grams, strict=True)
                if g not in self._vocab
            )
        )
        if not known:
            return Alignment(0.0, (), ())
        index = np.array([c for _, c in known])
        weights = factor[[k for k, _ in known]] * self._idf[index]
        total += float(weights.sum())
        sub = self._columns[:, index].toarray() > 0  # source sentences x this sentence's terms
        coverage = sub @ weights
        nearest = tuple(
            int(i) for i in np.argsort(-coverage, kind="stable")[:related] if coverage[i] > 0
        )
        remaining = weights.copy()
        evidence: list[int] = []
        covered = 0.0
        for _ in range(max_evidence):
            gain = sub @ remaining
            best = int(np.argmax(gain))
            if gain[best] <= 0.05 * total:
                break  # a sentence that adds almost nothing is not evidence
            evidence.append(best)
            covered += float(gain[best])
            remaining[sub[best]] = 0.0
        return Alignment(
            covered / total, tuple(evidence), tuple(dict.fromkeys(evidence + list(nearest)))
        )

    def _with_embeddings(
        self, sentences: Sequence[str], lexical: list[Alignment]
    ) -> list[Alignment]:
        """Blend in the best cosine similarity to a source sentence; that sentence joins the evidence."""
        assert self.embed is not None
        if self._source_vectors is None:
            self._source_vectors = _unit_rows(self.embed([s.text for s in self.doc.sentences]))
        similarity = _unit_rows(self.embed(list(sentences))) @ self._source_vectors.T
        out = []
        for row, lex in zip(similarity, lexical, strict=True):
            best = int(np.argmax(row))
            semantic = max(0.0, float(row[best]))
            score = (1 - self.embed_weight) * lex.score + self.embed_weight * semantic
            evidence = lex.evidence if best in lex.evidence else (*lex.evidence, best)
            related = lex.related if best in lex.related else (*lex.related, best)
            out.append(Alignment(score, evidence, related))
        return out


def _unit_rows(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero)."""
    vectors = np.asarray(vectors, dtype=np.float64)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)
