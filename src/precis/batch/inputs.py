"""Enumerate a batch's inputs lazily, each with a stable id.

INPUT is a folder (walked recursively in sorted order; every file, whatever its suffix, the
format detected from the content; hidden files and folders skipped), a glob (``'docs/**/*.pdf'``; every matching file), one document, or a
table: JSONL, CSV/TSV or Parquet with a text, path or URL column. Ids: the path relative to the
folder (or to the glob's fixed leading directories); for tables the value of ``--id-column`` or
the row index (0-based, blank JSONL lines and the CSV header not counted). The same input gives
the same ids on every run, which is what makes resuming possible. Nothing is read ahead: a
million-row table costs one row's memory at a time (plus the seen-id set of ``--id-column``).
"""

from __future__ import annotations

import csv
import glob
import json
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from precis.batch.records import RowError
from precis.errors import InputError, OptionError, PrecisError, SourceNotFoundError

logger = logging.getLogger(__name__)

TABLES = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
    ".parquet": "parquet",
    ".pq": "parquet",
}
COLUMN_TYPES = ("auto", "text", "path", "url")
# Column names tried in order when --column is not given; their kind follows from the name.
CANDIDATES = ("text", "content", "body", "article", "document", "path", "file", "url", "source")
_PATH_NAMES = frozenset({"path", "file", "filename", "filepath", "file_path"})
_URL_NAMES = frozenset({"url", "link", "href", "uri"})
_WILDCARDS = frozenset("*?[")


@dataclass(frozen=True, slots=True)
class Item:
    """One input: ``kind`` is ``path``, ``text`` or ``url`` (``value`` holds it), or ``error``
    for a row that failed before any work (``error`` says why)."""

    id: str
    source: str
    kind: str
    value: str
    error: PrecisError | None = None


@dataclass(frozen=True)
class Inputs:
    """A lazily enumerated input set; iterate it for :class:`Item` records."""

    kind: str  # folder, glob, file, jsonl, csv, tsv or parquet
    location: str
    column: str | None = None
    column_type: str | None = None
    id_column: str | None = None
    exclude: str | None = None  # an absolute path prefix never taken as input (the output)

    def describe(self) -> dict[str, Any]:
        """What decides the ids (stored with the output, compared on resume)."""
        return {
            "kind": self.kind,
            "location": self.location,
            "column": self.column,
            "column_type": self.column_type,
            "id_column": self.id_column,
        }

    def __iter__(self) -> Iterator[Item]:
        if self.kind in ("folder", "glob", "file"):
            return self._files()
        return _rows(self)

    def count(self) -> int:
        """How many inputs there are (a second, cheap pass; for the progress bar's total)."""
        if self.kind == "parquet":
            import pyarrow.parquet as pq

            return int(pq.ParquetFile(self.location).metadata.num_rows)
        if self.kind == "jsonl":
            with open(self.location, "rb") as handle:
                return sum(1 for line in handle if line.strip())
        return sum(1 for _ in self)

    def _files(self) -> Iterator[Item]:
        if self.kind == "file":
            path = Path(self.location)
            yield Item(path.name, str(path), "path", str(path))
            return
        if self.kind == "folder":
            root, paths = Path(self.location), _walk(Path(self.location))
        else:
            root = _glob_base(self.location)
            paths = (Path(p) for p in glob.iglob(self.location, recursive=True))
        for path in paths:
            absolute = os.path.abspath(path)
            if self.exclude and absolute.startswith(self.exclude):
                continue
            if self.kind == "glob" and not path.is_file():
                continue
            yield Item(path.relative_to(root).as_posix(), str(path), "path", absolute)


def open_inputs(
    spec: str,
    *,
    column: str | None = None,
    column_type: str = "auto",
    id_column: str | None = None,
    exclude: Path | None = None,
) -> Inputs:
    """Recognise INPUT and check what can be checked up front (existence, columns).

    Raises:
        SourceNotFoundError: nothing at ``spec`` (and no file matches it as a glob).
        OptionError: a column that the table does not have, or table options for files.
    """
    if column_type not in COLUMN_TYPES:
        raise OptionError(f"unknown column type {column_type!r}; choose {', '.join(COLUMN_TYPES)}")
    prefix = os.path.abspath(exclude) if exclude is not None else None
    path = Path(spec)
    table = TABLES.get(path.suffix.lower())
    if path.is_file() and table is not None:
        return _open_table(path, table, column, column_type, id_column)
    if column is not None or id_column is not None:
        raise OptionError("--column and --id-column apply to a table (JSONL, CSV or Parquet)")
    if path.is_dir():
        return Inputs("folder", str(path), exclude=prefix)
    if path.is_file():
        return Inputs("file", str(path), exclude=prefix)
    if any(c in _WILDCARDS for c in spec):
        return Inputs("glob", spec, exclude=prefix)
    raise SourceNotFoundError(f"no such file or folder: {spec}")


def _walk(root: Path) -> Iterator[Path]:
    """Supported files under ``root``, depth first, sorted by name in every folder."""
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            logger.warning("skipping unreadable folder %s: %s", folder, exc.strerror)
            continue
        folders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                folders.append(Path(entry.path))
            elif entry.is_file():
                # every file, whatever its name says: the format is detected from the content
                # as `precis summarize` does, and a file precis cannot read gets an error
                # record rather than being skipped unseen (issue 18)
                yield Path(entry.path)
        stack.extend(reversed(folders))


