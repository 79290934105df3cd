from datetime import UTC, date, datetime
from pathlib import Path

from dateline.inputs import documents
from dateline.model import Article, Problem
from dateline.readers import csvfile, read

EXPORT = (
    "Title,Text,Published,URL,Author,Source\n"
    'Council approves new bus routes,"The city council approved four new bus routes on Tuesday.\n'
    'The first buses will run in April.",2022-02-21T22:24:00+06:00,https://metro.example.com/buses,'
    "Lena Ortiz; Raj Patel,Metro Daily\n"
    "Library extends opening hours,The central library will open until nine on weekdays.,2022-02-22,"
    "https://metro.example.com/library,,Metro Daily\n"
    "Empty story,,2022-02-23,https://metro.example.com/empty,,Metro Daily\n"
)


def read_all(path: Path) -> list[Article | Problem]:
    results: list[Article | Problem] = []
    for document in documents([str(path)], 1_000_000):
        results.extend([document] if isinstance(document, Problem) else read(document))
    return results


def test_csv_rows_become_articles_named_by_line(tmp_path: Path) -> None:
    path = tmp_path / "export.dat"
    path.write_text(EXPORT, encoding="utf-8")

    buses, library, empty = read_all(path)

    assert isinstance(buses, Article) and isinstance(library, Article)
    assert buses.format == library.format == "csv"
    assert buses.source == f"{path}:2"
    assert buses.title == "Council approves new bus routes"
    assert buses.authors == ["Lena Ortiz", "Raj Patel"]
    assert buses.outlet == "Metro Daily"
    assert buses.url == "https://metro.example.com/buses"
    assert buses.published == datetime(2022, 2, 21, 16, 24, tzinfo=UTC)
    assert len(buses.paragraphs) == 2
    assert library.source == f"{path}:4"  # the quoted text of line 2 runs on to line 3
    assert library.published == date(2022, 2, 22)
    assert library.authors == []
    assert empty == Problem(f"{path}:5", "no text in column 'Text'; skipped")


def test_tsv_and_semicolons(tmp_path: Path) -> None:
    tsv = tmp_path / "wire.tsv"
    tsv.write_text("headline\tbody\tdate\nPort reopens\tShips docked again at noon.\t2022-03-01\n", encoding="utf-8")
    semicolons = tmp_path / "wire.csv"
    semicolons.write_text("title;content;lang\nHarbour fees rise;Fees rise by a tenth, the port said.;en\n")

    [from_tsv] = read_all(tsv)
    [from_semicolons] = read_all(semicolons)

    assert isinstance(from_tsv, Article) and isinstance(from_semicolons, Article)
    assert (from_tsv.format, from_tsv.title, from_tsv.published) == ("csv", "Port reopens", date(2022, 3, 1))
    assert from_semicolons.text == "Fees rise by a tenth, the port said."
    assert from_semicolons.language == "en"


def test_bad_rows_are_reported_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "messy.csv"
    path.write_text(
        "title,text,date\n"
        'Storm warning,"Winds of up to ninety kilometres an hour are expected.",2022-02-21\n'
        'Road closure,"The coast road is closed while the quote never ends,2022-02-22\n'
        "Ferry delays,Ferries left two hours late on Monday.,2022-02-23\n"
        "Loose row,only two fields\n"
        "Power restored,Electricity returned to the valley by evening.,2022-02-24\n",
        encoding="utf-8",
    )

    results = read_all(path)

    assert [r.title if isinstance(r, Article) else str(r) for r in results] == [
        "Storm warning",
        f"{path}:3: unbalanced quote marks (unexpected end of data); skipped",
        "Ferry delays",
        f"{path}:5: expected 3 fields, found 2; skipped",
        "Power restored",
    ]
    assert [r.source for r in results if isinstance(r, Article)] == [f"{path}:2", f"{path}:4", f"{path}:6"]


def test_without_a_text_column_it_is_not_csv(tmp_path: Path) -> None:
    path = tmp_path / "scores.csv"
    path.write_text("team,points\nRovers,12\nCity,9\n", encoding="utf-8")

    [result] = read_all(path)

    assert isinstance(result, Article)
    assert result.format != "csv"


def test_sniff_wants_a_header_with_a_text_column_and_rows_as_wide() -> None:
    assert csvfile.sniff("id,maintext\n1,Words.\n", "x")
    assert csvfile.sniff("ID;ArticleBody\n", "x")
    assert not csvfile.sniff("team,points\nRovers,12\n", "x")
    assert not csvfile.sniff("Text, photos and video by our staff.\nThe storm reached the coast at dawn.\n", "x")
    assert not csvfile.sniff("text\nno delimiter anywhere\n", "x")


def test_header_without_rows_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "header-only.csv"
    path.write_text("title,text,date\n", encoding="utf-8")

    assert read_all(path) == [Problem(str(path), "CSV file with a header row and no rows")]


def test_a_cell_is_stored_as_given(tmp_path: Path) -> None:
    path = tmp_path / "wire.csv"
    path.write_text('title,text\nTide,"High tide came at six.\n\n  Boats  stayed in port.\n"\n', encoding="utf-8")

    [article] = read_all(path)

    assert isinstance(article, Article)
    assert article.text == "High tide came at six.\n\n  Boats  stayed in port.\n"
    assert [article.text[p.start : p.end] for p in article.paragraphs] == [
        "High tide came at six.",
        "  Boats  stayed in port.",
    ]


def test_an_unclosed_quote_is_reported_on_its_row_and_does_not_swallow_the_rows_after_it(tmp_path: Path) -> None:
    path = tmp_path / "wire.csv"
    path.write_text(
        "title,date,text\n"
        'Storm,2022-02-21,"Winds rose overnight.\n'
        "Ferries,2022-02-22,Ferries ran two hours late.\n"
        "Power,2022-02-23,Power returned by evening.\n",
        encoding="utf-8",
    )

    problem, ferries, power = read_all(path)

    assert problem == Problem(f"{path}:2", "unbalanced quote marks (unexpected end of data); skipped")
    assert isinstance(ferries, Article) and ferries.text == "Ferries ran two hours late."
    assert isinstance(power, Article) and power.source == f"{path}:4"


def test_a_quote_mark_out_of_place_in_a_row_is_a_warning_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "wire.csv"
    path.write_text(
        'title,text\nFees,"Harbour" fees rise by a tenth.\nTide,"High tide came at six."\n', encoding="utf-8"
    )

    fees, tide = read_all(path)

    assert isinstance(fees, Article) and isinstance(tide, Article)
    assert fees.source == f"{path}:2"
    assert fees.warnings == [
        "unbalanced quote marks (',' expected after '\"'); read leniently, the text may differ from the file"
    ]
    assert tide.warnings == []
