"""The times stage's settings: where a recurring name falls around the anchor, and how numbers are read as years."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TimeSettings:
    """Choices the normalisers make where the text does not say; the defaults fit English news of the last decades."""

    # A quarter, half or season named without its year is taken in the direction of the tense unless the other
    # direction is this many days nearer: companies "plan to publish second-quarter results" once the quarter is over.
    against_tense_days: int = 200
    weekday_ahead_days: int = 2  # a weekday with no tense is the past one, unless the next one is at most this far
    topic_days: int = 365  # a quarter or half named this many days or fewer from the anchor is what a report is about
    modifier_chars: int = 48  # characters before an expression a modifier ("about", "the end of") may start at
    bare_year_from: int = 1600  # a bare four-digit number from this on is a year; below it only after "in", "since" ...
    two_digit_pivot: int = 50  # a two-digit year below this is in the 2000s, from it in the 1900s ("3/21/98": 1998)
    unanchored_year: int = 1999  # "now" for an article with no date: "the '80s" is the latest such decade by then
