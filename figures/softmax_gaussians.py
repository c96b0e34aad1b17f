"""
Softmax from Gaussian classes
=============================

Three Gaussian classes N(μ_k, Σ) sharing one covariance Σ, with priors π_k.
Bayes' rule gives the posterior p(k | x) = softmax_k(w_k⊤x + b_k) with
w_k = Σ⁻¹μ_k and b_k = −½μ_k⊤Σ⁻¹μ_k + log π_k: the logits are linear in x,
so every decision boundary, where two posteriors tie, is a straight line.
The shading mixes the class colours in the proportions p(k | x).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.colors import to_rgb
from matplotlib.lines import Line2D
from matplotlib.patheffects import withStroke

from assets.catalogue import FigureAsset
from assets.params import Param
from figures._draw import T, widescreen
from sim.multiclass import GaussianClasses
from theme import FONT_SIZE_SMALL

ASSET = FigureAsset(
    id="softmax-gaussians",
    title="Softmax from Gaussian classes with a shared covariance",
    slide="a summary of the previous lecture: softmax",
    caption="Gaussian classes with a shared covariance give the posteriors "
            "softmax(w_k⊤x + b_k), with w_k = Σ⁻¹μ_k and b_k = −½μ_k⊤Σ⁻¹μ_k + log π_k, "
            "so the decision boundaries are straight lines.",
    alt="Samples of three classes in the plane, each in its class colour around its mean inside "
        "an ellipse of the shared covariance, drawn in the same colour. The background is shaded "
        "by the posterior probability of each class, and three straight decision boundaries meet "
        "at one point, splitting the plane into three regions. Beside the plot, the legend (one "
        "entry per class with its prior) and the formulas of the posterior, w_k and b_k.",
    params=(
        Param("prior1", float, 1.0, (0.05, 20.0), "weight of class 1 (priors π_k: weights / sum)"),
        Param("prior2", float, 1.0, (0.05, 20.0), "weight of class 2"),
        Param("prior3", float, 1.0, (0.05, 20.0), "weight of class 3"),
        Param("samples", int, 150, (0, 1000), "number of samples drawn from the mixture"),
        Param("spread", float, 1.0, (0.2, 3.0), "scale of the shared covariance Σ"),
        Param("ellipse", float, 2.0, (0.5, 3.0),
              "radius r of the ellipses (x − μ_k)⊤Σ⁻¹(x − μ_k) = r²"),
    ),
)

BOUNDS = ((-5.5, 5.5), (-4.5, 5.5))  # the plotted window in x
GRID = 200  # shading resolution per axis
SHADE_ALPHA = 0.35


@dataclass(frozen=True)
class Data:
    bounds: tuple
    means: np.ndarray  # (K, 2)
    cov: np.ndarray
    priors: np.ndarray  # (K,)
    grid_x: np.ndarray  # (GRID,)
    grid_y: np.ndarray  # (GRID,)
    posterior: np.ndarray  # p(k | x) on the grid, (GRID, GRID, K), rows along y
    samples: np.ndarray  # (n, 2)
    labels: np.ndarray  # (n,)
    ellipses: np.ndarray  # (K, count, 2)
    boundaries: tuple  # (k, j, end points (2, 2)) for every visible boundary


def compute(params, seed) -> Data:
    base = GaussianClasses()
    weights = np.array([params.prior1, params.prior2, params.prior3])
    model = GaussianClasses(means=base.means, cov=params.spread * base.cov,
                            priors=weights / weights.sum())
    xs, ys = (np.linspace(lo, hi, GRID) for lo, hi in BOUNDS)
    samples, labels = model.sample(params.samples, seed)
    return Data(bounds=BOUNDS, means=model.means, cov=model.cov, priors=model.priors,
                grid_x=xs, grid_y=ys, posterior=model.posterior(np.stack(np.meshgrid(xs, ys), -1)),
                samples=samples, labels=labels, ellipses=model.ellipses(params.ellipse),
                boundaries=model.boundaries(BOUNDS))


def class_colours(theme) -> tuple[str, str, str]:
    """One colour per class, from the theme."""
    return theme.class0, theme.class1, theme.class2


def shading(posterior, colours) -> np.ndarray:
    """RGB of each pixel: the class colours mixed in the proportions p(k | x)."""
    return posterior @ np.array([to_rgb(c) for c in colours])


FORMULAS = (
    rf"$p(k \mid x) = \mathrm{{softmax}}_k(w_k{T}x + b_k)$",
    r"$w_k = \Sigma^{-1}\mu_k$",
    rf"$b_k = -\frac{{1}}{{2}}\,\mu_k{T}\Sigma^{{-1}}\mu_k + \log\pi_k$",
)
SHADING_NOTE = "shading: class colours\nmixed by $p(k \\mid x)$"
TITLE = r"three Gaussian classes, one shared $\Sigma$"


def draw(figure, data: Data, theme) -> None:
    """The plane (16:9: with a title, room above the plot), beside it the legend and, on 16:9,
    the formulas under it; on 4:3 the formulas above the plane."""
    colours = class_colours(theme)
    wide = widescreen(figure)
    if wide:
        grid = figure.add_gridspec(1, 2, width_ratios=(1.0, 0.78))
        ax, side = figure.add_subplot(grid[0, 0]), figure.add_subplot(grid[0, 1])
        notes = [side.text(0.0, 0.0, "\n".join([*FORMULAS, SHADING_NOTE]), va="bottom",
                           linespacing=1.8, fontsize=FONT_SIZE_SMALL, transform=side.transAxes)]
    else:
        grid = figure.add_gridspec(2, 2, width_ratios=(1.0, 0.85), height_ratios=(0.2, 1.0))
        head = figure.add_subplot(grid[0, :])
        ax, side = figure.add_subplot(grid[1, 0]), figure.add_subplot(grid[1, 1])
        head.axis("off")
        notes = [head.text(0.5, 0.5, f"{FORMULAS[0]}\n{FORMULAS[1]},    {FORMULAS[2]}",
                           ha="center", va="center", linespacing=1.8, fontsize=FONT_SIZE_SMALL,
                           transform=head.transAxes),
                 side.text(0.0, 0.0, SHADING_NOTE, va="bottom", linespacing=1.8,
                           fontsize=FONT_SIZE_SMALL, transform=side.transAxes)]
    plane(ax, data, colours, theme)
    if wide:  # on 4:3 the formulas sit above the plane
        ax.set_title(TITLE, fontsize=FONT_SIZE_SMALL)
    side.axis("off")
    # each class's entry drawn as it is in the plot: a sample on its ellipse, in its colour
    notes.append(side.legend(handles=[
        *(Line2D([], [], color=c, lw=2.5, marker="o", ms=9, mec=theme.background,
                 label=rf"class {k + 1},  $\pi_{k + 1} = {p:.2f}$")
          for k, (c, p) in enumerate(zip(colours, data.priors))),
        Line2D([], [], color=theme.boundary, lw=2.5, label="decision boundary"),
    ], loc="upper left", bbox_to_anchor=(0.0, 1.0), frameon=False, handlelength=1.6,
        borderaxespad=0, title=r"samples, $\Sigma$-ellipse", alignment="left"))
    for note in notes:  # placed in their own cells: the layout makes room only for the plane
        note.set_in_layout(False)


def plane(ax, data: Data, colours, theme) -> None:
    """Shading, ellipses, samples, boundaries and means on equal axes."""
    (x0, x1), (y0, y1) = data.bounds
    dx, dy = data.grid_x[1] - data.grid_x[0], data.grid_y[1] - data.grid_y[0]
    ax.imshow(shading(data.posterior, colours), origin="lower", alpha=SHADE_ALPHA,
              extent=(x0 - dx / 2, x1 + dx / 2, y0 - dy / 2, y1 + dy / 2),  # pixel centres on grid
              interpolation="bilinear", zorder=0)
    for k, colour in enumerate(colours):
        ax.fill(*data.ellipses[k].T, fill=False, edgecolor=colour, lw=2.5, zorder=2)
        mine = data.samples[data.labels == k]
        ax.scatter(*mine.T, s=22, color=colour, edgecolors=theme.background, linewidths=0.5,
                   zorder=3)
    for _, _, ends in data.boundaries:
        ax.plot(*ends.T, color=theme.boundary, lw=2.5, zorder=4)
    for k, mean in enumerate(data.means):
        ax.plot(*mean, "P", ms=13, color=colours[k], mec=theme.foreground, mew=1.2, zorder=5)
        ax.annotate(rf"$\mu_{k + 1}$", mean, xytext=(9, 6), textcoords="offset points",
                    color=theme.foreground, zorder=5,
                    path_effects=[withStroke(linewidth=4, foreground=theme.background)])
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.set_xlabel(r"$x_1$")
    ax.set_ylabel(r"$x_2$", rotation=0, labelpad=12)
