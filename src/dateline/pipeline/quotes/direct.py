"""Direct quotes: quotations that stand as sentences, and the attribution beside them.

A quotation that stands as its own sentence is a *direct* quote, attributed by the clause beside it ("…,” he said" /
"He said: “…”"), by a signing dash ("“…” ― Name") or by a paragraph above that ends in a colon; with nothing beside
it, by the attribution just before it ("…,” he said. “…”" is one quote in two parts). A quoted fragment inside
running text is left to reported speech.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

from spacy.tokens import Token

from ..cues import CueWord
from ..quotemarks import QUOTE_TOKENS, SENTENCE_END, Quoted
from .found import Attribution, FoundQuote, cue_chars, token_chars
from .indexed import IndexedDoc
from .speakers import SpeakerTokens, colon_speaker, cue_speaker, subject_of

_SIGNATURE = re.compile(
    r"[\s\xa0]*(?P<dash>―|—|--)[\s\xa0]*(?P<name>[A-Z][\w.’'-]*(?:[ \xa0]+[\w.’'-]+){0,5}?)[\s\xa0.]*$"
)
_JOINING = frozenset({"but", "and"})
_NOMINAL = frozenset({"PROPN", "NOUN", "DET", "ADJ", "NUM", "PART"})
_BETWEEN_SENTENCES = " \t.,;!?"
_SENTENCE_STOPS = frozenset({".", "!", "?", ";"})


def direct_quotes(indexed: IndexedDoc, labelled: list[FoundQuote]) -> tuple[list[FoundQuote], list[Quoted]]:
    """Quotations that stand as sentences, with their attributions; and those with none beside them (orphans)."""
    found: list[FoundQuote] = []
    orphans: list[Quoted] = []
    done = [(f.start, f.end) for f in labelled]
    for quoted in indexed.quoted:
        if any(start < quoted.close and quoted.open < end for start, end in done):
            continue
        previous = found[-1] if found else None
        stands, attribution = _beside(indexed, quoted, previous)
        if not stands:
            continue  # a quoted fragment inside running text: reported speech, read from the parse
        if previous is not None and _continues(indexed, previous, quoted, attribution):
            _extend(previous, quoted)
            continue
        if attribution is None:
            orphans.append(quoted)
            continue
        found.append(
            FoundQuote(quoted.pieces[0].start, quoted.pieces[-1].end, "direct", attribution, list(quoted.pieces))
        )
        found[-1].close = quoted.close
    return found, orphans


def _beside(indexed: IndexedDoc, quoted: Quoted, previous: FoundQuote | None) -> tuple[bool, Attribution | None]:
    """Whether a quotation stands as its own sentence (nothing before it in its sentence but an introduction ending
    in a colon or a comma), and the attribution beside it: before, after, or in the paragraph above."""
    para = indexed.paragraph(quoted.open)
    floor = max(para.start, previous.close if previous and previous.close > para.start else para.start)
    lead_start = sentence_start(indexed.text, max(floor, quoted.open - indexed.settings.lead_chars), quoted.open)
    lead = indexed.text[lead_start : quoted.open].rstrip()
    if previous is not None and _goes_on(previous, lead, lead_start):
        return True, previous.attribution
    if lead and lead[-1] not in ":,":
        return False, None
    attribution = lead_attribution(indexed, lead_start, quoted.open) if lead else None
    if lead.endswith(",") and attribution is None:
        return False, None
    return True, attribution or _tail_attribution(indexed, quoted) or _colon_paragraph(indexed, quoted)


def _goes_on(previous: FoundQuote, lead: str, lead_start: int) -> bool:
    """“…,” he said, but “…”: the attribution between two quotations, and a conjunction, join them into one."""
    words = lead.rsplit(None, 1)
    if len(words) < 2 or words[1] not in _JOINING or not words[0].endswith(","):
        return False
    return lead_start <= previous.attribution.cue[0] < lead_start + len(lead)


def _extend(found: FoundQuote, quoted: Quoted) -> None:
    found.parts.extend(quoted.pieces)
    found.end = quoted.pieces[-1].end
    found.close = quoted.close
    if found.kind == "indirect":
        found.kind = "mixed"


def adopt(indexed: IndexedDoc, orphans: list[Quoted], found: list[FoundQuote]) -> None:
    """A quotation with no attribution of its own, in the sentence after one ("The treaty offers “too few,” she
    added. “The islands lose the most.”"), goes on that quote."""
    ends = sorted(found, key=lambda f: f.end)
    offsets = [f.end for f in ends]
    for quoted in orphans:
        n = bisect_right(offsets, quoted.open)
        if n and (previous := ends[n - 1]).attribution.cue_token is not None:
            previous.close = max(previous.close, previous.end)
            if _continues(indexed, previous, quoted, None):
                _extend(previous, quoted)


def _continues(indexed: IndexedDoc, previous: FoundQuote, quoted: Quoted, attribution: Attribution | None) -> bool:
    """“…,” he said, “…” and “…,” he said. “…” are one quote in two parts, in one paragraph."""
    if indexed.paragraph(previous.close) != indexed.paragraph(quoted.open):
        return False
    if attribution is not None:
        return attribution.cue_token is not None and attribution.cue_token == previous.attribution.cue_token
    cue = previous.attribution.cue_token
    if cue is None or not previous.close <= indexed.doc[cue].idx < quoted.open:
        return not indexed.text[previous.close : quoted.open].strip()  # He said: “…” “…”
    return not indexed.text[indexed.doc[cue].sent.end_char : quoted.open].strip(_BETWEEN_SENTENCES)


def sentence_start(text: str, floor: int, end: int) -> int:
    """Where the sentence that runs up to ``end`` starts, looking back no further than ``floor``."""
    start = floor
    for match in SENTENCE_END.finditer(text, floor, end):
        start = match.end()
    return start


def lead_attribution(indexed: IndexedDoc, start: int, end: int) -> Attribution | None:
    """He said: “…” / Putin told reporters, “…” / adding: “…”; a colon with no cue word is the cue itself."""
    first, last = indexed.token_from(start), indexed.token_from(end)
    for i in range(last - 1, first - 1, -1):
        word = indexed.cues.get(i)
        token = indexed.doc[i]
        if word is not None and token.pos_ == "VERB" and _governs_rest(token, last):
            return Attribution(token_chars(token), i, cue_speaker(token, word))
    colon = indexed.text.rfind(":", start, end)
    if colon < 0 or indexed.text[colon + 1 : end].strip():
        return None
    mention = colon_speaker(indexed, first, indexed.token_at(colon))
    return Attribution((colon, colon + 1), None, SpeakerTokens(mention) if mention else None)


def _governs_rest(cue: Token, end: int) -> bool:
    """Everything from the cue to the quotation hangs from the cue ("said in a statement on Friday:"), not from the
    quotation ("said that proposals, delivered to X, “are not …”" is reported speech with a quoted fragment)."""
    for token in cue.doc[cue.i + 1 : end]:
        if token.is_punct or token.is_space:
            continue
        head = token
        while head != cue:
            if head.i <= cue.i or head.i >= end or head.head == head:
                return False
            head = head.head
    return True


def _tail_attribution(indexed: IndexedDoc, quoted: Quoted) -> Attribution | None:
    """“…,” he said / “…,” said Putin, who … / “…” ― Name / “…,” according to X: a clause that opens right after."""
    signed = _signature(indexed, quoted)
    if signed is not None:
        return signed
    doc = indexed.doc
    first = indexed.token_from(quoted.close)
    while first < len(doc) and doc[first].text == ",":
        first += 1
    if first >= len(doc) or "\n" in indexed.text[quoted.close : doc[first].idx]:
        return None
    for i in range(first, min(first + indexed.settings.tail_window, len(doc))):
        token = doc[i]
        if token.text in _SENTENCE_STOPS or "\n" in token.text or token.text in QUOTE_TOKENS:
            return None
        word = indexed.cues.get(i)
        if word is None or (token.pos_ != "VERB" and word.speaker == "nsubj"):
            continue
        if _opens_at(token, word, first):
            return Attribution(cue_chars(token, word), i, cue_speaker(token, word))
        if _names_only(doc[first:i], indexed.settings.name_words):
            return Attribution(token_chars(token), i, SpeakerTokens((first, i)))  # the parse lost the subject
        return None
    return None


def _names_only(tokens: Iterable[Token], longest: int) -> bool:
    """A run of at most ``longest`` words that can only be a noun phrase ("Kellsburg fire Chief Ada Brandt")."""
    words = [t for t in tokens if not t.is_punct]
    if not 0 < len(words) <= longest or not any(t.pos_ == "PROPN" for t in words):
        return False
    return all(t.pos_ in _NOMINAL or t.is_title for t in words)  # a capitalised name the tagger took for a verb


def _opens_at(cue: Token, word: CueWord, first: int) -> bool:
    """The cue's clause starts right after the quotation, and reports nothing else ("he said that …" would)."""
    if any(child.dep_ == "ccomp" and child.i > cue.i and not _set_off(cue, child) for child in cue.children):
        return False
    if cue.i == first:
        return True
    subject = subject_of(cue)
    return subject is not None and subject.i < cue.i and subject.left_edge.i == first


def _set_off(cue: Token, clause: Token) -> bool:
    """A clause after the cue but set off by punctuation: “…,” he said, “[…]” goes on quoting, not reporting."""
    return any(token.is_punct for token in cue.doc[cue.i + 1 : clause.left_edge.i + 1])


def _signature(indexed: IndexedDoc, quoted: Quoted) -> Attribution | None:
    """“…” ― Name: a dash and a short name that end the paragraph sign the quotation."""
    para = indexed.paragraph(quoted.open)
    found = _SIGNATURE.match(indexed.text, quoted.close, para.end)
    if found is None:
        return None
    name_end = found.start("name") + len(found.group("name").rstrip("."))
    first, last = indexed.token_from(found.start("name")), indexed.token_from(name_end)
    speaker = SpeakerTokens((first, last)) if last > first else None
    return Attribution((found.start("dash"), found.end("dash")), None, speaker)


def _colon_paragraph(indexed: IndexedDoc, quoted: Quoted) -> Attribution | None:
    """Lind continued:¶“…”: a paragraph that ends with a colon introduces the quotation that opens the next."""
    para = indexed.paragraph(quoted.open)
    if indexed.text[para.start : quoted.open].strip() or para.start == 0:
        return None
    above = indexed.paragraph(para.start - 1)
    if above == para or not indexed.text[above.start : above.end].rstrip().endswith(":"):
        return None
    lead_start = sentence_start(indexed.text, max(above.start, above.end - indexed.settings.lead_chars), above.end)
    return lead_attribution(indexed, lead_start, above.end)
