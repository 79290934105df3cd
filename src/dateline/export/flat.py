"""One flat row per event (its actors, place and evidence as columns of their own), for CSV and Parquet."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from ..extras import require
from ..store import ExportRow

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


def write_csv(rows: Iterable[ExportRow], out: IO[str]) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FLAT_COLUMNS)
    count = 0
    for flat in map(flat_row, rows):
        writer.writerow([flat.get(c) for c in FLAT_COLUMNS])
        count += 1
    return count


def write_parquet(rows: Iterable[ExportRow], path: Path) -> int:
    pa = require("pyarrow", "parquet", "dateline export --format parquet")
    pq = require("pyarrow.parquet", "parquet", "dateline export --format parquet")

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
