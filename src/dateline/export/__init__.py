"""Events out, for other tools: GDELT 2.0 event tables (gdelt.py), Parquet and CSV (flat.py) and JSON Lines, written
from the rows ``Corpus.export_rows`` gives; and the JSON form of every record (records.py), which the CLI's and the
API's JSON build on.

    export.write(corpus.export_rows(source="RUS"), "gdelt", Path("events.tsv"))
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from ..errors import DatelineError
from ..store import ExportRow
from . import flat, gdelt
from .records import to_dict

FORMATS = ("gdelt", "parquet", "csv", "jsonl")


def write(rows: Iterable[ExportRow], fmt: str, out: IO[str] | Path) -> int:
    """Write events in ``fmt`` to a text stream (gdelt, csv, jsonl) or a file path (any); returns the count."""
    if fmt == "parquet":
        if not isinstance(out, Path):
            raise DatelineError("parquet is written to a file: give --output FILE")
        return flat.write_parquet(rows, out)
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as stream:
            return write(rows, fmt, stream)
    if fmt == "gdelt":
        return gdelt.write(rows, out)
    if fmt == "csv":
        return flat.write_csv(rows, out)
    if fmt == "jsonl":
        return _write_jsonl(rows, out)
    raise DatelineError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")


def _write_jsonl(rows: Iterable[ExportRow], out: IO[str]) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps({**to_dict(row.event), "url": row.url}, ensure_ascii=False) + "\n")
        count += 1
    return count
