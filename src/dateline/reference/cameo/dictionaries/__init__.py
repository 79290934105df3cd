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

The parts, a module each; each module imports only those before it in this order:

    phrases    the words a phrase is matched on, a phrase's plural, a table of phrases matched longest first
    codes      actor codes: the country slot and the sector blocks, checked as a file writes them
    actors     named actors with their dated codes, and the actor dictionary
    agents     sector words and phrases, and the agent dictionary
    ours       our TSV format, and the built-in dictionaries (data/actors.tsv, actor_leaders.tsv, agents.tsv,
               actor_people.tsv)
    petrarch   PETRARCH's formats

``read`` (here) tells a user's file's format and kind by its content.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ....errors import InputError
from ....model import Problem
from .actors import Actor, ActorDictionary
from .agents import Agent, AgentDictionary
from .codes import NO_COUNTRY, agent_sector, sectors, split_code
from .ours import builtin_actors, builtin_agents, people_words, read_actor_rows, read_agent_rows
from .petrarch import is_marker_definition, petrarch_lines, read_petrarch_actors, read_petrarch_agents
from .phrases import Match, PhraseTable, plural_of, words

__all__ = [
    "NO_COUNTRY",
    "Actor",
    "ActorDictionary",
    "Agent",
    "AgentDictionary",
    "Match",
    "PhraseTable",
    "agent_sector",
    "builtin_actors",
    "builtin_agents",
    "people_words",
    "plural_of",
    "read",
    "sectors",
    "split_code",
    "words",
]


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
    meaningful = [line for _, line in petrarch_lines(name, lines)]
    if not meaningful:
        raise InputError(name, "no actor or agent entries: expected our TSV format or a PETRARCH dictionary")
    if any("[" in line for line in meaningful):
        if any("~" in line or is_marker_definition(line) for line in meaningful):
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


def _tsv_rows(lines: list[str]) -> Iterator[tuple[int, list[str]]]:
    for number, line in enumerate(lines, 1):
        if line.strip() and not line.startswith("#"):
            yield number, line.rstrip("\r\n").split("\t")


def _first_line_number(lines: list[str]) -> int:
    return next((n for n, line in enumerate(lines, 1) if line.strip() and not line.startswith("#")), 1)
