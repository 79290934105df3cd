from datetime import UTC, date, datetime
from pathlib import Path

from conftest import write
from dateline.inputs import documents
from dateline.model import Article, Problem
from dateline.readers import read
from dateline.readers.seed import byline


def read_path(path: Path) -> list[Article | Problem]:
    items: list[Article | Problem] = []
    for document in documents([str(path)], 50 * 1024 * 1024):
        items.extend([document] if isinstance(document, Problem) else read(document))
    return items


def only_article(path: Path) -> Article:
    items = read_path(path)
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


def test_the_seed_article_fields_are_exactly_right(seed: Path) -> None:
    article = only_article(seed)
    assert article.format == "seed"
    assert article.title == (
        "Putin says he will consider recognising the independence of two separatist territories in Ukraine"
    )
    assert article.authors == ["Valerie Hopkins", "Anton Troianovski"]
    assert article.outlet == "The New York Times"
    assert article.published == datetime(2022, 2, 21, 16, 24, tzinfo=UTC)
    assert article.updated == datetime(2022, 2, 21, 16, 24, tzinfo=UTC)
    assert article.date_line == date(2022, 2, 21)
    assert article.warnings == []
    assert len(article.paragraphs) == 7
    first = article.paragraphs[0]
    assert article.text[first.start : first.end].startswith("President Vladimir Putin of Russia said on Monday")
    last = article.paragraphs[-1]
    assert article.text[last.start : last.end].endswith("“are not a menu from which you can choose.”")
    assert "Published:" not in article.text and ">>" not in article.text


SEED_HEADER = "date 2031-03-03 Ministers meet in Lisbon\n"
BODY = "The ministers met on Monday.\nThey agreed to meet again.\n"


def test_outlet_only_byline_and_bare_date(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.txt", SEED_HEADER + ">> Meridian Wire\nPublished: 03 Mar 2031 Updated: 04 Mar 2031\n" + BODY
    )
    article = only_article(path)
    assert article.authors == [] and article.outlet == "Meridian Wire"
    assert article.published == date(2031, 3, 3) and article.updated == date(2031, 3, 4)
    assert [article.text[p.start : p.end] for p in article.paragraphs] == [
        "The ministers met on Monday.",
        "They agreed to meet again.",
    ]


def test_missing_published_line_falls_back_to_the_date_line(tmp_path: Path) -> None:
    article = only_article(write(tmp_path / "a.txt", SEED_HEADER + ">> Ana Ruiz, Meridian Wire\n" + BODY))
    assert article.published == date(2031, 3, 3)
    assert article.authors == ["Ana Ruiz"]
    assert article.text.startswith("The ministers met")


def test_unknown_zone_is_stored_without_time_and_warned(tmp_path: Path) -> None:
    header = ">> Meridian Wire\nPublished: 03 Mar 2031 10:24 PM XYZ Updated: 03 Mar 2031 10:30 PM GMT\n"
    article = only_article(write(tmp_path / "a.txt", SEED_HEADER + header + BODY))
    assert article.published == date(2031, 3, 3)
    assert article.updated == datetime(2031, 3, 3, 22, 30, tzinfo=UTC)
    assert article.warnings == [
        "published: unknown time-zone abbreviation 'XYZ'; stored the date 2031-03-03 without the time"
    ]


def test_broken_date_is_stored_without_it_and_warned(tmp_path: Path) -> None:
    header = ">> Meridian Wire\nPublished: 45 Smarch 2031 Updated: 03 Mar 2031\n"
    article = only_article(write(tmp_path / "a.txt", SEED_HEADER + header + BODY))
    assert article.published == date(2031, 3, 3)  # the date line still dates it
    assert len(article.warnings) == 1 and article.warnings[0].startswith("published: cannot read '45 Smarch 2031'")


