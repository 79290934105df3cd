"""One write transaction, holding the write lock (``Store.writing``): what the ingest's steps read and write through.

It keeps what it is given and answers what is stored; every decision (the story an article joins, the group an
event joins, which person a surname is) is the ingest's.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.engine import Connection

from ..model import Annotations, Article
from . import articles, entities, events
from .annotations import delete as delete_annotations
from .annotations import insert as insert_annotations
from .entities import EntityRow


class Writer:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def not_stored(self, batch: Sequence[Article]) -> list[Article]:
        """The articles of ``batch`` not stored yet (and each only once)."""
        return articles.not_stored(self.connection, batch)

    def story_candidates(self, keys: set[int]) -> dict[int, list[tuple[int, str, bytes]]]:
        """Band key -> (pk, story id, MinHash signature) of the stored articles sharing that band."""
        return articles.story_candidates(self.connection, keys)

    def add_articles(
        self, fresh: list[Article], minhashes: Sequence[bytes], band_keys: Sequence[list[int]]
    ) -> dict[str, int]:
        """Store new articles with their signatures; returns id -> primary key."""
        return articles.insert(self.connection, fresh, minhashes, band_keys)

    def primary_keys(self, ids: list[str]) -> dict[str, int]:
        return articles.primary_keys(self.connection, ids)

    def entities(self, ids: list[str]) -> list[EntityRow]:
        """The stored rows of these entities (those stored already)."""
        return entities.stored(self.connection, ids)

    def save_entities(self, rows: list[EntityRow]) -> None:
        entities.save(self.connection, rows)

    def people(self, surname: str) -> dict[str, str]:
        """Id -> name of the persons with this surname key."""
        return entities.people(self.connection, surname)

    def point(self, canonical: dict[str, str]) -> None:
        """Point entities (id -> canonical id) at the entity they are merged into, or at themselves."""
        entities.point(self.connection, canonical)

    def reported_group(self, source_code: str, target_code: str, root: str, low: str, high: str) -> str | None:
        """The group of a stored report of these actors and CAMEO root dated from ``low`` to ``high``, if any."""
        return events.reported_group(self.connection, source_code, target_code, root, low, high)

    def add_annotations(self, pks: dict[str, int], found: Sequence[Annotations], model: str, version: str) -> None:
        """Write the annotations of stored articles (``pks``: article id -> primary key), their entities saved and
        their events grouped."""
        insert_annotations(self.connection, pks, found, model, version)

    def delete_annotations(self, article_pks: list[int]) -> None:
        delete_annotations(self.connection, article_pks)
