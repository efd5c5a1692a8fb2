"""Ranking speed of precis's extractive methods against sumy's LexRank (issue 3).

Every document is loaded once with precis; each precis method ranks it with
:func:`precis.extractive.engine.ranked` (features, scores, MMR and filters: everything after
loading), and sumy's LexRank ranks the *same* sentence texts through ``bench/peers.py``. Times
are CPU ms per document (``time.process_time``: the process's own time, so other work on a
shared machine does not count), the best of ``--repeat`` passes over each set; wall-clock ms
are kept in the JSON too. Both sides run on one thread, except LAPACK inside ``lsa``, whose
OpenBLAS helper threads spin (and count) on a busy machine. Issue 3's acceptance: ``auto`` at
least 20x faster per document than sumy's LexRank, and a 1M-character document summarized end
to end (wall clock; :func:`precis.api.summarize` on the raw bytes: load, clean, segment,
score, select) in under 3 s. A second table gives the floor under every lexical method: the
CPU time to tokenize and stem a document, and to build its TF-IDF cosine graph, against the
time budget that 20x leaves (issue 3: on abstracts the graph alone costs more than that).

    python bench/bench_extractive_speed.py                       # five sets, 50 docs each
    python bench/bench_extractive_speed.py --sets cnndm_test --limit 20 --methods auto lead

Results: a table on stdout and ``bench/results/extractive_speed.json``.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import peers  # noqa: E402

from precis.api import load_text, summarize  # noqa: E402
from precis.document import Document  # noqa: E402
from precis.evaluate.datasets import read_dataset  # noqa: E402
from precis.evaluate.run import load_example  # noqa: E402
from precis.extractive.engine import ranked  # noqa: E402
from precis.extractive.features import Features  # noqa: E402
from precis.options import SummarizeOptions  # noqa: E402
from precis.registry import scorers  # noqa: E402

logger = logging.getLogger("bench_extractive_speed")

SETS = (
    "cnndm_test",
    "xsum_test_frank",
    "scisummnet_acl",
    "squality_stories",
    "scitldr_abstract_test",
)
PEER = "sumy-lexrank"
TARGET_SPEEDUP = 20.0
LONG_CHARS = 1_000_000
LONG_LIMIT_S = 3.0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    methods = args.methods or ["auto", *[m for m in scorers.names() if m != "auto"]]
    peer = _peer()
    rows = []
    for name in args.sets:
        docs = [
            load_example(e) for e in read_dataset(args.data_dir / f"{name}.jsonl", limit=args.limit)
        ]
        docs = [d for d in docs if d.sentences]
        row = time_set(name, docs, methods, peer, args.repeat)
        rows.append(row)
        logger.info("%s done", name)
    long_row = time_long(args.data_dir, args.long_chars)
    payload = {
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "peer": PEER,
        "repeat": args.repeat,
        "limit": args.limit,
        "sets": rows,
        "long_document": long_row,
    }
    _print_table(rows, methods, long_row)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(payload, indent=1) + "\n")
    logger.info("wrote %s", args.out)
    return 0


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--sets", nargs="+", default=list(SETS))
    p.add_argument("--limit", type=int, default=50, help="documents per set")
    p.add_argument("--methods", nargs="+", help="precis methods (default: all, auto first)")
    p.add_argument("--repeat", type=int, default=3, help="passes per set; the best is kept")
    p.add_argument("--long-chars", type=int, default=LONG_CHARS)
    p.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data")
    p.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "extractive_speed.json")
    return p.parse_args(argv)


def _peer() -> Callable[[Sequence[str]], list[int]] | None:
    """sumy's LexRank ranker, or None (with a warning) when sumy is not installed."""
    import importlib.util

    if importlib.util.find_spec("sumy") is None:
        logger.warning("sumy is not installed: no peer timings")
        return None
    return peers.sumy_ranker(PEER)


def best_ms_per_doc(
    run: Callable[[Any], object], items: Sequence[Any], repeat: int
) -> tuple[float, float]:
    """Best mean CPU and wall milliseconds per item over ``repeat`` passes (after a warm-up)."""
    if not items:
        return float("nan"), float("nan")
    run(items[0])
    cpu = wall = float("inf")
    for _ in range(max(repeat, 1)):
        started, started_cpu = time.perf_counter(), time.process_time()
        for item in items:
            run(item)
        cpu = min(cpu, time.process_time() - started_cpu)
        wall = min(wall, time.perf_counter() - started)
    return 1000.0 * cpu / len(items), 1000.0 * wall / len(items)


