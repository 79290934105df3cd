"""End to end on the real corpora in ../shared: counts, idempotence, known fields, stories."""

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from dateline import Article, Corpus, Settings


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> tuple[Corpus, object]:
    shared = Path(__file__).resolve().parents[1].parent / "shared"
    if not (shared / "corpora").is_dir():
        pytest.skip(f"{shared} is absent: the shared corpora live beside the checkout")
    # reading and storing only: the reading pipeline is exercised on real text in test_pipeline.py
    corpus = Corpus.open(str(tmp_path_factory.mktemp("corpora") / "corpora.db"), Settings(extract=False))
    report = corpus.ingest([str(shared / "seed"), str(shared / "corpora")])
    return corpus, report


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_every_article_is_read_and_every_failure_named(ingested: tuple, shared: Path) -> None:
    corpus, report = ingested
    corpora = shared / "corpora"
    expected = 1 + sum(len(lines(corpora / f"{name}.jsonl")) for name in ("bbc", "newscluster", "googlenews"))
    expected += len(list((corpora / "seedfmt" / "newscluster").glob("*.txt")))
    assert report.read == expected
    assert report.stored + report.duplicates == report.read
    assert report.warnings == []
    # index.jsonl describes the seed-format files and holds no text: each line is named, none stored
    index = corpora / "seedfmt" / "newscluster" / "index.jsonl"
    assert report.failed == len(lines(index))
    assert {p.source.rsplit(":", 1)[0] for p in report.problems} == {str(index)}
    assert all("no text" in p.message for p in report.problems)
    assert corpus.stats().articles == report.stored


def test_exact_copies_are_stored_once(ingested: tuple, shared: Path) -> None:
    corpus, _ = ingested
    bbc = lines(shared / "corpora" / "bbc.jsonl")
    distinct = {(" ".join(r["text"].split()).casefold(), r["url"] or "") for r in bbc}
    assert len(distinct) < len(bbc)  # the BBC set repeats some articles verbatim
    stored = [a for a in corpus.articles(outlet="BBC News", limit=None) if "bbc.jsonl:" in a.source]
    assert len(stored) == len(distinct)


def test_reingesting_stores_nothing_new(ingested: tuple, shared: Path) -> None:
    corpus, first = ingested
    again = corpus.ingest([str(shared / "corpora" / "googlenews.jsonl"), str(shared / "seed")])
    assert again.stored == 0 and again.duplicates == again.read == 32
    assert corpus.stats().articles == first.stored


def test_known_fields(ingested: tuple) -> None:
    corpus, _ = ingested
    [seed] = corpus.search('"Minsk agreements"')
    assert seed.article.published.isoformat() == "2022-02-21T16:24:00+00:00"
    assert seed.article.authors == ["Valerie Hopkins", "Anton Troianovski"]
    [hit] = corpus.search('"Ad sales boost Time Warner profit"', limit=1)
    assert hit.article.outlet == "BBC News" and hit.article.title == "Ad sales boost Time Warner profit"
    korea = corpus.search("opposes DPRK ballistic missile launches", outlet="China Daily", limit=1)[0].article
    assert korea.published == date(2017, 9, 15) and korea.url and korea.url.startswith("http://africa.chinadaily")


def test_seed_format_copies_join_their_json_originals_in_one_story(ingested: tuple, shared: Path) -> None:
    corpus, _ = ingested
    folder = shared / "corpora" / "seedfmt" / "newscluster"
    originals: dict[str, Article] = {}
    for item in corpus.read([str(shared / "corpora" / "newscluster.jsonl")]):
        assert isinstance(item, Article)
        originals[item.url or ""] = item
    joined = 0
    index = lines(folder / "index.jsonl")
    for entry in index:
        copy = next(a for a in corpus.read([str(folder / entry["file"])]) if isinstance(a, Article))
        original = originals[entry["url"]]
        joined += corpus.article(copy.id).story_id == corpus.article(original.id).story_id
    assert joined / len(index) >= 0.95


def test_stories_list_their_outlets(ingested: tuple) -> None:
    corpus, _ = ingested
    stories = corpus.stories(limit=None)
    assert stories and all(s.articles >= 2 for s in stories)
    sizes = Counter(len(s.article_ids) == s.articles for s in stories)
    assert sizes == {True: len(stories)}
    assert any(len(s.outlets) >= 3 for s in stories)  # wire copy carried by several outlets
