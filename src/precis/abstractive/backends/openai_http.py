"""A client for OpenAI-compatible ``/chat/completions`` servers (issue 4).

One protocol covers vLLM, llama.cpp's server, Ollama's ``/v1`` and the hosted APIs, so precis
needs only this HTTP client, not one integration per engine. It is built on ``httpx`` (a core
dependency) and a thread pool: generation is I/O-bound and a handful of concurrent requests is
what these servers batch best.

Failure policy: timeouts, connection errors, 429 and 5xx are transient and retried with
exponential backoff (a server's ``Retry-After`` is honoured, capped); any other 4xx is our
request's fault and fails at once. The API key is read from an environment variable when the
backend is built, sent only as a bearer header, and never logged or shown in ``repr``.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from precis.abstractive.backends import SYSTEM_PROMPT
from precis.errors import OptionError, PrecisError

logger = logging.getLogger(__name__)

DEFAULT_SYSTEM_PROMPT = SYSTEM_PROMPT
_CONTEXT_RE = re.compile(
    r"(?:maximum context length is|context (?:length|window|size) (?:is|of)|n_ctx\W{1,4})\s*(\d{3,7})",
    re.IGNORECASE,
)
PROBE_TIMEOUT = 5.0  # seconds for asking a server its context length
# 408 (the server gave up waiting for us) is as transient as 429 and 5xx.
_RETRY_STATUSES = frozenset({408, 429}) | frozenset(range(500, 600))


class BackendError(PrecisError):
    """The generation backend failed for good; the document was fine, so 502, not an InputError."""

    http_status = 502
    code = "backend_failed"

    def __init__(self, message: str, *, url: str, status: int | None, attempts: int) -> None:
        super().__init__(message)
        self.url = url
        self.status = status
        self.attempts = attempts


class BackendTimeoutError(BackendError):
    """Every attempt timed out or could not connect."""

    http_status = 504
    code = "backend_timeout"


class ContextLengthError(BackendError):
    """The server refused a prompt as longer than its context, and said how long that is."""

    code = "backend_context_exceeded"

    def __init__(self, message: str, *, url: str, status: int | None, attempts: int, limit: int):
        super().__init__(message, url=url, status=status, attempts=attempts)
        self.limit = limit


class BackendResponseError(BackendError):
    """The server answered 200 but not with an OpenAI chat completion."""

    code = "bad_backend_response"


class OpenAIChatBackend:
    """Completes prompts through an OpenAI-compatible ``POST {base_url}/chat/completions``.

    Args:
        base_url: API root including the version, e.g. ``http://localhost:8000/v1``.
        model: Model name the server expects.
        api_key_env: Environment variable holding the key; unset or empty sends no key
            (local servers usually need none).
        system_prompt: System message sent before every prompt.
        temperature: Sampling temperature; 0 keeps summaries reproducible.
        timeout: Seconds allowed for each connect/read/write of one attempt.
        retries: Extra attempts after the first on transient failures.
        backoff: First retry delay in seconds, doubled each retry.
        max_delay: Cap on any single wait, whether backoff or ``Retry-After``.
        concurrency: Requests in flight at once when several prompts are given.
    """

    def __init__(
        self,
        base_url: str,
        model: str,
        *,
        api_key_env: str = "OPENAI_API_KEY",
        system_prompt: str = DEFAULT_SYSTEM_PROMPT,
        temperature: float = 0.0,
        timeout: float = 60.0,
        retries: int = 3,
        backoff: float = 1.0,
        max_delay: float = 30.0,
        concurrency: int = 4,
    ) -> None:
        try:
            base = httpx.URL(base_url)
        except (httpx.InvalidURL, TypeError):
            base = None
        if base is None or base.scheme not in ("http", "https") or not base.host:
            raise OptionError(f"base_url must be an http(s) URL, got {_display_raw(base_url)!r}")
        _check("timeout", timeout, positive=True)
        _check("retries", retries)
        _check("backoff", backoff)
        _check("max_delay", max_delay)
        if concurrency < 1:
            raise OptionError(f"concurrency must be at least 1, got {concurrency!r}")
        # Join on the path so a query (e.g. ?api-version=) stays last.
        self.url = str(base.copy_with(path=base.path.rstrip("/") + "/chat/completions"))
        self.model = model
        self.system_prompt = system_prompt
        self.temperature = temperature
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_delay = max_delay
        self.concurrency = concurrency
        self._api_key = os.environ.get(api_key_env) or None  # read at build time, never at import
        self._display_url = _display(self.url)

    def __repr__(self) -> str:  # the key must never appear here
        return f"OpenAIChatBackend(url={self._display_url!r}, model={self.model!r})"

    def context_tokens(self) -> int | None:
        """The server's context length where it says: vLLM's ``GET /v1/models`` gives each
        model's ``max_model_len``, llama.cpp's ``GET /props`` its ``n_ctx`` (default 2048,
        not the model's 8192: issue 15's first call failed with HTTP 400 after 52 s). None when
        the server says nothing; one short request each, no retries."""
        base = httpx.URL(self.url)
        root = base.path.rsplit("/chat/completions", 1)[0]
        headers = {"Authorization": f"Bearer {self._api_key}"} if self._api_key else {}
        probes = (
            (base.copy_with(path=root + "/models", query=None), _max_model_len),
            (base.copy_with(path=root.rsplit("/v1", 1)[0] + "/props", query=None), _n_ctx),
        )
        with httpx.Client(headers=headers, timeout=min(self.timeout, PROBE_TIMEOUT)) as client:
            for url, read in probes:
                try:
                    response = client.get(url)
                    found = read(response.json(), self.model) if response.is_success else None
                except (httpx.HTTPError, ValueError):
                    found = None
                if found:
                    logger.info("server context: %d tokens (%s)", found, _display(str(url)))
                    return found
        return None

    def generate(self, prompts: Sequence[str], *, max_tokens: int) -> list[str]:
        """Return one completion per prompt, in the order of ``prompts``.

        Raises:
            OptionError: ``max_tokens`` is not positive.
            BackendError: A prompt failed for good; the others are cancelled.
        """
        if max_tokens < 1:
            raise OptionError(f"max_tokens must be at least 1, got {max_tokens!r}")
        if not prompts:
            return []
        headers = {"Content-Type": "application/json"}
        if self._api_key:
            headers["Authorization"] = f"Bearer {self._api_key}"
        workers = min(self.concurrency, len(prompts))
        limits = httpx.Limits(max_connections=workers, max_keepalive_connections=workers)
        with httpx.Client(headers=headers, timeout=self.timeout, limits=limits) as client:
            if workers == 1:
                return [self._complete(client, p, max_tokens) for p in prompts]
            with ThreadPoolExecutor(workers, thread_name_prefix="precis-llm") as pool:
                futures = [pool.submit(self._complete, client, p, max_tokens) for p in prompts]
                return _gather(futures)

    def _complete(self, client: httpx.Client, prompt: str, max_tokens: int) -> str:
        """One prompt through the retry loop."""
        body = {
            "model": self.model,
            "messages": [
                {"role": "system", "content": self.system_prompt},
                {"role": "user", "content": prompt},
            ],
            "max_tokens": max_tokens,
            "temperature": self.temperature,
        }
        attempts = self.retries + 1
        for attempt in range(1, attempts + 1):
            try:
                response = client.post(self.url, json=body)
            except (httpx.TimeoutException, httpx.TransportError) as exc:
                kind = "timed out" if isinstance(exc, httpx.TimeoutException) else "unreachable"
                if attempt == attempts:
                    detail = f"{kind} (no HTTP status) with a {self.timeout:g}s timeout"
                    raise self._error(BackendTimeoutError, detail, None, attempt) from None
                self._wait(attempt, attempts, kind, None)
                continue
            if response.is_success:
                return self._parse(response, attempt)
            limit = _context_limit(response) if response.status_code == 400 else None
            if limit is not None:
                detail = f"answered HTTP 400 (its context is {limit} tokens: --context-tokens)"
                error = self._error(BackendError, detail, 400, attempt, response)
                raise ContextLengthError(
                    str(error), url=error.url, status=400, attempts=attempt, limit=limit
                )
            if response.status_code not in _RETRY_STATUSES or attempt == attempts:
                detail = f"answered HTTP {response.status_code}"
                raise self._error(BackendError, detail, response.status_code, attempt, response)
            retry_after = _retry_after(response.headers.get("Retry-After"))
            self._wait(attempt, attempts, f"HTTP {response.status_code}", retry_after)
        raise AssertionError("unreachable: the loop returns or raises")  # pragma: no cover

    def _wait(self, attempt: int, attempts: int, why: str, retry_after: float | None) -> None:
        """Sleep before the next attempt: the server's Retry-After if given, else backoff."""
        delay = retry_after if retry_after is not None else self.backoff * 2 ** (attempt - 1)
        delay = min(delay, self.max_delay)
        line = "POST %s %s (attempt %d/%d); retrying in %.2fs"
        logger.warning(line, self._display_url, why, attempt, attempts, delay)
        time.sleep(delay)

    def _parse(self, response: httpx.Response, attempt: int) -> str:
        """``choices[0].message.content`` of a 200 answer, or a typed error saying what was wrong."""
        try:
            content = _content(response.json())
        except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError included
            reason = "not valid JSON" if isinstance(exc, json.JSONDecodeError) else str(exc)
            detail = f"answered HTTP 200 but not with a chat completion ({reason})"
            raise self._error(BackendResponseError, detail, 200, attempt, response) from None
        return content

    def _error(
        self,
        cls: type[BackendError],
        detail: str,
        status: int | None,
        attempt: int,
        response: httpx.Response | None = None,
    ) -> BackendError:
        """One message shape for every failure: URL (no secrets), what happened, attempts."""
        body = f": {_snippet(response)}" if response is not None else ""
        message = f"POST {self._display_url} {detail} after {attempt} attempt(s){body}"
        return cls(message, url=self._display_url, status=status, attempts=attempt)


