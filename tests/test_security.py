"""Who may write, how much a request may bring, and what a hostile request string can reach: the real app over a
real SQLite file (the seed article read by the real pipeline), through the ASGI app and over a real socket."""

from __future__ import annotations

import hashlib
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from browser_support import serve
from conftest import SEED, SHARED
from dateline import Corpus, Settings
from dateline.cli import app as cli
from dateline.web import create_app

TOKEN = "s3cret-token"
ARTICLE = {"articles": [{"title": "Rain", "text": "Rain fell on Lisbon on Monday, the harbour office said."}]}

# What an attacker types into a filter: SQL, FTS5 query syntax (column filters, NEAR, prefixes, bare quotes),
# LIKE wildcards, NUL bytes, control and bidirectional characters, and strings far past any sane length.
INJECTIONS = [
    "'",
    '"',
    "'; DROP TABLE articles; --",
    "' OR 1=1 --",
    '" OR ""="',
    "1); DELETE FROM entities; --",
    "Putin' UNION SELECT name, sql FROM sqlite_master --",
    "NEAR(",
    "NEAR(putin ukraine, 2)",
    "*",
    "putin*",
    '"putin',
    "title:putin",
    "text:* OR title:*",
    "{title text}: putin",
    "^putin",
    "putin AND",
    "OR NOT",
    "(((",
    "%",
    "_",
    "\\",
    "putin\x00' OR 1=1 --",
    "\x00",
    "\u202e\u200bputin\ufeff",
    "a" * 600,
    "' OR 1=1 -- " * 2000,
]
# The dyad endpoint's required actors get real values while another of its parameters is under attack.
REQUIRED = {"a": "RUS", "b": "USA"}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    if not SEED.exists():
        pytest.skip(f"{SHARED} is absent: the seed article lives beside the checkout")
    path = str(tmp_path_factory.mktemp("security") / "security.db")
    with Corpus.open(path) as corpus:
        assert corpus.ingest([str(SEED)]).stored == 1
    return path


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[TestClient]:
    with TestClient(create_app(db, Settings.from_env(api_token=""))) as opened:
        yield opened


