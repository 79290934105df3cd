"""The JSON form of records, the contract scripts build on: a record's id and every field; dates as ISO 8601 strings,
spans as {"start", "end"}. The CLI's json, jsonl and csv output, the API's bodies and the jsonl export are made of it.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from datetime import date
from typing import IO, Any

from .. import dates
from ..model import Article, SearchHit, Span
from ..store import ExportRow


def to_dict(record: Any) -> Any:
    """A JSON-ready form of a record; an Article's text comes last so the metadata reads first."""
    if isinstance(record, SearchHit):
        return {**to_dict(record.article), "score": record.score, "snippet": record.snippet,
                "highlights": to_dict(record.highlights)}  # fmt: skip
    if isinstance(record, Span):
        return {"start": record.start, "end": record.end}
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        fields = {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record)}
        if isinstance(record, Article):
            ident, text = fields.pop("id"), fields.pop("text")
            fields = {"id": ident, **fields, "text": text}
        return fields
    if isinstance(record, date):
        return dates.to_iso(record)
    if isinstance(record, dict):
        return {str(k): to_dict(v) for k, v in record.items()}
    if isinstance(record, list | tuple):
        return [to_dict(v) for v in record]
    return record


def write_jsonl(rows: Iterable[ExportRow], out: IO[str]) -> int:
    """Events as JSON Lines: each event's JSON form and its article's URL."""
    count = 0
    for row in rows:
        out.write(json.dumps({**to_dict(row.event), "url": row.url}, ensure_ascii=False) + "\n")
        count += 1
    return count
