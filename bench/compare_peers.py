"""precis against its peers, side by side: same documents, same sentences, same run (issue 3).

Every document is loaded once with precis; every system (precis methods, Lead-K, the greedy
ROUGE oracle, sumy's six summarizers, summa's TextRank) ranks the *same* precis sentences once;
both budgets are then applied identically (:func:`precis.evaluate.run.choose`):

- ``sentences``: K = number of reference sentences;
- ``words``: the reference's word count, best-ranked sentences first, the last one cut.

Rows come from one side of the id-hash split (:mod:`splits`; ``report`` by default, since figures
we publish must not come from rows used for tuning); ``--limit`` counts after the split.
Documents run in parallel over ``--workers`` processes; within a worker each peer ranking runs in
a child process that is killed after ``--peer-timeout`` seconds (:mod:`peer_jobs`, :mod:`peer_process`) and counted
as an error of that peer on that document. ROUGE-1/2/L/Lsum F1 (rouge-score, stemming on, one
sentence per line) and seconds per document (ranking only) go to ``bench/results/
compare_peers.{md,json,png}`` (:mod:`peers_report`). ``--scaling`` instead times one precis
method on synthetic documents of 10k..10M characters (:mod:`peers_scaling`).

    python bench/compare_peers.py                      # report split, 50 docs per set
    python bench/compare_peers.py --split report --limit 60 --methods auto lead lexrank
    python bench/compare_peers.py --sets cnndm_test --limit 20 --methods lead auto --peer-timeout 0
    python bench/compare_peers.py --scaling --methods auto
    python bench/compare_peers.py --files ../shared/data/multilingual/zh.jsonl --limit 10 \
        --methods auto lead --budget sentences --out-dir /tmp/zh

Other languages (issue 19): each row is read in its language (``--language``, else the row's
``language``, else the one precis detects): precis loads it in that language, ROUGE scores it in
that language's tokens (:mod:`precis.evaluate.tokenize`; English exactly as before), sumy runs
with that language's stemmer, stop words and a tokenizer for any script (as
:mod:`peers_multilingual` does), and the oracle reads ROUGE's tokens; summa runs on English only.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import os
import platform
import sys
import time
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from peer_jobs import Job, document_job, one_blas_thread  # noqa: E402
from peers_report import plot_r1, speed_rows, to_markdown  # noqa: E402
from peers_scaling import SIZES, run_scaling  # noqa: E402
from splits import SPLITS, split_examples  # noqa: E402

from precis.evaluate.datasets import LONG_SETS, SUMMARIZATION_SETS, Example  # noqa: E402
from precis.evaluate.run import BUDGETS, DocResult, make_report  # noqa: E402

logger = logging.getLogger("compare_peers")

DATA_DIR = ROOT.parent / "shared" / "data"
RESULTS = ROOT / "bench" / "results"


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    methods = args.methods or _default_methods()
    if args.scaling:
        method = methods[0] if args.methods else _speed_method(methods)
        print(run_scaling(method, args.sizes, args.data_dir, args.out_dir))
        return 0
    budgets = BUDGETS if args.budget == "both" else (args.budget,)
    timeout = args.peer_timeout if args.peer_timeout > 0 else None
    long_limit = args.limit if args.long_limit is None else args.long_limit
    started = time.perf_counter()
    results = {}
    paths = args.files or [args.data_dir / f"{name}.jsonl" for name in args.sets]
    for path in paths:
        name = Path(path).stem
        limit = long_limit if name in LONG_SETS else args.limit
        examples = list(split_examples(Path(path), args.split, limit))
        if args.language:
            examples = [dataclasses.replace(e, language=args.language) for e in examples]
        results[name] = compare_set(name, examples, methods, budgets, args.workers, timeout)
    payload = {
        "command": "python bench/compare_peers.py "
        + " ".join(sys.argv[1:] if argv is None else argv),
        "split": args.split,
        "language": args.language,
        "limit": args.limit,
        "long_limit": long_limit,
        "long_sets": list(LONG_SETS),
        "peer_timeout": timeout,
        "methods": methods,
        "budgets": list(budgets),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "workers": args.workers,
        "wall_seconds": round(time.perf_counter() - started, 1),
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],  # a shared machine?
        "sets": results,
        "speed_method": _speed_method(methods),
        "speed": speed_rows(results, _speed_method(methods)),
    }
    args.out_dir.mkdir(parents=True, exist_ok=True)
    (args.out_dir / "compare_peers.json").write_text(json.dumps(payload, indent=1) + "\n")
    markdown = to_markdown(payload)
    (args.out_dir / "compare_peers.md").write_text(markdown)
    plot_r1(results, budgets, args.out_dir / "compare_peers.png")
    print(markdown)
    return 0


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument(
        "--sets", nargs="+", default=list(SUMMARIZATION_SETS), choices=SUMMARIZATION_SETS
    )
    p.add_argument(
        "--split",
        choices=SPLITS,
        default="report",
        help="rows by md5 of the id: tune (even), report (odd; default), all",
    )
    p.add_argument(
        "--files",
        type=Path,
        nargs="+",
        help="JSONL datasets to run instead of --sets (e.g. ../shared/data/multilingual/zh.jsonl)",
    )
    p.add_argument(
        "--language",
        help="ISO 639-1 code of every row (default: each row's language, else detected)",
    )
    p.add_argument("--limit", type=int, default=50, help="documents per set after the split")
    p.add_argument(
        "--long-limit",
        type=int,
        help=f"documents per long set ({', '.join(LONG_SETS)}; default: --limit)",
    )
    p.add_argument(
        "--peer-timeout",
        type=float,
        default=60.0,
        help="seconds one peer may rank one document before it is killed and counted as an "
        "error (default 60; 0: no limit, peers run in the worker itself)",
    )
    p.add_argument("--methods", nargs="+", help="precis methods (default: all registered)")
    p.add_argument("--budget", choices=("sentences", "words", "both"), default="both")
    p.add_argument("--data-dir", type=Path, default=DATA_DIR)
    p.add_argument("--out-dir", type=Path, default=RESULTS)
    p.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="processes over documents (default: CPUs); BLAS is one thread in each",
    )
    p.add_argument("--scaling", action="store_true", help="run the 10k..10M scaling study only")
    p.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    return p


def _default_methods() -> list[str]:
    from precis.registry import scorers

    return scorers.names()


def _speed_method(methods: Sequence[str]) -> str:
    return "auto" if "auto" in methods else methods[0]


def compare_set(
    name: str,
    examples: Sequence[Example],
    methods: Sequence[str],
    budgets: Sequence[str],
    workers: int,
    peer_timeout: float | None,
) -> dict[str, Any]:
    """Every system on ``examples`` of one set; reports by budget and system."""
    logger.info("%s: %d documents", name, len(examples))
    started = time.perf_counter()
    jobs: list[Job] = [(e, tuple(methods), tuple(budgets), peer_timeout) for e in examples]
    if workers > 1 and len(jobs) > 1:
        with ProcessPoolExecutor(min(workers, len(jobs)), initializer=one_blas_thread) as pool:
            outcomes = list(pool.map(document_job, jobs, chunksize=1))
    else:
        one_blas_thread()
        outcomes = [document_job(job) for job in jobs]
    load_errors: Counter[str] = Counter()
    per: dict[tuple[str, str], list[DocResult]] = {}
    errors: dict[str, Counter[str]] = {}
    load_seconds = 0.0
    for outcome in outcomes:
        if "load_error" in outcome:
            load_errors[outcome["load_error"]] += 1
            continue
        load_seconds += outcome["load_seconds"]
        for key, result in outcome["results"].items():
            per.setdefault(key, []).append(result)
        for system, code in outcome["errors"].items():
            errors.setdefault(system, Counter())[code] += 1
    loaded = len(examples) - sum(load_errors.values())
    reports: dict[str, dict[str, Any]] = {b: {} for b in budgets}
    for (system, budget), results in per.items():
        report = make_report(name, system, budget, results, errors.get(system, {}))
        reports[budget][system] = report.to_dict()
    wall = time.perf_counter() - started
    logger.info("%s: %.1f s; errors %s", name, wall, {s: dict(c) for s, c in errors.items()})
    return {
        "rows": len(examples),
        "documents": loaded,
        "load_errors": dict(load_errors),
        "load_seconds_per_doc": load_seconds / max(loaded, 1),
        "wall_seconds": round(wall, 1),
        "budgets": reports,
    }


if __name__ == "__main__":
    raise SystemExit(main())
