"""The `dateline` command: each command parses its options and calls one Corpus method.

app           the Typer app, its consoles, the options many commands share, the corpus each opens
ingesting     ingest and reprocess
articles      search, articles, show, quotes, entities, stories, stats
events        events, dyad, export
serving       serve (the web app and the REST API)
components    settings and components
"""

from __future__ import annotations  # noqa: I001 (the commands are listed in the order their modules register them)

from . import ingesting, articles, events, serving, components
from .app import app

__all__ = ["app", "articles", "components", "events", "ingesting", "serving"]
