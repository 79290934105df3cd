"""What the corpus holds, read: search, articles, show, quotes, entities, stories and stats."""

from __future__ import annotations

from typing import Annotated, Literal

import typer
from rich.table import Table
from rich.text import Text

from .. import render
from ..export.records import to_dict
from ..model import Annotations, Article, SearchHit, Story
from .app import (
    Author,
    Db,
    Fmt,
    Limit,
    MinConfidence,
    Outlet,
    Since,
    Until,
    app,
    console,
    limit_or_none,
    open_corpus,
)

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
    with open_corpus(db) as corpus:
        hits: list[SearchHit] = corpus.search(
            query, since=since, until=until, outlet=outlet, author=author, limit=limit_or_none(limit)
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
    with open_corpus(db) as corpus:
        found = corpus.articles(
            since=since, until=until, outlet=outlet, author=author, story=story, limit=limit_or_none(limit)
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
    with open_corpus(db) as corpus:
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
    ("sure", lambda q: f"{q.confidence:.2f}"),
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
    min_confidence: MinConfidence = None,
    limit: Limit = 20,
    fmt: Fmt = "table",
) -> None:
    """Who said what: attributed quotes, with their speakers resolved to a person or organisation; "sure" is the
    share of such quotes found fully right by hand, and quotes less sure than --min-confidence are not listed."""
    with open_corpus(db) as corpus:
        found = corpus.quotes(speaker=speaker, about=about, since=since, until=until, cue_kinds=cue or (),
                              min_confidence=min_confidence, limit=limit_or_none(limit))  # fmt: skip
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
    with open_corpus(db) as corpus:
        found = corpus.entities(kind=kind, name=name, country=country, limit=limit_or_none(limit))
    render.emit(found, fmt, ENTITY_COLUMNS, console)


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
    with open_corpus(db) as corpus:
        found: list[Story] = corpus.stories(min_articles=min_articles, limit=limit_or_none(limit))
    render.emit(found, fmt, STORY_COLUMNS, console)


@app.command()
def stats(
    db: Db = None,
    fmt: Annotated[Literal["table", "json"], typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """What the database holds."""
    with open_corpus(db) as corpus:
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
