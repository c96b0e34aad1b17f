"""sim.logistic_geometry against closed forms, finite differences and the optimizer's iterates."""
import math

import numpy as np
import pytest

from sim.errors import SimError
from sim.logistic_geometry import (LEVELS, clip_half_plane, example_step, fitted_theta,
                                   level_segments, logistic_picture, longest_steps,
                                   most_wrong_example,
                                   probability_bands, rotated, sgd_steps, window)
from sim.optimizers import minibatch_sgd, sgd
from sim.regression import LogReg

THETA = np.array([2.0, -1.2])
BOUNDS = ((-3.0, 3.5), (-2.5, 3.0))


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def unit(v):
    return np.asarray(v) / np.linalg.norm(v)


def test_rotation_matches_the_rotation_matrix_and_keeps_the_norm():
    for degrees in (0.0, 30.0, 90.0, -135.0, 400.0):
        a = math.radians(degrees)
        matrix = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]])
        np.testing.assert_allclose(rotated(THETA, degrees), matrix @ THETA, atol=1e-14)
    sweep = rotated(THETA, np.linspace(0, 360, 7))
    assert sweep.shape == (7, 2)
    np.testing.assert_allclose(np.linalg.norm(sweep, axis=1), np.linalg.norm(THETA))
    assert abs(rotated(THETA, 90.0) @ THETA) < 1e-12


def test_window_holds_the_points_with_room_and_half_unit_edges():
    points = np.array([[-1.23, 0.4], [2.71, -3.02]])
    (x0, x1), (y0, y1) = window(points, pad=0.5)
    assert (x0, x1, y0, y1) == (-2.0, 3.5, -4.0, 1.0)


def test_probability_grid_is_the_sigmoid_of_the_dot_product():
    picture = logistic_picture(THETA, BOUNDS)
    xs, ys = np.meshgrid(picture.xs, picture.ys)
    np.testing.assert_allclose(picture.probability, sigmoid(THETA[0] * xs + THETA[1] * ys),
                               atol=1e-15)
    cells = np.concatenate([np.diff(picture.xs), np.diff(picture.ys)])
    np.testing.assert_allclose(cells, cells[0], rtol=1e-3)  # square cells: no stretched image
    assert (picture.xs[0], picture.xs[-1], picture.ys[0], picture.ys[-1]) == (-3.0, 3.5, -2.5, 3.0)


def test_boundary_is_theta_perp_through_the_origin():
    boundary = logistic_picture(THETA, BOUNDS).boundary
    np.testing.assert_allclose(boundary @ THETA, 0.0, atol=1e-12)
    assert abs(unit(boundary[1] - boundary[0]) @ unit(THETA)) < 1e-12
    (x0, x1), (y0, y1) = BOUNDS  # both ends on the frame
    for end in boundary:
        assert min(abs(end[0] - x0), abs(end[0] - x1), abs(end[1] - y0), abs(end[1] - y1)) < 1e-12


@pytest.mark.parametrize("theta", [THETA, rotated(THETA, 100.0), 4.0 * unit([1.0, 3.0])])
def test_contoured_level_lines_are_the_closed_form_lines_parallel_to_the_boundary(theta):
    picture = logistic_picture(theta, BOUNDS)
    assert tuple(picture.lines.levels) == LEVELS
    along = unit(picture.boundary[1] - picture.boundary[0])
    for q, pieces in zip(LEVELS, picture.lines.lines):
        assert len(pieces) == 1
        (piece,) = pieces
        # on the line θ⊤x = log(q / (1 − q)), up to the grid's linear interpolation (x units)
        offset = (piece @ theta - math.log(q / (1 - q))) / np.linalg.norm(theta)
        assert np.abs(offset).max() < 5e-4
        direction = unit(piece[-1] - piece[0])
        assert abs(direction[0] * along[1] - direction[1] * along[0]) < 1e-4
        # on the side of the boundary where p is above or below 1/2, as q is
        assert np.all(np.sign(piece @ theta) == np.sign(q - 0.5))


