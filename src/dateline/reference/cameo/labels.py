"""Actor codes in words, for people reading a chart: "RUSGOV" is "Russia government", "IGOWSTNAT" is "NATO",
"IGOEUREECGOV" is "European Union (government)"."""

from __future__ import annotations

from functools import lru_cache

from ... import data
from .. import geography
from .dictionaries import sectors, split_code

INTERNATIONAL = ("IGO", "NGO", "IMG")  # code types of bodies that no one country holds
LABEL_LENGTH = 24  # longer names are shown by their acronym on a network's nodes


def code_label(code: str) -> str:
    """An actor code in words where its country or organisation is known ("RUSGOV": "Russia government",
    "IGOWSTNAT": "NATO", "IGOEUREECGOV": "European Union (government)"), else the code itself."""
    country, sector = split_code(code)
    known = geography.country(country)
    if known is not None:
        return f"{known.name} {_sector_words(sector)}".strip()
    body = next((code[:end] for end in range(len(code), 5, -3) if code[:end] in _organisations()), None)
    if body is None:
        return code
    rest = code[len(body) :]
    sector = next((rest[i : i + 3] for i in range(0, len(rest), 3) if rest[i : i + 3] in sectors()), None)
    return f"{_organisations()[body]} ({_sector_words(sector)})" if sector else _organisations()[body]


def _sector_words(sector: str | None) -> str:
    return sectors().get(sector or "", "").split(":")[0]


@lru_cache(maxsize=1)
def _organisations() -> dict[str, str]:
    """International bodies' codes (IGOUNO) -> a name to label them with: the first named actor with the code in
    data/actors.tsv (the body itself comes before its organs), by its acronym when the name is too long for a
    node ("North Atlantic Treaty Organization": "NATO")."""
    found: dict[str, str] = {}
    for name, code, _since, _until, aliases in data.rows("actors.tsv"):
        if code[:3] in INTERNATIONAL and code not in found:
            acronyms = [alias for alias in aliases.split("|") if alias.isupper() and alias.isalpha()]
            found[code] = acronyms[0] if len(name) > LABEL_LENGTH and acronyms else name
    return found
