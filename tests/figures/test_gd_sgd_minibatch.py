"""Each plotted path is the optimizer's trajectory point for point; the loss axes are logarithmic."""
import numpy as np
import pytest
from matplotlib.collections import LineCollection

import theme as theme_module
from assets import jobs
from assets.figure_render import build, styled
from sim.optimizers import gradient_descent, minibatch_sgd, sgd
from sim.regression import LinReg
from sim.tanh_regression import TanhReg

PROBLEMS = (LinReg, TanhReg)


def drawn(seed=0, theme="light", **sets):
    (job,) = jobs.plan(["gd-sgd-minibatch"], sets=[f"{k}={v}" for k, v in sets.items()],
                       seed=seed, theme=theme)
    with styled(job):
        figure, data = build(job)
    planes = [ax for ax in figure.axes if ax.get_title()]
    losses = [ax for ax in figure.axes if ax.get_xlabel() == "epoch"]
    return planes, losses, data, job.params


def line_of(ax, colour):
    (line,) = [l for l in ax.lines if l.get_color() == colour]
    return np.asarray(line.get_xydata())


@pytest.mark.parametrize("seed, sets", [(0, {}), (4, {"n": 30, "batch_size": 4, "lr": 0.1, "epochs": 7, "noise": 1.2})])
def test_each_path_is_the_sim_trajectory_point_for_point(seed, sets):
    planes, _, _, p = drawn(seed, **sets)
    th = theme_module.LIGHT
    assert len(planes) == 2
    for ax, cls in zip(planes, PROBLEMS):
        problem = cls(n=p["n"], noise=p["noise"], seed=seed)
        start = cls.DEFAULT_START
        expected = {
            th.gd: gradient_descent(problem, start, p["lr"], p["epochs"]).iterates,
            th.sgd: sgd(problem, start, p["lr"], p["epochs"], seed).iterates,
            th.minibatch: minibatch_sgd(problem, start, p["lr"], p["epochs"], p["batch_size"], seed).iterates,
        }
        for colour, iterates in expected.items():
            np.testing.assert_array_equal(line_of(ax, colour), iterates)
        assert len(expected[th.sgd]) == p["epochs"] * p["n"] + 1
        assert len(expected[th.minibatch]) == p["epochs"] * (p["n"] // p["batch_size"]) + 1


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_loss_axes_are_log_and_show_the_excess_loss_after_each_epoch(theme):
    _, losses, _, p = drawn(theme=theme, epochs=12)
    th = theme_module.THEMES[theme]
    assert len(losses) == 2
    for ax, cls in zip(losses, PROBLEMS):
        assert ax.get_yscale() == "log"
        problem = cls(n=p["n"], seed=0)
        minimum = problem.value(problem.minima()).min()
        runs = {th.gd: (gradient_descent(problem, cls.DEFAULT_START, p["lr"], 12), 1),
                th.sgd: (sgd(problem, cls.DEFAULT_START, p["lr"], 12, 0), p["n"]),
                th.minibatch: (minibatch_sgd(problem, cls.DEFAULT_START, p["lr"], 12,
                                             p["batch_size"], 0), p["n"] // p["batch_size"])}
        for colour, (trajectory, per_epoch) in runs.items():
            curve = line_of(ax, colour)
            np.testing.assert_array_equal(curve[:, 0], np.arange(13))
            ends = problem.value(trajectory.iterates[::per_epoch])
            np.testing.assert_allclose(curve[:, 1], ends - minimum, rtol=1e-9, atol=1e-15)
            assert np.all(curve[:, 1] > 0)


def test_minima_and_saddle_marked_where_sim_finds_them():
    planes, _, data, p = drawn()
    fg = theme_module.LIGHT.foreground
    for ax, cls, panel in zip(planes, PROBLEMS, data.panels):
        problem = cls(n=p["n"], seed=0)
        markers = {l.get_marker(): np.asarray(l.get_xydata()) for l in ax.lines if l.get_color() == fg}
        np.testing.assert_allclose(markers["*"], problem.minima(), atol=1e-12)
        np.testing.assert_array_equal(markers["o"], [cls.DEFAULT_START])
        assert len(markers["X"]) == (1 if cls is TanhReg else 0)
    np.testing.assert_allclose(data.panels[1].saddles, [[0.0, 0.0]])


def test_convex_panel_contours_are_mostly_closed_rings_inside_the_plot():
    planes, _, _, _ = drawn()
    ax = planes[0]
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    (rings,) = [c for c in ax.collections if isinstance(c, LineCollection)]
    closed = [ring for ring in rings.get_segments() if np.allclose(ring[0], ring[-1])]
    assert len(closed) >= 6
    for ring in closed:
        assert x0 < ring[:, 0].min() and ring[:, 0].max() < x1
        assert y0 < ring[:, 1].min() and ring[:, 1].max() < y1
    # every path fits inside the zoomed window
    for line in ax.lines:
        xy = np.asarray(line.get_xydata())
        assert np.all((xy[:, 0] >= x0) & (xy[:, 0] <= x1) & (xy[:, 1] >= y0) & (xy[:, 1] <= y1))
    assert ax.get_aspect() == 1.0


def test_tanh_data_without_a_minimum_say_so_and_measure_from_the_infimum():
    """The issue's input (n=10, noise=3, seed 3) ended in 'Singular matrix': L has no minimiser."""
    planes, losses, data, p = drawn(seed=3, n=10, noise=3.0)
    problem = TanhReg(n=10, noise=3.0, seed=3)
    assert planes[1].get_title() == "one tanh unit (no minimum)"
    assert losses[1].get_ylabel() == r"$\mathcal{L} - \inf \mathcal{L}$"
    fg = theme_module.LIGHT.foreground
    markers = {l.get_marker(): np.asarray(l.get_xydata()) for l in planes[1].lines if l.get_color() == fg}
    assert markers["*"].size == 0
    gd = gradient_descent(problem, TanhReg.DEFAULT_START, p["lr"], p["epochs"])
    np.testing.assert_allclose(line_of(losses[1], theme_module.LIGHT.gd)[:, 1],
                               problem.value(gd.iterates) - problem.infimum, rtol=1e-12)
    # the window is widened to hold every path
    (x0, x1), (y0, y1) = planes[1].get_xlim(), planes[1].get_ylim()
    for line in planes[1].lines:
        xy = np.asarray(line.get_xydata())
        assert np.all((xy[:, 0] >= x0) & (xy[:, 0] <= x1) & (xy[:, 1] >= y0) & (xy[:, 1] <= y1))


@pytest.mark.parametrize("aspect", ["16:9", "4:3"])
def test_the_convex_start_lies_on_the_outermost_contour_and_the_marks_sit_over_the_paths(aspect):
    (job,) = jobs.plan(["gd-sgd-minibatch"], aspect=aspect)
    with styled(job):
        figure, data = build(job)
    convex, _ = [ax for ax in figure.axes if ax.get_title()]
    problem = data.panels[0].race.problem
    (rings,) = [c for c in convex.collections if isinstance(c, LineCollection)]
    outermost = max(problem.value(np.asarray(s)).max() for s in rings.get_segments())
    start = data.panels[0].race.start
    assert problem.value(start) == pytest.approx(outermost, rel=1e-3)
    paths = [line.get_zorder() for line in convex.lines if line.get_marker() in ("None", "")]
    marks = [line.get_zorder() for line in convex.lines if line.get_marker() in ("o", "*")]
    assert len(marks) == 2 and min(marks) > max(paths)
