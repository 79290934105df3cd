"""Phrases as the dictionaries match them: whole words, folded; a phrase's regular plural; a table of phrases
matched longest first."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

T = TypeVar("T")

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


@lru_cache(maxsize=65536)
def words(text: str) -> tuple[str, ...]:
    """The words a phrase is matched on: "the U.S.'s" -> ("the", "us"); "al-Qaeda" -> ("al", "qaeda")."""
    folded = unicodedata.normalize("NFKD", text.replace("’", "'").replace("_", " "))
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold().replace(".", "")
    found = []
    for word in _WORD.findall(folded):
        if word.endswith("'s") and len(word) > 2:
            word = word[:-2]
        found.append(word)
    return tuple(found)


def plural_of(phrase: str) -> str:
    """The regular plural of a phrase's last word: "rebel leader" -> "rebel leaders", "militia" -> "militias"."""
    head, _, last = phrase.rpartition(" ")
    lower = last.lower()
    if lower.endswith("man"):
        form = last[:-3] + ("MEN" if last.isupper() else "men")
    elif lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        form = last[:-1] + ("IES" if last.isupper() else "ies")
    elif lower.endswith(("s", "x", "ch", "sh")):
        form = last + ("ES" if last.isupper() else "es")
    else:
        form = last + ("S" if last.isupper() else "s")
    return f"{head} {form}" if head else form


@dataclass(frozen=True, slots=True)
class Match(Generic[T]):
    start: int  # word positions, end exclusive
    end: int
    value: T


class PhraseTable(Generic[T]):
    """Phrases of words to values, matched longest first; the first value stored for a phrase keeps it."""

    def __init__(self) -> None:
        self._exact: dict[tuple[str, ...], T] = {}
        self._sizes: dict[str, list[int]] = {}  # first word -> the lengths of its phrases, longest first

    def __len__(self) -> int:
        return len(self._exact)

    def add(self, phrase: tuple[str, ...], value: T) -> None:
        if not phrase or phrase in self._exact:
            return
        self._exact[phrase] = value
        sizes = self._sizes.setdefault(phrase[0], [])
        if len(phrase) not in sizes:
            sizes.append(len(phrase))
            sizes.sort(reverse=True)

    def get(self, phrase: Sequence[str]) -> T | None:
        return self._exact.get(tuple(phrase))

    def at(self, sequence: Sequence[str], i: int) -> Match[T] | None:
        """The longest phrase that starts at word ``i`` (a look-up per length its first word has: "the" starts
        hundreds of names, in a handful of lengths)."""
        for size in self._sizes.get(sequence[i], ()):
            end = i + size
            if end <= len(sequence) and (value := self._exact.get(tuple(sequence[i:end]))) is not None:
                return Match(i, end, value)
        return None

    def find(self, sequence: Sequence[str]) -> list[Match[T]]:
        """Every phrase in the sequence, left to right, each the longest at its place, none overlapping."""
        found = []
        i = 0
        while i < len(sequence):
            match = self.at(sequence, i)
            if match is None:
                i += 1
            else:
                found.append(match)
                i = match.end
        return found
