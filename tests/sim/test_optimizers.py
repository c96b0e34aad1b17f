"""Optimizers against closed forms; sampling invariants; divergence; ensembles; determinism."""
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.batching import cut, epoch_plan, permutations
from sim.errors import SimError
from sim.optimizers import (Trajectory, gradient_descent, minibatch_sgd, minibatch_sgd_ensemble,
                            noisy_gradient_descent, noisy_gradient_descent_ensemble, sgd,
                            stability_threshold)
from sim.problems import BoundedSaddle, DoubleWell, Quadratic, Rosenbrock
from sim.references import (gd_closed_form, gradient_flow, gradient_flow_closed_form)
from sim.regression import LinReg, LogReg
from sim.schedules import (Constant, Cosine, GrowingBatch, InverseTime, StepDecay, batch_sizes,
                           parse_schedule)


@pytest.mark.parametrize("a,b,lr", [(1.0, 10.0, 0.15), (1.0, 10.0, 0.19), (2.0, 0.5, 0.3), (3.0, 3.0, 0.1)])
def test_gd_on_the_quadratic_is_the_closed_form(a, b, lr):
    start = np.array([-1.8, 1.0])
    steps = 120
    path = gradient_descent(Quadratic(a=a, b=b), start, lr, steps).iterates
    t = np.arange(steps + 1)
    exact = np.column_stack([(1 - lr * a) ** t * start[0], (1 - lr * b) ** t * start[1]])
    np.testing.assert_allclose(path, exact, rtol=1e-12, atol=1e-12)


def test_gd_on_a_rotated_quadratic_and_on_linreg_is_the_matrix_power():
    q = Quadratic(a=1.0, b=10.0, angle=40.0)
    np.testing.assert_allclose(gradient_descent(q, (1.0, 1.0), 0.1, 60).iterates,
                               gd_closed_form(q.matrix, (1.0, 1.0), 0.1, 60), atol=1e-13)
    data = LinReg(n=40)
    centre = data.minima()[0]
    matrix = data.hessian(np.zeros(2))
    np.testing.assert_allclose(gradient_descent(data, (0.0, 0.0), 0.3, 50).iterates,
                               gd_closed_form(matrix, (0.0, 0.0), 0.3, 50, centre=centre), atol=1e-12)


def test_gradient_flow_by_ode_equals_the_matrix_exponential():
    q = Quadratic(a=1.0, b=10.0, angle=20.0)
    flow = gradient_flow(q, (-1.5, 1.0), 2.0, 21)
    np.testing.assert_allclose(flow.points, gradient_flow_closed_form(q.matrix, (-1.5, 1.0), flow.times),
                               atol=1e-9)
    np.testing.assert_allclose(flow.losses, q.value(flow.points))


def test_gradient_flow_descends_into_rosenbrocks_minimum():
    flow = gradient_flow(Rosenbrock(), (-1.2, 1.0), 60.0, 50)
    assert np.all(np.diff(flow.losses) <= 1e-12)
    np.testing.assert_allclose(flow.points[-1], [1.0, 1.0], atol=1e-4)


def test_trajectory_records_steps_epochs_and_lrs():
    path = gradient_descent(Quadratic(), (-1.0, 1.0), 0.1, 5)
    assert path.steps == 5 and path.iterates.shape == (6, 2)
    assert np.isnan(path.lrs[0]) and np.all(path.lrs[1:] == 0.1)
    assert path.epochs.tolist() == [0, 1, 2, 3, 4, 5]
    assert all(len(b) == 0 for b in path.batches) and path.examples_seen.tolist() == [0] * 6
    assert not path.diverged and path.diverged_at is None and path.messages == ()
    np.testing.assert_allclose(path.losses, Quadratic().value(path.iterates))


def test_trajectory_keeps_its_three_field_constructor():
    t = Trajectory(np.zeros((3, 2)), np.zeros(3), np.array([np.nan, 0.1, 0.1]))
    assert t.steps == 2 and t.epochs.tolist() == [0, 1, 2] and len(t.batches) == 3


def test_data_gd_uses_every_example_each_epoch():
    problem = LinReg(n=12)
    path = gradient_descent(problem, (0.0, 0.0), 0.1, 3)
    assert [b.tolist() for b in path.batches[1:]] == [list(range(12))] * 3
    assert path.examples_seen.tolist() == [0, 12, 24, 36]


