"""Actor and agent dictionaries: names to CAMEO-style actor codes, and role words to sectors.

Two formats are read, and ``read`` tells them apart by their content:

* ours, tab-separated like every data file (data/actors.tsv, data/agents.tsv; the header comments there describe
  the columns): an actor file has five columns (name, code, from, until, aliases), an agent file two to four
  (phrase, code, plural, kind);
* PETRARCH's (.actors.txt, .agents.txt): ``PHRASE_WITH_UNDERSCORES [CODE]``, synonyms on ``+`` lines, date
  restrictions on indented lines (``[USAGOV >20090120]``, ``[HOBGOV 19950601-19990815]``, ``[HOB <950601]``),
  agents as ``[~GOV]`` (a sector after the actor's code) or ``[NGO~]`` (before it), ``{plural}`` forms and
  ``!PERSON!`` substitution sets; comments ``#``, ``<!-- -->``. A PETRARCH agents file is a whole sector vocabulary
  (``complete``): PETRARCH reads no other, and neither does the actor coder when one is given.

Phrases are matched on whole words, folded (case, accents, dots and possessives: "U.S." is "us", "Putin's" is
"putin"); hyphens split words ("al-Qaeda" is "al qaeda"). A PETRARCH phrase's spaces and underscores both mean
consecutive words: PETRARCH lets words fall between space-joined words, which we do not. An acronym in our own
files (an alias in capitals: "WHO", "U.N.") matches only text in capitals. Date restrictions hold from their first
to their last day inclusive; for a date, the first restriction that holds wins, else the default; without a date,
today's code. A file we cannot read raises InputError naming the file and line (``read`` can instead note and skip
the bad lines of a PETRARCH file, as PETRARCH does: its own Phoenix dictionaries have a few).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache, lru_cache
from pathlib import Path
from typing import Generic, TypeVar

from ... import data
from ...errors import InputError
from ...model import Problem

T = TypeVar("T")

AGENT_KINDS = frozenset({"member", "generic", "sponsor", "stance", "former"})
NO_COUNTRY = "---"
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_CODE = re.compile(r"^(?=.*[A-Z])[A-Z0-9-]{2,}$|^---$|^\+\+\+$")  # PETRARCH's codes are not all in blocks of 3
_MARKER = re.compile(r"!([^!\s]+)!")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# ---- words and codes


@lru_cache(maxsize=65536)
def words(text: str) -> tuple[str, ...]:
    """The words a phrase is matched on: "the U.S.'s" -> ("the", "us"); "al-Qaeda" -> ("al", "qaeda")."""
    folded = unicodedata.normalize("NFKD", text.replace("’", "'").replace("_", " "))
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold().replace(".", "")
    found = []
    for word in _WORD.findall(folded):
        if word.endswith("'s") and len(word) > 2:
            word = word[:-2]
        found.append(word)
    return tuple(found)


@cache
def sectors() -> dict[str, str]:
    """Sector code -> what it means (data/actor_sectors.tsv)."""
    return {code: meaning for code, meaning in data.rows("actor_sectors.tsv")}


def split_code(code: str) -> tuple[str | None, str | None]:
    """(country, sector) of an actor code: "RUSGOV" -> ("RUS", "GOV"); "IGOUNO" -> ("IGO", None); "---REB" ->
    (None, "REB"). The first three letters are always the country slot (a country, an international type such as
    IGO or NGO, or --- for unknown); the sector is the first later block that is a sector. A compound code
    ("FRO/BIL/SAM") is read by its first part."""
    code = code.split("/", 1)[0]
    country = code[:3] or None
    if country in (NO_COUNTRY, "+++"):
        country = None
    known = sectors()
    sector = next((code[i : i + 3] for i in range(3, len(code), 3) if code[i : i + 3] in known), None)
    return country, sector


def agent_sector(code: str) -> str | None:
    """The sector of an agent code: its first block that is a sector ("GOVFRM" -> "GOV")."""
    known = sectors()
    return next((code[i : i + 3] for i in range(0, len(code), 3) if code[i : i + 3] in known), None)


# ---- records


@dataclass(frozen=True, slots=True)
class Term:
    """A code that holds from ``start`` to ``end`` (inclusive; None leaves an end open)."""

    code: str
    start: date | None = None
    end: date | None = None

    def holds(self, when: date) -> bool:
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


@dataclass(slots=True)
class Actor:
    """A named actor: its codes over time. ``default`` holds when no dated term does."""

    name: str
    terms: list[Term] = field(default_factory=list)
    default: str | None = None
    source: str = ""  # file:line it was defined at

    def code_on(self, when: date | None) -> str | None:
        """The code on a day (today's without one): the first term that holds, else the default."""
        day = when.date() if isinstance(when, datetime) else when or date.today()
        return next((t.code for t in self.terms if t.holds(day)), self.default)


@dataclass(frozen=True, slots=True)
class Agent:
    """A word or phrase that gives an actor's sector."""

    phrase: str
    code: str  # sector code(s): "GOV", "GOVFRM"; empty for a sponsor or stance word
    kind: str = "member"  # member, generic, sponsor or stance (see data/agents.tsv)
    prefix: bool = False  # PETRARCH's "NGO~": the code goes before the actor's own

    @property
    def sector(self) -> str | None:
        return agent_sector(self.code)


@dataclass(frozen=True, slots=True)
class Match(Generic[T]):
    start: int  # word positions, end exclusive
    end: int
    value: T


class PhraseTable(Generic[T]):
    """Phrases of words to values, matched longest first; the first value stored for a phrase keeps it."""

    def __init__(self) -> None:
        self._exact: dict[tuple[str, ...], T] = {}
        self._sizes: dict[str, list[int]] = {}  # first word -> the lengths of its phrases, longest first

    def __len__(self) -> int:
        return len(self._exact)

    def add(self, phrase: tuple[str, ...], value: T) -> None:
        if not phrase or phrase in self._exact:
            return
        self._exact[phrase] = value
        sizes = self._sizes.setdefault(phrase[0], [])
        if len(phrase) not in sizes:
            sizes.append(len(phrase))
            sizes.sort(reverse=True)

    def get(self, phrase: Sequence[str]) -> T | None:
        return self._exact.get(tuple(phrase))

    def at(self, sequence: Sequence[str], i: int) -> Match[T] | None:
        """The longest phrase that starts at word ``i`` (a look-up per length its first word has: "the" starts
        hundreds of names, in a handful of lengths)."""
        for size in self._sizes.get(sequence[i], ()):
            end = i + size
            if end <= len(sequence) and (value := self._exact.get(tuple(sequence[i:end]))) is not None:
                return Match(i, end, value)
        return None

    def find(self, sequence: Sequence[str]) -> list[Match[T]]:
        """Every phrase in the sequence, left to right, each the longest at its place, none overlapping."""
        found = []
        i = 0
        while i < len(sequence):
            match = self.at(sequence, i)
            if match is None:
                i += 1
            else:
                found.append(match)
                i = match.end
        return found


class ActorDictionary:
    """Named actors, looked up by whole name or found as phrases in a run of words. An acronym from our own files
    ("WHO", "IS", "U.N.") matches only when written in capitals: "who" and "is" are words."""

    def __init__(self, source: str = "") -> None:
        self.source = source
        self.table: PhraseTable[Actor] = PhraseTable()
        self._acronyms: set[tuple[str, ...]] = set()
        self._any_case: set[tuple[str, ...]] = set()

    def __len__(self) -> int:
        return len(self.table)

    def add(self, actor: Actor, names: Iterable[str], acronyms: bool = False) -> None:
        """Store the actor under each name; with ``acronyms``, names written in capitals need capitals."""
        for name in names:
            key = words(name)
            self.table.add(key, actor)
            if not acronyms:
                continue
            if _is_acronym(name) and key not in self._any_case:
                self._acronyms.add(key)
            elif not _is_acronym(name):
                self._any_case.add(key)  # also written in lower case ("Nato"): any case will do
                self._acronyms.discard(key)

    def lookup(self, name: str) -> Actor | None:
        """The actor of that whole name, with or without a leading "the"."""
        key = words(name)
        if key and key[0] == "the" and len(key) > 1 and self.table.get(key) is None:
            key = key[1:]
        if key in self._acronyms and not _capitals(name):
            return None
        return self.table.get(key)

    def find(self, sequence: Sequence[str], written: Sequence[str] | None = None) -> list[Match[Actor]]:
        """The actors named in a run of words; ``written`` gives each word as the text has it, for acronyms."""
        found = self.table.find(sequence)
        if not self._acronyms or written is None:
            return found
        return [
            m
            for m in found
            if tuple(sequence[m.start : m.end]) not in self._acronyms
            or all(_capitals(w) for w in written[m.start : m.end])
        ]


def _is_acronym(name: str) -> bool:
    letters = name.replace(".", "").replace("-", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 5


def _capitals(text: str) -> bool:
    return not any(c.islower() for c in text)


class AgentDictionary:
    """Sector words and phrases ("troops", "foreign minister"), with their plurals. A ``complete`` dictionary is a
    whole sector vocabulary (a PETRARCH .agents file, which PETRARCH reads alone): no other is consulted after it."""

    def __init__(self, source: str = "", complete: bool = False) -> None:
        self.source = source
        self.complete = complete
        self.table: PhraseTable[Agent] = PhraseTable()

    def __len__(self) -> int:
        return len(self.table)

    def add(self, agent: Agent, forms: Iterable[str]) -> None:
        for form in forms:
            self.table.add(words(form), agent)

    def lookup(self, phrase: str) -> Agent | None:
        return self.table.get(words(phrase))

    def find(self, sequence: Sequence[str]) -> list[Match[Agent]]:
        return self.table.find(sequence)


# ---- reading


def read(path: str | Path, problems: list[Problem] | None = None) -> ActorDictionary | AgentDictionary:
    """A user's dictionary file, in our TSV format or PETRARCH's, actors or agents, told apart by its content.
    A bad line raises InputError; with ``problems`` given, a bad line in a PETRARCH file is noted there and
    skipped instead, as PETRARCH itself does (its own Phoenix files have a few)."""
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise InputError(name, f"cannot read the dictionary: {error.strerror or error}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")  # PETRARCH's own files are not all UTF-8
    lines = text.splitlines()
    meaningful = [line for _, line in _petrarch_lines(name, lines)]
    if not meaningful:
        raise InputError(name, "no actor or agent entries: expected our TSV format or a PETRARCH dictionary")
    if any("[" in line for line in meaningful):
        if any("~" in line or _is_marker_definition(line) for line in meaningful):
            return read_petrarch_agents(lines, name, problems)
        return read_petrarch_actors(lines, name, problems)
    columns = len(meaningful[0].split("\t"))
    if columns == 5:
        return read_actor_rows(_tsv_rows(lines), name)
    if 2 <= columns <= 4:
        return read_agent_rows(_tsv_rows(lines), name)
    raise InputError(
        f"{name}:{_first_line_number(lines)}",
        f"{columns} tab-separated column(s): an actor file has 5 (name, code, from, until, aliases), an agent file "
        "2 to 4 (phrase, code, plural, kind); a PETRARCH dictionary has [CODE] brackets",
    )


@cache
def builtin_actors() -> ActorDictionary:
    """Ours: organisations and movements (data/actors.tsv) and the people who hold offices (actor_leaders.tsv)."""
    rows = [*data.rows("actors.tsv"), *data.rows("actor_leaders.tsv")]
    return read_actor_rows(enumerate(rows, 1), "actors.tsv, actor_leaders.tsv", numbered=False)


@cache
def people_words() -> frozenset[tuple[str, ...]]:
    """Words for people that name no sector ("driver", "victims"), from data/actor_people.tsv, with plurals."""
    found: set[tuple[str, ...]] = set()
    for row in data.rows("actor_people.tsv"):
        word = row[0].strip()
        plural = row[1].strip() if len(row) > 1 and row[1].strip() else ""
        found.add(words(word))
        if plural != "=":
            found.add(words(plural or plural_of(word)))
    return frozenset(found)


@cache
def builtin_agents() -> AgentDictionary:
    return read_agent_rows(enumerate(data.rows("agents.tsv"), 1), "agents.tsv", numbered=False)


def _tsv_rows(lines: list[str]) -> Iterator[tuple[int, list[str]]]:
    for number, line in enumerate(lines, 1):
        if line.strip() and not line.startswith("#"):
            yield number, line.rstrip("\r\n").split("\t")


def _first_line_number(lines: list[str]) -> int:
    return next((n for n, line in enumerate(lines, 1) if line.strip() and not line.startswith("#")), 1)


def read_actor_rows(rows: Iterable[tuple[int, list[str]]], source: str, numbered: bool = True) -> ActorDictionary:
    """Our actor format: name, code, from, until, aliases; rows with one name are one actor."""
    dictionary = ActorDictionary(source)
    by_name: dict[str, Actor] = {}
    for number, cells in rows:
        where = f"{source}:{number}" if numbered else f"{source} (row {number})"
        if len(cells) != 5:
            raise InputError(
                where, f"expected 5 tab-separated columns (name, code, from, until, aliases), got {len(cells)}"
            )
        name, code, start, end, aliases = (cell.strip() for cell in cells)
        if not words(name):
            raise InputError(where, "the name is empty")
        code = _checked_code(code, where)
        term = Term(code, _iso_date(start, where), _iso_date(end, where))
        if term.start and term.end and term.end < term.start:
            raise InputError(where, f"the row ends ({end}) before it starts ({start})")
        actor = by_name.get(name)
        if actor is None:
            actor = by_name[name] = Actor(name, source=where)
        if term.start is None and term.end is None:
            if actor.default is not None:
                raise InputError(where, f"{name!r} already has an undated code ({actor.default})")
            actor.default = code
        else:
            actor.terms.append(term)
        dictionary.add(actor, [name, *([] if aliases in ("", "-") else aliases.split("|"))], acronyms=True)
    return dictionary


def read_agent_rows(rows: Iterable[tuple[int, list[str]]], source: str, numbered: bool = True) -> AgentDictionary:
    """Our agent format: phrase, code, and optionally plural and kind."""
    dictionary = AgentDictionary(source)
    for number, cells in rows:
        where = f"{source}:{number}" if numbered else f"{source} (row {number})"
        if not 2 <= len(cells) <= 4:
            raise InputError(
                where, f"expected 2 to 4 tab-separated columns (phrase, code, plural, kind), got {len(cells)}"
            )
        phrase, code, plural, kind = ([cell.strip() for cell in cells] + ["-", "member"])[:4]
        if not words(phrase):
            raise InputError(where, "the phrase is empty")
        if kind not in AGENT_KINDS:
            raise InputError(where, f"unknown kind {kind!r}: use member, generic, sponsor, stance or former")
        if kind in ("sponsor", "stance", "former"):
            code = ""
        elif not re.fullmatch(r"(?:[A-Z0-9]{3})+", code):
            raise InputError(where, f"bad sector code {code!r}: expected three-letter blocks such as GOV or GOVMED")
        if plural == "-":
            forms = [phrase, plural_of(phrase)]
        elif plural == "=":
            forms = [phrase]
        else:
            forms = [phrase, *plural.split("|")]
        dictionary.add(Agent(phrase, code, kind), forms)
    return dictionary


def _checked_code(code: str, where: str) -> str:
    code = code.strip().upper()
    if not all(_CODE.match(part) for part in code.split("/")):
        raise InputError(where, f"bad actor code {code!r}: expected three-letter blocks such as RUSGOV or IGOUNO")
    return code


def _iso_date(cell: str, where: str) -> date | None:
    if cell in ("", "-"):
        return None
    if not _ISO_DATE.match(cell):
        raise InputError(where, f"bad date {cell!r}: write YYYY-MM-DD, or - for an open end")
    try:
        return date.fromisoformat(cell)
    except ValueError:
        raise InputError(where, f"bad date {cell!r}: no such day") from None


def plural_of(phrase: str) -> str:
    """The regular plural of a phrase's last word: "rebel leader" -> "rebel leaders", "militia" -> "militias"."""
    head, _, last = phrase.rpartition(" ")
    lower = last.lower()
    if lower.endswith("man"):
        form = last[:-3] + ("MEN" if last.isupper() else "men")
    elif lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        form = last[:-1] + ("IES" if last.isupper() else "ies")
    elif lower.endswith(("s", "x", "ch", "sh")):
        form = last + ("ES" if last.isupper() else "es")
    else:
        form = last + ("S" if last.isupper() else "s")
    return f"{head} {form}" if head else form


# ---- PETRARCH's formats


def _petrarch_lines(source: str, lines: list[str]) -> Iterator[tuple[int, str]]:
    """(line number, text) of the lines that carry entries: comments (#, <!-- -->, <! ... lines) and blank lines
    dropped, trailing comments cut. Leading whitespace is kept: it marks a date restriction."""
    in_comment = 0
    for number, line in enumerate(lines, 1):
        if in_comment:
            if "-->" not in line:
                continue
            line = line[line.index("-->") + 3 :]
            in_comment = 0
        while "<!--" in line:
            before, _, after = line.partition("<!--")
            if "-->" in after:
                line = before + after[after.index("-->") + 3 :]
            else:
                line = before
                in_comment = number
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", "<")):
            continue
        line = re.split(r"[#;]", line, maxsplit=1)[0].rstrip()
        if line.strip():
            yield number, line
    if in_comment:
        raise InputError(f"{source}:{in_comment}", "a <!-- comment is never closed with -->")


def _is_marker_definition(line: str) -> bool:
    return bool(re.match(r"^\s*![^!\s]+!\s*=", line))


def _brackets(text: str, where: str) -> list[str]:
    """The contents of each [...] in the text."""
    found = []
    rest = text
    while "[" in rest:
        _, _, after = rest.partition("[")
        if "]" not in after:
            raise InputError(where, f"a [ is never closed: {text.strip()!r}")
        inside, _, rest = after.partition("]")
        found.append(inside.strip())
    if "]" in rest:
        raise InputError(where, f"a ] without its [: {text.strip()!r}")
    return found


def _petrarch_date(text: str, where: str) -> date:
    """YYYYMMDD, or YYMMDD with 00-30 read as 20YY and 31-99 as 19YY (as KEDS, TABARI and PETRARCH read it)."""
    digits = text.strip()
    if not digits.isdigit() or len(digits) not in (6, 8):
        raise InputError(where, f"bad date {text.strip()!r} in a date restriction: write YYYYMMDD or YYMMDD")
    if len(digits) == 6:
        short = int(digits[:2])
        digits = str(2000 + short if short <= 30 else 1900 + short) + digits[2:]
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise InputError(where, f"bad date {text.strip()!r} in a date restriction: no such day") from None


def _petrarch_term(inside: str, where: str) -> Term:
    """ "USAGOV >20090120", "HOB < 950601", "HOBGOV 19950601 - 19990815", "IGOUNO"."""
    if not inside:
        raise InputError(where, "an empty [] where a code belongs")
    code, _, rest = inside.partition(" ")
    code = _checked_code(code, where)
    rest = rest.strip()
    if not rest:
        return Term(code)
    if rest[0] in "<>":
        day = _petrarch_date(rest[1:], where)
        return Term(code, end=day) if rest[0] == "<" else Term(code, start=day)
    if "-" in rest:
        first, _, last = rest.partition("-")
        start, end = _petrarch_date(first, where), _petrarch_date(last, where)
        if end < start:
            raise InputError(where, f"the date restriction ends before it starts: [{inside}]")
        return Term(code, start, end)
    raise InputError(where, f"cannot read the date restriction [{inside}]: use <date, >date or date-date")


def read_petrarch_actors(lines: list[str], source: str, problems: list[Problem] | None = None) -> ActorDictionary:
    """A PETRARCH .actors file: a primary phrase with an optional [code], + synonyms, indented [code date] lines.
    With ``problems`` given, a bad line is noted there and skipped (with the rest of its actor's block, when it
    is the actor's first line) instead of raising."""
    dictionary = ActorDictionary(source)
    actor: Actor | None = None
    names: list[str] = []
    skipping = False

    def close() -> None:
        if actor is not None:
            dictionary.add(actor, names)

    for number, line in _petrarch_lines(source, lines):
        where = f"{source}:{number}"
        if "---STOP---" in line:
            break
        stripped = line.strip()
        primary = not stripped.startswith("+") and not (line[0].isspace() and stripped.startswith("["))
        if primary:
            close()
            actor, names, skipping = None, [], False
        elif skipping:
            continue
        try:
            if primary:
                phrase = stripped.partition("[")[0].strip()
                if not words(phrase):
                    raise InputError(where, f"no phrase before the code: {stripped!r}")
                new = Actor(phrase.strip("_ ").replace("_", " "), source=where)
                _add_terms(new, _brackets(stripped, where), where)
                actor, names = new, [phrase]
            elif actor is None:
                raise InputError(where, "a synonym or code line before any actor")
            elif stripped.startswith("+"):
                phrase = stripped[1:].partition("[")[0].strip()
                if not words(phrase):
                    raise InputError(where, f"an empty + synonym: {stripped!r}")
                _add_terms(actor, _brackets(stripped, where), where)
                names.append(phrase)
            else:
                _add_terms(actor, _brackets(stripped, where), where)
        except InputError as error:
            if problems is None:
                raise
            skipped = "the actor is" if primary else "the line is"
            problems.append(Problem(error.source, f"{error.message}; {skipped} skipped", "warning"))
            skipping = primary
    close()
    return dictionary


def _add_terms(actor: Actor, insides: list[str], where: str) -> None:
    for inside in insides:
        term = _petrarch_term(inside, where)
        if term.start is None and term.end is None:
            actor.default = term.code  # PETRARCH: a later undated code replaces the default
        else:
            actor.terms.append(term)


def read_petrarch_agents(lines: list[str], source: str, problems: list[Problem] | None = None) -> AgentDictionary:
    """A PETRARCH .agents file: ``PHRASE {plurals} [~CODE]`` lines and ``!SET! = A, B`` substitution sets.
    With ``problems`` given, a bad line is noted there and skipped instead of raising."""
    dictionary = AgentDictionary(source, complete=True)
    markers: dict[str, list[str]] = {}
    for number, line in _petrarch_lines(source, lines):
        where = f"{source}:{number}"
        stripped = line.strip()
        if _is_marker_definition(stripped):
            name, _, items = stripped.partition("=")
            markers[name.strip().strip("!")] = [item.strip() for item in items.split(",") if item.strip()]
            continue
        try:
            _read_agent_line(dictionary, stripped, markers, where)
        except InputError as error:
            if problems is None:
                raise
            problems.append(Problem(error.source, f"{error.message}; the line is skipped", "warning"))
    return dictionary


def _read_agent_line(dictionary: AgentDictionary, stripped: str, markers: dict[str, list[str]], where: str) -> None:
    codes = _brackets(stripped, where)
    if not codes:
        raise InputError(where, f"an agent needs a [~CODE]: {stripped!r}")
    raw = codes[0].replace(" ", "")
    prefix = raw.endswith("~") and not raw.startswith("~")
    code = raw.strip("~").upper()
    if not re.fullmatch(r"[A-Z0-9]{2,}", code):
        raise InputError(where, f"bad agent code [{codes[0]}]: expected [~GOV] or [NGO~]")
    phrase = stripped.partition("[")[0]
    plurals: list[str] | None = None
    if "{" in phrase:
        if "}" not in phrase:
            raise InputError(where, f"a {{ is never closed: {stripped!r}")
        phrase, _, braced = phrase.partition("{")
        plurals = braced.partition("}")[0].split()
    phrase = phrase.strip()
    for form, substituted in _substitutions(phrase, markers, where):
        forms = [form]
        if not substituted:
            forms += [plural_of(form.replace("_", " ").strip())] if plurals is None else plurals
        dictionary.add(Agent(form.replace("_", " ").strip(), code, "member", prefix), forms)


def _substitutions(phrase: str, markers: dict[str, list[str]], where: str) -> list[tuple[str, bool]]:
    """The phrase with each !SET! marker replaced by each of its items (no plurals made for these)."""
    match = _MARKER.search(phrase)
    if match is None:
        if not words(phrase):
            raise InputError(where, "an agent line without a phrase")
        return [(phrase, False)]
    items = markers.get(match.group(1))
    if items is None:
        raise InputError(where, f"substitution set !{match.group(1)}! is used before it is defined")
    found: list[tuple[str, bool]] = []
    for item in items:
        expanded = _substitutions(phrase.replace(match.group(0), item, 1), markers, where)
        found.extend((form, True) for form, _ in expanded)
    return found
