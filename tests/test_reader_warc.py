import io
import random
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dateline.inputs import documents
from dateline.model import Article, Problem
from dateline.readers import read, warc

FLOOD_URL = "https://ledger.example.com/news/flood"
MARKET_URL = "https://metro.example.com/2022/02/22/market-hours"
FLOOD_PAGE = """<!DOCTYPE html><html><head><title>Flood waters rise</title>
<meta property="og:site_name" content="The Daily Ledger">
<meta property="article:published_time" content="2022-02-21T22:24:00+06:00"></head>
<body><article><h1>Flood waters rise</h1>
<p>Water levels in three river towns rose by nearly a metre overnight, district officials said on Monday.</p>
<p>Emergency crews moved about four hundred families to school buildings on higher ground before dawn.</p>
</article></body></html>"""
WORDS = ("stall", "market", "trader", "fruit", "evening", "festival", "lamp", "square", "council", "fee", "crowd")


def market_page() -> str:
    """A long page, so that the middle of the archive falls inside it."""
    words = random.Random(7)
    paragraphs = (" ".join(words.choice(WORDS) for _ in range(30)).capitalize() + "." for _ in range(120))
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return f"<html><head><title>Market hours extended</title></head><body><article>{body}</article></body></html>"


def response(writer: WARCWriter, url: str, content_type: str, body: str, status: str = "200 OK") -> ArcWarcRecord:
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    payload = io.BytesIO(body.encode("utf-8"))
    return writer.create_warc_record(url, "response", payload=payload, http_headers=headers)


def archive(gzip: bool, make: Callable[[WARCWriter], list[ArcWarcRecord]]) -> tuple[bytes, list[int]]:
    """The WARC bytes of the records ``make`` creates, and the offset where each record starts."""
    stream = io.BytesIO()
    writer = WARCWriter(stream, gzip=gzip)
    starts = []
    for record in make(writer):
        starts.append(stream.tell())
        writer.write_record(record)
        record.raw_stream.close()  # warcio leaves the payload's temporary file open
    return stream.getvalue(), starts


def crawl(gzip: bool) -> tuple[bytes, list[int]]:
    """A small news crawl: two articles among records that are not articles."""
    request = io.BytesIO(b"GET /news/flood HTTP/1.1\r\nHost: ledger.example.com\r\n\r\n")
    return archive(
        gzip,
        lambda writer: [
            writer.create_warcinfo_record("crawl.warc.gz", {"software": "test crawler"}),
            writer.create_warc_record(FLOOD_URL, "request", payload=request, warc_content_type="application/http"),
            response(writer, FLOOD_URL, "text/html; charset=utf-8", FLOOD_PAGE),
            response(writer, "https://ledger.example.com/api/weather.json", "application/json", '{"rain_mm": 41}'),
            response(writer, "https://ledger.example.com/old", "text/html", "<p>Moved</p>", "301 Moved Permanently"),
            response(writer, MARKET_URL, "text/html", market_page()),
        ],
    )


def read_all(path: Path, max_bytes: int = 1_000_000) -> list[Article | Problem]:
    results: list[Article | Problem] = []
    for document in documents([str(path)], max_bytes):
        results.extend([document] if isinstance(document, Problem) else read(document))
    return results


@pytest.mark.parametrize("gzip", [True, False])
def test_html_responses_become_articles(tmp_path: Path, gzip: bool) -> None:
    path = tmp_path / "crawl.bin"  # named by neither .warc nor .gz: the content decides
    path.write_bytes(crawl(gzip)[0])

    flood, market = read_all(path)

    assert isinstance(flood, Article) and isinstance(market, Article)
    assert flood.format == market.format == "warc"
    assert (flood.source, flood.url) == (f"{path}#3", FLOOD_URL)
    assert (market.source, market.url) == (f"{path}#6", MARKET_URL)
    assert flood.title == "Flood waters rise"
    assert flood.outlet == "The Daily Ledger"
    assert flood.published == datetime(2022, 2, 21, 16, 24, tzinfo=UTC)
    assert len(flood.paragraphs) == 2
    assert market.title == "Market hours extended"
    assert market.outlet == "metro.example.com"
    assert market.published == date(2022, 2, 22)  # from the url: a day, no time
    assert len(market.paragraphs) == 120


@pytest.mark.parametrize("gzip", [True, False])
def test_truncated_warc_gives_the_records_before_the_break_and_one_problem(tmp_path: Path, gzip: bool) -> None:
    data, starts = crawl(gzip)
    half = len(data) // 2
    assert starts[-1] < half  # the cut falls inside the last page
    path = tmp_path / "crawl.warc"
    path.write_bytes(data[:half])

    results = read_all(path)

    assert [r.url for r in results if isinstance(r, Article)] == [FLOOD_URL]
    assert results[-1] == Problem(
        str(path), "truncated or corrupt WARC after 5 records; records before the break were read"
    )
    assert len(results) == 2


def test_page_over_the_size_limit_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(crawl(gzip=True)[0])

    flood, market = read_all(path, max_bytes=4096)

    assert isinstance(flood, Article)
    assert isinstance(market, Problem)
    assert market.source == f"{path}#6 ({MARKET_URL})"
    assert market.message.startswith("page over the size limit")


def test_response_without_article_text_is_a_problem_naming_the_record(tmp_path: Path) -> None:
    blank = "<html><body></body></html>"
    data, _ = archive(True, lambda writer: [response(writer, "https://ledger.example.com/blank", "text/html", blank)])
    path = tmp_path / "blank.warc.gz"
    path.write_bytes(data)

    assert read_all(path) == [
        Problem(f"{path}#1 (https://ledger.example.com/blank)", "HTML page with no article text; skipped")
    ]


def test_sniff() -> None:
    plain, _ = crawl(gzip=False)
    compressed, starts = crawl(gzip=True)

    assert warc.sniff(plain[:100])
    assert warc.sniff(compressed[: starts[1] // 2])  # a head that ends inside a gzip member still shows the magic
    assert not warc.sniff(b"\x1f\x8b\x08\x00 not really gzip")
    assert not warc.sniff(b"<html><body>WARC/1.0</body></html>")
