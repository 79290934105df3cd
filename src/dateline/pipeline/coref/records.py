"""What coreference reads and answers: referents (entities as it sees them), anchors (their named mentions, in
tokens) and links (a pronoun or description to a referent)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Referent:
    """An entity as coreference sees it; ``link`` fills in ``gender`` from the pronouns that resolve to it."""

    kind: str
    gender: str | None = None
    country: str | None = None
    role_words: frozenset[str] = frozenset()  # lower-case words of its roles: {"foreign", "minister"}
    leads: bool = False  # holds a role that leads a country ("President"): "the Russian leader" may mean it
    is_country: bool = False
    plural: bool = False  # a people ("Russians")


@dataclass(frozen=True, slots=True)
class Anchor:
    """A named mention, in tokens, and the referent it belongs to."""

    start: int
    end: int
    referent: int


@dataclass(frozen=True, slots=True)
class Link:
    """A pronoun or description (token span) that refers to a referent."""

    start: int
    end: int
    referent: int
    pronoun: bool
