"""Charts as PNG files (matplotlib, drawn off-screen): the cooperation and conflict between two actors."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .extras import require
from .store import DyadPoint

QUAD_NAMES = ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")
QUAD_COLOURS = ("#7fbf7b", "#1b7837", "#f4a582", "#b2182b")


def dyad_png(points: Sequence[DyadPoint], first: str, second: str, by: str, path: Path) -> Path:
    """Events per period stacked by QuadClass, above the mean Goldstein score; written to ``path``."""
    matplotlib = require("matplotlib", "charts", "dateline dyad --chart")
    matplotlib.use("Agg")  # no screen: draw to a file
    import matplotlib.pyplot as plt

    periods = [p.period for p in points]
    figure, (bars, line) = plt.subplots(2, 1, figsize=(10, 6), sharex=True, height_ratios=(3, 2))
    bottom = [0] * len(points)
    for index, (name, colour) in enumerate(zip(QUAD_NAMES, QUAD_COLOURS, strict=True)):
        counts = [p.quad[index] for p in points]
        bars.bar(periods, counts, bottom=bottom, label=name, color=colour)
        bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
    bars.set_ylabel("events")
    bars.set_title(f"{first} – {second}: events per {by}, either way")
    bars.legend(loc="upper left", fontsize="small", frameon=False)
    line.axhline(0, color="#888888", linewidth=0.8)
    means = [float("nan") if p.goldstein is None else p.goldstein for p in points]  # no events: no point
    line.plot(periods, means, marker="o", color="#2166ac")
    line.set_ylim(-10, 10)
    line.set_ylabel("mean Goldstein")
    for label in line.get_xticklabels():
        label.set_rotation(45)
        label.set_horizontalalignment("right")
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)
    return path
