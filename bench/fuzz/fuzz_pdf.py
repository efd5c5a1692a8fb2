#!/usr/bin/env python3
"""Fuzz the PDF loader: bytes -> pdfium text layer -> layout repair -> segment -> summary.

Each input is a PDF file (``precis summarize paper.pdf``), loaded with the format forced to PDF
and at most harness.MAX_PAGES pages. pdfium is native code and is exercised, not instrumented:
coverage comes from precis' handling of what it returns (errors, page texts, metadata, line
geometry for indents) and from layout cleaning, segmentation and the summary. A crash inside
pdfium itself shows as a deadly signal. The OCR fallback runs only if OCRmyPDF is installed
(without it a text-less PDF is OcrRequiredError). Run: ``python bench/fuzz/run.py pdf``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from harness import fuzz, summarize_as

INSTRUMENT = ("precis", "ftfy", "pypdfium2")
MODULES = ("precis.api", "precis.ingest.pdf", "precis.clean.pdf_layout", "precis.render")
SEEDS = Path(__file__).resolve().parent / "seeds" / "pdf"


def one_input(data: bytes) -> None:
    """``precis summarize`` of ``data`` as PDF; invariants of document and summary."""
    summarize_as(data, "pdf")


def main(argv: list[str] | None = None) -> None:
    """Fuzz with libFuzzer's command line (``python bench/fuzz/fuzz_pdf.py -help=1``)."""
    argv = sys.argv if argv is None else argv
    fuzz(one_input, argv, instrument=INSTRUMENT, modules=MODULES, seeds=SEEDS)


if __name__ == "__main__":
    main()
