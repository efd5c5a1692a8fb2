"""The Ray engine: the same per-input work as the local engine, on a Ray cluster with Ray Data.

Pending inputs (all minus the ids already in the output) are read in windows of up to 20,000
items (``ray.data.from_items``), summarized with ``map_batches`` running the same
:class:`~precis.batch.worker.Job` as local workers, and streamed back with ``iter_batches`` to the
driver, which writes them through the same crash-safe writer: same record schema, same resume.
(Writing with Ray's own ``write_json``/``write_parquet`` would give files named by Ray that cannot
be resumed record by record.) CPU work runs as Ray tasks, whose worker processes stay warm from
one window to the next; with ``--num-gpus`` or a local abstractive model it runs in a pool of
actors, each holding its model, one GPU share each.

Failures keep exactly one record per input: a per-input time limit (``SIGALRM`` in the worker)
gives a ``timeout`` record; if a window fails (a worker died and Ray's retries ran out) the inputs
of it that have no record yet are split in halves and retried until the one that kills its worker
is alone, and that one gets a ``worker_crash`` record.

Multi-node recipe: install the same precis with ``pip install 'precis[batch]'`` on every node;
paths in the input must be readable at the same place on every node (a shared file system), while
a table with a text column needs nothing shared (the driver ships the texts)::

    # on the head node
    ray start --head --port=6379 --num-cpus=16
    # on every other node
    ray start --address=HEAD_IP:6379
    # anywhere that can reach the cluster (a node, or a client via ray://HEAD_IP:10001)
    precis batch docs.parquet --column text -o summaries.parquet --engine ray --address auto
    # GPU nodes and an abstractive model: one GPU per worker
    precis batch docs.parquet -o out.jsonl --engine ray --address auto \\
        --abstractive --model google/flan-t5-base --num-gpus 1 --workers 4

Spark users: the unit of work is :func:`precis.api.process_one`, a plain function of plain data
(one record with ``summary`` or ``error``, never an exception for bad input), so it runs in a UDF
as is; ``mapInPandas`` keeps one warm Python worker per executor core::

    import json
    from precis import api
    from precis.options import SummarizeOptions

    def summarize(frames):
        options = SummarizeOptions(sentences=3)
        for frame in frames:
            records = [api.process_one(text.encode(), options) for text in frame["text"]]
            frame["summary"] = [json.dumps(r["summary"]) if r["summary"] else None for r in records]
            frame["error"] = [r["error"]["code"] if r["error"] else None for r in records]
            yield frame[["id", "summary", "error"]]

    out = df.mapInPandas(summarize, schema="id string, summary string, error string")

Spark's output is exactly-once per job (retried tasks overwrite their files), not per record:
to resume a killed Spark job, anti-join the input ids with the ids already written.
"""

from __future__ import annotations

import logging
import signal
import threading
import warnings
from collections.abc import Callable, Iterator
from typing import Any

from precis.batch.inputs import Item
from precis.batch.records import InputTimeoutError, Result, WorkerCrashError, error_result
from precis.batch.worker import Job
from precis.errors import InputError, MissingDependencyError

logger = logging.getLogger(__name__)

WINDOW_ITEMS = 20_000
WINDOW_BYTES = 256 * 1024 * 1024
BLOCK_ITEMS = 64  # inputs per Ray Data block: results stream back block by block
BATCH_ITEMS = 16  # inputs per map_batches call
RETRIES = 2  # an actor's retries of a batch that killed it, before precis looks for the culprit
_warm = False


def _ray() -> Any:
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        raise MissingDependencyError("ray[data]", "batch") from None
    return ray


