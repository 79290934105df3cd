"""Aggregates for looking at a corpus: what an actor was coded as, whom it deals with and how its activity runs
over time; the timeline of articles and events for a filter; the network of who acts on whom.

Events are counted by group (one real-world event reported by many articles counts once), never by copies: through
the first report of each group, which the indexes of migration 0005 hold with the figures counted. Periods
are the dyad's (a day, an ISO week, a month or a year): the queries count by day in SQL and the days are rolled up
into periods here, so no engine-specific date function is needed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .. import dates
from ..errors import DatelineError
from ..model import Entity, Event, Quote
from ..reference.cameo.dictionaries import NO_COUNTRY
from ..reference.cameo.labels import code_label
from . import fts
from .articles import chunks, stored_date
from .events import FIRST_REPORT, EventFilters, all_periods, conditions, day_of, period_bounds, period_of, sure
from .schema import FTS_TABLE, articles, entities, events, mentions, quotes

MAX_POINTS = 10_000  # periods on one time axis: 27 years of days


@dataclass(frozen=True, slots=True)
class Partner:
    """An actor that another acted on or was acted on by."""

    entity_id: str | None  # the canonical entity on the other side; None when only its code is known
    name: str
    code: str | None  # the code it was given most often in these events
    events: int  # event groups, either way
    mean_goldstein: float


@dataclass(frozen=True, slots=True)
class ActivityPoint:
    period: str
    start: str  # the period's first and last day
    end: str
    mentions: int  # in articles published in the period
    quotes: int  # said in articles published in the period
    events: int  # event groups dated in the period, as source or target


@dataclass(slots=True)
class ActorProfile:
    """An entity's page: who it is, what it said, what it did and had done to it, with whom, and when."""

    entity: Entity
    codes: list[str]  # actor codes it was coded as, most frequent first
    quotes: list[Quote]  # the latest
    events_as_source: list[Event]  # the latest
    events_as_target: list[Event]
    partners: list[Partner]  # the most frequent first
    timeline: list[ActivityPoint]


@dataclass(frozen=True, slots=True)
class TimelinePoint:
    period: str
    start: str
    end: str
    articles: int  # published in the period
    events: int  # event groups dated in the period
    goldstein: float | None  # their mean Goldstein score; None without events
    quad: tuple[int, int, int, int]  # event groups per QuadClass 1..4


@dataclass(frozen=True, slots=True)
class NetworkNode:
    id: str  # the actor code, or the canonical entity id
    label: str
    code: str | None
    entity_id: str | None
    events: int  # event groups on the edges shown, either way


@dataclass(frozen=True, slots=True)
class NetworkEdge:
    source: str  # node ids
    target: str
    events: int  # event groups from source to target
    goldstein: float  # their mean
    quad_class: int  # the QuadClass most of them have


@dataclass(frozen=True, slots=True)
class Network:
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


def actor_codes(connection: Connection, ids: tuple[str, ...], min_confidence: float = 0.0) -> list[str]:
    """The actor codes these entities were given on either side of events at least ``min_confidence`` sure, the most
    frequent first."""
    sides = sa.union_all(
        *(
            sa.select(events.c[f"{side}_code"].label("code")).where(
                FIRST_REPORT,
                events.c[f"{side}_entity_id"].in_(ids),
                events.c[f"{side}_code"].is_not(None),
                sure(min_confidence),
            )
            for side in ("source", "target")
        )
    ).subquery()
    count = sa.func.count().label("n")
    statement = sa.select(sides.c.code, count).group_by(sides.c.code).order_by(count.desc(), sides.c.code)
    return [row.code for row in connection.execute(statement)]


def partners(
    connection: Connection, canonical: str, ids: tuple[str, ...], limit: int, min_confidence: float = 0.0
) -> list[Partner]:
    """Whom these entities acted on or were acted on by (in events at least ``min_confidence`` sure), the most
    frequent first: other named entities (as their
    canonical selves) or, for actors that are not named entities ("protesters"), their codes; a code without a
    country ("---GOV") is left out, as it stands for many actors."""
    tally: dict[tuple[str, str], dict[str, Any]] = {}
    for own, other in (("source", "target"), ("target", "source")):
        for row in connection.execute(_partner_groups(own, other, ids, min_confidence)):
            if row.entity_id == canonical or (not row.entity_id and row.code.startswith(NO_COUNTRY)):
                continue
            key = ("entity", row.entity_id) if row.entity_id else ("code", row.code)
            entry = tally.setdefault(key, {"name": row.entity_name or row.name or row.code, "codes": Counter(),
                                           "events": 0, "goldstein": 0.0})  # fmt: skip
            entry["events"] += row.groups
            entry["goldstein"] += row.goldstein_sum
            if row.code:
                entry["codes"][row.code] += row.groups
    found = [
        Partner(
            entity_id=key[1] if key[0] == "entity" else None,
            name=entry["name"],
            code=entry["codes"].most_common(1)[0][0] if entry["codes"] else None,
            events=entry["events"],
            mean_goldstein=round(entry["goldstein"] / entry["events"], 2),
        )
        for key, entry in tally.items()
    ]
    found.sort(key=lambda p: (-p.events, p.name))
    return found[:limit]


