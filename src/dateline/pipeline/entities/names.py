"""Name: one named mention as the stage reads it, cleaned, in tokens, before names are grouped into entities."""

from __future__ import annotations

import re
from dataclasses import dataclass

ACRONYM = re.compile(r"^(?:[A-Z]\.?){2,6}$")


@dataclass(slots=True)
class Name:
    """One cleaned named mention, in tokens."""

    start: int
    end: int
    kind: str
    text: str
    surface: str  # as written with its honorific ("Mr. Putin")
    role: str | None = None
    country: str | None = None
    gender: str | None = None  # from an honorific or a gendered title
    possessive: bool = False
    plural: bool = False
    acronym: str | None = None  # "(UN)" written after it
    headline: bool = False  # in a line Written Like This, where the tagger's names are least sure
