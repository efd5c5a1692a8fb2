"""Reading requests: a JSON object or a multipart form into a validated model and plain-data task.

Sources reach the workers only as bytes, pasted text or an http(s) URL: a ``text`` is text,
never opened as a path. Options are checked here, in the server, by building the same library
options a worker will build, so a bad request fails at once (422), even a background job.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from fastapi import Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from precis.errors import EmptyInputError, OptionError, TooLargeError, UrlRefusedError
from precis.ingest.url import is_url
from precis.service.errors import InvalidJsonError, ModelRefusedError, UnsupportedMediaError
from precis.service.schemas import CheckRequest, SummarizeRequest, summarize_spec
from precis.service.settings import ServiceSettings

logger = logging.getLogger(__name__)

MULTIPART = "multipart/form-data"
URLENCODED = "application/x-www-form-urlencoded"
JSON_FIELDS = ("options", "abstractive", "source")  # form fields that hold JSON
MAX_FORM_FILES = 4
MAX_FORM_FIELDS = 64


@dataclass(frozen=True)
class Upload:
    """An uploaded file's bytes, and what the client said it is (hints only)."""

    data: bytes
    name: str | None
    content_type: str | None

    def to_source(self) -> dict[str, Any]:
        return {"data": self.data, "name": self.name, "content_type": self.content_type}


async def read_body(
    request: Request, settings: ServiceSettings
) -> tuple[dict[str, Any], dict[str, Upload]]:
    """The request's fields (a JSON object, or form fields) and its uploaded files."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == MULTIPART:
        return await _read_form(request, settings)
    if ctype == URLENCODED:
        body = await request.body()
        if body.lstrip().startswith(b"{"):  # curl -d '{...}' without a content type
            return parse_object(body, "body"), {}
        return await _read_form(request, settings)
    if ctype and ctype not in ("application/json", "text/json") and not ctype.endswith("+json"):
        raise UnsupportedMediaError(
            f"unsupported content type {ctype[:100]!r}: send application/json or multipart/form-data"
        )
    return parse_object(await request.body(), "body"), {}


def parse_object(raw: bytes, what: str) -> dict[str, Any]:
    """A JSON object from bytes: 400 when it is not JSON, 422 when it is not an object."""
    if not raw.strip():
        raise InvalidJsonError(f"{what} is empty: send a JSON object")
    try:
        data = json.loads(raw, parse_constant=_no_constant)
    except RecursionError:
        raise InvalidJsonError(f"{what} is nested too deeply") from None
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError
        raise InvalidJsonError(f"{what} is not valid JSON: {_reason(exc)}") from None
    if not isinstance(data, dict):
        raise OptionError(f"{what} must be a JSON object, not {type(data).__name__}")
    return data


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON number")


def _reason(exc: ValueError) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at line {exc.lineno} column {exc.colno}"
    return "not UTF-8" if isinstance(exc, UnicodeDecodeError) else str(exc)[:200]


async def _read_form(
    request: Request, settings: ServiceSettings
) -> tuple[dict[str, Any], dict[str, Upload]]:
    """Form fields and files; ``options`` (JSON) and individual fields merge, never overlap."""
    form = await request.form(
        max_files=MAX_FORM_FILES,
        max_fields=MAX_FORM_FIELDS,
        max_part_size=settings.max_upload_bytes,
    )
    fields: dict[str, Any] = {}
    files: dict[str, Upload] = {}
    try:
        for key, value in form.multi_items():
            if key in fields or key in files:
                raise OptionError(f"field {key!r} is given more than once")
            if isinstance(value, UploadFile):
                files[key] = Upload(
                    await value.read(), _safe_name(value.filename), value.content_type
                )
            elif value != "":  # an empty form input means "not given"
                fields[key] = value
    finally:
        await form.close()
    for key in JSON_FIELDS:
        if isinstance(fields.get(key), str):
            fields[key] = parse_object(fields[key].encode("utf-8"), f"field {key!r}")
    options = fields.pop("options", None)
    if options is not None:
        clash = sorted(options.keys() & fields.keys())
        if clash:
            raise OptionError(f"given both in 'options' and as fields: {', '.join(clash)}")
        fields = {**options, **fields}
    return fields, files


def _safe_name(filename: str | None) -> str | None:
    """The last component of a client's file name (a hint for detection and display only)."""
    if not filename:
        return None
    name = PurePosixPath(filename.replace("\\", "/")).name.strip()
    return name[:255] or None


