"""The chords drawn sit above the convex graph and dip under the non-convex one; the critical
points marked are sim's, each with the marker of its kind."""
import numpy as np
import pytest

import theme as theme_module
from assets import jobs
from assets.figure_render import build, styled
from figures.convexity import BOWL, MARKERS
from sim.convexity import convex_curve, nonconvex_curve
from sim.problems import SURFACES, classify

THEME = theme_module.LIGHT


def drawn(**sets):
    (job,) = jobs.plan(["convexity"], sets=[f"{k}={v}" for k, v in sets.items()])
    with styled(job):
        figure, data = build(job)
    return dict(zip(("convex", "nonconvex", "bowl", "landscape"), figure.axes)), data


def lines(ax, colour, min_points=3):
    return [np.asarray(line.get_xydata()) for line in ax.lines
            if line.get_color() == colour and line.get_linestyle() == "-"
            and len(line.get_xydata()) >= min_points]


def graph_and_chord(ax):
    (graph,) = lines(ax, THEME.curve)
    (chord,) = lines(ax, THEME.chord)
    under = np.interp(chord[:, 0], graph[:, 0], graph[:, 1])
    return graph, chord, chord[:, 1] - under


def marked(ax):
    """{kind: (k, 2) positions} of the critical-point markers drawn."""
    found = {}
    for line in ax.lines:
        for kind, marker in MARKERS.items():
            if (line.get_marker() == marker and line.get_linestyle() == "None"
                    and line.get_markeredgecolor() == THEME.background):
                found[kind] = np.asarray(line.get_xydata())
    return found


@pytest.mark.parametrize("theta1, theta2", [(2.2, -1.2), (-1.0, 2.0), (0.5, 2.4)])
def test_chord_lies_above_the_convex_graph_everywhere(theta1, theta2):
    axes, _ = drawn(theta1=theta1, theta2=theta2)
    graph, chord, gap = graph_and_chord(axes["convex"])
    assert gap.min() >= -1e-3 * np.ptp(graph[:, 1])  # graph drawn as a 401-point polyline
    np.testing.assert_allclose(chord[[0, -1], 0], [theta2, theta1])
    f = convex_curve().value
    np.testing.assert_allclose(chord[[0, -1], 1], f(np.array([theta2, theta1])))


def test_the_same_chord_dips_under_the_nonconvex_graph():
    axes, data = drawn()
    _, chord, gap = graph_and_chord(axes["nonconvex"])
    assert gap.min() < -0.1  # clearly under: by at least a tenth of f's units
    np.testing.assert_allclose(chord[:, 1], data.nonconvex.chord.chord)
    np.testing.assert_allclose(chord[[0, -1], 1], nonconvex_curve().value(np.array([-1.2, 2.2])))


def test_marked_t_joins_graph_and_chord_at_the_convex_combination():
    axes, _ = drawn(t=0.45)
    for name, curve, below in (("convex", convex_curve(), True),
                               ("nonconvex", nonconvex_curve(), False)):
        (bar,) = [np.asarray(line.get_xydata()) for line in axes[name].lines
                  if line.get_color() == THEME.foreground and line.get_linestyle() == "--"]
        x = 0.45 * 2.2 + 0.55 * -1.2
        np.testing.assert_allclose(bar[:, 0], [x, x])
        chord_value = 0.45 * curve.value(2.2) + 0.55 * curve.value(-1.2)
        np.testing.assert_allclose(bar[:, 1], [curve.value(x), chord_value])
        assert bool(curve.value(x) <= chord_value) is below


def test_marked_critical_points_are_sims():
    axes, _ = drawn(surface="himmelblau")
    for name, curve in (("convex", convex_curve()), ("nonconvex", nonconvex_curve())):
        xs, kinds = curve.critical_points()
        shown = marked(axes[name])
        for kind in MARKERS:
            want = np.column_stack([xs, curve.value(xs)])[[k == kind for k in kinds]]
            np.testing.assert_allclose(shown.get(kind, np.zeros((0, 2))), want)
    assert set(marked(axes["nonconvex"])) == {"minimum", "saddle", "maximum"}
    for name, problem in (("bowl", BOWL), ("landscape", SURFACES["himmelblau"]())):
        points = problem.critical_points()
        kinds = classify(problem, points)
        shown = marked(axes[name])
        for kind in set(kinds):
            np.testing.assert_allclose(shown[kind], points[[k == kind for k in kinds]])
            np.testing.assert_allclose(problem.grad(shown[kind]), 0.0, atol=1e-9)
    assert len(marked(axes["landscape"])["minimum"]) == 4
    assert set(marked(axes["bowl"])) == {"minimum"}


def test_equal_thetas_are_a_user_error_before_anything_renders():
    from assets.errors import AssetError

    with pytest.raises(AssetError, match="theta1=1 and theta2=1 break theta1 != theta2"):
        jobs.plan(["convexity"], sets=["theta1=1", "theta2=1"])
