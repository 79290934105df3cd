"""What the reading pipeline found, in the store: written with its article, replaced as a whole, queried back.

Entities are corpus-wide rows keyed by the pipeline's stable id; a person named only by surname ("Putin") is
merged into the one full name that shares it ("Vladimir Putin") through ``canonical_id``, and un-merged again
if a full name with that surname and another first name arrives. Queries always answer with the canonical entity.
What is stored depends only on the set of articles read, not on their order or batches.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from .. import dates
from ..errors import NotFound
from ..model import Annotations, Cue, Entity, Mention, Phrase, Place, Quote, Span, Speaker, Summary, TimeExpr
from ..reference.names import given_name_key, plausible_alias, surname_key
from . import events, fts
from .schema import (
    QUOTES_FTS_TABLE,
    articles,
    entities,
    entity_counts,
    mentions,
    places,
    processing,
    quotes,
    summaries,
    times,
)

ALIAS_SAMPLE = 500  # an entity's other names and roles are read from this many of its first mentions

WS = ("who", "what", "when", "where", "why", "how")


@dataclass(frozen=True, slots=True)
class QuoteFilters:
    speaker: str | None = None  # the speaker's canonical name contains this (any case)
    about: str | None = None  # full-text query over the quote's words
    since: str | None = None
    until: str | None = None
    article_id: str | None = None
    speaker_ids: tuple[str, ...] = ()  # said by one of these entities (a canonical entity and its members)
    cue_kinds: tuple[str, ...] = ()  # only quotes whose cue reports one of these (speech, belief, …); () for all


def insert(connection: Connection, pks: dict[str, int], found: Sequence[Annotations], model: str, version: str) -> None:
    """Write the annotations of stored articles (``pks``: article id -> primary key)."""
    now = dates.to_iso(datetime.now(UTC))
    _upsert_entities(connection, [e for f in found for e in f.entities])
    _count_mentions(connection, found)
    rows: dict[sa.Table, list[dict[str, Any]]] = {
        mentions: [],
        quotes: [],
        times: [],
        places: [],
        processing: [],
        summaries: [],
    }
    for f in found:
        pk = pks[f.article_id]
        rows[processing].append(
            {
                "article_pk": pk,
                "pipeline": version,
                "model": model,
                "language": f.language,
                "notes": json.dumps(f.notes, ensure_ascii=False),
                "processed_at": now,
            }
        )
        rows[mentions] += [_mention_row(pk, m) for m in f.mentions]
        rows[quotes] += [_quote_row(pk, q) for q in f.quotes]
        rows[times] += [
            {"article_pk": pk, **_fields(t, "id", "start", "end", "text", "type", "value", "granularity")}
            for t in f.times
        ]
        rows[places] += [
            {
                "article_pk": pk,
                **_fields(
                    p, "id", "start", "end", "text", "name", "country", "lat", "lon", "gazetteer_id", "entity_id"
                ),
            }
            for p in f.places
        ]
        if f.summary is not None:
            rows[summaries].append(_summary_row(pk, f.summary))
    for table, values in rows.items():
        if values:
            connection.execute(sa.insert(table), values)
    events.insert(connection, pks, found)
    if any(f.quotes for f in found):
        fts.index_quotes(connection, list(pks.values()))


def delete(connection: Connection, article_pks: list[int]) -> None:
    """Remove the annotations of these articles (before reading them again)."""
    fts.unindex_quotes(connection, article_pks)
    _uncount_mentions(connection, article_pks)
    for table in (mentions, quotes, times, places, processing, summaries):
        connection.execute(sa.delete(table).where(table.c.article_pk.in_(article_pks)))
    events.delete(connection, article_pks)


def _upsert_entities(connection: Connection, found: list[Entity]) -> None:
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


def _count_mentions(connection: Connection, found: Sequence[Annotations]) -> None:
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


def _uncount_mentions(connection: Connection, article_pks: list[int]) -> None:
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


def _mention_row(pk: int, mention: Mention) -> dict[str, Any]:
    return {"article_pk": pk, **_fields(mention, "entity_id", "start", "end", "text", "kind", "role")}


def _quote_row(pk: int, quote: Quote) -> dict[str, Any]:
    cue, speaker = quote.cue, quote.speaker
    return {
        "article_pk": pk,
        **_fields(quote, "id", "start", "end", "text", "kind"),
        "cue_text": cue.text if cue else None,
        "cue_start": cue.start if cue else None,
        "cue_end": cue.end if cue else None,
        "cue_kind": cue.kind if cue else None,
        "speaker_text": speaker.text if speaker else None,
        "speaker_start": speaker.start if speaker else None,
        "speaker_end": speaker.end if speaker else None,
        "speaker_entity_id": speaker.entity_id if speaker else None,
        "speaker_name": speaker.name if speaker else None,
        "parts": json.dumps([[p.start, p.end] for p in quote.parts]),
    }


def _summary_row(pk: int, summary: Summary) -> dict[str, Any]:
    row: dict[str, Any] = {"article_pk": pk, "event_id": summary.event_id, "when_value": summary.when_value}
    for w in WS:
        phrase: Phrase | None = getattr(summary, w)
        row[f"{w}_text"] = phrase.text if phrase else None
        row[f"{w}_start"] = phrase.start if phrase else None
        row[f"{w}_end"] = phrase.end if phrase else None
    return row


def _fields(record: Any, *names: str) -> dict[str, Any]:
    return {name: getattr(record, name) for name in names}


# reading


def quote_listing(connection: Connection, filters: QuoteFilters, limit: int | None, offset: int = 0) -> list[Quote]:
    """Quotes, newest article first, in text order within an article."""
    speaker = entities.alias("speaker")
    canonical = entities.alias("speaker_canonical")
    statement = (
        sa.select(
            quotes,
            articles.c.id.label("article_id"),
            canonical.c.id.label("canon_id"),
            canonical.c.name.label("canon_name"),
        )
        .select_from(
            quotes.join(articles, articles.c.pk == quotes.c.article_pk)
            .outerjoin(speaker, speaker.c.id == quotes.c.speaker_entity_id)
            .outerjoin(canonical, canonical.c.id == speaker.c.canonical_id)
        )
        .order_by(articles.c.published.desc().nulls_last(), articles.c.pk, quotes.c.start, quotes.c.pk)
        .limit(limit)
        .offset(offset)
    )
    if filters.speaker:
        statement = statement.where(
            sa.or_(
                canonical.c.name.icontains(filters.speaker, autoescape=True),
                quotes.c.speaker_text.icontains(filters.speaker, autoescape=True),
            )
        )
    if filters.about:
        statement = statement.where(quotes.c.pk.in_(fts.matching(QUOTES_FTS_TABLE, filters.about)))
    if filters.since:
        statement = statement.where(articles.c.published >= filters.since)
    if filters.until:
        statement = statement.where(articles.c.published < filters.until)
    if filters.article_id:
        statement = statement.where(articles.c.id == filters.article_id)
    if filters.speaker_ids:
        statement = statement.where(quotes.c.speaker_entity_id.in_(filters.speaker_ids))
    if filters.cue_kinds:
        statement = statement.where(quotes.c.cue_kind.in_(filters.cue_kinds))
    return [_quote(row) for row in connection.execute(statement)]


def _quote(row: Any) -> Quote:
    cue = Cue(row.cue_text, row.cue_start, row.cue_end, row.cue_kind or "speech") if row.cue_text is not None else None
    speaker = None
    if row.speaker_text is not None:
        speaker = Speaker(
            row.speaker_text,
            row.speaker_start,
            row.speaker_end,
            row.canon_id or row.speaker_entity_id,
            row.canon_name or row.speaker_name,
        )
    return Quote(
        id=row.id,
        article_id=row.article_id,
        text=row.text,
        start=row.start,
        end=row.end,
        kind=row.kind,
        cue=cue,
        speaker=speaker,
        parts=[Span(s, e) for s, e in json.loads(row.parts)],
    )


def entity_listing(
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


def of_article(connection: Connection, article_pk: int, article_id: str) -> Annotations:
    """Everything stored about one article, with entities as their canonical selves."""
    found = Annotations(article_id=article_id)
    state = connection.execute(sa.select(processing).where(processing.c.article_pk == article_pk)).first()
    if state:
        found.language, found.notes = state.language, json.loads(state.notes)
    member = entities.alias("member")
    mention_rows = connection.execute(
        sa.select(mentions, member.c.canonical_id)
        .outerjoin(member, member.c.id == mentions.c.entity_id)
        .where(mentions.c.article_pk == article_pk)
        .order_by(mentions.c.start, mentions.c.pk)
    ).all()
    found.mentions = [
        Mention(r.start, r.end, r.text, r.kind, r.canonical_id or r.entity_id, r.role, article_id) for r in mention_rows
    ]
    ids = sorted({m.entity_id for m in found.mentions if m.entity_id})
    if ids:
        found.entities = [
            Entity(
                id=r.id,
                kind=r.kind,
                name=r.name,
                country=r.country,
                gender=r.gender,
                mentions=sum(1 for m in found.mentions if m.entity_id == r.id),
            )
            for r in connection.execute(
                sa.select(entities).where(entities.c.id.in_(ids)).order_by(entities.c.name, entities.c.id)
            )
        ]
        roles = {(m.entity_id, m.role) for m in found.mentions if m.role}
        for entity in found.entities:
            entity.roles = sorted(r for e, r in roles if e == entity.id)
            entity.aliases = sorted(
                {
                    m.text
                    for m in found.mentions
                    if m.entity_id == entity.id
                    and m.kind not in ("PRON", "NOM")
                    and plausible_alias(m.text, entity.name)
                }
            )
    found.quotes = quote_listing(connection, QuoteFilters(article_id=article_id), None)
    found.times = [
        TimeExpr(r.id, article_id, r.text, r.start, r.end, r.type, r.value, r.granularity)
        for r in connection.execute(
            sa.select(times).where(times.c.article_pk == article_pk).order_by(times.c.start, times.c.id)
        )
    ]
    found.places = [
        Place(r.id, article_id, r.text, r.start, r.end, r.name, r.country, r.lat, r.lon, r.gazetteer_id, r.entity_id)
        for r in connection.execute(
            sa.select(places).where(places.c.article_pk == article_pk).order_by(places.c.start, places.c.id)
        )
    ]
    found.events = events.listing(connection, events.EventFilters(article_id=article_id), None)
    card = connection.execute(sa.select(summaries).where(summaries.c.article_pk == article_pk)).first()
    if card is not None:
        found.summary = Summary(article_id, event_id=card.event_id, when_value=card.when_value)
        for w in WS:
            text = getattr(card, f"{w}_text")
            if text is not None:
                setattr(found.summary, w, Phrase(text, getattr(card, f"{w}_start"), getattr(card, f"{w}_end")))
    return found
