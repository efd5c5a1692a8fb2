"""The batch record: one per input, the same shape for every engine and output format.

A record is ``{"id", "source", "ok", "method", "summary", "error", "options", "seconds",
"worker"}``: ``summary`` is :meth:`precis.summary.Summary.to_dict` (sentences with ``start``/
``end`` offsets into the clean text) or the abstractive summary's dict, ``error`` is
``{"type", "code", "message"}`` (:meth:`precis.errors.PrecisError.to_dict`); exactly one of them
is null. In Parquet ``summary`` and ``options`` are JSON strings (their shape depends on the mode)
and ``error`` is a struct of three strings.
"""

from __future__ import annotations

import dataclasses
import json
import os
import socket
from typing import Any, NamedTuple

from precis.errors import InputError, LimitExceededError, PrecisError

FIELDS = ("id", "source", "ok", "method", "summary", "error", "options", "seconds", "worker")


class WorkerCrashError(PrecisError):
    """The worker process died while summarizing this input (a bug or an exhausted resource)."""

    code = "worker_crash"


class InputTimeoutError(LimitExceededError):
    """Summarizing this input took longer than the per-input time limit."""

    code = "timeout"


class InternalError(PrecisError):
    """An unexpected exception (a bug): logged with its traceback in the worker, never echoed."""

    exit_code = 70
    code = "internal_error"


class RowError(InputError):
    """A table row that cannot be read (invalid JSON, a missing or non-string cell)."""

    code = "bad_row"


class Result(NamedTuple):
    """What an engine hands the writer: a finished record plus the fields the report needs."""

    id: str
    ok: bool
    code: str | None
    seconds: float
    line: str  # the record as one line of JSON, no newline


def plain(value: Any) -> Any:
    """Options as JSON-able data (dataclasses to dicts, sets sorted, models by type name)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, frozenset | set):
        return sorted(plain(v) for v in value)
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return f"<{type(value).__name__}>"  # a loaded model: its type, never its repr


def options_json(options: Any) -> str:
    """The run's summarize options as canonical JSON (stored in every record and the sidecar)."""
    return json.dumps(plain(options), sort_keys=True, ensure_ascii=False)


def method_of(options: Any) -> str:
    """The method a record names: the extractive method, or ``abstractive`` with a model."""
    return "abstractive" if getattr(options, "abstractive", None) is not None else options.method


def worker_name() -> str:
    """host/pid: which process made a record (useful on a multi-node cluster)."""
    return f"{socket.gethostname()}/{os.getpid()}"


def build_line(
    item_id: str,
    source: str,
    *,
    method: str,
    summary: dict[str, Any] | None,
    error: dict[str, str] | None,
    options: str,
    seconds: float,
    worker: str,
) -> str:
    """One record as a line of JSON; ``options`` is already JSON (spliced in, not re-encoded)."""
    head = json.dumps(
        {
            "id": item_id,
            "source": source,
            "ok": error is None,
            "method": method,
            "summary": summary,
            "error": error,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )
    tail = json.dumps({"seconds": round(seconds, 6), "worker": worker}, separators=(",", ":"))
    return f'{head[:-1]},"options":{options},{tail[1:]}'


def error_result(
    item_id: str,
    source: str,
    error: PrecisError,
    *,
    method: str,
    options: str,
    seconds: float = 0.0,
    worker: str | None = None,
) -> Result:
    """A record for an input that failed outside ``process_one`` (bad row, crash, timeout)."""
    line = build_line(
        item_id,
        source,
        method=method,
        summary=None,
        error=error.to_dict(),
        options=options,
        seconds=seconds,
        worker=worker or worker_name(),
    )
    return Result(item_id, False, error.code, seconds, line)


def parquet_schema() -> Any:
    """The Arrow schema of Parquet output (pyarrow imported only here)."""
    import pyarrow as pa

    error = pa.struct([("type", pa.string()), ("code", pa.string()), ("message", pa.string())])
    return pa.schema(
        [
            ("id", pa.string()),
            ("source", pa.string()),
            ("ok", pa.bool_()),
            ("method", pa.string()),
            ("summary", pa.string()),
            ("error", error),
            ("options", pa.string()),
            ("seconds", pa.float64()),
            ("worker", pa.string()),
        ]
    )


def flat_row(line: str) -> dict[str, Any]:
    """A record line as a Parquet row: ``summary`` and ``options`` as JSON strings."""
    record: dict[str, Any] = json.loads(line)
    for name in ("summary", "options"):
        if record[name] is not None:
            record[name] = json.dumps(record[name], ensure_ascii=False, separators=(",", ":"))
    return record
