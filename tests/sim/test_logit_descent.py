"""Logit states, slices and descent against closed forms, finite differences and a plain loop."""
import numpy as np
import pytest

from sim.errors import SimError
from sim.logit_descent import logit_descent, logit_states, loss_slices

Z = np.array([2.0, 1.0, 0.5, -1.0])


def test_state_matches_the_closed_forms():
    state = logit_states(Z, 1)
    e = np.exp(Z)
    p = e / e.sum()
    np.testing.assert_allclose(state.probabilities, p, rtol=1e-14)
    np.testing.assert_allclose(state.losses, np.log(e.sum()) - Z[1], rtol=1e-14)
    np.testing.assert_array_equal(state.target, [0.0, 1.0, 0.0, 0.0])
    np.testing.assert_allclose(state.gradients, p - [0.0, 1.0, 0.0, 0.0], atol=1e-15)
    assert abs(state.gradients.sum()) < 1e-15


def test_slices_have_the_gradient_as_slopes_and_a_flat_common_shift():
    h = 1e-5
    slices = loss_slices(Z, 2, [-h, 0.0, h])
    slopes = (slices.per_logit[:, 2] - slices.per_logit[:, 0]) / (2 * h)
    np.testing.assert_allclose(slopes, logit_states(Z, 2).gradients, atol=1e-9)
    np.testing.assert_allclose(slices.per_logit[:, 1], logit_states(Z, 2).losses, rtol=1e-14)
    wide = loss_slices(Z, 2, np.linspace(-30, 30, 61))
    np.testing.assert_allclose(wide.all_logits, logit_states(Z, 2).losses, rtol=1e-12)
    assert np.all(np.diff(wide.per_logit[2]) < 0)  # raising the true logit lowers the loss
    assert np.all(np.diff(np.delete(wide.per_logit, 2, axis=0), axis=1) > 0)


def test_descent_is_the_plain_update_loop():
    lr, steps = 0.7, 12
    run = logit_descent(Z, 0, lr, steps)
    z = Z.copy()
    for t in range(steps + 1):
        np.testing.assert_allclose(run.logits[t], z, atol=1e-13)
        e = np.exp(z - z.max())
        z = z - lr * (e / e.sum() - np.eye(4)[0])
    assert run.logits.shape == run.probabilities.shape == run.gradients.shape == (steps + 1, 4)
    assert run.losses.shape == (steps + 1,)


def test_descent_pulls_the_true_logit_up_pushes_the_others_down_and_keeps_the_mean():
    run = logit_descent(Z, 1, 1.0, 20)
    steps = np.diff(run.logits, axis=0)
    assert np.all(steps[:, 1] > 0) and np.all(np.delete(steps, 1, axis=1) < 0)
    np.testing.assert_allclose(run.logits.mean(axis=1), Z.mean(), atol=1e-13)
    # the Hessian diag(p) − pp⊤ has eigenvalues ≤ 1/2, so ε ≤ 2 never raises the loss
    assert np.all(np.diff(run.losses) < 0)
    assert run.probabilities[-1, 1] > 0.95


def test_gradient_sums_are_the_sums_of_each_steps_entries_and_zero():
    run = logit_descent(Z, 3, 0.9, 6)
    assert run.gradient_sums.shape == (7,)
    for t in range(7):
        assert run.gradient_sums[t] == pytest.approx(sum(run.gradients[t]), abs=1e-15)
    np.testing.assert_allclose(run.gradient_sums, 0.0, atol=1e-14)


def test_invalid_inputs_are_sim_errors():
    with pytest.raises(SimError):
        logit_states(Z, 4)
    with pytest.raises(SimError):
        logit_states([1.0], 0)
    with pytest.raises(SimError):
        logit_descent(Z, 0, 0.0, 3)
    with pytest.raises(SimError):
        loss_slices([[1.0, 2.0]], 0, [0.0])
