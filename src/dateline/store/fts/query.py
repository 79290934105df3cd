"""What users type into a search: words, "quoted phrases", OR, NOT and prefix*.

Read here once into a small tree that each backend turns into its own match, so a stray hyphen, colon, quote or
backslash is only ever a character of a word, never a column filter, an operator or a syntax error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...errors import DatelineError

# A NUL separates words like a space: SQLite would read it as the end of the match expression.
_TOKEN = re.compile(r'"[^"\x00]*"?|[^\s\x00]+')
_OPERATORS = {"OR", "NOT", "AND"}


@dataclass(frozen=True, slots=True)
class Term:
    words: str  # as typed, without the quotes or the trailing *: one word or a phrase
    prefix: bool = False  # the last word is the start of a word (fish* finds fishing)
    negated: bool = False  # NOT: the rows must not have it


# Any of the groups (OR); within a group, every term (AND, or AND NOT for a negated term). NOT binds tighter than
# AND, AND tighter than OR, as in FTS5; a group never opens with a negated term.
Query = tuple[tuple[Term, ...], ...]


def parse(text: str) -> Query:
    """The query in ``text``; an operator with nothing to join (a leading NOT, OR OR) is dropped."""
    groups: list[list[Term]] = [[]]
    operator = None
    for token in _TOKEN.findall(text):
        if token in _OPERATORS:
            if groups[-1] and operator is None:
                operator = token
            continue
        prefix = token.endswith("*") and not token.startswith('"')
        words = token.strip('"').rstrip("*") if prefix else token.strip('"')
        if not re.search(r"\w", words):
            continue
        if operator == "OR":
            groups.append([])
        groups[-1].append(Term(words, prefix, negated=operator == "NOT"))
        operator = None
    if not groups[0]:
        raise DatelineError(f"nothing to search for in {text!r}: give at least one word")
    return tuple(tuple(group) for group in groups)
