"""Every problem's derivatives against finite differences, and its known critical points."""
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.errors import SimError
from sim.problems import (SURFACES, BoundedSaddle, DoubleWell, Himmelblau, Quadratic, Rosenbrock,
                          Saddle, classify)
from sim.registry import PROBLEMS, make_problem, parameters
from sim.regression import LinReg, LogReg, logistic_losses, loss_curves

VARIANTS = [(name, {}) for name in PROBLEMS] + [
    ("quadratic", {"angle": 30.0, "a": 2.0, "b": 5.0}),
    ("saddle", {"a": 2.0, "b": 0.5}),
    ("bounded-saddle", {"quartic": 3.0}),
    ("double-well", {"tilt": -0.5}),
    ("logreg", {"separation": 8.0}),  # separable: no minimiser, still differentiable
    ("linreg", {"n": 7, "noise": 0.0, "seed": 3}),
]
IDS = [f"{name}-{'-'.join(f'{k}={v}' for k, v in p.items()) or 'default'}" for name, p in VARIANTS]


def sample_points(problem, count=25, seed=0):
    (x0, x1), (y0, y1) = problem.bounds
    rng = np.random.default_rng(seed)
    return np.column_stack([rng.uniform(x0, x1, count), rng.uniform(y0, y1, count)])


def central_difference(f, points, h):
    return np.stack([(f(points + e) - f(points - e)) / (2 * h) for e in np.eye(2) * h], axis=-1)


@pytest.mark.parametrize("name,params", VARIANTS, ids=IDS)
def test_gradient_matches_central_differences(name, params):
    problem = make_problem(name, params)
    points = sample_points(problem)
    h = 1e-6
    numeric = central_difference(problem.value, points, h)
    analytic = problem.grad(points)
    scale = 1.0 + np.abs(analytic)
    assert np.max(np.abs(numeric - analytic) / scale) < 1e-6


@pytest.mark.parametrize("name,params", VARIANTS, ids=IDS)
def test_hessian_matches_differences_of_the_gradient(name, params):
    problem = make_problem(name, params)
    points = sample_points(problem, seed=1)
    h = 1e-6
    numeric = np.stack([(problem.grad(points + e) - problem.grad(points - e)) / (2 * h)
                        for e in np.eye(2) * h], axis=-1)
    analytic = problem.hessian(points)
    assert np.max(np.abs(numeric - analytic) / (1.0 + np.abs(analytic))) < 1e-6
    np.testing.assert_array_equal(analytic, np.swapaxes(analytic, -1, -2))


@pytest.mark.parametrize("name,params", VARIANTS, ids=IDS)
def test_methods_broadcast_over_leading_axes(name, params):
    problem = make_problem(name, params)
    grid = sample_points(problem, 12).reshape(3, 4, 2)
    assert problem.value(grid).shape == (3, 4)
    assert problem.grad(grid).shape == (3, 4, 2)
    assert problem.hessian(grid).shape == (3, 4, 2, 2)
    np.testing.assert_allclose(problem.value(grid)[1, 2], problem.value(grid[1, 2]), rtol=1e-14)


@pytest.mark.parametrize("name,params", VARIANTS, ids=IDS)
def test_minima_are_critical_points_with_positive_curvature(name, params):
    problem = make_problem(name, params)
    minima = problem.minima()
    assert minima.ndim == 2 and minima.shape[1] == 2
    for point in minima:
        assert np.linalg.norm(problem.grad(point)) < 1e-10
        assert classify(problem, point) == ("minimum",)


def test_known_minima():
    np.testing.assert_allclose(Rosenbrock(a=1.5).minima(), [[1.5, 2.25]])
    np.testing.assert_allclose(Himmelblau().minima()[0], [3.0, 2.0], atol=1e-14)
    np.testing.assert_allclose(Himmelblau().value(Himmelblau().minima()), 0.0, atol=1e-24)
    np.testing.assert_allclose(BoundedSaddle(b=2.0, quartic=0.5).minima(), [[0, -2], [0, 2]])
    assert Saddle().minima().shape == (0, 2)
    assert classify(Saddle(), Saddle().critical_points()) == ("saddle",)


def test_critical_points_are_classified():
    assert classify(Himmelblau(), Himmelblau().critical_points()) == (
        ("minimum",) * 4 + ("saddle",) * 4 + ("maximum",))
    assert classify(DoubleWell(), DoubleWell().critical_points()) == ("minimum", "saddle", "minimum")
    assert classify(BoundedSaddle(), BoundedSaddle().critical_points()) == (
        "minimum", "saddle", "minimum")
    for problem in (Himmelblau(), DoubleWell(), BoundedSaddle()):
        assert np.abs(problem.grad(problem.critical_points())).max() < 1e-12


@given(st.floats(0.0, 360.0), st.floats(0.1, 20.0), st.floats(0.1, 20.0))
@settings(max_examples=40, deadline=None)
def test_rotation_keeps_a_and_b_as_eigenvalues(angle, a, b):
    problem = Quadratic(a=a, b=b, angle=angle)
    np.testing.assert_allclose(np.linalg.eigvalsh(problem.matrix), sorted([a, b]), rtol=1e-12)


def test_unrotated_quadratic_is_the_original_bowl():
    theta = np.array([[0.3, -1.1], [1.7, 0.2]])
    q = Quadratic(a=1.0, b=10.0)
    np.testing.assert_allclose(q.value(theta), 0.5 * (theta[:, 0] ** 2 + 10 * theta[:, 1] ** 2),
                               rtol=1e-15)
    assert q == Quadratic(1.0, 10.0, ((-2.0, 2.0), (-1.2, 1.2)))  # positional API unchanged


