"""The worker pool: a bounded queue in front of ``pebble.ProcessPool``.

Work runs in separate processes so that a time limit really stops it: pebble kills a task's
process when its ``timeout`` passes (or when it is cancelled) and starts a fresh one. Workers are
forked from a ``forkserver`` that has already imported precis (forking the server itself, which
runs threads, is unsafe), so a replaced worker is ready at once; where forkserver does not exist
(Windows) they are spawned. At most ``workers + max_queue`` tasks (and ``max_queue_bytes`` of
request bodies) are admitted at a time; beyond that :class:`~precis.service.errors.BusyError`
(503 with Retry-After) tells clients to come back later. An admitted request waits for a worker
within its time limit; one that never reached a worker in that time is answered 503 too (the
server is overloaded), not 504 (the work itself was too slow).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import logging
import multiprocessing
import threading
from typing import Any

from precis.errors import PrecisError
from precis.service.errors import (
    BusyError,
    ReportedError,
    RequestTimeoutError,
    WorkerCrashError,
)
from precis.service.settings import ServiceSettings

logger = logging.getLogger(__name__)

GRACE_S = 2.0  # a queued task's wait counts against its request's time limit too
PRELOAD = [
    "precis.service.workers",
    "precis.extractive.methods",
    "precis.extractive.engine",
    "precis.extractive.modes",
    "precis.segment",
    "precis.clean.pipeline",
    "precis.ingest.html",
    "precis.ingest.pdf",
    "precis.render.view",
]


def _context() -> Any:
    """forkserver (preloaded with precis) where it exists, else spawn."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)  # no effect if this process already started one
        return ctx
    return multiprocessing.get_context("spawn")


def unwrap(outcome: dict[str, Any]) -> dict[str, Any]:
    """A worker's answer, or the error it reported raised as a precis error."""
    if "ok" in outcome:
        return outcome["ok"]
    if "error" in outcome:
        raise ReportedError(outcome["error"], int(outcome.get("status", 400)))
    logger.error("worker failed:\n%s", outcome.get("crash", "(no traceback)"))
    raise WorkerCrashError("internal error while processing the request (logged)")


def failure(future: concurrent.futures.Future[Any], timeout: float) -> PrecisError | None:
    """The error a finished future stands for (None when it holds a worker's answer)."""
    if future.cancelled():
        return BusyError("the task was cancelled because the server is stopping")
    exc = future.exception()
    if exc is None:
        return None
    if isinstance(exc, concurrent.futures.TimeoutError | TimeoutError):
        return RequestTimeoutError(f"the work ran longer than {timeout:g} s and was stopped")
    if isinstance(exc, concurrent.futures.CancelledError):
        return BusyError("the task was cancelled because the server is stopping")
    logger.error("worker process failed: %r", exc)
    return WorkerCrashError("a worker process stopped while working (logged)")


class WorkerPool:
    """Admission control and time limits around one ``pebble.ProcessPool``."""

    def __init__(self, settings: ServiceSettings) -> None:
        self.settings = settings
        self.capacity = settings.workers + (settings.max_queue or 0)
        self._pending = 0
        self._pending_bytes = 0
        self._lock = threading.Lock()
        self._pool: Any = None
        self.stopping = False  # set at shut-down: a task that ends now was interrupted

    def start(self) -> None:
        """Start the processes and warm each one (imports, first-use caches)."""
        import pebble

        from precis.service.workers import init_worker, run_task

        self._pool = pebble.ProcessPool(
            max_workers=self.settings.workers, context=_context(), initializer=init_worker
        )
        for _ in range(self.settings.workers):
            self._pool.schedule(run_task, args=({"kind": "warm"},))

    def stop(self) -> None:
        """Stop the workers; tasks still queued or running are cancelled."""
        self.stopping = True
        if self._pool is not None:
            self._pool.stop()
            self._pool.join(timeout=10)
            self._pool = None

    def submit(
        self, task: dict[str, Any], timeout: float
    ) -> concurrent.futures.Future[dict[str, Any]]:
        """Schedule a task, or raise BusyError when ``capacity`` tasks (or ``max_queue_bytes``
        of bodies) are already admitted."""
        from precis.service.workers import run_task

        if self._pool is None:
            raise BusyError("the service is not running")
        size = task_bytes(task)
        with self._lock:
            if self._pending >= self.capacity:
                raise BusyError(
                    f"all {self.settings.workers} worker(s) are busy and the queue is full; "
                    "retry later"
                )
            if self._pending and self._pending_bytes + size > self.settings.max_queue_bytes:
                raise BusyError("the queue holds too much waiting input; retry later")
            self._pending += 1
            self._pending_bytes += size
        release = functools.partial(self._release, size)
        try:
            future = self._pool.schedule(run_task, args=(task,), timeout=timeout)
        except Exception:
            release(None)
            raise
        future.add_done_callback(release)
        return future

    async def run(self, task: dict[str, Any]) -> dict[str, Any]:
        """Do a task within the request time limit and return the worker's answer.

        If the request itself is cancelled (client gone, server stopping) the task is too.
        """
        timeout = self.settings.request_timeout_s
        future = self.submit(task, timeout)
        waiter = asyncio.wrap_future(future)
        try:
            finished, _ = await asyncio.wait({waiter}, timeout=timeout + GRACE_S)
        except BaseException:
            future.cancel()  # pebble kills the process of a running task
            raise
        if not finished:
            started = future.running() or future.done()
            future.cancel()
            if not started:
                raise BusyError(
                    f"no worker became free within {timeout:g} s (the server is overloaded); "
                    "retry later"
                )
            raise RequestTimeoutError(f"the work ran longer than {timeout:g} s and was stopped")
        if not waiter.cancelled():
            waiter.exception()  # retrieved, so asyncio does not log it as forgotten
        problem = failure(future, timeout)
        if problem is not None:
            raise BusyError("the server is stopping; retry later") if self.stopping else problem
        return unwrap(future.result())

    def _release(self, size: int, _future: object) -> None:
        with self._lock:
            self._pending -= 1
            self._pending_bytes -= size


def task_bytes(task: dict[str, Any]) -> int:
    """The request bytes a task holds while it waits: an upload, pasted text or a summary."""
    size = 0
    for part in (task.get("source"), task.get("summary_file")):
        if isinstance(part, dict):
            size += len(part.get("data") or b"") + len(part.get("text") or "")
    summary = (task.get("options") or {}).get("summary")
    if isinstance(summary, str):
        size += len(summary)
    return size
