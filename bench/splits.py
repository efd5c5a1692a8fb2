"""The tune/report split of the shared sets, by a fixed hash of each row's id (issue 3).

Parameters are chosen on ``tune`` rows and the figures we publish come from ``report`` rows, so
no published number was fitted on the rows it is measured on. md5 rather than ``hash()``: Python
salts string hashes per process, and the split must be the same on every run and machine.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from precis.evaluate.datasets import Example, read_dataset

SPLITS = ("tune", "report", "all")


def split_of(example_id: str) -> str:
    """``"tune"`` when the md5 of the id is even, ``"report"`` when it is odd."""
    digest = hashlib.md5(example_id.encode("utf-8"), usedforsecurity=False).hexdigest()
    return "report" if int(digest, 16) % 2 else "tune"


def split_examples(path: str | Path, split: str, limit: int | None = None) -> Iterator[Example]:
    """The examples of one JSONL set on ``split``'s side; ``limit`` counts after the split.

    Raises:
        ValueError: ``split`` is not one of :data:`SPLITS`, or ``limit`` is negative.
    """
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; choose one of {', '.join(SPLITS)}")
    if limit is not None and limit < 0:
        raise ValueError(f"limit must be zero or positive, got {limit}")
    return _take(read_dataset(path), split, limit)


def _take(examples: Iterator[Example], split: str, limit: int | None) -> Iterator[Example]:
    count = 0
    for example in examples:
        if limit is not None and count >= limit:
            return
        if split == "all" or split_of(example.id) == split:
            count += 1
            yield example
