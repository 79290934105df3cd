"""Normalisers of sets: times that recur ("every week", "each Thursday", "twice a month", "$5 a year", "annually")."""

from __future__ import annotations

from ..context import ArticleContext, Match
from ..numbers import parse_number
from ..values import Normalised, duration_value


def recurring(match: Match, context: ArticleContext) -> Normalised:
    """every week, each Thursday, Tuesday nights, twice a month, $5 a year, every other day, annually."""
    if match.get("sw"):
        return _set_word(match, context)
    part = context.value("part_of_day", match.word("p").removesuffix("s"))
    if match.get("wd"):
        return "SET", f"XXXX-WXX-{context.number('weekday', match.word('wd'))}" + (f"T{part}" if part else "")
    if match.get("m"):
        return "SET", f"XXXX-{context.number('month', match.word('m')):02d}"
    if part:
        return "SET", f"XXXX-XX-XXT{part}"
    if match.get("s"):
        return "SET", f"XXXX-{context.value('season', match.word('s'))}"
    unit = context.value("unit", match.word("u"))
    if unit is None or (match.rule.name == "set_per" and not _counted_before(match, context)):
        return None
    count = (parse_number(match.word("n") or "a") or 1) * (2 if match.get("other") else 1)
    return "SET", duration_value(count, unit)


def _set_word(match: Match, context: ArticleContext) -> Normalised:
    token = context.token(match.start)
    if token is not None and token.dep_ == "amod":
        return None  # "a quarterly dividend" says what kind of dividend, not when
    return "SET", context.value("set_word", match.word("sw")) or ""


def _counted_before(match: Match, context: ArticleContext) -> bool:
    """ "a year" is a rate after an amount or a plural count ("$5 a year", "three meetings a week")."""
    token = context.token(match.start)
    if token is None or token.i == 0:
        return False
    previous = token.nbor(-1)
    if previous.like_num or previous.tag_ in ("CD", "NNS", "$") or previous.lower_ in ("percent", "%"):
        return True
    return previous.ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL")
