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
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import NamedTuple

from ... import data
from ...errors import InputError

FRAMES = frozenset(
    {"intent", "appeal", "demand", "reject", "threaten", "yield", "say", "judge", "light", "through", "object"}
)
POS = frozenset({"V", "N", "A"})  # verb, noun, adjective
_CODE = re.compile(r"\[([^\]]*)\]")
_EVENT_CODE = re.compile(r"^\s*\d{2,4}[A-Za-z]?\s*$")  # "036", "1723", WEIS-style "903", "174K"
_PETRARCH_BLOCK = re.compile(r"^\s*---\s+(.*?)\s*---\s*$")
_ACTOR_SLOTS = {"$": "source", "+": "target", "^": "phrase", "%": "phrase"}


@dataclass(frozen=True, slots=True)
class Slot:
    """One element of a pattern: words (alternatives, each a run of adjacent words) or a noun phrase position."""

    kind: str  # words, source, target, phrase
    alternatives: tuple[tuple[str, ...], ...] = ()
    joined: bool = False  # adjacent to its neighbour on the trigger's side


@dataclass(frozen=True, slots=True)
class Pattern:
    code: str | None  # the source -> target code; None: no event ("---"), or only a reverse one
    reverse: str | None  # the target -> source code ("031:032" codes both ways, ":173" only this way)
    before: tuple[Slot, ...]  # in text order
    after: tuple[Slot, ...]  # in text order
    frame: str | None = None  # see the module doc; None: a plain act
    pos: str = "V"
    lemmas: bool = True  # words are spaCy lemmas (ours), or written forms (PETRARCH)
    transforms: bool = True  # modality may turn the act into an intent, threat or demand (our dictionaries only)
    origin: str = ""  # "event_verbs.tsv:12", for explaining a code
    specificity: int = field(default=0, init=False)  # how many words it asks for: the most specific match wins
    needs: tuple[frozenset[str], ...] = field(default=(), init=False)  # per word slot, the words one of which must be
    # there: a quick test before matching in order

    def __post_init__(self) -> None:
        slots = (*self.before, *self.after)
        object.__setattr__(self, "specificity", sum(max((len(a) for a in s.alternatives), default=1) for s in slots))
        needs = tuple(frozenset(a[0] for a in s.alternatives) for s in slots if s.kind == "words")
        object.__setattr__(self, "needs", needs)

    def possible(self, present: set[str]) -> bool:
        """Whether every word slot finds one of its words among ``present`` (words and lemmas): a quick test
        that rules a pattern out before it is matched in order."""
        return all(not group.isdisjoint(present) for group in self.needs)


class Word(NamedTuple):
    """A token as a pattern sees it (a tuple: made for every word of a sentence that has a trigger)."""

    i: int  # token index in the Doc, for adjacency
    text: str  # lower-cased
    lemma: str  # lower-cased
    nominal: bool  # a noun, proper noun or pronoun: may fill an actor position


