"""The pipeline over a stream of articles on this machine: in this process, or in worker processes (workers.py)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .. import pipeline
from ..config import Settings
from ..model import Annotations, Article
from ..pipeline import nlp
from . import workers


def annotated(articles: Iterable[Article], settings: Settings) -> Iterator[tuple[Article, Annotations]]:
    """Each article with what the pipeline found in it, in order.

    With several processes, whole articles go to worker processes (ingest/workers.py), which parse and read them
    and send back only the annotations: extraction runs in parallel with parsing, and no parsed Doc crosses a process
    boundary. An article that takes a worker longer than ``max_article_seconds`` is stopped and stored unread; in one
    process nothing can stop it.
    """
    # loaded here, before any worker forks: a bad dictionary stops the run before any work, in one error and one
    # set of warnings, and the workers share the model and the coders instead of each loading them again
    pipeline.coders(tuple(settings.actor_files), tuple(settings.verb_files))
    tasks = _tasks(articles, settings.task_articles)
    if settings.processes <= 1:
        for task in tasks:
            yield from zip(task, pipeline.read(task, settings), strict=True)
        return
    nlp.load(settings.model)
    yield from workers.annotated(tasks, settings, pipeline.read)


def _tasks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    task: list[Article] = []
    for article in articles:
        task.append(article)
        if len(task) >= size:
            yield task
            task = []
    if task:
        yield task
