"""Stable ids for annotations: the same article read twice gives the same ids, so re-processing replaces, not adds."""

from __future__ import annotations

import hashlib


def stable_id(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:16]


def entity_id(kind: str, name: str) -> str:
    """One id per real-world name: kind plus the name, case and spacing folded."""
    return stable_id(kind, " ".join(name.casefold().split()))
