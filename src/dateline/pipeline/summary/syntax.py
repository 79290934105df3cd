"""What the dependency parse says around one token: its subject, its quote marks, the phrase a place stands in.

These read spaCy's parse alone, of the text or of the headline, and know nothing of the article's annotations.
"""

from __future__ import annotations

from spacy.tokens import Token

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
SUBORDINATE = frozenset({"advcl", "relcl", "acl", "pcomp", "csubj", "amod", "npadvmod"})
LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout", "from", "into", "on", "off"})


def subject(verb: Token) -> Token | None:
    """The verb's subject, or the one it shares with the verb it is joined to ("Putin said and added")."""
    token = verb
    for _ in range(4):
        subjects = [c for c in token.children if c.dep_ in SUBJECTS]
        if subjects:  # the nearest before the verb: "Dunmore ferry fire: [Police] name crew"
            return max((c for c in subjects if c.i < token.i), key=lambda c: c.i, default=subjects[0])
        if token.dep_ not in ("conj", "xcomp") or token.head.i == token.i:
            return None
        token = token.head
    return None


def subject_tokens(verb: Token) -> set[Token]:
    subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
    return set(subject.subtree) if subject is not None else set()


def quoted(token: Token) -> bool:
    """Whether the token stands between quote marks within its sentence."""
    marks = 0
    for t in token.sent:
        if t.i >= token.i:
            break
        if t.tag_ in ("``", "''") or t.text in ("“", "”", '"'):
            marks += 1
    return marks % 2 == 1


def after_hyphen(token: Token) -> bool:
    """A name inside a hyphenated modifier: "anti-[Trump] protesters" are not Trump."""
    return token.i > 0 and token.doc[token.i - 1].text == "-"


def in_word(token: Token) -> bool:
    """A hyphen or slash joining two words without spaces."""
    return token.text in ("-", "/", "–") and not token.whitespace_ and token.i > 0 and not token.nbor(-1).whitespace_


def place_head(token: Token) -> Token:
    """The noun phrase a place name stands in: "[port] of Gdansk", "Poland's [port]"."""
    for _ in range(6):
        if token.dep_ in ("compound", "appos", "conj", "amod", "nmod", "poss") and token.head.i != token.i:
            token = token.head
        elif token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ in ("NOUN", "PROPN"):
            token = token.head.head
        else:
            break
    return token
