"""The ROUGE wrapper against rouge-score called directly (the oracle), and the aggregate."""

from __future__ import annotations

import pytest

rouge_scorer = pytest.importorskip("rouge_score.rouge_scorer")
scoring = pytest.importorskip("rouge_score.scoring")

from precis.errors import OptionError  # noqa: E402
from precis.evaluate.rouge import ROUGE_TYPES, aggregate, rouge  # noqa: E402

PAIRS = [
    (["The cat sat on the mat."], ["A cat was sitting on the mat."]),
    (
        ["Police arrested two men on Friday.", "The men were charged with theft."],
        ["Two men were charged with theft.", "They were arrested by police on Friday."],
    ),
    (
        ["Running runners ran quickly.", "Nothing else happened here.", "The end came."],
        ["The runner runs quickly.", "The end."],
    ),
    (["Completely unrelated words."], ["Nothing in common at all."]),
]


@pytest.mark.parametrize(("summary", "reference"), PAIRS)
def test_rouge_equals_rouge_score_with_newlines_and_stemming(summary, reference):
    oracle = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True).score(
        "\n".join(reference), "\n".join(summary)
    )
    ours = rouge(summary, reference)
    for name in ROUGE_TYPES:
        assert ours[name]["precision"] == pytest.approx(oracle[name].precision)
        assert ours[name]["recall"] == pytest.approx(oracle[name].recall)
        assert ours[name]["f1"] == pytest.approx(oracle[name].fmeasure)


def test_rouge_lsum_differs_from_rouge_l_on_reordered_sentences():
    summary = ["The men were charged with theft.", "Police arrested two men on Friday."]
    reference = ["Police arrested two men on Friday.", "The men were charged with theft."]
    scores = rouge(summary, reference)
    assert scores["rougeLsum"]["f1"] == pytest.approx(1.0)
    assert scores["rougeL"]["f1"] < scores["rougeLsum"]["f1"]


def test_rouge_stems_words():
    assert rouge(["runners running"], ["runner runs"])["rouge1"]["f1"] == pytest.approx(1.0)


def test_rouge_rejects_a_plain_string():
    with pytest.raises(OptionError):
        rouge("not a list", ["reference"])


def test_aggregate_mean_matches_rouge_score_aggregator():
    per_doc = [rouge(s, r) for s, r in PAIRS]
    ours = aggregate(per_doc)
    assert ours.count == len(PAIRS)
    for name in ROUGE_TYPES:
        expected = sum(d[name]["f1"] for d in per_doc) / len(per_doc)
        assert ours.mean[name]["f1"] == pytest.approx(expected)


def test_aggregate_bootstrap_interval_brackets_mean_and_is_seeded():
    per_doc = [rouge(s, r) for s, r in PAIRS * 5]
    first = aggregate(per_doc, bootstrap=True, seed=7)
    again = aggregate(per_doc, bootstrap=True, seed=7)
    assert first == again
    assert first.low is not None and first.high is not None
    for name in ROUGE_TYPES:
        assert first.low[name]["f1"] <= first.mean[name]["f1"] <= first.high[name]["f1"]


def test_aggregate_bootstrap_agrees_with_bootstrap_aggregator():
    raw = rouge_scorer.RougeScorer(["rouge1"], use_stemmer=True)
    oracle = scoring.BootstrapAggregator(n_samples=2000)
    for summary, reference in PAIRS * 5:
        oracle.add_scores(raw.score("\n".join(reference), "\n".join(summary)))
    expected = oracle.aggregate()["rouge1"]
    ours = aggregate([rouge(s, r) for s, r in PAIRS * 5], bootstrap=True, n_samples=2000)
    assert ours.low["rouge1"]["f1"] == pytest.approx(expected.low.fmeasure, abs=0.03)
    assert ours.high["rouge1"]["f1"] == pytest.approx(expected.high.fmeasure, abs=0.03)


def test_aggregate_of_nothing_is_zero():
    assert aggregate([]).count == 0
