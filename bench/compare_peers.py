"""precis against its peers, side by side: same documents, same sentences, same run (issue 3).

Every document is loaded once with precis; every system (precis methods, Lead-K, the greedy
ROUGE oracle, sumy's six summarizers, summa's TextRank) ranks the *same* precis sentences once;
both budgets are then applied identically (:func:`precis.evaluate.run.choose`):

- ``sentences``: K = number of reference sentences;
- ``words``: the reference's word count, best-ranked sentences first, the last one cut.

ROUGE-1/2/L/Lsum F1 (rouge-score, stemming on, one sentence per line) and seconds per document
(ranking only; precis's load time is reported separately) go to ``bench/results/
compare_peers.{md,json,png}``. ``--scaling`` instead times one precis method on synthetic
documents of 10k..10M characters (real shared texts concatenated), each size in a fresh
subprocess so that peak RSS is per size, and writes ``compare_peers_scaling.{json,png}``.

    python bench/compare_peers.py                      # all six sets, 50 docs each, both budgets
    python bench/compare_peers.py --sets cnndm_test --limit 20 --methods lead auto
    python bench/compare_peers.py --scaling --methods auto
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import platform
import resource
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import peers  # noqa: E402

from precis.errors import PrecisError  # noqa: E402
from precis.evaluate.datasets import (  # noqa: E402
    LONG_SETS,
    SUMMARIZATION_SETS,
    Example,
    read_dataset,
)
from precis.evaluate.rouge import rouge  # noqa: E402
from precis.evaluate.run import (  # noqa: E402
    BUDGETS,
    DocResult,
    choose,
    load_example,
    make_report,
    precis_ranker,
)

logger = logging.getLogger("compare_peers")

SETS = SUMMARIZATION_SETS
DATA_DIR = ROOT.parent / "shared" / "data"
RESULTS = ROOT / "bench" / "results"
SCALING_SIZES = (10_000, 100_000, 1_000_000, 10_000_000)
ROUGE_COLUMNS = (("R1", "rouge1"), ("R2", "rouge2"), ("RL", "rougeL"), ("RLsum", "rougeLsum"))


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    methods = args.methods or _default_methods()
    if args.scaling_child is not None:
        print(json.dumps(_scaling_child(args.scaling_child, methods[0], args.data_dir)))
        return 0
    if args.scaling:
        return _run_scaling(methods[0] if args.methods else _speed_method(methods), args)
    budgets = BUDGETS if args.budget == "both" else (args.budget,)
    started = time.perf_counter()
    results = {
        name: compare_set(
            args.data_dir / f"{name}.jsonl",
            methods,
            budgets,
            args.long_limit if name in LONG_SETS else args.limit,
            args.workers,
        )
        for name in args.sets
    }
    payload = {
        "command": "python bench/compare_peers.py " + " ".join(argv if argv else sys.argv[1:]),
        "limit": args.limit,
        "long_limit": args.long_limit,
        "methods": methods,
        "budgets": list(budgets),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "wall_seconds": round(time.perf_counter() - started, 1),
        "sets": results,
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
    p.add_argument("--sets", nargs="+", default=list(SETS), choices=SETS)
    p.add_argument("--limit", type=int, default=50, help="documents per set (default 50)")
    p.add_argument(
        "--long-limit",
        type=int,
        default=10,
        help=f"documents per long set ({', '.join(LONG_SETS)}; default 10: sumy's KL "
        "takes ~30 s on one story)",
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
    p.add_argument("--sizes", type=int, nargs="+", default=list(SCALING_SIZES))
    p.add_argument("--scaling-child", type=int, help=argparse.SUPPRESS)
    return p


def _default_methods() -> list[str]:
    from precis.registry import scorers

    return scorers.names()


def _speed_method(methods: Sequence[str]) -> str:
    return "auto" if "auto" in methods else methods[0]


# --- ROUGE comparison ---------------------------------------------------------------------------


def compare_set(
    path: Path, methods: Sequence[str], budgets: Sequence[str], limit: int, workers: int
) -> dict[str, Any]:
    """Every system on the first ``limit`` documents of one set; reports by budget and system."""
    examples = list(read_dataset(path, limit))
    logger.info("%s: %d documents", path.stem, len(examples))
    jobs = [(e, tuple(methods), tuple(budgets)) for e in examples]
    if workers > 1 and len(jobs) > 1:
        with ProcessPoolExecutor(min(workers, len(jobs)), initializer=_one_blas_thread) as pool:
            outcomes = list(pool.map(_document_job, jobs, chunksize=1))
    else:
        outcomes = [_document_job(job) for job in jobs]
    load_errors: Counter[str] = Counter()
    per: dict[tuple[str, str], list[DocResult]] = {}
    errors: dict[str, Counter[str]] = {}
    load_seconds = 0.0
    for outcome in outcomes:
        if "load_error" in outcome:
            load_errors[outcome["load_error"]] += 1
            continue
        load_seconds += outcome["load_seconds"]
        for (system, budget), result in outcome["results"].items():
            per.setdefault((system, budget), []).append(result)
        for system, code in outcome["errors"].items():
            errors.setdefault(system, Counter())[code] += 1
    loaded = len(examples) - sum(load_errors.values())
    reports: dict[str, dict[str, Any]] = {b: {} for b in budgets}
    for (system, budget), results in per.items():
        report = make_report(path.stem, system, budget, results, errors.get(system, {}))
        reports[budget][system] = report.to_dict()
    return {
        "rows": len(examples),
        "documents": loaded,
        "load_errors": dict(load_errors),
        "load_seconds_per_doc": load_seconds / max(loaded, 1),
        "budgets": reports,
    }


def _one_blas_thread() -> None:
    """Every worker single-threaded, so systems are timed alike and workers do not contend."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return
    threadpool_limits(1)


