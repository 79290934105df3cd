"""Our format, tab-separated rows (the header comments of data/actors.tsv and data/agents.tsv describe the
columns), and our own dictionaries read from it: actors, agents, and words for people of no sector."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from functools import cache

from .... import data
from ....errors import InputError
from .actors import Actor, ActorDictionary, Term
from .agents import AGENT_KINDS, Agent, AgentDictionary
from .codes import checked_code
from .phrases import plural_of, words

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@cache
def builtin_actors() -> ActorDictionary:
    """Ours: organisations and movements (data/actors.tsv) and the people who hold offices (actor_leaders.tsv)."""
    rows = [*data.rows("actors.tsv"), *data.rows("actor_leaders.tsv")]
    return read_actor_rows(enumerate(rows, 1), "actors.tsv, actor_leaders.tsv", numbered=False)


@cache
def people_words() -> frozenset[tuple[str, ...]]:
    """Words for people that name no sector ("driver", "victims"), from data/actor_people.tsv, with plurals."""
    found: set[tuple[str, ...]] = set()
    for row in data.rows("actor_people.tsv"):
        word = row[0].strip()
        plural = row[1].strip() if len(row) > 1 and row[1].strip() else ""
        found.add(words(word))
        if plural != "=":
            found.add(words(plural or plural_of(word)))
    return frozenset(found)


@cache
def builtin_agents() -> AgentDictionary:
    return read_agent_rows(enumerate(data.rows("agents.tsv"), 1), "agents.tsv", numbered=False)


def read_actor_rows(rows: Iterable[tuple[int, list[str]]], source: str, numbered: bool = True) -> ActorDictionary:
    """Our actor format: name, code, from, until, aliases; rows with one name are one actor."""
    dictionary = ActorDictionary(source)
    by_name: dict[str, Actor] = {}
    for number, cells in rows:
        where = f"{source}:{number}" if numbered else f"{source} (row {number})"
        if len(cells) != 5:
            raise InputError(
                where, f"expected 5 tab-separated columns (name, code, from, until, aliases), got {len(cells)}"
            )
        name, code, start, end, aliases = (cell.strip() for cell in cells)
        if not words(name):
            raise InputError(where, "the name is empty")
        code = checked_code(code, where)
        term = Term(code, _iso_date(start, where), _iso_date(end, where))
        if term.start and term.end and term.end < term.start:
            raise InputError(where, f"the row ends ({end}) before it starts ({start})")
        actor = by_name.get(name)
        if actor is None:
            actor = by_name[name] = Actor(name, source=where)
        if term.start is None and term.end is None:
            if actor.default is not None:
                raise InputError(where, f"{name!r} already has an undated code ({actor.default})")
            actor.default = code
        else:
            actor.terms.append(term)
        dictionary.add(actor, [name, *([] if aliases in ("", "-") else aliases.split("|"))], acronyms=True)
    return dictionary


def read_agent_rows(rows: Iterable[tuple[int, list[str]]], source: str, numbered: bool = True) -> AgentDictionary:
    """Our agent format: phrase, code, and optionally plural and kind."""
    dictionary = AgentDictionary(source)
    for number, cells in rows:
        where = f"{source}:{number}" if numbered else f"{source} (row {number})"
        if not 2 <= len(cells) <= 4:
            raise InputError(
                where, f"expected 2 to 4 tab-separated columns (phrase, code, plural, kind), got {len(cells)}"
            )
        phrase, code, plural, kind = ([cell.strip() for cell in cells] + ["-", "member"])[:4]
        if not words(phrase):
            raise InputError(where, "the phrase is empty")
        if kind not in AGENT_KINDS:
            raise InputError(where, f"unknown kind {kind!r}: use member, generic, sponsor, stance or former")
        if kind in ("sponsor", "stance", "former"):
            code = ""
        elif not re.fullmatch(r"(?:[A-Z0-9]{3})+", code):
            raise InputError(where, f"bad sector code {code!r}: expected three-letter blocks such as GOV or GOVMED")
        if plural == "-":
            forms = [phrase, plural_of(phrase)]
        elif plural == "=":
            forms = [phrase]
        else:
            forms = [phrase, *plural.split("|")]
        dictionary.add(Agent(phrase, code, kind), forms)
    return dictionary


def _iso_date(cell: str, where: str) -> date | None:
    if cell in ("", "-"):
        return None
    if not _ISO_DATE.match(cell):
        raise InputError(where, f"bad date {cell!r}: write YYYY-MM-DD, or - for an open end")
    try:
        return date.fromisoformat(cell)
    except ValueError:
        raise InputError(where, f"bad date {cell!r}: no such day") from None
