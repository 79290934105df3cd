"""Texts that are not prose are stored unread, with a note, before spaCy sees them (issue 12, item 13): spaCy's
tokenizer peels punctuation off a run one mark at a time, so its cost grows with the square of the run (2,000 marks
take seconds, 120,000 took 19 minutes), and such a text has nothing to read anyway.

Reproduce: ``.venv/bin/pytest -q tests/test_stages_budget.py``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from dateline import Corpus, Settings

DATELINE = str(Path(sys.executable).with_name("dateline"))
NEWS = "The mayor of Brindle said on Monday that the harbour bridge would reopen in May."
UNREAD = "stored and searchable, but not read for entities"


def test_texts_of_punctuation_are_stored_unread_with_a_note_and_the_rest_is_read(tmp_path: Path) -> None:
    records = [
        {"title": "Marks", "text": "!?.,;:" * 20_000},  # 120 KB in one run: spaCy took 19 minutes over it
        {"title": "Spaced", "text": "! ? . , ; : " * 1_000},
        {"title": "Run", "text": f"{NEWS * 10}\n{'?!' * 600}\n{NEWS * 10}"},  # prose around a run of 1,200 marks
        {"title": "Bridge", "text": NEWS},
        {"title": "?!" * 30_000, "text": NEWS.replace("May", "June")},  # a title spaCy would take minutes over
    ]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(record) for record in records) + "\n", encoding="utf-8")
    db = tmp_path / "x.db"
    command = [DATELINE, "ingest", str(feed), "--db", str(db), "--quiet"]
    env = {**os.environ, "DATELINE_N_PROCESS": "1"}
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)  # only a hang takes this long
    assert done.returncode == 0, done.stderr
    printed = " ".join(done.stdout.split())
    assert f"warning: {feed}:1: not prose: 0% of its characters are letters or digits: {UNREAD}" in printed
    assert f"warning: {feed}:2: not prose: 0% of its characters are letters or digits: {UNREAD}" in printed
    assert f"warning: {feed}:3: not prose: a run of 1,200 marks without a space: {UNREAD}" in printed
    assert f"warning: {feed}:5: the title is not prose: 0% of its characters are letters or digits: not read" in printed
    with Corpus.open(str(db), Settings(n_process=1)) as corpus:
        stored = {article.title: article for article in corpus.articles(limit=None)}
        assert stored["Marks"].text == records[0]["text"]  # stored as given
        assert corpus.annotations(stored["Marks"].id).mentions == []
        assert stored["Run"].id in {hit.article.id for hit in corpus.search("harbour")}
        assert "Brindle" in {entity.name for entity in corpus.annotations(stored["Bridge"].id).entities}
        assert "Brindle" in {entity.name for entity in corpus.annotations(stored["?!" * 30_000].id).entities}


PROSE = (
    "The harbour council of Brindle met on Monday to discuss the ferry timetable, and its members agreed that a report "
    "on the crossings would be published in May. Officials said the bridge works had slowed traffic across the town. "
)


def test_an_article_past_the_time_budget_is_stopped_and_stored_unread(tmp_path: Path) -> None:
    records = [
        {"title": "Long", "text": PROSE * 3_000},  # 600,000 characters of prose: half a minute of spaCy on one core
        {"title": "Bridge", "text": NEWS},
        {"title": "Ferry", "text": NEWS.replace("May", "June")},
    ]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(record) for record in records) + "\n", encoding="utf-8")
    db = tmp_path / "x.db"
    command = [DATELINE, "ingest", str(feed), "--db", str(db), "--quiet"]
    env = {**os.environ, "DATELINE_N_PROCESS": "2", "DATELINE_MAX_ARTICLE_SECONDS": "4"}
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)  # only a hang takes this long
    assert done.returncode == 0, done.stderr
    printed = " ".join(done.stdout.split())
    assert f"warning: {feed}:1: reading stopped after 4 s (set DATELINE_MAX_ARTICLE_SECONDS): {UNREAD}" in printed
    with Corpus.open(str(db), Settings(n_process=1)) as corpus:
        stored = {article.title: article for article in corpus.articles(limit=None)}
        assert stored["Long"].text == records[0]["text"]
        assert corpus.annotations(stored["Long"].id).mentions == []
        for title in ("Bridge", "Ferry"):  # sent with it, read again one by one
            assert "Brindle" in {entity.name for entity in corpus.annotations(stored[title].id).entities}
