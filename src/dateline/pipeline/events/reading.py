"""The article being read for events: the state the stages of event coding share, and the actor coder they use."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from ...model import ActorCode, Article, Entity, Place, Quote, TimeExpr
from ...reference.cameo.verbs import VerbDictionary
from ..entities import Found
from .settings import EventSettings


class ActorCoding(Protocol):
    """What events need from the actor coder (pipeline/actors/'s ActorCoder)."""

    def entity(self, entity: Entity, when: date | None = None) -> ActorCode | None: ...

    def phrase(self, span: Span, found: Found, when: date | None = None) -> ActorCode | None: ...

    def owned(self, code: ActorCode, owner: ActorCode) -> ActorCode: ...

    def kind(self, word: str) -> str | None: ...

    def names_people(self, phrase: str) -> bool: ...


@dataclass(slots=True)
class Actor:
    head: Token
    start: int  # token span of the noun phrase
    end: int
    code: ActorCode | None


@dataclass(slots=True)
class Reading:
    doc: Doc
    article: Article
    found: Found
    quotes: list[Quote]
    times: list[TimeExpr]
    places: list[Place]
    actors: ActorCoding
    verbs: VerbDictionary
    settings: EventSettings
    published: date | None = None  # the article's day: an event the text does not date is dated by it
    era: date | None = None  # when the actors' dated codes are read: the article's day, else the year its text names
    triggers: frozenset[str] = frozenset()
    entities: dict[str, Entity] = field(default_factory=dict)
    time_starts: list[int] = field(default_factory=list)
    place_starts: list[int] = field(default_factory=list)
    recent: Actor | None = None  # the source of the last event, for "such a move"
    seen_ids: set[str] = field(default_factory=set)
    coded: dict[int, Actor] = field(default_factory=dict)  # noun phrase head -> the actor it is
    text: str = ""  # the Doc's text, made once (spaCy joins it anew on each access)
    forms: list[list[int]] = field(default_factory=list)  # per token: lower form, lemma, POS, punct, space, entity
    spans: dict[tuple[int, int], Span | None] = field(default_factory=dict)  # times' and places' tokens
    children: list[list[int]] = field(default_factory=list)  # per token: its children's indices (read on demand)
    deps: list[int] = field(default_factory=list)  # per token: its dependency label's hash
    sport: bool | None = None  # whether the article reports sport (sport.py), found when first asked
