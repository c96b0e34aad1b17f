"""The plotted directional derivative peaks at the gradient's angle with height ‖∇f‖, and the
arrows drawn point along ±∇f; the gradient here comes from finite differences, not from sim."""
import numpy as np
import pytest
from matplotlib.colors import to_rgb
from matplotlib.quiver import Quiver

import theme as theme_module
from assets import jobs
from assets.errors import AssetError
from assets.figure_render import build, styled
from sim.problems import SURFACES

THEME = theme_module.LIGHT


def drawn(aspect="16:9", **sets):
    (job,) = jobs.plan(["gradient-steepest-ascent"], sets=[f"{k}={v}" for k, v in sets.items()],
                       aspect=aspect)
    with styled(job):
        figure, data = build(job)
    return figure.axes[0], figure.axes[1], data


def finite_difference_gradient(problem, point, h=1e-6):
    point = np.asarray(point, dtype=float)
    return np.array([(problem.value(point + e) - problem.value(point - e)) / (2 * h)
                     for e in np.eye(2) * h])


@pytest.mark.parametrize("surface, x, y, aspect", [("double-well", 0.5, 0.5, "16:9"),
                                                   ("himmelblau", 1.0, -2.0, "4:3"),
                                                   ("quadratic", -1.0, -0.5, "16:9")])
def test_plotted_maximum_is_at_the_gradients_angle_and_equals_its_norm(surface, x, y, aspect):
    _, scan_ax, _ = drawn(aspect, surface=surface, point_x=x, point_y=y)
    gradient = finite_difference_gradient(SURFACES[surface](), (x, y))
    norm = np.linalg.norm(gradient)
    angle = np.degrees(np.arctan2(gradient[1], gradient[0])) % 360.0

    (curve,) = [np.asarray(line.get_xydata()) for line in scan_ax.lines
                if line.get_color() == THEME.curve]
    peak = curve[np.argmax(curve[:, 1])]
    assert abs((peak[0] - angle + 180.0) % 360.0 - 180.0) <= 0.5 + 1e-6  # sampled every 1°
    assert peak[1] == pytest.approx(norm, rel=1 - np.cos(np.radians(0.5)) + 1e-7)
    assert curve[:, 0].min() == 0.0 and curve[:, 0].max() == 360.0
    np.testing.assert_allclose(curve[0, 1], curve[-1, 1])

    def dot(colour):
        (found,) = [np.asarray(line.get_xydata())[0] for line in scan_ax.lines
                    if line.get_marker() == "o" and line.get_color() == colour]
        return found

    np.testing.assert_allclose(dot(THEME.gradient), [angle, norm], rtol=1e-7, atol=1e-6)
    np.testing.assert_allclose(dot(THEME.update), [(angle + 180.0) % 360.0, -norm],
                               rtol=1e-7, atol=1e-6)
    (label,) = scan_ax.texts
    assert f"{norm:.2f}" in label.get_text()


def test_field_arrows_point_along_the_gradient_and_only_the_focus_has_descent():
    field_ax, _, data = drawn(columns=9)
    problem = SURFACES["double-well"]()
    quivers = [c for c in field_ax.collections if isinstance(c, Quiver)]
    ups = [q for q in quivers if np.allclose(q.get_facecolor()[0][:3], to_rgb(THEME.gradient))]
    downs = [q for q in quivers if np.allclose(q.get_facecolor()[0][:3], to_rgb(THEME.update))]
    assert len(ups) == 2 and len(downs) == 1  # +∇f: the field and the circled point; −∇f there
    (down,) = downs
    np.testing.assert_allclose([down.X[0], down.Y[0]], [0.5, 0.5])
    np.testing.assert_allclose(np.column_stack([down.U, down.V]),
                               -np.column_stack([ups[1].U, ups[1].V]))
    for up in ups:
        points = np.column_stack([up.X, up.Y])
        arrows = np.column_stack([up.U, up.V])
        gradients = np.array([finite_difference_gradient(problem, p) for p in points])
        cosines = np.sum(arrows * gradients, 1) / (np.linalg.norm(arrows, axis=1)
                                                   * np.linalg.norm(gradients, axis=1))
        assert cosines.min() > 1 - 1e-9
    np.testing.assert_allclose([ups[1].X[0], ups[1].Y[0]], [0.5, 0.5])
    assert len(ups[0].X) > 30


def test_a_point_off_the_plot_is_a_user_error():
    (job,) = jobs.plan(["gradient-steepest-ascent"], sets=["point_x=4"])
    with styled(job), pytest.raises(AssetError, match="outside the double-well plot"):
        build(job)


def test_a_critical_point_is_a_user_error():
    (job,) = jobs.plan(["gradient-steepest-ascent"],
                       sets=["surface=quadratic", "point_x=0", "point_y=0"])
    with styled(job), pytest.raises(AssetError, match="critical point"):
        build(job)
