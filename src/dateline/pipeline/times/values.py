"""TIMEX3 values: calendar periods and how they are written, durations, and the granularity a value gives."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

REF_VALUES = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")
SEASONS = ("SP", "SU", "FA", "WI")  # in the order they start: March, June, September, December
MONTHS_PER = {"M": 1, "Q": 3, "H": 6, "Y": 12, "DE": 120, "CE": 1200}
_FINENESS = ("D", "W", "M", "Q", "H", "Y", "DE", "CE")
_SMALLER = {"Y": ("M", 12), "DE": ("Y", 10), "CE": ("Y", 100), "ML": ("Y", 1000), "Q": ("M", 3), "M": ("D", 30),
            "F": ("D", 14), "W": ("D", 7), "D": ("H", 24), "H": ("MIN", 60), "MIN": ("S", 60)}  # fmt: skip
_GRANULARITY_SHAPES = (
    (r"[\dX]{4}-[\dX]{2}-[\dX]{2}", "day"),
    (r"[\dX]{4}-W[\dX]{2}(-\d|-WE)?", "week"),
    (r"[\dX]{4}-[\dX]{2}", "month"),
    (r"[\dX]{4}-(Q[\dX]|H\d|SP|SU|FA|WI)", "quarter"),
    (r"[\dX]{4}", "year"),
    (r"[\dX]{3}", "decade"),
    (r"[\dX]{2}", "century"),
)


def granularity(kind: str, value: str) -> str:
    """The precision a TIMEX3 value gives, read from the value itself."""
    if kind in ("DURATION", "SET"):
        return kind.lower()
    if value in REF_VALUES:
        return "reference"
    if "T" in value[4:]:
        return "time"
    return next((name for shape, name in _GRANULARITY_SHAPES if re.fullmatch(shape, value)), "day")


@dataclass(frozen=True, slots=True)
class Period:
    """A calendar period: the day it starts on, its unit (D W M Q H Y DE CE), and a suffix (TMO, T15:00, -WE)."""

    day: date
    unit: str
    tail: str = ""

    @classmethod
    def containing(cls, day: date, unit: str, count: int = 0) -> Period:
        """The ``unit`` containing ``day``, moved by ``count`` of them ("last week": the anchor's week, -1)."""
        grain = "W" if unit == "F" else unit
        return cls(start_of(shifted(start_of(day, grain), count, grain), grain), grain)

    @property
    def value(self) -> str:
        day, unit = self.day, self.unit
        if unit == "D":
            head = day.isoformat()
        elif unit == "W":
            year, week, _ = day.isocalendar()
            head = f"{year:04d}-W{week:02d}"
        elif unit == "M":
            head = f"{day.year:04d}-{day.month:02d}"
        elif unit in ("Q", "H"):
            head = f"{day.year:04d}-{unit}{(day.month - 1) // MONTHS_PER[unit] + 1}"
        elif unit in ("DE", "CE"):
            head = f"{day.year // 10:03d}" if unit == "DE" else f"{day.year // 100:02d}"
        else:
            head = f"{day.year:04d}"
        return head + self.tail


# What a normaliser gives: a TIMEX3 type and its value, written out or as the period it names; None for no time.
Normalised = tuple[str, str | Period] | None


def start_of(day: date, unit: str) -> date:
    """The first day of the ``unit`` that contains ``day``."""
    if unit == "D":
        return day
    if unit == "W":
        return day - timedelta(days=day.weekday())
    if unit in ("DE", "CE"):
        years = 10 if unit == "DE" else 100
        return date(max(1, day.year // years * years), 1, 1)
    months = MONTHS_PER.get(unit, 12)
    return date(day.year, (day.month - 1) // months * months + 1, 1)


def shifted(day: date, count: int, unit: str) -> date:
    """``day`` moved by ``count`` units; days, weeks and fortnights exactly, longer units by calendar months."""
    if unit in ("D", "W", "F"):
        return day + timedelta(days=count * {"D": 1, "W": 7, "F": 14}[unit])
    months = day.year * 12 + day.month - 1 + count * MONTHS_PER.get(unit, 12)
    year, month = divmod(months, 12)
    return date(year, month + 1, min(day.day, 28))


def unknown(unit: str) -> str:
    """The TIMEX3 value of a period of ``unit`` whose place in time is unknown."""
    return {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "F": "XXXX-WXX", "M": "XXXX-XX", "Q": "XXXX-QX", "DE": "XXX",
            "CE": "XX"}.get(unit, "XXXX")  # fmt: skip


def coarser(unit: str, than: str) -> bool:
    return _FINENESS.index(unit if unit in _FINENESS else "D") > _FINENESS.index(than if than in _FINENESS else "D")


def whole_units(amount: float, unit: str) -> tuple[int, str]:
    """A count of whole units: 1.5 years is 18 months."""
    while not float(amount).is_integer() and unit in _SMALLER:
        unit, factor = _SMALLER[unit]
        amount *= factor
    return round(amount), unit


def duration_value(amount: float | None, unit: str) -> str:
    """P2Y, P2Y6M, PT1M30S, P20Y for two decades, PXY for several years."""
    if amount is None:
        return {"S": "PTXS", "MIN": "PTXM", "H": "PTXH", "F": "PXW"}.get(unit, f"PX{unit}")
    parts: list[tuple[float, str]] = []
    whole = int(amount)
    if whole:
        parts.append((whole, unit))
    if amount - whole:
        smaller, factor = _SMALLER.get(unit, (unit, 1))
        parts.append((round((amount - whole) * factor, 2), smaller))
    date_part = "".join(_unit_value(n, u) for n, u in parts if u not in ("H", "MIN", "S"))
    time_part = "".join(_unit_value(n, u) for n, u in parts if u in ("H", "MIN", "S"))
    return "P" + date_part + ("T" + time_part if time_part else "")


def _unit_value(amount: float, unit: str) -> str:
    number = int(amount) if float(amount).is_integer() else amount
    factor, letter = {"F": (2, "W"), "DE": (10, "Y"), "CE": (100, "Y"), "ML": (1000, "Y"), "MIN": (1, "M")}.get(
        unit, (1, unit)
    )
    return f"{number * factor}{letter}"
