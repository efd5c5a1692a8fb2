"""The tune/report split (bench/splits.py): fixed by md5 of the id, limit counted after it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from splits import split_examples, split_of  # noqa: E402


@pytest.mark.parametrize(
    ("example_id", "side"),
    [("1", "report"), ("2", "tune"), ("3", "report"), ("4", "tune"), ("abc", "tune")],
)
def test_split_of_is_pinned(example_id, side):
    """Pinned: a changed split would leak tuning rows into published figures."""
    assert split_of(example_id) == side


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    path = tmp_path / "set.jsonl"
    rows = [{"id": str(i), "source": f"Text {i}.", "reference": "Ref."} for i in range(1, 11)]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_split_examples_limit_counts_after_the_split(dataset):
    assert [e.id for e in split_examples(dataset, "report", 2)] == ["1", "3"]


def test_split_examples_halves_partition_all(dataset):
    tune = {e.id for e in split_examples(dataset, "tune")}
    report = {e.id for e in split_examples(dataset, "report")}
    assert not tune & report
    assert tune | report == {e.id for e in split_examples(dataset, "all")}


@pytest.mark.parametrize(("split", "limit"), [("train", None), ("report", -1)])
def test_split_examples_rejects_bad_arguments(dataset, split, limit):
    with pytest.raises(ValueError, match=str(limit if limit is not None else split)):
        split_examples(dataset, split, limit)
