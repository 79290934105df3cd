"""Entities in the store: corpus-wide rows keyed by the pipeline's stable id, their kept mention counts, and the
queries that answer with an entity's canonical self.

An entity merged into another (a person named only by surname, "Putin", into the one full name that shares it,
"Vladimir Putin") points at it through ``canonical_id``; the ingest decides which (ingest/entities.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from ..errors import NotFound
from ..model import Annotations, Entity
from ..reference.names import plausible_alias
from .schema import entities, entity_counts, mentions

ALIAS_SAMPLE = 500  # an entity's other names and roles are read from this many of its first mentions


@dataclass(frozen=True, slots=True)
class EntityRow:
    """What the store keeps of an entity, as the ingest decided it across the corpus."""

    id: str
    kind: str
    name: str
    country: str | None
    gender: str | None
    surname: str | None  # a person's surname key, which merges "Putin" into "Vladimir Putin"


def stored(connection: Connection, ids: list[str]) -> list[EntityRow]:
    """The stored rows of these entities (those stored already)."""
    found = []
    for start in range(0, len(ids), _IDS_PER_QUERY):
        chunk = ids[start : start + _IDS_PER_QUERY]
        for row in connection.execute(sa.select(entities).where(entities.c.id.in_(chunk))):
            found.append(EntityRow(row.id, row.kind, row.name, row.country, row.gender, row.surname))
    return found


_IDS_PER_QUERY = 500  # under every backend's limit on bound parameters


def save(connection: Connection, rows: list[EntityRow]) -> None:
    """Add new entities (each its own canonical entity) and rewrite the stored ones."""
    if not rows:
        return
    statement = _upsert(connection, entities)
    statement = statement.on_conflict_do_update(
        index_elements=["id"],
        set_={column: statement.excluded[column] for column in ("name", "country", "gender", "surname")},
    )
    connection.execute(statement, [{**asdict(row), "canonical_id": row.id} for row in rows])


def people(connection: Connection, surname: str) -> dict[str, str]:
    """Id -> name of the persons with this surname key."""
    found = connection.execute(
        sa.select(entities.c.id, entities.c.name).where(entities.c.surname == surname, entities.c.kind == "PERSON")
    )
    return {row.id: row.name for row in found}


def point(connection: Connection, canonical: dict[str, str]) -> None:
    """Point each entity (id -> the id of the entity it is merged into, or its own) at its canonical entity."""
    for entity_id, canonical_id in canonical.items():
        connection.execute(sa.update(entities).where(entities.c.id == entity_id).values(canonical_id=canonical_id))


def count_mentions(connection: Connection, found: Sequence[Annotations]) -> None:
    """Add the batch's mentions and articles to each entity's kept counts."""
    counts: dict[str, list[int]] = {}
    for f in found:
        for entity_id, n in Counter(m.entity_id for m in f.mentions if m.entity_id).items():
            entry = counts.setdefault(entity_id, [0, 0])
            entry[0] += n
            entry[1] += 1
    if not counts:
        return
    statement = _upsert(connection, entity_counts)
    statement = statement.on_conflict_do_update(
        index_elements=["entity_id"],
        set_={
            "mentions": entity_counts.c.mentions + statement.excluded.mentions,
            "articles": entity_counts.c.articles + statement.excluded.articles,
        },
    )
    rows = [{"entity_id": key, "mentions": n, "articles": a} for key, (n, a) in counts.items()]
    connection.execute(statement, rows)


def uncount_mentions(connection: Connection, article_pks: list[int]) -> None:
    """Take the mentions of these articles out of the kept counts, before they are deleted."""
    gone = connection.execute(
        sa.select(
            mentions.c.entity_id,
            sa.func.count().label("n"),
            sa.func.count(sa.distinct(mentions.c.article_pk)).label("a"),
        )
        .where(mentions.c.article_pk.in_(article_pks), mentions.c.entity_id.is_not(None))
        .group_by(mentions.c.entity_id)
    ).all()
    if gone:
        connection.execute(
            sa.update(entity_counts)
            .where(entity_counts.c.entity_id == sa.bindparam("key"))
            .values(
                mentions=entity_counts.c.mentions - sa.bindparam("n"),
                articles=entity_counts.c.articles - sa.bindparam("a"),
            ),
            [{"key": row.entity_id, "n": row.n, "a": row.a} for row in gone],
        )


def _upsert(connection: Connection, table: sa.Table) -> Any:
    """An INSERT that can say what to do ON CONFLICT: each dialect has its own (SQLite's and PostgreSQL's agree)."""
    return (postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert)(table)


# reading


def listing(
    connection: Connection,
    kind: str | None,
    name: str | None,
    country: str | None,
    limit: int | None,
    offset: int = 0,
) -> list[Entity]:
    """Canonical entities, the most widely mentioned first, with their aliases and roles."""
    counts = _counts().subquery()
    statement = (
        sa.select(entities, counts.c.mentions, counts.c.articles)
        .join(counts, counts.c.id == entities.c.id)
        .order_by(counts.c.articles.desc(), counts.c.mentions.desc(), entities.c.name, entities.c.id)
        .limit(limit)
        .offset(offset)
    )
    if kind:
        statement = statement.where(entities.c.kind == kind.upper())
    if name:
        statement = statement.where(entities.c.name.icontains(name, autoescape=True))
    if country:
        statement = statement.where(entities.c.country == country.upper())
    found = [
        Entity(
            id=r.id,
            kind=r.kind,
            name=r.name,
            country=r.country,
            gender=r.gender,
            mentions=r.mentions,
            articles=r.articles,
        )
        for r in connection.execute(statement)
    ]
    _add_aliases_and_roles(connection, found)
    return found


def members(connection: Connection, entity_id: str) -> tuple[str, tuple[str, ...]]:
    """The canonical entity an id stands for (itself, or the full name it was merged into), and every id merged
    into that one: the ids its mentions, quotes and events are stored under."""
    canonical = connection.execute(sa.select(entities.c.canonical_id).where(entities.c.id == entity_id)).scalar()
    if canonical is None:
        raise NotFound(f"no entity with id {entity_id!r}")
    ids = connection.execute(sa.select(entities.c.id).where(entities.c.canonical_id == canonical)).scalars()
    return canonical, tuple(sorted(ids))


def entity(connection: Connection, entity_id: str) -> Entity:
    """One entity as its canonical self, with its corpus-wide counts, aliases and roles."""
    canonical, _ids = members(connection, entity_id)
    row = connection.execute(sa.select(entities).where(entities.c.id == canonical)).one()
    counted = connection.execute(_counts(canonical)).first()
    found = Entity(
        id=row.id,
        kind=row.kind,
        name=row.name,
        country=row.country,
        gender=row.gender,
        mentions=counted.mentions if counted else 0,
        articles=counted.articles if counted else 0,
    )
    _add_aliases_and_roles(connection, [found])
    return found


def _counts(canonical_id: str | None = None) -> sa.Select[Any]:
    """Mentions and articles per canonical entity, summed over the ids merged into it, from the kept counts."""
    member = entities.alias("member")
    query = (
        sa.select(
            member.c.canonical_id.label("id"),
            sa.func.sum(entity_counts.c.mentions).label("mentions"),
            sa.func.sum(entity_counts.c.articles).label("articles"),
        )
        .select_from(member.join(entity_counts, entity_counts.c.entity_id == member.c.id))
        .where(entity_counts.c.mentions > 0)
        .group_by(member.c.canonical_id)
    )
    return query.where(member.c.canonical_id == canonical_id) if canonical_id else query


def _add_aliases_and_roles(connection: Connection, found: list[Entity]) -> None:
    """The names and roles each entity's mentions give it, the most frequent first, read from a sample of its first
    mentions so that a listing of the most mentioned costs the same at any size of corpus."""
    member = entities.alias("member")
    for entity in found:
        sample = (
            sa.select(mentions.c.pk, mentions.c.text, mentions.c.role)
            .where(
                mentions.c.entity_id.in_(sa.select(member.c.id).where(member.c.canonical_id == entity.id)),
                mentions.c.kind.not_in(("PRON", "NOM")),
            )
            .order_by(mentions.c.pk)
            .limit(ALIAS_SAMPLE)
            .subquery()
        )
        rows = connection.execute(
            sa.select(sample.c.text, sample.c.role)
            .group_by(sample.c.text, sample.c.role)
            .order_by(sa.func.count().desc(), sa.func.min(sample.c.pk))  # ties: the first written first
        )
        for text, role in rows:
            if plausible_alias(text, entity.name, entity.aliases) and len(entity.aliases) < 10:
                entity.aliases.append(text)
            if role and role not in entity.roles and len(entity.roles) < 10:
                entity.roles.append(role)
