"""PETRARCH's formats (.actors.txt, .agents.txt): ``PHRASE_WITH_UNDERSCORES [CODE]``, synonyms on ``+`` lines, date
restrictions on indented lines, agents as ``[~GOV]`` or ``[NGO~]`` with ``{plural}`` forms and ``!PERSON!``
substitution sets; comments ``#``, ``<!-- -->``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from ....errors import InputError
from ....model import Problem
from .actors import Actor, ActorDictionary, Term
from .agents import Agent, AgentDictionary
from .codes import checked_code
from .phrases import plural_of, words

_MARKER = re.compile(r"!([^!\s]+)!")


def petrarch_lines(source: str, lines: list[str]) -> Iterator[tuple[int, str]]:
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


def is_marker_definition(line: str) -> bool:
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
    code = checked_code(code, where)
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

    for number, line in petrarch_lines(source, lines):
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
    for number, line in petrarch_lines(source, lines):
        where = f"{source}:{number}"
        stripped = line.strip()
        if is_marker_definition(stripped):
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
