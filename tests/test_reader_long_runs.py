"""Long runs of white space in a header line or a byline are read in time linear in their length (issue 12).

A regular expression stuck in a quadratic search is one long C call that the read time limit cannot interrupt,
so each input is read in a child process with a timeout that only such a hang can exceed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import write

SPACES = " " * 100_000
# Reads the one input named on the command line and prints what the first article holds.
READ_ONE = """
import json
import sys
from dateline.inputs import documents
from dateline.model import Article
from dateline.readers import read

[document] = documents([sys.argv[1]], 50 * 1024 * 1024)
article = next(read(document))
assert isinstance(article, Article), article
print(json.dumps([str(article.published), str(article.updated), article.authors, article.text]))
"""


def read_in_child(path: Path) -> list[object]:
    done = subprocess.run(
        [sys.executable, "-c", READ_ONE, str(path)], capture_output=True, text=True, timeout=120, check=True
    )
    return list(json.loads(done.stdout))


def test_a_published_line_with_a_long_run_of_spaces(tmp_path: Path) -> None:
    seed = f"date 2031-03-03 Ferries resume\n>> Meridian Wire\nPublished: 03 Mar 2031{SPACES}10:24 AM GMT\n"
    path = write(tmp_path / "a.txt", seed + "Ferries crossed the strait again on Monday.\n")
    published = "2031-03-03 10:24:00+00:00"
    assert read_in_child(path) == [published, "None", [], "Ferries crossed the strait again on Monday."]


def test_a_byline_with_a_long_run_of_spaces(tmp_path: Path) -> None:
    record = {"text": "Ferries crossed the strait again.", "authors": f"Ana{SPACES}Ruiz and Tomas Berg"}
    path = write(tmp_path / "a.json", json.dumps(record))
    assert read_in_child(path) == ["None", "None", ["Ana Ruiz", "Tomas Berg"], "Ferries crossed the strait again."]


def test_a_feed_author_with_a_long_run_of_brackets(tmp_path: Path) -> None:
    author = "desk@example.org" + "(" * 400_000  # minutes when the pattern was quadratic
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Meridian</title><item><title>Ferries resume</title>'
        f"<author>{author}</author><description>Ferries crossed the strait again.</description></item></channel></rss>"
    )
    path = write(tmp_path / "feed.xml", feed)
    [_, _, authors, text] = read_in_child(path)
    assert (authors, text) == ([], "Ferries crossed the strait again.")