def time_set(
    name: str,
    docs: Sequence[Document],
    methods: Sequence[str],
    peer: Callable[[Sequence[str]], list[int]] | None,
    repeat: int,
) -> dict[str, Any]:
    """ms/doc of every method and of the peer on one set's documents."""
    ms, wall = {}, {}
    for m in methods:
        options = SummarizeOptions(method=m)
        ms[m], wall[m] = best_ms_per_doc(lambda d, o=options: ranked(d, o), docs, repeat)
    floor = {  # the work every lexical method needs before it can score anything
        "tokens": best_ms_per_doc(lambda d: Features(d).tokens, docs, repeat)[0],
        "tfidf_graph": best_ms_per_doc(_tfidf_graph, docs, repeat)[0],
    }
    peer_ms = peer_wall = None
    if peer is not None:
        texts = [[s.text for s in d.sentences] for d in docs]
        peer_ms, peer_wall = best_ms_per_doc(peer, texts, repeat)
    return {
        "set": name,
        "docs": len(docs),
        "mean_sentences": sum(len(d.sentences) for d in docs) / max(len(docs), 1),
        "cpu_ms_per_doc": ms,
        "wall_ms_per_doc": wall,
        "floor_cpu_ms_per_doc": floor,
        "peer_cpu_ms_per_doc": peer_ms,
        "peer_wall_ms_per_doc": peer_wall,
        "speedup_vs_peer": {m: peer_ms / v for m, v in ms.items()} if peer_ms else None,
    }


def _tfidf_graph(doc: Document) -> object:
    """Tokens, stems, TF-IDF and the sentence cosine graph of a fresh :class:`Features`."""
    features = Features(doc)
    return features.cosine_array if features.dense else features.cosine


def long_text(data_dir: Path, size: int) -> str:
    """``size`` characters of real prose, the same text as the scaling study's."""
    from peers_scaling import synthetic_text

    return synthetic_text(size, data_dir)


def time_long(data_dir: Path, size: int) -> dict[str, Any]:
    """End-to-end ``summarize`` of one long document (raw bytes in, summary out), best of two."""
    text = long_text(data_dir, size)
    summarize(load_text(text[:5000]))  # imports and caches
    best = float("inf")
    for _ in range(2):
        started = time.perf_counter()
        summary = summarize(text.encode("utf-8"), SummarizeOptions(method="auto"))
        best = min(best, time.perf_counter() - started)
    load_s = min(_timed(lambda: load_text(text)) for _ in range(2))
    return {
        "chars": len(text),
        "sentences_chosen": len(summary.sentences),
        "total_s": best,
        "load_s": load_s,
        "limit_s": LONG_LIMIT_S,
    }


def _timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def _print_table(rows: Sequence[dict[str, Any]], methods: Sequence[str], long_row: dict) -> None:
    """CPU ms/doc per set and method, then sumy's and the speedup of auto, lead, lexrank."""
    shown = [m for m in ("auto", "lead", "lexrank") if m in methods]
    head = ["set", "docs", "sents", *methods, PEER, *[f"x {m}" for m in shown]]
    lines = [" | ".join(head), " | ".join("---" for _ in head)]
    for row in rows:
        ms = row["cpu_ms_per_doc"]
        speed = row["speedup_vs_peer"] or {}
        cells = [row["set"], str(row["docs"]), f"{row['mean_sentences']:.0f}"]
        cells += [f"{ms[m]:.2f}" for m in methods]
        peer = row["peer_cpu_ms_per_doc"]
        cells.append(f"{peer:.2f}" if peer else "-")
        cells += [f"{speed[m]:.1f}" if m in speed else "-" for m in shown]
        lines.append(" | ".join(cells))
    print(
        f"CPU ms per document (ranking only), and speedup over {PEER} (target {TARGET_SPEEDUP:g}x)"
    )
    print("\n".join(lines))
    print(
        f"\nThe floor: CPU ms per document before any scoring, against the {TARGET_SPEEDUP:g}x budget"
    )
    print("set | tokenize + stem | + TF-IDF cosine graph | budget (peer / 20)")
    print("--- | --- | --- | ---")
    for row in rows:
        floor, peer = row["floor_cpu_ms_per_doc"], row["peer_cpu_ms_per_doc"]
        budget = f"{peer / TARGET_SPEEDUP:.3f}" if peer else "-"
        print(f"{row['set']} | {floor['tokens']:.3f} | {floor['tfidf_graph']:.3f} | {budget}")
    print(
        f"\n{long_row['chars']:,} characters end to end: {long_row['total_s']:.2f} s "
        f"(load {long_row['load_s']:.2f} s; limit {LONG_LIMIT_S:.0f} s)"
    )


if __name__ == "__main__":
    raise SystemExit(main())
