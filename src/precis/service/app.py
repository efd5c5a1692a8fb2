"""The FastAPI application factory: settings in, a ready app out (the infinity pattern in STYLE.md).

Start-up opens the job store (marking jobs a crash left unfinished as interrupted) and starts the
worker processes; shut-down stops them. Nothing here runs at import time.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, JSONResponse

from precis import __version__
from precis.service.errors import install_handlers
from precis.service.guards import BodyLimitMiddleware
from precis.service.jobs import JobStore
from precis.service.pool import WorkerPool
from precis.service.routes import build_router
from precis.service.schemas import CheckRequest, SummarizeRequest
from precis.service.settings import ServiceSettings

logger = logging.getLogger(__name__)

PLACEHOLDER_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>precis</title></head>
<body><h1>precis</h1><p>The web page is not available in this installation.
The API is: <a href="/docs">/docs</a>.</p></body></html>
"""


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    """The service as an ASGI app (``settings`` default: :meth:`ServiceSettings.from_env`)."""
    settings = settings or ServiceSettings.from_env()
    store = JobStore(settings.db_path)
    pool = WorkerPool(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        store.init()
        store.recover()
        pruned = store.prune(settings.job_retention_s)
        if pruned:
            logger.info("deleted %d job(s) past their retention time", pruned)
        pool.start()
        logger.info(
            "precis service: %d worker(s), state in %s", settings.workers, settings.state_dir
        )
        try:
            yield
        finally:
            pool.stop()
            store.recover()  # what was still queued or running is interrupted, not lost

    app = FastAPI(
        title="precis",
        version=__version__,
        description="Summaries of long, messy documents (text, HTML, PDF, URL) that people can trust.",
        lifespan=lifespan,
        docs_url=None,  # served by install_docs from local files
        redoc_url=None,  # ReDoc would load from a CDN too
    )
    app.state.settings = settings
    app.state.pool = pool
    app.state.store = store
    install_handlers(app)
    if settings.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "X-API-Key", "Content-Type"],
        )
    app.add_middleware(BodyLimitMiddleware, limit=settings.max_upload_bytes)
    app.include_router(build_router(settings, pool, store))

    @app.get("/healthz", summary="Liveness check")
    async def healthz() -> JSONResponse:
        return JSONResponse({"status": "ok", "version": __version__})

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def page() -> HTMLResponse:
        try:
            from precis.render.html import render_page
        except ImportError:
            return HTMLResponse(PLACEHOLDER_PAGE)
        return HTMLResponse(render_page())

    install_openapi(app)
    install_docs(app)
    return app


DOCS_ASSETS = "/docs-assets"


def install_docs(app: FastAPI) -> None:
    """/docs: Swagger UI 5 from the files the ``swagger-ui-py`` package ships, so the page
    works offline and behind a firewall (issue 18: FastAPI's default loads it from a CDN and
    showed a blank page). Only its static folder is used, found without importing the package
    (its framework handlers are not needed)."""
    import importlib.util

    from fastapi.openapi.docs import get_swagger_ui_html
    from fastapi.staticfiles import StaticFiles

    spec = importlib.util.find_spec("swagger_ui")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("swagger-ui-py is missing: pip install 'precis[service]'")
    static = Path(next(iter(spec.submodule_search_locations))) / "static"
    app.mount(DOCS_ASSETS, StaticFiles(directory=static), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} API",
            swagger_js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{DOCS_ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{DOCS_ASSETS}/favicon-32x32.png",
        )


def install_openapi(app: FastAPI) -> None:
    """Add the request models that routes read themselves to the OpenAPI components."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
            )
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            for model in (SummarizeRequest, CheckRequest):
                body = model.model_json_schema(ref_template="#/components/schemas/{model}")
                components.update(body.pop("$defs", {}))
                components[model.__name__] = body
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
