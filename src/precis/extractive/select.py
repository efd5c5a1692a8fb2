"""Selection: turn per-sentence scores into a summary under a budget.

Ranking is greedy MMR (Carbonell & Goldstein 1998) on TF-IDF cosine: at each step the sentence
maximising ``lambda * salience - (1 - lambda) * max_cos(chosen)`` minus a penalty when it dangles
without its predecessor (issue 3) is taken. Salience is the score rescaled to [0, 1]. Filtered
sentences (see :mod:`precis.extractive.filters`) come last. Each step reads one row of the
dense cosine graph (documents of up to :data:`~precis.extractive.features.DENSE_LIMIT`
sentences) or is one sparse matrix-vector product, so ranking ``k`` sentences costs at most
``k * nnz``; past :data:`MMR_DEPTH` steps the rest follow in score order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np

from precis.budget import Budget, Selection
from precis.document import Document
from precis.extractive.features import Features
from precis.extractive.filters import dangling, excluded, quotation_pairs
from precis.summary import SummarySentence

MMR_DEPTH = 200
FILL = 0.9  # a word, ratio or character budget is filled to this share where sentences allow
MAX_PASSED = 30  # sentences too long for the rest of the budget, passed over before stopping
DANGLING_PENALTY = 0.15
# A candidate this similar to a chosen sentence says the same thing: it waits until nothing
# else is left, whatever lambda says (issue 3: no two chosen sentences say the same thing).
DUPLICATE_COSINE = 0.8


def salience(scores: np.ndarray) -> np.ndarray:
    """Scores rescaled to [0, 1] (constant scores become all ones; NaN becomes zero)."""
    s = np.asarray(scores, dtype=np.float64)
    if len(s) == 0:
        return s.copy()
    finite = np.isfinite(s)
    if not finite.all():
        s = np.where(finite, s, 0.0)
    low = s.min()
    span = s.max() - low
    return (s - low) / span if span > 0 else np.ones_like(s)


def iter_ranked(
    features: Features, scores: np.ndarray, selection: Selection, *, depth: int = MMR_DEPTH
) -> Iterator[int]:
    """Sentence indices best first: MMR for ``depth`` steps, then by score; filtered ones last."""
    n = features.n
    base = salience(scores)
    blocked = excluded(features) if selection.filters else np.zeros(n, dtype=bool)
    dangles = dangling(features) if selection.filters else np.zeros(n, dtype=bool)
    pairs = quotation_pairs(features) if selection.filters else {}
    chosen = np.zeros(n, dtype=bool)
    steps = min(depth, n)
    if steps > 0 and not blocked.all():
        similar = _similarity_rows(features, selection.mmr_lambda, base, steps)
        for best in _mmr(similar, selection.mmr_lambda * base, blocked, dangles, steps):
            chosen[best] = True
            yield best
            if best in pairs:  # the quotation's second half comes with its first
                chosen[pairs[best]] = True
                yield pairs[best]
    rest = np.lexsort((np.arange(n), -base, blocked))  # unfiltered first, then by score
    for i in rest[~chosen[rest]]:
        if not chosen[i]:
            chosen[i] = True
            yield int(i)
            if int(i) in pairs and not chosen[pairs[int(i)]]:
                chosen[pairs[int(i)]] = True
                yield pairs[int(i)]


Rows = Callable[[int], tuple[np.ndarray | None, np.ndarray | None]]
"""``rows(i)``: sentence ``i``'s MMR row ``lam * salience - (1 - lam) * cos(i, .)`` (None when
``lam`` is 1: nothing to update) and the indexes of its near-duplicates (None when it has none)."""


def _mmr(
    rows: Rows, gain: np.ndarray, blocked: np.ndarray, dangles: np.ndarray, steps: int
) -> Iterator[int]:
    """Greedy MMR picks (at most ``steps``, and never a blocked sentence).

    Equivalent to recomputing ``gain - (1 - lam) * max_sim - penalty`` at every step, but each
    step costs three vector operations: ``value`` keeps the running minimum of the chosen
    sentences' rows (rounding is monotonic, so the minimum of the rounded rows is the rounded
    value of the maximum similarity), and ``live``/``fresh`` hold the penalties: -inf for chosen
    and blocked sentences and, in ``fresh`` only, for near-duplicates of a chosen one.
    """
    n = len(gain)
    value = gain.copy()
    live = np.where(blocked, -np.inf, np.where(dangles, -DANGLING_PENALTY, 0.0))
    fresh = live.copy()
    penalised = dangles & ~blocked
    total = np.empty(n)
    for _ in range(min(steps, n - int(blocked.sum()))):
        np.add(value, fresh, out=total)
        best = int(total.argmax())
        if total[best] == -np.inf:  # only near-duplicates are left: take the best of them
            best = int((value + live).argmax())
        yield best
        live[best] = fresh[best] = -np.inf
        penalised[best] = False
        after = best + 1
        if after < n and penalised[after]:  # its antecedent is in now
            penalised[after] = False
            live[after] = 0.0
            if fresh[after] != -np.inf:
                fresh[after] = 0.0
        row, duplicates = rows(best)
        if row is not None:
            np.minimum(value, row, out=value)
        if duplicates is not None:
            fresh[duplicates] = -np.inf


def _similarity_rows(features: Features, lam: float, base: np.ndarray, steps: int) -> Rows:
    """Each chosen sentence's MMR row: from the dense graph, else one sparse product a step."""
    gain = lam * base
    keep = 1.0 - lam
    if features.dense:
        sims = features.cosine_array
        if steps * 4 < features.n:  # few rows will be read: compute them when asked
            return lambda i: _row(gain, keep, sims[i])
        near = sims >= DUPLICATE_COSINE
        has_near = near.any(axis=1).tolist()
        table = gain - keep * sims if keep else None
        return lambda i: (
            table[i] if table is not None else None,
            near[i] if has_near[i] else None,
        )
    tfidf = features.tfidf
    vector = np.zeros(tfidf.shape[1])

    def sparse_row(i: int) -> tuple[np.ndarray | None, np.ndarray | None]:
        lo, hi = tfidf.indptr[i], tfidf.indptr[i + 1]
        vector[tfidf.indices[lo:hi]] = tfidf.data[lo:hi]
        sims = tfidf @ vector
        vector[tfidf.indices[lo:hi]] = 0.0
        return _row(gain, keep, sims)

    return sparse_row


