"""Every registered scorer: right shape, finite scores, on a real story and on tiny documents;
the fast paths of issue 3 against the plain definitions they replace."""

from __future__ import annotations

import math
import statistics
from collections import Counter

import numpy as np
import pytest
import scipy.sparse as sp

from precis.extractive import lsa as lsa_module
from precis.extractive.engine import extract_summary, ranked, score_document
from precis.extractive.features import Features, stem, words
from precis.extractive.graph import pagerank
from precis.extractive.kl import KLSum
from precis.extractive.lsa import Lsa
from precis.extractive.luhn import Luhn
from precis.extractive.sumbasic import SumBasic
from precis.extractive.unigram import Unigram
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
    "unigram",
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


# --- fast paths against the plain ones (issue 3) -----------------------------------------------


class _SparseOnly(Features):
    """Features without the dense graphs: the scorers take their scipy.sparse paths."""

    dense = False


@pytest.mark.parametrize("method", ["lexrank", "textrank", "pacsum", "hiporank", "centroid"])
def test_scorer_dense_path_matches_sparse_path(story, method):
    scorer = scorers.get(method)()
    dense = scorer.score(story, Features(story))
    sparse = scorer.score(story, _SparseOnly(story))
    assert np.allclose(dense, sparse, rtol=1e-9, atol=1e-15)


@pytest.mark.parametrize("n", [5, 40, 120])  # both sides of graph.SMALL_GRAPH
def test_pagerank_dense_matches_sparse_with_dangling_nodes(n):
    rng = np.random.default_rng(n)
    w = rng.random((n, n)) * (rng.random((n, n)) < 0.3)
    w = np.triu(w, 1) + np.triu(w, 1).T
    w[:, 1] = w[1, :] = 0.0  # a node without edges
    dense, sparse = pagerank(w), pagerank(sp.csr_matrix(w))
    assert np.allclose(dense, sparse, rtol=1e-12, atol=1e-15)
    assert np.isclose(dense.sum(), 1.0)


@pytest.mark.parametrize("text", ["", "One lonely sentence here.", "Yes! No. Maybe."])
def test_pagerank_dense_tiny_graphs(make_doc, text):
    features = Features(make_doc(text))
    assert np.allclose(pagerank(features.cosine_array), pagerank(features.cosine))


def _luhn_naive(features: Features, luhn: Luhn) -> np.ndarray:
    """Luhn's clusters walked word by word (the definition the vectorised scorer replaces)."""
    counts = np.asarray(features.counts.sum(axis=0)).ravel()
    cutoff = np.sort(counts)[::-1][max(0, int(len(counts) * luhn.top_fraction) - 1)]
    significant = counts >= max(luhn.min_count, cutoff)
    out = []
    for toks in features.tokens:
        hits = [i for i, t in enumerate(toks) if significant[features.vocabulary[t]]]
        best, start, count = 0.0, hits[0] if hits else 0, 1
        for prev, cur in zip(hits, hits[1:], strict=False):
            if cur - prev - 1 > luhn.max_gap:
                best = max(best, count * count / (prev - start + 1))
                start, count = cur, 0
            count += 1
        out.append(max(best, count * count / (hits[-1] - start + 1)) if hits else 0.0)
    return np.array(out)


def test_luhn_matches_naive_clusters(story):
    features = Features(story)
    assert np.array_equal(Luhn().score(story, features), _luhn_naive(features, Luhn()))


def _sumbasic_naive(features: Features, steps: int) -> list[int]:
    """SumBasic's greedy picks with scipy row and column indexing at every step."""
    counts = features.counts
    presence = counts.copy()
    presence.data[:] = 1.0
    lengths = np.asarray(counts.sum(axis=1)).ravel()
    p = np.asarray(counts.sum(axis=0)).ravel() / lengths.sum()
    available, order = lengths > 0, []
    for _ in range(min(steps, int(available.sum()))):
        mean = (counts @ p) / np.maximum(lengths, 1.0)
        live = np.asarray(presence[available].sum(axis=0)).ravel() > 0
        top = int(np.argmax(np.where(live, p, -1.0)))
        with_top = (presence[:, top].toarray().ravel() > 0) & available
        candidates = with_top if with_top.any() else available
        best = int(np.argmax(np.where(candidates, mean, -np.inf)))
        order.append(best)
        available[best] = False
        p[counts[best].indices] **= 2
    return order


