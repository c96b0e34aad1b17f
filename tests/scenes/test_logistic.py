"""What the logistic scenes draw is sim's: the SGD trajectory, its updates, the loss over a turn,
and at every θ the boundary at a right angle to the arrow."""
import numpy as np
import pytest

from sim.optimizers import sgd
from sim.regression import LogReg


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def mean_log_loss(X, y, theta):
    """The logistic loss written out, independently of sim."""
    p = sigmoid(X @ theta)
    return np.mean(-y * np.log(p) - (1 - y) * np.log(1 - p))


def corners(path):
    return np.vstack([path.get_start_anchors(), path.get_end_anchors()[-1:]])


def unit(v):
    v = np.asarray(v, dtype=float)[:2]
    return v / np.linalg.norm(v)


def check_plane(plane, theta):
    """On screen (equal scaling, so angles carry over): the arrow is θ, the boundary is at a right
    angle to it through the origin, the mark is a square, level lines parallel to the boundary."""
    axes = plane.axes
    origin, tip = plane.arrow.get_start(), plane.arrow.get_end()
    np.testing.assert_allclose(origin, axes.c2p(0.0, 0.0), atol=1e-9)
    np.testing.assert_allclose(tip, axes.c2p(*theta), atol=1e-9)
    ends = plane.boundary.get_start(), plane.boundary.get_end()
    along = unit(ends[1] - ends[0])
    assert abs(along @ unit(tip - origin)) < 1e-9
    offset = np.cross(np.append(along, 0.0), origin - ends[0])[2]
    assert abs(offset) < 1e-9  # through the origin
    a, corner, b = corners(plane.mark)
    np.testing.assert_allclose(corner - origin, (a - origin) + (b - origin), atol=1e-9)
    assert abs(unit(a - origin) @ unit(b - origin)) < 1e-9
    for line in plane.lines:
        points = corners(line)
        direction = unit(points[-1] - points[0])
        assert abs(direction[0] * along[1] - direction[1] * along[0]) < 1e-3


def test_sgd_draws_sims_trajectory_loss_and_updates(constructed):
    scene, job = constructed("logistic-sgd", seed=2, epochs=1, shown=4, n=40)
    p = job.params
    problem = LogReg(n=p["n"], separation=p["separation"], seed=2)
    trajectory = sgd(problem, (p["start_x"], p["start_y"]), p["lr"], p["epochs"], 2)
    assert trajectory.steps == 40
    axes, path = scene.traces["theta"]
    np.testing.assert_allclose(corners(path), axes.coords_to_point(trajectory.iterates), atol=1e-9)
    loss_axes, curve = scene.traces["loss"]
    drawn_loss = np.array([loss_axes.point_to_coords(c) for c in corners(curve)])
    np.testing.assert_allclose(drawn_loss[:, 0], np.arange(41), atol=1e-9)
    np.testing.assert_allclose(drawn_loss[:, 1], trajectory.losses, atol=1e-9)
    independent = [mean_log_loss(problem.X, problem.y, t) for t in trajectory.iterates]
    np.testing.assert_allclose(trajectory.losses, independent, rtol=1e-12)

    # each update drawn from θ's tip is −ε(σ(θ⊤x_i) − y_i)x_i for the example SGD visited, and the
    # ones stopped at are the 4 of the first epoch that move θ farthest (p far from y)
    lengths = []
    for k in range(1, 41):
        (i,) = trajectory.batches[k]
        x, y = problem.X[i], problem.y[i]
        lengths.append(p["lr"] * abs(sigmoid(trajectory.iterates[k - 1] @ x) - y) * np.linalg.norm(x))
    assert [k for k, _, _ in scene.updates] == sorted(1 + np.argsort(lengths)[-4:])
    for k, plane_axes, arrow in scene.updates:
        (i,) = trajectory.batches[k]
        theta = trajectory.iterates[k - 1]
        x, y = problem.X[i], problem.y[i]
        update = -p["lr"] * (sigmoid(theta @ x) - y) * x
        start, end = (np.array(plane_axes.point_to_coords(q))
                      for q in (arrow.get_start(), arrow.get_end()))
        np.testing.assert_allclose(start, theta, atol=1e-9)
        np.testing.assert_allclose(end - start, update, atol=1e-9)

    np.testing.assert_allclose(scene.plane.theta, trajectory.iterates[-1], atol=1e-12)
    check_plane(scene.plane, trajectory.iterates[-1])


