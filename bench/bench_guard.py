"""Benchmark the faithfulness guard (issue 4): recall of unsupported sentences, false drops.

The labelled set is built deterministically from ``/work/shared/data`` by :mod:`guard_set`
(faithful highlights, writer sentences and paraphrases; the same sentences with an injected
person, organisation, attribution, number, date or quote, and sentences of other articles) and
written to ``bench/data/guard_set.jsonl``. Documents are split in two halves by a fixed hash of
their id. The guard's settings are tuned on the ``tune`` half (highest recall with at most
4% false drops there) and reported on the ``held`` half, together with the library defaults.
Acceptance: recall >= 95% and false drops <= 5%. The ``actor`` kind (a person of the same
article in another's place) is reported apart: no lookup of names can see it.

Run: ``python bench/bench_guard.py [--data-dir ../shared/data]``
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import logging
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from guard_set import CNN, WRITER, XSUM, build_set  # noqa: E402

from precis.abstractive.guard import Guard, GuardOptions  # noqa: E402

log = logging.getLogger("bench_guard")
THRESHOLDS = [round(0.05 * k, 2) for k in range(0, 15)]
GRID = {
    "bigram_weight": (0.25, 0.5, 1.0),
    "scope": ("document", "evidence"),
    "related": (3, 5, 10),
    "max_evidence": (2, 3),
}
TUNE_MAX_FALSE_DROP = 0.04
APART = ("actor",)


def load_docs(sources: dict[str, str]) -> dict[str, Any]:
    """Each source loaded once, the way ``precis check`` loads it."""
    from precis import api

    return {doc_id: api.load_text(text) for doc_id, text in sources.items()}


def judge(
    rows: list[dict[str, Any]], docs: dict[str, Any], options: GuardOptions
) -> dict[str, dict[str, Any]]:
    """Per row id: the score and the unsupported items (the verdict for any threshold)."""
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_doc[row["doc"]].append(row)
    out = {}
    for doc_id, doc_rows in by_doc.items():
        guard = Guard(docs[doc_id], options)
        # each row is a sentence of its own, not a summary of all the rows
        verdicts = [guard.check([r["text"]]).sentences[0] for r in doc_rows]
        for row, verdict in zip(doc_rows, verdicts, strict=True):
            out[row["id"]] = {
                "score": verdict.score,
                "items": [f"{i.kind}: {i.text}" for i in verdict.unsupported],
            }
    return out


def metrics(
    rows: list[dict[str, Any]], verdicts: dict[str, dict[str, Any]], threshold: float
) -> dict[str, Any]:
    """Recall of unsupported rows (``actor`` apart), false drops of supported rows, per kind."""
    flagged = {
        r["id"]: bool(verdicts[r["id"]]["items"]) or verdicts[r["id"]]["score"] < threshold
        for r in rows
    }
    kinds: dict[str, list[bool]] = defaultdict(list)
    for r in rows:
        kinds[f"{r['label']}/{r['kind']}"].append(flagged[r["id"]])
    unsup = [
        flagged[r["id"]] for r in rows if r["label"] == "unsupported" and r["kind"] not in APART
    ]
    sup = [flagged[r["id"]] for r in rows if r["label"] == "supported"]
    return {
        "recall": _rate(unsup),
        "false_drop": _rate(sup),
        "unsupported": len(unsup),
        "supported": len(sup),
        "by_kind": {k: {"n": len(v), "flagged": _rate(v)} for k, v in sorted(kinds.items())},
    }


def _rate(flags: list[bool]) -> float:
    return round(sum(flags) / len(flags), 4) if flags else 0.0


def tune(
    rows: list[dict[str, Any]], docs: dict[str, Any]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The settings with the highest tune-half recall at <= 4% tune-half false drops."""
    tried = []
    for values in itertools.product(*GRID.values()):
        params = dict(zip(GRID, values, strict=True))
        if params["scope"] == "document" and params["related"] != GRID["related"][0]:
            continue  # ``related`` only matters for the evidence scope
        verdicts = judge(rows, docs, GuardOptions(threshold=0.0, **params))
        for threshold in THRESHOLDS:
            m = metrics(rows, verdicts, threshold)
            tried.append(
                {
                    **params,
                    "threshold": threshold,
                    "recall": m["recall"],
                    "false_drop": m["false_drop"],
                }
            )
    ok = [t for t in tried if t["false_drop"] <= TUNE_MAX_FALSE_DROP] or tried
    best = max(ok, key=lambda t: (t["recall"], -t["false_drop"], t["threshold"]))
    return {k: best[k] for k in (*GRID, "threshold")}, tried