def _document_job(job: tuple[Example, tuple[str, ...], tuple[str, ...]]) -> dict[str, Any]:
    """Load one document, rank it with every system once, score every budget."""
    example, methods, budgets = job
    _warm_up(methods)
    started = time.perf_counter()
    try:
        doc = load_example(example)
    except PrecisError as exc:
        return {"load_error": exc.code}
    load_seconds = time.perf_counter() - started
    texts = [s.text for s in doc.sentences]
    reference = example.reference_sentences
    systems = _systems(methods)
    results: dict[tuple[str, str], DocResult] = {}
    errors: dict[str, str] = {}
    for name, rank in systems.items():
        started = time.perf_counter()
        try:
            ranking = rank(doc, example) if name.startswith("precis-") else rank(texts, reference)
        except Exception as exc:  # a peer or a method in progress failing must not stop the run
            logger.warning("%s failed on %s: %s", name, example.id, type(exc).__name__)
            errors[name], ranking = type(exc).__name__, []  # scored as an empty summary
        seconds = time.perf_counter() - started
        for budget in budgets:
            summary = choose(
                texts, ranking, budget=budget, k=len(reference), words=example.reference_words
            )
            results[(name, budget)] = DocResult(
                example.id, summary, rouge(summary, reference), seconds
            )
    return {"results": results, "errors": errors, "load_seconds": load_seconds}


_PRECIS_RANKERS: dict[str, Any] = {}
_WARM: set[tuple[str, ...]] = set()
_WARM_TEXT = (
    "Mars was quiet that night. The crew of the survey ship watched the red dunes. "
    "Nobody spoke about the jewel. The captain checked the instruments twice.\n\n"
    "At dawn the storm came. The dunes moved and the ship shook. The jewel glowed."
)


def _warm_up(methods: tuple[str, ...]) -> None:
    """Run every system once per process, so lazy imports are not timed on the first document."""
    if methods in _WARM:
        return
    _WARM.add(methods)
    example = Example("warm-up", _WARM_TEXT, ("The crew saw the jewel.",))
    _document_job_untimed(example, methods)


def _document_job_untimed(example: Example, methods: tuple[str, ...]) -> None:
    doc = load_example(example)
    texts = [s.text for s in doc.sentences]
    for name, rank in _systems(methods).items():
        try:
            rank(doc, example) if name.startswith("precis-") else rank(texts, ["x"])
        except Exception:  # noqa: S110 - failures are reported by the timed run
            pass


def _systems(methods: Sequence[str]) -> dict[str, Any]:
    """precis methods (as ``precis-<name>``) then every installed peer."""
    systems: dict[str, Any] = {f"precis-{m}": _precis(m) for m in methods}
    systems.update(peers.peer_rankers())
    return systems


def _precis(method: str) -> Any:
    if method not in _PRECIS_RANKERS:
        _PRECIS_RANKERS[method] = precis_ranker(method)
    return _PRECIS_RANKERS[method]


