"""POST /api/articles: articles in, as files (any format `dateline ingest` reads) or as JSON records, read and
stored by the same Corpus.ingest as the CLI's. Uploads come to the reader as named content, never as paths on the
server, so a file name cannot point anywhere."""

from __future__ import annotations

import json
import threading
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.datastructures import UploadFile

from ..corpus import Corpus, Input
from ..model import IngestReport
from . import serialise
from .auth import require_writer
from .errors import ApiError, validation_message
from .schemas import ArticlesIn, ErrorBody, IngestResult

router = APIRouter()
MAX_FILES = 1000

REQUEST_BODY: dict[str, Any] = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {"files": {"type": "array", "items": {"type": "string", "format": "binary"}}},
                "required": ["files"],
            }
        },
        "application/json": {"schema": {"$ref": "#/components/schemas/ArticlesIn"}},
    },
}


@router.post(
    "/articles",
    response_model=IngestResult,
    dependencies=[Depends(require_writer)],
    summary="Upload articles to read and store (needs the bearer token)",
    responses={401: {"model": ErrorBody}, 403: {"model": ErrorBody}, 415: {"model": ErrorBody}},
    openapi_extra={"requestBody": REQUEST_BODY},
)
async def upload(request: Request) -> JSONResponse:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "multipart/form-data":
        inputs = await _files(request)
    elif content_type == "application/json":
        inputs = [("upload.jsonl", await _records(request))]
    else:
        raise ApiError(415, f"Content-Type {content_type or '(none)'!r}: send multipart/form-data files or "
                            'application/json {"articles": [...]}')  # fmt: skip
    report = await run_in_threadpool(_ingest, request, inputs)
    return JSONResponse(serialise.ingest_report(report))


def _ingest(request: Request, inputs: list[Input]) -> IngestReport:
    corpus: Corpus = request.app.state.corpus
    lock: threading.Lock = request.app.state.ingest_lock
    with lock:  # one ingest at a time: each already uses every core for spaCy, and SQLite has one writer
        return corpus.ingest(inputs)


async def _files(request: Request) -> list[Input]:
    cap = request.app.state.settings.max_file_bytes
    form = await request.form(max_files=MAX_FILES)
    inputs: list[Input] = []
    for index, (_field, value) in enumerate(form.multi_items()):
        if isinstance(value, UploadFile):
            # Read one byte past the cap: the reader then reports the file as too big, like any other input.
            inputs.append((f"upload:{value.filename or index}", await value.read(cap + 1)))
    if not inputs:
        raise ApiError(400, "files: send at least one file (multipart/form-data, field 'files')")
    return inputs


async def _records(request: Request) -> bytes:
    """The JSON body checked against ArticlesIn, as JSON Lines for the JSON reader."""
    try:
        body = ArticlesIn.model_validate_json(await request.body())
    except ValidationError as error:
        raise ApiError(400, validation_message(error.errors())) from None
    return "".join(
        json.dumps(a.model_dump(exclude_none=True), ensure_ascii=False) + "\n" for a in body.articles
    ).encode()
