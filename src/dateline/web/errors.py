"""Every error the API answers with is JSON, ``{"error": "..."}``, saying what was wrong and naming the parameter
or input it was wrong in, with a status that says whose fault it was (4xx the request's, 5xx the server's)."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from ..errors import DatelineError, NotFound

log = logging.getLogger("dateline.web")


class ApiError(Exception):
    """An answer other than 200, with its message for the client."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers


class BadParameter(ApiError):
    def __init__(self, name: str, message: str) -> None:
        super().__init__(400, f"{name}: {message}")


@contextmanager
def blame(name: str) -> Iterator[None]:
    """What the library rejects about a value (a search it cannot read, a date) becomes a 400 naming the request
    parameter the value came in; a record that is not stored stays a 404."""
    try:
        yield
    except NotFound:
        raise
    except DatelineError as error:
        raise BadParameter(name, str(error)) from None


def error_body(message: str) -> dict[str, str]:
    return {"error": message}


def install(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(NotFound, _not_found)
    app.add_exception_handler(DatelineError, _dateline_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(Exception, _server_error)


async def _api_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, ApiError)
    return JSONResponse(error_body(error.message), status_code=error.status, headers=error.headers)


async def _not_found(_request: Request, error: Exception) -> JSONResponse:
    return JSONResponse(error_body(str(error)), status_code=404)


async def _dateline_error(_request: Request, error: Exception) -> JSONResponse:
    return JSONResponse(error_body(str(error)), status_code=400)


async def _invalid_request(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    return JSONResponse(error_body(validation_message(error.errors())), status_code=400)


async def _http_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HTTPException)
    message = str(error.detail)
    if error.status_code == 404:
        message = f"{request.url.path}: no such page or API endpoint (the API is under /api, its docs at /docs)"
    elif error.status_code == 405:
        message = f"{request.method} {request.url.path}: method not allowed"
    return JSONResponse(error_body(message), status_code=error.status_code, headers=error.headers)


async def _server_error(request: Request, error: Exception) -> JSONResponse:
    log.exception("%s %s failed", request.method, request.url.path)
    return JSONResponse(error_body(f"internal error: {type(error).__name__}"), status_code=500)


def validation_message(errors: Sequence[Any]) -> str:
    """One line per problem, each naming the parameter (or the place in the body) and the value it got."""
    lines = []
    for problem in errors:
        where = [str(part) for part in problem.get("loc", ()) if part not in ("query", "path", "header", "body")]
        name = ".".join(where) or "body"
        got = problem.get("input")
        value = f" (got {got!r})" if isinstance(got, str | int | float) and len(repr(got)) < 80 else ""
        lines.append(f"{name}: {problem.get('msg', 'invalid')}{value}")
    return "; ".join(lines)
