"""The reading pipeline: one spaCy pass per article (and its title), then small stages that each read the Doc.

    entities (names grouped, roles, countries; pronouns resolved by coref)
    -> quotes (speakers resolved through the entities) -> times (against the publication time) -> places
    -> events (CAMEO/PLOVER, actors coded from dictionaries and roles) -> summary (the 5W1H card)

The pipeline is a pure function of the article, so it can run anywhere (a Dask worker later); the store
writes what it returns.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc

from ..cameo.verbs import VerbDictionary
from ..config import Settings
from ..model import Annotations, Article
from . import entities, events, language, nlp, places, quotes, summary, times
from .actors import ActorCoder

VERSION = "2"  # bump when extraction changes, so `dateline reprocess` knows what is stale


@dataclass(frozen=True, slots=True)
class Coders:
    """The dictionaries events are coded with: built once per process, with the user's files."""

    actors: ActorCoder
    verbs: VerbDictionary


@cache
def coders(actor_files: tuple[str, ...] = (), verb_files: tuple[str, ...] = ()) -> Coders:
    return Coders(ActorCoder.load(actor_files), VerbDictionary.load(verb_files))


def annotate_all(articles: Iterable[Article], settings: Settings) -> Iterator[tuple[Article, Annotations]]:
    """Each article with what the pipeline found in it, in order, the spaCy pass batched across articles."""
    model = nlp.load(settings.model)
    coding = coders(tuple(settings.actor_files), tuple(settings.verb_files))

    def texts() -> Iterator[tuple[str, tuple[Article, str | None, str]]]:
        for article in articles:
            lang = language.detect(article.text, article.language)
            readable = _readable(lang)
            yield (article.text if readable else ""), (article, lang, "text")
            # the title is parsed too: it names the main event (the 5W1H card's "what")
            yield (summary.headline_text(article) if readable else ""), (article, lang, "title")

    parsed = nlp.parse(
        model, texts(), n_process=settings.processes, batch_size=settings.nlp_batch_size,
        max_chars=settings.max_doc_chars,
    )  # fmt: skip
    for doc, (article, lang, _) in parsed:
        title, _context = next(parsed)
        try:
            found = annotate(doc, article, lang, coding, title)
        except Exception as error:  # a bug met on some text must not stop an ingest of thousands
            found = Annotations(article_id=article.id, language=lang)
            found.notes.append(f"extraction failed ({type(error).__name__}: {error}); stored without annotations")
        yield article, found


def annotate(
    doc: Doc, article: Article, lang: str | None, coding: Coders | None = None, title: Doc | None = None
) -> Annotations:
    found = Annotations(article_id=article.id, language=lang)
    if not _readable(lang):
        found.notes.append(f"language '{lang}' is not English: stored and searchable, but not read for entities")
        return found
    named = entities.entities(doc, article.id)
    found.entities, found.mentions = named.entities, named.mentions
    found.quotes = list(quotes.quotes(doc, named.resolve, article.id))
    # the dated day is the local one ("today" in Dhaka at 00:30 is not yesterday in UTC): prefer it when known
    found.times = list(times.times(doc, article.date_line or article.published, article.id))
    found.places = list(places.places(doc, named, article.id))
    coding = coding or coders()
    found.events = list(
        events.events(doc, article, named, found.quotes, found.times, found.places, coding.actors, coding.verbs)
    )
    found.summary = summary.summarize(doc, article, found, title)
    return found


def _readable(lang: str | None) -> bool:
    return lang in (None, "en")
