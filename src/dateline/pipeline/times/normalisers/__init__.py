"""The normalisers: one small function per kind of expression, turning a rule's match into a TIMEX3 type and value
(or None: no time after all). A rule of data/timex_rules.tsv names its normaliser in its "handler" column, by the
normaliser's key in HANDLERS."""

from __future__ import annotations

from collections.abc import Callable

from ..context import ArticleContext, Match
from ..values import Normalised
from .amounts import duration, in_offset, offset
from .dates import calendar_date, clock, day_offset, relative_month, slash_date, weekday, year_end
from .periods import named_period, year_ago
from .references import reference
from .sets import recurring
from .years import century, decade, half, quarter, season, year_expression

Normaliser = Callable[[Match, ArticleContext], Normalised]

HANDLERS: dict[str, Normaliser] = {
    "date": calendar_date,
    "relative_month": relative_month,
    "slash_date": slash_date,
    "year_end": year_end,
    "clock": clock,
    "weekday": weekday,
    "day_offset": day_offset,
    "quarter": quarter,
    "half": half,
    "season": season,
    "year": year_expression,
    "decade": decade,
    "century": century,
    "period": named_period,
    "year_ago": year_ago,
    "offset": offset,
    "in_offset": in_offset,
    "duration": duration,
    "set": recurring,
    "reference": reference,
}
