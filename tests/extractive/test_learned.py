"""The learned scorer: shipped weights, per-sentence features, numpy tree walk, budget-aware auto."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

from precis.api import load_text
from precis.evaluate.datasets import read_dataset
from precis.extractive import auto, learned
from precis.extractive.budget import Budget
from precis.extractive.engine import expected_sentences, ranked, score_document
from precis.extractive.features import Features
from precis.extractive.sentence_features import FEATURE_NAMES, feature_matrix
from precis.options import SummarizeOptions

ROOT = Path(__file__).resolve().parents[2]
STORY = ROOT / "examples" / "beast-jewel-of-mars.txt"
EVAL_TINY = ROOT / "tests" / "fixtures" / "eval_tiny.jsonl"


@pytest.fixture(scope="module")
def story() -> Features:
    return Features(load_text(STORY.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def news() -> Features:
    example = next(e for e in read_dataset(EVAL_TINY) if e.id.startswith("cnn-"))
    return Features(load_text(example.source))


def test_feature_matrix_is_finite_with_one_row_per_sentence(story):
    x = feature_matrix(story)
    assert x.shape == (story.n, len(FEATURE_NAMES))
    assert np.isfinite(x).all()


def test_feature_matrix_positions_and_lengths(news):
    x = feature_matrix(news)
    col = {name: x[:, i] for i, name in enumerate(FEATURE_NAMES)}
    assert col["first"][0] == 1.0 and col["first"][1:].sum() == 0
    assert np.all(np.diff(col["pos_rel"]) > 0)
    assert np.allclose(col["log_words"], np.log1p(news.word_counts))
    assert len(np.unique(col["doc_log_n"])) == 1  # document-level columns are constant


def test_coverage_grows_with_the_words_a_sentence_covers():
    text = (
        "The river flooded the town. The river flooded the town and the farms and the roads. "
        "Farms near the river were lost. Roads to the town were closed. The town asked for help."
    )
    features = Features(load_text(text))
    col = feature_matrix(features)[:, FEATURE_NAMES.index("coverage")]
    assert col[1] > col[0]  # the second sentence holds every content word of the first and more


def test_tree_walk_matches_a_hand_built_tree():
    # x0 <= 0.5 ? (x1 <= 2 ? 1 : 2) : 3, plus a stump adding 10 when x1 > 0
    trees = [
        {
            "feature": [0, 1, 0, 0, 0],
            "threshold": [0.5, 2.0, 0, 0, 0],
            "left": [1, 3, 0, 0, 0],
            "right": [2, 4, 0, 0, 0],
            "value": [0, 0, 3.0, 1.0, 2.0],
            "leaf": [0, 0, 1, 1, 1],
        },
        {
            "feature": [1, 0, 0],
            "threshold": [0.0, 0, 0],
            "left": [1, 0, 0],
            "right": [2, 0, 0],
            "value": [0, 0.0, 10.0],
            "leaf": [0, 1, 1],
        },
    ]
    x = np.array([[0.0, 1.0], [0.0, 3.0], [1.0, -1.0], [0.5, 2.0]])
    got = learned.tree_scores(x, {"kind": "trees", "trees": trees})
    assert got.tolist() == [11.0, 12.0, 3.0, 11.0]


def test_shipped_weights_match_the_feature_columns():
    payload = learned.weights()
    assert tuple(payload["features"]) == FEATURE_NAMES
    assert {"single", "long", "short", "news", "story", "paragraphs"} <= set(payload["models"])


@pytest.mark.parametrize("model", ["single", "long", "short", "news", "story", "paragraphs"])
def test_every_shipped_model_scores_a_real_story(story, model):
    scores = learned.learned_scores(story, model)
    assert scores.shape == (story.n,)
    assert np.isfinite(scores).all()
    assert scores.std() > 0  # the model tells sentences apart


def test_learned_method_is_registered_and_ranks_every_sentence(news):
    order = ranked(news.doc, SummarizeOptions(method="learned", sentences=3))
    assert sorted(order) == list(range(news.n))


def test_sklearn_trees_exported_and_walked_in_numpy_agree():
    ensemble = pytest.importorskip("sklearn.ensemble")
    sys.path.insert(0, str(ROOT / "bench"))
    import train_scorer

    rng = np.random.default_rng(0)
    x = rng.normal(size=(3000, 5))
    y = 2 * x[:, 0] + np.sin(3 * x[:, 1]) + (x[:, 2] > 0)
    model = ensemble.HistGradientBoostingRegressor(max_iter=30, random_state=0).fit(x, y)
    exported = json.loads(json.dumps(train_scorer.export_trees(model)))  # as shipped: JSON
    ours = learned.tree_scores(x, exported) + float(model._baseline_prediction.ravel()[0])
    assert np.abs(ours - model.predict(x)).max() < 1e-4


@pytest.mark.parametrize(
    ("budget", "expected"),
    [
        (Budget(sentences=1), 1.0),
        (Budget(sentences=4), 4.0),
        (Budget(ratio=0.5), None),  # checked against n below
    ],
)
def test_expected_sentences(news, budget, expected):
    got = expected_sentences(budget, news)
    assert got == (expected if expected is not None else 0.5 * news.n)


def test_expected_sentences_for_a_word_budget_uses_mean_sentence_length(news):
    mean = float(news.word_counts.mean())
    assert expected_sentences(Budget(words=int(2 * mean)), news) == pytest.approx(
        int(2 * mean) / mean
    )


def test_auto_uses_the_single_sentence_recipe_only_for_one_sentence_on_news(news):
    assert auto.genre(news) == "news"
    assert auto.recipe_name(news, 1.0) == "single"
    assert auto.recipe_name(news, 3.0) == "news"
    assert auto.recipe_name(news, None) == "news"


def test_auto_scores_depend_on_the_budget_for_news(news):
    one = score_document(news.doc, "auto", news, Budget(sentences=1))
    three = score_document(news.doc, "auto", news, Budget(sentences=3))
    assert not np.allclose(one, three)
    # with three sentences the lead prior holds: the first sentence is among the best three
    assert 0 in np.argsort(-three)[:3]


def test_auto_long_recipe_uses_the_learned_model(story):
    assert set(auto.RECIPES[auto.recipe_name(story, 5.0)].models) <= {"long"}
    scores = score_document(story.doc, "auto", story, Budget(sentences=5))
    assert scores.shape == (story.n,) and np.isfinite(scores).all()
