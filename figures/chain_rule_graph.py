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
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.patches import Circle, FancyArrowPatch
from matplotlib.transforms import ScaledTranslation

import theme as theme_module
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
    alt="A computation graph: inputs x1 = 2 and x2 = 1 on the left, z1 and z2 in the middle, u "
        "on the right, each node with its value at the sample point and each arrow labelled, in "
        "the gradient colour, with its local derivative and that derivative's value (the dashed "
        "arrow from x1 to z2 with 0). Below it a table: one row for brute force, showing the "
        "substituted u, one for the chain rule, showing the sum over paths, and columns ∂u/∂x1 "
        "and ∂u/∂x2, with equal numbers in both rows.",
    params=(
        Param("x1", float, 2.0, (-3.0, 3.0), "x₁ of the sample point"),
        Param("x2", float, 1.0, (-3.0, 3.0), "x₂ of the sample point, in radians"),
        Param("decimals", int, 3, (1, 6), "decimals of every number printed"),
    ),
)

COLUMNS = (0.0, 5.4, 8.8)  # graph units: where the columns x, z and u stand
SPREAD = (3.4, 2.6, 0.0)  # distance between the nodes of each column
RADIUS = 0.36  # of a node's circle
LABEL_OFFSET = 0.08  # gap between an edge and its label
CROSSING_AT = 0.3  # where along a crossing edge its label sits (0: source, 1: target)
TABLE_ROW = 0.42  # inches per row of the results table
TABLE_GAP = 0.3  # inches between its columns
MARGIN = 0.15  # inches of background kept around everything drawn


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
        if zero:  # its short "0" goes outside, clear of the other crossing edge's label
            normal = -normal
        angle = np.degrees(np.arctan2(along[1], along[0]))
        text = "$0$" if zero else \
            f"${LOCAL[(a, b)]}$\n$= {printed(data.local[(a, b)], data.decimals)}$"
        ax.text(*(at + LABEL_OFFSET * normal), text, fontsize=theme_module.FONT_SIZE_SMALL,
                rotation=angle, rotation_mode="anchor", ha="center",
                va="bottom" if normal[1] > 0 else "top", color=theme.gradient,
                gid=f"local:{a}->{b}")
    for name, c in centres.items():
        ax.add_patch(Circle(c, RADIUS, facecolor=theme.background, edgecolor=theme.foreground,
                            lw=1.8, zorder=3, gid=f"node:{name}"))
        ax.text(*c, f"${SYMBOLS[name]}$", ha="center", va="center", zorder=4)
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
    ax.autoscale_view()  # the nodes: a first guess the layout starts from, before _fit


def _draw_results(ax, data: Data, theme) -> None:
    """∂u/∂x₁ and ∂u/∂x₂ by brute force and by the chain rule, one method a row, so that
    equal numbers stand one above the other; each row shows what its method differentiates or
    sums. Placed in inches from the centre of ``ax``, the columns as wide as their widest
    text, so the table keeps its size wherever the layout puts the axes."""
    rows = (("brute force", f"${SUBSTITUTED}$", "brute", data.grad_brute),
            ("chain rule", f"${chain_rule_sum(inline=True).split(' = ')[1]}$", "chain",
             data.grad_chain))  # the sum alone: the column heads name what it equals
    inches = ax.figure.dpi_scale_trans + ScaledTranslation(0.5, 0.5, ax.transAxes)
    cells = [[ax.text(0, 0, "")] + [ax.text(0, 0, f"${derivative('u', n, inline=True)}$",
                                            ha="center") for n in ("x1", "x2")]]
    for name, how, source, values in rows:
        cells.append([ax.text(0, 0, f"{name}:  {how}", ha="left", color=theme.muted,
                              fontsize=theme_module.FONT_SIZE_SMALL)]
                     + [ax.text(0, 0, f"${printed(v, data.decimals)}$", ha="center",
                                gid=f"grad:{source}:{node}")
                        for v, node in zip(values, ("x1", "x2"))])
    widths = [max(row[j].get_window_extent().width for row in cells) / ax.figure.dpi
              for j in range(3)]
    widths[1:] = [w + TABLE_GAP for w in widths[1:]]
    left = np.concatenate([[0.0], np.cumsum(widths)[:-1]]) - sum(widths) / 2
    for i, row in enumerate(cells):
        for j, cell in enumerate(row):
            cell.set_transform(inches)
            cell.set_in_layout(False)  # sized in inches, not by the layout: none of its business
            cell.set_position((left[j] + (0 if j == 0 else widths[j] / 2),
                               (1 - i) * TABLE_ROW))
            cell.set_verticalalignment("center")
    ax.plot([left[0], -left[0]], [0.5 * TABLE_ROW] * 2, color=theme.muted, lw=1.0,
            transform=inches, clip_on=False)
    ax.axis("off")


def draw(figure, data: Data, theme) -> None:
    figure.suptitle(f"$u = {DEFINITIONS['u']},\\ z_1 = {DEFINITIONS['z1']},\\ "
                    f"z_2 = {DEFINITIONS['z2']}$", fontsize=theme_module.FONT_SIZE)
    height = figure.get_size_inches()[1]
    table = 3 * TABLE_ROW + MARGIN
    graph, results = figure.subplots(2, 1, height_ratios=(height - table - 0.6, table))
    _draw_results(results, data, theme)
    _draw_graph(graph, data, theme)
    for text in graph.texts:  # _fit makes room for them inside the axes, not the layout
        text.set_in_layout(False)
    ConstrainedLayoutEngine().execute(figure)  # where the axes will be, before fitting to them
    _fit(graph)


def _fit(ax) -> None:
    """Data limits that hold every node, arrow and label with MARGIN to spare (texts are sized
    in points, so their extent in data units depends on the limits: a few rounds settle it)."""
    for _ in range(8):
        ax.apply_aspect()
        boxes = [a.get_window_extent() for a in (*ax.texts, *ax.patches)]
        x0, y0 = np.min([[b.x0, b.y0] for b in boxes], axis=0) - MARGIN * ax.figure.dpi
        x1, y1 = np.max([[b.x1, b.y1] for b in boxes], axis=0) + MARGIN * ax.figure.dpi
        (u0, v0), (u1, v1) = ax.transData.inverted().transform([(x0, y0), (x1, y1)])
        ax.set_xlim(u0, u1)
        ax.set_ylim(v0, v1)
