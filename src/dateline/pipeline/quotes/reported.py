"""Reported speech: what a cue word reports, read from the dependency parse.

The complement of a cue verb ("said [that …]", "accused X [of …]") or the clause a parenthetical cue interrupts
("…, according to X", "as X noted, …") is reported speech: *mixed* when it holds a quoted fragment, *indirect* when it
holds none. Cue words are speech, but also beliefs, evidence, intent and stance ("fears [that …]", "a poll shows
[…]", "refused [to …]", "opposes […]"), and nouns ("her support [for …]", "his claim [that …]"); each carries its
class. A relative pronoun as the object reports what it stands for ("[the plan that X described as …]"), a passive
takes its subject in ("[X was rated as false]"). Cue words inside a quotation are the speaker's own words, not
attributions.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from ..cues import CueWord, cue_words
from ..quotemarks import QUOTE_TOKENS
from .found import Attribution, FoundQuote, cue_chars, trimmed, with_quote_marks
from .indexed import IndexedDoc
from .speakers import SpeakerTokens, agent_of, cue_speaker, noun_speaker, prep_object

_OBJECTS = frozenset({"dobj", "pobj", "oprd"})
_PREDICATE_TAIL = frozenset({"prep", "advmod", "npadvmod", "oprd", "acomp", "xcomp", "dative"})
_ADJUNCTS = frozenset({"during", "since", "after", "before", "at"})
_CUE_PHRASE = frozenset({"npadvmod", "advmod", "prep", "dative"})
_RELATIVE_OBJECTS = frozenset({"that", "which", "what", "whom"})
_NOUN_CLAUSES = frozenset({"acl", "ccomp", "appos"})
_ASIDE_MARKS = frozenset({",", "—", "–", "―", "--"})
_ASIDES = frozenset({"relcl", "appos", "acl", "advcl", "npadvmod"})


def reported_speech(indexed: IndexedDoc, taken: set[int | None]) -> Iterator[FoundQuote]:
    """What each cue word outside quotations reports, in its paragraph, with its speaker; cue tokens in ``taken``
    already attribute a direct quote."""
    doc = indexed.doc
    for i, word in indexed.cues.items():
        token = doc[i]
        if i in taken or indexed.quote_around(token.idx) is not None or _to_the_reader(token):
            continue
        if token.pos_ == "NOUN":
            content = _noun_content(token, word, indexed)
        elif token.pos_ in ("VERB", "ADJ") or word.speaker != "nsubj":
            content = _content(token, word, indexed)
        else:
            continue
        if content is None:
            continue
        para = indexed.paragraph(token.idx)
        content = max(content[0], indexed.token_from(para.start)), min(content[1], indexed.token_from(para.end))
        span = with_quote_marks(indexed, *trimmed(doc, *content))
        if span is None:
            continue
        start, end, kind, parts = span
        speaker = noun_speaker(token) if token.pos_ == "NOUN" else cue_speaker(token, word)
        if speaker is not None and speaker.tokens[0] < content[0] < speaker.tokens[1]:
            speaker = SpeakerTokens((speaker.tokens[0], content[0]), speaker.refers)
        yield FoundQuote(start, end, kind, Attribution(cue_chars(token, word), i, speaker), parts)


def _to_the_reader(cue: Token) -> bool:
    """The writer asks or tells the reader something ("Imagine that …", "Do you think …?"): no one is reported."""
    if cue.pos_ != "VERB" or cue.dep_ != "ROOT":
        return False
    subjects = [child.lower_ for child in cue.children if child.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:
        return cue.tag_ == "VB" and not any(child.dep_ in ("aux", "auxpass") for child in cue.children)
    return subjects == ["you"] and cue.sent.text.rstrip().endswith("?")


def _content(cue: Token, word: CueWord, indexed: IndexedDoc) -> tuple[int, int] | None:
    """Tokens [start, end) of what the cue reports."""
    if _unattributed_participle(cue):
        return None
    if "head" in word.content and _interrupts(cue):
        return _split_sentence(cue)
    relative = _relative_object(cue, word)
    if relative is not None:
        slots = word.content + word.joined
        tail = [c.right_edge.i + 1 for c in cue.rights if _slot(c) in slots and not _stranded(c)]
        start = relative.left_edge.i
        return start, _without_aside(cue.doc, start, min(tail, default=cue.i + 1), indexed)
    picked = _complements(cue, word, indexed)
    if picked is None:
        return None
    if not picked and cue.dep_ == "acl" and agent_of(cue) is not None and "dobj" in word.content:
        return cue.head.left_edge.i, cue.i  # "[a forecast] echoed by many", its object; not "a report seen by us"
    if picked:
        picked += [child for child in cue.children if _slot(child) in word.joined]
        picked = [prep_object(child) if child.dep_ == "prep" else child for child in picked]
        start, end = min(c.left_edge.i for c in picked), max(_clause_end(c, indexed) for c in picked)
        if all(c.dep_ in _OBJECTS for c in picked):
            end = _rest_of_predicate(cue, end)
        elif all(c.i < cue.i for c in picked):
            end = max(end, _continued(cue, indexed))
        return start, _without_aside(cue.doc, start, end, indexed)
    if "head" not in word.content and not (cue.dep_ == "advcl" and "ccomp" in word.content):
        return None  # but "as X noted, …" is parenthetical for any verb that reports a clause
    if _parenthetical(cue):
        return _around(cue, whole_sentence=word.speaker != "nsubj")
    if word.speaker != "nsubj" and cue.dep_ == "ROOT":
        return _after_phrase(cue)
    return _fronted(cue)


def _relative_object(cue: Token, word: CueWord) -> Token | None:
    """What the cue reports when its object is a relative pronoun: the noun it stands for ("[a fire that the
    warden described as arson]") or the free relative itself ("[what he called a farce]")."""
    if "dobj" not in word.content + word.joined:
        return None
    pronoun = next((c for c in cue.lefts if c.dep_ == "dobj" and c.lower_ in _RELATIVE_OBJECTS), None)
    if pronoun is None:
        return None
    if pronoun.lower_ == "what":
        return pronoun
    return cue.head if cue.dep_ == "relcl" and cue.head.pos_ in ("NOUN", "PROPN") else None


