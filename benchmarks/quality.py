"""Quality of the reading pipeline on ../shared/eval, both halves of every gold set side by side.

    .venv/bin/python benchmarks/quality.py          # about two minutes

Runs the evaluations in eval_quotes.py (PolNeAR, textacy beside us), eval_times.py (TimeBank, TempEval-3
protocol), eval_coref.py (PolNeAR pronoun speakers; our own challenge set), eval_events.py (PLOVER gold records,
PETRARCH2's unit tests), eval_actors.py (PLOVER actor phrases) and eval_5w1h.py (Giveme5W1H gold) with one loaded
model, on the tune half and on the check half of each gold set (benchmarks/halves.py), then the seed article through
the whole pipeline. Prints each figure on both halves and the gap between them (tune - check: how much of the tune
figure is fitted to the tune half), and writes every figure to benchmarks/results/quality.json, from which
docs/quality.md is generated. Figures only; nothing is asserted here (benchmarks/gate.py holds the check-half floors).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from spacy.language import Language

import eval_5w1h
import eval_actors
import eval_coref
import eval_events
import eval_quotes
import eval_times
from dateline import Settings
from dateline.inputs import documents
from dateline.model import Article
from dateline.pipeline import annotate, nlp
from dateline.readers import read
from halves import CHECK, HALVES, TUNE
from record import Measured

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_7a99d152a7262305.txt"

# The headline figures: (section, key in that section's figures, label). benchmarks/gate.py pins a floor for each on
# the check half; docs/quality.md shows each on both halves.
HEADLINE = [
    ("quotes", "dateline.all.f1@0.3", "quotes, all attributions, F1 @0.3"),
    ("quotes", "dateline.all.f1@0.8", "quotes, all attributions, F1 @0.8"),
    ("quotes", "dateline.direct+mixed.f1@0.3", "quotes, direct + mixed, F1 @0.3"),
    ("quotes", "dateline.indirect.f1@0.3", "quotes, indirect, F1 @0.3"),
    ("quotes", "dateline.speech.f1@0.3", "quotes, speech cues, F1 @0.3"),
    ("quotes", "dateline.speaker_accuracy", "quotes, speaker right (matched)"),
    ("quotes", "dateline.cue_accuracy", "quotes, cue right (matched)"),
    ("coref", "polnear_pronoun_speaker_coverage", "pronoun speakers resolved to a name (coverage)"),
    ("coref", "polnear_pronoun_speaker_named_right", "pronoun speakers named as a named speaker"),
    ("times", "value_f1", "times, TIMEX3 value F1 (relaxed span)"),
    ("times", "span_strict_f1", "times, span F1 strict"),
    ("times", "span_relaxed_f1", "times, span F1 relaxed"),
    ("events", "plover_accuracy", "events, PLOVER category accuracy"),
    ("events", "plover_f1", "events, PLOVER category F1"),
    ("events", "source_country", "events, source country right (matched)"),
    ("events", "target_country", "events, target country right (matched)"),
    ("events", "petrarch_exact", "events, PETRARCH2 unit tests, exact event set"),
    ("events", "petrarch_root", "events, PETRARCH2 unit tests, root codes"),
    ("events", "petrarch_codes", "events, PETRARCH2 unit tests, codes only"),
    ("actors", "actor_country_accuracy", "actors, PLOVER phrases, country right"),
    ("actors", "actor_sector_accuracy", "actors, PLOVER phrases, sector right"),
    ("5w1h", "title.www.precision", "5W1H, who/what/when/where precision"),
    ("5w1h", "title.who.precision", "5W1H, who"),
    ("5w1h", "title.what.precision", "5W1H, what"),
    ("5w1h", "title.when.precision", "5W1H, when"),
    ("5w1h", "title.where.precision", "5W1H, where"),
]
PEERS = {"quotes": "textacy 0.13, run here on the same half", "times": "HeidelTime 0.776 value F1 (TempEval-3 test)",
         "5w1h": "Giveme5W1H 0.82 on its own data"}  # fmt: skip


def evaluations(peer: bool) -> dict[str, Callable[[Language, str], dict[str, float]]]:
    return {
        "quotes": lambda model, half: eval_quotes.evaluate(model, half, peer=peer),
        "times": eval_times.evaluate,
        "coref": eval_coref.evaluate,
        "events": eval_events.evaluate,
        "actors": eval_actors.evaluate,
        "5w1h": eval_5w1h.evaluate,
    }


def measure(model: Language, halves: tuple[str, ...] = HALVES, *, peer: bool = True) -> dict[str, dict[str, dict]]:
    """{half: {section: {figure: value}}}; a section is empty when its gold data is absent."""
    return {half: {name: run(model, half) for name, run in evaluations(peer).items()} for half in halves}


def seed_check(settings: Settings) -> list[str]:
    if not SEED.exists():
        return [f"{SEED} is absent"]
    [document] = documents([str(SEED)], settings.max_file_bytes)
    article = next(a for a in read(document) if isinstance(a, Article))  # type: ignore[arg-type]
    article.id = "seed"
    found = annotate(nlp.load(settings.model)(article.text), article, "en")
    speakers: dict[str, int] = {}
    for quote in found.quotes:
        name = quote.speaker.name or quote.speaker.text if quote.speaker else "(none)"
        speakers[name] = speakers.get(name, 0) + 1
    times = {t.text: t.value for t in found.times}
    events = [
        f"{e.code} {e.source.code if e.source else '-'}->{e.target.code if e.target else '-'}" for e in found.events
    ]
    return [
        f"quotes: {len(found.quotes)} — " + ", ".join(f"{name} {n}" for name, n in sorted(speakers.items())),
        f"times: 'Monday' -> {times.get('Monday')}, 'Thursday' -> {times.get('Thursday')}",
        "entities: " + ", ".join(f"{e.name} ({e.country or '-'})" for e in found.entities if e.kind == "PERSON"),
        f"events: {len(found.events)} — " + ", ".join(events),
    ]


def print_table(figures: dict[str, dict[str, dict]]) -> None:
    print(f"{'measure':<50}{'tune':>8}{'check':>8}{'gap':>8}{'peer':>8}")
    for section, key, label in HEADLINE:
        tune, check = figures[TUNE][section].get(key), figures[CHECK][section].get(key)
        if tune is None or check is None:
            continue
        peer = key.replace("dateline.", "textacy.") if key.startswith("dateline.") else None
        other = figures[CHECK][section].get(peer) if peer else None
        shown = f"{other:.3f}" if other is not None else ""
        print(f"{label:<50}{tune:>8.3f}{check:>8.3f}{tune - check:>+8.3f}{shown:>8}")
    print("\ngap: tune - check; peer: on the check half. " + "; ".join(PEERS.values()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.parse_args()
    settings = Settings.from_env()
    with Measured("quality") as run:
        model = nlp.load(settings.model)
        figures = measure(model)
        if not any(figures[TUNE].values()):
            sys.exit("../shared/eval is absent: nothing to measure")
        challenge = eval_coref.challenge(model)
        seed = seed_check(settings)
        run.figures.update(model=settings.model, halves=figures, coref_challenge=challenge, seed=seed)
        print(f"model {settings.model}; gold data in ../shared/eval (see its README for the protocols)\n")
        print_table(figures)
        print(
            f"\ncoreference challenge set (our own cases): all {challenge['coref_challenge_all']:.3f}, "
            f"held-out cases {challenge['coref_challenge_heldout']:.3f}"
        )
        print("\nthe seed article through the whole pipeline:")
        for line in seed:
            print(f"  {line}")


if __name__ == "__main__":
    main()
