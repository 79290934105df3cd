"""Normalisers of days and times of day: calendar dates, clock times, weekdays, "yesterday" and "tonight"."""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..anchoring import cycle, nearest_day, weekday_date
from ..context import ArticleContext, Match
from ..numbers import parse_year
from ..values import Normalised, Period


def calendar_date(match: Match, context: ArticleContext) -> Normalised:
    """March 3, 3 March 2021, Feb. 21, 2022, 2021-03-03, March 1996, June last year, (early) March."""
    month = _month(match.word("m"), context)
    day = int(re.sub(r"\D", "", match.word("d")) or 0)
    year = parse_year(match.word("y")) if match.get("y") else None
    if year is None and match.get("yrel") and context.day is not None:
        year = context.day.year + context.relative(match.word("yrel"))
    if not month or (not day and year is None and not _month_alone(match, context)):
        return None
    if match.get("hh"):
        return "TIME", f"{date(year or 0, month, day).isoformat()}T{match.groups['hh']}:{match.groups['mi']}"
    if year is not None:
        return "DATE", Period(date(year, month, day or 1), "D" if day else "M")
    if context.day is None:
        return "DATE", f"XXXX-{month:02d}" + (f"-{day:02d}" if day else "")
    if not day:
        return "DATE", Period(cycle(context, match, context.day, month, 1), "M")
    weekday = context.number("weekday", match.word("wd")) or context.number("weekday_abbr", match.word("wd"))
    chosen = nearest_day(context, match, context.day, month, day, weekday)
    return ("DATE", Period(chosen, "D")) if chosen else None


def _month(word: str, context: ArticleContext) -> int:
    return int(word) if word.isdigit() else context.number("month", word) or context.number("month_abbr", word)


def _month_alone(match: Match, context: ArticleContext) -> bool:
    """A month name alone must be written in full, and one that is also a word ("may", "march") capitalised and
    not used as a verb."""
    name = match.get("m") or ""
    if context.value("month", name) is None:
        return False
    if context.value("ambiguous", name) is None:
        return True
    token = context.token(context.text.find(name, match.start, match.end))
    return name[:1].isupper() and (token is None or not (token.tag_ == "MD" or token.pos_ in ("VERB", "AUX")))


def relative_month(match: Match, context: ArticleContext) -> Normalised:
    """last April, this September, next May."""
    month = _month(match.word("m"), context)
    if not month or (context.value("ambiguous", match.word("m")) and not match.groups["m"][:1].isupper()):
        return None
    if context.day is None:
        return "DATE", f"XXXX-{month:02d}"
    return "DATE", Period(cycle(context, match, context.day, month, 1, match.word("rel")), "M")


def slash_date(match: Match, context: ArticleContext) -> Normalised:
    """3/21/2022 (month first, as US news writes it, unless the first number cannot be a month); 21.3.2022."""
    first, second, year_text = int(match.groups["a"]), int(match.groups["b"]), match.groups["y"]
    dotted = "." in context.text[match.start : match.end]
    month, day = (second, first) if dotted or first > 12 else (first, second)
    year = int(year_text)
    if len(year_text) == 2:
        year += 2000 if year < context.settings.two_digit_pivot else 1900
    return "DATE", Period(date(year, month, day), "D")


def year_end(match: Match, context: ArticleContext) -> Normalised:
    """year-end, by year's end: the last day of the year the tense points to."""
    if context.day is None:
        return "DATE", "XXXX-12-31"
    chosen = nearest_day(context, match, context.day, 12, 31)
    return ("DATE", Period(chosen, "D")) if chosen else None


def clock(match: Match, context: ArticleContext) -> Normalised:
    """3 p.m., 10:30 a.m. Tuesday, noon Thursday, 4 p.m. EST Oct. 2: on the day named, else the anchor's."""
    hour, minute = _hour(match)
    time_of_day = f"T{hour:02d}:{minute:02d}"
    if context.day is None:
        return "TIME", f"XXXX-XX-XX{time_of_day}"
    day = _day_of(match, context, context.day)
    return ("TIME", Period(day, "D", time_of_day)) if day else None


def _hour(match: Match) -> tuple[int, int]:
    named = match.word("nm")
    if named:
        return (24 if named == "midnight" else 12), 0
    hour, minute = int(match.groups["hh"]), int(match.get("mi") or 0)
    meridiem = match.word("ap").replace(".", "").replace(" ", "")
    if meridiem in ("am", "pm"):
        if not 1 <= hour <= 12:
            raise ValueError("not an hour on a twelve-hour clock")
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    return hour, minute


def _day_of(match: Match, context: ArticleContext, anchor: date) -> date | None:
    if match.get("m"):
        month, day = _month(match.word("m"), context), int(re.sub(r"\D", "", match.word("d")) or 0)
        if match.get("y"):
            return date(parse_year(match.word("y")), month, day)
        return nearest_day(context, match, anchor, month, day)
    if match.get("wd"):
        return weekday_date(context, match, anchor, context.number("weekday", match.word("wd")))
    return anchor + timedelta(days=context.number("day_offset", match.word("off")))


def weekday(match: Match, context: ArticleContext) -> Normalised:
    """Monday, last Friday, Monday morning, the previous Friday."""
    number = context.number("weekday", match.word("wd"))
    part = context.value("part_of_day", match.word("p"))
    tail = f"T{part}" if part else ""
    kind = "TIME" if tail else "DATE"
    if not number:
        return None
    if context.day is None:
        return kind, f"XXXX-WXX-{number}{tail}"
    return kind, Period(weekday_date(context, match, context.day, number), "D", tail)


def day_offset(match: Match, context: ArticleContext) -> Normalised:
    """today, yesterday, tonight, this morning, last night, yesterday afternoon, by mid afternoon."""
    word = match.word("off")
    if not word and not match.get("pre"):
        return None  # a part of day alone ("the morning") is any morning; "by mid afternoon" is today's
    offset = -1 if word == "last" else context.number("day_offset", word)
    part = context.value("part_of_day", match.word("p")) or ("NI" if word == "tonight" else None)
    tail = f"T{part}" if part else ""
    kind = "TIME" if tail else "DATE"
    if context.day is None:
        return kind, f"XXXX-XX-XX{tail}"
    return kind, Period(context.day + timedelta(days=offset), "D", tail)
