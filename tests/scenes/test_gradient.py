"""The directional-derivative scene draws sim's scan, and ends on u = ∇f/‖∇f‖ with value ‖∇f‖;
the gradient checked against here comes from finite differences, not from sim."""
from types import SimpleNamespace

import numpy as np
import pytest

from scenes.gradient import scan_of
from sim.problems import SURFACES

CASES = [("double-well", 0.5, 0.5), ("himmelblau", 1.0, -2.0)]


@pytest.fixture(params=CASES, ids=[c[0] for c in CASES])
def turned(request, constructed):
    surface, x, y = request.param
    scene, job = constructed("directional-derivative", surface=surface, point_x=x, point_y=y)
    return scene, SimpleNamespace(**job.params)


def finite_difference_gradient(surface, point, h=1e-6):
    problem, point = SURFACES[surface](), np.asarray(point, dtype=float)
    return np.array([(problem.value(point + e) - problem.value(point - e)) / (2 * h)
                     for e in np.eye(2) * h])


def unit(v):
    return v / np.linalg.norm(v)


def test_drawn_curve_is_sims_scan_and_peaks_at_the_gradient(turned):
    scene, params = turned
    _, scan, _ = scan_of(params)
    graph, curve = scene.traces["derivative"]
    corners = np.vstack([curve.get_start_anchors(), curve.get_end_anchors()[-1:]])
    expected = np.column_stack([np.degrees(np.r_[scan.angles, 2 * np.pi]),
                                np.r_[scan.derivatives, scan.derivatives[0]]])
    np.testing.assert_allclose(corners, graph.coords_to_point(expected), atol=1e-9)

    gradient = finite_difference_gradient(params.surface, (params.point_x, params.point_y))
    angle = np.degrees(np.arctan2(gradient[1], gradient[0])) % 360
    peak = graph.point_to_coords(corners[np.argmax(corners[:, 1])])
    assert abs((peak[0] - angle + 180) % 360 - 180) <= 0.5 + 1e-6  # sampled every degree
    marked = graph.point_to_coords(scene.peak.get_center())
    np.testing.assert_allclose(marked, [angle, np.linalg.norm(gradient)], rtol=1e-6)


def test_it_ends_with_u_along_the_gradient_showing_its_norm(turned):
    scene, params = turned
    gradient = finite_difference_gradient(params.surface, (params.point_x, params.point_y))
    u = scene.u.get_end() - scene.u.get_start()
    np.testing.assert_allclose(unit(u[:2]), unit(gradient), atol=1e-6)  # equal axis scaling
    assert scene.value.get_value() == pytest.approx(np.linalg.norm(gradient), rel=1e-6)
    assert round(scene.angle.get_value()) == round(np.degrees(np.arctan2(*gradient[::-1])) % 360)
    drawn_gradient = scene.plane.point_to_coords(scene.u.get_end())  # tip of u = θ + r ∇f/‖∇f‖
    np.testing.assert_allclose(drawn_gradient - [params.point_x, params.point_y],
                               scene.radius * unit(gradient), atol=1e-6)


def test_readouts_while_turning_are_the_sampled_derivatives(turned):
    scene, params = turned
    _, scan, _ = scan_of(params)
    for k in range(0, len(scan.angles), 7):
        scene.at_sample(k)
        assert round(scene.value.get_value(), 2) == round(scan.derivatives[k], 2)
        assert round(scene.angle.get_value()) == round(np.degrees(scan.angles[k]))
        np.testing.assert_allclose(scene.graph.point_to_coords(scene.marker.get_center()),
                                   [np.degrees(scan.angles[k]), scan.derivatives[k]], atol=1e-9)
        u = scene.u.get_end() - scene.u.get_start()
        np.testing.assert_allclose(unit(u[:2]), scan.directions[k], atol=1e-9)
        # the projection drawn along u has signed length ∇f⊤u at the scale ∇f is drawn at
        foot = scene.plane.point_to_coords(scene.projection.get_end()) - scan.point
        np.testing.assert_allclose(foot, scene.gradient_scale * scan.derivatives[k]
                                   * scan.directions[k], atol=1e-5)


def test_the_construction_is_drawn_large_inside_the_zoomed_window(turned):
    """The zoom on θ: the unit arrow u is at least a sixth of the frame's height long, and u,
    ∇f and its projection stay inside the window drawn, however long ∇f is (Himmelblau's is 50)."""
    scene, params = turned
    _, scan, _ = scan_of(params)
    (x0, x1), (y0, y1) = (scene.plane.x_range[:2], scene.plane.y_range[:2])
    for k in range(0, len(scan.angles), 15):
        scene.at_sample(k)
        u = scene.u.get_end() - scene.u.get_start()
        assert np.linalg.norm(u) >= scene.camera.frame_height / 6
        for end in (scene.u.get_end(), scene.projection.get_end(), scene.drop.get_start()):
            x, y = scene.plane.point_to_coords(end)
            assert x0 <= x <= x1 and y0 <= y <= y1
