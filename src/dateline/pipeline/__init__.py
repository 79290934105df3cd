"""The reading pipeline: one spaCy pass per article (and its title), then small stages that each read the Doc.

    entities (names grouped, roles, countries; pronouns resolved by coref)
    -> quotes (speakers resolved through the entities) -> times (against the publication time) -> places
    -> events (CAMEO/PLOVER, actors coded from dictionaries and roles) -> summary (the 5W1H card)

The pipeline is a pure function of the article (``read``), so it can run anywhere: in this process, in worker
processes or on Dask workers (ingest/ runs it there and stores what it returns).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

from spacy.tokens import Doc

from ..config import Settings
from ..model import Annotations, Article, Event, Problem, TimeExpr
from ..reference.cameo.verbs import VerbDictionary
from . import entities, events, language, nlp, places, quotes, summary, times
from .actors import ActorCoder

T = TypeVar("T")

VERSION = "4"  # bump when extraction changes, so `dateline reprocess` knows what is stale


@dataclass(frozen=True, slots=True)
class Coders:
    """The dictionaries events are coded with: built once per process, with the user's files, and the warnings their
    bad lines gave."""

    actors: ActorCoder
    verbs: VerbDictionary
    warnings: tuple[Problem, ...] = ()


@cache
def coders(actor_files: tuple[str, ...] = (), verb_files: tuple[str, ...] = ()) -> Coders:
    """The coders, once per process. A bad line in a PETRARCH dictionary is a warning naming the file and line, and
    the rest of the file is read, as PETRARCH does: the field's own Phoenix files have a few."""
    problems: list[Problem] = []
    actors = ActorCoder.load(actor_files, problems)
    return Coders(actors, VerbDictionary.load(verb_files), tuple(problems))


def read(task: list[Article], settings: Settings) -> list[Annotations]:
    """The annotations of a few articles, in one process: one batched spaCy pass over their texts and titles. A text
    not to be read (in another language, too long, not prose) is parsed as "" and gets a note saying why."""
    model = nlp.load(settings.model)
    coding = coders(tuple(settings.actor_files), tuple(settings.verb_files))

    def texts() -> Iterator[tuple[str, tuple[Article, str | None, list[str], bool]]]:
        for article in task:
            notes: list[str] = []
            lang = language.detect(article.text, article.language, notes)
            if unread := _unread(article.text, lang, settings.max_read_chars):
                notes.append(unread)
            context = article, lang, notes, unread is None
            yield ("" if unread else article.text), context
            # the title is parsed too: it names the main event (the 5W1H card's "what")
            yield ("" if unread else _title(article, notes)), context

    found = []
    parsed = nlp.parse(model, texts(), batch_size=settings.nlp_batch_size, max_chars=settings.max_doc_chars)
    for doc, (article, lang, notes, readable) in parsed:
        title, _ = next(parsed)
        annotations = annotate(doc, article, lang, coding, title) if readable else Annotations(article.id, lang)
        annotations.notes[:0] = notes
        found.append(annotations)
    return found


_NOT_READ = "stored and searchable, but not read for entities"
PROSE_SHARE = 0.5  # letters and digits among the characters other than spaces: 89% and more in news prose
LONGEST_MARKS = 1_000  # marks in a row without a space: spaCy splits them one by one, at a cost that grows squared
_MARKS = re.compile(r"[^\w\s]+")


def _unread(text: str, lang: str | None, limit: int) -> str | None:
    """Why the text is not to be read, if it is not. spaCy's model reads English. Its memory grows by gigabytes a
    megabyte of text, and no news article is that long: a longer text is a page scraped whole or a file of junk."""
    if lang not in (None, "en"):
        return f"language '{lang}' is not English: {_NOT_READ}"
    if len(text) > limit:
        over = f"{len(text):,} characters, over the {limit:,} the reading pipeline takes"
        return f"{over}: {_NOT_READ} (set DATELINE_MAX_READ_CHARS)"
    junk = _not_prose(text)
    return f"{junk}: {_NOT_READ}" if junk else None


def _title(article: Article, notes: list[str]) -> str:
    """The title as it is parsed (see summary.headline_text); "" for one that is not prose, with a note."""
    title = summary.headline_text(article)
    if junk := _not_prose(title):
        notes.append(f"the title is {junk}: not read")
        return ""
    return title


def _not_prose(text: str) -> str | None:
    """Why the text is not prose, if it is not: mostly marks and symbols, or a long run of them, which costs spaCy
    minutes (its tokenizer peels punctuation off a run one mark at a time) and holds nothing to read."""
    visible = len(text) - sum(c.isspace() for c in text)
    share = sum(c.isalnum() for c in text) / visible if visible else 1.0
    if share < PROSE_SHARE:
        return f"not prose: {share:.0%} of its characters are letters or digits"
    longest = max(map(len, _MARKS.findall(text)), default=0)
    if longest > LONGEST_MARKS:
        return f"not prose: a run of {longest:,} marks without a space"
    return None


def annotate(
    doc: Doc, article: Article, lang: str | None, coding: Coders | None = None, title: Doc | None = None
) -> Annotations:
    """What the stages find in a parsed article, read as English whatever ``lang`` says (``read`` decides what is
    read). Each stage runs on its own: one that fails on some text loses its own records, with a note naming it and
    the error, and the stages after it read on without them."""
    found = Annotations(article_id=article.id, language=lang)

    def stage(name: str, run: Callable[[], T], nothing: T) -> T:
        try:
            return run()
        except Exception as error:  # a bug met on some text must cost neither the ingest nor the other stages' work
            found.notes.append(f"{name} failed ({type(error).__name__}: {error}); stored without its {name}")
            return nothing

    named = stage("entities", lambda: entities.entities(doc, article.id), entities.Found([], []))
    found.entities, found.mentions = named.entities, named.mentions
    found.quotes = stage("quotes", lambda: list(quotes.quotes(doc, named.resolve, article.id)), [])
    # the dated day is the local one ("today" in Dhaka at 00:30 is not yesterday in UTC): prefer it when known
    anchor = article.date_line or article.published
    found.times = stage("times", lambda: list(times.times(doc, anchor, article.id)), [])
    title_times: list[TimeExpr] = []
    if title is not None:  # the title's times are the summary's alone (they can date its event), and not stored
        title_times = stage("title times", lambda: list(times.times(title, anchor, article.id)), [])
    found.places = stage("places", lambda: list(places.places(doc, named, article.id)), [])
    coded = coding or coders()
    found.events = stage("events", lambda: list(_events(doc, article, named, found, coded)), [])
    found.summary = stage("summary", lambda: summary.summarize(doc, article, found, title, title_times), None)
    return found


def _events(doc: Doc, article: Article, named: entities.Found, found: Annotations, coding: Coders) -> Iterator[Event]:
    return events.events(doc, article, named, found.quotes, found.times, found.places, coding.actors, coding.verbs)
