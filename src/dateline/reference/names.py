"""People's names: the titles that come with them (data/titles.tsv) and the keys that tell names apart.

    surname_key("Sergey V. Lavrov") == surname_key("Mr. Lavrov") == "lavrov"
    given_name_key("Peter K. Lind") == given_name_key("Peter Lind") == "peter"; given_name_key("Lind") is None

The pipeline groups a person's names within an article by these keys, the ingest merges them across articles, and
the store lists an entity's other names through ``plausible_alias``: one way to say that two names are one person.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from .. import data

NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


@dataclass(frozen=True, slots=True)
class Title:
    kind: str  # honorific, role, head, modifier
    gender: str | None
    means: str | None  # the full form of an abbreviation


@cache
def titles() -> dict[str, Title]:
    table = {}
    for phrase, kind, gender, means in data.rows("titles.tsv"):
        table[phrase] = Title(kind, None if gender == "-" else gender, None if means == "-" else means)
    return table


def plain(text: str) -> str:
    """The form names are compared in: case, accents and dots folded away ("José Álvarez Jr." -> "jose alvarez
    jr")."""
    folded = unicodedata.normalize("NFKD", text.replace("’", "'"))
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    return " ".join(folded.replace(".", " ").split())


def surname_key(name: str) -> str | None:
    """The folded surname of a person's name, for merging "Putin" with "Vladimir Putin" across articles:
    "Sergey V. Lavrov" -> "lavrov"; None when the name has no word that can be a surname."""
    words = _name_words(name)
    if not words or not any(c.isalpha() for c in words[-1]) or len(words[-1]) < 2:
        return None
    return words[-1]


def given_name_key(name: str) -> str | None:
    """The folded first word of a person's name when it has more than a surname, so that "Peter K. Lind" and
    "Peter Lind" can be told to be one person and "Anna Lind" another: "Sergey V. Lavrov" -> "sergey";
    None for "Lavrov" or "Mr. Putin"."""
    words = _name_words(name)
    return words[0] if len(words) > 1 else None


def _name_words(name: str) -> list[str]:
    words = [w.strip(",.") for w in plain(name).split()]
    honorifics = {t.rstrip(".") for t, title in titles().items() if title.kind == "honorific"}
    return [w for w in words if w and w not in NAME_SUFFIXES and w not in honorifics]


def plausible_alias(form: str, name: str, kept: Iterable[str] = ()) -> bool:
    """Whether ``form`` may be listed as another name of the entity called ``name``: not the name or a name
    already ``kept`` in other capitals ("MICHAEL Sheen"), and not a pronoun that happens to be capitalised ("Us
    officials", read as the US at the start of a sentence); a pronoun in capitals ("US") is an abbreviation."""
    folded = form.casefold()
    if folded in {other.casefold() for other in (name, *kept)}:
        return False
    return form.isupper() or folded not in _pronouns()


@cache
def _pronouns() -> frozenset[str]:
    """The words of data/pronouns.tsv (coreference reads the same table for their person, number and gender)."""
    return frozenset(word for word, *_features in data.rows("pronouns.tsv"))
