"""In-document coreference: third-person pronouns and definite descriptions to the named entities before them.

A salience model after Lappin & Leass (1994), kept small and fast. Everything coreference can point back to, named
or not, is an occurrence of a class: an entity (the named mentions the entities stage grouped) or an unnamed noun
phrase ("the move", "officials"). A class's salience is the sum of its occurrences' weights (subjects weigh most),
halved for every sentence back. A pronoun takes the most salient class that agrees with it in gender, number and
animacy, never a co-argument of its own verb ("Putin praised him"), seldom something inside a quotation when the
pronoun is outside one ("'Lavrov is wrong,' he said"). When the winner is an unnamed phrase the pronoun stays
unresolved: "it" for "the plan" is right, and naming no entity is better than naming the wrong one.
First and second person pronouns are never resolved: inside a quote they are the speaker, whom the quotes stage
finds. Nothing looks forward (no cataphora). How far back it looks, and how much less it makes of a name inside
quotes or of "they" for a company or a country, are settings (CorefSettings).

Definite descriptions are resolved when the text ties them to an entity: an apposition ("Antony Blinken, the US
secretary of state"), a role and country the entity has ("the Russian foreign minister", "the Russian leader" for a
president of Russia), "the country" for the most salient country.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import numpy
from spacy.attrs import DEP, LOWER, POS, SENT_START, TAG
from spacy.tokens import Doc, Token

from .. import data
from . import quotemarks


@dataclass(frozen=True, slots=True)
class CorefSettings:
    """How far coreference looks back, and how much less it makes of candidates that fit a pronoun less well."""

    window: int = 4  # sentences back a pronoun looks
    max_lookback: int = 80  # occurrences back, so one endless sentence stays linear
    max_description_lookback: int = 600  # "the Russian leader" may name someone from much earlier in the article
    outside_quote: float = 0.25  # a pronoun outside quotes seldom means a name inside them: its salience times this
    plural_country: float = 0.4  # "they" for a country is rare in news
    plural_org: float = 0.8  # "the company said they" happens
    nearby: float = 40.0  # at most this much for a candidate right before the pronoun in its own sentence, where a
    near_tokens: int = 12  # parse error has hidden the subject; fading to nothing this many tokens back


_ROLE_WEIGHT = {"subj": 80.0, "obj": 50.0, "poss": 30.0, "obl": 20.0, "mod": 5.0, "other": 30.0}
_DEP_ROLE = {
    "nsubj": "subj",
    "nsubjpass": "subj",
    "csubj": "subj",
    "agent": "subj",
    "dobj": "obj",
    "dative": "obj",
    "attr": "obj",
    "oprd": "obj",
    "poss": "poss",
    "pobj": "obl",
    "compound": "mod",
    "amod": "mod",
    "npadvmod": "mod",
}
_NOUN_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "attr", "pobj", "appos", "conj", "poss"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_CLAUSE_WORDS = frozenset({"that", "to", "whether", "if", "how", "why", "when", "what", "who"})
_THING_KINDS = frozenset({"ORG", "GPE", "LOC", "FAC", "EVENT"})


@dataclass(frozen=True, slots=True)
class Pronoun:
    person: int
    plural: bool | None  # None: either
    gender: str | None  # male, female, neuter; None: any
    case: str  # subj, obj, poss, posspro, refl


@dataclass(slots=True)
class Referent:
    """An entity as coreference sees it; ``link`` fills in ``gender`` from the pronouns that resolve to it."""

    kind: str
    gender: str | None = None
    country: str | None = None
    role_words: frozenset[str] = frozenset()  # lower-case words of its roles: {"foreign", "minister"}
    leads: bool = False  # holds a role that leads a country ("President"): "the Russian leader" may mean it
    is_country: bool = False
    plural: bool = False  # a people ("Russians")


@dataclass(frozen=True, slots=True)
class Anchor:
    """A named mention, in tokens, and the referent it belongs to."""

    start: int
    end: int
    referent: int


@dataclass(frozen=True, slots=True)
class Link:
    """A pronoun or description (token span) that refers to a referent."""

    start: int
    end: int
    referent: int
    pronoun: bool


@dataclass(slots=True)
class _Blocker:
    """An unnamed noun phrase: it competes for pronouns but names nothing."""

    animacy: str  # person, thing
    gender: str | None
    plural: bool


@dataclass(slots=True)
class _Event:
    """A token coreference looks at, with what the parse says about it, worked out once for both passes."""

    token: Token
    kind: str  # anchor, pronoun, noun
    sent: int
    role: str
    main: bool  # in the main clause, where news puts its protagonist
    quoted: bool
    anchor: Anchor | None = None
    coordinated: bool = False  # heads "Russia and China"
    pronoun: Pronoun | None = None
    pleonastic: bool = False
    excluded: frozenset[int] = frozenset()  # tokens the pronoun cannot mean: its verb's other arguments
    owner: int | None = None  # "X and its Y": the token of X
    binders: frozenset[int] = frozenset()  # a reflexive's possible binders: its verb's subjects
    noun_class: str = "thing"
    gender: str | None = None
    plural: bool = False
    appositive: int | None = None  # the referent an apposition ties this noun phrase to
    described: bool = False  # a definite singular noun phrase that may describe an entity


@dataclass(slots=True)
class _Occurrence:
    token: int
    sent: int
    role: str
    main: bool
    quoted: bool
    cls: int  # referent index, or a negative blocker id


@dataclass(slots=True)
class _State:
    doc: Doc
    referents: list[Referent]
    sent_of: numpy.ndarray
    anchor_at: dict[int, int]  # token -> the referent of the named mention it is in
    settings: CorefSettings
    history: list[_Occurrence] = field(default_factory=list)
    blockers: dict[int, _Blocker] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)


@cache
def pronouns() -> dict[str, Pronoun]:
    table = {}
    for word, person, number, gender, case in data.rows("pronouns.tsv"):
        plural = None if number == "-" else number == "plur"
        table[word] = Pronoun(int(person), plural, None if gender == "-" else gender, case)
    return table


@cache
def nouns() -> dict[str, tuple[str, str | None]]:
    """Common noun -> (class, gender): person, org, country, place."""
    return {noun: (cls, None if gender == "-" else gender) for noun, cls, gender in data.rows("entity_nouns.tsv")}


@cache
def _pleonastic() -> dict[str, str]:
    return {word: kind for word, kind in data.rows("entity_pleonastic.tsv")}


def link(
    doc: Doc,
    anchors: list[Anchor],
    referents: list[Referent],
    text: str | None = None,
    *,
    settings: CorefSettings = CorefSettings(),
) -> list[Link]:
    """Pronouns and definite descriptions in ``doc`` linked to the referents of the named mentions before them.

    People of unknown gender take "he" and "she" alike on a first pass; the pronouns they gathered then give them
    a gender (the majority), and a second pass resolves again with it, so that one early mistake ("her" for a man)
    does not decide for the whole article. ``text`` is doc.text, when the caller has it already; ``settings`` say how
    far back to look and how to weigh what is found there.
    """
    if not len(doc):
        return []
    sent_of = _sentence_index(doc)
    events = _events(doc, anchors, sent_of, doc.text if text is None else text)
    anchor_at = {i: a.referent for a in anchors for i in range(a.start, a.end)}
    links = _link_once(_State(doc, referents, sent_of, anchor_at, settings), events)
    if _learn_genders(doc, links, referents):
        links = _link_once(_State(doc, referents, sent_of, anchor_at, settings), events)
    return links


def _sentence_index(doc: Doc) -> numpy.ndarray:
    if not (doc.has_annotation("DEP") or doc.has_annotation("SENT_START")):
        return numpy.zeros(len(doc), dtype=numpy.int64)  # unparsed: one long sentence; max_lookback keeps it cheap
    starts = doc.to_array(SENT_START) == 1
    starts[0] = False
    return numpy.cumsum(starts)


# ---- the tokens to look at, once


def _events(doc: Doc, anchors: list[Anchor], sent_of: numpy.ndarray, text: str) -> list[_Event]:
    """Anchors, third-person pronouns and candidate noun heads, in text order, each read once."""
    anchored = {doc[a.start : a.end].root.i: a for a in anchors}
    inside = numpy.zeros(len(doc), dtype=bool)
    for a in anchors:
        inside[a.start : a.end] = True
    quotes = quotemarks.quoted_ranges(text)
    candidates = _candidate_tokens(doc) & ~inside
    candidates[list(anchored)] = True
    events = []
    for i in numpy.nonzero(candidates)[0].tolist():
        token = doc[i]
        role = _role(token)
        event = _Event(
            token, "noun", int(sent_of[i]), role, _in_main_clause(token, role), quotemarks.in_ranges(quotes, token.idx)
        )
        if i in anchored:
            event.kind, event.anchor = "anchor", anchored[i]
            event.coordinated = token.dep_ != "conj" and any(c.dep_ == "conj" for c in token.children)
        elif token.tag_ in ("PRP", "PRP$"):
            _read_pronoun(event, token)
        else:
            _read_noun(event, token, anchored)
        events.append(event)
    return events


def _candidate_tokens(doc: Doc) -> numpy.ndarray:
    """Which tokens may matter, picked out in bulk: third-person pronouns and nouns in argument positions."""
    strings = doc.vocab.strings
    columns = doc.to_array([LOWER, TAG, POS, DEP])
    third = [strings.add(word) for word, p in pronouns().items() if p.person == 3]
    personal = numpy.isin(columns[:, 1], [strings.add("PRP"), strings.add("PRP$")])
    pronoun = personal & numpy.isin(columns[:, 0], third)
    noun = columns[:, 2] == strings.add("NOUN")
    wanted = numpy.isin(columns[:, 3], [strings.add(dep) for dep in _NOUN_DEPS])
    wanted |= numpy.isin(columns[:, 0], [strings.add(word) for word in nouns()])
    return pronoun | (noun & wanted)


def _role(token: Token) -> str:
    dep = token.dep_
    if dep in ("conj", "appos"):
        dep = token.head.dep_
    return _DEP_ROLE.get(dep, "other")


def _in_main_clause(token: Token, role: str) -> bool:
    if role not in ("subj", "obj"):
        return False
    if token.dep_ in ("conj", "appos"):
        token = token.head
    verb = token.head
    return verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")


def _read_pronoun(event: _Event, token: Token) -> None:
    pronoun = pronouns()[token.lower_]
    event.kind, event.pronoun = "pronoun", pronoun
    event.pleonastic = pronoun.gender == "neuter" and _is_pleonastic(token)
    verb = token.head.head if token.dep_ == "pobj" else token.head
    if pronoun.case in ("subj", "obj"):
        event.excluded = frozenset(c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "dative"))
    if pronoun.case == "refl":
        event.binders = frozenset(c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass"))
    if pronoun.case == "poss" and token.head.dep_ == "conj":
        event.owner = token.head.head.i


def _read_noun(event: _Event, token: Token, anchored: dict[int, Anchor]) -> None:
    event.noun_class, event.gender = nouns().get(token.lower_, ("thing", None))
    event.plural = token.tag_ in ("NNS", "NNPS")
    if token.dep_ == "appos" and (anchor := anchored.get(token.head.i)) is not None:
        event.appositive = anchor.referent  # "Antony Blinken, the US secretary of state"
    for child in token.children:
        if child.dep_ == "appos" and (anchor := anchored.get(child.i)) is not None:
            event.appositive = anchor.referent  # "the US secretary of state, Antony Blinken"
    event.described = token.tag_ == "NN" and event.noun_class in ("person", "country") and _is_definite(token, anchored)


def _is_definite(token: Token, anchored: dict[int, Anchor]) -> bool:
    for child in token.children:
        if child.dep_ == "det" and child.lower_ in _DEFINITE:
            return True
        if child.dep_ == "poss" and child.i in anchored:
            return True
    return False


def _is_pleonastic(token: Token) -> bool:
    """ "it" that points at nothing: "it seems", "it is clear that", "it was reported that"."""
    if token.lower_ != "it" or token.dep_ not in ("nsubj", "nsubjpass", "expl"):
        return token.dep_ == "expl"
    words = _pleonastic()
    head = token.head
    if words.get(head.lemma_) == "verb":
        return True
    if words.get(head.lower_) == "passive" and token.dep_ == "nsubjpass":
        return any(child.dep_ == "ccomp" for child in head.children)
    if head.lemma_ not in ("be", "become", "remain"):
        return False
    for child in head.children:
        if child.dep_ in ("acomp", "attr") and words.get(child.lemma_) in ("adjective", "noun"):
            return _clause_follows(child) or any(c.dep_ in ("ccomp", "xcomp", "csubj") for c in head.children)
    return False


def _clause_follows(token: Token) -> bool:
    doc = token.doc
    return any(doc[i].lower_ in _CLAUSE_WORDS for i in range(token.i + 1, min(len(doc), token.i + 8)))


# ---- one pass over the events


def _link_once(state: _State, events: list[_Event]) -> list[Link]:
    for event in events:
        if event.anchor is not None:
            _remember(state, event, event.anchor.referent)
            if event.coordinated:
                _add_blocker(state, event, _Blocker("thing", None, True))  # "Russia and China ... they"
        elif event.pronoun is not None:
            _resolve_pronoun(state, event)
        else:
            _resolve_noun(state, event)
    return state.links


def _remember(state: _State, event: _Event, cls: int) -> None:
    state.history.append(_Occurrence(event.token.i, event.sent, event.role, event.main, event.quoted, cls))


def _add_blocker(state: _State, event: _Event, blocker: _Blocker) -> int:
    cls = -len(state.blockers) - 1
    state.blockers[cls] = blocker
    _remember(state, event, cls)
    return cls


def _learn_genders(doc: Doc, links: list[Link], referents: list[Referent]) -> bool:
    votes: dict[int, Counter[str]] = {}
    table = pronouns()
    for found in links:
        referent = referents[found.referent]
        gender = table[doc[found.start].lower_].gender if found.pronoun else None
        if referent.kind == "PERSON" and referent.gender is None and gender in ("male", "female"):
            votes.setdefault(found.referent, Counter())[gender] += 1
    learned = False
    for index, counts in votes.items():
        ranked = counts.most_common(2)
        if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
            referents[index].gender = ranked[0][0]
            learned = True
    return learned


def _resolve_pronoun(state: _State, event: _Event) -> None:
    pronoun = event.pronoun
    assert pronoun is not None
    if event.pleonastic:
        return
    best = _best_class(state, event, pronoun)
    if best is None:
        animacy = "person" if pronoun.gender in ("male", "female") else "thing"
        gender = pronoun.gender if animacy == "person" else None
        _add_blocker(state, event, _Blocker(animacy, gender, bool(pronoun.plural)))  # a chain of its own
        return
    _remember(state, event, best)
    if best >= 0:
        state.links.append(Link(event.token.i, event.token.i + 1, best, True))


def _best_class(state: _State, event: _Event, pronoun: Pronoun) -> int | None:
    """The most salient class that agrees with the pronoun, or None."""
    settings = state.settings
    recent = _last(state.history, settings.max_lookback)
    if event.binders and (bound := _first(state, recent, event.binders, pronoun)) is not None:
        return bound
    if event.owner is not None and (owner := _first(state, recent, {event.owner}, pronoun)) is not None:
        return owner
    scores: dict[int, float] = {}
    at = event.token.i
    for occurrence in reversed(recent):
        distance = event.sent - occurrence.sent
        if distance > settings.window:
            break
        if occurrence.token in event.excluded:
            continue
        agreement = _agreement(state, occurrence.cls, pronoun)
        if not agreement:
            continue
        weight = 100.0 + _ROLE_WEIGHT[occurrence.role] + (50.0 if occurrence.main else 0.0)
        weight += 35.0 if occurrence.role == event.role else 0.0
        if distance == 0 and settings.near_tokens > 0:
            weight += settings.nearby * max(0, settings.near_tokens - (at - occurrence.token)) / settings.near_tokens
        if occurrence.quoted and not event.quoted:
            weight *= settings.outside_quote
        if event.quoted and not occurrence.quoted and pronoun.gender not in ("male", "female"):
            continue  # a speaker's "it" or "they" is about what the quote talks of, seldom a name said outside it
        scores[occurrence.cls] = scores.get(occurrence.cls, 0.0) + weight * agreement * 0.5**distance
    return max(scores, key=lambda cls: scores[cls]) if scores else None


def _last(history: list[_Occurrence], count: int) -> list[_Occurrence]:
    """The last ``count`` occurrences (none for 0, where a slice from -0 would give them all)."""
    return history[max(0, len(history) - count) :]


def _first(state: _State, recent: list[_Occurrence], tokens: set[int] | frozenset[int], pronoun: Pronoun) -> int | None:
    """The latest occurrence at one of ``tokens`` that agrees with the pronoun."""
    for occurrence in reversed(recent):
        if occurrence.token in tokens and _agreement(state, occurrence.cls, pronoun):
            return occurrence.cls
    return None


def _agreement(state: _State, cls: int, pronoun: Pronoun) -> float:
    """How well a class fits the pronoun: 0 when it cannot, else a factor on its salience."""
    if cls < 0:
        blocker = state.blockers[cls]
        if pronoun.plural or blocker.plural:
            return 1.0 if pronoun.plural and blocker.plural else 0.0
        if pronoun.gender == "neuter":
            return 1.0 if blocker.animacy == "thing" else 0.0
        return 1.0 if blocker.animacy == "person" and blocker.gender in (None, pronoun.gender) else 0.0
    referent = state.referents[cls]
    if pronoun.plural:
        if referent.kind == "NORP":
            return 1.0 if referent.plural else 0.0
        if referent.kind == "ORG":
            return state.settings.plural_org
        return state.settings.plural_country if referent.kind == "GPE" else 0.0
    if pronoun.gender == "neuter":
        return 1.0 if referent.kind in _THING_KINDS else 0.0
    if referent.kind != "PERSON":
        return 0.0
    return 0.0 if referent.gender not in (None, pronoun.gender) else 1.0


# ---- noun phrases: descriptions of entities, else blockers


# What an apposition's head noun must be to describe an entity of each kind: "Earth, maybe 250 million miles" and
# "Apple, Samsung's sales ratio" are parse errors, not descriptions.
_APPOSITION_FITS = {"PERSON": {"person"}, "NORP": {"person"}, "ORG": {"org"}, "GPE": {"country", "place"},
                    "LOC": {"place"}, "FAC": {"place", "org"}}  # fmt: skip


def _resolve_noun(state: _State, event: _Event) -> None:
    """A common-noun head: a description of an entity (linked), else an unnamed phrase (a blocker)."""
    found = event.appositive
    if found is not None and not _fits_apposition(state.referents[found], event):
        found = None
    if found is None and event.described:
        if event.noun_class == "person":
            found = _described_person(state, event)
        elif not _modifiers(event.token):
            found = _most_salient(state, event, lambda r: r.is_country, state.settings.window, margin=1.5)
    if found is None:
        animacy = "person" if event.noun_class == "person" else "thing"
        _add_blocker(state, event, _Blocker(animacy, event.gender, event.plural))
        return
    start, end = _description_span(event.token)
    state.links.append(Link(start, end, found, False))
    if event.appositive is None:  # an apposition and its name are one noun phrase, counted once
        _remember(state, event, found)


def _fits_apposition(referent: Referent, event: _Event) -> bool:
    if event.noun_class in _APPOSITION_FITS.get(referent.kind, ()):
        return True
    return referent.kind == "PERSON" and event.token.lower_ in referent.role_words  # "…, the US secretary of state"


def _modifiers(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ in ("amod", "compound", "poss", "nmod") and c.i < token.i]


def _described_person(state: _State, event: _Event) -> int | None:
    """ "the Russian foreign minister": a person whose roles and country fit, the most salient first."""
    token = event.token
    head = token.lower_
    modifiers = [c for c in token.children if c.dep_ in ("amod", "compound") and c.i not in state.anchor_at]
    words = {head} | {c.lower_ for c in modifiers}
    country = _description_country(state, token)

    def fits(referent: Referent) -> bool:
        if referent.kind != "PERSON" or (country and referent.country not in (None, country)):
            return False
        if head == "leader":
            return referent.leads and country is not None and referent.country == country
        return head in referent.role_words and words <= referent.role_words | {head}

    return _most_salient(state, event, fits, window=None)


def _description_country(state: _State, token: Token) -> str | None:
    """The country a description names: "the Russian leader", "Russia's leader", "the leader of Russia"."""
    near = [c for c in token.children if c.dep_ in ("amod", "compound", "poss", "nmod")]
    near += [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    for child in near:
        if (referent := state.anchor_at.get(child.i)) is not None and (country := state.referents[referent].country):
            return country
    return None


def _most_salient(
    state: _State, event: _Event, fits: Callable[[Referent], bool], window: int | None, margin: float = 1.0
) -> int | None:
    """The most salient referent that fits within ``window`` sentences back (None: any), if it is ``margin`` times
    as salient as the next."""
    scores: dict[int, float] = {}
    for occurrence in reversed(_last(state.history, state.settings.max_description_lookback)):
        distance = event.sent - occurrence.sent
        if window is not None and distance > window:
            break
        if occurrence.cls < 0 or not fits(state.referents[occurrence.cls]):
            continue
        weight = (100.0 + _ROLE_WEIGHT[occurrence.role]) * 0.5 ** min(distance, 30)
        scores[occurrence.cls] = scores.get(occurrence.cls, 0.0) + weight
    ranked = sorted(scores.values(), reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0] < margin * ranked[1]):
        return None
    return max(scores, key=lambda cls: scores[cls])


def _description_span(token: Token) -> tuple[int, int]:
    """From the description's first word to its head, with an "of <country>" after it."""
    start = token.left_edge.i
    end = token.i + 1
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i == end:
            end = child.right_edge.i + 1
    return start, end