def speed_rows(results: dict[str, Any], method: str) -> list[dict[str, Any]]:
    """precis ``method`` (load + rank) against sumy LexRank (rank only) per set."""
    rows = []
    for name, data in results.items():
        budget = next(iter(data["budgets"].values()), {})
        ours, theirs = budget.get(f"precis-{method}"), budget.get("sumy-lexrank")
        if not ours or not theirs:
            continue
        total = ours["seconds_per_doc"] + data["load_seconds_per_doc"]
        rows.append(
            {
                "set": name,
                "documents": data["documents"],
                "precis_rank_s": ours["seconds_per_doc"],
                "precis_load_plus_rank_s": total,
                "sumy_lexrank_s": theirs["seconds_per_doc"],
                "speedup_rank_only": theirs["seconds_per_doc"] / max(ours["seconds_per_doc"], 1e-9),
                "speedup_with_load": theirs["seconds_per_doc"] / max(total, 1e-9),
            }
        )
    return rows


def to_markdown(payload: dict[str, Any]) -> str:
    """One table per set and budget (F1 x 100), the best non-oracle figure of each column bold."""
    out = [
        "# precis vs peers (ROUGE F1 x 100, rouge-score, stemming on, one sentence per line)",
        "",
        f"`{payload['command']}` on {payload['machine']}; wall {payload['wall_seconds']} s. "
        f"Data: `../shared/data` development portion, first {payload['limit']} rows of each file "
        f"({payload['long_limit']} for {' and '.join(LONG_SETS)}). "
        "Every system ranks the same precis sentences; sec/doc times the ranking only "
        "(precis's load time is listed per set). `oracle` reads the reference: an upper bound.",
    ]
    for name, data in payload["sets"].items():
        for budget, systems in data["budgets"].items():
            out += [
                "",
                f"## {name}.jsonl, {budget} budget ({data['documents']} of {data['rows']} "
                f"rows loaded; load {data['load_seconds_per_doc']:.4f} s/doc)",
                "",
            ]
            out += _table(systems)
    if payload.get("speed"):
        out += [
            "",
            f"## Speed: precis-{_speed_method(payload['methods'])} vs sumy LexRank",
            "",
            "| set | docs | precis rank s/doc | precis load+rank s/doc | sumy-lexrank s/doc "
            "| speed-up (rank) | speed-up (with load) |",
            "|---|---|---|---|---|---|---|",
        ]
        for r in payload["speed"]:
            out.append(
                f"| {r['set']} | {r['documents']} | {r['precis_rank_s']:.4f} | "
                f"{r['precis_load_plus_rank_s']:.4f} | {r['sumy_lexrank_s']:.4f} | "
                f"{r['speedup_rank_only']:.0f}x | {r['speedup_with_load']:.1f}x |"
            )
    return "\n".join(out) + "\n"


def _table(systems: dict[str, Any]) -> list[str]:
    best = {
        key: max(
            (s["rouge"]["mean"][key]["f1"] for n, s in systems.items() if n != "oracle"),
            default=None,
        )
        for _, key in ROUGE_COLUMNS
    }
    lines = [
        "| system | " + " | ".join(c for c, _ in ROUGE_COLUMNS) + " | sec/doc | errors |",
        "|---|" + "---|" * (len(ROUGE_COLUMNS) + 2),
    ]
    for name, s in sorted(systems.items(), key=lambda kv: -kv[1]["rouge"]["mean"]["rouge1"]["f1"]):
        cells = []
        for _, key in ROUGE_COLUMNS:
            value = s["rouge"]["mean"][key]["f1"]
            text = f"{100 * value:.2f}"
            cells.append(f"**{text}**" if name != "oracle" and value == best[key] else text)
        errors = sum(s["errors"].values())
        lines.append(
            f"| {name} | " + " | ".join(cells) + f" | {s['seconds_per_doc']:.4f} | {errors} |"
        )
    return lines


