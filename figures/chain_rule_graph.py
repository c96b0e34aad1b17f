"""
The chain rule on a computation graph
=====================================

The lecture's example u = (z1 + z2)²/2 with z1 = x1 sin x2 and z2 = (sin x2)²
as a graph x → z → u. Every edge a → b carries its local derivative ∂b/∂a,
as a formula and as its value at the sample point. The gradient ∇ₓu computed
two ways, by brute force (substitute, then differentiate) and by the chain
rule (multiply along the paths, add over them), agrees to every digit shown.
All numbers come from ``sim.chain_rule``, all formulas from
``sim.chain_rule_formulas``.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.patches import Circle, FancyArrowPatch

from assets.catalogue import FigureAsset
from assets.params import Param
from sim.chain_rule import EDGES, chain_rule_example
from sim.chain_rule_formulas import (DEFINITIONS, LOCAL, SUBSTITUTED, SYMBOLS, chain_rule_sum,
                                     derivative, given, printed)
from sim.graphs import Graph, Layers, crossing_edges, grid, label_anchor, layers

ASSET = FigureAsset(
    id="chain-rule-graph",
    title="The chain rule on a computation graph",
    slide="review: the chain rule from multivariate calculus",
    caption="Each edge of the graph x → z → u carries its local derivative; multiplying them "
            "along the paths and adding gives the same gradient as brute force.",
    alt="A computation graph: inputs x1 and x2 on the left, z1 and z2 in the middle, u on the "
        "right, each node with its value at the sample point and each arrow labelled with its "
        "local derivative and that derivative's value. Beside it a table of ∂u/∂x1 and ∂u/∂x2 by "
        "brute force and by the chain rule, with equal numbers.",
    params=(
        Param("x1", float, 2.0, (-3.0, 3.0), "x₁ of the sample point"),
        Param("x2", float, 1.0, (-3.0, 3.0), "x₂ of the sample point, in radians"),
        Param("decimals", int, 3, (1, 6), "decimals of every number printed"),
    ),
)

COLUMNS = (0.0, 4.6, 7.8)  # graph units: where the columns x, z and u stand
SPREAD = (3.6, 2.4, 0.0)  # distance between the nodes of each column
RADIUS = 0.36  # of a node's circle
LABEL_OFFSET = 0.08  # gap between an edge and its label
CROSSING_AT = 0.3  # where along a crossing edge its label sits (0: source, 1: target)
LINE = 0.34  # inches per line of text in the results panel
RESULT_COLUMNS = (0.4, 0.78)  # centres of the brute-force and chain-rule columns (panel fraction)


@dataclass(frozen=True)
class Data:
    point: np.ndarray  # (2,)
    values: dict[str, float]  # forward value of each node
    local: dict[tuple[str, str], float]  # ∂b/∂a on each edge a → b
    grad_brute: np.ndarray  # (2,)
    grad_chain: np.ndarray  # (2,)
    layers: Layers
    decimals: int


def compute(params, seed) -> Data:
    example = chain_rule_example([params.x1, params.x2])
    values = {"x1": example.x[0], "x2": example.x[1], "z1": example.z1, "z2": example.z2,
              "u": example.u}
    return Data(point=example.x, values={k: float(v) for k, v in values.items()},
                local={e: float(v) for e, v in example.local.items()},
                grad_brute=example.grad_brute, grad_chain=example.grad_chain,
                layers=layers(Graph.from_edges(EDGES)), decimals=params.decimals)


def _draw_graph(ax, data: Data, theme) -> None:
    centres = grid(data.layers, COLUMNS, SPREAD)
    crossings = crossing_edges(centres, EDGES)
    middle = np.mean(list(centres.values()), axis=0)
    for a, b in EDGES:
        pa, pb = centres[a], centres[b]
        along = (pb - pa) / np.linalg.norm(pb - pa)
        zero = LOCAL[(a, b)] == "0"  # b does not depend on a at all: a dashed edge, labelled 0
        ax.add_patch(FancyArrowPatch(pa + RADIUS * along, pb - RADIUS * along,
                                     arrowstyle="-|>,head_length=0.5,head_width=0.25",
                                     mutation_scale=18, lw=1.8, shrinkA=0, shrinkB=0,
                                     color=theme.muted if zero else theme.foreground,
                                     linestyle=(0, (4, 3)) if zero else "-",
                                     gid=f"edge:{a}->{b}"))
        at, normal = label_anchor(pa, pb, middle, (a, b) in crossings, CROSSING_AT)
        angle = np.degrees(np.arctan2(along[1], along[0]))
        text = "$0$" if zero else \
            f"${LOCAL[(a, b)]}$\n$= {printed(data.local[(a, b)], data.decimals)}$"
        ax.text(*(at + LABEL_OFFSET * normal), text,
                rotation=angle, rotation_mode="anchor", ha="center",
                va="bottom" if normal[1] > 0 else "top", color=theme.gradient,
                gid=f"local:{a}->{b}")
    for name, c in centres.items():
        ax.add_patch(Circle(c, RADIUS, facecolor=theme.background, edgecolor=theme.foreground,
                            lw=1.8, zorder=3, gid=f"node:{name}"))
        ax.text(*c, f"${SYMBOLS[name]}$", ha="center", va="center", fontsize=20, zorder=4)
        away = c - middle
        show = given if data.layers.depth[name] == 0 else printed  # inputs as given
        label = f"${SYMBOLS[name]} = {show(data.values[name], data.decimals)}$"
        if abs(away[1]) > 1e-9:
            ax.text(c[0], c[1] + np.sign(away[1]) * (RADIUS + 0.12), label, ha="center",
                    va="bottom" if away[1] > 0 else "top", gid=f"value:{name}")
        else:
            ax.text(c[0] + RADIUS + 0.15, c[1], label, ha="left", va="center", gid=f"value:{name}")
    ax.set_aspect("equal")
    ax.axis("off")
    ax.autoscale_view()


def _draw_results(ax, data: Data, theme, height: float) -> None:
    """∂u/∂x₁ and ∂u/∂x₂ by brute force and by the chain rule, side by side, each column headed
    by how it is computed; ``height`` is the panel's, in inches."""
    line = LINE / height
    headers = (("brute force", f"$u = {SUBSTITUTED}$"),
               ("chain rule", f"${chain_rule_sum(inline=True)}$"))
    for x, (name, how) in zip(RESULT_COLUMNS, headers):
        ax.text(x, 1.0, name, ha="center", va="top", fontweight="bold")
        ax.text(x, 1.0 - line, how, ha="center", va="top", fontsize=14, color=theme.muted)
    ax.axhline(1.0 - 2.2 * line, color=theme.muted, lw=1.0)
    for i, node in enumerate(("x1", "x2")):
        y = 1.0 - (2.9 + 1.1 * i) * line
        ax.text(0.0, y, f"${derivative('u', node, inline=True)}$", ha="left", va="center")
        for x, source, values in zip(RESULT_COLUMNS, ("brute", "chain"),
                                     (data.grad_brute, data.grad_chain)):
            ax.text(x, y, f"${printed(values[i], data.decimals)}$", ha="center", va="center",
                    gid=f"grad:{source}:{node}")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.axis("off")


def draw(figure, data: Data, theme) -> None:
    graph, results = figure.subplots(2, 1, height_ratios=(2.4, 1.0))
    _draw_graph(graph, data, theme)
    figure.draw_without_rendering()  # settle the layout: the results panel's height in inches
    _draw_results(results, data, theme, results.get_position().height * figure.get_size_inches()[1])
    x1, x2 = (given(v, data.decimals) for v in data.point)
    figure.suptitle(f"$u = {DEFINITIONS['u']},\\ z_1 = {DEFINITIONS['z1']},\\ "
                    f"z_2 = {DEFINITIONS['z2']}$   at   $x = ({x1}, {x2})$", fontsize=18)
