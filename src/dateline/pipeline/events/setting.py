"""6. When and where: the date a time expression in the sentence gives an event, and the place the text puts it in."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from datetime import date, datetime

from spacy.tokens import Span, Token

from ...model import EventPlace, Place, TimeExpr
from .reading import Actor, Reading

LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "across", "around", "throughout", "within"})

_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W\d{2}|-Q\d|-H\d)?(?:T.*)?$")


def dated(expression: TimeExpr) -> bool:
    """Whether a time expression gives a date an event can take (not a duration or a set)."""
    return _ISO_DATE.match(expression.value) is not None


def day_of(value: date | datetime | None) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value


def event_date(reading: Reading, sentence: Span, token: Token) -> tuple[str, str, str]:
    """The date a time expression in the sentence gives (the nearest in the parse), else the publication day."""
    low = bisect_left(reading.time_starts, sentence.start_char)
    high = bisect_right(reading.time_starts, sentence.end_char)
    best_time: TimeExpr | None = None
    best_distance = 1_000
    for expression in reading.times[low:high]:
        if expression.type not in ("DATE", "TIME"):
            continue
        span = _char_span(reading, expression.start, expression.end)
        if span is None:
            continue
        distance = _distance(token, span.root)
        if distance < best_distance:
            best_time, best_distance = expression, distance
    if best_time is not None:
        value = best_time.value.split("T", 1)[0]
        precision = "day" if best_time.granularity == "time" else best_time.granularity
        return value, precision, "text"
    if reading.published is not None:
        return reading.published.isoformat(), "day", "published"
    return "", "", "unknown"


def _char_span(reading: Reading, start: int, end: int) -> Span | None:
    """The tokens of a time or place, found once per article."""
    if (start, end) not in reading.spans:
        reading.spans[start, end] = reading.doc.char_span(start, end, alignment_mode="expand")
    return reading.spans[start, end]


def _distance(a: Token, b: Token) -> int:
    """Edges between two tokens in the dependency tree."""
    above: dict[int, int] = {}
    current, steps = a, 0
    while True:
        above[current.i] = steps
        if current.head.i == current.i or steps > 40:
            break
        current, steps = current.head, steps + 1
    current, steps = b, 0
    while steps <= 40:
        if current.i in above:
            return above[current.i] + steps
        if current.head.i == current.i:
            break
        current, steps = current.head, steps + 1
    return 1_000


def event_place(
    reading: Reading, sentence: Span, tokens: Sequence[Token], actors: Sequence[Actor | None]
) -> EventPlace | None:
    """A place the text puts the event in: the object of "in", "at", "near" ... on the trigger or its object."""
    located = act_location(reading, sentence, tokens, actors)
    if located is None:
        return None
    place = located[0]
    return EventPlace(place.name, place.country, place.lat, place.lon)


def act_location(
    reading: Reading, sentence: Span, tokens: Sequence[Token], actors: Sequence[Actor | None]
) -> tuple[Place, Span] | None:
    low = bisect_left(reading.place_starts, sentence.start_char)
    high = bisect_right(reading.place_starts, sentence.end_char)
    if low == high:
        return None
    anchors = {t.i for t in tokens}
    taken = [(a.start, a.end) for a in actors if a is not None]
    for place in reading.places[low:high]:
        span = _char_span(reading, place.start, place.end)
        if span is None or any(s < span.end and span.start < e for s, e in taken):
            continue
        head = span.root
        prep = head.head
        if head.dep_ != "pobj" or prep.lower_ not in LOCATIVE:
            continue
        attached = prep.head
        if attached.i in anchors or (attached.dep_ in ("dobj", "pobj", "nsubjpass") and attached.head.i in anchors):
            return place, span
    return None
