"""Drawing network diagrams: columns of units, the weight edges between them, and units that
show their weighted sum Σ and their activation's graph side by side.

Every artist gets a ``gid`` (``"<layer>-<k>"`` for units, ``"edges-<l>"`` for the edges into
layer l), so tests can count what is drawn and the SVG names its parts.
"""
from __future__ import annotations

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.patches import Circle, FancyArrowPatch

from theme import FONT_SIZE_SMALL

INPUT_RADIUS = 0.4  # diagram units; a unit is about an inch on a 16:9 slide
UNIT_RADIUS = 0.5
SPACING = 1.1  # between the centres of neighbouring units of one column


def column(count: int, x: float, spacing: float = SPACING) -> np.ndarray:
    """Centres of ``count`` units stacked at ``x``, centred on y = 0, the first on top."""
    return np.column_stack([np.full(count, x), spacing * ((count - 1) / 2 - np.arange(count))])


def canvas(ax, xlim, ylim) -> None:
    """A blank diagram area with equal scaling, so units are circles."""
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    ax.axis("off")


def inputs(ax, centres, labels, theme, radius: float = INPUT_RADIUS) -> None:
    """Input units, each a circle with its name inside."""
    for k, (centre, label) in enumerate(zip(centres, labels)):
        ax.add_patch(Circle(centre, radius, facecolor=theme.background, edgecolor=theme.foreground,
                            linewidth=2, zorder=3, gid=f"input-{k}"))
        ax.text(*centre, label, ha="center", va="center", zorder=4, fontsize=FONT_SIZE_SMALL)


def units(ax, centres, layer: str, glyph_z, glyph_g, theme, radius: float = UNIT_RADIUS) -> None:
    """Computing units: a circle split into Σ (the weighted sum z) and the graph of g(z).

    ``glyph_z``, ``glyph_g`` are the activation's graph from sim, squeezed into the right half.
    """
    z, g = np.asarray(glyph_z, dtype=float), np.asarray(glyph_g, dtype=float)
    u = (z - z.min()) / np.ptp(z)
    v = (g - g.min()) / np.ptp(g)
    for k, (cx, cy) in enumerate(centres):
        ax.add_patch(Circle((cx, cy), radius, facecolor=theme.background,
                            edgecolor=theme.foreground, linewidth=2, zorder=3,
                            gid=f"{layer}-{k}"))
        ax.plot([cx, cx], [cy - radius, cy + radius], color=theme.foreground, lw=1.5, zorder=4)
        ax.text(cx - 0.45 * radius, cy, r"$\Sigma$", ha="center", va="center", zorder=4)
        ax.plot(cx + radius * (0.15 + 0.65 * u), cy + radius * (0.8 * v - 0.4),
                color=theme.curve, lw=2.5, zorder=4, solid_capstyle="round",
                gid=f"glyph-{layer}-{k}")


def edges(ax, left, right, layer: int, theme, left_radius: float, right_radius: float):
    """Every edge from a unit of ``left`` to a unit of ``right``, circle rim to circle rim."""
    segments = []
    for p in left:
        for q in right:
            d = (q - p) / np.linalg.norm(q - p)
            segments.append([p + left_radius * d, q - right_radius * d])
    return ax.add_collection(LineCollection(segments, colors=theme.muted, linewidths=1.5,
                                            zorder=2, gid=f"edges-{layer}"))


def along(p, q, t: float) -> np.ndarray:
    """The point a fraction ``t`` of the way from ``p`` to ``q``."""
    return (1 - t) * np.asarray(p) + t * np.asarray(q)


def label_on_edge(ax, p, q, t: float, text: str, theme):
    """A weight's name sitting on its edge, on a patch of background so the line stays behind."""
    return ax.text(*along(p, q, t), text, ha="center", va="center", zorder=5,
                   bbox={"boxstyle": "round,pad=0.12", "facecolor": theme.background,
                         "edgecolor": "none"})


def arrow_out(ax, start, end, label: str, theme):
    """The arrow carrying a unit's output away, named at its head."""
    ax.text(*(np.asarray(end) + [0.1, 0.0]), label, ha="left", va="center", gid="output")
    return ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=18,
                                        color=theme.foreground, linewidth=2, zorder=3))
