"""The grammar of time expressions: the words of data/timex_words.tsv and the rules of data/timex_rules.tsv, compiled
once, with the rules each word can begin."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from ... import data
from ...dates import zones
from .first_words import first_words

_PIECE = re.compile(r"\{([A-Za-z_]\w*)(?:=(\w+))?\}")
_GROUP = re.compile(r"\(\?P<(\w+)>")

Words = dict[str, dict[str, str]]  # class -> word -> value


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    type: str
    handler: str  # the normaliser that turns a match into a value
    regex: re.Pattern[str]
    keys: tuple[str, ...]  # the captures the normaliser reads, without the rule's prefix


@dataclass(frozen=True, slots=True)
class Grammar:
    words: Words
    rules: tuple[Rule, ...]
    by_first_word: dict[str, tuple[int, ...]]  # lower-case word ("<digit>" for a number) -> rules that can start so
    masters: dict[tuple[int, ...], re.Pattern[str]]  # each such set of rules as one alternation, named r<index>
    modifiers: dict[str, re.Pattern[str]]  # "approx"/"date" -> what may come before such an expression


def lookup(words: Words, word_class: str, word: str) -> str | None:
    """The value the class gives ``word``, read case-blind, spaces folded, a final full stop dropped."""
    return words[word_class].get(" ".join(word.lower().rstrip(".").split()))


@cache
def timex_grammar() -> Grammar:
    """The patterns, compiled once per process (about half a second)."""
    words: Words = {}
    for word_class, word, value in data.rows("timex_words.tsv"):
        words.setdefault(word_class, {})[word] = value
    pieces = {name: _alternation(entries) for name, entries in words.items()}
    pieces["zone"] = "(?-i:" + _alternation(list(zones())) + ")"  # "EST", not "est"
    rules = []
    for name, kind, handler, pattern in data.rows("timex_rules.tsv"):
        if kind == "define":
            pieces[name] = _expand(pattern, pieces, "")
            continue
        regex = re.compile(f"(?:{_expand(pattern, pieces, f'{name}__')})(?!\\w)", re.IGNORECASE)
        rules.append(Rule(name, kind, handler, regex, tuple(g.split("__", 1)[1] for g in regex.groupindex)))
    by_first_word = _dispatch(rules)
    masters = {indices: _master(rules, indices) for indices in set(by_first_word.values())}
    modifiers = {kind: re.compile(rf"\b{pieces[kind + '_modifier']}$", re.IGNORECASE) for kind in ("approx", "date")}
    return Grammar(words, tuple(rules), by_first_word, masters, modifiers)


def _alternation(entries: Iterable[str]) -> str:
    """Longest first, so "a couple of" wins over "a"; a space matches any whitespace."""
    ordered = sorted(entries, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(entry).replace("\\ ", r"\s+") for entry in ordered) + ")"


def _expand(pattern: str, pieces: dict[str, str], prefix: str) -> str:
    """A pattern of timex_rules.tsv as a regular expression, its captures named ``prefix`` + key."""

    def piece(match: re.Match[str]) -> str:
        name, key = match.group(1), match.group(2)
        if name not in pieces:
            raise ValueError(f"timex_rules.tsv: unknown word class or piece {{{name}}} in {pattern!r}")
        return f"(?P<{prefix}{key}>{pieces[name]})" if key else f"(?:{pieces[name]})"

    spaced = _spaces(pattern)
    named = _GROUP.sub(lambda m: f"(?P<{prefix}{m.group(1)}>", spaced) if prefix else spaced
    return _PIECE.sub(piece, named)


def _spaces(pattern: str) -> str:
    """A space is any whitespace run (" ?" an optional one); inside [...] one whitespace character; inside a
    lookbehind one space, because a lookbehind must have a fixed width."""
    out, in_class, behind, depth, skip = [], False, [], 0, False
    for i, char in enumerate(pattern):
        escaped = pattern[i - 1 : i] == "\\"
        if skip:
            skip = False
            continue
        if char == "(" and not escaped:
            depth += 1
            if pattern.startswith(("(?<=", "(?<!"), i):
                behind.append(depth)
        elif char == ")" and not escaped:
            if behind and behind[-1] == depth:
                behind.pop()
            depth -= 1
        elif char in "[]" and not escaped:
            in_class = char == "["
        if char != " " or behind:
            out.append(char)
        elif in_class:
            out.append(r"\s")
        else:
            skip = pattern[i + 1 : i + 2] == "?"
            out.append(r"\s*" if skip else r"\s+")
    return "".join(out)


def _master(rules: list[Rule], indices: tuple[int, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<r{i}>{rules[i].regex.pattern})" for i in indices), re.IGNORECASE)


def _dispatch(rules: list[Rule]) -> dict[str, tuple[int, ...]]:
    """For each word an expression can begin with, the rules (in order) that can begin with it. A rule whose first
    words cannot be worked out goes under every word, and under "<any>" for words no other rule begins with."""
    firsts = [first_words(rule.regex.pattern) for rule in rules]
    everywhere = {i for i, words in enumerate(firsts) if words is None}
    table: dict[str, set[int]] = {"<any>": set()} if everywhere else {}
    for i, words in enumerate(firsts):
        for word in words or ():
            table.setdefault(word, set()).add(i)
    return {word: tuple(sorted(indices | everywhere)) for word, indices in table.items()}
