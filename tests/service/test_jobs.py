"""Background jobs: submit, poll, follow the server-sent events, and survive a restart."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
from service_helpers import EXAMPLES, assert_error, serving, wait_job

from precis.service.jobs import JobStore
from precis.service.settings import ServiceSettings

TEXT = (EXAMPLES / "beast-jewel-of-mars.txt").read_text(encoding="utf-8")


def read_events(client: httpx.Client, path: str) -> list[tuple[str, dict]]:
    """(event, data) pairs of an SSE stream, read until the server ends it."""
    events, name = [], None
    with client.stream("GET", path, timeout=30) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        for line in r.iter_lines():
            if line.startswith("event: "):
                name = line[len("event: ") :]
            elif line.startswith("data: "):
                events.append((name, json.loads(line[len("data: ") :])))
    return events


def test_job_runs_to_done_with_summary_shape(client: httpx.Client) -> None:
    r = client.post("/v1/jobs", json={"text": TEXT, "sentences": 2, "view": True})
    assert r.status_code == 202, r.text
    body = r.json()
    assert body["status"] == "queued"
    assert body["links"] == {
        "self": f"/v1/jobs/{body['id']}",
        "events": f"/v1/jobs/{body['id']}/events",
    }
    job = wait_job(client, body["id"])
    assert job["status"] == "done" and job["error"] is None
    result = job["result"]
    assert set(result) == {"mode", "summary", "view", "markdown", "seconds"}
    assert len(result["summary"]["sentences"]) == 2
    assert result["view"]["text"]


def test_job_events_stream_progress_then_done(client: httpx.Client, model) -> None:
    spec = {"model": model.base_url, "remote_model": "tiny", "context_tokens": 600}
    model.delay = 0.2  # 20 map calls, 4 at a time: 1 s, long enough for 0.2 s polling
    try:
        r = client.post("/v1/jobs", json={"text": TEXT, "abstractive": spec})
        assert r.status_code == 202, r.text
        events = read_events(client, r.json()["links"]["events"])
    finally:
        model.delay = 0
    names = [name for name, _ in events]
    assert names[-1] == "done" and names.count("done") == 1
    assert "progress" in names[:-1]
    stages = {d["progress"]["stage"] for n, d in events if n == "progress" and d["progress"]}
    assert "map" in stages  # e.g. load, map 3/20 ... 20/20, reduce 1/1
    final = events[-1][1]
    assert final["status"] == "done" and final["result"]["mode"] == "abstractive"


def test_job_runs_to_completion_after_client_disconnects(client: httpx.Client) -> None:
    job_id = client.post("/v1/jobs", json={"text": TEXT, "sentences": 1}).json()["id"]
    with client.stream("GET", f"/v1/jobs/{job_id}/events") as r:
        next(r.iter_lines())  # the first line, then hang up
    assert wait_job(client, job_id)["status"] == "done"


def test_job_failure_is_recorded_with_the_error(client: httpx.Client) -> None:
    files = {"file": ("broken.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 8, "application/pdf")}
    r = client.post("/v1/jobs", files=files)
    assert r.status_code == 202, r.text
    job = wait_job(client, r.json()["id"])
    assert job["status"] == "failed" and job["result"] is None
    assert job["error"]["code"] == "corrupt_pdf" and job["error"]["message"]


def test_unknown_job_is_404(client: httpx.Client) -> None:
    assert_error(client.get("/v1/jobs/nope"), 404, "job_not_found")
    assert_error(client.get("/v1/jobs/nope/events"), 404, "job_not_found")


def test_job_survives_restart_and_interrupted_job_fails(tmp_path: Path, model) -> None:
    settings = ServiceSettings(state_dir=tmp_path, workers=1, models=(model.base_url,))
    slow = {"text": TEXT, "abstractive": {"model": model.base_url, "remote_model": "tiny"}}
    model.delay = 20
    try:
        with serving(settings) as url, httpx.Client(base_url=url, timeout=30) as c:
            job_id = c.post("/v1/jobs", json={"text": TEXT, "sentences": 2}).json()["id"]
            before = wait_job(c, job_id)
            running = c.post("/v1/jobs", json=slow).json()["id"]  # still running at shutdown
    finally:
        model.delay = 0
    assert before["status"] == "done"
    store = JobStore(settings.db_path)  # a job a crashed server left running
    crashed = store.create("summarize")
    store.mark_running(crashed)
    with serving(settings) as url, httpx.Client(base_url=url, timeout=30) as c:
        after = c.get(f"/v1/jobs/{job_id}").json()
        assert after["status"] == "done" and after["result"] == before["result"]
        for lost_id in (running, crashed):
            lost = c.get(f"/v1/jobs/{lost_id}").json()
            assert lost["status"] == "failed" and lost["error"]["code"] == "interrupted"
        events = read_events(c, f"/v1/jobs/{crashed}/events")
        assert [n for n, _ in events] == ["failed"]
