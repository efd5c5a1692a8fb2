"""Key phrases on non-English documents (issue 19 item 3): precis against YAKE, F1@10.

Data: ``bench/data/keyphrases_multilingual.jsonl``, 30 French (WikiNews) and 30 Portuguese
(110-PT-BN-KP) documents with their gold key phrases (origin in
``bench/data/keyphrases_multilingual.md``). Metric as ``bench/bench_keyphrases.py``: exact match
after lower-casing, stripping edge punctuation and stemming every word (here the language's
Snowball stemmer), predictions deduplicated after stemming, F1 per document, macro-averaged.

    python bench/bench_keyphrases_multilingual.py [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import Stemmer  # noqa: E402
import yake  # noqa: E402

from precis.api import load_text  # noqa: E402
from precis.extractive.keyphrases import keyphrases  # noqa: E402
from precis.extractive.terms import SNOWBALL  # noqa: E402

DATA = ROOT / "bench" / "data" / "keyphrases_multilingual.jsonl"
OUT = ROOT / "bench" / "results" / "keyphrases_multilingual.json"
K = 10
_EDGE = re.compile(r"^\W+|\W+$")


def normalise(phrase: str, stemmer: Any) -> str:
    """Lower case, edge punctuation out, every word stemmed."""
    words = [_EDGE.sub("", w) for w in phrase.lower().split()]
    return " ".join(stemmer.stemWord(w) for w in words if w)


def f1(predicted: list[str], gold: list[str], stemmer: Any) -> float:
    """F1@K of one document (predictions deduplicated after stemming)."""
    pred = list(dict.fromkeys(normalise(p, stemmer) for p in predicted))[:K]
    ref = {normalise(g, stemmer) for g in gold}
    hits = sum(1 for p in pred if p in ref)
    if not hits:
        return 0.0
    precision, recall = hits / len(pred), hits / len(ref)
    return 2 * precision * recall / (precision + recall)


def precis_phrases(row: dict[str, Any]) -> list[str]:
    """precis's key phrases, the document in its detected language."""
    return [k.text for k in keyphrases(load_text(row["source"]), K)]


def yake_phrases(row: dict[str, Any]) -> list[str]:
    """YAKE's ten best (lowest score first), in the row's language, up to three words."""
    extractor = yake.KeywordExtractor(lan=row["language"], n=3, top=K)
    return [k for k, _ in extractor.extract_keywords(row["source"])]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", type=Path, default=OUT)
    parser.add_argument("--show", type=int, default=0, help="print N documents' phrases")
    args = parser.parse_args(argv)
    rows = [json.loads(x) for x in DATA.open(encoding="utf-8")]
    results: dict[str, Any] = {}
    print("| lang | docs | system | F1@10 | s |")
    print("|---|---|---|---|---|")
    for language in sorted({r["language"] for r in rows}):
        subset = [r for r in rows if r["language"] == language]
        stemmer = Stemmer.Stemmer(SNOWBALL[language])
        for name, system in (("precis", precis_phrases), ("yake", yake_phrases)):
            started = time.perf_counter()
            outputs = [system(r) for r in subset]
            seconds = time.perf_counter() - started
            score = 100 * statistics.mean(
                f1(o, r["keyphrases"], stemmer) for o, r in zip(outputs, subset, strict=True)
            )
            results[f"{language}/{name}"] = {"docs": len(subset), "f1@10": score, "s": seconds}
            print(f"| {language} | {len(subset)} | {name} | {score:.1f} | {seconds:.1f} |")
            for o, r in list(zip(outputs, subset, strict=True))[: args.show]:
                print(f"    {r['id']}: {o}\n      gold: {r['keyphrases'][:12]}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
