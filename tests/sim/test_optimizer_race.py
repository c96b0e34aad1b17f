"""The race is the three optimizers, called as they are, read off at the end of each epoch."""
import numpy as np
import pytest

from sim.errors import SimError
from sim.optimizer_race import (Race, Run, data_race, excess_loss, noise_floor, race, race_points,
                                standings)
from sim.optimizers import gradient_descent, minibatch_sgd, sgd
from sim.regression import LinReg
from sim.tanh_regression import TanhReg


@pytest.mark.parametrize("kind, cls", [("linreg", LinReg), ("tanh", TanhReg)])
def test_runs_are_the_optimizers_themselves(kind, cls):
    n, noise, lr, epochs, b, seed = 30, 0.8, 0.15, 6, 4, 3
    result = data_race(kind, n, noise, lr, epochs, b, seed)
    problem = cls(n=n, noise=noise, seed=seed)
    expected = {"gd": gradient_descent(problem, cls.DEFAULT_START, lr, epochs),
                "sgd": sgd(problem, cls.DEFAULT_START, lr, epochs, seed),
                "minibatch": minibatch_sgd(problem, cls.DEFAULT_START, lr, epochs, b, seed)}
    sizes = {"gd": n, "sgd": 1, "minibatch": b}
    assert [r.name for r in result.runs] == ["gd", "sgd", "minibatch"]
    minimum = problem.value(problem.minima()).min()
    for name, trajectory in expected.items():
        run = result.run(name)
        np.testing.assert_array_equal(run.iterates, trajectory.iterates)
        assert run.batch_size == sizes[name] and run.updates_per_epoch == n // sizes[name]
        assert len(run.iterates) == epochs * (n // sizes[name]) + 1
        np.testing.assert_array_equal(run.epochs, np.arange(epochs + 1))
        ends = trajectory.iterates[::n // sizes[name]]
        assert len(ends) == epochs + 1
        np.testing.assert_allclose(run.excess, np.maximum(problem.value(ends) - minimum, 1e-300),
                                   rtol=1e-12, atol=1e-15)
    assert result.minimum == pytest.approx(minimum, rel=1e-15)


def test_excess_loss_is_positive_so_a_log_axis_shows_it():
    values = excess_loss([2.0, 1.0, 1.0 - 1e-17], 1.0)
    assert values[0] == 1.0 and np.all(values > 0) and values[1] == np.finfo(float).eps


def test_gradient_descent_on_the_convex_problem_decreases_every_epoch():
    run = data_race("linreg", 50, 0.5, 0.2, 50, 5, 0).run("gd")
    assert np.all(np.diff(run.excess) < 0)


def test_at_the_defaults_the_stochastic_methods_lead_early_and_gd_undercuts_sgd_late():
    result = data_race("linreg", 50, 0.5, 0.2, 50, 5, 0)
    gd, sgd_run, mini = (result.run(k).excess for k in ("gd", "sgd", "minibatch"))
    assert sgd_run[1] < gd[1] / 10 and mini[1] < gd[1]
    assert gd[-1] < np.median(sgd_run[-10:])
    assert result.noise_helps_early and result.noise_hurts_late


def test_without_noise_on_the_targets_sgd_does_not_stall():
    result = data_race("linreg", 50, 0.0, 0.2, 50, 5, 0)  # interpolation: every L_i is minimal at θ*
    assert result.noise_helps_early and not result.noise_hurts_late


def test_at_the_defaults_the_non_convex_problem_ends_in_different_minima():
    result = data_race("tanh", 50, 0.5, 0.2, 50, 5, 0)
    ends = {r.name: r.iterates[-1] for r in result.runs}
    nearest = {k: np.linalg.norm(result.minima - p, axis=1).argmin() for k, p in ends.items()}
    assert nearest["gd"] != nearest["sgd"] == nearest["minibatch"]
    # and gradient descent passed close to the saddle at the origin
    assert np.linalg.norm(result.run("gd").iterates, axis=1).min() < 0.3


@pytest.mark.parametrize("b", [1, 30, 31])
def test_the_mini_batch_must_lie_between_sgd_and_gd(b):
    with pytest.raises(SimError, match="strictly between"):
        race(LinReg(n=30), (0.0, 0.0), 0.1, 2, b, 0)


def test_an_unknown_problem_is_named():
    with pytest.raises(SimError, match="linreg, tanh"):
        data_race("quadratic", 30, 0.5, 0.1, 2, 5, 0)


def test_race_points_hold_start_minima_and_every_iterate():
    result = data_race("tanh", 20, 0.5, 0.1, 2, 4, 0)
    points = race_points(result)
    assert len(points) == 1 + 2 + sum(len(r.iterates) for r in result.runs)
    np.testing.assert_array_equal(points[0], result.start)
    np.testing.assert_array_equal(points[1:3], result.minima)


def test_standings_read_the_lead_after_one_epoch_and_the_epoch_gd_stays_under_each_floor():
    def run(name, excess):
        excess = np.asarray(excess, dtype=float)
        return Run(name=name, batch_size=1, updates_per_epoch=1, iterates=np.zeros((len(excess), 2)),
                   epochs=np.arange(len(excess)), excess=excess)

    gd = [1.0, 0.5, 0.3, 0.04, 0.2, 0.05, 0.03, 0.02, 0.01, 0.005]  # dips under 0.1 at 3, back at 4
    sgd_run = [1.0, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.08, 0.12]  # floor: median(0.08, 0.12)
    mini = [1.0, 0.6, 0.1, 0.01, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001]
    result = Race(problem=None, start=np.zeros(2), minima=np.zeros((1, 2)), minimum=0.0,
                  runs=(run("gd", gd), run("sgd", sgd_run), run("minibatch", mini)))
    sgd_standing, mini_standing = standings(result)
    assert sgd_standing.name == "sgd" and sgd_standing.ahead_after_one_epoch
    assert sgd_standing.floor == pytest.approx(0.1) and sgd_standing.floor == noise_floor(sgd_run)
    assert sgd_standing.gd_below_from == 5
    assert not mini_standing.ahead_after_one_epoch and mini_standing.gd_below_from is None


def test_at_the_defaults_gd_passes_sgds_noise_floor_late_but_not_mini_batchs():
    sgd_standing, mini_standing = standings(data_race("linreg", 50, 0.5, 0.2, 50, 5, 0))
    assert sgd_standing.ahead_after_one_epoch and mini_standing.ahead_after_one_epoch
    assert 30 < sgd_standing.gd_below_from < 50 and mini_standing.gd_below_from is None
