"""The pattern language, read: a pattern's text into slots before and after the trigger ("*"), with word classes,
PETRARCH's synsets and actor positions; a code column into the codes for each direction."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ....errors import InputError
from .patterns import Slot

_ACTOR_SLOTS = {"$": "source", "+": "target", "^": "phrase", "%": "phrase"}


def code_pair(text: str) -> tuple[str | None, str | None]:
    """ "036" -> ("036", None); "031:032" -> both ways; ":173" -> only target -> source; "---" / "-" -> none."""
    text = text.strip()
    forward, _, backward = text.partition(":")
    return one_code(forward), one_code(backward)


def one_code(text: str) -> str | None:
    text = text.strip()
    return None if not text or set(text) <= {"-"} else text


def slots(
    text: str, classes: dict[str, tuple[tuple[str, ...], ...]], synsets: dict[str, list[str]], origin: str
) -> tuple[tuple[Slot, ...], tuple[Slot, ...]]:
    """A pattern's elements before and after the trigger ("*")."""
    elements = list(_elements(text, classes, synsets, origin))
    star = next((k for k, (slot, _) in enumerate(elements) if slot is None), None)
    if star is None:
        if text.strip() not in ("", "-"):
            raise InputError(origin, f"the pattern '{text}' has no '*' for the trigger word")
        return (), ()
    before = tuple(_joined(slot, elements[k + 1][1]) for k, (slot, _) in enumerate(elements[:star]) if slot)
    after = tuple(_joined(slot, joined) for slot, joined in elements[star + 1 :] if slot)
    return before, after


def _joined(slot: Slot, joined: bool) -> Slot:
    return Slot(slot.kind, slot.alternatives, joined) if joined != slot.joined else slot


def _elements(
    text: str, classes: dict[str, tuple[tuple[str, ...], ...]], synsets: dict[str, list[str]], origin: str
) -> Iterator[tuple[Slot | None, bool]]:
    """(slot, joined to the element before it); the trigger is (None, joined)."""
    text = text.replace("(", " ").replace(")", " ")
    text = re.sub(r"\{([^}]*)\}", lambda m: "_".join(m.group(1).split()), text)
    for chunk in text.split():
        pieces = chunk.split("_")
        first = True
        for piece in pieces:
            if not piece:
                continue
            joined = not first
            first = False
            if piece == "*":
                yield None, joined
            elif piece in _ACTOR_SLOTS:
                yield Slot(_ACTOR_SLOTS[piece]), joined
            elif piece.startswith("&"):
                yield Slot("words", _synset(piece, synsets, origin)), joined
            else:
                yield Slot("words", _alternatives(piece, classes, origin)), joined


def _alternatives(
    piece: str, classes: dict[str, tuple[tuple[str, ...], ...]], origin: str
) -> tuple[tuple[str, ...], ...]:
    """ "sanction|embargo" -> two words; "@aid|support" -> the class's words and one more."""
    alternatives: list[tuple[str, ...]] = []
    for word in piece.lower().split("|"):
        if word.startswith("@"):
            if word[1:] not in classes:
                raise InputError(origin, f"unknown word class {word}: define it in data/event_words.tsv")
            alternatives.extend(classes[word[1:]])
        elif word:
            alternatives.append((word,))
    return tuple(alternatives)


def _synset(name: str, synsets: dict[str, list[str]], origin: str, depth: int = 0) -> tuple[tuple[str, ...], ...]:
    key = name.strip("&_").upper()
    if key not in synsets or depth > 5:
        return ((name.lower(),),)  # an unknown synset matches nothing real, as in PETRARCH
    alternatives: list[tuple[str, ...]] = []
    for member in synsets[key]:
        if member.startswith("&"):
            alternatives.extend(_synset(member, synsets, origin, depth + 1))
        else:
            words = tuple(w.lower() for w in re.split(r"[\s_]+", member) if w)
            if words:
                alternatives.append(words)
    return tuple(alternatives)
