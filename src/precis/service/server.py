"""Run the service with uvicorn (what ``precis serve`` calls).

The service's packages are an optional extra: when one is missing, :func:`create_app` and
:func:`run` raise :class:`~precis.errors.MissingDependencyError` naming ``precis[service]``
instead of an ImportError from deep inside.
"""

from __future__ import annotations

import importlib.util
import logging
from typing import TYPE_CHECKING

from precis.errors import MissingDependencyError
from precis.service.settings import ServiceSettings

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["create_app", "run"]

logger = logging.getLogger(__name__)

GRACEFUL_SHUTDOWN_S = 10  # open event streams are closed after this
# Idle keep-alive connections live this long (nginx's default; uvicorn's 5 s makes a client that
# reuses a connection just as the server drops it see a reset under load).
KEEP_ALIVE_S = 75
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
# import name -> distribution name (python-multipart imports as python_multipart or multipart)
REQUIRED = {"fastapi": "fastapi", "uvicorn": "uvicorn", "pebble": "pebble"}


def _require() -> None:
    """Raise MissingDependencyError for the first service package that is not installed."""
    for module, package in REQUIRED.items():
        if importlib.util.find_spec(module) is None:
            raise MissingDependencyError(package, "service")
    if not any(importlib.util.find_spec(m) for m in ("python_multipart", "multipart")):
        raise MissingDependencyError("python-multipart", "service")


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    """The service as an ASGI app (``settings`` default: :meth:`ServiceSettings.from_env`)."""
    _require()
    from precis.service.app import create_app as build

    return build(settings)


def run(host: str = "127.0.0.1", port: int = 8000, settings: ServiceSettings | None = None) -> None:
    """Serve on ``host:port`` until interrupted (one process; the work runs in its pool).

    One server per ``state_dir``: at start-up it marks every unfinished job as interrupted.
    A script that calls this must guard it with ``if __name__ == "__main__":`` (the worker
    processes import the main module, as with any multiprocessing code).
    """
    _require()
    import uvicorn

    settings = settings or ServiceSettings.from_env()
    if host not in LOCAL_HOSTS and settings.api_key is None:
        logger.warning("serving on %s without an API key (set PRECIS_API_KEY)", host)
    uvicorn.run(
        create_app(settings),
        host=host,
        port=port,
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_S,
        timeout_keep_alive=KEEP_ALIVE_S,
        server_header=False,
        log_level="info",
    )
