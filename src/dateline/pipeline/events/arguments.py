"""4b. The source and target of an act, from the parse around its trigger: subjects, passives, objects,
prepositional targets, the one asked or let, the owner of a noun, and PETRARCH's pattern slots."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from ... import data
from .grammar import SUBJECTS, agent_of, patient_of, subject_of
from .phrases import NATIONS, actors_of, event_noun, overlap, whose
from .reading import Actor, Reading
from .triggers import OUTSIDE_PHRASE, Trigger

_TARGET_PREPS: tuple[str, ...] = ("with", "against", "on", "upon", "to", "toward", "towards", "at", "into", "over")

_TARGET_PREPS += ("between", "among", "for", "from")

_NOUN_TARGET_PREPS: tuple[str, ...] = ("on", "against", "with", "to", "toward", "towards", "between", "among")

_NOUN_TARGET_PREPS += ("into", "upon", "at", "of", "for")

ADDRESSED = frozenset({"appeal", "demand", "threaten", "reject"})


def participants(
    reading: Reading, trigger: Trigger, chain: list[Trigger], speaker: Token | None
) -> tuple[list[Actor], list[Actor]]:
    token = trigger.token
    match = trigger.match
    if match.source is not None or match.target is not None:
        source = _slot_actors(reading, match.source)
        target = _slot_actors(reading, match.target)
        if not source:
            source = _source_actors(reading, token)
            if speaker is not None and overlap(source, target):  # "X noted that + *": the act is X's, on +
                source = actors_of(reading, speaker)
        if not target:
            target = _target_actors(reading, trigger, chain, source)
        return source, target
    if trigger.frame == "judge":
        return _judged(reading, token, speaker)
    if trigger.obligation:
        subject = subject_of(token)
        return (actors_of(reading, speaker) if speaker is not None else []), actors_of(reading, subject)
    sources = _source_actors(reading, token)
    said = trigger.governor.token if trigger.governor is not None and trigger.governor.says else None
    if said is not None and token.head.i == said.i and token.dep_ == "dobj" and not any(a.code for a in sources):
        subject = subject_of(said)  # "X announced a suspension of ties": X's act
        sources = actors_of(reading, subject) if subject is not None else []
    targets = _target_actors(reading, trigger, chain, sources)
    passive = patient_of(token)
    if passive is not None and trigger.frame is not None and agent_of(token) is None and token.dep_ != "acl":
        sources = actors_of(reading, passive)  # "X is opposed to", "X is prepared to": a state of X's
    elif passive is not None and trigger.frame is None:
        agent = agent_of(token)
        sources = actors_of(reading, agent) if agent is not None else []
        targets = actors_of(reading, passive)
    return sources, targets


def _slot_actors(reading: Reading, index: int | None) -> list[Actor]:
    """The actors of the noun phrase a pattern's "$" or "+" falls on: the phrase's own, else (as PETRARCH reads a
    phrase) the first name in it that is an actor ("at an anti-Chile rally": Chile)."""
    if index is None:
        return []
    head = _phrase_head(reading.doc[index])
    actors = actors_of(reading, head)
    if any(a.code for a in actors):
        return actors
    for token in head.subtree:
        if token.i != head.i and (token.pos_ == "PROPN" or token.ent_type_ in NATIONS):
            named = actors_of(reading, token)
            if any(a.code for a in named):
                return named
    return actors


def _phrase_head(token: Token) -> Token:
    """The head of the noun phrase a word is part of: a pattern's "$" may fall on "Ostrova" in "Peru's
    envoy Ostrova", whose phrase is the envoy's."""
    for _ in range(4):
        if token.dep_ not in ("compound", "appos", "flat") or token.head.i == token.i:
            break
        token = token.head
    return token


def _source_actors(reading: Reading, token: Token) -> list[Actor]:
    if token.pos_ in ("NOUN", "PROPN"):
        return _noun_source(reading, token)
    if patient_of(token) is not None:
        agent = agent_of(token)
        return actors_of(reading, agent) if agent is not None else []
    subject = subject_of(token) or _misparsed_subject(token)
    if subject is None:
        return []
    actors = actors_of(reading, subject)
    if not any(a.code for a in actors):  # a parse with two subjects ("Old rivals Peru and Chile")
        for other in token.children:
            if other.dep_ in SUBJECTS and other is not subject:
                more = actors_of(reading, other)
                if any(a.code for a in more):
                    return more
    return actors


