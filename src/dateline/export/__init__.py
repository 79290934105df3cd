"""Events out, for other tools, in any registered format (dateline.plugins): dateline's own (builtin.py) are GDELT 2.0
event tables (gdelt.py), Parquet and CSV (flat.py) and JSON Lines (records.py), written from the rows
``Corpus.export_rows`` gives; records.py is also the JSON form of every record, which the CLI's and the API's JSON
build on.

    export.write(corpus.export_rows(source="RUS"), "gdelt", Path("events.tsv"))
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..errors import DatelineError
from ..plugins import registered
from ..store import ExportRow
from .records import to_dict

__all__ = ["Exporter", "exporters", "to_dict", "write"]


@dataclass(frozen=True, slots=True)
class Exporter:
    """A format events are written in. ``write(rows, out)`` returns the count; ``out`` is a text stream, or a file
    path for a ``binary`` format (Parquet)."""

    name: str
    write: Callable[[Iterable[ExportRow], Any], int]
    description: str = ""
    binary: bool = False


def exporters() -> dict[str, Exporter]:
    """The registered formats by name (a user's before dateline's)."""
    found: dict[str, Exporter] = {}
    for r in registered("exporters"):
        if not isinstance(r.component, Exporter):
            raise DatelineError(f"{r.origin}: dateline_exporters() gave {r.component!r}, not an Exporter")
        if r.component.name in found:
            raise DatelineError(f"{r.origin}: a second export format is named {r.component.name!r}")
        found[r.component.name] = r.component
    return found


def write(rows: Iterable[ExportRow], fmt: str, out: IO[str] | Path) -> int:
    """Write events in ``fmt`` to a text stream or a file path (a binary format only to a path); returns the count."""
    formats = exporters()
    exporter = formats.get(fmt)
    if exporter is None:
        raise DatelineError(f"unknown export format {fmt!r}: choose one of {', '.join(formats)}")
    if exporter.binary:
        if not isinstance(out, Path):
            raise DatelineError(f"{fmt} is written to a file: give --output FILE")
        return exporter.write(rows, out)
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as stream:
            return exporter.write(rows, stream)
    return exporter.write(rows, out)
