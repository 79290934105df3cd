"""The events stage's settings: which sentences are read, how far a light verb reaches, and what an event's
confidence is made of."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EventSettings:
    """Limits of the reading and the weights of an event's confidence (records.py: from the base, clamped to
    [confidence_floor, 1])."""

    longest_sentence: int = 250  # tokens; a longer run (a table, a list without stops) parses too poorly to read
    light_reach: int = 2  # steps from a light verb to the noun it hands over: "held talks", "took part in talks"
    confidence_base: float = 0.6  # an event the reading found at all ...
    confidence_specific: float = 0.15  # ... more for a specific pattern, or an act under a frame ("agreed to meet")
    confidence_coded_source: float = 0.1  # ... more for a source the actor coder coded
    confidence_coded_target: float = 0.1  # ... and for a coded target
    confidence_pronoun: float = 0.1  # ... less when an actor is a pronoun
    confidence_noun: float = 0.1  # ... less for a noun or adjective trigger ("the attack") than a verb
    confidence_hypothetical: float = 0.1  # ... less for a hypothetical event ("may attack")
    confidence_floor: float = 0.05  # no event is less sure than this
