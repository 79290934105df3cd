"""SQLite FTS5: turning what a user types into a safe MATCH expression, and reading back marked snippets.

Users type words, "quoted phrases", OR, NOT and prefix* — never raw FTS5 syntax, so a stray hyphen,
colon or quote cannot turn into a column filter or a syntax error.
"""

from __future__ import annotations

import re

from ..errors import DatelineError
from ..model import Span

START, END = "\x02", "\x03"  # the marks snippet() puts around matched terms
_TOKEN = re.compile(r'"[^"]*"?|\S+')
_OPERATORS = {"OR", "NOT", "AND"}


def match_expression(query: str) -> str:
    parts: list[str] = []
    for token in _TOKEN.findall(query):
        if token in _OPERATORS:
            if parts and parts[-1] not in _OPERATORS:
                parts.append(token)
            continue
        prefix = token.endswith("*") and not token.startswith('"')
        words = token.strip('"').rstrip("*") if prefix else token.strip('"')
        if not re.search(r"\w", words):
            continue
        phrase = '"' + words.replace('"', '""') + '"'
        parts.append(phrase + "*" if prefix else phrase)
    while parts and parts[-1] in _OPERATORS:
        parts.pop()
    if not parts:
        raise DatelineError(f"nothing to search for in {query!r}: give at least one word")
    return " ".join(parts)


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
