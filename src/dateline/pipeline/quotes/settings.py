"""The quotes stage's settings: how far each reading looks for an attribution."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class QuoteSettings:
    """How far the readings look around a quotation for the words that attribute it."""

    tail_window: int = 12  # tokens after a quotation's closing mark a cue word ("…,” the minister said) may stand in
    lead_chars: int = 400  # characters before a quotation (or a paragraph's closing colon) read for its attribution
    name_words: int = 8  # words a speaker's name may run to where the parse lost the subject ("…,” Chief Ada Lind said)