def _row(gain: np.ndarray, keep: float, sims: np.ndarray) -> tuple[np.ndarray | None, np.ndarray]:
    """One MMR row and its near-duplicates, from one row of similarities."""
    return (gain - keep * sims if keep else None), np.flatnonzero(sims >= DUPLICATE_COSINE)


def choose(
    features: Features, scores: np.ndarray, budget: Budget, selection: Selection
) -> list[int]:
    """Indices of the chosen sentences in selection order; never cuts inside a sentence.

    Word, ratio and character budgets pass over a sentence that would exceed them and go on
    down the ranking for one that fits, until the budget is :data:`FILL` full or
    :data:`MAX_PASSED` sentences were too long; the first sentence is taken whatever its
    length, so a summary is never empty. A quotation that runs over two sentences is one unit
    (:func:`~precis.extractive.filters.quotation_pairs`): both or neither, never its half, and
    it takes two of a sentence budget's slots. Filtered sentences (a name line, a form field, a
    table row: :func:`~precis.extractive.filters.excluded`) fill no budget where the document
    has other sentences: a short document gets a shorter summary, not its page footer
    ("Alderson Reporting Company", issue 14). A document of filtered sentences only is
    summarized from them.
    """
    if features.n == 0:
        return []
    blocked = excluded(features) if selection.filters else None
    if blocked is not None and blocked.all():
        blocked = None
    pairs = quotation_pairs(features) if blocked is not None else {}
    seconds = set(pairs.values())
    limit = budget.sentence_limit
    if limit is not None:
        out: list[int] = []
        first: list[int] = []
        # a quotation passed over for want of two slots costs one more MMR step
        for i in iter_ranked(features, scores, selection, depth=limit + len(pairs)):
            if i in seconds:
                continue  # taken with the quotation's first half, or not at all
            unit = [i, pairs[i]] if i in pairs else [i]
            first = first or unit
            if len(out) >= limit or (out and blocked is not None and blocked[i]):
                break
            if len(out) + len(unit) > limit:
                continue  # a quotation of two sentences where one slot is left
            out.extend(unit)
        return out or first
    sizes, cap = _sizes_and_cap(features, budget)
    out, used, passed = [], 0, 0
    first: list[int] = []
    for i in iter_ranked(features, scores, selection):
        if i in seconds:
            continue
        if out and blocked is not None and blocked[i]:
            break
        unit = [i, pairs[i]] if i in pairs else [i]
        first = first or unit
        extra = sum(sizes[j] for j in unit) + (len(unit) if budget.kind == "chars" and out else 0)
        # the first sentence is taken whatever its length; a quotation of two is not
        if (out or len(unit) > 1) and used + extra > cap:
            # too long for what is left: a shorter sentence further down may still fit
            # (issue 17: "--words 40" gave one five-word sentence)
            passed += 1
            if used >= FILL * cap or passed > MAX_PASSED:
                break
            continue
        out.extend(unit)
        used += extra
    return out or first  # nothing fits: the best unit, as a summary is never empty


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
