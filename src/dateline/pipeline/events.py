"""Events: who did what to whom, when and where, coded in CAMEO and PLOVER, read from the dependency parse.

    for event in events(doc, article, found, quotes, times, places, actors, verbs): ...

For each sentence:

1. Triggers. Every word the verb dictionary knows (cameo/verbs.py) is matched against the words around it: before it
   in the sentence, after it in its own phrase (its dependency subtree, less coordinated clauses, relative and
   adverbial clauses). The most specific pattern gives a code and a frame.
2. Structure. A trigger in the complement of another (its object, its infinitive, its prepositional object, its "to"
   clause of purpose) belongs to it: the act of a frame ("agreed [to meet]" -> 036, "refused [to meet]" -> 125,
   "urged X [to release]" -> 0253, "held [talks]" -> 040), or the argument of an act, which is not coded on its own
   ("condemned [the attack]", "accused X of [attacking]": an alleged attack is not an attack). A speech verb ("said")
   passes its content on: "X said Y attacked Z" is Y's attack on Z; "X said it would meet Z" is X's intent to meet Z;
   "X said Y must [do]" is X's demand of Y. A speech verb is coded itself (010) only with an addressee and no coded
   content, and a user's dictionary may give "said" a code but not take the content away.
3. What the sentence reports. Acts in relative clauses, participles and clauses of time ("guerrillas who overran
   it", "weapons seized last year", "after crowds burned the embassy") are told in passing: they are coded only when
   the sentence's own clauses hold no event (a clause of time that reports speech is not in passing). Acts in "if"
   and "unless" clauses are conditions, never coded.
4. Actors. The source is the subject (through coordination, passives "was attacked by Y", infinitives "urged X to
   go", relative clauses); the target the object, the dative, a prepositional object ("sanctions on X", "talks
   with X") or the one asked or let ("demanded that X ...", "allowed X to run"), the trigger's own before those of
   the acts under it, one of a known country before one of none; for nouns the owner ("Russia's attack") or "by X",
   and "on/against/with/to/from X"; for an event noun, who stages it ("prevented a demonstration staged by
   students"). What a light verb hands over ("sent troops") and what is the source's own ("withdrew their force
   from Chad") are never the target. Each noun phrase is coded by the actor coder; a thing stands for its owner ("the
   offices of BMW", "a camp for refugees", "the United States' policies"), while people ("the driver of the car")
   stay themselves; a people's country may come from where the text places them ("a newspaper based in Beirut",
   "refugees fleeing the war in Liberia") or, in reported speech, from the speaker their possessive names ("Bosnian
   Serbs said their forces ..."). A coordinated phrase ("the US and its allies") is one actor per member, and so is
   a coordinated owner or modifier ("the ambassadors of France, Italy and Spain", "US and British forces"); a
   compound code ("FRO/BIL/SAM") is one actor per part; with no target, a compound source acts on itself in mutual
   acts ("Israel and Lebanon renewed negotiations": both ways; data/event_reciprocal.tsv), while "Japan, China and
   Russia condemned the launch" is three condemnations. A pronoun in reported speech that names no one is the
   speaker ("X said they would ..."). With no target among the objects, the act's frame may name one: a threat is
   aimed at whom its condition asks ("unless Washington lifts ..."), a refusal at whose pressure it resists ("despite
   pressure from X"), an act at the other side of the talks it follows ("after talks with X"), a protest at whom its
   purpose or stance names ("to show their anger at X", "in defiance of X", "an anti-X rally"), a measure imposed in a
   place at that place ("a curfew in Algiers"; data/event_place_targets.tsv). People the text gives no country
   ("protesters", "Shona rebels") are taken to be of the police or courts - in concessions and coercion, of the
   government - they deal with, else, for protests, coercion and violence, of the place it happens in, as coders
   read them (not when the text gives an origin: "migrants from North Africa"). An event needs a source or a target
   that is an actor, and with no source, a target of some country or name ("will allow officials to ..." is
   nothing) unless it is material conflict (victims count); a phrase that names no one ("no evidence", "this") is
   no actor. A frame word with no act needs a target ("urged Russia"); a noun alone needs both ("Russia's attack on
   X"). A user's PETRARCH verb dictionary is read as PETRARCH reads it: an act only with a source, the first actor in
   a pattern's noun phrase, and any act of a compound source with no target done to each other.
5. Negation and modality. A negated event ("did not attack", "no talks", "vowed not to return") is not coded, nor an
   act in a clause of a denied noun ("there is no evidence [that X backed it]"); a negated consent is a refusal where
   the dictionary says so ("will not accept" -> 12x). An intent or threat word whose clause tells what is, not what
   will be ("vowed the country has observed the sanctions"), is a statement, not an intent. A future act of the
   source's own ("will meet", reported "would meet", "is to visit", "scheduled to") is coded as CAMEO codes the
   intent (036; PLOVER codes future cooperation as AGREE), future force as the threat ("would blockade" -> 1381),
   announced sanctions and coercion as themselves ("would prohibit aid" -> 162); a condition ("... unless", "... if")
   makes any of them the intent or threat. "May", "might", "could", a condition or a "possible" act mark the event
   hypothetical. Evaluations ("such a move would be a violation") are the speaker's disapproval (111) of whoever the
   judged thing belongs to - for "such a move", "the step", the source of the event just before.
6. When and where. A time expression in the sentence dates the event (the one nearest the act in the parse: "a
   meeting ... scheduled for Thursday"), else the publication day; a place the text puts the event in ("in Kyiv") is
   its place. A place is the target only of a measure imposed on it (above): PLOVER's recipient is whom an act is
   directed at and its location a field of its own, so protesters who "demonstrated in Serbia" have no target. A
   statement that is also a quote (the quote's cue is the trigger, or its speaker is the source and the trigger lies
   in what was said) carries the quote's id. Confidence grows with a specific pattern and coded actors on both sides
   and shrinks for nouns, pronouns and hypotheticals.

Event ids are stable_id(article id, "event", trigger start, code); a second event of one trigger and code (a
compound actor) adds its actors' offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from typing import Protocol

from spacy.attrs import DEP, HEAD, IS_PUNCT, IS_SPACE, LEMMA, LOWER, POS
from spacy.parts_of_speech import NOUN, PRON, PROPN
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from .. import data
from ..cameo import codebook
from ..cameo.dictionaries import split_code
from ..cameo.verbs import Match, Pattern, VerbDictionary, Word, best, word_classes
from ..model import (
    ActorCode,
    Article,
    Entity,
    Event,
    EventActor,
    EventPlace,
    Evidence,
    Place,
    Quote,
    TimeExpr,
)
from .entities import Found
from .ids import stable_id
from .quotes import cue_words


class ActorCoding(Protocol):
    """What events need from the actor coder (pipeline/actors.py's ActorCoder)."""

    def entity(self, entity: Entity, when: date | None = None) -> ActorCode | None: ...

    def phrase(self, span: Span, found: Found, when: date | None = None) -> ActorCode | None: ...

    def owned(self, code: ActorCode, owner: ActorCode) -> ActorCode: ...

    def kind(self, word: str) -> str | None: ...

    def names_people(self, phrase: str) -> bool: ...


# dependency labels
_COMPLEMENTS = frozenset({"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "acomp", "attr", "oprd", "acl", "dative"})
_OUTSIDE_PHRASE = frozenset({"conj", "cc", "relcl", "advcl", "parataxis", "punct", "appos", "mark", "preconj"})
_NP_RIGHT = frozenset({"compound", "case", "nummod", "flat", "nmod", "amod", "poss"})
_NP_PREPS = frozenset({"of", "from", "in"})  # "leaders of X", "soldiers from X", "activists in X"
_NP_LEFT_SKIP = frozenset({"conj", "cc", "appos", "punct", "relcl", "acl", "prep", "advmod", "preconj"})
_SUBJECTS = frozenset({"nsubj", "csubj"})
_TARGET_PREPS: tuple[str, ...] = ("with", "against", "on", "upon", "to", "toward", "towards", "at", "into", "over")
_TARGET_PREPS += ("between", "among", "for", "from")
_NOUN_TARGET_PREPS: tuple[str, ...] = ("on", "against", "with", "to", "toward", "towards", "between", "among")
_NOUN_TARGET_PREPS += ("into", "upon", "at", "of", "for")
_LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "across", "around", "throughout", "within"})
_NATIONS = frozenset({"GPE", "NORP", "ORG"})
_AT_HOME = frozenset(
    {"CVL", "OPP", "REB", "EDU", "LAB", "MED", "HLH", "AGR", "PTY", "SOC", "CRM", "BUS", "REL", "COP", "JUD", "LEG"}
)
_PLACED = frozenset({"14", "17", "18", "19", "20"})
_OWNER_PRONOUNS = frozenset({"their", "its", "his", "her", "our"})
_NOMINAL_POS = frozenset({NOUN, PROPN, PRON})
_PUNCT_HASH = get_string_id("punct")
_NAMED_KINDS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_SPEAKER_PRONOUNS = frozenset({"he", "she", "it", "they", "we"})
_RELATIVES = frozenset({"who", "which", "that", "whom"})
_FUTURE = frozenset({"will", "shall", "'ll", "wo"})
_POSSIBLE = frozenset({"may", "might", "could", "can", "ca"})
_DEONTIC = frozenset({"must", "should", "ought"})
_TEMPORAL = frozenset({"after", "before", "since", "when", "while", "as", "once", "until", "whenever"})
_CONDITIONS = frozenset({"if", "unless", "until"})
_HEDGES = frozenset({"possible", "potential", "alleged", "proposed", "planned", "suspected", "hypothetical"})
_NEGATIVE_DETERMINERS = frozenset({"no", "neither"})
_FRAMES_WITH_ACT = frozenset({"intent", "appeal", "demand", "reject", "threaten", "yield", "say", "light", "through"})
_ADDRESSED = frozenset({"appeal", "demand", "threaten", "reject"})
_POS = {"VERB": "V", "AUX": "V", "NOUN": "N", "ADJ": "A"}  # names ("the Cooperation Council") trigger nothing
_LONGEST_SENTENCE = 250  # tokens
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W\d{2}|-Q\d|-H\d)?(?:T.*)?$")


