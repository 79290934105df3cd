"""Named actors: their codes over time, and the dictionary that looks them up by name or finds them in a run of
words."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from .phrases import Match, PhraseTable, words


@dataclass(frozen=True, slots=True)
class Term:
    """A code that holds from ``start`` to ``end`` (inclusive; None leaves an end open)."""

    code: str
    start: date | None = None
    end: date | None = None

    def holds(self, when: date) -> bool:
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


@dataclass(slots=True)
class Actor:
    """A named actor: its codes over time. ``default`` holds when no dated term does."""

    name: str
    terms: list[Term] = field(default_factory=list)
    default: str | None = None
    source: str = ""  # file:line it was defined at

    def code_on(self, when: date | None, sector: str | None = None) -> str | None:
        """The code on a day: the first term that holds, else the default. Without a day (an undated article), the
        term of today's country whose sector is the one the text gives the actor ("Chancellor" is GOV), else today's."""
        day = when.date() if isinstance(when, datetime) else when or date.today()
        today = next((t.code for t in self.terms if t.holds(day)), self.default)
        if when is None and sector is not None and today is not None:
            same = (t.code for t in self.terms if t.code[:3] == today[:3] and t.code[3:6] == sector)
            return next(same, today)
        return today


class ActorDictionary:
    """Named actors, looked up by whole name or found as phrases in a run of words. An acronym from our own files
    ("WHO", "IS", "U.N.") matches only when written in capitals: "who" and "is" are words."""

    def __init__(self, source: str = "") -> None:
        self.source = source
        self.table: PhraseTable[Actor] = PhraseTable()
        self._acronyms: set[tuple[str, ...]] = set()
        self._any_case: set[tuple[str, ...]] = set()

    def __len__(self) -> int:
        return len(self.table)

    def add(self, actor: Actor, names: Iterable[str], acronyms: bool = False) -> None:
        """Store the actor under each name; with ``acronyms``, names written in capitals need capitals."""
        for name in names:
            key = words(name)
            self.table.add(key, actor)
            if not acronyms:
                continue
            if _is_acronym(name) and key not in self._any_case:
                self._acronyms.add(key)
            elif not _is_acronym(name):
                self._any_case.add(key)  # also written in lower case ("Nato"): any case will do
                self._acronyms.discard(key)

    def lookup(self, name: str) -> Actor | None:
        """The actor of that whole name, with or without a leading "the"."""
        key = words(name)
        if key and key[0] == "the" and len(key) > 1 and self.table.get(key) is None:
            key = key[1:]
        if key in self._acronyms and not _capitals(name):
            return None
        return self.table.get(key)

    def find(self, sequence: Sequence[str], written: Sequence[str] | None = None) -> list[Match[Actor]]:
        """The actors named in a run of words; ``written`` gives each word as the text has it, for acronyms."""
        found = self.table.find(sequence)
        if not self._acronyms or written is None:
            return found
        return [
            m
            for m in found
            if tuple(sequence[m.start : m.end]) not in self._acronyms
            or all(_capitals(w) for w in written[m.start : m.end])
        ]


def _is_acronym(name: str) -> bool:
    letters = name.replace(".", "").replace("-", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 5


def _capitals(text: str) -> bool:
    return not any(c.islower() for c in text)
