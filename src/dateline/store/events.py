"""Events in the store: written with their article, grouped across articles, queried, counted by dyad.

One real-world event is usually reported by many articles. Events with the same source and target codes and the
same CAMEO root, dated within a day of each other, form one group (GDELT's event, whose mentions are our events);
a group counts the stories and outlets that report it, so syndicated copies of one story count once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..model import Annotations, Event, EventActor, EventPlace, Evidence
from .articles import chunks
from .schema import articles, events

GROUP_DAYS = 1  # reports of one event may date it a day apart (time zones, "late on Monday")


@dataclass(frozen=True, slots=True)
class EventFilters:
    source: str | None = None  # actor code prefix ("RUS" matches RUSGOV, RUSMIL) or a name substring
    target: str | None = None
    code: str | None = None  # CAMEO code; a trailing * is a prefix ("11*": disapproval of any kind)
    plover: str | None = None
    since: str | None = None  # event dates, stored form
    until: str | None = None
    article_id: str | None = None


@dataclass(frozen=True, slots=True)
class DyadPoint:
    period: str  # the day, ISO week (2022-W08), month (2022-02) or year
    events: int  # event groups, either way between the two actors
    forward: int  # of them, from the first actor to the second
    backward: int
    goldstein: float | None  # mean Goldstein score; None for a period without events
    quad: tuple[int, int, int, int]  # groups per QuadClass 1..4
    event_ids: tuple[str, ...]  # one event of each group, for going down to the sentences


def insert(connection: Connection, pks: dict[str, int], found: Sequence[Annotations]) -> None:
    rows = [_row(pks[f.article_id], e) for f in found for e in f.events]
    if not rows:
        return
    in_batch: dict[tuple[str, str, str], list[tuple[str, str]]] = {}
    for row in rows:
        row["group_id"] = _group(connection, row, in_batch)
    connection.execute(sa.insert(events), rows)


def delete(connection: Connection, article_pks: list[int]) -> None:
    connection.execute(sa.delete(events).where(events.c.article_pk.in_(article_pks)))


def _group(
    connection: Connection, row: dict[str, Any], in_batch: dict[tuple[str, str, str], list[tuple[str, str]]]
) -> str:
    """The group an event joins: an earlier report of the same actors and root within GROUP_DAYS, else its own."""
    if not (row["source_code"] and row["target_code"]) or len(row["date"]) != 10:
        return str(row["id"])
    key = (row["source_code"], row["target_code"], row["root"])
    day = date.fromisoformat(row["date"])
    low, high = (day - timedelta(days=GROUP_DAYS)).isoformat(), (day + timedelta(days=GROUP_DAYS)).isoformat()
    for when, group in in_batch.get(key, []):
        if low <= when <= high:
            return group
    stored = connection.execute(
        sa.select(events.c.group_id)
        .where(
            events.c.source_code == key[0],
            events.c.target_code == key[1],
            events.c.root == key[2],
            events.c.date.between(low, high),
        )
        .limit(1)
    ).scalar()
    group = str(stored or row["id"])
    in_batch.setdefault(key, []).append((row["date"], group))
    return group


def _row(article_pk: int, event: Event) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": event.id,
        "article_pk": article_pk,
        "code": event.code,
        "root": event.root,
        "quad_class": event.quad_class,
        "goldstein": event.goldstein,
        "plover": event.plover,
        "plover_mode": event.plover_mode,
        "date": event.date,
        "date_precision": event.date_precision,
        "date_source": event.date_source,
        "place_name": event.place.name if event.place else None,
        "place_country": event.place.country if event.place else None,
        "place_lat": event.place.lat if event.place else None,
        "place_lon": event.place.lon if event.place else None,
        "evidence_start": event.evidence.start,
        "evidence_end": event.evidence.end,
        "trigger_start": event.evidence.trigger_start,
        "trigger_end": event.evidence.trigger_end,
        "quote_id": event.quote_id,
        "confidence": event.confidence,
        "mode": event.mode,
    }
    for side, actor in (("source", event.source), ("target", event.target)):
        row[f"{side}_code"] = actor.code if actor else None
        row[f"{side}_entity_id"] = actor.entity_id if actor else None
        row[f"{side}_name"] = actor.name if actor else None
        row[f"{side}_start"] = actor.start if actor else None
        row[f"{side}_end"] = actor.end if actor else None
    return row


# reading


def listing(connection: Connection, filters: EventFilters, limit: int | None) -> list[Event]:
    """Events, newest first, each with its group's counts."""
    statement = (
        sa.select(events, articles.c.id.label("article_id"), _evidence_text())
        .join(articles, articles.c.pk == events.c.article_pk)
        .where(*_conditions(filters))
        .order_by(events.c.date.desc(), events.c.article_pk, events.c.evidence_start, events.c.trigger_start)
        .limit(limit)
    )
    found = [_event(row) for row in connection.execute(statement)]
    _count_groups(connection, found)
    return found


