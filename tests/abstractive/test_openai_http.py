"""OpenAIChatBackend against a real HTTP server on 127.0.0.1 that speaks chat/completions.

No mocks of httpx: each test scripts what the server answers to its n-th request and checks what
the client sent and how it reacted (retries, waits, typed errors).
"""

from __future__ import annotations

import json
import logging
import socket
import threading
import time
from collections.abc import Callable, Iterator
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from precis.abstractive.backends import Backend
from precis.abstractive.backends.openai_http import (
    BackendError,
    BackendResponseError,
    BackendTimeoutError,
    OpenAIChatBackend,
    _retry_after,
)
from precis.errors import OptionError, PrecisError

KEY_ENV = "PRECIS_TEST_LLM_KEY"
KEY = "sk-test-not-a-real-key-42"
# (status, headers, body, seconds to sleep before answering)
Reply = tuple[int, dict[str, str], bytes, float]


def completion(content: Any) -> bytes:
    """An OpenAI chat completion body with the given message content."""
    choice = {"index": 0, "message": {"role": "assistant", "content": content}}
    return json.dumps({"id": "c1", "object": "chat.completion", "choices": [choice]}).encode()


def echo(_n: int, body: dict[str, Any]) -> Reply:
    """The default script: answer 'summary: <user prompt>'."""
    return 200, {}, completion("summary: " + body["messages"][1]["content"]), 0.0


class FakeOpenAI:
    """A ThreadingHTTPServer whose answers come from ``script(n, body)``; it records requests."""

    def __init__(self) -> None:
        self.script: Callable[[int, dict[str, Any]], Reply] = echo
        self.requests: list[tuple[str, dict[str, str], dict[str, Any]]] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.server.block_on_close = False  # sleeping handlers must not hold up teardown
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with fake._lock:
                    n = len(fake.requests)
                    fake.requests.append((self.path, dict(self.headers), json.loads(raw)))
                    fake.in_flight += 1
                    fake.max_in_flight = max(fake.max_in_flight, fake.in_flight)
                try:
                    status, headers, body, delay = fake.script(n, fake.requests[n][2])
                    time.sleep(delay)
                finally:
                    # Out of flight before the reply leaves: a client sends its next request
                    # only after reading this reply, so counting after the write would race.
                    with fake._lock:
                        fake.in_flight -= 1
                try:
                    self.send_response(status)
                    for name, value in {"Content-Type": "application/json", **headers}.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client timed out and left

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass

        return Handler


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    server = FakeOpenAI()
    thread = threading.Thread(target=server.server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


@pytest.fixture(autouse=True)
def api_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KEY_ENV, KEY)


def backend(fake: FakeOpenAI, **options: Any) -> OpenAIChatBackend:
    """A backend on the fake server with test-sized waits unless overridden."""
    settings: dict[str, Any] = {"timeout": 2.0, "retries": 2, "backoff": 0.01, "max_delay": 1.0}
    return OpenAIChatBackend(
        fake.base_url, "tiny-model", api_key_env=KEY_ENV, **(settings | options)
    )


def test_backend_satisfies_backend_protocol(fake: FakeOpenAI) -> None:
    assert isinstance(backend(fake), Backend)


def test_backend_sends_openai_chat_request_with_bearer_key(fake: FakeOpenAI) -> None:
    result = backend(fake, temperature=0.3).generate(["Summarise this."], max_tokens=64)

    assert result == ["summary: Summarise this."]
    ((path, headers, body),) = fake.requests
    assert path == "/v1/chat/completions"
    assert headers["Authorization"] == f"Bearer {KEY}"
    assert body["model"] == "tiny-model"
    assert body["max_tokens"] == 64
    assert body["temperature"] == 0.3
    assert [m["role"] for m in body["messages"]] == ["system", "user"]
    assert body["messages"][1]["content"] == "Summarise this."


