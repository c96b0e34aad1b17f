"""
The geometry of θ in logistic regression
========================================

With p(1 | x) = σ(θ⊤x) on centered data, p depends on x only through θ⊤x, so
its level sets are the lines θ⊤x = const: all perpendicular to θ, the
decision boundary θ⊤x = 0 among them, and p grows in θ's direction, into
class 1. The level lines drawn are contoured from p on a grid, not built
from θ, so the parallel lines and the right angle are results.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.lines import Line2D
from matplotlib.ticker import MultipleLocator

from assets.catalogue import FigureAsset
from assets.params import Param
from figures._draw import T, contours, right_angle, widescreen
from sim.logistic_geometry import LogisticPicture, fitted_theta, logistic_picture, window
from sim.regression import LogReg
from theme import LOGISTIC_MARK

ASSET = FigureAsset(
    id="logistic-geometry",
    title="The geometry of θ in logistic regression",
    slide="a summary of the previous lecture: logistic geometry",
    caption="The decision boundary θ⊤x = 0 is perpendicular to θ, θ points into class 1, and the "
            "level lines of p(1 | x) = σ(θ⊤x) are all parallel to the boundary.",
    alt="Two clouds of points, class 0 as orange circles and class 1 as blue squares, each "
        "outlined in the text colour, on a background shaded from orange to blue by p(1 | x). An "
        "arrow θ from the origin points into the blue class; the decision boundary is a straight "
        "line through the origin at a right angle to θ, marked with a small square, and dashed "
        "level lines of p at 0.05, 0.25, 0.75 and 0.95 run parallel to it. Beside the plot, a "
        "colour bar of p with those levels marked, and the legend.",
    params=(
        Param("n", int, 100, (20, 400), "number of examples, half in each class"),
        Param("separation", float, 2.5, (0.5, 3.0), "distance between the two class means"),
    ),
)

GAP = 0.16  # between the boundary and its label, in x units
MARKERS = ("o", "s")  # class 0, class 1: shape tells the classes apart without colour


@dataclass(frozen=True)
class Data:
    X: np.ndarray
    y: np.ndarray
    picture: LogisticPicture


def compute(params, seed) -> Data:
    problem = LogReg(n=params.n, separation=params.separation, seed=seed)
    theta = fitted_theta(problem)
    bounds = window(np.vstack([problem.X, np.zeros((1, 2)), theta[None, :]]))
    return Data(X=problem.X, y=problem.y, picture=logistic_picture(theta, bounds))


def probability_colormap(theme) -> LinearSegmentedColormap:
    """p ↦ colour, linear between the theme's three ``probability_rgb``."""
    return LinearSegmentedColormap.from_list("p", theme.probability_rgb())


def input_plane(ax, bounds) -> None:
    """Equal scaling (so right angles look right) over ``bounds``, axes named x₁ and x₂."""
    (x0, x1), (y0, y1) = bounds
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_locator(MultipleLocator(1.0 if max(x1 - x0, y1 - y0) <= 10 else 2.0))
    ax.set_xlabel(r"$x_1$")
    ax.set_ylabel(r"$x_2$", rotation=0, labelpad=12)


def shade(ax, picture: LogisticPicture, theme):
    """p(1 | x) as the background image, cell centres on the sim grid (set the limits after it)."""
    half = 0.5 * (picture.xs[1] - picture.xs[0])
    extent = (picture.xs[0] - half, picture.xs[-1] + half,
              picture.ys[0] - half, picture.ys[-1] + half)
    return ax.imshow(picture.probability, origin="lower", extent=extent,
                     cmap=probability_colormap(theme), vmin=0.0, vmax=1.0,
                     interpolation="bilinear", zorder=0)


def scatter_classes(ax, X, y, theme, size=44, **kw) -> None:
    """Each class in its colour and shape, outlined in the ink: a point reads on the shading of
    its own class's side, which is a tint of the same colour."""
    for label, colour in ((0, theme.class0), (1, theme.class1)):
        points = X[y == label]
        ax.scatter(*points.T, s=size, marker=MARKERS[label], color=colour,
                   edgecolors=theme.foreground, linewidths=0.9, zorder=3, label=f"class {label}",
                   **kw)


