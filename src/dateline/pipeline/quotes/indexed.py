"""The parsed article every reading of quotes shares: the Doc indexed by character offset (its tokens, quotations
and paragraphs), and which of its tokens are cue words."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

import numpy as np
from spacy.attrs import IDX, LEMMA
from spacy.tokens import Doc

from ...model import Span, paragraph_spans
from ..cues import cue_words
from ..quotemarks import Quoted, quoted_spans
from .settings import QuoteSettings


class IndexedDoc:
    """One Doc with what every step needs: token offsets, the quotations, which tokens are cue words, and the
    stage's settings."""

    def __init__(self, doc: Doc, settings: QuoteSettings) -> None:
        self.doc = doc
        self.settings = settings
        self.text = doc.text
        columns = doc.to_array([IDX, LEMMA])
        self.starts = columns[:, 0].tolist()
        table = cue_words()
        strings = doc.vocab.strings
        wanted = np.array([strings.add(lemma) for lemma in table], dtype=np.uint64)
        hits = np.flatnonzero(np.isin(columns[:, 1], wanted)).tolist()
        self.cues = {i: table[strings[int(columns[i, 1])]] for i in hits}
        self.quoted = quoted_spans(self.text)
        self.opens = [q.open for q in self.quoted]
        self.paragraphs = paragraph_spans(self.text)
        self.paragraph_starts = [p.start for p in self.paragraphs]

    def token_at(self, char: int) -> int:
        """The token that holds (or is the first after) a character."""
        return max(0, bisect_right(self.starts, char) - 1)

    def token_from(self, char: int) -> int:
        """The first token that starts at or after a character."""
        return bisect_left(self.starts, char)

    def chars(self, start: int, end: int) -> tuple[int, int]:
        """Character offsets of tokens [start, end)."""
        last = self.doc[end - 1]
        return self.doc[start].idx, last.idx + len(last.text)

    def quote_around(self, char: int) -> Quoted | None:
        n = bisect_right(self.opens, char) - 1
        if n >= 0 and char < self.quoted[n].close:
            return self.quoted[n]
        return None

    def paragraph(self, char: int) -> Span:
        return self.paragraphs[max(0, bisect_right(self.paragraph_starts, char) - 1)]
