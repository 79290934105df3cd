"""Matching: the most specific pattern whose words stand around a trigger, in order, before it and after it."""

from __future__ import annotations

from collections.abc import Sequence

from .patterns import Match, Pattern, Slot, Word


def best(patterns: Sequence[Pattern], before: Sequence[Word], after: Sequence[Word], trigger: int) -> Match | None:
    """The most specific pattern whose words stand around the trigger (token ``trigger``); the first on a tie."""
    found: Match | None = None
    present: set[str] | None = None
    for pattern in patterns:
        if found is not None and pattern.specificity <= found.pattern.specificity:
            continue
        if pattern.needs:
            if present is None:
                present = {w.lemma for w in (*before, *after)} | {w.text for w in (*before, *after)}
            if not pattern.possible(present):
                continue
        match = _match(pattern, before, after, trigger)
        if match is not None:
            found = match
    return found


def _match(pattern: Pattern, before: Sequence[Word], after: Sequence[Word], trigger: int) -> Match | None:
    if not pattern.before and not pattern.after:
        return Match(pattern, frozenset())  # the word alone
    used: list[int] = []
    roles: dict[str, int] = {}
    if not _match_after(pattern, after, trigger, used, roles):
        return None
    if not _match_before(pattern, before, trigger, used, roles):
        return None
    return Match(pattern, frozenset(used), roles.get("source"), roles.get("target"))


def _match_after(pattern: Pattern, words: Sequence[Word], trigger: int, used: list[int], roles: dict[str, int]) -> bool:
    position, edge = 0, trigger
    for slot in pattern.after:
        for k in range(position, len(words)):
            if slot.joined and words[k].i != edge + 1:
                if words[k].i > edge + 1:
                    return False
                continue
            size = _fits(slot, words, k, pattern.lemmas, forward=True)
            if size:
                _record(slot, words[k : k + size], used, roles)
                position, edge = k + size, words[k + size - 1].i
                break
        else:
            return False
    return True


def _match_before(
    pattern: Pattern, words: Sequence[Word], trigger: int, used: list[int], roles: dict[str, int]
) -> bool:
    position, edge = len(words), trigger
    for slot in reversed(pattern.before):
        for k in range(position - 1, -1, -1):
            if slot.joined and words[k].i != edge - 1:
                if words[k].i < edge - 1:
                    return False
                continue
            size = _fits(slot, words, k, pattern.lemmas, forward=False)
            if size:
                first = k - size + 1
                _record(slot, words[first : k + 1], used, roles)
                position, edge = first, words[first].i
                break
        else:
            return False
    return True


def _fits(slot: Slot, words: Sequence[Word], k: int, lemmas: bool, *, forward: bool) -> int:
    """How many words from position k (forward) or ending at k (backward) the slot matches; 0 when it does not."""
    if slot.kind != "words":
        return 1 if words[k].nominal else 0
    for alternative in slot.alternatives:
        size = len(alternative)
        first = k if forward else k - size + 1
        if first < 0 or first + size > len(words):
            continue
        run = words[first : first + size]
        if any(run[j].i != run[0].i + j for j in range(size)):
            continue
        if all((w.lemma if lemmas else w.text) == expected for w, expected in zip(run, alternative, strict=True)):
            return size
    return 0


def _record(slot: Slot, words: Sequence[Word], used: list[int], roles: dict[str, int]) -> None:
    if slot.kind == "words":
        used.extend(w.i for w in words)
    elif slot.kind in ("source", "target"):
        roles.setdefault(slot.kind, words[0].i)
