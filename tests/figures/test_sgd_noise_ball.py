"""The clouds, means, spreads and spread curves drawn are sim's ensemble statistics."""
import numpy as np
import pytest
from matplotlib.colors import to_rgba
from matplotlib.container import ErrorbarContainer

import theme as theme_module
from assets import jobs
from assets.figure_render import build, styled
from sim.optimizers import minibatch_sgd_ensemble
from sim.regression import LinReg
from sim.schedules import InverseTime


def drawn(seed=0, **sets):
    (job,) = jobs.plan(["sgd-noise-ball"], sets=[f"{k}={v}" for k, v in sets.items()], seed=seed)
    with styled(job):
        figure, data = build(job)
    cloud_ax, spread_ax = figure.axes[:2]
    return cloud_ax, spread_ax, data, job.params


def ensembles(p, seed):
    """The two ensembles straight from sim.optimizers, with the figure's settings."""
    problem = LinReg(n=p["n"], noise=p["noise"], seed=seed)
    per_epoch = p["n"] // p["batch_size"]
    seeds = np.arange(seed * p["members"], (seed + 1) * p["members"])
    schedules = {"constant": p["lr"], "decaying": InverseTime(p["lr"], tau=p["decay"] * per_epoch)}
    return {name: minibatch_sgd_ensemble(problem, (0.0, 0.0), s, p["epochs"], p["batch_size"], seeds)
            for name, s in schedules.items()}, per_epoch


def errorbars(ax, colour):
    """(centre, half-widths) of the errorbar cross drawn in ``colour``."""
    for container in ax.containers:
        if isinstance(container, ErrorbarContainer):
            xbar, ybar = container.lines[2]
            if np.allclose(xbar.get_colors()[0], to_rgba(colour)):
                (x_seg,), (y_seg,) = xbar.get_segments(), ybar.get_segments()
                centre = np.array([x_seg[:, 0].mean(), y_seg[:, 1].mean()])
                return centre, np.array([np.ptp(x_seg[:, 0]) / 2, np.ptp(y_seg[:, 1]) / 2])
    raise AssertionError(f"no errorbar in {colour}")


@pytest.mark.parametrize("seed, sets", [(0, {"epochs": 20}),
                                        (3, {"epochs": 8, "members": 30, "batch_size": 2, "n": 40,
                                             "decay": 0.5, "lr": 0.1, "noise": 1.0})])
def test_plotted_clouds_means_and_spreads_are_the_ensemble_statistics(seed, sets):
    cloud_ax, spread_ax, _, p = drawn(seed, **sets)
    th = theme_module.LIGHT
    runs, per_epoch = ensembles(p, seed)
    for name, colour in (("constant", th.sgd), ("decaying", th.decay)):
        ensemble = runs[name]
        (points,) = [l for l in cloud_ax.lines if l.get_color() == colour and l.get_marker() == "o"]
        np.testing.assert_array_equal(points.get_xydata(), ensemble.iterates[:, -1])
        centre, half = errorbars(cloud_ax, colour)
        np.testing.assert_allclose(centre, ensemble.mean[-1], rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(half, ensemble.spread[-1], rtol=1e-9)
        (curve,) = [l for l in spread_ax.lines if l.get_color() == colour]
        epochs, radius = np.asarray(curve.get_xydata()).T
        np.testing.assert_array_equal(epochs, np.arange(1, p["epochs"] + 1))
        np.testing.assert_allclose(radius, np.linalg.norm(ensemble.spread[per_epoch::per_epoch], axis=1),
                                   rtol=1e-12)
    assert spread_ax.get_yscale() == "log"


def test_the_decaying_step_ends_with_a_smaller_spread_than_the_constant_step():
    _, spread_ax, data, _ = drawn()
    th = theme_module.LIGHT
    final = {c: [l for l in spread_ax.lines if l.get_color() == c][0].get_ydata()[-1]
             for c in (th.sgd, th.decay)}
    assert final[th.decay] < final[th.sgd] / 20
    assert np.all(data.ball.decaying.spread < data.ball.constant.spread / 10)


def test_the_inset_magnifies_the_decaying_cloud_and_the_minimum_is_marked():
    cloud_ax, _, data, _ = drawn(epochs=20)
    (inset,) = cloud_ax.child_axes
    (x0, x1), (y0, y1) = inset.get_xlim(), inset.get_ylim()
    finals = data.ball.decaying.final
    assert np.all((finals[:, 0] > x0) & (finals[:, 0] < x1) & (finals[:, 1] > y0) & (finals[:, 1] < y1))
    fg = theme_module.LIGHT.foreground
    (star,) = [l for l in cloud_ax.lines if l.get_color() == fg and l.get_marker() == "*"]
    problem = LinReg(n=50, seed=0)
    np.testing.assert_allclose(star.get_xydata()[0], problem.minima()[0], atol=1e-12)
    assert cloud_ax.get_aspect() == 1.0 and inset.get_aspect() == 1.0
