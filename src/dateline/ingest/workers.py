"""The worker processes an ingest reads articles in.

They are forked from the ingest after it has loaded the model and the dictionaries, so they share those pages with
it instead of loading their own; each asks the kernel to kill it when the ingest dies; and an article that takes
longer than ``Settings.max_article_seconds`` to read is stopped, the only way a worker busy in compiled code (spaCy's
tokenizer, on a text no check foresaw) can be stopped: its workers are killed and replaced, the articles sent with it
are read again one by one, and the one that overruns again is stored unread, with a note.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from ..config import Settings
from ..model import Annotations, Article

Read = Callable[[list[Article], Settings], list[Annotations]]
Pending = deque[tuple[list[Article], Future[list[Annotations]]]]
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def annotated(tasks: Iterable[list[Article]], settings: Settings, read: Read) -> Iterator[tuple[Article, Annotations]]:
    """Each article of ``tasks`` with what ``read`` found in it, in order, read in worker processes. At most two tasks
    per worker are in flight, so memory stays flat however many articles come."""
    workers = _Workers(settings, read)
    pending: Pending = deque()
    try:
        for task in tasks:
            pending.append((task, workers.submit(task)))
            if len(pending) >= 2 * settings.processes:
                yield from workers.collect(pending)
        while pending:
            yield from workers.collect(pending)
    finally:
        workers.close()  # stopped early: what is queued is dropped, not read


class _Workers:
    def __init__(self, settings: Settings, read: Read) -> None:
        self.settings = settings
        self.read = read
        self.pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        fork = multiprocessing.get_context("fork")
        return ProcessPoolExecutor(self.settings.processes, fork, initializer=_die_with_parent, initargs=(os.getpid(),))

    def submit(self, task: list[Article]) -> Future[list[Annotations]]:
        return self.pool.submit(self.read, task, self.settings)

    def collect(self, pending: Pending) -> list[tuple[Article, Annotations]]:
        """The oldest task's articles with their annotations. The task is the one its workers are on (they take tasks
        in order), so the budget runs from now: generous, never short."""
        task, future = pending.popleft()
        try:
            return list(zip(task, future.result(timeout=self.settings.max_article_seconds * len(task)), strict=True))
        except TimeoutError:
            self.restart()
            found = [self.alone(article) for article in task]
            for number, (later, sent) in enumerate(pending):  # the killed workers took these with them
                if not sent.done() or sent.exception() is not None:
                    pending[number] = later, self.submit(later)
            return list(zip(task, found, strict=True))

    def alone(self, article: Article) -> Annotations:
        future = self.submit([article])
        try:
            [found] = future.result(timeout=self.settings.max_article_seconds)
        except TimeoutError:
            self.restart()
            found = Annotations(article.id, article.language)
            found.notes.append(
                f"reading stopped after {self.settings.max_article_seconds:,.0f} s (set DATELINE_MAX_ARTICLE_SECONDS): "
                "stored and searchable, but not read for entities"
            )
        return found

    def restart(self) -> None:
        """Stop every worker, whatever it is doing, and start new ones. The executor has no public way to stop a task
        that has started, so its processes are killed."""
        for process in list(self.pool._processes.values()):
            process.kill()
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.pool = self._start()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _die_with_parent(parent: int) -> None:
    """A worker's first act, on Linux: have the kernel kill it when the ingest that started it dies, even by kill -9.
    Otherwise it waits on its task queue for good, holding a spaCy model's few hundred MB. (The kernel signals when
    the thread that forked the worker ends: the pool forks every worker at its first task, from the ingest's thread.)"""
    if sys.platform != "linux":
        return
    ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)  # cannot fail with these arguments
    if os.getppid() != parent:  # the ingest died before the request was made: nobody is left to signal
        os._exit(1)
