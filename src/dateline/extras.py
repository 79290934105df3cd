"""Optional packages: the features that need one import it through ``require``, which names the extra to install.

Each extra of pyproject.toml serves one feature: ``postgresql`` (psycopg, for postgresql:// databases), ``dask``
(ingest --dask), ``parquet`` (export --format parquet) and ``charts`` (dyad --chart). Without its extra the rest of
dateline works; the feature itself stops with one line saying what to install.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from .errors import DatelineError


class MissingExtra(DatelineError):
    """A feature asked for whose optional package is not installed."""

    def __init__(self, feature: str, package: str, extra: str) -> None:
        super().__init__(feature, package, extra)  # all the arguments, so that it pickles (see errors.py)
        self.feature = feature
        self.package = package
        self.extra = extra

    def __str__(self) -> str:
        return f"{self.feature} needs {self.package}: pip install 'dateline[{self.extra}]'"


def require(module: str, extra: str, feature: str) -> ModuleType:
    """The module ``module`` (as ``importlib.import_module`` gives it), or a MissingExtra naming ``feature`` and
    ``extra`` when its package is not installed. A module missing deeper down (a broken install of the package
    itself) is left to raise as it is: installing the extra is not what fixes it."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as error:
        parts = module.split(".")
        if error.name not in {".".join(parts[: i + 1]) for i in range(len(parts))}:
            raise
        raise MissingExtra(feature, parts[0], extra) from None
