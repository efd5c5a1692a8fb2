"""CI smoke run of the atheris harnesses: each fuzzes briefly, finds nothing, reports executions.

A short bounded run per target (``bench/fuzz/run.py --runs``/``--seconds``) through real atheris
in a subprocess, so instrumentation, seeds, libFuzzer flags and the results file are exercised
on every CI run; the long campaigns are ``python bench/fuzz/run.py <target> --seconds 1800``.
The parser of libFuzzer's output is checked on a recorded crash transcript.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RUN = ROOT / "bench" / "fuzz" / "run.py"
TARGETS = ("text", "html", "pdf", "check")
SMOKE_RUNS, SMOKE_SECONDS = 300, 8  # whichever ends first; about 12 s a target with start-up

needs_atheris = pytest.mark.skipif(
    importlib.util.find_spec("atheris") is None,
    reason="atheris is not installed (pip install atheris; it is in the test extra)",
)


@needs_atheris
@pytest.mark.parametrize("target", TARGETS)
def test_fuzz_smoke_harness_runs_without_findings(target: str, tmp_path: Path) -> None:
    cmd = [sys.executable, str(RUN), target, "--runs", str(SMOKE_RUNS)]
    cmd += ["--seconds", str(SMOKE_SECONDS), "--quiet"]
    cmd += ["--work-dir", str(tmp_path / "work"), "--results-dir", str(tmp_path)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    result = json.loads((tmp_path / f"fuzz_{target}.json").read_text())
    assert result["crashes"]["count"] == 0 and not result["harness_failures"]
    assert result["executions"] > 0 and result["coverage"]["cov"] > 0
    assert result["atheris"] and result["python"]


CRASH_TRANSCRIPT = """\
#2\tINITED cov: 2 ft: 2 corp: 1/3b exec/s: 0 rss: 40Mb
#9\tREDUCE cov: 2 ft: 2 corp: 1/1b lim: 4 exec/s: 0 rss: 40Mb L: 1/1 MS: 3 ShuffleBytes-

 === Uncaught Python exception: ===
ValueError: boom
Traceback (most recent call last):
  File "/tmp/t.py", line 5, in one
ValueError: boom

==17130== ERROR: libFuzzer: fuzz target exited
artifact_prefix='/tmp/art/'; Test unit written to /tmp/art/crash-a9993e364706816aba3e25717850c26c9cd0d89d
Base64: YWJj
stat::number_of_executed_units: 118
stat::average_exec_per_sec:     0
stat::new_units_added:          2
stat::slowest_unit_time_sec:    0
stat::peak_rss_mb:              40
"""


def _load_run_module():
    """bench/fuzz/run.py under a unique module name (``run`` alone is too common)."""
    spec = importlib.util.spec_from_file_location("precis_fuzz_run", RUN)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_fuzz_run_parses_crash_artifact_and_stats() -> None:
    run = _load_run_module()
    stats, status, artifacts, reason = run.parse_output(CRASH_TRANSCRIPT)
    assert stats["number_of_executed_units"] == 118 and stats["peak_rss_mb"] == 40
    assert status["cov"] == 2 and status["corpus_units"] == 1 and status["corpus_bytes"] == 1
    assert artifacts == ["/tmp/art/crash-a9993e364706816aba3e25717850c26c9cd0d89d"]
    assert reason == "ValueError: boom"
    campaign = run.Campaign("text", 10, None)
    campaign.attempts.append(
        run.Attempt(["x"], Path("l"), 77, 1.0, stats, status, artifacts, reason)
    )
    found = campaign.to_dict()["crashes"]
    assert found["count"] == 1 and found["findings"][0]["kind"] == "crash"
