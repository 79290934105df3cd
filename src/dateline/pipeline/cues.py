"""The cue lexicon: the words that attribute reported content to a speaker ("said", "believes", "according to"),
with where their content and speaker hang in the parse. Read from data/cues.tsv; quotes, events and the summary card
all read cues through here."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .. import data


@dataclass(frozen=True, slots=True)
class CueWord:
    lemma: str
    kind: str  # speech, belief, evidence, intent, stance, evaluation, source
    content: tuple[str, ...]  # dependency slots holding the reported content, see data/cues.tsv
    joined: tuple[str, ...]  # slots joined to the content when a content slot is there
    speaker: str  # dependency slot holding the speaker


@cache
def cue_words() -> dict[str, CueWord]:
    """Cue lemma -> where its content and speaker hang, from data/cues.tsv."""
    table: dict[str, CueWord] = {}
    for lemma, kind, content, joined, speaker in data.rows("cues.tsv"):
        table[lemma] = CueWord(lemma, kind, _slots(content), _slots(joined), speaker)
    return table


def _slots(column: str) -> tuple[str, ...]:
    return tuple(slot for slot in column.split(",") if slot and slot != "-")
