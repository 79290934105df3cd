"""The events stage's settings: which sentences are read and how far a light verb reaches."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EventSettings:
    """Limits of the reading (an event's confidence is calibrated on the hand audits: pipeline/confidence.py)."""

    longest_sentence: int = 250  # tokens; a longer run (a table, a list without stops) parses too poorly to read
    light_reach: int = 2  # steps from a light verb to the noun it hands over: "held talks", "took part in talks"
