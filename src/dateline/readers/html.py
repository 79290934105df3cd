"""HTML pages, read with trafilatura: the article text and the metadata the page states.

Also the plain text of HTML fragments (feed entries), and how markup names its root element, which the feed
reader shares so that HTML and feeds are told apart the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import Document as Extracted

from ..decoding import Decoded
from ..errors import InputError
from ..model import Article, Problem
from . import fields

NO_TEXT = "HTML page with no article text"
HTML_ROOTS = frozenset(
    {"html", "head", "body", "article", "main", "section", "header", "div", "p", "title", "meta", "h1", "h2", "h3"}
)
BLOCKS = frozenset(
    {"p", "div", "li", "br", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "dt", "dd", "figcaption"}
    | {"article", "section", "header", "footer", "aside", "ul", "ol", "table", "hr"}
)
UNSEEN = ("script", "style", "template", "noscript")
TIME_META = {
    "article:published_time": "published",
    "og:published_time": "published",
    "datepublished": "published",
    "pubdate": "published",
    "publishdate": "published",
    "parsely-pub-date": "published",
    "dc.date.issued": "published",
    "dcterms.issued": "published",
    "article:modified_time": "updated",
    "og:updated_time": "updated",
    "datemodified": "updated",
}
# Day, time and zone together, so that "10:24 PM +06:00" on the page survives as 16:24 UTC. No extensive search:
# it dates a page that states no date by any year in its text ("founded in 2003" -> 2003-01-01). Readers' comments
# are not the article.
_EXTRACTION: dict[str, Any] = {
    "with_metadata": True,
    "include_comments": False,
    "date_extraction_params": {"outputformat": "%Y-%m-%dT%H:%M:%S%z", "extensive_search": False, "original_date": True},
}
# Possessive, so text that is not markup fails at once instead of backtracking through comments.
_ROOT = re.compile(r"(?:\s|<\?.*?\?>|<!--.*?-->)*+(?:<!doctype\s+([a-z][\w:.-]*)|<([a-z][\w:.-]*))", re.I | re.S)
_SNIFF_CHARS = 64 * 1024
# Characters XML cannot hold (control characters, lone surrogates): lxml refuses to set text that has them.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def root_name(text: str) -> str | None:
    """The root element the markup starts with (its doctype, else its first tag), lower case; None if not markup."""
    match = _ROOT.match(text[:_SNIFF_CHARS])
    return (match.group(1) or match.group(2)).lower() if match else None


def sniff(text: str, name: str) -> bool:
    # The first tag decides, not a tag anywhere near the start: feeds carry <p> in CDATA, CSV cells carry markup.
    return root_name(text) in HTML_ROOTS


def read(source: str, decoded: Decoded) -> Iterator[Article | Problem]:
    yield from_html(decoded.text, source, None, decoded)


def from_html(
    html_text: str, source: str, url: str | None, decoded: Decoded | None, *, format: str = "html"
) -> Article:
    """The article in a page; ``url`` (where it was fetched from) counts only when the page names no url itself."""
    try:
        page = trafilatura.bare_extraction(html_text, url=url, **_EXTRACTION)
    except (ValueError, etree.LxmlError) as error:
        raise InputError(source, f"unreadable HTML ({error})") from None
    found: dict[str, Any] = page.as_dict() if isinstance(page, Extracted) else {}
    stated = _stated_times(html_text)
    title = fields.text_or_none(found.get("title"))
    body = _without_headline(found.get("text") or "", title)
    if not body:
        raise InputError(source, NO_TEXT)
    # The page's own machine-readable time first: htmldate drops dates past today and times with some options.
    published = stated.get("published") or found.get("date")
    warnings = [] if published else ["published: the page states no date; stored without it"]
    return fields.article(
        body,
        source,
        format,
        decoded,
        title=title,
        authors=fields.authors(found.get("author")),
        outlet=fields.text_or_none(found.get("sitename")) or fields.text_or_none(found.get("hostname")),
        url=fields.text_or_none(found.get("url")) or url,
        published=fields.timestamp(published, "published", warnings),
        updated=fields.timestamp(stated.get("updated"), "updated", warnings),
        language=fields.text_or_none(found.get("language")),
        warnings=warnings,
    )


def _stated_times(html_text: str) -> dict[str, str]:
    """Publication and modification times the page states in its meta tags or itemprop attributes."""
    try:
        root = lxml.html.fromstring(html_text[: _SNIFF_CHARS * 4])
    except (etree.ParserError, ValueError):
        return {}
    found: dict[str, str] = {}
    for element in root.iter("meta", "time"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").lower()
        value = element.get("content") or element.get("datetime")
        field = TIME_META.get(key)
        if field and value and field not in found:
            found[field] = value
    return found


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment: one paragraph per block element, tags dropped, entities decoded."""
    try:
        root = lxml.html.fragment_fromstring(_NOT_XML.sub("", fragment), create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    for element in list(root.iter(*UNSEEN)):
        element.drop_tree()
    for element in root.iter(*BLOCKS):
        element.tail = "\n" + (element.tail or "")
        if element.tag != "br":
            element.text = "\n" + (element.text or "")
    return fields.paragraphs_text(root.text_content())


def _without_headline(text: str, title: str | None) -> str:
    # trafilatura keeps the page's <h1>, which is the title again; stored once, it is the title.
    lines = fields.paragraphs_text(text).split("\n")
    if title and lines and lines[0] == title:
        lines = lines[1:]
    return "\n".join(lines)
