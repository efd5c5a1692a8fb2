"""Key phrases: precis vs YAKE, multi-rake and summa on Inspec and SemEval-2010 (issue 17 item 4).

Data: ``shared/data/keyphrases/`` (its MANIFEST.md): the development portions, 1,328 Inspec
abstracts (title, blank line, abstract) and 178 SemEval-2010 full papers, with references that
are the union of each set's reference lists. Every method runs in this process on the same
source texts and returns its 10 best phrases; the metric is the MANIFEST's
(:mod:`precis.evaluate.keyphrases`: exact match after stemming with NLTK's Porter stemmer,
P/R/F1 per document at 5 and 10, macro-averaged). Scores are reported per half of the rows
(``bench/splits.py``: precis's choices were made on ``tune``, ``report`` checks them) and for
all rows. precis goes through ``precis.api.load`` + ``keyphrases(doc, 10)``, as
``precis summarize FILE --keyphrases 10`` does; its docs/s include loading.

Peers (bench extra): yake 0.7.3 ``KeywordExtractor(lan="en", n=3, top=10)``; multi-rake 0.0.2
``Rake(language_code="en")``; summa 1.2.0 ``keywords.keywords(text, scores=True)``. summa's
TextRank is quadratic on a full paper (over 10 minutes for the 178 SemEval papers), so it runs
on Inspec only unless ``--summa-sets`` says otherwise, and stops a set after ``--cap`` seconds
(the output says so).

Last, the time ``--keyphrases 10`` adds to ``precis summarize`` on a 10,012-word SemEval paper
(issue 17: at most 10%), as the CLI's wall time and as load + summarize in one interpreter.

Run: ``python bench/bench_keyphrases.py [--sets inspec semeval2010] [--methods ...] [--limit N]``
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from splits import split_of  # noqa: E402

from precis.evaluate.keyphrases import PRF, macro_average, score_document  # noqa: E402

logger = logging.getLogger("bench_keyphrases")

DATA = ROOT.parent / "shared" / "data" / "keyphrases"
OUT = ROOT / "bench" / "results" / "keyphrases.json"
SETS = ("inspec", "semeval2010")
METHODS = ("precis", "yake", "multi_rake", "summa")
TOP = 10
PAPER_10K = "semeval2010-J-45"  # 10,012 words: issue 17's "10k-word paper"
Extractor = Callable[[str], list[str]]


def precis_extractor() -> Extractor:
    from precis.api import load
    from precis.extractive.keyphrases import keyphrases

    return lambda text: [k.text for k in keyphrases(load(text.encode("utf-8")), TOP)]


def yake_extractor() -> Extractor:
    import yake

    extractor = yake.KeywordExtractor(lan="en", n=3, top=TOP)
    # yake 0.7.3 returns (phrase, score) with the lowest (best) score first
    return lambda text: [kw for kw, _ in extractor.extract_keywords(text)][:TOP]


def multi_rake_extractor() -> Extractor:
    from multi_rake import Rake

    rake = Rake(language_code="en")
    return lambda text: [kw for kw, _ in rake.apply(text)][:TOP]


def summa_extractor() -> Extractor:
    from summa import keywords

    return lambda text: [kw for kw, _ in keywords.keywords(text, scores=True)][:TOP]


EXTRACTORS: dict[str, Callable[[], Extractor]] = {
    "precis": precis_extractor,
    "yake": yake_extractor,
    "multi_rake": multi_rake_extractor,
    "summa": summa_extractor,
}


def read_set(name: str, limit: int | None) -> list[dict[str, Any]]:
    """The rows of one key-phrase set (``limit`` first rows when given)."""
    with open(DATA / f"{name}.jsonl", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return rows[:limit] if limit is not None else rows


def run_method(
    extract: Extractor, rows: Sequence[dict[str, Any]], cap_s: float | None
) -> tuple[list[list[str]], float]:
    """Predictions for the rows (fewer when the time cap is reached) and the seconds spent."""
    predictions: list[list[str]] = []
    start = time.perf_counter()
    for row in rows:
        if cap_s is not None and time.perf_counter() - start > cap_s:
            break
        predictions.append(extract(row["source"]))
    return predictions, time.perf_counter() - start


def scores(rows: Sequence[dict[str, Any]], predictions: Sequence[list[str]]) -> dict[str, Any]:
    """P/R/F1 at 5 and 10 (percent) on each split and on all scored rows."""
    out: dict[str, Any] = {}
    for split in ("tune", "report", "all"):
        pairs = [
            (pred, row["keyphrases"])
            for row, pred in zip(rows, predictions, strict=False)  # fewer after a time cap
            if split == "all" or split_of(row["id"]) == split
        ]
        entry: dict[str, Any] = {"documents": len(pairs)}
        for k in (5, 10):
            avg: PRF = macro_average([score_document(p, refs, k) for p, refs in pairs])
            names = ("P", "R", "F1")
            entry.update({f"{m}@{k}": round(100 * v, 1) for m, v in zip(names, avg, strict=True)})
        out[split] = entry
    return out


# Run in a fresh interpreter: in this process, after the peers, the heap holds millions of
# objects and every garbage collection the key phrases trigger scans them all (30% at once).
_IN_PROCESS = """
import sys, time
from precis.api import load, summarize
from precis.options import SummarizeOptions
data = open(sys.argv[1], "rb").read()
runs = {"plain": SummarizeOptions(), "keyphrases": SummarizeOptions(keyphrases=int(sys.argv[2]))}
summarize(load(data), runs["keyphrases"])
best = {name: float("inf") for name in runs}
for _ in range(int(sys.argv[3])):
    for name, options in runs.items():
        start = time.perf_counter()
        summarize(load(data), options)
        best[name] = min(best[name], time.perf_counter() - start)
