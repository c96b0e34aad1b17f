"""The clouds are sim ensembles reduced honestly; a decaying step shrinks what a constant step keeps."""
import numpy as np
import pytest

from sim.errors import SimError
from sim.noise_ball import noise_ball, schedules, seeds_for
from sim.optimizers import minibatch_sgd, minibatch_sgd_ensemble
from sim.regression import LinReg
from sim.schedules import InverseTime


def test_clouds_are_the_ensembles_statistics():
    n, noise, lr, decay, epochs, b, members, seed = 30, 0.9, 0.15, 1.5, 6, 2, 40, 2
    ball = noise_ball(n, noise, lr, decay, epochs, b, members, seed)
    problem = LinReg(n=n, noise=noise, seed=seed)
    seeds = np.arange(seed * members, (seed + 1) * members)
    for cloud, schedule in ((ball.constant, lr), (ball.decaying, InverseTime(lr, tau=decay * 15))):
        ensemble = minibatch_sgd_ensemble(problem, (0.0, 0.0), schedule, epochs, b, seeds)
        finals = ensemble.iterates[:, -1]
        np.testing.assert_array_equal(cloud.final, finals)
        np.testing.assert_allclose(cloud.mean, finals.mean(axis=0), rtol=1e-13)
        np.testing.assert_allclose(cloud.spread, finals.std(axis=0), rtol=1e-12)
        ends = ensemble.iterates[:, 15::15]  # after each epoch of ⌊30/2⌋ updates
        np.testing.assert_allclose(cloud.radius, np.sqrt(ends.var(axis=0).sum(axis=-1)), rtol=1e-12)
        np.testing.assert_array_equal(cloud.epochs, np.arange(1, epochs + 1))
    assert ball.decaying.final_lr == pytest.approx(lr / (1 + (epochs * 15 - 1) / (decay * 15)))
    assert ball.constant.final_lr == lr
    np.testing.assert_allclose(ball.minimum, problem.minima()[0])


def test_member_zero_of_seed_zero_is_the_single_run():
    ball = noise_ball(50, 0.5, 0.2, 2.0, 5, 1, 10, 0)
    single = minibatch_sgd(LinReg(n=50, seed=0), (0.0, 0.0), 0.2, 5, 1, seed=0)
    np.testing.assert_array_equal(ball.constant.final[0], single.iterates[-1])


def test_at_the_defaults_the_decaying_step_shrinks_the_ball_and_the_constant_step_does_not():
    ball = noise_ball(50, 0.5, 0.2, 2.0, 50, 1, 200, 0)
    constant, decaying = ball.constant.radius, ball.decaying.radius
    assert decaying[-1] < constant[-1] / 20
    assert constant[-1] > 0.5 * constant[:10].max()  # stuck: as wide at the end as early on
    assert decaying[-1] < decaying[0] / 20
    assert ball.constant.stuck and not ball.decaying.stuck
    # both centres sit at the minimum; the decaying cloud also sits close to it member by member
    for cloud in (ball.constant, ball.decaying):
        assert np.linalg.norm(cloud.mean - ball.minimum) < 0.05
    assert np.abs(ball.decaying.final - ball.minimum).max() < 0.05


def test_noisier_targets_make_a_bigger_ball():
    quiet, loud = (noise_ball(50, noise, 0.2, 2.0, 10, 1, 100, 0).constant.radius[-1]
                   for noise in (0.25, 1.0))
    assert loud > 2 * quiet


def test_without_noise_on_the_targets_constant_step_sgd_converges_too():
    ball = noise_ball(50, 0.0, 0.2, 2.0, 10, 1, 20, 0)  # the model interpolates: no gradient noise at θ*
    assert not ball.constant.stuck and ball.constant.radius[-1] < 1e-8


def test_seeds_of_different_runs_do_not_overlap():
    assert set(seeds_for(0, 50)).isdisjoint(seeds_for(1, 50))
    assert seeds_for(0, 5).tolist() == [0, 1, 2, 3, 4]


def test_the_decay_is_counted_in_epochs():
    decaying = schedules(0.3, 2.0, 25)["decaying"]
    assert decaying(np.array([50]))[0] == pytest.approx(0.15)  # halved after 2 epochs of 25 updates


@pytest.mark.parametrize("kw, match", [({"members": 1}, "at least 2"), ({"batch_size": 51}, "between 1")])
def test_bad_settings_are_errors(kw, match):
    args = {"n": 50, "noise": 0.5, "lr": 0.2, "decay": 2.0, "epochs": 3, "batch_size": 1, "members": 10, "seed": 0}
    with pytest.raises(SimError, match=match):
        noise_ball(**{**args, **kw})
