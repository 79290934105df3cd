"""Actor codes: a country slot of three letters, then sector blocks ("RUSGOV", "IGOUNO", "---REB")."""

from __future__ import annotations

import re
from functools import cache

from .... import data
from ....errors import InputError

NO_COUNTRY = "---"
_CODE = re.compile(r"^(?=.*[A-Z])[A-Z0-9-]{2,}$|^---$|^\+\+\+$")  # PETRARCH's codes are not all in blocks of 3


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


def checked_code(code: str, where: str) -> str:
    code = code.strip().upper()
    if not all(_CODE.match(part) for part in code.split("/")):
        raise InputError(where, f"bad actor code {code!r}: expected three-letter blocks such as RUSGOV or IGOUNO")
    return code