def _glob_base(pattern: str) -> Path:
    """The leading folders of a glob, before the first wildcard (ids are relative to it)."""
    parts = Path(pattern).parts
    fixed = []
    for part in parts[:-1]:
        if any(c in _WILDCARDS for c in part):
            break
        fixed.append(part)
    return Path(*fixed) if fixed else Path(".")


def _open_table(
    path: Path, kind: str, column: str | None, column_type: str, id_column: str | None
) -> Inputs:
    """Check the table's columns (header, schema or first row) and pick the content column."""
    names = _columns(path, kind)
    if id_column is not None and id_column not in names:
        raise OptionError(f"no id column {id_column!r} in {path}; columns: {_listed(names)}")
    if column is None:
        column = next((c for c in CANDIDATES if c in names), None)
        if column is None:
            raise OptionError(f"which column holds the documents? give --column ({_listed(names)})")
    elif column not in names:
        raise OptionError(f"no column {column!r} in {path}; columns: {_listed(names)}")
    if column_type == "auto":
        lowered = column.lower()
        column_type = (
            "path" if lowered in _PATH_NAMES else "url" if lowered in _URL_NAMES else "text"
        )
    return Inputs(kind, str(path), column=column, column_type=column_type, id_column=id_column)


def _listed(names: list[str]) -> str:
    return ", ".join(names[:20]) or "(none)"


def _columns(path: Path, kind: str) -> list[str]:
    """Column names of a table, read without reading the table."""
    try:
        if kind == "parquet":
            import pyarrow.parquet as pq

            return list(pq.ParquetFile(path).schema_arrow.names)
        if kind in ("csv", "tsv"):
            with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
                return next(csv.reader(handle, delimiter=_delimiter(kind)), [])
        with path.open("rb") as handle:
            for line in handle:
                if line.strip():
                    row = json.loads(line)
                    return list(row) if isinstance(row, dict) else []
        return []
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        raise InputError(f"cannot read table {path}: {type(exc).__name__}") from None


def _delimiter(kind: str) -> str:
    return "\t" if kind == "tsv" else ","


def _rows(inputs: Inputs) -> Iterator[Item]:
    """Items of a table, with duplicate or empty ids refused (they would break resume)."""
    seen: set[str] = set()
    base = Path(inputs.location).parent
    for index, row in enumerate(_raw_rows(inputs)):
        if isinstance(row, PrecisError):
            label = str(index) if inputs.id_column is None else f"row:{index}"
            yield Item(label, f"{inputs.location}#{index}", "error", "", row)
            continue
        item_id = str(index)
        if inputs.id_column is not None:
            value = row.get(inputs.id_column)
            if value is None or str(value).strip() == "":
                raise InputError(f"row {index} of {inputs.location} has no {inputs.id_column!r}")
            item_id = str(value)
            if item_id in seen:
                raise InputError(f"duplicate id {item_id!r} at row {index} of {inputs.location}")
            seen.add(item_id)
        yield _item(inputs, row, item_id, index, base)


def _item(inputs: Inputs, row: dict[str, Any], item_id: str, index: int, base: Path) -> Item:
    """One row as an item of its column's kind."""
    source = f"{inputs.location}#{index}"
    column = inputs.column or ""
    if column not in row:
        return Item(item_id, source, "error", "", RowError(f"row {index} has no {column!r}"))
    value = row[column]
    if value is None:
        value = ""
    if not isinstance(value, str):
        return Item(item_id, source, "error", "", RowError(f"row {index}: {column!r} is not text"))
    if inputs.column_type == "path":
        path = Path(value)
        resolved = str(path if path.is_absolute() else base / path)
        return Item(item_id, resolved, "path", resolved)
    if inputs.column_type == "url":
        return Item(item_id, value, "url", value.strip())
    return Item(item_id, source, "text", value)


def _raw_rows(inputs: Inputs) -> Iterator[dict[str, Any] | PrecisError]:
    """Rows as dicts; a row that cannot be parsed comes as the error that says why."""
    if inputs.kind == "parquet":
        yield from _parquet_rows(inputs)
    elif inputs.kind in ("csv", "tsv"):
        csv.field_size_limit(2**31 - 1)  # a document per cell is much longer than 128 KiB
        with open(inputs.location, encoding="utf-8-sig", errors="replace", newline="") as handle:
            yield from csv.DictReader(handle, delimiter=_delimiter(inputs.kind))
    else:
        with open(inputs.location, "rb") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except ValueError:
                    yield RowError(f"line {number} of {inputs.location} is not valid JSON")
                    continue
                yield row if isinstance(row, dict) else RowError(f"line {number} is not an object")


def _parquet_rows(inputs: Inputs) -> Iterator[dict[str, Any]]:
    import pyarrow.parquet as pq

    columns = [c for c in (inputs.column, inputs.id_column) if c is not None]
    table = pq.ParquetFile(inputs.location)
    for batch in table.iter_batches(batch_size=256, columns=list(dict.fromkeys(columns))):
        yield from batch.to_pylist()
