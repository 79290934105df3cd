"""1. Triggers: the words of a sentence the verb dictionary knows, each with the pattern that matched around it.

Most words are passed over on their hashes in the Doc's token table, so no Token object or string is made for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.attrs import DEP, HEAD
from spacy.parts_of_speech import NOUN, PRON, PROPN
from spacy.strings import get_string_id
from spacy.tokens import Span, Token

from ...reference.cameo.verbs import Match, Pattern, Word, best
from .grammar import DEONTIC, FUTURE, POSSIBLE, SUBJECTS
from .reading import Reading

OUTSIDE_PHRASE = frozenset({"conj", "cc", "relcl", "advcl", "parataxis", "punct", "appos", "mark", "preconj"})

_NOMINAL_POS = frozenset({NOUN, PROPN, PRON})

_PUNCT_HASH = get_string_id("punct")

_TIMES = frozenset({get_string_id("DATE"), get_string_id("TIME")})

FRAMES_WITH_ACT = frozenset({"intent", "appeal", "demand", "reject", "threaten", "yield", "say", "light", "through"})

_POS = {"VERB": "V", "AUX": "V", "NOUN": "N", "ADJ": "A"}  # names ("the Cooperation Council") trigger nothing


@dataclass(slots=True)
class Trigger:
    token: Token
    match: Match
    act: Trigger | None = None  # the act a frame word governs
    governor: Trigger | None = None
    content: bool = False  # a speech verb whose content holds an event
    obligation: bool = False  # a "must" clause read as a demand (no word of its own)
    says: bool = False  # a speech verb ("said"): its content is coded for itself

    def __post_init__(self) -> None:
        self.says = self.says or self.pattern.frame == "say"

    @property
    def pattern(self) -> Pattern:
        return self.match.pattern

    @property
    def frame(self) -> str | None:
        return self.pattern.frame

    def chain(self) -> list[Trigger]:
        """This trigger and the acts under it, outermost first."""
        chain, current = [self], self.act
        while current is not None and len(chain) < 6:
            chain.append(current)
            current = current.act
        return chain


def find_triggers(reading: Reading, sentence: Span) -> list[Trigger]:
    """The sentence's triggers, each with the most specific pattern that matched around it. A verb that a PETRARCH
    pattern names among its words ("+ HOSTING * EID" on "celebrate") is part of that pattern, not a trigger."""
    found: list[Trigger] = []
    known = reading.triggers
    hashed = _hashes(known)
    forms = reading.forms
    words: list[Word] | None = None
    for i in range(sentence.start, sentence.end):
        if forms[i][0] not in hashed and forms[i][1] not in hashed:  # most words: no Token, no strings made
            continue
        token = reading.doc[i]
        lower = token.lower_
        lemma = token.lemma_.lower()
        if lemma not in known and lower not in known:
            continue
        pos = _POS.get(token.pos_)
        if pos is None:
            continue
        patterns = reading.verbs.candidates(lower, lemma, pos)
        if not patterns:
            continue
        before: list[Word] = []
        if any(p.before for p in patterns):
            if words is None:
                words = _words(reading, sentence)
            before = [w for w in words if w.i < token.i]
        after = _phrase_after(reading, token) if any(p.after for p in patterns) else []
        match = best(patterns, before, after, token.i)
        if match is None:
            continue
        pattern = match.pattern
        if pattern.code is None and pattern.reverse is None and pattern.frame not in FRAMES_WITH_ACT:
            continue
        if pattern.frame in ("intent", "threaten") and _states(token):
            match = Match(_STATEMENT, match.used)  # "vowed the country has observed the sanctions": no intent
        says = pattern.frame is None and not pattern.transforms and reading.verbs.says(lemma)
        found.append(Trigger(token, match, says=says))
    named = {i for trigger in found if not trigger.pattern.transforms for i in trigger.match.used}
    return [trigger for trigger in found if trigger.token.i not in named]


_STATEMENT = Pattern(None, None, (), (), "say", "V", True, True, "an intent or threat word with a finite clause")


def _states(verb: Token) -> bool:
    """An intent or threat word whose clause tells what is, not what will be: "vowed (that) the country has
    observed the sanctions", "warned that the situation had worsened" - a statement; "vowed to retaliate", "warned
    that police would act" stay an intent and a threat."""
    if verb.pos_ != "VERB" or any(c.dep_ in ("xcomp", "dobj") for c in verb.children):
        return False
    for clause in verb.children:
        if clause.dep_ == "ccomp" and clause.pos_ in ("VERB", "AUX"):
            auxes = {a.lower_ for a in clause.children if a.dep_ in ("aux", "auxpass")}
            if auxes & (FUTURE | POSSIBLE | DEONTIC | {"would", "'d", "to", "going"}):
                return False
            return clause.tag_ in ("VBD", "VBZ", "VBP") or bool(auxes)
    return False


