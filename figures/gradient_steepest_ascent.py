"""
The gradient is the direction of steepest ascent
================================================

Left: at every point, ∇f points straight uphill, across the contour lines;
at one point θ, −∇f(θ), the direction a descent step takes, points straight
downhill. Right: at θ, the directional derivative ∇f(θ)⊤u over all unit
directions u; it peaks at u = ∇f/‖∇f‖ with the value ‖∇f(θ)‖ and is
lowest, −‖∇f(θ)‖, at u = −∇f/‖∇f‖.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Circle
from matplotlib.ticker import MaxNLocator

from assets.catalogue import FigureAsset
from assets.errors import AssetError
from assets.params import Param
from figures._draw import T, contours, widescreen
from sim.directional import DirectionalDerivatives, directional_derivatives
from sim.gradient_geometry import GradientField, SteepestAscent, gradient_field, steepest_ascent
from sim.levels import LevelLines, default_levels, level_lines
from sim.problems import SURFACES

ASSET = FigureAsset(
    id="gradient-steepest-ascent",
    title="The gradient is the direction of steepest ascent",
    slide="the gradient",
    caption="The gradient points in the direction of steepest ascent: among unit directions u, "
            "the directional derivative ∇f(θ)⊤u is largest at u = ∇f/‖∇f‖, where it equals "
            "‖∇f(θ)‖, and smallest at the descent direction −∇f/‖∇f‖.",
    alt="Left: contour lines of a two-well surface with, on a grid, short arrows of the gradient "
        "pointing uphill across the contours; one point θ is circled, with two arrows from it: "
        "the unit gradient direction uphill and the opposite, descent direction downhill. Right: "
        "the directional derivative at θ plotted against the angle of the unit direction, a "
        "cosine wave whose maximum, marked, lies at the gradient's angle with height equal to the "
        "gradient's norm, and whose minimum, marked, lies opposite at the descent direction.",
    params=(
        Param("surface", str, "double-well", help="the function f",
              choices=("double-well", "quadratic", "himmelblau")),
        Param("point_x", float, 0.5, (-5.0, 5.0), "θ1 of the point whose directions are scanned"),
        Param("point_y", float, 0.5, (-5.0, 5.0), "θ2 of the point whose directions are scanned"),
        Param("columns", int, 9, (4, 16), "gradient arrows across the contour plot"),
    ),
)

ARROW = 0.38  # each field arrow's length, as a fraction of the grid spacing
CIRCLE = 0.12  # radius of the circle of unit directions, as a fraction of the plot's width


@dataclass(frozen=True)
class Data:
    bounds: tuple
    lines: LevelLines
    field: GradientField
    scan: DirectionalDerivatives
    steepest: SteepestAscent


def compute(params, seed) -> Data:
    problem = SURFACES[params.surface]()
    (x0, x1), (y0, y1) = problem.bounds
    point = (params.point_x, params.point_y)
    if not (x0 <= point[0] <= x1 and y0 <= point[1] <= y1):
        raise AssetError(f"the point {point} is outside the {params.surface} plot "
                         f"[{x0:g}, {x1:g}] × [{y0:g}, {y1:g}]")
    return Data(bounds=problem.bounds, lines=level_lines(problem, default_levels(problem)),
                field=gradient_field(problem, params.columns),
                scan=directional_derivatives(problem, point),
                steepest=steepest_ascent(problem, point))


def _field_panel(ax, data: Data, theme) -> None:
    (x0, x1), (y0, y1) = data.bounds
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 5, 10]))
    ax.set_xlabel(r"$\theta_1$", labelpad=0)
    ax.set_ylabel(r"$\theta_2$", rotation=0, labelpad=10)
    contours(ax, data.lines, theme.level)
    radius = CIRCLE * (x1 - x0)
    field = data.field
    away = np.linalg.norm(field.points - data.steepest.point, axis=1) > radius + field.spacing / 2
    points, gradients = field.points[away], field.gradients[away]
    arrows = ARROW * field.spacing * gradients / np.linalg.norm(gradients, axis=1, keepdims=True)
    # the field one way, +∇f, tails on the grid points: one arrow per point reads as a direction
    style = dict(angles="xy", scale_units="xy", scale=1, width=0.005, headwidth=4,
                 headlength=4.5, headaxislength=4, zorder=3)
    ax.quiver(*points.T, *arrows.T, color=theme.gradient, **style)
    best = data.steepest
    ax.add_patch(Circle(best.point, radius, fill=False, edgecolor=theme.muted, lw=1.5,
                        ls=(0, (3, 2)), zorder=3))
    big = dict(style, width=0.009, headwidth=3.5, headlength=4, headaxislength=3.6, zorder=5)
    ax.quiver(*best.point, *(radius * best.direction), color=theme.gradient, **big)
    ax.quiver(*best.point, *(-radius * best.direction), color=theme.update, **big)
    ax.plot(*best.point, "o", color=theme.foreground, mec=theme.background, ms=9, zorder=6)
    across = np.array([best.direction[1], -best.direction[0]])  # θ's label beside both arrows
    across = across if across[1] <= 0 else -across
    ax.annotate(r"$\theta$", best.point, xytext=tuple(16 * across), textcoords="offset points",
                ha="center", va="center", color=theme.foreground, zorder=6)


def _scan_panel(ax, data: Data, theme) -> None:
    scan, best = data.scan, data.steepest
    degrees = np.degrees(np.r_[scan.angles, 2.0 * np.pi])  # the circle closes at 360°
    values = np.r_[scan.derivatives, scan.derivatives[0]]
    ax.axhline(0.0, color=theme.muted, lw=1.0)
    ax.plot(degrees, values, color=theme.curve, lw=2.5, zorder=3)
    ax.set_xlim(0.0, 360.0)
    ax.set_ylim(-1.3 * best.norm, 2.0 * best.norm)
    ax.set_xticks([0, 180, 360], ["0°", "180°", "360°"])
    ax.set_xticks([90, 270], minor=True)
    ax.set_xlabel(r"angle of $u$")
    ax.set_ylabel(rf"$\nabla f(\theta){T}u$", labelpad=2)
    top, low = np.degrees(best.angle), np.degrees(best.descent_angle)
    for angle, value, colour in ((top, best.norm, theme.gradient),
                                 (low, -best.norm, theme.update)):
        ax.plot([angle, angle], [0.0, value], color=colour, lw=1.5, ls=(0, (3, 2)), zorder=2)
        ax.plot(angle, value, "o", color=colour, mec=theme.background, ms=10, zorder=4)
    corner = 0.98 if top < 180 else 0.02  # the upper corner away from the peak
    ax.annotate(rf"max: $\|\nabla f(\theta)\| = {best.norm:.2f}$" "\n"
                r"at $u = \nabla f / \|\nabla f\|$", (top, best.norm), xytext=(corner, 0.98),
                textcoords="axes fraction", ha="right" if top < 180 else "left", va="top",
                color=theme.foreground,
                arrowprops=dict(arrowstyle="-", color=theme.gradient, lw=1.0,
                                shrinkA=4, shrinkB=7))


def draw(figure, data: Data, theme) -> None:
    if widescreen(figure):  # 16:9: side by side
        field_ax, scan_ax = figure.subplots(1, 2, width_ratios=[1.6, 1.0])
    else:  # 4:3: stacked, the contour plot as wide as the page
        field_ax, scan_ax = figure.subplots(2, 1, height_ratios=[1.4, 1.0])
    _field_panel(field_ax, data, theme)
    _scan_panel(scan_ax, data, theme)
    figure.legend(handles=[
        Line2D([], [], color=theme.gradient, lw=2.5, marker=">",
               label=r"$\nabla f$: steepest ascent"),
        Line2D([], [], color=theme.update, lw=2.5, marker=">",
               label=r"$-\nabla f(\theta)$: steepest descent"),
    ], loc="outside upper center", ncols=2, frameon=False, handlelength=1.5, columnspacing=1.2)
