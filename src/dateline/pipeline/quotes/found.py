"""A quote as a reading finds it, before it becomes a Quote record: its span, kind, quoted parts and attribution (the
cue and the speaker's tokens); and how a run of content tokens becomes such a span."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ...model import Span
from ..cues import CueWord
from ..quotemarks import QUOTE_TOKENS, Quoted
from .indexed import IndexedDoc
from .speakers import SpeakerTokens


@dataclass(slots=True)
class Attribution:
    """Who is said to have said it, and the word (or the colon or dash) that says so."""

    cue: tuple[int, int]  # characters
    cue_token: int | None  # the cue word's token, None for a punctuation cue (":" or a signing dash)
    speaker: SpeakerTokens | None


@dataclass(slots=True)
class FoundQuote:
    """What a reading found: character span, kind (direct, mixed, indirect), quoted parts and attribution."""

    start: int
    end: int
    kind: str
    attribution: Attribution
    parts: list[Span] = field(default_factory=list)
    close: int = 0  # where its last quote mark closes, for direct quotes


def token_chars(token: Token) -> tuple[int, int]:
    return token.idx, token.idx + len(token.text)


def cue_chars(cue: Token, word: CueWord) -> tuple[int, int]:
    """The cue word, with the preposition that brings in its speaker ("according to")."""
    start, end = token_chars(cue)
    if word.speaker.startswith("prep:") and cue.i + 1 < len(cue.doc):
        following = cue.doc[cue.i + 1]
        if following.lower_ == word.speaker.removeprefix("prep:"):
            end = following.idx + len(following.text)
    return start, end


def trimmed(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and _edge(doc[start]):
        start += 1
    while end > start and (_edge(doc[end - 1]) or doc[end - 1].dep_ == "cc"):
        end -= 1
    return start, end


def _edge(token: Token) -> bool:
    return token.is_space or (token.is_punct and token.text not in QUOTE_TOKENS)


def with_quote_marks(indexed: IndexedDoc, start: int, end: int) -> tuple[int, int, str, list[Span]] | None:
    """Character span, kind and quoted parts of reported content; a quotation it cuts is taken whole."""
    if end <= start:
        return None
    begin, finish = indexed.chars(start, end)
    inside: list[Quoted] = []
    n = max(0, bisect_right(indexed.opens, begin) - 1)
    while n < len(indexed.quoted) and indexed.quoted[n].open < finish:
        quoted = indexed.quoted[n]
        if quoted.close > begin:
            inside.append(quoted)
            begin, finish = min(begin, quoted.open), max(finish, quoted.close)
        n += 1
    if not inside:
        return begin, finish, "indirect", []
    pieces = [piece for quoted in inside for piece in quoted.pieces]
    if len(inside) == 1 and begin == inside[0].open and finish == inside[0].close:
        return pieces[0].start, pieces[-1].end, "direct", pieces
    return begin, finish, "mixed", pieces