def _partner_groups(own: str, other: str, ids: tuple[str, ...], min_confidence: float) -> sa.Select[Any]:
    """Per partner on the ``other`` side (canonical entity and code): event groups and their summed Goldstein."""
    member, canon = entities.alias("member"), entities.alias("canon")
    other_entity, other_code = events.c[f"{other}_entity_id"], events.c[f"{other}_code"]
    return (
        sa.select(
            canon.c.id.label("entity_id"),
            canon.c.name.label("entity_name"),
            other_code.label("code"),
            sa.func.min(events.c[f"{other}_name"]).label("name"),
            sa.func.count().label("groups"),
            sa.func.sum(events.c.goldstein).label("goldstein_sum"),
        )
        .select_from(
            events.outerjoin(member, member.c.id == other_entity).outerjoin(canon, canon.c.id == member.c.canonical_id)
        )
        .where(
            FIRST_REPORT,
            events.c[f"{own}_entity_id"].in_(ids),
            sa.or_(other_entity.is_not(None), other_code.is_not(None)),
            sure(min_confidence),
        )
        .group_by(canon.c.id, canon.c.name, other_code)
    )


def activity(connection: Connection, ids: tuple[str, ...], by: str, min_confidence: float = 0.0) -> list[ActivityPoint]:
    """How often these entities were mentioned, quoted, and on either side of an event, per period (quotes and
    events at least ``min_confidence`` sure)."""
    axis = _Axis.of(connection, by, None, None)
    involved = sa.and_(*conditions(EventFilters(entity_ids=ids, min_confidence=min_confidence)))
    quoted = sa.and_(quotes.c.speaker_entity_id.in_(ids), quotes.c.confidence >= min_confidence)
    counts = [
        axis.count(connection.execute(_per_day(mentions.c.article_pk, mentions.c.entity_id.in_(ids), axis))),
        axis.count(connection.execute(_per_day(quotes.c.article_pk, quoted, axis))),
        axis.count(connection.execute(_groups_per_date(involved))),
    ]
    return [
        ActivityPoint(period, *_bounds(period), *(series.get(period, 0) for series in counts))
        for period in axis.periods(counts)
    ]


def timeline(connection: Connection, by: str, filters: EventFilters, query: str | None) -> list[TimelinePoint]:
    """Articles published and event groups dated in each period, for events matching ``filters`` (actor, PLOVER
    category, dates, words in their sentence); articles count when they match ``query`` and, with an actor or
    category, report a matching event."""
    event_conditions = conditions(filters)
    axis = _Axis.of(connection, by, filters.since, filters.until)
    article_conditions = axis.published()
    if query:
        article_conditions.append(articles.c.pk.in_(fts.matching(FTS_TABLE, query)))
    if filters.actor or filters.plover:
        wanted = conditions(EventFilters(actor=filters.actor, plover=filters.plover))
        article_conditions.append(articles.c.pk.in_(sa.select(events.c.article_pk).where(*wanted)))
    day = sa.func.substr(articles.c.published, 1, 10).label("day")
    published = sa.select(day, sa.func.count().label("n")).where(*article_conditions).group_by(day)
    per_date = connection.execute(_groups_per_date(sa.and_(sa.true(), *event_conditions), with_scores=True)).all()
    article_counts, event_counts = axis.count(connection.execute(published)), axis.count(per_date)
    scores: dict[str, list[float]] = {}
    for row in per_date:
        period = period_of(row.date, by)
        if period in event_counts:
            totals = scores.setdefault(period, [0.0, 0, 0, 0, 0])
            totals[0] += row.goldstein_sum
            for quad in range(1, 5):
                totals[quad] += getattr(row, f"quad{quad}")
    points = []
    for period in axis.periods([article_counts, event_counts]):
        count = event_counts.get(period, 0)
        totals = scores.get(period, [0.0, 0, 0, 0, 0])
        points.append(
            TimelinePoint(
                period,
                *_bounds(period),
                articles=article_counts.get(period, 0),
                events=count,
                goldstein=round(totals[0] / count, 2) if count else None,
                quad=(int(totals[1]), int(totals[2]), int(totals[3]), int(totals[4])),
            )
        )
    return points


