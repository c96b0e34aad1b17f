"""
Gradient perpendicular to level sets
====================================

At points of one level set {θ : f(θ) = c}, the gradient ∇f(θ) stands at a
right angle to the level set's tangent. The tangents are measured from the
curve, not derived from the gradient, so the right angles drawn are a result.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.lines import Line2D

from assets.catalogue import FigureAsset
from assets.params import Param
from figures._draw import contours, plane, right_angle, widescreen
from sim.contour_levels import Window, window_around
from sim.levels import LevelLines, LevelSetFrame, default_levels, level_lines, level_set_frame
from sim.problems import SURFACES

ASSET = FigureAsset(
    id="gradient-level-sets",
    title="The gradient is perpendicular to the level sets",
    slide="the geometrical meaning of the gradient",
    caption="At every point of a level set f(θ) = c, the gradient ∇f(θ) is perpendicular to "
            "the level set's tangent.",
    alt="Contour lines of a two-well loss surface. On one highlighted level set, several points "
        "each carry a short tangent segment and a gradient arrow pointing outward, joined by a "
        "right-angle mark.",
    params=(
        Param("surface", str, "double-well", help="the function f",
              choices=("double-well", "quadratic")),
        Param("level", float, 0.6, (0.05, 5.0), "the constant c of the highlighted level set"),
        Param("points", int, 6, (1, 16), "how many points carry a gradient and a tangent"),
    ),
)

ARROW = 0.45  # length of the gradient-direction arrows, in θ units
TANGENT = 0.32  # half-length of each tangent segment
MARK = 0.08  # side of the right-angle mark
MARGIN = 0.12  # θ units between the farthest arrow tip or tangent end and the plot's edge


@dataclass(frozen=True)
class Data:
    bounds: tuple
    lines: LevelLines
    highlight: LevelLines
    frame: LevelSetFrame


def arrows(frame: LevelSetFrame) -> np.ndarray:
    """The drawn gradient arrows: ∇f(θ) scaled to ARROW, directions only."""
    return ARROW * frame.gradients / np.linalg.norm(frame.gradients, axis=1, keepdims=True)


def compute(params, seed) -> Data:
    """The level set is found on the problem's plot; the window then grows to hold every arrow
    and tangent whole (an arrow at the bottom of the double well points out of its plot)."""
    problem = SURFACES[params.surface]()
    frame = level_set_frame(problem, params.level, params.points)
    reach = np.vstack([np.transpose(problem.bounds), frame.points + arrows(frame),
                       frame.points + TANGENT * frame.tangents,
                       frame.points - TANGENT * frame.tangents])
    window = Window(problem, window_around(reach, pad=MARGIN, step=0.25))
    return Data(bounds=window.bounds,
                lines=level_lines(window, default_levels(problem)),
                highlight=level_lines(window, [params.level]),
                frame=frame)


def draw(figure, data: Data, theme) -> None:
    ax = figure.subplots()
    wide = widescreen(figure)
    plane(ax, data.bounds)
    ax.set_anchor("S")  # one layout pass sees the equal-scale box where it ends: above its labels
    frame = data.frame
    contours(ax, data.lines, theme.level)
    contours(ax, data.highlight, theme.foreground, linewidth=2.5)
    for p, t, g in zip(frame.points, frame.tangents, arrows(frame)):
        ax.plot(*np.stack([p - TANGENT * t, p + TANGENT * t]).T, color=theme.tangent, lw=2.5)
        right_angle(ax, p, t, g, MARK, theme.foreground)
    ax.quiver(*frame.points.T, *arrows(frame).T, angles="xy", scale_units="xy", scale=1,
              color=theme.gradient, width=0.006, zorder=3)
    ax.plot(*frame.points.T, "o", color=theme.foreground, ms=6, zorder=4)
    figure.legend(handles=[
        Line2D([], [], color=theme.foreground, lw=2.5,
               label=rf"level set $f(\theta) = {frame.level:g}$"),
        Line2D([], [], color=theme.tangent, lw=2.5, label="tangent"),
        Line2D([], [], color=theme.gradient, lw=2.5, marker=">",
               label=r"gradient direction $\nabla f(\theta)\,/\,\|\nabla f(\theta)\|$"),
    ], loc="outside upper center", ncols=3 if wide else 2, frameon=False,
        handlelength=1.5, columnspacing=1.2)
