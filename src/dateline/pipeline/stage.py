"""What a stage is, and running the registered ones over a parsed article in order.

A stage is a small callable over what has been read so far (a ``Reading``: the Doc, the title's Doc, the article,
the records found before it) that adds or amends records in ``reading.found``; what it returns besides is kept in
``reading.results`` under its name for the stages after it (the entities stage returns its resolver, read by quotes
and events). Each runs on its own: one that fails on some text loses its own records, with a note naming it and the
error, and the stages after it read on without them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from spacy.tokens import Doc

from ..config import Settings
from ..errors import DatelineError
from ..model import Annotations, Article
from ..plugins import registered


@dataclass(slots=True)
class Reading:
    """One article as the stages read it."""

    doc: Doc
    article: Article
    found: Annotations
    title: Doc | None = None  # the title, parsed apart: the summary's headline
    coders: Any = None  # the event coders (pipeline.Coders), built once per process
    results: dict[str, Any] = field(default_factory=dict)  # what each stage returned, by its name

    @property
    def anchor(self) -> date | datetime | None:
        """The time relative expressions count from: the dated day is the local one ("today" in Dhaka at 00:30 is
        not yesterday in UTC), so the dateline's time when known, else the publication time."""
        return self.article.date_line or self.article.published


@dataclass(frozen=True, slots=True)
class Stage:
    """A step of the reading pipeline. ``run(reading, settings)`` gets its settings as an instance of ``settings``
    (a dataclass of defaults, set by name through Settings.components; None when it has none). It runs after the
    stage named ``after``, or after every built-in stage when None."""

    name: str
    run: Callable[[Reading, Any], object]
    settings: type | None = None
    after: str | None = None
    description: str = ""


def ordered() -> list[Stage]:
    """The registered stages in the order they run: the built-in ones in theirs, each other one right after the
    stage it names (after those placed there before it), or at the end."""
    found = registered("stages")
    for r in found:
        if not isinstance(r.component, Stage):
            raise DatelineError(f"{r.origin}: dateline_stages() gave {r.component!r}, not a dateline.pipeline.Stage")
    stages: list[Stage] = [r.component for r in found]
    builtin = {r.component.name for r in found if r.origin == "dateline"}
    order = [s for s in stages if s.name in builtin]
    for stage in (s for s in stages if s.name not in builtin):
        names = [s.name for s in order]
        if stage.name in names:
            raise DatelineError(f"two stages are named {stage.name!r}")
        if stage.after is None:
            order.append(stage)
            continue
        if stage.after not in names:
            raise DatelineError(f"stage {stage.name!r} runs after {stage.after!r}, and no stage has that name: "
                                f"{', '.join(names)}")  # fmt: skip
        at = names.index(stage.after) + 1
        while at < len(order) and order[at].after == stage.after and order[at].name not in builtin:
            at += 1
        order.insert(at, stage)
    return order


def configured(settings: Settings) -> list[tuple[Stage, object]]:
    """The stages in order, each with its settings."""
    return [(stage, settings.of(stage.name, stage.settings) if stage.settings else None) for stage in ordered()]


def run(stages: list[tuple[Stage, object]], reading: Reading) -> Annotations:
    """Every stage over ``reading``, in order, each on its own."""
    for stage, tuning in stages:
        try:
            reading.results[stage.name] = stage.run(reading, tuning)
        except Exception as error:  # a bug met on some text must cost neither the ingest nor the other stages' work
            reading.found.notes.append(
                f"{stage.name} failed ({type(error).__name__}: {error}); stored without its {stage.name}"
            )
    return reading.found
