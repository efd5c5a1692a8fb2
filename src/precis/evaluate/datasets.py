"""Summarization datasets: JSONL rows ``{"id", "source", "reference", "language", "meta"}``
(``language``, an ISO 639-1 code, is optional: the multilingual sets carry it), read lazily.

The reference holds one sentence per line (what ROUGE-Lsum needs). A few sets ship a reference
as one unsplit paragraph (``news_writer_summaries``; some SciTLDR TLDRs): a single-line
reference is split with precis's own sentence segmenter, so that K, the number of reference
sentences that sets the sentence budget, counts sentences and not lines. Multi-line references
are taken as given.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from precis.errors import InputError, OptionError, SourceNotFoundError

logger = logging.getLogger(__name__)


class DatasetFormatError(InputError):
    """A dataset line is not valid JSON or lacks a required field; the message names the line."""

    code = "bad_dataset"


# The summarization sets in ../shared/data (see its MANIFEST.md); the two long-document ones last
# but one: benches iterate these names so they stay in one place.
SUMMARIZATION_SETS = (
    "cnndm_test",
    "xsum_test_frank",
    "news_writer_summaries",
    "scisummnet_acl",
    "squality_stories",
    "scitldr_abstract_test",
)
LONG_SETS = ("scisummnet_acl", "squality_stories")


@dataclass(frozen=True, slots=True)
class Example:
    """One document with its reference summary (one sentence per tuple item)."""

    id: str
    source: str
    reference_sentences: tuple[str, ...]
    meta: dict[str, Any] = field(default_factory=dict)
    language: str | None = None  # the row's "language", when it states one

    @property
    def reference_words(self) -> int:
        """Whitespace-separated words in the reference: the word budget of every system."""
        return sum(len(s.split()) for s in self.reference_sentences)


def read_dataset(path: str | Path, limit: int | None = None) -> Iterator[Example]:
    """Yield the examples of a JSONL dataset, one line at a time (the file is never held whole).

    Args:
        path: a JSONL file; blank lines are skipped.
        limit: stop after this many examples (``None``: all).

    Raises:
        SourceNotFoundError: the file does not exist.
        DatasetFormatError: a line is not a JSON object, or lacks ``source`` or ``reference``
            (raised when that line is reached; the message gives its 1-based number).
        OptionError: ``limit`` is negative.
    """
    if limit is not None and limit < 0:
        raise OptionError(f"limit must be zero or positive, got {limit}")
    path = Path(path)
    if not path.is_file():
        raise SourceNotFoundError(f"no such dataset file: {path}")
    return _examples(path, limit)


def _examples(path: Path, limit: int | None) -> Iterator[Example]:
    count = 0
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if limit is not None and count >= limit:
                return
            if not line.strip():
                continue
            yield parse_row(line, where=f"{path.name}:{number}", default_id=str(number))
            count += 1


def parse_row(line: str, *, where: str, default_id: str) -> Example:
    """One JSONL line into an :class:`Example`; ``where`` names the line in error messages."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise DatasetFormatError(
            f"{where}: invalid JSON ({exc.msg} at column {exc.colno})"
        ) from None
    if not isinstance(row, dict):
        raise DatasetFormatError(f"{where}: expected a JSON object, got {type(row).__name__}")
    for name in ("source", "reference"):
        if not isinstance(row.get(name), str):
            problem = "missing" if name not in row else "not a string"
            raise DatasetFormatError(f"{where}: field {name!r} is {problem}")
    meta, language = row.get("meta"), row.get("language")
    return Example(
        id=str(row.get("id", default_id)),
        source=row["source"],
        reference_sentences=reference_sentences(row["reference"]),
        meta=meta if isinstance(meta, dict) else {},
        language=language if isinstance(language, str) and language else None,
    )


def reference_sentences(reference: str) -> tuple[str, ...]:
    """Non-empty reference lines; a single line is split into sentences (see module docstring)."""
    lines = tuple(line.strip() for line in reference.splitlines() if line.strip())
    if len(lines) != 1:
        return lines
    from precis.sentences import sentence_spans

    text = lines[0]
    pieces = tuple(text[a:b].strip() for a, b in sentence_spans(text))
    return tuple(p for p in pieces if p) or lines
