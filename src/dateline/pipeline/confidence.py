"""How likely a fact is right, learnt from facts read by hand.

An event or a quote is described by a few plain features of what was found (are both actors placed in a country?
is the quote in quote marks, with a named speaker and a verb of speech?); a logistic model over them, fitted by
benchmarks/calibrate.py on the hand audits' verdicts (benchmarks/audits/), gives the share of such facts that the
judges found fully right. So a confidence of 0.7 means about seven in ten such facts were right on articles read by
hand; the views show facts at Settings.min_confidence or over unless asked for all.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from .. import data
from ..model import Event, EventActor, Quote

_POINTERS = frozenset({"this", "that", "these", "those", "who", "one"})  # besides the personal pronouns
_SAY = frozenset(["say", "says", "said", "saying", "tell", "tells", "told", "telling"])


@cache
def _pronouns() -> frozenset[str]:
    """Words that point at someone rather than name them: the personal pronouns (data/pronouns.tsv) and a few more."""
    return frozenset(row[0] for row in data.rows("pronouns.tsv")) | _POINTERS


def _placed(actor: EventActor | None) -> bool:
    """An actor coded with its country (or an international body): "RUSGOV", "IGOUNO", "USA"."""
    return actor is not None and actor.code is not None and not actor.code.startswith("---")


def _sector_only(actor: EventActor | None) -> bool:
    """An actor coded by its sector alone, with no country the reading could give it: "---COP"."""
    return actor is not None and actor.code is not None and actor.code.startswith("---")


def _same_country(event: Event) -> bool:
    source, target = event.source, event.target
    if source is None or target is None or source.code is None or target.code is None:
        return False
    return _placed(source) and _placed(target) and source.code[:3] == target.code[:3]


EVENT_FEATURES: dict[str, Callable[[Event], float]] = {
    "source placed": lambda e: _placed(e.source),
    "source sector only": lambda e: _sector_only(e.source),
    "target placed": lambda e: _placed(e.target),
    "target sector only": lambda e: _sector_only(e.target),
    "both sides one country": _same_country,
    "not asserted": lambda e: e.mode != "asserted",
    "a statement that is a quote": lambda e: e.quote_id is not None,
}


def _words(quote: Quote) -> int:
    return len(quote.text.split())


def _speaker_pronoun(quote: Quote) -> bool:
    speaker = quote.speaker
    return speaker is not None and speaker.entity_id is None and speaker.text.lower() in _pronouns()


QUOTE_FEATURES: dict[str, Callable[[Quote], float]] = {
    "direct": lambda q: q.kind == "direct",
    "mixed": lambda q: q.kind == "mixed",
    "cue reports speech": lambda q: q.cue is not None and q.cue.kind == "speech",
    "cue is say or tell": lambda q: q.cue is not None and q.cue.text.lower() in _SAY,
    "no speaker": lambda q: q.speaker is None,
    "speaker not named": lambda q: q.speaker is not None and q.speaker.name is None,
    "speaker an unresolved pronoun": _speaker_pronoun,
    "under 6 words": lambda q: _words(q) < 6,
    "over 60 words": lambda q: _words(q) > 60,
}

FEATURES: dict[str, dict[str, Callable[..., float]]] = {"event": EVENT_FEATURES, "quote": QUOTE_FEATURES}


def features(kind: str, fact: Event | Quote) -> list[float]:
    """The fact's features, in the order of FEATURES[kind]."""
    return [float(test(fact)) for test in FEATURES[kind].values()]


@dataclass(frozen=True, slots=True)
class Model:
    bias: float
    weights: tuple[float, ...]

    def of(self, values: list[float]) -> float:
        score = self.bias + sum(w * x for w, x in zip(self.weights, values, strict=True))
        return 1.0 / (1.0 + math.exp(-score))


@cache
def _fitted() -> dict[str, Model]:
    """The models in data/confidence.tsv: rows of (kind, feature or "(bias)", weight)."""
    weights: dict[str, dict[str, float]] = {}
    for kind, name, value in data.rows("confidence.tsv"):
        weights.setdefault(kind, {})[name] = float(value)
    models = {}
    for kind, known in FEATURES.items():
        table = weights.get(kind, {})
        models[kind] = Model(table.get("(bias)", 0.0), tuple(table.get(name, 0.0) for name in known))
    return models


def of(kind: str, fact: Event | Quote) -> float:
    """The calibrated chance that the fact is fully right, to two places."""
    return round(_fitted()[kind].of(features(kind, fact)), 2)
