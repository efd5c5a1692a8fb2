"""Helpers of the service tests: a real uvicorn server in a thread, a slow tiny model, polling
and error-shape assertions (imported by conftest.py and the test modules)."""

from __future__ import annotations

import importlib.util
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from precis.service.server import create_app
from precis.service.settings import ServiceSettings

TESTS = Path(__file__).resolve().parents[1]
EXAMPLES = TESTS.parent / "examples"
API_KEY = "test-key-123"
LIMITS = {"max_upload_bytes": 64 * 1024, "request_timeout_s": 2.0, "job_timeout_s": 2.0}


def _load_chat_server() -> Any:
    """tests/abstractive/chat_server.py, loaded by path (it is not an importable package)."""
    spec = importlib.util.spec_from_file_location(
        "precis_service_chat_server", TESTS / "abstractive" / "chat_server.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


chat_server = _load_chat_server()


class SlowModel(chat_server.TinyModel):  # type: ignore[misc,name-defined]
    """The tests' tiny model, made to take ``delay`` seconds per answer when asked."""

    delay = 0.0

    def answer(self, prompt: str, max_tokens: int) -> str:
        if self.delay:
            time.sleep(self.delay)
        return super().answer(prompt, max_tokens)


@contextmanager
def serving(settings: ServiceSettings) -> Iterator[str]:
    """A real uvicorn server for ``settings`` in a thread; yields its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(settings), log_level="warning", timeout_graceful_shutdown=2)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()


def wait_job(client: httpx.Client, job_id: str, timeout: float = 30) -> dict[str, Any]:
    """Poll a job until it is done or failed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(f"/v1/jobs/{job_id}").json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} did not finish in {timeout} s")


def assert_error(response: httpx.Response, status: int, code: str | None = None) -> dict[str, Any]:
    """The response is the JSON error shape with this status (and code)."""
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert set(error) >= {"type", "code", "message"}
    if code is not None:
        assert error["code"] == code, error
    return error
