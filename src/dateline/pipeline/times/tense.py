"""The tense an expression is told in, read from the verb it hangs from in the parse: whether a recurring name
("Monday", "March") points back or ahead."""

from __future__ import annotations

from spacy.tokens import Token

from .grammar import Words


def tense_of(token: Token, words: Words) -> int:
    """-1 past, +1 future, 0 unknown. Climb from the expression to the verb it hangs from and read that verb's
    tense. "since" makes it past; a limit ("until", "extended to", "payable", "expire") right above the expression
    may lie ahead of a past verb, so there a past verb does not count."""
    limit = False
    for step in range(8):
        lemma = token.lemma_.lower()
        if step and lemma in words["since_word"]:
            return -1
        limit = limit or (0 < step <= 2 and lemma in words["limit_word"])
        if token.pos_ in ("VERB", "AUX"):
            tense = _verb_tense(token, words)
            return 0 if limit and tense < 0 else tense
        if lemma in words["future_cue"]:
            return 1  # "the upcoming vote", "next Thursday's meeting"
        if token.head == token:  # the root; spaCy makes a new Token object each time, so `is` never holds
            return 0
        token = token.head
    return 0


def _verb_tense(verb: Token, words: Words, depth: int = 0, seen: frozenset[int] = frozenset()) -> int:
    """The tense of a verb, read from the verbs above it where its own form does not tell. ``seen`` holds the tokens
    climbed from, so that the climb stops at the root (which heads itself) and on any cycle a parse may have."""
    seen |= {verb.i}
    above = verb.head if verb.head.i not in seen else None
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    if any(aux.lower_ == "had" for aux in auxiliaries):
        return -1  # "had been scheduled for Friday": that Friday has passed
    if verb.lemma_.lower() in words["future_cue"]:
        return 1  # "scheduled for Thursday", "expects to announce"
    if any(aux.lower_ in words["future_aux"] or aux.tag_ == "MD" for aux in auxiliaries):
        return 1  # will, 'll; would, could, may: what the text presents as not yet done
    if any(aux.lower_ == "to" for aux in auxiliaries):
        # a headline's "Copper to extend its slide on Friday": the infinitive heads the sentence, its "to" is "will"
        return 1 if above is None else _infinitive_tense(above, words, seen)
    if any(aux.tag_ == "VBD" for aux in auxiliaries) or verb.tag_ == "VBD":
        return -1
    participle = verb.tag_ in ("VBG", "VBN") and not auxiliaries and verb.dep_ in ("advcl", "acl", "conj", "xcomp")
    if participle and above is not None and above.pos_ in ("VERB", "AUX") and depth < 4:
        return _verb_tense(above, words, depth + 1, seen)  # "..., rising from $29 in March": the clause's tense
    if verb.tag_ == "VBN" and (not auxiliaries or any(aux.lemma_ == "have" for aux in auxiliaries)):
        return -1
    return 0


def _infinitive_tense(head: Token, words: Words, seen: frozenset[int]) -> int:
    """An infinitive is still to come after "is to", "set to", "plans to", unless that frame is itself in the
    past perfect ("had been due to end"). After any other verb it is what that verb aimed at, so a past verb
    does not date it ("agreed to buy the bank in January", written in November): only a future one counts."""
    verb = head if head.pos_ in ("VERB", "AUX") else head.head  # "due to": the verb above the adjective
    if verb.pos_ not in ("VERB", "AUX") or verb.i in seen:
        return 0
    frame = head.lemma_.lower()
    if (frame in words["future_frame"] or frame in words["future_cue"]) and not any(
        child.lower_ == "had" for child in verb.children
    ):
        return 1  # "is to", "set to"; "willing to", "ready to", "agreed to": what they govern is still to come
    return max(_verb_tense(verb, words, seen=seen | {head.i}), 0)
