"""ROUGE through Google's ``rouge-score`` package: one sentence per line, read in the language.

English (and text of no stated language) is scored exactly as rouge-score scores it by default:
its ASCII tokenizer, Porter stemming on. Other languages are read by
:class:`precis.evaluate.tokenize.ScriptTokenizer` (words in any script, characters for Chinese
and Japanese, no stemming), since the default tokenizer drops every non-ASCII letter.

rougeL and rougeLsum are different measures and are both reported:

- **rougeL** is the longest common subsequence of the two texts taken as *one* token sequence:
  newlines are ignored, so an LCS cannot jump back to an earlier sentence once it has moved on.
- **rougeLsum** is the *summary-level* LCS of Lin (2004, section 3.2): for each reference
  sentence, the union of its LCS with every summary sentence, summed over reference sentences.
  Sentences are found by splitting on ``"\\n"``, so summary and reference sentences must be
  joined with newlines; joined with spaces it silently degrades to rougeL.

On the same extractive output rougeLsum is typically several to ~10 points above rougeL, which
is why published figures must say which one they mean (most extractive papers report
rougeLsum, under the name ROUGE-L).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from precis.errors import MissingDependencyError, OptionError
from precis.evaluate.tokenize import CHARACTERS, DEFAULT, ScriptTokenizer, tokenizer_name

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL", "rougeLsum")
MEASURES = ("precision", "recall", "f1")

Scores = dict[str, dict[str, float]]
"""``{"rouge1": {"precision": p, "recall": r, "f1": f}, ...}`` for each of :data:`ROUGE_TYPES`."""


@functools.lru_cache(maxsize=4)
def _scorer(tokenizer: str = DEFAULT) -> Any:
    """One shared scorer per tokenizer: it holds no per-call state, so building it once is safe."""
    try:
        from rouge_score import rouge_scorer
    except ImportError:
        raise MissingDependencyError("rouge-score", "eval") from None
    if tokenizer == DEFAULT:
        return rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
    script = ScriptTokenizer(characters=tokenizer == CHARACTERS)
    return rouge_scorer.RougeScorer(list(ROUGE_TYPES), tokenizer=script)


def rouge(
    summary_sentences: Sequence[str],
    reference_sentences: Sequence[str],
    *,
    language: str | None = None,
) -> Scores:
    """ROUGE-1/2/L/Lsum precision, recall and F1 of a summary against one reference.

    Args:
        summary_sentences: the summary, one sentence per item (joined with ``"\\n"``).
        reference_sentences: the reference, one sentence per item (joined with ``"\\n"``).
        language: ISO 639-1 code of the texts; None or ``"en"``: rouge-score's tokenizer and
            Porter stemmer; any other: words in any script (characters for zh and ja), see
            :func:`precis.evaluate.tokenize.tokenizer_name`.

    Returns:
        ``{rouge_type: {"precision", "recall", "f1"}}`` with values in [0, 1].
    """
    if isinstance(summary_sentences, str) or isinstance(reference_sentences, str):
        raise OptionError("rouge() takes sequences of sentences, not a single string")
    target = "\n".join(s.strip() for s in reference_sentences)
    prediction = "\n".join(s.strip() for s in summary_sentences)
    raw = _scorer(tokenizer_name(language)).score(target, prediction)
    return {
        name: {
            "precision": raw[name].precision,
            "recall": raw[name].recall,
            "f1": raw[name].fmeasure,
        }
        for name in ROUGE_TYPES
    }


@dataclass(frozen=True, slots=True)
class Aggregate:
    """Mean ROUGE over documents, with an optional bootstrap 95% interval of that mean."""

    count: int
    mean: Scores
    low: Scores | None = None
    high: Scores | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"count": self.count, "mean": self.mean}
        if self.low is not None:
            out["low"], out["high"] = self.low, self.high
        return out


def aggregate(
    scores: Sequence[Mapping[str, Mapping[str, float]]],
    *,
    bootstrap: bool = False,
    n_samples: int = 1000,
    confidence: float = 0.95,
    seed: int = 0,
) -> Aggregate:
    """Mean of per-document scores; with ``bootstrap``, a percentile interval of the mean.

    The interval is rouge-score's ``BootstrapAggregator`` method (resample documents with
    replacement ``n_samples`` times, take percentiles of the resampled means) driven by an
    explicitly seeded generator, so it is reproducible and touches no global random state.
    """
    if n_samples <= 0 or not 0 < confidence < 1:
        raise OptionError(
            f"need n_samples > 0 and 0 < confidence < 1, got {n_samples}, {confidence}"
        )
    if not scores:
        return Aggregate(count=0, mean=_unflatten(np.zeros(len(ROUGE_TYPES) * len(MEASURES))))
    matrix = np.array([_flatten(s) for s in scores], dtype=float)
    mean = _unflatten(matrix.mean(axis=0))
    if not bootstrap:
        return Aggregate(count=len(scores), mean=mean)
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(matrix), size=(n_samples, len(matrix)))
    means = matrix[picks].mean(axis=1)
    tail = 100 * (1 - confidence) / 2
    low, high = np.percentile(means, [tail, 100 - tail], axis=0)
    return Aggregate(count=len(scores), mean=mean, low=_unflatten(low), high=_unflatten(high))


def _flatten(scores: Mapping[str, Mapping[str, float]]) -> list[float]:
    return [scores[t][m] for t in ROUGE_TYPES for m in MEASURES]


def _unflatten(values: np.ndarray) -> Scores:
    it = iter(float(v) for v in values)
    return {t: {m: next(it) for m in MEASURES} for t in ROUGE_TYPES}
