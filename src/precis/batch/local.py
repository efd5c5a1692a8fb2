"""The local engine: a pool of worker processes, each with a short queue of inputs.

Why not ``concurrent.futures.ProcessPoolExecutor``: one dead worker breaks that whole pool and
every pending future with it, and a running task cannot be stopped. Here each worker has its own
pipe; the parent knows which input each worker is on and since when, so

- a worker that dies (segfault, OOM kill) costs exactly its current input, recorded as
  ``worker_crash``; the inputs it had not started go back to the queue and a fresh worker
  (forked from a ``forkserver`` that has imported precis) takes its place;
- an input that runs past ``timeout`` gets a ``timeout`` record and its worker is killed and
  replaced: no input is lost and the run never hangs;
- at most ``2 x chunk`` inputs are in flight per worker (the one it is on and the next ones,
  so it never waits for the parent) and inputs are pulled from the lazy enumeration only then,
  so memory does not grow with the number of inputs.

Each worker has a pipe in each direction and reads its tasks in a thread of its own, so the
parent and a worker never both block writing to each other, whatever the sizes.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.reduction import ForkingPickler
from typing import Any

from precis.batch.inputs import Item
from precis.batch.records import InputTimeoutError, Result, WorkerCrashError, error_result
from precis.batch.worker import Job

logger = logging.getLogger(__name__)

PRELOAD = [
    "precis.batch.warm",
    "precis.batch.worker",
    "precis.api",
    "precis.extractive.methods",
    "precis.extractive.engine",
    "precis.extractive.modes",
    "precis.segment",
    "precis.clean.pipeline",
    "precis.ingest.html",
    "precis.ingest.pdf",
]
STARTUP_S = 180.0  # a worker that is not ready by then (imports, warm-up) is replaced
MAX_START_FAILURES = 3
PREFETCH_BYTES = 16 * 1024  # at most this much waits in a busy worker's pipe (see _feed)
POLL_S = 0.25  # how often a stop request and time limits are looked at while waiting


def _context() -> Any:
    """forkserver (preloaded with precis) where it exists, else spawn."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")


@dataclass
class _Slot:
    process: Any
    tasks: Connection  # parent -> worker
    results: Connection  # worker -> parent
    started: float
    queue: deque[Item] = field(default_factory=deque)
    since: float = 0.0  # when the input at the head of the queue started
    ready: bool = False


