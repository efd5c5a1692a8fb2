"""How a worker's outcome becomes an answer or a typed error (no server needed)."""

from __future__ import annotations

import concurrent.futures

import pytest

from precis.service.errors import (
    BusyError,
    ReportedError,
    RequestTimeoutError,
    WorkerCrashError,
)
from precis.service.jobs import dumps
from precis.service.pool import failure, unwrap
from precis.service.workers import run_task


def test_unwrap_answer_and_reported_error() -> None:
    assert unwrap({"ok": {"a": 1}}) == {"a": 1}
    payload = {"type": "CorruptPdfError", "code": "corrupt_pdf", "message": "bad pdf"}
    with pytest.raises(ReportedError) as info:
        unwrap({"error": payload, "status": 422})
    assert info.value.http_status == 422 and info.value.to_dict() == payload


def test_unwrap_crash_is_generic_500(caplog: pytest.LogCaptureFixture) -> None:
    with pytest.raises(WorkerCrashError) as info:
        unwrap({"crash": "Traceback ...\nKeyError: 'secret'"})
    assert info.value.http_status == 500 and "secret" not in info.value.message
    assert "secret" in caplog.text  # the traceback is logged, not sent


def test_failure_maps_timeout_cancel_and_crash() -> None:
    timed_out: concurrent.futures.Future = concurrent.futures.Future()
    timed_out.set_exception(TimeoutError("Task timeout"))
    assert isinstance(failure(timed_out, 2), RequestTimeoutError)
    cancelled: concurrent.futures.Future = concurrent.futures.Future()
    cancelled.cancel()
    assert isinstance(failure(cancelled, 2), BusyError)
    crashed: concurrent.futures.Future = concurrent.futures.Future()
    crashed.set_exception(OSError("Abnormal termination"))
    assert isinstance(failure(crashed, 2), WorkerCrashError)
    ok: concurrent.futures.Future = concurrent.futures.Future()
    ok.set_result({"ok": {}})
    assert failure(ok, 2) is None


def test_run_task_in_process_reports_errors_as_data() -> None:
    task = {
        "kind": "summarize",
        "source": {"text": "   "},
        "options": {"method": "auto", "format": None, "clean": True},
        "limits": {"allow_private": False, "max_bytes": 1000},
    }
    outcome = run_task(task)
    assert outcome["status"] == 400 and outcome["error"]["code"] == "empty_input"
    outcome = run_task({**task, "source": {"text": "The ship landed. The crew left."}})
    assert outcome["ok"]["mode"] == "extractive" and outcome["ok"]["seconds"] >= 0


def test_dumps_replaces_non_finite_numbers() -> None:
    assert dumps({"a": [1.0, float("nan")], "b": float("inf")}) == '{"a": [1.0, null], "b": null}'
