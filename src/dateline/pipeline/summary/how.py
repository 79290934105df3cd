"""how: a manner phrase on the main verb, opened by a cue from data/summary_cues.tsv ("by cutting ...", "with a
rented van"), or an -ly adverb not in data/summary_adverbs.tsv ("swiftly"). Most articles state none plainly: then
None, not a guess."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span, Token

from ... import data
from ...model import Phrase
from .candidates import Clause
from .indexed import IndexedArticle
from .phrases import cue_answer


@cache
def _not_manner() -> frozenset[str]:
    return frozenset(row[0] for row in data.rows("summary_adverbs.tsv"))


def how(main: Clause | None, headline: Clause | None, article: IndexedArticle) -> Phrase | None:
    """The manner the main clause gives, else the one the headline's clause gives."""
    for clause in (main, headline):
        tokens = _manner(clause.verb, article) if clause is not None else None
        if tokens is not None:
            return article.phrase(tokens)
    return None


def _manner(verb: Token, article: IndexedArticle) -> Span | None:
    """A manner cue's phrase on the verb, else an adverb in -ly that says how ("swiftly", not "reportedly")."""
    phrase = cue_answer("how", verb, article)
    if phrase is not None:
        return phrase
    for child in verb.children:
        if (
            child.dep_ == "advmod"
            and child.pos_ == "ADV"
            and child.lower_.endswith("ly")
            and child.lower_ not in _not_manner()
        ):
            return verb.doc[child.i : child.i + 1]
    return None
