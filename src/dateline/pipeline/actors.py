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
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import NamedTuple

from spacy.tokens import Span

from ..model import ActorCode, Entity, Mention, Problem
from ..reference import geography as geo
from ..reference.cameo.dictionaries import (
    NO_COUNTRY,
    Actor,
    ActorDictionary,
    Agent,
    AgentDictionary,
    Match,
    agent_sector,
    builtin_actors,
    builtin_agents,
    people_words,
    read,
    split_code,
    words,
)
from .entities import Found

_GOVERNMENT = "GOV"
_FORMER = Agent("former office-holder", "ELI")
_INTERNATIONAL = frozenset({"IGO", "NGO", "IMG", "MNC", "ISM"})  # the head of such a body is coded as the body
_PLACE_KINDS = frozenset({"GPE", "NORP", "LOC"})
_INITIAL = re.compile(r"^\w\.?$")


class _Words(NamedTuple):
    """A phrase's words as the dictionaries match them, each with the token it came from, and the mentions in it."""

    words: tuple[str, ...]
    tokens: tuple[int, ...]  # doc token index of each word
    written: tuple[str, ...]  # each word's token as written ("U.N."), for acronyms
    starts: tuple[int, ...]  # each word's token's first character
    mentions: list[Mention]  # the names and pronouns that overlap the phrase


@dataclass(slots=True)
class _Index:
    found: Found
    mentions: list[Mention]  # names and pronouns, by start
    starts: list[int]
    longest: int  # characters in the longest mention
    by_id: dict[str, Entity]
    phrases: dict[tuple[int, int, date | None], ActorCode | None] = field(default_factory=dict)  # coded already
    entities: dict[tuple[str, date | None], ActorCode | None] = field(default_factory=dict)  # likewise


