from __future__ import annotations

import os
import pickle
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from dateline import errors
from dateline.errors import DatabaseError, DateError, DatelineError, InputError, NotFound
from dateline.model import Problem
from dateline.pipeline import coders
from dateline.reference.cameo.dictionaries import (
    ActorDictionary,
    AgentDictionary,
    PhraseTable,
    builtin_actors,
    builtin_agents,
    people_words,
    plural_of,
    read,
    sectors,
    split_code,
    words,
)

DATELINE = str(Path(sys.executable).with_name("dateline"))
CAMEO = Path(__file__).resolve().parents[2] / "shared" / "reference" / "cameo"


def petr(name: str) -> Path:
    path = CAMEO / name
    if not path.exists():
        pytest.skip(f"{path} is absent: the PETRARCH reference dictionaries live in ../shared beside the checkout")
    return path


@pytest.fixture(scope="module")
def petr_actors() -> ActorDictionary:
    loaded = read(petr("PETR.Validate.actors.txt"))
    assert isinstance(loaded, ActorDictionary)
    return loaded


@pytest.fixture(scope="module")
def petr_agents() -> AgentDictionary:
    loaded = read(petr("PETR.Validate.agents.txt"))
    assert isinstance(loaded, AgentDictionary)
    return loaded


def code(dictionary: ActorDictionary, name: str, when: date | None) -> str | None:
    actor = dictionary.lookup(name)
    assert actor is not None, name
    return actor.code_on(when)


# ---- words and codes


def test_words_fold_case_accents_dots_possessives_and_hyphens() -> None:
    assert words("the U.S.'s") == ("the", "us")
    assert words("al-Qaeda") == ("al", "qaeda")
    assert words("Donetsk People’s Republic") == ("donetsk", "people", "republic")
    assert words("François  Hollande") == ("francois", "hollande")
    assert words("GAZA_CITY") == ("gaza", "city")


def test_split_code_reads_the_country_slot_and_the_first_sector() -> None:
    assert split_code("RUSGOV") == ("RUS", "GOV")
    assert split_code("IGOUNO") == ("IGO", None)
    assert split_code("IGOWSTNAT") == ("IGO", None)
    assert split_code("PSEREBHMS") == ("PSE", "REB")
    assert split_code("---REB") == (None, "REB")
    assert split_code("FRO/BIL/SAM") == ("FRO", None)
    assert {"GOV", "MIL", "REB", "OPP", "COP", "JUD", "LEG", "BUS", "CVL", "MED", "SPY", "IGO"} <= set(sectors())


def test_plurals() -> None:
    assert plural_of("rebel leader") == "rebel leaders"
    assert plural_of("militia") == "militias"
    assert plural_of("authority") == "authorities"
    assert plural_of("CONGRESS") == "CONGRESSES"
    assert plural_of("gunman") == "gunmen"


# ---- built-in data


def test_builtin_actors_know_offices_and_their_dates() -> None:
    actors = builtin_actors()
    assert code(actors, "Vladimir Putin", date(2022, 2, 21)) == "RUSGOV"
    assert code(actors, "Putin", date(2022, 2, 21)) == "RUSGOV"
    assert code(actors, "Sergey Lavrov", date(2004, 6, 1)) == "RUSGOV"
    assert code(actors, "Sergei Lavrov", date(2003, 6, 1)) is None  # his office as foreign minister began in 2004
    assert code(actors, "Antony Blinken", date(2022, 2, 21)) == "USAGOV"
    assert code(actors, "Antony Blinken", date(2025, 1, 20)) == "USAGOV"
    assert code(actors, "Antony Blinken", date(2025, 6, 1)) == "USAELI"
    assert code(actors, "Antony Blinken", datetime(2022, 2, 21, 22, 24)) == "USAGOV"  # a publication time
    assert code(actors, "George Bush", date(1990, 5, 1)) == "USAGOV"
    assert code(actors, "George Bush", date(1998, 5, 1)) == "USAELI"
    assert code(actors, "Taliban", date(2020, 1, 1)) == "AFGREB"
    assert code(actors, "Taliban", date(2022, 1, 1)) == "AFGGOV"
    assert code(actors, "the United Nations", None) == "IGOUNO"
    assert code(actors, "NATO", None) == "IGOWSTNAT"
    assert code(actors, "EU", None) == "IGOEUREEC"
    assert code(actors, "Donetsk People's Republic", None) == "UKRREB"


