"""
Complex architectures: anything goes, but no loops
==================================================

Layers may branch, merge and skip ahead in any way, as long as the wiring is
a directed acyclic graph: then the layers have an order in which to compute
them (printed under the left graph). Feeding an output back into an earlier
layer makes a loop, and no such order exists. Both facts are computed by
``sim.graphs`` from the edges drawn here, and the crossed-out edge is the one
its search found closing the loop.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
from matplotlib.path import Path

import theme as theme_module
from assets.catalogue import FigureAsset
from assets.params import Param
from sim.graphs import (ANYTHING_GOES, WITH_LOOP, Graph, Layers, feedback_edges, find_cycle,
                        grid, layers, topological_order)

ASSET = FigureAsset(
    id="architectures",
    title="Complex architectures: anything goes, but loops are not allowed",
    slide="complex neural network architectures",
    caption="Layers may branch, merge and skip ahead in any directed acyclic graph, which always "
            "has an order to compute them in; a connection feeding back makes a loop, and is not "
            "allowed.",
    alt="Two layer graphs drawn bottom to top, from the box x marked 'input' to the box y marked "
        "'output'. Left, 'anything goes': layers h1 to h5 with two parallel branches and three "
        "skip connections in the highlight colour, and the order in which to compute them. "
        "Right, 'loops are not allowed': a chain x, h1, h2, h3, y whose edge from h3 back to h1 "
        "is drawn and crossed out in the colour of a violated rule, with the loop printed "
        "below.",
    params=(
        Param("orders", bool, True, help="print the computing order under the left graph and the "
                                         "loop under the right one"),
    ),
)

ROW, COLUMN = 1.0, 1.9  # distance between rows (depths) and between nodes of one row
BOX = (1.35, 0.48)  # width, height of a layer's box
LANE = 0.35  # gap between the widest box a detour passes and its vertical lane
CORNER = 0.18  # radius of a detour's rounded corners
CROSS = 0.22  # half-size of the ✗ over a forbidden edge
PORT = 0.3  # how far along a box's edge an arrow ends, per unit of sideways distance it travels


@dataclass(frozen=True)
class Panel:
    """One graph as sim computed it: its rows, its computing order or its loop."""

    graph: Graph
    layers: Layers
    order: tuple[str, ...] | None
    cycle: tuple[str, ...] | None
    feedback: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Data:
    acyclic: Panel
    loop: Panel
    orders: bool


def _panel(graph: Graph) -> Panel:
    return Panel(graph=graph, layers=layers(graph), order=topological_order(graph),
                 cycle=find_cycle(graph), feedback=feedback_edges(graph))


def compute(params, seed) -> Data:
    return Data(acyclic=_panel(ANYTHING_GOES), loop=_panel(WITH_LOOP), orders=params.orders)


def node_tex(name: str) -> str:
    """'h12' → '$h_{12}$': a node's name as mathtext, its trailing digits as subscript."""
    letters, digits = re.fullmatch(r"(\D+)(\d*)", name).groups()
    return f"${letters}_{{{digits}}}$" if digits else f"${letters}$"


def centres_of(lay: Layers) -> dict[str, np.ndarray]:
    """Box centres: rows (depths) from the bottom up, each row's boxes side by side."""
    rows = [ROW * d for d in range(max(lay.size) + 1)]
    return {n: np.array([-y, x]) for n, (x, y) in grid(lay, rows, [COLUMN] * len(rows)).items()}


def _blocks(start, end, centres, skip) -> bool:
    """Whether the segment start → end passes through the box of a node other than ``skip``."""
    half = np.array(BOX) / 2 + 0.05
    along = start + np.linspace(0.0, 1.0, 200)[:, None] * (end - start)
    return any(np.all(np.abs(along - c) < half, axis=1).any()
               for name, c in centres.items() if name not in skip)


def _detour(a, b, side: int, lane: float) -> Path:
    """From the side of box a out to a vertical lane at x = lane, along it, into box b's side."""
    r, w = CORNER, BOX[0] / 2
    start, end = a + [side * w, 0.0], b + [side * w, 0.0]
    up = np.sign(b[1] - a[1])
    vertices = [start, [lane - side * r, a[1]], [lane, a[1]], [lane, a[1] + up * r],
                [lane, b[1] - up * r], [lane, b[1]], [lane - side * r, b[1]], end]
    codes = [Path.MOVETO, Path.LINETO, Path.CURVE3, Path.CURVE3, Path.LINETO, Path.CURVE3,
             Path.CURVE3, Path.LINETO]
    return Path(np.array(vertices, dtype=float), codes)


def routes(graph: Graph, centres) -> dict[tuple[str, str], Path]:
    """Each edge's path: straight from the top of one box to the bottom of the next when nothing
    is in the way, otherwise a detour beside the rows it passes, alternating sides."""
    half_w, half_h = BOX[0] / 2, BOX[1] / 2
    paths, lanes = {}, {1: [], -1: []}
    for a, b in graph.edges:
        pa, pb = centres[a], centres[b]
        shift = np.clip(PORT * (pb[0] - pa[0]), -half_w / 2, half_w / 2)
        start, end = pa + [shift, half_h], pb - [shift, half_h]
        if pb[1] > pa[1] and not _blocks(start, end, centres, (a, b)):
            paths[(a, b)] = Path(np.array([start, end]))
            continue
        side = 1 if len(lanes[1]) <= len(lanes[-1]) else -1
        low, high = sorted((pa[1], pb[1]))
        passed = [c[0] for c in centres.values() if low <= c[1] <= high]
        lane = side * (max(side * np.array(passed)) + half_w + LANE)
        lane += side * LANE * sum(lo <= high and low <= hi for lo, hi in lanes[side])
        lanes[side].append((low, high))
        paths[(a, b)] = _detour(pa, pb, side, lane)
    return paths


