"""Where names become countries: place names, demonyms and seats of government to ISO 3166 alpha-3 codes.

    country_code("Russians") == "RUS"; country_code("the Kremlin") == "RUS"; country_code("U.S.") == "USA"

The tables are data/countries.tsv (names, demonyms, seats, one point per country), data/gazetteer.tsv (capitals,
major cities, US states, regions) and pycountry's ISO names. A capital's name stands for its country whether the
text means the city or the government ("Washington said ..."): both give USA.

The European Union is not a country: country_code("European Union") is None, and the tagger's ORG stays an ORG.
Event coding gives it its actor code (IGOEUREEC in CAMEO) from the actor dictionary, not from a country code, so
that the EU's statements are never mistaken for a member state's. Regions ("Europe", "the Middle East") are None
too. Kosovo takes XKX, the user-assigned code in common use, since ISO 3166-1 has none.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache

from .. import data


@dataclass(frozen=True, slots=True)
class Country:
    code: str  # ISO 3166 alpha-3
    name: str  # the short name news uses: "Russia"
    lat: float
    lon: float
    people: str | None = None  # its first demonym, the canonical name of its people ("Russian")


@dataclass(frozen=True, slots=True)
class GazetteerPlace:
    id: str  # "country:RUS", "city:moscow", "admin:us-ca", "region:europe"
    kind: str  # country, capital, city, admin, region
    name: str
    country: str | None
    lat: float
    lon: float


@dataclass(slots=True)
class _Tables:
    countries: dict[str, Country] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # folded country name -> code
    demonyms: dict[str, str] = field(default_factory=dict)
    seats: dict[str, str] = field(default_factory=dict)  # folded "kremlin", "moscow" -> code
    metonyms: dict[str, str] = field(default_factory=dict)  # seats that are not cities: "kremlin" -> code
    places: dict[str, list[GazetteerPlace]] = field(default_factory=dict)  # folded name -> rows in file order


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """The form names are matched in: case, accents, dots, curly apostrophes, a leading "the" and a possessive
    folded away ("the U.S.'s" -> "us")."""
    text = unicodedata.normalize("NFKD", name.replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold().replace(".", "")
    words = text.split()
    if words and words[0] == "the":
        words = words[1:]
    text = " ".join(words)
    if text.endswith("'s"):
        text = text[:-2]
    return text.rstrip("'").strip()


def country(code: str | None) -> Country | None:
    return _tables().countries.get(code) if code else None


def country_named(name: str) -> str | None:
    """The code when ``name`` is a name of the country itself ("Britain", "the U.S."), not a city or a people."""
    return _tables().names.get(fold(name))


def demonym(name: str) -> str | None:
    """The code when ``name`` names a country's people or is its adjective ("Russian", "Britons")."""
    return _tables().demonyms.get(fold(name))


def seat(name: str) -> str | None:
    """The code when ``name`` stands for a government: a capital or a seat ("Moscow", "the Kremlin")."""
    return _tables().seats.get(fold(name))


def metonym(name: str) -> str | None:
    """The code when ``name`` is a seat of government that is not a city ("the Kremlin", "Downing Street"): such a
    name stands for the government, an organisation, never a place."""
    return _tables().metonyms.get(fold(name))


def country_code(name: str) -> str | None:
    """The country a name, demonym, seat of government or gazetteer place belongs to, or None."""
    key = fold(name)
    if not key:
        return None
    tables = _tables()
    code = tables.names.get(key) or tables.demonyms.get(key) or tables.seats.get(key)
    if code:
        return code
    countries = {place.country for place in tables.places.get(key, ())}
    return countries.pop() if len(countries) == 1 else None


def places_named(name: str) -> list[GazetteerPlace]:
    """Every built-in place the name may be: the country first, then gazetteer rows in file order."""
    key = fold(name)
    tables = _tables()
    found = []
    if code := tables.names.get(key):
        c = tables.countries[code]
        found.append(GazetteerPlace(f"country:{code}", "country", c.name, code, c.lat, c.lon))
    found.extend(tables.places.get(key, ()))
    return found


@cache
def _tables() -> _Tables:
    tables = _Tables()
    for code, name, lat, lon, aliases, demonyms, seats in data.rows("countries.tsv"):
        people = _split(demonyms)
        tables.countries[code] = Country(code, name, float(lat), float(lon), people[0] if people else None)
        for alias in [name, *_split(aliases)]:
            tables.names.setdefault(fold(alias), code)
        for word in people:
            tables.demonyms.setdefault(fold(word), code)
        for word in _split(seats):
            tables.seats.setdefault(fold(word), code)
            tables.metonyms.setdefault(fold(word), code)
    _add_iso_names(tables)
    for place_id, kind, name, code, lat, lon, aliases in data.rows("gazetteer.tsv"):
        country_of = None if code == "-" else code
        place = GazetteerPlace(place_id, kind, name, country_of, float(lat), float(lon))
        for alias in {fold(name), *(fold(a) for a in _split(aliases))}:
            tables.places.setdefault(alias, []).append(place)
            if kind == "capital" and country_of:
                tables.seats.setdefault(alias, country_of)
    return tables


def _add_iso_names(tables: _Tables) -> None:
    """ISO's own names ("Russian Federation", "Korea, Republic of") as further aliases; ours win a clash."""
    import pycountry

    for entry in pycountry.countries:
        code = entry.alpha_3
        if code not in tables.countries:
            continue
        for attribute in ("name", "official_name", "common_name"):
            if value := getattr(entry, attribute, None):
                tables.names.setdefault(fold(value), code)


def _split(cell: str) -> list[str]:
    return [] if cell == "-" else [part for part in cell.split("|") if part]
