"""What logistic-geometry draws: θ ⟂ boundary, θ into p > 1/2, level lines parallel to it."""
import numpy as np
import pytest
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.colors import to_rgba
from matplotlib.patches import Polygon
from matplotlib.quiver import Quiver

import theme as theme_module
from assets import jobs
from assets.errors import AssetError
from assets.figure_render import build, styled
from sim.regression import LogReg

THEME = theme_module.LIGHT


def drawn(seed=0, **sets):
    (job,) = jobs.plan(["logistic-geometry"], sets=[f"{k}={v}" for k, v in sets.items()], seed=seed)
    with styled(job):
        figure, data = build(job)
    return figure.axes[0], data


def unit(v):
    return np.asarray(v, dtype=float) / np.linalg.norm(v)


def plotted_theta(ax):
    (quiver,) = [c for c in ax.collections if isinstance(c, Quiver)]
    np.testing.assert_array_equal(np.column_stack([quiver.X, quiver.Y]), [[0.0, 0.0]])  # origin
    return np.array([quiver.U[0], quiver.V[0]])


def plotted_boundary(ax):
    (line,) = [ln for ln in ax.lines
               if ln.get_color() == THEME.boundary and ln.get_linestyle() == "-"]
    return np.asarray(line.get_xydata())


def level_segments(ax):
    (lines,) = [c for c in ax.collections
                if isinstance(c, LineCollection) and not isinstance(c, Quiver)]
    return [np.asarray(s) for s in lines.get_segments()]


@pytest.fixture(scope="module", params=[(0, {}), (4, {"separation": 1.5, "n": 60})],
                ids=["default", "seed4-closer"])
def figure_data(request):
    seed, sets = request.param
    ax, data = drawn(seed, **sets)
    return ax, data, LogReg(seed=seed, **sets)


def test_theta_is_the_maximum_likelihood_fit(figure_data):
    ax, _, problem = figure_data
    theta = plotted_theta(ax)
    np.testing.assert_allclose(problem.grad(theta), 0.0, atol=1e-10)


def test_plotted_boundary_is_perpendicular_to_plotted_theta(figure_data):
    ax, _, _ = figure_data
    theta, boundary = plotted_theta(ax), plotted_boundary(ax)
    assert abs(unit(boundary[1] - boundary[0]) @ unit(theta)) < 1e-12
    np.testing.assert_allclose(boundary @ theta, 0.0, atol=1e-10)  # through the origin


def test_right_angle_mark_sits_at_the_origin_between_theta_and_the_boundary(figure_data):
    ax, _, _ = figure_data
    (mark,) = [p for p in ax.patches if isinstance(p, Polygon)]
    a, corner, b = mark.get_xy()[:3]
    u, v = a - np.zeros(2), b - np.zeros(2)
    np.testing.assert_allclose(corner, a + b, atol=1e-12)  # a square with a vertex at the origin
    assert abs(unit(u) @ unit(v)) < 1e-12 and np.linalg.norm(u) == pytest.approx(np.linalg.norm(v))
    theta, boundary = plotted_theta(ax), plotted_boundary(ax)
    assert unit(u) @ unit(theta) == pytest.approx(1.0, abs=1e-12)
    assert abs(unit(v) @ unit(boundary[1] - boundary[0])) == pytest.approx(1.0, abs=1e-12)


def test_theta_points_into_the_shaded_p_above_half_side(figure_data):
    ax, _, _ = figure_data
    theta = plotted_theta(ax)
    (image,) = ax.images
    p = np.asarray(image.get_array())
    x0, x1, y0, y1 = image.get_extent()
    rows, cols = p.shape

    def shading_at(point):
        col = int((point[0] - x0) / (x1 - x0) * cols)
        row = int((point[1] - y0) / (y1 - y0) * rows)
        return p[row, col]

    line = np.linspace(-20.0, 20.0, 801)[:, None] * unit(theta)  # through the origin along θ
    inside = line[(line[:, 0] > x0) & (line[:, 0] < x1) & (line[:, 1] > y0) & (line[:, 1] < y1)]
    along = np.array([shading_at(point) for point in inside])
    assert np.all(np.diff(along) >= 0) and along[0] < 0.5 < along[-1]  # p grows in θ's direction
    assert shading_at(theta) > 0.5 > shading_at(-0.5 * theta)


def test_class_1_lies_on_thetas_side(figure_data):
    ax, _, problem = figure_data
    theta = plotted_theta(ax)
    clouds = [c for c in ax.collections if isinstance(c, PathCollection)]
    by_colour = {tuple(c.get_facecolor()[0]): np.asarray(c.get_offsets()) for c in clouds}
    class0, class1 = by_colour[to_rgba(THEME.class0)], by_colour[to_rgba(THEME.class1)]
    np.testing.assert_array_equal(class1, problem.X[problem.y == 1])
    np.testing.assert_array_equal(class0, problem.X[problem.y == 0])
    assert class1.mean(axis=0) @ theta > 0 > class0.mean(axis=0) @ theta


def test_plotted_level_lines_are_straight_and_parallel_to_the_boundary(figure_data):
    ax, data, _ = figure_data
    theta, boundary = plotted_theta(ax), plotted_boundary(ax)
    along = unit(boundary[1] - boundary[0])
    segments = level_segments(ax)
    assert len(segments) == len(data.picture.lines.levels) == 4
    sides = []
    for segment in segments:
        centred = segment - segment.mean(axis=0)
        _, sigma, vt = np.linalg.svd(centred)
        assert sigma[1] / sigma[0] < 1e-4  # straight
        assert abs(vt[0][0] * along[1] - vt[0][1] * along[0]) < 1e-4  # parallel
        z = segment @ theta
        assert z.max() - z.min() < 5e-3 * np.linalg.norm(theta)  # p is constant along it
        sides.append(np.sign(z.mean()))
    assert sorted(sides) == [-1, -1, 1, 1]  # two on each side of the boundary


def test_colour_bar_marks_and_labels_the_drawn_levels_only():
    (job,) = jobs.plan(["logistic-geometry"])
    with styled(job):
        figure, data = build(job)
    bar_ax = figure.axes[1]
    marked = sorted(ln.get_ydata()[0] for ln in bar_ax.lines)
    assert marked == sorted([0.5, *data.picture.lines.levels])
    assert sorted(bar_ax.get_yticks()) == marked  # no 0 and 1 crowding 0.05 and 0.95


def test_separable_classes_are_a_user_error():
    (job,) = jobs.plan(["logistic-geometry"], sets=["n=20", "separation=3.0"])
    with styled(job), pytest.raises(AssetError, match="separable"):
        build(job)


def test_points_are_outlined_in_the_ink_so_they_read_on_their_own_shading():
    ax, _ = drawn()
    for points in (c for c in ax.collections if isinstance(c, PathCollection)):
        np.testing.assert_allclose(points.get_edgecolor()[0], to_rgba(THEME.foreground))
        assert points.get_linewidth()[0] > 0
