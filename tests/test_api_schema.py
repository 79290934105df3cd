"""schemathesis against the API's own /openapi.json, in-process over ASGI (no network): requests generated from the
schema, valid and not, never get a 5xx, and what comes back matches the documented responses. The store holds the
seed article read by the real pipeline, so ids and filters meet real rows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import response_schema_conformance

from conftest import SEED
from dateline import Corpus, Settings
from dateline.web import create_app


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    if not SEED.exists():
        pytest.skip(f"{SEED} is absent: the seed article lives in ../shared")
    path = str(Path(tmp_path_factory.mktemp("schema")) / "schema.db")
    with Corpus.open(path) as corpus:
        corpus.ingest([str(SEED)])
    # No token: uploads answer 403 before reading a body, so generated uploads cannot grow the store mid-run.
    application = create_app(path, Settings.from_env(api_token=""))
    yield application
    application.state.corpus.close()


def test_no_request_gets_a_server_error(app: FastAPI) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 12  # every endpoint of the contract is in the schema
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def no_server_error(case: schemathesis.Case) -> None:
            response = case.call()
            assert response.status_code < 500, (case.method, case.formatted_path, case.query, response.text)
            case.validate_response(response, checks=[response_schema_conformance])

        no_server_error()
