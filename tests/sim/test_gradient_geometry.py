"""Steepest ascent, gradient fields and level-set walks against brute force and closed forms."""
import numpy as np
import pytest

from sim.errors import SimError
from sim.gradient_geometry import gradient_field, level_set_walk, steepest_ascent
from sim.problems import SURFACES, DoubleWell, Quadratic


def slope(problem, point, u, h=1e-6):
    """Directional derivative by central differences: no gradient involved."""
    return (problem.value(point + h * u) - problem.value(point - h * u)) / (2 * h)


@pytest.mark.parametrize("name, point", [("double-well", (0.5, 0.5)), ("himmelblau", (1.0, -2.0)),
                                         ("quadratic", (-1.0, 0.3)), ("rosenbrock", (0.2, 1.5))])
def test_steepest_ascent_is_the_brute_force_maximum_over_directions(name, point):
    problem = SURFACES[name]()
    point = np.array(point)
    angles = np.linspace(0.0, 2 * np.pi, 20000, endpoint=False)
    slopes = np.array([slope(problem, point, np.array([np.cos(a), np.sin(a)])) for a in angles])
    best = steepest_ascent(problem, point)
    assert best.norm == pytest.approx(slopes.max(), rel=1e-6)
    gap = abs((best.angle - angles[slopes.argmax()] + np.pi) % (2 * np.pi) - np.pi)
    assert gap < 2 * 2 * np.pi / len(angles)
    assert (best.descent_angle - best.angle) % (2 * np.pi) == pytest.approx(np.pi)
    assert -best.norm == pytest.approx(slopes.min(), rel=1e-6)
    np.testing.assert_allclose(best.direction, [np.cos(best.angle), np.sin(best.angle)])


def test_no_steepest_direction_at_a_critical_point():
    with pytest.raises(SimError, match="critical point"):
        steepest_ascent(Quadratic(), (0.0, 0.0))


def test_gradient_field_is_a_square_grid_of_finite_difference_gradients():
    problem = DoubleWell()
    field = gradient_field(problem, columns=9)
    (x0, x1), (y0, y1) = problem.bounds
    assert field.spacing == pytest.approx(0.4)
    assert np.all((field.points > [x0, y0]) & (field.points < [x1, y1]))
    xs, ys = np.unique(field.points[:, 0]), np.unique(field.points[:, 1])
    assert len(xs) == 9 and len(ys) == 5
    np.testing.assert_allclose(np.diff(ys), field.spacing)
    fd = np.array([[slope(problem, p, e) for e in np.eye(2)] for p in field.points])
    np.testing.assert_allclose(field.gradients, fd, atol=1e-6)


def test_gradient_field_leaves_out_critical_points():
    field = gradient_field(Quadratic(bounds=((-1.0, 1.0), (-1.0, 1.0))), columns=3)
    assert len(field.points) == 8 and not np.any(np.all(field.points == 0.0, axis=1))


def test_walk_on_a_circle_matches_the_closed_form():
    """f = ½‖θ‖²: the level sets are circles, θ′ ⟂ θ = ∇f exactly, arc length = radius × angle."""
    walk = level_set_walk(Quadratic(a=1.0, b=1.0), (0.8, 0.0))
    radius = np.linalg.norm(walk.points, axis=1)
    np.testing.assert_allclose(radius, 0.8, atol=1e-12)
    assert walk.trace.closed and np.array_equal(walk.points[-1], walk.points[0])
    assert walk.times[-1] == pytest.approx(2 * np.pi * 0.8, rel=1e-4)
    exact = np.stack([-walk.points[:, 1], walk.points[:, 0]], axis=1) / 0.8  # counter-clockwise
    np.testing.assert_allclose(walk.velocities, exact, atol=1e-4)
    np.testing.assert_allclose(walk.rates, 0.0, atol=1e-4)
    np.testing.assert_allclose(walk.angles, 90.0, atol=1e-2)


def test_walk_on_the_double_well_stays_on_its_level_and_moves_at_unit_speed():
    problem = DoubleWell()
    walk = level_set_walk(problem, (-1.0, 0.95))
    np.testing.assert_allclose(problem.value(walk.points), walk.level, atol=1e-12)
    np.testing.assert_allclose(np.linalg.norm(walk.velocities, axis=1), 1.0)
    steps = np.linalg.norm(np.diff(walk.points, axis=0), axis=1)
    np.testing.assert_allclose(np.diff(walk.times), steps)
    # θ′ against the secant of the neighbouring points, an independent estimate of the direction
    secants = walk.points[2:] - walk.points[:-2]
    secants /= np.linalg.norm(secants, axis=1, keepdims=True)
    assert np.min(np.sum(secants * walk.velocities[1:-1], axis=1)) > 0.999
    np.testing.assert_allclose(walk.rates, np.sum(walk.velocities * problem.grad(walk.points), 1))
    assert np.abs(walk.rates).max() < 5e-4
    assert np.abs(walk.angles - 90.0).max() < 0.05


def test_an_open_level_set_is_walked_end_to_end():
    walk = level_set_walk(SURFACES["saddle"](), (1.0, 0.5))
    assert not walk.trace.closed and len(walk.points) == len(walk.trace.points)
    assert np.abs(walk.rates).max() < 1e-3


def test_a_walk_must_start_inside_the_plot():
    with pytest.raises(SimError, match="outside the plot"):
        level_set_walk(DoubleWell(), (3.0, 0.0))
