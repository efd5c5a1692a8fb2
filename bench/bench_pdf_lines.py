"""Cost of describing every PDF text line (box and font, issue 14) inside ``extract_pdf``.

Times ``extract_pdf`` over every PDF of ``bench/data/realdocs/pdf`` and the shared ``pdf_gold``
(when present), with the line description and without it (``page_lines`` patched to describe no
line), alternating the two, best of N passes each. The issue's whole layout analysis budget is
30 ms per page; this step should add a few ms per page at most. Writes
``bench/results/pdf_lines.json``.

    python bench/bench_pdf_lines.py [--repeat 2] [--gold /work/shared/data/pdf_gold]
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from precis.ingest import pdf as pdf_module
from precis.ingest.pdf import extract_pdf
from precis.ingest.pdf_lines import page_lines

ROOT = Path(__file__).resolve().parents[1]
REALDOCS = ROOT / "bench" / "data" / "realdocs" / "pdf"
GOLD = Path("/work/shared/data/pdf_gold")
BUDGET_MS = 3.0  # per page, this step's share of the 30 ms layout budget


@contextmanager
def lines_disabled() -> Iterator[None]:
    """``extract_pdf`` as before this step: no line of any page is described."""
    pdf_module.page_lines = lambda boxes, text, crop: page_lines(boxes, "", crop)  # type: ignore[assignment]
    try:
        yield
    finally:
        pdf_module.page_lines = page_lines


def one_pass(datas: list[bytes]) -> float:
    """Seconds to extract every PDF once."""
    t0 = time.perf_counter()
    for data in datas:
        extract_pdf(data)
    return time.perf_counter() - t0


def corpus(name: str, folder: Path, repeat: int) -> dict[str, object]:
    """Best-of-``repeat`` ms/page with and without line description over one folder."""
    datas = [p.read_bytes() for p in sorted(folder.glob("*.pdf"))]
    extractions = [extract_pdf(d) for d in datas]
    pages = sum(len(e.page_starts) for e in extractions)
    lines = sum(len(e.lines) for e in extractions if e.lines is not None)
    without, with_lines = [], []
    for _ in range(repeat):
        with lines_disabled():
            without.append(one_pass(datas))
        with_lines.append(one_pass(datas))
    before, after = 1000 * min(without) / pages, 1000 * min(with_lines) / pages
    return {
        "corpus": name,
        "pdfs": len(datas),
        "pages": pages,
        "lines": lines,
        "ms_per_page_without": round(before, 3),
        "ms_per_page_with": round(after, 3),
        "added_ms_per_page": round(after - before, 3),
        "added_us_per_line": round(1e6 * (min(with_lines) - min(without)) / max(lines, 1), 2),
        "runs_without_s": [round(t, 3) for t in without],
        "runs_with_s": [round(t, 3) for t in with_lines],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--gold", type=Path, default=GOLD)
    args = parser.parse_args()
    folders = [("realdocs", REALDOCS)] + ([("pdf_gold", args.gold)] if args.gold.is_dir() else [])
    rows = [corpus(name, folder, args.repeat) for name, folder in folders]
    print(
        f"{'corpus':10} {'pdfs':>5} {'pages':>6} {'lines':>7} {'without':>9} {'with':>9} {'added':>8}"
    )
    for r in rows:
        print(
            f"{r['corpus']:10} {r['pdfs']:>5} {r['pages']:>6} {r['lines']:>7} "
            f"{r['ms_per_page_without']:>7.2f}ms {r['ms_per_page_with']:>7.2f}ms "
            f"{r['added_ms_per_page']:>6.2f}ms  ({r['added_us_per_line']} us/line)"
        )
    pages = np.array([r["pages"] for r in rows], dtype=float)
    added = np.array([r["added_ms_per_page"] for r in rows], dtype=float)
    overall = float((pages * added).sum() / pages.sum())
    print(f"all: {overall:.2f} ms/page added (budget {BUDGET_MS} ms/page)")
    out = ROOT / "bench" / "results" / "pdf_lines.json"
    out.write_text(
        json.dumps(
            {
                "machine": platform.platform(),
                "python": platform.python_version(),
                "repeat": args.repeat,
                "budget_ms_per_page": BUDGET_MS,
                "added_ms_per_page": round(overall, 3),
                "corpora": rows,
            },
            indent=1,
        )
        + "\n"
    )


if __name__ == "__main__":
    main()
