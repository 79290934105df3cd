"""Quote marks in news text: which mark opens and which closes, and the quotations they enclose.

One scanner for every stage that needs to know what is inside quotes (quotes finds quotations, coref weighs
names said inside them less). Curly, straight, `` '' and « » marks; straight ones are told apart as opening or
closing by the characters around them. A quote left open ends with its paragraph, unless the next paragraph
opens with a quote mark (the news convention for a quote running across paragraphs); stray marks never swallow
the rest of the article.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass

from ..model import Span, paragraph_spans

_OPENERS = frozenset("“«„") | {"``"}
_CLOSERS = frozenset("»")
_MARKS = re.compile(r"[“”\"«»„]|''|``")
_BEFORE_OPENING = frozenset("([{—–-/")
_AFTER_CLOSING = frozenset(".,;:!?)]}—–-…")
SENTENCE_END = re.compile(r"[.!?…][)\]’'\"”]*\s+")
QUOTE_TOKENS = frozenset({"“", "”", '"', "''", "``", "«", "»"})  # the marks as the tokenizer splits them off
_MAX_OPEN = 3_000  # characters a quote left open may run before it is cut at a sentence end


@dataclass(slots=True)
class Quoted:
    """Text in quote marks: the marks' outer bounds, and the inner text of each paragraph it runs through."""

    open: int
    close: int
    pieces: list[Span]


def quoted_spans(text: str) -> list[Quoted]:
    """Balanced quotations, paragraph by paragraph. A quote left open ends with its paragraph, unless the next
    paragraph opens with a quote mark: then it goes on there. Stray marks are dropped: none swallows the article."""
    found: list[Quoted] = []
    pending: Quoted | None = None
    spans = paragraph_spans(text)
    for n, para in enumerate(spans):
        marks = [
            (m.start(), m.end(), _role(text, m.start(), m.end(), para))
            for m in _MARKS.finditer(text, para.start, para.end)
        ]
        current, inner_start = None, para.start
        if pending is not None and marks and marks[0][2] != "close" and not text[para.start : marks[0][0]].strip():
            current, inner_start = pending, marks[0][1]
            marks = marks[1:]
        elif pending is not None:
            found.append(pending)
        pending = None
        for start, end, role in marks:
            if role == "open" or (role == "either" and current is None):
                if current is not None and current.pieces:
                    found.append(current)  # a quote carried in from above, never closed here
                current, inner_start = Quoted(start, end, []), end
            elif current is not None:
                current.pieces.append(_inner(text, inner_start, start))
                current.close = end
                found.append(current)
                current = None
        if current is not None:
            current.pieces.append(_inner(text, inner_start, _open_end(text, inner_start, para.end)))
            current.close = current.pieces[-1].end
            if n + 1 < len(spans) and _starts_with_opener(text, spans[n + 1]):
                pending = current
            else:
                found.append(current)
    if pending is not None:
        found.append(pending)
    return [quote for quote in found if any(piece.end > piece.start for piece in quote.pieces)]


def _open_end(text: str, start: int, end: int) -> int:
    """Where a quote left open stops: its paragraph's end, or a sentence end within _MAX_OPEN characters."""
    if end - start <= _MAX_OPEN:
        return end
    ends = [match.start() + 1 for match in SENTENCE_END.finditer(text, start, start + _MAX_OPEN)]
    return ends[-1] if ends else start + _MAX_OPEN


def _role(text: str, start: int, end: int, para: Span) -> str:
    """open, close or either, from the mark and the characters around it."""
    mark = text[start:end]
    if mark in _OPENERS:
        return "open"
    if mark in _CLOSERS:
        return "close"
    before = text[start - 1] if start > para.start else None
    after = text[end] if end < para.end else None
    opening = (
        after is not None and not after.isspace() and (before is None or before.isspace() or before in _BEFORE_OPENING)
    )
    closing = (
        before is not None and not before.isspace() and (after is None or after.isspace() or after in _AFTER_CLOSING)
    )
    if mark == "”":
        return "open" if before is None else "close"  # ”A reversed opening mark, as some sites print it
    if opening and not closing:
        return "open"
    if closing and not opening:
        return "close"
    return "either"


def _starts_with_opener(text: str, para: Span) -> bool:
    first = text[para.start : para.end].lstrip()
    offset = para.end - len(first)
    mark = _MARKS.match(text, offset)
    return mark is not None and _role(text, mark.start(), mark.end(), para) != "close"


def _inner(text: str, start: int, end: int) -> Span:
    """The quoted words between two marks, without the comma that hands over to the attribution."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return Span(start, end)


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Sorted (start, end) character ranges of the quotations, marks included."""
    return [(quoted.open, quoted.close) for quoted in quoted_spans(text)]


def in_ranges(ranges: list[tuple[int, int]], at: int) -> bool:
    """Whether ``at`` falls in one of the sorted, non-overlapping (start, end) ranges."""
    index = bisect.bisect_right(ranges, (at, math.inf)) - 1
    return index >= 0 and ranges[index][0] <= at < ranges[index][1]
