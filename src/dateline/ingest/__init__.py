"""The ingest, the one place the flow is wired: reading -> dedup -> pipeline -> store.

    reading     documents through the readers into articles with their ids (inputs, readers, dedup)
    local       the pipeline in this process or in worker processes (workers)
    cluster     reading and the pipeline on a Dask cluster, this process storing what comes back
    storing     one write transaction per batch, with the steps that join a batch to the corpus: its articles'
                stories, its entities merged with the corpus's, its events' groups (stories, entities, groups)

The readers and the pipeline know no store, and the store decides nothing: this package hands what the first make
to the second. ``Corpus.ingest`` and ``Corpus.reprocess`` call ``run`` and ``reprocess``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator

from .. import pipeline
from ..config import Settings, check
from ..model import Annotations, Article, IngestReport, Problem
from ..store import Store
from . import local, storing
from .reading import Input, read

Found = tuple[Article, Annotations | None]


def run(
    store: Store, settings: Settings, paths: Iterable[Input], on_progress: Callable[[IngestReport], None] | None = None
) -> IngestReport:
    """Read every article under ``paths``, run the reading pipeline on the new ones, and store them with what was
    found, one transaction per batch. With the ``dask`` setting (a scheduler's address, or local:N), Dask workers
    read and annotate the input and this process stores what they send back, in the same order.

    Bad inputs become Problems in the report; they never stop the run or touch what is stored.
    """
    ingest = _Ingest(store, settings, on_progress)
    check(settings)  # the components' settings read here, so a bad one stops the run before it starts
    if settings.extract and settings.actor_files:  # the users' dictionaries, read before any article
        coding = pipeline.coders(tuple(settings.actor_files), tuple(settings.verb_files))
        ingest.report.problems.extend(coding.warnings)
    if settings.dask:
        from . import cluster  # Dask takes 0.4 s to import: only an ingest that asks for it pays that

        with cluster.connect(settings.dask) as client:
            ingest.store_all(cluster.annotated(client, list(paths), settings, ingest.wanted))
    else:
        ingest.store_all(annotated(ingest.fresh(paths), settings))
    if ingest.report.stored:
        store.analyze()  # the query planner's statistics follow the tables' growth
    ingest.progress()
    return ingest.report


def reprocess(
    store: Store, settings: Settings, *, stale_only: bool = False, on_progress: Callable[[int], None] | None = None
) -> int:
    """Read stored articles again with the current pipeline, replacing what was found before; with ``stale_only``,
    only articles an older pipeline read. Returns how many articles were read."""
    check(settings)
    done = 0
    version = pipeline.VERSION if stale_only else None
    for batch in store.stored_articles(settings.batch_size, not_read_by=version):
        found = list(local.annotated(batch, settings))
        storing.replace(store, found, settings, pipeline.VERSION)
        done += len(batch)
        if on_progress:
            on_progress(done)
    if done:
        store.analyze()
    return done


def annotated(articles: Iterable[Article], settings: Settings) -> Iterator[Found]:
    """Each article with what the pipeline found in it; None for each without extraction (``extract`` off)."""
    if not settings.extract:
        return ((article, None) for article in articles)
    return local.annotated(articles, settings)


class _Ingest:
    """One run's report, and the articles on their way from reading to the store."""

    def __init__(self, store: Store, settings: Settings, on_progress: Callable[[IngestReport], None] | None) -> None:
        self.store = store
        self.settings = settings
        self.on_progress = on_progress
        self.report = IngestReport()
        self.started = time.perf_counter()
        self.in_flight: set[str] = set()  # ids sent to the pipeline and not stored yet: a copy is not parsed twice

    def progress(self) -> None:
        self.report.seconds = time.perf_counter() - self.started
        if self.on_progress:
            self.on_progress(self.report)

    def counted(self, item: Article | Problem) -> Article | None:
        """Count what was read in the report; the article, when it is one."""
        article = None
        if isinstance(item, Problem):
            self.report.problems.append(item)
        else:
            self.report.read += 1
            self.report.problems.extend(Problem(item.source, w, "warning") for w in item.warnings)
            article = item
        self.progress()
        return article

    def fresh(self, paths: Iterable[Input]) -> Iterator[Article]:
        """New articles only: those already stored, or on their way to the store, skip the spaCy pass."""
        batch: list[Article] = []
        for item in read(paths, self.settings):
            if (article := self.counted(item)) is not None:
                batch.append(article)
            if len(batch) >= self.settings.batch_size:
                yield from self.unseen(batch)
                batch = []
        yield from self.unseen(batch)

    def wanted(self, items: list[Article | Problem]) -> set[str]:
        """What a Dask worker found in one part of the input (articles without their text): the new ones' ids."""
        found = [article for article in map(self.counted, items) if article is not None]
        return {article.id for article in self.unseen(found)}

    def unseen(self, batch: list[Article]) -> Iterator[Article]:
        fresh = self.store.unseen(batch) if batch else []
        self.report.duplicates += len(batch) - len(fresh)
        for article in fresh:
            if article.id in self.in_flight:
                self.report.duplicates += 1
            else:
                self.in_flight.add(article.id)
                yield article

    def store_all(self, found: Iterable[Found]) -> None:
        pending: list[Found] = []
        for article, what in found:
            if what is not None:
                self.report.problems.extend(Problem(article.source, note, "warning") for note in what.notes)
            pending.append((article, what))
            if len(pending) >= self.settings.batch_size:
                self.write(pending)
        if pending:
            self.write(pending)

    def write(self, pending: list[Found]) -> None:
        result = storing.write(self.store, pending, self.settings, pipeline.VERSION)
        self.report.stored += result.stored
        self.report.duplicates += result.duplicates
        self.in_flight.difference_update(article.id for article, _ in pending)
        pending.clear()
        self.progress()
