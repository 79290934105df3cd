"""Components: the readers, pipeline stages and export formats dateline runs, found through pluggy.

dateline finds its components as pytest and Datasette find plugins. A package names a module in one of three entry
point groups, and that module has a hook implementation returning its components:

    # pyproject.toml of the user's package
    [project.entry-points."dateline.stages"]
    acronyms = "my_package.stages"

    # my_package/stages.py
    from dateline.pipeline import Stage
    from dateline.plugins import hookimpl

    @hookimpl
    def dateline_stages():
        return [Stage("acronyms", find_acronyms, settings=AcronymSettings, after="entities")]

dateline's own readers, stages and formats are registered the very same way, by the entry points in its own
pyproject.toml (dateline.readers.builtin, dateline.pipeline.stages, dateline.export.builtin), so a user's component
is the peer of a built-in one. Each kind loads only its own group: a worker process that reads articles imports no
exporter. A component's settings are a dataclass of defaults it declares, set through ``Settings.components``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

import pluggy

from .errors import DatelineError

Kind = Literal["readers", "stages", "exporters"]
KINDS: tuple[Kind, ...] = ("readers", "stages", "exporters")
GROUP_PREFIX = "dateline."  # entry point groups: dateline.readers, dateline.stages, dateline.exporters

hookspec = pluggy.HookspecMarker("dateline")
hookimpl = pluggy.HookimplMarker("dateline")


class Specs:
    """The hooks a plugin module may implement; each returns a list of components of its kind."""

    @hookspec
    def dateline_readers(self) -> list[Any]:
        """Readers (dateline.readers.Reader or ArchiveReader): a format's sniffing and reading."""
        raise NotImplementedError

    @hookspec
    def dateline_stages(self) -> list[Any]:
        """Pipeline stages (dateline.pipeline.Stage): a step that reads a parsed article and adds records."""
        raise NotImplementedError

    @hookspec
    def dateline_exporters(self) -> list[Any]:
        """Export formats (dateline.export.Exporter): events written for another tool."""
        raise NotImplementedError


@dataclass(frozen=True, slots=True)
class Registered:
    """A component and the distribution that registered it ("dateline" for the built-in ones)."""

    component: Any
    origin: str


@cache
def manager(kind: Kind) -> pluggy.PluginManager:
    """The plugin manager of one kind of component, with every installed package's entry points of that kind."""
    plugins = pluggy.PluginManager("dateline")
    plugins.add_hookspecs(Specs)
    plugins.load_setuptools_entrypoints(GROUP_PREFIX + kind)
    return plugins


def register(kind: Kind, plugin: object) -> None:
    """Register a module or object with hook implementations from Python, without an entry point (for a script or
    a notebook; worker processes forked after this see it, Dask workers do not)."""
    manager(kind).register(plugin)


def unregister(kind: Kind, plugin: object) -> None:
    manager(kind).unregister(plugin)


def registered(kind: Kind) -> list[Registered]:
    """Every component of ``kind``, in call order: a user's hook implementations before the built-in ones (which are
    marked ``trylast``), each plugin's components in the order it lists them."""
    plugins = manager(kind)
    origins = {id(plugin): dist.project_name for plugin, dist in plugins.list_plugin_distinfo()}
    hook: pluggy.HookCaller = getattr(plugins.hook, f"dateline_{kind}")
    found: list[Registered] = []
    for impl in reversed(hook.get_hookimpls()):  # pluggy calls the last registered first
        origin = origins.get(id(impl.plugin), impl.plugin_name)
        found.extend(Registered(component, origin) for component in _called(impl.function, kind, origin))
    if not any(r.origin == "dateline" for r in found):
        raise DatelineError(
            f"dateline's own {kind} are not registered: its entry points are missing. Install dateline "
            "(pip install -e . in a checkout) rather than running it from a source folder"
        )
    return found


def _called(function: Callable[..., object], kind: Kind, origin: str) -> list[Any]:
    components = function()
    if not isinstance(components, list | tuple):
        raise DatelineError(f"{origin}: dateline_{kind}() returned {type(components).__name__}, not a list")
    return list(components)