def _continued(cue: Token, indexed: IndexedDoc) -> int:
    """Where reported content that went before its cue goes on after it: "[Prices rose, the bank said, and wages
    fell]", "[Lind is “honest,” she wrote, and “patient.”]"; a clause with a cue of its own is another report."""
    for child in cue.rights:
        if child.dep_ != "conj" or child.i in indexed.cues:
            continue
        if child.pos_ not in ("VERB", "AUX") or any(c.dep_ == "nsubj" for c in child.children):
            return child.right_edge.i + 1  # not "…, he said, and left": the speaker's next act
    return 0


def _rest_of_predicate(cue: Token, end: int) -> int:
    """Where a noun-phrase content ends with what the parser hung on the cue after it: "backed [Ostrova in the
    runoff]", "cited [the law in a speech]", "shows [her with a flag raised]"."""
    for child in cue.rights:
        if child.i < end:
            continue
        if child.dep_ not in _PREDICATE_TAIL or child.left_edge.i != end or child.lower_ in _ADJUNCTS:
            break
        end = child.right_edge.i + 1
    return end


def _unattributed_participle(cue: Token) -> bool:
    """A participle that modifies a noun with no one behind it ("a ferry called Silver Gull", "the plan announced in
    May") names or describes a thing; "a forecast echoed by many" still has its speaker. In a sentence with no verb
    of its own the parser has mistaken the main verb for such a participle ("One of the neighbours called him a
    liar.")."""
    if cue.tag_ != "VBN" or agent_of(cue) is not None:
        return False
    if cue.dep_ == "prep":
        return True  # "…, compared with 11 percent": a preposition
    return cue.dep_ == "acl" and cue.sent.root.pos_ in ("VERB", "AUX")


def _complements(cue: Token, word: CueWord, indexed: IndexedDoc) -> list[Token] | None:
    """The cue's children that hold what it reports (what follows it first: "X said [Y]", then "[Y], X said");
    None when they are an attribution of their own that the cue only repeats ("Putin said it was “…,” he said")."""
    picked = [child for child in cue.children if _slot(child) in word.content and not _stranded(child)]
    if not picked and word.kind == "speech":
        picked = [child for child in cue.rights if child.dep_ == "dobj" and _quotes_in(child, indexed)]  # chanted "…"
    after = [child for child in picked if child.i > cue.i]
    picked = after or (picked if "head" in word.content or _set_off_before(cue) else [])
    if agent_of(cue) is not None or (picked and any(child.dep_ == "auxpass" for child in cue.children)):
        picked += [child for child in cue.lefts if child.dep_ == "nsubjpass"]  # "X was endorsed by Y", "X is expected"
    if len(picked) == 1 and picked[0].i < cue.i and _reports(picked[0], indexed):
        return None
    return [child for child in picked if not _reports(child, indexed)] or picked  # "X said A and Y accused B"


