"""Corpus-wide entity merging: a batch's entities joined to the corpus's, as one ingest step before its annotations
are written.

Entities are keyed by the pipeline's stable id; what several articles say of one entity is folded into one row, and
a person named only by surname ("Putin") is merged into the one full name that shares it ("Vladimir Putin"), or
un-merged again if a full name with that surname and another first name arrives. What is stored depends only on the
set of articles read, not on their order or batches.
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Entity
from ..reference.names import given_name_key, surname_key
from ..store import Writer
from ..store.entities import EntityRow


def merge(writer: Writer, found: list[Entity]) -> None:
    """Add the batch's entities, or fold what the batch says about them into the stored rows. Every choice is a
    function of the set of articles, never of their order or of where batches end: the best-written form of the
    name, and the least country and gender (in alphabetical order) that any article gave."""
    if not found:
        return
    rows: dict[str, EntityRow] = {}
    for entity in found:
        surname = surname_key(entity.name) if entity.kind == "PERSON" else None
        row = EntityRow(entity.id, entity.kind, entity.name, entity.country, entity.gender, surname)
        rows[entity.id] = _combined(rows[entity.id], row) if entity.id in rows else row
    for stored in writer.entities(list(rows)):
        rows[stored.id] = _combined(stored, rows[stored.id])
    writer.save_entities(list(rows.values()))
    for surname in {row.surname for row in rows.values() if row.surname}:
        writer.point(_canonical(writer.people(surname)))


def _combined(kept: EntityRow, new: EntityRow) -> EntityRow:
    """Two readings of one entity as one, the same whichever came first (commutative and associative)."""
    return replace(
        kept,
        name=min(kept.name, new.name, key=_casing_rank),
        country=min(filter(None, (kept.country, new.country)), default=None),
        gender=min(filter(None, (kept.gender, new.gender)), default=None),
    )


def _casing_rank(name: str) -> tuple[int, str]:
    """Forms of one name differ only in case ("MICHAEL Sheen", "Michael Sheen"): the fewest capitals inside words
    is how the name is usually written, not a shouted headline."""
    return sum(c.isupper() for word in name.split() for c in word[1:]), name


def _canonical(people: dict[str, str]) -> dict[str, str]:
    """Each person sharing a surname (id -> name) pointed at one of them when all the full names among them share a
    first name ("Peter Lind", "Peter K. Lind", "Lind", "Mr. Lind"): the shortest full name, so the same one whatever
    order they came in. A second first name ("Anna Lind") makes the lone surname ambiguous: all stand alone."""
    full = {person: name for person, name in people.items() if given_name_key(name)}
    one_person = len({given_name_key(name) for name in full.values()}) == 1
    target = min(full, key=lambda person: (len(full[person].split()), full[person], person)) if one_person else None
    return {person: target or person for person in people}