class RayEngine:
    """Runs :class:`~precis.batch.worker.Job` over items with Ray Data."""

    def __init__(
        self,
        job: Job,
        *,
        workers: int,
        timeout: float,
        address: str | None = None,
        num_gpus: float = 0.0,
    ) -> None:
        self.job = job
        self.workers = workers
        self.timeout = timeout
        self.address = address
        self.num_gpus = num_gpus
        model = job.options.abstractive
        self.actors = num_gpus > 0 or (model is not None and not model.remote)

    def run(
        self, items: Iterator[Item], emit: Callable[[Result], None], stop: Callable[[], bool]
    ) -> bool:
        """Emit one result per item; True when all are done, False when ``stop`` said so."""
        first = next(items, None)
        if first is None:
            return True
        ray = _ray()
        owned = not ray.is_initialized()  # a session someone else opened stays open
        if owned:
            self._init(ray)
        self._quiet(ray)
        try:
            window: list[Item] = []
            size = 0
            for item in _chain(first, items):
                if item.kind == "error":
                    assert item.error is not None
                    emit(self._error(item, item.error))
                    continue
                window.append(item)
                size += len(item.value)
                if len(window) >= WINDOW_ITEMS or size >= WINDOW_BYTES:
                    if not self._window(ray, window, emit, stop):
                        return False
                    window, size = [], 0
            return self._window(ray, window, emit, stop) if window else not stop()
        finally:
            if owned:
                ray.shutdown()

    def _init(self, ray: Any) -> None:
        """Connect to ``--address``, or start a local cluster with ``workers`` CPUs."""
        kwargs: dict[str, Any] = {"logging_level": logging.WARNING, "include_dashboard": False}
        try:
            if self.address:
                kwargs.pop("include_dashboard")
                ray.init(address=self.address, **kwargs)
            else:  # a cluster for this job alone: its workers at normal priority, like local
                # ones (Ray's default of nice 15 loses every core to any other busy process)
                config = {"worker_niceness": 0}
                ray.init(num_cpus=self.workers, _system_config=config, **kwargs)
        except (ConnectionError, ValueError, RuntimeError) as exc:
            where = self.address or "a local cluster"
            raise InputError(f"cannot start or reach Ray ({where}): {type(exc).__name__}") from None

    @staticmethod
    def _quiet(ray: Any) -> None:
        """No Ray Data progress bars or per-dataset INFO lines (unless -v): precis reports."""
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False  # precis shows its own
        from ray.util.debug import log_once

        log_once("ray_data_progress_manager_disabled")  # ... so no warning that they are off
        data_logger = logging.getLogger("ray.data")
        if not logger.isEnabledFor(logging.INFO):  # Ray Data's per-dataset INFO lines: with -v
            data_logger.setLevel(logging.WARNING)

    def _window(
        self, ray: Any, window: list[Item], emit: Callable[[Result], None], stop: Callable[[], bool]
    ) -> bool:
        """Run one window; on a failure retry what has no record, halving down to the culprit."""
        done: set[str] = set()
        try:
            for batch in self._dataset(ray, window).iter_batches(
                batch_size=None, batch_format="pyarrow"
            ):
                columns = batch.to_pydict()
                for row in zip(
                    *(columns[k] for k in ("id", "ok", "code", "seconds", "line")), strict=True
                ):
                    result = Result(*row)
                    done.add(result.id)
                    emit(result)
                if stop():
                    return False
            return True
        except Exception as exc:  # a Ray error: a worker died and the retries ran out
            if stop():
                return False
            rest = [item for item in window if item.id not in done]
            logger.warning(
                "a Ray window failed (%s); retrying %d inputs", type(exc).__name__, len(rest)
            )
            if len(rest) == 1:
                error = WorkerCrashError("the Ray worker died on this input (retries exhausted)")
                emit(self._error(rest[0], error))
                return True
            half = len(rest) // 2
            return self._window(ray, rest[:half], emit, stop) and self._window(
                ray, rest[half:], emit, stop
            )

    def _dataset(self, ray: Any, window: list[Item]) -> Any:
        """from_items -> map_batches (tasks for CPU work, actors for models on GPUs)."""
        rows = [{"id": i.id, "source": i.source, "kind": i.kind, "value": i.value} for i in window]
        blocks = min(len(rows), max(self.workers, -(-len(rows) // BLOCK_ITEMS)))
        dataset = ray.data.from_items(rows, override_num_blocks=blocks)
        common: dict[str, Any] = {"batch_size": BATCH_ITEMS, "batch_format": "pyarrow"}
        if self.actors:
            with warnings.catch_warnings():  # the retry settings have no named parameter yet
                warnings.filterwarnings("ignore", message="`ray_remote_args` is deprecated")
                return dataset.map_batches(
                    _Actor,
                    fn_constructor_kwargs={"job": self.job, "timeout": self.timeout},
                    compute=ray.data.ActorPoolStrategy(size=self.workers),
                    num_gpus=self.num_gpus or None,
                    max_restarts=-1,  # a dead actor is replaced, but an input that kills
                    max_task_retries=RETRIES,  # it is not retried forever (Ray Data's default)
                    **common,
                )
        return dataset.map_batches(  # Ray retries a task whose worker died 3 times
            process_batch,
            fn_kwargs={"job": self.job, "timeout": self.timeout},
            compute=ray.data.TaskPoolStrategy(size=self.workers),
            num_cpus=1,
            **common,
        )

    def _error(self, item: Item, error: Any) -> Result:
        return error_result(
            item.id, item.source, error, method=self.job.method, options=self.job.options_json
        )


def _chain(first: Item, rest: Iterator[Item]) -> Iterator[Item]:
    yield first
    yield from rest


def process_batch(batch: Any, *, job: Job, timeout: float) -> dict[str, list[Any]]:
    """The map_batches function: one record per row, each under the per-input time limit."""
    global _warm
    if not _warm:
        job.warm()  # once per worker process, so the first input's time limit is fair
        _warm = True
    columns = batch.to_pydict()
    out: dict[str, list[Any]] = {"id": [], "ok": [], "code": [], "seconds": [], "line": []}
    for item_id, source, kind, value in zip(
        columns["id"], columns["source"], columns["kind"], columns["value"], strict=True
    ):
        result = _limited(job, Item(item_id, source, kind, value), timeout)
        for key, field in zip(("id", "ok", "code", "seconds", "line"), result, strict=True):
            out[key].append(field)
    return out


class _Actor:
    """A map_batches actor: a Job whose model stays loaded (GPU work)."""

    def __init__(self, job: Job, timeout: float) -> None:
        self.job = job
        self.timeout = timeout
        job.warm()

    def __call__(self, batch: Any) -> dict[str, list[Any]]:
        return process_batch(batch, job=self.job, timeout=self.timeout)


def _limited(job: Job, item: Item, timeout: float) -> Result:
    """``job(item)`` stopped by SIGALRM after ``timeout`` seconds (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        return job(item)

    def expire(_signum: int, _frame: Any) -> None:
        raise InputTimeoutError(f"summarizing this input took longer than {timeout:g} s; stopped")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        return job(item)
    except InputTimeoutError as exc:  # raised outside process_one (which records it itself)
        return error_result(
            item.id,
            item.source,
            exc,
            method=job.method,
            options=job.options_json,
            seconds=timeout,
        )
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
