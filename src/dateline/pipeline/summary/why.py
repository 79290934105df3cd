"""why: a reason phrase on the main verb, opened by a cue from data/summary_cues.tsv ("because ...", "due to ...",
"in retaliation for ...", a purpose "to meet ..."). Most articles state none plainly: then None, not a guess."""

from __future__ import annotations

from ...model import Phrase
from .candidates import Clause
from .indexed import IndexedArticle
from .phrases import cue_answer


def why(main: Clause | None, headline: Clause | None, article: IndexedArticle) -> Phrase | None:
    """The reason the main clause gives, else the one the headline's clause gives."""
    for clause in (main, headline):
        tokens = cue_answer("why", clause.verb, article) if clause is not None else None
        if tokens is not None:
            return article.phrase(tokens)
    return None
