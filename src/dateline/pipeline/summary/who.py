"""who: the main event's doer, named as fully as the text names it.

A name, or a pronoun the entity stage resolved, is given as the entity's full name where the text writes it
("Vladimir Putin", not "he" or "Putin"); a description led by a person or organisation as that name ("[Red
Crescent] volunteer"); anything else as the noun phrase ("More than a dozen workers"). A named doer in the headline
comes first, then one in the lead, then a doer the headline or the lead describes. Where the clause names no doer,
or only an event ("Harbour regatta thrown into disarray as [Mara Ostrova] capsize brings out rescue boats"), the
person named in what set it off.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Token

from ...model import Entity, Event, Mention, Phrase
from .candidates import Clause
from .indexed import IndexedArticle
from .phrases import noun_phrase
from .syntax import after_hyphen

_CAUSE_OPENERS = frozenset({"after", "as", "when", "following"})  # clauses and phrases that say what set an event off


def who(headline: Clause | None, main: Clause | None, event: Event | None, article: IndexedArticle) -> Phrase | None:
    """A named doer first (the headline's, then the lead's). A clause whose doer names nobody, a passive without
    its agent or an event ("Harbour regatta thrown into disarray"), gives the person whose doing set it off
    ("as [Mara Ostrova] capsize brings out rescue boats"). Then a doer written as a noun phrase."""
    for clause in (c for c in (headline, main) if c is not None):
        doer = _named_in(clause.doer, article) if clause.doer is not None else None
        entity = article.entity_of(doer) if doer is not None else None
        if doer is None or entity is None:
            cause = _cause_actor(clause.verb, article) if doer is None or doer.pos_ == "PROPN" else None
            if cause is not None:
                return _name(*cause, article)
            continue
        outweighed = clause is main and headline is not None and headline.doer is not None
        if outweighed and entity.mentions < 2 and not article.in_title(entity):
            continue  # one stray name in the text does not outweigh the headline's doer
        return _name(entity, doer, article)
    if event is not None and event.source is not None and event.source.entity_id in article.entities:
        return _name(article.entities[event.source.entity_id], None, article)
    for clause in (c for c in (headline, main) if c is not None):
        if clause.doer is not None and clause.doer.pos_ != "PRON":
            return article.phrase(clause.doer_words or noun_phrase(clause.doer, article.settings.np_tokens))
    return None


def _named_in(head: Token, article: IndexedArticle) -> Token:
    """The name in a doer's description, when a person or organisation leads it: "[Red Crescent] volunteer",
    "Toy makers [Harlow Games]", "[Ostrova]'s rented yacht"; else the doer itself."""
    if head.pos_ == "PROPN" or article.entity_of(head) is not None:
        return head
    for child in head.children:
        if child.dep_ in ("compound", "poss", "nmod", "appos") and child.pos_ == "PROPN":
            if after_hyphen(child):
                continue
            entity = article.entity_of(child)
            if entity is not None and entity.kind in ("PERSON", "ORG"):
                return child
    return head


def _cause_actor(verb: Token, article: IndexedArticle) -> tuple[Entity, Token] | None:
    """The person named as the doer in what set the event off: the subject of an "after", "as" or "when"
    clause on the verb, or a name on the noun of an "after" phrase ("after [Mara Ostrova] yacht collision")."""
    for child in verb.children:
        opener = child.left_edge if child.dep_ == "advcl" else child
        if child.dep_ not in ("advcl", "prep") or opener.lower_ not in _CAUSE_OPENERS:
            continue
        for token in child.subtree:
            if token.pos_ != "PROPN" or token.dep_ not in ("nsubj", "compound", "poss") or after_hyphen(token):
                continue
            entity = article.entity_of(token)
            if entity is not None and entity.kind == "PERSON":
                return entity, token
    return None


def _name(entity: Entity, doer: Token | None, article: IndexedArticle) -> Phrase:
    """The entity's full name where the text writes it: its canonical name, unless the text more often writes
    another name of two words or more (the entity stage's "Photo Mara Ostrova" is mostly "Mara Ostrova"); for a
    name of one word ("FBI", "UK"), the form the doer uses; failing all, the doer's own words."""
    fullest = _fullest(entity, article)
    mention = _full_mention(fullest, doer, article)
    if mention is not None:
        return Phrase(mention.text, mention.start, mention.end)
    return (
        article.phrase(noun_phrase(doer, article.settings.np_tokens))
        if doer is not None
        else Phrase(fullest.name, None, None)
    )


def _full_mention(entity: Entity, doer: Token | None, article: IndexedArticle) -> Mention | None:
    written = [m for m in article.mentions if m.entity_id == entity.id and m.kind != "PRON"]
    if not written:
        return None
    forms = Counter(m.text.casefold() for m in written)
    canonical = entity.name.casefold()
    longer = [form for form in forms if len(form.split()) > 1]
    best = max(longer, key=lambda form: (forms[form], form == canonical, len(form)), default=None)
    if canonical in forms and (best is None or forms[canonical] >= forms[best]):
        best = canonical
    if best is None:
        as_doer = _written_name(doer, entity, article) if doer is not None else None
        best = as_doer.casefold() if as_doer is not None and as_doer.casefold() in forms else None
    if best is None:
        return max(written, key=lambda m: (m.end - m.start, -m.start))
    return next(m for m in written if m.text.casefold() == best)


def _fullest(entity: Entity, article: IndexedArticle) -> Entity:
    """The entity under its fullest name: a "Trump" the entity stage kept apart from "Donald Trump" is him."""
    if " " in entity.name or entity.kind not in ("PERSON", "ORG"):
        return entity
    suffix = " " + entity.name.casefold()
    longer = [
        e
        for e in article.entities.values()
        if e.kind in ("PERSON", "ORG") and e.name.casefold().endswith(suffix) and e.id != entity.id
    ]
    return max(longer, key=lambda e: e.mentions, default=entity)


def _written_name(token: Token, entity: Entity, article: IndexedArticle) -> str | None:
    """How the entity is named at the token: its mention in the text, or its name as the headline writes it."""
    if token.doc is article.doc:
        mention = article.mention_at(token.idx)
        return mention.text if mention is not None and mention.entity_id == entity.id else None
    title = token.doc.text
    spans = [(s, e) for s, e, named in article.title_names if named.id == entity.id and s <= token.idx < e]
    return max((title[s:e] for s, e in spans), key=len, default=None)
