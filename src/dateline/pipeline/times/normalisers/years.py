"""Normalisers of years and what they are made of or make up: quarters, halves, seasons, years, decades, centuries."""

from __future__ import annotations

import re
from datetime import date

from ..anchoring import cycle, reported_quarter
from ..context import ArticleContext, Match
from ..numbers import parse_year
from ..values import MONTHS_PER, SEASONS, Normalised, Period


def quarter(match: Match, context: ArticleContext) -> Normalised:
    """the fourth quarter, third-quarter, the 1994 second quarter, next year's third quarter, Q3 2021."""
    which = match.word("q")
    if not which and context.day is not None:  # "the 1994 quarter": the quarter being reported on, in 1994
        which = str((reported_quarter(context, match, context.day).day.month - 1) // 3 + 1)
    return _part_of_year(match, context, "Q", which)


def half(match: Match, context: ArticleContext) -> Normalised:
    """the first half, the second half of 1998."""
    if context.after(match) == "of" and not (match.get("y2") or match.get("yrel2")):
        return None  # "the first half of the match"
    return _part_of_year(match, context, "H", match.word("h"))


def _part_of_year(match: Match, context: ArticleContext, unit: str, which: str) -> Normalised:
    index = int(which) if which.isdigit() else context.number("ordinal", which)
    if which == "last":
        index = 12 // MONTHS_PER[unit]
    if not 1 <= index <= 12 // MONTHS_PER[unit]:
        return None
    first_month = (index - 1) * MONTHS_PER[unit] + 1
    year = _year_of(match, context)
    if year is not None:
        return "DATE", Period(date(year, first_month, 1), unit)
    if context.day is None:
        return "DATE", f"XXXX-{unit}{index}"
    return "DATE", Period(cycle(context, match, context.day, first_month, MONTHS_PER[unit]), unit)


def _year_of(match: Match, context: ArticleContext) -> int | None:
    """The year a part of a year is in, when the expression says: "1994", "of 1994", "last year's", "year-ago"."""
    year = next((parse_year(match.word(key)) for key in ("y", "y2") if match.get(key)), None)
    if year is None and context.day is not None:
        rel = next((match.word(key) for key in ("yrel", "yrel2") if match.get(key)), None)
        year = context.day.year + context.relative(rel) if rel else None
    if match.get("ya") and context.day is not None:  # "the year-ago second quarter"
        year = (year or (context.reference or Period(context.day, "D")).day.year) - 1
    return year


def season(match: Match, context: ArticleContext) -> Normalised:
    """this summer, last fall, the winter of 1987, the early autumn."""
    code = context.value("season", match.word("s"))
    rel = match.word("rel")
    if code is None or not (rel or match.get("y")):
        return None
    if not match.get("y") and context.after(match) == "of":
        return None  # "the fall of the Berlin Wall"
    if match.get("y"):
        return "DATE", f"{parse_year(match.word('y')):04d}-{code}"
    if context.day is None:
        return "DATE", f"XXXX-{code}"
    if rel == "that" and context.reference is not None:
        return "DATE", f"{context.reference.day.year:04d}-{code}"
    first_month = 3 + 3 * SEASONS.index(code)
    chosen = cycle(context, match, context.day, first_month, 3, "" if rel in ("the", "that") else rel)
    return "DATE", f"{chosen.year:04d}-{code}"


def year_expression(match: Match, context: ArticleContext) -> Normalised:
    """1998, fiscal 1991, the year two thousand and five, nineteen eighty-two, mid-1983."""
    year = parse_year(match.word("y"))
    if match.rule.name == "year" and not _calendar_year(match, context, year):
        return None
    return "DATE", Period(date(year, 1, 1), "Y")


def _calendar_year(match: Match, context: ArticleContext, year: int) -> bool:
    """A bare four-digit number is a year unless it is an amount or the entity recogniser read it as a count."""
    before = context.text[max(0, match.start - 1) : match.start]
    after = context.text[match.end : match.end + 2]
    if before in ("$", "£", "€", "#") or after.startswith("%") or re.match(r"[.,]\d", after):
        return False
    token = context.token(context.text.find(match.groups["y"], match.start))
    if token is not None and token.ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL"):
        return False
    if year >= context.settings.bare_year_from:
        return True
    return context.before(match) in ("in", "since", "of", "by", "until", "from", "to", "before")


def decade(match: Match, context: ArticleContext) -> Normalised:
    """the 1990s, the '90s, the nineties, the early 1980s; the 1800s is a century."""
    if match.get("y"):
        year = int(match.groups["y"])
        return "DATE", f"{year // 100:02d}" if year % 100 == 0 else f"{year // 10:03d}"
    if match.get("dw"):
        digit = context.number("decade_word", match.word("dw"))
        century = {"eighteen": 18, "nineteen": 19, "twenty": 20}.get(match.word("c"))
    else:
        digit, century = int(match.groups["yy"][0]), None
    if century is None:  # the latest such decade that has begun
        now = context.day.year if context.day else context.settings.unanchored_year
        century = now // 100 if now // 100 * 100 + digit * 10 <= now else now // 100 - 1
    return "DATE", f"{century:02d}{digit}"


def century(match: Match, context: ArticleContext) -> Normalised:
    """the 20th century, the eleventh century."""
    word = match.word("c")
    number = int(word) if word.isdigit() else context.number("ordinal", word)
    return ("DATE", f"{number - 1:02d}") if 1 <= number <= 30 else None
