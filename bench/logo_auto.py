"""Leave-one-genre-out evaluation of ``auto`` (issue 17, build item 5).

``auto`` picks a recipe (a weighted mixture of scorers) by the document's route: its length,
structure and quoting (:func:`precis.extractive.auto.recipe_name`). Its recipes were tuned on
the genres of the six shared sets, so on those sets it is measured on its own training genre.
Here each genre is left out in turn: for every route, the recipe is chosen from a pool (the
shipped recipes, a few robust mixtures and every single method) by mean ROUGE-1 on the *other*
genres' documents that take that route; a route none of them takes gets the robust fallback: of the
recipes with no position prior and no learned model, the one whose worst ratio to the best
single method over those genres is highest. The left-out genre is then scored with
those choices and compared with every single precis method and every sumy/summa method, all
ranking the same precis sentences under the reference's word budget. The extra-genre sets of
``bench/data/genres/`` (meetings, earnings calls; built by ``bench/build_genre_sets.py``) are
never used for choosing: they are scored with the recipes chosen on all six shared genres, and
with ``auto`` as shipped.

Every document's ROUGE under every pool recipe, method and peer is cached in
``--cache`` (recomputed with ``--fresh``), so the choice itself costs nothing.

    python bench/logo_auto.py --limit 30
    python bench/logo_auto.py --limit 30 --no-peers

Writes ``bench/results/logo_auto.json`` and prints the table. Caveat: the learned scorer's
models (``single`` for one-sentence news budgets, ``long`` for papers) were trained on the
development rows of all six sets; they enter the pool as part of the shipped recipes.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import peers  # noqa: E402
from splits import split_examples  # noqa: E402
from tune_extractive import METHODS as TUNE_METHODS  # noqa: E402

from precis.document import Document  # noqa: E402
from precis.errors import PrecisError  # noqa: E402
from precis.evaluate.datasets import SUMMARIZATION_SETS, Example, read_dataset  # noqa: E402
from precis.evaluate.rouge import rouge  # noqa: E402
from precis.evaluate.run import choose, load_example, precis_ranker  # noqa: E402
from precis.extractive import auto  # noqa: E402
from precis.extractive.auto import Recipe, recipe_name  # noqa: E402
from precis.extractive.features import Features  # noqa: E402

logger = logging.getLogger("logo_auto")

DATA = ROOT.parent / "shared" / "data"
GENRE_SETS = ("meetings_qmsum", "calls_ectsum")
MIN_ROUTE_DOCS = 10  # fewer documents on a route choose noise: the route gets the fallback
# The single methods tune_extractive.py compares (auto is what is being tested here).
METHODS = tuple(m for m in TUNE_METHODS if m != "auto")
# Robust mixtures (no position prior, no learned model): candidates for a route no other genre
# takes. Rank-normalised, equal weights; the MMR lambda of the shipped long-document recipes.
MIXTURES: dict[str, Recipe] = {
    "mix:textrank+luhn": Recipe({"textrank": 1.0, "luhn": 1.0}, 0.7),
    "mix:textrank+luhn+lexrank": Recipe({"textrank": 1.0, "luhn": 1.0, "lexrank": 1.0}, 0.7),
    "mix:textrank+luhn+pacsum": Recipe({"textrank": 1.0, "luhn": 1.0, "pacsum": 1.0}, 0.7),
    "mix:centrality": Recipe(
        {"textrank": 1.0, "lexrank": 1.0, "luhn": 1.0, "centroid": 1.0, "pacsum": 1.0}, 0.7
    ),
}


def pool() -> dict[str, Recipe | str]:
    """Candidate recipes by name: the shipped ones, the mixtures, every single method."""
    out: dict[str, Recipe | str] = {f"recipe:{k}": v for k, v in auto.RECIPES.items()}
    out.update(MIXTURES)
    out.update({f"method:{m}": m for m in METHODS})
    return out


def word_route(doc: Document, example: Example) -> str:
    """The route ``auto`` takes for this document under the reference's word budget."""
    features = Features(doc)
    words = float(features.word_counts.mean()) or 1.0
    return recipe_name(features, max(example.reference_words, 1) / words)


