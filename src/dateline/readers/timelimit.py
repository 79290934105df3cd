"""A time limit on each step of reading a document, so that one pathological input cannot stall an ingest.

A watchdog thread raises Overtime in the reading thread when its time is up. That works in any thread (the
CLI's main thread, the web API's worker threads, Dask's), where signal.alarm works in the main thread only. The
exception arrives between two Python bytecodes: a reader stuck inside one long C call stops when it returns.
"""

from __future__ import annotations

import ctypes
import math
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class Overtime(BaseException):
    """Raised in a reading thread whose time is up. A BaseException, so that the many ``except Exception`` in
    parser libraries pass it on instead of taking it for a parse error."""


class _Watchdog:
    """One daemon thread for the whole process. Arming and disarming only write a deadline down, so reading a
    stream of small records costs no thread switches; the watchdog is woken only when it sleeps past the new
    deadline."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        """No deadlines and no thread yet: also what a forked child needs, which has no thread (threads do not
        survive fork) and may have copied the lock while the watchdog held it."""
        self._changed = threading.Condition()
        self._deadlines: dict[int, float] = {}  # thread id -> time.monotonic() at which it is stopped
        self._wake_at = math.inf
        self._thread: threading.Thread | None = None

    @contextmanager
    def limit(self, seconds: float) -> Iterator[None]:
        """Overtime is raised in this thread if the block runs past ``seconds``; never after the block ends."""
        ident = threading.get_ident()
        deadline = time.monotonic() + seconds
        with self._changed:
            self._deadlines[ident] = deadline
            if self._thread is None:
                self._thread = threading.Thread(target=self._watch, name="dateline-read-timeout", daemon=True)
                self._thread.start()
            if deadline < self._wake_at:
                self._changed.notify()
        try:
            yield
        finally:
            with self._changed:
                if self._deadlines.pop(ident, None) is None:
                    # The watchdog fired as the block ended: drop the exception if it has not been raised yet.
                    _raise_in(ident, None)

    def _watch(self) -> None:
        with self._changed:
            while True:
                now = time.monotonic()
                for ident, deadline in list(self._deadlines.items()):
                    if deadline <= now:
                        del self._deadlines[ident]
                        _raise_in(ident, Overtime)
                self._wake_at = min(self._deadlines.values(), default=math.inf)
                self._changed.wait(None if self._wake_at == math.inf else self._wake_at - now)


def _raise_in(ident: int, exception: type[BaseException] | None) -> None:
    """Have ``exception`` raised in thread ``ident`` at its next bytecode; None takes back one not raised yet."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(ident), ctypes.py_object(exception) if exception else None
    )


_watchdog = _Watchdog()
os.register_at_fork(after_in_child=_watchdog.reset)
limit = _watchdog.limit
