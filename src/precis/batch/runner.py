"""One batch run: inputs minus finished ids, through an engine, into the output, then a report.

Exactly one record per input: the output is scanned first and every id found there is skipped;
engines return one result per item they are given; and the writer is fed through one gate that
drops a second record for an id (logged), so no engine bug or retry can duplicate a record.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from precis.batch.inputs import Item, open_inputs
from precis.batch.output import Writer, open_output, output_format
from precis.batch.records import Result, plain
from precis.batch.report import Tally
from precis.batch.worker import Job
from precis.errors import OptionError
from precis.options import SummarizeOptions

logger = logging.getLogger(__name__)

ENGINES = ("local", "ray")


@dataclass(frozen=True, kw_only=True)
class BatchOptions:
    """Everything a batch run needs; the CLI builds one, tests and benchmarks too."""

    input: str
    output: Path
    format: str | None = None  # jsonl or parquet; None: from the output's suffix
    engine: str = "local"
    workers: int | None = None  # None: every core (one for a local abstractive model)
    address: str | None = None  # Ray: auto or ray://host:port; None: start a local cluster
    num_gpus: float = 0.0  # Ray: GPUs per worker
    column: str | None = None
    column_type: str = "auto"
    id_column: str | None = None
    resume: bool = True
    limit: int | None = None
    timeout: float = 300.0  # per input, seconds
    summarize: SummarizeOptions = field(default_factory=SummarizeOptions)
    progress: bool = True  # a progress bar when stderr is a terminal
    part_records: int = 1000  # Parquet: records per part (what a kill can cost at most)

    def __post_init__(self) -> None:
        if self.engine not in ENGINES:
            raise OptionError(f"unknown engine {self.engine!r}; choose {' or '.join(ENGINES)}")
        if self.workers is not None and self.workers < 1:
            raise OptionError(f"--workers must be at least 1, got {self.workers}")
        if self.timeout <= 0:
            raise OptionError(f"--timeout must be positive, got {self.timeout}")
        if self.part_records < 1:
            raise OptionError(f"--part-records must be at least 1, got {self.part_records}")
        if self.num_gpus < 0:
            raise OptionError(f"--num-gpus must not be negative, got {self.num_gpus}")
        if self.num_gpus and self.engine != "ray":
            raise OptionError("--num-gpus applies to --engine ray")
        if self.address is not None and self.engine != "ray":
            raise OptionError("--address applies to --engine ray")

    def worker_count(self) -> int:
        """--workers, else every core; a local abstractive model loads once per worker, so 1."""
        if self.workers is not None:
            return self.workers
        model = self.summarize.abstractive
        if model is not None and not model.remote and self.engine == "local":
            return 1
        return os.cpu_count() or 1


def run_batch(
    options: BatchOptions, *, console: Any = None, job: Job | None = None
) -> dict[str, Any]:
    """Run (or resume) a batch and return its report (see :mod:`precis.batch.report`).

    ``job`` replaces the per-input work (tests use it to crash or stall a worker on purpose).

    Raises:
        PrecisError: the user's mistakes (input, options, an output of other options) before any
            work starts; inputs that fail become error records instead.
    """
    fmt = output_format(options.output, options.format)
    inputs = open_inputs(
        options.input,
        column=options.column,
        column_type=options.column_type,
        id_column=options.id_column,
        exclude=options.output,
    )
    meta = {
        "precis_batch": 1,
        "format": fmt,
        "options": plain(options.summarize),
        "inputs": inputs.describe(),
    }
    workers = options.worker_count()
    engine = _engine(options, workers, job)
    writer, sidecar = open_output(
        options.output, fmt, meta, resume=options.resume, part_records=options.part_records
    )
    tally = Tally()
    complete = False
    try:
        done = _finished(writer, tally)
        logger.info("%s: %d records already there", options.output, len(done))

        def pending() -> Iterator[Item]:
            for item in islice(iter(inputs), options.limit):
                if item.id in done:
                    tally.skipped += 1
                else:
                    yield item

        with _progress(options, inputs, len(done), console) as advance, _stop_signals() as stop:
            complete = engine.run(pending(), _Gate(writer, tally, done, advance), stop)
    finally:
        try:
            writer.close(complete)
        finally:
            sidecar.release()
    return tally.report(
        input=options.input,
        output=str(options.output),
        format=fmt,
        engine=options.engine,
        workers=workers,
        complete=complete,
    )


def _finished(writer: Writer, tally: Tally) -> set[str]:
    """Ids already in the output (their records counted in the report)."""
    done: set[str] = set()
    for item_id, ok, code, seconds in writer.scan():
        done.add(item_id)
        tally.add(item_id, ok, code, seconds, new=False)
    return done


class _Gate:
    """The one way into the output: a second record for an id is dropped (and logged)."""

    def __init__(
        self, writer: Writer, tally: Tally, done: set[str], advance: Callable[[], None]
    ) -> None:
        self.writer, self.tally, self.done, self.advance = writer, tally, done, advance

    def __call__(self, result: Result) -> None:
        if result.id in self.done:
            logger.warning("dropping a second record for %s", result.id)
            return
        self.writer.write(result)
        self.done.add(result.id)
        self.tally.add(result.id, result.ok, result.code, result.seconds, new=True)
        self.advance()


def _engine(options: BatchOptions, workers: int, job: Job | None) -> Any:
    job = job or Job(options.summarize)
    if options.engine == "ray":
        from precis.batch.ray_engine import RayEngine

        return RayEngine(
            job,
            workers=workers,
            timeout=options.timeout,
            address=options.address,
            num_gpus=options.num_gpus,
        )
    from precis.batch.local import LocalEngine

    return LocalEngine(job, workers=workers, timeout=options.timeout)


@contextlib.contextmanager
def _stop_signals() -> Iterator[Callable[[], bool]]:
    """Ctrl-C or SIGTERM stop the run cleanly: finished records stay, the rest run next time."""
    stopping = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield stopping.is_set
        return

    def handler(signum: int, _frame: Any) -> None:
        logger.warning("signal %d: stopping; finished records are kept", signum)
        stopping.set()

    saved = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stopping.is_set
    finally:
        for sig, previous in saved.items():
            signal.signal(sig, previous)


@contextlib.contextmanager
def _progress(
    options: BatchOptions, inputs: Any, previous: int, console: Any
) -> Iterator[Callable[[], None]]:
    """A rich bar with rate and ETA on a terminal; a no-op otherwise."""
    if not options.progress or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from precis.batch.report import RateColumn

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console or Console(stderr=True), transient=True) as bar:
        task = bar.add_task("summarizing", total=None)

        def count() -> None:  # a second pass over the inputs, off the main thread
            try:
                total = inputs.count()
            except Exception:  # the bar is a courtesy: never fail the run for it
                logger.debug("could not count the inputs", exc_info=True)
                return
            if options.limit is not None:
                total = min(total, options.limit)
            bar.update(task, total=max(total - previous, 0))

        threading.Thread(target=count, daemon=True).start()
        yield lambda: bar.advance(task)
