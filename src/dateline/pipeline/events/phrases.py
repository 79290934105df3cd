"""4a. Who a noun phrase is: its actor code, one actor per coordinated member, owner or modifier, a thing standing
for its owner and a people's country from where the text places them."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from ...model import ActorCode
from ...reference.cameo.dictionaries import split_code
from ...reference.cameo.verbs import word_classes
from .grammar import speaker_of
from .reading import Actor, Reading

_NP_RIGHT = frozenset({"compound", "case", "nummod", "flat", "nmod", "amod", "poss"})

_NP_PREPS = frozenset({"of", "from", "in"})  # "leaders of X", "soldiers from X", "activists in X"

_NP_LEFT_SKIP = frozenset({"conj", "cc", "appos", "punct", "relcl", "acl", "prep", "advmod", "preconj"})

NATIONS = frozenset({"GPE", "NORP", "ORG"})

_OWNER_PRONOUNS = frozenset({"their", "its", "his", "her", "our"})

_SPEAKER_PRONOUNS = frozenset({"he", "she", "it", "they", "we"})


def overlap(a: list[Actor], b: list[Actor]) -> bool:
    return any(x.start < y.end and y.start < x.end for x in a for y in b)


def event_noun(reading: Reading, token: Token) -> bool:
    """A noun the dictionary reads as an event ("recognition of X") or a weapon: not an actor itself."""
    if token.pos_ != "NOUN":
        return False
    lemma = token.lemma_.lower()
    if (lemma,) in _weapons():
        return True
    if (lemma,) in _forces():
        return False  # "troops", "peacekeepers" are actors as well as what is sent
    return bool(reading.verbs.candidates(token.lower_, lemma, "N"))


@cache
def _weapons() -> frozenset[tuple[str, ...]]:
    return frozenset(word_classes().get("milaid", ()))


@cache
def _forces() -> frozenset[tuple[str, ...]]:
    classes = word_classes()
    return frozenset((*classes.get("force", ()), *classes.get("peacekeeper", ()), *classes.get("inspector", ())))


def actors_of(reading: Reading, head: Token | None) -> list[Actor]:
    """One actor per member of the noun phrase headed by ``head`` ("the US and its allies" -> two), and per
    member of a coordination it shares ("the envoys of Peru, Chile and Bolivia" -> three, "French and Belgian
    troops" -> two)."""
    if head is None:
        return []
    members = [head]
    for member in members:
        if len(members) > 12:
            break
        stolen = {t.i for t in _stolen(reading, member)}  # "lawmakers in Peru and Chile", parsed flat
        members.extend(
            c for c in member.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON") and c.i not in stolen
        )
        listed = any(c.dep_ == "conj" for c in member.children)
        for appos in (c for c in member.children if c.dep_ == "appos" and c.pos_ == "PROPN"):
            if listed or any(c.dep_ == "conj" for c in appos.children):  # "Peru, the Gambia, Chad and Mali"
                members.append(appos)
    return [part for member in members for actor in _shared(reading, member) for part in _parts(actor)]


def _shared(reading: Reading, member: Token) -> list[Actor]:
    """The actors of one member: itself, or one per coordinated owner ("envoys of A and B") or modifier ("French
    and Belgian troops") when each of those is coded with a country."""
    own = _actor(reading, member)
    owners = _coordinated_owners(reading, member)
    if owners:
        prep = owners[0].head
        start = _np(reading, member)[0]
        head_code = reading.actors.phrase(reading.doc[start : prep.i], reading.found, reading.era)
        shared = [_owned(reading, head_code, _actor(reading, owner)) for owner in owners]
    else:
        modifiers = _coordinated_modifiers(member)
        shared = [_actor(reading, modifier) for modifier in modifiers]
        if member.pos_ == "PROPN" and modifiers:  # "Chile and the mighty Peru", parsed as one name
            names = [
                a for a in shared if a.code is not None and (a.head.pos_ == "PROPN" or a.code.basis == "dictionary")
            ]
            name = reading.actors.phrase(reading.doc[member.i : member.i + 1], reading.found, reading.era)
            shared = [*names, Actor(member, member.i, member.i + 1, name)]
    if len(shared) > 1 and all(a.code is not None and a.code.country is not None for a in shared):
        return shared
    return [own]


def _conjuncts(token: Token) -> list[Token]:
    found = [token]
    for current in found:
        if len(found) > 12:
            break
        found.extend(c for c in current.children if c.dep_ == "conj")
    return found


def _coordinated_owners(reading: Reading, member: Token) -> list[Token]:
    """The coordinated objects of the member's owning "of", "in" or "from" phrase, or of its coordination's first
    member ("lawmakers and officials [in Peru and Chile]"), names the parse hung on that member included."""
    prep = _owner_prep(reading, member)
    if prep is None:
        return []
    pobj = next(c for c in prep.children if c.dep_ == "pobj")
    owners = _conjuncts(pobj) + _stolen(reading, prep.head)
    return owners if len(owners) > 1 else []


def _owner_prep(reading: Reading, member: Token) -> Token | None:
    for holder in (member, member.head) if member.dep_ == "conj" else (member,):
        for prep in holder.children:
            owning = prep.dep_ == "prep" and prep.i > member.i and _np_prep(reading, holder, prep)
            if owning and any(c.dep_ == "pobj" for c in prep.children):
                return prep
    return None


def _stolen(reading: Reading, member: Token) -> list[Token]:
    """Names parsed as further members of a noun that belong to its owning phrase: in "lawmakers in Peru and
    Chile" the parse makes Chile a member beside the lawmakers; it is where the lawmakers are."""
    prep = next((c for c in member.children if c.dep_ == "prep" and c.i > member.i), None)
    if prep is None or not _np_prep(reading, member, prep):
        return []
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.pos_ != "PROPN":
        return []
    return [c for c in member.children if c.dep_ == "conj" and c.pos_ == "PROPN" and c.i > pobj.i]


def _coordinated_modifiers(member: Token) -> list[Token]:
    if member.pos_ not in ("NOUN", "PROPN"):
        return []
    for child in member.lefts:
        if child.dep_ in ("amod", "compound", "nmod") and any(c.dep_ == "conj" for c in child.children):
            named = ("PROPN", "NOUN") if member.pos_ == "PROPN" else ("PROPN",)  # a misparsed name may be a NOUN
            return [c for c in _conjuncts(child) if c.pos_ in named or c.ent_type_ in NATIONS]  # not "awful"
    return []


def _owned(reading: Reading, code: ActorCode | None, owner: Actor) -> Actor:
    combined = owner.code if code is None or owner.code is None else reading.actors.owned(code, owner.code)
    return Actor(owner.head, owner.start, owner.end, combined)


def _parts(actor: Actor) -> list[Actor]:
    """A compound code from a PETRARCH dictionary ("FRO/BIL/SAM" for "the Shire") is one actor per part."""
    if actor.code is None or "/" not in actor.code.code:
        return [actor]
    parts = []
    for part in (p for p in actor.code.code.split("/") if p):
        country, sector = split_code(part)
        parts.append(Actor(actor.head, actor.start, actor.end, ActorCode(part, country, sector, actor.code.basis)))
    return parts


def _actor(reading: Reading, head: Token) -> Actor:
    cached = reading.coded.get(head.i)
    if cached is None:
        cached = reading.coded[head.i] = _code_actor(reading, head)
    return cached


def _code_actor(reading: Reading, head: Token) -> Actor:
    """The noun phrase headed by ``head``, coded by the actor coder: the phrase, else the entity it names, else its
    apposition; a pronoun in reported speech that names no one is the speaker. When a phrase owes its code to a
    prepositional phrase alone ("guarantees from the United States"), the actor is that phrase's object."""
    start, end = _np(reading, head)
    when = reading.era
    code = reading.actors.phrase(reading.doc[start:end], reading.found, when)
    owner = _owner_of_thing(reading, head)
    if owner is not None and (owned := _actor(reading, owner)).code is not None and owned.code != code:
        if (
            code is not None
            and owned.code is not None
            and owned.code.country is None
            and owned.code.sector == code.sector
        ):
            return Actor(owned.head, owned.start, owned.end, code)  # "the offices of carmaker Volvo in Gothenburg"
        return owned
    if code is not None and end > head.i + 1 and not _people(reading, head):
        for prep in head.children:
            if prep.dep_ == "prep" and prep.i > head.i and _np_prep(reading, head, prep):
                inner = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if inner is not None and (found := _actor(reading, inner)).code == code:
                    return found
    if code is None:
        resolved = reading.found.resolve(head.idx, head.idx + len(head.text))
        entity = reading.entities.get(resolved[0]) if resolved else None
        if entity is not None:
            code = reading.actors.entity(entity, when)
    if code is None:
        appos = next((c for c in head.children if c.dep_ == "appos"), None)
        if appos is None and head.dep_ == "appos":
            appos = head.head
        if appos is not None:
            first, last = _np(reading, appos)
            code = reading.actors.phrase(reading.doc[first:last], reading.found, when)
    if code is None and head.lower_ in _SPEAKER_PRONOUNS:
        speaker = speaker_of(head)  # "X said they would ...": they are X, when nothing else says who
        if speaker is not None and speaker.pos_ != "PRON" and speaker.i != head.i:
            code = _actor(reading, speaker).code
    if code is not None and code.country is None:
        home = whose(reading, head) or _located_by(reading, head)
        if home is not None and home.country is not None:
            if home.sector is not None:
                home = ActorCode(home.country, home.country, None, "country")
            code = reading.actors.owned(code, home)
    return Actor(head, start, end, code)


def whose(reading: Reading, head: Token) -> ActorCode | None:
    """The owner a possessive pronoun stands for in reported speech: the speaker ("Kurdish leaders said their fighters
    had pulled back"). Elsewhere the pronoun is left alone: which of the names before it it means is a guess."""
    pronoun = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in _OWNER_PRONOUNS), None)
    if pronoun is None:
        return None
    speaker = speaker_of(head)
    if speaker is not None and speaker.pos_ != "PRON":
        return _actor(reading, speaker).code
    return None