class LocalEngine:
    """Runs a :class:`~precis.batch.worker.Job` over items in ``workers`` processes."""

    def __init__(self, job: Job, *, workers: int, timeout: float, chunk: int = 2) -> None:
        self.job = job
        self.workers = workers
        self.timeout = timeout
        self.chunk = chunk
        self._ctx: Any = None
        self._start_failures = 0

    def run(
        self, items: Iterator[Item], emit: Callable[[Result], None], stop: Callable[[], bool]
    ) -> bool:
        """Emit one result per item; True when all are done, False when ``stop`` said so."""
        first = next(items, None)
        if first is None:
            return True  # nothing to do (e.g. a finished run resumed): start no process
        items = itertools.chain([first], items)
        self._ctx = _context()
        slots = [self._start() for _ in range(self.workers)]
        retry: deque[Item] = deque()
        exhausted = False
        try:
            while not stop():
                for index, slot in enumerate(slots):
                    if slot.ready and len(slot.queue) <= self.chunk:
                        exhausted, alive = self._feed(slot, items, retry, emit, exhausted)
                        if not alive:
                            slots[index] = self._replace(slot, retry, emit, timed_out=False)
                if exhausted and not retry and not any(s.queue for s in slots):
                    return True
                self._wait(slots)
                for index, slot in enumerate(slots):
                    if not self._drain(slot, emit):
                        slots[index] = self._replace(slot, retry, emit, timed_out=False)
                    elif self._overdue(slot):
                        slots[index] = self._replace(slot, retry, emit, timed_out=True)
            return False
        finally:
            self._shutdown(slots)

    def _start(self) -> _Slot:
        from precis.batch.worker import serve

        task_reader, task_writer = self._ctx.Pipe(duplex=False)
        result_reader, result_writer = self._ctx.Pipe(duplex=False)
        process = self._ctx.Process(
            target=serve,
            args=(task_reader, result_writer, self.job),
            name="precis-batch",
            daemon=True,
        )
        process.start()
        task_reader.close()  # the worker's ends: the parent sees EOF when the worker dies
        result_writer.close()
        return _Slot(process, task_writer, result_reader, started=time.monotonic())

    def _feed(
        self,
        slot: _Slot,
        items: Iterator[Item],
        retry: deque[Item],
        emit: Callable[[Result], None],
        exhausted: bool,
    ) -> tuple[bool, bool]:
        """Send a worker its next items; returns (inputs exhausted, worker still reachable).

        Items queued behind the one a worker is on must fit in the pipe's buffer: a worker stuck
        in C code that holds the GIL cannot read, and a blocked send would stall the parent and
        with it every time limit. Bigger items wait until the worker is idle.
        """
        batch, exhausted = self._take(items, retry, emit, exhausted)
        if not batch:
            return exhausted, True
        data = None
        if slot.queue:  # queued behind work: only what surely fits in the pipe's buffer
            if sum(len(i.value) for i in batch) <= PREFETCH_BYTES:
                data = ForkingPickler.dumps(batch)
            if data is None or len(data) > PREFETCH_BYTES:
                retry.extendleft(reversed(batch))
                return exhausted, True
        else:
            slot.since = time.monotonic()
            data = ForkingPickler.dumps(batch)
        slot.queue.extend(batch)
        try:
            slot.tasks.send_bytes(data)
        except OSError:
            return exhausted, False
        return exhausted, True

    def _take(
        self,
        items: Iterator[Item],
        retry: deque[Item],
        emit: Callable[[Result], None],
        exhausted: bool,
    ) -> tuple[list[Item], bool]:
        """Up to ``chunk`` items to send; rows that already failed are emitted, not sent."""
        batch: list[Item] = []
        while len(batch) < self.chunk:
            if retry:
                batch.append(retry.popleft())
                continue
            if exhausted:
                break
            item = next(items, None)
            if item is None:
                exhausted = True
            elif item.kind == "error":
                assert item.error is not None
                emit(self._error(item, item.error))
            else:
                batch.append(item)
        return batch, exhausted

    def _wait(self, slots: list[_Slot]) -> None:
        """Sleep until a worker answers or dies, a time limit passes, or POLL_S elapses."""
        now = time.monotonic()
        delay = POLL_S
        for slot in slots:
            if slot.queue:
                delay = min(delay, slot.since + self.timeout - now)
        handles: list[Any] = [s.results for s in slots] + [s.process.sentinel for s in slots]
        wait(handles, timeout=max(delay, 0.0))

    def _drain(self, slot: _Slot, emit: Callable[[Result], None]) -> bool:
        """Emit the results a worker has sent; False when the worker is gone."""
        from precis.batch.worker import READY

        try:
            while slot.results.poll():
                message = slot.results.recv()
                if message == READY:
                    slot.ready = True
                    self._start_failures = 0
                    continue
                item = slot.queue.popleft()
                if message.id != item.id:  # cannot happen: one pipe, answered in order
                    raise RuntimeError(f"worker answered {message.id!r} for {item.id!r}")
                emit(message)
                slot.since = time.monotonic()
        except (EOFError, OSError):
            return False
        if not slot.process.is_alive():
            return False
        return True

    def _overdue(self, slot: _Slot) -> bool:
        now = time.monotonic()
        if not slot.ready:
            return now - slot.started > STARTUP_S
        return bool(slot.queue) and now - slot.since > self.timeout

    def _replace(
        self, slot: _Slot, retry: deque[Item], emit: Callable[[Result], None], *, timed_out: bool
    ) -> _Slot:
        """Stop a dead or overdue worker, record its current input, requeue the rest.

        What the worker answered before it died is read first: a send that finds the pipe
        broken learns of the death before the answers do, and the input it answered last
        must not be the one blamed (input 6 done, the worker killed on input 7)."""
        self._drain(slot, emit)
        _stop(slot)
        if not slot.ready:
            self._start_failures += 1
            if self._start_failures > MAX_START_FAILURES:
                raise WorkerCrashError(
                    "worker processes keep exiting before they are ready; run with -v for details"
                )
        if slot.queue:
            head = slot.queue.popleft()
            retry.extendleft(reversed(slot.queue))
            if timed_out:
                error: Any = InputTimeoutError(
                    f"summarizing this input took longer than {self.timeout:g} s; stopped"
                )
            else:
                error = WorkerCrashError(
                    f"the worker process died on this input (exit code {slot.process.exitcode})"
                )
            logger.warning("input %s: %s", head.id, error)
            emit(self._error(head, error, time.monotonic() - slot.since))
        return self._start()

    def _error(self, item: Item, error: Any, seconds: float = 0.0) -> Result:
        return error_result(
            item.id,
            item.source,
            error,
            method=self.job.method,
            options=self.job.options_json,
            seconds=seconds,
        )

    def _shutdown(self, slots: list[_Slot]) -> None:
        """Idle workers are told to exit; busy ones (an interrupted run) are killed."""
        for slot in slots:
            if not slot.queue and slot.ready:
                try:
                    slot.tasks.send(None)
                except OSError:
                    pass
        deadline = time.monotonic() + 5.0
        for slot in slots:
            if not slot.queue and slot.ready:
                slot.process.join(max(deadline - time.monotonic(), 0.0))
            _stop(slot)


def _stop(slot: _Slot) -> None:
    if slot.process.is_alive():
        slot.process.kill()
    slot.process.join(5.0)
    slot.tasks.close()
    slot.results.close()