def test_builtin_office_holders_reach_back_in_time() -> None:
    actors = builtin_actors()  # data/actor_leaders.tsv: heads of state and government since the 1970s
    assert code(actors, "Robert Mugabe", date(1995, 3, 1)) == "ZWEGOV"
    assert code(actors, "Mugabe", date(2019, 3, 1)) == "ZWEELI"  # out of office
    assert code(actors, "Abdelaziz Bouteflika", date(2005, 1, 1)) == "DZAGOV"
    assert code(actors, "Bouteflika", date(1970, 1, 1)) == "DZAGOV"  # his years as foreign minister
    assert code(actors, "Kofi Annan", date(2002, 6, 1)) == "IGOUNO"
    assert code(actors, "Kofi Annan", date(2015, 6, 1)) == "IGOUNOELI"  # remembered by the body he led
    assert code(actors, "Mikhail Gorbachev", date(1988, 1, 1)) == "RUSGOV"
    assert code(actors, "Hafez al-Assad", date(1990, 1, 1)) == "SYRGOV"
    assert code(actors, "Assad", date(2010, 1, 1)) == "SYRGOV"  # the alias is Bashar's, in office then
    assert code(actors, "European Community", None) == "IGOEUREEC"
    assert code(actors, "Security Council", None) == "IGOUNO"
    assert code(actors, "National Security Council", None) == "---GOV"  # every country has one


def test_acronyms_need_capitals() -> None:
    actors = builtin_actors()
    assert code(actors, "WHO", None) == "IGOUNOHLH"
    assert actors.lookup("who") is None  # a word, not the World Health Organization
    assert code(actors, "U.N.", None) == "IGOUNO"
    assert code(actors, "Nato", None) == "IGOWSTNAT"  # written so as an alias: no capitals needed
    said = words("officials who said")
    assert actors.find(said, ["officials", "who", "said"]) == []
    assert [m.value.name for m in actors.find(("the", "who"), ["the", "WHO"])] == ["World Health Organization"]


def test_builtin_agents_give_sectors_and_plurals() -> None:
    agents = builtin_agents()
    expected = {
        "president": "GOV",
        "foreign minister": "GOV",
        "ambassadors": "GOV",
        "troops": "MIL",
        "soldiers": "MIL",
        "police": "COP",
        "judges": "JUD",
        "lawmakers": "LEG",
        "rebels": "REB",
        "separatists": "REB",
        "militants": "REB",
        "opposition party": "OPP",
        "journalists": "MED",
        "companies": "BUS",
        "protesters": "CVL",
        "gunmen": "REB",
    }
    for phrase, sector in expected.items():
        agent = agents.lookup(phrase)
        assert agent is not None and agent.sector == sector, phrase
    assert agents.lookup("polices") is None  # "police" has no other form
    leader = agents.lookup("leader")
    assert leader is not None and leader.kind == "generic"
    backed = agents.lookup("backed")
    assert backed is not None and backed.kind == "sponsor"
    former = agents.lookup("former")
    assert former is not None and former.kind == "former" and former.code == ""
    assert {("drivers",), ("men",), ("victim",)} <= people_words()  # people, of no sector


def test_longest_phrase_wins() -> None:
    agents = builtin_agents()
    (match,) = agents.find(words("the opposition party leader")[1:3])
    assert match.value.phrase == "opposition party"
    matches = agents.find(words("rebel leader"))
    assert [m.value.phrase for m in matches] == ["rebel leader"]
    table: PhraseTable[str] = PhraseTable()
    for phrase in ("the united states", "the united", "the", "united states", "the united states"):
        table.add(words(phrase), phrase)
    found = table.find(words("the united states and the united nations"))
    assert [(m.start, m.end, m.value) for m in found] == [(0, 3, "the united states"), (4, 6, "the united")]


# ---- PETRARCH's formats, proved on its own validation dictionaries


def test_petrarch_actors_codes_synonyms_and_compounds(petr_actors: ActorDictionary) -> None:
    assert code(petr_actors, "Arnor", None) == "ARN"
    assert code(petr_actors, "Minas Tirith", None) == "GON"  # a + synonym of GONDOR
    assert code(petr_actors, "Gaza City", None) == "PSEGZA"
    assert code(petr_actors, "The Shire", None) == "FRO/BIL/SAM"
    assert code(petr_actors, "Palestinian", None) == "PSE"  # [pse] is read in upper case
    assert code(petr_actors, "Interpol", None) == "IGOCOPITP"  # the code on its own indented line
    matches = petr_actors.find(words("the Hamas military command said"))
    assert [(m.start, m.end, m.value.code_on(None)) for m in matches] == [(1, 4, "PSEHMSGOV")]


