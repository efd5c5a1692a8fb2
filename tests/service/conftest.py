"""Fixtures: real uvicorn servers on 127.0.0.1 (each with its own state_dir and worker pool), httpx
clients against them, and a tiny OpenAI-protocol model server for the abstractive path."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator

import httpx
import pytest

from precis.service.settings import ServiceSettings

# The service is an optional extra (precis[service]): without it these tests are not collected.
MISSING = [m for m in ("fastapi", "uvicorn", "pebble") if importlib.util.find_spec(m) is None]
collect_ignore_glob = ["test_*.py"] if MISSING else []

if not MISSING:
    from service_helpers import API_KEY, LIMITS, SlowModel, chat_server, serving


@pytest.fixture(scope="session")
def model() -> Iterator[SlowModel]:
    yield from chat_server.serve(SlowModel())


@pytest.fixture(scope="session")
def main_url(tmp_path_factory: pytest.TempPathFactory, model: SlowModel) -> Iterator[str]:
    """The main server: an API key, two workers, the tiny model allowed."""
    settings = ServiceSettings(
        state_dir=tmp_path_factory.mktemp("state"),
        workers=2,
        api_key=API_KEY,
        models=(model.base_url,),
        request_timeout_s=60,
    )
    with serving(settings) as url:
        yield url


@pytest.fixture()
def client(main_url: str) -> Iterator[httpx.Client]:
    """A client of the main server that sends the API key."""
    with httpx.Client(base_url=main_url, headers={"X-API-Key": API_KEY}, timeout=60) as c:
        yield c


@pytest.fixture(scope="session")
def limited_url(tmp_path_factory: pytest.TempPathFactory, model: SlowModel) -> Iterator[str]:
    """A server with tight limits: one worker, no queue, 64 KB bodies, 2 s per request."""
    settings = ServiceSettings(
        state_dir=tmp_path_factory.mktemp("limited"),
        workers=1,
        max_queue=0,
        models=(model.base_url,),
        **LIMITS,
    )
    with serving(settings) as url:
        yield url


@pytest.fixture()
def limited(limited_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=limited_url, timeout=30) as c:
        yield c
