"""3 and 5. What a sentence reports and how: acts told in passing or as conditions, negation, and the modality
that turns an act into an intent, a threat or a demand, or marks it hypothetical."""

from __future__ import annotations

from spacy.tokens import Token

from ...reference.cameo.verbs import Match
from ..cues import cue_words
from .frames import Resolved, framed
from .grammar import DEONTIC, FUTURE, POSSIBLE, auxiliaries, reported
from .phrases import actors_of, overlap
from .reading import Actor, Reading
from .triggers import FRAMES_WITH_ACT, Trigger

_TEMPORAL = frozenset({"after", "before", "since", "when", "while", "as", "once", "until", "whenever"})

_CONDITIONS = frozenset({"if", "unless", "until"})

_HEDGES = frozenset({"possible", "potential", "alleged", "proposed", "planned", "suspected", "hypothetical"})

_NEGATIVE_DETERMINERS = frozenset({"no", "neither"})


def background(token: Token) -> bool:
    """In a clause that tells something in passing: a relative clause ("militiamen who seized it"), a participle
    ("arms smuggled last year"), or a clause of time ("after crowds stormed the consulate", "when X deported them") -
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


def in_condition(token: Token) -> bool:
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
    return any(a.lower_ in FUTURE | POSSIBLE | DEONTIC | {"would", "'d"} for a in auxiliaries(verb))


def negated(chain: list[Trigger], match: Match) -> bool:
    if _under_negated_noun(chain[0].token) or _not_yet(chain[0].token):
        return True
    for trigger in chain:
        token = trigger.token
        for child in token.children:
            if child.dep_ == "neg" and child.i not in trigger.match.used:
                return True
            if child.dep_ == "det" and child.lower_ in _NEGATIVE_DETERMINERS and token.pos_ in ("NOUN", "PROPN"):
                return True
        if trigger.act is None and trigger.frame in FRAMES_WITH_ACT:
            for clause in token.children:
                if clause.dep_ in ("xcomp", "ccomp") and any(c.dep_ == "neg" for c in clause.children):
                    return True
        if token.dep_ in ("xcomp", "acomp", "ccomp") or token.pos_ == "ADJ":
            head = token.head
            if any(c.dep_ == "neg" and c.i not in match.used for c in head.children) and head.lemma_ in ("be",):
                return True
    return False


def _not_yet(token: Token) -> bool:
    """ "has yet to receive", "is yet to sign": what has not happened yet."""
    head = token.head
    return (
        token.dep_ == "xcomp"
        and head.lemma_ in ("have", "be")
        and any(c.dep_ == "advmod" and c.lower_ == "yet" for c in head.children)
    )


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


def modal(token: Token) -> bool:
    return any(a.lower_ in POSSIBLE | {"would", "'d"} | DEONTIC for a in auxiliaries(token))


def _conditional(token: Token) -> bool:
    """The act carries a condition ("will pull out ... unless X", "may suspend the talks if ...")."""
    for child in token.children:
        if child.dep_ == "advcl" and any(m.lower_ in _CONDITIONS and m.dep_ == "mark" for m in child.children):
            return True
    return any(c.dep_ == "prep" and c.lower_ == "unless" for c in token.children)


def hedged(token: Token) -> bool:
    if modal(token) and not any(a.lower_ in FUTURE for a in auxiliaries(token)):
        return True
    return any(c.dep_ == "amod" and c.lower_ in _HEDGES for c in token.children)


def _future(token: Token) -> bool:
    auxes = auxiliaries(token)
    if any(a.lower_ in FUTURE for a in auxes):
        return True
    if any(a.lower_ in ("would", "'d") for a in auxes) and reported(token):
        return True
    head = token.head
    if token.dep_ == "xcomp" and head.lemma_ == "be" and any(c.lower_ == "to" for c in token.children):
        return True  # "is to visit"
    if token.dep_ == "xcomp" and head.lemma_ in ("go", "set", "about") and head.lower_ != "went":
        return True  # "is going to", "is set to"
    if token.dep_ == "pcomp" and head.lower_ == "about":
        return True
    return any(c.dep_ == "xcomp" and c.lemma_ == "about" for c in head.children) and token.dep_ == "xcomp"


def modality(
    reading: Reading,
    trigger: Trigger,
    chain: list[Trigger],
    resolved: Resolved,
    sources: list[Actor],
    targets: list[Actor],
    speaker: Token | None,
) -> tuple[str, str, list[Actor], list[Actor]]:
    """The code and mode the act's modality gives (see the module doc)."""
    token = trigger.token
    code, base = resolved.code, resolved.base
    if trigger.obligation:
        return code, "asserted", sources, targets
    auxes = {a.lower_ for a in auxiliaries(token)}
    if auxes & DEONTIC and speaker is not None and reported(token):
        demand = framed(base, "demand") or "100"
        speaker_actors = actors_of(reading, speaker)
        if speaker_actors and not overlap(speaker_actors, sources):
            return demand, "asserted", speaker_actors, sources
    if trigger.frame not in (None, "light", "through", "object"):
        return code, ("hypothetical" if hedged(token) or _conditional(token) else "asserted"), sources, targets
    conditional = _conditional(token)
    if conditional or _future(token):
        intent = framed(base, "intent" if conditional else "future")
        # what will be is planned, not done: "will meet" is coded as CAMEO codes the intent, and kept apart
        mode = "hypothetical" if auxes & POSSIBLE else "asserted" if conditional else "planned"
        return (intent or code), mode, sources, targets
    if hedged(token) or (trigger.act is not None and hedged(chain[-1].token)):
        return code, "hypothetical", sources, targets
    return code, "asserted", sources, targets
