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

from . import dates, dedup, readers
from .config import Settings
from .inputs import documents
from .model import Article, IngestReport, Problem, SearchHit, Stats, Story
from .store import Filters, Store

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
        """Read every article under ``paths`` and store the new ones, one transaction per batch.

        Bad inputs become Problems in the report; they never stop the run or touch what is stored.
        """
        report = IngestReport()
        started = time.perf_counter()
        batch: list[Article] = []

        def flush() -> None:
            result = self.store.write(batch)
            report.stored += result.stored
            report.duplicates += result.duplicates
            batch.clear()

        for item in self.read(paths):
            if isinstance(item, Problem):
                report.problems.append(item)
            else:
                report.read += 1
                report.problems.extend(Problem(item.source, w, "warning") for w in item.warnings)
                batch.append(item)
                if len(batch) >= self.settings.batch_size:
                    flush()
            report.seconds = time.perf_counter() - started
            if on_progress:
                on_progress(report)
        if batch:
            flush()
        report.seconds = time.perf_counter() - started
        return report

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


def _filters(since: Bound, until: Bound, outlet: str | None, author: str | None, story: str | None = None) -> Filters:
    return Filters(
        since=_bound(since, end=False),
        until=_bound(until, end=True),
        outlet=outlet or None,
        author=author or None,
        story=story or None,
    )


def _bound(value: Bound, *, end: bool) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        value = dates.to_iso(value) or ""
    return dates.parse_bound(value, end=end)
