"""The network diagrams draw the units, edges and weight names their network has, and the
activation graphs inside the units are sim's."""
import itertools

import numpy as np
import pytest
from matplotlib.collections import LineCollection
from matplotlib.patches import Circle, FancyArrowPatch

from assets import jobs
from assets.figure_render import build, styled
from figures._draw import T
from sim.forward_pass import response


def drawn(asset_id, **sets):
    (job,) = jobs.plan([asset_id], sets=[f"{k}={v}" for k, v in sets.items()])
    with styled(job):
        figure, _ = build(job)
    return figure


def circles(ax, layer):
    """The units of one layer, in order, as (centres, radius)."""
    units = sorted((p for p in ax.patches if isinstance(p, Circle)
                    and (p.get_gid() or "").startswith(layer + "-")),
                   key=lambda p: int(p.get_gid().rsplit("-", 1)[1]))
    radii = {p.radius for p in units}
    assert len(radii) <= 1
    return np.array([p.center for p in units]).reshape(-1, 2), radii.pop() if radii else None


def edge_pairs(ax, layer, left, right):
    """Which (left unit, right unit) each edge of ``layer`` joins, rim to rim."""
    (edges,) = [c for c in ax.collections
                if isinstance(c, LineCollection) and c.get_gid() == f"edges-{layer}"]
    (lc, lr), (rc, rr) = left, right
    pairs = []
    for start, end in (np.asarray(s) for s in edges.get_segments()):
        i = int(np.argmin(np.linalg.norm(lc - start, axis=1)))
        j = int(np.argmin(np.linalg.norm(rc - end, axis=1)))
        assert np.linalg.norm(lc[i] - start) == pytest.approx(lr)
        assert np.linalg.norm(rc[j] - end) == pytest.approx(rr)
        (dx, dy), (sx, sy) = rc[j] - lc[i], end - start
        assert dx * sy - dy * sx == pytest.approx(0, abs=1e-12)  # along the line between centres
        pairs.append((i, j))
    return pairs


def glyph(ax, name):
    """A unit's activation graph, scaled back to [0, 1] in both directions."""
    (line,) = [line for line in ax.lines if line.get_gid() == f"glyph-{name}"]
    x, y = line.get_xdata(), line.get_ydata()
    return (x - x.min()) / np.ptp(x), (y - y.min()) / np.ptp(y)


def normalised(values):
    return (values - values.min()) / np.ptp(values)


def texts(ax):
    return [t.get_text() for t in ax.texts]


@pytest.mark.parametrize("inputs", [1, 3, 5])
def test_single_layer_joins_every_input_to_the_one_output_unit(inputs):
    figure = drawn("single-layer-network", inputs=inputs)
    assert [ax.get_title() for ax in figure.axes] == ["linear regression", "logistic regression"]
    for ax in figure.axes:
        x0, x1 = circles(ax, "input"), circles(ax, "output")
        assert len(x0[0]) == inputs and len(x1[0]) == 1
        assert sorted(edge_pairs(ax, 1, x0, x1)) == [(i, 0) for i in range(inputs)]
        for k in range(inputs):
            assert texts(ax).count(rf"$\theta_{k + 1}$") == 1
            assert texts(ax).count(rf"$x^{{(0)}}_{k + 1}$") == 1


def test_single_layer_units_show_identity_and_sigmoid_from_sim():
    linear, logistic = drawn("single-layer-network").axes
    z = np.linspace(-6, 6, 121)
    for ax, activation in ((linear, "identity"), (logistic, "sigmoid")):
        u, v = glyph(ax, "output-0")
        np.testing.assert_allclose(u, normalised(z), atol=1e-12)
        np.testing.assert_allclose(v, normalised(response(z, activation)), atol=1e-12)
    assert rf"$p(1 \mid x) = \sigma(\theta{T}x^{{(0)}})$" in texts(logistic)
    assert rf"$\hat{{y}} = \theta{T}x^{{(0)}}$" in texts(linear)


@pytest.mark.parametrize("inputs, hidden", [(3, 4), (1, 5), (5, 1), (2, 2)])
def test_two_layer_has_the_units_and_all_edges_of_each_layer(inputs, hidden):
    (ax,) = drawn("two-layer-network", inputs=inputs, hidden=hidden).axes
    x0, x1, x2 = circles(ax, "input"), circles(ax, "hidden"), circles(ax, "output")
    assert [len(c) for c, _ in (x0, x1, x2)] == [inputs, hidden, 1]
    assert sorted(edge_pairs(ax, 1, x0, x1)) == list(itertools.product(range(inputs),
                                                                       range(hidden)))
    assert sorted(edge_pairs(ax, 2, x1, x2)) == [(j, 0) for j in range(hidden)]
    # the columns run left to right: input, hidden, output
    assert x0[0][:, 0].max() < x1[0][:, 0].min() and x1[0][:, 0].max() < x2[0][0, 0]


def test_two_layer_names_both_weight_matrices_with_their_shapes():
    (ax,) = drawn("two-layer-network", inputs=3, hidden=4).axes
    labels = {t.get_gid(): t.get_text() for t in ax.texts
              if (t.get_gid() or "").startswith("weights-")}
    assert labels == {"weights-1": r"$\theta^{(1)} \in \mathbb{R}^{4 \times 3}$",
                      "weights-2": r"$\theta^{(2)} \in \mathbb{R}^{1 \times 4}$"}
    # each label sits above its own bundle of edges
    x0, x1, x2 = (circles(ax, n)[0] for n in ("input", "hidden", "output"))
    positions = {t.get_gid(): t.get_position() for t in ax.texts if t.get_gid() in labels}
    assert x0[0, 0] < positions["weights-1"][0] < x1[0, 0] < positions["weights-2"][0] < x2[0, 0]


@pytest.mark.parametrize("output", ["identity", "sigmoid"])
def test_two_layer_units_show_sim_activations(output):
    (ax,) = drawn("two-layer-network", hidden=3, output=output).axes
    z = np.linspace(-6, 6, 121)
    for k in range(3):
        np.testing.assert_allclose(glyph(ax, f"hidden-{k}")[1], normalised(response(z, "sigmoid")),
                                   atol=1e-12)
    np.testing.assert_allclose(glyph(ax, "output-0")[1], normalised(response(z, output)),
                               atol=1e-12)
    wrapped = output == "sigmoid"
    assert (r"$x^{(2)} = \sigma(\theta^{(2)} x^{(1)})$" in "".join(texts(ax))) == wrapped


@pytest.mark.parametrize("asset_id, names", [
    ("single-layer-network", [r"$\hat{y}$", r"$p(1 \mid x)$"]),
    ("two-layer-network", ["$x^{(2)}$"]),
])
def test_the_output_arrow_is_named_at_its_head(asset_id, names):
    figure = drawn(asset_id)
    for ax, name in zip(figure.axes, names):
        (arrow,) = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
        (label,) = [t for t in ax.texts if t.get_gid() == "output"]
        head = ax.transData.transform(arrow._posA_posB[1])
        box = label.get_window_extent()
        assert label.get_text() == name
        assert head[0] < box.x0 < head[0] + 0.25 * figure.dpi and box.y0 < head[1] < box.y1
