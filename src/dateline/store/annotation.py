"""What the reading pipeline found, in the store: written with its article, replaced as a whole, queried back.

Entities are corpus-wide rows keyed by the pipeline's stable id; a person named only by surname ("Putin") is
merged into the one full name that shares it ("Vladimir Putin") through ``canonical_id``, and un-merged again
if a second full name with that surname arrives. Queries always answer with the canonical entity.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

from .. import dates
from ..model import Annotations, Cue, Entity, Mention, Phrase, Place, Quote, Span, Speaker, Summary, TimeExpr
from ..pipeline.entities import surname_key
from . import events, fts
from .schema import QUOTES_FTS_TABLE, articles, entities, mentions, places, processing, quotes, summaries, times

WS = ("who", "what", "when", "where", "why", "how")


@dataclass(frozen=True, slots=True)
class QuoteFilters:
    speaker: str | None = None  # the speaker's canonical name contains this (any case)
    about: str | None = None  # full-text query over the quote's words
    since: str | None = None
    until: str | None = None
    article_id: str | None = None
    cue_kinds: tuple[str, ...] = ()  # only quotes whose cue reports one of these (speech, belief, …); () for all


def insert(connection: Connection, pks: dict[str, int], found: Sequence[Annotations], model: str, version: str) -> None:
    """Write the annotations of stored articles (``pks``: article id -> primary key)."""
    now = dates.to_iso(datetime.now(UTC))
    _upsert_entities(connection, [e for f in found for e in f.entities])
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
    quote_ids = [q.id for f in found for q in f.quotes]
    if quote_ids:
        new = sa.select(quotes.c.pk, quotes.c.text).where(quotes.c.article_pk.in_(list(pks.values())))
        connection.exec_driver_sql(
            f"INSERT INTO {QUOTES_FTS_TABLE}(rowid, text) VALUES (?, ?)",
            [(pk, text) for pk, text in connection.execute(new)],
        )


def delete(connection: Connection, article_pks: list[int]) -> None:
    """Remove the annotations of these articles (before reading them again)."""
    old = connection.execute(sa.select(quotes.c.pk, quotes.c.text).where(quotes.c.article_pk.in_(article_pks)))
    connection.exec_driver_sql(
        f"INSERT INTO {QUOTES_FTS_TABLE}({QUOTES_FTS_TABLE}, rowid, text) VALUES ('delete', ?, ?)",
        [(pk, text) for pk, text in old],
    )
    for table in (mentions, quotes, times, places, processing, summaries):
        connection.execute(sa.delete(table).where(table.c.article_pk.in_(article_pks)))
    events.delete(connection, article_pks)


def _upsert_entities(connection: Connection, found: list[Entity]) -> None:
    if not found:
        return
    rows = {}
    for entity in found:
        surname = surname_key(entity.name) if entity.kind == "PERSON" else None
        rows[entity.id] = {
            "id": entity.id,
            "kind": entity.kind,
            "name": entity.name,
            "country": entity.country,
            "gender": entity.gender,
            "surname": surname,
            "canonical_id": entity.id,
        }
    connection.execute(sqlite_insert(entities).on_conflict_do_nothing(index_elements=["id"]), list(rows.values()))
    connection.execute(
        sa.update(entities)
        .where(entities.c.id == sa.bindparam("key"))
        .values(
            country=sa.func.coalesce(entities.c.country, sa.bindparam("new_country")),
            gender=sa.func.coalesce(entities.c.gender, sa.bindparam("new_gender")),
        ),
        [{"key": r["id"], "new_country": r["country"], "new_gender": r["gender"]} for r in rows.values()],
    )
    for surname in {r["surname"] for r in rows.values() if r["surname"]}:
        _merge_surname(connection, surname)


def _merge_surname(connection: Connection, surname: str) -> None:
    """Point the surname-only persons with this surname at the one full name that has it, if there is one."""
    people = connection.execute(
        sa.select(entities.c.id, entities.c.name).where(entities.c.surname == surname, entities.c.kind == "PERSON")
    ).all()
    full = [p.id for p in people if len(p.name.split()) > 1]
    target = full[0] if len(full) == 1 else None
    for person in people:
        if len(person.name.split()) == 1:
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


def quote_listing(connection: Connection, filters: QuoteFilters, limit: int | None) -> list[Quote]:
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
        .order_by(articles.c.published.is_(None), articles.c.published.desc(), articles.c.pk, quotes.c.start)
        .limit(limit)
    )
    if filters.speaker:
        statement = statement.where(
            sa.or_(
                canonical.c.name.icontains(filters.speaker, autoescape=True),
                quotes.c.speaker_text.icontains(filters.speaker, autoescape=True),
            )
        )
    if filters.about:
        match = fts.match_expression(filters.about)
        table = sa.table(QUOTES_FTS_TABLE, sa.column("rowid"))
        statement = statement.where(
            quotes.c.pk.in_(sa.select(table.c.rowid).where(sa.literal_column(QUOTES_FTS_TABLE).op("MATCH")(match)))
        )
    if filters.since:
        statement = statement.where(articles.c.published >= filters.since)
    if filters.until:
        statement = statement.where(articles.c.published < filters.until)
    if filters.article_id:
        statement = statement.where(articles.c.id == filters.article_id)
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
    connection: Connection, kind: str | None, name: str | None, country: str | None, limit: int | None
) -> list[Entity]:
    """Canonical entities, the most widely mentioned first, with their aliases and roles."""
    member = entities.alias("member")
    counts = (
        sa.select(
            member.c.canonical_id.label("id"),
            sa.func.count(mentions.c.pk).label("mentions"),
            sa.func.count(sa.distinct(mentions.c.article_pk)).label("articles"),
        )
        .select_from(member.join(mentions, mentions.c.entity_id == member.c.id))
        .group_by(member.c.canonical_id)
        .subquery()
    )
    statement = (
        sa.select(entities, counts.c.mentions, counts.c.articles)
        .join(counts, counts.c.id == entities.c.id)
        .order_by(counts.c.articles.desc(), counts.c.mentions.desc(), entities.c.name)
        .limit(limit)
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


def _add_aliases_and_roles(connection: Connection, found: list[Entity]) -> None:
    by_id = {e.id: e for e in found}
    if not by_id:
        return
    member = entities.alias("member")
    rows = connection.execute(
        sa.select(member.c.canonical_id, mentions.c.text, mentions.c.role, sa.func.count().label("n"))
        .select_from(member.join(mentions, mentions.c.entity_id == member.c.id))
        .where(member.c.canonical_id.in_(list(by_id)), mentions.c.kind.not_in(("PRON", "NOM")))
        .group_by(member.c.canonical_id, mentions.c.text, mentions.c.role)
        .order_by(sa.desc("n"))
    )
    for canonical_id, text, role, _n in rows:
        entity = by_id[canonical_id]
        if text != entity.name and text not in entity.aliases and len(entity.aliases) < 10:
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
        .order_by(mentions.c.start)
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
            for r in connection.execute(sa.select(entities).where(entities.c.id.in_(ids)).order_by(entities.c.name))
        ]
        roles = {(m.entity_id, m.role) for m in found.mentions if m.role}
        for entity in found.entities:
            entity.roles = sorted(r for e, r in roles if e == entity.id)
            entity.aliases = sorted(
                {m.text for m in found.mentions if m.entity_id == entity.id and m.kind not in ("PRON", "NOM")}
                - {entity.name}
            )
    found.quotes = quote_listing(connection, QuoteFilters(article_id=article_id), None)
    found.times = [
        TimeExpr(r.id, article_id, r.text, r.start, r.end, r.type, r.value, r.granularity)
        for r in connection.execute(sa.select(times).where(times.c.article_pk == article_pk).order_by(times.c.start))
    ]
    found.places = [
        Place(r.id, article_id, r.text, r.start, r.end, r.name, r.country, r.lat, r.lon, r.gazetteer_id, r.entity_id)
        for r in connection.execute(sa.select(places).where(places.c.article_pk == article_pk).order_by(places.c.start))
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
