"""What the CLI prints, when what it prints came from someone else: file names, titles and search strings with Rich
markup, terminal escape sequences and line breaks in them; problem lines echoing huge values; more problems than a
screen holds. The real CLI through Typer's runner, over real files and a real SQLite database."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import write
from dateline.cli import app

runner = CliRunner()
ESCAPES = "\x1b]0;owned\x07\x1b[2J\x1b[31m"  # set the window title, clear the screen, turn the text red
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # any control character but a line break or a tab


def ingest(db: str, *paths: str | Path) -> str:
    result = runner.invoke(app, ["ingest", *map(str, paths), "--db", db, "--no-extract", "--quiet"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.output


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "edges.db")
    record = {"title": f"Harbour [bold]news[/] {ESCAPES}end", "outlet": "Coast [/] Post",
              "text": "The harbour master said the new pier would open next month."}  # fmt: skip
    ingest(path, write(tmp_path / "in" / f"odd {ESCAPES}name.jsonl", json.dumps(record) + "\n"))
    return path


def article_id(db: str) -> str:
    [article] = json.loads(runner.invoke(app, ["articles", "--db", db, "-f", "json"]).stdout)
    return str(article["id"])


# --- item 16: what the user types, and what was stored, is never read as markup ---


@pytest.mark.parametrize(
    "args",
    [["search", "[/]"], ["search", "harbour", "--since", "[/]"], ["show", "[/]"], ["articles", "--until", "[/]"],
     ["search", "[bold]harbour"], ["dyad", "[/]", "[red]"], ["export", "[/]"]],
)  # fmt: skip
def test_user_input_is_printed_as_typed_never_as_markup(db: str, args: list[str]) -> None:
    result = runner.invoke(app, [*args, "--db", db])
    assert result.exit_code in (0, 1), result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    typed = next(arg for arg in args if "[" in arg)
    assert typed in result.output  # shown literally, brackets and all


def test_stored_markup_is_shown_literally(db: str) -> None:
    for args in (["articles"], ["search", "harbour"], ["show", article_id(db)], ["stats"]):
        result = runner.invoke(app, [*args, "--db", db])
        assert result.exit_code == 0, (args, result.output)
        assert "Coast [/] Post" in result.output, args
    assert "Harbour [bold]news[/]" in runner.invoke(app, ["show", article_id(db), "--db", db]).output


# --- item 18: no control character reaches the terminal, and no value starts a line of its own ---


def test_escape_sequences_in_titles_and_file_names_are_shown_not_run(db: str) -> None:
    for args in (["articles"], ["search", "harbour"], ["show", article_id(db)], ["show", article_id(db), "-a"]):
        result = runner.invoke(app, [*args, "--db", db])
        assert result.exit_code == 0, (args, result.output)
        assert not CONTROL.search(result.output), (args, result.output)
        assert "␛]0;owned␇␛[2J␛[31m" in result.output, args
    shown = "".join(runner.invoke(app, ["show", article_id(db), "--db", db]).output.split())  # as if never folded
    assert "odd␛]0;owned␇␛[2J␛[31mname.jsonl" in shown  # the source file's name


def test_a_file_name_cannot_forge_a_problem_line(tmp_path: Path) -> None:
    forged = write(tmp_path / "in" / f"empty{ESCAPES}.txt\nerror: all is well", "")
    output = ingest(str(tmp_path / "x.db"), forged)
    assert not CONTROL.search(output), output
    [line] = [line for line in output.splitlines() if "error:" in line]
    assert line.startswith("error: ") and "empty␛]0;owned␇" in line and ".txt␊error: all is well: empty file" in line


# --- item 20c: a problem line echoes a cut value, never 30 KB ---


def test_a_huge_value_is_cut_in_its_problem_line(tmp_path: Path) -> None:
    record = {"title": "Ferries", "text": "Ferries ran late all week.", "published": "x" * 30_000}
    output = ingest(str(tmp_path / "x.db"), write(tmp_path / "in" / "late.jsonl", json.dumps(record) + "\n"))
    [line] = [line for line in " ".join(output.split("\n  ")).splitlines() if line.startswith("warning:")]
    assert len(line) < 1000, len(line)
    assert "published: cannot read 'xxx" in line and "characters]" in line
    assert line.endswith("stored without it")  # the end of the message, saying why, survives the cut


# --- item 20d: every problem, not just the first 50, in a file the summary names ---


def test_every_problem_is_written_to_a_file_the_summary_names(tmp_path: Path) -> None:
    for number in range(60):
        write(tmp_path / "in" / f"{number:02d}.txt", "")
    output = " ".join(ingest(str(tmp_path / "x.db"), tmp_path / "in").split())
    assert output.count("error: ") == 50
    found = re.search(r"\.\.\. and 10 more; all 60 problems are in (\S+)", output)
    assert found, output
    assert Path(found.group(1)).parent == tmp_path  # beside the database
    listed = Path(found.group(1)).read_text(encoding="utf-8").splitlines()
    assert listed == [f"error: {tmp_path / 'in' / f'{n:02d}.txt'}: empty file" for n in range(60)]