@dataclass(frozen=True, slots=True)
class FrameCodes:
    appeal: str | None
    intent: str | None
    demand: str | None
    reject: str | None
    given: str | None = None
    yielded: str | None = None
    future: str | None = None

    def get(self, frame: str) -> str | None:
        column = {"threaten": "intent", "yield": "yielded"}.get(frame, frame)
        value: str | None = getattr(self, column, None)
        return value


@cache
def frame_codes() -> dict[str, FrameCodes]:
    """Act code prefix -> what the act becomes in each frame, from data/event_frames.tsv."""
    table: dict[str, FrameCodes] = {}
    for act, *columns in data.rows("event_frames.tsv"):
        codes = [None if c.strip() in ("", "-") else c.strip() for c in columns]
        table[act.strip()] = FrameCodes(*codes)
    return table


def framed(act_code: str | None, frame: str) -> str | None:
    """The code an act takes in a frame ("040" in intent -> "036"), by the longest known prefix; None if none."""
    if not act_code:
        return None
    table = frame_codes()
    for size in range(len(act_code), 1, -1):
        row = table.get(act_code[:size])
        if row is not None:
            return row.get(frame)
    return None


# ---- one trigger


@dataclass(slots=True)
class _Trigger:
    token: Token
    match: Match
    act: _Trigger | None = None  # the act a frame word governs
    governor: _Trigger | None = None
    content: bool = False  # a speech verb whose content holds an event
    obligation: bool = False  # a "must" clause read as a demand (no word of its own)
    says: bool = False  # a speech verb ("said"): its content is coded for itself

    def __post_init__(self) -> None:
        self.says = self.says or self.pattern.frame == "say"

    @property
    def pattern(self) -> Pattern:
        return self.match.pattern

    @property
    def frame(self) -> str | None:
        return self.pattern.frame

    def chain(self) -> list[_Trigger]:
        """This trigger and the acts under it, outermost first."""
        chain, current = [self], self.act
        while current is not None and len(chain) < 6:
            chain.append(current)
            current = current.act
        return chain


@dataclass(frozen=True, slots=True)
class _Code:
    code: str
    base: str | None  # the innermost act's code, which frames map
    mode: str = "asserted"


@dataclass(slots=True)
class _Actor:
    head: Token
    start: int  # token span of the noun phrase
    end: int
    code: ActorCode | None


@dataclass(slots=True)
class _Reading:
    doc: Doc
    article: Article
    found: Found
    quotes: list[Quote]
    times: list[TimeExpr]
    places: list[Place]
    actors: ActorCoding
    verbs: VerbDictionary
    published: date | None = None
    triggers: frozenset[str] = frozenset()
    entities: dict[str, Entity] = field(default_factory=dict)
    time_starts: list[int] = field(default_factory=list)
    place_starts: list[int] = field(default_factory=list)
    recent: _Actor | None = None  # the source of the last event, for "such a move"
    seen_ids: set[str] = field(default_factory=set)
    coded: dict[int, _Actor] = field(default_factory=dict)  # noun phrase head -> the actor it is
    text: str = ""  # the Doc's text, made once (spaCy joins it anew on each access)
    forms: list[list[int]] = field(default_factory=list)  # per token: lower-case form, lemma, POS, punct, space
    spans: dict[tuple[int, int], Span | None] = field(default_factory=dict)  # times' and places' tokens
    children: list[list[int]] = field(default_factory=list)  # per token: its children's indices (read on demand)
    deps: list[int] = field(default_factory=list)  # per token: its dependency label's hash


def events(
    doc: Doc,
    article: Article,
    found: Found,
    quotes: list[Quote],
    times: list[TimeExpr],
    places: list[Place],
    actors: ActorCoding,
    verbs: VerbDictionary,
) -> Iterator[Event]:
    """The events the article's sentences report, in text order."""
    if not len(doc) or not doc.has_annotation("DEP") or not doc.has_annotation("SENT_START"):
        return
    usable_times = sorted((t for t in times if _ISO_DATE.match(t.value)), key=lambda t: t.start)
    reading = _Reading(
        doc,
        article,
        found,
        quotes,
        usable_times,
        sorted(places, key=lambda p: p.start),
        actors,
        verbs,
        published=_day(article.date_line or article.published),
        triggers=verbs.triggers(),
        entities={e.id: e for e in found.entities},
    )
    reading.text = doc.text
    reading.forms = doc.to_array([LOWER, LEMMA, POS, IS_PUNCT, IS_SPACE]).tolist()
    reading.time_starts = [t.start for t in reading.times]
    reading.place_starts = [p.start for p in reading.places]
    for sentence in doc.sents:
        yield from _sentence(reading, sentence)


def _day(value: date | datetime | None) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value


def _sentence(reading: _Reading, sentence: Span) -> Iterator[Event]:
    if len(sentence) > _LONGEST_SENTENCE:
        return  # run-on text (tables, lists without stops) is not read for events: its parse says little
    triggers = _triggers(reading, sentence)
    if not triggers:
        return
    triggers = _with_obligations(triggers)
    _structure(triggers)
    reported = [t for t in triggers if (t.governor is None or t.governor.says) and not _in_condition(t.token)]
    foreground = [t for t in reported if not _background(t.token)]
    found = [event for trigger in foreground for event in _events_of(reading, sentence, trigger)]
    if not found:  # the sentence's own news holds no event: what its clauses tell in passing is the news
        found = [
            event
            for trigger in reported
            if trigger not in foreground
            for event in _events_of(reading, sentence, trigger)
        ]
    yield from sorted(found, key=lambda e: e.evidence.trigger_start)


def _background(token: Token) -> bool:
    """In a clause that tells something in passing: a relative clause ("guerrillas who overran it"), a participle
    ("weapons seized last year"), or a clause of time ("after crowds burned the embassy", "when X expelled them") -
    unless that clause reports what someone said."""
    current, steps = token, 0
    while current.head.i != current.i and steps < 8:
        dep = current.dep_
        if dep == "relcl" or (dep == "acl" and current.tag_ in ("VBN", "VBG")):
            return True
        said = current.lemma_.lower() in cue_words()  # "came after the US said ...": what was said is news
        if dep == "advcl" and not said and any(c.dep_ == "mark" and c.lower_ in _TEMPORAL for c in current.children):
            return True
        if dep in ("pcomp", "pobj") and not said and current.head.lower_ in _TEMPORAL and current.pos_ == "VERB":
            return True
        current, steps = current.head, steps + 1
    return False


def _in_condition(token: Token) -> bool:
    """Inside an "if" or "unless" clause, or a "before"/"until" clause of something yet to be: a condition, not
    something that happened."""
    current, steps = token, 0
    while current.head.i != current.i and steps < 8:
        if current.dep_ == "advcl":
            marks = {c.lower_ for c in current.children if c.dep_ == "mark"}
            if marks & {"if", "unless"}:
                return True
            if marks & {"before", "until", "once"} and _modal_or_future(current.head):
                return True
        current, steps = current.head, steps + 1
    return False


def _modal_or_future(verb: Token) -> bool:
    return any(a.lower_ in _FUTURE | _POSSIBLE | _DEONTIC | {"would", "'d"} for a in _auxiliaries(verb))


# ---- 1. triggers


def _triggers(reading: _Reading, sentence: Span) -> list[_Trigger]:
    found: list[_Trigger] = []
    known = reading.triggers
    hashed = _hashes(known)
    forms = reading.forms
    words: list[Word] | None = None
    for i in range(sentence.start, sentence.end):
        if forms[i][0] not in hashed and forms[i][1] not in hashed:  # most words: no Token, no strings made
            continue
        token = reading.doc[i]
        lower = token.lower_
        lemma = token.lemma_.lower()
        if lemma not in known and lower not in known:
            continue
        pos = _POS.get(token.pos_)
        if pos is None:
            continue
        patterns = reading.verbs.candidates(lower, lemma, pos)
        if not patterns:
            continue
        before: list[Word] = []
        if any(p.before for p in patterns):
            if words is None:
                words = _words(reading, sentence)
            before = [w for w in words if w.i < token.i]
        after = _phrase_after(reading, token) if any(p.after for p in patterns) else []
        match = best(patterns, before, after, token.i)
        if match is None:
            continue
        pattern = match.pattern
        if pattern.code is None and pattern.reverse is None and pattern.frame not in _FRAMES_WITH_ACT:
            continue
        if pattern.frame in ("intent", "threaten") and _states(token):
            match = Match(_STATEMENT, match.used)  # "vowed the country has observed the sanctions": no intent
        says = pattern.frame is None and not pattern.transforms and reading.verbs.says(lemma)
        found.append(_Trigger(token, match, says=says))
    return found


