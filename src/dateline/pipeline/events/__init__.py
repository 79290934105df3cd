"""Events: who did what to whom, when and where, coded in CAMEO and PLOVER, read from the dependency parse.

    for event in events(doc, article, found, quotes, times, places, actors, verbs): ...

For each sentence:

1. Triggers. Every word the verb dictionary knows (reference/cameo/verbs/) is matched against the words around it:
   before it in the sentence, after it in its own phrase (its dependency subtree, less coordinated clauses, relative and
   adverbial clauses). The most specific pattern gives a code and a frame.
2. Structure. A trigger in the complement of another (its object, its infinitive, its prepositional object, its "to"
   clause of purpose) belongs to it: the act of a frame ("agreed [to meet]" -> 036, "refused [to meet]" -> 125,
   "urged X [to release]" -> 0253, "held [talks]" -> 040), or the argument of an act, which is not coded on its own
   ("condemned [the attack]", "accused X of [attacking]": an alleged attack is not an attack). A speech verb ("said")
   passes its content on: "X said Y attacked Z" is Y's attack on Z; "X said it would meet Z" is X's intent to meet Z;
   "X said Y must [do]" is X's demand of Y. A speech verb is coded itself (010) only with an addressee and no coded
   content, and a user's dictionary may give "said" a code but not take the content away.
3. What the sentence reports. Acts in relative clauses, participles and clauses of time ("militiamen who seized
   it", "arms smuggled last year", "after crowds stormed the consulate") are told in passing: they are coded only when
   the sentence's own clauses hold no event (a clause of time that reports speech is not in passing). Acts in "if"
   and "unless" clauses are conditions, never coded.
4. Actors. The source is the subject (through coordination, passives "was attacked by Y", infinitives "urged X to
   go", relative clauses, whoever holds the event an infinitive completes: "gathered for a march to protest"); the
   target the object, the dative, a prepositional object ("sanctions on X", "talks with X") or the one asked or let
   ("demanded that X ...", "allowed X to run"), the trigger's own before those of the acts under it, one of a known
   country before one of none; for nouns the owner ("Russia's attack") or "by X", and "on/against/with/to/from X";
   for an event noun, who stages it ("banned a march organised by farmers"); objects the parse moved
   ("condemned as a disgrace [Belarus's crackdown]") or shared ("trade links with and a consulate in [Hanoi]") count
   as well. What a light verb hands over ("sent troops") and what is the source's own ("pulled its troops out of
   Mali") are never the target. Each noun phrase is coded by the actor coder; a thing stands for its owner ("the
   offices of Siemens", "a shelter for migrants", "Canada's policies"), while people ("the driver of the bus")
   stay themselves; a people's country may come from where the text places them ("a radio station based in
   Kinshasa", "families fleeing the fighting in Sudan") or, in reported speech, from the speaker their possessive
   names ("Kurdish leaders said their fighters ..."). A coordinated phrase ("the US and its allies") is one actor per
   member, and so is a coordinated owner or modifier ("the envoys of Peru, Chile and Bolivia", "French and Belgian
   troops"); a compound code ("FRO/BIL/SAM") is one actor per part; with no target, a compound source acts on itself
   in mutual acts ("Peru and Ecuador resumed talks": both ways; data/event_reciprocal.tsv), while "Norway, Chile and
   Kenya condemned the test" is three condemnations. A pronoun in reported speech that names no one is the
   speaker ("X said they would ..."). With no target among the objects, the act's frame may name one: a threat is
   aimed at whom its condition asks ("unless Ottawa drops ..."), a refusal at whose pressure it resists ("despite
   pressure from X"), an act at the other side of the talks it follows ("after talks with X"), a protest at whom its
   purpose or stance names ("to voice their anger at X", "in defiance of X", "an anti-X rally"), a measure imposed in
   a place at that place ("a curfew in Mombasa"; data/event_place_targets.tsv). People the text gives no country
   ("protesters", "Tuareg rebels") are taken to be of the police or courts - in concessions and coercion, of the
   government - they deal with, else, for protests, coercion and violence, of the place it happens in, as coders
   read them (not when the text gives an origin: "migrants from Central America"); officials of no country are of whom
   they govern - the opposition or rebels they concede to or coerce ("President X gave in to demands from the FARC"),
   the place they impose a measure on ("a curfew in Mombasa"). An event needs a source or a target
   that is an actor, and with no source, a target of some country or name ("will allow officials to ..." is
   nothing) unless it is material conflict (victims count); a phrase that names no one ("no evidence", "this") is
   no actor. A frame word with no act needs a target ("urged Russia"); a noun alone needs both ("Russia's attack on
   X"). A user's PETRARCH verb dictionary is read as PETRARCH reads it: an act only between two actors (its
   require_dyad), the first actor in a pattern's noun phrase (reading on into a reported clause whose subject is a
   pronoun), any act of a compound source with no target done to each other, a verb a pattern names among its words
   part of that pattern ("+ HOSTING * EID" on "celebrate"), a time ("next week") no actor slot, and with "+" on the
   verb's own subject ("X noted [that] + *") the act is X's.
5. Negation and modality. A negated event ("did not attack", "no talks", "vowed not to resign", "has yet to sign")
   is not coded, nor an act in a clause of a denied noun ("there is no evidence [that X backed it]"), nor a question
   put ("asked whether ..."); a negated consent is a refusal where
   the dictionary says so ("will not accept" -> 12x). An intent or threat word whose clause tells what is, not what
   will be ("vowed the country has observed the sanctions"), is a statement, not an intent. A future act of the
   source's own ("will meet", reported "would meet", "is to visit", "scheduled to") is coded as CAMEO codes the
   intent (036; PLOVER codes future cooperation as AGREE), future force as the threat ("would blockade" -> 1381),
   announced sanctions and coercion as themselves ("would halt aid" -> 162); a condition ("... unless", "... if")
   makes any of them the intent or threat. A future act is marked planned (it is what will be, not what was);
   "may", "might", "could", a condition or a "possible" act mark the event hypothetical. Evaluations ("such a move
   would be a violation") are the speaker's disapproval (111) of whoever the judged thing belongs to - for "such a
   move", "the step", the source of the event just before.
6. When and where. A time expression in the sentence dates the event (the one nearest the act in the parse: "a
   meeting ... scheduled for Thursday"), else the publication day; a place the text puts the event in ("in Kyiv") is
   its place. A place is the target only of a measure imposed on it (above): PLOVER's recipient is whom an act is
   directed at and its location a field of its own, so protesters who "demonstrated in Chile" have no target. A
   statement that is also a quote (the quote's cue is the trigger, or its speaker is the source and the trigger lies
   in what was said) carries the quote's id. Its confidence is calibrated on the hand audits (pipeline/confidence.py):
   highest with both actors placed in a country, lower for what is not asserted.

Event ids are stable_id(article id, "event", trigger start, code); a second event of one trigger and code (a
compound actor) adds its actors' offsets.

The parts live in modules of this package, each importing only those before it: settings (EventSettings: the
limits of the reading), reading (the article's shared state, with the settings),
grammar (subjects, passives, auxiliaries), triggers (1), frames (2), phrases (who a noun phrase is), modality (3 and
5), arguments (4), setting (6), implied (the targets and countries the act's phrase leaves unsaid), senses (words of
violence in sport and against things), records (the Event records), sentence (one sentence, all of the above).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from spacy.attrs import ENT_TYPE, IS_PUNCT, IS_SPACE, LEMMA, LOWER, POS
from spacy.tokens import Doc

from ...model import Article, Event, Place, Quote, TimeExpr
from ...reference.cameo.verbs import VerbDictionary
from ..entities import Found
from .reading import ActorCoding, Reading
from .sentence import sentence_events
from .setting import dated, day_of
from .settings import EventSettings

__all__ = ["ActorCoding", "EventSettings", "events"]

_DEFAULTS = EventSettings()


def events(
    doc: Doc,
    article: Article,
    found: Found,
    quotes: list[Quote],
    times: list[TimeExpr],
    places: list[Place],
    actors: ActorCoding,
    verbs: VerbDictionary,
    settings: EventSettings = _DEFAULTS,
) -> Iterator[Event]:
    """The events the article's sentences report, in text order, read within the limits ``settings`` sets."""
    if not len(doc) or not doc.has_annotation("DEP") or not doc.has_annotation("SENT_START"):
        return
    usable_times = sorted((t for t in times if dated(t)), key=lambda t: t.start)
    reading = Reading(
        doc,
        article,
        found,
        quotes,
        usable_times,
        sorted(places, key=lambda p: p.start),
        actors,
        verbs,
        settings,
        published=(published := day_of(article.date_line or article.published)),
        era=published or _era(usable_times),
        triggers=verbs.triggers(),
        entities={e.id: e for e in found.entities},
    )
    last = doc[-1]
    same = len(article.text) == last.idx + len(last.text_with_ws)  # the pipeline's Docs are the article's text
    reading.text = article.text if same else doc.text  # doc.text joins its tokens anew on each access
    reading.forms = doc.to_array([LOWER, LEMMA, POS, IS_PUNCT, IS_SPACE, ENT_TYPE]).tolist()
    reading.time_starts = [t.start for t in reading.times]
    reading.place_starts = [p.start for p in reading.places]
    for sentence in doc.sents:
        yield from sentence_events(reading, sentence)


def _era(times: list[TimeExpr]) -> date | None:
    """When an undated article was written, as far as the actors' codes need it: the middle of the latest past year
    its text names ("in 2004", "March 2005"), so a prime minister named in it is coded as one, not as today's
    elder; None when it names no year."""
    this_year = date.today().year
    years = [int(t.value[:4]) for t in times if t.value[:4].isdigit() and int(t.value[:4]) <= this_year]
    return date(max(years), 7, 1) if years else None
