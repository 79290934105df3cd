"""The summary's settings: how the main event is chosen (its candidates' scores), what the lead is, and how far each
answer reaches."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SummarySettings:
    """What each sign of the main event adds to a candidate's score, and the reach of the lead and the answers. The
    defaults are the ones the quality gate's 5W1H floors were measured with (benchmarks/eval_5w1h.py)."""

    rank_decay: float = 0.6  # the lead's nth sentence (from 0) starts at 1 / (1 + rank_decay * n)
    title_words: float = 2.0  # times the share of the title's words its sentence writes
    named_doer: float = 0.2  # a doer that is a named entity ...
    doer_mentions: float = 0.3  # ... times its mentions over the most mentioned entity's ...
    doer_in_title: float = 0.2  # ... and when the title names it
    coded_event: float = 0.3  # an event the events stage coded in the clause's sentence
    what_tokens: int = 14  # what (and a why or how) is cut at a phrase boundary after this many tokens
    np_tokens: int = 10  # a doer written as a noun phrase: at most this many tokens, else its head and a few before
    lead_sentences: int = 5  # the lead: its first sentences ...
    lead_chars: int = 2500  # ... that start within this many characters
    longest_sentence: int = 150  # tokens; a longer "sentence" is a run of text the parser could not split
    when_reach: int = 3000  # characters into the text a day or a time may stand and still date the main event
    dateline_start: int = 60  # characters into the text a dateline stands after a caption word or two
    dateline_reach: int = 320  # ... or after a photo caption, when it names a city the gazetteer knows