class Match(NamedTuple):
    """Where a pattern matched (a tuple: one is made for each trigger word that matches)."""

    pattern: Pattern
    used: frozenset[int]  # token indices the pattern's words matched
    source: int | None = None  # token index the pattern marks as the source ("$")
    target: int | None = None  # ... as the target ("+")


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
                verbs._add_ours(_tsv_rows(text), Path(path).name, user=True)
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

    # ---- reading our format

    def _add_ours(self, rows: Iterable[tuple[int, list[str]]], name: str, *, user: bool) -> None:
        classes = word_classes()
        replaced: set[tuple[str, str]] = set()
        for number, row in rows:
            origin = f"{name}:{number}"
            if len(row) < 4:
                raise InputError(origin, "a verb row needs lemma, pos, pattern and code (and a frame), tab-separated")
            lemma, pos, text, code_text = (cell.strip() for cell in row[:4])
            frame = row[4].strip() if len(row) > 4 and row[4].strip() not in ("", "-") else None
            if pos not in POS or (frame is not None and frame not in FRAMES):
                raise InputError(origin, f"pos must be one of {sorted(POS)} and frame one of {sorted(FRAMES)}")
            key = (lemma.lower(), pos)
            if user and key not in replaced:  # a user's word replaces ours, not adds to it
                self.by_lemma[key] = []
                replaced.add(key)
            code, reverse = _codes(code_text)
            before, after = _slots(text, classes, {}, origin)
            pattern = Pattern(code, reverse, before, after, frame, pos, True, True, origin)
            self.by_lemma.setdefault(key, []).append(pattern)

    # ---- reading PETRARCH's format

    def _add_petrarch(self, text: str, name: str) -> None:
        synsets = _petrarch_synsets(text)
        for block in _petrarch_blocks(text, name):
            patterns = [_petrarch_pattern(line, number, synsets, name) for number, line in block.patterns]
            for verb in block.verbs:
                own = _verb_pattern(verb, block.code, name)
                combined = [own] + [_with_verb(p, verb) for p in patterns if p is not None]
                for form in verb.forms:
                    self.by_form.setdefault(form, []).extend(combined)


def is_petrarch(text: str) -> bool:
    """A PETRARCH verb dictionary has '--- VERB [code] ---' blocks; ours is tab-separated rows."""
    return any(_PETRARCH_BLOCK.match(line) for line in text.splitlines()[:2000])


def best(patterns: Sequence[Pattern], before: Sequence[Word], after: Sequence[Word], trigger: int) -> Match | None:
    """The most specific pattern whose words stand around the trigger (token ``trigger``); the first on a tie."""
    found: Match | None = None
    present: set[str] | None = None
    for pattern in patterns:
        if found is not None and pattern.specificity <= found.pattern.specificity:
            continue
        if pattern.needs:
            if present is None:
                present = {w.lemma for w in (*before, *after)} | {w.text for w in (*before, *after)}
            if not pattern.possible(present):
                continue
        match = _match(pattern, before, after, trigger)
        if match is not None:
            found = match
    return found


# ---- matching


def _match(pattern: Pattern, before: Sequence[Word], after: Sequence[Word], trigger: int) -> Match | None:
    if not pattern.before and not pattern.after:
        return Match(pattern, frozenset())  # the word alone
    used: list[int] = []
    roles: dict[str, int] = {}
    if not _match_after(pattern, after, trigger, used, roles):
        return None
    if not _match_before(pattern, before, trigger, used, roles):
        return None
    return Match(pattern, frozenset(used), roles.get("source"), roles.get("target"))


def _match_after(pattern: Pattern, words: Sequence[Word], trigger: int, used: list[int], roles: dict[str, int]) -> bool:
    position, edge = 0, trigger
    for slot in pattern.after:
        for k in range(position, len(words)):
            if slot.joined and words[k].i != edge + 1:
                if words[k].i > edge + 1:
                    return False
                continue
            size = _fits(slot, words, k, pattern.lemmas, forward=True)
            if size:
                _record(slot, words[k : k + size], used, roles)
                position, edge = k + size, words[k + size - 1].i
                break
        else:
            return False
    return True


def _match_before(
    pattern: Pattern, words: Sequence[Word], trigger: int, used: list[int], roles: dict[str, int]
) -> bool:
    position, edge = len(words), trigger
    for slot in reversed(pattern.before):
        for k in range(position - 1, -1, -1):
            if slot.joined and words[k].i != edge - 1:
                if words[k].i < edge - 1:
                    return False
                continue
            size = _fits(slot, words, k, pattern.lemmas, forward=False)
            if size:
                first = k - size + 1
                _record(slot, words[first : k + 1], used, roles)
                position, edge = first, words[first].i
                break
        else:
            return False
    return True


