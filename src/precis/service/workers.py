"""The work done in the pool's processes: plain picklable data in, a plain dict out.

A task is a dict: ``kind`` (``summarize``, ``check`` or ``warm``), ``source`` (``{"data": bytes,
"name", "content_type"}``, ``{"text": str, "format"}`` or ``{"url": str}``; never a path),
``options`` (the request's options as plain data), ``limits`` (``allow_private``, ``max_bytes``),
``view`` and, for a background job, ``job`` (``{"db": path, "id": id}``) where progress is written.

:func:`run_task` never raises for a precis error: it returns ``{"ok": answer}``, ``{"error":
error dict, "status": http status}`` or, for a bug, ``{"crash": traceback}`` for the server to log.
Documents, options and models are built here, inside the worker (models stay cached per process
by :func:`precis.abstractive.pipeline.open_model`).
"""

from __future__ import annotations

import dataclasses
import logging
import signal
import sys
import time
import traceback
from typing import TYPE_CHECKING, Any

from precis import api
from precis.errors import EmptyInputError, InputError, PrecisError, UrlRefusedError
from precis.ingest.detect import detect_format
from precis.ingest.url import is_url
from precis.options import CleanOptions, FetchOptions, LoadOptions, SummarizeOptions

if TYPE_CHECKING:
    from precis.document import Document

logger = logging.getLogger(__name__)

PASTED_FORMATS = ("text", "markdown", "html")
PROGRESS_INTERVAL_S = 0.2


def init_worker() -> None:
    """Runs once in each new worker: Ctrl-C is the server's to handle, warnings reach stderr,
    and the worker dies with the process that forked it (:func:`_die_with_parent`)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    _die_with_parent()


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when its parent (the forkserver) exits: a worker busy on a
    long request otherwise notices a ``kill -9`` of the server only when its task ends (issue
    18: under load one outlived the server by more than 5 s). No-op where prctl is missing."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # no libc symbol: the pool's own clean-up still runs
        logger.debug("prctl(PR_SET_PDEATHSIG) unavailable")


def run_task(task: dict[str, Any]) -> dict[str, Any]:
    """Do one task; see the module docstring for the shapes in and out."""
    if task["kind"] == "warm":
        return {"ok": {}}
    started = time.perf_counter()
    try:
        report = Reporter(task.get("job"))
        if task["kind"] == "check":
            answer = _check(task, report)
        else:
            answer = _summarize(task, report)
        answer["seconds"] = round(time.perf_counter() - started, 4)
        return {"ok": answer}
    except PrecisError as exc:
        return {"error": exc.to_dict(), "status": exc.http_status}
    except Exception:  # a bug: the server logs it and answers a generic 500
        return {"crash": traceback.format_exc()}


class Reporter:
    """Writes a job's progress to its record, at most every 0.2 s unless the stage changes."""

    def __init__(self, job: dict[str, str] | None) -> None:
        self._store = None
        self._id = ""
        if job is not None:
            from precis.service.jobs import JobStore

            self._store = JobStore(job["db"])
            self._id = job["id"]
            self._store.mark_running(self._id)
        self._last: tuple[str, float] = ("", 0.0)

    def __call__(self, stage: str, done: int | None = None, total: int | None = None) -> None:
        if self._store is None:
            return
        now = time.monotonic()
        last_stage, last_time = self._last
        if stage == last_stage and now - last_time < PROGRESS_INTERVAL_S and done != total:
            return
        self._last = (stage, now)
        try:
            self._store.progress(self._id, stage, done, total)
        except Exception:  # progress is a courtesy: never fail the job for it
            logger.warning("could not record progress of job %s", self._id, exc_info=True)


def build_options(spec: dict[str, Any], limits: dict[str, Any]) -> SummarizeOptions:
    """The library's options from a request's plain data (their validation raises OptionError)."""
    spec = dict(spec)
    model = spec.pop("abstractive", None)
    fmt, clean = spec.pop("format", None), spec.pop("clean", True)
    load = load_options(fmt, clean, limits)
    abstractive = None
    if model is not None:
        from precis.abstractive.guard import GuardOptions
        from precis.abstractive.options import AbstractiveOptions

        model = dict(model)
        policy, threshold = model.pop("guard", "drop"), model.pop("threshold", None)
        guard = (
            GuardOptions(policy=policy)
            if threshold is None
            else GuardOptions(policy=policy, threshold=threshold)
        )
        abstractive = AbstractiveOptions(guard=guard, **model)
    else:
        from precis.registry import scorers

        scorers.get(spec["method"])  # an unknown method is the request's fault: 422 up front
    return SummarizeOptions(**spec, abstractive=abstractive, load=load)


