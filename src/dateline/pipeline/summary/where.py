"""where: a place named in a locative phrase of the main clause ("capsized [near Hull]", "rescued residents from a
tower [in Porto]"), else of the headline's clause, else a place the headline puts before a noun ("[Dunmore] ferry
fire"), else the dateline city of a "KYIV (Reuters) -" lead (also after a photo caption, for a city the gazetteer
knows), else the place the events stage gave the main event.

A place that only says who someone is ("President Putin [of Russia]", "[Moscow]-backed", "commuters [from East
Kent]") is not where the event happened: then where is None.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ...model import Event, Phrase
from ...reference import geography as geo
from .candidates import Clause
from .indexed import PLACE_LABELS, IndexedArticle
from .phrases import object_end
from .syntax import LOCATIVE, after_hyphen, place_head

_DATELINE = re.compile(
    r"(?:^|[\s\"“])(?P<place>[A-Z][A-Z.'’]+(?:[ -][A-Z][A-Z.'’]+){0,3})(?P<region>,\s+[A-Z][\w.]+(?:\s[A-Z][\w.]+)?)?"
    r"\s*(?P<agency>\([A-Za-z .&-]{1,30}\))?\s*(?:--|—|–|-|:)\s"
)


def where(main: Clause | None, headline: Clause | None, event: Event | None, article: IndexedArticle) -> Phrase | None:
    """A place the main clause is said to happen at, then the headline's clause, the dateline city, the events
    stage's place for the main event. Only places that hang from the verb (or its object) by a locative
    preposition count: a place elsewhere in the sentence, or in the next best candidates, is too often another
    event's (on the dev set, right a third of the time), or only says who someone is."""
    for clause in (main, headline):
        words = _where_in(clause, article) if clause is not None else None
        if words is not None:
            return article.phrase(words)
    setting = _headline_setting(article)
    if setting is not None:
        return article.phrase(setting)
    dateline = _dateline(article)
    if dateline is not None:
        return dateline
    if event is not None and event.place is not None:
        return Phrase(event.place.name, None, None)
    return None


def _where_in(clause: Clause, article: IndexedArticle) -> Span | None:
    verb = clause.verb
    describing = set(clause.doer.subtree) if clause.doer is not None and clause.patient is None else set()
    for token in verb.sent:
        if token in describing or not article.is_place(token):
            continue
        head = place_head(token)
        if head.dep_ != "pobj" or head.head.lower_ not in LOCATIVE:
            continue
        if not _hangs_from(head.head, verb):
            continue
        if head.head.lower_ == "from" and head.head.head.i != verb.i:
            continue  # "commuters [from East Kent]" says where people come from, not where it happened
        return _place_phrase(head)
    return None


def _hangs_from(preposition: Token, verb: Token) -> bool:
    """Whether a preposition hangs from the verb, or from its object: "capsized [near Hull]", "raided the
    mission [in Gdansk]"; a place in the doer's own description ("Putin [of Russia]") does not."""
    anchor = preposition.head
    if anchor.i == verb.i:
        return True
    if anchor.dep_ == "pobj" and anchor.head.head.i == verb.i:  # "rescued residents from a block [in Lyon]"
        return True
    return anchor.head.i == verb.i and anchor.dep_ in ("dobj", "pobj", "attr", "nsubjpass", "oprd")


def _place_phrase(head: Token) -> Span:
    """The place's noun phrase, and a place in a second locative phrase just after it ("Dunmore, near Hull")."""
    doc = head.doc
    end = object_end(head, None)
    if end + 2 < len(doc) and doc[end + 1].text == "," and doc[end + 2].lower_ in LOCATIVE:
        second = doc[end + 2]
        if second.dep_ == "prep" and second.head.i in (head.i, head.head.head.i):
            end = object_end(second, None)
    start = head.left_edge.i
    while start < end and (doc[start].is_punct or doc[start].lower_ == "the"):
        start += 1
    return doc[start : end + 1]


def _headline_setting(article: IndexedArticle) -> Span | None:
    """A place name the headline puts before one of its nouns: "[Dunmore] ferry fire: ...", "[Kenya] marathon
    red-flagged". Headlines name a story's setting so. A place word in a longer name ("[New] York", "[Leeds]
    United", "anti-[US] protest") is not one."""
    title = article.title
    if title is None:
        return None
    for token in title:
        if token.dep_ not in ("compound", "nmod") or token.head.i < token.i or not article.is_place(token):
            continue
        if article.is_place(token.head) or token.head.tag_ == "NNPS" or after_hyphen(token):
            continue
        name = next((e for e in title.ents if e.start <= token.i < e.end), None)
        if name is None or len(name) == 1:
            return title[token.i : token.i + 1]
        if name.label_ in PLACE_LABELS:
            return name
    return None


def _dateline(article: IndexedArticle) -> Phrase | None:
    """The city of a dateline ("LONDON --", "KYIV (Reuters) -", "GRAZ, Austria —"): near the
    start, or after a photo caption when the gazetteer knows the city ("... Photo: AP) OTTAWA --")."""
    settings = article.settings
    for match in _DATELINE.finditer(article.text[: settings.dateline_reach]):
        start, end = match.span("place")
        known = geo.places_named(match.group("place").title())
        if start <= settings.dateline_start and (
            known or _place_at(start, end, article) or match["region"] or match["agency"]
        ):
            return Phrase(match.group("place"), start, end)
        if known:
            return Phrase(match.group("place"), start, end)
    return None


def _place_at(start: int, end: int, article: IndexedArticle) -> bool:
    return any(p.start < end and start < p.end for p in article.found.places)
