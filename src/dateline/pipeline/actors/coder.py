"""ActorCoder: named entities and noun phrases coded as CAMEO-style actors, from the dictionaries, the words of the
phrase and the countries it names."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from spacy.tokens import Span

from ...model import ActorCode, Entity, Problem
from ...reference import geography as geo
from ...reference.cameo.dictionaries import (
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
    words,
)
from ..entities import Found
from .codes import appended, compose, compose_on, from_dictionary, lacks_country, with_agent, with_owner
from .phrases import Index, Words, positions, word_at, words_of, written_words
from .places import PLACE_KINDS, country_in, homeland, place_on_head

_GOVERNMENT = "GOV"
_FORMER = Agent("former office-holder", "ELI")
_INTERNATIONAL = frozenset({"IGO", "NGO", "IMG", "MNC", "ISM"})  # the head of such a body is coded as the body
_INITIAL = re.compile(r"^\w\.?$")


class ActorCoder:
    """Codes named entities and noun phrases as CAMEO-style actors; see the package's docstring."""

    def __init__(self, actors: Sequence[ActorDictionary], agents: Sequence[AgentDictionary]) -> None:
        self.actors = list(actors)  # first wins
        self.agents = list(agents)
        self.appends = any(a.complete for a in self.agents)  # PETRARCH's agents add their codes to an actor's
        self._index: Index | None = None
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
                    return from_dictionary(code.code.removesuffix("ELI"))
                return compose(code.country, role, "role")
            if code.sector is None and role is not None and code.country not in _INTERNATIONAL:
                return compose_on(code, Agent(role, role))  # "Atlantis Prime Minister Romulus" [ATL] -> ATLGOV
            return code
        if (country := geo.country_named(entity.name)) is not None:
            return ActorCode(country, country, None, "country")  # whatever the tagger took it for
        if entity.kind == "PERSON":
            return compose(entity.country, role, "role") if role else None
        if entity.kind in PLACE_KINDS:
            country = entity.country or geo.country_code(entity.name)
            if country is None:
                return None
            if entity.kind == "GPE" and _is_seat(entity.name):
                return compose(country, _GOVERNMENT, "country")
            return ActorCode(country, country, None, "country")
        if entity.kind == "ORG":
            if (country := geo.metonym(entity.name)) is not None:
                return compose(country, _GOVERNMENT, "country")  # "the Kremlin", "Downing Street"
            name = words(entity.name)
            match = self._best_agent(self._agent_matches(name), head=-1, members_only=True)
            if role is not None:
                code = compose(entity.country, role, "role")
            elif match is not None:
                code = compose(entity.country, match.value.code, "role", match.value.prefix)
            else:
                return None
            owner = None if entity.country else self._owner(*written_words(entity.name), when, frozenset())
            return with_owner(code, owner) if owner else code  # "the Borealis Ministry of Fisheries"
        return None

    def _named(self, entity: Entity, when: date | None) -> ActorCode | None:
        """The entity's code from a dictionary: by its name, its aliases, or (for a person) its surname when the
        dictionary's person of that surname has the same first initial ("Sergey V Lavrov" is Sergey Lavrov); in an
        undated article, the dated code whose sector the roles the text gives it say."""
        names = [entity.name, *entity.aliases]
        person = entity.kind == "PERSON"
        if person:
            names = [_without_initials(entity.name), *names]
        sector = self._sector_of_roles(entity.roles) if when is None else None
        for dictionary in self.actors:
            for name in names:
                actor = dictionary.lookup(name)
                if actor is not None and (not person or _same_person(entity.name, name, actor)):
                    code = actor.code_on(when, sector)
                    if code is not None:
                        return from_dictionary(code)
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
        return with_owner(code, owner)

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

    def _phrase(self, span: Span, index: Index, when: date | None) -> ActorCode | None:
        phrase = words_of(span, index)
        head = word_at(phrase, span.root.i)
        base, named, person = self._named_in(span, phrase, index, head, when)
        every = self._agent_matches(phrase.words)  # the name's words too: "Borealis's foreign minister Remus"
        matches = [m for m in every if named.isdisjoint(range(m.start, m.end))]
        match = self._best_agent(matches, head) or self._governing_agent(span)
        if match is not None and any(self.kind(w) == "former" for w in phrase.words[: max(0, match.start)]):
            match = Match(match.start, match.end, _FORMER)  # "former Arnor judges": no longer in office
        if match is None:
            code = base
        elif self.appends and base is not None and base.sector is not None and base.basis == "dictionary":
            code = appended(base, match.value)
        else:
            code = with_agent(base, match, head, named, bool(person) and named == person)
        if person and base is not None and base.basis == "role":
            code = self._title_owner(phrase, every, when) or code
        prefix = next((m for m in every if m.value.prefix and m.value.code and m is not match), None)
        if code is not None and prefix is not None and not code.code.startswith(prefix.value.code):
            code = ActorCode(prefix.value.code + code.code, code.country, code.sector, "role")  # "an MSF Arnor doctor"
        if code is not None and not lacks_country(code):
            return code
        # the actor it belongs to ("the U.N. Secretary-General", "lawmakers in Peru"), else the country it names
        owner = self._owner(phrase.words, phrase.written, when, person)
        if owner is None:
            owner = self._conjunct_owner(span, when)  # "government" in "Swedish media and government"
        if owner is None and (country := country_in(span, phrase, index, self.kind)) is not None:
            owner = ActorCode(country, country, None, "country")
        if code is None or owner is None:
            return code or owner
        return with_owner(code, owner)

    def _title_owner(self, phrase: Words, agents: list[Match[Agent]], when: date | None) -> ActorCode | None:
        """For a person the dictionaries know by no office, the country the phrase gives the office: "Borealis's
        foreign minister Remus" serves Borealis, whatever country a dictionary files him under."""
        title = next((m for m in agents if m.value.kind == "member" and m.value.code and not m.value.prefix), None)
        if title is None:
            return None
        owner = self._owner(phrase.words[: title.start], phrase.written[: title.start], when, frozenset())
        if owner is None or owner.sector is not None or owner.country in _INTERNATIONAL:
            return None
        return compose(owner.country, title.value.code, "role", title.value.prefix)

    def _named_in(
        self, span: Span, phrase: Words, index: Index, head: int, when: date | None
    ) -> tuple[ActorCode | None, frozenset[int], frozenset[int]]:
        """The code of the actor the phrase names, the positions of the words that name it, and those of a
        person's name (which no dictionary actor may be found inside: "Hank Bush" is not the Bush it knows)."""
        entity = self._named_entity(span, phrase, index)
        named = positions(phrase, entity) if entity is not None else frozenset[int]()
        person = named if entity is not None and entity.kind == "PERSON" else frozenset[int]()
        if entity is not None and (code := self._entity_in(index, entity, when)) is not None:
            return code, named, person
        code, named = self._dictionary_in(phrase, head, when, person)
        if code is None and (place := place_on_head(span, phrase, index)) is not None:
            if place.kind == "NORP":
                place = homeland(span, index) or place  # "the Hungarians of southern Slovakia" live in Slovakia
            code, named = self._entity_in(index, place, when), positions(phrase, place)
        return code, named, person

    def _entity_in(self, index: Index, entity: Entity, when: date | None) -> ActorCode | None:
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
                if code is not None and (found := from_dictionary(code)).country is not None:
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
                owner = self._owner(*written_words(child.text), when, frozenset())
                country = geo.demonym(child.text) or geo.country_named(child.text)
                if owner is not None:
                    return owner
                if country is not None:
                    return ActorCode(country, country, None, "country")
        return None

    def _dictionary_in(
        self, phrase: Words, head: int, when: date | None, skip: frozenset[int]
    ) -> tuple[ActorCode | None, frozenset[int]]:
        """The code of a dictionary actor named in the phrase (the one on the head word, else the first), and
        the positions of its words; none within ``skip``."""
        for dictionary in self.actors:
            matches = sorted(dictionary.find(phrase.words, phrase.written), key=lambda m: not m.start <= head < m.end)
            for match in matches:
                positions = frozenset(range(match.start, match.end))
                code = None if positions <= skip else match.value.code_on(when)
                if code is not None:
                    return from_dictionary(code), positions
        return None, frozenset()

    @staticmethod
    def _named_entity(span: Span, phrase: Words, index: Index) -> Entity | None:
        """The person or organisation the phrase names or points to ("Putin's spokesman", "he"); a place only
        when the phrase is a pronoun for it ("it", "they")."""
        if not phrase.mentions:
            return None  # what resolve would say, without its search
        resolved = index.found.resolve(span.start_char, span.end_char)
        entity = index.by_id.get(resolved[0]) if resolved is not None else None
        if entity is None or (entity.kind in PLACE_KINDS and span.root.pos_ != "PRON"):
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

    def _index_of(self, found: Found) -> Index:
        if self._index is None or self._index.found is not found:
            mentions = sorted(found.mentions, key=lambda m: (m.start, -m.end))
            by_id = {e.id: e for e in found.entities}
            longest = max((m.end - m.start for m in mentions), default=0)
            self._index = Index(found, mentions, [m.start for m in mentions], longest, by_id)
        return self._index


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
