"""GD's approach to the saddle against its closed form; where each run ends, at the scene's defaults."""
import numpy as np
import pytest

from sim.optimizers import gradient_descent
from sim.problems import BoundedSaddle
from sim.saddle_escape import START_THETA1, nearest_critical, saddle_escape

DEFAULTS = dict(offset=1e-4, lr=0.1, steps=60, noise=0.8)


def test_gradient_descent_follows_the_closed_form_near_the_stable_direction():
    result = saddle_escape(seed=0, **DEFAULTS)
    t = np.arange(61)
    theta1, theta2 = result.gd.iterates.T
    np.testing.assert_allclose(theta1, START_THETA1 * 0.9 ** t, rtol=1e-12)  # θ1 ← (1 − εa) θ1
    linear = 1e-4 * 1.1 ** t  # θ2 ← (1 + εb) θ2 − εq θ2³: the cubic only slows the escape
    assert np.all(theta2 <= linear * (1 + 1e-12)) and np.all(theta2 >= 0.99 * linear)


def test_records_are_the_problem_evaluated_on_the_paths():
    result = saddle_escape(seed=3, **DEFAULTS)
    x, y = result.gd.iterates.T
    np.testing.assert_allclose(result.gd_grad_norms, np.hypot(x, -y + y**3), rtol=1e-13)
    for run, excess in ((result.gd, result.gd_excess), (result.sgd, result.sgd_excess)):
        x, y = run.iterates.T
        np.testing.assert_allclose(excess, 0.5 * (x**2 - y**2) + 0.25 * y**4 + 0.25, rtol=1e-12, atol=1e-15)
    assert result.saddle_excess == pytest.approx(0.25)
    np.testing.assert_array_equal(result.saddle, [0.0, 0.0])
    np.testing.assert_allclose(result.minima, [[0.0, -1.0], [0.0, 1.0]])


def test_the_noise_is_sims_noisy_gradient_descent():
    from sim.optimizers import noisy_gradient_descent

    result = saddle_escape(seed=7, **DEFAULTS)
    again = noisy_gradient_descent(BoundedSaddle(), (START_THETA1, 1e-4), 0.1, 60, 0.8, 7)
    np.testing.assert_array_equal(result.sgd.iterates, again.iterates)


@pytest.mark.parametrize("seed", range(10))
def test_at_the_defaults_gd_stalls_at_the_saddle_and_sgd_reaches_a_minimum(seed):
    result = saddle_escape(seed=seed, **DEFAULTS)
    assert result.gd_end.kind == "saddle" and result.gd_end.distance < 0.05
    assert result.gd_grad_norms[-1] < 0.05 < result.gd_grad_norms[0]
    assert result.sgd_end.kind == "minimum" and result.sgd_end.distance < 0.6
    assert result.sgd_excess[-1] < 0.2 < result.gd_excess[-1]


def test_on_the_stable_direction_itself_gd_converges_to_the_saddle():
    result = saddle_escape(offset=0.0, lr=0.1, steps=300, noise=0.8, seed=0)
    np.testing.assert_array_equal(result.gd.iterates[:, 1], 0.0)
    assert result.gd_end.kind == "saddle" and result.gd_end.distance < 1e-12


def test_far_from_the_stable_direction_gd_escapes_too():
    result = saddle_escape(offset=0.3, lr=0.1, steps=60, noise=0.0, seed=0)
    assert result.gd_end.kind == "minimum"
    np.testing.assert_array_equal(result.sgd.iterates, result.gd.iterates)  # σ = 0: no noise


def test_nearest_critical_point():
    ending = nearest_critical(BoundedSaddle(), (0.1, 0.8))
    assert ending.kind == "minimum" and ending.point.tolist() == [0.0, 1.0]
    assert ending.distance == pytest.approx(np.hypot(0.1, 0.2))


def test_gd_followed_on_leaves_the_saddle_when_its_offset_has_grown_to_a_half():
    """Near the stable direction θ2 grows by (1 + ε) a step; GD lies nearer a minimum (0, ±1)
    than the saddle once |θ2| > 1/2."""
    result = saddle_escape(seed=0, **DEFAULTS)
    continued = gradient_descent(BoundedSaddle(), (START_THETA1, 1e-4), 0.1, 200).iterates
    first = int(np.flatnonzero(np.abs(continued[:, 1]) > 0.5)[0])
    assert result.gd_leaves_at == first > DEFAULTS["steps"]
    assert abs(first - np.log(0.5 / 1e-4) / np.log(1.1)) < 5
    assert saddle_escape(offset=0.0, lr=0.1, steps=60, noise=0.8, seed=0).gd_leaves_at is None
    escaped = saddle_escape(offset=0.3, lr=0.1, steps=60, noise=0.0, seed=0)
    assert escaped.gd_end.kind == "minimum" and escaped.gd_leaves_at < 60
