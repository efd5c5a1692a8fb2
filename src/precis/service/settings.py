"""The service's settings: one frozen object built from arguments or, when asked, the environment.

The environment is read by :meth:`ServiceSettings.from_env` only (never at import), so the CLI,
tests and embedding applications all build the same object their own way.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from precis.errors import OptionError

MB = 1024 * 1024
ANY_MODEL = "*"


def default_state_dir() -> Path:
    """``$XDG_STATE_HOME/precis``, else ``~/.local/state/precis`` (where job records live)."""
    base = os.environ.get("XDG_STATE_HOME") or os.path.join("~", ".local", "state")
    return Path(base).expanduser() / "precis"


def _cpu_count() -> int:
    return os.cpu_count() or 1


QUEUE_PER_WORKER = 64
MIN_QUEUE = 256


def default_max_queue(workers: int) -> int:
    """Room for a burst: waiting costs a request only time (bounded by its time limit), while a
    short queue turns ordinary bursts into 503s (issue 18: 27 of 40 parallel requests shed)."""
    return max(MIN_QUEUE, QUEUE_PER_WORKER * workers)


@dataclass(frozen=True, kw_only=True)
class ServiceSettings:
    """Limits and switches of the HTTP service.

    Attributes:
        state_dir: where ``jobs.sqlite3`` lives (created at start-up).
        max_upload_bytes: the largest request body (and fetched URL body) accepted.
        max_text_chars: the longest pasted ``text`` (and ``summary`` to check).
        request_timeout_s: time limit of a synchronous request (the worker is killed after it).
        job_timeout_s: time limit of a background job once it runs.
        workers: size of the process pool that does the work.
        max_queue: tasks that may wait for a worker (a request waits, within its time limit,
            rather than failing); beyond that requests get 503 with Retry-After (default:
            64 x ``workers``, at least 256, so a burst of a few hundred clients queues).
        max_queue_bytes: the most request bytes (uploads, pasted text) that may wait at once;
            beyond that, 503 too (bounds the memory a burst of large uploads can hold).
        api_key: when set, every ``/v1`` route requires it (``Authorization: Bearer KEY`` or
            ``X-API-Key: KEY``).
        cors_origins: origins allowed by CORS; empty turns CORS off.
        allow_private_urls: let document URLs reach loopback and private addresses.
        models: abstractive models clients may name (hub ids, folders, server URLs); ``"*"``
            allows any. Empty: abstractive requests are refused (a model name is a server path
            or a URL the server would call, so the operator chooses them).
        job_retention_s: finished jobs older than this are deleted at start-up.
    """

    state_dir: Path = field(default_factory=default_state_dir)
    max_upload_bytes: int = 20 * MB
    max_text_chars: int = 5_000_000
    request_timeout_s: float = 30.0
    job_timeout_s: float = 600.0
    workers: int = field(default_factory=_cpu_count)
    max_queue: int | None = None
    max_queue_bytes: int = 256 * MB
    api_key: str | None = None
    cors_origins: tuple[str, ...] = ()
    allow_private_urls: bool = False
    models: tuple[str, ...] = ()
    job_retention_s: float = 7 * 24 * 3600.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "state_dir", Path(self.state_dir).expanduser())
        if self.max_queue is None:
            object.__setattr__(self, "max_queue", default_max_queue(self.workers))
        object.__setattr__(self, "cors_origins", tuple(self.cors_origins))
        object.__setattr__(self, "models", tuple(self.models))
        if self.api_key is not None and not self.api_key.strip():
            object.__setattr__(self, "api_key", None)
        for name in ("max_upload_bytes", "max_text_chars", "workers", "max_queue_bytes"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise OptionError(f"{name} must be an integer >= 1, got {value!r}")
        for name in ("request_timeout_s", "job_timeout_s", "job_retention_s"):
            if not getattr(self, name) > 0:
                raise OptionError(f"{name} must be positive, got {getattr(self, name)!r}")
        if not isinstance(self.max_queue, int) or self.max_queue < 0:
            raise OptionError(f"max_queue must be an integer >= 0, got {self.max_queue!r}")

    @property
    def db_path(self) -> Path:
        """The SQLite file of job records."""
        return self.state_dir / "jobs.sqlite3"

    def allows_model(self, model: str) -> bool:
        """Whether clients may ask for this abstractive model."""
        return ANY_MODEL in self.models or model in self.models

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, **overrides: Any
    ) -> ServiceSettings:
        """Settings from ``PRECIS_*`` variables; keyword ``overrides`` (e.g. CLI flags) win.

        Variables: PRECIS_STATE_DIR, PRECIS_MAX_UPLOAD_BYTES, PRECIS_MAX_TEXT_CHARS,
        PRECIS_REQUEST_TIMEOUT, PRECIS_JOB_TIMEOUT, PRECIS_WORKERS, PRECIS_MAX_QUEUE,
        PRECIS_MAX_QUEUE_BYTES,
        PRECIS_API_KEY, PRECIS_CORS_ORIGINS and PRECIS_MODELS (comma-separated),
        PRECIS_ALLOW_PRIVATE_URLS (1/true/yes), PRECIS_JOB_RETENTION.
        """
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for var, (name, parse) in _ENV.items():
            raw = env.get(var)
            if raw is None or not raw.strip():
                continue
            try:
                values[name] = parse(raw.strip())
            except ValueError:
                raise OptionError(f"{var}={raw!r} is not a valid value") from None
        unknown = set(overrides) - {f.name for f in dataclasses.fields(cls)}
        if unknown:
            raise OptionError(f"unknown service settings: {', '.join(sorted(unknown))}")
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


def _bool(raw: str) -> bool:
    lowered = raw.lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ValueError(raw)


def _items(raw: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in raw.split(",") if item.strip())


_ENV: dict[str, tuple[str, Callable[[str], Any]]] = {
    "PRECIS_STATE_DIR": ("state_dir", Path),
    "PRECIS_MAX_UPLOAD_BYTES": ("max_upload_bytes", int),
    "PRECIS_MAX_TEXT_CHARS": ("max_text_chars", int),
    "PRECIS_REQUEST_TIMEOUT": ("request_timeout_s", float),
    "PRECIS_JOB_TIMEOUT": ("job_timeout_s", float),
    "PRECIS_WORKERS": ("workers", int),
    "PRECIS_MAX_QUEUE": ("max_queue", int),
    "PRECIS_MAX_QUEUE_BYTES": ("max_queue_bytes", int),
    "PRECIS_API_KEY": ("api_key", str),
    "PRECIS_CORS_ORIGINS": ("cors_origins", _items),
    "PRECIS_ALLOW_PRIVATE_URLS": ("allow_private_urls", _bool),
    "PRECIS_MODELS": ("models", _items),
    "PRECIS_JOB_RETENTION": ("job_retention_s", float),
}
