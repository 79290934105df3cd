"""Fuzzing every reader (issue 7, bad input): inputs built from the real structure of each format, then broken -
headers mutated, bytes flipped and cut, encodings and byte-order marks mixed up, lines made huge, markup and JSON
nested deep. Each input gives articles the store can take, or problems naming it; never an exception, never a
hang. The counts of inputs per reader are printed in the test log (issue 7 asks for 10,000 per reader per run).

Reproduce one reader's run: ``.venv/bin/pytest -q tests/test_fuzz_readers.py -k seed``.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import threading
import time
import tracemalloc
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st

from dateline import readers
from dateline.config import Settings
from dateline.dates import zones
from dateline.inputs import documents
from dateline.model import Article, Problem
from dateline.readers import jsonl
from fuzz_support import BIG_CAP, REQUIRED_INPUTS, Maker, Material, run_fuzz

Build = Callable[[Maker, Material], tuple[str, bytes]]
ZONES = [*sorted(zones()), "+06:00", "-14:00", "+25:00", "UTC+14", "GMT-99", "+0530", "(IST)", "Z", "XYZT"]
MONTHS = ["Jan", "Feb", "March", "Sept", "Dec", "Febuary", "13", "", "janvier", "Mär"]
CLOCK = ["10:24 PM", "00:00", "23:59:60", "12:00 AM", "25:61", "9.15am", "10:24", "99:99:99", "noon", ""]
YEARS = ["2022", "2031", "1", "0000", "9999", "10000", "22", "-2022", "0999", "0044", "0001", "999"]
_DAY = st.dates().map(str)
_MOMENT = st.datetimes().map(lambda moment: moment.isoformat())


def timestamp(make: Maker) -> str:
    """A time as news sites print it, often wrong: impossible days and hours, unknown zones, or no time at all."""
    kind = make.random.randrange(4)
    if kind == 0:
        return make(_MOMENT)
    if kind == 1:
        return make.nasty()
    day = str(make.random.randint(-1, 99) if make.chance(30) else make.random.randint(1, 28))
    return " ".join([day, make.choice(MONTHS), make.choice(YEARS), make.choice(CLOCK), make.choice(ZONES)])


def lines(make: Maker, parts: list[str]) -> str:
    return make.choice(["\n", "\n", "\r\n", "\r"]).join(parts)


def encoded(build: Callable[[Maker, Material], str], *suffixes: str) -> Build:
    """Inputs whose text ``build`` makes from the real material: encoded, sometimes damaged."""

    def make_input(make: Maker, material: Material) -> tuple[str, bytes]:
        return "input" + make.choice(suffixes), make.sometimes_damaged(make.encode(build(make, material)))

    return make_input


# Seed text files: date line, byline, Published/Updated line, one paragraph per line.

_WRONG_DAY = st.from_regex(r"\d{1,5}-\d{1,3}-\d{1,3}", fullmatch=True)


def seed_file(make: Maker, material: Material) -> str:
    header, byline, published, *body = [*make.choice(material.seeds).split("\n"), "", "", ""]
    day, _, title = header.strip().removeprefix("date ").partition(" ")
    if make.chance(30):
        day = make(_DAY) if make.chance(50) else make(_WRONG_DAY) if make.chance(50) else make.nasty()
    if make.chance(20):
        title = make.nasty()
    parts = [f"date {day} {title}"]
    if make.chance(75):
        parts.append(">>" + (make.nasty() if make.chance(30) else byline.removeprefix(">>")))
    if make.chance(75):
        stamp = timestamp(make) if make.chance(50) else published.removeprefix("Published: ")
        parts.append(f"Published: {stamp}" + (f" Updated: {timestamp(make)}" if make.chance(30) else ""))
    if make.chance(15):
        body = [make.nasty() for _ in range(make.position(4))]
    elif make.chance(5):
        body = [make.repeated(make.nasty(), 2_000_000)]
    return make.choice(["", "", "", "\n\n", "  ", "\ufeff"]) + lines(make, parts + body)


# JSON and JSON Lines: news-please records with their fields swapped, retyped, nested and cut.

_JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
KEYS = [
    *jsonl.TEXT_KEYS, *jsonl.TITLE_KEYS, *jsonl.AUTHOR_KEYS, *jsonl.PUBLISHED_KEYS, *jsonl.UPDATED_KEYS,
    *jsonl.URL_KEYS, *jsonl.OUTLET_KEYS, *jsonl.LANGUAGE_KEYS,
]  # fmt: skip
HUGE_NUMBER = '{"text": "Talks resumed.", "id": ' + "9" * 5000 + "}"  # past the 4,300 digits Python reads
BAD_LINES = ["", "{", '{"text": "cut', "[]", "1", "null", '{"text": "\\ud800 \\u0000 x"}', '{"text": "a"}}']
BAD_LINES.append(HUGE_NUMBER)


def news_record(make: Maker, material: Material) -> dict[str, Any]:
    record = dict(make.choice(material.records))
    for _ in range(make.position(3) if make.chance(60) else 0):
        value = make.choice([timestamp, Maker.nasty, lambda m: m(_JSON_VALUE)])(make)
        record[make.choice(KEYS)] = value
    for _ in range(make.position(2) if make.chance(30) else 0):
        record.pop(make.choice(KEYS), None)
    return record


def json_text(make: Maker, material: Material) -> str:
    records = [news_record(make, material) for _ in range(make.random.randint(1, 4))]
    ascii_only = make.chance(50)
    layout = make.choice(["lines", "lines", "lines", "object", "list", "indented", "nested", "scalar", "huge"])
    if layout == "lines":
        rows = [json.dumps(record, ensure_ascii=ascii_only) for record in records]
        if make.chance(50):
            rows.insert(make.position(len(rows)), make.choice(BAD_LINES))
        return lines(make, rows)
    if layout == "object":
        return json.dumps(records[0], ensure_ascii=ascii_only)
    if layout == "huge":
        return HUGE_NUMBER
    if layout in ("list", "indented"):
        return json.dumps(records, ensure_ascii=ascii_only, indent=2 if layout == "indented" else None)
    if layout == "nested":
        depth = make.random.randint(1, 200_000)
        return "[" * depth + json.dumps(records[0]) + "]" * make.choice([depth, depth // 2])
    return json.dumps(make(_JSON_VALUE))


# CSV and TSV: a header naming the columns, rows of real records, quotes and widths gone wrong.

COLUMNS = ["text", "maintext", "body", "title", "date", "published", "url", "author", "outlet", "id", "notes"]
BAD_CELLS = ['"', '"a""b', "x\ny", 'a"b', '"open', ",", "\t", ";"]


def csv_text(make: Maker, material: Material) -> str:
    header = make.random.sample(COLUMNS, make.random.randint(2, 5))
    if make.chance(80):
        header[make.position(len(header) - 1)] = make.choice(jsonl.TEXT_KEYS)
    if make.chance(15):
        header[make.position(len(header) - 1)] = make.nasty()
    rows = []
    for _ in range(make.random.randint(1, 4)):
        record = make.choice(material.records)
        row = [str(record.get(column, record.get("text", ""))) for column in header]
        if make.chance(25):
            row.insert(make.position(len(row)), make.choice(BAD_CELLS) if make.chance(50) else make.nasty())
        rows.append(row[: make.position(len(row))] if make.chance(15) else row)
    delimiter = make.choice([",", ",", "\t", ";", "|"])
    if make.chance(30):  # written by hand: delimiters, quotes and line ends in cells unquoted
        return lines(make, [delimiter.join(row) for row in [header, *rows]])
    buffer = io.StringIO()
    quote_all = make.chance(50)
    csv.writer(buffer, delimiter=delimiter, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL).writerows(
        [header, *rows]
    )
    return buffer.getvalue()


# Plain text: anything at all, from random bytes to huge lines in any script.

_ANY_TEXT = st.text(max_size=400)
_RANDOM_BYTES = st.binary(max_size=600)


def text_input(make: Maker, material: Material) -> tuple[str, bytes]:
    kind = make.choice([0] * 6 + [1] * 2 + [2] + [3] * 6 + [4] * 6)
    if kind == 0:
        data = make(_RANDOM_BYTES)
    elif kind == 1:
        data = make(_RANDOM_BYTES) * make.random.randint(1, 2000)
    elif kind == 2:
        data = make.encode(make.repeated(make.nasty(), 1_000_000))
    elif kind == 3:
        data = make.encode(make(_ANY_TEXT))
    else:
        data = make.encode("\n".join([make.choice(material.paragraphs), *(make.nasty() for _ in range(4))]))
    return "input" + make.choice([".txt", "", ".bin", ".json", ".html"]), make.sometimes_damaged(data)


# HTML pages: trees of real tags around real paragraphs, broken markup, odd references, deep nesting.

TAGS = ["div", "p", "span", "article", "section", "main", "h1", "a", "li", "ul", "table", "td", "tr", "b", "br"]
TAGS += ["script", "style", "noscript", "template", "svg", "math", "iframe", "form", "time", "figure", "header"]
ATTRIBUTES = ["class", "id", "itemprop", "datetime", "content", "property", "lang"]
MARKUP = ["<!-- open comment", "</div></div>", "<p", "<![CDATA[x]]>", "<?xml x?>", "&#xD800;", "&#0;", "<br/>", "&amp"]
META = ["article:published_time", "og:site_name", "author", "datePublished", "article:modified_time", "og:title"]
CHARSETS = ["", "", '<meta charset="utf-8">', '<meta charset="bogus-8">', '<meta charset="">']
DOCTYPES = ["<!doctype html>", "<!DOCTYPE html PUBLIC>", "", "<?xml version='1.0'?>"]


def html_element(make: Maker, material: Material, depth: int = 0) -> str:
    if depth > 4 or make.chance(30):
        kind = make.random.randrange(4)
        return make.nasty() if kind == 0 else make.choice(MARKUP) if kind == 1 else make.choice(material.paragraphs)
    tag = make.choice(TAGS)
    attributes = "".join(
        f" {make.choice(ATTRIBUTES) if make.chance(70) else make.nasty()}={make.nasty()!r}"
        for _ in range(make.position(2))
    )
    inner = "".join(html_element(make, material, depth + 1) for _ in range(make.random.randint(1, 3)))
    return f"<{tag}{attributes}>{inner}" + (f"</{tag}>" if make.chance(85) else "")


def html_page(make: Maker, material: Material) -> str:
    if make.chance(3):
        return material.page
    metas = "".join(
        f'<meta property="{make.choice(META)}" content="{timestamp(make)}">' for _ in range(make.position(3))
    )
    body = html_element(make, material)
    if make.chance(1):
        depth = make.random.randint(1, 50_000)
        body = "<div>" * depth + body + ("</div>" * depth if make.chance(50) else "")
    head = f"<head>{make.choice(CHARSETS)}{metas}<title>{make.nasty()}</title></head>"
    return f"{make.choice(DOCTYPES)}<html>{head}<body>{body}</body></html>"


# Feeds: RSS 2.0, Atom and RDF around real records, with broken XML, entity tricks and odd dates.

AUTHORS = ["a@b.example (Jane Doe)", "x@y", "(", "", "Jane Doe", "Jane Doe, John Roe and Li Wei"]
RAW_XML = ["", "&b;", "<unclosed>", "&undefined;", "&#xD800;", "&#0;", "&#x110000;", "]]>", "&#1;", "&#xFFFE;"]
RAW_XML += ["&#" + "9" * 5000 + ";", "&#x0000000041;"]
ENTITIES = ["", "", '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>']
DECLARATIONS = ["", '<?xml version="1.0" encoding="utf-8"?>', '<?xml version="1.0" encoding="nope"?>']
RDF = 'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"'


def xml_text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;")


def feed_entry(make: Maker, material: Material, kind: str) -> str:
    record = make.choice(material.records)
    title = xml_text(make.nasty() if make.chance(25) else str(record.get("title")))
    text = str(record.get("text", ""))
    body = make.choice([xml_text(text), f"<![CDATA[<p>{text}</p>]]>", xml_text(f"<p>{text}")])
    if make.chance(20):
        body = make.choice(RAW_XML) + xml_text(make.nasty())
    stamp = xml_text(timestamp(make))
    author = xml_text(make.choice(AUTHORS) if make.chance(70) else make.nasty())
    if kind == "atom":
        return (f"<entry><title>{title}</title><updated>{stamp}</updated><author><name>{author}</name></author>"
                f"<content type='html'>{body}</content></entry>")  # fmt: skip
    return (f"<item><title>{title}</title><pubDate>{stamp}</pubDate><author>{author}</author>"
            f"<description>{body}</description></item>")  # fmt: skip


def feed_text(make: Maker, material: Material) -> str:
    if make.chance(3):
        return material.feed
    kind = make.choice(["rss", "rss", "atom", "rdf"])
    entries = [feed_entry(make, material, kind) for _ in range(make.random.randint(1, 3))]
    if make.chance(30):
        entries.insert(make.position(len(entries)), f"<item><title>{make.choice(RAW_XML)}</title></item>")
    inner = "".join(entries) + (make.choice(RAW_XML) if make.chance(20) else "")
    shell = {
        "rss": f'<rss version="2.0"><channel><title>{xml_text(make.nasty())}</title>{inner}</channel></rss>',
        "atom": f'<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>{inner}</feed>',
        "rdf": f"<rdf:RDF {RDF}><channel><title>Wire</title></channel>{inner}</rdf:RDF>",
    }[kind]
    return make.choice(DECLARATIONS) + make.choice(ENTITIES) + shell


# WARC: records as crawlers write them (warcinfo, request, response), their headers and lengths made to lie.

STATUSES = ["200 OK", "200 OK", "200 OK", "404 Not Found", "301 Moved", "2", "OK"]
CONTENT_TYPES = ["text/html; charset=utf-8", "text/html", "text/html", "text/plain", "application/pdf", ""]
RECORD_TYPES = ["response"] * 6 + ["request", "warcinfo", "metadata", "resource", "revisit", ""]
VERSIONS = ["WARC/1.0"] * 6 + ["WARC/1.1", "WARC/1.1", "WARC/0.9", "WARC/"]
TARGETS = ["https://example.org/a", "https://example.org/b?x=1", "", "not a url"]
LENGTH_ERRORS = [1, -1, 1000, -10_000]


def warc_record(make: Maker, material: Material, gzipped: bool) -> bytes:
    page = f"<html><head><title>T</title></head><body><article><p>{make.choice(material.paragraphs)}</p>"
    payload = (make.nasty() if make.chance(15) else page).encode("utf-8", "surrogatepass")
    status, content_type = make.choice(STATUSES), make.choice(CONTENT_TYPES)
    http = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n\r\n".encode() + payload
    length = str(len(http))
    if make.chance(8):
        length = str(len(http) + make.choice(LENGTH_ERRORS)) if make.chance(50) else make.nasty()
    headers = [
        f"WARC-Type: {make.choice(RECORD_TYPES)}",
        f"WARC-Target-URI: {make.choice(TARGETS) if make.chance(90) else make.nasty()}",
        "WARC-Date: 2031-04-01T12:00:00Z",
        "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000000>",
        "Content-Type: application/http; msgtype=response",
        f"Content-Length: {length}",
    ]
    if make.chance(5):
        del headers[make.position(len(headers) - 1)]
    head = (make.choice(VERSIONS) + "\r\n" + "\r\n".join(headers) + "\r\n\r\n").encode("utf-8", "surrogatepass")
    record = head + http + b"\r\n\r\n"
    return gzip.compress(record, mtime=0) if gzipped else record  # each record its own gzip member, as crawlers do


def warc_input(make: Maker, material: Material) -> tuple[str, bytes]:
    gzipped = make.chance(50)
    archive = b"".join(warc_record(make, material, gzipped) for _ in range(make.random.randint(1, 4)))
    return "input" + make.choice([".warc", ".warc.gz", ""]), make.sometimes_damaged(archive, percent=30)


READERS: dict[str, Build] = {
    "seed": encoded(seed_file, ".txt", "", ".md"),
    "jsonl": encoded(json_text, ".jsonl", ".json", ".ndjson", ".jl", ""),
    "csv": encoded(csv_text, ".csv", ".tsv", ".txt"),
    "text": text_input,
    "html": encoded(html_page, ".html", ".htm", ""),
    "feed": encoded(feed_text, ".xml", ".rss", ".atom", ""),
    "warc": warc_input,
}


@pytest.mark.parametrize("reader", list(READERS))
def test_every_generated_input_gives_articles_or_problems_naming_it(
    reader: str, shared: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    material = Material.load(shared)
    tally = run_fuzz(capsys, reader, lambda make: READERS[reader](make, material), REQUIRED_INPUTS)
    assert tally.inputs >= REQUIRED_INPUTS


# Inputs the fuzzing broke a reader with, kept as plain tests.


def read_one(name: str, data: bytes) -> list[Article | Problem]:
    [document] = documents([(name, data)], BIG_CAP)
    assert not isinstance(document, Problem)
    return list(readers.read(document))


def test_a_feed_referring_to_characters_that_do_not_exist_is_read_with_replacement_characters() -> None:
    feed = b"<rss><channel><item><title>Aid &#xD800; pledged</title><description>Donors &#x110000; met &#0; on"
    feed += b" Monday &#" + b"9" * 5000 + b";</description></item></channel></rss>"
    [article] = read_one("wire.rss", feed)
    assert isinstance(article, Article)
    assert article.title == "Aid \ufffd pledged" and article.text == "Donors \ufffd met \ufffd on Monday \ufffd"


def test_a_feed_entry_with_control_characters_in_its_html_is_read_without_them() -> None:
    feed = "<rss><channel><item><description>&lt;p&gt;Talks\x01 resumed\x1b on Monday.&lt;/p&gt;</description>"
    warning, article = read_one("wire.rss", f"{feed}</item></channel></rss>".encode())
    assert isinstance(warning, Problem) and warning.severity == "warning"  # not well-formed XML: read leniently
    assert isinstance(article, Article) and article.text == "Talks resumed on Monday."


def test_a_time_zone_offset_of_a_day_or_more_is_a_warning_not_a_failure() -> None:
    seed = b"date 2031-03-03 Talks resume\nPublished: 3 Mar 2031 10:24 PM GMT-99\nTalks resumed on Monday.\n"
    [article] = read_one("story.txt", seed)
    assert isinstance(article, Article) and article.published == date(2031, 3, 3)
    assert article.warnings[0].startswith("published: cannot read '3 Mar 2031 10:24 PM GMT-99' (no such time in UTC")


def test_json_escapes_of_lone_surrogates_and_nul_are_stored_as_utf8_can_hold_them() -> None:
    record = b'{"title": "Aid \\udfff", "text": "Donors\\u0000 pledged \\ud800 aid.", "author": "\\ud83d"}'
    [article] = read_one("record.json", record)
    assert isinstance(article, Article)
    assert (article.title, article.text, article.authors) == ("Aid \ufffd", "Donors pledged \ufffd aid.", [])


# The time limit and memory: what fuzzing cannot show by chance


def slow_page(paragraphs: int = 10_000) -> bytes:
    """A real-looking page big enough to keep trafilatura busy for seconds on any machine."""
    paragraph = "<p>" + "The council met on Monday to discuss the budget and the river works. " * 5 + "</p>"
    body = f"<body><article>{paragraph * paragraphs}</article></body>"
    return f"<html><head><title>T</title></head>{body}</html>".encode()


@pytest.mark.parametrize("in_thread", [False, True], ids=["main thread", "worker thread"])
def test_a_reader_past_the_time_limit_gives_a_problem_and_the_next_input_is_read(in_thread: bool) -> None:
    seed = b"date 2031-03-03 Talks resume\n>> Wire\nTalks resumed on Monday.\n"
    outcome: list[Article | Problem] = []

    def ingest() -> None:
        for document in documents([("slow.html", slow_page()), ("next.txt", seed)], BIG_CAP):
            assert not isinstance(document, Problem)
            outcome.extend(readers.read(document, max_seconds=0.2))

    started = time.perf_counter()
    if in_thread:  # the web API and Dask read in worker threads, where signals cannot reach
        worker = threading.Thread(target=ingest)
        worker.start()
        worker.join()
    else:
        ingest()
    assert time.perf_counter() - started < 2.0
    problem, article = outcome
    assert isinstance(problem, Problem) and problem.source == "slow.html"
    assert "no article after 0.2 s" in problem.message and "DATELINE_MAX_READ_SECONDS" in problem.message
    assert isinstance(article, Article) and article.text == "Talks resumed on Monday."


def test_the_time_limit_counts_reading_not_the_time_spent_on_each_article_after_it() -> None:
    """A stream of many articles is not cut off because the caller takes its time with each (the spaCy pass)."""
    data = "\n".join(json.dumps({"text": f"Article number {n}."}) for n in range(5)).encode()
    [document] = documents([("many.jsonl", data)], BIG_CAP)
    assert not isinstance(document, Problem)
    read = []
    for item in readers.read(document, max_seconds=0.2):
        time.sleep(0.1)
        read.append(item)
    assert [type(item) for item in read] == [Article] * 5


def billion_laughs() -> bytes:
    """A feed whose entities expand to a gigabyte (ten of each, nine levels deep): the XML parser must refuse."""
    levels = [b'<!ENTITY l0 "laugh">'] + [b'<!ENTITY l%d "%s">' % (n, b"&l%d;" % (n - 1) * 10) for n in range(1, 10)]
    feed = b"<rss><channel><item><description>&l9;</description></item></channel></rss>"
    return b"<!DOCTYPE rss [" + b"".join(levels) + b"]>" + feed


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("huge-line.txt", b"word " * 2_000_000),
        ("deep.json", b"[" * 2_000_000 + b"]" * 2_000_000),
        ("deep.jsonl", b'{"a":' * 500_000 + b"1" + b"}" * 500_000),
        ("deep.html", b"<div>" * 1_000_000),
        ("wide.csv", b"text," + b"x," * 2_000_000 + b"\n" + b"y," * 2_000_000),
        ("entities.xml", billion_laughs()),
    ],
)
def test_memory_stays_within_a_bound_of_the_input_size(name: str, data: bytes) -> None:
    """Memory grows with the input, never with what it claims to expand to: a linear bound at the default size cap."""
    [document] = documents([(name, data)], Settings().max_file_bytes)
    assert not isinstance(document, Problem)
    tracemalloc.start()
    try:
        outcome = list(readers.read(document))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert outcome and not any("size limit" in getattr(item, "message", "") for item in outcome)
    assert all(len(item.text) <= len(data) for item in outcome if isinstance(item, Article))
    assert peak < 20 * len(data) + 64 * 2**20, f"{name}: {peak / 2**20:.0f} MB for {len(data) / 2**20:.0f} MB"
