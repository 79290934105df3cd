"""Entities in the store: corpus-wide rows keyed by the pipeline's stable id, their kept mention counts, and the
queries that answer with an entity's canonical self.

A person named only by surname ("Putin") is merged into the one full name that shares it ("Vladimir Putin") through
``canonical_id``, and un-merged again if a full name with that surname and another first name arrives. What is
stored depends only on the set of articles read, not on their order or batches.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from ..errors import NotFound
from ..model import Annotations, Entity
from ..reference.names import given_name_key, plausible_alias, surname_key
from .schema import entities, entity_counts, mentions

ALIAS_SAMPLE = 500  # an entity's other names and roles are read from this many of its first mentions


def upsert(connection: Connection, found: list[Entity]) -> None:
    """Add the batch's entities, or fold what the batch says about them into the stored rows. Every choice is a
    function of the set of articles, never of their order or of where batches end: the best-written form of the
    name, and the least country and gender (in alphabetical order) that any article gave."""
    if not found:
        return
    rows: dict[str, dict[str, Any]] = {}
    for entity in found:
        row = {
            "id": entity.id,
            "kind": entity.kind,
            "name": entity.name,
            "country": entity.country,
            "gender": entity.gender,
            "surname": surname_key(entity.name) if entity.kind == "PERSON" else None,
            "canonical_id": entity.id,
        }
        rows[entity.id] = _combined(rows[entity.id], row) if entity.id in rows else row
    ids = list(rows)
    for start in range(0, len(ids), _IDS_PER_QUERY):
        chunk = ids[start : start + _IDS_PER_QUERY]
        for stored in connection.execute(sa.select(entities).where(entities.c.id.in_(chunk))).mappings():
            rows[stored["id"]] = _combined(dict(stored), rows[stored["id"]])
    statement = _upsert(connection, entities)
    statement = statement.on_conflict_do_update(
        index_elements=["id"],
        set_={column: statement.excluded[column] for column in ("name", "country", "gender", "surname")},
    )
    connection.execute(statement, list(rows.values()))
    for surname in {r["surname"] for r in rows.values() if r["surname"]}:
        _merge_surname(connection, surname)


_IDS_PER_QUERY = 500  # under every backend's limit on bound parameters


def _combined(kept: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Two readings of one entity as one, the same whichever came first (commutative and associative)."""
    return {
        **kept,
        "name": min(kept["name"], new["name"], key=_casing_rank),
        "country": min(filter(None, (kept["country"], new["country"])), default=None),
        "gender": min(filter(None, (kept["gender"], new["gender"])), default=None),
    }


def _casing_rank(name: str) -> tuple[int, str]:
    """Forms of one name differ only in case ("MICHAEL Sheen", "Michael Sheen"): the fewest capitals inside words
    is how the name is usually written, not a shouted headline."""
    return sum(c.isupper() for word in name.split() for c in word[1:]), name


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


def _merge_surname(connection: Connection, surname: str) -> None:
    """Point the persons with this surname at one of them when all the full names among them share a first name
    ("Peter Lind", "Peter K. Lind", "Lind", "Mr. Lind"): the shortest full name, so the same one whatever
    order they came in. A second first name ("Anna Lind") makes the lone surname ambiguous: all stand alone."""
    people = connection.execute(
        sa.select(entities.c.id, entities.c.name).where(entities.c.surname == surname, entities.c.kind == "PERSON")
    ).all()
    full = [p for p in people if given_name_key(p.name)]
    one_person = len({given_name_key(p.name) for p in full}) == 1
    target = min(full, key=lambda p: (len(p.name.split()), p.name, p.id)).id if one_person else None
    for person in people:
        connection.execute(
            sa.update(entities).where(entities.c.id == person.id).values(canonical_id=target or person.id)
        )


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