def _around(cue: Token, whole_sentence: bool) -> tuple[int, int] | None:
    """The clause a parenthetical cue interrupts, less the cue's phrase when it stands at either end; for "according
    to X", which the parser may hang on any phrase, the sentence."""
    subjects = [child.left_edge.i for child in cue.lefts if child.dep_ in ("nsubj", "nsubjpass", "mark")]
    own = range(min(subjects, default=cue.left_edge.i), cue.right_edge.i + 1)  # "Though A, he said, B": A is told
    clause = cue.head
    while clause.pos_ not in ("VERB", "AUX") and clause.head != clause:  # hung on the subject: "X, he said, is Y"
        clause = clause.head
    while cue.dep_ == "parataxis" and clause.dep_ == "advcl" and clause.head.i > cue.i:  # "Though A, he said, B"
        clause = clause.head
    around = cue.sent if whole_sentence else clause.subtree
    words = [t.i for t in around if t.i not in own and not t.is_punct and not t.is_space]
    before = [i for i in words if i < own.start]
    after = [i for i in words if i >= own.stop]
    if before and after:
        return before[0], after[-1] + 1
    if before:
        return before[0], own.start
    return (own.stop, after[-1] + 1) if after else None


def _after_phrase(cue: Token) -> tuple[int, int] | None:
    """ "According to X, …" where the parser made the phrase the root: what follows its comma."""
    sentence = cue.sent
    comma = next((t.i for t in cue.doc[cue.i : sentence.end] if t.text == ","), None)
    return (comma + 1, sentence.end) if comma is not None and comma + 1 < sentence.end else None


def _split_sentence(cue: Token) -> tuple[int, int]:
    """The sentence an attribution splits, less a fronted phrase with no verb ("During his years in office, …")."""
    sentence = cue.sent
    subject = min(child.left_edge.i for child in cue.lefts if child.dep_ == "nsubj")
    before = cue.doc[sentence.start : subject]
    if any(t.pos_ in ("VERB", "AUX") for t in before):
        return sentence.start, sentence.end
    after = next((t.i for t in cue.doc[cue.i : sentence.end] if t.text == ","), sentence.end - 1)
    return after + 1, sentence.end


def _quotes_in(phrase: Token, indexed: IndexedDoc) -> bool:
    return any(indexed.quote_around(t.idx) is not None for t in (phrase.left_edge, phrase, phrase.right_edge))


def _set_off_before(cue: Token) -> bool:
    """A comma stands between what went before and the cue's clause: "[…], experts believe", "“[…],” said X"."""
    first = min((child.left_edge.i for child in cue.lefts if child.dep_ == "nsubj"), default=cue.i)
    while first > 0 and cue.doc[first - 1].text in QUOTE_TOKENS:
        first -= 1
    return first > 0 and cue.doc[first - 1].text == ","


def _noun_content(cue: Token, word: CueWord, indexed: IndexedDoc) -> tuple[int, int] | None:
    """What a cue noun reports: its that-clause ("Ostrova's claim [that the dam had cracked]"), or the
    slot data/cues.tsv names for it ("her support for [the bill]", "his refusal [to testify]")."""
    for child in cue.rights:
        slot = _noun_slot(child)
        if slot == "that" or slot in word.content:
            content = prep_object(child) if child.dep_ == "prep" else child
            if content is child and child.dep_ == "prep":
                continue
            start, end = content.left_edge.i, _clause_end(content, indexed)
            return start, _without_aside(cue.doc, start, end, indexed)
    return None


def _noun_slot(child: Token) -> str:
    """Where a noun's child hangs, in the terms of data/cues.tsv: a that-clause, "to"-clause (xcomp) or preposition."""
    if child.dep_ == "prep":
        return f"prep:{child.lower_}"
    if child.dep_ in _NOUN_CLAUSES and child.pos_ in ("VERB", "AUX"):
        first = child.left_edge.lower_
        return "that" if first == "that" else "xcomp" if first == "to" else child.dep_
    return child.dep_


def _interrupts(cue: Token) -> bool:
    """The attribution splits the sentence: "Though the move was smooth, he said, a change now would be bitter"."""
    if cue.dep_ != "ROOT":
        return False
    doc, sentence = cue.doc, cue.sent
    subjects = [child for child in cue.lefts if child.dep_ == "nsubj"]
    if len(subjects) != 1 or subjects[0].left_edge.i - 1 <= sentence.start:
        return False
    after = cue.i + 1
    while after < sentence.end and doc[after].dep_ in _CUE_PHRASE and doc[after].head == cue:
        after = doc[after].right_edge.i + 1  # "X, he said on Friday in a statement, Y"
    return (
        doc[subjects[0].left_edge.i - 1].text == ","
        and after + 1 < sentence.end - 1
        and doc[after].text == ","
        and not doc[after + 1].is_punct
    )


