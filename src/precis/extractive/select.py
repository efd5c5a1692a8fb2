"""Selection: turn per-sentence scores into a summary under a budget.

Ranking is greedy MMR (Carbonell & Goldstein 1998) on TF-IDF cosine: at each step the sentence
maximising ``lambda * salience - (1 - lambda) * max_cos(chosen)`` minus a penalty when it dangles
without its predecessor (issue 3) is taken. Salience is the score rescaled to [0, 1]. Filtered
sentences (see :mod:`precis.extractive.filters`) come last. Each step is one sparse
matrix-vector product, so ranking ``k`` sentences costs ``k * nnz``; past :data:`MMR_DEPTH`
steps the rest follow in score order.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from precis.document import Document
from precis.extractive.budget import Budget, Selection
from precis.extractive.features import Features
from precis.extractive.filters import dangling, excluded
from precis.summary import SummarySentence

MMR_DEPTH = 200
DANGLING_PENALTY = 0.15
# A candidate this similar to a chosen sentence says the same thing: it waits until nothing
# else is left, whatever lambda says (issue 3: no two chosen sentences say the same thing).
DUPLICATE_COSINE = 0.8


def salience(scores: np.ndarray) -> np.ndarray:
    """Scores rescaled to [0, 1] (constant scores become all ones; NaN becomes zero)."""
    s = np.nan_to_num(np.asarray(scores, dtype=np.float64), nan=0.0, posinf=0.0, neginf=0.0)
    if len(s) == 0:
        return s
    span = s.max() - s.min()
    return (s - s.min()) / span if span > 0 else np.ones_like(s)


def iter_ranked(
    features: Features, scores: np.ndarray, selection: Selection, *, depth: int = MMR_DEPTH
) -> Iterator[int]:
    """Sentence indices best first: MMR for ``depth`` steps, then by score; filtered ones last."""
    n = features.n
    base = salience(scores)
    blocked = excluded(features) if selection.filters else np.zeros(n, dtype=bool)
    dangles = dangling(features) if selection.filters else np.zeros(n, dtype=bool)
    lam = selection.mmr_lambda
    rows = features.tfidf
    chosen = np.zeros(n, dtype=bool)
    max_sim = np.zeros(n)
    steps = 0
    while steps < min(depth, n) and not (chosen | blocked).all():
        prev_chosen = np.r_[False, chosen[:-1]]
        value = lam * base - (1.0 - lam) * max_sim - DANGLING_PENALTY * (dangles & ~prev_chosen)
        value[chosen | blocked] = -np.inf
        duplicate = (max_sim >= DUPLICATE_COSINE) & ~chosen & ~blocked
        if duplicate.any() and not (chosen | blocked | duplicate).all():
            value[duplicate] = -np.inf
        best = int(np.argmax(value))
        chosen[best] = True
        steps += 1
        yield best
        max_sim = np.maximum(max_sim, np.asarray(rows @ rows[best].T.toarray()).ravel())
    rest = np.lexsort((np.arange(n), -base, blocked))  # unfiltered first, then by score
    for i in rest:
        if not chosen[i]:
            yield int(i)


def choose(
    features: Features, scores: np.ndarray, budget: Budget, selection: Selection
) -> list[int]:
    """Indices of the chosen sentences in selection order; never cuts inside a sentence.

    Word, ratio and character budgets stop before the sentence that would exceed them, unless
    the summary would otherwise be empty.
    """
    if features.n == 0:
        return []
    limit = budget.sentence_limit
    if limit is not None:
        out: list[int] = []
        for i in iter_ranked(features, scores, selection, depth=limit):
            if len(out) >= limit:
                break
            out.append(i)
        return out
    sizes, cap = _sizes_and_cap(features, budget)
    out, used = [], 0
    for i in iter_ranked(features, scores, selection):
        extra = sizes[i] + (1 if budget.kind == "chars" and out else 0)
        if out and used + extra > cap:
            break
        out.append(i)
        used += extra
    return out


def _sizes_and_cap(features: Features, budget: Budget) -> tuple[np.ndarray, float]:
    """Per-sentence cost and the cap for a word, ratio or character budget."""
    if budget.kind == "chars":
        return features.char_counts, float(budget.chars or 0)
    if budget.kind == "ratio":
        return features.word_counts, float(budget.ratio or 0) * float(features.word_counts.sum())
    return features.word_counts, float(budget.words or 0)


def to_summary(
    doc: Document, scores: np.ndarray, chosen: list[int], order: str = "document"
) -> tuple[SummarySentence, ...]:
    """SummarySentence records for ``chosen``, in document order or in selection order."""
    indices = sorted(chosen) if order == "document" else list(chosen)
    return tuple(
        SummarySentence(
            index=s.index,
            start=s.start,
            end=s.end,
            text=s.text,
            score=float(scores[s.index]),
            source=s.source,
        )
        for s in (doc.sentences[i] for i in indices)
    )


def top_k(doc: Document, scores: np.ndarray, k: int) -> tuple[SummarySentence, ...]:
    """The ``k`` best-scored sentences in document order, without MMR or filters (ties: earlier)."""
    if k <= 0 or len(scores) == 0:
        return ()
    order = np.lexsort((np.arange(len(scores)), -scores))[:k]
    return to_summary(doc, scores, [int(i) for i in order])
