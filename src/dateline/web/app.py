"""The FastAPI app: the REST API under /api, the single-page web app at / with its assets under /static/, the
OpenAPI document at /openapi.json and its docs at /docs."""

from __future__ import annotations

import ipaddress
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.utils import get_openapi
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from ..config import Settings
from ..corpus import Corpus
from . import errors, routes, uploads
from .errors import ApiError
from .schemas import ArticlesIn, ErrorBody
from .security import BodyLimit, SecurityHeaders

STATIC = Path(__file__).parent / "static"
VERSION = "1"


def create_app(corpus_or_db: Corpus | str | None = None, settings: Settings | None = None) -> FastAPI:
    """The app over one Corpus: one given (the caller closes it), or one opened on the database path or URL given
    (default: the settings' database), closed when the app shuts down."""
    owned = not isinstance(corpus_or_db, Corpus)
    corpus = corpus_or_db if isinstance(corpus_or_db, Corpus) else Corpus.open(corpus_or_db, settings)
    settings = settings or corpus.settings

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if owned:
            corpus.close()

    app = FastAPI(
        title="dateline",
        version=VERSION,
        summary="News articles in; who said and did what to whom, when and where, out: each fact linked to the "
        "characters it came from.",
        lifespan=lifespan,
        docs_url=None,  # served below from the package, not from FastAPI's CDN
        redoc_url=None,
    )
    app.state.corpus = corpus
    app.state.settings = settings
    app.state.ingest_lock = threading.Lock()
    errors.install(app)
    problems: dict[int | str, dict[str, Any]] = {status: {"model": ErrorBody} for status in (400, 404)}
    app.include_router(routes.router, prefix="/api", responses=problems)
    app.include_router(uploads.router, prefix="/api", responses=problems)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    app.mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static")
    app.add_api_route("/", _index, include_in_schema=False)
    app.add_api_route("/docs", _docs, include_in_schema=False)
    if settings.cors_origin_list:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origin_list,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(BodyLimit, limit=settings.max_upload_bytes)
    if settings.allowed_host_list:  # refused before anything is read, /static's redirect included
        hosts = [_host_pattern(name) for name in settings.allowed_host_list]
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=hosts, www_redirect=False)
    app.add_middleware(SecurityHeaders)  # added last, so outermost: errors and refusals get the headers too
    return app


def _host_pattern(name: str) -> str:
    """A host name as TrustedHostMiddleware compares it: an IPv6 address in brackets, as the Host header gives it."""
    try:
        return f"[{name}]" if ipaddress.ip_address(name.strip("[]")).version == 6 else name
    except ValueError:
        return name


def _index() -> FileResponse:
    page = STATIC / "index.html"
    if not page.is_file():
        raise ApiError(404, f"the web app is not installed here ({page} is missing); the API is under /api")
    return FileResponse(page)


def _docs() -> FileResponse:
    """Swagger UI over /openapi.json, with its code from static/vendor: the docs work offline too."""
    page = STATIC / "docs.html"
    if not (STATIC / "vendor" / "swagger-ui-bundle.js").is_file():
        raise ApiError(404, "the API docs are not built here (run `make vendor`); the schema is at /openapi.json")
    return FileResponse(page)


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's document, plus the JSON body of uploads, which the handler reads itself (it also takes files)."""
    if app.openapi_schema is None:
        document = get_openapi(title=app.title, version=app.version, summary=app.summary, routes=app.routes)
        body = ArticlesIn.model_json_schema(ref_template="#/components/schemas/{model}")
        schemas = document.setdefault("components", {}).setdefault("schemas", {})
        schemas.update(body.pop("$defs", {}))
        schemas["ArticlesIn"] = body
        app.openapi_schema = document
    return app.openapi_schema