@dataclass(frozen=True, slots=True)
class ExportRow:
    event: Event
    number: int  # a stable integer id (GDELT's GLOBALEVENTID)
    url: str | None
    added: str  # when the article was ingested, ISO 8601 UTC
    in_lead: bool  # read from the article's first paragraph (GDELT's IsRootEvent)


def export_rows(connection: Connection, filters: EventFilters, batch: int = 5000) -> Iterator[ExportRow]:
    """Every event matching ``filters`` in storage order, streamed in batches, with its group's counts."""
    last = 0
    while True:
        statement = (
            sa.select(
                events,
                articles.c.id.label("article_id"),
                _evidence_text(),
                articles.c.url,
                articles.c.ingested_at,
                articles.c.paragraphs,
            )
            .join(articles, articles.c.pk == events.c.article_pk)
            .where(events.c.pk > last, *_conditions(filters))
            .order_by(events.c.pk)
            .limit(batch)
        )
        rows = connection.execute(statement).all()
        if not rows:
            return
        found = [_event(row) for row in rows]
        _count_groups(connection, found)
        for row, event in zip(rows, found, strict=True):
            lead_end = json.loads(row.paragraphs)[0][1] if row.paragraphs != "[]" else 0
            yield ExportRow(event, row.pk, row.url, row.ingested_at, row.evidence_start < lead_end)
        last = rows[-1].pk


def in_groups(connection: Connection, group_ids: list[str]) -> Iterator[Any]:
    """The rows needed to count and chart groups: one per event, with its article's story and outlet."""
    for chunk in chunks(group_ids):
        yield from connection.execute(
            sa.select(events.c.group_id, articles.c.story_id, articles.c.outlet)
            .join(articles, articles.c.pk == events.c.article_pk)
            .where(events.c.group_id.in_(chunk))
        )


def _count_groups(connection: Connection, found: list[Event]) -> None:
    members: dict[str, list[tuple[str, str | None]]] = {}
    for row in in_groups(connection, sorted({e.group_id for e in found if e.group_id})):
        members.setdefault(row.group_id, []).append((row.story_id, row.outlet))
    for event in found:
        reports = members.get(event.group_id or "", [])
        event.num_mentions = max(1, len(reports))
        event.num_articles = max(1, len({story for story, _ in reports}))
        event.num_sources = max(1, len({outlet for _, outlet in reports if outlet}))


def dyad(connection: Connection, first: str, second: str, by: str, filters: EventFilters) -> list[DyadPoint]:
    """Cooperation and conflict between two actors over time: event groups per period, either way."""
    forward = sa.and_(
        _actor(events.c.source_code, events.c.source_name, first),
        _actor(events.c.target_code, events.c.target_name, second),
    )
    backward = sa.and_(
        _actor(events.c.source_code, events.c.source_name, second),
        _actor(events.c.target_code, events.c.target_name, first),
    )
    rows = connection.execute(
        sa.select(
            events.c.id,
            events.c.group_id,
            events.c.date,
            events.c.goldstein,
            events.c.quad_class,
            forward.label("forward"),
        )
        .join(articles, articles.c.pk == events.c.article_pk)
        .where(sa.or_(forward, backward), *_conditions(filters))
        .order_by(events.c.date, events.c.pk)
    ).all()
    periods: dict[str, dict[str, Any]] = {}
    for row in rows:
        period = _period(row.date, by)
        if period is None:
            continue
        point = periods.setdefault(period, {"groups": {}, "forward": set(), "backward": set()})
        if row.group_id not in point["groups"]:
            point["groups"][row.group_id] = row
            point["forward" if row.forward else "backward"].add(row.group_id)
    points = []
    empty: dict[str, Any] = {"groups": {}, "forward": set(), "backward": set()}
    for period in _all_periods(min(periods), max(periods), by) if periods else []:
        point = periods.get(period, empty)
        groups = list(point["groups"].values())
        quad = tuple(sum(1 for g in groups if g.quad_class == q) for q in (1, 2, 3, 4))
        points.append(
            DyadPoint(
                period=period,
                events=len(groups),
                forward=len(point["forward"]),
                backward=len(point["backward"]),
                goldstein=round(sum(g.goldstein for g in groups) / len(groups), 2) if groups else None,
                quad=quad,  # type: ignore[arg-type]
                event_ids=tuple(g.id for g in groups),
            )
        )
    return points