def r1(doc: Document, example: Example, order: Sequence[int]) -> float:
    texts = [s.text for s in doc.sentences]
    summary = choose(
        texts,
        order,
        budget="words",
        k=len(example.reference_sentences),
        words=example.reference_words,
    )
    return 100 * rouge(summary, example.reference_sentences)["rouge1"]["f1"]


def recipe_order(doc: Document, example: Example, route: str, recipe: Recipe | str) -> list[int]:
    """Ranking by ``auto`` with ``recipe`` in place of the route's own (or a plain method)."""
    if isinstance(recipe, str):
        return precis_ranker(recipe)(doc, example, "words")
    saved = auto.RECIPES[route]
    auto.RECIPES[route] = recipe
    try:
        return precis_ranker("auto")(doc, example, "words")
    finally:
        auto.RECIPES[route] = saved


def score_document(
    doc: Document, example: Example, peer_table: dict[str, Callable[..., list[int]]]
) -> dict[str, Any]:
    route = word_route(doc, example)
    scores = {
        name: r1(doc, example, recipe_order(doc, example, route, recipe))
        for name, recipe in pool().items()
    }
    scores["auto"] = r1(doc, example, precis_ranker("auto")(doc, example, "words"))
    texts = [s.text for s in doc.sentences]
    for name, rank in peer_table.items():
        scores[f"peer:{name}"] = r1(doc, example, rank(texts, example.reference_sentences))
    return {"id": example.id, "route": route, "r1": scores}


def examples_of(set_name: str, limit: int | None) -> list[Example]:
    if set_name in GENRE_SETS:
        rows = list(read_dataset(ROOT / "bench" / "data" / "genres" / f"{set_name}.jsonl"))
        return rows[:limit] if limit else rows
    return list(split_examples(DATA / f"{set_name}.jsonl", "report", limit))


def collect(sets: Sequence[str], limit: int | None, with_peers: bool, cache: dict) -> dict:
    """Score every document not in ``cache``; for cached ones, recompute the route and
    ``auto`` (they follow the code) and any pool recipe the cache lacks."""
    peer_table = {}
    if with_peers:
        peer_table = {
            k: v for k, v in peers.peer_rankers(include_oracle=False).items() if k != "lead"
        }
    for set_name in sets:
        cached = {row["id"]: row for row in cache.get(set_name, [])}
        rows = []
        for example in examples_of(set_name, limit):
            try:
                doc = load_example(example)
            except PrecisError as exc:
                logger.warning("%s %s: %s", set_name, example.id, exc.code)
                continue
            row = cached.get(example.id)
            rows.append(
                score_document(doc, example, peer_table)
                if row is None
                else refresh(doc, example, row)
            )
        cache[set_name] = rows
        logger.info("%s: %d documents", set_name, len(rows))
    return cache


def refresh(doc: Document, example: Example, row: dict[str, Any]) -> dict[str, Any]:
    """A cached row with today's route and ``auto``, and pool recipes it did not have."""
    route = word_route(doc, example)
    scores = dict(row["r1"])
    for name, recipe in pool().items():
        if name not in scores:
            scores[name] = r1(doc, example, recipe_order(doc, example, route, recipe))
    scores["auto"] = r1(doc, example, precis_ranker("auto")(doc, example, "words"))
    return {"id": row["id"], "route": route, "r1": scores}


def mean(rows: list[dict], name: str) -> float:
    return statistics.fmean(row["r1"][name] for row in rows) if rows else float("nan")


def robust(name: str) -> bool:
    """May serve as the fallback: no position prior and no learned model (both are fitted to
    genres; on transcripts the learned recipes fell 5 R1 below TextRank)."""
    recipe = pool()[name]
    if isinstance(recipe, str):
        return recipe != "lead"
    return not recipe.position and not recipe.models


