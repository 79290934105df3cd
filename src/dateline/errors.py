"""Errors a user can hit. Each message names the input and what went wrong.

Each keeps every argument it was made with in ``args``, so that it pickles: an error raised in a worker process
(spaCy's or Dask's) is sent back to the ingest that started it, and one that cannot be rebuilt there breaks the whole
pool instead of reaching the user as one line."""

from __future__ import annotations

from datetime import date


class DatelineError(Exception):
    """Base for every error dateline raises on purpose."""


class InputError(DatelineError):
    """An input (file, archive member, line, record) that cannot be read as articles."""

    def __init__(self, source: str, message: str) -> None:
        super().__init__(source, message)
        self.source = source
        self.message = message

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


class DateError(DatelineError):
    """A date or time that cannot be read; ``date_only`` holds the day when just the time was unusable."""

    def __init__(self, text: str, reason: str, date_only: date | None = None) -> None:
        super().__init__(text, reason, date_only)
        self.text = text
        self.reason = reason
        self.date_only = date_only

    def __str__(self) -> str:
        return f"cannot read date {self.text!r}: {self.reason}"


class DatabaseError(DatelineError):
    """A database that cannot be opened or used."""


class NotFound(DatelineError):
    """A record asked for by id that is not stored."""
