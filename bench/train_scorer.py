"""Train the learned sentence scorer (``precis.extractive.learned``) and write its weights.

Rows of every shared summarization set are split by a fixed hash of their id (even: train,
odd: report). For each training document every sentence gets the feature vector of
:mod:`precis.extractive.sentence_features` and a target: its ROUGE-1 + ROUGE-2 F1 against the
reference (rouge-score's tokenizer, stemming on), divided by the document's best, so that every
document counts alike whatever its length. One ridge regression per genre (the genres of
:func:`precis.extractive.auto.genre`) on standardised features; the weights, means and scales
go to ``src/precis/data/learned_scorer.json`` (a few kB, read with numpy at run time: no
scikit-learn needed to summarize).

    python bench/train_scorer.py                 # fit on train rows, report on report rows
    python bench/train_scorer.py --write         # ... and write the weights file
    python bench/train_scorer.py --limit 80      # fewer rows per set (faster)
"""

from __future__ import annotations

import argparse
import json
import logging
import pickle
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from precis.errors import PrecisError  # noqa: E402
from precis.evaluate.datasets import SUMMARIZATION_SETS, Example, read_dataset  # noqa: E402
from precis.evaluate.rouge import rouge  # noqa: E402
from precis.evaluate.run import BUDGETS, choose, load_example  # noqa: E402
from precis.extractive.auto import RECIPES, genre  # noqa: E402
from precis.extractive.features import Features  # noqa: E402
from precis.extractive.sentence_features import FEATURE_NAMES, feature_matrix  # noqa: E402

logger = logging.getLogger("train_scorer")

DATA = ROOT.parent / "shared" / "data"
WEIGHTS = ROOT / "src" / "precis" / "data" / "learned_scorer.json"
CACHE = Path("/tmp/precis_train_cache3")

# name -> (model kind, training target, genres whose training documents it learns from).
# "single" serves budgets of about one sentence on news (auto's "single" recipe); the others
# are one per genre of precis.extractive.auto.genre.
MODEL_SPECS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "short": ("ridge", "oracle", ("short",)),
    "news": ("ridge", "oracle", ("news",)),
    "single": ("gbm", "mix", ("news", "paragraphs", "short")),
    "paragraphs": ("ridge", "oracle", ("paragraphs",)),
    "story": ("ridge", "oracle", ("story",)),
    "long": ("gbm", "oracle", ("long",)),
}


@dataclass
class Record:
    """One loaded document with its features, targets and reference."""

    dataset: str
    id: str
    split: str
    genre: str
    x: np.ndarray
    target: np.ndarray
    oracle: np.ndarray
    features: Features
    reference: tuple[str, ...]
    reference_words: int


def split_of(row_id: str) -> str:
    """``train`` on the tune side of :func:`splits.split_of` (even md5), else ``report``."""
    import splits

    return "train" if splits.split_of(row_id) == "tune" else "report"


def targets(sentences: Sequence[str], reference: Sequence[str]) -> np.ndarray:
    """ROUGE-1 + ROUGE-2 F1 of each sentence alone against the whole reference (the n-gram
    counting of bench/peers.py's greedy oracle)."""
    import peers

    tokenize = peers._rouge_tokenizer().tokenize
    ref_tokens = tokenize(" ".join(reference))
    refs = [peers._ngrams(ref_tokens, n) for n in (1, 2)]
    out = np.zeros(len(sentences))
    for i, s in enumerate(sentences):
        tokens = tokenize(s)
        for n, ref in zip((1, 2), refs, strict=True):
            cand = peers._ngrams(tokens, n)
            overlap = sum((cand & ref).values())
            out[i] += peers._f1(overlap, sum(cand.values()), sum(ref.values()))
    return out


def oracle_labels(sentences: Sequence[str], reference: Sequence[str]) -> np.ndarray:
    """1 for the first K sentences of the greedy ROUGE oracle (K = reference sentences)."""
    import peers

    out = np.zeros(len(sentences))
    out[peers.greedy_oracle(sentences, reference)[: max(len(reference), 1)]] = 1.0
    return out


def training_target(record: Record, kind: str) -> np.ndarray:
    """The regression target of one document, scaled so that every document counts alike."""
    rouge_part = record.target / max(float(record.target.max()), 1e-9)
    if kind == "rouge":
        return rouge_part
    if kind == "oracle":
        return record.oracle
    return record.oracle + rouge_part


