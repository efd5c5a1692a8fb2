"""Crash-safe batch output: the sidecar that pins a run's options, the lock, and resume.

The output itself is the checkpoint: an input is finished exactly when its record is in the
output, so there is no second file to fall out of step with it, and no moment at which a kill
can leave a record written but not checkpointed (or the reverse). ``OUTPUT.meta.json`` holds the
options and the id scheme of the run; a resumed run with other options is refused. The sidecar is
also the lock (``flock``): a second run on the same output fails at once, and the lock goes away
with its process, even after ``kill -9``.

Formats: :mod:`precis.batch.jsonl` (append-only lines) and :mod:`precis.batch.parquet`
(atomically renamed parts, merged at the end).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from precis.batch.records import Result
from precis.errors import InputError, OptionError

logger = logging.getLogger(__name__)

FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet", ".pq": "parquet"}
META_VERSION = 1


class Writer(Protocol):
    """What the engines write through (both formats)."""

    def scan(self) -> Iterator[tuple[str, bool, str | None, float]]:
        """(id, ok, error code, seconds) of every record already in the output."""
        ...

    def write(self, result: Result) -> None:
        """Append one finished record."""
        ...

    def close(self, complete: bool) -> None:
        """Make everything written durable; ``complete``: every input has its record."""
        ...


def output_format(path: Path, given: str | None) -> str:
    """``jsonl`` or ``parquet``, from ``--format`` or else the output's suffix."""
    if given is not None:
        if given not in ("jsonl", "parquet"):
            raise OptionError(f"unknown output format {given!r}; choose jsonl or parquet")
        return given
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise OptionError(
            f"cannot tell the format of {path}; name it .jsonl or .parquet, or give --format"
        )
    return fmt


def meta_path(output: Path) -> Path:
    return output.with_name(output.name + ".meta.json")


class Sidecar:
    """``OUTPUT.meta.json``: the run's options, held under an exclusive lock while running."""

    def __init__(self, output: Path) -> None:
        self.path = meta_path(output)
        self._fd: int | None = None

    def acquire(self) -> dict[str, Any] | None:
        """Lock the sidecar and return what it holds (None: new, empty or unreadable)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise InputError(f"cannot write {self.path}: {exc.strerror}") from None
        try:
            import fcntl

            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # no flock (Windows): run without the guard
            logger.warning("no file locking here: do not run two batches on one output")
        except BlockingIOError:
            self.release()
            raise InputError(f"another precis batch is writing {self.path.name[:-10]}") from None
        data = b""
        while chunk := os.read(self._fd, 1 << 16):
            data += chunk
        try:
            meta = json.loads(data) if data.strip() else None
        except ValueError:
            return None
        return meta if isinstance(meta, dict) else None

    def store(self, meta: dict[str, Any]) -> None:
        """Write the sidecar in place (it is the lock, so it is never replaced) and sync it."""
        assert self._fd is not None
        data = json.dumps(meta, indent=2, sort_keys=True).encode() + b"\n"
        os.ftruncate(self._fd, 0)
        os.pwrite(self._fd, data, 0)
        os.fsync(self._fd)

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the flock
            self._fd = None


def check_meta(old: dict[str, Any], new: dict[str, Any], output: Path) -> None:
    """Refuse to resume an output made with other options or another id scheme."""
    if old.get("format") != new["format"]:
        raise OptionError(
            f"{output} was written as {old.get('format')}, not {new['format']}; "
            "use --no-resume to start over or choose another --output"
        )
    changed = sorted(
        key
        for key in set(old.get("options", {})) | set(new["options"])
        if old.get("options", {}).get(key) != new["options"].get(key)
    )
    old_inputs, new_inputs = old.get("inputs", {}), new["inputs"]
    changed += [
        f"inputs.{key}"
        for key in ("kind", "column", "column_type", "id_column")
        if old_inputs.get(key) != new_inputs.get(key)
    ]
    if changed:
        raise OptionError(
            f"{output} was made by a run with other options ({', '.join(changed)}); "
            "use the same options to resume, --no-resume to start over, or another --output"
        )
    if old_inputs.get("location") != new_inputs.get("location"):
        logger.warning(
            "resuming %s, which was made from %s (now %s): ids are compared, not locations",
            output,
            old_inputs.get("location"),
            new_inputs.get("location"),
        )


def has_data(output: Path) -> bool:
    """Whether a previous run left records (a file, or Parquet parts)."""
    parts = parts_dir(output)
    return (output.exists() and output.stat().st_size > 0) or (
        parts.is_dir() and any(parts.iterdir())
    )


def parts_dir(output: Path) -> Path:
    return output.with_name(output.name + ".parts")


def remove_output(output: Path) -> None:
    """Delete a previous run's records (``--no-resume``)."""
    for path in (output, output.with_name(output.name + ".tmp")):
        if path.is_file():
            path.unlink()
    shutil.rmtree(parts_dir(output), ignore_errors=True)


def open_output(
    output: Path, fmt: str, meta: dict[str, Any], *, resume: bool, part_records: int = 1000
) -> tuple[Writer, Sidecar]:
    """Lock the output, check or start over, and return its writer (call ``scan`` next).

    Raises:
        OptionError: resuming an output made with other options.
        InputError: the output is locked by another run, or is not a precis batch output.
    """
    if output.is_dir():
        raise OptionError(f"--output {output} is a folder; give a .jsonl or .parquet file")
    sidecar = Sidecar(output)
    old = sidecar.acquire()
    try:
        if not resume:
            remove_output(output)
        elif old is not None:
            check_meta(old, meta, output)
        elif has_data(output):
            raise InputError(
                f"{output} exists but has no readable {sidecar.path.name}, so it was not written "
                "by precis batch; use --no-resume to overwrite it or choose another --output"
            )
        if old is None or not resume or old != meta:
            sidecar.store(meta)
        if fmt == "parquet":
            from precis.batch.parquet import ParquetWriter

            writer: Writer = ParquetWriter(output, part_records=part_records)
        else:
            from precis.batch.jsonl import JsonlWriter

            writer = JsonlWriter(output)
    except BaseException:
        sidecar.release()
        raise
    return writer, sidecar


def fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable (no-op where folders cannot be opened)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
