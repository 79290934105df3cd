"""Choosing the main event: the main clauses of the lead's sentences, scored.

News puts its main event in the headline and the lead, so each of the first sentences offers its main verb with its
subject. A reporting verb ("said", "announced") with a clause of its own gives way to that clause ("Putin said [he
would consider an appeal]"): the event is what was reported, and its subject ("he") is resolved through the entity
stage. A passive with an agent has the agent for its doer ("the depot was shelled [by the rebels]"). A clause inside
a quotation is no candidate. The best scores go to earlier sentences, to more of the headline's words, to a doer
that is a named entity the article mentions often (and the headline names), to an event the events stage coded there;
how much each adds is a setting (SummarySettings).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from ...model import Event
from ..cues import cue_words
from .indexed import IndexedArticle, stem
from .syntax import SUBJECTS, quoted, subject

_REPORTING = frozenset({"speech", "belief", "evidence"})  # cue classes whose clause, not the verb, is the event
_EXPLETIVE = frozenset({"it", "there", "this", "that", "which", "who", "what"})


@dataclass(frozen=True, slots=True)
class Clause:
    """A candidate main event: a verb and its doer, in a lead sentence or the headline."""

    verb: Token
    doer: Token | None  # the head of who did it (the agent of a passive)
    patient: Token | None  # the subject of a passive that has an agent: part of what happened
    rank: int  # the sentence's place in the lead; -1 for the headline
    doer_words: Span | None = None  # the doer's words, when they are not the doer's subtree


def main_clause(article: IndexedArticle) -> Clause | None:
    """The lead's candidate with the best score, the earlier on a tie; None when none has a doer that can be named
    (not a pronoun left unresolved) outside a quotation."""
    candidates = [c for rank, sentence in enumerate(article.lead) for c in clauses_of(sentence, rank)]
    scored = [(_score(c, article), c) for c in candidates]
    usable = [(score, c) for score, c in scored if score > float("-inf")]
    best = max(usable, key=lambda pair: (pair[0], -pair[1].verb.i), default=None)
    return best[1] if best is not None else None


def _score(clause: Clause, article: IndexedArticle) -> float:
    weights = article.settings
    if clause.doer is None or _in_quote(clause.verb, article):
        return float("-inf")
    score = 1.0 / (1.0 + weights.rank_decay * clause.rank)
    if article.title_words:
        sentence = clause.verb.sent
        shared = {stem(t.text) for t in sentence if t.is_alpha and not t.is_stop} & article.title_words
        score += weights.title_words * len(shared) / len(article.title_words)
    entity = article.entity_of(clause.doer)
    if entity is not None:
        score += weights.named_doer + weights.doer_mentions * entity.mentions / max(1, article.most_mentions)
        if article.in_title(entity):
            score += weights.doer_in_title
    elif clause.doer.pos_ == "PRON":
        return float("-inf")
    if event_at(clause, article) is not None:
        score += weights.coded_event
    return score


def event_at(clause: Clause, article: IndexedArticle) -> Event | None:
    """The event the events stage coded from this clause's sentence, its trigger on the verb when one is."""
    if clause.verb.doc is not article.doc:
        return None
    sentence = clause.verb.sent
    verb_start, verb_end = clause.verb.idx, clause.verb.idx + len(clause.verb)
    here = [e for e in article.found.events if sentence.start_char <= e.evidence.trigger_start < sentence.end_char]
    on_verb = [e for e in here if e.evidence.trigger_start < verb_end and verb_start < e.evidence.trigger_end]
    return max(on_verb or here, key=lambda e: (e.mode == "asserted", e.confidence), default=None)


def _in_quote(token: Token, article: IndexedArticle) -> bool:
    char = token.idx
    for quote in article.found.quotes:
        if quote.kind == "direct" and quote.start <= char < quote.end:
            return True
        if any(part.start <= char < part.end for part in quote.parts):
            return True
    return quoted(token)


def clauses_of(sentence: Span, rank: int) -> Iterator[Clause]:
    """The sentence's main clause, or the clause its reporting verb reports."""
    verb = _main_verb(sentence)
    if verb is None:
        return
    told = reported(verb)
    if told is not None:
        clause = clause_of(told, rank)
        if clause.doer is not None:
            yield clause
            return
    yield clause_of(verb, rank)


def clause_of(verb: Token, rank: int) -> Clause:
    """The verb with its doer: its subject, or the agent of a passive ("the depot was shelled [by the rebels]")."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    by_whom = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    subj = subject(verb)
    if by_whom is not None and subj is not None and subj.dep_ == "nsubjpass":
        return Clause(verb, by_whom, subj, rank)
    return Clause(verb, subj, None, rank)


def _main_verb(sentence: Span) -> Token | None:
    root = sentence.root
    if root.pos_ in ("VERB", "AUX"):
        return root
    with_subject = (t for t in sentence if t.pos_ in ("VERB", "AUX") and any(c.dep_ in SUBJECTS for c in t.children))
    return next(with_subject, None)


@cache
def reporting_lemmas() -> frozenset[str]:
    return frozenset(lemma for lemma, word in cue_words().items() if word.kind in _REPORTING)


def reported(verb: Token) -> Token | None:
    """The clause a reporting verb reports, when it has a subject of its own: "said [he would consider ...]"."""
    if verb.lemma_ not in reporting_lemmas():
        return None
    for child in verb.children:
        if child.dep_ in ("ccomp", "parataxis") and child.pos_ in ("VERB", "AUX"):
            doer = subject(child)
            if doer is not None and doer.lower_ not in _EXPLETIVE and child.lemma_ != "be":
                return child  # not "said [the meeting was fantastic]": a verdict, not an event
    if verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX"):  # "Four were hurt, police said"
        return verb.head
    return None