def load_records(sets: Iterable[str], limit: int | None) -> list[Record]:
    """Every row of ``sets`` (up to ``limit`` per split and set), cached in /tmp between runs."""
    records: list[Record] = []
    for name in sets:
        path = CACHE / f"{name}-{limit}.pkl"
        if path.exists():
            cached = pickle.loads(path.read_bytes())
            for r in cached:  # features may have changed since the cache was written
                if r.x.shape[1] != len(FEATURE_NAMES):
                    r.x = feature_matrix(r.features)
            records.extend(cached)
            continue
        started = time.perf_counter()
        loaded = list(_load_set(name, limit))
        CACHE.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(loaded))
        logger.info("%s: %d rows in %.1f s", name, len(loaded), time.perf_counter() - started)
        records.extend(loaded)
    return records


def _load_set(name: str, limit: int | None) -> Iterable[Record]:
    taken: Counter[str] = Counter()
    for example in read_dataset(DATA / f"{name}.jsonl"):
        split = split_of(example.id)
        if limit is not None and taken[split] >= limit:
            continue
        try:
            doc = load_example(example)
        except PrecisError:
            continue
        if not doc.sentences:
            continue
        taken[split] += 1
        features = Features(doc)
        texts = [s.text for s in doc.sentences]
        yield Record(
            name,
            example.id,
            split,
            genre(features),
            feature_matrix(features),
            targets(texts, example.reference_sentences),
            oracle_labels(texts, example.reference_sentences),
            features,
            example.reference_sentences,
            example.reference_words,
        )


def fit(
    records: Sequence[Record], specs: dict[str, tuple[str, str, tuple[str, ...]]], alpha: float
) -> dict[str, Any]:
    """One model per spec (ridge on standardised features, or boosted trees); every training
    document weighs alike."""
    models = {}
    for name, (kind, target, genres) in specs.items():
        group = [r for r in records if r.genre in genres]
        if not group:
            continue
        x = np.vstack([r.x for r in group])
        y = np.concatenate([training_target(r, target) for r in group])
        w = np.concatenate([np.full(len(r.target), 1.0 / len(r.target)) for r in group])
        models[name] = fit_trees(x, y, w) if kind == "gbm" else fit_ridge(x, y, w, alpha)
        models[name]["documents"] = len(group)
        models[name]["target"] = target
        logger.info("%s: %s on %d documents of %s", name, kind, len(group), ", ".join(genres))
    return models


def fit_ridge(x: np.ndarray, y: np.ndarray, w: np.ndarray, alpha: float) -> dict[str, Any]:
    """Ridge regression on standardised columns (the constant column gets no weight)."""
    from sklearn.linear_model import Ridge

    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    coef = Ridge(alpha=alpha).fit((x - mean) / scale, y, sample_weight=w).coef_.copy()
    coef[0] = 0.0
    top = np.argsort(-np.abs(coef))[:6]
    logger.info("  top: %s", ", ".join(f"{FEATURE_NAMES[i]} {coef[i]:+.3f}" for i in top))
    return {
        "kind": "linear",
        "mean": mean.round(6).tolist(),
        "scale": scale.round(6).tolist(),
        "coef": coef.round(6).tolist(),
    }


