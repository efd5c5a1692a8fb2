"""The service's own typed errors, and the handlers that turn every failure into one JSON shape.

Every error body is ``{"error": {"type", "code", "message"}}``: precis errors use their own
``to_dict()`` and ``http_status``; FastAPI's validation errors become 422, Starlette's HTTP errors
keep their status. An unexpected exception is logged with its traceback and answered with a
generic 500, never with the exception's text.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from precis.errors import InputError, PrecisError

logger = logging.getLogger(__name__)

RETRY_AFTER_S = 5


class InvalidJsonError(InputError):
    """The body is not a JSON document."""

    code = "invalid_json"


class UnsupportedMediaError(InputError):
    code = "unsupported_media_type"
    http_status = 415


class UnauthorizedError(PrecisError):
    """No API key, or the wrong one."""

    http_status = 401
    code = "unauthorized"


class ModelRefusedError(InputError):
    """The client named an abstractive model the operator did not allow."""

    http_status = 403
    code = "model_refused"


class JobNotFoundError(InputError):
    http_status = 404
    code = "job_not_found"


class BusyError(PrecisError):
    """Every worker is busy and the queue is full: try again later."""

    http_status = 503
    code = "busy"


class RequestTimeoutError(PrecisError):
    """The work ran past its time limit; its worker process was stopped."""

    http_status = 504
    code = "timeout"


class WorkerCrashError(PrecisError):
    """A worker process died while working (killed, out of memory, a crash in native code)."""

    http_status = 500
    code = "worker_crashed"


class ReportedError(PrecisError):
    """A precis error raised in a worker process, carried back as plain data."""

    def __init__(self, payload: dict[str, str], status: int) -> None:
        super().__init__(payload.get("message", "error"))
        self.payload = payload
        self.http_status = status
        self.code = payload.get("code", "precis_error")

    def to_dict(self) -> dict[str, str]:
        return dict(self.payload)


def error_body(type_: str, code: str, message: str, **extra: Any) -> dict[str, Any]:
    """The one JSON shape of every error answer."""
    return {"error": {"type": type_, "code": code, "message": message, **extra}}


def precis_response(exc: PrecisError) -> JSONResponse:
    """A JSON answer for a precis error, with the headers its status calls for."""
    headers = {}
    if exc.http_status == 503:
        headers["Retry-After"] = str(RETRY_AFTER_S)
    if exc.http_status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    return JSONResponse({"error": exc.to_dict()}, status_code=exc.http_status, headers=headers)


def validation_message(errors: list[Any]) -> str:
    """``field: problem`` for the first few pydantic errors (input values are never echoed)."""
    parts = []
    for err in errors[:5]:
        loc = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "body"
        parts.append(f"{loc}: {err.get('msg', 'invalid')}")
    more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
    return "; ".join(parts) + more


def validation_response(errors: list[Any]) -> JSONResponse:
    details = [
        {"loc": [str(p) for p in e.get("loc", ())], "msg": e.get("msg", "")} for e in errors[:20]
    ]
    body = error_body(
        "ValidationError", "invalid_request", validation_message(errors), details=details
    )
    return JSONResponse(body, status_code=422)


_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
}


def install_handlers(app: FastAPI) -> None:
    """Register the handlers that give every failure the JSON error shape."""

    @app.exception_handler(PrecisError)
    async def _precis(request: Request, exc: PrecisError) -> JSONResponse:
        if exc.http_status >= 500:
            logger.warning("%s %s: %s", request.method, request.url.path, exc.message)
        return precis_response(exc)

    @app.exception_handler(RequestValidationError)
    async def _request_validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        return validation_response(list(exc.errors()))

    @app.exception_handler(ValidationError)
    async def _validation(request: Request, exc: ValidationError) -> JSONResponse:
        return validation_response(list(exc.errors()))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _HTTP_CODES.get(exc.status_code, "http_error")
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        return JSONResponse(
            error_body("HTTPError", code, message),
            status_code=exc.status_code,
            headers=getattr(exc, "headers", None),
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        logger.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
        body = error_body("InternalError", "internal_error", "internal server error (logged)")
        return JSONResponse(body, status_code=500)
