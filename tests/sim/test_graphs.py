"""Topological order, loops and layers, checked against networkx and adjacency-matrix powers."""
import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.chain_rule import EDGES as CHAIN_RULE_EDGES
from sim.errors import SimError
from sim.graphs import (ANYTHING_GOES, WITH_LOOP, Graph, crossing_edges, feedback_edges,
                        find_cycle, grid, label_anchor, layers, topological_order)


def nilpotent(graph: Graph) -> bool:
    """A graph is acyclic exactly when its adjacency matrix A has Aⁿ = 0 (no walk of length n)."""
    index = {n: i for i, n in enumerate(graph.nodes)}
    a = np.zeros((len(index), len(index)), dtype=np.int64)
    for u, v in graph.edges:
        a[index[u], index[v]] = 1
    return not np.linalg.matrix_power(a, len(index)).any()


def networkx(graph: Graph) -> nx.DiGraph:
    g = nx.DiGraph()
    g.add_nodes_from(graph.nodes)
    g.add_edges_from(graph.edges)
    return g


def assert_is_a_loop(graph, cycle):
    closing = list(zip(cycle, cycle[1:] + cycle[:1]))
    assert set(closing) <= set(graph.edges) and len(set(cycle)) == len(cycle)


def test_anything_goes_is_acyclic_and_has_skip_connections():
    order = topological_order(ANYTHING_GOES)
    assert order is not None and sorted(order) == sorted(ANYTHING_GOES.nodes)
    assert all(order.index(a) < order.index(b) for a, b in ANYTHING_GOES.edges)
    assert nilpotent(ANYTHING_GOES) and nx.is_directed_acyclic_graph(networkx(ANYTHING_GOES))
    assert find_cycle(ANYTHING_GOES) is None and feedback_edges(ANYTHING_GOES) == ()
    depth = layers(ANYTHING_GOES).depth
    assert sum(depth[b] - depth[a] > 1 for a, b in ANYTHING_GOES.edges) == 3  # skips
    assert max(layers(ANYTHING_GOES).size.values()) == 2  # parallel branches


def test_the_loop_graph_has_exactly_one_loop():
    assert topological_order(WITH_LOOP) is None
    assert not nilpotent(WITH_LOOP) and not nx.is_directed_acyclic_graph(networkx(WITH_LOOP))
    cycle = find_cycle(WITH_LOOP)
    assert_is_a_loop(WITH_LOOP, cycle)
    assert sorted(cycle) == ["h1", "h2", "h3"]
    assert [sorted(c) for c in nx.simple_cycles(networkx(WITH_LOOP))] == [sorted(cycle)]
    assert feedback_edges(WITH_LOOP) == (("h3", "h1"),)


def test_chain_rule_graph_layers_inputs_intermediates_output():
    lay = layers(Graph.from_edges(CHAIN_RULE_EDGES))
    assert lay.depth == {"x1": 0, "z1": 1, "x2": 0, "z2": 1, "u": 2}
    assert lay.rank["x1"] == lay.rank["z1"] == 0 and lay.rank["x2"] == lay.rank["z2"] == 1
    assert topological_order(Graph.from_edges(CHAIN_RULE_EDGES)) == ("x1", "x2", "z1", "z2", "u")


def test_grid_puts_rows_in_columns_centred_first_on_top():
    centres = grid(layers(Graph.from_edges(CHAIN_RULE_EDGES)), (0.0, 4.0, 7.0), (3.0, 2.0, 0.0))
    expected = {"x1": (0, 1.5), "x2": (0, -1.5), "z1": (4, 1), "z2": (4, -1), "u": (7, 0)}
    assert {n: tuple(c) for n, c in centres.items()} == expected


def test_crossing_edges():
    centres = grid(layers(Graph.from_edges(CHAIN_RULE_EDGES)), (0.0, 4.0, 7.0), (3.0, 2.0, 0.0))
    assert crossing_edges(centres, CHAIN_RULE_EDGES) == {("x1", "z2"), ("x2", "z1")}
    square = {"a": (0, 0), "b": (1, 0), "c": (1, 1), "d": (0, 1)}
    assert crossing_edges(square, [("a", "b"), ("b", "c"), ("a", "c")]) == set()  # meet at nodes
    assert crossing_edges(square, [("a", "c"), ("b", "d")]) == {("a", "c"), ("b", "d")}


def test_label_anchor_sides():
    middle = (2.0, 0.0)
    at, normal = label_anchor((0, 1), (4, 1), middle, crossing=False)  # upper edge: label above
    np.testing.assert_allclose(at, (2, 1))
    np.testing.assert_allclose(normal, (0, 1))
    at, normal = label_anchor((0, -1), (4, -1), middle, crossing=False)  # lower edge: below
    np.testing.assert_allclose(normal, (0, -1))
    at, normal = label_anchor((0, 1), (4, -1), middle, crossing=True, crossing_at=0.25)
    np.testing.assert_allclose(at, (1, 0.5))
    assert normal[1] < 0 and np.isclose(np.linalg.norm(normal), 1.0)  # toward the middle
    assert np.isclose(normal @ np.array([4, -2]), 0.0)  # perpendicular to the edge


def test_malformed_graphs_are_rejected():
    with pytest.raises(SimError, match="unknown nodes"):
        Graph(("a",), (("a", "b"),))
    with pytest.raises(SimError, match="repeated edge"):
        Graph(("a", "b"), (("a", "b"), ("a", "b")))


graphs = st.integers(1, 8).flatmap(lambda n: st.lists(
    st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), unique=True, max_size=3 * n,
).map(lambda pairs, n=n: Graph(tuple(f"n{i}" for i in range(n)),
                               tuple((f"n{a}", f"n{b}") for a, b in pairs))))


@settings(max_examples=300, deadline=None)
@given(graphs)
def test_on_random_graphs(graph):
    acyclic = nx.is_directed_acyclic_graph(networkx(graph))
    assert nilpotent(graph) == acyclic
    order = topological_order(graph)
    assert (order is not None) == acyclic == (find_cycle(graph) is None)
    if order is not None:
        assert all(order.index(a) < order.index(b) for a, b in graph.edges)
    else:
        assert_is_a_loop(graph, find_cycle(graph))
    cut = set(feedback_edges(graph))
    forward = Graph(graph.nodes, tuple(e for e in graph.edges if e not in cut))
    assert nx.is_directed_acyclic_graph(networkx(forward))
    lay = layers(graph)
    for node in graph.nodes:  # depth is the longest path: every edge climbs, one climbs by one
        into = [lay.depth[a] for a, b in forward.edges if b == node]
        assert all(d < lay.depth[node] for d in into)
        assert lay.depth[node] == (max(into) + 1 if into else 0)
    assert sorted(lay.rank.values()) == sorted(r for d, k in lay.size.items() for r in range(k))
