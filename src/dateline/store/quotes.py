"""Quotes in the store: who said what, listed newest first, with the speaker as its canonical entity."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..model import Cue, Quote, Span, Speaker
from . import fts
from .schema import QUOTES_FTS_TABLE, articles, entities, quotes


@dataclass(frozen=True, slots=True)
class QuoteFilters:
    speaker: str | None = None  # the speaker's canonical name contains this (any case)
    about: str | None = None  # full-text query over the quote's words
    since: str | None = None
    until: str | None = None
    article_id: str | None = None
    speaker_ids: tuple[str, ...] = ()  # said by one of these entities (a canonical entity and its members)
    cue_kinds: tuple[str, ...] = ()  # only quotes whose cue reports one of these (speech, belief, …); () for all
    min_confidence: float = 0.0  # only quotes at least this sure (the views pass the calibrated threshold)


def listing(connection: Connection, filters: QuoteFilters, limit: int | None, offset: int = 0) -> list[Quote]:
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
    if filters.min_confidence > 0:
        statement = statement.where(quotes.c.confidence >= filters.min_confidence)
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
        confidence=row.confidence,
    )