def test_petrarch_date_restrictions(petr_actors: ActorDictionary) -> None:
    # SAM_GAMGEE: [HOBCIV <20080120] [ORCHOB 20100109-20100112] [HOBMIL 20080120-20121109] ...
    assert code(petr_actors, "Sam Gamgee", date(1995, 1, 4)) == "HOBCIV"
    assert code(petr_actors, "Sam Gamgee", date(2008, 1, 19)) == "HOBCIV"
    assert code(petr_actors, "Sam Gamgee", date(2010, 1, 6)) == "HOBMIL"
    assert code(petr_actors, "Sam Gamgee", date(2010, 1, 9)) == "ORCHOB"  # listed first, so it beats HOBMIL
    assert code(petr_actors, "Sam Gamgee", date(2010, 1, 12)) == "ORCHOB"  # both ends hold
    assert code(petr_actors, "Sam Gamgee", date(2010, 1, 13)) == "HOBMIL"
    assert code(petr_actors, "Sam Gamgee", date(2012, 12, 31)) == "HOBGOV"
    assert code(petr_actors, "Sam Gamgee", date(2014, 1, 1)) == "HOBELI"
    # GOLLUM, with six-digit dates (YYMMDD): [HOB < 950601] [HOBGOV 19950601 - 19990815] [HOBREB > 990816]
    assert code(petr_actors, "Smeagol", date(1992, 1, 2)) == "HOB"
    assert code(petr_actors, "Gollum", date(1997, 1, 1)) == "HOBGOV"
    assert code(petr_actors, "Gollum", date(2001, 1, 1)) == "HOBREB"
    # ZIMBABWE: [RHO <790606] then the default [ZBW]
    assert code(petr_actors, "Zimbabwe", date(1975, 1, 1)) == "RHO"
    assert code(petr_actors, "Zimbabwe", date(1995, 1, 1)) == "ZBW"
    assert code(petr_actors, "Onodoher", date(1995, 1, 1)) is None  # only a restricted code, which has ended


def test_petrarch_agents(petr_agents: AgentDictionary) -> None:
    def sector(phrase: str) -> str | None:
        agent = petr_agents.lookup(phrase)
        return agent.code if agent else None

    assert sector("police") == "COP"
    assert sector("polices") is None  # POLICE {}: no plural
    assert sector("troops") == "MIL"
    assert sector("ministers") == "GOV"  # a regular plural, made
    assert sector("foreign minister") == "GOVFRM"
    assert sector("congressmen") == "LEG"  # CONGRESS!PERSON!
    assert sector("ministries of silly walks") == "GOV"  # !MINST!_OF_SILLY_WALKS
    assert sector("golden geese") == "GGS"  # {GOLDEN_GEESE}
    body = petr_agents.lookup("human rights body")
    assert body is not None and body.prefix and body.code == "NGO"  # [NGO~]
    assert petr_agents.complete and not builtin_agents().complete  # PETRARCH's file is a whole vocabulary


def test_phoenix_dictionaries_load_leniently() -> None:
    problems: list[Problem] = []
    loaded = read(petr("Phoenix.International.actors.txt"), problems)
    assert isinstance(loaded, ActorDictionary) and len(loaded) > 5000
    assert problems and problems[0].source.startswith(str(CAMEO / "Phoenix.International.actors.txt") + ":")
    assert {problem.severity for problem in problems} == {"warning"}
    assert code(loaded, "NATO", None) == "IGOWSTNAT"


# ---- our TSV format, and bad files


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_our_tsv_formats_are_sniffed(tmp_path: Path) -> None:
    actors = read(write(tmp_path, "mine.tsv", "# ours\nAcme Militia\tXYZREB\t2001-01-01\t-\tAcme|the Acme\n"))
    assert isinstance(actors, ActorDictionary)
    assert code(actors, "Acme", date(2005, 1, 1)) == "XYZREB"
    assert code(actors, "the Acme Militia", date(1999, 1, 1)) is None
    agents = read(write(tmp_path, "agents.tsv", "wizard\tSPY\nelder\tELI\t=\tgeneric\n"))
    assert isinstance(agents, AgentDictionary)
    wizards = agents.lookup("wizards")
    assert wizards is not None and wizards.code == "SPY"
    assert agents.lookup("elders") is None


