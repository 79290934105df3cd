"""dateline: news articles in, a searchable record of who said and did what to whom out."""

from .config import Settings
from .corpus import Corpus
from .errors import DatelineError, InputError
from .model import Article, IngestReport, Problem, SearchHit, Span, Stats, Story

__all__ = [
    "Article",
    "Corpus",
    "DatelineError",
    "IngestReport",
    "InputError",
    "Problem",
    "SearchHit",
    "Settings",
    "Span",
    "Stats",
    "Story",
]
