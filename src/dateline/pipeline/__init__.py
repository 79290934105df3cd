"""The reading pipeline: one spaCy pass per article (and its title), then small stages that each read the Doc,
the registered ones (stage.py) in order: dateline's own (builtin.py)

    entities (names grouped, roles, countries; pronouns resolved by coref)
    -> quotes (speakers resolved through the entities) -> times (against the publication time) -> places
    -> events (CAMEO/PLOVER, actors coded from dictionaries and roles) -> summary (the 5W1H card)

and any a user's package registers (see dateline.plugins).

The pipeline is a pure function of the article (``read``), so it can run anywhere: in this process, in worker
processes or on Dask workers (ingest/ runs it there and stores what it returns).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc

from ..config import Settings
from ..model import Annotations, Article, Problem
from ..reference.cameo.verbs import VerbDictionary
from . import language, nlp, stage, summary
from .actors import ActorCoder
from .stage import Reading, Stage

__all__ = ["Coders", "Reading", "Stage", "annotate", "coders", "read"]

VERSION = "18"  # bump when extraction changes, so `dateline reprocess` knows what is stale


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
    stages = stage.configured(settings)

    def texts() -> Iterator[tuple[str, tuple[Article, str | None, list[str], bool]]]:
        for article in task:
            notes: list[str] = []
            lang = language.detect(article.text, article.language, notes)
            if unread := _unread(article.text, lang, settings):
                notes.append(unread)
            context = article, lang, notes, unread is None
            yield ("" if unread else article.text), context
            # the title is parsed too: it names the main event (the 5W1H card's "what")
            yield ("" if unread else _title(article, notes, settings)), context

    found = []
    parsed = nlp.parse(model, texts(), batch_size=settings.nlp_batch_size, max_chars=settings.max_doc_chars)
    for doc, (article, lang, notes, readable) in parsed:
        title, _ = next(parsed)
        annotations = (
            annotate(doc, article, lang, coding, title, stages=stages) if readable else Annotations(article.id, lang)
        )
        annotations.notes[:0] = notes
        found.append(annotations)
    return found


_NOT_READ = "stored and searchable, but not read for entities"
_MARKS = re.compile(r"[^\w\s]+")


def _unread(text: str, lang: str | None, settings: Settings) -> str | None:
    """Why the text is not to be read, if it is not. spaCy's model reads English. Its memory grows by gigabytes a
    megabyte of text, and no news article is that long: a longer text is a page scraped whole or a file of junk."""
    if lang not in (None, "en"):
        return f"language '{lang}' is not English: {_NOT_READ}"
    if len(text) > (limit := settings.max_read_chars):
        over = f"{len(text):,} characters, over the {limit:,} the reading pipeline takes"
        return f"{over}: {_NOT_READ} (set DATELINE_MAX_READ_CHARS)"
    junk = _not_prose(text, settings)
    return f"{junk}: {_NOT_READ}" if junk else None


def _title(article: Article, notes: list[str], settings: Settings) -> str:
    """The title as it is parsed (see summary.headline_text); "" for one that is not prose, with a note."""
    title = summary.headline_text(article)
    if junk := _not_prose(title, settings):
        notes.append(f"the title is {junk}: not read")
        return ""
    return title


def _not_prose(text: str, settings: Settings) -> str | None:
    """Why the text is not prose, if it is not: mostly marks and symbols, or a long run of them, which costs spaCy
    minutes (its tokenizer peels punctuation off a run one mark at a time) and holds nothing to read."""
    visible = len(text) - sum(c.isspace() for c in text)
    share = sum(c.isalnum() for c in text) / visible if visible else 1.0
    if share < settings.min_prose_share:
        return f"not prose: {share:.0%} of its characters are letters or digits"
    longest = max(map(len, _MARKS.findall(text)), default=0)
    if longest > settings.max_mark_run:
        return f"not prose: a run of {longest:,} marks without a space"
    return None


def annotate(
    doc: Doc,
    article: Article,
    lang: str | None,
    coding: Coders | None = None,
    title: Doc | None = None,
    settings: Settings | None = None,
    stages: list[tuple[Stage, object]] | None = None,
) -> Annotations:
    """What the registered stages find in a parsed article, read as English whatever ``lang`` says (``read``
    decides what is read), each stage with its settings from ``settings``; ``stages`` when the caller has them."""
    reading = Reading(doc, article, Annotations(article_id=article.id, language=lang), title, coding or coders())
    return stage.run(stages if stages is not None else stage.configured(settings or Settings()), reading)