def _context_limit(response: httpx.Response) -> int | None:
    """The context length a 400 answer names ("This model's maximum context length is 2048
    tokens", vLLM and llama-cpp-python; llama.cpp's "n_ctx": 2048), else None."""
    found = _CONTEXT_RE.search(response.text[:2000])
    return int(found.group(1)) if found else None


def _content(payload: Any) -> str:
    """Dig out ``choices[0].message.content``; raises ValueError naming the missing piece."""
    choices = payload.get("choices") if isinstance(payload, dict) else None
    if not isinstance(choices, list) or not choices:
        raise ValueError("no choices")
    message = choices[0].get("message") if isinstance(choices[0], dict) else None
    content = message.get("content") if isinstance(message, dict) else None
    if not isinstance(content, str):
        raise ValueError("choices[0].message.content is not a string")
    return content


def _gather(futures: list[Future[str]]) -> list[str]:
    """Results in submission order; on the first failure cancel what has not started."""
    try:
        return [future.result() for future in futures]
    except BaseException:
        for future in futures:
            future.cancel()
        raise


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP date); None if absent or bad."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def _snippet(response: httpx.Response, limit: int = 200) -> str:
    """The start of a body for error messages, on one line."""
    text = " ".join(response.text.split())
    return (text[:limit] + "...") if len(text) > limit else (text or "<empty body>")


