"""Records to the JSON the API answers with: the dataclasses the CLI prints with --format json, serialised the same
way (export.records.to_dict), plus the shapes only the API has: listing pages, HTML snippets, chart points."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any

from ..export.records import to_dict
from ..model import Article, IngestReport, SearchHit, Span
from ..store import DyadPoint, TimelinePoint
from .params import Paging

LISTED_WITHOUT = ("text", "paragraphs")  # an article in a listing leaves out what only its own page needs


def page(found: Sequence[Any], paging: Paging, shape: Callable[[Any], Any] = to_dict) -> dict[str, Any]:
    """One page of a listing; ``found`` was asked with one record more than the page holds, to know if there is
    a next page without counting them all."""
    more = len(found) > paging.limit
    return {
        "items": [shape(record) for record in found[: paging.limit]],
        "limit": paging.limit,
        "offset": paging.offset,
        "next_offset": paging.offset + paging.limit if more else None,
    }


def article_summary(article: Article) -> dict[str, Any]:
    fields = to_dict(article)
    for name in LISTED_WITHOUT:
        del fields[name]
    return fields


def search_hit(hit: SearchHit) -> dict[str, Any]:
    return {**article_summary(hit.article), "score": hit.score, "snippet": snippet_html(hit.snippet, hit.highlights)}


def snippet_html(text: str, highlights: Sequence[Span]) -> str:
    """The snippet as HTML: matches in <mark>, everything else escaped, so a page can show it as it is."""
    pieces, at = [], 0
    for span in sorted(highlights, key=lambda s: s.start):
        if span.start < at:
            continue
        pieces += [html.escape(text[at : span.start]), "<mark>", html.escape(text[span.start : span.end]), "</mark>"]
        at = span.end
    pieces.append(html.escape(text[at:]))
    return "".join(pieces)


def quad_classes(quad: Sequence[int]) -> dict[str, int]:
    return {str(number): count for number, count in enumerate(quad, start=1)}


def dyad_point(point: DyadPoint) -> dict[str, Any]:
    return {
        "period": point.period,
        "start": point.start,
        "end": point.end,
        "events": point.events,
        "forward": point.forward,
        "backward": point.backward,
        "goldstein": point.goldstein,
        "quad_classes": quad_classes(point.quad),
    }


def timeline_point(point: TimelinePoint) -> dict[str, Any]:
    fields = to_dict(point)
    fields["quad_classes"] = quad_classes(fields.pop("quad"))
    return fields


def ingest_report(report: IngestReport) -> dict[str, Any]:
    return {**to_dict(report), "failed": report.failed}
