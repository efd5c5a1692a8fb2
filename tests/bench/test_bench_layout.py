"""The layout benchmark on two pdf_gold documents (issue 14), scored by pdf_gold's score.py.

bench/bench_layout.py runs all 60 documents; here one two-column paper and one three-column
magazine page run on every change, with the gold body itself as an oracle tool.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import bench_layout  # noqa: E402

_IDS = ("acl2col-C04-1059", "magazine-news8a87811f")


@pytest.fixture(scope="module")
def gold() -> Path:
    if not all((bench_layout.GOLD / f"{i}.pdf").is_file() for i in _IDS):
        pytest.skip("the shared data folder (pdf_gold) is not beside the repository")
    return bench_layout.GOLD


@pytest.fixture(scope="module")
def layouts(gold: Path) -> dict[str, str]:
    return bench_layout.load_scorer(gold).load_layouts(gold)


@pytest.fixture(scope="module")
def results(gold: Path, layouts: dict[str, str]) -> dict:
    tools, skipped = bench_layout.make_tools(["precis", "pypdfium2"])
    assert skipped == {}
    oracle = bench_layout.Tool(
        "gold", "-", lambda pdf: pdf.with_suffix(".body.txt").read_text(encoding="utf-8")
    )
    return bench_layout.benchmark([*tools, oracle], gold, _IDS, layouts)


def test_bench_layout_gold_scored_against_itself_is_perfect(results: dict) -> None:
    for doc in results["gold"]["documents"].values():
        counts = doc["counts"]
        assert counts["W+"] == counts["W-"] == counts["W~"] == 0
        assert counts["P+"] == counts["P-"] == counts["NL+"] == counts["NL-"] == 0
        assert doc["rates_pct"]["word_f1"] == 100.0
        assert all(hit == 0 for hit, _ in counts["leak"].values())


@pytest.mark.parametrize("doc_id", _IDS)
def test_bench_layout_precis_recovers_the_body(results: dict, doc_id: str) -> None:
    doc = results["precis"]["documents"][doc_id]
    assert doc["rates_pct"]["word_f1"] > 85.0
    assert doc["rates_pct"]["W-"] < 1.0
    assert doc["seconds"] > 0


def test_bench_layout_precis_keeps_more_paragraph_breaks_than_the_raw_layer(results: dict) -> None:
    # pypdfium2's raw layer has no blank lines: each page is one paragraph.
    precis = results["precis"]["summary"]["all"]["mean_pct"]["NL-"]
    raw = results["pypdfium2"]["summary"]["all"]["mean_pct"]["NL-"]
    assert raw > 80.0
    assert precis < raw / 4


def test_bench_layout_precis_drops_the_page_furniture_the_raw_layer_keeps(results: dict) -> None:
    furniture = ("running_head", "page_number")

    def leaked(tool: str) -> int:
        docs = results[tool]["documents"].values()
        return sum(d["counts"]["leak"].get(r, [0, 0])[0] for d in docs for r in furniture)

    assert leaked("pypdfium2") >= 8
    assert leaked("precis") == 0


def test_bench_layout_summary_per_layout_and_overall(results: dict) -> None:
    summary = results["precis"]["summary"]
    assert set(summary) == {"all", "acl2col", "magazine"}
    assert summary["all"]["docs"] == 2
    assert summary["acl2col"]["docs"] == summary["magazine"]["docs"] == 1
    pair = [summary[g]["mean_pct"]["word_f1"] for g in ("acl2col", "magazine")]
    assert summary["all"]["mean_pct"]["word_f1"] == pytest.approx(sum(pair) / 2, abs=0.01)


def test_bench_layout_main_writes_every_measure_per_tool(gold: Path, tmp_path: Path) -> None:
    out = tmp_path / "layout.json"
    argv = ["--ids", ",".join(_IDS), "--tools", "precis,pdftotext,pypdfium2", "--out", str(out)]
    assert bench_layout.main([*argv, "--gold", str(gold)]) == 0
    payload = json.loads(out.read_text(encoding="utf-8"))
    assert payload["documents"] == 2
    assert len(payload["corpus_sha256"]) == 64
    for name in ("precis", "pdftotext", "pypdfium2"):
        if name in payload["skipped"]:
            continue
        tool = payload["tools"][name]
        assert tool["version"]
        for group in ("all", "acl2col", "magazine"):
            assert set(tool["summary"][group]["mean_pct"]) == set(payload["measures"])
        for doc in tool["documents"].values():
            assert set(payload["measures"]) <= set(doc["rates_pct"])
            assert "caption" in doc["counts"]["leak"]


def test_bench_layout_unknown_tool_is_refused() -> None:
    with pytest.raises(ValueError, match="pdfplumber"):
        bench_layout.make_tools(["nosuchtool"])