def _located_by(reading: Reading, head: Token) -> ActorCode | None:
    """The country of a participle that places the actor ("a radio station based in Kinshasa", "families fleeing the
    fighting in Sudan") or of the conflict it is party to ("parties to the war in Yemen")."""
    located = word_classes().get("located", ())
    for child in head.children:
        if child.dep_ == "acl" and (child.lemma_.lower(),) in located:
            places = [t for t in child.subtree if t.dep_ == "pobj"]
        elif child.dep_ == "prep" and child.lower_ in ("to", "of", "from") and child.i > head.i:
            places = [p for c in child.children if c.dep_ == "pobj" for p in _places_in(c)]
        else:
            continue
        for place in places:
            if place.ent_type_ in ("GPE", "LOC") and place.head.lower_ in ("in", "from"):
                code = _actor(reading, place).code
                if code is not None and code.country is not None:
                    return code
    return None


def _places_in(noun: Token) -> list[Token]:
    """The objects of the noun's "in" and "from" phrases: "the war [in Yemen]"."""
    return [p for c in noun.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]


def _owner_of_thing(reading: Reading, head: Token) -> Token | None:
    """The owner a thing stands for: "the offices of Siemens" are Siemens's, "a shelter for migrants" the
    migrants', "the United States' policies" the United States'; None for a noun that names people or an event
    ("leaders of X", "the attack on X")."""
    if head.pos_ != "NOUN":
        return None
    owner = next((c for c in head.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)  # "the US' policies"
    if owner is None:
        for prep in head.children:
            if prep.dep_ == "prep" and prep.i > head.i and prep.lower_ in ("of", "for"):
                owner = next((c for c in prep.children if c.dep_ == "pobj" and c.pos_ != "PRON"), None)
                break
    if owner is None or event_noun(reading, head) or _people(reading, head):
        return None
    return owner


def _people(reading: Reading, head: Token) -> bool:
    """A word the agent dictionaries know: people, or a body of them ("soldiers", "government")."""
    return reading.actors.names_people(reading.text[head.left_edge.idx : head.idx + len(head.text)])


def _np_prep(reading: Reading, head: Token, prep: Token) -> bool:
    """ "leaders of X" always; "soldiers from X", "activists in X" for groups, "a force in X" for a body of
    people, not "autonomy from X"."""
    if prep.lower_ == "of":
        return True
    if prep.lower_ not in _NP_PREPS or head.pos_ not in ("NOUN", "PROPN"):
        return False
    return head.tag_ in ("NNS", "NNPS") or _people(reading, head)


def _np(reading: Reading, head: Token) -> tuple[int, int]:
    """Token span of the noun phrase headed by ``head``: its modifiers and "of" phrases, not its clauses."""
    start = end = head.i
    for child in head.children:
        if child.i < head.i and child.dep_ not in _NP_LEFT_SKIP:
            start = min(start, child.left_edge.i)
        elif child.i > head.i and (
            child.dep_ in _NP_RIGHT or (child.dep_ == "prep" and _np_prep(reading, head, child))
        ):
            if child.dep_ == "prep":
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    end = max(end, _np(reading, pobj)[1] - 1)
            else:
                end = max(end, child.right_edge.i)
    return start, end + 1
