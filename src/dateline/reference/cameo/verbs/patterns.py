"""Patterns and what they match: a pattern's slots around the trigger word, a word as a pattern sees it, and where
a pattern matched."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


@dataclass(frozen=True, slots=True)
class Slot:
    """One element of a pattern: words (alternatives, each a run of adjacent words) or a noun phrase position."""

    kind: str  # words, source, target, phrase
    alternatives: tuple[tuple[str, ...], ...] = ()
    joined: bool = False  # adjacent to its neighbour on the trigger's side


@dataclass(frozen=True, slots=True)
class Pattern:
    code: str | None  # the source -> target code; None: no event ("---"), or only a reverse one
    reverse: str | None  # the target -> source code ("031:032" codes both ways, ":173" only this way)
    before: tuple[Slot, ...]  # in text order
    after: tuple[Slot, ...]  # in text order
    frame: str | None = None  # see the package doc; None: a plain act
    pos: str = "V"
    lemmas: bool = True  # words are spaCy lemmas (ours), or written forms (PETRARCH)
    transforms: bool = True  # modality may turn the act into an intent, threat or demand (our dictionaries only)
    origin: str = ""  # "event_verbs.tsv:12", for explaining a code
    specificity: int = field(default=0, init=False)  # how many words it asks for: the most specific match wins
    needs: tuple[frozenset[str], ...] = field(default=(), init=False)  # per word slot, the words one of which must be
    # there: a quick test before matching in order

    def __post_init__(self) -> None:
        slots = (*self.before, *self.after)
        object.__setattr__(self, "specificity", sum(max((len(a) for a in s.alternatives), default=1) for s in slots))
        needs = tuple(frozenset(a[0] for a in s.alternatives) for s in slots if s.kind == "words")
        object.__setattr__(self, "needs", needs)

    def possible(self, present: set[str]) -> bool:
        """Whether every word slot finds one of its words among ``present`` (words and lemmas): a quick test
        that rules a pattern out before it is matched in order."""
        return all(not group.isdisjoint(present) for group in self.needs)


class Word(NamedTuple):
    """A token as a pattern sees it (a tuple: made for every word of a sentence that has a trigger)."""

    i: int  # token index in the Doc, for adjacency
    text: str  # lower-cased
    lemma: str  # lower-cased
    nominal: bool  # a noun, proper noun or pronoun: may fill an actor position


class Match(NamedTuple):
    """Where a pattern matched (a tuple: one is made for each trigger word that matches)."""

    pattern: Pattern
    used: frozenset[int]  # token indices the pattern's words matched
    source: int | None = None  # token index the pattern marks as the source ("$")
    target: int | None = None  # ... as the target ("+")
