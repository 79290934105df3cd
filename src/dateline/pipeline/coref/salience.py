"""Salience after Lappin & Leass: what has been mentioned, how salient each class is now, and the pronoun's pick:
the most salient class that agrees with it in gender, number and animacy."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy
from spacy.tokens import Doc

from .lexicon import Pronoun, pronouns
from .reading import Blocker, Spot
from .records import Link, Referent
from .settings import CorefSettings

ROLE_WEIGHT = {"subj": 80.0, "obj": 50.0, "poss": 30.0, "obl": 20.0, "mod": 5.0, "other": 30.0}
_THING_KINDS = frozenset({"ORG", "GPE", "LOC", "FAC", "EVENT"})


@dataclass(slots=True)
class Occurrence:
    token: int
    sent: int
    role: str
    main: bool
    quoted: bool
    cls: int  # referent index, or a negative blocker id


@dataclass(slots=True)
class State:
    doc: Doc
    referents: list[Referent]
    sent_of: numpy.ndarray
    anchor_at: dict[int, int]  # token -> the referent of the named mention it is in
    settings: CorefSettings
    history: list[Occurrence] = field(default_factory=list)
    blockers: dict[int, Blocker] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)


def remember(state: State, event: Spot, cls: int) -> None:
    state.history.append(Occurrence(event.token.i, event.sent, event.role, event.main, event.quoted, cls))


def add_blocker(state: State, event: Spot, blocker: Blocker) -> int:
    cls = -len(state.blockers) - 1
    state.blockers[cls] = blocker
    remember(state, event, cls)
    return cls


def learn_genders(doc: Doc, links: list[Link], referents: list[Referent]) -> bool:
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


def resolve_pronoun(state: State, event: Spot) -> None:
    pronoun = event.pronoun
    assert pronoun is not None
    if event.pleonastic:
        return
    best = _best_class(state, event, pronoun)
    if best is None:
        animacy = "person" if pronoun.gender in ("male", "female") else "thing"
        gender = pronoun.gender if animacy == "person" else None
        add_blocker(state, event, Blocker(animacy, gender, bool(pronoun.plural)))  # a chain of its own
        return
    remember(state, event, best)
    if best >= 0:
        state.links.append(Link(event.token.i, event.token.i + 1, best, True))


def _best_class(state: State, event: Spot, pronoun: Pronoun) -> int | None:
    """The most salient class that agrees with the pronoun, or None."""
    settings = state.settings
    recent = last(state.history, settings.max_lookback)
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
        weight = 100.0 + ROLE_WEIGHT[occurrence.role] + (50.0 if occurrence.main else 0.0)
        weight += 35.0 if occurrence.role == event.role else 0.0
        if distance == 0 and settings.near_tokens > 0:
            weight += settings.nearby * max(0, settings.near_tokens - (at - occurrence.token)) / settings.near_tokens
        if occurrence.quoted and not event.quoted:
            weight *= settings.outside_quote
        if event.quoted and not occurrence.quoted and pronoun.gender not in ("male", "female"):
            continue  # a speaker's "it" or "they" is about what the quote talks of, seldom a name said outside it
        scores[occurrence.cls] = scores.get(occurrence.cls, 0.0) + weight * agreement * 0.5**distance
    return max(scores, key=lambda cls: scores[cls]) if scores else None


def last(history: list[Occurrence], count: int) -> list[Occurrence]:
    """The last ``count`` occurrences (none for 0, where a slice from -0 would give them all)."""
    return history[max(0, len(history) - count) :]


def _first(state: State, recent: list[Occurrence], tokens: set[int] | frozenset[int], pronoun: Pronoun) -> int | None:
    """The latest occurrence at one of ``tokens`` that agrees with the pronoun."""
    for occurrence in reversed(recent):
        if occurrence.token in tokens and _agreement(state, occurrence.cls, pronoun):
            return occurrence.cls
    return None


def _agreement(state: State, cls: int, pronoun: Pronoun) -> float:
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
