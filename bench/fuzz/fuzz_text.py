#!/usr/bin/env python3
"""Fuzz the plain-text and Markdown loaders: bytes -> decode -> clean -> segment -> summary.

Each input is read as a user's file would be (``precis summarize notes.txt`` and ``notes.md``):
format detection on the bytes, then loading forced to text and to Markdown, so decoding (BOMs,
UTF-16, charset detection), every cleaning step, segmentation, and the default extractive
summary and its renderings all see it. Run: ``python bench/fuzz/run.py text``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from harness import fuzz, summarize_as, typed_errors_allowed

INSTRUMENT = ("precis", "ftfy", "charset_normalizer", "wordsegment")
MODULES = ("precis.api", "precis.ingest.detect", "precis.ingest.text", "precis.render")
SEEDS = Path(__file__).resolve().parent / "seeds" / "text"


def one_input(data: bytes) -> None:
    """Detect the format of ``data``, then load and summarize it as text and as Markdown."""
    _detect(data)
    for fmt in ("text", "markdown"):
        summarize_as(data, fmt)


@typed_errors_allowed
def _detect(data: bytes) -> None:
    """What an unforced load does first (a typed error here is an answer, not a crash)."""
    from precis.ingest.detect import detect_format

    detect_format(data, name="fuzz.txt")


def main(argv: list[str] | None = None) -> None:
    """Fuzz with libFuzzer's command line (``python bench/fuzz/fuzz_text.py -help=1``)."""
    argv = sys.argv if argv is None else argv
    fuzz(one_input, argv, instrument=INSTRUMENT, modules=MODULES, seeds=SEEDS)


if __name__ == "__main__":
    main()
