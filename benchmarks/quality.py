"""Quality of the reading pipeline on ../shared/eval, one table: each figure beside its target and the peers.

    .venv/bin/python benchmarks/quality.py          # about a minute

Runs the evaluations in eval_quotes.py (PolNeAR, textacy beside us), eval_times.py (TimeBank, TempEval-3
protocol), eval_coref.py (our own challenge set; PolNeAR pronoun speakers), eval_events.py (PLOVER gold records,
PETRARCH2's unit tests), eval_actors.py (PLOVER actor phrases) and eval_5w1h.py (Giveme5W1H gold) with one loaded
model, then the seed article through the whole pipeline. Each script prints its full detail when run on its own.
Figures only; nothing is asserted.
"""

from __future__ import annotations

import sys
from pathlib import Path

import eval_5w1h
import eval_actors
import eval_coref
import eval_events
import eval_quotes
import eval_times
from dateline import Settings
from dateline.inputs import documents
from dateline.model import Article, EventActor
from dateline.pipeline import annotate, nlp
from dateline.readers import read

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_7a99d152a7262305.txt"

# (figure, label, target, how the target reads, peer)
ROWS = [
    ("quotes", "dateline.all.f1@0.3", "quotes, all attributions, F1 @0.3", 0.80, ">=", "textacy.all.f1@0.3"),
    ("quotes", "dateline.all.f1@0.8", "quotes, all attributions, F1 @0.8", 0.65, ">=", "textacy.all.f1@0.8"),
    ("quotes", "dateline.direct+mixed.f1@0.3", "quotes, direct + mixed, F1 @0.3", 0.92, ">=",
     "textacy.direct+mixed.f1@0.3"),
    ("quotes", "dateline.speech.f1@0.3", "quotes, speech cues, F1 @0.3", None, "", "textacy.speech.f1@0.3"),
    ("quotes", "dateline.speaker_accuracy", "quotes, speaker right (matched)", 0.93, ">=", "textacy.speaker_accuracy"),
    ("quotes", "dateline.cue_accuracy", "quotes, cue right (matched)", None, "", "textacy.cue_accuracy"),
    ("times", "value_f1", "times, TIMEX3 value F1 (relaxed span)", 0.82, ">=", None),
    ("times", "span_strict_f1", "times, span F1 strict", None, "", None),
    ("times", "span_relaxed_f1", "times, span F1 relaxed", None, "", None),
    ("coref", "coref_challenge_heldout", "coref, challenge set, held-out cases", None, "", None),
    ("coref", "coref_challenge_all", "coref, challenge set, all cases", None, "", None),
    ("coref", "polnear_pronoun_speaker_coverage", "coref, PolNeAR pronoun speakers resolved (coverage)", None, "",
     None),
    ("events", "plover_accuracy", "events, PLOVER category accuracy", 0.80, ">=", None),
    ("events", "source_country", "events, source country right (matched)", 0.85, ">=", None),
    ("events", "target_country", "events, target country right (matched)", 0.85, ">=", None),
    ("events", "petrarch_exact", "events, PETRARCH2 unit tests, exact event set", 0.85, ">=", None),
    ("events", "petrarch_root", "events, PETRARCH2 unit tests, root codes", None, "", None),
    ("events", "petrarch_codes", "events, PETRARCH2 unit tests, codes only", None, "", None),
    ("actors", "actor_country_accuracy", "actors, PLOVER phrases, country right", None, "", None),
    ("actors", "actor_sector_accuracy", "actors, PLOVER phrases, sector right", None, "", None),
    ("5w1h", "title.www.precision", "5W1H, who/what/when/where precision", 0.82, ">=", None),
    ("5w1h", "title.who.precision", "5W1H, who", None, "", None),
    ("5w1h", "title.what.precision", "5W1H, what", None, "", None),
    ("5w1h", "title.when.precision", "5W1H, when", None, "", None),
    ("5w1h", "title.where.precision", "5W1H, where", None, "", None),
]  # fmt: skip
PEERS = {"times": "HeidelTime 0.776 value F1 (TempEval-3 test)", "quotes": "textacy, run here on the same data",
         "5w1h": "Giveme5W1H 0.82 on its own data"}  # fmt: skip


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


def _code(actor: EventActor | None) -> str:
    return (actor.code or "?") if actor else "-"


def main() -> None:
    settings = Settings.from_env()
    model = nlp.load(settings.model)
    figures = {"quotes": eval_quotes.evaluate(model), "times": eval_times.evaluate(model),
               "coref": eval_coref.evaluate(model), "events": eval_events.evaluate(model),
               "actors": eval_actors.evaluate(model), "5w1h": eval_5w1h.evaluate(model)}  # fmt: skip
    if not any(figures.values()):
        sys.exit("../shared/eval is absent: nothing to measure")
    print(f"model {settings.model}; gold data in ../shared/eval (see its README for the protocols)\n")
    print(f"{'measure':<52}{'dateline':>9}{'target':>9}{'peer':>8}")
    for section, key, label, target, sense, peer in ROWS:
        values = figures[section]
        if key not in values:
            continue
        goal = f"{sense}{target:.2f}" if target is not None else ""
        met = "" if target is None else ("  met" if values[key] >= target else "  NOT MET")
        other = f"{values[peer]:.3f}" if peer and peer in values else ""
        print(f"{label:<52}{values[key]:>9.3f}{goal:>9}{other:>8}{met}")
    print("\npeers: " + "; ".join(PEERS.values()))
    print("\nthe seed article through the whole pipeline:")
    for line in seed_check(settings):
        print(f"  {line}")


if __name__ == "__main__":
    main()