_STATEMENT = Pattern(None, None, (), (), "say", "V", True, True, "an intent or threat word with a finite clause")


def _states(verb: Token) -> bool:
    """An intent or threat word whose clause tells what is, not what will be: "vowed (that) the country has
    observed the sanctions", "warned that the situation had worsened" - a statement; "vowed to retaliate", "warned
    that police would act" stay an intent and a threat."""
    if verb.pos_ != "VERB" or any(c.dep_ in ("xcomp", "dobj") for c in verb.children):
        return False
    for clause in verb.children:
        if clause.dep_ == "ccomp" and clause.pos_ in ("VERB", "AUX"):
            auxes = {a.lower_ for a in clause.children if a.dep_ in ("aux", "auxpass")}
            if auxes & (_FUTURE | _POSSIBLE | _DEONTIC | {"would", "'d", "to", "going"}):
                return False
            return clause.tag_ in ("VBD", "VBZ", "VBP") or bool(auxes)
    return False


@cache
def _hashes(words: frozenset[str]) -> frozenset[int]:
    """The words as spaCy's string hashes, to test a token's lemma and form without making strings."""
    return frozenset(get_string_id(word) for word in words)


_OBLIGATION = Pattern("100", None, (), (), "demand", "V", True, True, "a modal of obligation in reported speech")


def _with_obligations(triggers: list[_Trigger]) -> list[_Trigger]:
    """ "X said Y must [do]": X demands of Y, whether or not the deed is in the dictionary. A clause of obligation
    under a speech verb becomes a demand word of its own; what it governs is its act."""
    taken = {t.token.i for t in triggers}
    added = []
    for trigger in triggers:
        if trigger.frame != "say":
            continue
        for clause in trigger.token.children:
            if clause.dep_ == "ccomp" and clause.i not in taken and _obliged(clause):
                added.append(_Trigger(clause, Match(_OBLIGATION, frozenset()), obligation=True))
    return sorted(triggers + added, key=lambda t: t.token.i) if added else triggers


def _obliged(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in _DEONTIC for c in verb.children) and any(
        c.dep_ in _SUBJECTS for c in verb.children
    )


def _words(reading: _Reading, sentence: Span) -> list[Word]:
    """The sentence's words as patterns see them, read from the token table (no Token objects made)."""
    strings = reading.doc.vocab.strings
    found = []
    for i in range(sentence.start, sentence.end):
        lower, lemma, pos, punct, space = reading.forms[i]
        if not (punct or space):
            found.append(Word(i, strings[lower], strings[lemma].lower(), pos in _NOMINAL_POS))
    return found


def _word(token: Token) -> Word:
    return Word(token.i, token.lower_, token.lemma_.lower(), token.pos_ in ("NOUN", "PROPN", "PRON"))


def _phrase_after(reading: _Reading, token: Token) -> list[Word]:
    """The words after the trigger in its own phrase: its subtree, less other clauses and coordinated members.
    Read from the token table (no Token objects made)."""
    if not reading.children:
        _read_tree(reading)
    children, deps, outside, punct = reading.children, reading.deps, _outside_hashes(), _PUNCT_HASH
    strings = reading.doc.vocab.strings
    words: list[Word] = []
    stack = [c for c in children[token.i] if c > token.i and deps[c] not in outside]
    while stack:
        i = stack.pop()
        lower, lemma, pos, is_punct, is_space = reading.forms[i]
        if not (is_punct or is_space):
            words.append(Word(i, strings[lower], strings[lemma].lower(), pos in _NOMINAL_POS))
        stack.extend(c for c in children[i] if deps[c] not in outside or deps[c] == punct)
    words.sort(key=lambda w: w.i)
    return words


def _read_tree(reading: _Reading) -> None:
    """Each token's children and dependency label, as ints, for walks that make no Token objects."""
    table = reading.doc.to_array([HEAD, DEP]).astype("int64").tolist()
    reading.children = [[] for _ in table]
    reading.deps = [dep for _, dep in table]
    for i, (offset, _) in enumerate(table):
        if offset:
            reading.children[i + offset].append(i)


@cache
def _outside_hashes() -> frozenset[int]:
    return frozenset(get_string_id(label) for label in _OUTSIDE_PHRASE)


# ---- 2. structure


def _structure(triggers: list[_Trigger]) -> None:
    """Link each trigger to the trigger whose complement holds it; a frame takes its nearest as its act."""
    by_index = {t.token.i: t for t in triggers}
    distance: dict[int, int] = {}
    for trigger in triggers:
        token, steps, reach = trigger.token, 0, 0
        while _complement(token) and steps < 7:
            quantity = token.dep_ in ("pobj", "prep") and (token.lower_ == "of" or token.head.lower_ == "of")
            token, steps, reach = token.head, steps + 1, reach + (0 if quantity else 1)
            governor = by_index.get(token.i)
            if governor is not None:
                if governor.frame != "light" or reach <= 2:  # "held talks", "took part in talks", "sent tons of aid"
                    trigger.governor = governor
                    distance[trigger.token.i] = steps
                break
    for trigger in sorted(triggers, key=lambda t: (distance.get(t.token.i, 0), t.token.i)):
        governor = trigger.governor
        if governor is None:
            continue
        if governor.says:
            governor.content = True
        if governor.frame in _FRAMES_WITH_ACT and governor.act is None:
            governor.act = trigger


def _complement(token: Token) -> bool:
    """Whether the token completes its head: an object, an infinitive, a "to"-clause of purpose, a noun modifier."""
    if token.head.i == token.i:
        return False
    if token.dep_ in _COMPLEMENTS:
        return True
    if token.dep_ == "advcl":  # "will visit X to mediate": the purpose is part of the act
        return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
    if token.dep_ == "conj" and token.pos_ == "NOUN":  # "provided photographs and intelligence"
        return token.head.dep_ in ("dobj", "pobj", "conj")
    return token.dep_ == "compound" and token.head.pos_ in ("NOUN", "PROPN") and token.pos_ == "NOUN"


def _resolve(trigger: _Trigger, given: bool = False) -> _Code | None:
    """The code of a trigger with the acts under it: a frame maps its act's code, a light verb takes it; ``given``:
    the act is handed to an actor ("offered troops to X")."""
    pattern = trigger.pattern
    frame = pattern.frame
    own = pattern.code
    if frame is None or frame in ("object", "judge"):
        if own and given and pattern.transforms:
            own = framed(own, "given") or own
        return _Code(own, own) if own else None
    inner = _resolve(trigger.act, given) if trigger.act is not None else None
    if frame in ("light", "through"):
        if inner is not None:
            return inner
        return _Code(own, own) if own and frame == "light" else None
    if frame == "say":
        return _Code(own, own) if own and inner is None else None
    base = inner.base if inner is not None else own
    mapped = framed(base, frame) if pattern.transforms else None
    code = mapped or own
    if code is None:
        return None
    return _Code(code, base)


# ---- 3. one event


def _events_of(reading: _Reading, sentence: Span, trigger: _Trigger) -> Iterator[Event]:
    frame = trigger.frame
    if trigger.says and trigger.content:
        return  # the content is coded for itself
    if frame == "object" and (trigger.governor is None or not trigger.governor.says):
        return  # "troops", "weapons": events only as what is sent, offered, announced
    if frame == "judge" and trigger.token.dep_ not in ("attr", "acomp", "oprd"):
        return  # "illegal aliens" judges no one; "the move is illegal" does
    resolved = _resolve(trigger)
    reverse = trigger.chain()[-1].pattern.reverse
    if resolved is None and reverse is None:
        return
    chain = trigger.chain()
    if _negated(chain, trigger.match):
        return
    speaker = _speaker(trigger.token)
    sources, targets = _participants(reading, trigger, chain, speaker)
    if trigger.act is not None and any(a.code for a in targets) and trigger.frame in ("light", "intent"):
        resolved = _resolve(trigger, given=True) or resolved
    code, mode = (resolved.code if resolved else None), "asserted"
    transforms = all(t.pattern.transforms for t in chain)
    if frame == "judge":
        mode = "hypothetical" if _modal(trigger.token) else "asserted"
    elif transforms and resolved is not None:
        code, mode, sources, targets = _modality(reading, trigger, chain, resolved, sources, targets, speaker)
    elif _hedged(trigger.token):
        mode = "hypothetical"
    if code is not None and code.startswith("13") and not any(a.code for a in targets):
        targets = _conditioned(reading, chain, sources) or targets
    if code is not None and code.startswith("14"):  # a protest's place is where it is, not whom it is against
        targets = [a for a in targets if not _place_word(a.head)]
        if not any(a.code for a in targets):
            targets = _protested(reading, trigger.token, sources) or targets
    if code is not None and code.startswith("12") and not any(a.code for a in targets):
        targets = _resisted(reading, chain, sources) or targets
    if code is not None and not any(a.code for a in targets):
        targets = _counterpart(reading, trigger.token, sources) or targets
    if code is not None and code.startswith(_place_targets()) and not any(a.code for a in targets):
        targets = _territory(reading, sentence, chain, sources) or targets
    if code is not None and transforms:  # PETRARCH's dictionaries code only what the text names
        sources, targets = _domestic(reading, sentence, chain, code, sources, targets)
    has_target = any(a.code for a in targets)
    if trigger.act is None and not has_target:
        if frame in _ADDRESSED or frame == "say":
            return  # "urged calm", "said": an appeal or a statement to no one is not an event between actors
        if frame == "intent" and not _has_clause(trigger.token):
            return
    if not transforms and not any(a.code for a in sources):
        return  # a user's PETRARCH dictionary codes an act only with its source, as PETRARCH does
    mutual = _mutual(sources, targets, code or reverse, trigger)
    alone = trigger.token.pos_ in ("NOUN", "PROPN") and trigger.governor is None and not mutual
    if alone and not (any(a.code for a in sources) and has_target):
        return  # a noun alone ("a meeting", "the attack") is an event only between actors it names
    yield from _emit(reading, sentence, trigger, chain[-1], code, reverse, mode, sources, targets)