class ActorCoder:
    """Codes named entities and noun phrases as CAMEO-style actors; see the module's docstring."""

    def __init__(self, actors: Sequence[ActorDictionary], agents: Sequence[AgentDictionary]) -> None:
        self.actors = list(actors)  # first wins
        self.agents = list(agents)
        self.appends = any(a.complete for a in self.agents)  # PETRARCH's agents add their codes to an actor's
        self._index: _Index | None = None
        self._kinds: dict[str, str | None] = {}  # word -> its agent kind, as the dictionaries say

    @classmethod
    def load(cls, dictionaries: Sequence[str | Path] = (), problems: list[Problem] | None = None) -> ActorCoder:
        """The built-in dictionaries plus users' files (ours or PETRARCH's, actors or agents; see
        reference/cameo/dictionaries/), users' first. A bad file raises InputError naming the file and line; with
        ``problems`` given, a PETRARCH file's bad lines are noted there and the rest of it read, as PETRARCH does."""
        actors: list[ActorDictionary] = []
        agents: list[AgentDictionary] = []
        for path in dictionaries:
            loaded = read(path, problems)
            if isinstance(loaded, ActorDictionary):
                actors.append(loaded)
            else:
                agents.append(loaded)
        if not any(a.complete for a in agents):  # a PETRARCH agents file is the whole vocabulary, as in PETRARCH
            agents.append(builtin_agents())
        return cls([*actors, builtin_actors()], agents)

    # ---- named entities

    def entity(self, entity: Entity, when: date | None = None) -> ActorCode | None:
        """A named entity's code: its dictionary entry on that day, else its roles' sector with its country, else
        its country alone (a country, people or place), else None. A role the text gives beats a dictionary's
        "former office-holder" (ELI) for that day: "President Obama" in a text is in office."""
        code = self._named(entity, when)
        role = self._sector_of_roles(entity.roles)
        if code is not None:
            if code.sector == "ELI" and role is not None and agent_sector(role) != "ELI":
                if code.country in _INTERNATIONAL:  # "Secretary-General Boutros Boutros-Ghali" [IGOUNOELI] -> IGOUNO
                    return _from_dictionary(code.code.removesuffix("ELI"))
                return _compose(code.country, role, "role")
            if code.sector is None and role is not None and code.country not in _INTERNATIONAL:
                return _compose_on(code, Agent(role, role))  # "Atlantis Prime Minister Romulus" [ATL] -> ATLGOV
            return code
        if (country := geo.country_named(entity.name)) is not None:
            return ActorCode(country, country, None, "country")  # whatever the tagger took it for
        if entity.kind == "PERSON":
            return _compose(entity.country, role, "role") if role else None
        if entity.kind in _PLACE_KINDS:
            country = entity.country or geo.country_code(entity.name)
            if country is None:
                return None
            if entity.kind == "GPE" and _is_seat(entity.name):
                return _compose(country, _GOVERNMENT, "country")
            return ActorCode(country, country, None, "country")
        if entity.kind == "ORG":
            if (country := geo.metonym(entity.name)) is not None:
                return _compose(country, _GOVERNMENT, "country")  # "the Kremlin", "Downing Street"
            name = words(entity.name)
            match = self._best_agent(self._agent_matches(name), head=-1, members_only=True)
            if role is not None:
                code = _compose(entity.country, role, "role")
            elif match is not None:
                code = _compose(entity.country, match.value.code, "role", match.value.prefix)
            else:
                return None
            owner = None if entity.country else self._owner(*_written_words(entity.name), when, frozenset())
            return _with_owner(code, owner) if owner else code  # "the Borealis Ministry of Fisheries"
        return None

    def _named(self, entity: Entity, when: date | None) -> ActorCode | None:
        """The entity's code from a dictionary: by its name, its aliases, or (for a person) its surname when the
        dictionary's person of that surname has the same first initial ("Sergey V Lavrov" is Sergey Lavrov)."""
        names = [entity.name, *entity.aliases]
        person = entity.kind == "PERSON"
        if person:
            names = [_without_initials(entity.name), *names]
        for dictionary in self.actors:
            for name in names:
                actor = dictionary.lookup(name)
                if actor is not None and (not person or _same_person(entity.name, name, actor)):
                    code = actor.code_on(when)
                    if code is not None:
                        return _from_dictionary(code)
        return None

    def _sector_of_roles(self, roles: Sequence[str]) -> str | None:
        for role in roles:
            agent = self._best_agent(self._agent_matches(words(role)), head=-1)
            if agent is not None and agent.value.code:
                return agent.value.code
        return None

    @staticmethod
    def owned(code: ActorCode, owner: ActorCode) -> ActorCode:
        """A code that lacks its country completed by the actor it belongs to: ---GOV of ARN -> ARNGOV."""
        return _with_owner(code, owner)

    # ---- phrases

    def phrase(self, span: Span, found: Found, when: date | None = None) -> ActorCode | None:
        """The code of a noun phrase that is an event's source or target, named or not ("Russian troops",
        "Sudan's government", "protesters", "he"): the person or organisation it names or points to, else a
        dictionary actor named in it, else the place that is its head; with the sector its other words give, and
        the country it names when that is all that is missing."""
        if not len(span):
            return None
        index = self._index_of(found)
        key = (span.start, span.end, when)
        if key not in index.phrases:
            index.phrases[key] = self._phrase(span, index, when)
        return index.phrases[key]

    def _phrase(self, span: Span, index: _Index, when: date | None) -> ActorCode | None:
        phrase = _words_of(span, index)
        head = _word_at(phrase, span.root.i)
        base, named, person = self._named_in(span, phrase, index, head, when)
        every = self._agent_matches(phrase.words)  # the name's words too: "Borealis's foreign minister Remus"
        matches = [m for m in every if named.isdisjoint(range(m.start, m.end))]
        match = self._best_agent(matches, head) or self._governing_agent(span)
        if match is not None and any(self.kind(w) == "former" for w in phrase.words[: max(0, match.start)]):
            match = Match(match.start, match.end, _FORMER)  # "former Arnor judges": no longer in office
        if match is None:
            code = base
        elif self.appends and base is not None and base.sector is not None and base.basis == "dictionary":
            code = _appended(base, match.value)
        else:
            code = _with_agent(base, match, head, named, bool(person) and named == person)
        if person and base is not None and base.basis == "role":
            code = self._title_owner(phrase, every, when) or code
        prefix = next((m for m in every if m.value.prefix and m.value.code and m is not match), None)
        if code is not None and prefix is not None and not code.code.startswith(prefix.value.code):
            code = ActorCode(prefix.value.code + code.code, code.country, code.sector, "role")  # "an MSF Arnor doctor"
        if code is not None and not _lacks_country(code):
            return code
        # the actor it belongs to ("the U.N. Secretary-General", "lawmakers in Peru"), else the country it names
        owner = self._owner(phrase.words, phrase.written, when, person)
        if owner is None:
            owner = self._conjunct_owner(span, when)  # "government" in "Swedish media and government"
        if owner is None and (country := _country_in(span, phrase, index, self.kind)) is not None:
            owner = ActorCode(country, country, None, "country")
        if code is None or owner is None:
            return code or owner
        return _with_owner(code, owner)

    def _title_owner(self, phrase: _Words, agents: list[Match[Agent]], when: date | None) -> ActorCode | None:
        """For a person the dictionaries know by no office, the country the phrase gives the office: "Borealis's
        foreign minister Remus" serves Borealis, whatever country a dictionary files him under."""
        title = next((m for m in agents if m.value.kind == "member" and m.value.code and not m.value.prefix), None)
        if title is None:
            return None
        owner = self._owner(phrase.words[: title.start], phrase.written[: title.start], when, frozenset())
        if owner is None or owner.sector is not None or owner.country in _INTERNATIONAL:
            return None
        return _compose(owner.country, title.value.code, "role", title.value.prefix)

    def _named_in(
        self, span: Span, phrase: _Words, index: _Index, head: int, when: date | None
    ) -> tuple[ActorCode | None, frozenset[int], frozenset[int]]:
        """The code of the actor the phrase names, the positions of the words that name it, and those of a
        person's name (which no dictionary actor may be found inside: "Hank Bush" is not the Bush it knows)."""
        entity = self._named_entity(span, phrase, index)
        named = _positions(phrase, entity) if entity is not None else frozenset[int]()
        person = named if entity is not None and entity.kind == "PERSON" else frozenset[int]()
        if entity is not None and (code := self._entity_in(index, entity, when)) is not None:
            return code, named, person
        code, named = self._dictionary_in(phrase, head, when, person)
        if code is None and (place := _place_on_head(span, phrase, index)) is not None:
            if place.kind == "NORP":
                place = _homeland(span, index) or place  # "the Hungarians of southern Slovakia" live in Slovakia
            code, named = self._entity_in(index, place, when), _positions(phrase, place)
        return code, named, person

    def _entity_in(self, index: _Index, entity: Entity, when: date | None) -> ActorCode | None:
        """``entity``, coded once per article: many of its phrases name it."""
        key = (entity.id, when)
        if key not in index.entities:
            index.entities[key] = self.entity(entity, when)
        return index.entities[key]

    def _owner(
        self, sequence: Sequence[str], written: Sequence[str], when: date | None, skip: frozenset[int]
    ) -> ActorCode | None:
        """The first dictionary actor with a country named in the words, outside ``skip``."""
        for dictionary in self.actors:
            for match in dictionary.find(sequence, written):
                if skip.issuperset(range(match.start, match.end)):
                    continue
                code = match.value.code_on(when)
                if code is not None and (found := _from_dictionary(code)).country is not None:
                    return found
        return None

    def _conjunct_owner(self, span: Span, when: date | None) -> ActorCode | None:
        """The country a coordination's first member is modified by, shared by the phrase that is a later member:
        "Swedish" for "government" in "Swedish media and government"."""
        token = span.root
        if token.dep_ != "conj":
            return None
        while token.dep_ == "conj" and token.head.i < token.i:
            token = token.head
        for child in token.lefts:
            if child.dep_ in ("amod", "compound", "poss", "nmod") and not span.start <= child.i < span.end:
                owner = self._owner(*_written_words(child.text), when, frozenset())
                country = geo.demonym(child.text) or geo.country_named(child.text)
                if owner is not None:
                    return owner
                if country is not None:
                    return ActorCode(country, country, None, "country")
        return None

    def _dictionary_in(
        self, phrase: _Words, head: int, when: date | None, skip: frozenset[int]
    ) -> tuple[ActorCode | None, frozenset[int]]:
        """The code of a dictionary actor named in the phrase (the one on the head word, else the first), and
        the positions of its words; none within ``skip``."""
        for dictionary in self.actors:
            matches = sorted(dictionary.find(phrase.words, phrase.written), key=lambda m: not m.start <= head < m.end)
            for match in matches:
                positions = frozenset(range(match.start, match.end))
                code = None if positions <= skip else match.value.code_on(when)
                if code is not None:
                    return _from_dictionary(code), positions
        return None, frozenset()

    @staticmethod
    def _named_entity(span: Span, phrase: _Words, index: _Index) -> Entity | None:
        """The person or organisation the phrase names or points to ("Putin's spokesman", "he"); a place only
        when the phrase is a pronoun for it ("it", "they")."""
        if not phrase.mentions:
            return None  # what resolve would say, without its search
        resolved = index.found.resolve(span.start_char, span.end_char)
        entity = index.by_id.get(resolved[0]) if resolved is not None else None
        if entity is None or (entity.kind in _PLACE_KINDS and span.root.pos_ != "PRON"):
            return None
        return entity

    def kind(self, word: str) -> str | None:
        """The kind of agent word it is (member, generic, sponsor, stance, former), from the first dictionary that
        knows, ours last: what a word is ("troops" name people, "anti" a stance) holds whatever codes are used."""
        if word in self._kinds:
            return self._kinds[word]
        found = None
        for dictionary in (*self.agents, builtin_agents()):
            agent = dictionary.lookup(word.strip("-"))
            if agent is not None:
                found = agent.kind
                break
        if len(self._kinds) > 100_000:  # a long ingest meets many words: keep the table bounded
            self._kinds.clear()
        self._kinds[word] = found
        return found

    def names_people(self, phrase: str) -> bool:
        """Whether the phrase ends in a word for people or a body of them ("Peru's main opposition groups",
        "the government", "the driver"), in any dictionary or data/actor_people.tsv: what a word means holds
        whatever codes are used."""
        sequence = words(phrase)
        if sequence and sequence[-1:] in people_words():
            return True
        for dictionary in (*self.agents, builtin_agents()):
            for match in dictionary.find(sequence):
                if match.end == len(sequence) and match.value.kind in ("member", "generic"):
                    return True
        return False

    # ---- agents

    def _agent_matches(self, words: Sequence[str]) -> list[Match[Agent]]:
        """Sector words in the phrase, from the first dictionary (users' first) that finds any."""
        for dictionary in self.agents:
            matches = dictionary.find(words)
            if matches:
                return matches
        return []

    def _governing_agent(self, span: Span) -> Match[Agent] | None:
        """For a phrase that only modifies a noun outside it ("Czech" in "Polish and Czech diplomats"), that
        noun's sector."""
        token = span.root
        while token.dep_ == "conj" and token.head.i < token.i:
            token = token.head
        noun = token.head
        if token.dep_ not in ("amod", "compound", "nmod") or span.start <= noun.i < span.end or noun.pos_ != "NOUN":
            return None
        return self._best_agent(self._agent_matches(words(noun.text)), head=0)

    @staticmethod
    def _best_agent(matches: list[Match[Agent]], head: int, members_only: bool = False) -> Match[Agent] | None:
        """The member word on the head, else the last member word, else the last generic one ("rebel leader" is
        REB, "government troops" MIL, "a Chilean official" GOV)."""
        coding = [m for m in matches if m.value.kind in ("member", "generic") and m.value.code]
        members = [m for m in coding if m.value.kind == "member"]
        on_head = [m for m in members if m.start <= head < m.end]
        if on_head:
            return on_head[0]
        if members:
            return members[-1]
        return coding[-1] if coding and not members_only else None

    # ---- per-article index

    def _index_of(self, found: Found) -> _Index:
        if self._index is None or self._index.found is not found:
            mentions = sorted(found.mentions, key=lambda m: (m.start, -m.end))
            by_id = {e.id: e for e in found.entities}
            longest = max((m.end - m.start for m in mentions), default=0)
            self._index = _Index(found, mentions, [m.start for m in mentions], longest, by_id)
        return self._index


