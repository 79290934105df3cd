"""Events in the store: written with their article and their group, queried, counted by dyad.

One real-world event is usually reported by many articles: the ingest puts the reports of one event in one group
(GDELT's event, whose mentions are our events; see ingest/groups.py); a group counts the stories and outlets that
report it, so syndicated copies of one story count once.
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .. import dates
from ..model import Annotations, Event, EventActor, EventPlace, Evidence
from . import fts
from .articles import chunks
from .fts.query import Term
from .schema import FTS_TABLE, articles, events

FIRST_REPORT = events.c.id == events.c.group_id  # one event of each group: counting these counts groups
_DAY, _WEEK, _MONTH = re.compile(r"\d{4}-\d{2}-\d{2}.*"), re.compile(r"\d{4}-W\d{2}"), re.compile(r"\d{4}-\d{2}")
CODE = re.compile(r"[A-Z0-9-]{3,}")  # an actor code or the start of one, as written: RUS, USAGOV, IGOEUREEC, ---GOV


@dataclass(frozen=True, slots=True)
class EventFilters:
    source: str | None = None  # actor code prefix ("RUS" matches RUSGOV, RUSMIL) or a name substring
    target: str | None = None
    actor: str | None = None  # either side
    dyad: tuple[str, str] | None = None  # the two actors, either way round
    # entity ids (a canonical entity and the ids merged into it): on either side, as source, as target
    entity_ids: tuple[str, ...] = ()
    source_entity_ids: tuple[str, ...] = ()
    target_entity_ids: tuple[str, ...] = ()
    source_code: str | None = None  # exactly this code, as a network's node counts it ("USA" is not USAGOV)
    target_code: str | None = None
    code: str | None = None  # CAMEO code; a trailing * is a prefix ("11*": disapproval of any kind)
    plover: str | None = None
    quad_class: int | None = None
    since: str | None = None  # event dates, stored form
    until: str | None = None
    article_id: str | None = None
    one_per_group: bool = False  # only the first report of each event group, not its copies
    group_id: str | None = None  # every report of this one event group
    words: str | None = None  # a search (words, "phrases", OR, NOT) that the evidence sentence and its article match
    min_confidence: float = 0.0  # only events at least this sure (the views pass the calibrated threshold)


@dataclass(frozen=True, slots=True)
class DyadPoint:
    period: str  # the day, ISO week (2022-W08), month (2022-02) or year
    start: str  # the period's first and last day (ISO dates), to ask for the events behind the point
    end: str
    events: int  # event groups, either way between the two actors
    forward: int  # of them, from the first actor to the second
    backward: int
    goldstein: float | None  # mean Goldstein score; None for a period without events
    quad: tuple[int, int, int, int]  # groups per QuadClass 1..4
    event_ids: tuple[str, ...]  # one event of each group, for going down to the sentences


def insert(connection: Connection, pks: dict[str, int], found: Sequence[Annotations]) -> None:
    rows = [_row(pks[f.article_id], e) for f in found for e in f.events]
    if rows:
        connection.execute(sa.insert(events), rows)


def delete(connection: Connection, article_pks: list[int]) -> None:
    """Remove the events of these articles; a group that loses its first report to them lives on in its other
    reports, under the id of the earliest that remains (every group keeps the one report whose id it bears)."""
    going = events.c.article_pk.in_(article_pks)
    founded = connection.execute(sa.select(events.c.group_id).where(going, FIRST_REPORT)).scalars().all()
    connection.execute(sa.delete(events).where(going))
    for chunk in chunks(list(founded)):
        remaining = (
            sa.select(events.c.group_id, sa.func.min(events.c.pk).label("first"))
            .where(events.c.group_id.in_(chunk))
            .group_by(events.c.group_id)
        )
        for group_id, first in connection.execute(remaining).all():
            new_id = sa.select(events.c.id).where(events.c.pk == first).scalar_subquery()
            connection.execute(sa.update(events).where(events.c.group_id == group_id).values(group_id=new_id))


def reported_group(
    connection: Connection, source_code: str, target_code: str, root: str, low: str, high: str
) -> str | None:
    """The group of a stored report of these actors and CAMEO root dated from ``low`` to ``high``, if there is one."""
    return connection.execute(
        sa.select(events.c.group_id)
        .where(
            events.c.source_code == source_code,
            events.c.target_code == target_code,
            events.c.root == root,
            events.c.date.between(low, high),
        )
        .limit(1)
    ).scalar()


def _row(article_pk: int, event: Event) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": event.id,
        "article_pk": article_pk,
        "group_id": event.group_id,
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


def listing(connection: Connection, filters: EventFilters, limit: int | None, offset: int = 0) -> list[Event]:
    """Events, newest first, each with its group's counts. The page is picked from the events table alone (its date
    index gives the order), then joined to its articles: joined first, the planner may read every article."""
    order = (events.c.date.desc(), events.c.article_pk, events.c.evidence_start, events.c.trigger_start, events.c.pk)
    page = sa.select(events.c.pk).where(*conditions(filters, paged=True)).order_by(*order).limit(limit).offset(offset)
    statement = (
        sa.select(events, articles.c.id.label("article_id"), _evidence_text())
        .join(articles, articles.c.pk == events.c.article_pk)
        .where(events.c.pk.in_(page))
        .order_by(*order)
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
            .where(events.c.pk > last, *conditions(filters))
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
    """Cooperation and conflict between two actors over time: event groups per period, either way, each counted
    through its first report, as the other aggregates and ``listing`` with ``one_per_group`` do, so the events
    listed behind a point are as many as the point counts."""
    forward, backward = _directed(first, second), _directed(second, first)
    rows = connection.execute(
        sa.select(
            events.c.id,
            events.c.group_id,
            events.c.date,
            events.c.goldstein,
            events.c.quad_class,
            forward.label("forward"),
        )
        .where(FIRST_REPORT, sa.or_(forward, backward), *conditions(filters))
        .order_by(events.c.date, events.c.pk)
    ).all()
    periods: dict[str, dict[str, Any]] = {}
    for row in rows:
        period = period_of(row.date, by)
        if period is None:
            continue
        point = periods.setdefault(period, {"groups": {}, "forward": set(), "backward": set()})
        if row.group_id not in point["groups"]:
            point["groups"][row.group_id] = row
            point["forward" if row.forward else "backward"].add(row.group_id)
    points = []
    empty: dict[str, Any] = {"groups": {}, "forward": set(), "backward": set()}
    for period in all_periods(min(periods), max(periods), by) if periods else []:
        point = periods.get(period, empty)
        groups = list(point["groups"].values())
        quad = tuple(sum(1 for g in groups if g.quad_class == q) for q in (1, 2, 3, 4))
        start, end = period_bounds(period)
        points.append(
            DyadPoint(
                period=period,
                start=start.isoformat(),
                end=end.isoformat(),
                events=len(groups),
                forward=len(point["forward"]),
                backward=len(point["backward"]),
                goldstein=round(sum(g.goldstein for g in groups) / len(groups), 2) if groups else None,
                quad=quad,  # type: ignore[arg-type]
                event_ids=tuple(g.id for g in groups),
            )
        )
    return points


@lru_cache(maxsize=65_536)  # a timeline asks it of every day in the corpus, some several times
def period_of(value: str, by: str) -> str | None:
    """The period an event date falls in; None when the date is coarser than the period (a year-only date has no
    week)."""
    if by == "year":
        return value[:4] if value[:4].isdigit() else None
    if by == "week" and _WEEK.fullmatch(value):
        return value
    day = day_of(value)
    if day is None:
        return None
    if by == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if by == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return day.isoformat() if len(value) >= 10 else None


def day_of(value: str) -> date | None:
    """The day a date names, or the Monday of a week (2022-W08), or the first of a month for a month."""
    try:
        if _DAY.fullmatch(value):
            return date.fromisoformat(value[:10])
        if _WEEK.fullmatch(value):
            return date.fromisocalendar(int(value[:4]), int(value[6:]), 1)
        if _MONTH.fullmatch(value):
            return date(int(value[:4]), int(value[5:]), 1)
    except ValueError:
        return None
    return None


def all_periods(first: str, last: str, by: str) -> list[str]:
    """Every period from ``first`` to ``last``, so a chart's time axis has no silent gaps."""
    if by == "year":
        return [f"{year:04d}" for year in range(int(first), int(last) + 1)]
    start, end = day_of(first), day_of(last)
    if start is None or end is None:
        return sorted({first, last})
    if by == "month":
        months = range(start.year * 12 + start.month - 1, end.year * 12 + end.month)
        return [f"{month // 12:04d}-{month % 12 + 1:02d}" for month in months]
    found: list[str] = []
    # by day numbers: a date stepped past 9999-12-31 would overflow
    for ordinal in range(start.toordinal(), end.toordinal() + 1, 7 if by == "week" else 1):
        period = period_of(date.fromordinal(ordinal).isoformat(), by)
        if period and (not found or found[-1] != period):
            found.append(period)
    return found


