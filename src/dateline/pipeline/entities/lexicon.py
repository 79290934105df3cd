"""Word lists the entity stage reads: organisations known by several names, given names that tell a gender, the
words that tell what kind of thing a name names, and the names the actor dictionaries know as people or bodies."""

from __future__ import annotations

from functools import cache

from ... import data
from ...reference import geography as geo


@cache
def known_orgs() -> dict[str, str]:
    """Folded name or alias -> canonical name, for organisations known by several names ("the UN")."""
    table: dict[str, str] = {}
    for name, aliases in data.rows("entity_orgs.tsv"):
        for alias in [name, *([] if aliases == "-" else aliases.split("|"))]:
            table.setdefault(geo.fold(alias), name)
    return table


@cache
def given_names() -> dict[str, str]:
    return {name.casefold(): gender for name, gender in data.rows("entity_given_names.tsv")}


@cache
def kind_cues() -> dict[tuple[str, str], str]:
    """(where, word) -> the kind the word tells ("-" for none the stage keeps): ("last", "arena") -> FAC."""
    return {(where, word): kind for word, where, kind in data.rows("entity_kinds.tsv")}


@cache
def known_actors() -> dict[str, str]:
    """Folded name or alias -> PERSON or ORG, for the built-in actor dictionaries' office-holders (actor_leaders.tsv)
    and organisations (actors.tsv). A name both, or also a country or a place, is left out: it tells nothing."""
    table: dict[str, str] = {}
    clashes = set()
    for filename, kind in (("actors.tsv", "ORG"), ("actor_leaders.tsv", "PERSON")):
        for name, _code, _start, _end, aliases in data.rows(filename):
            for alias in [name, *([] if aliases == "-" else aliases.split("|"))]:
                key = geo.fold(alias)
                if table.setdefault(key, kind) != kind or geo.places_named(alias):
                    clashes.add(key)
    return {key: kind for key, kind in table.items() if key not in clashes}
