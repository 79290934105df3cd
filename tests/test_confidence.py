"""A fact's confidence is the share of such facts found fully right by hand, and what is less sure than the setting
(0.5 by default) stays out of every list, count and export until asked for; the weights come from the audits."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import write
from dateline import Corpus, Settings, data
from dateline.cli import app
from dateline.errors import DatelineError
from dateline.pipeline import confidence

# Invented: one act between two countries (sure), one by a sector with no country and no target (unsure); a quote
# in quote marks said by a named speaker (sure), and a fear reported of nobody in particular (unsure).
TEXT = (
    "date 2031-05-06 Border row\n>> Meridian Wire\n"
    "Norway accused Sweden of closing the border crossing at Ostby without warning.\n\n"
    "Police arrested two men near the harbour on Monday.\n\n"
    '"We will reopen the crossing as soon as the checks are done," Swedish minister Karin Holm said on Tuesday.\n\n'
    "Traders fear that the dispute could last for months.\n"
)


@pytest.fixture
def border(tmp_path: Path) -> str:
    write(tmp_path / "in" / "border.txt", TEXT)
    path = str(tmp_path / "border.db")
    with Corpus.open(path) as corpus:
        corpus.ingest([str(tmp_path / "in")])
    return path


def test_the_weights_file_names_every_feature_and_no_other() -> None:
    named: dict[str, set[str]] = {}
    for kind, name, _ in data.rows("confidence.tsv"):
        named.setdefault(kind, set()).add(name)
    assert named == {kind: {"(bias)", *features} for kind, features in confidence.FEATURES.items()}


def test_unsure_facts_wait_behind_min_confidence(border: str) -> None:
    with Corpus.open(border) as corpus:
        every = corpus.events(min_confidence=0, limit=None)
        shown = corpus.events(limit=None)
        assert {e.source.code for e in every if e.source} >= {"NOR", "---COP"}
        assert [(e.source.code if e.source else None, e.target.code if e.target else None) for e in shown] == [
            ("NOR", "SWE")
        ]
        assert all(e.confidence >= 0.5 for e in shown) and any(e.confidence < 0.5 for e in every)
        every_quote = {q.cue.text: q for q in corpus.quotes(min_confidence=0, limit=None) if q.cue}
        assert every_quote["fear"].confidence < 0.5 < every_quote["said"].confidence
        shown_quotes = {q.cue.text: q for q in corpus.quotes(limit=None) if q.cue}
        assert "fear" not in shown_quotes and shown_quotes["said"].speaker.name == "Karin Holm"  # type: ignore[union-attr]
        # the counts agree with the lists
        assert sum(p.events for p in corpus.timeline(by="year")) == len({e.group_id for e in shown})
        assert sum(p.events for p in corpus.timeline(by="year", min_confidence=0)) == len({e.group_id for e in every})
        assert [(n.source, n.target) for n in corpus.network().edges] == [("NOR", "SWE")]
        assert len(list(corpus.export_rows())) == len(shown) < len(list(corpus.export_rows(min_confidence=0)))


def test_the_setting_and_the_cli_choose_what_is_shown(border: str) -> None:
    with Corpus.open(border, Settings(min_confidence=0.0)) as corpus:
        assert len(corpus.events(limit=None)) == len(corpus.events(min_confidence=0, limit=None)) > 1
        with pytest.raises(DatelineError, match="min_confidence 2"):
            corpus.events(min_confidence=2)
    runner = CliRunner()
    shown = runner.invoke(app, ["events", "--db", border, "--format", "jsonl"])
    every = runner.invoke(app, ["events", "--db", border, "--format", "jsonl", "--min-confidence", "0"])
    assert shown.exit_code == every.exit_code == 0
    assert 1 == len(shown.stdout.splitlines()) < len(every.stdout.splitlines())
    bad = runner.invoke(app, ["quotes", "--db", border, "--min-confidence", "1.5"])
    assert bad.exit_code != 0 and "--min-confidence" in bad.output
