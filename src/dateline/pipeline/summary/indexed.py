"""One article as the card reads it: the Doc, the headline's parse, the stages' records, indexes over them, and the
summary's settings."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ...model import Annotations, Article, Entity, Mention, Phrase, TimeExpr, Timestamp
from .settings import SummarySettings
from .syntax import SUBJECTS, place_head

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_AT = frozenset({"at", "in", "outside", "inside", "near"})
_DOER_KINDS = frozenset({"PERSON", "ORG", "GPE", "NORP"})  # named doers; a place or an event is said as written
_WHEN_GRAINS = frozenset({"day", "time", "week", "month", "quarter", "year"})
WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class IndexedArticle:
    """The article parsed as ``doc`` and annotated in ``found``, indexed for the card's questions."""

    doc: Doc
    text: str  # the Doc's text, which spaCy would otherwise rebuild from the tokens at every use
    article: Article
    found: Annotations
    title: Doc | None  # the headline's parse, when there is one to read
    lead: list[Span]
    entities: dict[str, Entity]
    mentions: list[Mention]  # in text order
    starts: list[int]  # their starts, for bisect
    times: list[TimeExpr]  # those that can say when: dates and times near the publication
    title_times: list[TimeExpr]  # the same, of the headline
    place_words: frozenset[str]  # the places the places stage found, as the text writes them
    title_words: frozenset[str]
    title_names: list[tuple[int, int, Entity]]  # where the headline writes an entity's name or alias
    most_mentions: int
    settings: SummarySettings

    @classmethod
    def of(
        cls,
        doc: Doc,
        article: Article,
        found: Annotations,
        title: Doc | None,
        title_times: Sequence[TimeExpr],
        settings: SummarySettings,
    ) -> IndexedArticle:
        mentions = sorted(found.mentions, key=lambda m: (m.start, -m.end))
        dated = anchor_of(article)
        headline = title if title is not None and len(title) and title.has_annotation("DEP") else None
        entities = {e.id: e for e in found.entities}
        return cls(
            doc=doc,
            text=_text_of(doc, article),
            article=article,
            found=found,
            title=headline,
            lead=_lead(doc, settings),
            entities=entities,
            mentions=mentions,
            starts=[m.start for m in mentions],
            times=[t for t in found.times if can_say_when(t, dated)],
            title_times=[t for t in title_times if can_say_when(t, dated)] if headline is not None else [],
            place_words=frozenset(p.text for p in found.places),
            title_words=frozenset(stem(w) for w in _content_words(article.title or "", doc)),
            title_names=_names_in(headline.text, entities.values()) if headline is not None else [],
            most_mentions=max((e.mentions for e in found.entities), default=0),
            settings=settings,
        )

    def entity_of(self, token: Token) -> Entity | None:
        """The named doer a word refers to: the mention at it (a name, or a pronoun coreference resolved), or in the
        headline the article's entity whose name or alias the headline writes there."""
        entity = self._mentioned(token) if token.doc is self.doc else self._title_entity(token)
        return entity if entity is not None and entity.kind in _DOER_KINDS else None

    def _mentioned(self, token: Token) -> Entity | None:
        mention = self.mention_at(token.idx)
        return self.entities.get(mention.entity_id or "") if mention is not None else None

    def mention_at(self, char: int) -> Mention | None:
        i = bisect.bisect_right(self.starts, char)
        for mention in reversed(self.mentions[max(0, i - 8) : i]):
            if mention.start <= char < mention.end:
                return mention
        return None

    def _title_entity(self, token: Token) -> Entity | None:
        """The entity whose name or alias the headline writes at the token; or an organisation whose name ends
        with the headline's capitalised word for it ("Police name crew": "Dunmore Harbour Police")."""
        named = [entity for start, end, entity in self.title_names if start <= token.idx < end]
        if named:
            return max(named, key=lambda e: e.mentions)
        if token.text[:1].isupper() and token.pos_ in ("NOUN", "PROPN") and token.dep_ in SUBJECTS:
            suffix = " " + token.text.casefold()
            same = [e for e in self.entities.values() if e.kind == "ORG" and e.name.casefold().endswith(suffix)]
            return max(same, key=lambda e: e.mentions, default=None)
        return None

    def in_title(self, entity: Entity) -> bool:
        title = (self.article.title or "").casefold()
        return any(name and name.casefold() in title for name in (entity.name, *entity.aliases))

    def is_place(self, token: Token) -> bool:
        """A place name: one the places stage found, or one the tagger labels a place, or a building, an event or
        an organisation after "at", "in", "outside" ("at the White House", "at the Lisbon Marathon")."""
        if token.pos_ != "PROPN":
            return False
        if token.ent_type_ in PLACE_LABELS:
            return True
        if token.doc is self.doc and any(p.start <= token.idx < p.end for p in self.found.places):
            return True
        if token.doc is not self.doc and token.text in self.place_words:
            return True  # the headline's "Dunmore", which the places stage found in the text
        return token.ent_type_ in ("ORG", "EVENT", "WORK_OF_ART") and place_head(token).head.lower_ in _AT

    def time_at(self, start: int, end: int) -> bool:
        return any(t.start < end and start < t.end for t in self.found.times)

    def phrase(self, tokens: Span) -> Phrase:
        """The words as the card gives them: with offsets into the text, or the title's own words without."""
        if tokens.doc is self.doc:
            return Phrase(self.text[tokens.start_char : tokens.end_char], tokens.start_char, tokens.end_char)
        title = self.article.title or ""
        parsed = tokens.doc.text
        if len(title) != len(parsed):
            title = parsed  # the caller parsed something else than the title or its headline_text
        return Phrase(title[tokens.start_char : tokens.end_char], None, None)


