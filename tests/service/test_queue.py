"""Bursts with the default settings (issue 18): requests beyond the workers wait for one, within
their time limit, instead of failing at once; a request that never reaches a worker in time, or
one that would overfill the queue's byte bound, is answered 503 with Retry-After."""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from service_helpers import SlowModel, assert_error, serving

from precis.service.settings import ServiceSettings

# A real business-news text (tests/fixtures/ORIGIN_hyphenation.md says where it comes from).
ARTICLE = Path(__file__).resolve().parents[1] / "fixtures" / "hyphenation_gravity_business.txt"
SMALL = {"text": "The ship landed on Mars. The crew found a jewel. They went home.", "sentences": 1}


def _article() -> str:
    """5 KB of a real article (the burst of issue 18 used a 5 KB article)."""
    text = ARTICLE.read_text(encoding="utf-8")
    assert len(text) >= 5000
    return text[:5000]


def test_default_settings_queue_a_burst_of_40_parallel_requests(tmp_path: Path) -> None:
    settings = ServiceSettings(state_dir=tmp_path, workers=1)  # every other setting default
    body = {"text": _article(), "sentences": 3}
    with serving(settings) as url, httpx.Client(base_url=url, timeout=60) as client:
        with ThreadPoolExecutor(max_workers=40) as pool:
            codes = list(pool.map(lambda _: client.post("/v1/summarize", json=body), range(40)))
    assert [r.status_code for r in codes] == [200] * 40, [r.text[:200] for r in codes][:3]
    assert all(r.json()["summary"]["sentences"] for r in codes)


@pytest.fixture()
def one_busy_worker(tmp_path: Path, model: SlowModel):
    """One worker held by a slow abstractive job; 1 s per request; 2 KB of waiting input."""
    settings = ServiceSettings(
        state_dir=tmp_path,
        workers=1,
        request_timeout_s=1.0,
        job_timeout_s=30.0,
        max_queue_bytes=2000,
        models=(model.base_url,),
    )
    with serving(settings) as url, httpx.Client(base_url=url, timeout=30) as client:
        model.delay = 15
        try:
            spec = {"model": model.base_url, "remote_model": "tiny"}
            job = client.post("/v1/jobs", json={**SMALL, "abstractive": spec})
            assert job.status_code == 202, job.text
            deadline = time.monotonic() + 10
            while client.get(f"/v1/jobs/{job.json()['id']}").json()["status"] == "queued":
                assert time.monotonic() < deadline, "the job never started"
                time.sleep(0.05)
            yield client
        finally:
            model.delay = 0


def test_request_that_never_reaches_a_worker_is_503_after_its_time_limit(
    one_busy_worker: httpx.Client,
) -> None:
    started = time.monotonic()
    r = one_busy_worker.post("/v1/summarize", json=SMALL)
    waited = time.monotonic() - started
    error = assert_error(r, 503, "busy")
    assert int(r.headers["retry-after"]) > 0 and "within 1 s" in error["message"]
    assert 1.0 <= waited < 6  # it waited its time limit (plus grace), not less, not forever


def test_waiting_input_over_the_byte_bound_is_503_at_once(one_busy_worker: httpx.Client) -> None:
    big = {"text": "The crew found a jewel on Mars. " * 100, "sentences": 1}  # 3.2 KB > 2 KB
    assert len(json.dumps(big)) > 2000
    started = time.monotonic()
    r = one_busy_worker.post("/v1/summarize", json=big)
    error = assert_error(r, 503, "busy")
    assert time.monotonic() - started < 1.0 and "waiting input" in error["message"]
    assert int(r.headers["retry-after"]) > 0
