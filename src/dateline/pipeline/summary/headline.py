"""The headline: its text as it is best parsed, and its own clause, read in headline English.

The kicker of "Dunmore ferry fire: Police name crew" is parsed as a sentence apart. Headline English drops
auxiliaries ("Four [injured]", "depot [shelled] by rebels", also where the tagger reads the participle as a noun:
"Three [shot] in Kellsburg") and the tagger reads some verbs in -s as nouns ("Ostrova [lands] in Vienna"); all are
read as verbs. Quotations, subordinate clauses and a reporting verb ("..., says inspector") are passed over.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Doc, Token

from ...model import Article
from .candidates import Clause, clause_of, reported, reporting_lemmas
from .indexed import WORD, IndexedArticle
from .syntax import SUBORDINATE, in_word, quoted, subject

_KICKER_COLON = re.compile(r"(?<=\w):(?=\s)")  # "Dunmore ferry fire: Police name ...", not "10:30"


def headline_text(article: Article) -> str:
    """The title as it is best parsed. A kicker ends as a sentence does ("Dunmore ferry fire. Police name crew"),
    so the parser reads the headline after it as a clause of its own, not as an apposition to the kicker.
    In a headline written in Title Case ("Ferry Capsizes off Dunmore, Drowning 4") each word takes the case the
    article's text gives it ("Ferry capsizes off Dunmore, drowning 4"): a word the text never capitalises is no name.
    Same length as the title, so offsets into one are offsets into the other."""
    title = _KICKER_COLON.sub(".", article.title or "")
    words = list(WORD.finditer(title))
    capitalised = [w for w in words if w.group()[0].isupper()]
    if len(words) < 4 or len(capitalised) < 0.7 * len(words):
        return title
    usage = _case_usage(article.text)
    out = list(title)
    for word in words[1:]:
        lower, upper = usage.get(word.group().lower(), (0, 0))
        if word.group()[0].isupper() and upper <= lower and not word.group().isupper():
            out[word.start()] = out[word.start()].lower()
    return "".join(out)


def _case_usage(text: str) -> dict[str, tuple[int, int]]:
    """How often each word is written in lower case, and capitalised, in the middle of a sentence."""
    counts: dict[str, tuple[int, int]] = {}
    for match in WORD.finditer(text[:20000]):
        before = text[max(0, match.start() - 3) : match.start()].rstrip()
        if not before or before[-1] in ".!?\"“'‘:":
            continue  # the first word of a sentence says nothing about the word
        word = match.group()
        lower, upper = counts.get(word.lower(), (0, 0))
        counts[word.lower()] = (lower + 1, upper) if word.islower() else (lower, upper + 1)
    return counts


def headline_clause(article: IndexedArticle) -> Clause | None:
    """The headline's own clause: not a quotation, not a subordinate clause, with a doer."""
    if article.title is None:
        return None
    usable = [
        c
        for c in _headline_clauses(article.title, article.doc)
        if not _said_in_quotes(c)
        and not (c.doer is not None and c.doer.pos_ == "PRON" and article.entity_of(c.doer) is None)
    ]
    return min(usable, key=lambda c: (c.verb.dep_ != "ROOT", c.verb.i), default=None)


def _headline_clauses(title: Doc, doc: Doc) -> Iterator[Clause]:
    """The headline's main clauses (not subordinate ones), with the readings the tagger misses in headline English:
    a verb in -s read as a plural noun after its subject ("Mara Ostrova [lands] in Vienna", "Ferry [capsizes] off
    Dunmore"), when the article uses the word as a verb; and a passive without its auxiliary ("Dutch mission
    [shelled] in raid by rebels", "Commuters [outraged]", "Four [injured]"), also where the tagger reads the
    participle as a noun or an adjective ("Three [shot] in Kellsburg", "Kenya marathon [red-flagged]")."""
    for token in title:
        if token.tag_ == "NNS" and token.dep_ == "ROOT" and _verb_in(token.lower_, doc):
            before = _word_before(token)
            if before is not None:
                yield Clause(token, before, None, -1, doer_words=title[before.left_edge.i : token.i])
            continue
        if _misread_participle(token, doc):
            before = _word_before(token)
            if before is not None:
                yield Clause(token, _headline_agent(token), before, -1)
            continue
        if token.pos_ not in ("VERB", "AUX") or not token.tag_.startswith("VB"):
            continue
        if token.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in token.children):
            patient = subject(token) or (token.head if token.dep_ == "acl" and token.head.i < token.i else None)
            if patient is not None:
                yield Clause(token, _headline_agent(token), patient, -1)
                continue
        if token.dep_ in SUBORDINATE or any(c.dep_ == "mark" for c in token.children) or reported(token):
            continue  # a reporting verb gives way to what it reports ("Audit has found ..., says inspector")
        if token.lemma_ in reporting_lemmas() and token.dep_ in ("conj", "parataxis"):
            continue  # "..., claim residents"
        clause = clause_of(token, -1)
        if clause.doer is not None and clause.doer.pos_ == "PRON" and reported(token.head) == token:
            # "Putin says [he] will consider ...": the headline has no coreference
            clause = replace(clause, doer=subject(token.head))
        if clause.doer is not None and clause.doer.tag_ not in ("WP", "WDT") and clause.doer.left_edge.tag_ != "WDT":
            yield clause


def _said_in_quotes(clause: Clause) -> bool:
    """A quotation in a headline ("'I blame the board' Ostrova says"): the verb and its subject inside quote marks;
    scare quotes around the verb alone ("pilot 'froze'") do not count."""
    said_by = clause.patient if clause.patient is not None else clause.doer
    return quoted(clause.verb) and (said_by is None or quoted(said_by))


def _headline_agent(verb: Token) -> Token | None:
    """The doer of a headline passive: a name after "by" anywhere in it ("bombed in attack [by Taliban]")."""
    for token in verb.subtree:
        if token.lower_ == "by" and token.dep_ in ("agent", "prep"):
            name = next((c for c in token.children if c.dep_ == "pobj"), None)
            if name is not None and name.pos_ == "PROPN":
                return name
    return None


def _word_before(token: Token) -> Token | None:
    """The noun or number just before a headline verb the tagger misread (before all of it: "GP red-flagged"),
    and hanging from it: its subject, whatever the parser called the link."""
    first = token.i
    while first > 1 and in_word(token.doc[first - 1]):
        first -= 2
    words = [c for c in token.lefts if c.pos_ in ("NOUN", "PROPN", "NUM") and c.i < first]
    return words[-1] if words and words[-1].i == first - 1 else None


def _misread_participle(token: Token, doc: Doc) -> bool:
    """A headline's root the tagger reads as a noun or an adjective that is a past participle: one in -ed (not
    "speed", "bed"), or a word the text uses as a participle ("shot": "three men have been shot")."""
    if token.dep_ != "ROOT" or token.tag_ not in ("NN", "JJ"):
        return False
    word = token.lower_
    if word.endswith("ed") and not word.endswith("eed") and len(word) > 4:
        return True
    return any(t.tag_ == "VBN" and t.lower_ == word for t in doc[:3000])


def _verb_in(word: str, doc: Doc) -> bool:
    """Whether the text uses this -s word's stem as a verb ("capsizes": "the ferry capsized")."""
    stems = {word[:-1], word[:-2]} if word.endswith("es") else {word[:-1]}
    return any(verb_in_text(stem, doc) for stem in stems)


def verb_in_text(lemma: str, doc: Doc) -> bool:
    return any(t.pos_ == "VERB" and t.lemma_ == lemma for t in doc[:3000])
