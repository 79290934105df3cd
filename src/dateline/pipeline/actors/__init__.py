"""Actor codes: who an event's source or target is, as a CAMEO-style code (country + sector).

    coder = ActorCoder.load(settings.actor_files)
    coder.entity(putin, date(2022, 2, 21))           # ActorCode("RUSGOV", "RUS", "GOV", "dictionary")
    coder.phrase(doc[3:5], found, date(2022, 2, 21))  # "Russian troops" -> ActorCode("RUSMIL", "RUS", "MIL", "role")

Where a code comes from, first that answers:

1. an actor dictionary: users' files first (so that their entries win), then data/actors.tsv (international
   organisations, armed movements) and data/actor_leaders.tsv (heads of state and government, ministers and heads of
   international bodies since the 1970s, with the dates of their offices; basis "dictionary");
2. the entity stage's roles and the words of the phrase ("President", "rebel leader", "troops"; data/agents.tsv, or
   a user's agents file - a PETRARCH .agents file alone, as PETRARCH reads it) with the country the entity stage or
   the phrase gives (basis "role");
3. the country alone, for a country, a people or a place (basis "country"); a capital or a seat of government that
   is an actor itself stands for the government: "Moscow accused ..." and "the Kremlin" are RUSGOV, while "the
   United States" is USA — a country named as a country stays the country, as CAMEO codes it.

A phrase is coded by the person or organisation it names or points to ("he", "Putin's spokesman"), else a
dictionary actor named in it ("Hamas militants"), else the place that is its head ("Moscow"); its other words give
the sector ("Russian troops"), and its head word can replace the actor's own ("Putin's troops" are RUSMIL); "former"
makes an office an elite's ("former Russian ministers" are RUSELI). A country the phrase names fills a missing one
("rebels in Mali"), but not a backer's ("Moscow-backed separatists in Ukraine" are UKRREB); a people "of" a place
is the place's community ("the Hungarians of southern Slovakia" are SVK). A person a dictionary codes by a country
alone takes the sector of the office the text gives ("Atlantis Prime Minister Romulus" [ATL] is ATLGOV) and, when
the phrase says whose office it is, that country ("Borealis's foreign minister Remus" is BORGOV); the head of an
international body stays the body ("U.N. Secretary-General Antonio Guterres" is IGOUNO).

Choices: a sector without a country in sight is coded with CAMEO's unknown country, "---REB" for "Tuareg rebels"
(country None), never guessed from elsewhere in the article (the event coder may read it from the event, as
coders do: pipeline/events/); protesters and demonstrators are CVL (civilians, as
PLOVER codes them), OPP being the organised political opposition; NATO is IGOWSTNAT, the United Nations IGOUNO and
the European Union IGOEUREEC — CAMEO's own codes, so an IGO's country part is "IGO". A code from a PETRARCH
dictionary is kept as written, a compound one too ("FRO/BIL/SAM": one actor per part).

The parts, a module each; each module imports only those before it in this order:

    codes     codes composed: a dictionary's code read, country + sector, a sector added, an owner's country
    phrases   a phrase's words as the dictionaries match them, and the mentions in it (a per-article index)
    places    the place that is a phrase's head, a people's homeland, the country a phrase names
    coder     ActorCoder: entities and phrases coded, from the dictionaries (reference/cameo/dictionaries/)
"""

from __future__ import annotations

from .coder import ActorCoder

__all__ = ["ActorCoder"]
