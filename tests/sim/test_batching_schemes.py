"""The batching-schemes experiment: each scheme is what it says, member for member, and the
slide's answer (noise ball vs. convergence, same loss per example, fewer updates) holds."""
import numpy as np
import pytest

from sim.batching import permutations
from sim.batching_schemes import SCHEMES, batching_schemes, seeds_for
from sim.errors import SimError
from sim.optimizers import minibatch_sgd
from sim.regression import LinReg
from sim.schedules import GrowingBatch, StepDecay


@pytest.fixture(scope="module")
def default():
    return batching_schemes()


def naive_sgd(problem, lr_of_epoch, size_of_epoch, epochs, seed):
    """Mini-batch SGD written out by hand on the least-squares formula ∇ = X_B⊤(X_B θ − y_B)/|B|."""
    orders = permutations(seed, epochs, problem.n)
    theta, losses = np.zeros(2), []
    X, y = problem.X, problem.y
    losses.append(0.5 * np.mean((y - X @ theta) ** 2))
    for e in range(epochs):
        b = size_of_epoch(e)
        for j in range(problem.n // b):
            batch = orders[e, j * b:(j + 1) * b]
            theta = theta - lr_of_epoch(e) * X[batch].T @ (X[batch] @ theta - y[batch]) / b
            losses.append(0.5 * np.mean((y - X @ theta) ** 2))
    return np.array(losses)


def test_each_scheme_is_the_hand_written_sgd_it_names():
    schemes = batching_schemes(n=24, lr=0.1, batch=2, epochs=4, factor=2.0, runs=3, seed=1)
    problem = LinReg(n=24, noise=0.5, seed=1)
    rules = {"constant": (lambda e: 0.1, lambda e: 2),
             "decaying": (lambda e: 0.1 / 2.0**e, lambda e: 2),
             "growing": (lambda e: 0.1, lambda e: min(24, 2 * 2**e))}
    for name, (lr_of, size_of) in rules.items():
        run = schemes.run(name)
        for i, s in enumerate(run.seeds):
            losses = naive_sgd(problem, lr_of, size_of, 4, int(s))
            np.testing.assert_allclose(run.excess[i] + schemes.optimum, losses, rtol=1e-10)


def test_the_optimum_is_the_least_squares_loss():
    schemes = batching_schemes(n=40, runs=2, epochs=1)
    problem = LinReg(n=40, noise=0.5, seed=0)
    theta = np.linalg.solve(problem.X.T @ problem.X, problem.X.T @ problem.y)  # normal equations
    assert schemes.optimum == pytest.approx(0.5 * np.mean((problem.y - problem.X @ theta) ** 2),
                                            rel=1e-12)
    for run in schemes.runs:
        assert np.all(run.excess >= -1e-12)


def test_examples_seen_are_the_cumulative_batch_sizes(default):
    n, epochs = 256, 8
    constant, decaying, growing = (default.run(s) for s in SCHEMES)
    np.testing.assert_array_equal(constant.examples_seen, np.arange(n * epochs + 1))
    np.testing.assert_array_equal(decaying.examples_seen, constant.examples_seen)
    np.testing.assert_array_equal(growing.batch_sizes, [1, 2, 4, 8, 16, 32, 64, 128])
    per_update = np.concatenate([[0]] + [[b] * (n // b) for b in growing.batch_sizes])
    np.testing.assert_array_equal(growing.examples_seen, np.cumsum(per_update))
    assert growing.updates[-1] == sum(n // b for b in growing.batch_sizes) == 510
    assert constant.updates[-1] == 2048


def test_the_remainder_is_dropped_from_the_examples_count():
    growing = batching_schemes(n=50, batch=3, epochs=3, factor=2.0, runs=1).run("growing")
    np.testing.assert_array_equal(growing.batch_sizes, [3, 6, 12])
    assert growing.examples_seen[-1] == 16 * 3 + 8 * 6 + 4 * 12


def test_the_decaying_step_shrinks_by_the_factor_every_epoch(default):
    lrs = default.run("decaying").lrs[1:]
    expected = StepDecay(0.1, every=256, factor=0.5)(np.arange(2048))
    np.testing.assert_allclose(lrs, expected)
    assert lrs[255] == 0.1 and lrs[256] == 0.05 and lrs[-1] == pytest.approx(0.1 / 2**7)
    np.testing.assert_allclose(default.run("growing").lrs[1:], 0.1)
    assert GrowingBatch(1, 2.0).size(7, 256) == default.run("growing").batch_sizes[-1]


def test_member_zero_is_the_single_run_with_the_figures_seed():
    schemes = batching_schemes(n=30, epochs=2, runs=4, seed=2)
    np.testing.assert_array_equal(schemes.run("constant").seeds, seeds_for(2, 4))
    single = minibatch_sgd(LinReg(n=30, noise=0.5, seed=2), (0.0, 0.0), 0.1, 2, 1, seed=8)
    np.testing.assert_allclose(schemes.run("constant").excess[0] + schemes.optimum, single.losses)
    np.testing.assert_allclose(schemes.run("constant").mean_excess,
                               schemes.run("constant").excess.mean(axis=0))


def test_the_slides_answer(default):
    """Constant step: a noise ball. Decaying step and growing batch: the same loss after the same
    examples, far below it, the growing batch with a quarter of the updates."""
    constant, decaying, growing = (default.run(s) for s in SCHEMES)
    ball = constant.mean_excess[-256:].mean()  # the last epoch
    earlier = constant.mean_excess[-4 * 256:-3 * 256].mean()  # three epochs before
    assert abs(np.log(ball / earlier)) < np.log(1.5)  # settled: no longer falling
    assert ball < constant.mean_excess[0] / 10
    assert decaying.mean_excess[-1] < ball / 100 and growing.mean_excess[-1] < ball / 100
    assert growing.examples_seen[-1] == decaying.examples_seen[-1]
    assert abs(np.log(growing.mean_excess[-1] / decaying.mean_excess[-1])) < np.log(2)
    assert growing.updates[-1] * 4 < decaying.updates[-1]


@pytest.mark.parametrize("kwargs, match", [
    ({"batch": 0}, "batch size must be between 1 and n=256"),
    ({"factor": 0.5}, "factor must be at least 1"),
    ({"runs": 0}, "runs must be at least 1"),
    ({"lr": 5.0, "epochs": 1, "runs": 2}, "diverged"),
])
def test_bad_settings_are_explained(kwargs, match):
    with pytest.raises(SimError, match=match):
        batching_schemes(**kwargs)
