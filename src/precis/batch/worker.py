"""The per-input work, shared by both engines, and the loop of a local worker process.

:class:`Job` turns one :class:`~precis.batch.inputs.Item` into one finished record with
:func:`precis.api.process_one`; it never raises (a bug becomes an ``internal_error`` record,
logged here with its traceback). The record is serialised here, in the worker, so the process
that writes the output only appends bytes.
"""

from __future__ import annotations

import logging
import queue
import signal
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from precis import api
from precis.batch.inputs import Item
from precis.batch.records import (
    InternalError,
    Result,
    build_line,
    error_result,
    method_of,
    options_json,
    worker_name,
)
from precis.errors import UrlRefusedError
from precis.ingest.url import is_url
from precis.options import SummarizeOptions

logger = logging.getLogger(__name__)

READY = "ready"
WARM_TEXT = (
    b"Batch workers warm up once. The first summary loads the tokenizer data and the stop "
    b"words. Later summaries reuse them, so the first input is not slower than the rest."
)


class Job:
    """Summarize items with fixed options (picklable: shipped to workers and Ray tasks)."""

    def __init__(self, options: SummarizeOptions) -> None:
        self.options = options
        self.options_json = options_json(options)
        self.method = method_of(options)

    def warm(self) -> None:
        """Load what the first summary would (extractive only: a model loads on first use)."""
        if self.options.abstractive is None:
            try:
                api.process_one(WARM_TEXT, self.options)
            except Exception:  # a bug shows on a real input, as an internal_error record
                logger.debug("warm-up failed", exc_info=True)

    def __call__(self, item: Item) -> Result:
        if item.kind == "error":
            assert item.error is not None
            return error_result(
                item.id, item.source, item.error, method=self.method, options=self.options_json
            )
        started = time.perf_counter()
        try:
            outcome = api.process_one(_source(item), self.options)
        except UrlRefusedError as exc:
            outcome = {"summary": None, "error": exc.to_dict()}
        except Exception as exc:  # a bug: logged with its traceback, recorded without its text
            logger.exception("internal error on input %s", item.id)
            error = InternalError(
                f"internal error ({type(exc).__name__}) while summarizing; see the worker's log"
            )
            outcome = {"summary": None, "error": error.to_dict()}
        seconds = time.perf_counter() - started
        error = outcome["error"]
        line = build_line(
            item.id,
            item.source,
            method=self.method,
            summary=outcome["summary"],
            error=error,
            options=self.options_json,
            seconds=seconds,
            worker=worker_name(),
        )
        return Result(item.id, error is None, error and error["code"], seconds, line)


def _source(item: Item) -> Any:
    """What ``process_one`` reads: a Path (never taken for a URL), the text's bytes, or a URL."""
    if item.kind == "path":
        return Path(item.value)
    if item.kind == "url":
        if not is_url(item.value):
            raise UrlRefusedError(f"refused URL {item.value[:200]!r}: only http and https")
        return item.value
    return item.value.encode("utf-8")


def serve(tasks: Connection, results: Connection, job: Job) -> None:
    """A local worker: warm up, say ready, then answer every item, one record at a time.

    A reader thread takes lists of items off ``tasks`` as soon as they come, so the parent's
    sends never wait for the work (and never deadlock against this worker's sends of results,
    whatever their sizes). Ctrl-C belongs to the parent; EOF on ``tasks`` means it is gone.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    inbox: queue.SimpleQueue[list[Item] | None] = queue.SimpleQueue()
    threading.Thread(target=_read, args=(tasks, inbox), daemon=True).start()
    job.warm()
    try:
        results.send(READY)
        while (batch := inbox.get()) is not None:
            for item in batch:
                results.send(job(item))
    except OSError:  # the parent is gone
        return


def _read(tasks: Connection, inbox: queue.SimpleQueue[list[Item] | None]) -> None:
    """Move lists of items from the pipe to the inbox; None at the end or when told to stop."""
    try:
        while (batch := tasks.recv()) is not None:
            inbox.put(batch)
    except (EOFError, OSError):
        pass
    inbox.put(None)
