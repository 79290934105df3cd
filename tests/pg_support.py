"""A throw-away PostgreSQL 15 server for the tests: initdb and pg_ctl in a temporary folder, on a free loopback port.

initdb refuses to run as root (as CI does), so as root the cluster belongs to the ``postgres`` user and its commands
run through runuser; anyone else runs them directly.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import sqlalchemy as sa

BIN = Path("/usr/lib/postgresql/15/bin")
OWNER = "postgres"  # the system user that owns the cluster when the tests run as root
ROLE = "dateline"  # the database superuser initdb creates; connections need no password (trust, loopback only)


class Cluster:
    """One running server; ``database()`` hands out a fresh, empty database on it for each test that asks."""

    def __init__(self, durable: bool = False) -> None:
        """``durable``: fsync as a real server does (for benchmarks); without it a crash may lose the cluster,
        which for tests costs nothing and saves time."""
        self.folder = Path(tempfile.mkdtemp(prefix="dateline-pg-"))
        self.port = free_port()
        if os.geteuid() == 0:
            shutil.chown(self.folder, OWNER, OWNER)
        # C.UTF-8 is on every Debian machine, whatever LANG says, and sorts text as SQLite does (by code point)
        self._run("initdb", "-D", self.data, "-U", ROLE, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
                  "--no-instructions")  # fmt: skip
        # -l: without a log file pg_ctl keeps the server's output pipe open and never returns
        settings = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        if not durable:
            settings += " -c fsync=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", self.data, "-l", str(self.folder / "server.log"), "-o", settings, "-w", "start")
        admin = self.url("postgres").replace("postgresql://", "postgresql+psycopg://")  # psycopg 3 on any SQLAlchemy
        self._admin = sa.create_engine(admin, isolation_level="AUTOCOMMIT")

    @property
    def data(self) -> str:
        return str(self.folder / "data")

    def url(self, database: str) -> str:
        return f"postgresql://{ROLE}@127.0.0.1:{self.port}/{database}"

    def database(self) -> str:
        """The URL of a new, empty database."""
        name = f"test_{uuid.uuid4().hex[:12]}"
        with self._admin.connect() as connection:
            connection.exec_driver_sql(f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self) -> None:
        self._admin.dispose()
        try:
            self._run("pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def _run(self, program: str, *args: str) -> None:
        command = [str(BIN / program), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", OWNER, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            log = self.folder / "server.log"
            detail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{program} failed ({done.returncode}): {done.stderr.strip()}\n{detail}")


def available() -> bool:
    return (BIN / "initdb").exists()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
