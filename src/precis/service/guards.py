"""Request guards: the body size limit (an ASGI middleware) and the API key check.

The size limit is enforced twice: a declared ``Content-Length`` over the limit is refused before
a byte is read, and the bytes actually received are counted, so a missing or lying length
cannot let a larger body in (chunked uploads included).
"""

from __future__ import annotations

import hmac
import json
from typing import Any

from fastapi import Request

from precis.errors import TooLargeError
from precis.service.errors import UnauthorizedError, error_body
from precis.service.settings import ServiceSettings

Scope = dict[str, Any]


class BodyLimitMiddleware:
    """Refuse request bodies over ``limit`` bytes with 413 JSON."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.limit:
            await _send_json(send, 413, self._error(f"{declared} bytes"))
            return
        if declared is None and _header(scope, b"content-length") is not None:
            body = error_body("InputError", "bad_request", "invalid Content-Length header")
            await _send_json(send, 400, body)
            return
        received = 0

        async def limited_receive() -> Any:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise TooLargeError(
                        f"the request body is larger than the limit of {self.limit} bytes"
                    )
            return message

        await self.app(scope, limited_receive, send)

    def _error(self, size: str) -> dict[str, Any]:
        message = f"the request body is {size}; the limit is {self.limit} bytes"
        return error_body("TooLargeError", "too_large", message)


def _header(scope: Scope, name: bytes) -> bytes | None:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return value
    return None


def _content_length(scope: Scope) -> int | None:
    raw = _header(scope, b"content-length")
    if raw is None or not raw.strip().isdigit():
        return None
    return int(raw)


async def _send_json(send: Any, status: int, body: dict[str, Any]) -> None:
    payload = json.dumps(body).encode("utf-8")
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(payload)).encode("ascii")),
        (b"connection", b"close"),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})


def api_key_dependency(settings: ServiceSettings) -> Any:
    """A FastAPI dependency that requires the configured key (a no-op when none is set)."""
    expected = (settings.api_key or "").encode("utf-8")

    async def require_key(request: Request) -> None:
        if not expected:
            return
        given = request.headers.get("x-api-key")
        if given is None:
            scheme, _, token = request.headers.get("authorization", "").partition(" ")
            given = token.strip() if scheme.lower() == "bearer" else None
        if given is None:
            raise UnauthorizedError("this server needs an API key (Authorization: Bearer KEY)")
        if not hmac.compare_digest(given.encode("utf-8"), expected):
            raise UnauthorizedError("wrong API key")

    return require_key
