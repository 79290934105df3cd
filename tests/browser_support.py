"""What the browser tests stand on: a real dateline server (uvicorn in a thread, on a free loopback port) over a
SQLite file filled through the real pipeline, and Debian's Chromium driven by Playwright.

Playwright never downloads a browser here: it launches /usr/bin/chromium (`make chromium` installs it).
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, sync_playwright

from dateline import Corpus
from dateline.config import Settings
from dateline.web.app import create_app

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[1] / "build" / "screenshots"

# The seed article, and a handful of corpus articles about Russia and the United States (and others, so lists have
# neighbours): enough for a RUS-USA dyad, a network and quotes by several speakers, small enough to read in ~30 s.
CORPUS_ARTICLES = [
    "012.txt", "018.txt", "020.txt", "098.txt", "110.txt", "128.txt", "129.txt", "141.txt",
    "001.txt", "005.txt", "050.txt",
]  # fmt: skip

# An article that tries to run code in the reader: it must be shown as text.
HOSTILE = {
    "title": "Markup test: <script>window.__pwned = 1</script> in a headline",
    "text": (
        'The spokesman said the page showed "<script>window.__pwned = 2</script>" as plain words.\n'
        'Officials in Lisbon said <img src=x onerror="window.__pwned = 3"> was only text too.'
    ),
    "url": "https://example.org/markup-test",
    "published": "2022-02-22T09:00:00Z",
    "outlet": "Test Wire",
    "authors": ["A. Tester"],
}


def fill_database(path: Path, shared: Path, seed: Path, work: Path) -> str:
    """Ingest the seed, the corpus articles and the hostile article into a new SQLite file; returns its path."""
    hostile = work / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    folder = shared / "corpora" / "seedfmt" / "newscluster"
    inputs = [str(seed), *(str(folder / name) for name in CORPUS_ARTICLES), str(hostile)]
    with Corpus.open(str(path), Settings.from_env(n_process=1)) as corpus:
        report = corpus.ingest(inputs)
    assert report.failed == 0, report.problems
    assert report.stored == len(inputs), report
    return str(path)


@contextmanager
def serve(db: str) -> Iterator[str]:
    """The real app under uvicorn on 127.0.0.1 and a port the OS picked; yields its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db, Settings.from_env()), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"the dateline server did not start on 127.0.0.1:{port}")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless, driven by Playwright (which never downloads a browser of its own here)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: `make chromium` installs Debian's Chromium for the browser tests")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        yield launched
        launched.close()


def screenshot(page: Page, name: str, *, full_page: bool = True) -> Path:
    """Save the page as build/screenshots/NAME.png, the tests' artifacts for a person to look at: whole, or (for a
    page scrolled to a sentence) the window as the reader sees it."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
