"""The Dask ingest on a real LocalCluster of worker processes: partitions read as the whole input is, the same
store as a single-process ingest, an interrupted run resumed, clear errors."""

from __future__ import annotations

import io
import json
import pickle
import tarfile
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from distributed import LocalCluster
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import SEED, SHARED, write
from dateline import Corpus
from dateline.cli import app
from dateline.config import Settings
from dateline.errors import DatelineError
from dateline.ingest import cluster
from dateline.inputs import Document, partitions
from dateline.model import Article, IngestReport, Problem

CORPORA = SHARED / "corpora"


def bbc_lines(count: int) -> list[str]:
    with (CORPORA / "bbc.jsonl").open(encoding="utf-8") as lines:
        return [next(lines) for _ in range(count)]


def crawl(path: Path, pages: list[dict[str, Any]]) -> Path:
    """A gzipped WARC (one gzip member per record, as Common Crawl writes them): a request and an HTML
    response for each page."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for page in pages:
            request = io.BytesIO(f"GET {page['url']} HTTP/1.1\r\n\r\n".encode())
            writer.write_record(
                writer.create_warc_record(page["url"], "request", payload=request, warc_content_type="application/http")
            )
            paragraphs = "".join(f"<p>{p}</p>" for p in page["text"].split("\n") if p.strip())
            html = (
                f"<html><head><title>{page['title']}</title></head><body><article>{paragraphs}</article></body></html>"
            )
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    page["url"], "response", payload=io.BytesIO(html.encode()), http_headers=headers
                )
            )
    return path


def mixed_inputs(folder: Path, bbc: int = 40, pages: int = 10) -> list[str]:
    """Real articles in every shape the readers take, with copies and bad inputs among them."""
    lines = bbc_lines(bbc + pages)
    news = lines[:bbc]
    news.insert(bbc // 2, "{not json\n")  # one bad line fails alone
    write(folder / "news.jsonl", "".join(news))
    seeds = sorted((CORPORA / "seedfmt" / "newscluster").iterdir())[:8]
    with zipfile.ZipFile(folder / "bundle.zip", "w") as bundle:
        for path in [*seeds[:4], SEED]:  # the seed file again: a copy, stored once
            bundle.write(path, path.name)
    with tarfile.open(folder / "more.tar.gz", "w:gz") as archive:
        for path in seeds[4:]:
            archive.add(path, path.name)
    crawl(folder / "crawl.warc.gz", [json.loads(line) | {"url": f"https://bbc.example/{n}"} for n, line in
                                     enumerate(lines[bbc:])])  # fmt: skip
    write(folder / "empty.txt", "")
    return [str(SEED), str(CORPORA / "googlenews.jsonl"), str(folder), str(folder / "missing.jsonl")]


def textless(item: Article | Problem) -> Article | Problem:
    return item if isinstance(item, Problem) else replace(item, text="", paragraphs=[])


@pytest.mark.parametrize("target_bytes", [4 * 1024, 64 * 1024])
def test_partitions_are_read_as_the_whole_input(
    corpus: Corpus, shared: Path, tmp_path: Path, target_bytes: int
) -> None:
    crawl_data = crawl(
        tmp_path / "cut" / "big.warc.gz",
        [json.loads(line) | {"url": f"https://bbc.example/{n}"} for n, line in enumerate(bbc_lines(150))],
    ).read_bytes()
    write(tmp_path / "cut" / "big.warc.gz", crawl_data[: len(crawl_data) * 2 // 3])  # broken two thirds in
    paths = [*mixed_inputs(tmp_path / "in"), str(CORPORA / "bbc.jsonl"), str(tmp_path / "cut")]
    whole = list(corpus.read(paths))

    surveyed: list[Article | Problem] = []
    annotated: list[Article] = []
    pieces: list[Document | Problem] = []
    no_extract = Settings(extract=False)
    for partition in partitions(list(paths), corpus.settings.max_file_bytes, target_bytes):
        partition = pickle.loads(pickle.dumps(partition))  # as a worker receives it
        pieces.extend(partition)
        found = cluster.survey(partition, no_extract)
        surveyed.extend(found)
        ids = {item.id for item in found if isinstance(item, Article)}
        annotated.extend(article for article, nothing in cluster.annotate(partition, ids, no_extract))

    assert surveyed == [textless(item) for item in whole]
    by_source = {item.source: item for item in whole if isinstance(item, Article)}
    assert all(by_source[article.source] == article for article in annotated)
    assert {a.id for a in annotated} == {a.id for a in by_source.values()}
    slices = [p for p in pieces if isinstance(p, Document) and p.name.endswith(("bbc.jsonl", "big.warc.gz"))]
    assert len(slices) > 5_600_000 // target_bytes // 2
    assert any(p.first_record > 1 for p in slices)
    assert any(isinstance(item, Problem) and "truncated or corrupt WARC" in item.message for item in surveyed)


def stored(db: Path) -> dict[str, list[Any]]:
    """Everything a reader of the store sees, with ids and every field."""
    with Corpus.open(str(db)) as opened:
        return {
            "articles": opened.articles(limit=None),
            "stories": opened.stories(min_articles=1, limit=None),
            "quotes": sorted(opened.quotes(limit=None), key=repr),
            "events": sorted(opened.events(limit=None), key=repr),
            "entities": sorted(opened.entities(limit=None), key=repr),
        }


def ingest(db: Path, paths: list[str], **settings: Any) -> IngestReport:
    with Corpus.open(str(db), Settings.from_env(**settings)) as opened:
        return opened.ingest(paths)


def summary(report: IngestReport) -> tuple[int, int, int, list[Problem]]:
    return report.read, report.stored, report.duplicates, sorted(report.problems, key=repr)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    if not CORPORA.is_dir():
        pytest.skip(f"{SHARED} is absent: the shared corpora live beside the checkout")
    return mixed_inputs(tmp_path_factory.mktemp("inputs"))


@pytest.fixture(scope="module")
def local(inputs: list[str], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, IngestReport]:
    db = tmp_path_factory.mktemp("local") / "local.db"
    return db, ingest(db, inputs)


def test_dask_ingest_stores_what_a_local_ingest_does(
    inputs: list[str], local: tuple[Path, IngestReport], tmp_path: Path
) -> None:
    local_db, local_report = local

    report = ingest(tmp_path / "dask.db", inputs, dask="local:2")

    assert summary(report) == summary(local_report)
    assert report.stored > 80 and report.duplicates == 1 and report.failed == 3
    assert stored(tmp_path / "dask.db") == stored(local_db)


class Interrupted(Exception):
    pass


def test_an_interrupted_dask_ingest_resumes(
    inputs: list[str], local: tuple[Path, IngestReport], tmp_path: Path
) -> None:
    local_db, local_report = local
    db = tmp_path / "dask.db"

    def stop_after_two_batches(report: IngestReport) -> None:
        if report.stored >= 20:
            raise Interrupted

    with Corpus.open(str(db), Settings.from_env(dask="local:2", batch_size=10)) as opened:
        with pytest.raises(Interrupted):
            opened.ingest(inputs, on_progress=stop_after_two_batches)
        first = opened.stats().articles
        report = opened.ingest(inputs)

    assert first == 20
    assert report.stored == local_report.stored - first
    assert report.duplicates == local_report.duplicates + first
    resumed, whole = stored(db), stored(local_db)
    for kind in ("articles", "stories", "quotes", "events", "entities"):
        assert resumed[kind] == whole[kind], kind  # each article once, in the same stories, whatever the batches


def test_ingest_through_a_scheduler_address(tmp_path: Path) -> None:
    with LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=None) as running:
        report = ingest(tmp_path / "x.db", [str(SEED)], dask=running.scheduler_address)

    assert (report.read, report.stored, report.failed) == (1, 1, 0)
    with Corpus.open(str(tmp_path / "x.db")) as opened:
        assert opened.quotes(limit=None)


def test_a_scheduler_without_workers_is_named(tmp_path: Path) -> None:
    with LocalCluster(n_workers=0, dashboard_address=None) as running, pytest.raises(DatelineError) as raised:
        ingest(tmp_path / "x.db", [str(SEED)], dask=running.scheduler_address)

    assert str(raised.value).startswith(f"--dask '{running.scheduler_address}': the scheduler has no workers")


def test_an_unreachable_scheduler_is_named(tmp_path: Path) -> None:
    unreachable = r"--dask 'tcp://127\.0\.0\.1:9': cannot reach a Dask scheduler there"
    with (
        Corpus.open(str(tmp_path / "x.db"), Settings.from_env(dask="tcp://127.0.0.1:9")) as opened,
        pytest.raises(DatelineError, match=unreachable),
    ):
        opened.ingest([str(SEED)])


def test_the_cli_names_a_bad_dask_address(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["ingest", str(SEED), "--db", str(tmp_path / "x.db"), "--dask", "local:two"])

    assert result.exit_code == 1
    assert "--dask 'local:two': local:N takes a number of worker processes" in result.output
