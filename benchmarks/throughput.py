"""Whole-ingest speed against bare spaCy, in one run over the same texts.

    .venv/bin/python benchmarks/throughput.py [--articles N] [--processes P]

1. Bare spaCy: nlp.pipe with the same model, processes and batch size over the texts the ingest will parse: every
   article of bbc.jsonl once (the 137 exact duplicates in it are recognised by the ingest before any parsing).
2. dateline ingest of the file into a fresh SQLite database: read + spaCy (texts and titles) + every stage
   (entities, coref, quotes, times, places, events, summary) + store, with as many worker processes.
Both rates are articles PARSED per second (bare spaCy: the texts; ingest: the articles stored, every one of them
parsed), so the ratio compares the same work. Then where the time goes in one process, per stage, on a sample.
Writes benchmarks/results/throughput.json with the machine's load. Figures only.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import spacy

from dateline import Article, Corpus, Settings
from dateline.model import Annotations
from dateline.pipeline import coders, entities, events, nlp, places, quotes, summary, times
from record import Measured

SHARED = Path(__file__).resolve().parents[2] / "shared"
BBC = SHARED / "corpora" / "bbc.jsonl"


def bare_spacy(texts: list[str], settings: Settings) -> float:
    model = spacy.load(settings.model)  # spaCy's own pipeline, without dateline's paragraph breaks
    list(model.pipe(texts[:8]))  # warm up
    started = time.perf_counter()
    for _ in model.pipe(texts, n_process=settings.processes, batch_size=settings.nlp_batch_size):
        pass
    return len(texts) / (time.perf_counter() - started)


def whole_ingest(path: Path, settings: Settings, folder: Path) -> tuple[float, int, int]:
    """Articles parsed (= stored) per second, articles stored, articles read."""
    with Corpus.open(str(folder / "throughput.db"), settings) as corpus:
        started = time.perf_counter()
        report = corpus.ingest([str(path)])
        seconds = time.perf_counter() - started
    return report.stored / seconds, report.stored, report.read


def stage_times(sample: list[Article], settings: Settings) -> dict[str, float]:
    """Milliseconds per article for the spaCy pass and each stage, one process, on the same docs, after one article
    that warms the caches (what a process pays once is start-up, not a per-article cost)."""
    model = nlp.load(settings.model)
    coding = coders()
    spent: dict[str, float] = {}

    @contextmanager
    def clock(stage: str) -> Iterator[None]:
        started = time.perf_counter()
        yield
        spent[stage] = spent.get(stage, 0.0) + time.perf_counter() - started

    for number, article in enumerate([sample[0], *sample]):
        if number == 1:
            spent.clear()  # the first pass only warmed caches and compiled patterns, once per process
        with clock("spaCy"):
            doc = model(article.text)
        with clock("spaCy, title"):
            title = model(summary.headline_text(article))
        with clock("entities + coref"):
            found = entities.entities(doc, article.id)
        with clock("quotes"):
            said = list(quotes.quotes(doc, found.resolve, article.id))
        with clock("times"):
            when = list(times.times(doc, article.published, article.id))
            title_when = list(times.times(title, article.published, article.id))
        with clock("places"):
            where = list(places.places(doc, found, article.id))
        with clock("events"):
            coded = list(events.events(doc, article, found, said, when, where, coding.actors, coding.verbs))
        annotations = Annotations(article.id, "en", found.entities, found.mentions, said, when, where, coded)
        with clock("summary"):
            summary.summarize(doc, article, annotations, title, title_when)
    return {stage: 1000 * seconds / len(sample) for stage, seconds in spent.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=0, help="use the first N BBC articles (0: all 2,225)")
    parser.add_argument("--processes", type=int, default=0, help="spaCy processes (0: one per core)")
    parser.add_argument("--sample", type=int, default=200, help="articles for the per-stage breakdown")
    args = parser.parse_args()
    if not BBC.exists():
        sys.exit(f"{BBC} is missing: the benchmark reads the shared corpora beside the checkout")
    settings = Settings.from_env(n_process=args.processes or None)
    records = [json.loads(line) for line in BBC.read_text(encoding="utf-8").splitlines()]
    records = records[: args.articles] if args.articles else records
    with Measured("throughput") as run, tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "articles.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        # the texts the ingest will parse: the reader's cleaned text of each distinct article, once
        with Corpus.open(str(folder / "texts.db"), settings) as corpus:
            read = list({a.id: a for a in corpus.read([str(path)]) if isinstance(a, Article)}.values())
        texts = [a.text for a in read]
        spacy_rate = bare_spacy(texts, settings)
        ingest_rate, stored, read_count = whole_ingest(path, settings, folder)
        print(f"{read_count:,} BBC articles read, {len(texts):,} distinct; model {settings.model}, ", end="")
        print(f"{settings.processes} spaCy process(es)")
        print(f"{'bare spaCy (nlp.pipe)':<38}{spacy_rate:>8.1f} articles parsed/s   ({len(texts):,} texts)")
        print(
            f"{'whole ingest (read+NLP+extract+store)':<38}{ingest_rate:>8.1f} articles parsed/s   ({stored:,} stored)"
        )
        print(f"ratio per parsed article: {ingest_rate / spacy_rate:.2f} of bare spaCy")
        breakdown = stage_times(read[: args.sample], settings)
        print(f"\nper article, one process, {min(args.sample, len(read))} articles:")
        for stage, ms in breakdown.items():
            share = "" if stage == "spaCy" else f"   {ms / breakdown['spaCy']:6.1%} of spaCy"
            print(f"  {stage:<18}{ms:8.2f} ms{share}")
        run.figures.update(
            articles_read=read_count,
            articles_parsed=stored,
            processes=settings.processes,
            spacy_articles_per_s=spacy_rate,
            ingest_articles_per_s=ingest_rate,
            ratio=ingest_rate / spacy_rate,
            stages_sample=min(args.sample, len(read)),
            stage_ms=breakdown,
        )


if __name__ == "__main__":
    main()
