"""The settings and the registered components (readers, stages, export formats) dateline runs with."""

from __future__ import annotations

import typer

from .. import render
from ..config import Setting, Settings, listed
from ..errors import DatelineError
from ..plugins import KINDS, registered
from .app import (
    Fmt,
    app,
    console,
    errors,
)

SETTING_COLUMNS: list[render.Column] = [
    ("setting", lambda s: f"{s.component}.{s.name}" if s.component else s.name),
    ("value", lambda s: render.plain(repr(s.value)) if isinstance(s.value, str) else s.value),
    ("default", lambda s: "" if s.value == s.default else render.plain(repr(s.default))),
]


@app.command("settings")
def show_settings(fmt: Fmt = "table") -> None:
    """Every setting, its value now and its default: dateline's own and each stage's.

    Set one in the environment: DATELINE_<NAME> for dateline's own, DATELINE_<STAGE>__<NAME> for a stage's."""
    try:
        found: list[Setting] = listed(Settings.from_env())
    except DatelineError as error:
        errors.print(render.error_line(str(error)), soft_wrap=True)
        raise typer.Exit(1) from None
    render.emit(found, fmt, SETTING_COLUMNS, console)
    if fmt == "table":
        console.print(
            "Set one in the environment: DATELINE_MODEL for model, DATELINE_ENTITIES__WINDOW for entities.window "
            "(--format json names each variable).",
            soft_wrap=True,
        )


COMPONENT_COLUMNS: list[render.Column] = [
    ("kind", lambda c: c[0]),
    ("name", lambda c: c[1].component.name),
    ("from", lambda c: c[1].origin),
    ("about", lambda c: render.plain(c[1].component.description)),
]


@app.command()
def components() -> None:
    """The readers, stages and export formats dateline runs, and the package that registered each.

    Listed in the order they are tried (readers) or run (stages): a plugin's readers before dateline's own."""
    rows = [(kind, r) for kind in KINDS for r in registered(kind)]
    render.emit(rows, "table", COMPONENT_COLUMNS, console)
