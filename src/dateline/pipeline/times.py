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
  tense when that is over 200 days nearer: firms "plan to publish second-quarter results" after the quarter.
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
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from spacy.tokens import Doc, Token

from .. import data
from ..dates import zones
from ..model import TimeExpr, Timestamp
from .ids import stable_id

_WORD = re.compile(r"[^\W\d_]+|\d+")  # the units an expression can start at: a run of letters or of digits
_PLAIN_WORD = re.compile(r"[\w'’]+")
_PIECE = re.compile(r"\{([A-Za-z_]\w*)(?:=(\w+))?\}")
_GROUP = re.compile(r"\(\?P<(\w+)>")
_REF_VALUES = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")
_SEASONS = ("SP", "SU", "FA", "WI")  # in the order they start: March, June, September, December
_MONTHS_PER = {"M": 1, "Q": 3, "H": 6, "Y": 12, "DE": 120, "CE": 1200}
_FINENESS = ("D", "W", "M", "Q", "H", "Y", "DE", "CE")
_SMALLER = {"Y": ("M", 12), "DE": ("Y", 10), "CE": ("Y", 100), "ML": ("Y", 1000), "Q": ("M", 3), "M": ("D", 30),
            "F": ("D", 14), "W": ("D", 7), "D": ("H", 24), "H": ("MIN", 60), "MIN": ("S", 60)}  # fmt: skip

# A quarter, half or season named without its year is taken in the direction of the tense unless the other
# direction is this many days nearer: companies "plan to publish second-quarter results" once the quarter is over.
_AGAINST_TENSE_DAYS = 200

# Handlers (the third column of timex_rules.tsv) grouped by how the extractor treats their matches.
_AMOUNTS = ("duration", "offset", "in_offset", "clock")  # take "about", "nearly" before them; others "early", "mid-"
_UNMODIFIED = ("reference", "set")  # take nothing before them: "the end of the previously ..." is no expression
_COMMON_WORDS = ("period", "reference", "day_offset", "set")  # all capitalised mid-sentence, a name: "This Week"
_COMPARISONS = ("year_ago", "offset")  # compared with, not talked about: never what "that year" refers to


# ---------------------------------------------------------------- the extractor


def times(doc: Doc, anchor: Timestamp | None, article_id: str = "") -> Iterator[TimeExpr]:
    """Temporal expressions in ``doc``, in text order, normalised against ``anchor`` (the publication time)."""
    text = doc.text
    if not text.strip():
        return
    grammar = _grammar()
    reading = _Reading(doc, text, anchor)
    covered = 0
    for word in _WORD.finditer(text):
        start = word.start()
        if start < covered or (start and text[start - 1].isalnum()):
            continue
        first = word.group()
        key = "<digit>" if first[0].isdigit() else first.lower()
        rules = grammar.by_first_word.get(key) or grammar.by_first_word.get("<any>")
        found = _first_accepted(grammar, rules, reading, start, covered) if rules else None
        if found is None:
            continue
        match, kind, value = found
        covered = match.end
        yield TimeExpr(
            id=stable_id(article_id, "time", match.start, match.end),
            article_id=article_id,
            text=text[match.start : match.end],
            start=match.start,
            end=match.end,
            type=kind,
            value=value,
            granularity=granularity(kind, value),
        )


def granularity(kind: str, value: str) -> str:
    """The precision a TIMEX3 value gives, read from the value itself."""
    if kind in ("DURATION", "SET"):
        return kind.lower()
    if value in _REF_VALUES:
        return "reference"
    if "T" in value[4:]:
        return "time"
    shapes = (
        (r"[\dX]{4}-[\dX]{2}-[\dX]{2}", "day"),
        (r"[\dX]{4}-W[\dX]{2}(-\d|-WE)?", "week"),
        (r"[\dX]{4}-[\dX]{2}", "month"),
        (r"[\dX]{4}-(Q[\dX]|H\d|SP|SU|FA|WI)", "quarter"),
        (r"[\dX]{4}", "year"),
        (r"[\dX]{3}", "decade"),
        (r"[\dX]{2}", "century"),
    )
    return next((name for shape, name in shapes if re.fullmatch(shape, value)), "day")


def _first_accepted(
    grammar: _Grammar, rules: tuple[int, ...], reading: _Reading, start: int, covered: int
) -> tuple[_Match, str, str] | None:
    """The first rule, in order, that matches at ``start`` and whose normaliser accepts the match; with what may
    come before it ("about", "the end of") taken in, back to the end of the previous expression at most."""
    hit = grammar.masters[rules].match(reading.text, start)
    if hit is None or hit.lastgroup is None:
        return None
    first = int(hit.lastgroup[1:])
    for index in rules[rules.index(first) :]:
        rule = grammar.rules[index]
        found = hit if index == first else rule.regex.match(reading.text, start)
        end = -1 if found is None else found.end(f"r{index}") if index == first else found.end()
        if found is None or end <= start:
            continue
        groups = {key: value for key in rule.keys if (value := found.group(f"{rule.name}__{key}")) is not None}
        before = None
        if rule.handler not in _UNMODIFIED:
            modifier = grammar.modifiers["approx" if rule.handler in _AMOUNTS else "date"]
            before = modifier.search(reading.text, max(covered, start - 48), start)
        if before is not None:
            groups["pre"] = before.group()
        match = _Match(rule, before.start() if before else start, end, groups)
        result = _normalise(match, reading)
        if result is not None:
            return match, *result
    return None


def _normalise(match: _Match, reading: _Reading) -> tuple[str, str] | None:
    if match.rule.handler in _COMMON_WORDS and reading.titled(match):
        return None
    try:
        result = _HANDLERS[match.rule.handler](match, reading)
    except (ValueError, OverflowError, KeyError, IndexError):
        return None  # an impossible date ("February 30"), a year out of range, a word the tables lack: no time
    if result is None:
        return None
    kind, value = result
    if not isinstance(value, _Point):
        return kind, value
    if match.rule.handler not in _COMPARISONS:
        reading.reference = replace(value, tail="")
        if value.unit in ("Q", "H"):
            reading.topic = value
    return kind, value.value


# ---------------------------------------------------------------- one match, one article


@dataclass(slots=True)
class _Match:
    """One rule's match: its span (with any modifier before it) and its captures by key."""

    rule: _Rule
    start: int
    end: int
    groups: dict[str, str]

    def get(self, key: str) -> str | None:
        return self.groups.get(key)

    def word(self, key: str) -> str:
        """The capture ``key`` lower-cased, spaces folded, a final full stop dropped; "" when absent."""
        return " ".join(self.groups.get(key, "").lower().rstrip(".").split())