@pytest.mark.parametrize(
    ("name", "text", "line", "says"),
    [
        ("a.txt", "ARNOR [ARN]\nGONDOR [GON\n", 2, "never closed"),
        ("b.txt", "ARNOR [ARN]\n\n# comment\nSAM\n\t[HOB 2010013-20100112]\n", 5, "bad date"),
        ("c.txt", "SAM [HOB]\n\t[HOBGOV 20120101-20110101]\n", 2, "ends before it starts"),
        ("d.txt", "+SMEAGOL\nGOLLUM [HOB]\n", 1, "before any actor"),
        ("e.txt", "<!-- open\nARNOR [ARN]\n", 1, "never closed"),
        ("f.txt", "!PERSON! = MAN, MEN\nCONGRESS!PEOPLE! [~LEG]\n", 2, "!PEOPLE!"),
        ("g.txt", "POLICE [~COP]\nTROOPS\n[~MIL]\n", 2, "needs a [~CODE]"),
        ("h.tsv", "Acme\tXYZREB\t2001-13-01\t-\t-\n", 1, "bad date"),
        ("i.tsv", "Acme\tXYZREB\t-\t-\t-\nAcme\tXYZGOV\t-\t-\t-\n", 2, "already has an undated code"),
        ("j.tsv", "wizard\tSPY\t-\tsometimes\n", 1, "unknown kind"),
        ("k.tsv", "a\tb\tc\td\te\tf\n", 1, "6 tab-separated"),
    ],
)
def test_bad_files_name_the_file_and_line(tmp_path: Path, name: str, text: str, line: int, says: str) -> None:
    path = write(tmp_path, name, text)
    with pytest.raises(InputError) as raised:
        read(path)
    assert raised.value.source == f"{path}:{line}"
    assert says in raised.value.message


def test_missing_and_empty_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        read(tmp_path / "absent.txt")
    with pytest.raises(InputError, match="no actor or agent entries"):
        read(write(tmp_path, "empty.txt", "# nothing\n\n"))


# ---- the field's own files, and errors that cross a process boundary (issue 12, item 11)


def test_phoenix_actor_files_load_for_an_ingest_with_a_warning_per_bad_line() -> None:
    countries, international = petr("Phoenix.Countries.actors.txt"), petr("Phoenix.International.actors.txt")
    coding = coders((str(countries), str(international)))
    warned = [str(problem) for problem in coding.warnings]
    assert (
        f"{countries}:2039: bad date '9008223' in a date restriction: write YYYYMMDD or YYMMDD; the line is skipped"
        in warned
    )
    assert any(message.startswith(f"{international}:40: bad date ") for message in warned)
    mine = coding.actors.actors[:2]  # the user's files come first
    assert code(mine[0], "Yerevan", date(2001, 5, 1)) == "ARM"  # the lines after the bad one are read
    assert code(mine[1], "NATO", None) == "IGOWSTNAT"


def test_every_error_of_ours_survives_the_trip_back_from_a_worker_process() -> None:
    examples = [
        DatelineError("the model is not installed"),
        InputError("feeds/wire.jsonl:7", "no article text"),
        DateError("31/02/2031", "no such day", date(2031, 2, 1)),
        DatabaseError("sqlite:///x.db: cannot store (database or disk is full)"),
        NotFound("no article 0badc0de"),
    ]
    ours = {kind for kind in vars(errors).values() if isinstance(kind, type) and issubclass(kind, Exception)}
    assert {type(error) for error in examples} == ours
    for error in examples:
        back = pickle.loads(pickle.dumps(error))
        assert type(back) is type(error) and str(back) == str(error) and vars(back) == vars(error)


def ingest(tmp_path: Path, dictionaries: list[Path]) -> subprocess.CompletedProcess[str]:
    """`dateline ingest` of a short article with two spaCy worker processes and the users' actor dictionaries."""
    article = write(tmp_path, "news.txt", "date 2031-03-03 Talks\n>> Wire\nThe mayor of Yerevan met Acme on Monday.\n")
    env = {
        **os.environ,
        "DATELINE_ACTOR_DICTIONARIES": os.pathsep.join(map(str, dictionaries)),
        "DATELINE_N_PROCESS": "2",
    }
    command = [DATELINE, "ingest", str(article), "--db", str(tmp_path / "x.db"), "--quiet"]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)


def test_a_bad_dictionary_stops_an_ingest_with_workers_in_one_line(tmp_path: Path) -> None:
    bad = write(tmp_path, "mine.tsv", "Acme Militia\tXYZREB\t2001-13-01\t-\t-\n")
    done = ingest(tmp_path, [bad])
    assert done.returncode == 1
    assert done.stderr == f"error: {bad}:1: bad date '2001-13-01': no such day\n"


def test_an_ingest_reads_with_the_phoenix_files_and_names_their_bad_lines(tmp_path: Path) -> None:
    countries = petr("Phoenix.Countries.actors.txt")
    done = ingest(tmp_path, [countries])
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    summary = " ".join(done.stdout.split())  # the summary counts the warnings and names each bad line
    assert f"{countries}:2039: bad date '9008223'" in summary
