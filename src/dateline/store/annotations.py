"""What the reading pipeline found in an article, in the store: written with its article, replaced as a whole, read
back. Entities (corpus-wide rows) are entities.py's, quotes' queries quotes.py's, events' events.py's."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .. import dates
from ..model import Annotations, Entity, Mention, Phrase, Place, Quote, Region, Summary, TimeExpr
from ..reference.names import plausible_alias
from . import events, fts
from .entities import count_mentions, uncount_mentions
from .quotes import QuoteFilters
from .quotes import listing as quote_listing
from .schema import entities, mentions, places, processing, quotes, summaries, times

WS = ("who", "what", "when", "where", "why", "how")


def insert(connection: Connection, pks: dict[str, int], found: Sequence[Annotations], model: str, version: str) -> None:
    """Write the annotations of stored articles (``pks``: article id -> primary key), their entities saved already
    and their events grouped."""
    now = dates.to_iso(datetime.now(UTC))
    count_mentions(connection, found)
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
                "layout": json.dumps([[r.start, r.end, r.role] for r in f.layout]),
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
    uncount_mentions(connection, article_pks)
    for table in (mentions, quotes, times, places, processing, summaries):
        connection.execute(sa.delete(table).where(table.c.article_pk.in_(article_pks)))
    events.delete(connection, article_pks)


def _mention_row(pk: int, mention: Mention) -> dict[str, Any]:
    return {"article_pk": pk, **_fields(mention, "entity_id", "start", "end", "text", "kind", "role")}


def _quote_row(pk: int, quote: Quote) -> dict[str, Any]:
    cue, speaker = quote.cue, quote.speaker
    return {
        "article_pk": pk,
        **_fields(quote, "id", "start", "end", "text", "kind", "confidence"),
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


def of_article(connection: Connection, article_pk: int, article_id: str) -> Annotations:
    """Everything stored about one article, with entities as their canonical selves."""
    found = Annotations(article_id=article_id)
    state = connection.execute(sa.select(processing).where(processing.c.article_pk == article_pk)).first()
    if state:
        found.language, found.notes = state.language, json.loads(state.notes)
        found.layout = [Region(start, end, role) for start, end, role in json.loads(state.layout or "[]")]
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
