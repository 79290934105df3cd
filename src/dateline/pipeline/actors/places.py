"""Places and countries a phrase names: the place that is its head, the homeland of a people "of" a place, the
first country it names that is not a backer's or a cause's ("Moscow-backed", "anti-Iran")."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span

from ...model import Entity
from ...reference import geography as geo
from .phrases import Index, Words, mentions_in

PLACE_KINDS = frozenset({"GPE", "NORP", "LOC"})


def _not_its_country(span: Span, start: int, end: int, kind_of: Callable[[str], str | None]) -> bool:
    """Whether the name from character ``start`` to ``end`` is a backer or a cause rather than the actor's country:
    a sponsor word follows it ("Moscow-backed", "US funded") or a stance word precedes it ("anti-Iran", "pro
    Western"), hyphens aside."""
    doc = span.doc
    window = range(max(0, span.start - 2), min(len(doc), span.end + 2))
    after = next((t for i in window if (t := doc[i]).idx >= end and t.text != "-"), None)
    before = next((t for i in reversed(window) if (t := doc[i]).idx + len(t.text) <= start and t.text != "-"), None)
    return (after is not None and kind_of(after.lower_) == "sponsor") or (
        before is not None and kind_of(before.lower_) == "stance"
    )


def place_on_head(span: Span, phrase: Words, index: Index) -> Entity | None:
    """The country, people or place that is the phrase's head ("Moscow accused ...")."""
    at = span.root.idx
    for mention in phrase.mentions:
        entity = index.by_id.get(mention.entity_id or "")
        if entity is not None and entity.kind in PLACE_KINDS and mention.start <= at < mention.end:
            return entity
    return None


def homeland(span: Span, index: Index) -> Entity | None:
    """The place a people is "of" in the phrase ("the Hungarians of southern Slovakia"): a community is coded by
    where it lives, as PLOVER's coders do; the people's name alone ("Hungarians") gives their nation's country."""
    root = span.root
    of = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of" and c.i > root.i), None)
    if of is None:
        return None
    start = of.idx + len(of.text)
    for mention in mentions_in(index, start, span.end_char):
        entity = index.by_id.get(mention.entity_id or "")
        if entity is not None and entity.kind in ("GPE", "LOC") and entity.country is not None:
            return entity
    return None


def country_in(span: Span, phrase: Words, index: Index, kind_of: Callable[[str], str | None]) -> str | None:
    """The first country the phrase names that is not a backer: a place, people or person mention's country,
    else a demonym or country name the tagger did not mark ("Malian rebels", "rebels in Mali")."""
    candidates: list[tuple[int, str]] = []
    for mention in phrase.mentions:
        entity = index.by_id.get(mention.entity_id or "")
        if (
            mention.kind == "PRON"
            or entity is None
            or entity.country is None
            or _not_its_country(span, mention.start, mention.end, kind_of)
        ):
            continue
        candidates.append((mention.start, entity.country))
    for token in span:
        if token.is_title or token.is_upper:
            code = geo.demonym(token.text) or geo.country_named(token.text)
            if code is None and token.pos_ == "PROPN":
                code = geo.country_code(token.text)  # "Tehran" inside an organisation's name
            if code and not _not_its_country(span, token.idx, token.idx + len(token.text), kind_of):
                candidates.append((token.idx, code))
    if not candidates:
        return geo.country_named(span.text)  # "Sri Lanka", which the tagger took for a person
    return min(candidates)[1]