def test_header_without_body_is_a_clear_failure(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", SEED_HEADER + ">> Meridian Wire\nPublished: 03 Mar 2031\n")
    [problem] = read_path(path)
    assert isinstance(problem, Problem)
    assert problem.source == str(path) and "no article text" in problem.message


def test_bylines() -> None:
    assert byline(" Valerie Hopkins and Anton Troianovski, The New York Times") == (
        ["Valerie Hopkins", "Anton Troianovski"],
        "The New York Times",
    )
    assert byline("A. One, B. Two and C. Three, Outlet") == (["A. One", "B. Two", "C. Three"], "Outlet")
    assert byline("A. One, B. Two, and C. Three, Outlet") == (["A. One", "B. Two", "C. Three"], "Outlet")
    assert byline("By Jane Roe, Outlet") == (["Jane Roe"], "Outlet")
    assert byline("Maeve Mcdermott and Published A.M. Et Feb., USA Today") == (["Maeve Mcdermott"], "USA Today")
    assert byline("China Daily") == ([], "China Daily")
    assert byline("") == ([], None)


# The header's lines in another order, repeated or unmarked: read as header, never as the body, and warned.
TIMES = "Published: 03 Mar 2031 10:24 AM GMT\n"


def test_a_published_line_before_the_byline_is_read_as_the_header(tmp_path: Path) -> None:
    article = only_article(write(tmp_path / "a.txt", SEED_HEADER + TIMES + ">> Ana Ruiz, Meridian Wire\n" + BODY))
    assert (article.authors, article.outlet) == (["Ana Ruiz"], "Meridian Wire")
    assert article.published == datetime(2031, 3, 3, 10, 24, tzinfo=UTC)
    assert article.text == BODY.strip()


def test_a_second_byline_is_kept_out_of_the_body_and_warned(tmp_path: Path) -> None:
    header = ">> Ana Ruiz, Meridian Wire\n>> Tomas Berg, Harbour Post\n" + TIMES
    article = only_article(write(tmp_path / "a.txt", SEED_HEADER + header + BODY))
    assert (article.authors, article.outlet) == (["Ana Ruiz"], "Meridian Wire")
    assert article.published == datetime(2031, 3, 3, 10, 24, tzinfo=UTC)
    assert article.text == BODY.strip()
    assert article.warnings == ["header: another '>>' line ('>> Tomas Berg, Harbour Post'); kept the first"]


def test_a_second_published_line_is_kept_out_of_the_body_and_warned(tmp_path: Path) -> None:
    header = ">> Meridian Wire\n" + TIMES + "Published: 04 Mar 2031\n"
    article = only_article(write(tmp_path / "a.txt", SEED_HEADER + header + BODY))
    assert article.published == datetime(2031, 3, 3, 10, 24, tzinfo=UTC)
    assert article.text == BODY.strip()
    assert article.warnings == ["header: another published time ('04 Mar 2031'); kept the first"]


def test_a_byline_without_its_marker_is_read_as_the_byline_and_warned(tmp_path: Path) -> None:
    article = only_article(write(tmp_path / "a.txt", SEED_HEADER + "Ana Ruiz, Meridian Wire\n" + TIMES + BODY))
    assert (article.authors, article.outlet) == (["Ana Ruiz"], "Meridian Wire")
    assert article.published == datetime(2031, 3, 3, 10, 24, tzinfo=UTC)
    assert article.text == BODY.strip()
    assert article.warnings == ["header: the line before 'Published:' has no '>>'; read it as the byline"]


def test_no_byline_at_all(tmp_path: Path) -> None:
    article = only_article(write(tmp_path / "a.txt", SEED_HEADER + TIMES + BODY))
    assert (article.authors, article.outlet, article.warnings) == ([], None, [])
    assert article.published == datetime(2031, 3, 3, 10, 24, tzinfo=UTC)
    assert article.text == BODY.strip()


def test_the_body_is_laid_out_one_paragraph_a_line(tmp_path: Path) -> None:
    article = only_article(
        write(tmp_path / "a.txt", SEED_HEADER + ">> Meridian Wire\n\n  The  ministers met.\n\nThey left.\n")
    )
    assert article.text == "The ministers met.\nThey left."


def test_a_published_line_in_the_year_1_is_the_year_1(tmp_path: Path) -> None:
    article = only_article(write(tmp_path / "a.txt", SEED_HEADER + ">> Meridian Wire\nPublished: 1 Jan 0001\n" + BODY))
    assert article.published == date(1, 1, 1)
