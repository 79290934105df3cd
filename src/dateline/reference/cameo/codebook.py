"""The CAMEO codebook: every event code with its name, Goldstein weight, QuadClass and PLOVER category.

    lookup("036")  # CameoCode(code="036", name="Express intent to meet or negotiate", root="03", quad_class=1,
                   #           goldstein=4.0, plover="AGREE", plover_mode=None)

The table is data/cameo.tsv. Codes are strings, never numbers: "036" and "36" are different things, and a user's verb
dictionary may name codes this table does not know (PETRARCH's test dictionaries use WEIS codes such as "903");
``lookup`` refuses those, ``describe`` reads them as well as it can.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ... import data
from ...errors import DatelineError


class UnknownCode(DatelineError, KeyError):
    """A CAMEO code the codebook does not hold."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code

    def __str__(self) -> str:
        return f"'{self.code}' is not a CAMEO event code: codes are 2-4 digit strings such as '036' or '1123'"


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str  # "036"
    name: str  # "Express intent to meet or negotiate"
    root: str  # "03"
    quad_class: int  # 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
    goldstein: float  # -10 .. +10
    plover: str | None  # PLOVER category ("AGREE"); None for the statements PLOVER dropped (010 ...)
    plover_mode: str | None = None  # PLOVER mode where the conversion gives one ("meet", "arrest")

    @property
    def verbal(self) -> bool:
        """A speech act (QuadClass 1 or 3), which a quote can carry."""
        return self.quad_class in (1, 3)


@cache
def codes() -> dict[str, CameoCode]:
    """Every CAMEO code, from data/cameo.tsv, in codebook order."""
    table: dict[str, CameoCode] = {}
    for code, name, goldstein, quad, plover, mode in data.rows("cameo.tsv"):
        table[code] = CameoCode(
            code=code,
            name=name,
            root=code[:2],
            quad_class=int(quad),
            goldstein=float(goldstein),
            plover=None if plover == "-" else plover,
            plover_mode=None if mode == "-" else mode,
        )
    return table


def lookup(code: str) -> CameoCode:
    """The codebook entry of a CAMEO code; UnknownCode when there is none."""
    entry = codes().get(code.strip())
    if entry is None:
        raise UnknownCode(code)
    return entry


def is_code(code: str) -> bool:
    return code.strip() in codes()


def describe(code: str) -> CameoCode:
    """The entry of ``code``, or for a code outside CAMEO (a user dictionary's own) the entry of its longest known
    prefix under the code itself; a code with no known prefix reads as a plain statement. Never raises."""
    code = code.strip()
    table = codes()
    if code in table:
        return table[code]
    for size in range(len(code) - 1, 1, -1):
        known = table.get(code[:size])
        if known is not None:
            return CameoCode(
                code, known.name, known.root, known.quad_class, known.goldstein, known.plover, known.plover_mode
            )
    statement = table["010"]
    return CameoCode(code, f"code {code} (not in CAMEO)", code[:2], statement.quad_class, statement.goldstein, None)


def roots() -> dict[str, CameoCode]:
    """The twenty cue categories, "01" to "20"."""
    return {code: entry for code, entry in codes().items() if len(code) == 2}