# ---- helpers


def _from_dictionary(code: str) -> ActorCode:
    country, sector = split_code(code)
    return ActorCode(code, country, sector, "dictionary")


def _compose(country: str | None, sector_code: str, basis: str, prefix: bool = False) -> ActorCode:
    """country + sector: ("RUS", "MIL") -> RUSMIL; no country -> ---MIL; a prefix agent (NGO~) goes first."""
    own = country or NO_COUNTRY
    code = sector_code + (country or "") if prefix else own + sector_code
    return ActorCode(code, country, agent_sector(sector_code), basis)


def _compose_on(base: ActorCode, agent: Agent) -> ActorCode:
    """An agent's sector added to a code that has none: USA + GOV, IGOUNO + MIL, DNK + MED."""
    code = agent.code + base.code if agent.prefix else base.code + agent.code
    return ActorCode(code, base.country, agent.sector, "role")


def _is_seat(name: str) -> bool:
    """A capital or seat of government ("Moscow", "Washington"), not the country's own name."""
    return geo.seat(name) is not None and geo.country_named(name) is None


def _without_initials(name: str) -> str:
    """ "Sergey V. Lavrov" -> "Sergey Lavrov"."""
    parts = name.split()
    kept = [p for i, p in enumerate(parts) if not (0 < i < len(parts) - 1 and _INITIAL.match(p))]
    return " ".join(kept)


