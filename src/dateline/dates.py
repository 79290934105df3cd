"""The one place dates and times are read and written.

News sites print times with zone abbreviations ("10:24 PM BdST") that general parsers misread
(dateparser takes BdST for +02:00). We read the abbreviation ourselves from data/zones.tsv.
Results are UTC: a ``datetime`` when a time of day was given, a ``date`` when only the day was.
A time without any zone is taken as UTC; a naive time of exactly midnight is taken as a bare date,
because feeds and scrapers pad day-only dates with 00:00:00.
"""

from __future__ import annotations

import email.utils
import re
import warnings
from datetime import UTC, date, datetime, timedelta, timezone
from functools import cache

from dateutil import parser as dateutil_parser

from . import data
from .errors import DateError
from .model import Timestamp

_LABEL = re.compile(r"^\s*(?:first\s+|last\s+)?(?:published|updated|posted|modified|date)\s*(?:on|at)?\s*:?\s*", re.I)
_TIME = re.compile(r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?|\d{1,2}\s*[ap]\.?m\b", re.I)
_ZONE_AFTER_TIME = re.compile(
    r"(?P<time>\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)\s*\(?(?P<zone>[A-Za-z]{1,5})\)?\s*$",
    re.I,
)
_YEAR = re.compile(r"\b\d{4}\b")
_NOT_ZONES = {"AM", "PM", "A", "P", "M"}


@cache
def zones() -> dict[str, timezone]:
    """Zone abbreviation (upper case) -> fixed offset, from data/zones.tsv."""
    table: dict[str, timezone] = {}
    for abbreviation, offset, _meaning in data.rows("zones.tsv"):
        sign = -1 if offset[0] == "-" else 1
        hours, minutes = offset[1:].split(":")
        table[abbreviation.upper()] = timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)))
    return table


def parse_timestamp(text: str) -> Timestamp:
    """Read a publication date or time as printed by a news site, a feed, or ISO 8601.

    Raises DateError naming the reason; when only the zone was unreadable, ``date_only`` holds the day.
    """
    cleaned = _LABEL.sub("", text).strip().rstrip(".,;")
    if not cleaned:
        raise DateError(text, "empty")
    iso = _from_iso(cleaned)
    if iso is not None:
        return iso
    rfc = _from_rfc2822(cleaned)
    if rfc is not None:
        return rfc
    return _from_words(text, cleaned)


def _from_iso(text: str) -> Timestamp | None:
    if not re.match(r"^\d{4}-\d{2}-\d{2}", text):
        return None
    try:
        parsed = datetime.fromisoformat(text.replace(" UTC", "Z"))
    except ValueError:
        return None
    if len(text) == 10:
        return parsed.date()
    return _to_utc(parsed, text)


def _from_rfc2822(text: str) -> Timestamp | None:
    if not re.match(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{2}:\d{2}(?::\d{2})?\s+[-+]\d{4}$", text):
        return None
    try:
        return _to_utc(email.utils.parsedate_to_datetime(text), text)
    except (TypeError, ValueError):
        return None


def _from_words(original: str, text: str) -> Timestamp:
    if not _YEAR.search(text):
        raise DateError(original, "no year")
    zone: timezone | None = None
    match = _ZONE_AFTER_TIME.search(text)
    if match and match.group("zone").upper() not in _NOT_ZONES:
        abbreviation = match.group("zone")
        zone = zones().get(abbreviation.upper())
        if zone is None:
            day = _dateutil(original, text[: match.start("time")]).date()
            raise DateError(original, f"unknown time-zone abbreviation {abbreviation!r}", day)
        text = text[: match.start("zone")].rstrip(" (")
    parsed = _dateutil(original, text)
    if not _TIME.search(text):
        return parsed.date()
    if zone is not None:
        parsed = parsed.replace(tzinfo=zone)
    return _to_utc(parsed, original)


def _dateutil(original: str, text: str) -> datetime:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an unknown zone name must not pass silently
        try:
            parsed = dateutil_parser.parse(text, default=datetime(2000, 1, 1))
        except (ValueError, OverflowError, Warning) as error:
            raise DateError(original, str(error) or "not a date") from None
    return _as_written(original, text, parsed)


def _as_written(original: str, text: str, parsed: datetime) -> datetime:
    """dateutil reads a four-digit year below 100 as two digits of this century ("1 Jan 0001" -> 2001): where the text
    writes one year in four digits, that year is the one meant."""
    written = sorted({int(year) for year in _YEAR.findall(text)})
    if len(written) != 1 or written[0] == parsed.year:
        return parsed
    try:
        return parsed.replace(year=written[0])
    except ValueError:
        raise DateError(original, f"no such day in the year {written[0]:04}") from None


def _to_utc(value: datetime, original: str) -> Timestamp:
    if value.tzinfo is None:
        if value.hour == value.minute == value.second == value.microsecond == 0:
            return value.date()
        return value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except (ValueError, OverflowError) as error:  # an offset of a day or more; a time before year 1 or after 9999
        raise DateError(original, f"no such time in UTC ({error})") from None


def to_iso(value: Timestamp | None) -> str | None:
    """The stored form: 2022-02-21T16:24:00Z for a time, 2022-02-21 for a day, the year always in four digits (0999),
    so that stored values sort as the times they name and read back."""
    if value is None:
        return None
    if isinstance(value, datetime):
        # not strftime("%Y"): it writes the year 999 as "999"
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="seconds") + "Z"
    return value.isoformat()


def from_iso(value: str | None) -> Timestamp | None:
    """A stored date or time read back; DateError for a value that is not in the stored form."""
    if not value:
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        return datetime.fromisoformat(value)
    except ValueError:
        raise DateError(value, "not in the stored form (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)") from None


def shifted(day: date, days: int) -> date | None:
    """The day ``days`` later (earlier when negative); None past the ends of the calendar (0001-01-01, 9999-12-31)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def parse_bound(text: str, *, end: bool) -> str | None:
    """A --since/--until bound as a stored-form string; a bare --until day includes that whole day, so it is the
    day after. None for an --until of the last day there is (9999-12-31): no day follows it, and no stored date
    is later, so the range has no end."""
    try:
        value = parse_timestamp(text)
    except DateError as error:
        raise DateError(text, f"{error.reason} (use YYYY-MM-DD or an ISO 8601 time)") from None
    if isinstance(value, datetime):
        return to_iso(value)
    if end:
        after = shifted(value, 1)
        return after.isoformat() if after else None
    return value.isoformat()
