"""The store: articles and what was read in them go in together, one transaction per batch; queries come out.

SQLite by default (one file, WAL, FTS5), PostgreSQL by URL (psycopg 3); the same SQLAlchemy Core queries run on
both, and only full-text search (store/fts) and the write lock here differ. The schema is migrated with Alembic when
the store is opened.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine

from ..errors import DatabaseError
from ..extras import require
from ..model import Annotations, Article, Entity, Event, Quote, SearchHit, Stats, Story
from . import aggregates, articles, entities, events, quotes
from .aggregates import ActivityPoint, Network, Partner, TimelinePoint
from .annotations import of_article
from .articles import Filters
from .events import DyadPoint, EventFilters, ExportRow
from .quotes import QuoteFilters
from .schema import articles as articles_table
from .schema import processing
from .writer import Writer

WRITE_LOCK = int.from_bytes(b"dateline", "big")  # the advisory lock's key: any number other programs do not use
DRIVERS = {
    "sqlite": "sqlite",
    "sqlite+pysqlite": "sqlite",
    "postgresql": "postgresql+psycopg",  # psycopg 3, whatever SQLAlchemy's default driver is
    "postgresql+psycopg": "postgresql+psycopg",
    "postgres": "postgresql+psycopg",
}
URL_FORMS = "an SQLite file path, sqlite:///PATH, or postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE"


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url: str) -> Store:
        """The store at an SQLite file path, an sqlite:/// URL or a postgresql:// URL, migrated to the newest
        schema."""
        engine = _engine(url)
        try:
            with engine.begin() as connection:
                _migrate(connection)
        except sa.exc.DatabaseError as error:
            engine.dispose()
            reason = " ".join(str(error.orig).split())
            raise DatabaseError(f"{_shown(url)}: cannot open as a dateline database ({reason})") from None
        store = cls(engine)
        if not store._has_statistics():
            store.analyze()
        return store

    def close(self) -> None:
        self.engine.dispose()

    def analyze(self) -> None:
        """Refresh the statistics the query planner picks join orders by. SQLite keeps none until asked, and
        without them it may read a million quotes to find the newest twenty; sampled (analysis_limit), it takes a
        fraction of a second at 100,000 articles. PostgreSQL's autovacuum keeps its own."""
        if self.engine.dialect.name != "sqlite":
            return
        with self.engine.begin() as connection:
            connection.exec_driver_sql("PRAGMA analysis_limit = 1000")
            connection.exec_driver_sql("ANALYZE")

    def _has_statistics(self) -> bool:
        if self.engine.dialect.name != "sqlite":
            return True
        with self.engine.connect() as connection:
            found = connection.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first()
        return found is not None

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def folder(self) -> str | None:
        """The folder of an SQLite database's file; None for PostgreSQL and for an in-memory database."""
        database = self.engine.url.database
        if self.engine.dialect.name != "sqlite" or not database or database == ":memory:":
            return None
        return os.path.dirname(os.path.abspath(database))

    # writing

    def unseen(self, batch: Sequence[Article]) -> list[Article]:
        """The articles of ``batch`` not stored yet (and each only once)."""
        with self.engine.connect() as connection:
            return articles.not_stored(connection, batch)

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

    @contextmanager
    def writing(self) -> Iterator[Writer]:
        """A write transaction holding the write lock: the ingest's steps write a batch through it. A database that
        cannot take the write (a full disk, a read-only file or folder) is a DatabaseError naming it; the transaction
        is rolled back whole, so what was stored before stays as it was."""
        try:
            with self.engine.begin() as connection:
                _lock_for_writing(connection)
                yield Writer(connection)
        except sa.exc.OperationalError as error:
            reason = " ".join(str(error.orig).split())
            raise DatabaseError(f"{self.url}: cannot store ({reason}); nothing of this batch was stored") from None

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

    def search(self, query: str, filters: Filters, limit: int | None, offset: int = 0) -> list[SearchHit]:
        with self.engine.connect() as connection:
            return articles.search(connection, query, filters, limit, offset)

    def stories(self, min_articles: int, limit: int | None, offset: int = 0) -> list[Story]:
        with self.engine.connect() as connection:
            return articles.stories(connection, min_articles, limit, offset)

    def stats(self) -> Stats:
        with self.engine.connect() as connection:
            return articles.stats(connection, self.url)

    def annotations(self, article: Article) -> Annotations:
        with self.engine.connect() as connection:
            pk = articles.primary_keys(connection, [article.id])[article.id]
            return of_article(connection, pk, article.id)

    def quotes(self, filters: QuoteFilters, limit: int | None, offset: int = 0) -> list[Quote]:
        with self.engine.connect() as connection:
            return quotes.listing(connection, filters, limit, offset)

    def entities(
        self, kind: str | None, name: str | None, country: str | None, limit: int | None, offset: int = 0
    ) -> list[Entity]:
        with self.engine.connect() as connection:
            return entities.listing(connection, kind, name, country, limit, offset)

    def entity(self, entity_id: str) -> Entity:
        with self.engine.connect() as connection:
            return entities.entity(connection, entity_id)

    def members(self, entity_id: str) -> tuple[str, tuple[str, ...]]:
        with self.engine.connect() as connection:
            return entities.members(connection, entity_id)

    def actor_codes(self, ids: tuple[str, ...], min_confidence: float = 0.0) -> list[str]:
        with self.engine.connect() as connection:
            return aggregates.actor_codes(connection, ids, min_confidence)

    def partners(self, canonical: str, ids: tuple[str, ...], limit: int, min_confidence: float = 0.0) -> list[Partner]:
        with self.engine.connect() as connection:
            return aggregates.partners(connection, canonical, ids, limit, min_confidence)

    def activity(self, ids: tuple[str, ...], by: str, min_confidence: float = 0.0) -> list[ActivityPoint]:
        with self.engine.connect() as connection:
            return aggregates.activity(connection, ids, by, min_confidence)

    def timeline(self, by: str, filters: EventFilters, query: str | None) -> list[TimelinePoint]:
        with self.engine.connect() as connection:
            return aggregates.timeline(connection, by, filters, query)

    def network(self, by: str, filters: EventFilters, min_events: int, limit: int) -> Network:
        with self.engine.connect() as connection:
            return aggregates.network(connection, by, filters, min_events, limit)

    def events(self, filters: EventFilters, limit: int | None, offset: int = 0) -> list[Event]:
        with self.engine.connect() as connection:
            return events.listing(connection, filters, limit, offset)

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
        _lock_for_writing(connection)  # two processes opening a new database at once migrate it once
        config = _alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _lock_for_writing(connection: Connection) -> None:
    """Take the database's write lock until this transaction ends, so that writers take turns: each sees what the
    one before stored (no article stored twice, stories and event groups joined across ingests). SQLite locks the
    file (BEGIN IMMEDIATE); PostgreSQL takes an advisory lock, leaving readers and other databases alone."""
    if connection.dialect.name == "postgresql":
        connection.execute(sa.select(sa.func.pg_advisory_xact_lock(WRITE_LOCK)))
    else:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _engine(url: str) -> Engine:
    if "://" not in url:
        folder = os.path.dirname(os.path.abspath(url))
        if not os.path.isdir(folder):
            raise DatabaseError(f"{url}: cannot create the database, folder {folder} does not exist")
        url = f"sqlite:///{url}"
    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError:
        raise DatabaseError(f"{url!r} is not a database URL: give {URL_FORMS}") from None
    driver = DRIVERS.get(parsed.drivername)
    if driver is None:
        raise DatabaseError(f"{_shown(url)}: {parsed.drivername} databases are not supported: give {URL_FORMS}")
    if driver == "postgresql+psycopg":
        require("psycopg", "postgresql", f"a PostgreSQL database ({_shown(url)})")  # SQLAlchemy's driver
        # a server that does not answer is an error after 10 s, not a hang
        connect_args = {"connect_timeout": 10, "application_name": "dateline"}
        return sa.create_engine(parsed.set(drivername=driver), connect_args=connect_args)
    engine = sa.create_engine(parsed.set(drivername=driver))
    sa.event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _shown(url: str) -> str:
    """The URL as error messages show it: without its password."""
    if "://" not in url:
        return url
    try:
        return sa.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return url


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout = 30000")  # wait for another writer instead of failing with 'locked'
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()
