"""What the parametrised tables of (text, expected) share: an expected value that is a test of the value found."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Like:
    """An expected value that is a test of the value found rather than the value itself; it reads as its
    description when a test fails."""

    def __init__(self, description: str, test: Callable[[Any], bool]) -> None:
        self.description = description
        self.test = test

    def __eq__(self, found: object) -> bool:
        return self.test(found)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return self.description
