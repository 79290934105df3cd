import json
from pathlib import Path

from conftest import write
from dateline import Corpus
from dateline.config import Settings
from dateline.model import Article, Problem
from test_reader_seed import read_path

INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u200e"  # zero-width space, non-joiner, joiner, word joiner, BOM, LRM


def test_a_file_of_only_invisible_characters_is_empty(tmp_path: Path) -> None:
    path = write(tmp_path / "blank.txt", f"{INVISIBLE}\n{INVISIBLE} \n")
    assert read_path(path) == [Problem(str(path), "empty file (only invisible characters)")]


def test_a_record_whose_text_is_only_invisible_characters_is_a_problem_naming_it(tmp_path: Path) -> None:
    records = [{"text": INVISIBLE, "title": "Blank"}, {"text": f"Port{INVISIBLE[0]}side shops reopened."}]
    path = write(tmp_path / "wire.jsonl", "\n".join(json.dumps(r) for r in records) + "\n")
    write(tmp_path / "wire.csv", f"title,text\nBlank,{INVISIBLE}\nShops,Shops reopened.\n")
    with Corpus.open(str(tmp_path / "t.db"), Settings(extract=False)) as corpus:
        report = corpus.ingest([str(path), str(tmp_path / "wire.csv")])
        assert sorted(a.text for a in corpus.articles()) == [
            f"Port{INVISIBLE[0]}side shops reopened.",
            "Shops reopened.",
        ]
    assert [(p.source, p.message) for p in report.problems] == [
        (f"{path}:1", "no article text"),
        (f"{tmp_path / 'wire.csv'}:2", "no text in column 'text'; skipped"),
    ]


def test_a_feed_entry_of_only_invisible_characters_is_a_problem_and_the_next_entry_is_read(tmp_path: Path) -> None:
    items = (
        f"<item><description>{INVISIBLE}</description></item><item><description>Shops reopened.</description></item>"
    )
    path = write(tmp_path / "wire.rss", f"<rss><channel><title>Wire</title>{items}</channel></rss>")
    problem, article = read_path(path)
    assert problem == Problem(f"{path}#1", "feed entry with no content or summary; skipped")
    assert isinstance(article, Article) and article.text == "Shops reopened."
