"""Snippets come back from either backend with control characters around the matched words; here they become
plain text and the offsets of the matches, which is what a SearchHit carries (renderers add their own markup)."""

from __future__ import annotations

import re

from ...model import Span

START, END = "\x02", "\x03"  # control characters that news text has no use for


def unmark(snippet: str) -> tuple[str, list[Span]]:
    """The snippet without marks, and the offsets the marks enclosed."""
    text: list[str] = []
    spans: list[Span] = []
    length = 0
    start = None
    for piece in re.split(f"([{START}{END}])", snippet or ""):
        if piece == START:
            start = length
        elif piece == END and start is not None:
            spans.append(Span(start, length))
            start = None
        else:
            text.append(piece)
            length += len(piece)
    return "".join(text), spans
