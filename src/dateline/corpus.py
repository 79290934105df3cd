"""The Python API. The CLI, and later the web API, are thin shells over it.

from dateline import Corpus
with Corpus.open("dateline.db") as corpus:
    report = corpus.ingest(["articles/"])
    hits = corpus.search("Minsk agreements", since="2022-01-01")
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import IO

from . import dates, dedup, export, pipeline, readers
from .config import Settings
from .errors import DatelineError
from .inputs import documents
from .model import Annotations, Article, Entity, Event, IngestReport, Problem, Quote, SearchHit, Stats, Story
from .store import DyadPoint, EventFilters, Filters, QuoteFilters, Store

Bound = str | date | datetime | None


class Corpus:
    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings

    @classmethod
    def open(cls, db: str | None = None, settings: Settings | None = None) -> Corpus:
        """Open (creating and migrating as needed) the database at a path or URL; default ./dateline.db."""
        settings = settings or Settings.from_env()
        return cls(Store.open(db or settings.db, settings), settings)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def ingest(self, paths: Iterable[str], on_progress: Callable[[IngestReport], None] | None = None) -> IngestReport:
        """Read every article under ``paths``, run the reading pipeline on the new ones, and store them with what
        was found, one transaction per batch.

        Bad inputs become Problems in the report; they never stop the run or touch what is stored.
        """
        report = IngestReport()
        started = time.perf_counter()

        def progress() -> None:
            report.seconds = time.perf_counter() - started
            if on_progress:
                on_progress(report)

        in_flight: set[str] = set()  # ids sent to the pipeline and not stored yet: a copy of one is not parsed twice

        def fresh() -> Iterator[Article]:
            """New articles only: those already stored, or on their way to the store, skip the spaCy pass."""
            batch: list[Article] = []
            for item in self.read(paths):
                if isinstance(item, Problem):
                    report.problems.append(item)
                else:
                    report.read += 1
                    report.problems.extend(Problem(item.source, w, "warning") for w in item.warnings)
                    batch.append(item)
                progress()
                if len(batch) >= self.settings.batch_size:
                    yield from unseen(batch)
                    batch = []
            yield from unseen(batch)

        def unseen(batch: list[Article]) -> Iterator[Article]:
            for article in self._unseen(batch, report):
                if article.id in in_flight:
                    report.duplicates += 1
                else:
                    in_flight.add(article.id)
                    yield article

        def store(pending: list[tuple[Article, Annotations | None]]) -> None:
            result = self.store.write(pending, self.settings.model, pipeline.VERSION)
            report.stored += result.stored
            report.duplicates += result.duplicates
            in_flight.difference_update(article.id for article, _ in pending)
            pending.clear()
            progress()

        pending: list[tuple[Article, Annotations | None]] = []
        for article, found in self._annotated(fresh()):
            if found is not None:
                report.problems.extend(Problem(article.source, note, "warning") for note in found.notes)
            pending.append((article, found))
            if len(pending) >= self.settings.batch_size:
                store(pending)
        if pending:
            store(pending)
        progress()
        return report

    def reprocess(self, *, stale_only: bool = False, on_progress: Callable[[int], None] | None = None) -> int:
        """Read stored articles again with the current pipeline (after an upgrade, or with another --model),
        replacing what was found before; with ``stale_only``, only articles an older pipeline read.
        Returns how many articles were read."""
        done = 0
        version = pipeline.VERSION if stale_only else None
        for batch in self.store.stored_articles(self.settings.batch_size, not_read_by=version):
            found = list(pipeline.annotate_all(batch, self.settings))
            self.store.replace_annotations(found, self.settings.model, pipeline.VERSION)
            done += len(batch)
            if on_progress:
                on_progress(done)
        return done

    def _unseen(self, batch: list[Article], report: IngestReport) -> list[Article]:
        if not batch:
            return []
        fresh = self.store.unseen(batch)
        report.duplicates += len(batch) - len(fresh)
        return fresh

    def _annotated(self, articles: Iterable[Article]) -> Iterator[tuple[Article, Annotations | None]]:
        if not self.settings.extract:
            return ((article, None) for article in articles)
        return pipeline.annotate_all(articles, self.settings)

    def read(self, paths: Iterable[str]) -> Iterator[Article | Problem]:
        """Articles (with their ids) and problems from ``paths``, without storing anything."""
        for document in documents(list(paths), self.settings.max_file_bytes):
            if isinstance(document, Problem):
                yield document
                continue
            for item in readers.read(document):
                if isinstance(item, Article):
                    item.id = dedup.article_id(item)
                yield item

    def search(
        self,
        query: str,
        *,
        since: Bound = None,
        until: Bound = None,
        outlet: str | None = None,
        author: str | None = None,
        limit: int | None = 20,
    ) -> list[SearchHit]:
        """Articles matching words, "phrases", OR, NOT and prefix*, best first (bm25), with snippets."""
        return self.store.search(query, _filters(since, until, outlet, author), limit)

    def articles(
        self,
        *,
        since: Bound = None,
        until: Bound = None,
        outlet: str | None = None,
        author: str | None = None,
        story: str | None = None,
        limit: int | None = 20,
        offset: int = 0,
    ) -> list[Article]:
        """Stored articles, newest first."""
        return list(self.store.articles(_filters(since, until, outlet, author, story), limit, offset))

    def article(self, article_id: str) -> Article:
        """One article by its id (or an unambiguous start of it)."""
        return self.store.get(article_id)

    def stories(self, *, min_articles: int = 2, limit: int | None = 20) -> list[Story]:
        """Stories carried by several articles (syndicated copies, light rewrites), the widest first."""
        return self.store.stories(min_articles, limit)

    def stats(self) -> Stats:
        return self.store.stats()

    def annotations(self, article_id: str) -> Annotations:
        """What the reading pipeline found in one article: entities, mentions, quotes, times, places."""
        return self.store.annotations(self.article(article_id))

    def quotes(
        self,
        *,
        speaker: str | None = None,
        about: str | None = None,
        since: Bound = None,
        until: Bound = None,
        cue_kinds: Iterable[str] = (),
        limit: int | None = 20,
    ) -> list[Quote]:
        """Attributed quotes, newest first; ``speaker`` matches the resolved speaker's name, ``about`` the words,
        ``cue_kinds`` what the cue reports (speech, belief, evidence, intent, stance, evaluation, source)."""
        filters = QuoteFilters(
            speaker=speaker or None,
            about=about or None,
            since=_bound(since, end=False),
            until=_bound(until, end=True),
            cue_kinds=tuple(cue_kinds),
        )
        return self.store.quotes(filters, limit)

    def events(
        self,
        *,
        source: str | None = None,
        target: str | None = None,
        code: str | None = None,
        plover: str | None = None,
        since: Bound = None,
        until: Bound = None,
        limit: int | None = 20,
    ) -> list[Event]:
        """Who did what to whom: events newest first. ``source``/``target`` match an actor code prefix ("RUS" is
        RUSGOV and RUSMIL) or a name; ``code`` a CAMEO code, a trailing * for a family ("11*")."""
        return self.store.events(_event_filters(source, target, code, plover, since, until), limit)

    def dyad(
        self, first: str, second: str, *, by: str = "week", since: Bound = None, until: Bound = None
    ) -> list[DyadPoint]:
        """Cooperation and conflict between two actors over time: events (groups, not copies) per day, week,
        month or year, either way, with mean Goldstein and the QuadClass mix."""
        if by not in ("day", "week", "month", "year"):
            raise DatelineError(f"--by {by!r}: choose day, week, month or year")
        return self.store.dyad(first, second, by, _event_filters(None, None, None, None, since, until))

    def export_events(
        self, fmt: str, out: IO[str] | Path, *, source: str | None = None, target: str | None = None,
        code: str | None = None, since: Bound = None, until: Bound = None,
    ) -> int:  # fmt: skip
        """Write events as GDELT 2.0 event rows, Parquet, CSV or JSON Lines; returns how many."""
        filters = _event_filters(source, target, code, None, since, until)
        return export.write(self.store.export_events(filters), fmt, out)

    def entities(
        self, *, kind: str | None = None, name: str | None = None, country: str | None = None, limit: int | None = 20
    ) -> list[Entity]:
        """People, organisations and places across the corpus, the most widely mentioned first."""
        return self.store.entities(kind, name, country, limit)


def _filters(since: Bound, until: Bound, outlet: str | None, author: str | None, story: str | None = None) -> Filters:
    return Filters(
        since=_bound(since, end=False),
        until=_bound(until, end=True),
        outlet=outlet or None,
        author=author or None,
        story=story or None,
    )


def _event_filters(
    source: str | None, target: str | None, code: str | None, plover: str | None, since: Bound, until: Bound
) -> EventFilters:
    return EventFilters(
        source=source or None,
        target=target or None,
        code=code or None,
        plover=plover or None,
        since=_bound(since, end=False),
        until=_bound(until, end=True),
    )


def _bound(value: Bound, *, end: bool) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        value = dates.to_iso(value) or ""
    return dates.parse_bound(value, end=end)
