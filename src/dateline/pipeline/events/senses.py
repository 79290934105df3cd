"""Words of violence in their other senses (CAMEO roots 18-20 only).

Sport read as war: "beat", "attack", "crushed" in a match report are no assault. A sentence with a score ("6-3",
"21-19") or a noun of sport (data/event_words.tsv, class "sport": "the final", "tennis"), or any sentence of an article
about sport (several different nouns of sport, or a score and two), codes no violence.

A fight against a thing: what is attacked, fought or battled over is a plan, a law or a remark (class "policy"), and
the act is criticism (111); a disease, a crime, a charge or a deficit (class "scourge"), and there is no act between
actors at all.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ...reference.cameo.verbs import word_classes
from .reading import Reading

VIOLENCE = ("18", "19", "20")
CRITICISM = "111"
ARTICLE_WORDS = 4  # different nouns of sport that make an article a sport report
_NOUNLIKE = frozenset({"pobj", "dobj", "nsubj", "nsubjpass", "attr"})
_SCORE = re.compile(r"(?<![\d.,:/-])\d{1,3}-\d{1,3}(?![\d.,:/-]|\s*(?:percent|per cent|%))")
_ABOUT = frozenset({"over", "against", "on", "with"})


def _class(name: str) -> frozenset[str]:
    return frozenset(" ".join(words) for words in word_classes().get(name, ()))


def _sporting(span: Span | Doc, text: str) -> tuple[int, bool]:
    """How many different nouns of sport the words hold (an adjective used as a noun counts: "reached the final"),
    and whether they hold a score."""
    words = _class("sport")
    nouns = {t.lemma_.lower() for t in span if t.pos_ in ("NOUN", "PROPN") or (t.pos_ == "ADJ" and t.dep_ in _NOUNLIKE)}
    lowered = text.lower()
    several = {w for w in words if " " in w and w in lowered}
    return len((nouns & words) | several), bool(_SCORE.search(text))


def sport(reading: Reading, sentence: Span, code: str | None) -> bool:
    """Whether a violent code is sport in this sentence of this article."""
    if code is None or code[:2] not in VIOLENCE:
        return False
    words, score = _sporting(sentence, sentence.text)
    if words or score:
        return True
    if reading.sport is None:
        words, score = _sporting(reading.doc, reading.text)
        reading.sport = words >= ARTICLE_WORDS or (score and words >= 2)
    return reading.sport


def _objects(token: Token) -> list[Token]:
    """What the act is done to: its object, or what a preposition of aim gives ("battle over the budget")."""
    found = [c for c in token.children if c.dep_ in ("dobj", "attr")]
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in _ABOUT:
            found += [c for c in prep.children if c.dep_ == "pobj"]
    return found


def against_a_thing(token: Token, code: str | None) -> tuple[bool, str | None]:
    """Whether a violent code is done to a thing, and then the code it is instead: 111 for a plan or a remark
    attacked, None (no event) for a disease or a crime fought."""
    if code is None or code[:2] not in VIOLENCE:
        return False, code
    lemmas = {o.lemma_.lower() for o in _objects(token)}
    if lemmas & _class("policy"):
        return True, CRITICISM
    if lemmas & _class("scourge"):
        return True, None
    return False, code