@given(n=st.integers(3, 60), b=st.integers(1, 60), epochs=st.integers(1, 4), seed=st.integers(0, 2**32 - 1))
@settings(max_examples=40, deadline=None)
def test_each_epoch_uses_each_example_at_most_once_in_floor_n_over_b_batches(n, b, epochs, seed):
    b = min(b, n)
    path = minibatch_sgd(LinReg(n=n), (0.0, 0.0), 0.01, epochs, b, seed)
    assert path.steps == epochs * (n // b)
    for epoch in range(1, epochs + 1):
        batches = [batch for batch, e in zip(path.batches, path.epochs) if e == epoch]
        assert len(batches) == n // b and all(len(batch) == b for batch in batches)
        used = np.concatenate(batches)
        assert len(np.unique(used)) == len(used) == (n // b) * b
    assert path.epochs.tolist() == [0] + [e for e in range(1, epochs + 1) for _ in range(n // b)]


@given(n=st.integers(1, 200), epochs=st.integers(1, 5), seed=st.integers(0, 2**32 - 1))
@settings(max_examples=50, deadline=None)
def test_permutations_cover_each_index_once_per_epoch(n, epochs, seed):
    orders = permutations(seed, epochs, n)
    assert orders.shape == (epochs, n)
    np.testing.assert_array_equal(np.sort(orders, axis=1), np.tile(np.arange(n), (epochs, 1)))
    np.testing.assert_array_equal(orders[0], np.random.default_rng(seed).permutation(n))


@given(n=st.integers(1, 100), b=st.integers(1, 100), seed=st.integers(0, 1000))
@settings(max_examples=50, deadline=None)
def test_epoch_plan_cuts_the_permutation_and_drops_the_remainder(n, b, seed):
    b = min(b, n)
    plan = epoch_plan(n, b, seed)
    assert plan.updates == n // b and plan.batches.shape == (n // b, b)
    assert len(plan.dropped) == n % b
    np.testing.assert_array_equal(np.concatenate([plan.batches.ravel(), plan.dropped]), plan.permutation)


def test_epoch_plan_is_the_optimizers_first_epoch():
    plan = epoch_plan(23, 4, seed=9)
    path = minibatch_sgd(LinReg(n=23), (0.0, 0.0), 0.1, 2, 4, seed=9)
    np.testing.assert_array_equal(np.array(path.batches[1:1 + plan.updates]), plan.batches)


def test_sgd_is_minibatch_of_one_and_full_batch_is_gd():
    problem = LinReg(n=15)
    np.testing.assert_array_equal(sgd(problem, (0.0, 0.0), 0.05, 2, seed=1).iterates,
                                  minibatch_sgd(problem, (0.0, 0.0), 0.05, 2, 1, seed=1).iterates)
    full = minibatch_sgd(problem, (0.0, 0.0), 0.05, 4, 15, seed=1).iterates
    np.testing.assert_allclose(full, gradient_descent(problem, (0.0, 0.0), 0.05, 4).iterates,
                               atol=1e-14)


def test_minibatch_step_is_the_batch_mean_of_per_example_gradients():
    problem = LogReg(n=30)
    path = minibatch_sgd(problem, (0.0, 0.0), 0.5, 1, 7, seed=3)
    for k in range(1, path.steps + 1):
        theta, batch = path.iterates[k - 1], path.batches[k]
        z = problem.X[batch] @ theta
        mean = np.mean((1 / (1 + np.exp(-z)) - problem.y[batch])[:, None] * problem.X[batch], axis=0)
        np.testing.assert_allclose(path.iterates[k], theta - 0.5 * mean, atol=1e-14)


def test_same_seed_same_path_other_seed_other_path():
    problem = LinReg()
    a = minibatch_sgd(problem, (0.0, 0.0), 0.1, 3, 5, seed=11)
    b = minibatch_sgd(problem, (0.0, 0.0), 0.1, 3, 5, seed=11)
    c = minibatch_sgd(problem, (0.0, 0.0), 0.1, 3, 5, seed=12)
    np.testing.assert_array_equal(a.iterates, b.iterates)
    assert [x.tolist() for x in a.batches] == [x.tolist() for x in b.batches]
    assert not np.array_equal(a.iterates, c.iterates)
    n1 = noisy_gradient_descent(DoubleWell(), (0.1, 0.8), 0.05, 50, 0.5, seed=4)
    n2 = noisy_gradient_descent(DoubleWell(), (0.1, 0.8), 0.05, 50, 0.5, seed=4)
    np.testing.assert_array_equal(n1.iterates, n2.iterates)


def test_noisy_gd_draws_its_noise_up_front_from_the_seed():
    steps, lr, noise = 30, 0.1, 0.7
    kicks = noise * np.random.default_rng(5).standard_normal((steps, 2))
    problem = Quadratic()
    theta = np.array([-1.0, 0.5])
    expected = [theta]
    for k in range(steps):
        theta = theta - lr * (problem.grad(theta) + kicks[k])
        expected.append(theta)
    np.testing.assert_allclose(noisy_gradient_descent(problem, (-1.0, 0.5), lr, steps, noise, 5).iterates,
                               expected, atol=1e-14)


def test_ensemble_equals_a_loop_over_seeds():
    seeds = [0, 3, 7, 42, 1000]
    problem = LinReg(n=40)
    cloud = minibatch_sgd_ensemble(problem, (0.0, 0.0), 0.1, 3, 6, seeds)
    assert cloud.iterates.shape == (5, 3 * (40 // 6) + 1, 2)
    for i, seed in enumerate(seeds):
        alone = minibatch_sgd(problem, (0.0, 0.0), 0.1, 3, 6, seed)
        np.testing.assert_allclose(cloud.iterates[i], alone.iterates, rtol=1e-13, atol=1e-15)
        assert [b.tolist() for b in cloud.member(i).batches] == [b.tolist() for b in alone.batches]
    surface = BoundedSaddle()
    noisy = noisy_gradient_descent_ensemble(surface, (-1.5, 0.0), 0.1, 80, 0.3, seeds)
    for i, seed in enumerate(seeds):
        alone = noisy_gradient_descent(surface, (-1.5, 0.0), 0.1, 80, 0.3, seed)
        np.testing.assert_allclose(noisy.iterates[i], alone.iterates, rtol=1e-13, atol=1e-15)


def test_ensemble_mean_and_spread_match_numpy():
    cloud = noisy_gradient_descent_ensemble(Quadratic(), (-1.0, 1.0), 0.05, 40, 0.5, range(30))
    np.testing.assert_allclose(cloud.mean, cloud.iterates.mean(axis=0), atol=1e-15)
    np.testing.assert_allclose(cloud.spread, cloud.iterates.std(axis=0), atol=1e-15)
    np.testing.assert_allclose(cloud.loss_mean, cloud.losses.mean(axis=0))
    np.testing.assert_allclose(cloud.spread[0], 0.0)


def test_ensemble_with_diverged_members_stays_warning_free():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        cloud = noisy_gradient_descent_ensemble(Rosenbrock(), (-1.2, 1.0), 0.004, 60, 30.0, range(20))
        assert cloud.diverged.any() and not cloud.diverged.all()
        i = int(np.flatnonzero(cloud.diverged)[0])
        member = cloud.member(i)
        assert member.diverged and member.diverged_at == cloud.diverged_at[i]
        assert len(member.iterates) == member.diverged_at and np.all(np.isfinite(member.iterates))
        assert np.isnan(cloud.iterates[i, member.diverged_at:]).all()
        assert np.all(np.isfinite(cloud.mean[:-1]))
        assert "seeds diverged" in cloud.messages[-1]


def test_divergence_stops_early_with_the_step_and_names_the_threshold():
    problem = Quadratic(a=1.0, b=10.0)
    assert stability_threshold(problem) == pytest.approx(0.2)
    path = gradient_descent(problem, (-1.0, 1.0), 0.25, 1000)
    assert path.diverged and path.diverged_at is not None and path.steps == path.diverged_at - 1
    assert path.steps < 1000
    growth = abs(1 - 0.25 * 10)  # 1.5 per step along θ2: passes 10⁶ × the start distance soon
    assert path.diverged_at == pytest.approx(np.log(1e6 * np.sqrt(2)) / np.log(growth), abs=2)
    assert any("2/λ_max = 0.2" in m for m in path.messages)
    assert any("diverged at step" in m for m in path.messages)


def test_at_the_threshold_gd_warns_but_does_not_blow_up():
    path = gradient_descent(Quadratic(a=1.0, b=10.0), (-1.0, 1.0), 0.2, 200)
    assert not path.diverged and path.messages and "does not converge" in path.messages[0]
    np.testing.assert_allclose(np.abs(path.iterates[:, 1]), 1.0)  # oscillates forever
    assert gradient_descent(Quadratic(), (-1.0, 1.0), 0.199, 10).messages == ()


def test_non_finite_iterates_count_as_divergence():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        path = gradient_descent(Rosenbrock(), (-1.2, 1.0), 1e300, 5)
    assert path.diverged and path.diverged_at == 1 and path.steps == 0


@pytest.mark.parametrize("bad", [0.0, -0.1, float("nan"), float("inf")])
def test_a_bad_learning_rate_is_refused(bad):
    with pytest.raises(SimError, match="learning rate"):
        gradient_descent(Quadratic(), (1.0, 1.0), bad, 3)


def test_minibatch_needs_data():
    with pytest.raises(SimError, match="data problem"):
        minibatch_sgd(Quadratic(), (1.0, 1.0), 0.1, 2, 3, seed=0)


def test_schedules():
    t = np.arange(6)
    np.testing.assert_allclose(Constant(0.3)(t), 0.3)
    np.testing.assert_allclose(InverseTime(0.3, tau=2.0)(t), 0.3 / (1 + t / 2))
    np.testing.assert_allclose(StepDecay(0.4, every=2, factor=0.5)(t), [0.4, 0.4, 0.2, 0.2, 0.1, 0.1])
    cosine = Cosine(0.2, total=4, floor=0.01)(np.arange(5))
    np.testing.assert_allclose(cosine[[0, 2, 4]], [0.2, 0.105, 0.01])
    assert parse_schedule("inverse-time", 0.1, 200) == InverseTime(0.1, tau=20.0)
    assert parse_schedule("step-decay:every=7, factor=0.3", 0.1, 200) == StepDecay(0.1, every=7, factor=0.3)
    assert parse_schedule("cosine", 0.1, 50) == Cosine(0.1, total=50)


def test_a_schedule_drives_the_step_sizes():
    path = minibatch_sgd(LinReg(n=20), (0.0, 0.0), InverseTime(0.2, tau=5.0), 2, 4, seed=0)
    np.testing.assert_allclose(path.lrs[1:], 0.2 / (1 + np.arange(10) / 5.0))


def test_growing_batches():
    schedule = GrowingBatch(start=2, factor=2.0)
    assert batch_sizes(schedule, 7, 40) == [2, 4, 8, 16, 32, 40, 40]
    assert GrowingBatch(3, 1.5, every=2).size(4, 100) == 6
    assert GrowingBatch(1, 10.0).size(10_000, 50) == 50
    path = minibatch_sgd(LinReg(n=20), (0.0, 0.0), 0.1, 4, GrowingBatch(2, 2.0), seed=0)
    assert path.steps == 10 + 5 + 2 + 1
    assert [len(b) for b in path.batches[1:]] == [2] * 10 + [4] * 5 + [8] * 2 + [16]
    assert path.examples_seen[-1] == 20 + 20 + 16 + 16


@pytest.mark.parametrize("spec,match", [
    ("warmup", "choose one of: constant, inverse-time, step-decay, cosine"),
    ("inverse-time:tau=0", "tau > 0"),
    ("step-decay:every=2.5", "whole number"),
    ("step-decay:factor=abc", "not a number"),
    ("cosine:floor=1", "floor < lr"),
    ("constant:tau=1", "key one of: none"),
])
def test_bad_schedules_are_one_line_errors(spec, match):
    with pytest.raises(SimError, match=match) as error:
        parse_schedule(spec, 0.1, 100)
    assert "\n" not in str(error.value)


def test_cut_keeps_batches_in_permutation_order():
    batches, dropped = cut(np.array([4, 1, 3, 0, 2]), 2)
    assert batches.tolist() == [[4, 1], [3, 0]] and dropped.tolist() == [2]