def network(connection: Connection, by: str, filters: EventFilters, min_events: int, limit: int) -> Network:
    """Actors (codes, or canonical entities) as nodes and event groups between them as directed edges, the
    ``limit`` heaviest edges with at least ``min_events`` groups. Codes without a country ("---GOV") are left out:
    each lumps every government or police whose country was not read into one node."""
    if by == "entity":
        ends = (events.c.source_entity_id, events.c.target_entity_id)
        known: list[sa.ColumnElement[bool]] = []
    else:
        ends = (events.c.source_code, events.c.target_code)
        known = [~end.startswith(NO_COUNTRY) for end in ends]
    pairs = connection.execute(
        sa.select(
            ends[0].label("source"),
            ends[1].label("target"),
            sa.func.min(events.c.source_code).label("source_code"),
            sa.func.min(events.c.target_code).label("target_code"),
            sa.func.count().label("events"),
            sa.func.sum(events.c.goldstein).label("goldstein"),
            *(sa.func.sum(sa.case((events.c.quad_class == q, 1), else_=0)).label(f"quad{q}") for q in range(1, 5)),
        )
        .where(FIRST_REPORT, ends[0].is_not(None), ends[1].is_not(None), *known, *conditions(filters))
        .group_by(ends[0], ends[1])
    ).all()
    canonical = (
        _canonical(connection, {key for row in pairs for key in (row.source, row.target)}) if by == "entity" else {}
    )
    edges: dict[tuple[str, str], list[Any]] = {}
    codes: dict[str, Counter[str]] = {}
    for row in pairs:
        source, target = canonical.get(row.source, row.source), canonical.get(row.target, row.target)
        if source == target:
            continue
        edge = edges.setdefault((source, target), [0, 0.0, 0, 0, 0, 0])
        for index, value in enumerate((row.events, row.goldstein, row.quad1, row.quad2, row.quad3, row.quad4)):
            edge[index] += value
        codes.setdefault(source, Counter())[row.source_code] += row.events
        codes.setdefault(target, Counter())[row.target_code] += row.events
    heaviest = sorted((e for e in edges.items() if e[1][0] >= min_events), key=lambda e: (-e[1][0], e[0]))[:limit]
    return Network(
        _nodes(connection, by, heaviest, codes),
        [
            NetworkEdge(source, target, n, round(goldstein / n, 2), max(range(1, 5), key=lambda q: (quads[q - 1], -q)))
            for (source, target), (n, goldstein, *quads) in heaviest
        ],
    )


def _canonical(connection: Connection, ids: set[str]) -> dict[str, str]:
    """Entity id -> the canonical entity it was merged into."""
    found: dict[str, str] = {}
    for chunk in chunks(sorted(ids)):
        query = sa.select(entities.c.id, entities.c.canonical_id).where(entities.c.id.in_(chunk))
        found.update({row.id: row.canonical_id for row in connection.execute(query)})
    return found


def _nodes(
    connection: Connection, by: str, edges: list[tuple[tuple[str, str], list[Any]]], codes: dict[str, Counter[str]]
) -> list[NetworkNode]:
    weight: Counter[str] = Counter()
    for (source, target), (n, *_figures) in edges:
        weight[source] += n
        weight[target] += n
    if by != "entity":
        return [NetworkNode(code, code_label(code), code, None, n) for code, n in weight.most_common()]
    names: dict[str, str] = {}
    for chunk in chunks(list(weight)):
        query = sa.select(entities.c.id, entities.c.name).where(entities.c.id.in_(chunk))
        names.update({row.id: row.name for row in connection.execute(query)})
    return [
        NetworkNode(node, names.get(node, node), codes[node].most_common(1)[0][0], node, n)
        for node, n in weight.most_common()
    ]


