"""Key-phrase scores as the shared key-phrase sets define them (``shared/data/keyphrases/MANIFEST.md``).

A phrase matches a reference when both are equal after lower-casing, stripping punctuation from
the phrase's edges and Porter-stemming every whitespace token with NLTK's ``PorterStemmer`` (a
hyphenated word is one token, stemmed whole, as in ake-datasets' ``*.stem.json``). Predictions
are deduplicated after stemming, keeping the first; P@k is correct / number predicted (at most
k), R@k correct / number of references, F1 per document, then macro-averaged over documents.

NLTK's stemmer, not precis's PyStemmer: NLTK's default mode departs from the original Porter
algorithm on some words ("arrays": "array", not "arrai"), and the sets' published figures use it. NLTK is imported when a score is asked for (it is a
bench dependency, not a core one).
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any, NamedTuple

from precis.errors import OptionError

_EDGE = string.punctuation + " \t\n\r\u2018\u2019\u201c\u201d"


class PRF(NamedTuple):
    """Precision, recall and F1 of one document (or their macro average), as fractions."""

    precision: float
    recall: float
    f1: float


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    """One NLTK Porter stemmer (its default NLTK_EXTENSIONS mode, as the sets were stemmed)."""
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


@lru_cache(maxsize=200_000)
def _stem_token(token: str) -> str:
    """NLTK's Porter stem of one lower-case token, cached: references repeat across documents."""
    return str(_stemmer().stem(token))


def normalize(phrase: str) -> str:
    """The form two phrases are compared in: lower case, edges stripped, every token stemmed."""
    return " ".join(_stem_token(t) for t in phrase.lower().strip(_EDGE).split())


def score_document(predicted: Sequence[str], references: Iterable[str], k: int) -> PRF:
    """P, R and F1 at ``k`` of one document's ranked predictions against its references.

    Raises:
        OptionError: ``k`` is not positive.
    """
    if k <= 0:
        raise OptionError(f"k must be positive, got {k}")
    gold = {g for g in (normalize(r) for r in references) if g}
    top: list[str] = []
    for phrase in predicted:
        norm = normalize(phrase)
        if norm and norm not in top:
            top.append(norm)
        if len(top) == k:
            break
    correct = sum(1 for p in top if p in gold)
    precision = correct / len(top) if top else 0.0
    recall = correct / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if correct else 0.0
    return PRF(precision, recall, f1)


def macro_average(scores: Sequence[PRF]) -> PRF:
    """The mean of each of P, R and F1 over documents (0 for no documents)."""
    if not scores:
        return PRF(0.0, 0.0, 0.0)
    n = len(scores)
    return PRF(*(sum(s[i] for s in scores) / n for i in range(3)))
