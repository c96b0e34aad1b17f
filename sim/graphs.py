"""Directed graphs of computations: topological order, loops and layers.

A network's forward pass evaluates its layers in a topological order of the
graph they are wired in, and backpropagation walks that order backward; a
graph with a loop has no such order. The two architectures of the slide
"anything goes, but loops are not allowed" are data here, so a figure draws
edges whose acyclicity is computed, not asserted. ``layers`` places any graph
in rows by longest path, which is how the pictures lay graphs out.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.errors import SimError

Edge = tuple[str, str]


@dataclass(frozen=True)
class Graph:
    """Named nodes and directed edges (from, to); the node order breaks every tie."""

    nodes: tuple[str, ...]
    edges: tuple[Edge, ...]

    def __post_init__(self) -> None:
        if len(set(self.nodes)) != len(self.nodes):
            raise SimError(f"repeated node in {self.nodes}")
        unknown = {n for e in self.edges for n in e} - set(self.nodes)
        if unknown:
            raise SimError(f"edges name unknown nodes {sorted(unknown)}")
        if len(set(self.edges)) != len(self.edges):
            raise SimError("repeated edge")

    @classmethod
    def from_edges(cls, edges) -> Graph:
        """The graph of ``edges``, its nodes in order of first appearance."""
        edges = tuple((a, b) for a, b in edges)
        return cls(nodes=tuple(dict.fromkeys(n for e in edges for n in e)), edges=edges)

    def successors(self, node: str) -> tuple[str, ...]:
        return tuple(b for a, b in self.edges if a == node)


def topological_order(graph: Graph) -> tuple[str, ...] | None:
    """An order in which every edge points forward (Kahn's algorithm); None if there is a loop."""
    waiting = {n: 0 for n in graph.nodes}
    for _, b in graph.edges:
        waiting[b] += 1
    order: list[str] = []
    ready = [n for n in graph.nodes if waiting[n] == 0]
    while ready:
        node = min(ready, key=graph.nodes.index)
        ready.remove(node)
        order.append(node)
        for b in graph.successors(node):
            waiting[b] -= 1
            if waiting[b] == 0:
                ready.append(b)
    return tuple(order) if len(order) == len(graph.nodes) else None


def _depth_first(graph: Graph) -> tuple[list[Edge], dict[str, str]]:
    """Back edges of a depth-first search in node order (each closes a loop), and tree parents."""
    state: dict[str, str] = {}  # "open" while on the stack, "done" after
    parent: dict[str, str] = {}
    back: list[Edge] = []

    def visit(node: str) -> None:
        state[node] = "open"
        for b in graph.successors(node):
            if state.get(b) == "open":
                back.append((node, b))
            elif b not in state:
                parent[b] = node
                visit(b)
        state[node] = "done"

    for node in graph.nodes:
        if node not in state:
            visit(node)
    return back, parent


def feedback_edges(graph: Graph) -> tuple[Edge, ...]:
    """Edges that close a loop: without them the graph is acyclic; none for an acyclic graph."""
    return tuple(_depth_first(graph)[0])


def find_cycle(graph: Graph) -> tuple[str, ...] | None:
    """The nodes of one loop, n0 → n1 → … → n0 (n0 not repeated), or None for an acyclic graph."""
    back, parent = _depth_first(graph)
    if not back:
        return None
    tail, head = back[0]  # tail → head closes the loop head → … → tail on the search's stack
    loop = [tail]
    while loop[-1] != head:
        loop.append(parent[loop[-1]])
    return tuple(reversed(loop))


@dataclass(frozen=True)
class Layers:
    """Row of each node (longest path from a source, loops cut) and its place within the row."""

    depth: dict[str, int]
    rank: dict[str, int]
    size: dict[int, int]  # nodes per row


def layers(graph: Graph) -> Layers:
    """Rows for drawing: depth = longest path to the node once ``feedback_edges`` are removed."""
    cut = set(feedback_edges(graph))
    forward = Graph(graph.nodes, tuple(e for e in graph.edges if e not in cut))
    depth: dict[str, int] = {}
    for node in topological_order(forward):
        depth[node] = max((depth[a] + 1 for a, b in forward.edges if b == node), default=0)
    rank, size = {}, {}
    for node in graph.nodes:
        rank[node] = size.get(depth[node], 0)
        size[depth[node]] = rank[node] + 1
    return Layers(depth=depth, rank=rank, size=size)


def grid(lay: Layers, columns, spreads) -> dict[str, np.ndarray]:
    """Drawing centres: a node of depth d at x = columns[d]; the nodes of a row ``spreads[d]``
    apart, centred on y = 0, the first in node order on top."""
    return {n: np.array([columns[d], ((lay.size[d] - 1) / 2 - lay.rank[n]) * spreads[d]],
                        dtype=float) for n, d in lay.depth.items()}


def crossing_edges(centres, edges) -> set[Edge]:
    """The edges whose straight segments between ``centres`` cross another's (not at a node)."""
    def side(a, b, c):
        return np.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]))

    def cross(p, q, r, s):
        return side(p, q, r) * side(p, q, s) < 0 and side(r, s, p) * side(r, s, q) < 0

    return {(a, b) for a, b in edges for c, d in edges
            if cross(centres[a], centres[b], centres[c], centres[d])}


def label_anchor(start, end, middle, crossing: bool, crossing_at: float = 0.25):
    """Where an edge's label goes, as (point on the edge, unit normal toward the label).

    At the midpoint on the side away from ``middle`` (the drawing's centre); for an edge that
    crosses another, nearer its start (at ``crossing_at``) and on the side toward ``middle``,
    so the labels of crossing edges stay clear of each other and of the crossing.
    """
    start, end, middle = (np.asarray(v, dtype=float)[:2] for v in (start, end, middle))
    along = (end - start) / np.linalg.norm(end - start)
    at = start + (crossing_at if crossing else 0.5) * (end - start)
    normal = np.array([-along[1], along[0]])
    outward = np.sign(normal[1] * (at[1] - middle[1])) or 1.0
    return at, normal * (-outward if crossing else outward)


ANYTHING_GOES = Graph(
    nodes=("x", "h1", "h2", "h3", "h4", "h5", "y"),
    edges=(("x", "h1"), ("h1", "h2"), ("h1", "h3"), ("h2", "h4"), ("h3", "h4"), ("h4", "h5"),
           ("h5", "y"),
           ("h1", "h4"), ("x", "h5"), ("h4", "y")),  # skip connections
)
"""Layers with two parallel branches and three skip connections: a directed acyclic graph."""

WITH_LOOP = Graph(
    nodes=("x", "h1", "h2", "h3", "y"),
    edges=(("x", "h1"), ("h1", "h2"), ("h2", "h3"), ("h3", "y"),
           ("h3", "h1")),  # the output of h3 fed back into h1
)
"""A chain of layers with an edge feeding back: a loop, which a feed-forward network cannot have."""