def _same_person(full: str, used: str, actor: Actor) -> bool:
    """Whether a dictionary person found by one of the entity's names is that person: always when the name used
    has two words or more; for a surname alone, when the first names share an initial (or one is missing)."""
    if len(words(used)) >= 2:
        return True
    mine, theirs = words(full), words(actor.name)
    if len(mine) < 2 or len(theirs) < 2:
        return True
    return mine[0][0] == theirs[0][0]


def _words_of(span: Span, index: _Index) -> _Words:
    found: list[str] = []
    tokens: list[int] = []
    written: list[str] = []
    starts: list[int] = []
    for token in span:
        if token.tag_ == "POS" or token.is_space:
            continue
        text = token.text
        for word in words(text):
            found.append(word)
            tokens.append(token.i)
            written.append(text)
            starts.append(token.idx)
    mentions = _mentions_in(index, span.start_char, span.end_char)
    return _Words(tuple(found), tuple(tokens), tuple(written), tuple(starts), mentions)


def _written_words(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A name's words, and each word's piece of the name as written."""
    pairs = [(word, piece) for piece in text.split() for word in words(piece)]
    return tuple(w for w, _ in pairs), tuple(p for _, p in pairs)


def _word_at(phrase: _Words, token: int) -> int:
    """The position of the (first) word of a token, -1 when the token gives none."""
    try:
        return phrase.tokens.index(token)
    except ValueError:
        return -1


def _with_agent(
    base: ActorCode | None, match: Match[Agent], head: int, named: frozenset[int], person: bool
) -> ActorCode:
    """The actor's code with the sector a word of the phrase gives: "Russian" + "troops" -> RUSMIL. An actor's
    own sector stays, unless the phrase's head is a member word outside the name ("Putin's troops" -> RUSMIL,
    "Hamas police" -> PSECOP; "the Kremlin spokesman" stays RUSGOV) or the actor is a former office-holder whom
    the text gives an office ("President Obama"). A person's own code is whole: a title adds nothing to it
    ("U.N. Secretary-General Antonio Guterres" is IGOUNO, as Guterres is)."""
    agent = match.value
    on_head = match.start <= head < match.end and head not in named
    if base is None:
        return _compose(None, agent.code, "role", agent.prefix)
    if base.sector is None and not (person and not on_head):
        return _compose_on(base, agent)
    former = base.sector == "ELI" and agent.sector not in (None, "ELI")
    if agent.kind == "member" and (on_head or former):
        return _compose(base.country, agent.code, "role", agent.prefix)
    return base


def _appended(base: ActorCode, agent: Agent) -> ActorCode:
    """PETRARCH's composition: an agent's code added after a dictionary actor's that has a sector already, less the
    blocks it has ("White House" [USAGOV] "officials" [~GOV] -> USAGOV, "former" -> USAGOVELI)."""
    own = {base.code[i : i + 3] for i in range(0, len(base.code), 3)}
    added = "".join(block for i in range(0, len(agent.code), 3) if (block := agent.code[i : i + 3]) not in own)
    if agent.prefix:
        return ActorCode(added + base.code, base.country, base.sector, "role")
    return ActorCode(base.code + added, base.country, base.sector, "role")


def _lacks_country(code: ActorCode) -> bool:
    """A code whose country is still unknown: from roles or words ("---GOV", a prefix agent alone: "NGO"), or a
    dictionary's body that every country has ("National Security Council": ---GOV)."""
    return code.country is None and (code.basis != "dictionary" or code.code.startswith(NO_COUNTRY))


