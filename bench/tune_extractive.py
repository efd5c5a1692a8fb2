"""Tune and compare precis's extractive methods against lead-K, sumy and summa on the shared sets.

Rows are split by a fixed hash of their id (:mod:`splits`): ``--split tune`` (even) is for
choosing parameters, ``--split report`` (odd) for the figures we report. Two budgets, as issue 3
asks, applied identically to every system by :func:`precis.evaluate.run.choose`: K sentences
(K = reference sentences) and an equal word budget (ranked sentences until the reference's word
count is met, the last one cut). Peers are the rankers of :mod:`peers` on precis's sentences;
ROUGE is :func:`precis.evaluate.rouge.rouge`. ``compare_peers.py`` is the full, parallel,
time-limited comparison; this script is the quick loop for trying parameter variants.

    python bench/tune_extractive.py --split tune --limit 40
    python bench/tune_extractive.py --split report --limit 60 --json bench/results/tune_extractive.json
    python bench/tune_extractive.py --no-peers --methods pacsum \
        --variant 'p2:pacsum:pacsum.beta=0.2,select.mmr_lambda=0.8'
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import peers  # noqa: E402
from splits import SPLITS, split_examples  # noqa: E402

from precis.document import Document  # noqa: E402
from precis.errors import PrecisError  # noqa: E402
from precis.evaluate.datasets import SUMMARIZATION_SETS, Example  # noqa: E402
from precis.evaluate.rouge import rouge  # noqa: E402
from precis.evaluate.run import BUDGETS, Ranker, choose, load_example, precis_ranker  # noqa: E402
from precis.registry import scorers  # noqa: E402

logger = logging.getLogger("tune_extractive")

DATA = ROOT.parent / "shared" / "data"
METHODS = (
    "auto",
    "lead",
    "textrank",
    "lexrank",
    "lsa",
    "luhn",
    "kl",
    "sumbasic",
    "centroid",
    "pacsum",
    "hiporank",
)
PREFIX = {"sentences": "K", "words": "W"}  # result keys: K-rouge1, W-rougeLsum, ...


# --- systems: each returns every sentence index, best first -----------------------------------


@contextmanager
def overrides(spec: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Temporarily set class attributes of scorers (``pacsum.beta``); yields ``select.*`` keys."""
    saved, select = [], {}
    for key, value in spec.items():
        owner, attr = key.split(".", 1)
        if owner == "select":
            select[attr] = value
            continue
        cls = scorers.get(owner)
        saved.append((cls, attr, getattr(cls, attr)))
        setattr(cls, attr, value)
    try:
        yield select
    finally:
        for cls, attr, value in saved:
            setattr(cls, attr, value)


def variant_ranker(method: str, spec: dict[str, Any]) -> Ranker:
    """``method`` with scorer attributes and selection options (``mmr_lambda``) overridden."""
    from precis.extractive.engine import ranked
    from precis.options import SummarizeOptions

    def rank(doc: Document, example: Example) -> list[int]:
        with overrides(spec) as select:
            options = SummarizeOptions(
                method=method, sentences=max(len(doc.sentences), 1), **select
            )
            return [int(i) for i in ranked(doc, options)]

    return rank


def peer_ranker(rank: peers.Rank) -> Ranker:
    """A :mod:`peers` ranker (sentence texts in) as an evaluation ranker (document in)."""

    def adapted(doc: Document, example: Example) -> list[int]:
        return rank([s.text for s in doc.sentences], example.reference_sentences)

    return adapted


def parse_variant(text: str) -> tuple[str, str, dict[str, Any]]:
    """``label:method:cls.attr=value,...`` into its parts; values are floats."""
    label, method, spec = text.split(":", 2)
    parsed = {k: float(x) for k, x in (kv.split("=", 1) for kv in spec.split(",") if kv)}
    return label, method, parsed


def systems(methods: Sequence[str], with_peers: bool, variants: Sequence[str]) -> dict[str, Ranker]:
    """Lead-K, the precis methods, the variants, then (optionally) every installed peer."""
    out: dict[str, Ranker] = {"lead-K": peer_ranker(peers.lead)}
    out.update({m: precis_ranker(m) for m in methods})
    for text in variants:
        label, method, spec = parse_variant(text)
        out[label] = variant_ranker(method, spec)
    if with_peers:
        rankers = peers.peer_rankers(include_oracle=False)
        out.update({name: peer_ranker(r) for name, r in rankers.items() if name != "lead"})
    return out


