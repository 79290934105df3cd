"""The tokens coreference looks at, read once for both passes: anchors (named mentions), third-person pronouns and
candidate noun heads, each with what the parse says about it (role, main clause, quoted, what it cannot mean)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy
from spacy.attrs import DEP, LOWER, POS, SENT_START, TAG
from spacy.tokens import Doc, Token

from .. import quotemarks
from ..cues import cue_words
from .lexicon import Pronoun, nouns, pleonastic, pronouns
from .records import Anchor

_DEP_ROLE = {
    "nsubj": "subj",
    "nsubjpass": "subj",
    "csubj": "subj",
    "agent": "subj",
    "dobj": "obj",
    "dative": "obj",
    "attr": "obj",
    "oprd": "obj",
    "poss": "poss",
    "pobj": "obl",
    "compound": "mod",
    "amod": "mod",
    "npadvmod": "mod",
}
_NOUN_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "attr", "pobj", "appos", "conj", "poss"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_CLAUSE_WORDS = frozenset({"that", "to", "whether", "if", "how", "why", "when", "what", "who"})


@dataclass(slots=True)
class Blocker:
    """An unnamed noun phrase: it competes for pronouns but names nothing."""

    animacy: str  # person, thing
    gender: str | None
    plural: bool


@dataclass(slots=True)
class Spot:
    """A token coreference looks at, with what the parse says about it, worked out once for both passes."""

    token: Token
    kind: str  # anchor, pronoun, noun
    sent: int
    role: str
    main: bool  # in the main clause, where news puts its protagonist
    quoted: bool
    anchor: Anchor | None = None
    coordinated: bool = False  # heads "Russia and China"
    pronoun: Pronoun | None = None
    pleonastic: bool = False
    excluded: frozenset[int] = frozenset()  # tokens the pronoun cannot mean: its verb's other arguments
    owner: int | None = None  # "X and its Y": the token of X
    binders: frozenset[int] = frozenset()  # a reflexive's possible binders: its verb's subjects
    noun_class: str = "thing"
    gender: str | None = None
    plural: bool = False
    appositive: int | None = None  # the referent an apposition ties this noun phrase to
    described: bool = False  # a definite singular noun phrase that may describe an entity


def sentence_index(doc: Doc) -> numpy.ndarray:
    if not (doc.has_annotation("DEP") or doc.has_annotation("SENT_START")):
        return numpy.zeros(len(doc), dtype=numpy.int64)  # unparsed: one long sentence; max_lookback keeps it cheap
    starts = doc.to_array(SENT_START) == 1
    starts[0] = False
    return numpy.cumsum(starts)


# ---- the tokens to look at, once


def spots(doc: Doc, anchors: list[Anchor], sent_of: numpy.ndarray, text: str) -> list[Spot]:
    """Anchors, third-person pronouns and candidate noun heads, in text order, each read once."""
    anchored = {doc[a.start : a.end].root.i: a for a in anchors}
    inside = numpy.zeros(len(doc), dtype=bool)
    for a in anchors:
        inside[a.start : a.end] = True
    quotes = quotemarks.quoted_ranges(text)
    candidates = _candidate_tokens(doc) & ~inside
    candidates[list(anchored)] = True
    events = []
    for i in numpy.nonzero(candidates)[0].tolist():
        token = doc[i]
        role = _role(token)
        event = Spot(
            token, "noun", int(sent_of[i]), role, _in_main_clause(token, role), quotemarks.in_ranges(quotes, token.idx)
        )
        if i in anchored:
            event.kind, event.anchor = "anchor", anchored[i]
            event.coordinated = token.dep_ != "conj" and any(c.dep_ == "conj" for c in token.children)
        elif token.tag_ in ("PRP", "PRP$"):
            _read_pronoun(event, token)
        else:
            _read_noun(event, token, anchored)
        events.append(event)
    return events


def _candidate_tokens(doc: Doc) -> numpy.ndarray:
    """Which tokens may matter, picked out in bulk: third-person pronouns and nouns in argument positions."""
    strings = doc.vocab.strings
    columns = doc.to_array([LOWER, TAG, POS, DEP])
    third = [strings.add(word) for word, p in pronouns().items() if p.person == 3]
    personal = numpy.isin(columns[:, 1], [strings.add("PRP"), strings.add("PRP$")])
    pronoun = personal & numpy.isin(columns[:, 0], third)
    noun = columns[:, 2] == strings.add("NOUN")
    wanted = numpy.isin(columns[:, 3], [strings.add(dep) for dep in _NOUN_DEPS])
    wanted |= numpy.isin(columns[:, 0], [strings.add(word) for word in nouns()])
    return pronoun | (noun & wanted)


def _role(token: Token) -> str:
    dep = token.dep_
    if dep in ("conj", "appos"):
        dep = token.head.dep_
    return _DEP_ROLE.get(dep, "other")


def _in_main_clause(token: Token, role: str) -> bool:
    if role not in ("subj", "obj"):
        return False
    if token.dep_ in ("conj", "appos"):
        token = token.head
    verb = token.head
    return verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")


def _read_pronoun(event: Spot, token: Token) -> None:
    pronoun = pronouns()[token.lower_]
    event.kind, event.pronoun = "pronoun", pronoun
    event.pleonastic = pronoun.gender == "neuter" and _is_pleonastic(token)
    verb = token.head.head if token.dep_ == "pobj" else token.head
    if pronoun.case in ("subj", "obj"):
        event.excluded = frozenset(c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "dative"))
    if pronoun.case == "refl":
        event.binders = frozenset(c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass"))
    if pronoun.case == "poss" and token.head.dep_ == "conj":
        event.owner = token.head.head.i


def _read_noun(event: Spot, token: Token, anchored: dict[int, Anchor]) -> None:
    event.noun_class, event.gender = nouns().get(token.lower_, ("thing", None))
    event.plural = token.tag_ in ("NNS", "NNPS")
    if token.dep_ == "appos" and (anchor := anchored.get(token.head.i)) is not None:
        event.appositive = anchor.referent  # "Antony Blinken, the US secretary of state"
    for child in token.children:
        if child.dep_ == "appos" and (anchor := anchored.get(child.i)) is not None:
            event.appositive = anchor.referent  # "the US secretary of state, Antony Blinken"
    # an organisation described ("the company", "the newspaper") is linked only as the one who speaks: elsewhere the
    # noun is as often the kind of thing as the organisation just named
    speaks = token.dep_ == "nsubj" and token.head.lemma_.lower() in cue_words()
    described = event.noun_class in ("person", "country") or (event.noun_class == "org" and speaks)
    event.described = token.tag_ == "NN" and described and _is_definite(token, anchored)


def _is_definite(token: Token, anchored: dict[int, Anchor]) -> bool:
    for child in token.children:
        if child.dep_ == "det" and child.lower_ in _DEFINITE:
            return True
        if child.dep_ == "poss" and child.i in anchored:
            return True
    return False


def _is_pleonastic(token: Token) -> bool:
    """ "it" that points at nothing: "it seems", "it is clear that", "it was reported that"."""
    if token.lower_ != "it" or token.dep_ not in ("nsubj", "nsubjpass", "expl"):
        return token.dep_ == "expl"
    words = pleonastic()
    head = token.head
    if words.get(head.lemma_) == "verb":
        return True
    if words.get(head.lower_) == "passive" and token.dep_ == "nsubjpass":
        return any(child.dep_ == "ccomp" for child in head.children)
    if head.lemma_ not in ("be", "become", "remain"):
        return False
    for child in head.children:
        if child.dep_ in ("acomp", "attr") and words.get(child.lemma_) in ("adjective", "noun"):
            return _clause_follows(child) or any(c.dep_ in ("ccomp", "xcomp", "csubj") for c in head.children)
    return False


def _clause_follows(token: Token) -> bool:
    doc = token.doc
    return any(doc[i].lower_ in _CLAUSE_WORDS for i in range(token.i + 1, min(len(doc), token.i + 8)))
