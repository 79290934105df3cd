from datetime import UTC, datetime
from pathlib import Path

from dateline.inputs import documents
from dateline.model import Article, Problem
from dateline.readers import html, read

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Flood waters rise in three river towns | The Daily Ledger</title>
<meta property="og:site_name" content="The Daily Ledger">
<meta property="og:title" content="Flood waters rise in three river towns">
<meta property="article:published_time" content="2022-02-21T22:24:00+06:00">
<meta name="author" content="Rina Das; Omar Faruk">
<link rel="canonical" href="https://ledger.example.com/news/flood-waters-rise">
</head>
<body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Flood waters rise in three river towns</h1>
<p>Water levels in three river towns rose by nearly a metre overnight, district officials said on Monday.</p>
<p>Emergency crews moved about four hundred families to school buildings on higher ground before dawn,
and the ferry service between the two banks was suspended.</p>
<p>The district administrator said more rain was expected through Wednesday &amp; asked residents to stay alert.</p>
</article>
<footer>Copyright 2022 The Daily Ledger. All rights reserved.</footer>
</body>
</html>
"""


def read_all(path: Path, max_bytes: int = 1_000_000) -> list[Article | Problem]:
    results: list[Article | Problem] = []
    for document in documents([str(path)], max_bytes):
        results.extend([document] if isinstance(document, Problem) else read(document))
    return results


def test_html_page_with_the_wrong_extension_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "saved-page.dat"
    path.write_text(PAGE, encoding="utf-8")

    [article] = read_all(path)

    assert isinstance(article, Article)
    assert article.format == "html"
    assert article.source == str(path)
    assert article.title == "Flood waters rise in three river towns"
    assert article.authors == ["Rina Das", "Omar Faruk"]
    assert article.outlet == "The Daily Ledger"
    assert article.url == "https://ledger.example.com/news/flood-waters-rise"
    assert article.published == datetime(2022, 2, 21, 16, 24, tzinfo=UTC)
    assert article.warnings == []


def test_headline_is_not_repeated_as_the_first_paragraph(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")

    [article] = read_all(path)

    assert isinstance(article, Article)
    assert len(article.paragraphs) == 3
    assert article.text.startswith("Water levels in three river towns rose")
    assert "Wednesday & asked residents" in article.text
    assert "Home" not in article.text and "All rights reserved" not in article.text


def test_page_without_article_text_is_one_problem_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text(
        "<!doctype html><html><head><title>Page moved</title><script>location.href='/new';</script></head>"
        "<body></body></html>",
        encoding="utf-8",
    )

    assert read_all(path) == [Problem(str(path), "HTML page with no article text")]


def test_page_url_is_used_only_when_the_page_names_none() -> None:
    page = PAGE.replace('<link rel="canonical" href="https://ledger.example.com/news/flood-waters-rise">', "")

    fetched = html.from_html(page, "crawl#3", "https://ledger.example.com/2022/02/21/floods", None)
    canonical = html.from_html(PAGE, "crawl#4", "https://mirror.example.org/copy", None)

    assert fetched.url == "https://ledger.example.com/2022/02/21/floods"
    assert canonical.url == "https://ledger.example.com/news/flood-waters-rise"


def test_sniff_takes_html_but_not_feeds_or_csv_with_markup() -> None:
    assert html.sniff("<!-- saved by a crawler -->\n<!DOCTYPE html>\n<html><body><p>x</p></body></html>", "a")
    assert html.sniff("  <P>A short fragment of a page.</P>", "a")
    assert not html.sniff('<?xml version="1.0"?>\n<rss version="2.0"><channel><description><![CDATA[<p>x</p>', "a")
    assert not html.sniff('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x', "a")
    assert not html.sniff("title,text\nStorm,<p>Roads closed.</p>\n", "a")


def test_fragment_text_gives_one_paragraph_per_block() -> None:
    fragment = (
        "<p>Roads reopened &amp; buses ran at noon.</p><ul><li>North bridge</li><li>Ring road</li></ul>"
        "Crews worked<br/>through the night.<script>track()</script><div>Caf&eacute; owners cheered.</div>"
    )

    assert html.fragment_text(fragment) == (
        "Roads reopened & buses ran at noon.\nNorth bridge\nRing road\nCrews worked\nthrough the night.\n"
        "Café owners cheered."
    )
    assert html.fragment_text("") == ""
    assert html.fragment_text("Plain words, AT&T and a < b") == "Plain words, AT&T and a < b"


def test_the_page_stated_times_win_even_past_today(tmp_path: Path) -> None:
    page = (
        "<!doctype html><html><head><title>Dam deal</title>"
        '<meta property="article:published_time" content="2031-05-06T08:00:00+02:00">'
        '<meta property="article:modified_time" content="2031-05-06T09:35:00+02:00"></head>'
        "<body><article><p>Egypt, Ethiopia and Sudan agreed on Tuesday to share data on the dam's reservoir, "
        "officials said after two days of talks that ran late into the night.</p>"
        "<p>The agreement, first proposed in 2015, covers rainfall, inflows and release schedules.</p>"
        "</article></body></html>"
    )
    path = tmp_path / "dam.html"
    path.write_text(page, encoding="utf-8")
    [article] = read_all(path)
    assert isinstance(article, Article)
    assert article.published == datetime(2031, 5, 6, 6, 0, tzinfo=UTC)
    assert article.updated == datetime(2031, 5, 6, 7, 35, tzinfo=UTC)


def test_a_page_that_states_no_date_is_stored_without_one_and_warned(tmp_path: Path) -> None:
    page = (
        "<!doctype html><html><head><title>Harbour festival returns</title></head><body><article>"
        "<p>The harbour festival returned to the old docks this weekend with boats, music and food stalls.</p>"
        "<p>The rowing club, founded in 2003, raced its oldest boat against a crew of visiting students.</p>"
        "<p>Organisers said about three thousand people came on the first day, more than they had hoped for.</p>"
        "</article></body></html>"
    )
    path = tmp_path / "festival.html"
    path.write_text(page, encoding="utf-8")
    [article] = read_all(path)
    assert isinstance(article, Article)
    assert article.published is None  # not 2003-01-01, from the year in the text
    assert article.warnings == ["published: the page states no date; stored without it"]