def period_bounds(period: str) -> tuple[date, date]:
    """The first and last day of a period as ``period_of`` names it (2022-02-21, 2022-W08, 2022-02, 2022)."""
    if re.fullmatch(r"\d{4}", period):
        return date(int(period), 1, 1), date(int(period), 12, 31)
    first = day_of(period)
    if first is None:
        raise ValueError(f"not a period: {period!r}")
    if re.fullmatch(r"\d{4}-W\d{2}", period):
        return first, dates.shifted(first, 6) or date.max  # the calendar's last week ends on a Friday
    if re.fullmatch(r"\d{4}-\d{2}", period):
        return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return first, first


def _directed(source: str, target: str) -> sa.ColumnElement[bool]:
    return sa.and_(
        _actor(events.c.source_code, events.c.source_name, source),
        _actor(events.c.target_code, events.c.target_name, target),
    )


def _actor(code: sa.ColumnElement[Any], name: sa.ColumnElement[Any], wanted: str) -> sa.ColumnElement[bool]:
    """Written in capitals as a code, an actor code starting with ``wanted`` ("RUS" is RUSGOV and RUSMIL), found
    through the code's index; anything else, a name containing it in any case ("Putin"). A code is never also read
    as a name: RUS inside "Brussels" or USA inside "Jerusalem" is no actor."""
    if CODE.fullmatch(wanted):
        following = wanted[:-1] + chr(ord(wanted[-1]) + 1)
        return sa.and_(code >= wanted, code < following)
    return name.icontains(wanted, autoescape=True)