def test_backend_sends_no_authorization_without_key(
    fake: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(KEY_ENV)
    assert backend(fake).generate(["x"], max_tokens=8) == ["summary: x"]
    assert "Authorization" not in fake.requests[0][1]


def test_backend_runs_prompts_in_parallel_and_keeps_their_order(fake: FakeOpenAI) -> None:
    prompts = [f"doc {i}" for i in range(6)]
    # Earlier prompts answer later, so completion order is the reverse of prompt order.
    fake.script = lambda n, body: (
        echo(n, body)[:3] + (0.05 * (6 - int(body["messages"][1]["content"][4:])),)
    )

    start = time.monotonic()
    result = backend(fake, concurrency=3).generate(prompts, max_tokens=16)

    assert result == [f"summary: {p}" for p in prompts]
    assert fake.max_in_flight == 3
    assert time.monotonic() - start < 0.05 * 21  # faster than one at a time


def test_backend_retries_5xx_until_success(
    fake: FakeOpenAI, caplog: pytest.LogCaptureFixture
) -> None:
    fake.script = lambda n, body: (500, {}, b'{"error": "busy"}', 0.0) if n < 2 else echo(n, body)

    with caplog.at_level(logging.WARNING):
        assert backend(fake, retries=2).generate(["x"], max_tokens=8) == ["summary: x"]

    assert len(fake.requests) == 3
    assert "HTTP 500" in caplog.text and KEY not in caplog.text


def test_backend_gives_up_on_persistent_5xx_with_clear_error(fake: FakeOpenAI) -> None:
    fake.script = lambda n, body: (503, {}, b'{"error": "overloaded"}', 0.0)

    with pytest.raises(BackendError) as caught:
        backend(fake, retries=2).generate(["x"], max_tokens=8)

    error = caught.value
    assert (error.status, error.attempts) == (503, 3)
    assert len(fake.requests) == 3
    assert f"{fake.base_url}/chat/completions" in str(error)
    assert "HTTP 503" in str(error) and "3 attempt" in str(error)
    assert KEY not in str(error) and error.to_dict()["code"] == "backend_failed"


def test_backend_retries_timeouts_then_raises_timeout_error(fake: FakeOpenAI) -> None:
    fake.script = lambda n, body: echo(n, body)[:3] + (1.0,)

    start = time.monotonic()
    with pytest.raises(BackendTimeoutError) as caught:
        backend(fake, timeout=0.2, retries=1).generate(["x"], max_tokens=8)

    assert time.monotonic() - start < 0.9  # two 0.2 s attempts, not the server's 1 s
    assert len(fake.requests) == 2
    assert (caught.value.status, caught.value.attempts) == (None, 2)
    assert "timed out" in str(caught.value) and fake.base_url in str(caught.value)


def test_backend_retries_unreachable_server_then_raises() -> None:
    with socket.socket() as sock:  # a port that was free a moment ago: nothing listens there
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = OpenAIChatBackend(f"http://127.0.0.1:{port}/v1", "m", retries=1, backoff=0.01)

    with pytest.raises(BackendTimeoutError, match=r"unreachable .* 2 attempt"):
        client.generate(["x"], max_tokens=8)


def test_backend_honours_retry_after_capped_by_max_delay(fake: FakeOpenAI) -> None:
    fake.script = lambda n, body: (
        (429, {"Retry-After": "5"}, b"{}", 0.0) if n == 0 else echo(n, body)
    )

    start = time.monotonic()
    result = backend(fake, backoff=0.001, max_delay=0.3).generate(["x"], max_tokens=8)
    elapsed = time.monotonic() - start

    assert result == ["summary: x"]
    assert len(fake.requests) == 2
    assert 0.3 <= elapsed < 2.0  # waited the capped Retry-After, not the 1 ms backoff nor 5 s


@pytest.mark.parametrize("status", [400, 401, 404, 422])
def test_backend_does_not_retry_other_4xx(fake: FakeOpenAI, status: int) -> None:
    fake.script = lambda n, body: (status, {}, b'{"error": {"message": "bad model"}}', 0.0)

    with pytest.raises(BackendError, match=rf"HTTP {status} after 1 attempt.*bad model") as caught:
        backend(fake).generate(["x"], max_tokens=8)

    assert len(fake.requests) == 1 and caught.value.attempts == 1


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"<html>gateway</html>", "not valid JSON"),
        (b'{"choices": []}', "no choices"),
        (b'{"error": "x"}', "no choices"),
        (b'{"choices": [{"text": "legacy completion"}]}', "content is not a string"),
        (completion(None), "content is not a string"),
    ],
)
def test_backend_rejects_malformed_completion(fake: FakeOpenAI, body: bytes, reason: str) -> None:
    fake.script = lambda n, _body: (200, {}, body, 0.0)

    with pytest.raises(BackendResponseError, match=reason) as caught:
        backend(fake).generate(["x"], max_tokens=8)

    assert len(fake.requests) == 1 and caught.value.status == 200
    assert "/v1/chat/completions" in str(caught.value)


def test_backend_error_is_a_precis_error_not_an_input_error(fake: FakeOpenAI) -> None:
    fake.script = lambda n, body: (500, {}, b"", 0.0)
    with pytest.raises(PrecisError) as caught:
        backend(fake, retries=0).generate(["x"], max_tokens=8)
    assert caught.value.http_status == 502 and "<empty body>" in str(caught.value)


def test_backend_repr_and_url_hide_credentials() -> None:
    client = OpenAIChatBackend(
        "https://user:pw@api.example.com/v1?key=s3cret", "m", api_key_env=KEY_ENV
    )
    text = repr(client)
    assert KEY not in text and "pw" not in text and "s3cret" not in text
    assert "api.example.com/v1/chat/completions" in text
    assert client.url.endswith("/v1/chat/completions?key=s3cret")  # the query stays last


def test_backend_generate_of_no_prompts_sends_nothing(fake: FakeOpenAI) -> None:
    assert backend(fake).generate([], max_tokens=8) == []
    assert fake.requests == []


@pytest.mark.parametrize(
    "options",
    [
        {"base_url": "ftp://host/v1"},
        {"base_url": "http://"},
        {"base_url": "not a url"},
        {"timeout": 0},
        {"retries": -1},
        {"backoff": -0.5},
        {"concurrency": 0},
    ],
)
def test_backend_rejects_bad_options(options: dict[str, Any]) -> None:
    settings = {"base_url": "http://127.0.0.1:1/v1", "model": "m"} | options
    with pytest.raises(OptionError):
        OpenAIChatBackend(**settings)


def test_backend_rejects_non_positive_max_tokens(fake: FakeOpenAI) -> None:
    with pytest.raises(OptionError, match="max_tokens"):
        backend(fake).generate(["x"], max_tokens=0)


@pytest.mark.parametrize(
    ("header", "expected"),
    [(None, None), ("", None), ("2", 2.0), ("1.5", 1.5), ("-3", 0.0), ("soon", None)],
)
def test_retry_after_parses_seconds(header: str | None, expected: float | None) -> None:
    assert _retry_after(header) == expected


def test_retry_after_parses_http_date() -> None:
    seconds = _retry_after(formatdate(time.time() + 30, usegmt=True))
    assert seconds is not None and 25 <= seconds <= 31
