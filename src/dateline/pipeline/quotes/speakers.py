"""Whom a cue word attributes to: the noun phrase in its speaker slot (data/cues.tsv), found through passives,
relative pronouns, shared subjects and the documents people put out, and never taken from another paragraph."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from ... import data
from ..cues import CueWord, cue_words
from .indexed import IndexedDoc

_RELATIVES = frozenset({"who", "that", "which"})
_OWN_CLAUSES = frozenset({"relcl", "acl", "ccomp", "csubj", "parataxis", "appos", "ROOT"})
_MENTION_STOPS = frozenset({"relcl", "acl", "advcl", "parataxis", "npadvmod"})
_DATELINE_DASHES = frozenset({"--", "—", "―"})  # "WASHINGTON -- President Obama said"


@dataclass(frozen=True, slots=True)
class SpeakerTokens:
    """The tokens that name the speaker, and those of what a relative pronoun among them stands for."""

    tokens: tuple[int, int]  # [start, end)
    refers: tuple[int, int] | None = None  # what a relative pronoun stands for, to resolve instead


def cue_speaker(cue: Token, word: CueWord) -> SpeakerTokens | None:
    """Whom a cue word attributes to: the phrase in its speaker slot, its subject or agent ("said by Y") by default."""
    if word.speaker == "nsubj":
        subject = agent_of(cue) or subject_of(cue)
    else:
        preposition = word.speaker.removeprefix("prep:")
        phrase = next((c for c in cue.children if c.dep_ == "prep" and c.lower_ == preposition), None)
        subject = prep_object(phrase) if phrase is not None else None
        subject = subject if subject is not phrase else None
    if subject is None:
        return None
    if subject.lower_ in _RELATIVES and subject.head.dep_ == "relcl":
        antecedent = noun_phrase(subject.head.head)
        if subject.lower_ == "that":
            return SpeakerTokens(antecedent)  # "towns that reject …": the towns
        return SpeakerTokens(noun_phrase(subject), antecedent)  # "Putin, who said": "who", and it is Putin
    return SpeakerTokens(noun_phrase(subject))


def agent_of(cue: Token) -> Token | None:
    """Y in "X was endorsed by Y"."""
    for child in cue.children:
        if child.dep_ == "agent":
            target = prep_object(child)
            return target if target is not child else None
    return None


def subject_of(cue: Token) -> Token | None:
    """The verb's subject, or the one it shares: "Putin said, adding …", "he spoke and said …", "urged him to say",
    "a letter calling …"; never from another paragraph."""
    subject = _shared_subject(cue) or _name_before(cue)
    if subject is None or any("\n" in t.text for t in cue.doc[min(subject.i, cue.i) : max(subject.i, cue.i)]):
        return None
    return subject


def _name_before(cue: Token) -> Token | None:
    """ "… the members of the council Ostrova said": a name right before the cue that the parser took elsewhere."""
    before = cue.doc[cue.i - 1] if cue.i > 0 else None
    return before if before is not None and before.pos_ == "PROPN" and cue.tag_ in ("VBD", "VBZ") else None


def _shared_subject(verb: Token) -> Token | None:
    for _ in range(5):
        subjects = [child for child in verb.children if child.dep_ == "nsubj"]
        if subjects:
            return min(subjects, key=lambda child: abs(child.i - verb.i))  # a quotation may pass for one too
        head = verb.head
        if _acts_of_the_reporter(verb):
            verb = head.head  # "X said [Y grew], citing …", "X tweeted that [Y was …] and urged …": X's acts
            continue
        if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
            return _issuer(head)
        if verb.dep_ == "xcomp":
            person = next((c for c in head.children if c.dep_ == "dobj" and c.pos_ in ("PROPN", "PRON")), None)
            if person is not None:
                return person  # she pressed Lind to admit …: Lind admits
        if verb.dep_ in ("advcl", "conj", "xcomp") or (verb.dep_ == "ccomp" and verb.tag_ == "VBG"):
            verb = head
        elif verb.dep_ == "pcomp":
            verb = head.head
        else:
            return _nearest_subject(verb)
        if verb == verb.head and verb.dep_ != "ROOT":
            return None
    return None


def _issuer(document: Token) -> Token:
    """Who put out the statement, tweet or letter that speaks ("Ostrova sent a string of letters attacking …"):
    the subject of the verb it is the object of, else the document itself."""
    noun = document
    if noun.dep_ == "pobj" and noun.head.head.dep_ == "dobj":
        noun = noun.head.head
    if noun.dep_ == "dobj":
        subject = _shared_subject(noun.head)
        if subject is not None:
            return subject
    return document


def _nearest_subject(token: Token) -> Token | None:
    """The subject of the nearest clause up the tree ("Ostrova is eager [to remind …]"), not past a clause of its
    own ("the man [who …]", "said [that …]")."""
    for _ in range(6):
        if token.dep_ in _OWN_CLAUSES or token.head == token:
            return None
        token = token.head
        subject = next((child for child in token.children if child.dep_ == "nsubj"), None)
        if subject is not None:
            return subject
    return None


def _acts_of_the_reporter(verb: Token) -> bool:
    """A conjunct or participle the parser hung on reported content that belongs with the reporting verb."""
    head = verb.head
    if head.dep_ != "ccomp" or head.head.lemma_ not in cue_words():
        return False
    return verb.dep_ == "conj" or (verb.dep_ == "advcl" and verb.tag_ == "VBG")


def noun_speaker(cue: Token) -> SpeakerTokens | None:
    """Whose claim: "Lind's claim", "a claim by Lind", "the Russian claim", "Lind made the claim", "Lind
    persisted in his claim"."""
    for child in cue.children:
        if child.dep_ == "poss" or (child.dep_ == "compound" and child.pos_ == "PROPN"):
            return SpeakerTokens(noun_phrase(child))
        if child.dep_ == "amod" and child.ent_type_ in ("NORP", "GPE", "ORG"):
            return SpeakerTokens((child.i, child.i + 1))
        if child.dep_ == "prep" and child.lower_ in ("by", "from") and prep_object(child) is not child:
            return SpeakerTokens(noun_phrase(prep_object(child)))
    within = cue.dep_ == "pobj" and cue.head.lower_ in ("in", "with") and cue.head.head.pos_ == "VERB"
    if cue.dep_ == "dobj" and cue.head.lemma_ in receivers():
        return None  # "X faced questions": not X's questions
    if cue.dep_ == "dobj" or within:
        subject = subject_of(cue.head.head if within else cue.head)
        return SpeakerTokens(noun_phrase(subject)) if subject is not None else None
    return None