def theta_arrow(ax, tail, vector, colour, **kw):
    """An arrow in data units (a quiver of one), so tests can read it back."""
    return ax.quiver(*tail, *vector, angles="xy", scale_units="xy", scale=1, color=colour,
                     width=0.008, headwidth=4, headlength=5, headaxislength=4.5, zorder=5, **kw)


def boundary_label(ax, boundary, text, theme, at=0.88) -> None:
    """``text`` just above the boundary, ``at`` of the way from its lower to its upper end."""
    start, end = boundary
    if end[1] < start[1]:
        start, end = end, start
    normal = np.array([start[1] - end[1], end[0] - start[0]])
    point = start + at * (end - start) + GAP * normal / np.linalg.norm(normal)
    angle = np.degrees(np.arctan2(*(end - start)[::-1]))
    angle = angle - 180 if angle > 90 else angle + 180 if angle < -90 else angle
    ax.text(*point, text, color=theme.boundary, rotation=angle, rotation_mode="anchor", ha="center",
            va="bottom", transform_rotates_text=True, zorder=6,
            bbox=dict(boxstyle="round,pad=0.15", facecolor=theme.background, linewidth=0,
                      alpha=0.8))


def draw(figure, data: Data, theme) -> None:
    """The plane as tall as the page; beside it the colour bar of p and the legend (16:9: in a
    column to the right; 4:3: the legend above)."""
    wide = widescreen(figure)
    grid = figure.add_gridspec(1, 3 if wide else 2, wspace=0.08,
                               width_ratios=(1.0, 0.05, 0.62)[:3 if wide else 2])
    ax, bar_ax = figure.add_subplot(grid[0, 0]), figure.add_subplot(grid[0, 1])
    picture = data.picture
    image = shade(ax, picture, theme)
    input_plane(ax, picture.bounds)
    ax.set_anchor("E")  # against its colour bar
    contours(ax, picture.lines, theme.muted, linewidth=1.5, linestyles="--", zorder=1)
    ax.plot(*picture.boundary.T, color=theme.boundary, lw=2.5, zorder=2)
    scatter_classes(ax, data.X, data.y, theme)
    theta = picture.theta
    along = picture.boundary[1] - picture.boundary[0]
    mark = right_angle(ax, np.zeros(2), theta, along, LOGISTIC_MARK, theme.foreground, linewidth=2)
    mark.set_zorder(4)
    theta_arrow(ax, (0.0, 0.0), theta, theme.foreground)
    ax.annotate(r"$\theta$", theta, xytext=(6, 4), textcoords="offset points",
                color=theme.foreground, zorder=6)
    boundary_label(ax, picture.boundary, rf"$\theta{T}x = 0$", theme)

    bar = figure.colorbar(image, cax=bar_ax)
    bar.set_label(rf"$p(1 \mid x) = \sigma(\theta{T}x)$")
    ticks = sorted([0.5, *picture.lines.levels])  # the drawn levels: 0 and 1 would crowd them
    bar.set_ticks(ticks, labels=[f"{q:g}" for q in ticks])
    bar.outline.set_edgecolor(theme.muted)
    for q in picture.lines.levels:
        bar.ax.axhline(q, color=theme.muted, lw=1.5, ls="--")
    bar.ax.axhline(0.5, color=theme.boundary, lw=2.5)

    handles = [
        Line2D([], [], ls="", marker=MARKERS[0], color=theme.class0, mec=theme.foreground,
               ms=10, label="class 0"),
        Line2D([], [], ls="", marker=MARKERS[1], color=theme.class1, mec=theme.foreground,
               ms=10, label="class 1"),
        Line2D([], [], color=theme.boundary, lw=2.5, label=r"boundary, $p = \frac{1}{2}$"),
        Line2D([], [], color=theme.muted, lw=1.5, ls="--", label=r"level lines of $p$"),
    ]
    if wide:
        side = figure.add_subplot(grid[0, 2])
        side.axis("off")
        side.legend(handles=handles, loc="center right", frameon=False, handlelength=1.5,
                    borderaxespad=0, labelspacing=1.0)
    else:
        figure.legend(handles=handles, loc="outside upper center", ncols=2, frameon=False,
                      handlelength=1.5, columnspacing=1.5)
