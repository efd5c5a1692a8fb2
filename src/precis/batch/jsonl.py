"""JSONL output: append-only, one complete line per record, synced in batches.

Each record is one ``write(2)`` of a whole line on an ``O_APPEND`` descriptor, so a killed
process leaves whole lines (the kernel keeps what was written even after ``kill -9``); ``fsync``
every second or every 1000 records bounds what a power cut can take. On resume a torn last line
(no newline, or not JSON) is cut off: that input was not finished and runs again.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Iterator
from pathlib import Path

from precis.batch.records import Result
from precis.errors import InputError

logger = logging.getLogger(__name__)

SYNC_EVERY_S = 1.0
SYNC_EVERY_RECORDS = 1000


class JsonlWriter:
    """Appends records to ``path``; :meth:`scan` first (it repairs a torn tail)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self._unsynced = 0
        self._synced_at = time.monotonic()

    def scan(self) -> Iterator[tuple[str, bool, str | None, float]]:
        """Records already written; a torn last line is truncated away."""
        if not self.path.exists():
            return
        good = 0  # bytes up to the end of the last whole record
        with self.path.open("rb") as handle:
            for number, line in enumerate(handle, 1):
                if not line.endswith(b"\n"):
                    break  # torn: the run was killed while writing it
                try:
                    record = json.loads(line)
                    item = (
                        str(record["id"]),
                        bool(record["ok"]),
                        (record.get("error") or {}).get("code"),
                        float(record.get("seconds") or 0.0),
                    )
                except (ValueError, KeyError, TypeError, AttributeError):
                    if handle.read(1):  # more follows: not a torn tail but a damaged file
                        raise InputError(
                            f"line {number} of {self.path} is not a batch record; "
                            "fix it or use --no-resume"
                        ) from None
                    break
                good += len(line)
                yield item
        size = self.path.stat().st_size
        if size > good:
            logger.warning("%s: dropping a torn last record (%d bytes)", self.path, size - good)
            os.truncate(self.path, good)

    def write(self, result: Result) -> None:
        if self._fd is None:
            self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        data = (result.line + "\n").encode("utf-8")
        view = memoryview(data)
        while view:
            view = view[os.write(self._fd, view) :]
        self._unsynced += 1
        now = time.monotonic()
        if self._unsynced >= SYNC_EVERY_RECORDS or now - self._synced_at >= SYNC_EVERY_S:
            self._sync(now)

    def _sync(self, now: float) -> None:
        if self._fd is not None and self._unsynced:
            os.fsync(self._fd)
        self._unsynced, self._synced_at = 0, now

    def close(self, complete: bool) -> None:
        if self._fd is None:
            if complete and not self.path.exists():
                self.path.touch()  # no inputs, or all done: the output still exists
            return
        self._sync(time.monotonic())
        os.close(self._fd)
        self._fd = None
