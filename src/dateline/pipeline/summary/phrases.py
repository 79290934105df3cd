"""Where an answer's words end: a doer's noun phrase, an object's phrase, and the phrases that answer another question.

A phrase on the verb that says where, when, why or how ends the what; the reason and manner cues that open such a
phrase ("because ...", "by cutting ...") come from data/summary_cues.tsv, so the why and how answers are found here too.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from ... import data
from .indexed import IndexedArticle
from .syntax import LOCATIVE, in_word, place_head

_NP_TAIL = frozenset({"prep", "conj", "cc", "nummod", "case", "compound", "amod"})  # a doer's words after its head
_TIME_PREPOSITIONS = frozenset({"after", "before", "following", "during", "since", "until", "amid"})


@dataclass(frozen=True, slots=True)
class _Cue:
    question: str  # why, how
    words: tuple[str, ...]
    slot: str  # prep, mark, to
    next: str  # VBG, NOUN, -


@cache
def _cues() -> tuple[_Cue, ...]:
    """Reason and manner cues from data/summary_cues.tsv, longest first."""
    cues = [_Cue(q, tuple(phrase.split()), slot, after) for q, phrase, slot, after in data.rows("summary_cues.tsv")]
    return tuple(sorted(cues, key=lambda c: -len(c.words)))


def noun_phrase(head: Token, longest: int) -> Span:
    """A doer's words: the head with what comes before it, and after it only "of"-phrases, numbers and
    co-ordinated names ("More than a dozen workers", "Mara Ostrova, Ivo Lind and Tomas Brandt"); when that is
    more than ``longest`` tokens, the head and the words just before it."""
    doc = head.doc
    start = head.left_edge.i
    end = head.i
    for child in head.rights:
        if child.dep_ not in _NP_TAIL or (child.dep_ == "prep" and child.lower_ != "of"):
            break
        end = child.right_edge.i
    while start < end and doc[start].is_punct:
        start += 1
    while end > start and doc[end].is_punct:
        end -= 1
    if end - start + 1 > longest:  # too long to name the doer
        start, end = max(start, head.i - 3), head.i
    return doc[start : end + 1]


def object_end(token: Token, article: IndexedArticle | None) -> int:
    """Where an object's phrase ends: before a relative clause, an aside, or a phrase answering another question."""
    end = token.i
    for child in token.rights:
        infinitive = child.dep_ == "acl" and any(c.lower_ == "to" and c.dep_ == "aux" for c in child.children)
        if not infinitive and child.dep_ in ("relcl", "acl", "appos", "advcl", "parataxis", "punct"):
            break
        if article is not None and other_answer(child, article):
            break
        end = child.right_edge.i if child.dep_ in ("conj", "cc") else object_end(child, article)
    return end


def other_answer(child: Token, article: IndexedArticle) -> bool:
    """Whether a phrase on the verb or its object answers where, when, why or how rather than what."""
    if child.dep_ not in ("prep", "npadvmod", "advmod", "advcl", "xcomp"):
        return False
    if child.lower_ == "as" and any(t.pos_ in ("VERB", "AUX") for t in child.subtree):
        return True  # "sail home [as the regatta is plagued by squalls]": a clause of its own
    if cue_match(child, article) is not None:
        return True
    if child.dep_ == "xcomp":
        return False
    if child.lower_ in _TIME_PREPOSITIONS:
        return True
    words = list(child.subtree)
    if child.lower_ in LOCATIVE and any(article.is_place(t) and place_head(t).head.i == child.i for t in words):
        return True  # "in Porto", not "from a tower in Porto": that one is what, with its own where
    if any(t.ent_type_ in ("DATE", "TIME") for t in words):
        return True
    return words[0].doc is article.doc and article.time_at(words[0].idx, words[-1].idx + len(words[-1]))


def cut(doc: Doc, start: int, end: int, longest: int) -> int:
    """A phrase boundary (before a preposition, a conjunction, a comma) within ``longest`` words of the start;
    a hyphen inside a word ("Moscow-backed") is neither a word nor a boundary."""
    limit, words = start, 0
    while limit < end and words < longest:
        limit += 1
        words += not in_word(doc[limit])
    for i in range(limit, start + 2, -1):
        if doc[i].dep_ in ("prep", "cc", "mark") or (doc[i].is_punct and not in_word(doc[i])):
            return i - 1
    return limit


def cue_answer(question: str, verb: Token, article: IndexedArticle) -> Span | None:
    """The first phrase on the verb that a reason (``question`` "why") or manner ("how") cue opens."""
    for child in verb.rights:
        match = cue_match(child, article)
        if match is not None and match[0] == question:
            return match[1]
    return None


def cue_match(child: Token, article: IndexedArticle) -> tuple[str, Span] | None:
    """(why or how, the phrase) when a child of the verb opens with a reason or manner cue that fits its slot."""
    doc = child.doc
    start = child.left_edge.i if child.dep_ == "advcl" else child.i
    words = tuple(t.lower_ for t in doc[start : start + 4])
    for cue in _cues():
        if words[: len(cue.words)] != cue.words or not _slot_fits(cue, child):
            continue
        after = start + len(cue.words)
        if after > child.right_edge.i:
            continue
        if cue.next == "VBG" and doc[after].tag_ != "VBG":
            continue
        if cue.next == "NOUN" and not _plain_noun(child, article):
            continue
        end = object_end(child, article) if child.dep_ == "prep" else child.right_edge.i
        longest = article.settings.what_tokens
        if end - start + 1 > longest:
            end = cut(doc, start, end, longest)
        while end > start and doc[end].is_punct:
            end -= 1
        return cue.question, doc[start : end + 1]
    return None


def _slot_fits(cue: _Cue, child: Token) -> bool:
    if cue.slot == "prep":
        return child.dep_ in ("prep", "advmod", "acomp", "amod", "advcl")
    if cue.slot == "mark":
        return child.dep_ == "advcl" and any(m.dep_ == "mark" for m in child.children)
    if cue.slot == "to":
        return child.dep_ in ("advcl", "xcomp") and child.left_edge.lower_ == "to" and child.pos_ == "VERB"
    return child.dep_ == cue.slot


def _plain_noun(preposition: Token, article: IndexedArticle) -> bool:
    """A "with" phrase that names a thing used, not a companion: "with a rented van", not "with Ostrova"."""
    objects = [c for c in preposition.children if c.dep_ == "pobj"]
    if not objects or objects[0].pos_ != "NOUN":
        return False
    return objects[0].ent_type_ == "" and article.entity_of(objects[0]) is None
