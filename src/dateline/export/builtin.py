"""dateline's own export formats, registered through the "dateline.exporters" entry point as a user's would be."""

from __future__ import annotations

from ..plugins import hookimpl
from . import Exporter, flat, gdelt, records

EXPORTERS = [
    Exporter("gdelt", gdelt.write, "GDELT 2.0's 61 event columns, tab-separated"),
    Exporter("parquet", flat.write_parquet, "one flat row per event, to a file", binary=True),
    Exporter("csv", flat.write_csv, "one flat row per event"),
    Exporter("jsonl", records.write_jsonl, "one JSON event per line"),
]


@hookimpl(trylast=True)
def dateline_exporters() -> list[Exporter]:
    return EXPORTERS