def _per_day(article_pk: sa.ColumnElement[int], where: sa.ColumnElement[bool], axis: _Axis) -> sa.Select[Any]:
    """Rows matching ``where`` (mentions, quotes) per day their article was published: counted per article first,
    so each article's day is looked up once, not once per row."""
    per_article = (
        sa.select(article_pk.label("pk"), sa.func.count().label("n")).where(where).group_by(article_pk).subquery()
    )
    day = sa.func.substr(articles.c.published, 1, 10).label("day")
    return (
        sa.select(day, sa.func.sum(per_article.c.n).label("n"))
        .select_from(per_article.join(articles, articles.c.pk == per_article.c.pk))
        .where(*axis.published())
        .group_by(day)
    )


def _groups_per_date(where: sa.ColumnElement[bool], *, with_scores: bool = False) -> sa.Select[Any]:
    """Event groups per date (each counted once, through its first report), with their summed Goldstein scores
    and QuadClass counts when asked."""
    columns: list[Any] = [events.c.date, sa.func.count().label("n")]
    if with_scores:
        columns.append(sa.func.sum(events.c.goldstein).label("goldstein_sum"))
        columns += [sa.func.sum(sa.case((events.c.quad_class == q, 1), else_=0)).label(f"quad{q}") for q in range(1, 5)]
    return sa.select(*columns).where(FIRST_REPORT, events.c.date != "", where).group_by(events.c.date)


@dataclass(frozen=True, slots=True)
class _Axis:
    """A time axis: its period, and the first and last period it shows. Without since or until it covers the days
    the corpus's articles were published: an event that a sentence dates decades back ("in 1946") would otherwise
    stretch it over empty years."""

    by: str
    since: str | None  # the first and last day shown; None: as far as the data go
    until: str | None

    @classmethod
    def of(cls, connection: Connection, by: str, since: str | None, until: str | None) -> _Axis:
        if until and len(until) == 10:  # a bare day bound is the day after the last one wanted
            until = (dates.shifted(date.fromisoformat(until), -1) or date.min).isoformat()
        # min() and max() apart: SQLite reads each from one end of the index, but both at once from every row
        since = since or _published_day(connection, sa.func.min(articles.c.published))
        until = until or _published_day(connection, sa.func.max(articles.c.published))
        return cls(by, since and since[:10], until and until[:10])

    @property
    def first(self) -> str | None:
        return self.since and period_of(self.since, self.by)

    @property
    def last(self) -> str | None:
        return self.until and period_of(self.until, self.by)

    def published(self) -> list[sa.ColumnElement[bool]]:
        """The articles published on the axis; also what lets the published index answer per-day counts."""
        bounds: list[sa.ColumnElement[bool]] = [articles.c.published.is_not(None)]
        if self.since:
            bounds.append(articles.c.published >= self.since)
        after = self.until and dates.shifted(date.fromisoformat(self.until), 1)
        if after:  # none after 9999-12-31: nothing is published later
            bounds.append(articles.c.published < after.isoformat())
        return bounds

    def count(self, rows: Iterable[Any]) -> dict[str, int]:
        """Counts per day (or coarser date) rolled up into the axis's periods; dates coarser than the period, or
        outside the axis, are left out."""
        counts: Counter[str] = Counter()
        first, last = self.first, self.last
        for row in rows:
            period = period_of(row[0], self.by)
            if period is not None and (first or period) <= period <= (last or period):
                counts[period] += row.n
        return dict(counts)

    def periods(self, series: Iterable[dict[str, int]]) -> list[str]:
        """Every period of the axis, or from the first to the last with a count, so no gap is silent."""
        seen = [period for counts in series for period in counts]
        first, last = self.first or min(seen, default=None), self.last or max(seen, default=None)
        if first is None or last is None:
            return []
        start, end = day_of(first), day_of(last)
        step = {"day": 1, "week": 7, "month": 28}.get(self.by)
        if step and start and end and (end - start).days // step > MAX_POINTS:
            raise DatelineError(
                f"by={self.by} from {first} to {last} is more than {MAX_POINTS:,} periods: choose a longer period or "
                "narrow since/until"
            )
        return all_periods(first, last, self.by)


def _published_day(connection: Connection, end: sa.ColumnElement[Any]) -> str | None:
    """The day of the earliest or latest publication; None when that stored value is not a date."""
    day = stored_date(connection.execute(sa.select(end)).scalar())
    return day.isoformat()[:10] if day else None


def _bounds(period: str) -> tuple[str, str]:
    first, last = period_bounds(period)
    return first.isoformat(), last.isoformat()
