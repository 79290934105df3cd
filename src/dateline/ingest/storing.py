"""Storing, the ingest's last step: a batch of articles and what was found in them, in one write transaction, with
the corpus-wide steps that join them to what is stored (stories, entities, event groups)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..config import Settings
from ..model import Annotations, Article
from ..store import Store, Writer
from . import entities, groups, stories


@dataclass(frozen=True, slots=True)
class WriteResult:
    stored: int
    duplicates: int


def write(
    store: Store, batch: Sequence[tuple[Article, Annotations | None]], settings: Settings, version: str = ""
) -> WriteResult:
    """Store articles with their annotations in one transaction; ones already stored count as duplicates."""
    with store.writing() as writer:  # locked before checking what is stored: another ingest may store it now
        fresh = writer.not_stored([article for article, _ in batch])
        if fresh:
            signed = stories.assign(writer, fresh, settings)
            pks = writer.add_articles(fresh, signed.minhashes, signed.band_keys)
            new = {a.id for a in fresh}
            found = [f for a, f in batch if f is not None and a.id in new]
            _annotate(writer, pks, _first_each(found), settings, version)
    return WriteResult(stored=len(fresh), duplicates=len(batch) - len(fresh))


def replace(store: Store, batch: Sequence[tuple[Article, Annotations]], settings: Settings, version: str) -> None:
    """Replace what was found in stored articles with what was found now, in one transaction."""
    with store.writing() as writer:
        pks = writer.primary_keys([a.id for a, _ in batch])
        writer.delete_annotations(list(pks.values()))
        _annotate(writer, pks, [f for a, f in batch if a.id in pks], settings, version)


def _annotate(writer: Writer, pks: dict[str, int], found: list[Annotations], settings: Settings, version: str) -> None:
    entities.merge(writer, [e for f in found for e in f.entities])
    groups.assign(writer, [e for f in found for e in f.events], settings.group_days)
    writer.add_annotations(pks, found, settings.model, version)


def _first_each(found: list[Annotations]) -> list[Annotations]:
    unique: dict[str, Annotations] = {}
    for f in found:
        unique.setdefault(f.article_id, f)
    return list(unique.values())
