"""GDELT 2.0's event table: its 61 columns, tab-separated, in GDELT's order, so existing GDELT tooling reads
dateline's events. Columns dateline does not know (tone, religion and ethnic codes, FIPS country codes, ADM codes)
are left empty."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import IO, Any

from ..reference import geography
from ..store import ExportRow

GDELT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *[f"Actor{n}{part}" for n in (1, 2) for part in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
        "Type1Code", "Type2Code", "Type3Code")],
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *[f"{geo_}_{part}" for geo_ in ("Actor1Geo", "Actor2Geo", "ActionGeo") for part in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")],
    "DATEADDED", "SOURCEURL",
]  # fmt: skip


def write(rows: Iterable[ExportRow], out: IO[str]) -> int:
    """GDELT's files are plain tab-separated lines: no quoting, so no tabs or newlines in a field."""
    count = 0
    for row in rows:
        out.write("\t".join(_plain(value) for value in gdelt_row(row)) + "\n")
        count += 1
    return count


def gdelt_row(row: ExportRow) -> list[Any]:
    event = row.event
    day = date.fromisoformat(event.date[:10]) if len(event.date) >= 10 else None
    year = int(event.date[:4])
    fraction = year + ((day.timetuple().tm_yday - 1) / 365 if day else 0.0)
    values: dict[str, Any] = {
        "GLOBALEVENTID": row.number,
        "SQLDATE": event.date.replace("-", "")[:8].ljust(8, "0"),
        "MonthYear": event.date.replace("-", "")[:6].ljust(6, "0"),
        "Year": year,
        "FractionDate": f"{fraction:.4f}",
        "IsRootEvent": int(row.in_lead),
        "EventCode": event.code,
        "EventBaseCode": event.code[:3],
        "EventRootCode": event.root,
        "QuadClass": event.quad_class,
        "GoldsteinScale": event.goldstein,
        "NumMentions": event.num_mentions,
        "NumSources": event.num_sources,
        "NumArticles": event.num_articles,
        "DATEADDED": row.added.replace("-", "").replace(":", "").replace("T", "").rstrip("Z")[:14],
        "SOURCEURL": row.url or "",
    }
    for n, actor in ((1, event.source), (2, event.target)):
        code = actor.code if actor and actor.code else ""
        country = code[:3] if geography.country(code[:3]) else ""
        values |= {
            f"Actor{n}Code": code,
            f"Actor{n}Name": (actor.name or "").upper() if actor else "",
            f"Actor{n}CountryCode": country,
            f"Actor{n}Type1Code": code[len(country) : len(country) + 3] if code else "",
        }
    if event.place is not None:
        values |= {
            "ActionGeo_Type": 1 if _is_country(event.place.name, event.place.country) else 4,
            "ActionGeo_FullName": event.place.name,
            "ActionGeo_Lat": event.place.lat,
            "ActionGeo_Long": event.place.lon,
        }
    return ["" if values.get(column) is None else values.get(column, "") for column in GDELT_COLUMNS]


def _is_country(name: str, code: str | None) -> bool:
    found = geography.country(code)
    return found is not None and found.name == name


def _plain(value: Any) -> str:
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)
