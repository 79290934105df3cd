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
   go", relative clauses); the target the object, the dative, or a prepositional object ("sanctions on X", "talks
   with X"), the trigger's own before those of the acts under it, one of a known country before one of none; for
   nouns the owner ("Russia's attack") or "by X", and "on/against/with/to/from X". What a light verb hands over
   ("sent troops") is never the target. Each noun phrase is coded by the actor coder; a coordinated phrase ("the US
   and its allies") is one actor per member, a compound code ("FRO/BIL/SAM") one actor per part; with no target, a
   compound source acts on itself ("Israel and Lebanon renewed negotiations": both ways). A pronoun in reported
   speech that names no one is the speaker ("X said they would ..."). An event needs a source or a target that is an
   actor; a frame word with no act needs a target ("urged Russia"); a noun alone needs both ("Russia's attack on X").
5. Negation and modality. A negated event ("did not attack", "no talks", "vowed not to return") is not coded; a
   negated consent is a refusal where the dictionary says so ("will not accept" -> 12x). A future act of the
   source's own ("will meet", reported "would meet", "is to visit", "scheduled to") is coded as CAMEO codes the
   intent (036; PLOVER codes future cooperation as AGREE), future force as the threat ("would blockade" -> 1381),
   announced sanctions and coercion as themselves ("would prohibit aid" -> 162); a condition ("... unless", "... if")
   makes any of them the intent or threat. "May", "might", "could", a condition or a "possible" act mark the event
   hypothetical. Evaluations ("such a move would be a violation") are the speaker's disapproval (111) of whoever the
   judged thing belongs to - for "such a move", "the step", the source of the event just before.
6. When and where. A time expression in the sentence dates the event (the one nearest the act in the parse: "a
   meeting ... scheduled for Thursday"), else the publication day; a place the text puts the event in ("in Kyiv") is
   its place - a place is never made a target. A statement that is also a quote (the quote's cue is the trigger, or
   its speaker is the source and the trigger lies in what was said) carries the quote's id. Confidence grows with a
   specific pattern and coded actors on both sides and shrinks for nouns, pronouns and hypotheticals.

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
    while current.head is not current and steps < 8:
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
    while current.head is not current and steps < 8:
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
    words: list[Word] | None = None
    for token in sentence:
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
                words = [_word(t) for t in sentence if not (t.is_punct or t.is_space)]
            before = [w for w in words if w.i < token.i]
        after = _phrase_after(token) if any(p.after for p in patterns) else []
        match = best(patterns, before, after, token.i)
        if match is None:
            continue
        pattern = match.pattern
        if pattern.code is None and pattern.reverse is None and pattern.frame not in _FRAMES_WITH_ACT:
            continue
        says = pattern.frame is None and not pattern.transforms and reading.verbs.says(lemma)
        found.append(_Trigger(token, match, says=says))
    return found


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


def _word(token: Token) -> Word:
    return Word(token.i, token.lower_, token.lemma_.lower(), token.pos_ in ("NOUN", "PROPN", "PRON"))


def _phrase_after(token: Token) -> list[Word]:
    """The words after the trigger in its own phrase: its subtree, less other clauses and coordinated members."""
    words: list[Word] = []
    stack = [c for c in token.children if c.i > token.i and c.dep_ not in _OUTSIDE_PHRASE]
    while stack:
        current = stack.pop()
        if not (current.is_punct or current.is_space):
            words.append(_word(current))
        stack.extend(c for c in current.children if c.dep_ not in _OUTSIDE_PHRASE or c.dep_ == "punct")
    words.sort(key=lambda w: w.i)
    return words


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
    if token.head is token:
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
    has_target = any(a.code for a in targets)
    if trigger.act is None and not has_target:
        if frame in _ADDRESSED or frame == "say":
            return  # "urged calm", "said": an appeal or a statement to no one is not an event between actors
        if frame == "intent" and not _has_clause(trigger.token):
            return
    alone = trigger.token.pos_ in ("NOUN", "PROPN") and trigger.governor is None and not _mutual(sources, targets)
    if alone and not (any(a.code for a in sources) and has_target):
        return  # a noun alone ("a meeting", "the attack") is an event only between actors it names
    yield from _emit(reading, sentence, trigger, chain[-1], code, reverse, mode, sources, targets)


def _has_clause(token: Token) -> bool:
    return any(c.dep_ in ("xcomp", "ccomp") for c in token.children)


def _mutual(sources: list[_Actor], targets: list[_Actor]) -> bool:
    """ "Israel and Lebanon renewed negotiations": with no target, a compound source acts on itself."""
    return not targets and len({a.code.code for a in sources if a.code}) >= 2


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
    coded_sources: list[_Actor | None] = [a for a in sources if a.code] or [*sources[:1]] or [None]
    coded_targets: list[_Actor | None] = [a for a in targets if a.code] or [*targets[:1]] or [None]
    pairs: list[tuple[_Actor | None, _Actor | None, str]] = []
    if code is not None and _mutual(sources, targets):
        pairs = [(a, b, code) for a in coded_sources for b in coded_sources if a is not b]
    elif code is not None:
        pairs = [(a, b, code) for a in coded_sources for b in coded_targets]
    if reverse is not None:
        pairs += [(b, a, reverse) for a in coded_sources for b in coded_targets if a is not None and b is not None]
    seen: set[tuple[str, str | None, str | None]] = set()
    for source, target, event_code in pairs:
        if (source is None or source.code is None) and (target is None or target.code is None):
            continue
        if source is not None and target is not None and _same(source, target):
            continue
        key = (event_code, _code_of(source), _code_of(target))
        if key in seen:
            continue
        seen.add(key)
        yield _event(reading, sentence, trigger, innermost, event_code, mode, source, target)
        if source is not None and source.code is not None:
            reading.recent = source


def _code_of(actor: _Actor | None) -> str | None:
    return actor.code.code if actor is not None and actor.code is not None else None


def _same(a: _Actor, b: _Actor) -> bool:
    if a.start < b.end and b.start < a.end:
        return True
    return a.code is not None and b.code is not None and a.code.code == b.code.code


# ---- negation and modality


def _negated(chain: list[_Trigger], match: Match) -> bool:
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
        source = _actors(reading, reading.doc[match.source]) if match.source is not None else []
        target = _actors(reading, reading.doc[match.target]) if match.target is not None else []
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


def _speaker(token: Token) -> Token | None:
    """The subject of the speech verb whose content holds this token."""
    cue = _cue_above(token)
    return _subject(cue) if cue is not None else None


def _cue_above(token: Token) -> Token | None:
    """The speech verb whose content holds this token ("[X said] it would attack")."""
    current, steps = token, 0
    cues = cue_words()
    while current.head is not current and steps < 8:
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
    if head is verb:
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
    subject = _subject(token)
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
        candidates = _objects(reading, link, addressed=link is trigger and trigger.frame in _ADDRESSED)
        if petrarch and link is trigger:  # PETRARCH's reading: the first actor in the verb phrase
            candidates.extend(_phrase_heads(trigger.token))
        for candidate in candidates:
            if candidate.i in source_span or candidate.i in acts or _event_noun(reading, candidate):
                continue
            actors = _actors(reading, candidate)
            coded = [a for a in actors if a.code and a.code.code not in source_codes]
            if not coded:
                continue
            direct = candidate.dep_ in ("dobj", "dative") and candidate.head.i == link.token.i
            if (direct and petrarch) or any(a.code and a.code.country not in (None, "---") for a in coded):
                return actors
            if not fallback:
                fallback = actors  # an actor of no known country ("the rebels"), if nothing better comes
    return fallback


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
    """Noun phrase heads in the trigger's own phrase, in order; of a reported clause only its subject."""
    heads: list[Token] = []
    names: list[Token] = []  # "an anti- Gondor parade": a name inside a phrase, if no phrase is an actor
    stack = [c for c in token.children if c.i > token.i and c.dep_ not in _OUTSIDE_PHRASE]
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
    noun = token.pos_ in ("NOUN", "PROPN")
    preps = _NOUN_TARGET_PREPS if noun else _TARGET_PREPS
    if noun and any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by") for c in token.children):
        preps = (*preps, "from")
    objects = ("dobj", "dative") if addressed else ("dobj", "dative", "oprd")
    first = [c for c in token.children if c.dep_ in objects and not (link.frame == "light" and c.dep_ == "dobj")]
    themes = [c for c in token.children if c.dep_ == "dobj" and link.frame == "light"]
    if addressed:  # "demanded that X withdraw": X is asked
        for clause in token.children:
            if clause.dep_ == "ccomp":
                first.extend(c for c in clause.children if c.dep_ == "nsubj")
    for child in token.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in preps:
            first.extend(c for c in child.children if c.dep_ == "pobj")
    if token.pos_ in ("VERB", "AUX"):
        for child in token.children:
            if child.dep_ == "xcomp":  # "promised to help X"
                first.extend(c for c in child.children if c.dep_ == "dobj")
    second: list[Token] = []
    owners: list[Token] = []
    for obj in first + themes:
        event = _event_noun(reading, obj)
        for child in obj.children:
            if child.dep_ in ("prep", "agent") and child.lower_ in (*_NOUN_TARGET_PREPS, "from", "by"):
                second.extend(c for c in child.children if c.dep_ == "pobj")
            elif child.dep_ == "poss" or (child.dep_ == "compound" and child.ent_type_ in _NATIONS):
                owners.append(child)
            elif event and child.dep_ in ("amod", "nmod") and child.ent_type_ in _NATIONS:
                owners.append(child)  # "an Indian proposal": India's
    return first + second + owners


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
    """One actor per member of the noun phrase headed by ``head`` ("the US and its allies" -> two)."""
    if head is None:
        return []
    members = [head]
    for member in members:
        if len(members) > 12:
            break
        members.extend(c for c in member.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON"))
        if any(c.dep_ == "conj" for c in member.children):  # "Mordor, the Shire, Fornost and Bree": a list
            members.extend(c for c in member.children if c.dep_ == "appos" and c.pos_ == "PROPN")
    return [part for member in members for part in _parts(_actor(reading, member))]


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
    start, end = _np(head)
    when = reading.published
    code = reading.actors.phrase(reading.doc[start:end], reading.found, when)
    if code is not None and end > head.i + 1:
        for prep in head.children:
            if prep.dep_ == "prep" and prep.i > head.i and _np_prep(head, prep):
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
            first, last = _np(appos)
            code = reading.actors.phrase(reading.doc[first:last], reading.found, when)
    if code is None and head.lower_ in _SPEAKER_PRONOUNS:
        speaker = _speaker(head)  # "X said they would ...": they are X, when nothing else says who
        if speaker is not None and speaker.pos_ != "PRON" and speaker.i != head.i:
            code = _actor(reading, speaker).code
    return _Actor(head, start, end, code)


def _np_prep(head: Token, prep: Token) -> bool:
    """ "leaders of X" always; "soldiers from X", "activists in X" for groups of people, not "autonomy from X"."""
    return prep.lower_ == "of" or (prep.lower_ in _NP_PREPS and head.tag_ in ("NNS", "NNPS"))


def _np(head: Token) -> tuple[int, int]:
    """Token span of the noun phrase headed by ``head``: its modifiers and "of" phrases, not its clauses."""
    start = end = head.i
    for child in head.children:
        if child.i < head.i and child.dep_ not in _NP_LEFT_SKIP:
            start = min(start, child.left_edge.i)
        elif child.i > head.i and (child.dep_ in _NP_RIGHT or (child.dep_ == "prep" and _np_prep(head, child))):
            if child.dep_ == "prep":
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    end = max(end, _np(pobj)[1] - 1)
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
    doc = reading.doc
    chain_tokens = [t.token for t in trigger.chain()]
    first = min(chain_tokens, key=lambda t: t.i)
    last = max(chain_tokens, key=lambda t: t.i)
    trigger_start, trigger_end = first.idx, last.idx + len(last.text)
    start = sentence.start_char
    end = start + len(sentence.text.rstrip())
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
        evidence=Evidence(start, end, doc.text[start:end], trigger_start, trigger_end),
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
    entity_id, name = resolved if resolved else (None, span.text)
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
        span = reading.doc.char_span(expression.start, expression.end, alignment_mode="expand")
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


def _distance(a: Token, b: Token) -> int:
    """Edges between two tokens in the dependency tree."""
    above: dict[int, int] = {}
    current, steps = a, 0
    while True:
        above[current.i] = steps
        if current.head is current or steps > 40:
            break
        current, steps = current.head, steps + 1
    current, steps = b, 0
    while steps <= 40:
        if current.i in above:
            return above[current.i] + steps
        if current.head is current:
            break
        current, steps = current.head, steps + 1
    return 1_000


def _place(
    reading: _Reading, sentence: Span, tokens: Sequence[Token], actors: Sequence[_Actor | None]
) -> EventPlace | None:
    """A place the text puts the event in: the object of "in", "at", "near" ... on the trigger or its object."""
    low = bisect_left(reading.place_starts, sentence.start_char)
    high = bisect_right(reading.place_starts, sentence.end_char)
    if low == high:
        return None
    anchors = {t.i for t in tokens}
    taken = [(a.start, a.end) for a in actors if a is not None]
    for place in reading.places[low:high]:
        span = reading.doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None or any(s < span.end and span.start < e for s, e in taken):
            continue
        head = span.root
        prep = head.head
        if head.dep_ != "pobj" or prep.lower_ not in _LOCATIVE:
            continue
        attached = prep.head
        if attached.i in anchors or (attached.dep_ in ("dobj", "pobj", "nsubjpass") and attached.head.i in anchors):
            return EventPlace(place.name, place.country, place.lat, place.lon)
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