@cache
def receivers() -> frozenset[str]:
    return frozenset(row[0].strip() for row in data.rows("quote_receivers.tsv"))


def colon_speaker(indexed: IndexedDoc, first: int, last: int) -> tuple[int, int] | None:
    """The speaker of a colon with no cue word: the head noun of what precedes it ("Ostrova on the radio:"), or the
    subject of its verb ("Lind gave this answer:")."""
    for token in indexed.doc[first:last]:
        if not (token.head.i < first or token.head.i >= last or token.head == token):
            continue
        if token.pos_ in ("PROPN", "PRON"):
            return noun_phrase(token)
        subject = subject_of(token) if token.pos_ in ("VERB", "AUX") else None
        return noun_phrase(subject) if subject is not None else None
    return None


def noun_phrase(head: Token) -> tuple[int, int]:
    """Tokens of the noun phrase a speaker heads, within its paragraph and without its clauses ("Putin, speaking at
    …, said"), its parentheses ("Lind (D-Ore.)") or a dateline before it ("OTTAWA -- Senator Lind")."""
    doc = head.doc
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in _MENTION_STOPS or child.text in ("(", "[") or (child.dep_ == "conj" and head.pos_ == "PRON"):
            break
        if child.dep_ != "punct":
            end = child.right_edge.i + 1
    end = next((t.i for t in doc[head.i : end] if "\n" in t.text), end)
    start = head.left_edge.i
    start = max([t.i + 1 for t in doc[start : head.i] if "\n" in t.text or t.text in _DATELINE_DASHES], default=start)
    while start < head.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > head.i + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


def prep_object(prep: Token) -> Token:
    for child in prep.children:
        if child.dep_ in ("pobj", "pcomp"):
            return child
    return prep
