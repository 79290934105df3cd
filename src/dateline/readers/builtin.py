"""dateline's own readers, registered through the "dateline.readers" entry point as a user's would be."""

from __future__ import annotations

from ..plugins import hookimpl
from . import ArchiveReader, Reader, csvfile, feed, html, jsonl, seed, text, warc

READERS: list[Reader | ArchiveReader] = [
    ArchiveReader("warc", warc.sniff, warc.read, "WARC archives (Common Crawl News): an article an HTML response"),
    Reader("seed", seed.sniff, seed.read, description="plain text with a header of fields (the seed layout)"),
    Reader(
        "jsonl", jsonl.sniff, jsonl.read, description="JSON and JSON Lines in the news-please layout and its variants"
    ),
    Reader("feed", feed.sniff, feed.read, description="RSS, Atom and RDF feeds, an article an entry"),
    Reader("html", html.sniff, html.read, description="an HTML page: its article's text and metadata"),
    Reader("csv", csvfile.sniff, csvfile.read, description="CSV or TSV, an article a row"),
    Reader("text", text.sniff, text.read, fallback=True, description="any other text: the whole file one article"),
]


@hookimpl(trylast=True)
def dateline_readers() -> list[Reader | ArchiveReader]:
    return READERS
