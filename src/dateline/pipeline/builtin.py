"""dateline's own stages, registered through the "dateline.stages" entry point as a user's would be:

    layout (which paragraphs are body, which captions, bylines, datelines, subheads, boilerplate)
    -> entities (names grouped, roles, countries; pronouns resolved by coref)
    -> quotes (speakers resolved through the entities) -> times (against the publication time; the title's too)
    -> places -> events (CAMEO/PLOVER, actors coded from dictionaries and roles) -> summary (the 5W1H card)

Quotes and events are kept to the body: one whose words (a quote's, a cue's, an event's trigger or actors) stand in a
caption, a byline, a dateline, a subhead or boilerplate is dropped, and a speaker found there is not named.

Each has its settings (its tuning: coreference's reach and weights, the summary's scoring weights, ...) in a
dataclass of defaults beside its code; `dateline settings` lists them, DATELINE_<STAGE>__<NAME> sets one.
"""

from __future__ import annotations

from ..model import Event, Quote, TimeExpr
from ..plugins import hookimpl
from . import confidence, coref, entities, events, layout, places, quotes, summary, times
from .stage import Reading, Stage


def _layout(reading: Reading, settings: layout.LayoutSettings) -> None:
    article = reading.article
    reading.found.layout = layout.regions(article.text, article.paragraphs, article.title, settings)


def _in_body(reading: Reading, *offsets: int) -> bool:
    return not any(layout.covering(reading.found.layout, at) for at in offsets)


def _entities(reading: Reading, settings: coref.CorefSettings) -> entities.Found:
    # a byline's reporters and a boilerplate link's names are not named by the story
    named = entities.entities(reading.doc, reading.article.id, settings, lambda at: not _in_story(reading, at))
    reading.found.entities, reading.found.mentions = named.entities, named.mentions
    return named


def _in_story(reading: Reading, at: int) -> bool:
    """Whether the words at ``at`` are the story's: its body, or a caption, dateline or subhead of it (not a byline
    or boilerplate)."""
    region = layout.covering(reading.found.layout, at)
    return region is None or region.role not in ("byline", "boilerplate")


def _named(reading: Reading) -> entities.Found:
    """What the entities stage found; nothing when it failed."""
    named: entities.Found | None = reading.results.get("entities")
    return named if named is not None else entities.Found([], [])


def _quotes(reading: Reading, settings: quotes.QuoteSettings) -> None:
    found = quotes.quotes(reading.doc, _named(reading).resolve, reading.article.id, settings)
    reading.found.quotes = [_speaker_in_body(reading, q) for q in found if _in_body(reading, *_words(q))]


def _words(quote: Quote) -> list[int]:
    return [quote.start, quote.end - 1, *((quote.cue.start,) if quote.cue else ())]


def _speaker_in_body(reading: Reading, quote: Quote) -> Quote:
    if quote.speaker is not None and not _in_body(reading, quote.speaker.start):
        quote.speaker = None  # a dateline's city, a caption's name: never the speaker
        quote.confidence = confidence.of("quote", quote)
    return quote


def _times(reading: Reading, settings: times.TimeSettings) -> list[TimeExpr]:
    """The text's times, stored; returns the title's, which are the summary's alone (they can date its event)."""
    found = times.times(reading.doc, reading.anchor, reading.article.id, settings)
    reading.found.times = [t for t in found if not _a_name(reading, t)]
    if reading.title is None:
        return []
    try:
        return list(times.times(reading.title, reading.anchor, reading.article.id, settings))
    except Exception as error:  # the text's times are kept when the title's fail
        reading.found.notes.append(f"times failed on the title ({type(error).__name__}: {error})")
        return []


_DATE_WORDS = frozenset(
    {"in", "on", "since", "until", "till", "by", "from", "during", "last", "next", "this", "early", "late", "mid", "of"}
)


def _a_name(reading: Reading, time: TimeExpr) -> bool:
    """A month that is a person's name: inside a name ("Theresa May", "April Ryan"), or the last word of a person's
    name this article gives, said without what introduces a date ("Ms May's office", not "in May")."""
    found = reading.found
    if any(m.kind == "PERSON" and m.start <= time.start and time.end <= m.end for m in found.mentions):
        return True
    if any(ch.isdigit() for ch in time.text) or " " in time.text:
        return False
    surnames = {e.name.split()[-1] for e in found.entities if e.kind == "PERSON" and " " in e.name}
    if time.text not in surnames:
        return False
    before = reading.doc.text[: time.start].split()
    return not before or before[-1].lower() not in _DATE_WORDS


def _places(reading: Reading, settings: None) -> None:
    found = places.places(reading.doc, _named(reading), reading.article.id)
    reading.found.places = [place for place in found if _in_story(reading, place.start)]


def _events(reading: Reading, settings: events.EventSettings) -> None:
    found, coders = reading.found, reading.coders
    coded = events.events(reading.doc, reading.article, _named(reading), found.quotes, found.times, found.places,
                          coders.actors, coders.verbs, settings)  # fmt: skip
    found.events = [event for event in coded if _in_body(reading, *_words_of(event))]


def _words_of(event: Event) -> list[int]:
    """Where an event's trigger and actors stand: an actor taken from a dateline, a subhead or a caption that the
    parse ran into the sentence is not who acted, so the event goes with it."""
    return [event.evidence.trigger_start, *(actor.start for actor in (event.source, event.target) if actor)]


def _summary(reading: Reading, settings: summary.SummarySettings) -> None:
    title_times: list[TimeExpr] = reading.results.get("times") or []
    found = reading.found
    found.summary = summary.summarize(reading.doc, reading.article, found, reading.title, title_times, settings)


STAGES = [
    Stage("layout", _layout, layout.LayoutSettings, description="paragraph roles: body, caption, byline, dateline, "
          "subhead, boilerplate; only the body is read for quotes and events"),
    Stage("entities", _entities, coref.CorefSettings, description="people, organisations and places named; "
          "roles, countries; pronouns and descriptions resolved (coreference: its settings are these)"),
    Stage("quotes", _quotes, quotes.QuoteSettings,
          description="direct and reported speech, speakers resolved through the entities"),
    Stage("times", _times, times.TimeSettings, description="times and dates (TIMEX3), against the publication time"),
    Stage("places", _places, description="places named, with coordinates"),
    Stage("events", _events, events.EventSettings, description="who did what to whom, coded in CAMEO and PLOVER"),
    Stage("summary", _summary, summary.SummarySettings, description="the 5W1H card: who, what, when, where, why, how"),
]  # fmt: skip


@hookimpl(trylast=True)
def dateline_stages() -> list[Stage]:
    return STAGES
