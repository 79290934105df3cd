"""Agents: the words and phrases that give an actor's sector ("troops", "foreign minister"), and their dictionary."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .codes import agent_sector
from .phrases import Match, PhraseTable, words

AGENT_KINDS = frozenset({"member", "generic", "sponsor", "stance", "former"})


@dataclass(frozen=True, slots=True)
class Agent:
    """A word or phrase that gives an actor's sector."""

    phrase: str
    code: str  # sector code(s): "GOV", "GOVFRM"; empty for a sponsor or stance word
    kind: str = "member"  # member, generic, sponsor or stance (see data/agents.tsv)
    prefix: bool = False  # PETRARCH's "NGO~": the code goes before the actor's own

    @property
    def sector(self) -> str | None:
        return agent_sector(self.code)


class AgentDictionary:
    """Sector words and phrases ("troops", "foreign minister"), with their plurals. A ``complete`` dictionary is a
    whole sector vocabulary (a PETRARCH .agents file, which PETRARCH reads alone): no other is consulted after it."""

    def __init__(self, source: str = "", complete: bool = False) -> None:
        self.source = source
        self.complete = complete
        self.table: PhraseTable[Agent] = PhraseTable()

    def __len__(self) -> int:
        return len(self.table)

    def add(self, agent: Agent, forms: Iterable[str]) -> None:
        for form in forms:
            self.table.add(words(form), agent)

    def lookup(self, phrase: str) -> Agent | None:
        return self.table.get(words(phrase))

    def find(self, sequence: Sequence[str]) -> list[Match[Agent]]:
        return self.table.find(sequence)
