"""Settings: one home, defaults that work, overridable from the environment (DATELINE_*)."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Settings:
    db: str = "dateline.db"
    max_file_bytes: int = 50 * MB  # per file, archive member or WARC record, after decompression
    batch_size: int = 500  # articles per store transaction
    minhash_perms: int = 128
    lsh_bands: int = 32  # 32 bands of 4 rows: pairs above ~0.4 Jaccard become candidates
    near_duplicate_threshold: float = 0.5  # estimated Jaccard of word 3-gram shingles

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = os.environ.get(f"DATELINE_{f.name.upper()}")
            if raw is not None:
                kind = type(getattr(cls(), f.name))
                values[f.name] = kind(raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)  # type: ignore[arg-type]
