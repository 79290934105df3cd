"""A phrase as the coder reads it: its words as the dictionaries match them, each with its token, and the mentions
in it, found through a per-article index of the entity stage's mentions."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from spacy.tokens import Span

from ...model import ActorCode, Entity, Mention
from ...reference.cameo.dictionaries import words
from ..entities import Found


class Words(NamedTuple):
    """A phrase's words as the dictionaries match them, each with the token it came from, and the mentions in it."""

    words: tuple[str, ...]
    tokens: tuple[int, ...]  # doc token index of each word
    written: tuple[str, ...]  # each word's token as written ("U.N."), for acronyms
    starts: tuple[int, ...]  # each word's token's first character
    mentions: list[Mention]  # the names and pronouns that overlap the phrase


@dataclass(slots=True)
class Index:
    found: Found
    mentions: list[Mention]  # names and pronouns, by start
    starts: list[int]
    longest: int  # characters in the longest mention
    by_id: dict[str, Entity]
    phrases: dict[tuple[int, int, date | None], ActorCode | None] = field(default_factory=dict)  # coded already
    entities: dict[tuple[str, date | None], ActorCode | None] = field(default_factory=dict)  # likewise


def words_of(span: Span, index: Index) -> Words:
    found: list[str] = []
    tokens: list[int] = []
    written: list[str] = []
    starts: list[int] = []
    for token in span:
        if token.tag_ == "POS" or token.is_space:
            continue
        text = token.text
        for word in words(text):
            found.append(word)
            tokens.append(token.i)
            written.append(text)
            starts.append(token.idx)
    mentions = mentions_in(index, span.start_char, span.end_char)
    return Words(tuple(found), tuple(tokens), tuple(written), tuple(starts), mentions)


def written_words(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A name's words, and each word's piece of the name as written."""
    pairs = [(word, piece) for piece in text.split() for word in words(piece)]
    return tuple(w for w, _ in pairs), tuple(p for _, p in pairs)


def word_at(phrase: Words, token: int) -> int:
    """The position of the (first) word of a token, -1 when the token gives none."""
    try:
        return phrase.tokens.index(token)
    except ValueError:
        return -1


def mentions_in(index: Index, start: int, end: int) -> list[Mention]:
    """The mentions (names and pronouns) that overlap the characters from ``start`` to ``end``."""
    low = bisect.bisect_left(index.starts, start - index.longest)
    high = bisect.bisect_left(index.starts, end)
    return [m for m in index.mentions[low:high] if m.end > start]


def positions(phrase: Words, entity: Entity) -> frozenset[int]:
    """The positions of the phrase's words that belong to a mention of the entity."""
    bounds = [(m.start, m.end) for m in phrase.mentions if m.entity_id == entity.id]
    return frozenset(i for i, start in enumerate(phrase.starts) if any(s <= start < e for s, e in bounds))
