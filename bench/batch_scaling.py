"""Batch scaling (issue 6): docs/s of the local engine and of Ray with 1 and 2 workers, kill -9
and resume at random moments, and peak memory against the number of inputs.

Documents are the 267 CNN/DailyMail test articles (``../shared/data/cnndm_test.jsonl``) repeated
and varied (each copy rotates its sentences and keeps all of them, so every document is
news-length and different) into one JSONL table. Every run is the real CLI in a fresh process,
``precis batch TABLE -o OUT --workers W --report R``, as a user runs it.

- scaling: docs/s end to end (start-up included) and steady (from the first record to the last);
  1->2 worker efficiency = docs/s(2) / (2 x docs/s(1)); Ray's overhead at 2 workers =
  docs/s(local) / docs/s(ray) - 1. Ray is measured twice: ``ray`` starts its own local cluster
  inside the run (``ray.init``), ``ray-cluster`` joins one started before (``ray start --head``,
  ``--address auto``), which is how a cluster is used.
- ``--kill-test K``: K random moments (uniform over the run, after the first record), each
  ``kill -9`` of the CLI then a resume; each time exactly one record per input is checked.
- ``--memory``: peak RSS of the whole process tree (parent, forkserver, workers; sampled from
  /proc every 50 ms) and the parent's own ``ru_maxrss`` for 10,000 and 100,000 inputs.

    python bench/batch_scaling.py --docs 10000
    python bench/batch_scaling.py --docs 2000 --kill-test 10 --memory --memory-docs 2000,20000

Results: ``bench/results/batch_scaling.json`` (sections are merged, so runs can be split).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "cnndm_test.jsonl"
RESULTS = ROOT / "bench" / "results" / "batch_scaling.json"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


def build_corpus(count: int, path: Path, source: Path = DATA) -> Path:
    """``count`` news-length documents: the shared articles, each copy's sentences rotated."""
    articles = [json.loads(line)["source"] for line in source.read_text().splitlines() if line]
    with path.open("w", encoding="utf-8") as handle:
        for index in range(count):
            sentences = _SENTENCE_END.split(articles[index % len(articles)])
            shift = (index // len(articles)) % max(len(sentences), 1)
            text = " ".join(sentences[shift:] + sentences[:shift])
            handle.write(json.dumps({"id": f"doc-{index:07d}", "text": text}) + "\n")
    return path


def cli(table: Path, output: Path, *extra: str) -> list[str]:
    """The batch command line (precis.cli when it has ``batch``, else the command module)."""
    from precis.cli import app

    if "batch" in {c.name for c in app.registered_commands}:
        prefix = [sys.executable, "-m", "precis.cli", "batch"]
    else:
        prefix = [sys.executable, "-m", "precis.batch.command"]
    return [*prefix, str(table), "-o", str(output), "--id-column", "id", "--quiet", *extra]


def run_once(table: Path, work: Path, engine: str, workers: int, address: str | None) -> dict:
    """One fresh run; its report, with the machine's load at the start."""
    output, report = (
        work / f"out-{engine}-{workers}.jsonl",
        work / f"report-{engine}-{workers}.json",
    )
    extra = ["--engine", "ray" if engine.startswith("ray") else "local", "--workers", str(workers)]
    if address:
        extra += ["--address", address]
    load = os.getloadavg()[0]
    command = cli(table, output, "--no-resume", "--report", str(report), *extra)
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{engine} x{workers} failed: {done.stderr.strip()[-500:]}")
    result = json.loads(report.read_text())
    result["load_before"] = round(load, 2)
    return result


def scaling(table: Path, work: Path, engines: Sequence[str], workers: Sequence[int]) -> dict:
    """docs/s per engine and worker count; efficiency and Ray's overhead where both exist."""
    rows: dict[str, dict[str, Any]] = {}
    for engine in engines:
        address = None
        if engine == "ray-cluster":
            address = _start_ray_cluster(max(workers))
        try:
            for count in workers:
                report = run_once(table, work, engine, count, address)
                rows[f"{engine}-{count}"] = {
                    k: report[k]
                    for k in (
                        "docs_per_s",
                        "steady_docs_per_s",
                        "first_record_s",
                        "seconds",
                        "records",
                        "failed",
                        "load_before",
                    )
                }
                print(f"{engine:12s} x{count}: {_row(rows[f'{engine}-{count}'])}", flush=True)
        finally:
            if address:
                subprocess.run(["ray", "stop", "--force"], capture_output=True)
    return {"runs": rows, "derived": _derived(rows, engines, workers)}


def _row(row: dict[str, Any]) -> str:
    return (
        f"{row['docs_per_s']:7.1f} docs/s end to end, {row['steady_docs_per_s'] or 0:7.1f} steady, "
        f"first record after {row['first_record_s']} s (load {row['load_before']})"
    )


def _derived(rows: dict[str, Any], engines: Sequence[str], workers: Sequence[int]) -> dict:
    out: dict[str, Any] = {}
    for key in ("docs_per_s", "steady_docs_per_s"):
        for engine in engines:
            one, two = rows.get(f"{engine}-1"), rows.get(f"{engine}-2")
            if one and two and one[key] and two[key]:
                out[f"{engine}_efficiency_1to2_{key}"] = round(two[key] / (2 * one[key]), 3)
        local = rows.get("local-2")
        for engine in ("ray", "ray-cluster"):
            other = rows.get(f"{engine}-2")
            if local and other and local[key] and other[key]:
                out[f"{engine}_overhead_at_2_{key}"] = round(local[key] / other[key] - 1, 3)
    return out


def _start_ray_cluster(cpus: int) -> str:
    """A local Ray head (what ``ray start --head`` on a real cluster is); returns its address."""
    subprocess.run(["ray", "stop", "--force"], capture_output=True)
    command = ["ray", "start", "--head", f"--num-cpus={cpus}", "--include-dashboard=false"]
    command += ["--node-ip-address=127.0.0.1", "--disable-usage-stats"]
    env = dict(os.environ, RAY_worker_niceness="0")  # as the engine's own cluster: no nice 15
    subprocess.run(command, check=True, capture_output=True, env=env)
    return "auto"


def kill_test(table: Path, work: Path, kills: int, workers: int, seed: int, fmt: str) -> dict:
    """``kills`` runs killed (-9) at a random moment, each resumed and checked.

    JSONL: the moment is when the output reaches a random share (2-98%) of its final size (so
    every kill lands mid-run, whatever the machine's load); Parquet: a random time after the
    first part, uniform over the length of a calibration run.
    """
    expected = _ids(table)
    rng = random.Random(seed)
    calibration = run_once(table, work, "local", workers, None)
    final_size = (work / f"out-local-{workers}.jsonl").stat().st_size
    span = max(calibration["seconds"] - (calibration["first_record_s"] or 0), 0.5)
    outcomes = []
    for attempt in range(kills):
        output = work / f"kill-{attempt}.{fmt}"
        extra = ["--workers", str(workers), "--part-records", "50"]
        process = subprocess.Popen(cli(table, output, *extra), stderr=subprocess.DEVNULL)
        if fmt == "jsonl":
            _wait_size(output, int(final_size * rng.uniform(0.02, 0.98)), process)
        else:
            _wait_first_record(output, process)
            time.sleep(rng.uniform(0, span))
        process.send_signal(signal.SIGKILL)
        process.wait()
        before = len(_read_ids(output))
        resumed = subprocess.run(cli(table, output, *extra), capture_output=True, text=True)
        counts = Counter(_read_ids(output))
        ok = (
            resumed.returncode == 0
            and set(counts) == expected
            and max(counts.values(), default=0) == 1
        )
        outcomes.append({"records_at_kill": before, "exactly_once": ok})
        print(f"kill {attempt + 1}/{kills}: {before} records at the kill, exactly once: {ok}")
    return {
        "kills": kills,
        "format": fmt,
        "all_exactly_once": all(o["exactly_once"] for o in outcomes),
        "mid_run": sum(0 < o["records_at_kill"] < len(expected) for o in outcomes),
        "runs": outcomes,
    }


def _wait_size(output: Path, size: int, process: subprocess.Popen[Any]) -> None:
    while process.poll() is None:
        try:
            if output.stat().st_size >= size:
                return
        except FileNotFoundError:
            pass
        time.sleep(0.002)


def _wait_first_record(output: Path, process: subprocess.Popen[Any]) -> None:
    parts = output.with_name(output.name + ".parts")
    while process.poll() is None:
        if (output.exists() and output.stat().st_size) or (parts.is_dir() and any(parts.iterdir())):
            return
        time.sleep(0.005)


def _ids(table: Path) -> set[str]:
    return {json.loads(line)["id"] for line in table.read_text().splitlines() if line}


def _read_ids(output: Path) -> list[str]:
    """Ids in a JSONL output, or in a Parquet output and its parts."""
    if output.suffix == ".parquet":
        import pyarrow.parquet as pq

        files = [output] if output.exists() else []
        parts = output.with_name(output.name + ".parts")
        files += sorted(parts.glob("part-*.parquet")) if parts.is_dir() else []
        return [i for f in files for i in pq.read_table(f, columns=["id"]).column("id").to_pylist()]
    if not output.exists():
        return []
    return [json.loads(line)["id"] for line in output.read_text().splitlines() if line.strip()]


def memory(work: Path, sizes: Sequence[int], workers: int) -> dict:
    """Peak RSS of the process tree for each number of inputs, and the ratio largest/smallest."""
    rows = {}
    for size in sizes:
        table = build_corpus(size, work / f"memory-{size}.jsonl")
        output = work / f"memory-{size}.jsonl.out.jsonl"
        command = cli(table, output, "--no-resume", "--workers", str(workers))
        process = subprocess.Popen(command, stderr=subprocess.DEVNULL)
        peak = _TreePeak(process.pid)
        peak.start()
        _, status, usage = os.wait4(process.pid, 0)
        peak.stop()
        if status != 0:
            raise RuntimeError(f"memory run of {size} inputs failed ({status})")
        rows[str(size)] = {
            "tree_peak_rss_mb": round(peak.peak / 1e6, 1),
            "parent_maxrss_mb": round(usage.ru_maxrss / 1e3, 1),
        }
        print(
            f"{size:>8d} inputs: tree peak {rows[str(size)]['tree_peak_rss_mb']} MB, parent {rows[str(size)]['parent_maxrss_mb']} MB"
        )
        table.unlink()
        output.unlink()
    first, last = rows[str(sizes[0])], rows[str(sizes[-1])]
    return {
        "workers": workers,
        "sizes": rows,
        "tree_ratio": round(last["tree_peak_rss_mb"] / first["tree_peak_rss_mb"], 3),
        "parent_ratio": round(last["parent_maxrss_mb"] / first["parent_maxrss_mb"], 3),
    }


class _TreePeak(threading.Thread):
    """Samples the summed RSS of a process and all its descendants; keeps the maximum."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self._stop_event = pid, 0, threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.peak = max(self.peak, sum(_rss(p) for p in _tree(self.pid)))
            time.sleep(0.05)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry))
    out, stack = [], [root]
    while stack:
        pid = stack.pop()
        out.append(pid)
        stack.extend(children.get(pid, []))
    return out


def _rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=10_000, help="documents in the scaling table")
    parser.add_argument(
        "--engines", default="local,ray,ray-cluster", help="local, ray, ray-cluster"
    )
    parser.add_argument("--workers", default="1,2", help="worker counts to compare")
    parser.add_argument("--no-scaling", action="store_true", help="skip the scaling runs")
    parser.add_argument("--kill-test", type=int, default=0, metavar="K", help="K kill points")
    parser.add_argument("--kill-docs", type=int, default=2000, help="inputs of the kill test")
    parser.add_argument("--kill-format", default="jsonl", choices=("jsonl", "parquet"))
    parser.add_argument("--memory", action="store_true", help="peak RSS for --memory-docs inputs")
    parser.add_argument("--memory-docs", default="10000,100000")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--work-dir", type=Path, default=None, help="keep tables and outputs here")
    args = parser.parse_args(argv)
    work = args.work_dir or Path(tempfile.mkdtemp(prefix="precis-batch-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results = json.loads(args.out.read_text()) if args.out.exists() else {}
    results["machine"] = (
        f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    try:
        if not args.no_scaling:
            table = build_corpus(args.docs, work / "scaling.jsonl")
            engines = [e for e in args.engines.split(",") if e]
            if any(e.startswith("ray") for e in engines) and shutil.which("ray") is None:
                print("ray is not installed: local engine only")
                engines = [e for e in engines if not e.startswith("ray")]
            workers = [int(w) for w in args.workers.split(",")]
            results["scaling"] = {"docs": args.docs, **scaling(table, work, engines, workers)}
            print(json.dumps(results["scaling"]["derived"], indent=1))
        if args.kill_test:
            table = build_corpus(args.kill_docs, work / "kill.jsonl")
            results["kill_test"] = {
                "docs": args.kill_docs,
                **kill_test(table, work, args.kill_test, 2, args.seed, args.kill_format),
            }
        if args.memory:
            sizes = [int(s) for s in args.memory_docs.split(",")]
            results["memory"] = memory(work, sizes, 2)
            print(f"memory ratio (tree) {results['memory']['tree_ratio']}")
    finally:
        if args.work_dir is None:
            shutil.rmtree(work, ignore_errors=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1) + "\n")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
