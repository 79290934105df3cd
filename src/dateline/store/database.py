"""The store: articles and what was read in them go in together, one transaction per batch; queries come out.

SQLite by default (one file, WAL, FTS5). Written against SQLAlchemy Core so other engines can follow; the
schema is migrated with Alembic when the store is opened.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine

from ..config import Settings
from ..errors import DatabaseError
from ..model import Annotations, Article, Entity, Event, Quote, SearchHit, Stats, Story
from . import annotation, articles, events
from .annotation import QuoteFilters
from .articles import Filters, chunks
from .events import DyadPoint, EventFilters, ExportRow
from .schema import articles as articles_table
from .schema import processing


@dataclass(frozen=True, slots=True)
class WriteResult:
    stored: int
    duplicates: int


class Store:
    def __init__(self, engine: Engine, settings: Settings) -> None:
        self.engine = engine
        self.settings = settings

    @classmethod
    def open(cls, url: str, settings: Settings) -> Store:
        engine = _engine(url)
        try:
            with engine.begin() as connection:
                _migrate(connection)
        except sa.exc.DatabaseError as error:
            engine.dispose()
            raise DatabaseError(f"{url}: cannot open as a dateline database ({error.orig})") from None
        return cls(engine, settings)

    def close(self) -> None:
        self.engine.dispose()

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    # writing

    def unseen(self, batch: Sequence[Article]) -> list[Article]:
        """The articles of ``batch`` not stored yet (and each only once)."""
        with self.engine.connect() as connection:
            return articles.not_stored(connection, batch)

    def write(
        self, batch: Sequence[tuple[Article, Annotations | None]], model: str = "", version: str = ""
    ) -> WriteResult:
        """Store articles with their annotations in one transaction; ones already stored count as duplicates."""
        with self.engine.begin() as connection:
            connection.exec_driver_sql("BEGIN IMMEDIATE")  # take the write lock before checking what is stored
            fresh = articles.not_stored(connection, [article for article, _ in batch])
            if fresh:
                pks = articles.insert(connection, fresh, self.settings)
                new = {a.id for a in fresh}
                found = [f for a, f in batch if f is not None and a.id in new]
                annotation.insert(connection, pks, _first_each(found), model, version)
        return WriteResult(stored=len(fresh), duplicates=len(batch) - len(fresh))

    def stored_articles(self, batch_size: int, not_read_by: str | None = None) -> Iterator[list[Article]]:
        """Every stored article in ingest order, in batches; with ``not_read_by``, only those that pipeline
        version has not read."""
        last = 0
        while True:
            query = sa.select(articles_table).where(articles_table.c.pk > last)
            if not_read_by is not None:
                read = sa.select(processing.c.article_pk).where(processing.c.pipeline == not_read_by)
                query = query.where(articles_table.c.pk.not_in(read))
            with self.engine.connect() as connection:
                rows = connection.execute(query.order_by(articles_table.c.pk).limit(batch_size)).all()
            if not rows:
                return
            last = rows[-1].pk
            yield [articles.to_article(row) for row in rows]

    def replace_annotations(self, batch: Sequence[tuple[Article, Annotations]], model: str, version: str) -> None:
        with self.engine.begin() as connection:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            pks = _primary_keys(connection, [a.id for a, _ in batch])
            annotation.delete(connection, list(pks.values()))
            annotation.insert(connection, pks, [f for a, f in batch if a.id in pks], model, version)

    # reading

    def get(self, article_id: str) -> Article:
        with self.engine.connect() as connection:
            return articles.get(connection, article_id)

    def articles(self, filters: Filters, limit: int | None, offset: int = 0) -> list[Article]:
        with self.engine.connect() as connection:
            return list(articles.listing(connection, filters, limit, offset))

    def count(self, filters: Filters) -> int:
        with self.engine.connect() as connection:
            return articles.count(connection, filters)

    def search(self, query: str, filters: Filters, limit: int | None) -> list[SearchHit]:
        with self.engine.connect() as connection:
            return articles.search(connection, query, filters, limit)

    def stories(self, min_articles: int, limit: int | None) -> list[Story]:
        with self.engine.connect() as connection:
            return articles.stories(connection, min_articles, limit)

    def stats(self) -> Stats:
        with self.engine.connect() as connection:
            return articles.stats(connection, self.url)

    def annotations(self, article: Article) -> Annotations:
        with self.engine.connect() as connection:
            pk = _primary_keys(connection, [article.id])[article.id]
            return annotation.of_article(connection, pk, article.id)

    def quotes(self, filters: QuoteFilters, limit: int | None) -> list[Quote]:
        with self.engine.connect() as connection:
            return annotation.quote_listing(connection, filters, limit)

    def entities(self, kind: str | None, name: str | None, country: str | None, limit: int | None) -> list[Entity]:
        with self.engine.connect() as connection:
            return annotation.entity_listing(connection, kind, name, country, limit)

    def events(self, filters: EventFilters, limit: int | None) -> list[Event]:
        with self.engine.connect() as connection:
            return events.listing(connection, filters, limit)

    def export_events(self, filters: EventFilters) -> Iterator[ExportRow]:
        with self.engine.connect() as connection:
            yield from events.export_rows(connection, filters)

    def dyad(self, first: str, second: str, by: str, filters: EventFilters) -> list[DyadPoint]:
        with self.engine.connect() as connection:
            return events.dyad(connection, first, second, by, filters)


def schema_head() -> str | None:
    """The newest migration: what an up-to-date database's schema version reads."""
    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(resources.files("dateline.store") / "migrations"))
    return config


def _migrate(connection: Connection) -> None:
    if MigrationContext.configure(connection).get_current_revision() != schema_head():
        config = _alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _engine(url: str) -> Engine:
    if "://" not in url:
        folder = os.path.dirname(os.path.abspath(url))
        if not os.path.isdir(folder):
            raise DatabaseError(f"{url}: cannot create the database, folder {folder} does not exist")
        url = f"sqlite:///{url}"
    if not url.startswith("sqlite"):
        scheme = url.split("://", 1)[0]
        raise DatabaseError(f"{scheme} databases are not supported yet: give an SQLite file path or sqlite:/// URL")
    engine = sa.create_engine(url)
    sa.event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout = 30000")  # wait for another writer instead of failing with 'locked'
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _primary_keys(connection: Connection, ids: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in chunks(ids):
        query = sa.select(articles_table.c.id, articles_table.c.pk).where(articles_table.c.id.in_(chunk))
        found.update({row.id: row.pk for row in connection.execute(query)})
    return found


def _first_each(found: list[Annotations]) -> list[Annotations]:
    unique: dict[str, Annotations] = {}
    for f in found:
        unique.setdefault(f.article_id, f)
    return list(unique.values())
