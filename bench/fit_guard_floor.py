"""Fit the guard's summary floor on FRANK's development half; writes precis/data/guard_fit.json.

A summary that restates its source closely (FRANK's CNN/DM systems copy most of what they
write) errs where it stops copying: a sentence supported far less than the rest of its summary
is the likeliest invention. The guard marks it unsupported when the summary's mean support
score is at least ``level`` and the sentence scores more than ``margin`` below that mean
(:func:`precis.abstractive.guard.below_summary_floor`). The two numbers are chosen here on
``../shared/data/frank_guard`` (FRANK's development half, the only FRANK labels precis may fit
on; see its MANIFEST.md) on a coarse grid: the pair that maximises the mean of the CNN/DM and
XSum sentence-level balanced accuracies while at most 10% of supported sentences are flagged
in each, the bound issue 16 sets (where the other checks already flag more, as on XSum, the
floor may add no flag there).

    python bench/fit_guard_floor.py      # rewrites src/precis/data/guard_fit.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from bench_frank import DATA, _rates  # noqa: E402

from precis.abstractive.guard import Guard, GuardOptions  # noqa: E402
from precis.api import load_text  # noqa: E402

OUT = ROOT / "src" / "precis" / "data" / "guard_fit.json"
LEVELS = (0.5, 0.6, 0.7, 0.8, 0.9)
MARGINS = (0.05, 0.1, 0.15, 0.2, 0.3)
CAPS = (0.6, 0.7, 0.8, 1.0)  # the floor never above this: a sentence scored 0.82 is well supported
MAX_FLAGGED = 0.10


def summaries(data: Path) -> list[tuple[str, list[dict[str, Any]]]]:
    """Each labelled summary's sentences, in order: (source, rows)."""
    rows = [json.loads(line) for line in (data / "frank_guard_sentences.jsonl").open()]
    grouped: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[(row["dataset"], row["article_id"], row["system"])].append(row)
    return [
        (group[0]["source"], sorted(group, key=lambda r: r["sentence_index"]))
        for group in grouped.values()
    ]


def verdicts(data: Path) -> list[tuple[str, bool, bool, float, float]]:
    """Per labelled sentence without the floor: dataset, unsupported label, flagged by the
    other checks, score, and its summary's mean score."""
    options = GuardOptions(summary_floor=False)
    guards: dict[str, Guard] = {}
    out = []
    for source, rows in summaries(data):
        guard = guards.get(source) or guards.setdefault(source, Guard(load_text(source), options))
        checks = guard.check([r["sentence"] for r in rows]).sentences
        mean = sum(c.score for c in checks) / len(checks) if len(checks) > 1 else -1.0
        for row, c in zip(rows, checks, strict=True):
            out.append(
                (row["dataset"], row["label"] == "unsupported", not c.supported, c.score, mean)
            )
    return out


def rates(rows, level: float, margin: float, cap: float = 1.0) -> dict[str, dict[str, Any]]:
    """Per dataset, the sentence rates with the floor at ``level`` and ``margin`` (as
    ``bench/bench_frank.py`` reports them)."""
    report = {}
    for dataset in ("cnndm", "xsum"):
        report[dataset] = _rates(
            [
                (unsupported, flagged or (mean >= level and score < min(mean - margin, cap)))
                for name, unsupported, flagged, score, mean in rows
                if name == dataset
            ]
        )
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    rows = verdicts(args.data)
    before = rates(rows, 2.0, 0.0)  # a level no mean reaches: the floor off
    # the bound holds where the other checks keep it (XSum's supported sentences are flagged
    # 20.6% of the time without the floor): there the floor may flag no more than they do
    bound = {d: max(MAX_FLAGGED, before[d]["supported_flagged"]) for d in before}
    grid = []
    for level in LEVELS:
        for margin in MARGINS:
            for cap in CAPS:
                r = rates(rows, level, margin, cap)
                ok = all(r[d]["supported_flagged"] <= bound[d] for d in r)
                mean_bacc = (r["cnndm"]["balanced_accuracy"] + r["xsum"]["balanced_accuracy"]) / 2
                grid.append(
                    {
                        "level": level,
                        "margin": margin,
                        "cap": cap,
                        "within_bound": ok,
                        "mean_balanced_accuracy": round(mean_bacc, 4),
                        **r,
                    }
                )
    eligible = [g for g in grid if g["within_bound"]]
    best = max(eligible, key=lambda g: (g["mean_balanced_accuracy"], g["margin"]))
    digest = hashlib.sha256((args.data / "frank_guard_sentences.jsonl").read_bytes()).hexdigest()
    payload = {
        "level": best["level"],
        "margin": best["margin"],
        "cap": best["cap"],
        "fitted_on": f"frank_guard_sentences.jsonl sha256 {digest}",
        "objective": "mean of CNN/DM and XSum sentence balanced accuracy, supported flagged <= 10% each",
        "without_floor": before,
        "with_floor": {d: best[d] for d in ("cnndm", "xsum")},
    }
    args.out.write_text(json.dumps(payload, indent=2) + "\n")
    print(json.dumps(payload, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
