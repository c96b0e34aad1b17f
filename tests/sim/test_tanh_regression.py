"""The one-tanh-unit regression against finite differences, its symmetry and its critical points."""
import numpy as np
import pytest

from sim.errors import SimError
from sim.optimizers import minibatch_sgd
from sim.problems import classify
from sim.tanh_regression import TanhReg

POINTS = np.array([[0.3, -0.7], [1.1, 1.6], [-2.0, 0.4], [0.0, 0.9], [2.4, -2.2]])


def central_difference(f, theta, h=1e-6):
    """d f / d θ_j by central differences, one coordinate at a time (shape f(θ).shape + (2,))."""
    theta = np.asarray(theta, dtype=float)
    return np.stack([(f(theta + h * e) - f(theta - h * e)) / (2 * h) for e in np.eye(2)], axis=-1)


@pytest.mark.parametrize("n, noise, seed", [(50, 0.5, 0), (7, 0.0, 3), (200, 2.0, 11)])
def test_value_is_the_mean_of_squared_residuals_of_the_unit(n, noise, seed):
    problem = TanhReg(n=n, noise=noise, seed=seed)
    for w, a in POINTS:
        direct = np.mean([0.5 * (yi - a * np.tanh(w * xi)) ** 2 for xi, yi in zip(problem.x, problem.y)])
        assert problem.value(np.array([w, a])) == pytest.approx(direct, rel=1e-13)
    grid = np.stack(np.meshgrid(np.linspace(-2, 2, 5), np.linspace(-1, 1, 3)), axis=-1)
    np.testing.assert_allclose(problem.value(grid), [[problem.value(p) for p in row] for row in grid])