def plot_r1(results: dict[str, Any], budgets: Sequence[str], path: Path) -> None:
    """Grouped bars: ROUGE-1 F1 per system per set, one panel per budget."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sets = list(results)
    systems = sorted({s for d in results.values() for b in d["budgets"].values() for s in b})
    fig, axes = plt.subplots(
        len(budgets), 1, figsize=(max(10, 1.6 * len(sets) + 4), 4.5 * len(budgets)), squeeze=False
    )
    width = 0.8 / max(len(systems), 1)
    cmap = plt.get_cmap("tab20")
    for ax, budget in zip(axes[:, 0], budgets, strict=True):
        for j, system in enumerate(systems):
            values = [
                100
                * results[s]["budgets"]
                .get(budget, {})
                .get(system, {})
                .get("rouge", {})
                .get("mean", {})
                .get("rouge1", {})
                .get("f1", math.nan)
                for s in sets
            ]
            ax.bar(
                [i + j * width for i in range(len(sets))],
                values,
                width,
                label=system,
                color=cmap(j % 20),
                hatch="//" if system == "oracle" else None,
            )
        ax.set_xticks([i + 0.4 - width / 2 for i in range(len(sets))], sets, fontsize=8)
        ax.set_ylabel("ROUGE-1 F1")
        ax.set_title(f"{budget} budget")
    axes[0, 0].legend(fontsize=7, ncol=4, loc="upper right")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


# --- scaling ------------------------------------------------------------------------------------


def _run_scaling(method: str, args: argparse.Namespace) -> int:
    """Each size in a fresh interpreter, so ru_maxrss is the peak of that size alone."""
    rows = []
    for size in args.sizes:
        cmd = [
            sys.executable,
            __file__,
            "--scaling-child",
            str(size),
            "--methods",
            method,
            "--data-dir",
            str(args.data_dir),
        ]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            logger.warning("size %d failed: %s", size, done.stderr.strip().splitlines()[-1:])
            continue
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        logger.info("%s", rows[-1])
    args.out_dir.mkdir(parents=True, exist_ok=True)
    payload = {
        "method": method,
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
        "rows": rows,
    }
    (args.out_dir / "compare_peers_scaling.json").write_text(json.dumps(payload, indent=1) + "\n")
    if rows:
        plot_scaling(rows, method, args.out_dir / "compare_peers_scaling.png")
    header = (
        "| chars | sentences | load s | summarize s | total s | peak RSS MB | baseline RSS MB |"
    )
    print(header + "\n|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['chars']:,} | {r['sentences']:,} | {r['load_s']:.3f} | {r['summarize_s']:.3f} | "
            f"{r['total_s']:.3f} | {r['peak_rss_mb']:.0f} | {r['baseline_rss_mb']:.0f} |"
        )
    return 0


def synthetic_text(size: int, data_dir: Path) -> str:
    """``size`` characters of real prose: shared long documents concatenated, deterministic."""
    parts: list[str] = []
    total = 0
    for name in ("squality_stories", "scisummnet_acl", "cnndm_test"):
        for example in read_dataset(data_dir / f"{name}.jsonl"):
            parts.append(example.source)
            total += len(example.source) + 2
            if total >= size:
                return "\n\n".join(parts)[:size]
    raise SystemExit(f"not enough shared text for {size} characters")


def _scaling_child(size: int, method: str, data_dir: Path) -> dict[str, Any]:
    from precis.api import load_text, summarize
    from precis.options import SummarizeOptions

    summarize(load_text(_WARM_TEXT), SummarizeOptions(method=method, sentences=2))  # imports
    text = synthetic_text(size, data_dir)
    baseline = _peak_rss_mb()
    started = time.perf_counter()
    doc = load_text(text)
    loaded = time.perf_counter()
    summarize(doc, SummarizeOptions(method=method, sentences=10))
    done = time.perf_counter()
    return {
        "chars": len(text),
        "sentences": len(doc.sentences),
        "method": method,
        "load_s": loaded - started,
        "summarize_s": done - loaded,
        "total_s": done - started,
        "peak_rss_mb": _peak_rss_mb(),
        "baseline_rss_mb": baseline,
    }


def _peak_rss_mb() -> float:
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale


def plot_scaling(rows: Sequence[dict[str, Any]], method: str, path: Path) -> None:
    """Log-log seconds against characters, with an n log n line through the smallest size."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    n = [r["chars"] for r in rows]
    fig, ax = plt.subplots(figsize=(6.5, 4.5))
    ax.loglog(n, [r["total_s"] for r in rows], "o-", label=f"precis {method}: load + summarize")
    ax.loglog(n, [r["summarize_s"] for r in rows], "s--", label="summarize only")
    n0, t0 = n[0], rows[0]["total_s"]
    ax.loglog(
        n,
        [t0 * (x * math.log(x)) / (n0 * math.log(n0)) for x in n],
        ":",
        color="grey",
        label="n log n (through the smallest)",
    )
    ax.set_xlabel("document characters")
    ax.set_ylabel("seconds")
    ax.legend(fontsize=8)
    ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


if __name__ == "__main__":
    raise SystemExit(main())