def _with_owner(code: ActorCode, owner: ActorCode) -> ActorCode:
    """A code that lacks its country given the actor it belongs to: ---GOV + IGOUNO -> IGOUNOGOV, ---REB + UKR ->
    UKRREB, NGO + ARN -> NGOARN. An owner with its own sector keeps it ("officials in the White House")."""
    if not _lacks_country(code):
        return code
    if code.code.startswith(NO_COUNTRY):
        if owner.sector is not None and owner.basis == "dictionary":
            return owner
        return ActorCode(owner.code + code.code[len(NO_COUNTRY) :], owner.country, code.sector, "role")
    return ActorCode(code.code + owner.code, owner.country, code.sector, "role")  # a prefix agent (NGO~) first


def _mentions_in(index: _Index, start: int, end: int) -> list[Mention]:
    """The mentions (names and pronouns) that overlap the characters from ``start`` to ``end``."""
    low = bisect.bisect_left(index.starts, start - index.longest)
    high = bisect.bisect_left(index.starts, end)
    return [m for m in index.mentions[low:high] if m.end > start]


def _not_its_country(span: Span, start: int, end: int, kind_of: Callable[[str], str | None]) -> bool:
    """Whether the name from character ``start`` to ``end`` is a backer or a cause rather than the actor's country:
    a sponsor word follows it ("Moscow-backed", "US funded") or a stance word precedes it ("anti-Iran", "pro
    Western"), hyphens aside."""
    doc = span.doc
    window = range(max(0, span.start - 2), min(len(doc), span.end + 2))
    after = next((t for i in window if (t := doc[i]).idx >= end and t.text != "-"), None)
    before = next((t for i in reversed(window) if (t := doc[i]).idx + len(t.text) <= start and t.text != "-"), None)
    return (after is not None and kind_of(after.lower_) == "sponsor") or (
        before is not None and kind_of(before.lower_) == "stance"
    )