def test_gradient_and_hessian_match_finite_differences():
    problem = TanhReg(n=30, seed=4)
    np.testing.assert_allclose(problem.grad(POINTS), central_difference(problem.value, POINTS),
                               rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(problem.hessian(POINTS), central_difference(problem.grad, POINTS),
                               rtol=1e-6, atol=1e-7)
    per_example = central_difference(problem.example_losses, POINTS[1])  # (n, 2)
    np.testing.assert_allclose(problem.example_grads(POINTS[1]), per_example, rtol=1e-6, atol=1e-8)


def test_batch_gradient_is_the_mean_over_the_batch_for_every_member():
    problem = TanhReg(n=20, seed=1)
    idx = np.array([[3, 7, 11], [0, 19, 5]])
    theta = POINTS[:2]
    expected = [problem.example_grads(theta[s])[idx[s]].mean(axis=0) for s in range(2)]
    np.testing.assert_allclose(problem.batch_grad(theta, idx), expected, rtol=1e-14)
    np.testing.assert_allclose(problem.batch_grad(theta[0], np.arange(20)), problem.grad(theta[0]),
                               rtol=1e-13)


def test_the_loss_is_symmetric_under_theta_to_minus_theta():
    problem = TanhReg(seed=2)
    np.testing.assert_array_equal(problem.value(POINTS), problem.value(-POINTS))


@pytest.mark.parametrize("seed", [0, 1, 5])
def test_two_minima_and_a_saddle(seed):
    problem = TanhReg(seed=seed)
    points = problem.critical_points()
    np.testing.assert_allclose(problem.grad(points), 0.0, atol=1e-12)
    assert classify(problem, points) == ("minimum", "minimum", "saddle")
    np.testing.assert_array_equal(points[1], -points[0])
    assert points[0, 0] > 0
    # the global minimum: no point of a fine grid over the plot is lower
    (x0, x1), (y0, y1) = problem.bounds
    grid = np.stack(np.meshgrid(np.linspace(x0, x1, 301), np.linspace(y0, y1, 301)), axis=-1)
    assert problem.value(grid).min() >= problem.value(points[0]) - 1e-12
    # the plot holds both minima with a margin of at least 1
    assert np.all(np.abs(problem.bounds[0][1]) >= np.abs(points).max() + 1.0)


def test_noise_free_data_are_fitted_exactly_by_their_own_parameters():
    problem = TanhReg(n=40, noise=0.0, seed=3)
    np.testing.assert_allclose(problem.minima()[0], TanhReg.THETA_STAR, atol=1e-9)
    assert problem.value(problem.minima()[0]) == pytest.approx(0.0, abs=1e-20)


def test_sgd_runs_on_it():
    path = minibatch_sgd(TanhReg(), TanhReg.DEFAULT_START, 0.2, 3, 5, seed=0)
    assert path.steps == 3 * 10 and not path.diverged


@pytest.mark.parametrize("kw", [{"n": 1}, {"noise": -1.0}, {"seed": -2}, {"n": 2.5}])
def test_bad_parameters_are_rejected(kw):
    with pytest.raises(SimError):
        TanhReg(**kw)


# Data on which L has no minimiser: the two inputs (falling toward least squares on
# sign x as θ1 → ∞) and one of our own (falling toward least squares on x as θ1 → 0, θ2 → ∞).
TOWARD_SIGN = [dict(n=5, noise=2.81, seed=29865), dict(n=10, noise=3.0, seed=3)]
TOWARD_LINEAR = [dict(n=5, noise=3.0, seed=0), dict(n=2, noise=1.0, seed=2)]


def least_squares_on(v, y):
    """min over c of (1/n) Σ ½(y_i − c v_i)², by numpy's least squares (not the profile formula)."""
    c = np.linalg.lstsq(v[:, None], y, rcond=None)[0][0]
    return c, np.mean(0.5 * (y - c * v) ** 2)


@pytest.mark.parametrize("kw", TOWARD_SIGN)
def test_without_a_minimiser_the_loss_falls_toward_the_sign_limit(kw):
    problem = TanhReg(**kw)
    c, limit = least_squares_on(np.sign(problem.x), problem.y)
    assert problem.minima().shape == (0, 2)
    assert problem.infimum == pytest.approx(limit, rel=1e-12)
    np.testing.assert_array_equal(problem.critical_points(), np.zeros((1, 2)))
    # along θ = (w, c) the loss stays above the limit and reaches it once tanh saturates
    along = problem.value(np.array([[w, c] for w in (1.0, 3.0, 10.0, 30.0)]))
    assert np.all(along > limit)
    assert problem.value(np.array([1e4, c])) == pytest.approx(limit, rel=1e-14)
    assert_nothing_below(problem)


@pytest.mark.parametrize("kw", TOWARD_LINEAR)
def test_without_a_minimiser_the_loss_may_fall_toward_the_linear_limit(kw):
    problem = TanhReg(**kw)
    beta, limit = least_squares_on(problem.x, problem.y)
    assert problem.minima().shape == (0, 2)
    assert problem.infimum == pytest.approx(limit, rel=1e-12)
    # along θ = (w, β/w), w → 0, the unit becomes the line βx
    along = problem.value(np.array([[w, beta / w] for w in (1.0, 0.3, 0.1, 0.03)]))
    assert np.all(np.diff(along) < 0) and np.all(along > limit)
    assert problem.value(np.array([1e-5, beta / 1e-5])) == pytest.approx(limit, rel=1e-9)
    assert_nothing_below(problem)


def assert_nothing_below(problem):
    """No point of a wide grid (θ1 out to where tanh saturates, in a log scale) is below inf L."""
    w = np.concatenate([-np.geomspace(1e-4, 1e4, 161), np.geomspace(1e-4, 1e4, 161)])
    a = np.concatenate([-np.geomspace(1e-2, 1e4, 121), [0.0], np.geomspace(1e-2, 1e4, 121)])
    grid = np.stack(np.meshgrid(w, a), axis=-1)
    assert problem.value(grid).min() >= problem.infimum - 1e-12


@pytest.mark.parametrize("seed", [0, 1, 5])
def test_with_a_minimiser_the_infimum_is_its_value_and_below_both_limits(seed):
    problem = TanhReg(seed=seed)
    assert problem.infimum == problem.value(problem.minima()[0])
    assert problem.infimum < min(least_squares_on(v, problem.y)[1]
                                 for v in (problem.x, np.sign(problem.x)))
    assert_nothing_below(problem)


def test_the_window_holds_the_default_start_when_there_is_no_minimiser():
    problem = TanhReg(**TOWARD_SIGN[0])
    (x0, x1), (y0, y1) = problem.bounds
    w, a = TanhReg.DEFAULT_START
    assert x0 + 1 <= w <= x1 - 1 and y0 + 1 <= a <= y1 - 1
