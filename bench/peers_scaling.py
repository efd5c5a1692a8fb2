"""Scaling study for ``compare_peers.py --scaling``: one precis method on 10k..10M characters.

Synthetic documents are real shared texts concatenated (deterministic). Each size runs in a fresh
interpreter (``python bench/peers_scaling.py SIZE METHOD DATA_DIR``), so ``ru_maxrss`` is the peak
of that size alone; the parent collects one JSON line per size.
"""

from __future__ import annotations

import json
import logging
import os
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from peers_report import plot_scaling, scaling_table

from precis.evaluate.datasets import read_dataset

logger = logging.getLogger(__name__)

SIZES = (10_000, 100_000, 1_000_000, 10_000_000)
# "ofthe" is glue-shaped, so the warm-up also loads the word tables, which the glued-word step
# loads only where a token looks glued (issue 13): the timed runs measure the work, not imports.
_WARM_TEXT = "The probe landed at dawn. Its camera found ice ofthe crater.\n\nThen it slept."


def run_scaling(method: str, sizes: Sequence[int], data_dir: Path, out_dir: Path) -> str:
    """Time every size in its own subprocess; write JSON and PNG; return a Markdown table."""
    rows = []
    for size in sizes:
        cmd = [sys.executable, __file__, str(size), method, str(data_dir)]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            logger.warning("size %d failed: %s", size, done.stderr.strip().splitlines()[-1:])
            continue
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        logger.info("%s", rows[-1])
    out_dir.mkdir(parents=True, exist_ok=True)
    payload = {
        "method": method,
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
        "rows": rows,
    }
    (out_dir / "compare_peers_scaling.json").write_text(json.dumps(payload, indent=1) + "\n")
    if rows:
        plot_scaling(rows, method, out_dir / "compare_peers_scaling.png")
    return scaling_table(rows)


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


def measure(size: int, method: str, data_dir: Path) -> dict[str, Any]:
    """Load and summarize one synthetic document of ``size`` characters (run in a fresh process)."""
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


if __name__ == "__main__":
    size, method, data_dir = sys.argv[1:4]
    print(json.dumps(measure(int(size), method, Path(data_dir))))
