"""Query parameters shared by several endpoints, checked before any query runs: paging, date bounds, actor pairs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Query

from .. import dates
from ..errors import DateError
from .errors import BadParameter

MAX_LIMIT = 500

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Records per page (at most 500).")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Records to skip: the previous page's next_offset.")]
Since = Annotated[
    str | None, Query(description="On or after this day or time (YYYY-MM-DD or ISO 8601).", max_length=64)
]
Until = Annotated[str | None, Query(description="On or before this day (inclusive) or time.", max_length=64)]
Actor = Annotated[
    str | None, Query(description="An actor code prefix (RUS is RUSGOV and RUSMIL) or a name.", max_length=200)
]
Text = Annotated[str | None, Query(max_length=500)]
MinConfidence = Annotated[
    float | None,
    Query(
        ge=0,
        le=1,
        description="Only facts at least this sure (0: every fact). By default the server's setting, 0.5: what "
        "was more often right than wrong in the hand audits.",
    ),
]


@dataclass(frozen=True, slots=True)
class Paging:
    limit: int
    offset: int


def paging(limit: Limit = 20, offset: Offset = 0) -> Paging:
    return Paging(limit, offset)


@dataclass(frozen=True, slots=True)
class DateRange:
    since: str | None  # as given: the library reads them (checked here so an error can name the parameter)
    until: str | None


def date_range(since: Since = None, until: Until = None) -> DateRange:
    return DateRange(_checked("since", since, end=False), _checked("until", until, end=True))


def _checked(name: str, value: str | None, *, end: bool) -> str | None:
    if not value:
        return None
    try:
        dates.parse_bound(value, end=end)
    except DateError as error:
        raise BadParameter(name, str(error)) from None
    return value


def actor_pair(name: str, value: str) -> tuple[str, str]:
    """Two actors written "A,B"."""
    first, comma, second = value.partition(",")
    if not comma or not first.strip() or not second.strip() or "," in second:
        raise BadParameter(name, f"{value!r}: give two actors separated by a comma, e.g. RUS,USA")
    return first.strip(), second.strip()