def _draw_graph(ax, panel: Panel, theme, colour) -> dict[tuple[str, str], Path]:
    """Boxes for the layers, arrows for the edges (``colour(edge)``); returns the arrows' paths."""
    centres = centres_of(panel.layers)
    paths = routes(panel.graph, centres)
    for (a, b), path in paths.items():
        ax.add_patch(FancyArrowPatch(path=path, arrowstyle="-|>,head_length=0.45,head_width=0.25",
                                     mutation_scale=18, color=colour((a, b)), lw=2.0,
                                     shrinkA=0, shrinkB=1, joinstyle="round", capstyle="round",
                                     gid=f"edge:{a}->{b}"))
    for name, c in centres.items():
        ax.add_patch(FancyBboxPatch(c - np.array(BOX) / 2, *BOX,
                                    boxstyle="round,pad=0,rounding_size=0.12",
                                    facecolor=theme.background, edgecolor=theme.foreground, lw=1.8,
                                    zorder=3, gid=f"node:{name}"))
        ax.text(*c, node_tex(name), ha="center", va="center", zorder=4, fontsize=18)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.autoscale_view()
    return paths


def _cross(ax, path: Path, theme, edge) -> None:
    """A ✗ over the middle of an edge's path."""
    middle = path.interpolated(50).vertices
    middle = middle[len(middle) // 2]
    for d in ((1, 1), (1, -1)):
        step = CROSS * np.array(d)
        ax.plot(*np.stack([middle - step, middle + step]).T, color=theme.violated, lw=4.5,
                solid_capstyle="round", zorder=5, gid=f"cross:{edge[0]}->{edge[1]}")


def _sequence(names, joint: str) -> str:
    """Node names as one mathtext run, e.g. '$x, h_{1}, y$'."""
    return "$" + joint.join(node_tex(n).strip("$") for n in names) + "$"


def _label_lane(ax, path: Path, text: str, colour) -> None:
    """``text`` set upright along the outer side of a detour's vertical lane."""
    lane, low, high = path.vertices[3, 0], path.vertices[3, 1], path.vertices[4, 1]
    side = np.sign(lane)
    ax.text(lane + side * 0.1, (low + high) / 2, text, rotation=90, color=colour, ha="center",
            va="top" if side > 0 else "bottom", rotation_mode="anchor",
            fontsize=theme_module.FONT_SIZE_SMALL)


def _ends(ax, panel: Panel, theme) -> None:
    """'input' left of the first box, 'output' right of the last: the sides no detour uses
    there (the first's detours leave to the right, the last's arrive from the left)."""
    centres = centres_of(panel.layers)
    gap = BOX[0] / 2 + 0.12
    ax.text(*(centres[panel.graph.nodes[0]] - [gap, 0]), "input", ha="right", va="center",
            color=theme.muted, fontsize=theme_module.FONT_SIZE_SMALL, gid="end:input")
    ax.text(*(centres[panel.graph.nodes[-1]] + [gap, 0]), "output", ha="left", va="center",
            color=theme.muted, fontsize=theme_module.FONT_SIZE_SMALL, gid="end:output")


def draw(figure, data: Data, theme) -> None:
    left, right = figure.subplots(1, 2, sharey=True)
    depth = data.acyclic.layers.depth
    span = {e: depth[e[1]] - depth[e[0]] for e in data.acyclic.graph.edges}
    skips = _draw_graph(left, data.acyclic, theme,
                        lambda e: theme.highlight if span[e] > 1 else theme.foreground)
    detours = [e for e, path in skips.items() if len(path.vertices) > 2]
    _label_lane(left, skips[max(detours, key=span.get)], "skip connections", theme.highlight)
    paths = _draw_graph(right, data.loop, theme,
                        lambda e: theme.violated if e in data.loop.feedback else theme.foreground)
    for edge in data.loop.feedback:
        _cross(right, paths[edge], theme, edge)
    for ax, panel in ((left, data.acyclic), (right, data.loop)):
        _ends(ax, panel, theme)
    left.set_title("anything goes", pad=12, fontsize=theme_module.FONT_SIZE)
    right.set_title("but loops are not allowed", pad=12, fontsize=theme_module.FONT_SIZE)
    if data.orders:
        below = -ROW
        left.text(0.0, below, "computed in the order\n" + _sequence(data.acyclic.order, ", "),
                  ha="center", va="top", gid="text:order")
        loop = data.loop.cycle + data.loop.cycle[:1]
        right.text(0.0, below, "the loop " + _sequence(loop, r" \to ") + "\nhas no such order",
                   ha="center", va="top", color=theme.violated, gid="text:loop")