def _misparsed_subject(verb: Token) -> Token | None:
    """A name the parse hung on a verb with no subject as a compound ("Kenya vote on ..."): its subject."""
    if verb.pos_ != "VERB":
        return None
    return next((c for c in verb.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"), None)


def _noun_source(reading: Reading, noun: Token) -> list[Actor]:
    for child in noun.children:
        if child.dep_ == "poss":
            return actors_of(reading, child)
    for child in noun.children:
        if child.dep_ in ("prep", "agent") and child.lower_ == "by":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return actors_of(reading, pobj)
    for child in noun.children:
        if child.dep_ in ("compound", "amod", "nmod") and child.i < noun.i and child.ent_type_ in NATIONS:
            actors = actors_of(reading, child)
            if any(a.code for a in actors):
                return actors
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "from":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return actors_of(reading, pobj)
    if noun.dep_ in ("dobj", "pobj", "attr") and noun.head.pos_ in ("VERB", "ADP"):
        verb = noun.head if noun.head.pos_ == "VERB" else noun.head.head
        if verb.pos_ == "VERB":
            return _source_actors(reading, verb)
    return []


def _target_actors(reading: Reading, trigger: Trigger, chain: list[Trigger], sources: list[Actor]) -> list[Actor]:
    """The target: for the trigger, then each act under it, its objects in order (see ``_objects``); a direct
    object of a known country is taken at once, else the first actor of a known country, else the first actor."""
    acts = {link.token.i for link in chain}
    source_span = _subject_span(trigger.token)
    source_codes = {a.code.code for a in sources if a.code}
    fallback: list[Actor] = []
    for link in chain:
        candidates = _objects(reading, link, addressed=link.frame in ADDRESSED)
        petrarch = not link.pattern.transforms
        if petrarch:  # PETRARCH's reading: the first actor in the verb phrase
            candidates.extend(_phrase_heads(link.token))
        for candidate in candidates:
            if candidate.i in source_span or candidate.i in acts or event_noun(reading, candidate):
                continue
            if _own(reading, candidate, sources):
                continue  # "pulled its troops out of Mali": what is the source's own is no target
            actors = actors_of(reading, candidate)
            coded = [a for a in actors if a.code and a.code.code not in source_codes]
            if not coded:
                continue
            direct = candidate.dep_ in ("dobj", "dative") and candidate.head.i == link.token.i
            if (direct and petrarch) or any(a.code and a.code.country not in (None, "---") for a in coded):
                return actors
            if not fallback:
                fallback = actors  # an actor of no known country ("the rebels"), if nothing better comes
    return fallback or _stance_of(reading, chain, source_codes)


def _stance_of(reading: Reading, chain: list[Trigger], source_codes: set[str]) -> list[Actor]:
    """With no actor among the objects, the one the act's object is for or against: "joined an anti-Chile
    rally" - the rally is against Chile."""
    doc = reading.doc
    strings = doc.vocab.strings
    for link in chain:
        for i in range(link.token.i + 1, min(link.token.right_edge.i + 1, len(doc) - 1)):
            if reading.actors.kind(strings[reading.forms[i][0]]) != "stance":  # no Token made for most words
                continue
            name = doc[i + 1]
            if name.text == "-" and name.i + 1 < len(doc):
                name = doc[name.i + 1]
            if name.pos_ != "PROPN" and not name.ent_type_:
                continue
            actors = [a for a in actors_of(reading, name) if a.code and a.code.code not in source_codes]
            if actors:
                return actors
    return []


def _own(reading: Reading, candidate: Token, sources: list[Actor]) -> bool:
    countries = {a.code.country for a in sources if a.code and a.code.country}
    owner = whose(reading, candidate) if countries else None
    return owner is not None and owner.country in countries


def _phrase_heads(token: Token) -> list[Token]:
    """Noun phrase heads in the trigger's own phrase and its clause of purpose ("signed an accord to supply Peru
    with rice"), in order; of a reported clause only its subject, unless that is a pronoun ("said he has great
    respect for Chile", "wondered whether she has any hope left with the rebels"): PETRARCH takes it for the
    subject above and reads on for the target."""
    heads: list[Token] = []
    names: list[Token] = []  # "an anti- Chile rally": a name inside a phrase, if no phrase is an actor
    stack = [c for c in token.children if c.i > token.i and (c.dep_ not in OUTSIDE_PHRASE or _purpose(c))]
    while stack:
        current = stack.pop()
        if _heads_phrase(current):
            heads.append(current)
        elif current.pos_ == "PROPN" and current.dep_ in ("compound", "nmod", "amod"):
            names.append(current)
        for child in current.children:
            if child.dep_ in OUTSIDE_PHRASE:
                continue
            if current.dep_ == "ccomp" and child.dep_ not in SUBJECTS and not _pronoun_subject(current):
                continue
            stack.append(child)
    return sorted(heads, key=lambda t: t.i) + sorted(names, key=lambda t: t.i)


def _pronoun_subject(clause: Token) -> bool:
    return any(c.dep_ in SUBJECTS and c.pos_ == "PRON" for c in clause.children)


def _purpose(clause: Token) -> bool:
    return clause.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def _heads_phrase(token: Token) -> bool:
    return token.pos_ in ("PROPN", "NOUN", "PRON") and token.dep_ not in ("compound", "poss", "nmod", "amod")


def _subject_span(token: Token) -> range:
    """The token indices of the verb's subject phrase."""
    subject = subject_of(token) if token.pos_ in ("VERB", "AUX", "ADJ") else None
    return range(subject.left_edge.i, subject.right_edge.i + 1) if subject is not None else range(0)


def _objects(reading: Reading, link: Trigger, addressed: bool) -> list[Token]:
    """Noun phrases that may be the target, nearest first: the object, the dative, prepositional objects, the one
    asked ("demanded that X ..."); then the prepositional objects and owners inside those ("sanctions on X",
    "Belarus's crackdown", "a Kenyan offer"). What a light verb hands over ("sent troops") is no target."""
    token = link.token
    children = list(token.children)
    noun = token.pos_ in ("NOUN", "PROPN")
    preps = _NOUN_TARGET_PREPS if noun else _TARGET_PREPS
    if noun and any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by") for c in children):
        preps = (*preps, "from")
    objects = ("dobj", "dative") if addressed else ("dobj", "dative", "oprd")
    light = link.frame == "light"
    first = [c for c in children if c.dep_ in objects and not (light and c.dep_ == "dobj")]
    themes = [c for c in children if c.dep_ == "dobj" and light]
    for clause in children:  # "demanded that X withdraw": X is asked; "allowed X to run": X is let
        if clause.dep_ == "ccomp":
            asked = addressed or any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
            first.extend(c for c in clause.children if c.dep_ == "nsubj" and asked)
    for child in children:
        if child.dep_ in ("prep", "dative") and child.lower_ in preps:
            first.extend(_prep_objects(child))
        elif child.dep_ == "prep" and child.lower_ == "as":  # "condemned as a disgrace [Belarus's crackdown]"
            first.extend(a for c in child.children if c.dep_ == "pobj" for a in c.children if a.dep_ == "appos")
    if token.pos_ in ("VERB", "AUX"):
        for child in children:
            if child.dep_ == "xcomp":  # "promised to help X"
                first.extend(c for c in child.children if c.dep_ == "dobj")
    second: list[Token] = []
    owners: list[Token] = []
    for obj in first + themes:
        event = event_noun(reading, obj)
        for child in obj.children:
            if event and child.dep_ == "acl":  # "banned the march organised by farmers"
                for agent in (c for c in child.children if c.dep_ == "agent"):
                    second.extend(c for c in agent.children if c.dep_ == "pobj")
            if child.dep_ in ("prep", "agent") and child.lower_ in (*_NOUN_TARGET_PREPS, "from", "by"):
                second.extend(_prep_objects(child))
            elif child.dep_ == "poss" or (child.dep_ == "compound" and child.ent_type_ in NATIONS):
                owners.append(child)
            elif event and child.dep_ in ("amod", "nmod") and child.ent_type_ in NATIONS:
                owners.append(child)  # "a Kenyan offer": Kenya's
    return first + second + owners


def _prep_objects(prep: Token) -> list[Token]:
    return [c for c in prep.children if c.dep_ == "pobj"] or _stranded(prep)


def _stranded(prep: Token) -> list[Token]:
    """The object a parse gave away: in "gave shelter to three sailors stranded in ...", "sailors" is parsed as
    the subject of "stranded" and "to" left without an object; the subject that starts right after it is the
    object. In "set up trade links with and opened a consulate in Hanoi" the two prepositions share the object that
    comes last."""
    if prep.i + 1 >= len(prep.doc):
        return []
    following = prep.doc[prep.i + 1]
    if following.dep_ == "cc":
        later = prep.doc[following.i + 1 : prep.sent.end]
        return next(([t] for t in later if t.dep_ == "pobj"), [])
    for token in (following, following.head):
        if token.dep_ == "nsubj" and token.left_edge.i == prep.i + 1 and token.head.dep_ in ("advcl", "ccomp", "acl"):
            return [token]
    return []


def _judged(reading: Reading, token: Token, speaker: Token | None) -> tuple[list[Actor], list[Actor]]:
    """ "[such a move] would be a violation": the speaker disapproves of whoever the judged thing belongs to."""
    copula = token.head if token.dep_ in ("attr", "acomp") else None
    judged = subject_of(copula) if copula is not None else None
    if copula is None and token.dep_ in ("dobj", "pobj"):
        judged = next((c for c in token.children if c.dep_ == "poss"), None)
    sources = actors_of(reading, speaker) if speaker is not None else []
    targets: list[Actor] = []
    if judged is not None:
        targets = actors_of(reading, judged)
        if not any(a.code for a in targets):
            owner = next((c for c in judged.children if c.dep_ == "poss"), None)
            targets = actors_of(reading, owner) if owner is not None else []
        if not any(a.code for a in targets) and _anaphoric(judged) and reading.recent is not None:
            targets = [reading.recent]
    return sources, targets


@cache
def _anaphors() -> frozenset[str]:
    return frozenset(row[0] for row in data.rows("event_anaphors.tsv"))


def _anaphoric(token: Token) -> bool:
    """ "such a move", "this step", "it": a phrase that stands for an event told before."""
    if token.lower_ in ("it", "this", "that"):
        return True
    determiners = {c.lower_ for c in token.children if c.dep_ in ("det", "predet")}
    return token.lemma_.lower() in _anaphors() and bool(determiners & {"such", "this", "that", "the", "these", "those"})
