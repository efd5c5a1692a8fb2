#!/usr/bin/env python3
"""Fuzz the HTML loader: bytes -> charset -> lxml/trafilatura -> clean -> segment -> summary.

Each input is a web page saved to disk or fetched (``precis summarize page.html``), loaded with
the format forced to HTML so that every input reaches the HTML adapter: charset detection from
BOM and ``<meta>``, libxml2 parsing and the deep-nesting fallback, trafilatura's main-content
extraction (precision, recall, baseline), our rendering of its tree, cleaning, segmentation and
the default summary. Run: ``python bench/fuzz/run.py html``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from harness import fuzz, summarize_as

INSTRUMENT = (
    "precis",
    "ftfy",
    "charset_normalizer",
    "trafilatura",
    "justext",
    "htmldate",
    "courlan",
    "lxml_html_clean",
)
MODULES = (
    "precis.api",
    "precis.ingest.html",
    "precis.ingest.html_decode",
    "precis.ingest.html_depth",
    "precis.render",
)
SEEDS = Path(__file__).resolve().parent / "seeds" / "html"


def one_input(data: bytes) -> None:
    """``precis summarize`` of ``data`` as HTML; invariants of document and summary."""
    summarize_as(data, "html")


def main(argv: list[str] | None = None) -> None:
    """Fuzz with libFuzzer's command line (``python bench/fuzz/fuzz_html.py -help=1``)."""
    argv = sys.argv if argv is None else argv
    fuzz(one_input, argv, instrument=INSTRUMENT, modules=MODULES, seeds=SEEDS)


if __name__ == "__main__":
    main()
