"""The one orchestration: ``load()``, ``summarize()``, ``process_one()``.

The CLI, the HTTP service and the batch engines are thin layers over these functions, so a
source is read, detected, repaired and structured the same way everywhere.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Union

from precis.clean.pipeline import clean
from precis.document import Document
from precis.errors import (
    EmptyInputError,
    InputError,
    LimitExceededError,
    PrecisError,
    SourceNotFoundError,
    TooLargeError,
    UrlRefusedError,
)
from precis.ingest.base import Extraction
from precis.ingest.detect import decode_text, detect_format
from precis.ingest.text import extract_text
from precis.limits import check, time_limit
from precis.options import LoadOptions, SummarizeOptions
from precis.summary import Summary

if TYPE_CHECKING:
    from precis.abstractive.mapreduce import Progress
    from precis.abstractive.pipeline import AbstractiveSummary
    from precis.extractive.modes import MultiSummary

logger = logging.getLogger(__name__)

Source = Union[str, "os.PathLike[str]", bytes]
"""A path, ``"-"`` for standard input, an http(s) URL, or the raw bytes of a document."""

_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


@dataclass(frozen=True)
class _Raw:
    data: bytes
    name: str | None = None
    url: str | None = None
    content_type: str | None = None


def load(source: Source, options: LoadOptions | None = None) -> Document:
    """Read, detect, repair and structure a source into a :class:`Document`.

    Raises:
        PrecisError: a typed error for every bad input (see :mod:`precis.errors`).
    """
    options = options or LoadOptions()
    with time_limit(options.time_limit_s):
        extraction = extract(source, options)
        return _structure(extraction, options)


def load_text(text: str, *, format: str = "text", options: LoadOptions | None = None) -> Document:
    """Build a document from a string already in memory (``format``: text, markdown or html)."""
    options = dataclasses.replace(options or LoadOptions(), format=format)
    return load(text.encode("utf-8"), options)


def clean_text(
    source: Source, options: LoadOptions | None = None, *, every_block: bool = False
) -> str:
    """The clean text's reading flow, without building sentences (what ``precis text`` prints):
    references, appendices, captions and contents pages left out (issue 14); a text that is
    only such blocks is printed whole. ``every_block``: the whole clean text, every block in
    place, which is what the offsets of a :class:`Document` and a summary index."""
    options = options or LoadOptions()
    with time_limit(options.time_limit_s):
        extraction = extract(source, options)
        check("cleaning")
        cleaned = clean(extraction, options.clean)
    if not cleaned.text:
        raise EmptyInputError("no text left after cleaning")
    if every_block:
        return cleaned.text
    if extraction.metadata.format == "text":
        from precis.roles import plain_reading_text

        return plain_reading_text(cleaned.text) or cleaned.text
    from precis.segment import reading_text

    return reading_text(extraction, cleaned) or cleaned.text


def extract(source: Source, options: LoadOptions | None = None) -> Extraction:
    """Read a source and run the ingest adapter for its format (no cleaning yet)."""
    options = options or LoadOptions()
    raw = _read(source, options)
    fmt = options.format or detect_format(raw.data, name=raw.name, content_type=raw.content_type)
    logger.debug("source %s detected as %s", raw.name or raw.url or "<bytes>", fmt)
    if fmt == "pdf":
        from precis.ingest.pdf import extract_pdf

        extraction = extract_pdf(raw.data, max_pages=options.max_pages)
    elif fmt == "html":
        from precis.ingest.html import extract_html

        extraction = extract_html(raw.data, url=raw.url)
    else:
        text, encoding = decode_text(raw.data)
        extraction = extract_text(
            text, markdown=fmt == "markdown", encoding=encoding, name=raw.name
        )
    metadata = dataclasses.replace(
        extraction.metadata,
        url=extraction.metadata.url or raw.url,
        source_name=extraction.metadata.source_name or raw.name,
    )
    return dataclasses.replace(extraction, metadata=metadata)


def summarize(source: Document | Source, options: SummarizeOptions | None = None) -> Summary:
    """Summarize a document (or load a source first) with the method and budget in ``options``."""
    options = options or SummarizeOptions()
    with time_limit(options.load.time_limit_s):
        return _summarize(source, options)


def _summarize(source: Document | Source, options: SummarizeOptions) -> Summary:
    doc = source if isinstance(source, Document) else load(source, options.load)
    if options.skip_abstract:
        doc = _without_abstract(doc)
    check("scoring sentences")
    from precis.extractive import modes
    from precis.extractive.engine import extract_scored
    from precis.extractive.select import salience

    budget = options.budget()
    sections: tuple[Any, ...] = ()
    heat: tuple[float, ...] | None = None
    if options.query is not None:
        chosen = modes.summarize_for_query(doc, options, options.query, budget)
    elif options.by_section:
        sections = tuple(
            modes.summarize_per_section(
                doc, options, per_section=options.per_section, ratio=options.section_ratio
            )
        )
        chosen = tuple(s for section in sections for s in section.sentences)
    else:
        chosen, scores = extract_scored(doc, options, budget)
        heat = tuple(float(x) for x in salience(scores))
    phrases: tuple[Any, ...] = ()
    if options.keyphrases:
        from precis.extractive.keyphrases import keyphrases

        phrases = tuple(keyphrases(doc, options.keyphrases))
    return Summary(
        document=doc,
        sentences=chosen,
        method=options.method,
        budget=budget.to_dict(),
        sections=sections,
        keyphrases=phrases,
        query=options.query,
        salience=heat,
    )


def _without_abstract(doc: Document) -> Document:
    """The document without the abstract's sentences (its paragraphs and text stay, so every
    offset still indexes the same text); unchanged when it has no abstract or only one."""
    from precis.roles import ABSTRACT

    kinds = [p.kind for p in doc.paragraphs]
    kept = [s for s in doc.sentences if kinds[s.paragraph] != ABSTRACT]
    if len(kept) in (0, len(doc.sentences)):
        return doc
    sentences = tuple(dataclasses.replace(s, index=i) for i, s in enumerate(kept))
    return dataclasses.replace(doc, sentences=sentences)


def abstract(
    source: Document | Source,
    options: SummarizeOptions,
    *,
    progress: Progress | None = None,
) -> AbstractiveSummary:
    """An abstractive summary written by ``options.abstractive``'s model, every sentence judged
    by the faithfulness guard (see :func:`precis.abstractive.pipeline.summarize_abstractive`)."""
    from precis.abstractive.pipeline import summarize_abstractive
    from precis.errors import OptionError

    model = options.abstractive
    if model is None:
        raise OptionError("no model: set SummarizeOptions.abstractive (CLI: --abstractive --model)")
    with time_limit(options.load.time_limit_s):
        doc = source if isinstance(source, Document) else load(source, options.load)
        if options.by_section and not model.per_section:
            model = dataclasses.replace(model, per_section=True)
        return summarize_abstractive(
            doc,
            model,
            progress=progress,
            max_sentences=options.per_section if model.per_section else options.sentences,
            max_words=options.words,
        )


def summarize_many(
    sources: Sequence[Document | Source], options: SummarizeOptions | None = None
) -> MultiSummary:
    """One summary across several documents, redundancy removed across them, each sentence
    attributed to its document (a :class:`~precis.extractive.modes.MultiSummary`)."""
    from precis.extractive.modes import summarize_many as _many

    options = options or SummarizeOptions()
    docs = [s if isinstance(s, Document) else load(s, options.load) for s in sources]
    return _many(docs, options, options.budget())


def process_one(source: Source, options: SummarizeOptions | None = None) -> dict[str, Any]:
    """Summarize one source into a record; failures become an error record, never an exception.

    This is the unit of work of the service and both batch engines: every input yields exactly
    one record with either ``summary`` or ``error``.
    """
    started = time.perf_counter()
    record: dict[str, Any] = {"source": _describe(source)}
    try:
        if options is not None and options.abstractive is not None:
            record["summary"] = abstract(source, options).to_dict()
        else:
            record["summary"] = summarize(source, options).to_dict()
        record["error"] = None
    except PrecisError as exc:
        record["summary"] = None
        record["error"] = exc.to_dict()
    record["seconds"] = round(time.perf_counter() - started, 6)
    return record


def _structure(extraction: Extraction, options: LoadOptions) -> Document:
    from precis.segment import build_document

    check("cleaning")
    cleaned = clean(extraction, options.clean)
    if not cleaned.text:
        raise EmptyInputError("no text left after cleaning")
    check("segmenting")
    doc = dataclasses.replace(build_document(extraction, cleaned), repairs=cleaned.repairs)
    if cleaned.language:  # detected from the text, or given: it wins over an HTML lang attribute
        doc = dataclasses.replace(
            doc, metadata=dataclasses.replace(doc.metadata, language=cleaned.language)
        )
    if len(doc.sentences) > options.max_sentences:
        raise LimitExceededError(
            f"the document has {len(doc.sentences)} sentences; the limit is {options.max_sentences}"
        )
    return doc


def _read(source: Source, options: LoadOptions) -> _Raw:
    """Bytes of a source, capped at ``options.max_input_bytes``."""
    limit = options.max_input_bytes
    if isinstance(source, bytes | bytearray):
        if len(source) > limit:
            raise TooLargeError(f"input is {len(source)} bytes; the limit is {limit}")
        return _Raw(bytes(source))
    if isinstance(source, str) and source == "-":
        return _Raw(_read_capped(sys.stdin.buffer, limit, "standard input"), name="<stdin>")
    if isinstance(source, str) and _SCHEME_RE.match(source):
        # issue 13: the fetcher (httpx, about 0.1 s to import) loads only for a source with a
        # scheme; every http(s) URL has one, so plain paths never pay for it.
        from precis.ingest.url import fetch_url, is_url

        if is_url(source):
            fetch = options.fetch
            if fetch.max_bytes > limit:
                fetch = dataclasses.replace(fetch, max_bytes=limit)
            fetched = fetch_url(source, fetch)
            return _Raw(fetched.data, url=fetched.final_url, content_type=fetched.content_type)
        if not Path(source).exists():
            raise UrlRefusedError(f"unsupported URL scheme in {source!r}: only http and https")
    path = Path(source)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise SourceNotFoundError(f"no such file: {path}") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
    if path.is_dir():
        raise InputError(f"{path} is a directory, not a document")
    if size > limit:
        raise TooLargeError(f"{path} is {size} bytes; the limit is {limit}")
    try:
        with path.open("rb") as handle:
            return _Raw(_read_capped(handle, limit, str(path)), name=path.name)
    except PermissionError:
        raise InputError(f"permission denied: {path}") from None


def _read_capped(handle: BinaryIO, limit: int, what: str) -> bytes:
    data = handle.read(limit + 1)
    if len(data) > limit:
        raise TooLargeError(f"{what} is larger than the limit of {limit} bytes")
    return data


def _describe(source: Source) -> str:
    if isinstance(source, bytes | bytearray):
        return f"<{len(source)} bytes>"
    return os.fspath(source)
