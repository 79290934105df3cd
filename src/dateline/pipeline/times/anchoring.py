"""Which occurrence a time names: of a recurring name ("Monday", "March", "the third quarter"), the one the relative
word or the tense points to around the anchor; of an anaphoric one, the one counted from the last time the text
gave or the quarter a report is about."""

from __future__ import annotations

from datetime import date, timedelta

from .context import ArticleContext, Match
from .values import Period, coarser, shifted


def nearest_day(
    context: ArticleContext, match: Match, anchor: date, month: int, day: int, weekday: int = 0
) -> date | None:
    """The date of ``month``/``day`` around the anchor that the tense points to; when the text also names the
    weekday ("Friday, June 12"), the year in which the date falls on it."""
    options = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    if not options:
        return None
    fitting = [option for option in options if option.isoweekday() == weekday]
    return _pick([(option, option) for option in fitting or options], anchor, context.tense(match), None)


def cycle(context: ArticleContext, match: Match, anchor: date, first_month: int, months: int, rel: str = "") -> date:
    """Of the periods ``months`` long that start each year in ``first_month`` (a month, a quarter, a season),
    the one the words (last, next, this, this past, this coming) or else the tense point to."""
    firsts = [date(year, first_month, 1) for year in range(anchor.year - 1, anchor.year + 2)]
    spans = [(first, shifted(first, months, "M") - timedelta(days=1)) for first in firsts]
    if rel in ("this coming", "this past"):
        return _pick(spans, anchor, 1 if rel == "this coming" else -1, None)
    if not rel:
        against = None if months < 3 else context.settings.against_tense_days
        return _pick(spans, anchor, context.tense(match), against)
    step = context.relative(rel)
    if step < 0:
        return max(first for first, last in spans if last < anchor)
    if step > 0:
        return min(first for first, _ in spans if first > anchor)
    return next((first for first, last in spans if first <= anchor <= last), firsts[1])


def _pick(spans: list[tuple[date, date]], anchor: date, tense: int, against_tense: int | None) -> date:
    """The start of the period (first, last day) the tense points to, counting one against the tense as
    ``against_tense`` days further (None: strictly the tense's); without a tense the nearest, on a tie the earlier one,
    as news mostly reports what has happened."""

    def cost(span: tuple[date, date]) -> tuple[int, bool]:
        first, last = span
        if first <= anchor <= last:
            return 0, False
        after = first > anchor
        gap = (first - anchor).days if after else (anchor - last).days
        against = (tense < 0 and after) or (tense > 0 and not after)
        return gap + ((10_000 if against_tense is None else against_tense) if against else 0), after

    return min(spans, key=cost)[0]


def weekday_date(context: ArticleContext, match: Match, anchor: date, number: int) -> date:
    """ "last"/"this past" before, "next"/"this" on or after ("next" strictly); "the previous" counts from the day
    the text last gave; otherwise the tense decides, and without one the past unless at most two days ahead."""
    rel = match.word("rel")
    base = context.reference.day if rel.startswith("the ") and context.reference is not None else anchor
    back = (base.isoweekday() - number) % 7
    ahead = (number - base.isoweekday()) % 7
    if rel:
        if context.relative(rel) < 0:
            return base - timedelta(days=back or (0 if rel == "this past" else 7))
        return base + timedelta(days=ahead or (0 if rel.startswith("this") else 7))
    tense = context.tense(match)
    if tense < 0 or (tense == 0 and ahead > context.settings.weekday_ahead_days):
        return base - timedelta(days=back)
    return base + timedelta(days=ahead)


def topic(context: ArticleContext, anchor: date) -> Period | None:
    """The quarter or half a report is about: the last one named, if it is within a year (topic_days) of the anchor."""
    named = context.topic
    return named if named is not None and abs((named.day - anchor).days) <= context.settings.topic_days else None


def reported_quarter(context: ArticleContext, match: Match, anchor: date) -> Period:
    """The quarter a report is about: the last one it named, else the last one completed (results come after)."""
    named = topic(context, anchor)
    if named is not None and named.unit == "Q" and shifted(named.day, 1, "Q") <= anchor:
        return named
    return Period.containing(anchor, "Q", -1 if context.tense(match) <= 0 else 0)


def counted_from(context: ArticleContext, anchor: date, unit: str, *, deictic: bool) -> Period:
    """ "ago" counts from the anchor, "earlier" from the last time given; years from the quarter reported on."""
    named = topic(context, anchor)
    if unit == "Y" and named is not None:
        return named
    if not deictic and context.reference is not None and not coarser(context.reference.unit, unit):
        return context.reference
    return Period(anchor, "D")