def _reports(clause: Token, indexed: IndexedDoc) -> bool:
    """A clause that is itself an attribution, with its own cue, subject and content."""
    word = cue_words().get(clause.lemma_)
    if word is None or word.kind != "speech" or clause.pos_ != "VERB":
        return False
    return any(child.dep_ == "nsubj" for child in clause.children) and _content(clause, word, indexed) is not None


def _clause_end(clause: Token, indexed: IndexedDoc) -> int:
    """Where a content clause ends: its subtree, short of a clause that hangs loosely from it and attributes
    something of its own ("…, and the coach said no", "…, citing …", "…, which he said …") and of a semicolon."""
    doc = clause.doc
    end = clause.right_edge.i + 1
    for token in doc[clause.left_edge.i : end]:
        if token.text == ";" and token.head == clause:
            return token.i
        word = indexed.cues.get(token.i)
        if word is None or token.i < clause.i or token.pos_ != "VERB" or indexed.quote_around(token.idx):
            continue
        if _loose_link(token, clause) is token and _content(token, word, indexed) is not None:
            return token.left_edge.i
    return end


def _without_aside(doc: Doc, start: int, end: int, indexed: IndexedDoc) -> int:
    """Where content ends without the writer's aside set off at its end by a comma or a dash: "…, who is 64",
    "…, which made him miss the vote", "… — a nod to …"."""
    for i in range(start + 2, end - 1):
        mark = doc[i]
        if mark.text not in _ASIDE_MARKS or indexed.quote_around(mark.idx) is not None:
            continue
        aside = doc[i + 1 : end]
        heads = [t for t in aside if not t.is_punct and not i < t.head.i < end]
        if len(heads) != 1 or heads[0].dep_ not in _ASIDES or (heads[0].dep_ == "advcl" and heads[0].tag_ != "VBG"):
            continue
        if not any(t.text in QUOTE_TOKENS for t in aside):  # a quotation there is what the speaker said
            return i
    return end


def _reporting(verb: Token) -> bool:
    """A verb of reporting proper, or one with a subject of its own ("and Democrats accused …")."""
    word = cue_words().get(verb.lemma_)
    if word is not None and word.kind == "speech" and "ccomp" in word.content:
        return True
    return any(child.dep_ == "nsubj" for child in verb.children)


def _loose_link(token: Token, clause: Token) -> Token | None:
    """The clause between ``token`` and ``clause`` that is coordinated or set off by a comma, if any."""
    while token != clause and token.head != token:
        if token.dep_ == "conj" and not any(c.dep_ == "mark" for c in token.children) and _reporting(token):
            return token  # "and that …" goes on reporting; "and warned …" is the speaker's next act
        if token.dep_ in ("parataxis", "advcl", "relcl") and _after_comma(token):
            return token
        token = token.head
    return None


def _after_comma(clause: Token) -> bool:
    first = clause.left_edge.i
    return first > 0 and clause.doc[first - 1].text == ","


def _fronted(cue: Token) -> tuple[int, int] | None:
    """ "Teachers like Ada, she said.": what stands before the subject of a sentence-final cue, when the parse gives it
    no content relation."""
    subject = next((child for child in cue.lefts if child.dep_ == "nsubj"), None)
    if cue.dep_ != "ROOT" or subject is None:
        return None
    before = [child for child in cue.lefts if child.i < subject.i and child.dep_ in ("dep", "ccomp", "advcl", "attr")]
    if not before or subject.left_edge.i == 0 or cue.doc[subject.left_edge.i - 1].text != ",":
        return None
    return min(c.left_edge.i for c in before), subject.left_edge.i - 1


def _slot(child: Token) -> str:
    if child.dep_ == "prep":
        return f"prep:{child.lower_}"
    if child.dep_ == "advcl" and child.i > child.head.i:
        first = child.left_edge.lower_  # the parser's advcl for "tweeted [that …]" / "told them [to …]"
        if first == "that" or (_finite(child) and not any(c.dep_ in ("mark", "advmod") for c in child.children)):
            return "ccomp"  # or "said after the vote [he would go]"
        return "xcomp" if first == "to" else "advcl"
    return child.dep_


def _finite(clause: Token) -> bool:
    """A clause with a subject of its own and a tensed verb or a modal."""
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
        return False
    return clause.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
        c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in clause.children if c.dep_ in ("aux", "auxpass")
    )


def _stranded(child: Token) -> bool:
    """A preposition with no object of its own ("what we know [about]")."""
    return child.dep_ == "prep" and child.n_rights == 0


def _parenthetical(cue: Token) -> bool:
    """ ", he said," and ", according to X," interrupt a clause rather than govern it."""
    if cue.dep_ in ("parataxis", "prep"):
        return cue.head != cue
    return cue.dep_ == "advcl" and any(child.dep_ == "mark" and child.lower_ == "as" for child in cue.children)
