#!/usr/bin/env python3
"""Fuzz ``precis check``: a summary file judged against a source file by the guard.

Input layout (see :func:`encode`): byte 0 holds flags (bit 0: the source file is named ``.md``,
bit 1: the summary is; bits 2-3 pick ``--threshold``: default, 0, 0.5, 1), bytes 1-2 the summary
length (big-endian), then the summary's bytes, then the source's. A self-contained split rather
than atheris' FuzzedDataProvider, so inputs replay without atheris and seeds are easy to write.
Both parts are written to files and passed by path, as the CLI does (``check_source``, then the
text and JSON outputs); the source goes through format detection, so any loader can be reached.
Run: ``python bench/fuzz/run.py check``.
"""

from __future__ import annotations

import json
import math
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from harness import fuzz, load_options, typed_errors_allowed

if TYPE_CHECKING:
    from precis.abstractive.guard import GuardResult

INSTRUMENT = ("precis", "ftfy", "charset_normalizer")
MODULES = (
    "precis.api",
    "precis.abstractive.check",
    "precis.abstractive.guard",
    "precis.abstractive.claims",
    "precis.abstractive.facts",
)
SEEDS = Path(__file__).resolve().parent / "seeds" / "check"
THRESHOLDS = (None, 0.0, 0.5, 1.0)
_EPS = 1e-9


def encode(summary: bytes, source: bytes, flags: int = 0) -> bytes:
    """The fuzz input for one (summary, source) pair; the inverse of :func:`decode`."""
    if len(summary) > 0xFFFF:
        raise ValueError(f"summary is {len(summary)} bytes; at most 65535 fit the layout")
    return bytes([flags & 0xFF]) + len(summary).to_bytes(2, "big") + summary + source


def decode(data: bytes) -> tuple[int, bytes, bytes]:
    """Flags, summary and source of a fuzz input (short inputs give empty parts)."""
    flags = data[0] if data else 0
    size = int.from_bytes(data[1:3], "big")
    return flags, data[3 : 3 + size], data[3 + size :]


@typed_errors_allowed
def one_input(data: bytes) -> None:
    """``precis check SOURCE SUMMARY`` on the two parts of ``data``; invariants of the result."""
    import dataclasses

    from precis.abstractive.check import check_source, format_text
    from precis.abstractive.guard import GuardOptions

    flags, summary, source = decode(data)
    guard = GuardOptions(policy="drop")  # the CLI's defaults (no NLI model, no embeddings)
    threshold = THRESHOLDS[(flags >> 2) & 3]
    if threshold is not None:
        guard = dataclasses.replace(guard, threshold=threshold)
    scratch = "/dev/shm" if os.path.isdir("/dev/shm") else None  # in memory where possible
    # fresh per input and removed after it (also when it raises): nothing is left behind
    with tempfile.TemporaryDirectory(prefix="precis-fuzz-check-", dir=scratch) as tmp:
        source_path = Path(tmp, "source.md" if flags & 1 else "source.txt")
        summary_path = Path(tmp, "summary.md" if flags & 2 else "summary.txt")
        source_path.write_bytes(source)
        summary_path.write_bytes(summary)
        result = check_source(
            str(source_path), str(summary_path), load=load_options(None), guard=guard
        )
    check_result(result)
    format_text(result)
    json.dumps(result.to_dict(), ensure_ascii=False, allow_nan=False)


def check_result(result: GuardResult) -> None:
    """Verdicts: one per sentence, scores in [0, 1], evidence spans, a consistent decision."""
    assert result.sentences, "check_source returned no verdicts"
    for i, s in enumerate(result.sentences):
        assert s.index == i and s.text, s
        assert math.isfinite(s.score) and -_EPS <= s.score <= 1 + _EPS, s
        assert all(0 <= e.sentence and 0 <= e.start < e.end for e in s.evidence), s
        assert s.duplicate_of is None or 0 <= s.duplicate_of < i, s
        if s.supported:
            assert s.score >= result.threshold - _EPS and not s.unsupported, s
    assert len(result.kept()) <= len(result.sentences)


def main(argv: list[str] | None = None) -> None:
    """Fuzz with libFuzzer's command line (``python bench/fuzz/fuzz_check.py -help=1``)."""
    argv = sys.argv if argv is None else argv
    fuzz(one_input, argv, instrument=INSTRUMENT, modules=MODULES, seeds=SEEDS)


if __name__ == "__main__":
    main()