def _display(url: str) -> str:
    """scheme://host[:port]/path: no userinfo, no query (either may carry a secret)."""
    parsed = httpx.URL(url)
    return f"{parsed.scheme}://{parsed.netloc.decode('ascii', 'replace')}{parsed.path}"


def _display_raw(url: str) -> str:
    """A URL we could not parse, for a message: without anything after ``?`` or before ``@``."""
    return url.split("?")[0].rsplit("@", 1)[-1][:200]


def _check(name: str, value: float, *, positive: bool = False) -> None:
    """Fail early with the bad value, as options do everywhere in precis."""
    if value < 0 or (positive and value == 0):
        raise OptionError(
            f"{name} must be {'positive' if positive else 'non-negative'}, got {value!r}"
        )


def _max_model_len(body: Any, model: str) -> int | None:
    """vLLM's ``/v1/models``: the named model's ``max_model_len`` (the only model's if one)."""
    models = body.get("data") if isinstance(body, dict) else None
    if not isinstance(models, list):
        return None
    named = [m for m in models if isinstance(m, dict) and m.get("id") == model]
    candidates = named or (models if len(models) == 1 else [])
    for entry in candidates:
        value = entry.get("max_model_len") if isinstance(entry, dict) else None
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
    return None


def _n_ctx(body: Any, model: str) -> int | None:
    """llama.cpp's ``/props``: ``default_generation_settings.n_ctx`` (or a top-level ``n_ctx``)."""
    if not isinstance(body, dict):
        return None
    settings = body.get("default_generation_settings")
    for value in (settings.get("n_ctx") if isinstance(settings, dict) else None, body.get("n_ctx")):
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
    return None
