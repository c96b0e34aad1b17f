"""
One gradient step of logistic regression
========================================

The gradient of one example's loss is ∇θ𝓛_i = (p − y)x with p = σ(θ⊤x), so
an SGD step θ ← θ − ε(p − y)x moves θ along +x for a point of class 1 and
along −x for a point of class 0, by an amount set by how wrong p is. The
boundary turns toward classifying that point correctly. Both panels start
from the same θ, the start of the ``logistic-sgd`` animation.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.lines import Line2D

from assets.catalogue import FigureAsset
from assets.params import Param
from figures._draw import T, widescreen
from figures.logistic_geometry import input_plane, scatter_classes, shade, theta_arrow
from sim.logistic_geometry import (ExampleStep, LogisticPicture, example_step, logistic_picture,
                                   most_wrong_example, window)
from sim.regression import LogReg, decision_boundary
from theme import FONT_SIZE_SMALL

ASSET = FigureAsset(
    id="logistic-gradient-step",
    title="One gradient step of logistic regression",
    slide="a summary of the previous lecture: the gradient of the logistic loss",
    caption="An SGD step on one example, θ ← θ − ε(p − y)x, moves θ along +x for a point of "
            "class 1 and along −x for a point of class 0, turning the boundary toward that point's "
            "side.",
    alt="Two panels with the same data and the same arrow θ from the origin. In each, one point is "
        "circled: a class-1 point on the class-0 side on the left, a class-0 point on the class-1 "
        "side on the right. From θ's tip an arrow −ε(p − y)x in the update colour, parallel to "
        "that point's vector x, leads to the new θ′, drawn dashed from the origin at a clearly "
        "different angle from θ; the new decision boundary is dashed, turned toward the point.",
    params=(
        Param("lr", float, 1.0, (0.01, 2.0), "step size ε (logistic-sgd's)", symbol="ε"),
        Param("start_x", float, 1.5, (-3.0, 3.0), "θ1 of the current θ (the SGD start)"),
        Param("start_y", float, -1.5, (-3.0, 3.0), "θ2 of the current θ (the SGD start)"),
        Param("n", int, 100, (20, 400), "number of examples, half in each class"),
        Param("separation", float, 2.5, (0.5, 3.0), "distance between the two class means"),
    ),
)

LABELS = (1, 0)  # left panel: a class-1 point, right panel: a class-0 point
FADE = 0.35  # opacity of the examples not being updated on
WIDE = 1.2  # width / height of the panels on 16:9 slides
PAD = 0.9  # x units around the origin, θ, θ' and the two points; the other data are context
EDGE = 0.15  # x units: context points nearer the plot's edge are left out, not cut in half


@dataclass(frozen=True)
class Data:
    X: np.ndarray
    y: np.ndarray
    focus: tuple  # the window around the origin, θ, θ' and the two points
    picture: LogisticPicture  # p(1 | x) and the boundary for the current θ, over focus widened
    steps: tuple[ExampleStep, ...]  # one per panel
    after: tuple[np.ndarray, ...]  # the boundary after each step


def compute(params, seed) -> Data:
    problem = LogReg(n=params.n, separation=params.separation, seed=seed)
    theta = np.array([params.start_x, params.start_y])
    steps = tuple(example_step(problem, theta, most_wrong_example(problem, theta, label), params.lr)
                  for label in LABELS)
    focus = window(np.vstack([np.zeros((1, 2)), theta[None, :],
                              *(np.stack([s.x, s.theta_after]) for s in steps)]), pad=PAD)
    bounds = widened(focus, WIDE)
    return Data(X=problem.X, y=problem.y, focus=focus, picture=logistic_picture(theta, bounds),
                steps=steps, after=tuple(decision_boundary(s.theta_after, bounds) for s in steps))


def widened(bounds, ratio: float):
    """``bounds`` widened about its centre to at least ``ratio`` = width / height."""
    (x0, x1), (y0, y1) = bounds
    half = 0.5 * max(x1 - x0, ratio * (y1 - y0))
    return (0.5 * (x0 + x1) - half, 0.5 * (x0 + x1) + half), (y0, y1)


def label(ax, at, text, colour, direction, points=8.0) -> None:
    """``text`` beside ``at``, ``points`` away in ``direction``, aligned so it grows away."""
    unit = np.asarray(direction, dtype=float) / np.linalg.norm(direction)
    ha = "left" if unit[0] > 0.4 else "right" if unit[0] < -0.4 else "center"
    va = "bottom" if unit[1] > 0.4 else "top" if unit[1] < -0.4 else "center"
    ax.annotate(text, at, xytext=tuple(points * unit), textcoords="offset points", ha=ha, va=va,
                color=colour, zorder=7).set_in_layout(False)


def left_of(vector) -> np.ndarray:
    """``vector`` turned by +90°."""
    return np.array([-vector[1], vector[0]])


def cross(u, v) -> float:
    """The z-component of u × v: positive when v lies counter-clockwise of u."""
    return float(u[0] * v[1] - u[1] * v[0])


def panel(ax, data: Data, step: ExampleStep, after, theme, bounds) -> None:
    picture = data.picture
    shade(ax, picture, theme)
    input_plane(ax, bounds)
    if picture.boundary is not None:  # θ = 0 has none: p(1 | x) = 1/2 all over the plane
        ax.plot(*picture.boundary.T, color=theme.boundary, lw=2.5, zorder=2)
    if after is not None:
        ax.plot(*after.T, color=theme.boundary, lw=2.0, ls="--", zorder=2)
    (x0, x1), (y0, y1) = bounds
    inside = ((x0 + EDGE < data.X[:, 0]) & (data.X[:, 0] < x1 - EDGE)
              & (y0 + EDGE < data.X[:, 1]) & (data.X[:, 1] < y1 - EDGE))
    scatter_classes(ax, data.X[inside], data.y[inside], theme, size=30, alpha=FADE)
    scatter_classes(ax, step.x[None, :], np.array([step.y]), theme, size=64)
    ax.plot(*step.x, "o", fillstyle="none", color=theme.foreground, ms=16, mew=2, zorder=4)

    # x, θ and θ' from the origin; the update closes the triangle from θ's tip to θ''s tip
    ax.annotate("", step.x, xytext=(0.0, 0.0), zorder=4,
                arrowprops=dict(arrowstyle="-|>", color=theme.muted, lw=1.5, ls=":",
                                shrinkA=0, shrinkB=9))
    away = -np.sign(cross(step.x, step.theta)) or 1.0  # the side of x away from θ
    label(ax, 0.5 * step.x, r"$x$", theme.muted, away * left_of(step.x))
    if np.any(step.theta):
        theta_arrow(ax, (0.0, 0.0), step.theta, theme.foreground)
        label(ax, step.theta, r"$\theta$", theme.foreground, step.theta)
    else:  # θ = 0, the usual start: a point, labelled across x from x's label
        ax.plot(0.0, 0.0, "o", color=theme.foreground, ms=7, zorder=5)
        label(ax, step.theta, r"$\theta = 0$", theme.foreground, -away * left_of(step.x))
    ax.annotate("", step.theta_after, xytext=(0.0, 0.0), zorder=5,
                arrowprops=dict(arrowstyle="-|>", color=theme.foreground, lw=2.0, ls="--",
                                shrinkA=0, shrinkB=0, mutation_scale=18))
    turn = np.sign(cross(step.theta, step.theta_after)) or 1.0
    label(ax, step.theta_after, r"$\theta'$", theme.foreground, turn * left_of(step.theta_after))
    theta_arrow(ax, step.theta, step.update, theme.update).set_zorder(6)  # over θ's head

    ax.set_title(rf"class {step.y}, $p = {step.p:.2f}$" "\n"
                 rf"$\theta' = \theta {step.coefficient:+.2f}\,x$", fontsize=FONT_SIZE_SMALL)


def draw(figure, data: Data, theme) -> None:
    axes = figure.subplots(1, len(data.steps), sharex=True, sharey=True)
    # side by side on 16:9 there is room for wide panels; on 4:3 the tall focus fits better
    wide = widescreen(figure)
    for ax, step, after in zip(axes, data.steps, data.after):
        panel(ax, data, step, after, theme, data.picture.bounds if wide else data.focus)
    axes[1].set_ylabel("")
    for ax, side in zip(axes, ("SE", "SW")):  # together, down on their labels (one layout pass)
        ax.set_anchor(side)
    boundaries = [Line2D([], [], color=theme.boundary, lw=2.0, ls="--", label=r"of $\theta'$")]
    if data.picture.boundary is not None:
        boundaries.insert(0, Line2D([], [], color=theme.boundary, lw=2.5,
                                    label=r"boundary of $\theta$"))
    else:
        boundaries[0].set_label(r"boundary of $\theta'$")
    figure.legend(handles=[
        Line2D([], [], color=theme.update, lw=2.5, marker=">",
               label=rf"update $-\epsilon\,(p - y)\,x$, $p = \sigma(\theta{T}x)$"), *boundaries,
    ], loc="outside upper center", ncols=3 if wide else 2, frameon=False, handlelength=2.0,
        columnspacing=1.5)