def load_options(fmt: str | None, clean: bool, limits: dict[str, Any]) -> LoadOptions:
    """How a request's source is read: size-capped, URLs fetched under the SSRF guard."""
    max_bytes = int(limits["max_bytes"])
    fetch = FetchOptions(allow_private=bool(limits["allow_private"]), max_bytes=max_bytes)
    return LoadOptions(
        format=fmt, clean=CleanOptions(enabled=clean), fetch=fetch, max_input_bytes=max_bytes
    )


def load_source(source: dict[str, Any], options: LoadOptions) -> Document:
    """A document from bytes, pasted text or an http(s) URL; a string is never opened as a path."""
    if "url" in source:
        url = source["url"]
        if not isinstance(url, str) or not is_url(url.strip()):
            raise UrlRefusedError("refused URL: only http and https URLs are fetched")
        return api.load(url.strip(), options)
    if "text" in source:
        data = source["text"].encode("utf-8")
        fmt = options.format or _pasted_format(data)
        return api.load(data, dataclasses.replace(options, format=fmt))
    data, name = source["data"], source.get("name")
    fmt = options.format or detect_format(data, name=name, content_type=source.get("content_type"))
    doc = api.load(data, dataclasses.replace(options, format=fmt))
    if name and not doc.metadata.source_name:
        doc = dataclasses.replace(doc, metadata=dataclasses.replace(doc.metadata, source_name=name))
    return doc


def _pasted_format(data: bytes) -> str:
    """Pasted text is HTML when it looks like HTML, else plain text (never PDF or binary)."""
    try:
        fmt = detect_format(data)
    except EmptyInputError:
        raise
    except PrecisError:  # e.g. pasted prose that happens to start with "MZ" or "ID3"
        return "text"
    return fmt if fmt in PASTED_FORMATS else "text"


def _summarize(task: dict[str, Any], report: Reporter) -> dict[str, Any]:
    options = build_options(task["options"], task["limits"])
    report("load")
    doc = load_source(task["source"], options.load)
    view, markdown = None, None
    if options.abstractive is not None:
        from precis.render.abstract import render_abstract

        result: Any = api.abstract(doc, options, progress=report)
        mode = "abstractive"
        if task.get("view"):
            markdown = render_abstract(result, "markdown")
    else:
        from precis.render import render_summary

        report("summarize")
        result = api.summarize(doc, options)
        mode = "extractive"
        if task.get("view"):
            markdown = render_summary(result, "markdown")
    if task.get("view"):
        from precis.render.view import view_data

        view = view_data(result)
    return {"mode": mode, "summary": result.to_dict(), "view": view, "markdown": markdown}


def _check(task: dict[str, Any], report: Reporter) -> dict[str, Any]:
    from precis.abstractive.check import split_summary
    from precis.abstractive.guard import Guard, GuardOptions

    options = task["options"]
    text = options["summary"]
    if text is None:
        text = _summary_file(task["summary_file"], task["limits"])
    sentences = split_summary(text)
    if not sentences:
        raise EmptyInputError("summary: no sentences")
    threshold = options.get("threshold")
    guard = GuardOptions() if threshold is None else GuardOptions(threshold=threshold)
    load = load_options(options.get("format"), options.get("clean", True), task["limits"])
    report("load")
    doc = load_source(task["source"], load)
    report("check")
    result = Guard(doc, guard).check(sentences)
    answer = result.to_dict()
    answer["supported"] = result.supported_count
    answer["total"] = len(result.sentences)
    answer["text"] = doc.text if task.get("view") else None
    return answer


def _summary_file(upload: dict[str, Any], limits: dict[str, Any]) -> str:
    """A summary file's text, read like a source but not cleaned (see precis.abstractive.check)."""
    data = upload["data"]
    try:
        fmt = detect_format(data, name=upload.get("name"), content_type=upload.get("content_type"))
        return api.extract(data, load_options(fmt, False, limits)).text
    except InputError as exc:  # the same typed error, saying which of the two inputs it was
        raise type(exc)(f"summary: {exc}") from None
