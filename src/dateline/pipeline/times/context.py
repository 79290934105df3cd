"""One rule's match, and the article it is read in: its text, its parse, its anchor, and the times it has given."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from spacy.tokens import Doc, Token

from ...model import Timestamp
from .grammar import Rule, lookup, timex_grammar
from .settings import TimeSettings
from .tense import tense_of
from .values import Period

_PLAIN_WORD = re.compile(r"[\w'’]+")


@dataclass(slots=True)
class Match:
    """One rule's match: its span (with any modifier before it) and its captures by key."""

    rule: Rule
    start: int
    end: int
    groups: dict[str, str]

    def get(self, key: str) -> str | None:
        return self.groups.get(key)

    def word(self, key: str) -> str:
        """The capture ``key`` lower-cased, spaces folded, a final full stop dropped; "" when absent."""
        return " ".join(self.groups.get(key, "").lower().rstrip(".").split())


class ArticleContext:
    """What normalising one article's times needs: its text, its parse, its anchor, and the times it has given so
    far, which anaphoric expressions ("that year", "the quarter") count from; and the stage's settings."""

    def __init__(self, doc: Doc, text: str, anchor: Timestamp | None, settings: TimeSettings) -> None:
        self.doc = doc
        self.text = text
        self.settings = settings
        self.clock = anchor if isinstance(anchor, datetime) else None
        self.day: date | None = anchor.date() if isinstance(anchor, datetime) else anchor
        sample = doc[: min(len(doc), 20)]  # has_annotation walks every token; a few tell as well what ran
        self.parsed = any(token.dep for token in sample)
        self.tagged = any(token.tag for token in sample)
        self.reference: Period | None = None  # the last calendar time the text gave
        self.topic: Period | None = None  # the last quarter or half it named: what a financial report is about
        self.words = timex_grammar().words

    def value(self, word_class: str, word: str) -> str | None:
        return lookup(self.words, word_class, word)

    def number(self, word_class: str, word: str) -> int:
        """The table's value for ``word`` as an int; 0 when the word is not in the class."""
        found = self.value(word_class, word)
        return int(found) if found and found.lstrip("-").isdigit() else 0

    def relative(self, words: str) -> int:
        """-1, 0 or +1 for last/this/next and their synonyms ("the preceding": -1)."""
        return self.number("relative", words.split()[-1]) if words else 0

    def token(self, offset: int) -> Token | None:
        span = self.doc.char_span(offset, offset + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def before(self, match: Match) -> str:
        """The word before the match, lower case, without punctuation."""
        words = _PLAIN_WORD.findall(self.text, max(0, match.start - 30), match.start)
        return words[-1].lower() if words else ""

    def after(self, match: Match) -> str:
        """The word after the match, lower case, without punctuation."""
        found = _PLAIN_WORD.search(self.text, match.end, match.end + 30)
        return found.group().lower() if found else ""

    def titled(self, match: Match) -> bool:
        """A name made of time words ("This Week", "USA Today"): several words all capitalised, or one capitalised
        word that does not start a sentence or a quotation."""
        words = re.findall(r"[^\W\d_]+", self.text[match.start : match.end])
        if not words or not all(word[0].isupper() for word in words):
            return False
        if len(words) > 1:
            return True
        token = self.token(match.start)
        if token is None or token.i == 0 or token.is_sent_start:
            return False
        return token.nbor(-1).text not in ('"', "“", "'", "‘", "``", "(", "—", "-", ":")

    def tense(self, match: Match) -> int:
        """-1 when the expression hangs from a verb in the past, +1 in the future, 0 when unknown."""
        if not self.parsed:
            return 0
        span = self.doc.char_span(match.start, match.end, alignment_mode="expand")
        return tense_of(span.root, self.words) if span is not None and len(span) else 0
