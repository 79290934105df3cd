"""Ingest on a Dask cluster: workers read and annotate the input, the calling process stores what comes back.

The calling process lists the input in partitions (``inputs.partitions``: files, slices of long JSON Lines and
WARC files, archive members) and never reads an article itself. For each partition a worker first says what it
holds (``survey``: the articles without their text, and the problems a local read reports); the caller drops the
articles stored already or on their way to the store, which is what makes a rerun resume, and a worker reads the
partition again and annotates the rest (``annotate``). Partitions are handed on and their results taken back in
input order, so stories are assigned as in a single-process ingest; at most two partitions per worker
thread are in flight, so memory stays flat however long the input. The spaCy model is loaded once per worker
process, by nlp.load's cache.

Dask is the ``dask`` extra: this module imports it only when an ingest connects, so that without it the rest of
dateline works and ``--dask`` says what to install.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from .. import pipeline
from ..config import Settings
from ..errors import DatelineError
from ..extras import require
from ..inputs import Document, partitions
from ..model import Annotations, Article, Problem
from .reading import articles as read_articles

if TYPE_CHECKING:
    from distributed import Client, Future

PARTITION_BYTES = 128 * 1024  # about 50 news articles: a few seconds of a worker's time, small to send back
CONNECT_SECONDS = 10

Partition = list[Document | Problem]
Found = tuple[Article, Annotations | None]
Wanted = Callable[[list[Article | Problem]], set[str]]


@contextmanager
def connect(address: str) -> Iterator[Client]:
    """A client of the Dask scheduler at ``address`` (tcp://host:8786), or of a cluster of N single-threaded
    worker processes started here for the run (local:N)."""
    distributed = require("distributed", "dask", "dateline ingest --dask")
    if address.startswith("local:"):
        workers = _local_workers(address)
        with (
            distributed.LocalCluster(
                n_workers=workers, threads_per_worker=1, dashboard_address=None, silence_logs=logging.ERROR
            ) as local,
            distributed.Client(local) as client,
        ):
            yield client
        return
    try:
        client = distributed.Client(address, timeout=CONNECT_SECONDS)
    except (OSError, TimeoutError, ValueError) as error:
        raise DatelineError(
            f"--dask {address!r}: cannot reach a Dask scheduler there ({error}); start one (`dask scheduler`) "
            "or give its address as tcp://host:8786, or use local:N for N worker processes on this machine"
        ) from None
    with client:
        try:
            client.wait_for_workers(1, timeout=CONNECT_SECONDS)
        except TimeoutError:
            raise DatelineError(
                f"--dask {address!r}: the scheduler has no workers after {CONNECT_SECONDS} s; "
                f"start some with `dask worker {address} --nthreads 1`"
            ) from None
        yield client


def _local_workers(address: str) -> int:
    count = address.removeprefix("local:")
    if not count.isdigit() or int(count) < 1:
        raise DatelineError(f"--dask {address!r}: local:N takes a number of worker processes, as in local:2")
    return int(count)


@dataclass(slots=True)
class _Step:
    """One partition on its way: surveyed first, then annotated when it holds new articles."""

    partition: Partition
    future: Future | None  # the survey, then the annotation (None when there is nothing to annotate)
    surveyed: bool = False


def annotated(
    client: Client, paths: list[str | tuple[str, bytes]], settings: Settings, wanted: Wanted
) -> Iterator[Found]:
    """Each new article under ``paths`` with what the pipeline found in it (None without extraction), in input
    order. ``wanted`` is shown what each partition holds, in order, and returns the ids to annotate."""
    from distributed import wait  # installed: the client came from connect

    window = 2 * max(1, sum(client.nthreads().values()))
    waiting = partitions(paths, settings.max_file_bytes, PARTITION_BYTES)
    steps: deque[_Step] = deque()
    while True:
        while len(steps) < window and (partition := next(waiting, None)) is not None:
            # a survey is quick and unblocks an annotation: it goes ahead of the annotations queued
            future = client.submit(survey, partition, settings, priority=1, pure=False)
            steps.append(_Step(partition, future))
        _hand_on(steps, client, settings, wanted)
        if not steps:
            return
        head = steps[0]
        if head.surveyed and (head.future is None or head.future.done()):
            steps.popleft()
            if head.future is not None:
                outcome = _outcome(head.future, head.partition)
                if isinstance(outcome, Problem):
                    wanted([outcome])
                else:
                    yield from outcome
            continue
        # wake when the next survey in line is back, or the head's annotation
        next_survey = next((s.future for s in steps if not s.surveyed), None)
        awaited = [f for f in (next_survey, head.future if head.surveyed else None) if f is not None]
        wait(awaited, return_when="FIRST_COMPLETED")


def _hand_on(steps: deque[_Step], client: Client, settings: Settings, wanted: Wanted) -> None:
    """Surveys back, in input order: their new articles go to be annotated."""
    for step in steps:
        if step.surveyed:
            continue
        if step.future is None or not step.future.done():
            return
        outcome = _outcome(step.future, step.partition)
        ids = wanted([outcome] if isinstance(outcome, Problem) else outcome)
        step.future = client.submit(annotate, step.partition, ids, settings, pure=False) if ids else None
        step.surveyed = True


def _outcome(future: Future, partition: Partition) -> Any:
    """A task's result; a Problem naming the partition when the task failed on the worker (a bad input fails
    only itself)."""
    if future.status == "error":
        error = future.exception()
        return Problem(_name(partition), f"failed on a Dask worker ({type(error).__name__}: {error})")
    return future.result()


def _name(partition: Partition) -> str:
    names = list(dict.fromkeys(p.source if isinstance(p, Problem) else p.name for p in partition))
    return names[0] if len(names) == 1 else f"{names[0]} (and {len(names) - 1} more)"


# On the workers


def survey(partition: Partition, settings: Settings) -> list[Article | Problem]:
    """What a partition holds: its articles, without their text (ids, sources and warnings are what the caller
    needs), and its problems, as a local read finds them."""
    items = read_articles(partition, settings)
    return [item if isinstance(item, Problem) else replace(item, text="", paragraphs=[]) for item in items]


def annotate(partition: Partition, ids: set[str], settings: Settings) -> list[Found]:
    """The articles of a partition with the given ids (the first copy of each), with what the pipeline finds."""
    articles: list[Article] = []
    left = set(ids)
    for item in read_articles(partition, settings):
        if isinstance(item, Article) and item.id in left:
            left.discard(item.id)
            articles.append(item)
    if not settings.extract or not articles:
        return [(article, None) for article in articles]
    return list(zip(articles, pipeline.read(articles, settings), strict=True))
