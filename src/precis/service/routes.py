"""The ``/v1`` routes: summarize, check, and background jobs with progress as server-sent events.

Handlers read the request (:mod:`~precis.service.inputs`), hand a plain-data task to the worker
pool (:mod:`~precis.service.pool`) and answer with what the worker returned. Jobs are recorded
in SQLite (:mod:`~precis.service.jobs`) and run to completion whether or not anyone listens.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import logging
from collections.abc import AsyncIterator
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from precis.errors import PrecisError
from precis.service import inputs
from precis.service.errors import BusyError, JobNotFoundError
from precis.service.jobs import FINISHED, INTERRUPTED, JobState, JobStore, dumps
from precis.service.pool import WorkerPool, failure, unwrap
from precis.service.schemas import CheckRequest, SummarizeRequest
from precis.service.settings import ServiceSettings

logger = logging.getLogger(__name__)

EVENT_POLL_S = 0.2
KEEPALIVE_S = 15.0


def _body_doc(model: type[Any], file_field: str) -> dict[str, Any]:
    """OpenAPI: the route reads its body itself, JSON or multipart (see :func:`install_openapi`)."""
    ref = {"$ref": f"#/components/schemas/{model.__name__}"}
    upload = {
        "type": "object",
        "properties": {
            file_field: {"type": "string", "format": "binary"},
            "options": {"type": "string", "description": f"JSON object: {model.__name__} fields"},
        },
    }
    return {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": ref},
                "multipart/form-data": {"schema": upload},
            },
        }
    }


def build_router(settings: ServiceSettings, pool: WorkerPool, store: JobStore) -> APIRouter:
    """The ``/v1`` router (every route behind the API key when one is set)."""
    from precis.service.guards import api_key_dependency

    router = APIRouter(prefix="/v1", dependencies=[Depends(api_key_dependency(settings))])

    @router.post(
        "/summarize",
        summary="Summarize a text, URL or uploaded file",
        openapi_extra=_body_doc(SummarizeRequest, "file"),
    )
    async def summarize(request: Request) -> Response:
        task = await inputs.summarize_task(request, settings)
        return await _json(await pool.run(task))

    @router.post(
        "/check",
        summary="Check each sentence of a summary against its source",
        openapi_extra=_body_doc(CheckRequest, "source"),
    )
    async def check(request: Request) -> Response:
        task = await inputs.check_task(request, settings)
        return await _json(await pool.run(task))

    @router.post(
        "/jobs",
        status_code=202,
        summary="Summarize in the background (same body as /v1/summarize)",
        openapi_extra=_body_doc(SummarizeRequest, "file"),
    )
    async def submit_job(request: Request) -> JSONResponse:
        task = await inputs.summarize_task(request, settings)
        job_id = await run_in_threadpool(_submit, task, pool, store, settings.job_timeout_s)
        body = {"id": job_id, "status": "queued", "links": _links(job_id)}
        return JSONResponse(body, status_code=202, headers={"Location": f"/v1/jobs/{job_id}"})

    @router.get("/jobs/{job_id}", summary="A job's status, progress and result")
    async def get_job(job_id: str) -> Response:
        state, result = await run_in_threadpool(_read_job, store, job_id)
        return Response(_job_json(state, result), media_type="application/json")

    @router.get("/jobs/{job_id}/events", summary="A job's progress as server-sent events")
    async def job_events(job_id: str) -> StreamingResponse:
        await run_in_threadpool(_state, store, job_id)  # 404 before the stream starts
        headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
        return StreamingResponse(
            _events(store, job_id), media_type="text/event-stream", headers=headers
        )

    return router


async def _json(answer: dict[str, Any]) -> Response:
    """A JSON answer, serialised off the event loop (a viewer's answer holds the whole text)."""
    body = await run_in_threadpool(dumps, answer)
    return Response(body, media_type="application/json")


def _links(job_id: str) -> dict[str, str]:
    return {"self": f"/v1/jobs/{job_id}", "events": f"/v1/jobs/{job_id}/events"}


def _submit(task: dict[str, Any], pool: WorkerPool, store: JobStore, timeout: float) -> str:
    """Record a job and schedule it; its outcome is written when the work ends."""
    job_id = store.create("summarize")
    task = {**task, "job": {"db": str(store.path), "id": job_id}}
    try:
        future = pool.submit(task, timeout)
    except BusyError:
        store.delete(job_id)
        raise
    future.add_done_callback(lambda f: _record(store, job_id, f, timeout, pool))
    return job_id


def _record(
    store: JobStore,
    job_id: str,
    future: concurrent.futures.Future[Any],
    timeout: float,
    pool: WorkerPool,
) -> None:
    """Write a finished job's result or error (runs in a pool thread; never raises)."""
    try:
        problem = failure(future, timeout)
        if future.cancelled() or (problem is not None and pool.stopping):
            store.finish(job_id, error=INTERRUPTED)  # the worker was stopped with the server
            return
        if problem is None:
            try:
                store.finish(job_id, result=unwrap(future.result()))
                return
            except PrecisError as exc:
                problem = exc
        store.finish(job_id, error=problem.to_dict())
    except Exception:
        logger.exception("could not record the outcome of job %s", job_id)


def _state(store: JobStore, job_id: str) -> JobState:
    state = store.state(job_id)
    if state is None:
        raise JobNotFoundError("no such job (unknown id, or deleted after its retention time)")
    return state


def _read_job(store: JobStore, job_id: str) -> tuple[JobState, str | None]:
    state = _state(store, job_id)
    return state, store.result_json(job_id) if state.status == "done" else None


def _job_json(state: JobState, result: str | None) -> str:
    """The job's JSON; a stored result is spliced in as stored (it can be large)."""
    head = json.dumps({**state.to_dict(), "links": _links(state.id)}, ensure_ascii=False)
    return f'{head[:-1]}, "result": {result or "null"}}}'


async def _events(store: JobStore, job_id: str) -> AsyncIterator[str]:
    """``progress`` events while the job changes, then one ``done`` or ``failed`` event holding
    the whole job (result included); a comment line keeps idle connections open."""
    last: tuple[Any, ...] | None = None
    idle = 0.0
    while True:
        state = await run_in_threadpool(store.state, job_id)
        if state is None:  # deleted meanwhile
            yield _event("failed", {"id": job_id, "status": "failed", "error": None})
            return
        if state.status in FINISHED:
            _, result = await run_in_threadpool(_read_job, store, job_id)
            yield f"event: {state.status}\ndata: {_job_json(state, result)}\n\n"
            return
        current = (state.status, state.stage, state.done, state.total)
        if current != last:
            last, idle = current, 0.0
            yield _event("progress", {k: state.to_dict()[k] for k in ("id", "status", "progress")})
        elif idle >= KEEPALIVE_S:
            idle = 0.0
            yield ": keep-alive\n\n"
        await asyncio.sleep(EVENT_POLL_S)
        idle += EVENT_POLL_S


def _event(name: str, data: dict[str, Any]) -> str:
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"
