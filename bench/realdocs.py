"""The real-document corpus (issue 13): PDFs and web pages from public parsers' test fixtures.

The repair layer (glued words, hyphenation, running heads) was tuned on spaces deleted at random
and on generated PDFs, which hid the damage it did on documents nobody here wrote. This loader
reads ``bench/data/realdocs/index.jsonl`` (origin, commit and license of every file in
``ORIGIN.md``) so benchmarks and labels refer to documents by a stable id.

Rows whose ``file`` starts with ``shared:`` point into the shared data folder (the 13 PDFs of
``shared/data/pdfs``), found next to the repository as CI lays it out: ``<repo>/../shared/data``.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

REALDOCS = Path(__file__).resolve().parent / "data" / "realdocs"
"""The corpus folder: ``pdf/``, ``html/``, ``index.jsonl`` and ``ORIGIN.md``."""

INDEX = REALDOCS / "index.jsonl"
SHARED_PREFIX = "shared:"
KINDS = ("pdf", "html")


@dataclass(frozen=True)
class RealDoc:
    """One corpus document: where it is on disk and where it came from."""

    id: str
    kind: str
    path: Path
    layout: str
    repo: str
    source_path: str
    commit: str
    license: str
    bytes: int
    pages: int | None = None
    lang: str = "en"


def shared_data_dir(repo_root: Path | None = None) -> Path:
    """The shared data folder beside the repository (``<repo>/../shared/data``), as CI has it."""
    root = repo_root if repo_root is not None else REALDOCS.parents[2]
    return root.parent / "shared" / "data"


def resolve(file: str, *, folder: Path = REALDOCS, repo_root: Path | None = None) -> Path:
    """The path of an index row's ``file``: relative to the corpus folder, or ``shared:...``."""
    if file.startswith(SHARED_PREFIX):
        return shared_data_dir(repo_root) / file[len(SHARED_PREFIX) :]
    return folder / file


def rows(index: Path = INDEX) -> list[dict[str, object]]:
    """The raw index rows, in file order (what the index test checks)."""
    with index.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def documents(kind: str | None = None, *, index: Path = INDEX) -> list[RealDoc]:
    """Every corpus document of ``kind`` ("pdf", "html" or None for both) whose file exists.

    A row whose file is missing (the shared folder is absent on this machine) is skipped with a
    warning rather than failing, so a benchmark still runs on what is there.
    """
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS} or None, not {kind!r}")
    docs = []
    for row in rows(index):
        if kind is not None and row["kind"] != kind:
            continue
        path = resolve(str(row["file"]), folder=index.parent)
        if not path.is_file():
            logger.warning("realdocs: %s skipped, %s is missing", row["id"], path)
            continue
        docs.append(_doc(row, path))
    return docs


def _doc(row: dict[str, object], path: Path) -> RealDoc:
    """A RealDoc from one index row (pages only for PDFs)."""
    pages = row.get("pages")
    return RealDoc(
        id=str(row["id"]),
        kind=str(row["kind"]),
        path=path,
        layout=str(row["layout"]),
        repo=str(row["repo"]),
        source_path=str(row["path"]),
        commit=str(row["commit"]),
        license=str(row["license"]),
        bytes=int(row["bytes"]),  # type: ignore[call-overload]
        pages=int(pages) if pages is not None else None,  # type: ignore[call-overload]
        lang=str(row.get("lang", "en")),
    )