def conditions(filters: EventFilters, *, paged: bool = False) -> list[Any]:
    """The WHERE clauses for event filters, on the events table alone; ``paged`` for a listing that stops after a
    page in date order, rather than a count of every match."""
    conditions: list[Any] = []
    if filters.source:
        conditions.append(_actor(events.c.source_code, events.c.source_name, filters.source))
    if filters.target:
        conditions.append(_actor(events.c.target_code, events.c.target_name, filters.target))
    if filters.actor:
        conditions.append(
            sa.or_(
                _actor(events.c.source_code, events.c.source_name, filters.actor),
                _actor(events.c.target_code, events.c.target_name, filters.actor),
            )
        )
    if filters.dyad:
        first, second = filters.dyad
        conditions.append(sa.or_(_directed(first, second), _directed(second, first)))
    if filters.entity_ids:
        ids = list(filters.entity_ids)
        conditions.append(sa.or_(events.c.source_entity_id.in_(ids), events.c.target_entity_id.in_(ids)))
    if filters.source_entity_ids:
        conditions.append(events.c.source_entity_id.in_(list(filters.source_entity_ids)))
    if filters.target_entity_ids:
        conditions.append(events.c.target_entity_id.in_(list(filters.target_entity_ids)))
    if filters.source_code:
        conditions.append(events.c.source_code == filters.source_code)
    if filters.target_code:
        conditions.append(events.c.target_code == filters.target_code)
    if filters.code:
        code = filters.code
        conditions.append(events.c.code.startswith(code[:-1]) if code.endswith("*") else events.c.code == code)
    if filters.plover:
        conditions.append(events.c.plover == filters.plover.upper())
    if filters.quad_class:
        conditions.append(events.c.quad_class == filters.quad_class)
    if filters.since:
        conditions.append(events.c.date >= filters.since[:10])
    if filters.until:
        conditions.append(events.c.date < filters.until[:10])
    if filters.article_id:
        conditions.append(events.c.article_pk.in_(sa.select(articles.c.pk).where(articles.c.id == filters.article_id)))
    if filters.one_per_group:
        conditions.append(FIRST_REPORT)
    if filters.group_id:
        conditions.append(events.c.group_id == filters.group_id)
    if filters.words:
        conditions += _in_sentence(filters.words, paged)
    if filters.min_confidence > 0:
        conditions.append(sure(filters.min_confidence))
    return conditions


def sure(min_confidence: float) -> sa.ColumnElement[bool]:
    """Events of a group one of whose reports is at least this sure: a group is one event, shown or left out whole,
    so a list of reports and a count of groups always agree."""
    surest = events.alias("surest")
    return events.c.group_id.in_(sa.select(surest.c.group_id).where(surest.c.confidence >= min_confidence))


def _in_sentence(words: str, paged: bool) -> list[sa.ColumnElement[bool]]:
    """Events whose evidence sentence matches a search: each term as typed, in any case, at the start of a word or
    inside one ("Russia" finds "Russian"); OR between groups, AND within one, NOT keeps sentences without a term.
    No index holds sentences, so the article's full-text index picks the candidates first (a sentence with the
    words is in an article with words starting so) and only their sentences are read, each term a bound LIKE."""
    query = fts.parse(words)
    sentence = sa.select(_sentence()).where(articles.c.pk == events.c.article_pk).scalar_subquery()

    def holds(term: Term) -> sa.ColumnElement[bool]:
        found = sentence.icontains(term.words, autoescape=True)
        return ~found if term.negated else found

    # the articles that hold each wanted term as the start of a word, whatever follows (a NOT is the sentence's)
    candidates = tuple(tuple(replace(term, prefix=True) for term in group if not term.negated) for group in query)
    index = sa.table(FTS_TABLE, sa.column("rowid"))
    in_articles = sa.select(index.c.rowid).where(fts.match(FTS_TABLE, candidates))
    groups = [sa.and_(*(holds(term) for term in group)) for group in query]
    # "+ 0" keeps SQLite off the article_pk index, so that a page walks the events by date and reads the sentences
    # of candidates only until it is full; a count wants every candidate article's events, through that index
    article_pk = events.c.article_pk + 0 if paged else events.c.article_pk
    return [article_pk.in_(in_articles), sa.or_(*groups)]


def _evidence_text() -> sa.ColumnElement[str]:
    return _sentence().label("evidence_text")


def _sentence() -> sa.ColumnElement[str]:
    """The evidence sentence, cut from the article in SQL: the whole text of every article is not needed."""
    length = events.c.evidence_end - events.c.evidence_start
    return sa.func.substr(articles.c.text, events.c.evidence_start + 1, length)


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
