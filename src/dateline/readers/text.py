"""Plain text with no header: the whole file is one article, its first line the title when it reads like one."""

from __future__ import annotations

from collections.abc import Iterator

from ..decoding import Decoded
from ..model import Article, Problem
from . import fields

MAX_TITLE_CHARS = 200


def sniff(text: str, name: str) -> bool:
    return True  # the last resort: any decodable text


def read(source: str, decoded: Decoded) -> Iterator[Article | Problem]:
    lines = fields.paragraphs_text(decoded.text).split("\n")
    title = None
    if len(lines) > 1 and len(lines[0]) <= MAX_TITLE_CHARS and not lines[0].endswith((".", ":", ",")):
        title, lines = lines[0], lines[1:]
    yield fields.article("\n".join(lines), source, "text", decoded, title=title)
