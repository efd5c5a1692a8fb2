"""Language detection on the shared sets (issue 19): accuracy and milliseconds per document.

Every document of ``../shared/data/multilingual/*.jsonl`` (nine languages, labelled) and of the
English summarization sets is given to :func:`precis.language.detect_language` as its source
text; reported: documents and correct answers per file, and the time per document (the
model's one-off load is timed apart).

    python bench/bench_language.py

Writes ``bench/results/language.json``. Targets: >= 98% correct, <= 1 ms per document.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from precis.evaluate.datasets import SUMMARIZATION_SETS
from precis.language import _identifier, detect_language

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def rows(path: Path) -> list[tuple[str, str]]:
    out = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            out.append((row.get("language", "en"), row["source"]))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "language.json")
    args = parser.parse_args()
    started = time.perf_counter()
    _identifier()
    load_s = time.perf_counter() - started
    files = sorted((args.data_dir / "multilingual").glob("*.jsonl"))
    files += [args.data_dir / f"{name}.jsonl" for name in SUMMARIZATION_SETS]
    report, times, correct, total = {}, [], 0, 0
    for path in files:
        ok = 0
        docs = rows(path)
        for language, source in docs:
            started = time.perf_counter()
            found = detect_language(source)
            times.append(time.perf_counter() - started)
            ok += found == language
        report[path.name] = {"documents": len(docs), "correct": ok}
        correct += ok
        total += len(docs)
        print(f"{path.name:32} {ok:4d} / {len(docs):4d}")
    payload = {
        "documents": total,
        "correct": correct,
        "accuracy": round(correct / total, 4),
        "mean_ms_per_document": round(1000 * statistics.fmean(times), 3),
        "p99_ms_per_document": round(1000 * sorted(times)[int(0.99 * (len(times) - 1))], 3),
        "model_load_s": round(load_s, 3),
        "files": report,
        "targets": {"accuracy": 0.98, "ms_per_document": 1.0},
    }
    print(
        f"{correct}/{total} correct ({payload['accuracy']:.2%}); "
        f"{payload['mean_ms_per_document']} ms per document (p99 {payload['p99_ms_per_document']}); "
        f"model load {load_s:.2f} s once"
    )
    args.out.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
