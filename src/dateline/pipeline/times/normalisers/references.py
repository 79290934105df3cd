"""Normalisers of vague references to the present, the past and the future: "now", "recently", "the future"."""

from __future__ import annotations

from spacy.tokens import Token

from ..context import ArticleContext, Match
from ..grammar import timex_grammar
from ..values import Normalised


def reference(match: Match, context: ArticleContext) -> Normalised:
    """now, currently, recently, previously, the past, the future, soon, the near term."""
    value = context.value("reference", match.word("r"))
    last = match.word("r").split()[-1] if value else ""
    token = context.token(match.end - len(last))
    if value is None or (token is not None and context.tagged and not _reference_fits(match, context, last, token)):
        return None
    return "DATE", value


def _reference_fits(match: Match, context: ArticleContext, word: str, token: Token) -> bool:
    """Words that refer to a time only in some uses: "earlier" as an adverb on its own ("Earlier, he said"; not
    "earlier than", not "earlier Sunday"), "future" and "past" as nouns, "soon" outside "as soon as"."""
    if word in ("earlier", "later"):
        following = context.after(match)
        opens_time = following in timex_grammar().by_first_word or following[:1].isdigit()
        return token.pos_ == "ADV" and following not in ("than", "that") and not opens_time
    if word in ("future", "past", "present"):
        return token.pos_ in ("NOUN", "PROPN") or context.before(match) in ("in", "the")
    if word == "soon":
        return context.before(match) != "as" and context.after(match) not in ("as", "after")
    return True