@pytest.mark.parametrize("turn", [360.0, 90.0])
def test_rotation_draws_the_loss_over_the_turn_and_keeps_the_right_angle(constructed, turn):
    scene, job = constructed("logistic-rotation", turn=turn)
    p = job.params
    problem = LogReg(n=p["n"], separation=p["separation"])
    theta_hat = problem.minima()[0]
    np.testing.assert_allclose(problem.grad(theta_hat), 0.0, atol=1e-10)
    a = np.radians(turn)
    final = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]]) @ theta_hat
    np.testing.assert_allclose(scene.plane.theta, final, atol=1e-9)
    check_plane(scene.plane, final)

    axes, curve = scene.traces["loss"]
    drawn = np.array([axes.point_to_coords(c) for c in corners(curve)])
    assert drawn[0, 0] == pytest.approx(0.0, abs=1e-9) and drawn[-1, 0] == pytest.approx(turn)
    for angle, loss in drawn[::20]:
        b = np.radians(angle)
        turned = np.array([[np.cos(b), -np.sin(b)], [np.sin(b), np.cos(b)]]) @ theta_hat
        assert loss == pytest.approx(mean_log_loss(problem.X, problem.y, p["shrink"] * turned),
                                     rel=1e-9)

    # at the end the readout, the marker and the loss of the θ drawn agree (the marker has left
    # the curve, drawn at the shrunk length, for the fitted length's lower loss)
    final_loss = mean_log_loss(problem.X, problem.y, final)
    assert scene.loss_readout.get_value() == pytest.approx(final_loss, rel=1e-9)
    marker = scene.loss_axes.point_to_coords(scene.marker.get_center())
    assert marker[0] == pytest.approx(turn) and marker[1] == pytest.approx(final_loss, rel=1e-9)
    assert abs(marker[1] - drawn[-1, 1]) > 0.02  # off the curve: a different ‖θ‖
    top = axes.point_to_coords(axes.y_axis.get_top())[1]
    assert 0 < marker[1] <= top


def test_shading_changes_steadily_across_its_bands_with_no_seams(constructed):
    """Along θ through the origin, brightness runs one way from p = 1/2 out to each side; a seam
    (the background showing between two bands' anti-aliased edges) would be a notch in it."""
    from manim import Camera, config

    scene, _ = constructed("logistic-rotation")
    plane = scene.plane
    camera = Camera()
    camera.capture_mobjects([plane.shading])
    pixels = camera.pixel_array[..., :3].astype(int)
    scale = config.pixel_height / config.frame_height  # pixels per unit on screen
    (x0, x1), (y0, y1) = plane.bounds
    margin = 3 / scale
    low, high = plane.axes.c2p(x0, y0)[:2] + margin, plane.axes.c2p(x1, y1)[:2] - margin
    origin = plane.axes.c2p(0.0, 0.0)[:2]
    step = unit(plane.axes.c2p(*plane.theta)[:2] - origin) / scale  # one pixel along θ
    for sign in (1.0, -1.0):
        brightness, point = [], origin + 3 * sign * step  # from just off the boundary
        while np.all(point > low) and np.all(point < high):
            column, row = np.array([config.frame_width / 2 + point[0],
                                    config.frame_height / 2 - point[1]]) * scale
            brightness.append(pixels[int(row), int(column)].sum())
            point = point + sign * step
        change = np.diff(brightness)
        assert len(brightness) > 50
        assert np.all(change <= 3) or np.all(change >= -3), change


def test_sgd_from_theta_zero_hides_what_theta_zero_lacks_then_draws_it(constructed):
    """The issue's input (start_x=0, start_y=0) ended in 'ValueError: matmul': θ = 0, the usual
    start, has no boundary. The plane shows no boundary, arrow, mark or label there, and all of
    them again once θ moves."""
    scene, job = constructed("logistic-sgd", epochs=1, shown=1, n=20, start_x=0, start_y=0)
    plane = scene.plane
    trajectory = sgd(LogReg(n=20, separation=job.params["separation"], seed=0), (0.0, 0.0),
                     job.params["lr"], 1, 0)
    check_plane(plane, trajectory.iterates[-1])
    plane.show(np.zeros(2))
    assert not plane.boundary.has_points() and not plane.mark.has_points()
    hidden = [m for part in (plane.arrow, plane.label) for m in part.family_members_with_points()]
    assert all(m.get_fill_opacity() == m.get_stroke_opacity() == 0.0 for m in hidden)
    plane.show(trajectory.iterates[1])
    check_plane(plane, trajectory.iterates[1])
    assert all(m.get_fill_opacity() == 1.0 for m in plane.label.family_members_with_points())
    assert all(m.get_stroke_opacity() == 1.0 for m in plane.arrow.family_members_with_points())
