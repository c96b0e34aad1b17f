"""
Linear and logistic regression as single-layer networks
=======================================================

One output unit takes the inputs x⁽⁰⁾, forms the weighted sum z = θᵀx⁽⁰⁾ and
applies an activation g. With the identity it is linear regression, with the
sigmoid σ it is logistic regression: the same network, two nonlinearities. The
graphs inside the units are the activations as sim computes them.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assets.catalogue import FigureAsset
from assets.params import Param
from figures import _network_diagram as nd
from sim.forward_pass import response

ASSET = FigureAsset(
    id="single-layer-network",
    title="Linear and logistic regression as single-layer networks",
    slide="single-layer neural networks: the linear and logistic regression",
    caption="A single-layer network forms z = θᵀx⁽⁰⁾ and applies g: the identity gives linear "
            "regression, the sigmoid gives logistic regression.",
    alt="Two network diagrams side by side. In each, input units x1 to x3 of layer 0 are joined "
        "by edges labelled θ1 to θ3 to one output unit, drawn as a circle with a summation sign "
        "and the graph of its activation. Left, linear regression: the activation is a straight "
        "line and the output is ŷ = θᵀx. Right, logistic regression: the activation is an S-shaped "
        "sigmoid and the output is p(1|x) = σ(θᵀx).",
    params=(
        Param("inputs", int, 3, (1, 5), "number of inputs x⁽⁰⁾"),
    ),
)

GLYPH_Z = np.linspace(-6.0, 6.0, 121)  # the stretch of z each unit's graph shows
UNIT_X = 2.6  # the output unit's distance from the inputs, diagram units
PANELS = (  # activation, title, output name, output formula, activation formula
    ("identity", "linear regression", r"$\hat{y}$",
     r"$\hat{y} = \theta^{\mathsf{T}} x^{(0)}$", r"identity: $g(z) = z$"),
    ("sigmoid", "logistic regression", r"$p(1|x)$",
     r"$p(1|x) = \sigma(\theta^{\mathsf{T}} x^{(0)})$", r"sigmoid: $g(z) = 1/(1 + e^{-z})$"),
)


@dataclass(frozen=True)
class Data:
    inputs: int
    z: np.ndarray
    identity: np.ndarray
    sigmoid: np.ndarray


def compute(params, seed) -> Data:
    return Data(inputs=params.inputs, z=GLYPH_Z, identity=response(GLYPH_Z, "identity"),
                sigmoid=response(GLYPH_Z, "sigmoid"))


def draw(figure, data: Data, theme) -> None:
    axes = figure.subplots(1, 2)
    inputs = nd.column(data.inputs, 0.0)
    unit = np.array([UNIT_X, 0.0])
    top = max(inputs[0, 1] + nd.INPUT_RADIUS, nd.UNIT_RADIUS)
    for ax, (activation, title, name, formula, rule) in zip(axes, PANELS):
        nd.canvas(ax, (-0.45, UNIT_X + 1.95), (-top - 1.2, top + 0.1))
        ax.set_title(title, pad=10)
        nd.edges(ax, inputs, [unit], 1, theme, nd.INPUT_RADIUS, nd.UNIT_RADIUS)
        nd.inputs(ax, inputs, [rf"$x^{{(0)}}_{k + 1}$" for k in range(data.inputs)], theme)
        for k, p in enumerate(inputs):
            nd.label_on_edge(ax, p, unit, 0.5, rf"$\theta_{k + 1}$", theme)
        nd.units(ax, [unit], "output", data.z, getattr(data, activation), theme)
        for dx, part in ((-0.45, "$z$"), (0.45, "$g$")):  # what each half of the unit holds
            ax.text(*(unit + [dx * nd.UNIT_RADIUS, nd.UNIT_RADIUS + 0.08]), part,
                    ha="center", va="bottom", color=theme.muted)
        nd.arrow_out(ax, unit + [nd.UNIT_RADIUS, 0], unit + [nd.UNIT_RADIUS + 0.5, 0], theme)
        ax.text(*(unit + [nd.UNIT_RADIUS + 0.6, 0]), name, ha="left", va="center")
        ax.text(UNIT_X / 2, -top - 0.45, formula, ha="center", va="center")
        ax.text(UNIT_X / 2, -top - 0.95, rule, ha="center", va="center", color=theme.muted)
