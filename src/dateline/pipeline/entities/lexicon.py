"""Word lists the entity stage reads: organisations known by several names, and given names that tell a gender."""

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
