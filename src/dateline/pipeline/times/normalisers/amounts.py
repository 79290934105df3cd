"""Normalisers of amounts of time: offsets from a time ("two weeks ago", "a year earlier", "in three days") and
durations ("for two years", "the past six months")."""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..anchoring import counted_from
from ..context import ArticleContext, Match
from ..numbers import parse_number
from ..values import Normalised, Period, duration_value, shifted, start_of, unknown, whole_units


def offset(match: Match, context: ArticleContext) -> Normalised:
    """two weeks ago, a year earlier, three days from now, years ago; "earlier" counts from the last time given."""
    unit = context.value("unit", match.word("u"))
    direction = match.word("dir")
    sign = -1 if direction in ("ago", "earlier", "before") else 1
    amount = _amount(match)
    if unit is None:
        return None
    if amount is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
    count, unit = whole_units(amount, unit)
    if context.day is None:
        return "DATE", unknown(unit)
    base = counted_from(context, context.day, unit, deictic=direction in ("ago", "from now", "hence"))
    if unit in ("H", "MIN", "S"):
        return _clock_offset(context, context.day, sign * count, unit)
    if unit == "Y" and base.unit in ("Q", "H"):
        return "DATE", Period(shifted(base.day, sign * count, "Y"), base.unit)  # "a year ago" of a named quarter
    grain = "D" if unit in ("D", "W", "F") else unit  # "two weeks ago" is a day, counted back from one
    moved = shifted(base.day if grain == "D" else start_of(base.day, grain), sign * count, unit)
    return "DATE", Period.containing(moved, grain)


def _clock_offset(context: ArticleContext, anchor: date, count: int, unit: str) -> Normalised:
    if context.clock is None:
        return "DATE", Period(anchor, "D")
    moved = context.clock + timedelta(seconds=count * {"H": 3600, "MIN": 60, "S": 1}[unit])
    return "TIME", moved.replace(tzinfo=None).isoformat(timespec="minutes")  # not strftime: it writes 999, not 0999


def in_offset(match: Match, context: ArticleContext) -> Normalised:
    """in three days: a date when it is still to come; how long something took when told in the past."""
    if context.day is None or _amount(match) is None or context.tense(match) < 0:
        return duration(match, context)
    return offset(Match(match.rule, match.start, match.end, {**match.groups, "dir": "from now"}), context)


def duration(match: Match, context: ArticleContext) -> Normalised:
    """for two years, the past six months, a two-year term, several years, recent months, 2 1/2 years."""
    word = match.word("u")
    unit = context.value("unit", word)
    amount = _amount(match)
    if unit is None or not _lasting(match, context, unit):
        return None
    if amount is None and not word.endswith(("s", "ia")) and "-" not in context.text[match.start : match.end]:
        return None  # "recent months", "a several-year contract"; not "the past year"
    if amount is not None and (amount <= 0 or re.fullmatch(r"1\d\d\d|20\d\d", match.word("n"))):
        return None  # "the 1994 quarter" is no duration of 1,994 quarters
    return "DURATION", duration_value(amount, unit)


def _lasting(match: Match, context: ArticleContext, unit: str) -> bool:
    """Amounts of a unit that are no stretch of time: ages ("52 years old"), fractions ("three-quarters of",
    "a quarter of"), an ordinal ("a second group")."""
    following = context.after(match)
    if following == "old":
        return False
    if unit == "Q" and (following == "of" or "-quarters" in context.text[match.start : match.end].lower()):
        return False
    return not (match.word("u") == "second" and match.word("n") in ("", "a", "an", "one"))


def _amount(match: Match) -> float | None:
    """The number of units, or None for a vague quantity ("several", "recent")."""
    if match.get("v") is not None and not match.get("n"):
        return None
    amount = parse_number(match.word("n") or "a")
    return amount + 0.5 if amount is not None and match.get("half") else amount