def anchor_of(article: Article) -> Timestamp | None:
    """What the article's times count from, as the pipeline anchors them: its dated day, else its publication."""
    return article.date_line or article.published


def can_say_when(expression: TimeExpr, anchor: Timestamp | None) -> bool:
    """A date or a time within a year of publication; a duration, or history ("in 2008"), is not when it happened."""
    if expression.granularity not in _WHEN_GRAINS or expression.type not in ("DATE", "TIME"):
        return False
    year = expression.value[:4]
    if anchor is None or not year.isdigit():
        return True
    return abs(int(year) - anchor.year) <= 1


def stem(word: str) -> str:
    """A crude stem, enough to see "blamed" in "blames": the first five letters, lower case."""
    return word.lower()[:5]


def _text_of(doc: Doc, article: Article) -> str:
    """The Doc's text: the article's, as the pipeline parses it (read from the tokens only when it is not)."""
    length = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    return article.text if len(article.text) == length and article.text.startswith(doc[:20].text) else doc.text


def _lead(doc: Doc, settings: SummarySettings) -> list[Span]:
    """The first sentences of the text that read as sentences: a verb, a few words, not a run-on of everything."""
    if not len(doc) or not doc.has_annotation("DEP"):
        return []
    lead: list[Span] = []
    for sentence in doc.sents:
        if sentence.start_char > settings.lead_chars or len(lead) >= settings.lead_sentences:
            break
        words = sum(1 for t in sentence if t.is_alpha)
        if (
            words >= 4
            and len(sentence) <= settings.longest_sentence
            and any(t.pos_ in ("VERB", "AUX") for t in sentence)
        ):
            lead.append(sentence)
    return lead


def _content_words(text: str, doc: Doc) -> Iterable[str]:
    """The words of a title that say something: not stop words, not one or two letters."""
    return (w.lower() for w in WORD.findall(text) if len(w) > 2 and not doc.vocab[w.lower()].is_stop)


def _names_in(title: str, entities: Iterable[Entity]) -> list[tuple[int, int, Entity]]:
    """Where the headline writes the article's entities' names and aliases: (start, end, entity)."""
    folded = title.casefold()
    return [
        (start, start + len(name), entity)
        for entity in entities
        for name in {entity.name.casefold(), *(a.casefold() for a in entity.aliases)}
        for start in _occurrences(folded, name)
    ]


def _occurrences(text: str, name: str) -> Iterator[int]:
    """Where a name stands in the text as whole words."""
    start = text.find(name) if name else -1
    while start >= 0:
        end = start + len(name)
        if (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            yield start
        start = text.find(name, start + 1)
