"""serve: the web app and the REST API over the corpus."""

from __future__ import annotations

import ipaddress
from dataclasses import replace
from typing import Annotated

import typer

from .. import render
from ..config import LOOPBACK_NAMES
from .app import (
    Db,
    app,
    console,
    errors,
    open_corpus,
)


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

    from ..web import create_app

    with open_corpus(db, cors_origins=",".join(cors_origin or []) or None) as corpus:
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
