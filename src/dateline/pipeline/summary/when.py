"""when: a date or time (not a duration, not more than a year from publication) that dates the main event.

One tied to the main verb, else in its sentence, else the first day or time within the first 3,000 characters
(SummarySettings.when_reach) or the lead that is not after publication (a later one is a plan), else in the headline,
with the preposition that ties it ("on Monday"). A time in a clause about a person ("Ostrova, [who won on
Wednesday], said") is biography, taken only when nothing else dates the event. Failing all, the publication date,
written out, with no offsets. The value given beside it is the TIMEX3 value the times stage gave, or the publication
day.
"""

from __future__ import annotations

from datetime import datetime

from spacy.tokens import Token

from ...model import Phrase, TimeExpr
from .candidates import Clause
from .indexed import IndexedArticle, anchor_of
from .syntax import SUBORDINATE, subject_tokens

_WHEN_PREPOSITIONS = frozenset({"on", "at", "in", "during", "since", "until", "by", "before", "after", "from"})


def when(main: Clause | None, article: IndexedArticle) -> tuple[Phrase | None, str | None]:
    """The phrase that dates the main event, and its TIMEX3 value."""
    chosen: TimeExpr | None = None
    if main is not None and main.verb.doc is article.doc:
        sentence = main.verb.sent
        inside = [t for t in article.times if sentence.start_char <= t.start < sentence.end_char]
        tied = [t for t in inside if _tied(t.start, t.end, main.verb, article)]
        chosen = next(iter(tied or [t for t in inside if not _recalled(t, article)] or inside), None)
    if chosen is None:
        reach = max(article.settings.when_reach, article.lead[-1].end_char if article.lead else 0)
        days = [
            t for t in article.times if t.start < reach and t.granularity in ("day", "time") and _by_now(t, article)
        ]
        chosen = next(iter([t for t in days if not _recalled(t, article)] or days), None)
    if chosen is not None:
        return _when_phrase(chosen, article), chosen.value
    if article.title_times:
        in_title = article.title_times[0]
        return Phrase(in_title.text, None, None), in_title.value
    anchor = anchor_of(article.article)
    if anchor is not None:
        day = anchor.date() if isinstance(anchor, datetime) else anchor
        return Phrase(f"{day:%B} {day.day}, {day.year}", None, None), day.isoformat()
    return None, None


def _when_phrase(expression: TimeExpr, article: IndexedArticle) -> Phrase:
    """The time expression with the preposition that ties it to the event, and a "late" or "early" before that:
    "Thursday" in "late on Thursday" is given as "late on Thursday"."""
    start = expression.start
    words = article.doc.char_span(expression.start, expression.end, alignment_mode="expand")
    if (
        words is not None
        and words.root.dep_ == "pobj"
        and words.root.head.i == words.start - 1
        and words.root.head.lower_ in _WHEN_PREPOSITIONS
    ):
        preposition = words.root.head
        start = preposition.idx
        before = preposition.nbor(-1) if preposition.i > 0 else None
        if before is not None and before.lower_ in ("late", "early") and before.head.i == preposition.i:
            start = before.idx
    return Phrase(article.text[start : expression.end], start, expression.end)


def _by_now(expression: TimeExpr, article: IndexedArticle) -> bool:
    """Whether the day is not after publication: news reports what has happened, so a later day outside the
    main clause is a plan ("the next match [in a fortnight]"), not when the main event happened."""
    anchor = anchor_of(article.article)
    value = expression.value[:10]
    if anchor is None or not value[:4].isdigit():
        return True
    day = anchor.date() if isinstance(anchor, datetime) else anchor
    return value <= day.isoformat()


def _recalled(expression: TimeExpr, article: IndexedArticle) -> bool:
    """Whether the time stands in a clause that describes a noun: "Trump, [who won on Wednesday], said ...".
    It dates what the sentence recalls about someone, not what it reports."""
    words = article.doc.char_span(expression.start, expression.end, alignment_mode="expand")
    token = words.root if words is not None else None
    while token is not None and token.head.i != token.i:
        if token.dep_ == "relcl" and token.left_edge.lower_ in ("who", "whose", "whom"):
            return True
        token = token.head
    return False


def _tied(start: int, end: int, verb: Token, article: IndexedArticle) -> bool:
    """Whether the words at start..end hang from the verb without passing through another clause or its subject."""
    span = article.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    subject = subject_tokens(verb)
    token = span.root
    while token.i != verb.i:
        if token.dep_ in SUBORDINATE or token.dep_ in ("ccomp", "xcomp") or token in subject:
            return False
        if token.head.i == token.i:
            return False
        token = token.head
    return True
