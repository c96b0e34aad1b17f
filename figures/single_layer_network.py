"""
Linear and logistic regression as single-layer networks
=======================================================

One output unit takes the inputs x⁽⁰⁾, forms the weighted sum z = θ⊤x⁽⁰⁾ and
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
from figures._draw import T
from sim.forward_pass import response
from theme import FONT_SIZE

ASSET = FigureAsset(
    id="single-layer-network",
    title="Linear and logistic regression as single-layer networks",
    slide="single-layer neural networks: the linear and logistic regression",
    caption="A single-layer network forms z = θ⊤x⁽⁰⁾ and applies g: the identity gives linear "
            "regression, the sigmoid gives logistic regression.",
    alt="Two network diagrams side by side. In each, input units x1 to x3 of layer 0 are joined "
        "by edges labelled θ1 to θ3 to one output unit, drawn as a circle with a summation sign "
        "and the graph of its activation. Left, linear regression: the activation is a straight "
        "line and the output is ŷ = θ⊤x. Right, logistic regression: the activation is an S-shaped "
        "sigmoid and the output is p(1 | x) = σ(θ⊤x).",
    params=(
        Param("inputs", int, 3, (1, 5), "number of inputs x⁽⁰⁾"),
    ),
)

GLYPH_Z = np.linspace(-6.0, 6.0, 121)  # the stretch of z each unit's graph shows
UNIT_X = 2.6  # the output unit's distance from the inputs, diagram units
RIGHT = UNIT_X + 2.35  # the panel's right edge: room for the arrow and its label p(1 | x)
BELOW = 1.2  # the two formula lines under the inputs
ABOVE_UNIT = 0.45  # the unit's z and g above it
WEIGHT_AT = 0.4  # where along its edge a weight's name sits: nearer the inputs, where the edges
# are further apart than where they meet at the unit
MAX_SPACING = 2.5  # the inputs spread at most this far apart to fill a tall panel
PANELS = (  # activation, title, output name, output formula, activation formula
    ("identity", "linear regression", r"$\hat{y}$",
     rf"$\hat{{y}} = \theta{T}x^{{(0)}}$", r"identity: $g(z) = z$"),
    ("sigmoid", "logistic regression", r"$p(1 \mid x)$",
     rf"$p(1 \mid x) = \sigma(\theta{T}x^{{(0)}})$", r"sigmoid: $g(z) = 1/(1 + e^{-z})$"),
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
    width, height = figure.get_size_inches()
    # spread the inputs so that the drawing is as tall, for its width, as its panel (less the
    # title): no blank band under it
    tall = (height - 0.8) / (width / 2) * (RIGHT + 0.45) - BELOW - 0.1 - 2 * nd.INPUT_RADIUS
    spacing = np.clip(tall / max(data.inputs - 1, 1), nd.SPACING, MAX_SPACING)
    inputs = nd.column(data.inputs, 0.0, spacing)
    unit = np.array([UNIT_X, 0.0])
    top = max(inputs[0, 1] + nd.INPUT_RADIUS, nd.UNIT_RADIUS + ABOVE_UNIT)
    for ax, (activation, title, name, formula, rule) in zip(axes, PANELS):
        nd.canvas(ax, (-0.45, RIGHT), (-top - BELOW, top + 0.1))
        ax.set_title(title, pad=10)
        nd.edges(ax, inputs, [unit], 1, theme, nd.INPUT_RADIUS, nd.UNIT_RADIUS)
        nd.inputs(ax, inputs, [rf"$x^{{(0)}}_{k + 1}$" for k in range(data.inputs)], theme)
        for k, p in enumerate(inputs):
            nd.label_on_edge(ax, p, unit, WEIGHT_AT, rf"$\theta_{k + 1}$", theme)
        nd.units(ax, [unit], "output", data.z, getattr(data, activation), theme)
        for dx, part in ((-0.45, "$z$"), (0.45, "$g$")):  # what each half of the unit holds
            ax.text(*(unit + [dx * nd.UNIT_RADIUS, nd.UNIT_RADIUS + 0.08]), part,
                    ha="center", va="bottom", color=theme.muted)
        nd.arrow_out(ax, unit + [nd.UNIT_RADIUS, 0], unit + [nd.UNIT_RADIUS + 0.5, 0], name, theme)
        ax.text(UNIT_X / 2, -top - 0.45, formula, ha="center", va="center")
        ax.annotate(rule, (UNIT_X / 2, -top - 0.45), xytext=(0, -1.7 * FONT_SIZE),
                    textcoords="offset points", ha="center", va="center", color=theme.muted)