def choose_recipes(train: list[dict], candidates: Sequence[str]) -> tuple[dict[str, str], str]:
    """Per route taken by at least MIN_ROUTE_DOCS documents, the candidate with the best mean
    R1 on ``train``; and the robust fallback:
    among the robust candidates, the one whose worst ratio to the best single method, over
    the training genres, is highest (never far behind on any genre seen)."""
    by_route: dict[str, list[dict]] = defaultdict(list)
    for row in train:
        by_route[row["route"]].append(row)
    chosen = {
        route: max(candidates, key=lambda c: mean(rows, c))
        for route, rows in by_route.items()
        if len(rows) >= MIN_ROUTE_DOCS
    }
    return chosen, robust_fallback(_by_set(train), candidates, mean, robust)


def robust_fallback(
    groups: dict[str, list[dict]],
    candidates: Sequence[str],
    mean: Callable[[list[dict], str], float],
    robust: Callable[[str], bool],
) -> str:
    """Of the ``robust`` candidates, the one never furthest behind the best single method of
    any group (a genre here, a language in ``logo_multilingual.py``): the worst ratio to that
    best, maximised."""
    best = {
        g: max(mean(rows, c) for c in candidates if c.startswith("method:"))
        for g, rows in groups.items()
    }

    def worst_ratio(c: str) -> float:
        return min(mean(rows, c) / best[g] for g, rows in groups.items())

    return max((c for c in candidates if robust(c)), key=worst_ratio)


def _by_set(rows: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        out[row["set"]].append(row)
    return out


def logo_score(test: list[dict], chosen: dict[str, str], fallback: str) -> tuple[float, dict]:
    """Mean R1 of ``test`` with each route's chosen recipe (the fallback where none was)."""
    used: dict[str, int] = defaultdict(int)
    values = []
    for row in test:
        name = chosen.get(row["route"], fallback)
        used[name] += 1
        values.append(row["r1"][name])
    return statistics.fmean(values), dict(used)


def table(cache: dict, shared: Sequence[str], extra: Sequence[str]) -> dict[str, Any]:
    rows = {s: [dict(r, set=s) for r in cache[s]] for s in list(shared) + list(extra)}
    candidates = list(pool())
    systems = [f"method:{m}" for m in METHODS] + sorted(
        {k for s in rows.values() for r in s for k in r["r1"] if k.startswith("peer:")}
    )
    out: dict[str, Any] = {}
    for left in list(shared) + list(extra):
        train = [r for s in shared if s != left for r in rows[s]]
        chosen, fallback = choose_recipes(train, candidates)
        logo, used = logo_score(rows[left], chosen, fallback)
        best = max(systems, key=lambda c: mean(rows[left], c))
        out[left] = {
            "documents": len(rows[left]),
            "routes": dict(sorted(_count(r["route"] for r in rows[left]).items())),
            "auto_logo": round(logo, 2),
            "recipes_used": used,
            "fallback": fallback,
            "auto_shipped": round(mean(rows[left], "auto"), 2),
            "best_other": best,
            "best_other_r1": round(mean(rows[left], best), 2),
            "systems": {c: round(mean(rows[left], c), 2) for c in systems},
        }
    return out


def _count(items: Any) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for item in items:
        out[item] += 1
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=30, help="report rows per shared set")
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument(
        "--cache", type=Path, default=ROOT / "bench" / "results" / "logo_cache.json"
    )
    parser.add_argument("--fresh", action="store_true", help="recompute every document")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "logo_auto.json")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    cache = {} if args.fresh or not args.cache.exists() else json.loads(args.cache.read_text())
    sets = list(SUMMARIZATION_SETS) + list(GENRE_SETS)
    cache = collect(sets, args.limit, not args.no_peers, cache)
    args.cache.write_text(json.dumps(cache) + "\n")
    result = table(cache, SUMMARIZATION_SETS, GENRE_SETS)
    print(f"{'left out':24} {'docs':>4} {'auto LOGO':>9} {'shipped':>8}  best other")
    for name, r in result.items():
        lead = "yes" if r["auto_logo"] >= r["best_other_r1"] else "NO"
        print(
            f"{name:24} {r['documents']:4d} {r['auto_logo']:9.2f} {r['auto_shipped']:8.2f}  "
            f"{r['best_other']} {r['best_other_r1']:.2f} (auto leads: {lead}); "
            f"used {r['recipes_used']}"
        )
    args.out.write_text(json.dumps({"limit": args.limit, "left_out": result}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
