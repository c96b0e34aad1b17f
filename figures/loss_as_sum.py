"""
The loss is a sum of per-example losses
=======================================

Each training example i contributes its own loss curve 𝓛_i(θ) with its own
minimum; the loss that gradient descent minimises is their pointwise sum
𝓛(θ) = Σ_i 𝓛_i(θ), whose minimum θ* is a compromise between the examples.
SGD follows one 𝓛_i at a time. By default the θ axis is fitted to the data,
so every example's minimum shows.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.ticker import MaxNLocator
from matplotlib.transforms import blended_transform_factory

from assets.catalogue import FigureAsset
from assets.params import Param, Rule
from sim.errors import SimError
from sim.regression import LossCurves, example_theta_range, loss_curves

ASSET = FigureAsset(
    id="loss-as-sum",
    title="The loss as a sum of per-example losses",
    slide="stochastic gradient descent I",
    caption="Every example i has its own loss 𝓛_i(θ), least at its own θ; the training loss "
            "𝓛(θ) = Σ_i 𝓛_i(θ) is their pointwise sum, least at θ*, between the examples' minima.",
    alt="Two stacked panels sharing the parameter axis θ. Above, one thick curve, the sum 𝓛(θ), "
        "with its lowest point θ* marked. Below, one thinner curve per training example, each "
        "drawn with its own dash pattern and labelled 𝓛_1 to 𝓛_6 at its lowest point, a dot on "
        "the θ axis; the six lowest points lie at different places on both sides of θ*. A dotted "
        "vertical line at θ* runs through both panels.",
    params=(
        Param("kind", str, "linreg", help="the model: linear regression (parabolas "
              "½(y_i − θx_i)²) or logistic regression (softplus curves)",
              choices=("linreg", "logreg")),
        Param("n", int, 6, (2, 12), "number of examples, one curve each"),
        Param("noise", float, 0.5, (0.0, 2.0),
              "label noise of linear regression: how far apart the minima of the 𝓛_i lie"),
        Param("fit", bool, True, help="linear regression: fit the θ axis to every example's "
              "minimum and θ* (else, and for logistic regression, theta_min to theta_max)"),
        Param("theta_min", float, -1.0, (-10.0, 10.0), "left end of the θ axis"),
        Param("theta_max", float, 3.0, (-10.0, 10.0), "right end of the θ axis"),
    ),
    rules=(Rule("theta_min", "<", "theta_max", "the θ axis runs left to right"),),
)

SAMPLES = 401  # θ values per curve: smooth at slide size
# one dash pattern per example (repeating after six): the terms share the muted ink
DASHES = ("-", (0, (7, 2.5)), (0, (2, 2)), (0, (9, 2.5, 2, 2.5)), (0, (1, 1.8)),
          (0, (4, 2, 1, 2, 1, 2)))
LABEL_WIDTH = 0.06  # of the axes width a label 𝓛_i takes; closer labels are stacked
LABEL_ROW = 0.13  # of the axes height between stacked labels


@dataclass(frozen=True)
class Data:
    curves: LossCurves


def compute(params, seed) -> Data:
    if params.fit and params.kind == "linreg":
        low, high = example_theta_range(params.n, seed, noise=params.noise)
    else:
        low, high = params.theta_min, params.theta_max
    if high <= low:
        raise SimError(f"theta_max={high:g} must be larger than theta_min={low:g}")
    thetas = np.linspace(low, high, SAMPLES)
    return Data(curves=loss_curves(thetas, params.kind, n=params.n, seed=seed,
                                   noise=params.noise))


def draw(figure, data: Data, theme) -> None:
    c = data.curves
    whole, parts = figure.subplots(2, 1, sharex=True, height_ratios=(1.0, 1.25))
    for i, losses in enumerate(c.per_example):
        parts.plot(c.thetas, losses, color=theme.term, lw=2.2, ls=DASHES[i % len(DASHES)],
                   gid=f"example-{i}")
    whole.plot(c.thetas, c.total, color=theme.curve, lw=3.5, gid="total", zorder=3)
    whole.set_ylim(-0.08 * c.total.max(), 1.08 * c.total.max())  # room for θ*'s dot
    # the terms' panel as high as the flatter half of them: steep ones run off its top
    top = 1.1 * np.median(c.per_example.max(axis=1))
    parts.set_ylim(-0.1 * top, top)
    for ax in (parts, whole):
        ax.yaxis.set_major_locator(MaxNLocator(3))
    _label_terms(parts, c, theme)
    parts.set_ylabel(r"$\mathcal{L}_i(\theta)$", rotation=0, ha="right", va="center")
    whole.set_ylabel(r"$\mathcal{L}(\theta)$", rotation=0, ha="right", va="center")
    parts.set_xlim(c.thetas[0], c.thetas[-1])
    parts.set_xlabel(r"parameter $\theta$")
    whole.set_title(r"the loss $\mathcal{L}(\theta) = \sum_i \mathcal{L}_i(\theta)$"
                    + _minimum(parts, whole, c, theme), loc="left")
    parts.set_title(rf"one loss per example, $i = 1, \dots, {len(c.per_example)}$", loc="left")


def _label_terms(ax, c: LossCurves, theme) -> None:
    """Each 𝓛_i named where it is least on the plot (a dot when that is inside), labels that
    would touch stacked one row higher."""
    least = np.argmin(c.per_example, axis=1)
    span = c.thetas[-1] - c.thetas[0]
    rows: list[list[float]] = []
    for i in np.argsort(c.thetas[least]):
        at = c.thetas[least[i]]
        fraction = (at - c.thetas[0]) / span
        row = next((r for r, taken in enumerate(rows)
                    if all(abs(fraction - f) > LABEL_WIDTH for f in taken)), len(rows))
        if row == len(rows):
            rows.append([])
        rows[row].append(fraction)
        inside = 0 < least[i] < len(c.thetas) - 1
        if inside:
            ax.plot(at, c.per_example[i, least[i]], "o", color=theme.term, ms=7, zorder=3)
        ha = "center" if inside else "left" if least[i] == 0 else "right"
        ax.text(at, 0.14 + LABEL_ROW * row, rf"$\mathcal{{L}}_{{{i + 1}}}$", ha=ha, va="bottom",
                color=theme.foreground, transform=blended_transform_factory(ax.transData,
                                                                            ax.transAxes))


def _minimum(parts, whole, c: LossCurves, theme) -> str:
    """Mark θ* across both panels when it lies inside the plot; the title's words about it."""
    step = c.thetas[1] - c.thetas[0]
    if not c.thetas[0] + step < c.minimiser < c.thetas[-1] - step:
        return ", least beyond the plotted range"
    for ax in (parts, whole):
        ax.axvline(c.minimiser, color=theme.foreground, lw=1.5, ls=":", zorder=1)
    at = c.total[int(np.argmin(np.abs(c.thetas - c.minimiser)))]
    whole.plot([c.minimiser], [at], "o", color=theme.foreground, ms=9, zorder=4, gid="minimum")
    whole.annotate(r"$\theta^*$", (c.minimiser, at), xytext=(8, 8), textcoords="offset points",
                   color=theme.foreground, ha="left", va="bottom")
    return r", least at $\theta^*$"
