"""Which names the server answers to: a page on another site whose name its owner points at 127.0.0.1 (DNS
rebinding) sends its own name in the Host header, and gets nothing. The real app through an ASGI client, and the
real `dateline serve` over a socket."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from conftest import write
from dateline import Corpus, Settings
from dateline.cli import app as cli
from dateline.web import create_app

FOREIGN = "rebound.example"  # an attacker's name, resolving to this machine


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("hosts")
    record = {"title": "Ferry timetable", "text": "The winter ferry timetable starts on Monday, the port said."}
    path = str(folder / "hosts.db")
    with Corpus.open(path, Settings.from_env(extract=False)) as corpus:
        assert corpus.ingest([str(write(folder / "in.jsonl", json.dumps(record) + "\n"))]).stored == 1
    return path


def client(db: str, allowed: str, host: str) -> TestClient:
    return TestClient(create_app(db, Settings.from_env(allowed_hosts=allowed)), base_url=f"http://{host}")


@pytest.mark.parametrize("path", ["/api/articles", "/api/stats", "/static", "/", "/openapi.json"])
def test_a_foreign_host_gets_nothing(db: str, path: str) -> None:
    with client(db, "localhost,127.0.0.1,::1", f"{FOREIGN}:8765") as foreign:
        answer = foreign.get(path, follow_redirects=False)
    assert answer.status_code == 400, (path, answer.status_code, answer.headers)
    assert "location" not in answer.headers and "Ferry" not in answer.text
    assert answer.headers["x-frame-options"] == "DENY"  # the refusal passed through the security headers too


@pytest.mark.parametrize("host", ["localhost:8765", "127.0.0.1:8765", "[::1]:8765", "LOCALHOST"])
def test_the_allowed_names_are_answered(db: str, host: str) -> None:
    with client(db, "localhost,127.0.0.1,::1", host) as allowed:
        assert allowed.get("/api/articles").json()["items"][0]["title"] == "Ferry timetable"


def test_any_host_when_the_settings_say_so(db: str) -> None:
    with client(db, "*", FOREIGN) as anyone:
        assert anyone.get("/api/stats").status_code == 200


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(db: str, *args: str) -> Iterator[int]:
    """`dateline serve` on 127.0.0.1 with ``args``, until the block ends; its port."""
    port = free_port()
    command = [sys.executable, "-m", "dateline.cli", "serve", "--db", db, "--port", str(port), *args]
    env = {"PATH": "/usr/bin:/bin", "DATELINE_N_PROCESS": "1", "DATELINE_API_TOKEN": ""}
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None, server.communicate()[0]
                time.sleep(0.1)
        yield port
    finally:
        server.terminate()
        server.communicate(timeout=30)


def raw_get(port: int, target: str, host: str) -> tuple[int, bytes]:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    assert b"location:" not in head.lower(), head  # never sent on to the name it came with
    return int(answer.split(b" ", 2)[1]), body


def test_serve_answers_only_this_machines_names_by_default(db: str) -> None:
    with serving(db) as port:
        answers_only_this_machine(port)


def answers_only_this_machine(served: int) -> None:
    for host in (f"{FOREIGN}:{served}", FOREIGN, f"evil.localhost.{FOREIGN}"):
        for target in ("/api/articles", "/static", "/api/stats"):
            status, body = raw_get(served, target, host)
            assert status == 400 and b"Ferry" not in body, (host, target, status)
    for host in (f"127.0.0.1:{served}", f"localhost:{served}", "[::1]"):
        status, body = raw_get(served, "/api/articles", host)
        assert status == 200 and b"Ferry timetable" in body, host


def test_serve_answers_the_names_it_is_given(db: str) -> None:
    with serving(db, "--allowed-host", "news.example") as port:
        assert raw_get(port, "/api/articles", f"news.example:{port}")[0] == 200
        assert raw_get(port, "/api/articles", f"127.0.0.1:{port}")[0] == 200
        assert raw_get(port, "/api/articles", FOREIGN)[0] == 400


def test_serve_help_names_the_option() -> None:
    shown = " ".join(CliRunner().invoke(cli, ["serve", "--help"], env={"COLUMNS": "200"}).output.split())
    assert "--allowed-host" in shown and "DNS rebinding" in shown
