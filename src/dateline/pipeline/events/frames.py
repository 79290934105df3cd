"""2. Structure: which trigger's complement holds which, and the code a frame word gives the act it governs
("agreed [to meet]" -> 036, "refused [to meet]" -> 125), from data/event_frames.tsv."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from ... import data
from .triggers import FRAMES_WITH_ACT, Trigger

_COMPLEMENTS = frozenset({"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "acomp", "attr", "oprd", "acl", "dative"})


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


@dataclass(frozen=True, slots=True)
class Resolved:
    """The code a trigger and the acts under it give."""

    code: str
    base: str | None  # the innermost act's code, which frames map


def structure(triggers: list[Trigger], light_reach: int) -> None:
    """Link each trigger to the trigger whose complement holds it (a light verb, or a thing that is an event only as
    what is sent or offered, only within ``light_reach`` steps); a frame takes its nearest as its act."""
    by_index = {t.token.i: t for t in triggers}
    distance: dict[int, int] = {}
    for trigger in triggers:
        token, steps, reach = trigger.token, 0, 0
        while _complement(token) and steps < 7:
            quantity = token.dep_ in ("pobj", "prep") and (token.lower_ == "of" or token.head.lower_ == "of")
            token, steps, reach = token.head, steps + 1, reach + (0 if quantity else 1)
            governor = by_index.get(token.i)
            if governor is not None:
                near = reach <= light_reach  # "held talks", "sent tons of aid"; a weapon named in a phrase deep
                if (governor.frame != "light" and trigger.frame != "object") or near:  # inside the object is no act
                    trigger.governor = governor
                    distance[trigger.token.i] = steps
                break
    for trigger in sorted(triggers, key=lambda t: (distance.get(t.token.i, 0), t.token.i)):
        governor = trigger.governor
        if governor is None:
            continue
        if governor.says:
            governor.content = True
        if governor.frame in FRAMES_WITH_ACT and governor.act is None:
            governor.act = trigger


def _complement(token: Token) -> bool:
    """Whether the token completes its head: an object, an infinitive, a "to"-clause of purpose, a noun modifier."""
    if token.head.i == token.i:
        return False
    if token.dep_ in _COMPLEMENTS:
        return True
    if token.dep_ == "advcl":  # "will fly to X to negotiate": the purpose is part of the act
        return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
    if token.dep_ == "conj" and token.pos_ == "NOUN":  # "provided photographs and intelligence"
        return token.head.dep_ in ("dobj", "pobj", "conj")
    return token.dep_ == "compound" and token.head.pos_ in ("NOUN", "PROPN") and token.pos_ == "NOUN"


def resolve(trigger: Trigger, given: bool = False) -> Resolved | None:
    """The code of a trigger with the acts under it: a frame maps its act's code, a light verb takes it; ``given``:
    the act is handed to an actor ("offered troops to X")."""
    pattern = trigger.pattern
    frame = pattern.frame
    own = pattern.code
    if frame is None or frame in ("object", "judge"):
        if own and given and pattern.transforms:
            own = framed(own, "given") or own
        return Resolved(own, own) if own else None
    inner = resolve(trigger.act, given) if trigger.act is not None else None
    if frame in ("light", "through"):
        if inner is not None:
            return inner
        return Resolved(own, own) if own and frame == "light" else None
    if frame == "say":
        return Resolved(own, own) if own and inner is None else None
    base = inner.base if inner is not None else own
    mapped = framed(base, frame) if pattern.transforms else None
    code = mapped or own
    if code is None:
        return None
    return Resolved(code, base)