@pytest.mark.parametrize("theta", [THETA, rotated(THETA, 100.0), 4.0 * unit([1.0, 3.0])])
def test_closed_form_level_segments_run_where_the_contoured_lines_run(theta):
    picture = logistic_picture(theta, BOUNDS)
    for q, segment, (piece,) in zip(LEVELS, level_segments(theta, BOUNDS), picture.lines.lines):
        np.testing.assert_allclose(sigmoid(segment @ theta), q, rtol=1e-12)  # both ends on p = q
        low, high = np.array(BOUNDS).T
        assert np.all((segment >= low - 1e-12) & (segment <= high + 1e-12))
        ends = piece[[0, -1]]  # the contour's ends: the same two window crossings (grid accuracy)
        assert min(np.abs(ends - segment).max(), np.abs(ends[::-1] - segment).max()) < 1e-3


def test_level_segments_miss_a_window_they_do_not_cross_and_vanish_for_theta_zero():
    assert level_segments(np.array([1.0, 0.0]), ((0.0, 1.0), (0.0, 1.0)), (0.05,)) == (None,)
    assert level_segments(np.zeros(2), BOUNDS) == (None,) * len(LEVELS)


def test_invalid_levels_are_refused():
    for make in (logistic_picture, level_segments):
        with pytest.raises(SimError, match="strictly between 0 and 1"):
            make(THETA, BOUNDS, levels=(0.5, 1.0))


def test_example_step_is_minus_epsilon_times_the_closed_form_gradient():
    problem = LogReg()
    for index in (0, 1, 17, 42):
        step = example_step(problem, THETA, index, 0.3)
        x, y = problem.X[index], problem.y[index]
        p = sigmoid(THETA @ x)
        assert step.y == y and step.p == pytest.approx(p, rel=1e-14)
        np.testing.assert_allclose(step.gradient, (p - y) * x, rtol=1e-13)
        np.testing.assert_allclose(step.update, -0.3 * (p - y) * x, rtol=1e-13)
        np.testing.assert_allclose(step.update, step.coefficient * x, rtol=1e-13)
        np.testing.assert_allclose(step.theta_after, THETA + step.update, rtol=1e-15)


def test_example_gradient_matches_central_differences_of_the_example_loss():
    problem = LogReg()
    h = 1e-6
    for index in (3, 8):
        step = example_step(problem, THETA, index, 1.0)
        differences = [problem.example_losses(THETA + e)[index]
                       - problem.example_losses(THETA - e)[index] for e in np.eye(2) * h]
        numeric = np.array(differences) / (2 * h)
        np.testing.assert_allclose(step.gradient, numeric, rtol=1e-6, atol=1e-9)


def test_a_step_moves_theta_along_plus_x_for_class_1_and_minus_x_for_class_0():
    problem = LogReg()
    for label, sign in ((1, 1.0), (0, -1.0)):
        index = most_wrong_example(problem, THETA, label)
        step = example_step(problem, THETA, index, 0.5)
        assert unit(step.update) @ unit(sign * step.x) == pytest.approx(1.0, abs=1e-12)
        assert sign * step.coefficient > 0
        # the point's margin rises: the boundary turns toward classifying it correctly
        assert sign * (step.theta_after @ step.x) > sign * (THETA @ step.x)


def test_most_wrong_example_is_the_largest_loss_of_its_class():
    problem = LogReg()
    losses = problem.example_losses(THETA)
    for label in (0, 1):
        index = most_wrong_example(problem, THETA, label)
        assert problem.y[index] == label
        assert losses[index] == max(losses[i] for i in range(problem.n) if problem.y[i] == label)


def test_sgd_steps_reproduce_the_trajectory():
    problem = LogReg(n=30)
    trajectory = sgd(problem, (1.5, -1.5), 0.4, 2, seed=3)
    steps = sgd_steps(problem, trajectory)
    assert len(steps) == trajectory.steps == 60
    for k, step in enumerate(steps, start=1):
        assert step.index == trajectory.batches[k][0]
        np.testing.assert_allclose(step.theta, trajectory.iterates[k - 1], rtol=0, atol=0)
        np.testing.assert_allclose(step.theta_after, trajectory.iterates[k], atol=1e-14)
    assert len(sgd_steps(problem, trajectory, count=5)) == 5
    with pytest.raises(SimError, match="one per update"):
        sgd_steps(problem, minibatch_sgd(problem, (0.0, 0.0), 0.4, 1, 5, seed=0))