@cache
def _hashes(words: frozenset[str]) -> frozenset[int]:
    """The words as spaCy's string hashes, to test a token's lemma and form without making strings."""
    return frozenset(get_string_id(word) for word in words)


_OBLIGATION = Pattern("100", None, (), (), "demand", "V", True, True, "a modal of obligation in reported speech")


def with_obligations(triggers: list[Trigger]) -> list[Trigger]:
    """ "X said Y must [do]": X demands of Y, whether or not the deed is in the dictionary. A clause of obligation
    under a speech verb becomes a demand word of its own; what it governs is its act."""
    taken = {t.token.i for t in triggers}
    added = []
    for trigger in triggers:
        if trigger.frame != "say":
            continue
        for clause in trigger.token.children:
            if clause.dep_ == "ccomp" and clause.i not in taken and _obliged(clause):
                added.append(Trigger(clause, Match(_OBLIGATION, frozenset()), obligation=True))
    return sorted(triggers + added, key=lambda t: t.token.i) if added else triggers


def _obliged(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in DEONTIC for c in verb.children) and any(
        c.dep_ in SUBJECTS for c in verb.children
    )


def _words(reading: Reading, sentence: Span) -> list[Word]:
    """The sentence's words as patterns see them, read from the token table (no Token objects made)."""
    found = (_word(reading, i) for i in range(sentence.start, sentence.end))
    return [word for word in found if word is not None]


def _phrase_after(reading: Reading, token: Token) -> list[Word]:
    """The words after the trigger in its own phrase: its subtree, less other clauses and coordinated members.
    Read from the token table (no Token objects made)."""
    if not reading.children:
        _read_tree(reading)
    children, deps, outside, punct = reading.children, reading.deps, _outside_hashes(), _PUNCT_HASH
    words: list[Word] = []
    stack = [c for c in children[token.i] if c > token.i and deps[c] not in outside]
    while stack:
        i = stack.pop()
        word = _word(reading, i)
        if word is not None:
            words.append(word)
        stack.extend(c for c in children[i] if deps[c] not in outside or deps[c] == punct)
    words.sort(key=lambda w: w.i)
    return words


def _word(reading: Reading, i: int) -> Word | None:
    """Token ``i`` as a pattern sees it, None for punctuation and spaces. A time ("next week") fills no actor slot:
    it is no noun phrase an actor could be."""
    lower, lemma, pos, punct, space, entity = reading.forms[i]
    if punct or space:
        return None
    strings = reading.doc.vocab.strings
    return Word(i, strings[lower], strings[lemma].lower(), pos in _NOMINAL_POS and entity not in _TIMES)


def _read_tree(reading: Reading) -> None:
    """Each token's children and dependency label, as ints, for walks that make no Token objects."""
    table = reading.doc.to_array([HEAD, DEP]).astype("int64").tolist()
    reading.children = [[] for _ in table]
    reading.deps = [dep for _, dep in table]
    for i, (offset, _) in enumerate(table):
        if offset:
            reading.children[i + offset].append(i)


@cache
def _outside_hashes() -> frozenset[int]:
    return frozenset(get_string_id(label) for label in OUTSIDE_PHRASE)
