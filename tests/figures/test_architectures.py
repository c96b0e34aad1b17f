"""Read off the figure: the drawn graphs are sim's, the left one is acyclic, the right one loops."""
import re

import networkx as nx
import numpy as np
import pytest
from matplotlib.path import Path

from assets import jobs
from assets.figure_render import build, styled
from sim.graphs import ANYTHING_GOES, WITH_LOOP


def drawn(**sets):
    (job,) = jobs.plan(["architectures"], sets=[f"{k}={v}" for k, v in sets.items()])
    with styled(job):
        figure, data = build(job)
        figure.canvas.draw()
    return figure, data


def tagged(artists, kind):
    """{name: artist} for the artists whose gid is 'kind:name'."""
    return {a.get_gid().split(":", 1)[1]: a for a in artists
            if a.get_gid() and a.get_gid().startswith(kind + ":")}


def edges_of(ax):
    return {tuple(name.split("->")): patch for name, patch in tagged(ax.patches, "edge").items()}


def boxes_of(ax):
    return {name: np.array([[p.get_x(), p.get_y()],
                            [p.get_x() + p.get_width(), p.get_y() + p.get_height()]])
            for name, p in tagged(ax.patches, "node").items()}


def samples(patch):
    """Points along a drawn arrow (its shaft and head), in data coordinates."""
    path = patch.get_path()
    vertices = path.vertices[path.codes != Path.CLOSEPOLY]
    t = np.linspace(0.0, 1.0, 25)[:, None, None]
    return (vertices[:-1] + t * (vertices[1:] - vertices[:-1])).reshape(-1, 2)


def distance_to_box(points, box):
    """Distance of each point to the rectangle's outline."""
    centre, half = box.mean(axis=0), (box[1] - box[0]) / 2
    d = np.abs(np.atleast_2d(points) - centre) - half
    outside = np.linalg.norm(np.maximum(d, 0.0), axis=1)
    return np.where(outside > 0, outside, -np.max(d, axis=1))


def test_the_drawn_edges_are_sims_and_only_the_left_graph_is_acyclic():
    figure, _ = drawn()
    left, right = figure.axes
    for ax, graph, acyclic in ((left, ANYTHING_GOES, True), (right, WITH_LOOP, False)):
        edges = set(edges_of(ax))
        assert edges == set(graph.edges)
        assert set(boxes_of(ax)) == set(graph.nodes)
        assert nx.is_directed_acyclic_graph(nx.DiGraph(list(edges))) is acyclic


def test_every_arrow_runs_from_its_source_box_to_its_target_box_and_through_no_other():
    figure, _ = drawn()
    for ax in figure.axes:
        boxes = boxes_of(ax)
        for (a, b), patch in edges_of(ax).items():
            points = samples(patch)
            assert abs(distance_to_box(points[0], boxes[a])[0]) < 1e-6  # leaves a's outline
            assert distance_to_box(points, boxes[b]).min() == pytest.approx(0.0, abs=0.05)
            for name, box in boxes.items():  # crosses no box, its own ones included
                assert distance_to_box(points, box).min() > -1e-6, (a, b, name)


def test_the_crossed_out_edge_is_the_one_closing_the_loop():
    figure, data = drawn()
    left, right = figure.axes
    assert not tagged(left.lines, "cross")
    crosses = tagged(right.lines, "cross")
    assert set(crosses) == {"h3->h1"} == {f"{a}->{b}" for a, b in data.loop.feedback}
    graph = nx.DiGraph(list(edges_of(right)))
    graph.remove_edge("h3", "h1")
    assert nx.is_directed_acyclic_graph(graph)  # the ✗ removes the only loop
    centre = crosses["h3->h1"].get_xydata().mean(axis=0)
    path = samples(edges_of(right)[("h3", "h1")])
    assert np.linalg.norm(path - centre, axis=1).min() < 0.02  # the ✗ sits on that edge


def test_printed_order_is_a_computing_order_and_printed_loop_is_a_loop():
    figure, _ = drawn()
    left, right = figure.axes
    (order_text,) = tagged(left.texts, "text").values()
    order = re.findall(r"([a-z])(?:_\{(\d+)\})?", order_text.get_text().split("\n")[1])
    order = [letter + digits for letter, digits in order]
    assert sorted(order) == sorted(ANYTHING_GOES.nodes)
    assert all(order.index(a) < order.index(b) for a, b in edges_of(left))
    (loop_text,) = tagged(right.texts, "text").values()
    loop = [letter + digits for letter, digits in
            re.findall(r"([a-z])_\{(\d+)\}", loop_text.get_text().split("\n")[0])]
    assert loop[0] == loop[-1] and set(zip(loop, loop[1:])) <= set(edges_of(right))
    assert not tagged(drawn(orders=False)[0].axes[0].texts, "text")


def test_input_and_output_are_named_beside_the_first_and_last_boxes():
    figure, _ = drawn()
    for ax in figure.axes:
        boxes, ends = boxes_of(ax), tagged(ax.texts, "end")
        for end, node, side in (("input", "x", -1), ("output", "y", 1)):
            (x0, y0), (x1, y1) = ax.transData.transform(boxes[node])
            text = ends[end].get_window_extent()
            assert text.y0 < (y0 + y1) / 2 < text.y1  # level with its box
            assert (text.x1 < x0) if side < 0 else (text.x0 > x1)  # beside it, not on it
