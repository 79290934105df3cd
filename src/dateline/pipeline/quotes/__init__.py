"""Attributed quotes: what was said, by whom (the mention in the text), and the cue that says so.

    for quote in quotes(doc, resolve, article.id): ...

Three readings of one parsed Doc, a module each:

1. direct: quote marks, read from the text (../quotemarks.py, which coref reads too); a quotation that stands as its
   own sentence is a *direct* quote, attributed by the clause beside it.
2. reported: cue words, read from the dependency parse; what a cue reports is *mixed* when it holds a quoted fragment,
   *indirect* when it holds none.
3. labelled: paragraph shapes, "Name: text" and a paragraph ending in "X added:" that introduces the next one.

Beside them: settings (QuoteSettings, how far the readings look), indexed (the Doc indexed by character, which every
reading shares, with the settings), speakers (whom a cue word attributes to), found (a quote as a reading finds it) and
merging (which of overlapping finds stand). Each module imports only those before it in this order: settings,
indexed, speakers, found, direct, reported, labelled, merging.

The cue words and where their content and speaker hang in the parse are data: data/cues.tsv, read by ../cues.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from spacy.tokens import Doc

from ...model import Cue, Quote, Speaker
from .. import confidence
from ..ids import stable_id
from ..quotemarks import quoted_spans
from .direct import adopt, direct_quotes
from .found import Attribution, FoundQuote
from .indexed import IndexedDoc
from .labelled import introduced_paragraphs, labelled_paragraphs
from .merging import outermost
from .reported import reported_speech
from .settings import QuoteSettings

__all__ = ["QuoteSettings", "Resolver", "quoted_spans", "quotes"]

_DEFAULTS = QuoteSettings()

Resolver = Callable[[int, int], tuple[str, str] | None]
"""Given a speaker mention's start and end characters: the (entity id, canonical name) it refers to, or None."""


def quotes(doc: Doc, resolve: Resolver, article_id: str = "", settings: QuoteSettings = _DEFAULTS) -> Iterator[Quote]:
    """Attributed quotes in a parsed article, in text order; speakers' entities come from ``resolve``, and how far
    the readings look for an attribution from ``settings``.

    The Doc needs spaCy's parser and lemmatizer (en_core_web_sm has both); without a parse there is nothing to read.
    """
    if len(doc) == 0 or not doc.has_annotation("DEP"):
        return
    indexed = IndexedDoc(doc, settings)
    if not indexed.text.strip():
        return
    labelled = list(labelled_paragraphs(indexed)) + list(introduced_paragraphs(indexed))
    direct, orphans = direct_quotes(indexed, labelled)
    taken = {found.attribution.cue_token for found in direct}
    found = labelled + direct + outermost(list(reported_speech(indexed, taken)), labelled + direct)
    adopt(indexed, orphans, found)
    seen: set[tuple[int, int]] = set()
    for quote in sorted(found, key=lambda f: (f.start, f.end, f.attribution.cue[0])):
        if (quote.start, quote.end) not in seen:  # two cues claiming one content ("said he was told by X that"):
            seen.add((quote.start, quote.end))  # the first, outer report keeps it
            yield _record(quote, indexed, resolve, article_id)


def _record(found: FoundQuote, indexed: IndexedDoc, resolve: Resolver, article_id: str) -> Quote:
    text = indexed.text
    cue_start, cue_end = found.attribution.cue
    speaker = None
    mention = found.attribution.speaker
    if mention is not None:
        start, end = indexed.chars(*mention.tokens)
        first, last = mention.refers or mention.tokens
        head = indexed.doc[first:last].root  # who speaks is the phrase's head: "Acme founder Jo Lee" is Jo Lee, and
        entity_id, name = resolve(head.idx, head.idx + len(head.text)) or (None, None)  # "Ruritania's experts" no one
        speaker = Speaker(text[start:end], start, end, entity_id, name)
    quote = Quote(
        id=stable_id(article_id, "quote", found.start, found.end),
        article_id=article_id,
        text=_said(text, found),
        start=found.start,
        end=found.end,
        kind=found.kind,
        cue=Cue(text[cue_start:cue_end], cue_start, cue_end, _cue_kind(found.attribution, indexed)),
        speaker=speaker,
        parts=found.parts,
    )
    quote.confidence = confidence.of("quote", quote)
    return quote


def _said(text: str, found: FoundQuote) -> str:
    """What was said: a quote interrupted by its attribution ("…," she said, "…") is its parts joined by " … ", without
    the words between them; one piece is its span."""
    if len(found.parts) > 1:
        return " … ".join(text[p.start : p.end] for p in found.parts)
    return text[found.start : found.end]


def _cue_kind(attribution: Attribution, indexed: IndexedDoc) -> str:
    """The class of the cue word in data/cues.tsv; a colon or a signing dash introduces speech."""
    word = indexed.cues.get(attribution.cue_token) if attribution.cue_token is not None else None
    return word.kind if word is not None else "speech"
