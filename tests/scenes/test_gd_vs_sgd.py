"""The paths and loss curves on screen are the sim race, point for point, mapped through the axes."""
from types import SimpleNamespace

import numpy as np
import pytest

from assets.catalogue import get
from scenes.sgd import race
from sim.optimizers import gradient_descent, minibatch_sgd, sgd
from sim.regression import LinReg


def corners(path):
    """The points a polyline passes through, in order."""
    return np.vstack([path.get_start_anchors(), path.get_end_anchors()[-1:]])


@pytest.mark.parametrize("seed, params", [(0, {"epochs": 6}),
                                          (5, {"epochs": 4, "n": 30, "batch_size": 3, "lr": 0.1,
                                               "noise": 1.0})])
def test_drawn_paths_are_the_three_sim_trajectories(constructed, seed, params):
    scene, job = constructed("gd-vs-sgd", seed=seed, **params)
    p = SimpleNamespace(**job.params)
    problem = LinReg(n=p.n, noise=p.noise, seed=seed)
    expected = {"gd": gradient_descent(problem, (0.0, 0.0), p.lr, p.epochs).iterates,
                "sgd": sgd(problem, (0.0, 0.0), p.lr, p.epochs, seed).iterates,
                "minibatch": minibatch_sgd(problem, (0.0, 0.0), p.lr, p.epochs, p.batch_size,
                                           seed).iterates}
    for name, iterates in expected.items():
        axes, path = scene.traces[name]
        np.testing.assert_allclose(corners(path), axes.coords_to_point(iterates), atol=1e-9)
    assert len(expected["sgd"]) == p.epochs * p.n + 1
    assert len(expected["minibatch"]) == p.epochs * (p.n // p.batch_size) + 1
    assert len(expected["gd"]) == p.epochs + 1


@pytest.mark.parametrize("seed", [0, 2])
def test_drawn_loss_curves_are_the_excess_loss_after_each_epoch_on_a_log_axis(constructed, seed):
    scene, job = constructed("gd-vs-sgd", seed=seed, epochs=8)
    p = SimpleNamespace(**job.params)
    result = race(p, seed)
    problem = LinReg(n=p.n, noise=p.noise, seed=seed)
    minimum = problem.value(problem.minima()[0])
    for name in ("gd", "sgd", "minibatch"):
        axes, curve = scene.traces[f"{name}-loss"]
        run = result.run(name)
        ends = problem.value(run.iterates[::run.updates_per_epoch])  # independent of the race's own excess
        expected = np.column_stack([np.arange(p.epochs + 1), ends - minimum])
        np.testing.assert_allclose(corners(curve), axes.coords_to_point(expected), atol=1e-9)
        # the y axis is logarithmic: one decade is one fixed length on screen
        one, ten = axes.coords_to_point(np.array([[0.0, 1e-3], [0.0, 1e-2]]))[:, 1]
        hundred = axes.coords_to_point(np.array([[0.0, 1e-1]]))[1]
        assert ten - one == pytest.approx(hundred - ten, rel=1e-12)


def test_the_dots_end_on_the_last_iterates_and_the_counter_on_the_last_epoch(constructed):
    from manim import Dot, Integer

    scene, job = constructed("gd-vs-sgd", epochs=5)
    result = race(SimpleNamespace(**job.params), 0)
    axes, _ = scene.traces["gd"]
    ends = {tuple(np.round(axes.coords_to_point(r.iterates[-1:])[:2], 9)) for r in result.runs}
    dots = [m for m in scene.mobjects if isinstance(m, Dot) and m.radius > 0.08]
    assert {tuple(np.round(d.get_center()[:2], 9)) for d in dots} == ends
    counter = scene.epoch_counter
    assert isinstance(counter, Integer) and counter.get_value() == 5
    assert counter in [m for top in scene.mobjects for m in top.get_family()]


def test_figure_and_animation_share_the_sim_call_and_its_defaults():
    figure, scene = get("gd-sgd-minibatch").defaults(), get("gd-vs-sgd").defaults()
    shared = {"lr", "batch_size", "epochs", "n", "noise"}
    assert {k: figure[k] for k in shared} == {k: scene[k] for k in shared}


def plotted_excess(scene, name):
    """A loss curve as drawn, read back off its log axis: the excess loss after each epoch."""
    axes, curve = scene.traces[f"{name}-loss"]
    return np.array([axes.point_to_coords(c)[1] for c in corners(curve)])


@pytest.mark.parametrize("seed, params", [(0, {}), (1, {}), (2, {"noise": 0.0}),
                                          (0, {"lr": 0.05, "epochs": 100}),
                                          (3, {"batch_size": 10, "epochs": 30})])
def test_the_closing_lines_say_what_the_plotted_curves_show(constructed, seed, params):
    """Read off the drawn curves, not sim: who is below GD after epoch 1, each noisy run's floor
    (median of its last fifth), and the epoch from which GD's curve stays under it."""
    from manim import Tex

    scene, _ = constructed("gd-vs-sgd", seed=seed, **params)
    gd = plotted_excess(scene, "gd")
    expected, leaders = [], []
    for name, label in (("sgd", "SGD"), ("minibatch", "mini-batch")):
        excess = plotted_excess(scene, name)
        if excess[1] < gd[1]:
            leaders.append(label)
        floor = np.median(excess[-(len(excess) // 5):])
        assert scene.floors[name] == pytest.approx(floor, rel=1e-6)
        under = [e for e in range(len(gd)) if all(gd[e:] < floor)]
        expected.append(f"GD below {label}'s noise floor from epoch {under[0]}" if under
                        else f"GD ends above {label}'s noise floor")
    first = (f"epoch 1: {' and '.join(leaders)} ahead of GD" if leaders else
             "epoch 1: GD ahead of SGD and mini-batch")
    texts = [m.tex_string for top in scene.mobjects for m in top.get_family() if isinstance(m, Tex)]
    assert texts[-3:] == [first, *expected]


def test_at_the_defaults_sgd_leads_early_and_gd_passes_its_floor_but_not_mini_batchs(constructed):
    """The story the default race tells, as the scene's closing lines say it."""
    from manim import Tex

    scene, _ = constructed("gd-vs-sgd")
    texts = [m.tex_string for top in scene.mobjects for m in top.get_family() if isinstance(m, Tex)]
    assert texts[-3:] == ["epoch 1: SGD and mini-batch ahead of GD",
                          "GD below SGD's noise floor from epoch 36",
                          "GD ends above mini-batch's noise floor"]