print(best["plain"], best["keyphrases"])
"""


def overhead(source: str, repeat: int = 7) -> dict[str, Any]:
    """What ``--keyphrases 10`` adds to ``summarize`` on one paper: ``precis summarize FILE``
    with and without it (fresh processes, alternating), and load + summarize in one fresh
    interpreter; the best of ``repeat`` runs each, interleaved so that a busy spell of the
    shared machine hits both alike."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "paper.txt"
        path.write_text(source, encoding="utf-8")
        command = [sys.executable, "-m", "precis.cli", "summarize", str(path)]
        cli = {"plain": float("inf"), "keyphrases": float("inf")}
        for _ in range(repeat):
            for name, extra in (("plain", []), ("keyphrases", ["--keyphrases", str(TOP)])):
                start = time.perf_counter()
                subprocess.run(command + extra, check=True, capture_output=True)
                cli[name] = min(cli[name], time.perf_counter() - start)
        args = [str(path), str(TOP), str(2 * repeat)]
        out = subprocess.run(
            [sys.executable, "-c", _IN_PROCESS, *args], check=True, capture_output=True, text=True
        ).stdout.split()
    plain, with_phrases = float(out[0]), float(out[1])
    return {
        "words": len(source.split()),
        "cli_s": round(cli["plain"], 3),
        "cli_keyphrases_s": round(cli["keyphrases"], 3),
        "cli_added_percent": round(100 * (cli["keyphrases"] - cli["plain"]) / cli["plain"], 1),
        "in_process_ms": round(1000 * plain, 1),
        "in_process_keyphrases_ms": round(1000 * with_phrases, 1),
        "in_process_added_percent": round(100 * (with_phrases - plain) / plain, 1),
    }


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="+", choices=SETS, default=list(SETS))
    parser.add_argument("--methods", nargs="+", choices=METHODS, default=list(METHODS))
    parser.add_argument("--summa-sets", nargs="*", choices=SETS, default=["inspec"])
    parser.add_argument("--cap", type=float, default=300.0, help="seconds per set for summa")
    parser.add_argument("--limit", type=int, default=None, help="first N rows of each set")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--overhead",
        default=PAPER_10K,
        help="SemEval-2010 id of the paper to time summarize with and without key phrases "
        "('' skips it)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    results: dict[str, Any] = {"top": TOP, "sets": {}}
    for name in args.sets:
        rows = read_set(name, args.limit)
        results["sets"][name] = per_set = {}
        for method in args.methods:
            if method == "summa" and name not in args.summa_sets:
                per_set[method] = {"skipped": "summa is not run on this set (--summa-sets)"}
                print(f"{name:12s} {method:10s} skipped (quadratic on full papers)")
                continue
            cap = args.cap if method == "summa" else None
            predictions, seconds = run_method(EXTRACTORS[method](), rows, cap)
            entry = scores(rows, predictions)
            entry["seconds"] = round(seconds, 2)
            entry["docs_per_s"] = round(len(predictions) / seconds, 2) if seconds else None
            if len(predictions) < len(rows):
                entry["stopped"] = f"time cap {cap:.0f} s: {len(predictions)} of {len(rows)} rows"
            per_set[method] = entry
            print_row(name, method, entry)
    if "precis" in args.methods and args.overhead:
        row = next(r for r in read_set("semeval2010", None) if r["id"] == args.overhead)
        results["overhead"] = {"document": args.overhead, **overhead(row["source"])}
        print(f"--keyphrases {TOP} on {args.overhead}: {results['overhead']}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    logger.info("wrote %s", args.out)
    return results


def print_row(name: str, method: str, entry: dict[str, Any]) -> None:
    """One line of the table: F1@5/F1@10 per split, P/R@10 on all rows, speed."""
    cells = " | ".join(
        f"{split} {entry[split]['F1@5']:5.1f} {entry[split]['F1@10']:5.1f}"
        for split in ("tune", "report", "all")
    )
    whole = entry["all"]
    note = f"  [{entry['stopped']}]" if "stopped" in entry else ""
    print(
        f"{name:12s} {method:10s} F1@5 F1@10: {cells} | P@10 {whole['P@10']:5.1f} "
        f"R@10 {whole['R@10']:5.1f} | {entry['docs_per_s']} docs/s{note}"
    )


if __name__ == "__main__":
    main()
