"""Normalisers of periods named by their unit ("last week", "that year", "the weekend", "the year-ago quarter"),
counted from the anchor or from the last time the text gave."""

from __future__ import annotations

from datetime import date, timedelta

from ..anchoring import reported_quarter, topic
from ..context import ArticleContext, Match
from ..values import Normalised, Period, coarser, shifted, start_of, unknown

_ANAPHORIC = {"that": 0, "the same": 0, "the following": 1, "the next": 1, "the previous": -1, "the preceding": -1,
              "the prior": -1}  # fmt: skip


def named_period(match: Match, context: ArticleContext) -> Normalised:
    """last week, this month, next year, the following day, that year, the end of the month, the weekend,
    the quarter, for the year (ended ...)."""
    word = match.word("u")
    unit = {"weekend": "WE", "period": "Q"}.get(word) or context.value("unit", word) or ""
    rel = match.word("rel")
    whole = rel in ("the", "the full", "the entire", "the whole")
    if unit in ("", "H", "MIN", "S", "F", "ML") or word.endswith("s") or not (rel or match.get("pre")):
        return None
    if unit == "D" and rel not in _ANAPHORIC:
        return None
    if whole and not match.get("pre") and (unit not in ("Q", "WE", "Y") or context.after(match) == "of"):
        return None
    if unit == "Y" and whole and context.after(match) in ("ended", "ending", "to"):
        return "DURATION", "P1Y"  # "for the year ended June 30": a stretch of a year
    if context.day is None:
        return "DATE", unknown("W" if unit == "WE" else unit) + ("-WE" if unit == "WE" else "")
    if unit == "WE":
        return "DATE", _weekend(match, context, context.day, rel)
    if rel in _ANAPHORIC and (unit == "D" or rel != "the next"):  # "the next day" follows one; "the next year" is ours
        return _anaphoric(context, context.day, unit, _ANAPHORIC[rel])
    if unit == "Q" and (whole or rel in ("the latest", "the most recent", "the same")):
        return "DATE", reported_quarter(context, match, context.day)
    return "DATE", Period.containing(context.day, unit, context.relative(rel))


def _anaphoric(context: ArticleContext, anchor: date, unit: str, step: int) -> Normalised:
    """From the last time the text gave, when it was at least as precise, else from the anchor."""
    base = context.reference or Period(anchor, "D")
    if coarser(base.unit, unit):
        return None  # "that day" after "in 1987" names no day
    return "DATE", Period.containing(base.day, unit, step)


def _weekend(match: Match, context: ArticleContext, anchor: date, rel: str) -> Period:
    """On a weekend, "the weekend" is that one; else the coming one, or the last one when told in the past."""
    step = context.relative(rel) if rel not in ("the", "") else 0
    if step == 0 and anchor.isoweekday() < 6 and context.tense(match) < 0:
        step = -1
    return Period(start_of(anchor, "W") + timedelta(weeks=step), "W", "-WE")


def year_ago(match: Match, context: ArticleContext) -> Normalised:
    """the year-ago quarter, the same period last year, year-earlier: the period reported on, a year before."""
    if context.day is None:
        return "DATE", "XXXX"
    base = topic(context, context.day)
    if base is None:
        quarterly = match.word("u") == "quarter"
        base = reported_quarter(context, match, context.day) if quarterly else Period(context.day, "Y")
    return "DATE", Period(shifted(base.day, -1, "Y"), base.unit)
