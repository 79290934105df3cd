"""The words coreference knows: pronouns (data/pronouns.tsv), common nouns that name a person, an organisation,
a country or a place (data/entity_nouns.tsv), and the words around a pleonastic "it" (data/entity_pleonastic.tsv)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ... import data


@dataclass(frozen=True, slots=True)
class Pronoun:
    person: int
    plural: bool | None  # None: either
    gender: str | None  # male, female, neuter; None: any
    case: str  # subj, obj, poss, posspro, refl


@cache
def pronouns() -> dict[str, Pronoun]:
    table = {}
    for word, person, number, gender, case in data.rows("pronouns.tsv"):
        plural = None if number == "-" else number == "plur"
        table[word] = Pronoun(int(person), plural, None if gender == "-" else gender, case)
    return table


@cache
def nouns() -> dict[str, tuple[str, str | None]]:
    """Common noun -> (class, gender): person, org, country, place."""
    return {noun: (cls, None if gender == "-" else gender) for noun, cls, gender in data.rows("entity_nouns.tsv")}


@cache
def pleonastic() -> dict[str, str]:
    return {word: kind for word, kind in data.rows("entity_pleonastic.tsv")}