def _domestic(
    reading: _Reading, sentence: Span, chain: list[_Trigger], code: str, sources: list[_Actor], targets: list[_Actor]
) -> tuple[list[_Actor], list[_Actor]]:
    """The country of people the text gives none ("protesters", "Shona rebels", "students"), as a coder would
    read it: that of the police, courts or - in concessions and coercion - the government they deal with ("the
    Mozambique government accepted demands from Shona rebels"), else - for protests, coercion and violence - of
    the place the act happens in ("people blocked streets in Hong Kong"). Soldiers, officials and refugees are not
    assumed to be at home, nor people whose origin the text gives ("migrants from North Africa")."""
    if not any(_homeless(a) for a in (*sources, *targets)):
        return sources, targets
    states = {"COP", "JUD"} | ({"GOV", "LEG"} if code[:2] in ("08", "17") else set())
    country: str | None = None
    for actor in (*sources, *targets):
        if actor.code is not None and actor.code.sector in states and actor.code.country not in (None, "IGO", "NGO"):
            country = actor.code.country
            break
    if country is None and (code[:2] in _PLACED or _about_protest(chain)):  # its people are of its place
        located = _located(reading, sentence, [t.token for t in chain], [*sources, *targets])
        country = located[0].country if located is not None else None
    if country is None:
        return sources, targets
    home = ActorCode(country, country, None, "country")

    def placed(actors: list[_Actor]) -> list[_Actor]:
        return [
            _Actor(a.head, a.start, a.end, reading.actors.owned(a.code, home)) if _homeless(a) and a.code else a
            for a in actors
        ]

    return placed(sources), placed(targets)


def _about_protest(chain: list[_Trigger]) -> bool:
    """An act on a protest ("agreed to postpone the demonstration in Baku"): where it is tells whose it is."""
    protests = word_classes().get("protest", ())
    return any(c.dep_ == "dobj" and (c.lemma_.lower(),) in protests for link in chain for c in link.token.children)


def _homeless(actor: _Actor) -> bool:
    """People of no country the text gives, nor an origin ("people from North African countries")."""
    code = actor.code
    if code is None or code.country is not None or code.sector not in _AT_HOME:
        return False
    return not any(t.lower_ == "from" for t in actor.head.doc[actor.start : actor.end])


def _conditioned(reading: _Reading, chain: list[_Trigger], sources: list[_Actor]) -> list[_Actor]:
    """Whom a threat is aimed at when it names no one: the one its condition asks something of ("threatened to
    strike unless Israel rescinded ...", "... if Hamas ran")."""
    path: dict[int, Token] = {}
    for link in chain:  # the acts and the words between them ("threatened to hold a strike")
        current = link.token
        for _ in range(6):
            path[current.i] = current
            if current.i == chain[0].token.i or current.head.i == current.i:
                break
            current = current.head
    for complement in [c for t in path.values() for c in t.children if c.dep_ in ("xcomp", "ccomp")]:
        path.setdefault(complement.i, complement)  # "threatened to close the strait unless ..."
    for token in path.values():
        for clause in token.children:
            if clause.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in ("unless", "if") for m in clause.children
            ):
                subject = next((c for c in clause.children if c.dep_ in _SUBJECTS), None)
                actors = _actors(reading, subject) if subject is not None else []
                if any(a.code for a in actors) and not _overlap(actors, sources):
                    return actors
    return []


