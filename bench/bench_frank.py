"""The guard against human labels on real system summaries: FRANK's development half (issue 16).

``bench/bench_guard.py`` measures the guard on errors injected into good sentences. Real models
err differently, so this script runs the default offline guard (the checker behind ``precis
check`` and ``--guard drop``) on ``../shared/data/frank_guard`` (see its MANIFEST.md: FRANK,
Pagnoni et al. 2021, nine systems' CNN/DM and XSum summaries, each sentence judged by three
annotators) and reports, per dataset and overall:

* sentence level: unsupported sentences caught, supported ones flagged, balanced accuracy, and
  ROC AUC of the alignment score (how well the score alone ranks supported above unsupported);
* summary level: a summary is flagged when any of its sentences is (its sentences split by
  precis, as ``precis check`` splits them), against the summary's label;
* recall per majority error type (RelE, EntE, CircE, OutE, GramE, CorefE, LinkE);
* sentences per second, one guard built per article and reused for all its summaries.

    python bench/bench_frank.py          # writes bench/results/frank.json
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from precis.abstractive.guard import Guard  # noqa: E402
from precis.api import load_text  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "frank_guard"
OUT = ROOT / "bench" / "results" / "frank.json"
SETS = ("cnndm", "xsum", "all")


def _rates(pairs: list[tuple[bool, bool]]) -> dict[str, Any]:
    """(unsupported label, flagged) pairs -> caught, flagged-supported, balanced accuracy."""
    bad = [flagged for unsupported, flagged in pairs if unsupported]
    good = [flagged for unsupported, flagged in pairs if not unsupported]
    caught = sum(bad) / len(bad) if bad else None
    false = sum(good) / len(good) if good else None
    balanced = (caught + 1 - false) / 2 if caught is not None and false is not None else None
    return {
        "unsupported": len(bad),
        "supported": len(good),
        "caught": None if caught is None else round(caught, 3),
        "supported_flagged": None if false is None else round(false, 3),
        "balanced_accuracy": None if balanced is None else round(balanced, 3),
    }


def _auc(labels: list[bool], scores: list[float]) -> float | None:
    """ROC AUC of the score for telling supported (True) from unsupported sentences."""
    if len(set(labels)) < 2:
        return None
    from sklearn.metrics import roc_auc_score

    return round(float(roc_auc_score(labels, scores)), 3)


def run(data: Path, verdicts_out: Path | None = None) -> dict[str, Any]:
    sentences = [json.loads(line) for line in (data / "frank_guard_sentences.jsonl").open()]
    summaries = [json.loads(line) for line in (data / "frank_guard_summaries.jsonl").open()]
    # a summary's labelled sentences are checked together, as one summary (the guard's floor
    # compares a sentence with the rest of its summary); the guard is built once per article
    by_summary: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in sentences:
        by_summary[(row["dataset"], row["article_id"], row["system"])].append(row)
    guards: dict[str, Guard] = {}
    started = time.perf_counter()
    checked = 0
    sentence_rows = []
    reasons: list[list[str]] = []  # per sentence row: why it was flagged (for --verdicts)
    for rows in by_summary.values():
        rows.sort(key=lambda r: r["sentence_index"])
        source = rows[0]["source"]
        guard = guards.get(source) or guards.setdefault(source, Guard(load_text(source)))
        verdicts = guard.check([r["sentence"] for r in rows]).sentences
        checked += len(rows)
        for row, verdict in zip(rows, verdicts, strict=True):
            sentence_rows.append((row, not verdict.supported, verdict.score))
            reasons.append([f"{i.kind}:{i.text}" for i in verdict.unsupported])
    summary_rows = []
    for row in summaries:
        guard = guards.get(row["source"]) or guards.setdefault(
            row["source"], Guard(load_text(row["source"]))
        )
        doc = load_text(row["summary"])
        verdicts = guard.check([s.text for s in doc.sentences]).sentences
        checked += len(verdicts)
        summary_rows.append((row, any(not v.supported for v in verdicts)))
    seconds = time.perf_counter() - started
    if verdicts_out is not None:  # one line per labelled sentence, to compare two versions
        with verdicts_out.open("w", encoding="utf-8") as out:
            for (row, flagged, score), why in zip(sentence_rows, reasons, strict=True):
                line = {k: row[k] for k in ("dataset", "article_id", "system", "sentence")}
                line |= {"label": row["label"], "flagged": flagged, "score": round(score, 3)}
                out.write(json.dumps(line | {"reasons": why}) + "\n")
    report: dict[str, Any] = {"sentences_per_second": round(checked / seconds, 1)}
    for name in SETS:
        pick = [x for x in sentence_rows if name == "all" or x[0]["dataset"] == name]
        types: Counter[str] = Counter()
        type_caught: Counter[str] = Counter()
        for row, flagged, _ in pick:
            for kind in row["errors"]:
                types[kind] += 1
                type_caught[kind] += flagged
        report[name] = {
            "sentences": _rates([(r["label"] == "unsupported", f) for r, f, _ in pick]),
            "score_auc": _auc(
                [r["label"] == "supported" for r, _, _ in pick], [s for *_, s in pick]
            ),
            "recall_by_error_type": {
                kind: round(type_caught[kind] / n, 3) for kind, n in types.most_common()
            },
            "summaries": _rates(
                [
                    (r["label"] == "unsupported", f)
                    for r, f in summary_rows
                    if name == "all" or r["dataset"] == name
                ]
            ),
        }
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--verdicts", type=Path, help="also write each sentence's verdict and reasons (JSONL)"
    )
    args = parser.parse_args(argv)
    report = run(args.data, args.verdicts)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"{'set':6} {'level':9} {'caught':>7} {'flagged':>8} {'bal.acc':>8} {'AUC':>6}")
    for name in SETS:
        for level in ("sentences", "summaries"):
            r = report[name][level]
            auc = report[name]["score_auc"] if level == "sentences" else ""
            print(
                f"{name:6} {level:9} {r['caught']!s:>7} {r['supported_flagged']!s:>8} "
                f"{r['balanced_accuracy']!s:>8} {auc!s:>6}"
            )
        print(f"       recall by type: {report[name]['recall_by_error_type']}")
    print(f"{report['sentences_per_second']} sentences/s; wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
