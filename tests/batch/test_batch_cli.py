"""The real CLI in a subprocess: one-line errors, the report, and kill -9 / Ctrl-C then resume."""

from __future__ import annotations

import json
import random
import signal
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from batch_helpers import (
    MIXED,
    cli_env,
    cli_prefix,
    count_lines,
    news_table,
    read_records,
    run_cli,
    wait_for_records,
)

KILL_INPUTS = 300


@pytest.fixture(scope="module")
def kill_table(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return news_table(tmp_path_factory.mktemp("kill") / "news.jsonl", KILL_INPUTS)


def _assert_one_record_each(output: Path, expected: set[str]) -> None:
    counts = Counter(r["id"] for r in read_records(output))
    duplicates = [i for i, n in counts.items() if n > 1]
    assert not duplicates, f"duplicate records: {duplicates[:5]}"
    assert set(counts) == expected, f"missing: {sorted(expected - set(counts))[:5]}"


def test_cli_batch_folder_report_and_records(mixed_folder: Path, tmp_path: Path) -> None:
    output, report = tmp_path / "out.jsonl", tmp_path / "report.json"
    done = run_cli(
        str(mixed_folder), "-o", str(output), "--workers", "2", "-n", "2", "--report", str(report)
    )
    assert done.returncode == 0, done.stderr
    assert "precis batch (complete)" in done.stderr
    _assert_one_record_each(output, set(MIXED))
    summary = json.loads(report.read_text())
    assert summary["ok"] == 5 and summary["failed_by_code"]["corrupt_pdf"] == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["{tmp}/nothing", "-o", "{tmp}/o.jsonl"], "no such file or folder"),
        (["{table}", "-o", "{tmp}/o.jsonl", "--column", "nope"], "no column 'nope'"),
        (["{table}", "-o", "{tmp}/o.txt"], "cannot tell the format"),
        (["{table}", "-o", "{tmp}/o.jsonl", "--method", "nope"], "unknown"),
        (["{table}", "-o", "{tmp}/o.jsonl", "--num-gpus", "1"], "--engine ray"),
    ],
)
def test_cli_batch_user_errors_are_one_line(
    tmp_path: Path, small_table: Path, args: list[str], message: str
) -> None:
    done = run_cli(*(a.format(tmp=tmp_path, table=small_table) for a in args))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and message in done.stderr, done.stderr


def test_cli_batch_other_options_refused(tmp_path: Path, small_table: Path) -> None:
    output = tmp_path / "out.jsonl"
    assert run_cli(str(small_table), "-o", str(output), "--limit", "3", "--quiet").returncode == 0
    refused = run_cli(str(small_table), "-o", str(output), "-n", "1", "--quiet")
    assert refused.returncode == 2 and "--no-resume" in refused.stderr
    assert refused.stderr.count("\n") == 1
    _assert_one_record_each(output, {"0", "1", "2"})


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_cli_batch_kill9_then_resume_one_record_per_input(
    tmp_path: Path, kill_table: Path, seed: int
) -> None:
    output = tmp_path / "out.jsonl"
    command = [*cli_prefix(), str(kill_table), "-o", str(output), "--workers", "2", "--quiet"]
    kill_after = random.Random(seed).randint(1, KILL_INPUTS // 2)
    process = subprocess.Popen(command, env=cli_env(), stderr=subprocess.DEVNULL)
    try:
        wait_for_records(output, kill_after, process, limit=60)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(10)
    written = count_lines(output)
    assert 0 < written < KILL_INPUTS, "the kill should land mid-run"
    resumed = subprocess.run(command, env=cli_env(), capture_output=True, timeout=120)
    assert resumed.returncode == 0, resumed.stderr
    _assert_one_record_each(output, {str(i) for i in range(KILL_INPUTS)})


def test_cli_batch_parquet_kill9_then_resume(tmp_path: Path, kill_table: Path) -> None:
    output = tmp_path / "out.parquet"
    command = [*cli_prefix(), str(kill_table), "-o", str(output), "--workers", "2", "--quiet"]
    process = subprocess.Popen([*command, "--part-records", "7"], env=cli_env())
    parts = tmp_path / "out.parquet.parts"
    try:
        for _ in range(6000):
            if parts.is_dir() and len(list(parts.glob("part-*.parquet"))) >= 5:
                break
            if process.poll() is not None:
                break
            subprocess.run(["sleep", "0.01"])
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(10)
    assert parts.is_dir() and not output.exists(), "the kill should land before the merge"
    resumed = subprocess.run([*command, "--part-records", "7"], env=cli_env(), timeout=120)
    assert resumed.returncode == 0
    _assert_one_record_each(output, {str(i) for i in range(KILL_INPUTS)})


def test_cli_batch_ctrl_c_keeps_finished_records(tmp_path: Path, kill_table: Path) -> None:
    output = tmp_path / "out.jsonl"
    command = [*cli_prefix(), str(kill_table), "-o", str(output), "--workers", "2"]
    process = subprocess.Popen(command, env=cli_env(), stderr=subprocess.PIPE, text=True)
    wait_for_records(output, 20, process, limit=60)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130, stderr
    assert "rerun the same command to resume" in stderr
    written = {r["id"] for r in read_records(output)}
    assert 0 < len(written) < KILL_INPUTS
    assert subprocess.run([*command, "--quiet"], env=cli_env(), timeout=120).returncode == 0
    _assert_one_record_each(output, {str(i) for i in range(KILL_INPUTS)})


def test_cli_batch_module_usage_error_is_one_line() -> None:
    """``python -m precis.batch.command`` keeps the one-line contract without precis.cli."""
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "precis.batch.command"],
        capture_output=True,
        text=True,
        timeout=120,
        env=cli_env(),
    )
    assert done.returncode == 2
    assert done.stderr == "precis: error: Missing argument 'INPUT'.\n", done.stderr