def test_sumbasic_matches_naive_greedy(story):
    features = Features(story)
    scores = SumBasic().score(story, features)
    picks = _sumbasic_naive(features, SumBasic.max_steps)
    assert np.argsort(-scores, kind="stable")[: len(picks)].tolist() == picks


def test_unigram_matches_the_plain_definition(story):
    """Mean log-probability of every word (stop words included) under the story's unigram model."""
    per_sentence = [[stem(w) for w in words(s.text)] for s in story.sentences]
    counts = Counter(w for sentence in per_sentence for w in sentence)
    total = sum(counts.values())
    expected = [
        statistics.fmean(math.log(counts[w] / total) for w in sentence)
        for sentence in per_sentence
        if sentence
    ]
    scores = Unigram().score(story, Features(story))
    assert np.allclose([x for x, s in zip(scores, per_sentence, strict=True) if s], expected)


def test_unigram_prefers_the_documents_usual_words(make_doc):
    doc = make_doc(
        "Tom ran to the house and he hid in the house. "
        "Zounds, quoth the zealous xylophonist! "
        "Then Tom ran to the barn and he hid in the barn. "
        "Nobody."  # no word is shared: one sentence without evidence beyond its own word
    )
    scores = Unigram().score(doc, Features(doc))
    assert scores[0] > scores[1] and scores[2] > scores[1]
    assert scores[3] < scores[0]


def test_kl_picks_minimise_the_full_divergence(story):
    """Each greedy pick minimises KL(P || Q) of the summary it makes, computed in full (equal
    divergences, up to rounding, may go either way)."""
    features = Features(story)
    scores = KLSum().score(story, features)
    counts = features.counts.toarray()
    p = counts.sum(axis=0) / counts.sum()
    summary, available = np.zeros(counts.shape[1]), counts.sum(axis=1) > 0
    for pick in np.argsort(-scores, kind="stable")[: KLSum.max_steps].tolist():
        q = summary + counts + KLSum.smoothing
        q /= q.sum(axis=1, keepdims=True)
        kl = np.where(available, (p * (np.log(np.where(p > 0, p, 1.0)) - np.log(q))).sum(1), np.inf)
        assert available[pick] and kl[pick] <= kl.min() + 1e-12 * abs(kl.min())
        available[pick] = False
        summary += counts[pick]


def test_lsa_gram_eigenvectors_match_svds(story, monkeypatch):
    features = Features(story)
    assert features.n > 60  # the path that used ARPACK's svds
    fast = Lsa().score(story, features)
    monkeypatch.setattr(lsa_module, "GRAM_LIMIT", 0)
    assert np.allclose(fast, Lsa().score(story, features), rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("shape", [(12, 40), (40, 12), (150, 70), (70, 150)])
def test_lsa_gram_svd_matches_lapack(shape):
    rng = np.random.default_rng(sum(shape))
    a = sp.csr_matrix(rng.random(shape) * (rng.random(shape) < 0.2))
    u, s = lsa_module._gram_svd(a)
    u_ref, s_ref, _ = np.linalg.svd(a.toarray(), full_matrices=False)
    top = s_ref >= 0.5 * s_ref[0]  # the dimensions LSA keeps
    assert np.allclose(s[: len(s_ref)][top], s_ref[top], rtol=1e-10)
    assert np.allclose(
        (u[:, : len(s_ref)][:, top] * s[: len(s_ref)][top]) ** 2,
        (u_ref[:, top] * s_ref[top]) ** 2,
        atol=1e-10,
    )
