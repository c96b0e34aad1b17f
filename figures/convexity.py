"""
Convex and non-convex functions
===============================

f is convex when every chord lies on or above its graph:
f(tθ + (1−t)θ′) ≤ t f(θ) + (1−t) f(θ′) for all θ, θ′ and t ∈ [0, 1].
The same chord (same θ, θ′, same t) stays above a convex curve and dips
under a non-convex one; below, a convex bowl has one minimum, while a
non-convex surface has several minima, saddles and a maximum.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

import theme as theme_module
from assets.catalogue import FigureAsset
from assets.params import Param, Rule
from figures._draw import contours, widescreen
from sim.chord_pictures import ChordPicture, chord_picture
from sim.convexity import Chord, chord, convex_curve, nonconvex_curve
from sim.levels import LevelLines, default_levels, level_lines
from sim.problems import SURFACES, Quadratic, classify

ASSET = FigureAsset(
    id="convexity",
    title="Convex and non-convex functions",
    slide="convex and non-convex functions",
    caption="A chord lies above the graph of a convex function, f(tθ + (1−t)θ′) ≤ "
            "t f(θ) + (1−t) f(θ′), but dips under a non-convex one, which can have several "
            "local minima, saddles and maxima.",
    alt="Four panels and a key. Top left: a convex curve with a chord between θ′ and θ lying "
        "above it, the gap between them hatched in green (chord above); at one value of t a "
        "dashed bar joins the curve, below, to the chord, above. Top right: a wavy curve with two "
        "local minima, a local maximum and a flat saddle, and the chord between the same θ′ and "
        "θ, hatched green near its ends where it lies above the curve and hatched in the "
        "'violated' orange-red across the middle, where it dips under the curve. Bottom left: "
        "contour lines of a bowl over θ1 and θ2 with its single minimum. Bottom right: contour "
        "lines of a surface with four minima, four saddles and a maximum, each marked by its "
        "kind.",
    params=(
        Param("theta1", float, 2.2, (-1.5, 2.5), "θ, the chord's end at t = 1"),
        Param("theta2", float, -1.2, (-1.5, 2.5), "θ′, the chord's end at t = 0"),
        Param("t", float, 0.45, (0.0, 1.0), "the t marked on both chords"),
        Param("surface", str, "himmelblau", help="the non-convex surface of the 2-D panel",
              choices=("himmelblau", "double-well")),
    ),
    rules=(Rule("theta1", "!=", "theta2", "a chord needs two different ends"),),
)

# Convex, tilted so that it reads as a generic bowl; square like the non-convex surfaces, so that
# the two contour panels are drawn the same size.
BOWL = Quadratic(a=1.0, b=3.0, angle=30.0, bounds=((-2.0, 2.0), (-2.0, 2.0)))
MARKERS = {"minimum": "o", "saddle": "X", "maximum": "^"}
# The gap between chord and graph: above, convexity holds there; below, it fails. Each a light
# fill (which alone would not reach 3:1 on the background) hatched in its full colour.
GAP_FILL = 0.25
GAP_HATCH = "///"


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


def _gap_styles(colour) -> tuple[dict, dict]:
    """The light fill, then the hatch over it in full colour: drawn as two artists because a
    hatch on a translucent face takes the face's opacity in SVG and PDF (matplotlib #9894)."""
    return (dict(facecolor=(colour, GAP_FILL), edgecolor="none", lw=0),
            dict(facecolor="none", edgecolor=colour, hatch=GAP_HATCH, lw=0))


def _chord_panel(ax, picture: ChordPicture, at_t: Chord, theme) -> None:
    chord_ = picture.chord
    (x0, x1), (y0, y1) = picture.window
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.plot(picture.xs, picture.values, color=theme.curve, lw=2.5, zorder=3)
    for where, colour in ((chord_.gap >= 0, theme.positive), (chord_.gap < 0, theme.violated)):
        for style in _gap_styles(colour):
            ax.fill_between(chord_.points, chord_.values, chord_.chord, where=where,
                            interpolate=True, **style)
    ax.plot(chord_.points, chord_.chord, color=theme.chord, lw=2.5, zorder=4)
    ends = chord_.points[[0, -1]], chord_.chord[[0, -1]]
    ax.plot(*ends, "o", color=theme.chord, ms=7, zorder=6)
    x, f, c = at_t.points[0], at_t.values[0], at_t.chord[0]
    ax.plot([x, x], [f, c], color=theme.foreground, lw=1.5, ls=(0, (3, 2)), zorder=4)
    ax.plot([x, x], [f, c], "o", color=theme.foreground, ms=5, zorder=6)
    _critical(ax, np.column_stack([picture.critical, picture.critical_values]), picture.kinds,
              theme)
    ax.set_xticks([picture.theta2, x, picture.theta1],
                  [r"$\theta'$", r"$t\theta\!+\!(1\!-\!t)\theta'$", r"$\theta$"])
    ax.set_yticks([])
    ax.set_ylabel(r"$f(\theta)$", labelpad=4)


def _surface_panel(ax, surface: Surface, theme) -> None:
    (x0, x1), (y0, y1) = surface.bounds
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_locator(MaxNLocator(nbins=3, steps=[1, 2, 5, 10]))
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
    axes["convex"].set_title("convex")
    axes["nonconvex"].set_title("non-convex")
    wide = widescreen(figure)
    figure.suptitle(r"convex: $f(t\theta + (1-t)\theta') \;\leq\; t\,f(\theta) + (1-t)\,f(\theta')$"
                    + ("  " if wide else "\n") + r"for all $\theta, \theta'$ and $t \in [0, 1]$",
                    fontsize=theme_module.FONT_SIZE)
    marker = dict(ls="none", color=theme.foreground, ms=9)
    keys = {
        r"$f$": Line2D([], [], color=theme.curve, lw=2.5),
        "chord": Line2D([], [], color=theme.chord, lw=2.5),
        rf"$t = {data.convex_at_t.ts[0]:g}$": Line2D([], [], color=theme.foreground, lw=1.5,
                                                      ls=(0, (3, 2)), marker="o", ms=5),
        "chord above": tuple(Patch(**style) for style in _gap_styles(theme.positive)),
        "chord below": tuple(Patch(**style) for style in _gap_styles(theme.violated)),
        **{k: Line2D([], [], marker=m, **marker) for k, m in MARKERS.items()},
    }
    figure.legend(list(keys.values()), list(keys), loc="outside right center" if wide
                  else "outside lower center", ncols=1 if wide else 3,
                  frameon=False, handlelength=1.6, columnspacing=1.0)
    ConstrainedLayoutEngine().execute(figure)  # the panels' final widths, to fit the ticks to
    figure.draw_without_rendering()
    for name in ("convex", "nonconvex"):
        _spare_ticks(axes[name])


def _spare_ticks(ax) -> None:
    """Blank the middle tick label, tθ + (1−t)θ′, where it would touch θ's or θ′'s."""
    first, middle, last = ax.get_xticklabels()
    gap = 0.1 * ax.figure.dpi  # a tenth of an inch between labels at least
    if any(middle.get_window_extent().overlaps(end.get_window_extent().padded(gap))
           for end in (first, last)):
        ax.set_xticks(ax.get_xticks(), [first.get_text(), "", last.get_text()])
