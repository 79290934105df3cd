"""Clause structure read off the dependency parse: subjects, passives, auxiliaries, and the speech verb a clause
reports."""

from __future__ import annotations

from spacy.tokens import Token

from ..cues import cue_words

SUBJECTS = frozenset({"nsubj", "csubj"})

_RELATIVES = frozenset({"who", "which", "that", "whom"})

FUTURE = frozenset({"will", "shall", "'ll", "wo"})

POSSIBLE = frozenset({"may", "might", "could", "can", "ca"})

DEONTIC = frozenset({"must", "should", "ought"})


def auxiliaries(token: Token) -> list[Token]:
    """The auxiliaries of a verb, or of the verb an infinitive, adjective or noun hangs from."""
    found = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    current = token
    for _ in range(3):
        if current.dep_ in ("xcomp", "acomp", "attr") or (current.dep_ == "ccomp" and current.head.lemma_ == "be"):
            current = current.head
            found.extend(c for c in current.children if c.dep_ in ("aux", "auxpass"))
        else:
            break
    return found


def reported(token: Token) -> bool:
    """Inside the content of a speech verb ("said [it would attack]")."""
    return _cue_above(token) is not None


def speaker_of(token: Token) -> Token | None:
    """The subject of the speech verb whose content holds this token."""
    cue = _cue_above(token)
    return subject_of(cue) if cue is not None else None


def _cue_above(token: Token) -> Token | None:
    """The speech verb whose content holds this token ("[X said] it would attack")."""
    current, steps = token, 0
    cues = cue_words()
    while current.head.i != current.i and steps < 8:
        head = current.head
        if current.dep_ in ("ccomp", "parataxis") and head.pos_ == "VERB" and head.lemma_.lower() in cues:
            return head
        current, steps = head, steps + 1
    return None


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    for child in verb.children:
        if child.dep_ in SUBJECTS:
            if child.lower_ in _RELATIVES and verb.dep_ == "relcl":
                return verb.head
            return child
    if depth > 4:
        return None
    head = verb.head
    if head.i == verb.i:
        return None
    if verb.dep_ == "conj":
        return subject_of(head, depth + 1)
    if verb.dep_ == "xcomp":
        addressee = next((c for c in head.children if c.dep_ in ("dobj",)), None)
        if addressee is not None and head.pos_ == "VERB" and head.lemma_ not in ("be",):
            return addressee
        patient = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
        return patient if patient is not None else subject_of(head, depth + 1)
    if verb.dep_ in ("acomp", "attr", "pcomp", "advcl") or (verb.dep_ == "ccomp" and head.lemma_ == "be"):
        if verb.dep_ == "pcomp":
            prep = head
            governor = prep.head
            addressee = next((c for c in governor.children if c.dep_ == "dobj"), None)
            if addressee is not None and governor.pos_ == "VERB":
                return addressee
            return subject_of(governor, depth + 1) if governor.pos_ in ("VERB", "AUX", "ADJ") else None
        return subject_of(head, depth + 1)
    if verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBG":
        return head
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if verb.dep_ in ("acl", "relcl") and head.pos_ == "NOUN" and infinitive:
        return _holder(head, depth + 1)  # "gathered for a march to protest ...": who holds the march protests
    if verb.pos_ == "ADJ":
        return subject_of(head, depth + 1)
    return None


def patient_of(token: Token) -> Token | None:
    """The patient of a passive verb: its passive subject, or the noun a past participle modifies."""
    if token.pos_ != "VERB":
        return None
    if token.dep_ == "acl" and token.tag_ == "VBN":
        return token.head
    return next((c for c in token.children if c.dep_ == "nsubjpass"), None)


def agent_of(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _holder(noun: Token, depth: int) -> Token | None:
    """Whose the act a noun names is: its owner ("Russia's plan"), else the subject of the verb it is the object of
    ("held a rally", "gathered for a march")."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is not None:
        return owner
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    if noun.dep_ in ("dobj", "pobj") and verb.pos_ == "VERB" and depth <= 4:
        return subject_of(verb, depth + 1)
    return None
