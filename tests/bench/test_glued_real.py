"""The glued-word step on real documents, scored against the labels kept as data (issue 13).

bench/bench_glued.py runs the whole corpus; here three documents that exercise the gates run on
every change: a datasheet whose text layer glues words throughout, the MapReduce paper (a term
written 92 times, and real glue), and a web page full of ``about:`` URLs and code words.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import glued_real  # noqa: E402
from realdocs import documents  # noqa: E402

_IDS = ("shared-papermage-2206-10883v3", "sciparse-map-reduce", "readability-firefox-nightly-blog")


@pytest.fixture(scope="module")
def scores() -> dict:
    docs = [d for d in documents() if d.id in _IDS]
    if len(docs) < len(_IDS):
        pytest.skip("the shared data folder is not beside the repository")
    return glued_real.score([glued_real.doc_splits(d) for d in docs])


def test_glued_real_every_split_is_labelled_right(scores: dict) -> None:
    for kind in ("pdf", "html"):
        assert scores[kind]["unlabeled_splits"] == []
        assert scores[kind]["wrong"] == 0


def test_glued_real_restores_the_labelled_glue(scores: dict) -> None:
    assert scores["pdf"]["right"] >= 40
    assert scores["pdf"]["recall"] >= 0.9


def test_glued_real_web_page_gets_no_split(scores: dict) -> None:
    assert scores["html"]["splits"] == 0
