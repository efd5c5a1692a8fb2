"""PDF ingest speed: raw pypdfium2, extract_pdf, + layout cleaning, + full pipeline if present.

Builds a 100-page article with reportlab (tests/pdf_factory.py) and times each stage (best of
N); then runs every PDF in the shared corpus and reports pages, ms/page, and the start of the
clean text. Target: a 100-page file to clean text in under 1 s. Writes bench/results/pdf.json.

    python bench/bench_pdf.py [--pages 100] [--repeat 3] [--corpus /work/shared/data/pdfs]
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pypdfium2 as pdfium  # noqa: E402
import pypdfium2.raw as pdfium_c  # noqa: E402
from tests.pdf_factory import article_pdf  # noqa: E402

from precis.clean.pdf_layout import pdf_layout_edits  # noqa: E402
from precis.ingest.pdf import extract_pdf  # noqa: E402
from precis.offsets import apply_edits  # noqa: E402

TARGET_S = 1.0


def best_of(fn: Callable[[], object], repeat: int) -> float:
    """Best wall time of ``repeat`` runs, in seconds."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def raw_extract(data: bytes) -> list[str]:
    """pypdfium2 alone: open, get_text_range() per page, close."""
    doc = pdfium.PdfDocument(data)
    try:
        out = []
        for i in range(len(doc)):
            page = doc[i]
            textpage = page.get_textpage()
            out.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return out
    finally:
        doc.close()


def index_mismatch_pages(data: bytes) -> int:
    """Pages where len(get_text_range()) differs from pdfium's char count."""
    doc = pdfium.PdfDocument(data)
    try:
        bad = 0
        for i in range(len(doc)):
            page = doc[i]
            textpage = page.get_textpage()
            n = textpage.count_chars()
            text = textpage.get_text_range()
            probe = [pdfium_c.FPDFText_GetTextIndexFromCharIndex(textpage, k) for k in range(n)]
            bad += len(text) != n or any(p not in (k, -1) for k, p in enumerate(probe))
            textpage.close()
            page.close()
        return bad
    finally:
        doc.close()


def clean_pdf(data: bytes) -> str:
    extraction = extract_pdf(data)
    edits = pdf_layout_edits(extraction.text, extraction.page_starts)
    return apply_edits(extraction.text, edits)[0]


def api_loader() -> Callable[[Path], str] | None:
    """``precis.api.load(path).text`` if the API exists yet."""
    try:
        from precis.api import load
    except ImportError:
        return None
    return lambda path: load(path).text


def bench_synthetic(pages: int, repeat: int) -> dict[str, object]:
    data = article_pdf(pages)
    t0 = time.perf_counter()
    clean_pdf(data)  # first call: loads the lexicon (once per process)
    cold = time.perf_counter() - t0
    row: dict[str, object] = {
        "pages": pages,
        "bytes": len(data),
        "cold_extract_clean_s": cold,
        "raw_pypdfium2_s": best_of(lambda: raw_extract(data), repeat),
        "extract_pdf_s": best_of(lambda: extract_pdf(data), repeat),
        "extract_clean_s": best_of(lambda: clean_pdf(data), repeat),
        "index_mismatch_pages": index_mismatch_pages(data),
    }
    load = api_loader()
    if load is not None:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp, "article.pdf")
            path.write_bytes(data)
            row["api_load_s"] = best_of(lambda: load(path), repeat)
    row["meets_target"] = float(row["extract_clean_s"]) < TARGET_S  # type: ignore[arg-type]
    return row


def bench_corpus(corpus: Path, repeat: int) -> list[dict[str, object]]:
    rows = []
    for path in sorted(corpus.glob("*.pdf")):
        data = path.read_bytes()
        extraction = extract_pdf(data)
        n = extraction.metadata.pages or 1
        seconds = best_of(lambda data=data: clean_pdf(data), repeat)
        clean = clean_pdf(data)
        rows.append(
            {
                "file": path.name,
                "pages": n,
                "raw_chars": len(extraction.text),
                "clean_chars": len(clean),
                "ms_per_page": 1000 * seconds / n,
                "index_mismatch_pages": index_mismatch_pages(data),
                "title": extraction.metadata.title,
                "clean_start": clean[:300],
            }
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=Path("/work/shared/data/pdfs"))
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "pdf.json")
    args = parser.parse_args(argv)

    synthetic = bench_synthetic(args.pages, args.repeat)
    corpus = bench_corpus(args.corpus, args.repeat) if args.corpus.is_dir() else []
    result = {
        "python": platform.python_version(),
        "pypdfium2": pdfium.PYPDFIUM_INFO.version if hasattr(pdfium, "PYPDFIUM_INFO") else None,
        "machine": platform.machine(),
        "target_s": TARGET_S,
        "synthetic": synthetic,
        "corpus": corpus,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    print(
        f"synthetic {synthetic['pages']}-page article ({synthetic['bytes']} bytes), best of {args.repeat}"
    )
    for key in (
        "raw_pypdfium2_s",
        "extract_pdf_s",
        "extract_clean_s",
        "api_load_s",
        "cold_extract_clean_s",
    ):
        if key in synthetic:
            print(f"  {key:<22} {1000 * float(synthetic[key]):8.1f} ms")  # type: ignore[arg-type]
    print(f"  target < {TARGET_S:.0f} s met: {synthetic['meets_target']}")
    if corpus:
        print(f"\n{'file':<44} {'pages':>5} {'ms/page':>8} {'idx!=':>5}  clean start")
        for row in corpus:
            start = str(row["clean_start"])[:60].replace("\n", " ")
            print(
                f"{str(row['file'])[:44]:<44} {row['pages']:>5} {float(row['ms_per_page']):8.2f}"  # type: ignore[arg-type]
                f" {row['index_mismatch_pages']:>5}  {start}"
            )
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
