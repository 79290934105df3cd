"""Errors a user can hit. Each message names the input and what went wrong."""

from __future__ import annotations

from datetime import date


class DatelineError(Exception):
    """Base for every error dateline raises on purpose."""


class InputError(DatelineError):
    """An input (file, archive member, line, record) that cannot be read as articles."""

    def __init__(self, source: str, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message


class DateError(DatelineError):
    """A date or time that cannot be read; ``date_only`` holds the day when just the time was unusable."""

    def __init__(self, text: str, reason: str, date_only: date | None = None) -> None:
        super().__init__(f"cannot read date {text!r}: {reason}")
        self.text = text
        self.reason = reason
        self.date_only = date_only


class DatabaseError(DatelineError):
    """A database that cannot be opened or used."""


class NotFound(DatelineError):
    """A record asked for by id that is not stored."""
