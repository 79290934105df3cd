"""Paragraph roles: which parts of an article's text are its own prose (body), and which are the page's furniture
that scrapers keep: photo captions and credits, bylines, datelines, subheads and the site's boilerplate. Only the
body is read for events and quotes (builtin.py keeps their records to it), so a caption's verb is not coded as an
act and a dateline's city never speaks; every part is stored with its offsets and shown in the reader.

A paragraph's role comes from the words that mark furniture (data/layout_cues.tsv: credits, bylines, boilerplate)
or from its shape: a date alone is a dateline; the title again, or a few words without a sentence's final mark, a
subhead; a sentence without one, a caption (news prose ends its paragraphs with a full stop, a question or a quote;
captions, teasers and embedded posts often do not). A body paragraph that opens with a dateline ("OSLO (Agency) —")
has that opening as a region of its own.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import cast

from .. import data
from ..model import Region, RegionRole, Span
from ..reference import geography


@dataclass(frozen=True, slots=True)
class LayoutSettings:
    """Where the shape of a paragraph decides its role."""

    heading_words: int = 8  # a paragraph of at most this many words without a sentence's final mark is a subhead
    caption_words: int = 6  # one of at least this many words without it is a caption (or a teaser, or a post) ...
    caption_max_words: int = 45  # ... of at most this many words, in one or two sentences
    longest_region_words: int = 60  # a longer paragraph is body, whatever words mark it (a text in one paragraph)


_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
# what ends a sentence: a mark, or a closing quote or bracket after one; a colon or semicolon leads on to what follows
_TERMINATED = re.compile(r"""[.!?…:;,]["'”’»)\]]*$""")
_LIST_ITEM = re.compile(r"^(?:[-–•*▪◦·]|\d{1,3}[.)])\s")
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE_ONLY = re.compile(
    rf"^(?:{_WEEKDAY},?\s+)?(?:\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?)(?:,?\s+\d{{4}})?"
    rf"(?:,?\s+\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{{2,5}})?)?$|^{_WEEKDAY}$|^\d{{4}}-\d{{2}}-\d{{2}}$"
)
# "OSLO (Agency) — ", "NEW YORK, June 3 (Agency) - ", "ABUJA: ": a city in capitals opening a paragraph; after a
# colon alone it must be a place the gazetteer knows, for "MORALES: We will." is a transcript's speaker
_DATELINE = re.compile(
    r"^(?P<city>[A-Z][A-Z'.-]+(?:\s+[A-Z][A-Z'.-]+){0,3})(?:,\s+[A-Z][\w.]+(?:\s+[A-Z][\w.]+)?)?"
    rf"(?:,?\s+{_MONTH}\s+\d{{1,2}})?\s*(?P<agency>\([A-Za-z][\w .&/-]{{0,40}}\)\s*)?(?P<mark>—|–|--|-|:)\s+(?=\S)"
)
# "(Reporting by Ann Reed; Editing by Bo Lin)" closing a body paragraph: the agencies' credit line, a byline
_TRAILING_CREDIT = re.compile(
    r"\s*\((?:Additional )?(?:[Rr]eporting|[Ww]riting|[Ee]diting|[Cc]ompiled|[Ww]ritten)(?: by)?\b[^()]{0,200}\)\s*$"
)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+[\"“‘(]?[A-Z]")


@cache
def _cues() -> list[tuple[RegionRole, re.Pattern[str]]]:
    return [(cast(RegionRole, role), re.compile(pattern)) for role, pattern in data.rows("layout_cues.tsv")]


def regions(
    text: str, paragraphs: list[Span], title: str | None = None, settings: LayoutSettings | None = None
) -> list[Region]:
    """The parts of ``text`` that are not body, in text order: whole paragraphs, and datelines opening a paragraph.
    Without ``paragraphs``, each line is one."""
    settings = settings or LayoutSettings()
    spans = paragraphs or list(_lines(text))
    heading = " ".join(title.split()).casefold() if title else None
    found = []
    for n, span in enumerate(spans):
        start, end = _stripped(text, span)
        if start >= end:
            continue
        paragraph = text[start:end]
        if (credit := _TRAILING_CREDIT.search(paragraph)) and credit.start() > 0:
            found.append(
                Region(start + credit.start() + len(credit.group()) - len(credit.group().lstrip()), end, "byline")
            )
            end = start + credit.start()
            paragraph = text[start:end]
        role = _role(paragraph, heading, last=n == len(spans) - 1, settings=settings)
        if role is not None:
            found.append(Region(start, end, role))
        elif opening := _dateline(paragraph):
            found.append(Region(start, start + len(opening.rstrip()), "dateline"))
    return sorted(found, key=lambda region: region.start)


def covering(found: list[Region], at: int) -> Region | None:
    """The region (of ``found``, in text order, apart) that holds the character at ``at``, if one does."""
    index = bisect.bisect_right([region.start for region in found], at) - 1
    return found[index] if index >= 0 and at < found[index].end else None


def body(text_length: int, found: list[Region]) -> list[Span]:
    """What the regions leave: the spans of body text."""
    spans, at = [], 0
    for region in found:
        if region.start > at:
            spans.append(Span(at, region.start))
        at = max(at, region.end)
    if at < text_length:
        spans.append(Span(at, text_length))
    return spans


def _dateline(paragraph: str) -> str | None:
    """The dateline that opens a body paragraph, if one does."""
    opening = _DATELINE.match(paragraph)
    if opening is None or not _WORD.search(paragraph[opening.end() :]):
        return None
    if opening["mark"] == ":" and not opening["agency"] and not geography.places_named(opening["city"]):
        return None
    return opening.group()


def _role(paragraph: str, title: str | None, last: bool, settings: LayoutSettings) -> RegionRole | None:
    words = len(_WORD.findall(paragraph))
    if words > settings.longest_region_words:
        return None  # furniture is short: a long paragraph is prose, whatever it mentions (a credit, a post)
    for role, cue in _cues():
        if cue.search(paragraph):
            return role
    if not any(c.isalnum() for c in paragraph):
        return "boilerplate"  # "***", "—"
    if _DATE_ONLY.match(paragraph):
        return "dateline"
    if title and " ".join(paragraph.split()).casefold() == title:
        return "heading"
    if _TERMINATED.search(paragraph) or _LIST_ITEM.match(paragraph) or not paragraph[0].isupper():
        return None
    if words <= settings.heading_words and not last:
        return "heading"
    # a caption is a sentence or two; a long run of prose that lacks only its last full stop is body cut short
    sentences = len(_SENTENCE_END.findall(paragraph)) + 1
    if settings.caption_words <= words <= settings.caption_max_words and sentences <= 2:
        return "caption"
    return None


def _lines(text: str) -> Iterator[Span]:
    at = 0
    for line in text.split("\n"):
        yield Span(at, at + len(line))
        at += len(line) + 1


def _stripped(text: str, span: Span) -> tuple[int, int]:
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
