"""The read endpoints under /api. Each parses its parameters and calls one Corpus method: the CLI, the Python API
and the web share one path to the store.

Handlers are plain functions, so FastAPI runs them in its threadpool; each store call takes its own connection from
the engine's pool, so no SQLite connection is ever used by two threads at once.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse

from ..corpus import Corpus
from ..export.records import to_dict
from ..model import Entity, Event, Quote, Story
from ..store import ActorProfile, Network
from . import serialise
from .errors import blame
from .params import Actor, DateRange, MinConfidence, Paging, Text, actor_pair, date_range, paging
from .schemas import ArticlePage, ArticleSummary, DyadSeries, Page, StatsOut, TimelineSeries

router = APIRouter()

Pages = Annotated[Paging, Depends(paging)]
Dates = Annotated[DateRange, Depends(date_range)]
Id = Annotated[str, Path(min_length=1, max_length=64)]
Plover = Annotated[str | None, Query(description="A PLOVER category: ACCUSE, AGREE, CONSULT, …", max_length=32)]
EventCode = Annotated[str | None, Query(description="A CAMEO code; 11* for a whole family.", pattern=r"^\d{1,4}\*?$")]
ExactCode = Annotated[
    str | None,
    Query(description="Exactly this actor code, as a network's node counts it (USA, not USAGOV).", max_length=64),
]
Period = Literal["day", "week", "month", "year"]


def corpus(request: Request) -> Corpus:
    """The one Corpus the app was made with."""
    return request.app.state.corpus  # type: ignore[no-any-return]


AppCorpus = Annotated[Corpus, Depends(corpus)]


def answer(content: Any) -> JSONResponse:
    return JSONResponse(content)


@router.get("/stats", response_model=StatsOut, summary="What the database holds")
def stats(corpus: AppCorpus) -> JSONResponse:
    return answer(to_dict(corpus.stats()))


@router.get("/articles", response_model=Page[ArticleSummary], summary="Articles, newest first; with q, search hits")
def articles(
    corpus: AppCorpus,
    pages: Pages,
    when: Dates,
    q: Annotated[
        str | None, Query(description='Words, "a phrase", OR, NOT, prefix*: best matches first.', max_length=500)
    ] = None,
    outlet: Annotated[str | None, Query(description="The outlet's name contains this (any case).")] = None,
    author: Annotated[str | None, Query(description="An author's name contains this (any case).")] = None,
    story: Annotated[str | None, Query(description="Only the copies of this story (its id).")] = None,
    entity_id: Annotated[
        str | None, Query(description="Mentioning this entity (a person's id from /api/entities).", max_length=64)
    ] = None,
    code: EventCode = None,
    plover: Plover = None,
) -> JSONResponse:
    filters: dict[str, Any] = dict(
        since=when.since, until=when.until, outlet=outlet, author=author, story=story, entity_id=entity_id,
        code=code, plover=plover,
    )  # fmt: skip
    if q:
        with blame("q"):
            hits = corpus.search(q, **filters, limit=pages.limit + 1, offset=pages.offset)
        return answer(serialise.page(hits, pages, serialise.search_hit))
    found = corpus.articles(**filters, limit=pages.limit + 1, offset=pages.offset)
    return answer(serialise.page(found, pages, serialise.article_summary))


@router.get("/articles/{article_id}", response_model=ArticlePage, summary="One article with all its annotations")
def article(corpus: AppCorpus, article_id: Id) -> JSONResponse:
    found = corpus.article(article_id)
    return answer({"article": to_dict(found), "annotations": to_dict(corpus.annotations(found.id))})


@router.get("/entities", response_model=Page[Entity], summary="People, organisations and places, most mentioned first")
def entities(
    corpus: AppCorpus,
    pages: Pages,
    kind: Annotated[str | None, Query(description="PERSON, ORG, GPE, LOC, NORP, FAC or EVENT.", max_length=16)] = None,
    q: Annotated[str | None, Query(description="The name contains this (any case).", max_length=200)] = None,
    country: Annotated[str | None, Query(description="ISO 3166 alpha-3, e.g. RUS.", pattern="^[A-Za-z]{3}$")] = None,
) -> JSONResponse:
    found = corpus.entities(kind=kind, name=q, country=country, limit=pages.limit + 1, offset=pages.offset)
    return answer(serialise.page(found, pages))


@router.get("/entities/{entity_id}", response_model=ActorProfile, summary="An actor's page")
def entity(
    corpus: AppCorpus,
    entity_id: Id,
    by: Annotated[Period, Query(description="The timeline's period.")] = "month",
    min_confidence: MinConfidence = None,
) -> JSONResponse:
    return answer(to_dict(corpus.actor(entity_id, by=by, min_confidence=min_confidence)))


@router.get("/quotes", response_model=Page[Quote], summary="Who said what, newest first")
def quotes(
    corpus: AppCorpus,
    pages: Pages,
    when: Dates,
    speaker: Annotated[str | None, Query(description="The speaker's name contains this.", max_length=200)] = None,
    entity_id: Annotated[str | None, Query(description="Said by this entity.", max_length=64)] = None,
    about: Annotated[
        str | None, Query(description='Words in the quote: words, "a phrase", OR, NOT, prefix*.', max_length=500)
    ] = None,
    cue: Annotated[
        list[str] | None,
        Query(
            description="What the cue reports: speech, belief, evidence, intent, stance, evaluation, source "
            "(repeat for several)."
        ),
    ] = None,
    min_confidence: MinConfidence = None,
) -> JSONResponse:
    with blame("about"):
        found = corpus.quotes(
            speaker=speaker,
            about=about,
            since=when.since,
            until=when.until,
            cue_kinds=[kind.strip().lower() for kinds in cue or () for kind in kinds.split(",") if kind.strip()],
            entity_id=entity_id,
            min_confidence=min_confidence,
            limit=pages.limit + 1,
            offset=pages.offset,
        )
    return answer(serialise.page(found, pages))


@router.get("/events", response_model=Page[Event], summary="Who did what to whom, newest first")
def events(
    corpus: AppCorpus,
    pages: Pages,
    when: Dates,
    source: Actor = None,
    target: Actor = None,
    actor: Annotated[str | None, Query(description="Either side: a code prefix or a name.", max_length=200)] = None,
    dyad: Annotated[str | None, Query(description="Two actors, either way round: RUS,USA.", max_length=400)] = None,
    entity_id: Annotated[str | None, Query(description="This entity on either side.", max_length=64)] = None,
    code: EventCode = None,
    plover: Plover = None,
    quad_class: Annotated[
        int | None, Query(ge=1, le=4, description="1 verbal cooperation … 4 material conflict.")
    ] = None,
    q: Annotated[
        str | None,
        Query(
            description='Words in the evidence sentence: words, "a phrase", OR, NOT (its article matches too).',
            max_length=500,
        ),
    ] = None,
    grouped: Annotated[
        bool, Query(description="One event per group (its first report, with the group's counts), as charts count.")
    ] = False,
    group: Annotated[str | None, Query(description="Every report of this event group.", max_length=64)] = None,
    source_code: ExactCode = None,
    target_code: ExactCode = None,
    source_entity_id: Annotated[str | None, Query(description="This entity as the source.", max_length=64)] = None,
    target_entity_id: Annotated[str | None, Query(description="This entity as the target.", max_length=64)] = None,
    min_confidence: MinConfidence = None,
) -> JSONResponse:
    with blame("q"):
        found = corpus.events(
            source=source,
            target=target,
            actor=actor,
            dyad=actor_pair("dyad", dyad) if dyad else None,
            entity_id=entity_id,
            code=code,
            plover=plover,
            quad_class=quad_class,
            since=when.since,
            until=when.until,
            words=q,
            grouped=grouped,
            group_id=group,
            source_code=source_code,
            target_code=target_code,
            source_entity_id=source_entity_id,
            target_entity_id=target_entity_id,
            min_confidence=min_confidence,
            limit=pages.limit + 1,
            offset=pages.offset,
        )
    return answer(serialise.page(found, pages))


@router.get("/dyads", response_model=DyadSeries, summary="Cooperation and conflict between two actors over time")
def dyads(
    corpus: AppCorpus,
    when: Dates,
    a: Annotated[str, Query(min_length=1, max_length=200, description="An actor code prefix or name: RUS.")],
    b: Annotated[str, Query(min_length=1, max_length=200, description="The other actor: USA.")],
    by: Period = "week",
    min_confidence: MinConfidence = None,
) -> JSONResponse:
    points = corpus.dyad(a, b, by=by, since=when.since, until=when.until, min_confidence=min_confidence)
    return answer({"a": a, "b": b, "by": by, "points": [serialise.dyad_point(p) for p in points]})


@router.get("/timeline", response_model=TimelineSeries, summary="Articles and events over time")
def timeline(
    corpus: AppCorpus,
    when: Dates,
    by: Period = "week",
    actor: Actor = None,
    plover: Plover = None,
    q: Text = None,
    min_confidence: MinConfidence = None,
) -> JSONResponse:
    with blame("q"):
        points = corpus.timeline(
            by=by,
            since=when.since,
            until=when.until,
            actor=actor,
            plover=plover,
            query=q,
            min_confidence=min_confidence,
        )
    return answer({"by": by, "points": [serialise.timeline_point(p) for p in points]})


@router.get("/network", response_model=Network, summary="Actors as nodes, events between them as edges")
def network(
    corpus: AppCorpus,
    when: Dates,
    by: Literal["code", "entity"] = "code",
    actor: Actor = None,
    plover: Plover = None,
    min_events: Annotated[int, Query(ge=1, le=1_000_000, description="Edges with at least this many events.")] = 1,
    max_edges: Annotated[int, Query(ge=1, le=2000, description="The heaviest edges only.")] = 150,
    min_confidence: MinConfidence = None,
) -> JSONResponse:
    found = corpus.network(by=by, since=when.since, until=when.until, actor=actor, plover=plover,
                           min_events=min_events, limit=max_edges, min_confidence=min_confidence)  # fmt: skip
    return answer(to_dict(found))


@router.get("/stories", response_model=Page[Story], summary="Stories carried by several articles, widest first")
def stories(
    corpus: AppCorpus,
    pages: Pages,
    min_articles: Annotated[int, Query(ge=1, le=1_000_000, description="Carried by at least this many.")] = 2,
) -> JSONResponse:
    return answer(serialise.page(corpus.stories(min_articles=min_articles, limit=pages.limit + 1,
                                                offset=pages.offset), pages))  # fmt: skip
