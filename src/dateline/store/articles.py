"""Articles in the store: writing them (with their story and signature, which the ingest gives) and every query
over them."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic.runtime.migration import MigrationContext
from sqlalchemy.engine import Connection

from .. import dates
from ..errors import DatabaseError, DateError, NotFound
from ..model import Article, SearchHit, Span, Stats, Story, Timestamp
from . import fts
from .schema import FTS_TABLE, article_authors, articles, events, lsh_bands, mentions, signatures

ID_LENGTH = 16  # dedup.article_id's hex digits
SQL_VARIABLES = 900  # stay under SQLite's bound-parameter limit in IN (...) lists
DATE_FIELDS = ("published", "updated", "date_line")


@dataclass(frozen=True, slots=True)
class Filters:
    since: str | None = None  # stored-form bounds, see dates.parse_bound
    until: str | None = None
    outlet: str | None = None  # case-insensitive substring
    author: str | None = None  # case-insensitive substring
    story: str | None = None
    entity_ids: tuple[str, ...] = ()  # mention one of these entities (a canonical entity and the ids merged into it)
    event_code: str | None = None  # report an event with this CAMEO code; a trailing * is a prefix ("11*")
    plover: str | None = None  # report an event of this PLOVER category
    min_confidence: float = 0.0  # ... at least this sure, as the event lists count them


def get(connection: Connection, article_id: str) -> Article:
    """The article with this id, or with the one id that starts with it."""
    if not article_id:
        raise NotFound("give an article id")
    rows = connection.execute(sa.select(articles).where(articles.c.id == article_id)).all()
    if not rows and len(article_id) < ID_LENGTH:  # the start of an id: LIKE scans, so only for a short one
        rows = connection.execute(
            # ids are lower-case hex; LIKE ignores case on SQLite but not on PostgreSQL
            sa.select(articles).where(articles.c.id.startswith(article_id.lower(), autoescape=True)).limit(2)
        ).all()
    if not rows:
        raise NotFound(f"no article with id {article_id!r}")
    if len(rows) > 1:
        raise NotFound(f"{article_id!r} is the start of more than one article id; give more of it")
    return to_article(rows[0])


def listing(connection: Connection, filters: Filters, limit: int | None, offset: int = 0) -> Iterator[Article]:
    """Newest first (articles without a date last), then in ingest order."""
    query = (
        sa.select(articles)
        .where(*conditions(filters))
        .order_by(articles.c.published.desc().nulls_last(), articles.c.pk)  # the published index gives the order
        .limit(limit)
        .offset(offset)
    )
    for row in connection.execute(query):
        yield to_article(row)


def count(connection: Connection, filters: Filters) -> int:
    query = sa.select(sa.func.count()).select_from(articles).where(*conditions(filters))
    return int(connection.execute(query).scalar_one())


def search(connection: Connection, query: str, filters: Filters, limit: int | None, offset: int = 0) -> list[SearchHit]:
    """Articles matching ``query``, best first (bm25-like over title, weighted 4x, and text), with snippets.

    Ranked first from the full-text index alone (joined to articles only when a filter needs their columns), then
    the page's articles and snippets are read: reading every match's row, or a snippet of every match, would cost
    more than the ranking itself."""
    words = fts.parse(query)
    index = sa.table(FTS_TABLE, sa.column("rowid"))
    score = fts.score(words).label("score")
    ranked = sa.select(index.c.rowid.label("pk"), score).where(fts.match(FTS_TABLE, words))
    if filtering := conditions(filters):
        ranked = ranked.join(articles, articles.c.pk == index.c.rowid).where(*filtering)
    ranked = ranked.order_by(score.desc(), index.c.rowid).limit(limit).offset(offset)
    try:
        top = connection.execute(ranked).all()
        page = sa.select(articles, fts.snippet(words).label("snippet")).select_from(
            articles.join(index, index.c.rowid == articles.c.pk)
        )
        # the index's own rowid, so that FTS5 seeks these rows instead of reading every match's article
        found = page.where(fts.match(FTS_TABLE, words), index.c.rowid.in_([row.pk for row in top]))
        rows = {row.pk: row for row in connection.execute(found)} if top else {}
    except sa.exc.OperationalError as error:
        raise DatabaseError(f"cannot search for {query!r}: {error.orig}") from None
    hits = []
    for pk, value in top:
        row = rows[pk]
        text, spans = fts.read_snippet(connection, row.snippet, row.text)
        hits.append(SearchHit(to_article(row), score=round(float(value), 4), snippet=text, highlights=spans))
    return hits


def stories(connection: Connection, min_articles: int, limit: int | None, offset: int = 0) -> list[Story]:
    """Stories told by at least ``min_articles`` articles, the most widely carried first."""
    size = sa.func.count().label("size")
    first = sa.func.min(articles.c.published).label("first")
    top = (
        sa.select(articles.c.story_id, size, first)
        .group_by(articles.c.story_id)
        .having(size >= min_articles)
        .order_by(size.desc(), first.is_(None), first, articles.c.story_id)
        .limit(limit)
        .offset(offset)
    )
    heads = connection.execute(top).all()
    members: dict[str, list[Any]] = {h.story_id: [] for h in heads}
    ids = list(members)
    for chunk in chunks(ids):
        for row in connection.execute(
            sa.select(articles.c.story_id, articles.c.id, articles.c.outlet, articles.c.title)
            .where(articles.c.story_id.in_(chunk))
            .order_by(articles.c.published.is_(None), articles.c.published, articles.c.pk)
        ):
            members[row.story_id].append(row)
    stories = []
    for head in heads:
        rows = members[head.story_id]
        outlets = list(dict.fromkeys(r.outlet for r in rows if r.outlet))
        title = next((r.title for r in rows if r.title), None)
        stories.append(Story(head.story_id, title, stored_date(head.first), len(rows), outlets, [r.id for r in rows]))
    return stories


def stats(connection: Connection, database: str) -> Stats:
    scalar = connection.execute

    def one(query: Any) -> Any:
        return scalar(query).scalar_one()

    outlet_count = sa.func.count().label("n")
    top = scalar(
        sa.select(articles.c.outlet, outlet_count)
        .where(articles.c.outlet.is_not(None))
        .group_by(articles.c.outlet)
        .order_by(outlet_count.desc(), articles.c.outlet)
        .limit(10)
    ).all()
    formats = scalar(sa.select(articles.c.format, sa.func.count()).group_by(articles.c.format)).all()
    return Stats(
        articles=one(sa.select(sa.func.count()).select_from(articles)),
        stories=one(sa.select(sa.func.count(sa.distinct(articles.c.story_id)))),
        outlets=one(sa.select(sa.func.count(sa.distinct(articles.c.outlet)))),
        authors=one(sa.select(sa.func.count(sa.distinct(article_authors.c.name)))),
        first_published=stored_date(one(sa.select(sa.func.min(articles.c.published)))),
        last_published=stored_date(one(sa.select(sa.func.max(articles.c.published)))),
        by_format={f: n for f, n in sorted(formats)},
        top_outlets=[(o, n) for o, n in top],
        database=database,
        schema_version=MigrationContext.configure(connection).get_current_revision(),
    )


def not_stored(connection: Connection, batch: Sequence[Article]) -> list[Article]:
    ids = list({a.id for a in batch})
    stored: set[str] = set()
    for chunk in chunks(ids):
        stored.update(connection.execute(sa.select(articles.c.id).where(articles.c.id.in_(chunk))).scalars())
    fresh, seen = [], set()
    for article in batch:
        if article.id not in stored and article.id not in seen:
            seen.add(article.id)
            fresh.append(article)
    return fresh


def story_candidates(connection: Connection, keys: set[int]) -> dict[int, list[tuple[int, str, bytes]]]:
    """Band key -> (pk, story id, MinHash signature) of the stored articles sharing that band: the earlier copies a new
    article may join the story of. An article sharing several bands is the same tuple under each."""
    by_pk: dict[int, list[int]] = {}
    for chunk in chunks(list(keys)):
        for key, pk in connection.execute(
            sa.select(lsh_bands.c.key, lsh_bands.c.article_pk).where(lsh_bands.c.key.in_(chunk))
        ):
            by_pk.setdefault(pk, []).append(key)
    found: dict[int, list[tuple[int, str, bytes]]] = {}
    for chunk in chunks(list(by_pk)):
        rows = connection.execute(
            sa.select(signatures.c.article_pk, signatures.c.minhash, articles.c.story_id)
            .join(articles, articles.c.pk == signatures.c.article_pk)
            .where(signatures.c.article_pk.in_(chunk))
        )
        for pk, minhash, story_id in rows:
            entry = (pk, story_id, minhash)
            for key in by_pk[pk]:
                found.setdefault(key, []).append(entry)
    return found


def insert(
    connection: Connection, fresh: list[Article], minhashes: Sequence[bytes], band_keys: Sequence[list[int]]
) -> dict[str, int]:
    """Store new articles (already checked not stored, their stories assigned) with their MinHash signatures and
    LSH band keys; returns id -> primary key."""
    now = dates.to_iso(datetime.now(UTC))
    connection.execute(sa.insert(articles), [_row(a, now) for a in fresh])
    pks: dict[str, int] = {}
    for chunk in chunks([a.id for a in fresh]):
        pks.update(connection.execute(sa.select(articles.c.id, articles.c.pk).where(articles.c.id.in_(chunk))).all())
    authors = [{"article_pk": pks[a.id], "position": i, "name": n} for a in fresh for i, n in enumerate(a.authors)]
    if authors:
        connection.execute(sa.insert(article_authors), authors)
    connection.execute(
        sa.insert(signatures),
        [{"article_pk": pks[a.id], "minhash": m} for a, m in zip(fresh, minhashes, strict=True)],
    )
    connection.execute(
        sa.insert(lsh_bands),
        [{"key": k, "article_pk": pks[a.id]} for a, ks in zip(fresh, band_keys, strict=True) for k in ks],
    )
    fts.index_articles(connection, list(pks.values()))
    return pks


def _row(article: Article, now: str | None) -> dict[str, Any]:
    return {
        "id": article.id,
        "story_id": article.story_id or article.id,
        "title": article.title,
        "outlet": article.outlet,
        "url": article.url,
        "published": dates.to_iso(article.published),
        "updated": dates.to_iso(article.updated),
        "date_line": dates.to_iso(article.date_line),
        "language": article.language,
        "format": article.format,
        "source": article.source,
        "authors": json.dumps(article.authors, ensure_ascii=False),
        "paragraphs": json.dumps([[p.start, p.end] for p in article.paragraphs]),
        "warnings": json.dumps(article.warnings, ensure_ascii=False),
        "text": article.text,
        "ingested_at": now,
    }


def to_article(row: Any) -> Article:
    warnings = json.loads(row.warnings)
    when = {field: stored_date(getattr(row, field)) for field in DATE_FIELDS}
    warnings += [
        f"{field}: the stored value {getattr(row, field)!r} is not a date or time; left out"
        for field, value in when.items()
        if value is None and getattr(row, field)
    ]
    return Article(
        id=row.id,
        story_id=row.story_id,
        text=row.text,
        source=row.source,
        format=row.format,
        title=row.title,
        authors=json.loads(row.authors),
        outlet=row.outlet,
        url=row.url,
        published=when["published"],
        updated=when["updated"],
        date_line=when["date_line"],  # type: ignore[arg-type]
        language=row.language,
        paragraphs=[Span(s, e) for s, e in json.loads(row.paragraphs)],
        warnings=warnings,
    )


def stored_date(value: str | None) -> Timestamp | None:
    """A stored date read back; None for a value that is not one (earlier versions wrote the year 999 as "999"), so
    that one such row cannot break a listing, the stats or the API for everyone."""
    try:
        return dates.from_iso(value)
    except DateError:
        return None


def conditions(filters: Filters) -> list[Any]:
    """The WHERE clauses for article filters."""
    conditions: list[Any] = []
    if filters.since:
        conditions.append(articles.c.published >= filters.since)
    if filters.until:
        conditions.append(articles.c.published < filters.until)
    if filters.outlet:
        conditions.append(articles.c.outlet.icontains(filters.outlet, autoescape=True))
    if filters.author:
        conditions.append(
            sa.exists().where(
                article_authors.c.article_pk == articles.c.pk,
                article_authors.c.name.icontains(filters.author, autoescape=True),
            )
        )
    if filters.story:
        conditions.append(articles.c.story_id.startswith(filters.story.lower(), autoescape=True))
    if filters.entity_ids:
        mentioned = sa.select(mentions.c.article_pk).where(mentions.c.entity_id.in_(list(filters.entity_ids)))
        conditions.append(articles.c.pk.in_(mentioned))
    if filters.event_code or filters.plover:
        from . import events as reports  # imported here: events.py imports this module

        wanted = reports.conditions(
            reports.EventFilters(code=filters.event_code, plover=filters.plover, min_confidence=filters.min_confidence)
        )
        conditions.append(articles.c.pk.in_(sa.select(events.c.article_pk).where(*wanted)))
    return conditions


def chunks(items: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(items), SQL_VARIABLES):
        yield items[start : start + SQL_VARIABLES]


def primary_keys(connection: Connection, ids: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in chunks(ids):
        query = sa.select(articles.c.id, articles.c.pk).where(articles.c.id.in_(chunk))
        found.update({row.id: row.pk for row in connection.execute(query)})
    return found
