"""The reading pipeline: one spaCy pass per article, then small stages that each read the Doc.

    entities (names grouped, roles, countries; pronouns resolved by coref)
    -> quotes (speakers resolved through the entities) -> times (against the publication time) -> places

The pipeline is a pure function of the article, so it can run anywhere (a Dask worker later); the store
writes what it returns.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from ..config import Settings
from ..model import Annotations, Article
from . import entities, language, nlp, places, quotes, times

VERSION = "1"  # bump when extraction changes, so `dateline reprocess` knows what is stale


def annotate_all(articles: Iterable[Article], settings: Settings) -> Iterator[tuple[Article, Annotations]]:
    """Each article with what the pipeline found in it, in order, the spaCy pass batched across articles."""
    model = nlp.load(settings.model)

    def texts() -> Iterator[tuple[str, tuple[Article, str | None]]]:
        for article in articles:
            lang = language.detect(article.text, article.language)
            yield (article.text if _readable(lang) else ""), (article, lang)

    for doc, (article, lang) in nlp.parse(
        model,
        texts(),
        n_process=settings.processes,
        batch_size=settings.nlp_batch_size,
        max_chars=settings.max_doc_chars,
    ):
        try:
            found = annotate(doc, article, lang)
        except Exception as error:  # a bug met on some text must not stop an ingest of thousands
            found = Annotations(article_id=article.id, language=lang)
            found.notes.append(f"extraction failed ({type(error).__name__}: {error}); stored without annotations")
        yield article, found


def annotate(doc: Doc, article: Article, lang: str | None) -> Annotations:
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
    return found


def _readable(lang: str | None) -> bool:
    return lang in (None, "en")
