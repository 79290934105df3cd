"""Fit the confidence of events and quotes to the hand audits' verdicts (pipeline/confidence.py says what it is).

Every audit recorded in benchmarks/audits/ holds, for each judged fact, its article id, offsets and verdicts (never
its text). This script reads those articles again from ../shared/corpora with the current pipeline, finds each judged
fact among what the pipeline finds now (same article and offsets, same code and actors, or the same quote span, kind
and speaker; a fact read differently now is left out, since its verdict was about something else), and fits a
logistic model per kind (L2-regularised, Newton's method) from the fact's features to "fully right" (events: really,
root, source and target; quotes: really said, span and speaker).

It prints, for each audit held out in turn, how a model fitted on the others does on it: the share of its facts at or
over the threshold and how many of those were fully right, beside the share right of all. ``--write`` fits on every
audit and writes src/dateline/data/confidence.tsv. The figures go to benchmarks/results/calibration.json, and from there
to docs/quality.md.

    .venv/bin/python benchmarks/calibrate.py [--write]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np

from audit import recorded
from dateline.config import Settings
from dateline.ingest import read as read_paths
from dateline.model import Article, Event, Quote
from dateline.pipeline import confidence
from dateline.pipeline import read as read_articles
from record import Measured

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
OUT = ROOT / "src" / "dateline" / "data" / "confidence.tsv"
THRESHOLD = Settings().min_confidence  # what the views show by default
PENALTY = 1.0  # the L2 weight: few verdicts, so the weights stay modest
FULLY = {"event": ("really", "root", "source", "target"), "quote": ("really", "span", "speaker")}


def _articles(corpus: list[str], wanted: set[str], settings: Settings) -> list[Article]:
    found = {}
    for item in read_paths([str(CORPORA / name) for name in corpus], settings):
        if isinstance(item, Article) and item.id in wanted:
            found[item.id] = item
    return [found[i] for i in sorted(found)]


def _actor_key(actor: Any) -> tuple[Any, Any]:
    return (None, None) if actor is None else (actor.get("code") if isinstance(actor, dict) else actor.code,
                                               actor["start"] if isinstance(actor, dict) else actor.start)  # fmt: skip


def _event_key(article: str, said: dict[str, Any] | Event) -> tuple[Any, ...]:
    if isinstance(said, Event):
        e = said
        return (article, e.evidence.trigger_start, e.evidence.trigger_end, e.code, _actor_key(e.source),
                _actor_key(e.target))  # fmt: skip
    return (article, said["trigger_start"], said["trigger_end"], said["code"], _actor_key(said["source"]),
            _actor_key(said["target"]))  # fmt: skip


def _quote_key(article: str, start: int, end: int, kind: str, speaker_start: int | None) -> tuple[Any, ...]:
    return (article, start, end, kind, speaker_start)


def judged(sheet: dict[str, Any], settings: Settings) -> dict[str, list[tuple[list[float], bool]]]:
    """(features, fully right) of each judged event and quote the pipeline still finds as it was judged."""
    rows = [r for r in sheet["rows"] if r["kind"] in FULLY]
    articles = _articles(sheet["corpus"], {r["article"] for r in rows}, settings)
    facts: dict[tuple[Any, ...], tuple[str, Event | Quote]] = {}
    for found in read_articles(articles, settings):
        for event in found.events:
            facts[_event_key(found.article_id, event)] = ("event", event)
        for quote in found.quotes:
            speaker = quote.speaker.start if quote.speaker else None
            facts[_quote_key(found.article_id, quote.start, quote.end, quote.kind, speaker)] = ("quote", quote)
    out: dict[str, list[tuple[list[float], bool]]] = {"event": [], "quote": []}
    for row in rows:
        said = row["said"]
        if row["kind"] == "event":
            key = _event_key(row["article"], said)
        else:
            speaker = said["speaker"]["start"] if said["speaker"] else None
            key = _quote_key(row["article"], row["start"], row["end"], said["kind"], speaker)
        if key in facts:
            kind, fact = facts[key]
            right = all(row["verdict"][k] == "y" for k in FULLY[kind])
            out[kind].append((confidence.features(kind, fact), right))
    return out


def fit(samples: Iterable[tuple[list[float], bool]]) -> confidence.Model:
    """L2-regularised logistic regression (the bias unpenalised), by Newton's method."""
    pairs = list(samples)
    x = np.array([[1.0, *f] for f, _ in pairs])
    y = np.array([float(r) for _, r in pairs])
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], PENALTY)
    penalty[0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-x @ w))
        gradient = x.T @ (p - y) + penalty * w
        hessian = x.T @ (x * (p * (1 - p))[:, None]) + np.diag(penalty) + 1e-9 * np.eye(x.shape[1])
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return confidence.Model(float(w[0]), tuple(float(v) for v in w[1:]))


BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.01)  # confidence bands of the reliability table


def held_out(
    per_sheet: list[tuple[str, dict[str, list[tuple[list[float], bool]]]]], reliability: dict[str, list[dict[str, Any]]]
) -> list[dict[str, Any]]:
    """Each audit scored by a model fitted on the others: its facts, those at or over the threshold, and how many of
    each were fully right; and, pooled over the audits, per band of the confidence so predicted, how many facts and
    how many right (``reliability``: of facts at confidence c, about c should be right)."""
    print(f"Each audit held out, scored by a model fitted on the others (threshold {THRESHOLD}):")
    found = []
    for kind in FULLY:
        pooled: list[tuple[float, bool]] = []
        for name, samples in per_sheet:
            others = [s for other, by_kind in per_sheet if other != name for s in by_kind[kind]]
            mine = samples[kind]
            if not others or not mine:
                continue
            model = fit(others)
            pooled += [(model.of(f), right) for f, right in mine]
            kept = [right for f, right in mine if model.of(f) >= THRESHOLD]
            row = {"kind": kind, "audit": name, "facts": len(mine), "right": sum(r for _, r in mine),
                   "shown": len(kept), "shown_right": sum(kept)}  # fmt: skip
            found.append(row)
            print(f"  {kind}s, {name}: all {row['right']}/{row['facts']} right; shown {row['shown']}, "
                  f"{row['shown_right']}/{row['shown']} right")  # fmt: skip
        reliability[kind] = []
        for low, high in pairwise(BINS):
            band = [(c, r) for c, r in pooled if low <= c < high]
            if band:
                reliability[kind].append({"low": low, "high": min(high, 1.0), "facts": len(band),
                                          "right": sum(r for _, r in band),
                                          "mean_confidence": sum(c for c, _ in band) / len(band)})  # fmt: skip
    return found


def write(model_of: dict[str, confidence.Model], sheets: list[str], counts: dict[str, int]) -> None:
    lines = [
        "# The confidence of events and quotes (pipeline/confidence.py): logistic weights over each fact's features,",
        "# fitted by benchmarks/calibrate.py on the verdicts of dateline's own hand audits (benchmarks/audits/):",
        f"# {', '.join(sheets)}; " + ", ".join(f"{n} {k}s" for k, n in counts.items()) + ". Generated: do not edit;",
        "# benchmarks/results/calibration.json says when and at which commit.",
        "# kind\tfeature\tweight",
    ]
    for kind, model in model_of.items():
        lines.append(f"{kind}\t(bias)\t{model.bias:.4f}")
        for name, weight in zip(confidence.FEATURES[kind], model.weights, strict=True):
            lines.append(f"{kind}\t{name}\t{weight:.4f}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help="fit on every audit and write data/confidence.tsv")
    args = parser.parse_args()
    settings = Settings()
    with Measured("calibration") as run:
        calibrate(settings, run.figures, write_out=args.write)


def calibrate(settings: Settings, figures: dict[str, Any], *, write_out: bool) -> None:
    per_sheet = []
    for sheet in recorded():
        name = f"{'+'.join(Path(c).stem for c in sheet['corpus'])} seed {sheet['seed']}"
        samples = judged(sheet, settings)
        judged_rows = {k: sum(r["kind"] == k for r in sheet["rows"]) for k in FULLY}
        print(f"{name}: " + ", ".join(f"{len(samples[k])} of {judged_rows[k]} judged {k}s found as judged"
                                      for k in FULLY), file=sys.stderr)  # fmt: skip
        per_sheet.append((name, samples))
    figures["threshold"] = THRESHOLD
    figures["reliability"] = {}
    figures["held_out"] = held_out(per_sheet, figures["reliability"])
    models = {kind: fit(s for _, by_kind in per_sheet for s in by_kind[kind]) for kind in FULLY}
    figures["weights"] = {}
    for kind, model in models.items():
        named = dict(zip(confidence.FEATURES[kind], model.weights, strict=True))
        figures["weights"][kind] = {"(bias)": model.bias, **named}
        print(f"{kind} weights (all audits): bias {model.bias:+.2f}; "
              + "; ".join(f"{n} {w:+.2f}" for n, w in named.items()))  # fmt: skip
    figures["audits"] = [name for name, _ in per_sheet]
    figures["facts"] = {k: sum(len(s[k]) for _, s in per_sheet) for k in FULLY}
    if write_out:
        write(models, figures["audits"], figures["facts"])


if __name__ == "__main__":
    main()