def _period(value: str, by: str) -> str | None:
    """The period an event date falls in; None when the date is coarser than the period (a year-only date has no
    week)."""
    day = _day_of(value)
    if by == "year":
        return value[:4] if value[:4].isdigit() else None
    if by == "week" and re.fullmatch(r"\d{4}-W\d{2}", value):
        return value
    if day is None:
        return None
    if by == "month":
        return day.strftime("%Y-%m")
    if by == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return day.isoformat() if len(value) >= 10 else None


def _day_of(value: str) -> date | None:
    """The day a date names, or the Monday of a week (2022-W08), or the first of a month for a month."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", value):
            return date.fromisoformat(value[:10])
        if re.fullmatch(r"\d{4}-W\d{2}", value):
            return date.fromisocalendar(int(value[:4]), int(value[6:]), 1)
        if re.fullmatch(r"\d{4}-\d{2}", value):
            return date(int(value[:4]), int(value[5:]), 1)
    except ValueError:
        return None
    return None


def _all_periods(first: str, last: str, by: str) -> list[str]:
    """Every period from ``first`` to ``last``, so a chart's time axis has no silent gaps."""
    if by == "year":
        return [str(year) for year in range(int(first), int(last) + 1)]
    start, end = _day_of(first), _day_of(last)
    if start is None or end is None:
        return sorted({first, last})
    step = timedelta(days=7 if by == "week" else 1)
    found: list[str] = []
    day = start
    while day <= end:
        period = _period(day.isoformat(), by)
        if period and (not found or found[-1] != period):
            found.append(period)
        day += step
    return found


def _actor(code: sa.ColumnElement[Any], name: sa.ColumnElement[Any], wanted: str) -> sa.ColumnElement[bool]:
    """An actor code starting with ``wanted`` ("RUS" is RUSGOV and RUSMIL), or a name containing it."""
    return sa.or_(code.startswith(wanted.upper(), autoescape=True), name.icontains(wanted, autoescape=True))


def _conditions(filters: EventFilters) -> list[Any]:
    conditions: list[Any] = []
    if filters.source:
        conditions.append(_actor(events.c.source_code, events.c.source_name, filters.source))
    if filters.target:
        conditions.append(_actor(events.c.target_code, events.c.target_name, filters.target))
    if filters.code:
        code = filters.code
        conditions.append(events.c.code.startswith(code[:-1]) if code.endswith("*") else events.c.code == code)
    if filters.plover:
        conditions.append(events.c.plover == filters.plover.upper())
    if filters.since:
        conditions.append(events.c.date >= filters.since[:10])
    if filters.until:
        conditions.append(events.c.date < filters.until[:10])
    if filters.article_id:
        conditions.append(articles.c.id == filters.article_id)
    return conditions


def _evidence_text() -> sa.ColumnElement[str]:
    """The evidence sentence, cut from the article in SQL: the whole text of every article is not needed."""
    length = events.c.evidence_end - events.c.evidence_start
    return sa.func.substr(articles.c.text, events.c.evidence_start + 1, length).label("evidence_text")


def _event(row: Any) -> Event:
    actors = {}
    for side in ("source", "target"):
        start = getattr(row, f"{side}_start")
        actors[side] = (
            EventActor(
                getattr(row, f"{side}_code"),
                getattr(row, f"{side}_entity_id"),
                getattr(row, f"{side}_name"),
                start,
                getattr(row, f"{side}_end"),
            )
            if start is not None
            else None
        )
    place = EventPlace(row.place_name, row.place_country, row.place_lat, row.place_lon) if row.place_name else None
    return Event(
        id=row.id,
        article_id=row.article_id,
        code=row.code,
        root=row.root,
        quad_class=row.quad_class,
        goldstein=row.goldstein,
        plover=row.plover,
        plover_mode=row.plover_mode,
        source=actors["source"],
        target=actors["target"],
        date=row.date,
        date_precision=row.date_precision,
        date_source=row.date_source,
        evidence=Evidence(row.evidence_start, row.evidence_end, row.evidence_text, row.trigger_start, row.trigger_end),
        place=place,
        quote_id=row.quote_id,
        confidence=row.confidence,
        mode=row.mode,
        group_id=row.group_id,
    )
