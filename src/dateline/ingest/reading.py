"""Reading, the ingest's first step: documents (inputs) through the readers into Articles with their ids (dedup)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .. import dedup, readers
from ..config import Settings
from ..inputs import Document, documents
from ..model import Article, Problem

Input = str | tuple[str, bytes]  # a path, "-" for stdin, or a file's name and content (an upload)


def read(paths: Iterable[Input], settings: Settings) -> Iterator[Article | Problem]:
    """Articles (with their ids) and problems from ``paths``, in input order."""
    return articles(documents(list(paths), settings.max_file_bytes), settings)


def articles(found: Iterable[Document | Problem], settings: Settings) -> Iterator[Article | Problem]:
    """The articles of each document, with their ids; the problems met on the way in their place."""
    for document in found:
        if isinstance(document, Problem):
            yield document
        else:
            yield from dedup.identified(readers.read(document, settings.max_read_seconds))
