"""Events out, for other tools: GDELT 2.0 event tables, Parquet, CSV and JSON Lines.

The `gdelt` format writes the 61 columns of GDELT 2.0's event table, tab-separated, in GDELT's order, so existing
GDELT tooling reads dateline's output. Columns dateline does not know (tone, religion and ethnic codes, FIPS
country codes, ADM codes) are left empty.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

from .errors import DatelineError
from .pipeline import geo
from .render import to_dict
from .store.events import ExportRow

FORMATS = ("gdelt", "parquet", "csv", "jsonl")

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


def write(rows: Iterable[ExportRow], fmt: str, out: IO[str] | Path) -> int:
    """Write events in ``fmt`` to a text stream (gdelt, csv, jsonl) or a file path (any); returns the count."""
    if fmt == "parquet":
        if not isinstance(out, Path):
            raise DatelineError("parquet is written to a file: give --output FILE")
        return _parquet(rows, out)
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as stream:
            return write(rows, fmt, stream)
    if fmt == "gdelt":  # GDELT's files are plain tab-separated lines: no quoting, so no tabs or newlines in a field
        return _count(out.write("\t".join(_plain(value) for value in gdelt_row(row)) + "\n") for row in rows)
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(FLAT_COLUMNS)
        return _count(writer.writerow([flat.get(c) for c in FLAT_COLUMNS]) for flat in map(flat_row, rows))
    if fmt == "jsonl":
        return _count(out.write(json.dumps(_record(row), ensure_ascii=False) + "\n") for row in rows)
    raise DatelineError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")


def _is_country(name: str, code: str | None) -> bool:
    found = geo.country(code)
    return found is not None and found.name == name


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
        country = code[:3] if geo.country(code[:3]) else ""
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


FLAT_COLUMNS = [
    "id", "article_id", "code", "root", "quad_class", "goldstein", "plover", "plover_mode",
    "source_code", "source_name", "source_entity_id", "target_code", "target_name", "target_entity_id",
    "date", "date_precision", "date_source", "place_name", "place_country", "place_lat", "place_lon",
    "evidence_start", "evidence_end", "evidence_text", "quote_id", "confidence", "mode",
    "group_id", "num_mentions", "num_articles", "num_sources", "url",
]  # fmt: skip


def flat_row(row: ExportRow) -> dict[str, Any]:
    event = row.event
    flat: dict[str, Any] = {name: getattr(event, name, None) for name in FLAT_COLUMNS}
    for side, actor in (("source", event.source), ("target", event.target)):
        flat[f"{side}_code"] = actor.code if actor else None
        flat[f"{side}_name"] = actor.name if actor else None
        flat[f"{side}_entity_id"] = actor.entity_id if actor else None
    place = event.place
    flat |= {
        "place_name": place.name if place else None,
        "place_country": place.country if place else None,
        "place_lat": place.lat if place else None,
        "place_lon": place.lon if place else None,
        "evidence_start": event.evidence.start,
        "evidence_end": event.evidence.end,
        "evidence_text": event.evidence.text,
        "url": row.url,
    }
    return flat


def _record(row: ExportRow) -> dict[str, Any]:
    return {**to_dict(row.event), "url": row.url}


def _parquet(rows: Iterable[ExportRow], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    count = 0
    writer = None
    for batch in _batches(map(flat_row, rows), 10_000):
        table = pa.Table.from_pylist(batch, schema=_parquet_schema(pa))
        if writer is None:
            writer = pq.ParquetWriter(path, table.schema)
        writer.write_table(table)
        count += len(batch)
    if writer is None:
        pq.write_table(pa.Table.from_pylist([], schema=_parquet_schema(pa)), path)
    else:
        writer.close()
    return count


def _parquet_schema(pa: Any) -> Any:
    numbers = {"quad_class": pa.int32(), "goldstein": pa.float64(), "place_lat": pa.float64(),
               "place_lon": pa.float64(), "evidence_start": pa.int64(), "evidence_end": pa.int64(),
               "confidence": pa.float64(), "num_mentions": pa.int32(), "num_articles": pa.int32(),
               "num_sources": pa.int32()}  # fmt: skip
    return pa.schema([(name, numbers.get(name, pa.string())) for name in FLAT_COLUMNS])


def _batches(items: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _plain(value: Any) -> str:
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


def _count(items: Iterable[object]) -> int:
    return sum(1 for _ in items)
