"""Seconds per cleaning step on the scaling bench's 10M-character text (issue 13: no step slower).

The text is ``peers_scaling.synthetic_text`` (shared stories, papers and news concatenated), read
as plain text, as ``compare_peers.py --scaling`` reads it. Each step of the repair pipeline is
timed by wrapping the step functions ``precis.clean.pipeline._stages`` returns, so the same
script times another checkout too (``PYTHONPATH=/tmp/old/src``) for a before/after table.

    python bench/bench_clean_steps.py [--size 10000000] [--runs 2] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from peers_scaling import synthetic_text  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def time_steps(text: str) -> dict[str, float]:
    """Clean ``text`` once; return seconds per step name (summed over rounds)."""
    from precis.clean import pipeline
    from precis.ingest.text import extract_text
    from precis.options import CleanOptions

    seconds: dict[str, float] = defaultdict(float)
    original = pipeline._stages

    def timed_stages(extraction, options):  # noqa: ANN001, ANN202
        groups = original(extraction, options)
        out = []
        for group in groups:
            wrapped = []
            for name, step in group:

                def run(t: str, _step=step, _name=name):  # noqa: ANN001, ANN202
                    t0 = time.perf_counter()
                    edits = _step(t)
                    seconds[_name] += time.perf_counter() - t0
                    return edits

                wrapped.append((name, run))
            out.append(wrapped)
        return out

    pipeline._stages = timed_stages
    try:
        extraction = extract_text(text)
        t0 = time.perf_counter()
        pipeline.clean(extraction, CleanOptions())
        seconds["total clean"] = time.perf_counter() - t0
    finally:
        pipeline._stages = original
    return dict(seconds)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=2, help="best of this many runs per step")
    parser.add_argument("--data-dir", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "clean_steps.json")
    args = parser.parse_args(argv)
    text = synthetic_text(args.size, args.data_dir)
    runs = [time_steps(text) for _ in range(args.runs)]
    best = {name: min(r.get(name, float("inf")) for r in runs) for name in runs[0]}
    import precis

    result = {"size": len(text), "precis": str(Path(precis.__file__).parent), "seconds": best}
    for name, sec in sorted(best.items(), key=lambda kv: -kv[1]):
        print(f"{name:16} {sec:8.2f} s")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return result


if __name__ == "__main__":
    main()