def test_fitted_theta_is_a_critical_point_and_separable_data_are_refused():
    problem = LogReg()
    np.testing.assert_allclose(problem.grad(fitted_theta(problem)), 0.0, atol=1e-12)
    with pytest.raises(SimError, match="separable"):
        fitted_theta(LogReg(n=20, separation=3.0, seed=0))


def polygon_area(polygon):
    x, y = polygon.T
    return 0.5 * abs(x @ np.roll(y, -1) - y @ np.roll(x, -1))


def test_clip_half_plane_keeps_the_inside_part_of_a_square():
    square = np.array([[0.0, 0.0], [2.0, 0.0], [2.0, 2.0], [0.0, 2.0]])
    half = clip_half_plane(square, [1.0, 1.0], -2.0)  # x + y ≥ 2: the upper-right triangle
    assert polygon_area(half) == pytest.approx(2.0)
    assert np.all(half @ [1.0, 1.0] - 2.0 >= -1e-12)
    assert len(clip_half_plane(square, [1.0, 0.0], -5.0)) == 0
    np.testing.assert_array_equal(clip_half_plane(square, [1.0, 0.0], 1.0), square)


@pytest.mark.parametrize("theta", [THETA, rotated(THETA, 77.0), 0.2 * THETA])
def test_probability_bands_tile_the_window_and_hold_their_range_of_p(theta):
    bands = probability_bands(theta, BOUNDS, 24)
    np.testing.assert_allclose(bands.edges, np.linspace(0, 1, 25))
    (x0, x1), (y0, y1) = BOUNDS
    areas = [polygon_area(p) if len(p) else 0.0 for p in bands.polygons]
    assert sum(areas) == pytest.approx((x1 - x0) * (y1 - y0), rel=1e-12)
    for low, high, polygon in zip(bands.edges[:-1], bands.edges[1:], bands.polygons):
        if len(polygon):
            p = sigmoid(polygon @ theta)
            assert np.all(p >= low - 1e-12) and np.all(p <= high + 1e-12)


def test_overlapping_bands_reach_that_far_under_the_next_one_and_no_further():
    theta, overlap = rotated(THETA, 77.0), 0.05
    exact = probability_bands(theta, BOUNDS, 24).polygons
    grown = probability_bands(theta, BOUNDS, 24, overlap=overlap).polygons
    (x0, x1), (y0, y1) = BOUNDS
    along = unit(theta)  # signed distance along θ: a band's extent across its stripe
    far = (np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]]) @ along).max()
    for band, wide in zip(exact[:-1], grown[:-1]):
        if len(band):
            assert (wide @ along).min() == pytest.approx((band @ along).min(), abs=1e-12)
            assert (wide @ along).max() == pytest.approx(min((band @ along).max() + overlap, far),
                                                         abs=1e-12)
    np.testing.assert_array_equal(grown[-1], exact[-1])  # the last band has nothing above it


def test_probability_bands_for_theta_zero_and_bad_counts():
    bands = probability_bands(np.zeros(2), BOUNDS, 4)
    assert [len(p) for p in bands.polygons] == [0, 0, 4, 0]
    with pytest.raises(SimError, match="even"):
        probability_bands(THETA, BOUNDS, 5)


def test_longest_steps_are_the_updates_with_the_largest_epsilon_p_minus_y_times_x_in_order():
    problem = LogReg(n=60, separation=2.0, seed=4)
    steps = sgd_steps(problem, sgd(problem, (1.5, -1.5), 1.0, 1, 4))
    picked = longest_steps(steps, 4)
    assert list(picked) == sorted(picked) and len(set(picked)) == 4
    lengths = [abs(s.lr * (s.p - s.y)) * np.linalg.norm(s.x) for s in steps]
    assert min(lengths[i] for i in picked) >= max(lengths[i] for i in range(60) if i not in picked)
    assert longest_steps(steps, 0) == ()
