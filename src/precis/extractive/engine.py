"""Extractive summarization of one document: score with the named method, then select.

The features (tokens, TF-IDF, similarity graph) are built once here and shared by the scorer
and the selector.
"""

from __future__ import annotations

import dataclasses
import logging

import numpy as np

from precis.budget import Budget, Selection
from precis.document import Document
from precis.extractive.features import Features
from precis.extractive.select import choose, iter_ranked, to_summary
from precis.limits import check
from precis.registry import scorers
from precis.summary import SummarySentence

logger = logging.getLogger(__name__)


def expected_sentences(budget: Budget | None, features: Features) -> float | None:
    """About how many sentences ``budget`` buys in this document (None when unknown).

    Word, ratio and character budgets are divided by the document's mean sentence size.
    """
    if budget is None or features.n == 0:
        return None
    if budget.sentence_limit is not None:
        return float(budget.sentence_limit)
    words = float(features.word_counts.mean()) or 1.0
    if budget.kind == "words":
        return float(budget.words or 0) / words
    if budget.kind == "ratio":
        return float(budget.ratio or 0) * features.n
    return float(budget.chars or 0) / (float(features.char_counts.mean()) or 1.0)


def score_document(
    doc: Document, method: str, features: Features | None = None, budget: Budget | None = None
) -> np.ndarray:
    """One finite score per sentence from the registered scorer ``method``.

    A scorer that declares ``budget_aware = True`` also receives the number of sentences the
    budget is expected to buy (a one-sentence summary wants the sentence that covers the most,
    a longer one can afford the lead and build on it).
    """
    features = features if features is not None else Features(doc)
    scorer = scorers.get(method)()
    if getattr(scorer, "budget_aware", False):
        raw = scorer.score(doc, features, expected=expected_sentences(budget, features))
    else:
        raw = scorer.score(doc, features)
    scores = np.asarray(raw, dtype=np.float64)
    if scores.shape != (len(doc.sentences),):
        raise ValueError(f"method {method!r} returned shape {scores.shape}, not ({features.n},)")
    return np.nan_to_num(scores, nan=0.0, posinf=0.0, neginf=0.0)


def selection_for(
    method: str, options: object, features: Features, budget: Budget | None = None
) -> Selection:
    """The options' selection settings; a scorer may suggest its own MMR lambda or opt out."""
    selection = Selection.from_options(options)
    scorer = scorers.get(method)
    if not getattr(scorer, "diversify", True):
        return dataclasses.replace(selection, mmr_lambda=1.0)
    hint = getattr(scorer(), "mmr_lambda_for", None)
    if getattr(options, "mmr_lambda", None) is None and hint is not None:
        if getattr(scorer, "budget_aware", False):
            lam = hint(features, expected_sentences(budget, features))
        else:
            lam = hint(features)
        selection = dataclasses.replace(selection, mmr_lambda=lam)
    return selection


def extract_summary(
    doc: Document, options: object, budget: Budget | None = None
) -> tuple[SummarySentence, ...]:
    """Sentences chosen by ``options.method`` under ``budget`` (default: read from ``options``).

    Output is in document order unless ``options.order == "score"``.
    """
    return extract_scored(doc, options, budget)[0]


def extract_scored(
    doc: Document, options: object, budget: Budget | None = None
) -> tuple[tuple[SummarySentence, ...], np.ndarray]:
    """:func:`extract_summary` and the method's score of every sentence (for a heat map)."""
    budget = budget if budget is not None else Budget.from_options(options)
    method = getattr(options, "method", "auto")
    features = Features(doc)
    selection = selection_for(method, options, features, budget)
    scores = score_document(doc, method, features, budget)
    check("selecting sentences")
    chosen = choose(features, scores, budget, selection)
    logger.debug("method %s chose %d of %d sentences", method, len(chosen), features.n)
    return to_summary(doc, scores, chosen, selection.order), scores


def ranked(doc: Document, options: object) -> list[int]:
    """Every sentence index, best first, after MMR and filters (for equal-word evaluation).

    The options' budget does not cut the ranking; it tells a budget-aware scorer how much
    summary is wanted.
    """
    method = getattr(options, "method", "auto")
    features = Features(doc)
    budget = Budget.from_options(options)
    scores = score_document(doc, method, features, budget)
    selection = selection_for(method, options, features, budget)
    return list(iter_ranked(features, scores, selection))
