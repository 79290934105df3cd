"""ingest and reprocess: articles in, with a progress bar and a summary of what was stored and what failed."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from .. import render
from ..config import MB
from ..model import IngestReport, Problem
from .app import (
    Db,
    Model,
    Processes,
    app,
    console,
    errors,
    open_corpus,
)

SHOWN_PROBLEMS = 50  # after an ingest; the rest go to a file


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, .zip/.gz/.tar.gz archives, or - for stdin.")],
    db: Db = None,
    max_file_size: Annotated[
        float | None, typer.Option(help="Refuse files over this many MB after decompression. [default: 50]")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar; just the summary.")] = False,
    model: Model = None,
    processes: Processes = None,
    extract: Annotated[
        bool, typer.Option(help="Read entities, quotes, times and places (--no-extract: store and index only).")
    ] = True,
    dask: Annotated[
        str | None,
        typer.Option(
            metavar="ADDRESS",
            help="Read and annotate on a Dask cluster: its scheduler (tcp://host:8786; workers must see the same "
            "paths), or local:N to start N worker processes here. [default: this process, or $DATELINE_DASK]",
        ),
    ] = None,
) -> None:
    """Read articles from PATHS, find who and what they name, and store the new ones."""
    cap = int(max_file_size * MB) if max_file_size else None
    options = {"max_file_bytes": cap, "model": model, "n_process": processes, "extract": extract, "dask": dask}
    with open_corpus(db, **options) as corpus:
        with _progress(quiet) as update:
            report = corpus.ingest(paths, on_progress=update)
        _summary(report, corpus.store.url, Path(corpus.store.folder or Path.cwd()))
    if report.failed:
        raise typer.Exit(1)


@contextmanager
def _progress(quiet: bool) -> Iterator[Callable[[IngestReport], None] | None]:
    if quiet or not errors.is_terminal:
        yield None
        return
    columns = (SpinnerColumn(), TextColumn("ingesting"), BarColumn(bar_width=None), TextColumn("{task.description}"),
               TimeElapsedColumn())  # fmt: skip
    with Progress(*columns, console=errors, transient=True) as progress:
        task = progress.add_task("", total=None)

        def update(report: IngestReport) -> None:
            rate = report.read / report.seconds if report.seconds else 0.0
            progress.update(
                task,
                description=f"{report.read:,} articles · {rate:,.0f}/s · {report.stored:,} stored · "
                f"{report.failed:,} failed",
            )

        yield update


def _summary(report: IngestReport, database: str, folder: Path) -> None:
    """The figures, then the problems: the first SHOWN_PROBLEMS here, and with more, all of them in a file in
    ``folder`` (the SQLite database's, or the current one)."""
    rate = report.read / report.seconds if report.seconds else 0.0
    table = Table(show_header=False, box=None, padding=(0, 2))
    table.add_row("read", f"{report.read:,} articles", f"{rate:,.{0 if rate >= 10 else 1}f} articles/s")
    table.add_row("stored", f"{report.stored:,}", render.plain(database))
    table.add_row("duplicates", f"{report.duplicates:,}", "already stored, not stored again")
    table.add_row("failed", f"{report.failed:,}", "inputs that could not be read (below)" if report.failed else "")
    table.add_row("warnings", f"{len(report.warnings):,}", "stored, with a note (below)" if report.warnings else "")
    console.print(table)
    for problem in report.problems[:SHOWN_PROBLEMS]:
        console.print(render.problem_line(problem), soft_wrap=True)
    if len(report.problems) > SHOWN_PROBLEMS:
        more = f"... and {len(report.problems) - SHOWN_PROBLEMS:,} more"
        console.print(render.plain(f"{more}; {_write_problems(report.problems, folder)}"), soft_wrap=True)


def _write_problems(problems: list[Problem], folder: Path) -> str:
    """Every problem, one a line, in a new file in ``folder``; says where, or why it could not be written."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path, attempt = folder / f"dateline-problems-{stamp}.txt", 1
    while True:
        try:
            with path.open("x", encoding="utf-8") as out:  # "x": never over the list of another run
                out.writelines(render.problem_text(problem) + "\n" for problem in problems)
        except FileExistsError:
            attempt += 1
            path = folder / f"dateline-problems-{stamp}-{attempt}.txt"
            continue
        except OSError as error:
            return f"the whole list could not be written to {path}: {error.strerror}"
        return f"all {len(problems):,} problems are in {path}"


@app.command()
def reprocess(
    db: Db = None,
    stale: Annotated[bool, typer.Option(help="Only articles the current pipeline version has not read.")] = False,
    model: Model = None,
    processes: Processes = None,
) -> None:
    """Read the stored articles again (after an upgrade, or with another --model), without re-reading files."""
    with open_corpus(db, model=model, n_process=processes) as corpus:
        started = time.perf_counter()
        done = corpus.reprocess(stale_only=stale)
        seconds = time.perf_counter() - started
    rate = done / seconds if seconds else 0.0
    console.print(f"read {done:,} articles again in {seconds:,.1f} s ({rate:,.1f} articles/s)")