def _fits(slot: Slot, words: Sequence[Word], k: int, lemmas: bool, *, forward: bool) -> int:
    """How many words from position k (forward) or ending at k (backward) the slot matches; 0 when it does not."""
    if slot.kind != "words":
        return 1 if words[k].nominal else 0
    for alternative in slot.alternatives:
        size = len(alternative)
        first = k if forward else k - size + 1
        if first < 0 or first + size > len(words):
            continue
        run = words[first : first + size]
        if any(run[j].i != run[0].i + j for j in range(size)):
            continue
        if all((w.lemma if lemmas else w.text) == expected for w, expected in zip(run, alternative, strict=True)):
            return size
    return 0


def _record(slot: Slot, words: Sequence[Word], used: list[int], roles: dict[str, int]) -> None:
    if slot.kind == "words":
        used.extend(w.i for w in words)
    elif slot.kind in ("source", "target"):
        roles.setdefault(slot.kind, words[0].i)


# ---- parsing patterns


def _codes(text: str) -> tuple[str | None, str | None]:
    """ "036" -> ("036", None); "031:032" -> both ways; ":173" -> only target -> source; "---" / "-" -> none."""
    text = text.strip()
    forward, _, backward = text.partition(":")
    return _one_code(forward), _one_code(backward)


def _one_code(text: str) -> str | None:
    text = text.strip()
    return None if not text or set(text) <= {"-"} else text


def _slots(
    text: str, classes: dict[str, tuple[tuple[str, ...], ...]], synsets: dict[str, list[str]], origin: str
) -> tuple[tuple[Slot, ...], tuple[Slot, ...]]:
    """A pattern's elements before and after the trigger ("*")."""
    elements = list(_elements(text, classes, synsets, origin))
    star = next((k for k, (slot, _) in enumerate(elements) if slot is None), None)
    if star is None:
        if text.strip() not in ("", "-"):
            raise InputError(origin, f"the pattern '{text}' has no '*' for the trigger word")
        return (), ()
    before = tuple(_joined(slot, elements[k + 1][1]) for k, (slot, _) in enumerate(elements[:star]) if slot)
    after = tuple(_joined(slot, joined) for slot, joined in elements[star + 1 :] if slot)
    return before, after


def _joined(slot: Slot, joined: bool) -> Slot:
    return Slot(slot.kind, slot.alternatives, joined) if joined != slot.joined else slot


def _elements(
    text: str, classes: dict[str, tuple[tuple[str, ...], ...]], synsets: dict[str, list[str]], origin: str
) -> Iterator[tuple[Slot | None, bool]]:
    """(slot, joined to the element before it); the trigger is (None, joined)."""
    text = text.replace("(", " ").replace(")", " ")
    text = re.sub(r"\{([^}]*)\}", lambda m: "_".join(m.group(1).split()), text)
    for chunk in text.split():
        pieces = chunk.split("_")
        first = True
        for piece in pieces:
            if not piece:
                continue
            joined = not first
            first = False
            if piece == "*":
                yield None, joined
            elif piece in _ACTOR_SLOTS:
                yield Slot(_ACTOR_SLOTS[piece]), joined
            elif piece.startswith("&"):
                yield Slot("words", _synset(piece, synsets, origin)), joined
            else:
                yield Slot("words", _alternatives(piece, classes, origin)), joined


def _alternatives(
    piece: str, classes: dict[str, tuple[tuple[str, ...], ...]], origin: str
) -> tuple[tuple[str, ...], ...]:
    """ "sanction|embargo" -> two words; "@aid|support" -> the class's words and one more."""
    alternatives: list[tuple[str, ...]] = []
    for word in piece.lower().split("|"):
        if word.startswith("@"):
            if word[1:] not in classes:
                raise InputError(origin, f"unknown word class {word}: define it in data/event_words.tsv")
            alternatives.extend(classes[word[1:]])
        elif word:
            alternatives.append((word,))
    return tuple(alternatives)


