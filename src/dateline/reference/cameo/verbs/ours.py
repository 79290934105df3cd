"""Our format: tab-separated rows of lemma, part of speech, pattern, code and frame (data/event_verbs.tsv, and a
user's file like it), with the word classes of data/event_words.tsv."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

from .... import data
from ....errors import InputError
from .parsing import code_pair, slots
from .patterns import Pattern

FRAMES = frozenset(
    {"intent", "appeal", "demand", "reject", "threaten", "yield", "say", "judge", "light", "through", "object"}
)
POS = frozenset({"V", "N", "A"})  # verb, noun, adjective


def builtin_rows() -> Iterator[tuple[int, list[str]]]:
    """Our rows, numbered in order (comments and blank lines not counted)."""
    return enumerate(data.rows("event_verbs.tsv"), 1)


def tsv_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            yield number, line.split("\t")


@cache
def word_classes() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Word classes for patterns ("@aid" -> aid, assistance, relief ...), from data/event_words.tsv."""
    classes: dict[str, tuple[tuple[str, ...], ...]] = {}
    for name, words in data.rows("event_words.tsv"):
        classes[name.strip()] = tuple(tuple(w.split()) for w in words.split("|") if w.strip())
    return classes


def row_patterns(rows: Iterable[tuple[int, list[str]]], name: str) -> Iterator[tuple[tuple[str, str], Pattern]]:
    """(lemma, pos) and the pattern of each row, in order."""
    classes = word_classes()
    for number, row in rows:
        origin = f"{name}:{number}"
        if len(row) < 4:
            raise InputError(origin, "a verb row needs lemma, pos, pattern and code (and a frame), tab-separated")
        lemma, pos, text, code_text = (cell.strip() for cell in row[:4])
        frame = row[4].strip() if len(row) > 4 and row[4].strip() not in ("", "-") else None
        if pos not in POS or (frame is not None and frame not in FRAMES):
            raise InputError(origin, f"pos must be one of {sorted(POS)} and frame one of {sorted(FRAMES)}")
        code, reverse = code_pair(code_text)
        before, after = slots(text, classes, {}, origin)
        yield (lemma.lower(), pos), Pattern(code, reverse, before, after, frame, pos, True, True, origin)
