"""Language data and tables, kept apart from the code that uses them: a new word is a data change.

Every file here is UTF-8, tab-separated, with # comment lines; ``rows`` is the one way they are read.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources


def rows(filename: str) -> Iterator[list[str]]:
    """The tab-separated rows of a data file, without comment and blank lines."""
    text = resources.files(__name__).joinpath(filename).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")
