"""Labelled paragraphs: "Name: text", as headlines and transcripts print what someone said, and a paragraph that ends
in "X added:", which introduces the next one."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from functools import cache

from spacy.tokens import Token

from ... import data
from .direct import lead_attribution, sentence_start
from .found import Attribution, FoundQuote, trimmed, with_quote_marks
from .indexed import IndexedDoc
from .speakers import SpeakerTokens

_LABEL = re.compile(r"[ \t\xa0]*[\"“]?(?P<name>(?:[A-Z][\w.'’-]*[ \xa0]){0,3}[A-Z][\w.'’-]*):[ \xa0]+(?=\S)")
_NOT_IN_NAMES = frozenset({"DET", "VERB", "AUX", "ADP", "ADV", "PRON", "SCONJ", "CCONJ", "PART"})
_TITLE_WORDS = frozenset({"the", "a", "an", "over", "on", "in", "at", "to", "for", "with", "and", "or", "vs", "after"})
_IN_NAMES = frozenset({"of", "de", "la", "van", "von", "al", "bin"})
_OPENING_MARKS = frozenset("\"“‘'«`")


def labelled_paragraphs(indexed: IndexedDoc) -> Iterator[FoundQuote]:
    """Paragraphs that open with a name and a colon, as headlines ("Ostrova: Harbour tax will not rise") and
    transcripts ("HOST: Our first question …") print what someone said."""
    text = indexed.text
    for para in indexed.paragraphs:
        label = _LABEL.match(text, para.start, para.end)
        if label is None or label.group("name").casefold() in quote_labels():
            continue
        first, last = indexed.token_from(label.start("name")), indexed.token_from(label.end("name"))
        if not _names_someone(indexed.doc[first:last]):
            continue
        end = para.end
        quoted = indexed.quote_around(label.start("name"))
        if quoted is not None and quoted.open < label.start("name"):  # "HOST: …" in a transcript run in quotes
            end = min([end] + [piece.end for piece in quoted.pieces if piece.end > label.end()])
        start = label.end()
        while end > start and text[end - 1] in " .\xa0":
            end -= 1
        if end <= start:
            continue
        speaker = SpeakerTokens((first, last))
        colon = label.end("name")
        kind = "indirect" if quoted is None else "mixed"
        yield FoundQuote(start, end, kind, Attribution((colon, colon + 1), None, speaker), [])


def _names_someone(label: Iterable[Token]) -> bool:
    """A label that can be a name ("Ostrova", "Ivo Lind", "HOST"), not a headline's catchphrase with an article,
    a verb or a preposition in it ("The Latest", "Truth Before Power", "The Tide Turns")."""
    words = [t for t in label if not t.is_punct]
    if len(words) == 1 and words[0].is_upper:
        return True
    return all((t.pos_ not in _NOT_IN_NAMES or t.lower_ in _IN_NAMES) and t.lower_ not in _TITLE_WORDS for t in words)


@cache
def quote_labels() -> frozenset[str]:
    return frozenset(row[0].strip().casefold() for row in data.rows("quote_labels.tsv"))


def introduced_paragraphs(indexed: IndexedDoc) -> Iterator[FoundQuote]:
    """Ostrova added:¶…: a paragraph that ends in a cue word and a colon introduces the next one, quoted or not
    (a quoted one is read as a direct quote)."""
    text = indexed.text
    for para, following in itertools.pairwise(indexed.paragraphs):
        if not text[para.start : para.end].rstrip().endswith(":"):
            continue
        first = indexed.token_from(following.start)
        if first >= len(indexed.doc) or indexed.doc[first].text[0] in _OPENING_MARKS:
            continue
        lead_start = sentence_start(text, max(para.start, para.end - indexed.settings.lead_chars), para.end)
        attribution = lead_attribution(indexed, lead_start, following.start)
        if attribution is None or attribution.cue_token is None:
            continue
        span = with_quote_marks(indexed, *trimmed(indexed.doc, first, indexed.token_from(following.end)))
        if span is not None:
            start, end, kind, parts = span
            yield FoundQuote(start, end, "mixed" if kind == "direct" else kind, attribution, parts)
