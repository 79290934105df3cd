from datetime import UTC, datetime
from pathlib import Path

from dateline.inputs import documents
from dateline.model import Article, Problem
from dateline.readers import feed, read

RSS = """<?xml version="1.0" encoding="iso-8859-1"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>River Post</title>
<link>https://riverpost.example.com/</link>
<language>en</language>
<item>
  <title>Old bridge reopens after repairs</title>
  <link>https://riverpost.example.com/news/bridge-reopens</link>
  <dc:creator>Ana Lima and Joe Park</dc:creator>
  <pubDate>Mon, 21 Feb 2022 22:24:00 +0600</pubDate>
  <description>The bridge is open again.</description>
  <content:encoded><![CDATA[<p>The old bridge reopened to traffic on Monday, the caf\xe9 owners beside it said.</p>
<p>Buses &amp; lorries must still wait until the weight test next month.</p>]]></content:encoded>
</item>
<item>
  <title>Market hours extended</title>
  <link>https://riverpost.example.com/news/market-hours</link>
  <author>editor@riverpost.example.com (Ed Stone)</author>
  <pubDate>Tue, 22 Feb 2022 08:00:00 GMT</pubDate>
  <description>&lt;p&gt;Stalls may stay open until ten at night during the festival week.&lt;/p&gt;</description>
</item>
<item>
  <title>Photo gallery: the flood in pictures</title>
  <link>https://riverpost.example.com/gallery/flood</link>
</item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="html">Hill &amp;amp; Vale Times</title>
  <id>urn:example:hill-vale</id>
  <updated>2022-02-21T15:00:00Z</updated>
  <entry>
    <title>Snow closes the mountain pass</title>
    <id>urn:example:hill-vale:1</id>
    <link href="https://hillvale.example.org/snow-pass"/>
    <published>2022-02-21T09:30:00-05:00</published>
    <updated>2022-02-21T15:00:00Z</updated>
    <author><name>Kim Lee</name></author>
    <author><name>Sam Oduya</name></author>
    <content type="text">Snow closed the pass road at dawn.
Ploughs are expected to clear it by Thursday.</content>
  </entry>
  <entry>
    <title>School roof repaired</title>
    <id>urn:example:hill-vale:2</id>
    <link href="https://hillvale.example.org/school-roof"/>
    <updated>2022-02-20T12:00:00+01:00</updated>
    <summary type="html">&lt;p&gt;Pupils return to the east wing on Monday.&lt;/p&gt;</summary>
  </entry>
</feed>
"""

RDF = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://valley.example.net/"><title>Valley Wire</title></channel>
  <item rdf:about="https://valley.example.net/ferry">
    <title>Ferry timetable changes</title>
    <link>https://valley.example.net/ferry</link>
    <description>The first ferry will leave at six from next week.</description>
    <dc:date>2022-02-19T06:00:00Z</dc:date>
  </item>
</rdf:RDF>
"""


def read_all(path: Path) -> list[Article | Problem]:
    results: list[Article | Problem] = []
    for document in documents([str(path)], 1_000_000):
        results.extend([document] if isinstance(document, Problem) else read(document))
    return results


def test_rss_saved_as_txt_gives_one_article_per_entry(tmp_path: Path) -> None:
    path = tmp_path / "riverpost.txt"
    path.write_bytes(RSS.encode("latin-1"))

    first, second, skipped = read_all(path)

    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.format == second.format == "feed"
    assert first.source == f"{path}#1"
    assert first.title == "Old bridge reopens after repairs"
    assert first.authors == ["Ana Lima", "Joe Park"]
    assert first.outlet == "River Post"
    assert first.url == "https://riverpost.example.com/news/bridge-reopens"
    assert first.published == datetime(2022, 2, 21, 16, 24, tzinfo=UTC)
    assert first.updated is None
    assert first.language == "en"
    assert len(first.paragraphs) == 2
    assert first.text.startswith("The old bridge reopened to traffic on Monday, the café owners")
    assert "Buses & lorries" in first.text
    assert second.source == f"{path}#2"
    assert second.authors == ["Ed Stone"]
    assert second.published == datetime(2022, 2, 22, 8, 0, tzinfo=UTC)
    assert second.text == "Stalls may stay open until ten at night during the festival week."
    assert skipped == Problem(f"{path}#3", "feed entry with no content or summary; skipped")


def test_atom_entries(tmp_path: Path) -> None:
    path = tmp_path / "hillvale.xml"
    path.write_text(ATOM, encoding="utf-8")

    snow, roof = read_all(path)

    assert isinstance(snow, Article) and isinstance(roof, Article)
    assert snow.outlet == roof.outlet == "Hill & Vale Times"
    assert snow.authors == ["Kim Lee", "Sam Oduya"]
    assert snow.url == "https://hillvale.example.org/snow-pass"
    assert snow.published == datetime(2022, 2, 21, 14, 30, tzinfo=UTC)
    assert snow.updated == datetime(2022, 2, 21, 15, 0, tzinfo=UTC)
    assert snow.text == "Snow closed the pass road at dawn.\nPloughs are expected to clear it by Thursday."
    assert len(snow.paragraphs) == 2
    assert roof.published == datetime(2022, 2, 20, 11, 0, tzinfo=UTC)  # only <updated>: taken as published
    assert roof.text == "Pupils return to the east wing on Monday."
    assert roof.authors == []


def test_rdf_feed(tmp_path: Path) -> None:
    path = tmp_path / "valley.rdf"
    path.write_text(RDF, encoding="utf-8")

    [article] = read_all(path)

    assert isinstance(article, Article)
    assert article.format == "feed"
    assert article.outlet == "Valley Wire"
    assert article.title == "Ferry timetable changes"
    assert article.published == datetime(2022, 2, 19, 6, 0, tzinfo=UTC)


def test_feed_without_entries_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "quiet.xml"
    path.write_text('<rss version="2.0"><channel><title>Quiet Gazette</title></channel></rss>', encoding="utf-8")

    assert read_all(path) == [Problem(str(path), "feed with no entries")]


def test_broken_feed_without_entries_names_the_parser_error(tmp_path: Path) -> None:
    path = tmp_path / "cut.xml"
    path.write_text('<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Cut Off', encoding="utf-8")

    [problem] = read_all(path)

    assert isinstance(problem, Problem)
    assert problem.source == str(path)
    assert problem.message.startswith("not a readable feed (")


def test_sniff_wants_a_feed_root() -> None:
    assert feed.sniff(RSS, "x") and feed.sniff(ATOM, "x") and feed.sniff(RDF, "x")
    assert feed.sniff("<!-- cached -->\n<?xml-stylesheet href='s.xsl'?>\n<rss version='2.0'>", "x")
    assert not feed.sniff("<!DOCTYPE html><html><body><p>rss feed</p></body></html>", "x")
    assert not feed.sniff("Our <rss> feed moved.", "x")


def test_broken_feed_with_entries_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "unclosed.xml"
    path.write_text(
        '<rss version="2.0"><channel><title>Harbour News</title>'
        "<item><title>Tide record</title><description>The highest tide in ten years came in at dawn.</description>"
        "</item></channel>",
        encoding="utf-8",
    )

    warning, article = read_all(path)

    assert isinstance(warning, Problem) and warning.severity == "warning"
    assert warning.source == str(path)
    assert warning.message.startswith("not well-formed XML (")
    assert isinstance(article, Article)
    assert (article.title, article.outlet) == ("Tide record", "Harbour News")
