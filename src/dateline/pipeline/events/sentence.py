"""One sentence: its triggers, linked into frames and acts, each coded with its actors and modality."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from ...model import Event
from .arguments import ADDRESSED, participants
from .frames import resolve, structure
from .grammar import speaker_of
from .implied import domestic, implied_targets
from .modality import background, hedged, in_condition, modal, modality, negated
from .reading import Reading
from .records import emit, reciprocal_act
from .senses import against_a_thing, sport
from .triggers import Trigger, find_triggers, with_obligations


def sentence_events(reading: Reading, sentence: Span) -> Iterator[Event]:
    """The events the sentence reports: those of its own clauses, else those it tells in passing."""
    if len(sentence) > reading.settings.longest_sentence:
        return  # run-on text (tables, lists without stops) is not read for events: its parse says little
    triggers = find_triggers(reading, sentence)
    if not triggers:
        return
    triggers = with_obligations(triggers)
    structure(triggers, reading.settings.light_reach)
    reported = [t for t in triggers if (t.governor is None or t.governor.says) and not in_condition(t.token)]
    foreground = [t for t in reported if not background(t.token)]
    found = [event for trigger in foreground for event in _events_of(reading, sentence, trigger)]
    if not found:  # the sentence's own news holds no event: what its clauses tell in passing is the news
        found = [
            event
            for trigger in reported
            if trigger not in foreground
            for event in _events_of(reading, sentence, trigger)
        ]
    yield from sorted(found, key=lambda e: e.evidence.trigger_start)


def _events_of(reading: Reading, sentence: Span, trigger: Trigger) -> Iterator[Event]:
    """The events of one trigger with the acts under it: its code, actors and modality (the module's doc, 2-5)."""
    frame = trigger.frame
    if trigger.says and trigger.content:
        return  # the content is coded for itself
    if frame == "object" and not _announced(trigger):
        return  # "troops", "weapons": events only as what is sent, offered, announced
    if frame == "judge" and trigger.token.dep_ not in ("attr", "acomp", "oprd"):
        return  # "illegal logging" judges no one; "the move is illegal" does
    if _a_question(trigger.token):
        return  # "asked whether ...", "Asked about the border, X said": a question put, not an appeal
    resolved = resolve(trigger)
    chain = trigger.chain()
    reverse = chain[-1].pattern.reverse
    if resolved is None and reverse is None:
        return
    if negated(chain, trigger.match):
        return
    speaker = speaker_of(trigger.token)
    sources, targets = participants(reading, trigger, chain, speaker)
    if trigger.act is not None and any(a.code for a in targets) and trigger.frame in ("light", "intent"):
        resolved = resolve(trigger, given=True) or resolved
    code, mode = (resolved.code if resolved else None), "asserted"
    if sport(reading, sentence, code):
        return  # "beat", "attack", "crushed" in a match report
    transforms = all(t.pattern.transforms for t in chain)
    if frame == "judge":
        mode = "hypothetical" if modal(trigger.token) else "asserted"
    elif transforms and resolved is not None:
        code, mode, sources, targets = modality(reading, trigger, chain, resolved, sources, targets, speaker)
    elif hedged(trigger.token):
        mode = "hypothetical"
    if resolved is not None:
        figurative, instead = against_a_thing(chain[-1].token, resolved.base or resolved.code)
        if figurative and instead is None:
            return  # "fighting an epidemic", "vowed to battle road deaths": no act between actors
        if figurative:
            code = instead  # "attacked the plan": criticism
    if code is not None:
        targets = implied_targets(reading, sentence, chain, code, sources, targets)
    if code is not None and transforms:  # PETRARCH's dictionaries code only what the text names
        sources, targets = domestic(reading, sentence, chain, code, sources, targets)
    has_target = any(a.code for a in targets)
    if frame == "intent" and trigger.act is None and _names_an_act(reading, trigger.token):
        return  # "vowed a tough response", "pledged to punish": what was promised is said, and no act we can code
    if trigger.act is None and not has_target:
        if frame in ADDRESSED or frame == "say":
            return  # "urged calm", "said": an appeal or a statement to no one is not an event between actors
        if frame == "intent" and not _has_clause(trigger.token):
            return
    mutual = reciprocal_act(sources, targets, code or reverse, trigger)
    if not transforms and not (any(a.code for a in sources) and (has_target or mutual)):
        return  # a user's PETRARCH dictionary codes an act only between two actors, as PETRARCH does (require_dyad)
    alone = trigger.token.pos_ in ("NOUN", "PROPN") and trigger.governor is None and not mutual
    if alone and not (any(a.code for a in sources) and has_target):
        return  # a noun alone ("a meeting", "the attack") is an event only between actors it names
    yield from emit(reading, sentence, trigger, chain[-1], code, reverse, mode, sources, targets)


_WH = frozenset({"whether", "if", "what", "why", "how", "when", "where", "who", "which"})


def _a_question(token: Token) -> bool:
    """A question put to someone: "asked whether/what ...", "asked about ...", or the reporter's "Asked ..., X said"
    (a participle before the answer); an appeal asks someone to do something."""
    if token.lemma_.lower() != "ask":
        return False
    if token.tag_ == "VBN" and token.dep_ == "advcl":
        return True
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "about":
            return True
        if child.dep_ in ("ccomp", "advcl") and any(g.lower_ in _WH and g.i < child.i for g in child.children):
            return True
    return False


def _names_an_act(reading: Reading, token: Token) -> bool:
    """An intent word with a verb or an object that is no actor: what was promised is named, and not coded, so
    whether it is cooperation is unknown."""
    for child in token.children:
        if child.dep_ in ("xcomp", "ccomp") and child.pos_ in ("VERB", "AUX"):
            return True
        if child.dep_ == "dobj" and child.pos_ == "NOUN" and reading.actors.kind(child.lemma_.lower()) is None:
            return True  # "a tough response" (even "... to Pyongyang"), not "the rebels"
    return False


def _has_clause(token: Token) -> bool:
    return any(c.dep_ in ("xcomp", "ccomp") for c in token.children)


def _announced(trigger: Trigger) -> bool:
    """An object noun the speech verb itself governs ("announced new weapons for Kyiv"), not one that a verb in
    what was said governs ("said Pyongyang launched a missile": a launch, not a delivery of weapons)."""
    governor = trigger.governor
    if governor is None or not governor.says:
        return False
    head = trigger.token.head
    while head.i != governor.token.i:
        if head.pos_ in ("VERB", "AUX") or head.head.i == head.i:
            return False
        head = head.head
    return True
