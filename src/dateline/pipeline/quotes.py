"""Attributed quotes: what was said, by whom (the mention in the text), and the cue that says so.

Two readings of one parsed Doc:

1. Quote marks, read from the text. Marks pair up within a paragraph; by news convention a paragraph that opens a
   quote and leaves it open goes on in the next paragraph when that one opens with a quote mark. A quotation that
   stands as its own sentence is a *direct* quote, attributed by the clause beside it ("…,” he said" / "He said: “…”"),
   or, with nothing beside it, by the attribution just before it ("…,” he said. “…”" is one quote in two parts).
2. Cue words, read from the dependency parse: the complement of a cue verb ("said [that …]", "accused X [of …]") or
   the clause a parenthetical cue interrupts ("…, according to X", "as X noted, …") is reported speech: *mixed* when
   it holds a quoted fragment, *indirect* when it holds none. Cue words are speech, but also beliefs, evidence, intent
   and stance ("fears [that …]", "a poll shows […]", "refused [to …]", "opposes […]"), and nouns ("her support [for
   …]", "his claim [that …]"); each carries its class. A relative pronoun as the object reports what it stands for
   ("[the plan that X described as …]"), a passive takes its subject in ("[X was rated as false]"). Cue words inside a
   quotation are the speaker's own words, not attributions.
3. Paragraph shapes: "Name: text" as headlines and transcripts print what someone said, and a paragraph that ends in
   "X added:" introduces the next one.

The cue words and where their content and speaker hang in the parse are data: data/cues.tsv.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

import numpy as np
from spacy.attrs import IDX, LEMMA
from spacy.tokens import Doc, Token

from .. import data
from ..model import Cue, Quote, Span, Speaker, paragraph_spans
from . import quotemarks
from .cues import CueWord, cue_words
from .ids import stable_id
from .quotemarks import Quoted, quoted_spans

Resolver = Callable[[int, int], tuple[str, str] | None]
"""Given a speaker mention's start and end characters: the (entity id, canonical name) it refers to, or None."""

_SENTENCE_END = quotemarks.SENTENCE_END
_SIGNATURE = re.compile(
    r"[\s\xa0]*(?P<dash>―|—|--)[\s\xa0]*(?P<name>[A-Z][\w.’'-]*(?:[ \xa0]+[\w.’'-]+){0,5}?)[\s\xa0.]*$"
)
_OBJECTS = frozenset({"dobj", "pobj", "oprd"})
_PREDICATE_TAIL = frozenset({"prep", "advmod", "npadvmod", "oprd", "acomp", "xcomp", "dative"})
_ADJUNCTS = frozenset({"during", "since", "after", "before", "at"})
_NOT_IN_NAMES = frozenset({"DET", "VERB", "AUX", "ADP", "ADV", "PRON", "SCONJ", "CCONJ", "PART"})
_TITLE_WORDS = frozenset({"the", "a", "an", "over", "on", "in", "at", "to", "for", "with", "and", "or", "vs", "after"})
_IN_NAMES = frozenset({"of", "de", "la", "van", "von", "al", "bin"})
_OPENING_MARKS = frozenset("\"“‘'«`")
_CUE_PHRASE = frozenset({"npadvmod", "advmod", "prep", "dative"})
_JOINING = frozenset({"but", "and"})
_RELATIVE_OBJECTS = frozenset({"that", "which", "what", "whom"})
_RELATIVES = frozenset({"who", "that", "which"})
_NOMINAL = frozenset({"PROPN", "NOUN", "DET", "ADJ", "NUM", "PART"})
_NOUN_CLAUSES = frozenset({"acl", "ccomp", "appos"})
_DATELINE_DASHES = frozenset({"--", "—", "―"})  # "WASHINGTON -- President Obama said"
_ASIDE_MARKS = frozenset({",", "—", "–", "―", "--"})
_ASIDES = frozenset({"relcl", "appos", "acl", "advcl", "npadvmod"})
_OWN_CLAUSES = frozenset({"relcl", "acl", "ccomp", "csubj", "parataxis", "appos", "ROOT"})
_MENTION_STOPS = frozenset({"relcl", "acl", "advcl", "parataxis", "npadvmod"})
_BETWEEN_SENTENCES = " \t.,;!?"
_SENTENCE_STOPS = frozenset({".", "!", "?", ";"})
_TAIL_WINDOW = 12
_LABEL = re.compile(r"[ \t\xa0]*[\"“]?(?P<name>(?:[A-Z][\w.'’-]*[ \xa0]){0,3}[A-Z][\w.'’-]*):[ \xa0]+(?=\S)")


