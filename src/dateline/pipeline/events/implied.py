"""4c. What the act's own phrase leaves unsaid: whom it is aimed at when it names no one (a threat's condition, a
refusal's pressure, a protest's stance, the talks it follows, the place a measure is imposed in), and the country of
people the text gives none."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span, Token

from ... import data
from ...model import ActorCode
from ...reference.cameo.verbs import word_classes
from .grammar import SUBJECTS
from .phrases import actors_of, event_noun, overlap
from .reading import Actor, Reading
from .setting import LOCATIVE, act_location
from .triggers import Trigger

_AT_HOME = frozenset(
    {"CVL", "OPP", "REB", "EDU", "LAB", "MED", "HLH", "AGR", "PTY", "SOC", "CRM", "BUS", "REL", "COP", "JUD", "LEG"}
)

_PLACED = frozenset({"14", "17", "18", "19", "20"})
_STATE = frozenset({"GOV", "LEG", "COP", "JUD"})


def implied_targets(
    reading: Reading, sentence: Span, chain: list[Trigger], code: str, sources: list[Actor], targets: list[Actor]
) -> list[Actor]:
    """The act's targets; when none is coded, whom its frame names: a threat's condition, a protest's stance, the
    pressure a refusal resists, the talks it follows, the place a measure is imposed in."""
    if code.startswith("14"):  # a protest's place is where it is, not whom it is against
        targets = [a for a in targets if not _place_word(a.head)]
    if any(a.code for a in targets):
        return targets
    token = chain[0].token
    implied: list[Actor] = []
    if code.startswith("13"):
        implied = _conditioned(reading, chain, sources)
    elif code.startswith("14"):
        implied = _protested(reading, token, sources)
    elif code.startswith("12"):
        implied = _resisted(reading, chain, sources)
    implied = implied or _counterpart(reading, token, sources)
    if not implied and code.startswith(_place_targets()):
        implied = _territory(reading, sentence, chain, sources)
    return implied or targets


def domestic(
    reading: Reading, sentence: Span, chain: list[Trigger], code: str, sources: list[Actor], targets: list[Actor]
) -> tuple[list[Actor], list[Actor]]:
    """The country of people the text gives none ("protesters", "Tuareg rebels", "students"), as a coder would
    read it: that of the police, courts or - in concessions and coercion - the government they deal with ("the
    Niger government met demands from Tuareg rebels"), else - for protests, coercion and violence - of
    the place the act happens in ("crowds filled the squares of Lima"). Soldiers, officials and refugees are not
    assumed to be at home, nor people whose origin the text gives ("migrants from Central America"). Conversely, see
    _governing."""
    sources, targets = _governing(reading, code, sources, targets)
    if not any(_homeless(a) for a in (*sources, *targets)):
        return sources, targets
    states = {"COP", "JUD"} | ({"GOV", "LEG"} if code[:2] in ("08", "17") else set())
    country: str | None = None
    for actor in (*sources, *targets):
        if actor.code is not None and actor.code.sector in states and actor.code.country not in (None, "IGO", "NGO"):
            country = actor.code.country
            break
    if country is None and (code[:2] in _PLACED or _about_protest(chain)):  # its people are of its place
        located = act_location(reading, sentence, [t.token for t in chain], [*sources, *targets])
        country = located[0].country if located is not None else None
    if country is None:
        return sources, targets
    home = ActorCode(country, country, None, "country")

    def placed(actors: list[Actor]) -> list[Actor]:
        return [
            Actor(a.head, a.start, a.end, reading.actors.owned(a.code, home)) if _homeless(a) and a.code else a
            for a in actors
        ]

    return placed(sources), placed(targets)


def _governing(
    reading: Reading, code: str, sources: list[Actor], targets: list[Actor]
) -> tuple[list[Actor], list[Actor]]:
    """The country of a state's officials the text gives none, from whom they govern: in concessions and coercion,
    that of the opposition, rebels or people they deal with ("President Obi gave in to demands from the
    FARC"); in measures imposed on a place, that of the place ("threatened to impose a curfew in Mombasa")."""
    if not any(a.code is not None and a.code.country is None and a.code.sector in _STATE for a in sources):
        return sources, targets
    if code[:2] in ("08", "17"):
        people = _AT_HOME - _STATE
        governed = [a.code.country for a in targets if a.code is not None and a.code.sector in people]
    elif code.startswith(_place_targets()):
        governed = [a.code.country for a in targets if a.code is not None]
    else:
        return sources, targets
    country = next((c for c in governed if c not in (None, "IGO", "NGO")), None)
    if country is None:
        return sources, targets
    home = ActorCode(country, country, None, "country")
    placed = [
        Actor(a.head, a.start, a.end, reading.actors.owned(a.code, home))
        if a.code is not None and a.code.country is None and a.code.sector in _STATE
        else a
        for a in sources
    ]
    return placed, targets


def _about_protest(chain: list[Trigger]) -> bool:
    """An act on a protest ("agreed to call off the march in Tbilisi"): where it is tells whose it is."""
    protests = word_classes().get("protest", ())
    return any(c.dep_ == "dobj" and (c.lemma_.lower(),) in protests for link in chain for c in link.token.children)


def _homeless(actor: Actor) -> bool:
    """People of no country the text gives, nor an origin ("people from Central American countries")."""
    code = actor.code
    if code is None or code.country is not None or code.sector not in _AT_HOME:
        return False
    return not any(t.lower_ == "from" for t in actor.head.doc[actor.start : actor.end])


def _conditioned(reading: Reading, chain: list[Trigger], sources: list[Actor]) -> list[Actor]:
    """Whom a threat is aimed at when it names no one: the one its condition asks something of ("threatened to
    walk out unless Chile withdrew ...", "... if the union voted")."""
    path: dict[int, Token] = {}
    for link in chain:  # the acts and the words between them ("threatened to stage a walkout")
        current = link.token
        for _ in range(6):
            path[current.i] = current
            if current.i == chain[0].token.i or current.head.i == current.i:
                break
            current = current.head
    for complement in [c for t in path.values() for c in t.children if c.dep_ in ("xcomp", "ccomp")]:
        path.setdefault(complement.i, complement)  # "threatened to shut the border unless ..."
    for token in path.values():
        for clause in token.children:
            if clause.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in ("unless", "if") for m in clause.children
            ):
                subject = next((c for c in clause.children if c.dep_ in SUBJECTS), None)
                actors = actors_of(reading, subject) if subject is not None else []
                if any(a.code for a in actors) and not overlap(actors, sources):
                    return actors
    return []


def _resisted(reading: Reading, chain: list[Trigger], sources: list[Actor]) -> list[Actor]:
    """Whom a refusal that names no one turns down: the one whose pressure or calls it is "despite" ("refused to
    step down despite pressure from the party board")."""
    codes = {a.code.code for a in sources if a.code}
    for link in chain:
        for prep in link.token.children:
            if prep.dep_ != "prep" or prep.lower_ != "despite":
                continue
            for pressure in (c for c in prep.children if c.dep_ == "pobj"):
                for by in (c for c in pressure.children if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from")):
                    for pobj in (c for c in by.children if c.dep_ == "pobj"):
                        actors = [a for a in actors_of(reading, pobj) if a.code and a.code.code not in codes]
                        if actors and not overlap(actors, sources):
                            return actors
    return []


def _counterpart(reading: Reading, token: Token, sources: list[Actor]) -> list[Actor]:
    """Whom an act that names no one answers: the other side of the talks it follows ("ended the walkout after
    negotiations with the government")."""
    codes = {a.code.code for a in sources if a.code}
    talks = word_classes().get("talk", ())
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("after", "following"):
            continue
        for talk in (c for c in prep.children if c.dep_ == "pobj" and (c.lemma_.lower(),) in talks):
            for with_ in (c for c in talk.children if c.dep_ == "prep" and c.lower_ == "with"):
                for pobj in (c for c in with_.children if c.dep_ == "pobj"):
                    actors = [a for a in actors_of(reading, pobj) if a.code and a.code.code not in codes]
                    if actors:
                        return actors
    return []


def _place_word(head: Token) -> bool:
    """A place the act happens at: "streets", "the bridge", or a name after "in", "at" ..."""
    classes = word_classes()
    lemma = (head.lemma_.lower(),)
    if lemma in classes.get("place", ()) or lemma in classes.get("road", ()):
        return True
    return head.dep_ == "pobj" and head.head.lower_ in LOCATIVE and head.ent_type_ in ("GPE", "LOC", "FAC")


def _protested(reading: Reading, token: Token, sources: list[Actor]) -> list[Actor]:
    """Whom a protest that names no one is against: the one its purpose or stance names ("sat down on a highway to
    voice their anger at Canada's fishing quotas", "in defiance of the Turkish police")."""
    source_codes = {a.code.code for a in sources if a.code}
    clauses = [c for c in token.children if c.dep_ == "advcl" and any(a.lower_ == "to" for a in c.children)]
    for prep in token.children:
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep.dep_ == "prep" else None
        if pobj is not None and (pobj.lemma_.lower(),) in word_classes().get("opposition", ()):
            clauses.append(pobj)
    for clause in clauses:
        for noun in clause.subtree:
            if noun.dep_ not in ("dobj", "pobj", "poss", "dative") or noun.pos_ not in ("NOUN", "PROPN"):
                continue
            if event_noun(reading, noun):
                continue
            actors = [a for a in actors_of(reading, noun) if a.code and a.code.code not in source_codes]
            if any(a.code and a.code.country for a in actors):
                return actors
    return []


@cache
def _place_targets() -> tuple[str, ...]:
    return tuple(row[0].strip() for row in data.rows("event_place_targets.tsv"))


def _territory(reading: Reading, sentence: Span, chain: list[Trigger], sources: list[Actor]) -> list[Actor]:
    """The place a measure is imposed in, as its target ("a curfew in Mombasa": the people of Mombasa)."""
    located = act_location(reading, sentence, [t.token for t in chain], sources)
    if located is None:
        return []
    place, span = located
    country = place.country  # else what the place's name says ("Panama province")
    if country is None and (coded := reading.actors.phrase(span, reading.found, reading.era)) is not None:
        country = coded.country
    if country is None or any(a.code is not None and a.code.country == country for a in sources):
        return []  # a measure at home ("Peru banned rallies in Lima") names no one else
    return [Actor(span.root, span.start, span.end, ActorCode(country, country, None, "country"))]