def _resisted(reading: _Reading, chain: list[_Trigger], sources: list[_Actor]) -> list[_Actor]:
    """Whom a refusal that names no one turns down: the one whose pressure or calls it is "despite" ("declined to
    resign despite pressure by the anti-corruption commission")."""
    codes = {a.code.code for a in sources if a.code}
    for link in chain:
        for prep in link.token.children:
            if prep.dep_ != "prep" or prep.lower_ != "despite":
                continue
            for pressure in (c for c in prep.children if c.dep_ == "pobj"):
                for by in (c for c in pressure.children if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from")):
                    for pobj in (c for c in by.children if c.dep_ == "pobj"):
                        actors = [a for a in _actors(reading, pobj) if a.code and a.code.code not in codes]
                        if actors and not _overlap(actors, sources):
                            return actors
    return []


def _counterpart(reading: _Reading, token: Token, sources: list[_Actor]) -> list[_Actor]:
    """Whom an act that names no one answers: the other side of the talks it follows ("called off the strike after
    deliberations with the government")."""
    codes = {a.code.code for a in sources if a.code}
    talks = word_classes().get("talk", ())
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("after", "following"):
            continue
        for talk in (c for c in prep.children if c.dep_ == "pobj" and (c.lemma_.lower(),) in talks):
            for with_ in (c for c in talk.children if c.dep_ == "prep" and c.lower_ == "with"):
                for pobj in (c for c in with_.children if c.dep_ == "pobj"):
                    actors = [a for a in _actors(reading, pobj) if a.code and a.code.code not in codes]
                    if actors:
                        return actors
    return []


def _place_word(head: Token) -> bool:
    """A place the act happens at: "streets", "the bridge", or a name after "in", "at" ..."""
    classes = word_classes()
    lemma = (head.lemma_.lower(),)
    if lemma in classes.get("place", ()) or lemma in classes.get("road", ()):
        return True
    return head.dep_ == "pobj" and head.head.lower_ in _LOCATIVE and head.ent_type_ in ("GPE", "LOC", "FAC")


def _protested(reading: _Reading, token: Token, sources: list[_Actor]) -> list[_Actor]:
    """Whom a protest that names no one is against: the one its purpose or stance names ("blocked a road to show
    their disapproval of the United States' policies", "in defiance of Chinese authorities")."""
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
            if _event_noun(reading, noun):
                continue
            actors = [a for a in _actors(reading, noun) if a.code and a.code.code not in source_codes]
            if any(a.code and a.code.country for a in actors):
                return actors
    return []


@cache
def _place_targets() -> tuple[str, ...]:
    return tuple(row[0].strip() for row in data.rows("event_place_targets.tsv"))


def _territory(reading: _Reading, sentence: Span, chain: list[_Trigger], sources: list[_Actor]) -> list[_Actor]:
    """The place a measure is imposed in, as its target ("a curfew in Algiers": the people of Algiers)."""
    located = _located(reading, sentence, [t.token for t in chain], sources)
    if located is None:
        return []
    place, span = located
    country = place.country  # else what the place's name says ("Montenegro province")
    if country is None and (coded := reading.actors.phrase(span, reading.found, reading.published)) is not None:
        country = coded.country
    if country is None or any(a.code is not None and a.code.country == country for a in sources):
        return []  # a measure at home ("Israel banned voting in Jerusalem") names no one else
    return [_Actor(span.root, span.start, span.end, ActorCode(country, country, None, "country"))]


def _has_clause(token: Token) -> bool:
    return any(c.dep_ in ("xcomp", "ccomp") for c in token.children)


def _mutual(sources: list[_Actor], targets: list[_Actor], code: str | None, trigger: _Trigger) -> bool:
    """ "Israel and Lebanon renewed negotiations": with no target, a compound source acts on itself - in acts that
    are mutual (data/event_reciprocal.tsv; any act, as PETRARCH reads it, with a user's PETRARCH dictionary)."""
    if targets or len({a.code.code for a in sources if a.code}) < 2 or code is None:
        return False
    if not trigger.pattern.transforms:
        return True
    noun = trigger.token.pos_ in ("NOUN", "PROPN")
    return any(code.startswith(prefix) and (nouns or not noun) for prefix, nouns in _reciprocal())


@cache
def _reciprocal() -> tuple[tuple[str, bool], ...]:
    return tuple((row[0].strip(), row[1].strip() == "yes") for row in data.rows("event_reciprocal.tsv"))


def _emit(
    reading: _Reading,
    sentence: Span,
    trigger: _Trigger,
    innermost: _Trigger,
    code: str | None,
    reverse: str | None,
    mode: str,
    sources: list[_Actor],
    targets: list[_Actor],
) -> Iterator[Event]:
    coded_sources: list[_Actor | None] = [a for a in sources if a.code] or _named(reading, sources[:1]) or [None]
    coded_targets: list[_Actor | None] = [a for a in targets if a.code] or _named(reading, targets[:1]) or [None]
    pairs: list[tuple[_Actor | None, _Actor | None, str]] = []
    if code is not None and _mutual(sources, targets, code, trigger):
        pairs = [(a, b, code) for a in coded_sources for b in coded_sources if a is not b]
    elif code is not None:
        pairs = [(a, b, code) for a in coded_sources for b in coded_targets]
    if reverse is not None:
        pairs += [(b, a, reverse) for a in coded_sources for b in coded_targets if a is not None and b is not None]
    seen: set[tuple[str, str | None, str | None]] = set()
    for source, target, event_code in pairs:
        if (source is None or source.code is None) and (target is None or target.code is None):
            continue
        if (
            (source is None or source.code is None)
            and not _placed(reading, target)
            and not _material_conflict(event_code)
        ):
            continue  # "will allow officials to bring in ...": no one acts on someone of nowhere (victims count)
        if source is not None and target is not None and _same(source, target):
            continue
        key = (event_code, _code_of(source), _code_of(target))
        if key in seen:
            continue
        seen.add(key)
        yield _event(reading, sentence, trigger, innermost, event_code, mode, source, target)
        if source is not None and source.code is not None:
            reading.recent = source


def _named(reading: _Reading, actors: list[_Actor]) -> list[_Actor | None]:
    """The uncoded actors that name someone ("Paul Nitze", "the Azure Brigade"): a phrase that names no one ("no
    evidence", "this", "the offices") is no actor at all."""
    named: list[_Actor | None] = []
    for actor in actors:
        head = actor.head
        resolved = reading.found.resolve(head.idx, head.idx + len(head.text))
        entity = reading.entities.get(resolved[0]) if resolved else None
        if head.pos_ == "PROPN" or (entity is not None and entity.kind in _NAMED_KINDS):
            named.append(actor)
    return named


def _material_conflict(code: str) -> bool:
    return codebook.describe(code).quad_class == 4


def _placed(reading: _Reading, actor: _Actor | None) -> bool:
    """An actor with a country (or an international body), or one the text names: not just "officials"."""
    if actor is None or actor.code is None:
        return actor is not None and bool(_named(reading, [actor]))
    return actor.code.country is not None or actor.head.pos_ == "PROPN" or actor.code.basis == "dictionary"


def _code_of(actor: _Actor | None) -> str | None:
    return actor.code.code if actor is not None and actor.code is not None else None


def _same(a: _Actor, b: _Actor) -> bool:
    if a.start < b.end and b.start < a.end:
        return True
    return a.code is not None and b.code is not None and a.code.code == b.code.code


# ---- negation and modality


def _negated(chain: list[_Trigger], match: Match) -> bool:
    if _under_negated_noun(chain[0].token):
        return True
    for trigger in chain:
        token = trigger.token
        for child in token.children:
            if child.dep_ == "neg" and child.i not in trigger.match.used:
                return True
            if child.dep_ == "det" and child.lower_ in _NEGATIVE_DETERMINERS and token.pos_ in ("NOUN", "PROPN"):
                return True
        if trigger.act is None and trigger.frame in _FRAMES_WITH_ACT:
            for clause in token.children:
                if clause.dep_ in ("xcomp", "ccomp") and any(c.dep_ == "neg" for c in clause.children):
                    return True
        if token.dep_ in ("xcomp", "acomp", "ccomp") or token.pos_ == "ADJ":
            head = token.head
            if any(c.dep_ == "neg" and c.i not in match.used for c in head.children) and head.lemma_ in ("be",):
                return True
    return False


def _under_negated_noun(token: Token) -> bool:
    """In a clause that completes a noun denied by "no": "there is no evidence [that X backed it]", "no sign [that
    troops withdrew]" - the act is what is denied, not what happened."""
    current = token
    for _ in range(4):
        if current.dep_ not in ("acl", "ccomp", "relcl", "xcomp") or current.head.i == current.i:
            return False
        current = current.head
        if current.pos_ == "NOUN":
            return any(c.dep_ == "det" and c.lower_ in _NEGATIVE_DETERMINERS for c in current.children)
    return False


def _auxiliaries(token: Token) -> list[Token]:
    """The auxiliaries of a verb, or of the verb an infinitive, adjective or noun hangs from."""
    found = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    current = token
    for _ in range(3):
        if current.dep_ in ("xcomp", "acomp", "attr") or (current.dep_ == "ccomp" and current.head.lemma_ == "be"):
            current = current.head
            found.extend(c for c in current.children if c.dep_ in ("aux", "auxpass"))
        else:
            break
    return found


def _modal(token: Token) -> bool:
    return any(a.lower_ in _POSSIBLE | {"would", "'d"} | _DEONTIC for a in _auxiliaries(token))


def _reported(token: Token) -> bool:
    """Inside the content of a speech verb ("said [it would attack]")."""
    return _cue_above(token) is not None


def _conditional(token: Token) -> bool:
    """The act carries a condition ("will withdraw ... unless X", "may halt mediation if ...")."""
    for child in token.children:
        if child.dep_ == "advcl" and any(m.lower_ in _CONDITIONS and m.dep_ == "mark" for m in child.children):
            return True
    return any(c.dep_ == "prep" and c.lower_ == "unless" for c in token.children)


def _hedged(token: Token) -> bool:
    if _modal(token) and not any(a.lower_ in _FUTURE for a in _auxiliaries(token)):
        return True
    return any(c.dep_ == "amod" and c.lower_ in _HEDGES for c in token.children)


def _future(token: Token) -> bool:
    auxes = _auxiliaries(token)
    if any(a.lower_ in _FUTURE for a in auxes):
        return True
    if any(a.lower_ in ("would", "'d") for a in auxes) and _reported(token):
        return True
    head = token.head
    if token.dep_ == "xcomp" and head.lemma_ == "be" and any(c.lower_ == "to" for c in token.children):
        return True  # "is to visit"
    if token.dep_ == "xcomp" and head.lemma_ in ("go", "set", "about") and head.lower_ != "went":
        return True  # "is going to", "is set to"
    if token.dep_ == "pcomp" and head.lower_ == "about":
        return True
    return any(c.dep_ == "xcomp" and c.lemma_ == "about" for c in head.children) and token.dep_ == "xcomp"


def _modality(
    reading: _Reading,
    trigger: _Trigger,
    chain: list[_Trigger],
    resolved: _Code,
    sources: list[_Actor],
    targets: list[_Actor],
    speaker: Token | None,
) -> tuple[str, str, list[_Actor], list[_Actor]]:
    """The code and mode the act's modality gives (see the module doc)."""
    token = trigger.token
    code, base = resolved.code, resolved.base
    if trigger.obligation:
        return code, "asserted", sources, targets
    auxes = {a.lower_ for a in _auxiliaries(token)}
    if auxes & _DEONTIC and speaker is not None and _reported(token):
        demand = framed(base, "demand") or "100"
        speaker_actors = _actors(reading, speaker)
        if speaker_actors and not _overlap(speaker_actors, sources):
            return demand, "asserted", speaker_actors, sources
    if trigger.frame not in (None, "light", "through", "object"):
        return code, ("hypothetical" if _hedged(token) or _conditional(token) else "asserted"), sources, targets
    conditional = _conditional(token)
    if conditional or _future(token):
        intent = framed(base, "intent" if conditional else "future")
        if intent is not None:
            return intent, ("hypothetical" if auxes & _POSSIBLE else "asserted"), sources, targets
        return code, ("hypothetical" if auxes & _POSSIBLE else "asserted"), sources, targets
    if _hedged(token) or (trigger.act is not None and _hedged(chain[-1].token)):
        return code, "hypothetical", sources, targets
    return code, "asserted", sources, targets


def _overlap(a: list[_Actor], b: list[_Actor]) -> bool:
    return any(x.start < y.end and y.start < x.end for x in a for y in b)


# ---- participants


def _participants(
    reading: _Reading, trigger: _Trigger, chain: list[_Trigger], speaker: Token | None
) -> tuple[list[_Actor], list[_Actor]]:
    token = trigger.token
    match = trigger.match
    if match.source is not None or match.target is not None:
        source = _slot_actors(reading, match.source)
        target = _slot_actors(reading, match.target)
        if not source:
            source = _source_actors(reading, token)
        if not target:
            target = _target_actors(reading, trigger, chain, source)
        return source, target
    if trigger.frame == "judge":
        return _judged(reading, token, speaker)
    if trigger.obligation:
        subject = _subject(token)
        return (_actors(reading, speaker) if speaker is not None else []), _actors(reading, subject)
    sources = _source_actors(reading, token)
    said = trigger.governor.token if trigger.governor is not None and trigger.governor.says else None
    if said is not None and token.head.i == said.i and token.dep_ == "dobj" and not any(a.code for a in sources):
        subject = _subject(said)  # "X announced a suspension of ties": X's act
        sources = _actors(reading, subject) if subject is not None else []
    targets = _target_actors(reading, trigger, chain, sources)
    passive = _passive(token)
    if passive is not None and trigger.frame is not None and _agent(token) is None and token.dep_ != "acl":
        sources = _actors(reading, passive)  # "X is opposed to", "X is prepared to": a state of X's
    elif passive is not None and trigger.frame is None:
        agent = _agent(token)
        sources = _actors(reading, agent) if agent is not None else []
        targets = _actors(reading, passive)
    return sources, targets


def _slot_actors(reading: _Reading, index: int | None) -> list[_Actor]:
    """The actors of the noun phrase a pattern's "$" or "+" falls on: the phrase's own, else (as PETRARCH reads a
    phrase) the first name in it that is an actor ("in an anti-Gondor parade": Gondor)."""
    if index is None:
        return []
    head = _phrase_head(reading.doc[index])
    actors = _actors(reading, head)
    if any(a.code for a in actors):
        return actors
    for token in head.subtree:
        if token.i != head.i and (token.pos_ == "PROPN" or token.ent_type_ in _NATIONS):
            named = _actors(reading, token)
            if any(a.code for a in named):
                return named
    return actors


def _phrase_head(token: Token) -> Token:
    """The head of the noun phrase a word is part of: a pattern's "$" may fall on "Calimehtar" in "Ithilen's
    minister Calimehtar", whose phrase is the minister's."""
    for _ in range(4):
        if token.dep_ not in ("compound", "appos", "flat") or token.head.i == token.i:
            break
        token = token.head
    return token


def _speaker(token: Token) -> Token | None:
    """The subject of the speech verb whose content holds this token."""
    cue = _cue_above(token)
    return _subject(cue) if cue is not None else None


def _cue_above(token: Token) -> Token | None:
    """The speech verb whose content holds this token ("[X said] it would attack")."""
    current, steps = token, 0
    cues = cue_words()
    while current.head.i != current.i and steps < 8:
        head = current.head
        if current.dep_ in ("ccomp", "parataxis") and head.pos_ == "VERB" and head.lemma_.lower() in cues:
            return head
        current, steps = head, steps + 1
    return None


def _subject(verb: Token, depth: int = 0) -> Token | None:
    for child in verb.children:
        if child.dep_ in _SUBJECTS:
            if child.lower_ in _RELATIVES and verb.dep_ == "relcl":
                return verb.head
            return child
    if depth > 4:
        return None
    head = verb.head
    if head.i == verb.i:
        return None
    if verb.dep_ == "conj":
        return _subject(head, depth + 1)
    if verb.dep_ == "xcomp":
        addressee = next((c for c in head.children if c.dep_ in ("dobj",)), None)
        if addressee is not None and head.pos_ == "VERB" and head.lemma_ not in ("be",):
            return addressee
        patient = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
        return patient if patient is not None else _subject(head, depth + 1)
    if verb.dep_ in ("acomp", "attr", "pcomp", "advcl") or (verb.dep_ == "ccomp" and head.lemma_ == "be"):
        if verb.dep_ == "pcomp":
            prep = head
            governor = prep.head
            addressee = next((c for c in governor.children if c.dep_ == "dobj"), None)
            if addressee is not None and governor.pos_ == "VERB":
                return addressee
            return _subject(governor, depth + 1) if governor.pos_ in ("VERB", "AUX", "ADJ") else None
        return _subject(head, depth + 1)
    if verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBG":
        return head
    if verb.pos_ == "ADJ":
        return _subject(head, depth + 1)
    return None


def _passive(token: Token) -> Token | None:
    """The patient of a passive verb: its passive subject, or the noun a past participle modifies."""
    if token.pos_ != "VERB":
        return None
    if token.dep_ == "acl" and token.tag_ == "VBN":
        return token.head
    return next((c for c in token.children if c.dep_ == "nsubjpass"), None)


def _agent(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _source_actors(reading: _Reading, token: Token) -> list[_Actor]:
    if token.pos_ in ("NOUN", "PROPN"):
        return _noun_source(reading, token)
    if _passive(token) is not None:
        agent = _agent(token)
        return _actors(reading, agent) if agent is not None else []
    subject = _subject(token) or _misparsed_subject(token)
    if subject is None:
        return []
    actors = _actors(reading, subject)
    if not any(a.code for a in actors):  # a parse with two subjects ("Old foes Gondor and Osgiliath")
        for other in token.children:
            if other.dep_ in _SUBJECTS and other is not subject:
                more = _actors(reading, other)
                if any(a.code for a in more):
                    return more
    return actors


def _misparsed_subject(verb: Token) -> Token | None:
    """A name the parse hung on a verb with no subject as a compound ("Ethiopia act on ..."): its subject."""
    if verb.pos_ != "VERB":
        return None
    return next((c for c in verb.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"), None)


def _noun_source(reading: _Reading, noun: Token) -> list[_Actor]:
    for child in noun.children:
        if child.dep_ == "poss":
            return _actors(reading, child)
    for child in noun.children:
        if child.dep_ in ("prep", "agent") and child.lower_ == "by":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return _actors(reading, pobj)
    for child in noun.children:
        if child.dep_ in ("compound", "amod", "nmod") and child.i < noun.i and child.ent_type_ in _NATIONS:
            actors = _actors(reading, child)
            if any(a.code for a in actors):
                return actors
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "from":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return _actors(reading, pobj)
    if noun.dep_ in ("dobj", "pobj", "attr") and noun.head.pos_ in ("VERB", "ADP"):
        verb = noun.head if noun.head.pos_ == "VERB" else noun.head.head
        if verb.pos_ == "VERB":
            return _source_actors(reading, verb)
    return []


def _target_actors(reading: _Reading, trigger: _Trigger, chain: list[_Trigger], sources: list[_Actor]) -> list[_Actor]:
    """The target: for the trigger, then each act under it, its objects in order (see ``_objects``); a direct
    object of a known country is taken at once, else the first actor of a known country, else the first actor."""
    acts = {link.token.i for link in chain}
    source_span = {t.i for t in _subject_tokens(trigger.token)}
    source_codes = {a.code.code for a in sources if a.code}
    petrarch = not trigger.pattern.transforms
    fallback: list[_Actor] = []
    for link in chain:
        candidates = _objects(reading, link, addressed=link.frame in _ADDRESSED)
        if petrarch and link is trigger:  # PETRARCH's reading: the first actor in the verb phrase
            candidates.extend(_phrase_heads(trigger.token))
        for candidate in candidates:
            if candidate.i in source_span or candidate.i in acts or _event_noun(reading, candidate):
                continue
            if _own(reading, candidate, sources):
                continue  # "withdrew their peacekeeping force from Chad": what is the source's own is no target
            actors = _actors(reading, candidate)
            coded = [a for a in actors if a.code and a.code.code not in source_codes]
            if not coded:
                continue
            direct = candidate.dep_ in ("dobj", "dative") and candidate.head.i == link.token.i
            if (direct and petrarch) or any(a.code and a.code.country not in (None, "---") for a in coded):
                return actors
            if not fallback:
                fallback = actors  # an actor of no known country ("the rebels"), if nothing better comes
    return fallback or _stance_of(reading, chain, source_codes)


def _stance_of(reading: _Reading, chain: list[_Trigger], source_codes: set[str]) -> list[_Actor]:
    """With no actor among the objects, the one the act's object is for or against: "broke into an anti-Gondor
    parade" - the parade is against Gondor."""
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
            actors = [a for a in _actors(reading, name) if a.code and a.code.code not in source_codes]
            if actors:
                return actors
    return []


def _own(reading: _Reading, candidate: Token, sources: list[_Actor]) -> bool:
    countries = {a.code.country for a in sources if a.code and a.code.country}
    owner = _whose(reading, candidate) if countries else None
    return owner is not None and owner.country in countries


def _event_noun(reading: _Reading, token: Token) -> bool:
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


def _phrase_heads(token: Token) -> list[Token]:
    """Noun phrase heads in the trigger's own phrase and its clause of purpose ("signed an accord to supply Gondor
    with wheat"), in order; of a reported clause only its subject."""
    heads: list[Token] = []
    names: list[Token] = []  # "an anti- Gondor parade": a name inside a phrase, if no phrase is an actor
    stack = [c for c in token.children if c.i > token.i and (c.dep_ not in _OUTSIDE_PHRASE or _purpose(c))]
    while stack:
        current = stack.pop()
        if _heads_phrase(current):
            heads.append(current)
        elif current.pos_ == "PROPN" and current.dep_ in ("compound", "nmod", "amod"):
            names.append(current)
        for child in current.children:
            if child.dep_ in _OUTSIDE_PHRASE:
                continue
            if current.dep_ == "ccomp" and child.dep_ not in _SUBJECTS:
                continue
            stack.append(child)
    return sorted(heads, key=lambda t: t.i) + sorted(names, key=lambda t: t.i)


def _purpose(clause: Token) -> bool:
    return clause.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def _heads_phrase(token: Token) -> bool:
    return token.pos_ in ("PROPN", "NOUN", "PRON") and token.dep_ not in ("compound", "poss", "nmod", "amod")


def _subject_tokens(token: Token) -> list[Token]:
    subject = _subject(token) if token.pos_ in ("VERB", "AUX", "ADJ") else None
    return list(subject.subtree) if subject is not None else []


def _objects(reading: _Reading, link: _Trigger, addressed: bool) -> list[Token]:
    """Noun phrases that may be the target, nearest first: the object, the dative, prepositional objects, the one
    asked ("demanded that X ..."); then the prepositional objects and owners inside those ("sanctions on X",
    "Serbia's suppression", "an Indian proposal"). What a light verb hands over ("sent troops") is no target."""
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
            first.extend([c for c in child.children if c.dep_ == "pobj"] or _stranded(child))
    if token.pos_ in ("VERB", "AUX"):
        for child in children:
            if child.dep_ == "xcomp":  # "promised to help X"
                first.extend(c for c in child.children if c.dep_ == "dobj")
    second: list[Token] = []
    owners: list[Token] = []
    for obj in first + themes:
        event = _event_noun(reading, obj)
        for child in obj.children:
            if event and child.dep_ == "acl":  # "prevented the demonstration staged by students"
                for agent in (c for c in child.children if c.dep_ == "agent"):
                    second.extend(c for c in agent.children if c.dep_ == "pobj")
            if child.dep_ in ("prep", "agent") and child.lower_ in (*_NOUN_TARGET_PREPS, "from", "by"):
                second.extend(c for c in child.children if c.dep_ == "pobj")
            elif child.dep_ == "poss" or (child.dep_ == "compound" and child.ent_type_ in _NATIONS):
                owners.append(child)
            elif event and child.dep_ in ("amod", "nmod") and child.ent_type_ in _NATIONS:
                owners.append(child)  # "an Indian proposal": India's
    return first + second + owners


def _stranded(prep: Token) -> list[Token]:
    """The object a parse gave away: in "granted asylum to five officers holed up in ...", "officers" is parsed as
    the subject of "holed" and "to" left without an object; the subject that starts right after it is the object."""
    if any(c.dep_ == "pobj" for c in prep.children) or prep.i + 1 >= len(prep.doc):
        return []
    following = prep.doc[prep.i + 1]
    for token in (following, following.head):
        if token.dep_ == "nsubj" and token.left_edge.i == prep.i + 1 and token.head.dep_ in ("advcl", "ccomp", "acl"):
            return [token]
    return []


def _judged(reading: _Reading, token: Token, speaker: Token | None) -> tuple[list[_Actor], list[_Actor]]:
    """ "[such a move] would be a violation": the speaker disapproves of whoever the judged thing belongs to."""
    copula = token.head if token.dep_ in ("attr", "acomp") else None
    judged = _subject(copula) if copula is not None else None
    if copula is None and token.dep_ in ("dobj", "pobj"):
        judged = next((c for c in token.children if c.dep_ == "poss"), None)
    sources = _actors(reading, speaker) if speaker is not None else []
    targets: list[_Actor] = []
    if judged is not None:
        targets = _actors(reading, judged)
        if not any(a.code for a in targets):
            owner = next((c for c in judged.children if c.dep_ == "poss"), None)
            targets = _actors(reading, owner) if owner is not None else []
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


# ---- actors


def _actors(reading: _Reading, head: Token | None) -> list[_Actor]:
    """One actor per member of the noun phrase headed by ``head`` ("the US and its allies" -> two), and per
    member of a coordination it shares ("the ambassadors of Arnor, Osgiliath and Gondor" -> three, "US and British
    forces" -> two)."""
    if head is None:
        return []
    members = [head]
    for member in members:
        if len(members) > 12:
            break
        stolen = {t.i for t in _stolen(reading, member)}  # "lawmakers in Fornost and Gondor", parsed flat
        members.extend(
            c for c in member.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON") and c.i not in stolen
        )
        listed = any(c.dep_ == "conj" for c in member.children)
        for appos in (c for c in member.children if c.dep_ == "appos" and c.pos_ == "PROPN"):
            if listed or any(c.dep_ == "conj" for c in appos.children):  # "Mordor, the Shire, Fornost and Bree"
                members.append(appos)
    return [part for member in members for actor in _shared(reading, member) for part in _parts(actor)]


def _shared(reading: _Reading, member: Token) -> list[_Actor]:
    """The actors of one member: itself, or one per coordinated owner ("ambassadors of A and B") or modifier ("US
    and British forces") when each of those is coded with a country."""
    own = _actor(reading, member)
    owners = _coordinated_owners(reading, member)
    if owners:
        prep = owners[0].head
        start = _np(reading, member)[0]
        head_code = reading.actors.phrase(reading.doc[start : prep.i], reading.found, reading.published)
        shared = [_owned(reading, head_code, _actor(reading, owner)) for owner in owners]
    else:
        modifiers = _coordinated_modifiers(member)
        shared = [_actor(reading, modifier) for modifier in modifiers]
        if member.pos_ == "PROPN" and modifiers:  # "Fornost and the evil awful Gondor", parsed as one name
            names = [
                a for a in shared if a.code is not None and (a.head.pos_ == "PROPN" or a.code.basis == "dictionary")
            ]
            name = reading.actors.phrase(reading.doc[member.i : member.i + 1], reading.found, reading.published)
            shared = [*names, _Actor(member, member.i, member.i + 1, name)]
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


def _coordinated_owners(reading: _Reading, member: Token) -> list[Token]:
    """The coordinated objects of the member's owning "of", "in" or "from" phrase, or of its coordination's first
    member ("lawmakers and officials [in Fornost and Gondor]"), names the parse hung on that member included."""
    prep = _owner_prep(reading, member)
    if prep is None:
        return []
    pobj = next(c for c in prep.children if c.dep_ == "pobj")
    owners = _conjuncts(pobj) + _stolen(reading, prep.head)
    return owners if len(owners) > 1 else []


def _owner_prep(reading: _Reading, member: Token) -> Token | None:
    for holder in (member, member.head) if member.dep_ == "conj" else (member,):
        for prep in holder.children:
            owning = prep.dep_ == "prep" and prep.i > member.i and _np_prep(reading, holder, prep)
            if owning and any(c.dep_ == "pobj" for c in prep.children):
                return prep
    return None


def _stolen(reading: _Reading, member: Token) -> list[Token]:
    """Names parsed as further members of a noun that belong to its owning phrase: in "lawmakers in Fornost and
    Gondor" the parse makes Gondor a member beside the lawmakers; it is where the lawmakers are."""
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
            return [c for c in _conjuncts(child) if c.pos_ in named or c.ent_type_ in _NATIONS]  # not "awful"
    return []


def _owned(reading: _Reading, code: ActorCode | None, owner: _Actor) -> _Actor:
    combined = owner.code if code is None or owner.code is None else reading.actors.owned(code, owner.code)
    return _Actor(owner.head, owner.start, owner.end, combined)


def _parts(actor: _Actor) -> list[_Actor]:
    """A compound code from a PETRARCH dictionary ("FRO/BIL/SAM" for "the Shire") is one actor per part."""
    if actor.code is None or "/" not in actor.code.code:
        return [actor]
    parts = []
    for part in (p for p in actor.code.code.split("/") if p):
        country, sector = split_code(part)
        parts.append(_Actor(actor.head, actor.start, actor.end, ActorCode(part, country, sector, actor.code.basis)))
    return parts


def _actor(reading: _Reading, head: Token) -> _Actor:
    cached = reading.coded.get(head.i)
    if cached is None:
        cached = reading.coded[head.i] = _code_actor(reading, head)
    return cached


def _code_actor(reading: _Reading, head: Token) -> _Actor:
    """The noun phrase headed by ``head``, coded by the actor coder: the phrase, else the entity it names, else its
    apposition; a pronoun in reported speech that names no one is the speaker. When a phrase owes its code to a
    prepositional phrase alone ("guarantees from the United States"), the actor is that phrase's object."""
    start, end = _np(reading, head)
    when = reading.published
    code = reading.actors.phrase(reading.doc[start:end], reading.found, when)
    owner = _owner_of_thing(reading, head)
    if owner is not None and (owned := _actor(reading, owner)).code is not None and owned.code != code:
        if (
            code is not None
            and owned.code is not None
            and owned.code.country is None
            and owned.code.sector == code.sector
        ):
            return _Actor(owned.head, owned.start, owned.end, code)  # "the offices of automaker BMW in Munich"
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
        speaker = _speaker(head)  # "X said they would ...": they are X, when nothing else says who
        if speaker is not None and speaker.pos_ != "PRON" and speaker.i != head.i:
            code = _actor(reading, speaker).code
    if code is not None and code.country is None:
        home = _whose(reading, head) or _located_by(reading, head)
        if home is not None and home.country is not None:
            if home.sector is not None:
                home = ActorCode(home.country, home.country, None, "country")
            code = reading.actors.owned(code, home)
    return _Actor(head, start, end, code)


def _whose(reading: _Reading, head: Token) -> ActorCode | None:
    """The owner a possessive pronoun stands for in reported speech: the speaker ("Bosnian Serbs said their forces
    had withdrawn"). Elsewhere the pronoun is left alone: which of the names before it it means is a guess."""
    pronoun = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in _OWNER_PRONOUNS), None)
    if pronoun is None:
        return None
    speaker = _speaker(head)
    if speaker is not None and speaker.pos_ != "PRON":
        return _actor(reading, speaker).code
    return None


def _located_by(reading: _Reading, head: Token) -> ActorCode | None:
    """The country of a participle that places the actor ("a newspaper based in Beirut", "refugees fleeing the war
    in Liberia") or of the conflict it is party to ("parties to the conflict in Iraq")."""
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
    """The objects of the noun's "in" and "from" phrases: "the conflict [in Iraq]"."""
    return [p for c in noun.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]


def _owner_of_thing(reading: _Reading, head: Token) -> Token | None:
    """The owner a thing stands for: "the offices of BMW" are BMW's, "a camp for refugees" the refugees', "the
    United States' policies" the United States'; None for a noun that names people or an event ("leaders of X",
    "the attack on X")."""
    if head.pos_ != "NOUN":
        return None
    owner = next((c for c in head.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)  # "the US' policies"
    if owner is None:
        for prep in head.children:
            if prep.dep_ == "prep" and prep.i > head.i and prep.lower_ in ("of", "for"):
                owner = next((c for c in prep.children if c.dep_ == "pobj" and c.pos_ != "PRON"), None)
                break
    if owner is None or _event_noun(reading, head) or _people(reading, head):
        return None
    return owner


def _people(reading: _Reading, head: Token) -> bool:
    """A word the agent dictionaries know: people, or a body of them ("soldiers", "government")."""
    return reading.actors.names_people(reading.text[head.left_edge.idx : head.idx + len(head.text)])


def _np_prep(reading: _Reading, head: Token, prep: Token) -> bool:
    """ "leaders of X" always; "soldiers from X", "activists in X" for groups, "a force in X" for a body of
    people, not "autonomy from X"."""
    if prep.lower_ == "of":
        return True
    if prep.lower_ not in _NP_PREPS or head.pos_ not in ("NOUN", "PROPN"):
        return False
    return head.tag_ in ("NNS", "NNPS") or _people(reading, head)


def _np(reading: _Reading, head: Token) -> tuple[int, int]:
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


# ---- the record


def _event(
    reading: _Reading,
    sentence: Span,
    trigger: _Trigger,
    innermost: _Trigger,
    code: str,
    mode: str,
    source: _Actor | None,
    target: _Actor | None,
) -> Event:
    entry = codebook.describe(code)
    chain_tokens = [t.token for t in trigger.chain()]
    first = min(chain_tokens, key=lambda t: t.i)
    last = max(chain_tokens, key=lambda t: t.i)
    trigger_start, trigger_end = first.idx, last.idx + len(last.text)
    start = sentence.start_char
    end = start + len(reading.text[start : sentence.end_char].rstrip())
    day, precision, date_source = _date(reading, sentence, innermost.token)
    event_actors = [_event_actor(reading, a) for a in (source, target)]
    event_id = stable_id(reading.article.id, "event", trigger.token.idx, code)
    if event_id in reading.seen_ids:
        event_id = stable_id(
            reading.article.id,
            "event",
            trigger.token.idx,
            code,
            source.start if source else "",
            target.start if target else "",
        )
    reading.seen_ids.add(event_id)
    return Event(
        id=event_id,
        article_id=reading.article.id,
        code=entry.code,
        root=entry.root,
        quad_class=entry.quad_class,
        goldstein=entry.goldstein,
        plover=entry.plover or "",
        plover_mode=entry.plover_mode,
        source=event_actors[0],
        target=event_actors[1],
        date=day,
        date_precision=precision,
        date_source=date_source,
        evidence=Evidence(start, end, reading.text[start:end], trigger_start, trigger_end),
        place=_place(reading, sentence, chain_tokens, (source, target)),
        quote_id=_quote(reading, trigger.token, event_actors[0]) if entry.verbal else None,
        confidence=_confidence(trigger, mode, source, target),
        mode=mode,
    )


def _event_actor(reading: _Reading, actor: _Actor | None) -> EventActor | None:
    if actor is None:
        return None
    doc = reading.doc
    span = doc[actor.start : actor.end]
    head = actor.head
    resolved = reading.found.resolve(head.idx, head.idx + len(head.text))
    entity_id, name = resolved if resolved else (None, reading.text[span.start_char : span.end_char])
    return EventActor(
        code=actor.code.code if actor.code else None,
        entity_id=entity_id,
        name=name,
        start=span.start_char,
        end=span.end_char,
    )


def _date(reading: _Reading, sentence: Span, token: Token) -> tuple[str, str, str]:
    """The date a time expression in the sentence gives (the nearest in the parse), else the publication day."""
    low = bisect_left(reading.time_starts, sentence.start_char)
    high = bisect_right(reading.time_starts, sentence.end_char)
    best_time: TimeExpr | None = None
    best_distance = 1_000
    for expression in reading.times[low:high]:
        if expression.type not in ("DATE", "TIME"):
            continue
        span = _char_span(reading, expression.start, expression.end)
        if span is None:
            continue
        distance = _distance(token, span.root)
        if distance < best_distance:
            best_time, best_distance = expression, distance
    if best_time is not None:
        value = best_time.value.split("T", 1)[0]
        precision = "day" if best_time.granularity == "time" else best_time.granularity
        return value, precision, "text"
    if reading.published is not None:
        return reading.published.isoformat(), "day", "published"
    return "", "", "unknown"


def _char_span(reading: _Reading, start: int, end: int) -> Span | None:
    """The tokens of a time or place, found once per article."""
    if (start, end) not in reading.spans:
        reading.spans[start, end] = reading.doc.char_span(start, end, alignment_mode="expand")
    return reading.spans[start, end]


def _distance(a: Token, b: Token) -> int:
    """Edges between two tokens in the dependency tree."""
    above: dict[int, int] = {}
    current, steps = a, 0
    while True:
        above[current.i] = steps
        if current.head.i == current.i or steps > 40:
            break
        current, steps = current.head, steps + 1
    current, steps = b, 0
    while steps <= 40:
        if current.i in above:
            return above[current.i] + steps
        if current.head.i == current.i:
            break
        current, steps = current.head, steps + 1
    return 1_000


def _place(
    reading: _Reading, sentence: Span, tokens: Sequence[Token], actors: Sequence[_Actor | None]
) -> EventPlace | None:
    """A place the text puts the event in: the object of "in", "at", "near" ... on the trigger or its object."""
    located = _located(reading, sentence, tokens, actors)
    if located is None:
        return None
    place = located[0]
    return EventPlace(place.name, place.country, place.lat, place.lon)


def _located(
    reading: _Reading, sentence: Span, tokens: Sequence[Token], actors: Sequence[_Actor | None]
) -> tuple[Place, Span] | None:
    low = bisect_left(reading.place_starts, sentence.start_char)
    high = bisect_right(reading.place_starts, sentence.end_char)
    if low == high:
        return None
    anchors = {t.i for t in tokens}
    taken = [(a.start, a.end) for a in actors if a is not None]
    for place in reading.places[low:high]:
        span = _char_span(reading, place.start, place.end)
        if span is None or any(s < span.end and span.start < e for s, e in taken):
            continue
        head = span.root
        prep = head.head
        if head.dep_ != "pobj" or prep.lower_ not in _LOCATIVE:
            continue
        attached = prep.head
        if attached.i in anchors or (attached.dep_ in ("dobj", "pobj", "nsubjpass") and attached.head.i in anchors):
            return place, span
    return None


def _quote(reading: _Reading, token: Token, source: EventActor | None) -> str | None:
    """The quote this statement is: its cue is the trigger, or its speaker is the source and it holds the trigger."""
    start, end = token.idx, token.idx + len(token.text)
    for quote in reading.quotes:
        if quote.cue is not None and quote.cue.start <= start and end <= quote.cue.end:
            return quote.id
    if source is None:
        return None
    for quote in reading.quotes:
        if not (quote.start <= start < quote.end) or quote.speaker is None:
            continue
        speaker = quote.speaker
        same_entity = source.entity_id is not None and speaker.entity_id == source.entity_id
        if same_entity or (speaker.start < source.end and source.start < speaker.end):
            return quote.id
    return None


def _confidence(trigger: _Trigger, mode: str, source: _Actor | None, target: _Actor | None) -> float:
    """How sure the reading is, from what it rests on: a specific pattern and two coded actors make it surer."""
    score = 0.6
    if trigger.pattern.specificity or trigger.act is not None:
        score += 0.15
    if source is not None and source.code is not None:
        score += 0.1
    if target is not None and target.code is not None:
        score += 0.1
    if any(a is not None and a.head.pos_ == "PRON" for a in (source, target)):
        score -= 0.1
    if trigger.token.pos_ in ("NOUN", "PROPN", "ADJ"):
        score -= 0.1
    if mode == "hypothetical":
        score -= 0.1
    return round(max(0.05, min(1.0, score)), 2)
