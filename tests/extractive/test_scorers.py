"""Every registered scorer: right shape, finite scores, on a real story and on tiny documents."""

from __future__ import annotations

import numpy as np
import pytest

from precis.extractive.engine import extract_summary, ranked, score_document
from precis.extractive.features import Features
from precis.options import SummarizeOptions
from precis.registry import scorers

EXPECTED_METHODS = [
    "auto",
    "centroid",
    "hiporank",
    "kl",
    "lead",
    "learned",
    "lexrank",
    "lsa",
    "luhn",
    "pacsum",
    "sumbasic",
    "textrank",
]
TINY = [
    "",
    "Only one sentence stands in this document.",
    "The first sentence is here. The second sentence follows it.",
    "Yes! No.",  # no content words at all
]


def test_registry_names_are_the_expected_list():
    assert scorers.names() == EXPECTED_METHODS


@pytest.mark.parametrize("method", EXPECTED_METHODS)
def test_scorer_scores_real_document_finite(story, method):
    scores = score_document(story, method, Features(story))
    assert scores.shape == (len(story.sentences),)
    assert np.isfinite(scores).all()
    assert scores.std() > 0  # the scorer discriminates between sentences


@pytest.mark.parametrize("text", TINY)
@pytest.mark.parametrize("method", EXPECTED_METHODS)
def test_scorer_tiny_documents_do_not_crash(make_doc, method, text):
    doc = make_doc(text)
    scores = scorers.get(method)().score(doc, Features(doc))
    assert np.shape(scores) == (len(doc.sentences),)
    assert np.isfinite(scores).all()
    summary = extract_summary(doc, SummarizeOptions(method=method))
    assert len(summary) == min(len(doc.sentences), 5)


@pytest.mark.parametrize("method", EXPECTED_METHODS)
def test_ranked_is_a_permutation(story, method):
    order = ranked(story, SummarizeOptions(method=method))
    assert sorted(order) == list(range(len(story.sentences)))