def _positions(phrase: _Words, entity: Entity) -> frozenset[int]:
    """The positions of the phrase's words that belong to a mention of the entity."""
    bounds = [(m.start, m.end) for m in phrase.mentions if m.entity_id == entity.id]
    return frozenset(i for i, start in enumerate(phrase.starts) if any(s <= start < e for s, e in bounds))


def _place_on_head(span: Span, phrase: _Words, index: _Index) -> Entity | None:
    """The country, people or place that is the phrase's head ("Moscow accused ...")."""
    at = span.root.idx
    for mention in phrase.mentions:
        entity = index.by_id.get(mention.entity_id or "")
        if entity is not None and entity.kind in _PLACE_KINDS and mention.start <= at < mention.end:
            return entity
    return None


def _homeland(span: Span, index: _Index) -> Entity | None:
    """The place a people is "of" in the phrase ("the Hungarians of southern Slovakia"): a community is coded by
    where it lives, as PLOVER's coders do; the people's name alone ("Hungarians") gives their nation's country."""
    root = span.root
    of = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of" and c.i > root.i), None)
    if of is None:
        return None
    start = of.idx + len(of.text)
    for mention in _mentions_in(index, start, span.end_char):
        entity = index.by_id.get(mention.entity_id or "")
        if entity is not None and entity.kind in ("GPE", "LOC") and entity.country is not None:
            return entity
    return None


def _country_in(span: Span, phrase: _Words, index: _Index, kind_of: Callable[[str], str | None]) -> str | None:
    """The first country the phrase names that is not a backer: a place, people or person mention's country,
    else a demonym or country name the tagger did not mark ("Malian rebels", "rebels in Mali")."""
    candidates: list[tuple[int, str]] = []
    for mention in phrase.mentions:
        entity = index.by_id.get(mention.entity_id or "")
        if (
            mention.kind == "PRON"
            or entity is None
            or entity.country is None
            or _not_its_country(span, mention.start, mention.end, kind_of)
        ):
            continue
        candidates.append((mention.start, entity.country))
    for token in span:
        if token.is_title or token.is_upper:
            code = geo.demonym(token.text) or geo.country_named(token.text)
            if code is None and token.pos_ == "PROPN":
                code = geo.country_code(token.text)  # "Tehran" inside an organisation's name
            if code and not _not_its_country(span, token.idx, token.idx + len(token.text), kind_of):
                candidates.append((token.idx, code))
    if not candidates:
        return geo.country_named(span.text)  # "Sri Lanka", which the tagger took for a person
    return min(candidates)[1]
