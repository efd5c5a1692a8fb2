"""Parquet output: whole parts renamed into place, merged into one file at the end.

Records are buffered and written as ``OUTPUT.parts/part-NNNNNN.parquet`` (1000 records or 30
seconds, whichever comes first): written to ``.tmp``, synced, then renamed, so a kill leaves only
whole parts; the records still in the buffer were not finished and run again. When every input
has its record the parts are merged into ``OUTPUT`` (again via ``.tmp`` and a rename) and the
parts folder is removed. Invariants that keep ids unique across kills at any point:

- ``OUTPUT`` and ``OUTPUT.parts`` both present means a kill between the merge's rename and the
  removal of the parts: ``OUTPUT`` already holds them all, so the parts are deleted on resume;
- a resumed run with new records first moves ``OUTPUT`` into the (then empty) parts folder as
  ``part-000000.parquet``, so records live in exactly one place at every moment.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from precis.batch.output import fsync_dir, parts_dir
from precis.batch.records import Result, flat_row, parquet_schema
from precis.errors import MissingDependencyError

logger = logging.getLogger(__name__)

PART_RECORDS = 1000
PART_SECONDS = 30.0


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise MissingDependencyError("pyarrow", "batch") from None
    return pa, pq


class ParquetWriter:
    """Writes parts under ``OUTPUT.parts`` and merges them into ``OUTPUT`` when complete."""

    def __init__(self, path: Path, *, part_records: int = PART_RECORDS) -> None:
        self.path = path
        self.part_records = part_records
        self.parts = parts_dir(path)
        self._rows: list[dict[str, Any]] = []
        self._flushed_at = time.monotonic()
        self._next = 0
        _pyarrow()

    def scan(self) -> Iterator[tuple[str, bool, str | None, float]]:
        """Records of the merged file and of whole parts; leftovers of a kill are cleaned."""
        tmp = self.path.with_name(self.path.name + ".tmp")
        if tmp.exists():
            tmp.unlink()  # a merge that did not finish: the parts still hold everything
        if self.path.exists() and self.parts.exists():
            shutil.rmtree(self.parts)  # a merge that finished but for removing its parts
        files = [self.path] if self.path.exists() else []
        if self.parts.is_dir():
            for stale in self.parts.glob("*.tmp"):
                stale.unlink()
            parts = self._part_files()
            self._next = max((self._number(p) for p in parts), default=-1) + 1
            files += parts
        for file in files:
            yield from _read_ids(file)

    def write(self, result: Result) -> None:
        self._rows.append(flat_row(result.line))
        if (
            len(self._rows) >= self.part_records
            or time.monotonic() - self._flushed_at >= PART_SECONDS
        ):
            self._flush()

    def close(self, complete: bool) -> None:
        self._flush()
        if complete:
            self._merge()

    def _part_files(self) -> list[Path]:
        return sorted(self.parts.glob("part-*.parquet"))

    @staticmethod
    def _number(path: Path) -> int:
        return int(path.stem.split("-")[1])

    def _flush(self) -> None:
        """Write the buffered records as one whole part."""
        self._flushed_at = time.monotonic()
        if not self._rows:
            return
        pa, pq = _pyarrow()
        self.parts.mkdir(parents=True, exist_ok=True)
        if self.path.exists():  # resuming a merged output: it becomes the first part
            os.replace(self.path, self.parts / "part-000000.parquet")
            self._next = max(self._next, 1)
            fsync_dir(self.parts)
        final = self.parts / f"part-{self._next:06d}.parquet"
        tmp = final.with_name(final.name + ".tmp")
        table = pa.Table.from_pylist(self._rows, schema=parquet_schema())
        pq.write_table(table, tmp)
        _fsync_file(tmp)
        os.replace(tmp, final)
        fsync_dir(self.parts)
        self._next += 1
        self._rows = []

    def _merge(self) -> None:
        """All parts into ``OUTPUT`` (one part at a time in memory), then drop the parts."""
        if not self.parts.is_dir():
            if not self.path.exists():  # no inputs at all: an empty table, not a missing file
                _, pq = _pyarrow()
                pq.write_table(parquet_schema().empty_table(), self.path)
            return
        _, pq = _pyarrow()
        tmp = self.path.with_name(self.path.name + ".tmp")
        with pq.ParquetWriter(tmp, parquet_schema()) as out:
            for part in self._part_files():
                out.write_table(pq.read_table(part, schema=parquet_schema()))
        _fsync_file(tmp)
        os.replace(tmp, self.path)
        fsync_dir(self.path.parent)
        shutil.rmtree(self.parts)


def _read_ids(path: Path) -> Iterator[tuple[str, bool, str | None, float]]:
    _, pq = _pyarrow()
    table = pq.read_table(path, columns=["id", "ok", "error", "seconds"])
    errors = table.column("error").to_pylist()
    for item_id, ok, error, seconds in zip(
        table.column("id").to_pylist(),
        table.column("ok").to_pylist(),
        errors,
        table.column("seconds").to_pylist(),
        strict=True,
    ):
        yield item_id, bool(ok), (error or {}).get("code"), float(seconds or 0.0)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
