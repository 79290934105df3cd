"""The extractor: the grammar's rules tried at each word that can begin an expression, the first match its
normaliser accepts kept as a TimeExpr."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import cache

from spacy.tokens import Doc

from ...model import TimeExpr, Timestamp
from ..ids import stable_id
from .context import ArticleContext, Match
from .grammar import Grammar, timex_grammar
from .normalisers import HANDLERS
from .settings import TimeSettings
from .values import Period, granularity

_WORD = re.compile(r"[^\W\d_]+|\d+")  # the units an expression can start at: a run of letters or of digits

# Handlers (the third column of timex_rules.tsv) grouped by how the extractor treats their matches.
_AMOUNTS = ("duration", "offset", "in_offset", "clock")  # take "about", "nearly" before them; others "early", "mid-"
_UNMODIFIED = ("reference", "set")  # take nothing before them: "the end of the previously ..." is no expression
_COMMON_WORDS = ("period", "reference", "day_offset", "set")  # all capitalised mid-sentence, a name: "This Week"
_COMPARISONS = ("year_ago", "offset")  # compared with, not talked about: never what "that year" refers to

_DEFAULTS = TimeSettings()


def times(
    doc: Doc, anchor: Timestamp | None, article_id: str = "", settings: TimeSettings = _DEFAULTS
) -> Iterator[TimeExpr]:
    """Temporal expressions in ``doc``, in text order, normalised against ``anchor`` (the publication time), with
    the choices ``settings`` makes where the text does not say."""
    text = doc.text
    if not text.strip():
        return
    grammar = _grammar()
    context = ArticleContext(doc, text, anchor, settings)
    covered = 0
    for word in _WORD.finditer(text):
        start = word.start()
        if start < covered or (start and text[start - 1].isalnum()):
            continue
        first = word.group()
        key = "<digit>" if first[0].isdigit() else first.lower()
        rules = grammar.by_first_word.get(key) or grammar.by_first_word.get("<any>")
        found = _first_accepted(grammar, rules, context, start, covered) if rules else None
        if found is None:
            continue
        match, kind, value = found
        covered = match.end
        yield TimeExpr(
            id=stable_id(article_id, "time", match.start, match.end),
            article_id=article_id,
            text=text[match.start : match.end],
            start=match.start,
            end=match.end,
            type=kind,
            value=value,
            granularity=granularity(kind, value),
        )


@cache
def _grammar() -> Grammar:
    """The grammar, once every rule's handler is known to exist."""
    grammar = timex_grammar()
    for rule in grammar.rules:
        if rule.handler not in HANDLERS:
            known = ", ".join(HANDLERS)
            raise ValueError(f"timex_rules.tsv: rule {rule.name!r} names no handler {rule.handler!r}; known: {known}")
    return grammar


def _first_accepted(
    grammar: Grammar, rules: tuple[int, ...], context: ArticleContext, start: int, covered: int
) -> tuple[Match, str, str] | None:
    """The first rule, in order, that matches at ``start`` and whose normaliser accepts the match; with what may
    come before it ("about", "the end of") taken in, back to the end of the previous expression at most."""
    hit = grammar.masters[rules].match(context.text, start)
    if hit is None or hit.lastgroup is None:
        return None
    first = int(hit.lastgroup[1:])
    for index in rules[rules.index(first) :]:
        rule = grammar.rules[index]
        found = hit if index == first else rule.regex.match(context.text, start)
        end = -1 if found is None else found.end(f"r{index}") if index == first else found.end()
        if found is None or end <= start:
            continue
        groups = {key: value for key in rule.keys if (value := found.group(f"{rule.name}__{key}")) is not None}
        before = None
        if rule.handler not in _UNMODIFIED:
            modifier = grammar.modifiers["approx" if rule.handler in _AMOUNTS else "date"]
            before = modifier.search(context.text, max(covered, start - context.settings.modifier_chars), start)
        if before is not None:
            groups["pre"] = before.group()
        match = Match(rule, before.start() if before else start, end, groups)
        result = _normalise(match, context)
        if result is not None:
            return match, *result
    return None


def _normalise(match: Match, context: ArticleContext) -> tuple[str, str] | None:
    if match.rule.handler in _COMMON_WORDS and context.titled(match):
        return None
    try:
        result = HANDLERS[match.rule.handler](match, context)
    except (ValueError, OverflowError, KeyError, IndexError):
        return None  # an impossible date ("February 30"), a year out of range, a word the tables lack: no time
    if result is None:
        return None
    kind, value = result
    if not isinstance(value, Period):
        return kind, value
    if match.rule.handler not in _COMPARISONS:
        context.reference = replace(value, tail="")
        if value.unit in ("Q", "H"):
            context.topic = value
    return kind, value.value