@pytest.fixture
def writer(tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings.from_env(api_token=TOKEN, max_upload_bytes=64 * 1024)
    with TestClient(create_app(str(tmp_path / "write.db"), settings)) as opened:
        yield opened


def fingerprint(db: str) -> tuple[dict[str, int], str]:
    """Each table's row count and a checksum over every row of every table, read straight from the file."""
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as connection:
        tables = [name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        counts = {name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in tables}
        checksum = hashlib.sha256("\n".join(connection.iterdump()).encode()).hexdigest()
    return counts, checksum


def stored(client: TestClient) -> int:
    return int(client.get("/api/stats").json()["articles"])


# who may write


def write_routes(client: TestClient) -> list[tuple[str, str]]:
    methods = {"post", "put", "patch", "delete"}
    paths = client.get("/openapi.json").json()["paths"]
    return [(method, path) for path, operations in paths.items() for method in operations if method in methods]


def test_every_write_endpoint_refuses_missing_and_wrong_tokens(writer: TestClient) -> None:
    routes = write_routes(writer)
    assert ("post", "/api/articles") in routes
    refusals = [
        {},
        {"Authorization": "Bearer guess"},
        {"Authorization": f"Bearer {TOKEN}x"},
        {"Authorization": f"Bearer {TOKEN[:-1]}"},
        {"Authorization": "Bearer "},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": TOKEN},
        {"X-Api-Token": TOKEN},
    ]
    for method, path in routes:
        for headers in refusals:
            for body in ({"json": ARTICLE}, {"files": {"files": ("a.txt", b"Rain fell on Lisbon.")}}):
                response = writer.request(method, path, headers=headers, **body)
                assert response.status_code == 401, (method, path, headers, response.text)
                assert response.headers["www-authenticate"] == "Bearer"
                assert "Authorization" in response.json()["error"]
    assert stored(writer) == 0


def test_the_right_token_writes(writer: TestClient) -> None:
    for scheme in ("Bearer", "bearer"):
        response = writer.post("/api/articles", json=ARTICLE, headers={"Authorization": f"{scheme} {TOKEN}"})
        assert response.status_code == 200, response.text
    assert stored(writer) == 1


def test_a_server_without_a_token_takes_no_writes(client: TestClient, db: str) -> None:
    before = fingerprint(db)
    for method, path in write_routes(client):
        for headers in ({}, {"Authorization": "Bearer "}, {"Authorization": "Bearer anything"}):
            response = client.request(method, path, headers=headers, json=ARTICLE)
            assert response.status_code == 403 and "read-only" in response.json()["error"], response.text
    assert fingerprint(db) == before


# how much a request may bring


def test_uploads_over_the_size_limit_get_413_naming_it(writer: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    big_text = "Rain fell on Lisbon. " * 4000  # ~84 KB against a 64 KiB limit
    attempts = {
        "file": {"files": {"files": ("big.txt", big_text.encode())}},
        "json": {"json": {"articles": [{"title": "Rain", "text": big_text}]}},
        "streamed": {"content": (chunk for chunk in [big_text.encode()[:40_000]] * 3)},  # no Content-Length
    }
    for name, body in attempts.items():
        headers = {**auth, "Content-Type": "application/json"} if name == "streamed" else auth
        response = writer.post("/api/articles", headers=headers, **body)
        assert response.status_code == 413, (name, response.text)
        assert "65536 bytes" in response.json()["error"] and "DATELINE_MAX_UPLOAD_BYTES" in response.json()["error"]
    assert stored(writer) == 0
    small = writer.post("/api/articles", headers=auth, files={"files": ("small.txt", big_text[:20_000].encode())})
    assert small.status_code == 200 and small.json()["stored"] == 1


def test_the_limit_comes_from_the_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATELINE_MAX_UPLOAD_BYTES", "1000")
    with TestClient(create_app(str(tmp_path / "limit.db"), Settings.from_env(api_token=TOKEN))) as opened:
        response = opened.post("/api/articles", content=b"x" * 1001, headers={"Content-Type": "application/json"})
    assert response.status_code == 413 and "1000 bytes" in response.json()["error"]


# what a request string can reach


def filters(client: TestClient) -> list[tuple[str, str, str]]:
    """Every (endpoint, parameter, where) the API reads from a GET request: query and path parameters alike."""
    paths = client.get("/openapi.json").json()["paths"]
    found = []
    for path, operations in paths.items():
        for parameter in operations.get("get", {}).get("parameters", []):
            found.append((path, parameter["name"], parameter["in"]))
    return found


def request_url(path: str, name: str, where: str, value: str, ids: dict[str, str]) -> tuple[str, dict[str, str]]:
    url = path
    for key, real in ids.items():
        url = url.replace("{" + key + "}", quote(value, safe="") if (where, name) == ("path", key) else real)
    query = dict(REQUIRED) if path == "/api/dyads" else {}
    if where == "query":
        query[name] = value
    return url, query


def test_injection_strings_through_every_filter_change_nothing(client: TestClient, db: str) -> None:
    ids = {
        "article_id": client.get("/api/articles").json()["items"][0]["id"],
        "entity_id": client.get("/api/entities").json()["items"][0]["id"],
    }
    everywhere = filters(client)
    assert {(p, n) for p, n, _ in everywhere} >= {("/api/articles", "q"), ("/api/articles", "outlet"),
                                                  ("/api/quotes", "about"), ("/api/events", "dyad"),
                                                  ("/api/articles/{article_id}", "article_id")}  # fmt: skip
    before = fingerprint(db)
    answered: dict[int, int] = {}
    for path, name, where in everywhere:
        for value in INJECTIONS:
            url, query = request_url(path, name, where, value, ids)
            response = client.get(url, params=query)
            answered[response.status_code] = answered.get(response.status_code, 0) + 1
            assert response.status_code < 500, (path, name, value[:40], response.text)
            assert response.headers["content-type"].startswith("application/json"), (path, name, value[:40])
            if response.status_code == 400:
                assert name in response.json()["error"], (path, name, value[:40], response.text)
    assert fingerprint(db) == before
    assert answered.get(200) and answered.get(400) and answered.get(404), answered


def test_filter_strings_are_values_not_code(client: TestClient) -> None:
    """Were they pasted into SQL or LIKE patterns, these would match every article; as values they match none."""
    everything = len(client.get("/api/articles?limit=500").json()["items"])
    assert everything >= 1
    for name in ("outlet", "author"):
        for value in ("' OR 1=1 --", "%", "_", '" OR ""="'):
            assert client.get("/api/articles", params={name: value}).json()["items"] == [], (name, value)
    assert client.get("/api/entities", params={"q": "%"}).json()["items"] == []
    assert client.get("/api/quotes", params={"speaker": "' OR 1=1 --"}).json()["items"] == []
    assert client.get("/api/events", params={"actor": "' OR 1=1 --"}).json()["items"] == []


# what the server sends back and serves


def test_security_headers_on_every_kind_of_answer(client: TestClient) -> None:
    for url in ("/", "/api/stats", "/static/js/main.js", "/api/nowhere", "/api/articles?limit=0", "/docs"):
        headers = client.get(url).headers
        assert headers["x-content-type-options"] == "nosniff", url
        assert headers["x-frame-options"] == "DENY", url
        assert "frame-ancestors 'none'" in headers["content-security-policy"], url
    policy = client.get("/").headers["content-security-policy"]
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert script_src.split() == ["script-src", "'self'"]


TRAVERSALS = [
    "/static/../app.py",
    "/static/../../../../../../etc/passwd",
    "/static/js/../../security.py",
    "/static/%2e%2e/app.py",
    "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/static/%252e%252e/%252e%252e/etc/passwd",
    "/static/..%5c..%5capp.py",
    "/static/....//....//etc/passwd",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/static/%00../app.py",
    "//etc/passwd",
    "/..%2f..%2fetc%2fpasswd",
    "/api/articles/..%2f..%2f..%2fetc%2fpasswd",
]


def raw_get(base: str, target: str) -> tuple[int, bytes]:
    """GET with the request target sent byte for byte: HTTP clients would tidy the dots away first."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    status = int(answer.split(b" ", 2)[1])
    return status, answer.partition(b"\r\n\r\n")[2]


def test_no_path_leaves_the_static_folder(db: str) -> None:
    with serve(db) as base:
        status, body = raw_get(base, "/static/js/main.js")
        assert status == 200 and b"import" in body  # the route does serve files
        for target in TRAVERSALS:
            status, body = raw_get(base, target)
            assert status in (400, 404), (target, status, body[:200])
            assert b"root:" not in body and b"create_app" not in body and b"import" not in body, target


# dateline serve


def start_serve(db: str, *args: str, token: str = "") -> str:
    """Start `dateline serve`, wait until it says where it listens, stop it; its output."""
    command = [sys.executable, "-m", "dateline.cli", "serve", "--db", db, "--port", str(free_port()), *args]
    env = {"DATELINE_API_TOKEN": token, "PATH": "/usr/bin:/bin", "DATELINE_N_PROCESS": "1"}
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert server.stdout is not None
    lines = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.poll() is None:
        lines.append(server.stdout.readline())
        if "Ctrl+C stops" in lines[-1]:
            break
    server.terminate()
    lines.append(server.communicate(timeout=30)[0])
    return " ".join("".join(lines).split())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_warns_when_listening_beyond_this_machine_without_a_token(db: str) -> None:
    default = start_serve(db)
    assert "at http://127.0.0.1:" in default and "warning" not in default
    exposed = start_serve(db, "--host", "0.0.0.0")
    assert "warning: listening on 0.0.0.0" in exposed and "no DATELINE_API_TOKEN" in exposed, exposed
    with_token = start_serve(db, "--host", "0.0.0.0", token=TOKEN)
    assert "at http://0.0.0.0:" in with_token and "warning" not in with_token


def test_serve_help_says_so() -> None:
    shown = " ".join(CliRunner().invoke(cli, ["serve", "--help"], env={"COLUMNS": "200"}).output.split())
    assert "127.0.0.1" in shown and "prints a warning" in shown
