"""Verb dictionaries: the words that carry events, with patterns that pick the CAMEO code.

    verbs = VerbDictionary.load()                          # ours: data/event_verbs.tsv
    verbs = VerbDictionary.load(["PETR.Validate.verbs.txt"])  # plus a user's file, ours or PETRARCH's (sniffed)

A trigger is a word (a verb, or a noun or adjective in our dictionary) and a pattern is what must stand around it:

    * sanction on          after the trigger, in order, with any words between: "imposed new sanctions on"
    not *                  before the trigger: "did not ..."
    *_off                  "_" joins words that must be adjacent: "called off"
    * for @aid             "@aid" is a word class of data/event_words.tsv; "a|b" are alternatives
    + was_ * to_ ^ from $  PETRARCH: "$" and "+" mark the source and target, "^" any noun phrase, "%" a compound actor,
                           "&NAME" a synset, "{A B}" adjacent words, "(A B)" a phrase

The most specific pattern that matches wins; a user's file replaces our entries for every word it defines. A PETRARCH
pattern whose code is no event code ("[+++]", "[xxy]") is passed over, as PETRARCH passes over it. Words in
our dictionaries are spaCy lemmas, so one row covers "attack", "attacked" and "attacking"; PETRARCH's are written
forms, and a PETRARCH verb matches its regular inflections and the irregular forms its entry lists, as PETRARCH does.

Our file's rows carry a *frame* as well, which pipeline/events/ reads: an intent, appeal, demand, reject or threat
word ("agreed to", "urged ... to", "refused to", "threatened to", "accepted demands for") takes its code from the act
it governs through
data/event_frames.tsv ("agreed to meet" -> 036, "refused to meet" -> 125); a light verb ("held talks", "imposed
sanctions") takes its object's; a speech verb ("said") passes its content on; a judgement ("would be a violation")
is a disapproval of whoever the judged thing belongs to; an object noun ("weapons", "troops") is an event only as
what a light verb or a frame governs ("sent troops", "offered weapons").

The parts, a module each; each module imports only those before it in this order:

    patterns   a pattern's slots around the trigger, a word as a pattern sees it, where a pattern matched
    matching   the most specific pattern whose words stand around a trigger (``best``)
    parsing    the pattern language, read: a pattern's text into slots, a code column into codes
    ours       our format: rows of data/event_verbs.tsv or a user's file like it, word classes (data/event_words.tsv)
    petrarch   PETRARCH's .verbs.txt format (``is_petrarch`` tells it from ours)

VerbDictionary (here) holds them all: ours, then users' files word by word.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ....errors import InputError
from .matching import best
from .ours import builtin_rows, row_patterns, tsv_rows, word_classes
from .patterns import Match, Pattern, Word
from .petrarch import is_petrarch, verb_forms

__all__ = ["Match", "Pattern", "VerbDictionary", "Word", "best", "is_petrarch", "word_classes"]


@dataclass
class VerbDictionary:
    """Trigger words and their patterns: ours, overridden word by word by users' files."""

    by_lemma: dict[tuple[str, str], list[Pattern]] = field(default_factory=dict)  # (lemma, pos) -> patterns
    by_form: dict[str, list[Pattern]] = field(default_factory=dict)  # written verb form -> patterns (PETRARCH)
    sources: list[str] = field(default_factory=list)
    _triggers: frozenset[str] | None = field(default=None, init=False, repr=False)
    _ours: dict[str, list[Pattern]] = field(default_factory=dict, init=False, repr=False)  # our verbs, as built in

    @classmethod
    def load(cls, paths: Iterable[str | Path] = ()) -> VerbDictionary:
        """Our dictionary, then each user file in turn (ours or PETRARCH's .verbs.txt, told apart by content)."""
        verbs = cls()
        verbs._add_ours(builtin_rows(), "event_verbs.tsv", user=False)
        verbs._ours = {lemma: list(patterns) for (lemma, pos), patterns in verbs.by_lemma.items() if pos == "V"}
        for path in paths:
            text = _read(Path(path))
            if is_petrarch(text):
                verbs._add_petrarch(text, Path(path).name)
            else:
                verbs._add_ours(tsv_rows(text), Path(path).name, user=True)
            verbs.sources.append(str(path))
        verbs._triggers = None
        return verbs

    def candidates(self, text: str, lemma: str, pos: str) -> list[Pattern]:
        """The patterns a token may trigger: a PETRARCH verb form first (a user's file overrides ours), else ours."""
        if pos == "V" and text in self.by_form:
            return self.by_form[text]
        return self.by_lemma.get((lemma, pos), [])

    def says(self, lemma: str) -> bool:
        """Whether our dictionary reads the verb as a speech verb, whose content is coded for itself: a user's
        file may give "said" a code of its own, but what was said stays an event of its own."""
        return any(p.frame == "say" for p in self._ours.get(lemma, ()))

    def triggers(self) -> frozenset[str]:
        """Every lemma and written form that can start an event, for a quick first pass over a sentence."""
        if self._triggers is None:
            self._triggers = frozenset({lemma for lemma, _ in self.by_lemma} | set(self.by_form))
        return self._triggers

    def _add_ours(self, rows: Iterable[tuple[int, list[str]]], name: str, *, user: bool) -> None:
        replaced: set[tuple[str, str]] = set()
        for key, pattern in row_patterns(rows, name):
            if user and key not in replaced:  # a user's word replaces ours, not adds to it
                self.by_lemma[key] = []
                replaced.add(key)
            self.by_lemma.setdefault(key, []).append(pattern)

    def _add_petrarch(self, text: str, name: str) -> None:
        for form, patterns in verb_forms(text, name):
            self.by_form.setdefault(form, []).extend(patterns)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        raise InputError(str(path), f"cannot read the verb dictionary ({error.strerror}); check the path") from error
