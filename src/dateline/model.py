"""The records dateline reads, stores and returns.

Offsets are always character offsets into ``Article.text`` (``start``, ``end``).
Times are UTC: a ``datetime`` when the source gave a time of day, a ``date`` when it gave only the day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal, TypeAlias

Timestamp: TypeAlias = datetime | date


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(slots=True)
class Article:
    text: str
    source: str  # where it was read from: "dir/a.txt", "bundle.zip!a.txt", "feed.jsonl:12"
    format: str  # the reader that parsed it: seed, json, html, csv, feed, warc
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    url: str | None = None
    published: Timestamp | None = None
    updated: Timestamp | None = None
    date_line: date | None = None  # the seed format's "date YYYY-MM-DD" line
    language: str | None = None
    paragraphs: list[Span] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    id: str = ""  # stable hash of normalised text + url, set by dedup
    story_id: str | None = None  # shared by near-duplicate copies, set by the store


@dataclass(frozen=True, slots=True)
class Problem:
    """Something a reader could not use: a whole input, or one line or record of it."""

    source: str
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


@dataclass(slots=True)
class SearchHit:
    article: Article
    score: float  # bm25, higher is better
    snippet: str
    highlights: list[Span]  # matched terms, as offsets into ``snippet``


@dataclass(frozen=True, slots=True)
class Story:
    id: str
    title: str | None
    first_published: Timestamp | None
    articles: int
    outlets: list[str]
    article_ids: list[str]


@dataclass(slots=True)
class IngestReport:
    read: int = 0
    stored: int = 0
    duplicates: int = 0
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


@dataclass(frozen=True, slots=True)
class Stats:
    articles: int
    stories: int
    outlets: int
    authors: int
    first_published: Timestamp | None
    last_published: Timestamp | None
    by_format: dict[str, int]
    top_outlets: list[tuple[str, int]]
    database: str
    schema_version: str | None


def paragraph_spans(text: str) -> list[Span]:
    """One span per non-empty line: every reader stores one paragraph per line."""
    spans = []
    start = 0
    for line in text.split("\n"):
        if line.strip():
            spans.append(Span(start, start + len(line)))
        start += len(line) + 1
    return spans