def test_linreg_minimiser_solves_the_normal_equations():
    problem = LinReg(n=50, noise=0.3, seed=4)
    X, y = problem.X, problem.y
    np.testing.assert_allclose(problem.minima()[0], np.linalg.solve(X.T @ X, X.T @ y), rtol=1e-12)
    np.testing.assert_allclose(X.mean(axis=0), 0.0, atol=1e-15)
    np.testing.assert_allclose(problem.value(np.zeros(2)), 0.5 * np.mean(y**2), rtol=1e-14)


def test_linreg_without_noise_recovers_theta_star():
    np.testing.assert_allclose(LinReg(noise=0.0).minima()[0], LinReg.THETA_STAR, rtol=1e-12)


def test_data_is_a_pure_function_of_the_parameters():
    a, b = LogReg(n=40, seed=2), LogReg(n=40, seed=2)
    np.testing.assert_array_equal(a.X, b.X)
    assert not np.array_equal(a.X, LogReg(n=40, seed=3).X)
    assert np.bincount(a.y).tolist() == [20, 20]


def test_logreg_minimiser_and_separability():
    problem = LogReg()
    assert not problem.separable
    assert np.linalg.norm(problem.grad(problem.minima()[0])) < 1e-12
    separated = LogReg(separation=8.0)
    assert separated.separable and separated.minima().shape == (0, 2)
    signs = 2 * separated.y - 1
    # the loss keeps falling along a separating direction: no finite minimiser
    direction = np.linalg.lstsq(separated.X, signs.astype(float), rcond=None)[0]
    if np.all(signs * (separated.X @ direction) > 0):
        values = separated.value(np.outer([1, 10, 100], direction))
        assert values[0] > values[1] > values[2]


def test_per_example_gradients_average_to_the_gradient():
    for problem in (LinReg(n=30), LogReg(n=30)):
        theta = np.array([[0.4, -0.2], [1.0, 2.0]])
        np.testing.assert_allclose(problem.example_grads(theta).mean(axis=-2), problem.grad(theta),
                                   rtol=1e-12, atol=1e-15)
        idx = np.array([[0, 5, 7], [2, 2, 9]])
        expected = [problem.example_grads(t)[i].mean(axis=0) for t, i in zip(theta, idx)]
        np.testing.assert_allclose(problem.batch_grad(theta, idx), expected, rtol=1e-12)
        np.testing.assert_allclose(problem.example_losses(theta).mean(axis=-1), problem.value(theta))


@given(st.floats(-1e300, 1e300), st.integers(0, 1))
@settings(max_examples=60, deadline=None)
def test_logistic_loss_is_finite_and_warning_free_for_huge_inputs(z, y):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss = logistic_losses(np.array([z]), np.array([y]))[0]
    assert np.isfinite(loss) and loss >= 0
    margin = z if y == 1 else -z
    if margin > 40:
        assert loss < 1e-17  # correct and confident: no catastrophic cancellation to 0 or worse
    if margin < -40:
        assert loss == pytest.approx(-margin, rel=1e-12)


def test_logistic_problem_survives_huge_theta():
    problem = LogReg(n=20)
    theta = np.array([1e200, -3e199])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert np.isfinite(problem.value(theta))
        assert np.all(np.isfinite(problem.grad(theta)))
        assert np.all(np.isfinite(problem.hessian(theta)))


def test_grid_values_are_chunked_consistently():
    problem = LogReg(n=400)
    (x0, x1), (y0, y1) = problem.bounds
    grid = np.stack(np.meshgrid(np.linspace(x0, x1, 120), np.linspace(y0, y1, 120)), axis=-1)
    values = problem.value(grid)
    assert values.shape == (120, 120)
    np.testing.assert_allclose(values[7, 99], problem.example_losses(grid[7, 99]).mean(), rtol=1e-14)


def test_loss_curves_sum_the_examples():
    thetas = np.linspace(-2, 4, 301)
    for kind in ("linreg", "logreg"):
        curves = loss_curves(thetas, kind, n=6, seed=1)
        assert curves.per_example.shape == (6, 301)
        np.testing.assert_allclose(curves.total, curves.per_example.sum(axis=0))
        assert curves.total.min() >= curves.per_example.sum(axis=0).min()
    linear = loss_curves(thetas, "linreg", n=6, seed=1)
    assert abs(thetas[np.argmin(linear.total)] - linear.minimiser) <= thetas[1] - thetas[0]
    with pytest.raises(SimError, match="linreg"):
        loss_curves(thetas, "cubic")


@pytest.mark.parametrize("name,params,match", [
    ("quadratic", {"a": 0.0}, "a must be a positive"),
    ("double-well", {"tilt": 2.0}, "two wells"),
    ("linreg", {"n": 2}, "n must be a whole number"),
    ("logreg", {"separation": -1.0}, "separation must be"),
    ("linreg", {"seed": -1}, "seed must be"),
])
def test_parameters_out_of_range_are_rejected(name, params, match):
    with pytest.raises(SimError, match=match):
        make_problem(name, params)


def test_every_surface_is_registered_with_its_parameters():
    assert set(SURFACES) <= set(PROBLEMS)
    assert parameters("quadratic") == {"a": 1.0, "b": 10.0, "angle": 0.0}
    assert parameters("linreg") == {"n": 100, "noise": 0.5, "seed": 0}
    assert parameters("himmelblau") == {}
