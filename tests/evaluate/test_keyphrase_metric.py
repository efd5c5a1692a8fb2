"""The key-phrase metric follows the shared sets' MANIFEST: NLTK Porter stems, exact match."""

from __future__ import annotations

import pytest

from precis.errors import OptionError
from precis.evaluate.keyphrases import PRF, macro_average, normalize, score_document


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Neural Networks", "neural network"),
        ("  (neural networks).", "neural network"),  # edge punctuation stripped
        ("syntax-sensitive rules", "syntax-sensit rule"),  # a hyphenated word stemmed whole
        ("arrays", "array"),  # NLTK's stem (PyStemmer's original Porter gives "arrai")
        ("", ""),
    ],
)
def test_normalize(phrase: str, expected: str) -> None:
    assert normalize(phrase) == expected


def test_score_document_counts_a_stemmed_duplicate_once() -> None:
    refs = ["neural networks", "fuzzy control"]
    got = score_document(["Neural network", "neural networks", "robots"], refs, 10)
    assert got.precision == pytest.approx(1 / 2) and got.recall == pytest.approx(1 / 2)
    assert got.f1 == pytest.approx(1 / 2)


def test_score_document_cuts_at_k_after_deduplication() -> None:
    refs = ["a b", "c d"]
    got = score_document(["x", "x", "y", "c d"], refs, 2)
    assert got == PRF(0.0, 0.0, 0.0)
    assert score_document(["x", "x", "c d"], refs, 2) == PRF(0.5, 0.5, 0.5)


def test_score_document_with_no_prediction_is_zero() -> None:
    assert score_document([], ["a"], 5) == PRF(0.0, 0.0, 0.0)


def test_macro_average_is_the_mean_per_document() -> None:
    avg = macro_average([PRF(1.0, 0.5, 2 / 3), PRF(0.0, 0.0, 0.0)])
    assert avg == pytest.approx((0.5, 0.25, 1 / 3))
    assert macro_average([]) == PRF(0.0, 0.0, 0.0)


@pytest.mark.parametrize("k", [0, -1])
def test_score_document_rejects_non_positive_k(k: int) -> None:
    with pytest.raises(OptionError):
        score_document(["a"], ["a"], k)
