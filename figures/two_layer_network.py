"""
A two-layer network
===================

Inputs x⁽⁰⁾ feed a hidden layer of sigmoid units through the weights θ⁽¹⁾; the
hidden activations x⁽¹⁾ feed the output unit through θ⁽²⁾. Every edge is one
weight, so θ⁽ˡ⁾ has one entry per edge between its two layers. The graphs inside
the units are the activations as sim computes them.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assets.catalogue import FigureAsset
from assets.params import Param
from figures import _network_diagram as nd
from sim.forward_pass import response

ASSET = FigureAsset(
    id="two-layer-network",
    title="A two-layer network",
    slide="two-layer neural networks",
    caption="A two-layer network: the inputs x⁽⁰⁾ feed a hidden layer of sigmoid units through "
            "the weights θ⁽¹⁾, and the hidden layer feeds the output through θ⁽²⁾.",
    alt="Network diagram in three columns: three input units x1 to x3 of layer 0, four hidden "
        "units, one output unit. Every input is joined to every hidden unit by an edge, the "
        "bundle labelled θ(1) in R 4 by 3; every hidden unit is joined to the output, the bundle "
        "labelled θ(2) in R 1 by 4. Each hidden unit shows a summation sign and an S-shaped "
        "sigmoid; the output unit shows a summation sign and a straight line, and an arrow "
        "carries its output x(2) away. Under the columns: input x(0), hidden layer "
        "x(1) = σ(θ(1) x(0)), output x(2) = θ(2) x(1).",
    params=(
        Param("inputs", int, 3, (1, 5), "number of inputs x⁽⁰⁾"),
        Param("hidden", int, 4, (1, 5), "number of hidden units x⁽¹⁾"),
        Param("output", str, "identity", help="the output unit's activation",
              choices=("identity", "sigmoid")),
    ),
)

GLYPH_Z = np.linspace(-6.0, 6.0, 121)  # the stretch of z each unit's graph shows
LAYER_GAP = 3.0  # least distance between the columns, diagram units; wide slides spread them
LEFT, RIGHT = 1.0, 2.3  # room left of the inputs and right of the output unit (arrow, x⁽²⁾)
TITLE = 0.7  # inches the title takes
HIDDEN_RADIUS = 0.44
HIDDEN_SPACING = 1.2


@dataclass(frozen=True)
class Data:
    inputs: int
    hidden: int
    output: str
    z: np.ndarray
    hidden_g: np.ndarray
    output_g: np.ndarray


def compute(params, seed) -> Data:
    return Data(inputs=params.inputs, hidden=params.hidden, output=params.output, z=GLYPH_Z,
                hidden_g=response(GLYPH_Z, "sigmoid"), output_g=response(GLYPH_Z, params.output))


def _g(activation: str, argument: str) -> str:
    return rf"\sigma({argument})" if activation == "sigmoid" else argument


def draw(figure, data: Data, theme) -> None:
    ax = figure.subplots()
    top = max(nd.column(data.inputs, 0.0)[0, 1] + nd.INPUT_RADIUS,
              nd.column(data.hidden, 0.0, HIDDEN_SPACING)[0, 1] + HIDDEN_RADIUS)
    below, above = top + 1.3, top + 0.75
    # the columns spread until the drawing has the shape of the page under the title: no
    # blank bands left and right
    width, height = figure.get_size_inches()
    wide = (below + above) * (width - 0.3) / (height - TITLE)
    gap = max(LAYER_GAP, (wide - LEFT - RIGHT) / 2)
    x0 = nd.column(data.inputs, 0.0)
    x1 = nd.column(data.hidden, gap, HIDDEN_SPACING)
    x2 = nd.column(1, 2 * gap)
    nd.canvas(ax, (-LEFT, 2 * gap + RIGHT), (-below, above))
    hidden = _g("sigmoid", r"\theta^{(1)} x^{(0)}")
    output = _g(data.output, r"\theta^{(2)} x^{(1)}")
    network = _g(data.output, r"\theta^{(2)} " + hidden)
    ax.set_title(r"$f(x^{(0)}; \theta^{(1)}, \theta^{(2)}) = " + network + "$", pad=4)

    nd.edges(ax, x0, x1, 1, theme, nd.INPUT_RADIUS, HIDDEN_RADIUS)
    nd.edges(ax, x1, x2, 2, theme, HIDDEN_RADIUS, nd.UNIT_RADIUS)
    nd.inputs(ax, x0, [rf"$x^{{(0)}}_{k + 1}$" for k in range(data.inputs)], theme)
    nd.units(ax, x1, "hidden", data.z, data.hidden_g, theme, HIDDEN_RADIUS)
    nd.units(ax, x2, "output", data.z, data.output_g, theme)
    end = x2[0] + [nd.UNIT_RADIUS, 0]
    nd.arrow_out(ax, end, end + [0.7, 0], "$x^{(2)}$", theme)

    for layer, (left, right) in enumerate(((x0, x1), (x1, x2)), start=1):
        ax.text(gap * (layer - 0.5), top + 0.25,
                rf"$\theta^{{({layer})}} \in \mathbb{{R}}^{{{len(right)} \times {len(left)}}}$",
                ha="center", va="center", gid=f"weights-{layer}")
    captions = ("input\n$x^{(0)}$",
                f"hidden layer\n$x^{{(1)}} = {hidden}$",
                f"output\n$x^{{(2)}} = {output}$")
    for k, caption in enumerate(captions):
        ax.text(k * gap, -top - 0.2, caption, ha="center", va="top", linespacing=1.5)
