"""Paragraph roles: which parts of an article's text are its own prose (body), and which are the page's furniture
that scrapers keep: photo captions and credits, bylines, datelines, subheads and the site's boilerplate. Only the
body is read for events and quotes (builtin.py keeps their records to it), so a caption's verb is not coded as an
act and a dateline's city never speaks; every part is stored with its offsets and shown in the reader.

A paragraph's role comes from the words that mark furniture (data/layout_cues.tsv: credits, bylines, boilerplate)
or from its shape: a date alone is a dateline; the title again, or a few words without a sentence's final mark, a
subhead; a sentence without one, a caption (news prose ends its paragraphs with a full stop, a question or a quote;
captions, teasers and embedded posts often do not). A body paragraph that opens with a dateline ("OSLO (Agency) —")
has that opening as a region of its own.

Scraped prose lacks its final mark too, and its shape says so: a paragraph whose sentence runs on into the next one
(which opens in lower case, or with the stop itself) was broken by a removed link; a text's last paragraph that holds
a long complete sentence and then more was cut short; a lone full stop is a sentence's broken-off end. Several
subhead-shaped lines in a row are a list's items (fixtures, a cast, a track list), not subheads: they stay body.
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
    list_items: int = 3  # so many subhead-shaped paragraphs in a row are a list's items, not subheads
    cut_sentence_words: int = 15  # a text's last paragraph with a complete sentence this long before more: cut short


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
# "." or "?”" alone: the end of the sentence before, broken off by the scraper ("***" or "..." mark a break or a cut)
_SENTENCE_TAIL = re.compile(r"""^[.!?]["'”’»)\]]*$""")


@cache
def _cues() -> list[tuple[RegionRole, re.Pattern[str]]]:
    return [(cast(RegionRole, role), re.compile(pattern)) for role, pattern in data.rows("layout_cues.tsv")]


def regions(
    text: str, paragraphs: list[Span], title: str | None = None, settings: LayoutSettings | None = None
) -> list[Region]:
    """The parts of ``text`` that are not body, in text order: whole paragraphs, and datelines opening a paragraph.
    Without ``paragraphs``, each line is one."""
    settings = settings or LayoutSettings()
    spans = [span for span in (_stripped(text, span) for span in paragraphs or _lines(text)) if span[0] < span[1]]
    heading = " ".join(title.split()).casefold() if title else None
    found, parts, roles, subheads = [], [], [], []
    for n, (start, end) in enumerate(spans):
        if credit := _trailing_credit(text, start, end):
            found.append(credit)
            end = credit.start
        paragraph = text[start:end].rstrip()
        following = text[spans[n + 1][0] : spans[n + 1][1]] if n + 1 < len(spans) else None
        titled = heading is not None and " ".join(paragraph.split()).casefold() == heading
        parts.append((start, start + len(paragraph)))
        roles.append("heading" if titled else _role(paragraph, following, settings))
        subheads.append(roles[-1] == "heading" and not titled)
    listed = _list_items(subheads, settings.list_items)
    for n, ((start, end), role) in enumerate(zip(parts, roles, strict=True)):
        if n in listed:
            continue  # a list's items are body, and no dateline opens one
        if role is not None:
            found.append(Region(start, end, role))
        elif opening := _dateline(text[start:end]):
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


def _trailing_credit(text: str, start: int, end: int) -> Region | None:
    """The agencies' credit line that closes the paragraph ``text[start:end]`` after some prose, as a byline."""
    credit = _TRAILING_CREDIT.search(text, start, end)
    if credit is None or credit.start() == start:
        return None
    return Region(credit.end() - len(credit.group().lstrip()), end, "byline")


def _role(paragraph: str, following: str | None, settings: LayoutSettings) -> RegionRole | None:
    """The role of one paragraph (not the title) from its words and its shape; ``following`` is the next paragraph,
    None at the text's end. Subheads in a row are told apart afterwards (``_list_items``)."""
    words = len(_WORD.findall(paragraph))
    if words > settings.longest_region_words:
        return None  # furniture is short: a long paragraph is prose, whatever it mentions (a credit, a post)
    for role, cue in _cues():
        if cue.search(paragraph):
            return role
    if not any(c.isalnum() for c in paragraph):
        return None if _SENTENCE_TAIL.match(paragraph) else "boilerplate"  # "***", "—"; a lone "." ends a sentence
    if _DATE_ONLY.match(paragraph):
        return "dateline"
    if _TERMINATED.search(paragraph) or _LIST_ITEM.match(paragraph) or not paragraph[0].isupper():
        return None
    if following is not None and _continues(following):
        return None  # the sentence goes on in the next paragraph: prose broken where a link or a name was taken out
    if words <= settings.heading_words and following is not None:
        return "heading"
    # a caption is a sentence or two; a long run of prose that lacks only its last full stop is body cut short
    sentences = len(_SENTENCE_END.findall(paragraph)) + 1
    if following is None and sentences > 1 and _first_sentence_words(paragraph) >= settings.cut_sentence_words:
        return None  # the text's end: a long complete sentence and more is prose the scraper cut off
    if settings.caption_words <= words <= settings.caption_max_words and sentences <= 2:
        return "caption"
    return None


def _list_items(subheads: list[bool], items: int) -> set[int]:
    """The paragraphs (by index) in runs of at least ``items`` subheads in a row: a list's items (fixtures, a cast, a
    track list) are short lines without a full stop, as subheads are, but subheads stand apart, each over its prose."""
    listed: set[int] = set()
    run: list[int] = []
    for n, subhead in enumerate([*subheads, False]):
        if subhead:
            run.append(n)
            continue
        if len(run) >= items:
            listed.update(run)
        run = []
    return listed


def _continues(paragraph: str) -> bool:
    """Whether ``paragraph`` goes on with the sentence before it: it opens (after a list's dash) with that sentence's
    stop or comma, or in lower case; not a word in lower case before a capital in a line without a stop, which is a
    credit opening a caption ("agency.com Crowds gather")."""
    item = _LIST_ITEM.match(paragraph)
    opening = paragraph[item.end() :].lstrip() if item else paragraph
    if opening.startswith((".", ",", ";", ":")):
        return True
    first, *rest = opening.split(maxsplit=2) or [""]
    if not first[:1].islower():
        return False
    return not rest or not rest[0][0].isupper() or bool(_TERMINATED.search(opening))


def _first_sentence_words(paragraph: str) -> int:
    """How many words the first sentence of ``paragraph`` has, when more follow it (0 for a single sentence)."""
    end = _SENTENCE_END.search(paragraph)
    return len(_WORD.findall(paragraph[: end.start() + 1])) if end else 0


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
