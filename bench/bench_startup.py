"""Start-up benchmark: wall time of ``precis text`` and ``precis summarize`` on a 2 KB file.

Issue 13, build item 7: ``precis text`` on a 2 KB file should take <= 0.6 s end to end (median of
5). Each command runs as a fresh subprocess (the console script, as a user types it), once to
warm the disk cache and the ``.pyc`` files, then ``--runs`` times; the table shows the median and
the minimum. The same commands also run with the glued-word step switched off
(``CleanOptions.split_glued_words=False``, no CLI flag exists, so a two-line runner sets it and
calls the same ``precis.cli.main``): the difference is the share of wordsegment's tables.

Input: ``bench/data/startup_2kb.txt``, the first 11 paragraphs (1,941 bytes) of the ``source``
of ``writer-0100558a5f714c8fbcf7f7dfe5b1b15b`` in shared/data/news_writer_summaries.jsonl
(CNN/DM article, Zhang et al. 2023 writer-summary release; see shared/data/MANIFEST.md).

Run: ``python bench/bench_startup.py [--runs 5] [--baseline-src DIR]``; ``--baseline-src`` also
times another checkout's ``src`` folder (e.g. ``git archive HEAD src | tar -x -C /tmp/before``)
with the same interpreter, interleaved with this checkout, for before/after figures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

_REPO = Path(__file__).resolve().parents[1]
_INPUT = _REPO / "bench" / "data" / "startup_2kb.txt"
_RESULT = _REPO / "bench" / "results" / "startup.json"
TARGET_S = 0.6  # issue 13 acceptance: precis text, median of 5

# The CLI with the glued-word step off: wraps the option builder, nothing else changes.
_NO_GLUED = """
import dataclasses, sys
import precis.cli as cli
load_options = cli._load_options
def no_glued(*args, **kwargs):
    options = load_options(*args, **kwargs)
    clean = dataclasses.replace(options.clean, split_glued_words=False)
    return dataclasses.replace(options, clean=clean)
cli._load_options = no_glued
sys.argv[0] = "precis"
cli.main()
"""


def commands(precis: str) -> list[tuple[str, list[str]]]:
    """(label, argv) for each timed command."""
    py = sys.executable
    text = str(_INPUT)
    return [
        ("python -c pass (interpreter floor)", [py, "-c", "pass"]),
        ("python -c 'import precis'", [py, "-c", "import precis"]),
        ("python -c 'import precis.cli'", [py, "-c", "import precis.cli"]),
        ("precis text FILE", [precis, "text", text]),
        ("precis text FILE (glued step off)", [py, "-c", _NO_GLUED, "text", text]),
        ("precis summarize FILE -n 3", [precis, "summarize", text, "--sentences", "3"]),
        (
            "precis summarize FILE -n 3 (glued step off)",
            [py, "-c", _NO_GLUED, "summarize", text, "--sentences", "3"],
        ),
    ]


def time_commands(
    argvs: list[list[str]], runs: int, envs: dict[str, dict[str, str]]
) -> dict[str, list[list[float]]]:
    """Wall seconds per variant and command: one warm-up, then ``runs`` rounds.

    Variants alternate inside each round, so a baseline and the checkout see the same machine
    load (this machine is shared; a sequential before/after comparison was off by 2x).
    """
    times: dict[str, list[list[float]]] = {name: [[] for _ in argvs] for name in envs}
    for k, argv in enumerate(argvs):
        for i in range(runs + 1):
            for name, env in envs.items():
                start = time.perf_counter()
                done = subprocess.run(argv, env=env, capture_output=True, check=False)
                elapsed = time.perf_counter() - start
                if done.returncode != 0:
                    err = done.stderr.decode(errors="replace")[-500:]
                    raise SystemExit(f"{name}: {argv} failed ({done.returncode}): {err}")
                if i:
                    times[name][k].append(elapsed)
    return times


def _env(src: Path | None) -> dict[str, str]:
    """The environment that imports precis from ``src`` (None: the installed checkout)."""
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), env.get("PYTHONPATH")]))
    return env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--baseline-src", type=Path, help="also time this src folder, interleaved (before/after)"
    )
    parser.add_argument("--output", type=Path, default=_RESULT)
    args = parser.parse_args(argv)
    envs = {"checkout": _env(None)}
    if args.baseline_src is not None:
        envs["baseline"] = _env(args.baseline_src.resolve())
    precis = shutil.which("precis", path=str(Path(sys.executable).parent)) or "precis"
    labelled = commands(precis)
    load = os.getloadavg()  # 1/5/15-minute load: the machine is shared, say how busy it was
    times = time_commands([argv for _, argv in labelled], args.runs, envs)
    rows: list[dict[str, Any]] = []
    header = "".join(f" {name + ' med':>13s} {'min':>6s}" for name in envs)
    print(f"{'command (seconds)':44s}{header}")
    for k, (label, _) in enumerate(labelled):
        row: dict[str, Any] = {"command": label}
        line = f"{label:44s}"
        for name in envs:
            runs = times[name][k]
            row[name] = {
                "median_s": round(statistics.median(runs), 4),
                "min_s": round(min(runs), 4),
                "runs_s": [round(t, 4) for t in runs],
            }
            line += f" {row[name]['median_s']:13.3f} {row[name]['min_s']:6.3f}"
        rows.append(row)
        print(line)
    text_median = next(
        r["checkout"]["median_s"] for r in rows if r["command"] == "precis text FILE"
    )
    verdict = "meets" if text_median <= TARGET_S else "misses"
    print(f"precis text median {text_median:.3f} s {verdict} the {TARGET_S} s target (issue 13)")
    report = {
        "input": str(_INPUT.relative_to(_REPO)),
        "input_bytes": _INPUT.stat().st_size,
        "runs": args.runs,
        "baseline_src": str(args.baseline_src) if args.baseline_src else None,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load_average_at_start": [round(x, 2) for x in load],
        "target_s": TARGET_S,
        "text_meets_target": text_median <= TARGET_S,
        "results": rows,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
