"""The API's shapes for its OpenAPI document (/openapi.json, /docs) and for the JSON it accepts.

Records are model.py's dataclasses; the models here are the envelopes around them and the few shapes only the API
has. Responses are serialised by serialise.py, not through these models, so a listing costs no validation pass.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, Field

from ..model import Annotations, Article, Problem, Timestamp

Record = TypeVar("Record")


class ErrorBody(BaseModel):
    error: str = Field(description="What was wrong, naming the parameter or input.")


class Page(BaseModel, Generic[Record]):
    items: list[Record]
    limit: int
    offset: int
    next_offset: int | None = Field(description="The offset of the next page; null on the last one.")


class ArticleSummary(BaseModel):
    """An article in a listing: every field but its text and paragraphs; with ``q``, a search hit."""

    id: str
    source: str
    format: str
    title: str | None
    authors: list[str]
    outlet: str | None
    url: str | None
    published: Timestamp | None
    updated: Timestamp | None
    date_line: Timestamp | None
    language: str | None
    warnings: list[str]
    story_id: str | None
    score: float | None = Field(None, description="Search hits only: bm25, higher is better.")
    snippet: str | None = Field(None, description="Search hits only: HTML, matches in <mark>, the rest escaped.")


class StatsOut(BaseModel):
    """model.Stats, with its (outlet, articles) pairs spelt as JSON arrays."""

    articles: int
    stories: int
    outlets: int
    authors: int
    first_published: Timestamp | None
    last_published: Timestamp | None
    by_format: dict[str, int]
    top_outlets: list[list[str | int]] = Field(description="[outlet, articles] pairs, the most articles first.")
    database: str
    schema_version: str | None


class ArticlePage(BaseModel):
    article: Article
    annotations: Annotations


class QuadClasses(BaseModel):
    """Event groups per QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material
    conflict."""

    one: int = Field(alias="1")
    two: int = Field(alias="2")
    three: int = Field(alias="3")
    four: int = Field(alias="4")


class DyadPointOut(BaseModel):
    period: str
    start: str = Field(description="The period's first day: ask /api/events?dyad=a,b&since=start&until=end.")
    end: str = Field(description="The period's last day.")
    events: int = Field(description="Event groups either way (one event reported by many articles counts once).")
    forward: int = Field(description="Of them, from a to b.")
    backward: int
    goldstein: float | None = Field(description="Mean Goldstein score; null for a period without events.")
    quad_classes: QuadClasses


class DyadSeries(BaseModel):
    a: str
    b: str
    by: str
    points: list[DyadPointOut]


class TimelinePointOut(BaseModel):
    period: str
    start: str
    end: str
    articles: int
    events: int
    goldstein: float | None
    quad_classes: QuadClasses


class TimelineSeries(BaseModel):
    by: str
    points: list[TimelinePointOut]


class IngestResult(BaseModel):
    read: int
    stored: int
    duplicates: int
    failed: int
    problems: list[Problem]
    seconds: float


class ArticleIn(BaseModel):
    text: str = Field(min_length=1, description="The article's text, one paragraph per line.")
    title: str | None = None
    url: str | None = None
    published: str | None = Field(None, description="When it was published: ISO 8601, or as the site prints it.")
    outlet: str | None = None
    authors: list[str] = Field(default_factory=list)


class ArticlesIn(BaseModel):
    articles: list[ArticleIn] = Field(min_length=1, max_length=10_000)
