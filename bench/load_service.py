"""Load test of the HTTP service: many concurrent clients on loopback (issue 5's acceptance).

Starts ``precis serve`` on a free port in its own process (a fresh state directory), warms it
up, then runs ``--clients`` concurrent clients for ``--seconds``; each client posts news-length
documents (CNN/DailyMail articles from ``../shared/data``) to ``POST /v1/summarize`` one after
another. Reported: requests, errors (any non-200 answer or transport failure), throughput,
latency percentiles, and the server's resident memory (main process plus its worker processes,
from /proc) after the warm-up and after the run. Issue 5's targets: zero errors, memory flat
(RSS after the run <= 1.2x RSS after the warm-up). The server runs with ``precis serve``'s
default settings (workers = CPUs, queue 64 x workers, at least 256: issue 18's acceptance)
unless ``--workers`` or ``--max-queue`` is given.

    python bench/load_service.py                      # 200 clients, 60 s
    python bench/load_service.py --clients 20 --seconds 10

Writes ``bench/results/load_service.json`` and prints a summary.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
logger = logging.getLogger("load_service")
TARGET_MEMORY_GROWTH = 1.2


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # a line per request otherwise
    docs = news_documents(args.data_dir, args.docs)
    port = _free_port()
    from precis.service.settings import ServiceSettings

    effective = ServiceSettings(
        workers=args.workers or os.cpu_count() or 1, max_queue=args.max_queue
    )
    with (
        tempfile.TemporaryDirectory() as state,
        _server(port, state, args.workers, args.max_queue) as server,
    ):
        base = f"http://127.0.0.1:{port}"
        _wait_ready(base)
        warm = asyncio.run(load(base, docs, clients=min(args.clients, 20), seconds=args.warmup))
        rss_warm = tree_rss_mb(server.pid)
        logger.info("warm-up: %d requests; server RSS %.0f MB", warm["requests"], rss_warm)
        run = asyncio.run(load(base, docs, clients=args.clients, seconds=args.seconds))
        rss_after = tree_rss_mb(server.pid)
    growth = rss_after / rss_warm if rss_warm else float("nan")
    payload = {
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "clients": args.clients,
        "seconds": args.seconds,
        "settings": "precis serve defaults"
        if args.workers is None and args.max_queue is None
        else "given by flags",
        "workers": effective.workers,
        "max_queue": effective.max_queue,
        "documents": len(docs),
        "mean_document_words": sum(len(d.split()) for d in docs) / len(docs),
        **run,
        "rss_after_warmup_mb": round(rss_warm, 1),
        "rss_after_run_mb": round(rss_after, 1),
        "rss_growth": round(growth, 3),
        "targets": {"errors": 0, "rss_growth_max": TARGET_MEMORY_GROWTH},
    }
    print(
        f"{payload['requests']} requests in {args.seconds} s from {args.clients} clients: "
        f"{payload['throughput_rps']:.1f} req/s, errors {payload['errors']}, "
        + ", ".join(f"{q} {payload['latency_ms'][q]:.0f} ms" for q in ("p50", "p95", "p99"))
        + "; "
        f"RSS {rss_warm:.0f} -> {rss_after:.0f} MB ({growth:.2f}x)"
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(payload, indent=1) + "\n")
    logger.info("wrote %s", args.out)
    return 0 if payload["errors"] == 0 and growth <= TARGET_MEMORY_GROWTH else 1


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--clients", type=int, default=200)
    p.add_argument("--seconds", type=float, default=60.0)
    p.add_argument("--warmup", type=float, default=10.0)
    p.add_argument("--docs", type=int, default=100, help="distinct documents sent in turn")
    p.add_argument("--workers", type=int, help="worker processes (default: the service's, CPUs)")
    p.add_argument("--max-queue", type=int, help="the server's queue (default: the service's)")
    p.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data")
    p.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "load_service.json")
    return p.parse_args(argv)


def news_documents(data_dir: Path, n: int) -> list[str]:
    """The first ``n`` CNN/DailyMail articles."""
    docs = []
    with (data_dir / "cnndm_test.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            docs.append(json.loads(line)["source"])
            if len(docs) == n:
                break
    return docs


async def load(base: str, docs: Sequence[str], *, clients: int, seconds: float) -> dict[str, Any]:
    """``clients`` concurrent loops posting documents until ``seconds`` have passed."""
    latencies: list[float] = []
    failures: dict[str, int] = {}
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    timeout = httpx.Timeout(120.0)

    async def client(k: int, http: httpx.AsyncClient) -> None:
        i = k
        while time.perf_counter() < deadline:
            body = {"text": docs[i % len(docs)], "sentences": 3}
            i += clients
            started = time.perf_counter()
            try:
                response = await http.post(f"{base}/v1/summarize", json=body)
                ok = response.status_code == 200 and response.json()["summary"]["sentences"]
                why = "ok" if ok else f"HTTP {response.status_code}"
            except (httpx.HTTPError, ValueError, KeyError) as exc:
                why = type(exc).__name__
            if why == "ok":
                latencies.append(time.perf_counter() - started)
            else:
                failures[why] = failures.get(why, 0) + 1

    started = time.perf_counter()
    async with httpx.AsyncClient(limits=limits, timeout=timeout) as http:
        await asyncio.gather(*(client(k, http) for k in range(clients)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": len(latencies) + sum(failures.values()),
        "errors": sum(failures.values()),
        "error_kinds": failures,
        "elapsed_s": round(elapsed, 2),
        "throughput_rps": len(latencies) / elapsed,
        "latency_ms": {
            name: round(1000 * _percentile(latencies, q), 1)
            for name, q in (("p50", 0.5), ("p90", 0.9), ("p95", 0.95), ("p99", 0.99), ("max", 1.0))
        },
    }


def _percentile(values: Sequence[float], q: float) -> float:
    if not values:
        return float("nan")
    return values[min(len(values) - 1, int(q * len(values)))]


def tree_rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and all its descendants (worker processes), in MB."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry.name))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


class _server:
    """``precis serve`` in a child process for the duration of a ``with`` block."""

    def __init__(self, port: int, state_dir: str, workers: int | None, queue: int | None) -> None:
        self.command = [sys.executable, "-m", "precis.cli", "serve", "--port", str(port)]
        env = {k: v for k, v in os.environ.items() if not k.startswith("PRECIS_")}
        self.env = dict(env, PRECIS_STATE_DIR=state_dir)
        if workers is not None:
            self.env["PRECIS_WORKERS"] = str(workers)
        if queue is not None:
            self.env["PRECIS_MAX_QUEUE"] = str(queue)

    def __enter__(self) -> subprocess.Popen[bytes]:
        self.process = subprocess.Popen(self.command, env=self.env)
        return self.process

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _wait_ready(base: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/healthz", timeout=2.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the service at {base} did not become ready in {timeout:.0f} s")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


if __name__ == "__main__":
    raise SystemExit(main())