class _Reading:
    """What normalising one article needs: its text, its parse, its anchor, and the times it has given so far."""

    def __init__(self, doc: Doc, text: str, anchor: Timestamp | None) -> None:
        self.doc = doc
        self.text = text
        self.clock = anchor if isinstance(anchor, datetime) else None
        self.day: date | None = anchor.date() if isinstance(anchor, datetime) else anchor
        sample = doc[: min(len(doc), 20)]  # has_annotation walks every token; a few tell as well what ran
        self.parsed = any(token.dep for token in sample)
        self.tagged = any(token.tag for token in sample)
        self.reference: _Point | None = None  # the last calendar time the text gave
        self.topic: _Point | None = None  # the last quarter or half it named: what a financial report is about
        self.words = _grammar().words

    def value(self, word_class: str, word: str) -> str | None:
        return self.words[word_class].get(" ".join(word.lower().rstrip(".").split()))

    def number(self, word_class: str, word: str) -> int:
        """The table's value for ``word`` as an int; 0 when the word is not in the class."""
        found = self.value(word_class, word)
        return int(found) if found and found.lstrip("-").isdigit() else 0

    def token(self, offset: int) -> Token | None:
        span = self.doc.char_span(offset, offset + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def before(self, match: _Match) -> str:
        """The word before the match, lower case, without punctuation."""
        words = _PLAIN_WORD.findall(self.text, max(0, match.start - 30), match.start)
        return words[-1].lower() if words else ""

    def after(self, match: _Match) -> str:
        """The word after the match, lower case, without punctuation."""
        found = _PLAIN_WORD.search(self.text, match.end, match.end + 30)
        return found.group().lower() if found else ""

    def titled(self, match: _Match) -> bool:
        """A name made of time words ("This Week", "USA Today"): several words all capitalised, or one capitalised
        word that does not start a sentence or a quotation."""
        words = re.findall(r"[^\W\d_]+", self.text[match.start : match.end])
        if not words or not all(word[0].isupper() for word in words):
            return False
        if len(words) > 1:
            return True
        token = self.token(match.start)
        if token is None or token.i == 0 or token.is_sent_start:
            return False
        return token.nbor(-1).text not in ('"', "“", "'", "‘", "``", "(", "—", "-", ":")

    def tense(self, match: _Match) -> int:
        """-1 when the expression hangs from a verb in the past, +1 in the future, 0 when unknown."""
        if not self.parsed:
            return 0
        span = self.doc.char_span(match.start, match.end, alignment_mode="expand")
        return _tense_of(span.root, self.words) if span is not None and len(span) else 0

    def nearest_day(self, match: _Match, anchor: date, month: int, day: int, weekday: int = 0) -> date | None:
        """The date of ``month``/``day`` around the anchor that the tense points to; when the text also names the
        weekday ("Friday, June 12"), the year in which the date falls on it."""
        options = []
        for year in (anchor.year - 1, anchor.year, anchor.year + 1):
            try:
                options.append(date(year, month, day))
            except ValueError:
                continue
        if not options:
            return None
        fitting = [option for option in options if option.isoweekday() == weekday]
        return _pick([(option, option) for option in fitting or options], anchor, self.tense(match), strict=True)

    def cycle(self, match: _Match, anchor: date, first_month: int, months: int, rel: str = "") -> date:
        """Of the periods ``months`` long that start each year in ``first_month`` (a month, a quarter, a season),
        the one the words (last, next, this, this past, this coming) or else the tense point to."""
        firsts = [date(year, first_month, 1) for year in range(anchor.year - 1, anchor.year + 2)]
        spans = [(first, _shift(first, months, "M") - timedelta(days=1)) for first in firsts]
        if rel in ("this coming", "this past"):
            return _pick(spans, anchor, 1 if rel == "this coming" else -1, strict=True)
        if not rel:
            return _pick(spans, anchor, self.tense(match), strict=months < 3)
        step = self.relative(rel)
        if step < 0:
            return max(first for first, last in spans if last < anchor)
        if step > 0:
            return min(first for first, _ in spans if first > anchor)
        return next((first for first, last in spans if first <= anchor <= last), firsts[1])

    def relative(self, words: str) -> int:
        """-1, 0 or +1 for last/this/next and their synonyms ("the preceding": -1)."""
        return self.number("relative", words.split()[-1]) if words else 0


def _pick(spans: list[tuple[date, date]], anchor: date, tense: int, *, strict: bool) -> date:
    """The start of the period (first, last day) the tense points to, strictly or counting one against the tense
    as _AGAINST_TENSE_DAYS further; without a tense the nearest, on a tie the earlier one, as news mostly
    reports what has happened."""

    def cost(span: tuple[date, date]) -> tuple[int, bool]:
        first, last = span
        if first <= anchor <= last:
            return 0, False
        after = first > anchor
        gap = (first - anchor).days if after else (anchor - last).days
        against = (tense < 0 and after) or (tense > 0 and not after)
        return gap + ((10_000 if strict else _AGAINST_TENSE_DAYS) if against else 0), after

    return min(spans, key=cost)[0]


def _tense_of(token: Token, words: dict[str, dict[str, str]]) -> int:
    """Climb from the expression to the verb it hangs from and read that verb's tense. "since" makes it past; a
    limit ("until", "extended to", "payable", "expire") right above the expression may lie ahead of a past verb,
    so there a past verb does not count."""
    limit = False
    for step in range(8):
        lemma = token.lemma_.lower()
        if step and lemma in words["since_word"]:
            return -1
        limit = limit or (0 < step <= 2 and lemma in words["limit_word"])
        if token.pos_ in ("VERB", "AUX"):
            tense = _verb_tense(token, words)
            return 0 if limit and tense < 0 else tense
        if lemma in words["future_cue"]:
            return 1  # "the upcoming vote", "next Thursday's meeting"
        if token.head == token:  # the root; spaCy makes a new Token object each time, so `is` never holds
            return 0
        token = token.head
    return 0


def _verb_tense(
    verb: Token, words: dict[str, dict[str, str]], depth: int = 0, seen: frozenset[int] = frozenset()
) -> int:
    """The tense of a verb, read from the verbs above it where its own form does not tell. ``seen`` holds the tokens
    climbed from, so that the climb stops at the root (which heads itself) and on any cycle a parse may have."""
    seen |= {verb.i}
    above = verb.head if verb.head.i not in seen else None
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    if any(aux.lower_ == "had" for aux in auxiliaries):
        return -1  # "had been scheduled for Friday": that Friday has passed
    if verb.lemma_.lower() in words["future_cue"]:
        return 1  # "scheduled for Thursday", "expects to announce"
    if any(aux.lower_ in words["future_aux"] or aux.tag_ == "MD" for aux in auxiliaries):
        return 1  # will, 'll; would, could, may: what the text presents as not yet done
    if any(aux.lower_ == "to" for aux in auxiliaries):
        # a headline's "Copper to extend its slide on Friday": the infinitive heads the sentence, its "to" is "will"
        return 1 if above is None else _infinitive_tense(above, words, seen)
    if any(aux.tag_ == "VBD" for aux in auxiliaries) or verb.tag_ == "VBD":
        return -1
    participle = verb.tag_ in ("VBG", "VBN") and not auxiliaries and verb.dep_ in ("advcl", "acl", "conj", "xcomp")
    if participle and above is not None and above.pos_ in ("VERB", "AUX") and depth < 4:
        return _verb_tense(above, words, depth + 1, seen)  # "..., rising from $29 in March": the clause's tense
    if verb.tag_ == "VBN" and (not auxiliaries or any(aux.lemma_ == "have" for aux in auxiliaries)):
        return -1
    return 0


def _infinitive_tense(head: Token, words: dict[str, dict[str, str]], seen: frozenset[int]) -> int:
    """An infinitive is still to come after "is to", "set to", "plans to", unless that frame is itself in the
    past perfect ("had been due to end"). After any other verb it is what that verb aimed at, so a past verb
    does not date it ("agreed to buy the bank in January", written in November): only a future one counts."""
    verb = head if head.pos_ in ("VERB", "AUX") else head.head  # "due to": the verb above the adjective
    if verb.pos_ not in ("VERB", "AUX") or verb.i in seen:
        return 0
    frame = head.lemma_.lower()
    if (frame in words["future_frame"] or frame in words["future_cue"]) and not any(
        child.lower_ == "had" for child in verb.children
    ):
        return 1  # "is to", "set to"; "willing to", "ready to", "agreed to": what they govern is still to come
    return max(_verb_tense(verb, words, seen=seen | {head.i}), 0)


# ---------------------------------------------------------------- calendar periods and their TIMEX3 values


@dataclass(frozen=True, slots=True)
class _Point:
    """A calendar period: the day it starts on, its unit (D W M Q H Y DE CE), and a suffix (TMO, T15:00, -WE)."""

    day: date
    unit: str
    tail: str = ""

    @property
    def value(self) -> str:
        day, unit = self.day, self.unit
        if unit == "D":
            head = day.isoformat()
        elif unit == "W":
            year, week, _ = day.isocalendar()
            head = f"{year:04d}-W{week:02d}"
        elif unit == "M":
            head = f"{day.year:04d}-{day.month:02d}"
        elif unit in ("Q", "H"):
            head = f"{day.year:04d}-{unit}{(day.month - 1) // _MONTHS_PER[unit] + 1}"
        elif unit in ("DE", "CE"):
            head = f"{day.year // 10:03d}" if unit == "DE" else f"{day.year // 100:02d}"
        else:
            head = f"{day.year:04d}"
        return head + self.tail


def _start(day: date, unit: str) -> date:
    """The first day of the ``unit`` that contains ``day``."""
    if unit == "D":
        return day
    if unit == "W":
        return day - timedelta(days=day.weekday())
    if unit in ("DE", "CE"):
        years = 10 if unit == "DE" else 100
        return date(max(1, day.year // years * years), 1, 1)
    months = _MONTHS_PER.get(unit, 12)
    return date(day.year, (day.month - 1) // months * months + 1, 1)


def _shift(day: date, count: int, unit: str) -> date:
    """``day`` moved by ``count`` units; days, weeks and fortnights exactly, longer units by calendar months."""
    if unit in ("D", "W", "F"):
        return day + timedelta(days=count * {"D": 1, "W": 7, "F": 14}[unit])
    months = day.year * 12 + day.month - 1 + count * _MONTHS_PER.get(unit, 12)
    year, month = divmod(months, 12)
    return date(year, month + 1, min(day.day, 28))


def _period(day: date, unit: str, count: int = 0) -> _Point:
    """The ``unit`` containing ``day``, moved by ``count`` of them ("last week": the anchor's week, -1)."""
    grain = "W" if unit == "F" else unit
    return _Point(_start(_shift(_start(day, grain), count, grain), grain), grain)


def _unknown(unit: str) -> str:
    """The TIMEX3 value of a period of ``unit`` whose place in time is unknown."""
    return {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "F": "XXXX-WXX", "M": "XXXX-XX", "Q": "XXXX-QX", "DE": "XXX",
            "CE": "XX"}.get(unit, "XXXX")  # fmt: skip


# ---------------------------------------------------------------- normalisers: calendar dates and clock times

_Result = tuple[str, "str | _Point"] | None


def _date(match: _Match, reading: _Reading) -> _Result:
    """March 3, 3 March 2021, Feb. 21, 2022, 2021-03-03, March 1996, June last year, (early) March."""
    month = _month(match.word("m"), reading)
    day = int(re.sub(r"\D", "", match.word("d")) or 0)
    year = _year(match.word("y")) if match.get("y") else None
    if year is None and match.get("yrel") and reading.day is not None:
        year = reading.day.year + reading.relative(match.word("yrel"))
    if not month or (not day and year is None and not _month_alone(match, reading)):
        return None
    if match.get("hh"):
        return "TIME", f"{date(year or 0, month, day).isoformat()}T{match.groups['hh']}:{match.groups['mi']}"
    if year is not None:
        return "DATE", _Point(date(year, month, day or 1), "D" if day else "M")
    if reading.day is None:
        return "DATE", f"XXXX-{month:02d}" + (f"-{day:02d}" if day else "")
    if not day:
        return "DATE", _Point(reading.cycle(match, reading.day, month, 1), "M")
    weekday = reading.number("weekday", match.word("wd")) or reading.number("weekday_abbr", match.word("wd"))
    chosen = reading.nearest_day(match, reading.day, month, day, weekday)
    return ("DATE", _Point(chosen, "D")) if chosen else None


def _month(word: str, reading: _Reading) -> int:
    return int(word) if word.isdigit() else reading.number("month", word) or reading.number("month_abbr", word)


def _month_alone(match: _Match, reading: _Reading) -> bool:
    """A month name alone must be written in full, and one that is also a word ("may", "march") capitalised and
    not used as a verb."""
    name = match.get("m") or ""
    if reading.value("month", name) is None:
        return False
    if reading.value("ambiguous", name) is None:
        return True
    token = reading.token(reading.text.find(name, match.start, match.end))
    return name[:1].isupper() and (token is None or not (token.tag_ == "MD" or token.pos_ in ("VERB", "AUX")))


def _relative_month(match: _Match, reading: _Reading) -> _Result:
    """last April, this September, next May."""
    month = _month(match.word("m"), reading)
    if not month or (reading.value("ambiguous", match.word("m")) and not match.groups["m"][:1].isupper()):
        return None
    if reading.day is None:
        return "DATE", f"XXXX-{month:02d}"
    return "DATE", _Point(reading.cycle(match, reading.day, month, 1, match.word("rel")), "M")


def _slash_date(match: _Match, reading: _Reading) -> _Result:
    """3/21/2022 (month first, as US news writes it, unless the first number cannot be a month); 21.3.2022."""
    first, second, year_text = int(match.groups["a"]), int(match.groups["b"]), match.groups["y"]
    dotted = "." in reading.text[match.start : match.end]
    month, day = (second, first) if dotted or first > 12 else (first, second)
    year = int(year_text)
    if len(year_text) == 2:
        year += 2000 if year < 50 else 1900
    return "DATE", _Point(date(year, month, day), "D")


def _year_end(match: _Match, reading: _Reading) -> _Result:
    """year-end, by year's end: the last day of the year the tense points to."""
    if reading.day is None:
        return "DATE", "XXXX-12-31"
    chosen = reading.nearest_day(match, reading.day, 12, 31)
    return ("DATE", _Point(chosen, "D")) if chosen else None


def _clock(match: _Match, reading: _Reading) -> _Result:
    """3 p.m., 10:30 a.m. Tuesday, noon Thursday, 4 p.m. EST Oct. 2: on the day named, else the anchor's."""
    hour, minute = _hour(match)
    clock = f"T{hour:02d}:{minute:02d}"
    if reading.day is None:
        return "TIME", f"XXXX-XX-XX{clock}"
    day = _day_of(match, reading, reading.day)
    return ("TIME", _Point(day, "D", clock)) if day else None


def _hour(match: _Match) -> tuple[int, int]:
    named = match.word("nm")
    if named:
        return (24 if named == "midnight" else 12), 0
    hour, minute = int(match.groups["hh"]), int(match.get("mi") or 0)
    meridiem = match.word("ap").replace(".", "").replace(" ", "")
    if meridiem in ("am", "pm"):
        if not 1 <= hour <= 12:
            raise ValueError("not an hour on a twelve-hour clock")
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    return hour, minute


def _day_of(match: _Match, reading: _Reading, anchor: date) -> date | None:
    if match.get("m"):
        month, day = _month(match.word("m"), reading), int(re.sub(r"\D", "", match.word("d")) or 0)
        if match.get("y"):
            return date(_year(match.word("y")), month, day)
        return reading.nearest_day(match, anchor, month, day)
    if match.get("wd"):
        return _weekday_date(match, reading, anchor, reading.number("weekday", match.word("wd")))
    return anchor + timedelta(days=reading.number("day_offset", match.word("off")))


# ---------------------------------------------------------------- normalisers: days and weekdays


def _weekday(match: _Match, reading: _Reading) -> _Result:
    """Monday, last Friday, Monday morning, the previous Friday."""
    number = reading.number("weekday", match.word("wd"))
    part = reading.value("part_of_day", match.word("p"))
    tail = f"T{part}" if part else ""
    kind = "TIME" if tail else "DATE"
    if not number:
        return None
    if reading.day is None:
        return kind, f"XXXX-WXX-{number}{tail}"
    return kind, _Point(_weekday_date(match, reading, reading.day, number), "D", tail)


def _weekday_date(match: _Match, reading: _Reading, anchor: date, number: int) -> date:
    """ "last"/"this past" before, "next"/"this" on or after ("next" strictly); "the previous" counts from the day
    the text last gave; otherwise the tense decides, and without one the past unless at most two days ahead."""
    rel = match.word("rel")
    base = reading.reference.day if rel.startswith("the ") and reading.reference is not None else anchor
    back = (base.isoweekday() - number) % 7
    ahead = (number - base.isoweekday()) % 7
    if rel:
        if reading.relative(rel) < 0:
            return base - timedelta(days=back or (0 if rel == "this past" else 7))
        return base + timedelta(days=ahead or (0 if rel.startswith("this") else 7))
    tense = reading.tense(match)
    if tense < 0 or (tense == 0 and ahead > 2):
        return base - timedelta(days=back)
    return base + timedelta(days=ahead)


def _day_offset(match: _Match, reading: _Reading) -> _Result:
    """today, yesterday, tonight, this morning, last night, yesterday afternoon, by mid afternoon."""
    word = match.word("off")
    if not word and not match.get("pre"):
        return None  # a part of day alone ("the morning") is any morning; "by mid afternoon" is today's
    offset = -1 if word == "last" else reading.number("day_offset", word)
    part = reading.value("part_of_day", match.word("p")) or ("NI" if word == "tonight" else None)
    tail = f"T{part}" if part else ""
    kind = "TIME" if tail else "DATE"
    if reading.day is None:
        return kind, f"XXXX-XX-XX{tail}"
    return kind, _Point(reading.day + timedelta(days=offset), "D", tail)


# ---------------------------------------------------------------- normalisers: parts of years, years, decades


def _quarter(match: _Match, reading: _Reading) -> _Result:
    """the fourth quarter, third-quarter, the 1994 second quarter, next year's third quarter, Q3 2021."""
    which = match.word("q")
    if not which and reading.day is not None:  # "the 1994 quarter": the quarter being reported on, in 1994
        which = str((_reported_quarter(match, reading, reading.day).day.month - 1) // 3 + 1)
    return _part_of_year(match, reading, "Q", which)


def _half(match: _Match, reading: _Reading) -> _Result:
    """the first half, the second half of 1998."""
    if reading.after(match) == "of" and not (match.get("y2") or match.get("yrel2")):
        return None  # "the first half of the match"
    return _part_of_year(match, reading, "H", match.word("h"))


def _part_of_year(match: _Match, reading: _Reading, unit: str, which: str) -> _Result:
    index = int(which) if which.isdigit() else reading.number("ordinal", which)
    if which == "last":
        index = 12 // _MONTHS_PER[unit]
    if not 1 <= index <= 12 // _MONTHS_PER[unit]:
        return None
    first_month = (index - 1) * _MONTHS_PER[unit] + 1
    year = _year_of(match, reading)
    if year is not None:
        return "DATE", _Point(date(year, first_month, 1), unit)
    if reading.day is None:
        return "DATE", f"XXXX-{unit}{index}"
    return "DATE", _Point(reading.cycle(match, reading.day, first_month, _MONTHS_PER[unit]), unit)


def _year_of(match: _Match, reading: _Reading) -> int | None:
    """The year a part of a year is in, when the expression says: "1994", "of 1994", "last year's", "year-ago"."""
    year = next((_year(match.word(key)) for key in ("y", "y2") if match.get(key)), None)
    if year is None and reading.day is not None:
        rel = next((match.word(key) for key in ("yrel", "yrel2") if match.get(key)), None)
        year = reading.day.year + reading.relative(rel) if rel else None
    if match.get("ya") and reading.day is not None:  # "the year-ago second quarter"
        year = (year or (reading.reference or _Point(reading.day, "D")).day.year) - 1
    return year


def _season(match: _Match, reading: _Reading) -> _Result:
    """this summer, last fall, the winter of 1987, the early autumn."""
    code = reading.value("season", match.word("s"))
    rel = match.word("rel")
    if code is None or not (rel or match.get("y")):
        return None
    if not match.get("y") and reading.after(match) == "of":
        return None  # "the fall of the Berlin Wall"
    if match.get("y"):
        return "DATE", f"{_year(match.word('y')):04d}-{code}"
    if reading.day is None:
        return "DATE", f"XXXX-{code}"
    if rel == "that" and reading.reference is not None:
        return "DATE", f"{reading.reference.day.year:04d}-{code}"
    first_month = 3 + 3 * _SEASONS.index(code)
    chosen = reading.cycle(match, reading.day, first_month, 3, "" if rel in ("the", "that") else rel)
    return "DATE", f"{chosen.year:04d}-{code}"


def _year_expression(match: _Match, reading: _Reading) -> _Result:
    """1998, fiscal 1991, the year two thousand and five, nineteen eighty-two, mid-1983."""
    year = _year(match.word("y"))
    if match.rule.name == "year" and not _calendar_year(match, reading, year):
        return None
    return "DATE", _Point(date(year, 1, 1), "Y")


def _calendar_year(match: _Match, reading: _Reading, year: int) -> bool:
    """A bare four-digit number is a year unless it is an amount or the entity recogniser read it as a count."""
    before = reading.text[max(0, match.start - 1) : match.start]
    after = reading.text[match.end : match.end + 2]
    if before in ("$", "£", "€", "#") or after.startswith("%") or re.match(r"[.,]\d", after):
        return False
    token = reading.token(reading.text.find(match.groups["y"], match.start))
    if token is not None and token.ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL"):
        return False
    return year >= 1600 or reading.before(match) in ("in", "since", "of", "by", "until", "from", "to", "before")


def _decade(match: _Match, reading: _Reading) -> _Result:
    """the 1990s, the '90s, the nineties, the early 1980s; the 1800s is a century."""
    if match.get("y"):
        year = int(match.groups["y"])
        return "DATE", f"{year // 100:02d}" if year % 100 == 0 else f"{year // 10:03d}"
    if match.get("dw"):
        digit = reading.number("decade_word", match.word("dw"))
        century = {"eighteen": 18, "nineteen": 19, "twenty": 20}.get(match.word("c"))
    else:
        digit, century = int(match.groups["yy"][0]), None
    if century is None:  # the latest such decade that has begun
        now = reading.day.year if reading.day else 1999
        century = now // 100 if now // 100 * 100 + digit * 10 <= now else now // 100 - 1
    return "DATE", f"{century:02d}{digit}"


def _century(match: _Match, reading: _Reading) -> _Result:
    """the 20th century, the eleventh century."""
    word = match.word("c")
    number = int(word) if word.isdigit() else reading.number("ordinal", word)
    return ("DATE", f"{number - 1:02d}") if 1 <= number <= 30 else None


# ---------------------------------------------------------------- normalisers: periods counted from a time


def _period_handler(match: _Match, reading: _Reading) -> _Result:
    """last week, this month, next year, the following day, that year, the end of the month, the weekend,
    the quarter, for the year (ended ...)."""
    word = match.word("u")
    unit = {"weekend": "WE", "period": "Q"}.get(word) or reading.value("unit", word) or ""
    rel = match.word("rel")
    whole = rel in ("the", "the full", "the entire", "the whole")
    if unit in ("", "H", "MIN", "S", "F", "ML") or word.endswith("s") or not (rel or match.get("pre")):
        return None
    if unit == "D" and rel not in _ANAPHORIC:
        return None
    if whole and not match.get("pre") and (unit not in ("Q", "WE", "Y") or reading.after(match) == "of"):
        return None
    if unit == "Y" and whole and reading.after(match) in ("ended", "ending", "to"):
        return "DURATION", "P1Y"  # "for the year ended June 30": a stretch of a year
    if reading.day is None:
        return "DATE", _unknown("W" if unit == "WE" else unit) + ("-WE" if unit == "WE" else "")
    if unit == "WE":
        return "DATE", _weekend(match, reading, reading.day, rel)
    if rel in _ANAPHORIC and (unit == "D" or rel != "the next"):  # "the next day" follows one; "the next year" is ours
        return _anaphoric(reading, reading.day, unit, _ANAPHORIC[rel])
    if unit == "Q" and (whole or rel in ("the latest", "the most recent", "the same")):
        return "DATE", _reported_quarter(match, reading, reading.day)
    return "DATE", _period(reading.day, unit, reading.relative(rel))


_ANAPHORIC = {"that": 0, "the same": 0, "the following": 1, "the next": 1, "the previous": -1, "the preceding": -1,
              "the prior": -1}  # fmt: skip


def _anaphoric(reading: _Reading, anchor: date, unit: str, step: int) -> _Result:
    """From the last time the text gave, when it was at least as precise, else from the anchor."""
    base = reading.reference or _Point(anchor, "D")
    if _coarser(base.unit, unit):
        return None  # "that day" after "in 1987" names no day
    return "DATE", _period(base.day, unit, step)


def _coarser(unit: str, than: str) -> bool:
    return _FINENESS.index(unit if unit in _FINENESS else "D") > _FINENESS.index(than if than in _FINENESS else "D")


def _weekend(match: _Match, reading: _Reading, anchor: date, rel: str) -> _Point:
    """On a weekend, "the weekend" is that one; else the coming one, or the last one when told in the past."""
    step = reading.relative(rel) if rel not in ("the", "") else 0
    if step == 0 and anchor.isoweekday() < 6 and reading.tense(match) < 0:
        step = -1
    return _Point(_start(anchor, "W") + timedelta(weeks=step), "W", "-WE")


def _reported_quarter(match: _Match, reading: _Reading, anchor: date) -> _Point:
    """The quarter a report is about: the last one it named, else the last one completed (results come after)."""
    topic = _topic(reading, anchor)
    if topic is not None and topic.unit == "Q" and _shift(topic.day, 1, "Q") <= anchor:
        return topic
    return _period(anchor, "Q", -1 if reading.tense(match) <= 0 else 0)


def _year_ago(match: _Match, reading: _Reading) -> _Result:
    """the year-ago quarter, the same period last year, year-earlier: the period reported on, a year before."""
    if reading.day is None:
        return "DATE", "XXXX"
    base = _topic(reading, reading.day)
    if base is None:
        quarterly = match.word("u") == "quarter"
        base = _reported_quarter(match, reading, reading.day) if quarterly else _Point(reading.day, "Y")
    return "DATE", _Point(_shift(base.day, -1, "Y"), base.unit)


def _topic(reading: _Reading, anchor: date) -> _Point | None:
    """The quarter or half a report is about: the last one named, if it is within a year of the anchor."""
    topic = reading.topic
    return topic if topic is not None and abs((topic.day - anchor).days) < 366 else None


# ---------------------------------------------------------------- normalisers: offsets and durations


def _offset(match: _Match, reading: _Reading) -> _Result:
    """two weeks ago, a year earlier, three days from now, years ago; "earlier" counts from the last time given."""
    unit = reading.value("unit", match.word("u"))
    direction = match.word("dir")
    sign = -1 if direction in ("ago", "earlier", "before") else 1
    amount = _amount(match, reading)
    if unit is None:
        return None
    if amount is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
    count, unit = _whole(amount, unit)
    if reading.day is None:
        return "DATE", _unknown(unit)
    base = _counted_from(reading, reading.day, unit, deictic=direction in ("ago", "from now", "hence"))
    if unit in ("H", "MIN", "S"):
        return _clock_offset(reading, reading.day, sign * count, unit)
    if unit == "Y" and base.unit in ("Q", "H"):
        return "DATE", _Point(_shift(base.day, sign * count, "Y"), base.unit)  # "a year ago" of a named quarter
    grain = "D" if unit in ("D", "W", "F") else unit  # "two weeks ago" is a day, counted back from one
    moved = _shift(base.day if grain == "D" else _start(base.day, grain), sign * count, unit)
    return "DATE", _period(moved, grain)


def _counted_from(reading: _Reading, anchor: date, unit: str, *, deictic: bool) -> _Point:
    """ "ago" counts from the anchor, "earlier" from the last time given; years from the quarter reported on."""
    topic = _topic(reading, anchor)
    if unit == "Y" and topic is not None:
        return topic
    if not deictic and reading.reference is not None and not _coarser(reading.reference.unit, unit):
        return reading.reference
    return _Point(anchor, "D")


def _clock_offset(reading: _Reading, anchor: date, count: int, unit: str) -> _Result:
    if reading.clock is None:
        return "DATE", _Point(anchor, "D")
    moved = reading.clock + timedelta(seconds=count * {"H": 3600, "MIN": 60, "S": 1}[unit])
    return "TIME", moved.replace(tzinfo=None).isoformat(timespec="minutes")  # not strftime: it writes 999, not 0999


def _in_offset(match: _Match, reading: _Reading) -> _Result:
    """in three days: a date when it is still to come; how long something took when told in the past."""
    if reading.day is None or _amount(match, reading) is None or reading.tense(match) < 0:
        return _duration(match, reading)
    return _offset(_Match(match.rule, match.start, match.end, {**match.groups, "dir": "from now"}), reading)


def _duration(match: _Match, reading: _Reading) -> _Result:
    """for two years, the past six months, a two-year term, several years, recent months, 2 1/2 years."""
    word = match.word("u")
    unit = reading.value("unit", word)
    amount = _amount(match, reading)
    if unit is None or not _lasting(match, reading, unit):
        return None
    if amount is None and not word.endswith(("s", "ia")) and "-" not in reading.text[match.start : match.end]:
        return None  # "recent months", "a several-year contract"; not "the past year"
    if amount is not None and (amount <= 0 or re.fullmatch(r"1\d\d\d|20\d\d", match.word("n"))):
        return None  # "the 1994 quarter" is no duration of 1,994 quarters
    return "DURATION", _duration_value(amount, unit)


def _lasting(match: _Match, reading: _Reading, unit: str) -> bool:
    """Amounts of a unit that are no stretch of time: ages ("52 years old"), fractions ("three-quarters of",
    "a quarter of"), an ordinal ("a second group")."""
    following = reading.after(match)
    if following == "old":
        return False
    if unit == "Q" and (following == "of" or "-quarters" in reading.text[match.start : match.end].lower()):
        return False
    return not (match.word("u") == "second" and match.word("n") in ("", "a", "an", "one"))


def _amount(match: _Match, reading: _Reading) -> float | None:
    """The number of units, or None for a vague quantity ("several", "recent")."""
    if match.get("v") is not None and not match.get("n"):
        return None
    amount = _number(match.word("n") or "a", reading)
    return amount + 0.5 if amount is not None and match.get("half") else amount


def _whole(amount: float, unit: str) -> tuple[int, str]:
    """A count of whole units: 1.5 years is 18 months."""
    while not float(amount).is_integer() and unit in _SMALLER:
        unit, factor = _SMALLER[unit]
        amount *= factor
    return round(amount), unit


def _duration_value(amount: float | None, unit: str) -> str:
    """P2Y, P2Y6M, PT1M30S, P20Y for two decades, PXY for several years."""
    if amount is None:
        return {"S": "PTXS", "MIN": "PTXM", "H": "PTXH", "F": "PXW"}.get(unit, f"PX{unit}")
    parts: list[tuple[float, str]] = []
    whole = int(amount)
    if whole:
        parts.append((whole, unit))
    if amount - whole:
        smaller, factor = _SMALLER.get(unit, (unit, 1))
        parts.append((round((amount - whole) * factor, 2), smaller))
    date_part = "".join(_unit_value(n, u) for n, u in parts if u not in ("H", "MIN", "S"))
    time_part = "".join(_unit_value(n, u) for n, u in parts if u in ("H", "MIN", "S"))
    return "P" + date_part + ("T" + time_part if time_part else "")


def _unit_value(amount: float, unit: str) -> str:
    number = int(amount) if float(amount).is_integer() else amount
    factor, letter = {"F": (2, "W"), "DE": (10, "Y"), "CE": (100, "Y"), "ML": (1000, "Y"), "MIN": (1, "M")}.get(
        unit, (1, unit)
    )
    return f"{number * factor}{letter}"


# ---------------------------------------------------------------- normalisers: sets and vague references


def _set(match: _Match, reading: _Reading) -> _Result:
    """every week, each Thursday, Tuesday nights, twice a month, $5 a year, every other day, annually."""
    if match.get("sw"):
        return _set_word(match, reading)
    part = reading.value("part_of_day", match.word("p").removesuffix("s"))
    if match.get("wd"):
        return "SET", f"XXXX-WXX-{reading.number('weekday', match.word('wd'))}" + (f"T{part}" if part else "")
    if match.get("m"):
        return "SET", f"XXXX-{reading.number('month', match.word('m')):02d}"
    if part:
        return "SET", f"XXXX-XX-XXT{part}"
    if match.get("s"):
        return "SET", f"XXXX-{reading.value('season', match.word('s'))}"
    unit = reading.value("unit", match.word("u"))
    if unit is None or (match.rule.name == "set_per" and not _counted_before(match, reading)):
        return None
    count = (_number(match.word("n") or "a", reading) or 1) * (2 if match.get("other") else 1)
    return "SET", _duration_value(count, unit)


def _set_word(match: _Match, reading: _Reading) -> _Result:
    token = reading.token(match.start)
    if token is not None and token.dep_ == "amod":
        return None  # "a quarterly dividend" says what kind of dividend, not when
    return "SET", reading.value("set_word", match.word("sw")) or ""


def _counted_before(match: _Match, reading: _Reading) -> bool:
    """ "a year" is a rate after an amount or a plural count ("$5 a year", "three meetings a week")."""
    token = reading.token(match.start)
    if token is None or token.i == 0:
        return False
    previous = token.nbor(-1)
    if previous.like_num or previous.tag_ in ("CD", "NNS", "$") or previous.lower_ in ("percent", "%"):
        return True
    return previous.ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL")


def _reference(match: _Match, reading: _Reading) -> _Result:
    """now, currently, recently, previously, the past, the future, soon, the near term."""
    value = reading.value("reference", match.word("r"))
    last = match.word("r").split()[-1] if value else ""
    token = reading.token(match.end - len(last))
    if value is None or (token is not None and reading.tagged and not _reference_fits(match, reading, last, token)):
        return None
    return "DATE", value


def _reference_fits(match: _Match, reading: _Reading, word: str, token: Token) -> bool:
    """Words that refer to a time only in some uses: "earlier" as an adverb on its own ("Earlier, he said"; not
    "earlier than", not "earlier Sunday"), "future" and "past" as nouns, "soon" outside "as soon as"."""
    if word in ("earlier", "later"):
        following = reading.after(match)
        opens_time = following in _grammar().by_first_word or following[:1].isdigit()
        return token.pos_ == "ADV" and following not in ("than", "that") and not opens_time
    if word in ("future", "past", "present"):
        return token.pos_ in ("NOUN", "PROPN") or reading.before(match) in ("in", "the")
    if word == "soon":
        return reading.before(match) != "as" and reading.after(match) not in ("as", "after")
    return True


# ---------------------------------------------------------------- numbers and years in words


def _number(text: str, reading: _Reading) -> float | None:
    """ "24", "2 1/2", "twenty-four", "a hundred and fifty", "two and a half", "a couple of"; None when vague."""
    cleaned = text.lower().replace(",", "").strip()
    half = 0.5 if re.search(r"(and a half|1/2)$", cleaned) else 0.0
    cleaned = re.sub(r"\s*(and a half|1/2)$", "", cleaned)
    if re.fullmatch(r"\d+(\.\d+)?", cleaned):
        return float(cleaned) + half
    known = reading.value("number", cleaned) or reading.value("one", cleaned)
    if known is not None:
        return None if known == "X" else float(known) + half
    pieces = [piece for piece in re.split(r"[\s-]+", cleaned) if piece != "and"]
    if pieces[:1] in (["a"], ["an"]) and len(pieces) > 1:
        pieces = pieces[1:]
    total, current = 0.0, 0.0
    for piece in pieces:
        value = reading.value("number", piece)
        if value is None or value == "X":
            return None
        number = float(value)
        if number == 100:
            current = (current or 1) * 100
        elif number >= 1000:
            total, current = total + (current or 1) * number, 0.0
        else:
            current += number
    return total + current + half


def _year(text: str) -> int:
    """A year in digits or in words: "1998", "nineteen eighty-two", "two thousand and one", "twenty twenty"."""
    cleaned = text.lower().replace("-", " ").split()
    if len(cleaned) == 1 and cleaned[0].isdigit():
        return int(cleaned[0])
    numbers = _grammar().words["number"]
    values = [0 if word == "oh" else int(numbers[word]) for word in cleaned if word != "and"]
    if values[:2] == [2, 1000]:
        return 2000 + sum(values[2:])
    if values[1:2] == [100]:
        return values[0] * 100 + sum(values[2:])
    return values[0] * 100 + sum(values[1:])


# ---------------------------------------------------------------- the grammar: words and rules from data files


@dataclass(frozen=True, slots=True)
class _Rule:
    name: str
    type: str
    handler: str
    regex: re.Pattern[str]
    keys: tuple[str, ...]  # the captures the normaliser reads, without the rule's prefix


@dataclass(frozen=True, slots=True)
class _Grammar:
    words: dict[str, dict[str, str]]  # class -> word -> value
    rules: tuple[_Rule, ...]
    by_first_word: dict[str, tuple[int, ...]]  # lower-case word ("<digit>" for a number) -> rules that can start so
    masters: dict[tuple[int, ...], re.Pattern[str]]  # each such set of rules as one alternation, named r<index>
    modifiers: dict[str, re.Pattern[str]]  # "approx"/"date" -> what may come before such an expression


@cache
def _grammar() -> _Grammar:
    """The patterns, compiled once per process (about half a second)."""
    words: dict[str, dict[str, str]] = {}
    for word_class, word, value in data.rows("timex_words.tsv"):
        words.setdefault(word_class, {})[word] = value
    pieces = {name: _alternation(entries) for name, entries in words.items()}
    pieces["zone"] = "(?-i:" + _alternation(list(zones())) + ")"  # "EST", not "est"
    rules = []
    for name, kind, handler, pattern in data.rows("timex_rules.tsv"):
        if kind == "define":
            pieces[name] = _expand(pattern, pieces, "")
            continue
        if handler not in _HANDLERS:
            raise ValueError(f"timex_rules.tsv: rule {name!r} names no handler in times.py: {handler!r}")
        regex = re.compile(f"(?:{_expand(pattern, pieces, f'{name}__')})(?!\\w)", re.IGNORECASE)
        rules.append(_Rule(name, kind, handler, regex, tuple(g.split("__", 1)[1] for g in regex.groupindex)))
    by_first_word = _dispatch(rules)
    masters = {indices: _master(rules, indices) for indices in set(by_first_word.values())}
    modifiers = {kind: re.compile(rf"\b{pieces[kind + '_modifier']}$", re.IGNORECASE) for kind in ("approx", "date")}
    return _Grammar(words, tuple(rules), by_first_word, masters, modifiers)


def _alternation(entries: Iterable[str]) -> str:
    """Longest first, so "a couple of" wins over "a"; a space matches any whitespace."""
    ordered = sorted(entries, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(entry).replace("\\ ", r"\s+") for entry in ordered) + ")"


def _expand(pattern: str, pieces: dict[str, str], prefix: str) -> str:
    """A pattern of timex_rules.tsv as a regular expression, its captures named ``prefix`` + key."""

    def piece(match: re.Match[str]) -> str:
        name, key = match.group(1), match.group(2)
        if name not in pieces:
            raise ValueError(f"timex_rules.tsv: unknown word class or piece {{{name}}} in {pattern!r}")
        return f"(?P<{prefix}{key}>{pieces[name]})" if key else f"(?:{pieces[name]})"

    spaced = _spaces(pattern)
    named = _GROUP.sub(lambda m: f"(?P<{prefix}{m.group(1)}>", spaced) if prefix else spaced
    return _PIECE.sub(piece, named)


def _spaces(pattern: str) -> str:
    """A space is any whitespace run (" ?" an optional one); inside [...] one whitespace character; inside a
    lookbehind one space, because a lookbehind must have a fixed width."""
    out, in_class, behind, depth, skip = [], False, [], 0, False
    for i, char in enumerate(pattern):
        escaped = pattern[i - 1 : i] == "\\"
        if skip:
            skip = False
            continue
        if char == "(" and not escaped:
            depth += 1
            if pattern.startswith(("(?<=", "(?<!"), i):
                behind.append(depth)
        elif char == ")" and not escaped:
            if behind and behind[-1] == depth:
                behind.pop()
            depth -= 1
        elif char in "[]" and not escaped:
            in_class = char == "["
        if char != " " or behind:
            out.append(char)
        elif in_class:
            out.append(r"\s")
        else:
            skip = pattern[i + 1 : i + 2] == "?"
            out.append(r"\s*" if skip else r"\s+")
    return "".join(out)


def _master(rules: list[_Rule], indices: tuple[int, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<r{i}>{rules[i].regex.pattern})" for i in indices), re.IGNORECASE)


def _dispatch(rules: list[_Rule]) -> dict[str, tuple[int, ...]]:
    """For each word an expression can begin with, the rules (in order) that can begin with it. A rule whose first
    words cannot be worked out goes under every word, and under "<any>" for words no other rule begins with."""
    firsts = [_first_words(rule.regex.pattern) for rule in rules]
    everywhere = {i for i, words in enumerate(firsts) if words is None}
    table: dict[str, set[int]] = {"<any>": set()} if everywhere else {}
    for i, words in enumerate(firsts):
        for word in words or ():
            table.setdefault(word, set()).add(i)
    return {word: tuple(sorted(indices | everywhere)) for word, indices in table.items()}


def _first_words(pattern: str) -> frozenset[str] | None:
    """The lower-case words a match of ``pattern`` can begin with ("<digit>" for a number), read from the parsed
    regular expression; None when the pattern is beyond this reading (only speed depends on it, never results)."""
    try:
        from re import _parser  # type: ignore[attr-defined]

        done, still_open = _walk(list(_parser.parse(pattern, re.IGNORECASE)), {""})
    except Exception:  # any surprise in the parser's internals means: try this rule everywhere
        return None
    return frozenset(done | {prefix for prefix in still_open if prefix})


def _walk(items: list[Any], prefixes: set[str]) -> tuple[set[str], set[str]]:
    """Through a sequence of parsed items: (words completed, words still growing)."""
    done: set[str] = set()
    for op, argument in items:
        if not prefixes:
            break
        ended, prefixes = _step(str(op), argument, prefixes)
        done |= ended
    return done, prefixes


def _step(op: str, argument: Any, prefixes: set[str]) -> tuple[set[str], set[str]]:
    if op == "LITERAL":
        return _extend(prefixes, {chr(argument).lower()})
    if op == "IN":
        return _extend(prefixes, _class_chars(argument))
    if op in ("AT", "ASSERT", "ASSERT_NOT"):
        return set(), prefixes  # zero-width: \b, lookarounds
    if op == "BRANCH":
        return _union(_walk(list(branch), prefixes) for branch in argument[1])
    if op in ("SUBPATTERN", "ATOMIC_GROUP"):
        return _walk(list(argument[-1] if op == "SUBPATTERN" else argument), prefixes)
    if op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        least, most, inner = argument
        once = _walk(list(inner), prefixes)
        paths = [once, _walk(list(inner), once[1])] if most > 1 else [once]
        return _union([*paths, (set(), prefixes)] if least == 0 else paths)
    raise ValueError(f"unsupported {op}")


def _class_chars(items: list[Any]) -> set[str]:
    chars: set[str] = set()
    for op, argument in items:
        kind = str(op)
        if kind == "LITERAL":
            chars.add(chr(argument).lower())
        elif kind == "RANGE" and argument[1] - argument[0] < 64:
            chars |= {chr(c).lower() for c in range(argument[0], argument[1] + 1)}
        elif kind == "CATEGORY" and str(argument) in ("CATEGORY_DIGIT", "CATEGORY_SPACE"):
            chars.add("0" if str(argument) == "CATEGORY_DIGIT" else " ")
        else:
            raise ValueError(f"unsupported class {kind}")
    return chars


def _extend(prefixes: set[str], chars: set[str]) -> tuple[set[str], set[str]]:
    """Letters grow a word; a digit or a separator ends it (a path that starts on a separator is no word start)."""
    done, still_open = set(), set()
    for prefix in prefixes:
        for char in chars:
            if char.isalpha():
                still_open.add(prefix + char)
            elif prefix or char.isdigit():
                done.add(prefix or "<digit>")
    if len(still_open) > 20_000:
        raise ValueError("too many first words")
    return done, still_open


def _union(results: Iterable[tuple[set[str], set[str]]]) -> tuple[set[str], set[str]]:
    done: set[str] = set()
    still_open: set[str] = set()
    for ended, growing in results:
        done |= ended
        still_open |= growing
    return done, still_open


_HANDLERS: dict[str, Callable[[_Match, _Reading], _Result]] = {
    "date": _date,
    "relative_month": _relative_month,
    "slash_date": _slash_date,
    "year_end": _year_end,
    "clock": _clock,
    "weekday": _weekday,
    "day_offset": _day_offset,
    "quarter": _quarter,
    "half": _half,
    "season": _season,
    "year": _year_expression,
    "decade": _decade,
    "century": _century,
    "period": _period_handler,
    "year_ago": _year_ago,
    "offset": _offset,
    "in_offset": _in_offset,
    "duration": _duration,
    "set": _set,
    "reference": _reference,
}
