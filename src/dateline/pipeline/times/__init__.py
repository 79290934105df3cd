"""Temporal expressions in news text, as TIMEX3 values normalised against the publication time.

The approach is HeidelTime's: patterns (data/timex_rules.tsv, built from the words in data/timex_words.tsv) find
the expressions, and one small normaliser per kind of expression turns a match into a TIMEX3 type and value.
The patterns run over the text itself, and only at words that can begin an expression, with only the rules that
can begin with that word; the parse is read for the few matches that need it (tense, a verb "may", a count).

Resolution against the anchor (the publication time; its UTC day):
- Deictic expressions count from the anchor: "yesterday", "last week" (ISO week), "two weeks ago", "next year".
- Names that recur ("Monday", "March", "March 3", "the fourth quarter", "summer") take the occurrence the tense
  of the verb they hang from points to. Past (said, had been, since) gives the latest one on or before the anchor;
  future (will, a modal, going to, is to, an infinitive after a planning word, "scheduled", "expected") the first
  one on or after it; without a tense the nearest, except that a weekday is then the past one unless at most two
  days ahead. A limit or due date ("extended the deadline to Oct. 12", "a dividend payable Jan. 15", "until") can lie
  ahead of a past verb, so there the verb's tense does not count. A quarter, half or season goes against the
  tense when that is over 200 days nearer (``TimeSettings``, below): firms "plan to publish second-quarter results"
  after the quarter.
  "last"/"next" name the occurrence strictly before/after the anchor's own; "this" the anchor's own or the next.
  So, published on Monday 2022-02-21, "said on Monday" is 2022-02-21 and "scheduled for Thursday" 2022-02-24.
- Anaphoric expressions ("that year", "the following day", "the previous Friday", "a year earlier") count from
  the last calendar time the article gave, falling back to the anchor. Financial reports compare periods: once a
  quarter is named, "the quarter", "a year ago" and "the year-ago quarter" are that quarter and that quarter a year
  before (TimeBank's reading); without one, "the quarter" is the last one completed.

Without an anchor, values that need none are still given (dates written out, years, durations, sets, the *_REF
values) and the rest use TIMEX3 X placeholders for what is unknown: "Monday" is XXXX-WXX-1, "March 3" XXXX-03-03,
"yesterday" XXXX-XX-XX, "last week" XXXX-WXX, "3 p.m." XXXX-XX-XXT15:00, "the third quarter" XXXX-Q3. A two-digit
decade ("the '80s") is then read in the 1900s.

Granularity follows the value (see ``granularity``): day, week (weeks and weekends), month, quarter (quarters,
halves, seasons), year, decade, century; time for TIME values (clock times and parts of days); duration; set; and
reference for PRESENT_REF/PAST_REF/FUTURE_REF. Clock times are the article's local time, as written.

The parts live in modules of this package, each importing only those before it: first_words (the words a rule can
begin with, read from its regular expression), grammar (the rules and words of the data files, compiled), values
(calendar periods, TIMEX3 values, granularity), numbers (numbers and years in words), tense (the verb's tense),
context (one match, one article), anchoring (which occurrence a time names), normalisers/ (one per kind of
expression, by family), extractor (``times``). The choices made where the text does not say (how much nearer against
the tense, how a two-digit year is read ...) are settings: TimeSettings in settings (imported by context), with
defaults that fit English news.
"""

from .extractor import times
from .settings import TimeSettings
from .values import granularity

__all__ = ["TimeSettings", "granularity", "times"]
