import json
from datetime import UTC, date, datetime
from pathlib import Path

from conftest import write
from dateline import Corpus
from dateline.config import Settings
from dateline.model import Article, Problem
from test_reader_seed import read_path

NEWS_PLEASE = {
    "title": "Ministers meet in Lisbon",
    "maintext": "The ministers met on Monday.\n\nThey agreed to meet again.",
    "authors": ["Ana Ruiz", "Tomas Berg"],
    "date_publish": "2031-04-02 09:15:00",
    "date_modify": None,
    "url": "https://example.org/lisbon",
    "source_domain": "example.org",
    "language": "en",
}


def test_news_please_layout(tmp_path: Path) -> None:
    [article] = read_path(write(tmp_path / "a.jsonl", json.dumps(NEWS_PLEASE) + "\n"))
    assert isinstance(article, Article)
    assert article.format == "json"
    assert article.title == "Ministers meet in Lisbon"
    assert article.text == NEWS_PLEASE["maintext"]
    assert len(article.paragraphs) == 2
    assert article.authors == ["Ana Ruiz", "Tomas Berg"]
    assert article.published == datetime(2031, 4, 2, 9, 15, tzinfo=UTC)
    assert article.url == "https://example.org/lisbon"
    assert article.outlet == "example.org"
    assert article.language == "en"
    assert article.source == f"{tmp_path / 'a.jsonl'}:1"


def test_close_variants(tmp_path: Path) -> None:
    record = {"text": "Body text here.", "date": "2031-04-02", "source": "Meridian Wire", "author": "By Ana Ruiz"}
    [article] = read_path(write(tmp_path / "one.json", json.dumps(record)))
    assert isinstance(article, Article)
    assert (article.outlet, article.authors, article.published) == ("Meridian Wire", ["Ana Ruiz"], date(2031, 4, 2))
    assert article.source == str(tmp_path / "one.json")


def test_a_json_list_of_records(tmp_path: Path) -> None:
    records = [{"text": "First story."}, {"text": "Second story.", "published": "2031-04-02T10:00:00+02:00"}]
    items = read_path(write(tmp_path / "list.json", json.dumps(records, indent=2)))
    assert [a.text for a in items if isinstance(a, Article)] == ["First story.", "Second story."]
    assert items[1].published == datetime(2031, 4, 2, 8, 0, tzinfo=UTC)  # type: ignore[union-attr]
    assert items[1].source.endswith("list.json[1]")


def test_bad_lines_are_reported_by_number_and_the_rest_read(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": "Good one."}),
        '{"text": "broken',
        json.dumps({"title": "no text here", "maintext": ""}),
        "[1, 2]",
        "",
        json.dumps({"text": "Good two.", "date_publish": "not a date 2031"}),
    ]
    path = write(tmp_path / "mixed.jsonl", "\n".join(lines) + "\n")
    items = read_path(path)
    articles = [i for i in items if isinstance(i, Article)]
    problems = [i for i in items if isinstance(i, Problem)]
    assert [a.text for a in articles] == ["Good one.", "Good two."]
    assert [p.source for p in problems] == [f"{path}:2", f"{path}:3", f"{path}:4"]
    assert "malformed JSON line" in problems[0].message
    assert "no text" in problems[1].message
    assert "expected a JSON object" in problems[2].message
    assert articles[1].published is None and "cannot read 'not a date 2031'" in articles[1].warnings[0]


def test_the_text_is_stored_as_given_and_its_paragraphs_are_spans(tmp_path: Path) -> None:
    given = "  Talks resumed on Monday.\n\nBoth  sides\tspoke of progress.\r\n\n\nA third round is planned.\n"
    record = {"text": given, "url": "https://example.org/talks"}
    [article] = read_path(write(tmp_path / "a.jsonl", json.dumps(record) + "\n"))
    assert isinstance(article, Article)
    # Offsets into the user's own copy hold: only the line end is decoded as every input's is.
    assert article.text == given.replace("\r\n", "\n")
    assert [article.text[p.start : p.end] for p in article.paragraphs] == [
        "  Talks resumed on Monday.",
        "Both  sides\tspoke of progress.",
        "A third round is planned.",
    ]
    with Corpus.open(str(tmp_path / "t.db"), Settings(extract=False)) as corpus:
        corpus.ingest([str(tmp_path / "a.jsonl")])
        [stored] = corpus.articles()
        assert stored.text == article.text and stored.paragraphs == article.paragraphs
        # The id does not depend on how paragraphs are spaced: what was stored before is recognised again.
        closed_up = {"text": "Talks resumed on Monday.\nBoth sides spoke of progress.\nA third round is planned."}
        write(tmp_path / "b.json", json.dumps({**closed_up, "url": record["url"]}))
        report = corpus.ingest([str(tmp_path / "b.json")])
        assert (report.read, report.stored, report.duplicates) == (1, 0, 1)


def test_an_integer_too_long_to_read_fails_its_own_record_and_the_rest_is_read(tmp_path: Path) -> None:
    huge = "9" * 5000
    write(tmp_path / "in" / "a_whole.json", '{"text": "Ferry fares rise.", "views": ' + huge + "}")
    lines = [
        json.dumps({"text": "Port opens."}),
        '{"text": "Port shuts.", "id": ' + huge + "}",
        '{"text": "Port hires."}',
    ]
    write(tmp_path / "in" / "b_lines.jsonl", "\n".join(lines) + "\n")
    write(tmp_path / "in" / "c_good.json", json.dumps({"text": "Bus fares fall."}))
    with Corpus.open(str(tmp_path / "t.db"), Settings(extract=False)) as corpus:
        report = corpus.ingest([str(tmp_path / "in")])
        assert sorted(a.text for a in corpus.articles()) == ["Bus fares fall.", "Port hires.", "Port opens."]
    assert report.stored == 3
    assert [p.source for p in report.problems] == [
        str(tmp_path / "in" / "a_whole.json"),
        f"{tmp_path / 'in' / 'b_lines.jsonl'}:2",
    ]
    assert all("number with more than 4300 digits" in p.message for p in report.problems)
