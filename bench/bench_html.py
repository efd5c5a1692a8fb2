"""Benchmark HTML main-content extraction: precis vs trafilatura alone, token F1 vs gold text.

Corpus: ``html_extraction`` from the shared data (scrapinghub article-extraction-benchmark,
MANIFEST.md section 3). Tokens are lowercased ``\\w+`` runs; per page, bag-of-tokens
precision, recall and F1 against the gold ``articleBody``; an empty output scores 0; scores are
averaged over pages. Both extractors run in this process on the same bytes.

Run: ``python bench/bench_html.py [--data-dir ../shared/data] [--limit N]``
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

_TOKEN = re.compile(r"\w+")
_REPO = Path(__file__).resolve().parents[1]


def tokens(text: str) -> Counter[str]:
    """Bag of lowercased word tokens."""
    return Counter(_TOKEN.findall(text.lower()))


def prf(predicted: str, gold: str) -> tuple[float, float, float]:
    """Bag-of-tokens precision, recall, F1; empty output scores 0."""
    pred, ref = tokens(predicted), tokens(gold)
    overlap = sum((pred & ref).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    p, r = overlap / sum(pred.values()), overlap / sum(ref.values())
    return p, r, 2 * p * r / (p + r)


def trafilatura_default(path: Path, url: str) -> str:
    import trafilatura

    return trafilatura.extract(path.read_bytes(), url=url) or ""


def ingest_only(path: Path, url: str) -> str:
    """precis HTML ingestion alone; a typed error counts as empty output."""
    from precis.errors import PrecisError
    from precis.ingest.html import extract_html

    try:
        return extract_html(path.read_bytes(), url=url).text
    except PrecisError:
        return ""


def full_pipeline(probe: Path) -> Callable[[Path, str], str] | None:
    """``precis.api.load`` if it imports and loads one page, else None (the lead is writing it)."""
    try:
        from precis.api import load

        load(probe)
    except Exception as err:  # noqa: BLE001 - any failure of a work-in-progress module
        print(f"precis.api.load not usable ({type(err).__name__}: {err}); using extract_html")
        return None
    from precis.errors import PrecisError

    def run_api(path: Path, url: str) -> str:
        try:
            return str(load(path).text)
        except PrecisError:
            return ""

    return run_api


def score(
    name: str, fn: Callable[[Path, str], str], rows: list[dict[str, Any]], root: Path
) -> dict[str, Any]:
    """Run one extractor over all pages; per-page scores and mean time."""
    pages = []
    for row in rows:
        gold = (root / row["gold_file"]).read_text(encoding="utf-8")
        start = time.perf_counter()
        text = fn(root / row["html_file"], row["url"])
        elapsed = time.perf_counter() - start
        p, r, f = prf(text, gold)
        pages.append({"id": row["id"], "precision": p, "recall": r, "f1": f, "seconds": elapsed})
    return {
        "extractor": name,
        "pages": len(pages),
        "precision": statistics.fmean(x["precision"] for x in pages),
        "recall": statistics.fmean(x["recall"] for x in pages),
        "f1": statistics.fmean(x["f1"] for x in pages),
        "median_f1": statistics.median(x["f1"] for x in pages),
        "empty": sum(1 for x in pages if x["f1"] == 0.0),
        "seconds_per_page": statistics.fmean(x["seconds"] for x in pages),
        "per_page": pages,
    }


def corpus_hash(root: Path, rows: list[dict[str, Any]]) -> str:
    """sha256 over the index and every page and gold file, to pin the corpus with the scores."""
    digest = hashlib.sha256()
    for row in rows:
        digest.update((root / row["html_file"]).read_bytes())
        digest.update((root / row["gold_file"]).read_bytes())
    return digest.hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=_REPO.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=_REPO / "bench" / "results" / "html.json")
    parser.add_argument("--ingest-only", action="store_true", help="skip precis.api.load")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages (0: all)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)

    root = args.data_dir / "html_extraction"
    rows = [json.loads(line) for line in (root / "index.jsonl").read_text().splitlines() if line]
    if args.limit:
        rows = rows[: args.limit]
    first = root / rows[0]["html_file"]
    api = None if args.ingest_only else full_pipeline(first)
    precis_name = "precis.api.load" if api else "precis.ingest.html.extract_html"
    print(f"precis pipeline used: {precis_name}")
    # warm up on one page, so import and first-call costs do not count as page time
    trafilatura_default(first, rows[0]["url"])
    ingest_only(first, rows[0]["url"])

    results = [
        score("trafilatura.extract (defaults)", trafilatura_default, rows, root),
        score("precis.ingest.html.extract_html", ingest_only, rows, root),
    ]
    if api is not None:
        results.append(score("precis.api.load", api, rows, root))
    print(
        f"\n{'extractor':<34} {'pages':>5} {'P':>6} {'R':>6} {'F1':>6} {'medF1':>6} "
        f"{'empty':>5} {'ms/page':>8}"
    )
    for res in results:
        print(
            f"{res['extractor']:<34} {res['pages']:>5} {res['precision']:>6.3f} "
            f"{res['recall']:>6.3f} {res['f1']:>6.3f} {res['median_f1']:>6.3f} "
            f"{res['empty']:>5} {1000 * res['seconds_per_page']:>8.1f}"
        )
    base, ours = results[0]["f1"], results[-1]["f1"]
    verdict = "meets" if ours >= base else "BELOW"
    print(f"\nprecis F1 {ours:.4f} vs trafilatura {base:.4f}: {verdict} target")

    import trafilatura

    report = {
        "corpus": "html_extraction",
        "corpus_sha256": corpus_hash(root, rows),
        "tokenisation": "lowercased \\w+ runs; bag-of-tokens P/R/F1 per page, mean over pages",
        "trafilatura_version": trafilatura.__version__,
        "precis_pipeline": precis_name,
        "results": results,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0 if ours >= base else 1


if __name__ == "__main__":
    raise SystemExit(main())