def fit_trees(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> dict[str, Any]:
    """Gradient-boosted regression trees, exported as flat arrays for numpy evaluation."""
    from sklearn.ensemble import HistGradientBoostingRegressor

    model = HistGradientBoostingRegressor(**TREE_PARAMS, random_state=0).fit(
        x, y, sample_weight=w * len(w)
    )
    return export_trees(model)


# Small, shallow trees with large leaves: with a few hundred training documents per genre,
# deeper trees learn the tuning rows (CNN/DM single sentence: 39.6 R1 on them, 33.8 held apart).
TREE_PARAMS: dict[str, Any] = {
    "max_iter": 100,
    "learning_rate": 0.05,
    "max_leaf_nodes": 8,
    "min_samples_leaf": 200,
    "l2_regularization": 1.0,
}


def export_trees(model: Any) -> dict[str, Any]:
    """Every tree's nodes as parallel lists (feature, threshold, left, right, value, leaf)."""
    trees = []
    for (predictor,) in model._predictors:
        nodes = predictor.nodes
        trees.append(
            {
                "feature": nodes["feature_idx"].tolist(),
                "threshold": nodes["num_threshold"].tolist(),
                "left": nodes["left"].tolist(),
                "right": nodes["right"].tolist(),
                "value": nodes["value"].round(6).tolist(),
                "leaf": nodes["is_leaf"].astype(int).tolist(),
            }
        )
    return {"kind": "trees", "trees": trees}


def evaluate(records: Sequence[Record], methods: Sequence[str]) -> dict[str, Any]:
    """Mean ROUGE F1 x 100 per set, method and budget, ranked by the real engine (the method
    told the budget, as ``precis eval`` does)."""
    from precis.evaluate.run import precis_ranker

    sums: dict[tuple[str, str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    rankers = {m: precis_ranker(m) for m in methods}
    for r in records:
        texts = [s.text for s in r.features.doc.sentences]
        example = Example(r.id, "", r.reference)
        for method, rank in rankers.items():
            for budget in BUDGETS:
                ranking = rank(r.features.doc, example, budget)
                summary = choose(
                    texts, ranking, budget=budget, k=len(r.reference), words=r.reference_words
                )
                s = rouge(summary, r.reference)
                acc = sums[(r.dataset, method, budget)]
                acc[0] += s["rouge1"]["f1"]
                acc[1] += s["rouge2"]["f1"]
                acc[2] += 1
    out: dict[str, Any] = defaultdict(dict)
    for (dataset, method, budget), (r1, r2, count) in sorted(sums.items()):
        out[dataset].setdefault(method, {})[budget] = {
            "R1": round(100 * r1 / count, 2),
            "R2": round(100 * r2 / count, 2),
            "documents": int(count),
        }
    return out


def use_weights(payload: dict[str, Any]) -> None:
    """Make the learned scorer (and auto) use ``payload`` instead of the shipped file."""
    from precis.extractive import learned

    for model in payload["models"].values():
        if model.get("kind") == "trees":
            model["_flat"] = learned._flatten(model["trees"])
    learned.weights = lambda: payload  # type: ignore[assignment]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", nargs="+", default=list(SUMMARIZATION_SETS))
    parser.add_argument("--limit", type=int, default=200, help="rows per split and set")
    parser.add_argument("--alpha", type=float, default=10.0, help="ridge regularisation")
    parser.add_argument("--methods", nargs="+", default=["auto", "learned"])
    parser.add_argument("--eval-sets", nargs="+", help="evaluate only these (default: --sets)")
    parser.add_argument("--on", choices=("report", "train"), default="report")
    parser.add_argument(
        "--spec",
        action="append",
        default=[],
        metavar="NAME=KIND:TARGET:GENRE+GENRE",
        help="override one model spec, e.g. single=gbm:rouge:news+short",
    )
    parser.add_argument("--write", action="store_true", help="write the weights file")
    parser.add_argument("--json", type=Path, default=ROOT / "bench/results/train_scorer.json")
    parser.add_argument("--trees", type=json.loads, default={}, help="TREE_PARAMS overrides")
    args = parser.parse_args(argv)
    TREE_PARAMS.update(args.trees)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    records = load_records(args.sets, args.limit)
    train = [r for r in records if r.split == "train"]
    specs = dict(MODEL_SPECS)
    for spec in args.spec:
        name, _, rest = spec.partition("=")
        kind, target, genres = rest.split(":")
        specs[name] = (kind, target, tuple(genres.split("+")))
    payload = {
        "about": "per-genre sentence scorers; bench/train_scorer.py on even-hash rows",
        "features": list(FEATURE_NAMES),
        "alpha": args.alpha,
        "models": fit(train, specs, args.alpha),
        "mmr_lambda": {g: RECIPES[g].mmr_lambda for g in RECIPES},
    }
    if args.write:
        WEIGHTS.write_text(json.dumps(payload, separators=(",", ":")) + "\n")
        logger.info("wrote %s (%d bytes)", WEIGHTS, WEIGHTS.stat().st_size)
    use_weights(payload)
    shown = set(args.eval_sets or args.sets)
    results = evaluate(
        [r for r in records if r.split == args.on and r.dataset in shown], args.methods
    )
    for dataset, systems in results.items():
        for system, budgets in systems.items():
            cells = "  ".join(f"{b}: {v['R1']:.2f}/{v['R2']:.2f}" for b, v in budgets.items())
            print(f"{dataset:24s} {system:8s} {cells}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"on": args.on, "report": results}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
