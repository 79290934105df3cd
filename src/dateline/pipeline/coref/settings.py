"""Coreference's settings: how far it looks back, and how it weighs what it finds there."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CorefSettings:
    """How far coreference looks back, and how much less it makes of candidates that fit a pronoun less well."""

    window: int = 4  # sentences back a pronoun looks
    max_lookback: int = 80  # occurrences back, so one endless sentence stays linear
    max_description_lookback: int = 600  # "the Russian leader" may name someone from much earlier in the article
    outside_quote: float = 0.25  # a pronoun outside quotes seldom means a name inside them: its salience times this
    plural_country: float = 0.4  # "they" for a country is rare in news
    plural_org: float = 0.8  # "the company said they" happens
    nearby: float = 40.0  # at most this much for a candidate right before the pronoun in its own sentence, where a
    near_tokens: int = 12  # parse error has hidden the subject; fading to nothing this many tokens back
