"""The article's main event as a 5W1H card: who did what, when, where, why and how.

The reading is Giveme5W1H's (Hamborg et al., 2019), made from dateline's own annotations: news puts its main event
in the headline and the lead, so the candidates are the main clauses of the headline and of the first sentences.

    headline     the title as it is best parsed (``headline_text``), and the headline's own clause
    candidates   the lead's main clauses, scored: the main event
    settings     ``SummarySettings``: what each sign of the main event weighs, the lead's and the answers' reach
    who, what, when, where, why, how    one module a question, each reading the main clause and the headline's
    indexed      the Doc, the headline's parse and the stages' records, indexed for those questions
    phrases, syntax                     where an answer's words end; what the parse says around a token

The headline is read only when the caller passes its parse (``title``: the title run through the same spaCy
pipeline, as ``headline_text(article)`` gives it) and the times stage's expressions in it (``title_times``). Without
it the title's words still steer the choice of the main event. Everything here reads the Doc and the annotations,
with no model call and no stage of its own: under a millisecond an article, about half a percent of the spaCy pass.
benchmarks/eval_5w1h.py measures it against the Giveme5W1H gold standard.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from ...model import Annotations, Article, Summary, TimeExpr
from .candidates import event_at, main_clause
from .headline import headline_clause, headline_text
from .how import how
from .indexed import IndexedArticle
from .settings import SummarySettings
from .what import what
from .when import when
from .where import where
from .who import who
from .why import why

__all__ = ["SummarySettings", "headline_text", "summarize"]

_DEFAULTS = SummarySettings()


def summarize(
    doc: Doc,
    article: Article,
    found: Annotations,
    title: Doc | None = None,
    title_times: Sequence[TimeExpr] = (),
    settings: SummarySettings = _DEFAULTS,
) -> Summary:
    """The main event of ``article`` (parsed as ``doc``, annotated in ``found``) as who/what/when/where/why/how.

    ``title`` is the article's title parsed by the same pipeline, when the caller has it (see ``headline_text``),
    and ``title_times`` the times stage's expressions in it; without them the title still weighs in the choice of
    the main event, but gives no phrases of its own. ``settings`` weigh the signs of the main event and set how far
    the lead and each answer reach.
    """
    indexed = IndexedArticle.of(doc, article, found, title, title_times, settings)
    main = main_clause(indexed)
    headline = headline_clause(indexed)
    event = event_at(main, indexed) if main is not None else None
    when_phrase, when_value = when(main, indexed)
    return Summary(
        article_id=article.id,
        who=who(headline, main, event, indexed),
        what=what(headline, main, indexed),
        when=when_phrase,
        where=where(main, headline, event, indexed),
        why=why(main, headline, indexed),
        how=how(main, headline, indexed),
        event_id=event.id if event is not None else None,
        when_value=when_value,
    )
