"""Limits and safety: API key, body size, time limit (the work really stops), bounded queue, CORS."""

from __future__ import annotations

import time

import httpx
import pytest
from service_helpers import API_KEY, LIMITS, SlowModel, assert_error, serving, wait_job

from precis.service.settings import ServiceSettings

SMALL = {"text": "The ship landed on Mars. The crew found a jewel. They went home.", "sentences": 1}
LIMIT = LIMITS["max_upload_bytes"]


@pytest.mark.parametrize(
    "headers",
    [{}, {"X-API-Key": "wrong"}, {"Authorization": "Bearer wrong"}, {"Authorization": API_KEY}],
    ids=["missing", "wrong-header", "wrong-bearer", "no-scheme"],
)
def test_api_key_missing_or_wrong_is_401(main_url: str, headers: dict[str, str]) -> None:
    r = httpx.post(f"{main_url}/v1/summarize", json=SMALL, headers=headers)
    assert_error(r, 401, "unauthorized")
    assert r.headers["www-authenticate"] == "Bearer"
    assert_error(httpx.get(f"{main_url}/v1/jobs/x", headers=headers), 401)


@pytest.mark.parametrize("header", ["X-API-Key", "Authorization"])
def test_api_key_right_is_200(main_url: str, header: str) -> None:
    value = API_KEY if header == "X-API-Key" else f"Bearer {API_KEY}"
    r = httpx.post(f"{main_url}/v1/summarize", json=SMALL, headers={header: value}, timeout=30)
    assert r.status_code == 200, r.text


def test_body_over_limit_with_content_length_is_413(limited: httpx.Client) -> None:
    body = b'{"text": "' + b"a" * (LIMIT + 10) + b'"}'
    r = limited.post("/v1/summarize", content=body, headers={"Content-Type": "application/json"})
    assert_error(r, 413, "too_large")


def test_body_over_limit_without_content_length_is_413(limited: httpx.Client) -> None:
    def chunks():  # a generator: httpx sends it chunked, with no Content-Length
        yield b'{"text": "'
        for _ in range(8):
            yield b"word " * (LIMIT // 20)
        yield b'"}'

    r = limited.post(
        "/v1/summarize", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert "content-length" not in r.request.headers
    assert_error(r, 413, "too_large")


def test_upload_over_limit_is_413(limited: httpx.Client) -> None:
    files = {"file": ("big.txt", b"word " * (LIMIT // 4), "text/plain")}
    assert_error(limited.post("/v1/summarize", files=files), 413, "too_large")


def test_text_over_char_limit_is_413(tmp_path) -> None:
    settings = ServiceSettings(state_dir=tmp_path, workers=1, max_text_chars=100)
    with serving(settings) as url:
        r = httpx.post(f"{url}/v1/summarize", json={"text": "word " * 30})
    assert_error(r, 413, "too_large")


def slow_spec(model: SlowModel) -> dict:
    return {"model": model.base_url, "remote_model": "tiny"}


def test_timeout_is_504_and_next_request_works(limited: httpx.Client, model: SlowModel) -> None:
    model.delay = 20
    try:
        started = time.monotonic()
        r = limited.post("/v1/summarize", json={**SMALL, "abstractive": slow_spec(model)})
        elapsed = time.monotonic() - started
    finally:
        model.delay = 0
    assert_error(r, 504, "timeout")
    assert elapsed < LIMITS["request_timeout_s"] + 3
    r = limited.post("/v1/summarize", json=SMALL)  # the killed worker was replaced
    assert r.status_code == 200, r.text


def test_queue_full_is_503_then_job_times_out(limited: httpx.Client, model: SlowModel) -> None:
    model.delay = 20
    try:
        job = limited.post("/v1/jobs", json={**SMALL, "abstractive": slow_spec(model)})
        assert job.status_code == 202, job.text
        r = limited.post("/v1/summarize", json=SMALL)
        assert_error(r, 503, "busy")
        assert int(r.headers["retry-after"]) > 0
        assert_error(limited.post("/v1/jobs", json=SMALL), 503, "busy")
        failed = wait_job(limited, job.json()["id"], timeout=15)
    finally:
        model.delay = 0
    assert failed["status"] == "failed" and failed["error"]["code"] == "timeout"
    assert limited.post("/v1/summarize", json=SMALL).status_code == 200


def test_cors_only_when_origins_are_configured(tmp_path, limited: httpx.Client) -> None:
    preflight = {"Origin": "https://app.example", "Access-Control-Request-Method": "POST"}
    r = limited.options("/v1/summarize", headers=preflight)
    assert "access-control-allow-origin" not in r.headers
    settings = ServiceSettings(state_dir=tmp_path, workers=1, cors_origins=("https://app.example",))
    with serving(settings) as url:
        r = httpx.options(f"{url}/v1/summarize", headers=preflight)
        assert r.status_code == 200
        assert r.headers["access-control-allow-origin"] == "https://app.example"
        other = httpx.options(
            f"{url}/v1/summarize", headers={**preflight, "Origin": "https://evil.example"}
        )
        assert other.headers.get("access-control-allow-origin") is None
