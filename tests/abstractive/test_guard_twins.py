"""The guard on hand-written twins from real CNN/DM articles (issue 16).

``tests/fixtures/guard/twins.jsonl`` (origin in ``tests/fixtures/ORIGIN_guard.md``): 130 pairs,
a faithful paraphrase of one fact of a real article and its twin with one error of a kind word
overlap cannot see. ``bench/bench_guard_twins.py`` reports the same figures per kind.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from precis.abstractive.guard import Guard
from precis.api import load_text

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "guard"


def _bench():
    spec = importlib.util.spec_from_file_location(
        "bench_guard_twins", ROOT / "bench" / "bench_guard_twins.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def twins():
    pairs = [json.loads(line) for line in (FIXTURES / "twins.jsonl").open(encoding="utf-8")]
    articles = {
        row["article"]: row["source"]
        for row in map(json.loads, (FIXTURES / "twins_articles.jsonl").open(encoding="utf-8"))
    }
    return {p["id"]: p for p in pairs}, articles


def _verdicts(twins, pair_id: str):
    pairs, articles = twins
    pair = pairs[pair_id]
    guard = Guard(load_text(articles[pair["article"]]))
    return [guard.check([pair[k]]).sentences[0] for k in ("supported", "unsupported")]


@pytest.mark.parametrize(
    ("pair_id", "reason"),
    [
        ("circ-015", "circumstance"),  # March 14: the concert's date, not the stabbing's
        ("circ-036", "circumstance"),  # 39 cars: the Boulder pile-up's count, not Fort Carson's
        ("circ-004", "circumstance"),  # 36 hours: another survivor's, not the baby's
        ("mis-024", "misattribution"),  # the witness's words given to the police spokesman
        ("mis-003", "misattribution"),  # the specialist's words given to the plaintiff
        ("neg-003", "negation"),  # "not carrying any supplies critical" dropped
        ("neg-022", "negation"),  # "expected to make a full recovery" denied
    ],
)
def test_a_moved_fact_is_flagged_and_its_faithful_twin_is_not(twins, pair_id, reason):
    faithful, twin = _verdicts(twins, pair_id)
    assert faithful.supported, faithful.unsupported
    assert not twin.supported
    assert reason in {i.kind for i in twin.unsupported}


def test_twins_caught_and_faithful_sentences_kept(twins):
    """Issue 16's line is >= 90% caught with <= 5% of faithful twins flagged; today's
    figures (bench/results/guard_twins.json) are the floor this test holds."""
    pairs, articles = twins
    bench = _bench()
    summary = bench.summarise(bench.judge(list(pairs.values()), articles))
    assert summary["all"]["pairs"] == 130
    assert summary["all"]["faithful_flagged"] <= 0.05
    assert summary["all"]["caught"] >= 0.35
    for kind, floor in (("negation", 0.4), ("misattribution", 0.25), ("circumstance", 0.3)):
        assert summary[kind]["caught"] >= floor, (kind, summary[kind])
