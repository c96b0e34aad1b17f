"""
Convex and non-convex functions
===============================

f is convex when every chord lies on or above its graph:
f(tθ1 + (1−t)θ2) ≤ t f(θ1) + (1−t) f(θ2) for all θ1, θ2 and t ∈ [0, 1].
The same chord (same θ1, θ2, same t) stays above a convex curve and dips
under a non-convex one; below, a convex bowl has one minimum, while a
non-convex surface has several minima, saddles and a maximum.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from assets.catalogue import FigureAsset
from assets.params import Param, Rule
from figures._draw import contours
from sim.chord_pictures import ChordPicture, chord_picture
from sim.convexity import Chord, chord, convex_curve, nonconvex_curve
from sim.levels import LevelLines, default_levels, level_lines
from sim.problems import SURFACES, Quadratic, classify

ASSET = FigureAsset(
    id="convexity",
    title="Convex and non-convex functions",
    slide="convex and non-convex functions",
    caption="A chord lies above the graph of a convex function, f(tθ1 + (1−t)θ2) ≤ "
            "t f(θ1) + (1−t) f(θ2), but dips under a non-convex one, which can have several "
            "local minima, saddles and maxima.",
    alt="Four panels. Top left: a convex curve with a chord between two points lying above it; "
        "at one value of t a vertical bar joins the curve, below, to the chord, above. Top right: "
        "a wavy curve with two local minima, a local maximum and a flat saddle, and the same "
        "chord passing partly below the curve, the region where it dips under shaded. Bottom "
        "left: contour lines of a bowl with its single minimum. Bottom right: contour lines of a "
        "surface with several minima, saddles and a maximum, each marked by its kind.",
    params=(
        Param("theta1", float, 2.2, (-1.5, 2.5), "θ1, the chord's end at t = 1"),
        Param("theta2", float, -1.2, (-1.5, 2.5), "θ2, the chord's end at t = 0"),
        Param("t", float, 0.45, (0.0, 1.0), "the t marked on both chords"),
        Param("surface", str, "himmelblau", help="the non-convex surface of the 2-D panel",
              choices=("himmelblau", "double-well")),
    ),
    rules=(Rule("theta1", "!=", "theta2", "a chord needs two different ends"),),
)

BOWL = Quadratic(a=1.0, b=3.0, angle=30.0)  # convex, tilted so that it reads as a generic bowl
MARKERS = {"minimum": "o", "saddle": "X", "maximum": "^"}
LABEL_ROOM = 0.25  # the tick label tθ1 + (1−t)θ2 needs this fraction of the θ range on each side


@dataclass(frozen=True)
class Surface:
    bounds: tuple
    lines: LevelLines
    critical: np.ndarray  # (c, 2)
    kinds: tuple[str, ...]


@dataclass(frozen=True)
class Data:
    convex: ChordPicture
    nonconvex: ChordPicture
    convex_at_t: Chord  # the marked t on each chord
    nonconvex_at_t: Chord
    bowl: Surface
    landscape: Surface


def _surface(problem) -> Surface:
    critical = problem.critical_points()
    return Surface(bounds=problem.bounds, lines=level_lines(problem, default_levels(problem)),
                   critical=critical, kinds=classify(problem, critical))


def compute(params, seed) -> Data:
    curves = convex_curve(), nonconvex_curve()
    pictures = [chord_picture(c, params.theta1, params.theta2) for c in curves]
    marked = [chord(c.value, params.theta1, params.theta2, [params.t]) for c in curves]
    return Data(convex=pictures[0], nonconvex=pictures[1], convex_at_t=marked[0],
                nonconvex_at_t=marked[1], bowl=_surface(BOWL),
                landscape=_surface(SURFACES[params.surface]()))


def _critical(ax, points, kinds, theme, size=9) -> None:
    for kind, marker in MARKERS.items():
        at = [p for p, k in zip(points, kinds) if k == kind]
        if at:
            ax.plot(*np.transpose(at), marker, ls="none", ms=size, color=theme.foreground,
                    mec=theme.background, mew=1.0, zorder=5)


def _chord_panel(ax, picture: ChordPicture, at_t: Chord, theme) -> None:
    chord_ = picture.chord
    (x0, x1), (y0, y1) = picture.window
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.plot(picture.xs, picture.values, color=theme.curve, lw=2.5, zorder=3)
    ax.fill_between(chord_.points, chord_.values, chord_.chord, where=chord_.gap >= 0,
                    color=theme.positive, alpha=0.2, lw=0, interpolate=True)
    ax.fill_between(chord_.points, chord_.values, chord_.chord, where=chord_.gap < 0,
                    color=theme.negative, alpha=0.35, lw=0, interpolate=True)
    ax.plot(chord_.points, chord_.chord, color=theme.chord, lw=2.5, zorder=4)
    ends = chord_.points[[0, -1]], chord_.chord[[0, -1]]
    ax.plot(*ends, "o", color=theme.chord, ms=7, zorder=6)
    x, f, c = at_t.points[0], at_t.values[0], at_t.chord[0]
    ax.plot([x, x], [f, c], color=theme.foreground, lw=1.5, ls=(0, (3, 2)), zorder=4)
    ax.plot([x, x], [f, c], "o", color=theme.foreground, ms=5, zorder=6)
    _critical(ax, np.column_stack([picture.critical, picture.critical_values]), picture.kinds,
              theme)
    roomy = min(abs(x - picture.theta1), abs(x - picture.theta2)) >= LABEL_ROOM * (x1 - x0)
    middle = r"$t\theta_1\!+\!(1\!-\!t)\theta_2$" if roomy else ""
    ax.set_xticks([picture.theta2, x, picture.theta1], [r"$\theta_2$", middle, r"$\theta_1$"])
    ax.set_yticks([])
    ax.set_ylabel(r"$f(\theta)$", labelpad=4)


def _surface_panel(ax, surface: Surface, theme) -> None:
    (x0, x1), (y0, y1) = surface.bounds
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_locator(MaxNLocator(nbins=4, steps=[1, 2, 5, 10]))
    contours(ax, surface.lines, theme.level)
    _critical(ax, surface.critical, surface.kinds, theme, size=10)
    ax.set_xlabel(r"$\theta_1$", labelpad=0)
    ax.set_ylabel(r"$\theta_2$", rotation=0, labelpad=10)


def draw(figure, data: Data, theme) -> None:
    axes = figure.subplot_mosaic([["convex", "nonconvex"], ["bowl", "landscape"]],
                                 height_ratios=[1.0, 1.25])
    _chord_panel(axes["convex"], data.convex, data.convex_at_t, theme)
    _chord_panel(axes["nonconvex"], data.nonconvex, data.nonconvex_at_t, theme)
    _surface_panel(axes["bowl"], data.bowl, theme)
    _surface_panel(axes["landscape"], data.landscape, theme)
    axes["convex"].set_title("convex", fontsize=16)
    axes["nonconvex"].set_title("non-convex", fontsize=16)
    figure.suptitle(r"$f(t\theta_1 + (1-t)\theta_2) \;\leq\; t\,f(\theta_1) + (1-t)\,f(\theta_2)$"
                    r"  for all $\theta_1, \theta_2$ and $t \in [0, 1]$", fontsize=16)
    marker = dict(ls="none", color=theme.foreground, ms=9)
    width, height = figure.get_size_inches()
    figure.legend(handles=[
        Line2D([], [], color=theme.curve, lw=2.5, label=r"$f$"),
        Line2D([], [], color=theme.chord, lw=2.5, label="chord"),
        Line2D([], [], color=theme.foreground, lw=1.5, ls=(0, (3, 2)), marker="o", ms=5,
               label=rf"$t = {data.convex_at_t.ts[0]:g}$"),
        *(Line2D([], [], marker=m, label=k, **marker) for k, m in MARKERS.items()),
    ], loc="outside lower center", ncols=6 if width / height > 1.5 else 3, frameon=False,
        handlelength=1.5, columnspacing=1.2)