def examples(
    rows: list[dict[str, Any]],
    verdicts: dict[str, dict[str, Any]],
    threshold: float,
    label: str,
    flagged: bool,
) -> list[dict[str, Any]]:
    """The held rows the guard got wrong, for reading."""
    out = []
    for r in rows:
        v = verdicts[r["id"]]
        is_flagged = bool(v["items"]) or v["score"] < threshold
        if r["label"] == label and is_flagged == flagged:
            out.append(
                {
                    "id": r["id"],
                    "kind": r["kind"],
                    "text": r["text"],
                    "score": round(v["score"], 3),
                    "items": v["items"],
                }
            )
    return out


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--set-out", type=Path, default=ROOT / "bench" / "data" / "guard_set.jsonl")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "guard.json")
    parser.add_argument(
        "--embed",
        action="store_true",
        help="also tune and report lexical + embedding alignment (needs the embed extra)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    rows, sources = build_set(args.data_dir)
    args.set_out.parent.mkdir(parents=True, exist_ok=True)
    args.set_out.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    docs = load_docs({d: sources[d] for d in {r["doc"] for r in rows}})
    tune_rows = [r for r in rows if r["half"] == "tune"]
    held_rows = [r for r in rows if r["half"] == "held"]
    log.info(
        "set: %d rows (%d tune, %d held) from %d documents",
        len(rows),
        len(tune_rows),
        len(held_rows),
        len(docs),
    )

    best, tried = tune(tune_rows, docs)
    threshold = best["threshold"]
    params = {k: v for k, v in best.items() if k != "threshold"}
    tuned = GuardOptions(threshold=0.0, **params)
    started = time.perf_counter()
    held_verdicts = judge(held_rows, docs, tuned)
    seconds = time.perf_counter() - started
    defaults = GuardOptions()
    default_verdicts = judge(
        held_rows, docs, GuardOptions(**{**_options_dict(defaults), "threshold": 0.0})
    )
    report = {
        "data": {
            "files": {n: _sha256(args.data_dir / n) for n in (CNN, WRITER, XSUM)},
            "set": str(args.set_out.relative_to(ROOT)),
            "set_sha256": _sha256(args.set_out),
            "rows": len(rows),
            "documents": len(docs),
        },
        "tuned": best,
        "tune": metrics(tune_rows, judge(tune_rows, docs, tuned), threshold),
        "held": metrics(held_rows, held_verdicts, threshold),
        "held_with_defaults": {
            "options": _options_dict(defaults),
            **metrics(held_rows, default_verdicts, defaults.threshold),
        },
        "held_curve": [
            {"threshold": t, **{k: m[k] for k in ("recall", "false_drop")}}
            for t in THRESHOLDS
            for m in [metrics(held_rows, held_verdicts, t)]
        ],
        "held_sentences_per_second": round(len(held_rows) / seconds, 1),
        "targets": {"recall": 0.95, "false_drop": 0.05},
        "held_false_drops": examples(held_rows, held_verdicts, threshold, "supported", True),
        "held_misses": examples(held_rows, held_verdicts, threshold, "unsupported", False),
        "grid": tried,
    }
    if args.embed:
        report["embeddings"] = embedding_report(tune_rows, held_rows, docs)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    _print_table(report)
    return report


EMBED_WEIGHTS = (0.3, 0.5, 0.7)


def embedding_report(
    tune_rows: list[dict[str, Any]], held_rows: list[dict[str, Any]], docs: dict[str, Any]
) -> dict[str, Any]:
    """Lexical + embedding alignment (all-MiniLM-L6-v2): weight and threshold tuned on the tune
    half like the lexical settings, then reported on the held half."""
    from precis.extractive.embedder import Embedder

    embed = Embedder().encode
    tried = []
    for weight in EMBED_WEIGHTS:
        verdicts = judge(
            tune_rows, docs, GuardOptions(threshold=0.0, embed=embed, embed_weight=weight)
        )
        for threshold in THRESHOLDS:
            m = metrics(tune_rows, verdicts, threshold)
            tried.append(
                {
                    "embed_weight": weight,
                    "threshold": threshold,
                    **{k: m[k] for k in ("recall", "false_drop")},
                }
            )
    ok = [t for t in tried if t["false_drop"] <= TUNE_MAX_FALSE_DROP] or tried
    best = max(ok, key=lambda t: (t["recall"], -t["false_drop"]))
    options = GuardOptions(threshold=0.0, embed=embed, embed_weight=best["embed_weight"])
    started = time.perf_counter()
    held = judge(held_rows, docs, options)
    seconds = time.perf_counter() - started
    result = {
        "tuned": {k: best[k] for k in ("embed_weight", "threshold")},
        "held": metrics(held_rows, held, best["threshold"]),
        "held_sentences_per_second": round(len(held_rows) / seconds, 1),
        "grid": tried,
    }
    m = result["held"]
    print(
        f"embeddings {result['tuned']}: held recall {m['recall']:.1%}, false drop {m['false_drop']:.1%}"
    )
    return result


def _options_dict(options: GuardOptions) -> dict[str, Any]:
    return {k: getattr(options, k) for k in (*GRID, "threshold")}


def _print_table(report: dict[str, Any]) -> None:
    print(f"tuned on the tune half: {report['tuned']}")
    print(f"{'half':22s} {'recall':>8s} {'false drop':>11s} {'unsup':>6s} {'sup':>5s}")
    for name in ("tune", "held", "held_with_defaults"):
        m = report[name]
        print(
            f"{name:22s} {m['recall']:8.1%} {m['false_drop']:11.1%} {m['unsupported']:6d} {m['supported']:5d}"
        )
    print("held, by kind (share flagged):")
    for kind, v in report["held"]["by_kind"].items():
        print(f"  {kind:28s} {v['flagged']:7.1%}  (n={v['n']})")
    print(
        f"held: {report['held_sentences_per_second']} sentences/s; results in bench/results/guard.json"
    )


if __name__ == "__main__":
    main()
