#!/usr/bin/env python3
"""Run the atheris harnesses for a time each and write bench/results/fuzz_<target>.json.

Each harness runs in its own process (one core: no -jobs/-workers) with libFuzzer's limits: a
total time, a per-input timeout, an RSS limit, crash artifacts and a growing working corpus
under ``--work-dir`` (git-ignored), the checked-in seeds read alongside. The final stats are
parsed into the results file: executions, execs/s, coverage, and every crash, hang or
out-of-memory artifact with the exception libFuzzer reported. libFuzzer stops at the first
crash; ``--keep-going N`` restarts it (same corpus) up to N times to look for more. The exit
status is 1 when anything was found, so the script can gate CI.

Usage:
    python bench/fuzz/run.py text --seconds 1800     # the issue's 30-minute campaign
    python bench/fuzz/run.py all --seconds 120
    python bench/fuzz/run.py pdf --runs 300          # a bounded smoke run
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TARGETS = ("text", "html", "pdf", "check")
# Longest input libFuzzer generates per target: above every seed, small enough to mutate fast.
MAX_LEN = {"text": 16384, "html": 65536, "pdf": 131072, "check": 16384}
FAILURES = ("crash", "timeout", "oom", "leak")  # libFuzzer's artifact prefixes that count

_STAT = re.compile(r"^stat::(\w+):\s+(\d+)", re.MULTILINE)
_STATUS = re.compile(
    r"^#(\d+)\s+(?:INITED|NEW|REDUCE|pulse|DONE|RELOAD)\s+(?:cov: (\d+) ft: (\d+) )?"
    r"corp: (\d+)/(\d+)(b|Kb|Mb)",
    re.MULTILINE,
)
_ARTIFACT = re.compile(r"Test unit written to (\S+)")
_PY_EXCEPTION = re.compile(r"=== Uncaught Python exception: ===\n(.+)")
_LIBFUZZER_ERROR = re.compile(r"ERROR: libFuzzer: (.+)")
_UNIT_SIZE = {"b": 1, "Kb": 1024, "Mb": 1024 * 1024}


@dataclass
class Attempt:
    """One libFuzzer process: its command, output log and what it reported."""

    command: list[str]
    log: Path
    returncode: int
    wall_s: float
    stats: dict[str, int]
    status: dict[str, int]
    artifacts: list[str]
    reason: str | None


@dataclass
class Campaign:
    """All attempts on one target (several when --keep-going restarts after a crash)."""

    target: str
    seconds: int | None
    runs: int | None
    attempts: list[Attempt] = field(default_factory=list)

    @property
    def executions(self) -> int:
        return sum(a.stats.get("number_of_executed_units", 0) for a in self.attempts)

    @property
    def wall_s(self) -> float:
        return sum(a.wall_s for a in self.attempts)

    def findings(self) -> list[dict[str, Any]]:
        """Every failure artifact, with its kind and the error libFuzzer printed."""
        out = []
        for a in self.attempts:
            for path in filter(is_failure, a.artifacts):
                kind = Path(path).name.split("-", 1)[0]
                out.append({"kind": kind, "artifact": path, "error": a.reason, "log": str(a.log)})
        return out

    @property
    def broken(self) -> list[Attempt]:
        """Attempts that failed without an artifact (the harness died before fuzzing)."""
        return [
            a for a in self.attempts if a.returncode != 0 and not any(map(is_failure, a.artifacts))
        ]

    def to_dict(self) -> dict[str, Any]:
        last = self.attempts[-1] if self.attempts else None
        findings = self.findings()
        status = last.status if last else {}
        return {
            "target": self.target,
            "seconds": self.seconds,
            "runs": self.runs,
            "wall_seconds": round(self.wall_s, 1),
            "executions": self.executions,
            "execs_per_s": round(self.executions / self.wall_s, 1) if self.wall_s else None,
            "crashes": {
                "count": len(findings),
                "artifacts": [f["artifact"] for f in findings],
                "findings": findings,
            },
            "harness_failures": [
                {"returncode": a.returncode, "log": str(a.log)} for a in self.broken
            ],
            "coverage": {k: status.get(k) for k in ("cov", "ft", "corpus_units", "corpus_bytes")},
            "new_units_added": sum(a.stats.get("new_units_added", 0) for a in self.attempts),
            "peak_rss_mb": max(
                (a.stats.get("peak_rss_mb", 0) for a in self.attempts), default=None
            ),
            "slowest_unit_s": max(
                (a.stats.get("slowest_unit_time_sec", 0) for a in self.attempts), default=None
            ),
            "attempts": len(self.attempts),
            "command": last.command if last else None,
        }


def is_failure(artifact: str) -> bool:
    """Whether an artifact is a finding (crash, hang, OOM, leak), not e.g. a slow unit."""
    return Path(artifact).name.split("-", 1)[0] in FAILURES


def parse_output(text: str) -> tuple[dict[str, int], dict[str, int], list[str], str | None]:
    """Final stats, the last status line, artifact paths and the reported error of one run."""
    stats = {k: int(v) for k, v in _STAT.findall(text)}
    status: dict[str, int] = {}
    for m in _STATUS.finditer(text):
        status["executions_at_status"] = int(m.group(1))
        if m.group(2):
            status["cov"], status["ft"] = int(m.group(2)), int(m.group(3))
        status["corpus_units"] = int(m.group(4))
        status["corpus_bytes"] = int(m.group(5)) * _UNIT_SIZE[m.group(6)]
    artifacts = _ARTIFACT.findall(text)
    error = _PY_EXCEPTION.search(text) or _LIBFUZZER_ERROR.search(text)
    reason = error.group(1).strip() if error else None
    return stats, status, artifacts, reason


def command(
    target: str, args: argparse.Namespace, corpus: Path, artifacts: Path, seconds: int | None
) -> list[str]:
    """The harness command line with its libFuzzer flags."""
    cmd = [
        sys.executable,
        str(HERE / f"fuzz_{target}.py"),
        str(corpus),
        str(HERE / "seeds" / target),
        f"-timeout={args.timeout}",
        f"-rss_limit_mb={args.rss_limit_mb}",
        f"-max_len={args.max_len or MAX_LEN[target]}",
        "-print_final_stats=1",
        f"-artifact_prefix={artifacts}{os.sep}",
    ]
    if seconds is not None:
        cmd.append(f"-max_total_time={seconds}")
    if args.runs is not None:
        cmd.append(f"-runs={args.runs}")
    if args.instrument:
        cmd.append(f"--instrument={args.instrument}")
    return cmd + list(args.libfuzzer)


def run_target(target: str, args: argparse.Namespace) -> Campaign:
    """Fuzz one target; restart after a finding while --keep-going and time allow."""
    work = Path(args.work_dir).resolve() / target
    corpus, artifacts, logs = work / "corpus", work / "artifacts", work / "logs"
    for folder in (corpus, artifacts, logs):
        folder.mkdir(parents=True, exist_ok=True)
    campaign = Campaign(target, args.seconds, args.runs)
    deadline = time.monotonic() + args.seconds if args.seconds else None
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    env.pop("PRECIS_DEBUG", None)
    while True:
        seconds = None if deadline is None else max(1, round(deadline - time.monotonic()))
        cmd = command(target, args, corpus, artifacts, seconds)
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S")
        log = logs / f"{stamp}-{len(campaign.attempts)}.log"
        print(f"fuzz {target}: {' '.join(cmd)}", flush=True)
        started = time.monotonic()
        returncode, output = _tee(cmd, log, env, quiet=args.quiet)
        wall = time.monotonic() - started
        stats, status, found, reason = parse_output(output)
        attempt = Attempt(cmd, log, returncode, wall, stats, status, found, reason)
        campaign.attempts.append(attempt)
        if attempt.returncode != 0 and not found:
            print(
                f"fuzz {target}: harness failed (exit {attempt.returncode}); see {log}", flush=True
            )
            print("\n".join(output.splitlines()[-20:]), flush=True)
            break
        if not any(is_failure(path) for path in found):
            break
        if len(campaign.attempts) > args.keep_going:
            break
        if deadline is not None and deadline - time.monotonic() < 30:
            break
    return campaign


def _tee(cmd: list[str], log: Path, env: dict[str, str], *, quiet: bool) -> tuple[int, str]:
    """Run ``cmd``; copy its merged output to ``log`` (and the console unless quiet)."""
    lines = []
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen(
            cmd,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=ROOT,
            text=True,
            errors="replace",
        )
        assert proc.stdout is not None
        for line in proc.stdout:
            out.write(line)
            lines.append(line)
            if not quiet:
                sys.stdout.write(line)
        returncode = proc.wait()
    return returncode, "".join(lines)


def write_results(campaign: Campaign, folder: Path) -> Path:
    """``fuzz_<target>.json`` with the campaign, limits and versions."""
    from harness import (
        MAX_INPUT_BYTES,
        MAX_PAGES,
        MAX_SENTENCES,
        TIME_LIMIT_S,
        seed_files,
        versions,
    )

    payload = {
        **campaign.to_dict(),
        **versions(),
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "cpu_count": os.cpu_count(),
        "seeds": len(seed_files(HERE / "seeds" / campaign.target)),
        "limits": {
            "max_input_bytes": MAX_INPUT_BYTES,
            "max_pages": MAX_PAGES,
            "max_sentences": MAX_SENTENCES,
            "time_limit_s": TIME_LIMIT_S,
        },
    }
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"fuzz_{campaign.target}.json"
    path.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return path


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", choices=(*TARGETS, "all"))
    parser.add_argument("--seconds", type=int, default=None, help="fuzzing time per target")
    parser.add_argument("--runs", type=int, default=None, help="stop after this many inputs")
    parser.add_argument("--timeout", type=int, default=20, help="seconds per input (a hang)")
    parser.add_argument("--rss-limit-mb", type=int, default=2048)
    parser.add_argument("--max-len", type=int, default=None, help="longest generated input")
    parser.add_argument("--keep-going", type=int, default=0, help="restarts after a finding")
    parser.add_argument("--instrument", default=None, help="packages to instrument (a,b,...)")
    parser.add_argument("--work-dir", default=str(HERE / "work"), help="corpus, artifacts, logs")
    parser.add_argument("--results-dir", default=str(ROOT / "bench" / "results"))
    parser.add_argument("--quiet", action="store_true", help="libFuzzer output to the log only")
    parser.add_argument("libfuzzer", nargs="*", help="extra libFuzzer flags, after --")
    args = parser.parse_args(argv)
    if args.seconds is None and args.runs is None:
        parser.error("give --seconds or --runs (or both)")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sys.path.insert(0, str(HERE))
    targets = TARGETS if args.target == "all" else (args.target,)
    failed = False
    rows = []
    for target in targets:
        campaign = run_target(target, args)
        path = write_results(campaign, Path(args.results_dir))
        findings = campaign.findings()
        failed |= bool(findings or campaign.broken)
        rate = campaign.executions / campaign.wall_s if campaign.wall_s else 0.0
        rows.append((target, campaign.executions, rate, len(findings), path))
        for f in findings:
            print(f"fuzz {target}: FOUND {f['kind']}: {f['artifact']} ({f['error']})")
    print(f"\n{'target':8} {'executions':>11} {'exec/s':>8} {'found':>6}  results")
    for target, executions, rate, found, path in rows:
        print(f"{target:8} {executions:>11} {rate:>8.1f} {found:>6}  {path}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