# --- reading one Doc ------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Mention:
    tokens: tuple[int, int]  # [start, end)
    refers: tuple[int, int] | None = None  # what a relative pronoun stands for, to resolve instead


@dataclass(slots=True)
class _Attribution:
    cue: tuple[int, int]  # characters
    cue_token: int | None  # the cue word's token, None for a punctuation cue (":" or a signing dash)
    speaker: _Mention | None


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    kind: str
    attribution: _Attribution
    parts: list[Span] = field(default_factory=list)
    close: int = 0  # where its last quote mark closes, for direct quotes


class _Reading:
    """One Doc with what every step needs: token offsets, the quotations, and which tokens are cue words."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text
        columns = doc.to_array([IDX, LEMMA])
        self.starts = columns[:, 0].tolist()
        table = cue_words()
        strings = doc.vocab.strings
        wanted = np.array([strings.add(lemma) for lemma in table], dtype=np.uint64)
        hits = np.flatnonzero(np.isin(columns[:, 1], wanted)).tolist()
        self.cues = {i: table[strings[int(columns[i, 1])]] for i in hits}
        self.quoted = quoted_spans(self.text)
        self.opens = [q.open for q in self.quoted]
        self.paragraphs = paragraph_spans(self.text)
        self.paragraph_starts = [p.start for p in self.paragraphs]

    def token_at(self, char: int) -> int:
        """The token that holds (or is the first after) a character."""
        return max(0, bisect_right(self.starts, char) - 1)

    def token_from(self, char: int) -> int:
        """The first token that starts at or after a character."""
        return bisect_left(self.starts, char)

    def chars(self, start: int, end: int) -> tuple[int, int]:
        """Character offsets of tokens [start, end)."""
        last = self.doc[end - 1]
        return self.doc[start].idx, last.idx + len(last.text)

    def quote_around(self, char: int) -> Quoted | None:
        n = bisect_right(self.opens, char) - 1
        if n >= 0 and char < self.quoted[n].close:
            return self.quoted[n]
        return None

    def paragraph(self, char: int) -> Span:
        return self.paragraphs[max(0, bisect_right(self.paragraph_starts, char) - 1)]


def quotes(doc: Doc, resolve: Resolver, article_id: str = "") -> Iterator[Quote]:
    """Attributed quotes in a parsed article, in text order; speakers' entities come from ``resolve``.

    The Doc needs spaCy's parser and lemmatizer (en_core_web_sm has both); without a parse there is nothing to read.
    """
    if len(doc) == 0 or not doc.has_annotation("DEP"):
        return
    reading = _Reading(doc)
    if not reading.text.strip():
        return
    labelled = list(_labelled(reading)) + list(_introduced(reading))
    direct, orphans = _direct_quotes(reading, labelled)
    taken = {found.attribution.cue_token for found in direct}
    found = labelled + direct + _outermost(list(_reported_speech(reading, taken)), labelled + direct)
    _adopt(reading, orphans, found)
    seen: set[tuple[int, int]] = set()
    for quote in sorted(found, key=lambda f: (f.start, f.end, f.attribution.cue[0])):
        if (quote.start, quote.end) not in seen:  # two cues claiming one content ("said he was told by X that"):
            seen.add((quote.start, quote.end))  # the first, outer report keeps it
            yield _record(quote, reading, resolve, article_id)


def _record(found: _Found, reading: _Reading, resolve: Resolver, article_id: str) -> Quote:
    text = reading.text
    cue_start, cue_end = found.attribution.cue
    speaker = None
    mention = found.attribution.speaker
    if mention is not None:
        start, end = reading.chars(*mention.tokens)
        entity_id, name = resolve(*reading.chars(*(mention.refers or mention.tokens))) or (None, None)
        speaker = Speaker(text[start:end], start, end, entity_id, name)
    return Quote(
        id=stable_id(article_id, "quote", found.start, found.end),
        article_id=article_id,
        text=text[found.start : found.end],
        start=found.start,
        end=found.end,
        kind=found.kind,
        cue=Cue(text[cue_start:cue_end], cue_start, cue_end, _cue_kind(found.attribution, reading)),
        speaker=speaker,
        parts=found.parts,
    )


def _cue_kind(attribution: _Attribution, reading: _Reading) -> str:
    """The class of the cue word in data/cues.tsv; a colon or a signing dash introduces speech."""
    word = reading.cues.get(attribution.cue_token) if attribution.cue_token is not None else None
    return word.kind if word is not None else "speech"


# --- direct quotes: quote marks first, then the attribution beside them ---------------------------------------------


def _direct_quotes(reading: _Reading, labelled: list[_Found]) -> tuple[list[_Found], list[Quoted]]:
    """Quotations that stand as sentences, with their attributions; and those with none beside them (orphans)."""
    found: list[_Found] = []
    orphans: list[Quoted] = []
    done = [(f.start, f.end) for f in labelled]
    for quoted in reading.quoted:
        if any(start < quoted.close and quoted.open < end for start, end in done):
            continue
        previous = found[-1] if found else None
        stands, attribution = _beside(reading, quoted, previous)
        if not stands:
            continue  # a quoted fragment inside running text: reported speech, read from the parse
        if previous is not None and _continues(reading, previous, quoted, attribution):
            _extend(previous, quoted)
            continue
        if attribution is None:
            orphans.append(quoted)
            continue
        found.append(_Found(quoted.pieces[0].start, quoted.pieces[-1].end, "direct", attribution, list(quoted.pieces)))
        found[-1].close = quoted.close
    return found, orphans


def _beside(reading: _Reading, quoted: Quoted, previous: _Found | None) -> tuple[bool, _Attribution | None]:
    """Whether a quotation stands as its own sentence (nothing before it in its sentence but an introduction ending
    in a colon or a comma), and the attribution beside it: before, after, or in the paragraph above."""
    para = reading.paragraph(quoted.open)
    floor = max(para.start, previous.close if previous and previous.close > para.start else para.start)
    lead_start = _sentence_start(reading.text, max(floor, quoted.open - 400), quoted.open)
    lead = reading.text[lead_start : quoted.open].rstrip()
    if previous is not None and _goes_on(previous, lead, lead_start):
        return True, previous.attribution
    if lead and lead[-1] not in ":,":
        return False, None
    attribution = _lead_attribution(reading, lead_start, quoted.open) if lead else None
    if lead.endswith(",") and attribution is None:
        return False, None
    return True, attribution or _tail_attribution(reading, quoted) or _colon_paragraph(reading, quoted)


def _goes_on(previous: _Found, lead: str, lead_start: int) -> bool:
    """“…,” he said, but “…”: the attribution between two quotations, and a conjunction, join them into one."""
    words = lead.rsplit(None, 1)
    if len(words) < 2 or words[1] not in _JOINING or not words[0].endswith(","):
        return False
    return lead_start <= previous.attribution.cue[0] < lead_start + len(lead)


def _extend(found: _Found, quoted: Quoted) -> None:
    found.parts.extend(quoted.pieces)
    found.end = quoted.pieces[-1].end
    found.close = quoted.close
    if found.kind == "indirect":
        found.kind = "mixed"


def _adopt(reading: _Reading, orphans: list[Quoted], found: list[_Found]) -> None:
    """A quotation with no attribution of its own, in the sentence after one ("The treaty offers “too few,” she
    added. “The islands lose the most.”"), goes on that quote."""
    ends = sorted(found, key=lambda f: f.end)
    offsets = [f.end for f in ends]
    for quoted in orphans:
        n = bisect_right(offsets, quoted.open)
        if n and (previous := ends[n - 1]).attribution.cue_token is not None:
            previous.close = max(previous.close, previous.end)
            if _continues(reading, previous, quoted, None):
                _extend(previous, quoted)


def _labelled(reading: _Reading) -> Iterator[_Found]:
    """Paragraphs that open with a name and a colon, as headlines ("Ostrova: Harbour tax will not rise") and
    transcripts ("HOST: Our first question …") print what someone said."""
    text = reading.text
    for para in reading.paragraphs:
        label = _LABEL.match(text, para.start, para.end)
        if label is None or label.group("name").casefold() in quote_labels():
            continue
        first, last = reading.token_from(label.start("name")), reading.token_from(label.end("name"))
        if not _names_someone(reading.doc[first:last]):
            continue
        end = para.end
        quoted = reading.quote_around(label.start("name"))
        if quoted is not None and quoted.open < label.start("name"):  # "HOST: …" in a transcript run in quotes
            end = min([end] + [piece.end for piece in quoted.pieces if piece.end > label.end()])
        start = label.end()
        while end > start and text[end - 1] in " .\xa0":
            end -= 1
        if end <= start:
            continue
        speaker = _Mention((first, last))
        colon = label.end("name")
        kind = "indirect" if quoted is None else "mixed"
        yield _Found(start, end, kind, _Attribution((colon, colon + 1), None, speaker), [])


def _names_someone(label: Iterable[Token]) -> bool:
    """A label that can be a name ("Ostrova", "Ivo Lind", "HOST"), not a headline's catchphrase with an article,
    a verb or a preposition in it ("The Latest", "Truth Before Power", "The Tide Turns")."""
    words = [t for t in label if not t.is_punct]
    if len(words) == 1 and words[0].is_upper:
        return True
    return all((t.pos_ not in _NOT_IN_NAMES or t.lower_ in _IN_NAMES) and t.lower_ not in _TITLE_WORDS for t in words)


@cache
def receivers() -> frozenset[str]:
    return frozenset(row[0].strip() for row in data.rows("quote_receivers.tsv"))


@cache
def quote_labels() -> frozenset[str]:
    return frozenset(row[0].strip().casefold() for row in data.rows("quote_labels.tsv"))


def _sentence_start(text: str, floor: int, end: int) -> int:
    start = floor
    for match in _SENTENCE_END.finditer(text, floor, end):
        start = match.end()
    return start


def _continues(reading: _Reading, previous: _Found, quoted: Quoted, attribution: _Attribution | None) -> bool:
    """“…,” he said, “…” and “…,” he said. “…” are one quote in two parts, in one paragraph."""
    if reading.paragraph(previous.close) != reading.paragraph(quoted.open):
        return False
    if attribution is not None:
        return attribution.cue_token is not None and attribution.cue_token == previous.attribution.cue_token
    cue = previous.attribution.cue_token
    if cue is None or not previous.close <= reading.doc[cue].idx < quoted.open:
        return not reading.text[previous.close : quoted.open].strip()  # He said: “…” “…”
    return not reading.text[reading.doc[cue].sent.end_char : quoted.open].strip(_BETWEEN_SENTENCES)


def _lead_attribution(reading: _Reading, start: int, end: int) -> _Attribution | None:
    """He said: “…” / Putin told reporters, “…” / adding: “…”; a colon with no cue word is the cue itself."""
    first, last = reading.token_from(start), reading.token_from(end)
    for i in range(last - 1, first - 1, -1):
        word = reading.cues.get(i)
        token = reading.doc[i]
        if word is not None and token.pos_ == "VERB" and _governs_rest(token, last):
            return _Attribution(_token_chars(token), i, _speaker(token, word))
    colon = reading.text.rfind(":", start, end)
    if colon < 0 or reading.text[colon + 1 : end].strip():
        return None
    mention = _root_mention(reading, first, reading.token_at(colon))
    return _Attribution((colon, colon + 1), None, _Mention(mention) if mention else None)


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


def _tail_attribution(reading: _Reading, quoted: Quoted) -> _Attribution | None:
    """“…,” he said / “…,” said Putin, who … / “…” ― Name / “…,” according to X: a clause that opens right after."""
    signed = _signature(reading, quoted)
    if signed is not None:
        return signed
    doc = reading.doc
    first = reading.token_from(quoted.close)
    while first < len(doc) and doc[first].text == ",":
        first += 1
    if first >= len(doc) or "\n" in reading.text[quoted.close : doc[first].idx]:
        return None
    for i in range(first, min(first + _TAIL_WINDOW, len(doc))):
        token = doc[i]
        if token.text in _SENTENCE_STOPS or "\n" in token.text or token.text in _QUOTE_TOKENS:
            return None
        word = reading.cues.get(i)
        if word is None or (token.pos_ != "VERB" and word.speaker == "nsubj"):
            continue
        if _opens_at(token, word, first):
            return _Attribution(_cue_chars(token, word), i, _speaker(token, word))
        if _names_only(doc[first:i]):
            return _Attribution(_token_chars(token), i, _Mention((first, i)))  # the parse lost the subject
        return None
    return None


def _names_only(tokens: Iterable[Token]) -> bool:
    """A run of words that can only be a noun phrase ("Kellsburg fire Chief Ada Brandt")."""
    words = [t for t in tokens if not t.is_punct]
    if not 0 < len(words) <= 8 or not any(t.pos_ == "PROPN" for t in words):
        return False
    return all(t.pos_ in _NOMINAL or t.is_title for t in words)  # a capitalised name the tagger took for a verb


_QUOTE_TOKENS = frozenset({"“", "”", '"', "''", "``", "«", "»"})


def _opens_at(cue: Token, word: CueWord, first: int) -> bool:
    """The cue's clause starts right after the quotation, and reports nothing else ("he said that …" would)."""
    if any(child.dep_ == "ccomp" and child.i > cue.i and not _set_off(cue, child) for child in cue.children):
        return False
    if cue.i == first:
        return True
    subject = _subject(cue)
    return subject is not None and subject.i < cue.i and subject.left_edge.i == first


def _set_off(cue: Token, clause: Token) -> bool:
    """A clause after the cue but set off by punctuation: “…,” he said, “[…]” goes on quoting, not reporting."""
    return any(token.is_punct for token in cue.doc[cue.i + 1 : clause.left_edge.i + 1])


def _signature(reading: _Reading, quoted: Quoted) -> _Attribution | None:
    """“…” ― Name: a dash and a short name that end the paragraph sign the quotation."""
    para = reading.paragraph(quoted.open)
    found = _SIGNATURE.match(reading.text, quoted.close, para.end)
    if found is None:
        return None
    name_end = found.start("name") + len(found.group("name").rstrip("."))
    first, last = reading.token_from(found.start("name")), reading.token_from(name_end)
    speaker = _Mention((first, last)) if last > first else None
    return _Attribution((found.start("dash"), found.end("dash")), None, speaker)


def _introduced(reading: _Reading) -> Iterator[_Found]:
    """Ostrova added:¶…: a paragraph that ends in a cue word and a colon introduces the next one, quoted or not
    (a quoted one is read as a direct quote)."""
    text = reading.text
    for para, following in itertools.pairwise(reading.paragraphs):
        if not text[para.start : para.end].rstrip().endswith(":"):
            continue
        first = reading.token_from(following.start)
        if first >= len(reading.doc) or reading.doc[first].text[0] in _OPENING_MARKS:
            continue
        lead_start = _sentence_start(text, max(para.start, para.end - 400), para.end)
        attribution = _lead_attribution(reading, lead_start, following.start)
        if attribution is None or attribution.cue_token is None:
            continue
        span = _with_quote_marks(reading, *_trimmed(reading.doc, first, reading.token_from(following.end)))
        if span is not None:
            start, end, kind, parts = span
            yield _Found(start, end, "mixed" if kind == "direct" else kind, attribution, parts)


def _colon_paragraph(reading: _Reading, quoted: Quoted) -> _Attribution | None:
    """Lind continued:¶“…”: a paragraph that ends with a colon introduces the quotation that opens the next."""
    para = reading.paragraph(quoted.open)
    if reading.text[para.start : quoted.open].strip() or para.start == 0:
        return None
    above = reading.paragraph(para.start - 1)
    if above == para or not reading.text[above.start : above.end].rstrip().endswith(":"):
        return None
    lead_start = _sentence_start(reading.text, max(above.start, above.end - 400), above.end)
    return _lead_attribution(reading, lead_start, above.end)


def _root_mention(reading: _Reading, first: int, last: int) -> tuple[int, int] | None:
    """The speaker of a colon with no cue word: the head noun of what precedes it ("Ostrova on the radio:"), or the
    subject of its verb ("Lind gave this answer:")."""
    for token in reading.doc[first:last]:
        if not (token.head.i < first or token.head.i >= last or token.head == token):
            continue
        if token.pos_ in ("PROPN", "PRON"):
            return _mention(token)
        subject = _subject(token) if token.pos_ in ("VERB", "AUX") else None
        return _mention(subject) if subject is not None else None
    return None


def _token_chars(token: Token) -> tuple[int, int]:
    return token.idx, token.idx + len(token.text)


def _cue_chars(cue: Token, word: CueWord) -> tuple[int, int]:
    """The cue word, with the preposition that brings in its speaker ("according to")."""
    start, end = _token_chars(cue)
    if word.speaker.startswith("prep:") and cue.i + 1 < len(cue.doc):
        following = cue.doc[cue.i + 1]
        if following.lower_ == word.speaker.removeprefix("prep:"):
            end = following.idx + len(following.text)
    return start, end


# --- reported speech: cue words and their complements in the parse --------------------------------------------------


def _reported_speech(reading: _Reading, taken: set[int | None]) -> Iterator[_Found]:
    doc = reading.doc
    for i, word in reading.cues.items():
        token = doc[i]
        if i in taken or reading.quote_around(token.idx) is not None or _to_the_reader(token):
            continue
        if token.pos_ == "NOUN":
            content = _noun_content(token, word, reading)
        elif token.pos_ in ("VERB", "ADJ") or word.speaker != "nsubj":
            content = _content(token, word, reading)
        else:
            continue
        if content is None:
            continue
        para = reading.paragraph(token.idx)
        content = max(content[0], reading.token_from(para.start)), min(content[1], reading.token_from(para.end))
        span = _with_quote_marks(reading, *_trimmed(doc, *content))
        if span is None:
            continue
        start, end, kind, parts = span
        speaker = _noun_speaker(token) if token.pos_ == "NOUN" else _speaker(token, word)
        if speaker is not None and speaker.tokens[0] < content[0] < speaker.tokens[1]:
            speaker = _Mention((speaker.tokens[0], content[0]), speaker.refers)
        yield _Found(start, end, kind, _Attribution(_cue_chars(token, word), i, speaker), parts)


def _to_the_reader(cue: Token) -> bool:
    """The writer asks or tells the reader something ("Imagine that …", "Do you think …?"): no one is reported."""
    if cue.pos_ != "VERB" or cue.dep_ != "ROOT":
        return False
    subjects = [child.lower_ for child in cue.children if child.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:
        return cue.tag_ == "VB" and not any(child.dep_ in ("aux", "auxpass") for child in cue.children)
    return subjects == ["you"] and cue.sent.text.rstrip().endswith("?")


def _content(cue: Token, word: CueWord, reading: _Reading) -> tuple[int, int] | None:
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
        return start, _without_aside(cue.doc, start, min(tail, default=cue.i + 1), reading)
    picked = _complements(cue, word, reading)
    if picked is None:
        return None
    if not picked and cue.dep_ == "acl" and _agent(cue) is not None and "dobj" in word.content:
        return cue.head.left_edge.i, cue.i  # "[a forecast] echoed by many", its object; not "a report seen by us"
    if picked:
        picked += [child for child in cue.children if _slot(child) in word.joined]
        picked = [_prep_object(child) if child.dep_ == "prep" else child for child in picked]
        start, end = min(c.left_edge.i for c in picked), max(_clause_end(c, reading) for c in picked)
        if all(c.dep_ in _OBJECTS for c in picked):
            end = _rest_of_predicate(cue, end)
        elif all(c.i < cue.i for c in picked):
            end = max(end, _continued(cue, reading))
        return start, _without_aside(cue.doc, start, end, reading)
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


def _continued(cue: Token, reading: _Reading) -> int:
    """Where reported content that went before its cue goes on after it: "[Prices rose, the bank said, and wages
    fell]", "[Lind is “honest,” she wrote, and “patient.”]"; a clause with a cue of its own is another report."""
    for child in cue.rights:
        if child.dep_ != "conj" or child.i in reading.cues:
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
    if cue.tag_ != "VBN" or _agent(cue) is not None:
        return False
    if cue.dep_ == "prep":
        return True  # "…, compared with 11 percent": a preposition
    return cue.dep_ == "acl" and cue.sent.root.pos_ in ("VERB", "AUX")


def _complements(cue: Token, word: CueWord, reading: _Reading) -> list[Token] | None:
    """The cue's children that hold what it reports (what follows it first: "X said [Y]", then "[Y], X said");
    None when they are an attribution of their own that the cue only repeats ("Putin said it was “…,” he said")."""
    picked = [child for child in cue.children if _slot(child) in word.content and not _stranded(child)]
    if not picked and word.kind == "speech":
        picked = [child for child in cue.rights if child.dep_ == "dobj" and _quotes_in(child, reading)]  # chanted "…"
    after = [child for child in picked if child.i > cue.i]
    picked = after or (picked if "head" in word.content or _set_off_before(cue) else [])
    if _agent(cue) is not None or (picked and any(child.dep_ == "auxpass" for child in cue.children)):
        picked += [child for child in cue.lefts if child.dep_ == "nsubjpass"]  # "X was endorsed by Y", "X is expected"
    if len(picked) == 1 and picked[0].i < cue.i and _reports(picked[0], reading):
        return None
    return [child for child in picked if not _reports(child, reading)] or picked  # "X said A and Y accused B"


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


def _quotes_in(phrase: Token, reading: _Reading) -> bool:
    return any(reading.quote_around(t.idx) is not None for t in (phrase.left_edge, phrase, phrase.right_edge))


def _set_off_before(cue: Token) -> bool:
    """A comma stands between what went before and the cue's clause: "[…], experts believe", "“[…],” said X"."""
    first = min((child.left_edge.i for child in cue.lefts if child.dep_ == "nsubj"), default=cue.i)
    while first > 0 and cue.doc[first - 1].text in _QUOTE_TOKENS:
        first -= 1
    return first > 0 and cue.doc[first - 1].text == ","


def _noun_content(cue: Token, word: CueWord, reading: _Reading) -> tuple[int, int] | None:
    """What a cue noun reports: its that-clause ("Ostrova's claim [that the dam had cracked]"), or the
    slot data/cues.tsv names for it ("her support for [the bill]", "his refusal [to testify]")."""
    for child in cue.rights:
        slot = _noun_slot(child)
        if slot == "that" or slot in word.content:
            content = _prep_object(child) if child.dep_ == "prep" else child
            if content is child and child.dep_ == "prep":
                continue
            start, end = content.left_edge.i, _clause_end(content, reading)
            return start, _without_aside(cue.doc, start, end, reading)
    return None


def _noun_slot(child: Token) -> str:
    """Where a noun's child hangs, in the terms of data/cues.tsv: a that-clause, "to"-clause (xcomp) or preposition."""
    if child.dep_ == "prep":
        return f"prep:{child.lower_}"
    if child.dep_ in _NOUN_CLAUSES and child.pos_ in ("VERB", "AUX"):
        first = child.left_edge.lower_
        return "that" if first == "that" else "xcomp" if first == "to" else child.dep_
    return child.dep_


def _noun_speaker(cue: Token) -> _Mention | None:
    """Whose claim: "Lind's claim", "a claim by Lind", "the Russian claim", "Lind made the claim", "Lind
    persisted in his claim"."""
    for child in cue.children:
        if child.dep_ == "poss" or (child.dep_ == "compound" and child.pos_ == "PROPN"):
            return _Mention(_mention(child))
        if child.dep_ == "amod" and child.ent_type_ in ("NORP", "GPE", "ORG"):
            return _Mention((child.i, child.i + 1))
        if child.dep_ == "prep" and child.lower_ in ("by", "from") and _prep_object(child) is not child:
            return _Mention(_mention(_prep_object(child)))
    within = cue.dep_ == "pobj" and cue.head.lower_ in ("in", "with") and cue.head.head.pos_ == "VERB"
    if cue.dep_ == "dobj" and cue.head.lemma_ in receivers():
        return None  # "X faced questions": not X's questions
    if cue.dep_ == "dobj" or within:
        subject = _subject(cue.head.head if within else cue.head)
        return _Mention(_mention(subject)) if subject is not None else None
    return None


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


def _reports(clause: Token, reading: _Reading) -> bool:
    """A clause that is itself an attribution, with its own cue, subject and content."""
    word = cue_words().get(clause.lemma_)
    if word is None or word.kind != "speech" or clause.pos_ != "VERB":
        return False
    return any(child.dep_ == "nsubj" for child in clause.children) and _content(clause, word, reading) is not None


def _clause_end(clause: Token, reading: _Reading) -> int:
    """Where a content clause ends: its subtree, short of a clause that hangs loosely from it and attributes
    something of its own ("…, and the coach said no", "…, citing …", "…, which he said …") and of a semicolon."""
    doc = clause.doc
    end = clause.right_edge.i + 1
    for token in doc[clause.left_edge.i : end]:
        if token.text == ";" and token.head == clause:
            return token.i
        word = reading.cues.get(token.i)
        if word is None or token.i < clause.i or token.pos_ != "VERB" or reading.quote_around(token.idx):
            continue
        if _loose_link(token, clause) is token and _content(token, word, reading) is not None:
            return token.left_edge.i
    return end


def _without_aside(doc: Doc, start: int, end: int, reading: _Reading) -> int:
    """Where content ends without the writer's aside set off at its end by a comma or a dash: "…, who is 64",
    "…, which made him miss the vote", "… — a nod to …"."""
    for i in range(start + 2, end - 1):
        mark = doc[i]
        if mark.text not in _ASIDE_MARKS or reading.quote_around(mark.idx) is not None:
            continue
        aside = doc[i + 1 : end]
        heads = [t for t in aside if not t.is_punct and not i < t.head.i < end]
        if len(heads) != 1 or heads[0].dep_ not in _ASIDES or (heads[0].dep_ == "advcl" and heads[0].tag_ != "VBG"):
            continue
        if not any(t.text in _QUOTE_TOKENS for t in aside):  # a quotation there is what the speaker said
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


def _prep_object(prep: Token) -> Token:
    for child in prep.children:
        if child.dep_ in ("pobj", "pcomp"):
            return child
    return prep


def _parenthetical(cue: Token) -> bool:
    """ ", he said," and ", according to X," interrupt a clause rather than govern it."""
    if cue.dep_ in ("parataxis", "prep"):
        return cue.head != cue
    return cue.dep_ == "advcl" and any(child.dep_ == "mark" and child.lower_ == "as" for child in cue.children)


def _trimmed(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and _edge(doc[start]):
        start += 1
    while end > start and (_edge(doc[end - 1]) or doc[end - 1].dep_ == "cc"):
        end -= 1
    return start, end


def _edge(token: Token) -> bool:
    return token.is_space or (token.is_punct and token.text not in _QUOTE_TOKENS)


def _with_quote_marks(reading: _Reading, start: int, end: int) -> tuple[int, int, str, list[Span]] | None:
    """Character span, kind and quoted parts of reported content; a quotation it cuts is taken whole."""
    if end <= start:
        return None
    begin, finish = reading.chars(start, end)
    inside: list[Quoted] = []
    n = max(0, bisect_right(reading.opens, begin) - 1)
    while n < len(reading.quoted) and reading.quoted[n].open < finish:
        quoted = reading.quoted[n]
        if quoted.close > begin:
            inside.append(quoted)
            begin, finish = min(begin, quoted.open), max(finish, quoted.close)
        n += 1
    if not inside:
        return begin, finish, "indirect", []
    pieces = [piece for quoted in inside for piece in quoted.pieces]
    if len(inside) == 1 and begin == inside[0].open and finish == inside[0].close:
        return pieces[0].start, pieces[-1].end, "direct", pieces
    return begin, finish, "mixed", pieces


def _outermost(reported: list[_Found], quoted: list[_Found]) -> list[_Found]:
    """Attributions inside another's content, or inside a quotation, are the speaker's own words, not the article's:
    drop them. Reported speech that runs into a direct quote was a misreading of it: drop it too."""
    reported = sorted(reported, key=lambda f: f.start)
    quoted = sorted(quoted, key=lambda f: f.start)
    longest = max((f.end - f.start for f in reported + quoted), default=0)
    kept = []
    for found in reported:
        cue = found.attribution.cue[0]
        size = found.end - found.start
        spans = ((found.start, found.end), (cue, cue + 1))
        if any(_within_quotation(other, *span) for span in spans for other in _covering(quoted, *span, longest)):
            continue
        inside = _covering(reported, cue, cue + 1, longest)
        if any(other is not found and other.end - other.start > size for other in inside):
            continue
        kept.append(found)
    return kept


def _within_quotation(quoted: _Found, start: int, end: int) -> bool:
    """Whether [start, end), which overlaps a quote's span, is the quote's; between the two parts of a direct quote is
    the writer's attribution, which may go on reporting (“…,” she said, emphasizing [why …]. “…”)."""
    if quoted.kind != "direct" or not quoted.parts:
        return True
    return any(part.start < end and start < part.end for part in quoted.parts)


def _covering(spans: list[_Found], start: int, end: int, longest: int) -> list[_Found]:
    """Spans (sorted by start, none longer than ``longest``) that overlap [start, end)."""
    n = _bisect_starts(spans, end)
    found = []
    while n > 0 and spans[n - 1].start >= start - longest:
        n -= 1
        if spans[n].end > start:
            found.append(spans[n])
    return found


def _bisect_starts(spans: list[_Found], offset: int) -> int:
    low, high = 0, len(spans)
    while low < high:
        middle = (low + high) // 2
        if spans[middle].start < offset:
            low = middle + 1
        else:
            high = middle
    return low


# --- speakers -------------------------------------------------------------------------------------------------------


def _agent(cue: Token) -> Token | None:
    """Y in "X was endorsed by Y"."""
    for child in cue.children:
        if child.dep_ == "agent":
            target = _prep_object(child)
            return target if target is not child else None
    return None


def _speaker(cue: Token, word: CueWord) -> _Mention | None:
    if word.speaker == "nsubj":
        subject = _agent(cue) or _subject(cue)
    else:
        preposition = word.speaker.removeprefix("prep:")
        phrase = next((c for c in cue.children if c.dep_ == "prep" and c.lower_ == preposition), None)
        subject = _prep_object(phrase) if phrase is not None else None
        subject = subject if subject is not phrase else None
    if subject is None:
        return None
    if subject.lower_ in _RELATIVES and subject.head.dep_ == "relcl":
        antecedent = _mention(subject.head.head)
        if subject.lower_ == "that":
            return _Mention(antecedent)  # "towns that reject …": the towns
        return _Mention(_mention(subject), antecedent)  # "Putin, who said": "who", and it is Putin
    return _Mention(_mention(subject))


def _subject(cue: Token) -> Token | None:
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


def _mention(head: Token) -> tuple[int, int]:
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