def limits(settings: ServiceSettings) -> dict[str, Any]:
    return {"allow_private": settings.allow_private_urls, "max_bytes": settings.max_upload_bytes}


async def summarize_task(request: Request, settings: ServiceSettings) -> dict[str, Any]:
    """The worker task for a summarize request (or job), its options already validated."""
    fields, files = await read_body(request, settings)
    _only_files(files, {"file"})
    req = SummarizeRequest.model_validate(fields)
    source = await _source(req.text, req.url, files.get("file"), req.format, settings, "file")
    spec = summarize_spec(req)
    from precis.service.workers import build_options

    await run_in_threadpool(build_options, spec, limits(settings))  # 422 before any work
    if req.abstractive is not None and not settings.allows_model(req.abstractive.model):
        raise ModelRefusedError(
            "this server does not offer that model (the operator lists them in PRECIS_MODELS)"
        )
    return {
        "kind": "summarize",
        "source": source,
        "options": spec,
        "limits": limits(settings),
        "view": req.view,
    }


async def check_task(request: Request, settings: ServiceSettings) -> dict[str, Any]:
    """The worker task for a check request: a source and a summary (text or file)."""
    fields, files = await read_body(request, settings)
    _only_files(files, {"source", "summary"})
    summary_file = files.get("summary")
    req = CheckRequest.model_validate(fields)
    src = req.source
    source = await _source(
        src.text if src else None,
        src.url if src else None,
        files.get("source"),
        src.format if src else None,
        settings,
        "source file",
    )
    if (req.summary is None) == (summary_file is None):
        raise OptionError("give the summary as text or as a file (field 'summary'), once")
    if req.summary is not None:
        _check_text(req.summary, settings, "summary")
    from precis.service.workers import load_options

    load_options(src.format if src else None, req.clean, limits(settings))  # validates format
    options = {
        "summary": req.summary,
        "threshold": req.threshold,
        "format": src.format if src else None,
        "clean": req.clean,
    }
    return {
        "kind": "check",
        "source": source,
        "summary_file": None if summary_file is None else summary_file.to_source(),
        "options": options,
        "limits": limits(settings),
        "view": req.view,
    }


def _only_files(files: dict[str, Upload], allowed: set[str]) -> None:
    unknown = sorted(set(files) - allowed)
    if unknown:
        raise OptionError(f"unexpected file field(s): {', '.join(unknown)}")


async def _source(
    text: str | None,
    url: str | None,
    upload: Upload | None,
    fmt: str | None,
    settings: ServiceSettings,
    file_label: str,
) -> dict[str, Any]:
    """Exactly one of text, url or file, checked, as a worker's ``source``."""
    given = [n for n, v in (("text", text), ("url", url), (file_label, upload)) if v is not None]
    if len(given) != 1:
        got = " and ".join(given) if given else "none"
        raise OptionError(f"give exactly one of text, url or a {file_label} (got {got})")
    if text is not None:
        _check_text(text, settings, "text")
        if fmt == "pdf":
            raise OptionError("pasted text cannot be read as pdf: upload the file")
        return {"text": text}
    if url is not None:
        return {"url": await _check_url(url, settings)}
    assert upload is not None
    if not upload.data:
        raise EmptyInputError(f"the {file_label} is empty (0 bytes)")
    return upload.to_source()


def _check_text(text: str, settings: ServiceSettings, what: str) -> None:
    if len(text) > settings.max_text_chars:
        raise TooLargeError(
            f"{what} has {len(text)} characters; the limit is {settings.max_text_chars}"
        )
    if not text.strip():
        raise EmptyInputError(f"{what} is empty")


async def _check_url(url: str, settings: ServiceSettings) -> str:
    """An http(s) URL whose first hop passes the SSRF guard (every hop is checked again when
    the worker fetches it)."""
    url = url.strip()
    if not is_url(url):
        raise UrlRefusedError("refused URL: only http and https URLs are fetched")
    from precis.ingest.url import check_url
    from precis.options import FetchOptions

    options = FetchOptions(
        allow_private=settings.allow_private_urls, max_bytes=settings.max_upload_bytes
    )
    await run_in_threadpool(check_url, url, options)
    return url
