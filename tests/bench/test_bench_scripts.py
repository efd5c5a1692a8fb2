"""compare_peers and tune_extractive end to end on two shared documents (skipped without data)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
DATA = ROOT.parent / "shared" / "data"

pytestmark = pytest.mark.skipif(
    not (DATA / "cnndm_test.jsonl").is_file(), reason="needs ../shared/data"
)


def test_compare_peers_writes_results_on_the_report_split(tmp_path, capsys):
    import compare_peers

    argv = ["--sets", "cnndm_test", "--limit", "2", "--methods", "lead", "--workers", "1"]
    assert compare_peers.main([*argv, "--out-dir", str(tmp_path)]) == 0
    payload = json.loads((tmp_path / "compare_peers.json").read_text())
    assert payload["split"] == "report"
    data = payload["sets"]["cnndm_test"]
    assert data["documents"] == 2
    systems = data["budgets"]["words"]
    assert systems["precis-lead"]["rouge"]["mean"] == systems["lead"]["rouge"]["mean"]
    assert (tmp_path / "compare_peers.png").is_file()
    assert "| precis-lead |" in (tmp_path / "compare_peers.md").read_text()


def test_tune_extractive_runs_methods_and_variants(tmp_path, capsys):
    import tune_extractive

    out = tmp_path / "tune.json"
    argv = ["--sets", "cnndm_test", "--limit", "2", "--methods", "lead", "--no-peers"]
    assert tune_extractive.main([*argv, "--variant", "l2:lead:", "--json", str(out)]) == 0
    systems = json.loads(out.read_text())["sets"]["cnndm_test"]["systems"]
    assert set(systems) == {"lead-K", "lead", "l2"}
    assert systems["lead"]["K-rouge1"] == systems["lead-K"]["K-rouge1"]


def test_abstractive_gpu_compares_precis_with_the_pipeline(tmp_path):
    pytest.importorskip("torch")
    import abstractive_gpu

    out = tmp_path / "abstractive.json"
    argv = ["--size", "tiny", "--docs", "4", "--batch-size", "2", "--max-new-tokens", "8"]
    argv += ["--max-input-tokens", "128", "--work-dir", str(tmp_path), "--out", str(out)]
    assert abstractive_gpu.main(argv) == 0
    payload = json.loads(out.read_text())
    assert payload["documents"] == 4 and payload["random_weights"]
    systems = set(payload["systems"])
    assert systems in ({"precis", "pipeline"}, {"precis", "pipeline-loop"})
    assert payload["identical_outputs"] == 1.0  # same model, inputs and greedy settings
    for row in payload["systems"].values():
        assert row["output_tokens"] > 0 and row["docs_per_s"] > 0
    assert payload["mean_input_tokens"] <= 128


@pytest.mark.skipif(
    not (DATA / "keyphrases" / "inspec.jsonl").is_file(), reason="needs ../shared/data/keyphrases"
)
def test_bench_keyphrases_scores_precis_per_split(tmp_path, capsys):
    import bench_keyphrases

    out = tmp_path / "keyphrases.json"
    argv = ["--sets", "inspec", "--limit", "6", "--methods", "precis", "summa"]
    payload = bench_keyphrases.main([*argv, "--summa-sets", "--overhead", "", "--out", str(out)])
    assert json.loads(out.read_text()) == payload
    precis = payload["sets"]["inspec"]["precis"]
    assert precis["all"]["documents"] == 6
    assert precis["tune"]["documents"] + precis["report"]["documents"] == 6
    assert 0 < precis["all"]["F1@10"] <= 100 and precis["docs_per_s"] > 0
    assert "skipped" in payload["sets"]["inspec"]["summa"]
    assert "overhead" not in payload
