"""The words a rule's match can begin with, read from its parsed regular expression, so that the extractor tries at
each word only the rules that can begin there."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any


def first_words(pattern: str) -> frozenset[str] | None:
    """The lower-case words a match of ``pattern`` can begin with ("<digit>" for a number); None when the pattern is
    beyond this reading, and the rule is then tried at every word."""
    try:
        done, still_open = _walk(_parsed(pattern), {""})
    except Exception:  # any surprise in the parser's internals means: try this rule everywhere
        return None
    return frozenset(done | {prefix for prefix in still_open if prefix})


def _parsed(pattern: str) -> list[Any]:
    """``pattern`` parsed by the parser re compiles with. The public re API gives no parse tree (sre_parse, the old
    public name, is deprecated), and a parser of our own could read a pattern differently from re; the caller turns
    any change in these internals into an error it handles."""
    from re import _parser  # type: ignore[attr-defined]

    return list(_parser.parse(pattern, re.IGNORECASE))


def _walk(items: list[Any], prefixes: set[str]) -> tuple[set[str], set[str]]:
    """Through a sequence of parsed items: (words completed, words still growing)."""
    done: set[str] = set()
    for op, argument in items:
        if not prefixes:
            break
        ended, prefixes = _step(str(op), argument, prefixes)
        done |= ended
    return done, prefixes


def _step(op: str, argument: Any, prefixes: set[str]) -> tuple[set[str], set[str]]:
    if op == "LITERAL":
        return _extend(prefixes, {chr(argument).lower()})
    if op == "IN":
        return _extend(prefixes, _class_chars(argument))
    if op in ("AT", "ASSERT", "ASSERT_NOT"):
        return set(), prefixes  # zero-width: \b, lookarounds
    if op == "BRANCH":
        return _union(_walk(list(branch), prefixes) for branch in argument[1])
    if op in ("SUBPATTERN", "ATOMIC_GROUP"):
        return _walk(list(argument[-1] if op == "SUBPATTERN" else argument), prefixes)
    if op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        least, most, inner = argument
        once = _walk(list(inner), prefixes)
        paths = [once, _walk(list(inner), once[1])] if most > 1 else [once]
        return _union([*paths, (set(), prefixes)] if least == 0 else paths)
    raise ValueError(f"unsupported {op}")


def _class_chars(items: list[Any]) -> set[str]:
    chars: set[str] = set()
    for op, argument in items:
        kind = str(op)
        if kind == "LITERAL":
            chars.add(chr(argument).lower())
        elif kind == "RANGE" and argument[1] - argument[0] < 64:
            chars |= {chr(c).lower() for c in range(argument[0], argument[1] + 1)}
        elif kind == "CATEGORY" and str(argument) in ("CATEGORY_DIGIT", "CATEGORY_SPACE"):
            chars.add("0" if str(argument) == "CATEGORY_DIGIT" else " ")
        else:
            raise ValueError(f"unsupported class {kind}")
    return chars


def _extend(prefixes: set[str], chars: set[str]) -> tuple[set[str], set[str]]:
    """Letters grow a word; a digit or a separator ends it (a path that starts on a separator is no word start)."""
    done, still_open = set(), set()
    for prefix in prefixes:
        for char in chars:
            if char.isalpha():
                still_open.add(prefix + char)
            elif prefix or char.isdigit():
                done.add(prefix or "<digit>")
    if len(still_open) > 20_000:
        raise ValueError("too many first words")
    return done, still_open


def _union(results: Iterable[tuple[set[str], set[str]]]) -> tuple[set[str], set[str]]:
    done: set[str] = set()
    still_open: set[str] = set()
    for ended, growing in results:
        done |= ended
        still_open |= growing
    return done, still_open