# --- evaluation ------------------------------------------------------------------------------

_WARM_UP = Example(
    "warm-up",
    "The probe landed at dawn. Its camera found ice. Engineers cheered.\n\nThen it slept.",
    ("The probe found ice.",),
)


def warm_up(table: dict[str, Ranker]) -> None:
    """Rank a tiny document with every system once, so lazy imports are not timed."""
    doc = load_example(_WARM_UP)
    for rank in table.values():
        rank(doc, _WARM_UP)


def evaluate(set_name: str, split: str, limit: int | None, table: dict[str, Ranker]) -> dict:
    """Mean ROUGE F1 x 100 per system and budget, and mean ranking seconds, on one set."""
    values: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    n_rows = load_errors = 0
    for example in split_examples(DATA / f"{set_name}.jsonl", split, limit):
        try:
            doc = load_example(example)
        except PrecisError as exc:
            logger.warning("%s: document %s failed to load: %s", set_name, example.id, exc.code)
            load_errors += 1
            continue
        n_rows += 1
        for name, rank in table.items():
            started = time.perf_counter()
            order = rank(doc, example)
            values[name]["seconds"].append(time.perf_counter() - started)
            for budget, scores in score_budgets(doc, example, order).items():
                for metric, value in scores.items():
                    values[name][f"{PREFIX[budget]}-{metric}"].append(100 * value["f1"])
    return {
        "rows": n_rows,
        "load_errors": load_errors,
        "systems": {
            name: {key: statistics.fmean(vals) for key, vals in metrics.items()}
            for name, metrics in values.items()
        },
    }


def score_budgets(
    doc: Document, example: Example, order: Sequence[int]
) -> dict[str, dict[str, dict[str, float]]]:
    """ROUGE of one ranking under every budget of :data:`precis.evaluate.run.BUDGETS`."""
    texts = [s.text for s in doc.sentences]
    reference = example.reference_sentences
    return {
        budget: rouge(
            choose(texts, order, budget=budget, k=len(reference), words=example.reference_words),
            reference,
        )
        for budget in BUDGETS
    }


def print_table(set_name: str, result: dict) -> None:
    print(f"\n## {set_name} ({result['rows']} rows)")
    print(
        f"{'system':16} {'K-R1':>6} {'K-R2':>6} {'K-RL':>6} {'K-RLs':>6} | "
        f"{'W-R1':>6} {'W-R2':>6} {'W-RLs':>6} | {'ms/doc':>8}"
    )
    for name, m in sorted(result["systems"].items(), key=lambda kv: -kv[1]["K-rouge1"]):
        print(
            f"{name:16} {m['K-rouge1']:6.2f} {m['K-rouge2']:6.2f} {m['K-rougeL']:6.2f} "
            f"{m['K-rougeLsum']:6.2f} | {m['W-rouge1']:6.2f} {m['W-rouge2']:6.2f} "
            f"{m['W-rougeLsum']:6.2f} | {1000 * m['seconds']:8.1f}"
        )
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", nargs="*", default=list(SUMMARIZATION_SETS))
    parser.add_argument("--split", choices=SPLITS, default="tune")
    parser.add_argument("--limit", type=int, default=40, help="rows per set after the split")
    parser.add_argument("--methods", nargs="*", default=list(METHODS))
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument(
        "--variant",
        action="append",
        default=[],
        help="label:method:cls.attr=value,select.mmr_lambda=value",
    )
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    table = systems(args.methods, not args.no_peers, args.variant)
    warm_up(table)
    results = {}
    for set_name in args.sets:
        results[set_name] = evaluate(set_name, args.split, args.limit, table)
        print_table(set_name, results[set_name])
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "split": args.split,
            "limit": args.limit,
            "command": "python bench/tune_extractive.py "
            + " ".join(argv if argv is not None else sys.argv[1:]),
            "sets": results,
        }
        args.json.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
