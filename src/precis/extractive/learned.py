"""A learned sentence scorer: shipped weights over cheap per-sentence features.

Weights come from ``bench/train_scorer.py`` (trained on the even-hash rows of the shared
development sets, one model per genre of :func:`precis.extractive.auto.genre`) and live in
``precis/data/learned_scorer.json``. A model is either linear (``coef`` over standardised
features) or a set of regression trees evaluated here with numpy, so summarizing needs no
scikit-learn.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, ClassVar

import numpy as np

from precis.document import Document
from precis.extractive.features import Features
from precis.extractive.sentence_features import FEATURE_NAMES, feature_matrix
from precis.registry import scorers

WEIGHTS_FILE = "data/learned_scorer.json"


@lru_cache(maxsize=1)
def weights() -> dict[str, Any]:
    """The shipped weights, checked against the feature columns this code computes."""
    from importlib.resources import files

    payload = json.loads(files("precis").joinpath(WEIGHTS_FILE).read_text(encoding="utf-8"))
    if tuple(payload["features"]) != FEATURE_NAMES:
        raise RuntimeError(f"{WEIGHTS_FILE} was trained on other features: retrain it")
    for model in payload["models"].values():
        if model.get("kind") == "trees":
            model["_flat"] = _flatten(model["trees"])
    return payload


def _flatten(trees: list[dict[str, list[float]]]) -> dict[str, np.ndarray]:
    """All trees' nodes in one set of arrays (child indices made global) plus each root."""
    offsets = np.cumsum([0] + [len(t["value"]) for t in trees])
    cat = {k: np.concatenate([np.asarray(t[k]) for t in trees]) for k in trees[0]}
    shift = np.repeat(offsets[:-1], [len(t["value"]) for t in trees])
    return {
        "feature": cat["feature"].astype(np.int64),
        "threshold": cat["threshold"].astype(np.float64),
        "left": (cat["left"] + shift).astype(np.int64),
        "right": (cat["right"] + shift).astype(np.int64),
        "value": cat["value"].astype(np.float64),
        "leaf": cat["leaf"].astype(bool),
        "roots": offsets[:-1].astype(np.int64),
    }


TREE_CHUNK = 4096


def tree_scores(x: np.ndarray, model: dict[str, Any]) -> np.ndarray:
    """Sum of every tree's leaf value for each row of ``x``, all trees walked at once.

    Rows go in chunks of :data:`TREE_CHUNK`, so memory stays bounded on very long documents.
    """
    flat = model.get("_flat") or _flatten(model["trees"])
    out = np.zeros(len(x))
    for lo in range(0, len(x), TREE_CHUNK):
        out[lo : lo + TREE_CHUNK] = _walk(x[lo : lo + TREE_CHUNK], flat)
    return out


def _walk(x: np.ndarray, flat: dict[str, np.ndarray]) -> np.ndarray:
    rows = np.arange(len(x))[:, None]
    node = np.broadcast_to(flat["roots"], (len(x), len(flat["roots"]))).copy()
    while True:
        inner = ~flat["leaf"][node]
        if not inner.any():
            break
        go_left = x[rows, flat["feature"][node]] <= flat["threshold"][node]
        step = np.where(go_left, flat["left"][node], flat["right"][node])
        node = np.where(inner, step, node)
    return flat["value"][node].sum(axis=1)


def model_scores(x: np.ndarray, model: dict[str, Any]) -> np.ndarray:
    """Scores of one genre's model for the feature rows ``x``."""
    if model.get("kind") == "trees":
        return tree_scores(x, model)
    mean, scale, coef = (np.asarray(model[k]) for k in ("mean", "scale", "coef"))
    return ((x - mean) / scale) @ coef


def learned_scores(features: Features, model_name: str) -> np.ndarray:
    """Scores of the named model (a genre, or ``single``) for every sentence of a document."""
    if features.n == 0:
        return np.zeros(0)
    return model_scores(feature_matrix(features), weights()["models"][model_name])


@scorers.register("learned")
class Learned:
    """Supervised sentence salience (in the spirit of Kupiec et al. 1995 and of the feature
    rankers of Nallapati et al. 2017, without a neural encoder): position, length,
    centrality, title/lead similarity and lexical cues, weighted per genre by a model fitted
    to greedy-oracle labels of the shared development data.
    """

    name: ClassVar[str] = "learned"
    description: ClassVar[str] = "supervised per-genre model over position/centrality features"

    def score(self, doc: Document, features: Features) -> np.ndarray:
        from precis.extractive.auto import genre

        if features.n == 0:
            return np.zeros(0)
        model = weights()["models"].get(_model_genre(genre(features)))
        if model is None:
            return -np.arange(features.n, dtype=np.float64)
        return model_scores(feature_matrix(features), model)

    def mmr_lambda_for(self, features: Features) -> float:
        from precis.extractive.auto import genre

        return float(weights()["mmr_lambda"].get(_model_genre(genre(features)), 0.7))


def _model_genre(name: str) -> str:
    """The trained model for a genre; an unclear one (a transcript) reads as a long document,
    as it did before auto had a recipe for it."""
    return "long" if name == "unclear" else name