def _synset(name: str, synsets: dict[str, list[str]], origin: str, depth: int = 0) -> tuple[tuple[str, ...], ...]:
    key = name.strip("&_").upper()
    if key not in synsets or depth > 5:
        return ((name.lower(),),)  # an unknown synset matches nothing real, as in PETRARCH
    alternatives: list[tuple[str, ...]] = []
    for member in synsets[key]:
        if member.startswith("&"):
            alternatives.extend(_synset(member, synsets, origin, depth + 1))
        else:
            words = tuple(w.lower() for w in re.split(r"[\s_]+", member) if w)
            if words:
                alternatives.append(words)
    return tuple(alternatives)


# ---- our files


def builtin_rows() -> Iterator[tuple[int, list[str]]]:
    """Our rows, numbered in order (comments and blank lines not counted)."""
    return enumerate(data.rows("event_verbs.tsv"), 1)


def _tsv_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            yield number, line.split("\t")


@cache
def word_classes() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Word classes for patterns ("@aid" -> aid, assistance, relief ...), from data/event_words.tsv."""
    classes: dict[str, tuple[tuple[str, ...], ...]] = {}
    for name, words in data.rows("event_words.tsv"):
        classes[name.strip()] = tuple(tuple(w.split()) for w in words.split("|") if w.strip())
    return classes


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        raise InputError(str(path), f"cannot read the verb dictionary ({error.strerror}); check the path") from error


# ---- PETRARCH files


@dataclass(slots=True)
class _Verb:
    forms: frozenset[str]
    pre: tuple[str, ...]  # words written before the verb word ("WIRE_+TAP")
    post: tuple[str, ...]  # and after it ("+CORDON_OFF", "LASH OUT")
    code: str | None  # the verb's own code, if its line gives one


@dataclass(slots=True)
class _Block:
    code: str | None
    verbs: list[_Verb] = field(default_factory=list)
    patterns: list[tuple[int, str]] = field(default_factory=list)


def _uncomment(line: str) -> str:
    """The line without a '#' comment (a '#' inside [...] is a code, not a comment)."""
    depth = 0
    for k, char in enumerate(line):
        if char == "[":
            depth += 1
        elif char == "]":
            depth = max(0, depth - 1)
        elif char == "#" and depth == 0:
            return line[:k]
    return line


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """Lines without comments; XML-style <!-- --> comments may span lines."""
    in_comment = False
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw
        if in_comment:
            if "-->" not in line:
                continue
            line, in_comment = line.split("-->", 1)[1], False
        while "<!--" in line:
            head, _, tail = line.partition("<!--")
            if "-->" in tail:
                line = head + tail.split("-->", 1)[1]
            else:
                line, in_comment = head, True
        yield number, _uncomment(line).rstrip()


def _petrarch_synsets(text: str) -> dict[str, list[str]]:
    synsets: dict[str, list[str]] = {}
    current: list[str] | None = None
    for _, line in _lines(text):
        stripped = line.strip()
        if stripped.startswith("&"):
            current = synsets.setdefault(stripped.split()[0].strip("&_").upper(), [])
        elif current is not None and stripped.startswith("+"):
            current.append(stripped[1:].strip())
        elif not stripped or stripped.startswith("---"):
            current = None
    return synsets


def _petrarch_blocks(text: str, name: str) -> Iterator[_Block]:
    block: _Block | None = None
    in_synset = False
    for number, line in _lines(text):
        stripped = line.strip()
        header = _PETRARCH_BLOCK.match(line)
        if header:
            if block is not None:
                yield block
            codes = _CODE.findall(header.group(1))
            block, in_synset = _Block(_one_code(codes[0]) if codes else None), False
        elif stripped.startswith("&"):
            in_synset = True
        elif not stripped:
            in_synset = False
        elif block is None or in_synset:
            continue
        elif stripped.startswith("-"):
            block.patterns.append((number, stripped[1:].strip()))
        else:
            verb = _verb_line(stripped)
            if verb is not None:
                block.verbs.append(verb)
    if block is not None:
        yield block


def _verb_line(line: str) -> _Verb | None:
    """ "BREAK {BROKE BROKEN}", "+CORDON_OFF {+CORDONED_OFF}", "WIRE_+TAP", "LASH OUT", "DOWNPLAY [014]"."""
    codes = _CODE.findall(line)
    line = _CODE.sub(" ", line)
    irregular: list[str] = []
    braces = re.search(r"\{([^}]*)\}", line)
    if braces:
        irregular = braces.group(1).split()
        line = line[: braces.start()] + line[braces.end() :]
    words = [w for w in re.split(r"[\s_]+", line.strip()) if w]
    if not words:
        return None
    head = next((k for k, w in enumerate(words) if w.startswith("+")), 0)
    verb = words[head].lstrip("+").lower()
    if not verb.isalpha() and not verb.replace("-", "").isalpha():
        return None
    forms = set(_inflections(verb))
    for form in irregular:
        parts = [p for p in form.split("_") if p]
        marked = next((p for p in parts if p.startswith("+")), parts[0] if parts else "")
        if marked:
            forms.add(marked.lstrip("+").lower())
    pre = tuple(w.lstrip("+").lower() for w in words[:head])
    post = tuple(w.lstrip("+").lower() for w in words[head + 1 :])
    return _Verb(frozenset(forms), pre, post, _one_code(codes[0]) if codes else None)


def _inflections(verb: str) -> Iterator[str]:
    """The regular forms PETRARCH generates for a verb: -s, -ed, -ing."""
    yield verb
    if verb.endswith(("s", "x", "z", "ch", "sh", "o")):
        yield verb + "es"
    elif verb.endswith("y") and len(verb) > 1 and verb[-2] not in "aeiou":
        yield verb[:-1] + "ies"
    else:
        yield verb + "s"
    if verb.endswith("e"):
        yield verb + "d"
        yield verb[:-1] + "ing"
    elif verb.endswith("y") and len(verb) > 1 and verb[-2] not in "aeiou":
        yield verb[:-1] + "ied"
        yield verb + "ing"
    else:
        yield verb + "ed"
        yield verb + "ing"
        if len(verb) >= 3 and verb[-1] not in "aeiouwxy" and verb[-2] in "aeiou" and verb[-3] not in "aeiou":
            yield verb + verb[-1] + "ed"  # "ship" -> "shipped"
            yield verb + verb[-1] + "ing"


def _verb_pattern(verb: _Verb, block_code: str | None, name: str) -> Pattern:
    code, reverse = _codes(verb.code or block_code or "---")
    return _with_verb(Pattern(code, reverse, (), (), None, "V", False, False, name), verb)


def _with_verb(pattern: Pattern, verb: _Verb) -> Pattern:
    """A block's pattern applied to one of its verbs: the verb's other words join the pattern, adjacent."""
    if not verb.pre and not verb.post:
        return pattern
    pre = tuple(Slot("words", ((w,),), True) for w in verb.pre)
    post = tuple(Slot("words", ((w,),), True) for w in verb.post)
    return Pattern(
        pattern.code,
        pattern.reverse,
        pattern.before + pre,
        post + pattern.after,
        pattern.frame,
        pattern.pos,
        pattern.lemmas,
        pattern.transforms,
        pattern.origin,
    )


def _petrarch_pattern(line: str, number: int, synsets: dict[str, list[str]], name: str) -> Pattern | None:
    origin = f"{name}:{number}"
    codes = _CODE.findall(line)
    if not codes:
        return None
    text = _CODE.sub(" ", line)
    if not all(_EVENT_CODE.match(c) for c in codes[-1].split(":") if _one_code(c)):
        return None  # "[+++]", "[xxy]": not an event code - PETRARCH passes over such a pattern
    code, reverse = _codes(codes[-1])
    try:
        before, after = _slots(text, {}, synsets, origin)
    except InputError:
        return None  # a malformed pattern in a user's file is skipped, as PETRARCH does
    if not before and not after:
        return None
    return Pattern(code, reverse, before, after, None, "V", False, False, origin)
