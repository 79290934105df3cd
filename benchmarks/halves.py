"""The tune and check halves of every gold set in ../shared/eval.

A record belongs to the **tune** half when the first byte of the SHA-256 digest of its id (the record's ``id``
field, as UTF-8 text) is even, and to the **check** half when it is odd. The split depends on nothing but the id, so
it is the same on every machine, for every script, whatever order the records come in, and a record added to a gold
file later falls into a half without moving the others. Sizes (records, tune / check): PolNeAR dev 84 (49 / 35),
TimeBank dev 183 (94 / 89), PLOVER dev 163 (74 / 89), PETRARCH2 unit tests 283 (151 / 132), Giveme5W1H dev 48
(21 / 27).

Rules are developed on the tune half: its misses may be printed and read. The check half is scored and reported beside
it, and its misses are never printed: the scripts' --misses refuses it. The gap between the halves is the
overfitting signal every report shows.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

TUNE, CHECK = "tune", "check"
HALVES = (TUNE, CHECK)

T = TypeVar("T")


def half_of(record_id: object) -> str:
    """The half a record with this id belongs to."""
    return TUNE if hashlib.sha256(str(record_id).encode("utf-8")).digest()[0] % 2 == 0 else CHECK


def pick(records: Iterable[T], half: str, key: Callable[[T], Any] = lambda r: r["id"]) -> list[T]:  # type: ignore[index]
    """The records of one half, in their order."""
    if half not in HALVES:
        raise ValueError(f"unknown half {half!r}: choose {' or '.join(HALVES)}")
    return [r for r in records if half_of(key(r)) == half]


def refuse_misses(half: str) -> None:
    """Stop a script asked to print misses of the check half: those are never read."""
    if half != TUNE:
        sys.exit(
            f"--misses reads the tune half only: the {half} half's misses are never printed (benchmarks/halves.py)"
        )
