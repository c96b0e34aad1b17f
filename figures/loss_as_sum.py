"""
The loss is a sum of per-example losses
=======================================

Each training example i contributes its own loss curve L_i(θ) with its own
minimum; the loss that gradient descent minimises is their pointwise sum
L(θ) = Σ_i L_i(θ), whose minimum θ* is a compromise between the examples.
SGD follows one L_i at a time.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.ticker import MaxNLocator

from assets.catalogue import FigureAsset
from assets.params import Param, Rule
from sim.errors import SimError
from sim.regression import LossCurves, loss_curves

ASSET = FigureAsset(
    id="loss-as-sum",
    title="The loss as a sum of per-example losses",
    slide="stochastic gradient descent I",
    caption="Every example i has its own loss L_i(θ); the training loss L(θ) = Σ_i L_i(θ) is "
            "their pointwise sum, minimised at a compromise θ*.",
    alt="Two stacked panels sharing the parameter axis θ. Above, thin curves, one per "
        "training example, each a loss L_i(θ) with its lowest point at a different place. Below, "
        "one thick curve, their sum L(θ), with its lowest point θ* marked; a dotted vertical "
        "line at θ* runs through both panels.",
    params=(
        Param("kind", str, "linreg", help="the model: linear regression (parabolas "
              "½(y_i − θx_i)²) or logistic regression (softplus curves)",
              choices=("linreg", "logreg")),
        Param("n", int, 6, (2, 12), "number of examples, one curve each"),
        Param("noise", float, 0.5, (0.0, 2.0),
              "label noise of linear regression: how far apart the minima of the L_i lie"),
        Param("theta_min", float, -1.0, (-10.0, 10.0), "left end of the θ axis"),
        Param("theta_max", float, 3.0, (-10.0, 10.0), "right end of the θ axis"),
    ),
    rules=(Rule("theta_min", "<", "theta_max", "the θ axis runs left to right"),),
)

SAMPLES = 401  # θ values per curve: smooth at slide size


@dataclass(frozen=True)
class Data:
    curves: LossCurves


def compute(params, seed) -> Data:
    if params.theta_max <= params.theta_min:
        raise SimError(f"theta_max={params.theta_max:g} must be larger than "
                       f"theta_min={params.theta_min:g}")
    thetas = np.linspace(params.theta_min, params.theta_max, SAMPLES)
    return Data(curves=loss_curves(thetas, params.kind, n=params.n, seed=seed,
                                   noise=params.noise))


def draw(figure, data: Data, theme) -> None:
    c = data.curves
    parts, whole = figure.subplots(2, 1, sharex=True)
    for i, losses in enumerate(c.per_example):
        parts.plot(c.thetas, losses, color=theme.sgd, lw=1.8, gid=f"example-{i}")
    whole.plot(c.thetas, c.total, color=theme.gd, lw=3.5, gid="total")
    for ax, values in ((parts, c.per_example), (whole, c.total)):
        ax.set_ylim(0, 1.08 * values.max())
        ax.yaxis.set_major_locator(MaxNLocator(3))
    parts.set_ylabel(r"$\mathcal{L}_i(\theta)$", rotation=0, ha="right", va="center")
    whole.set_ylabel(r"$\mathcal{L}(\theta)$", rotation=0, ha="right", va="center")
    whole.set_xlim(c.thetas[0], c.thetas[-1])
    whole.set_xlabel(r"parameter $\theta$")
    parts.set_title(rf"one loss per example, $i = 1, \dots, {len(c.per_example)}$",
                    loc="left", fontsize="medium")
    whole.set_title(r"their sum $\mathcal{L}(\theta) = \sum_i \mathcal{L}_i(\theta)$"
                    + _minimum(parts, whole, c, theme), loc="left", fontsize="medium")


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
