"""``precis.service.server.run`` as ``precis serve`` uses it: a real process, settings from the
environment, a clean exit on Ctrl-C."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(proc: subprocess.Popen[bytes], base: str) -> None:
    """Until the server answers /healthz (at most 30 s, and only while it runs)."""
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        assert proc.poll() is None and time.monotonic() < deadline, "server did not start"
        time.sleep(0.1)


def test_run_serves_until_interrupted(tmp_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, "PRECIS_STATE_DIR": str(tmp_path), "PRECIS_WORKERS": "1"}
    code = f"from precis.service.server import run; run(port={port})"
    proc = subprocess.Popen(
        [sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(proc, base)
        r = httpx.post(f"{base}/v1/summarize", json={"text": "A ship. A jewel. Mars."}, timeout=30)
        assert r.status_code == 200, r.text
        assert (tmp_path / "jobs.sqlite3").exists()
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    output = proc.stdout.read().decode() if proc.stdout else ""
    assert "Traceback" not in output, output


def _children(pid: int) -> set[int]:
    """Every process descended from ``pid`` (from /proc: the test runs on Linux)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # gone while we looked
            parents[int(entry.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {p for p, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":  # a zombie is gone, only not yet reaped by its new parent
            alive.add(pid)
    return alive


def test_kill_9_of_the_server_leaves_no_process_behind(tmp_path: Path) -> None:
    """Issue 18: after ``kill -9`` of ``precis serve`` its forkserver and a worker were seen
    still running. With two workers started and one busy on a long request, every process of
    the server is gone within 5 s of the kill."""
    if not Path("/proc").is_dir():
        import pytest

        pytest.skip("needs /proc")
    port = _free_port()
    env = {**os.environ, "PRECIS_STATE_DIR": str(tmp_path), "PRECIS_WORKERS": "2"}
    code = f"from precis.service.server import run; run(port={port})"
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    text = " ".join(
        (Path(__file__).resolve().parents[2] / "examples" / "beast-jewel-of-mars.txt")
        .read_text(encoding="utf-8")
        .split()
    )
    family: set[int] = set()
    try:
        _wait_until_up(proc, base)
        job = httpx.post(f"{base}/v1/jobs", json={"text": (text + " ") * 40}, timeout=30)
        assert job.status_code == 202, job.text
        time.sleep(1.0)  # the job is running in a worker
        family |= _children(proc.pid)
        assert len(family) >= 3  # forkserver and workers (and the resource tracker)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)
        deadline = time.monotonic() + 5
        while _alive(family) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(family), sorted(_alive(family))
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for pid in _alive(family):  # orphans of a failed run: do not leave them to the next test
            os.kill(pid, signal.SIGKILL)
