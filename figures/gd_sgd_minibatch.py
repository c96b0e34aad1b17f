"""
Gradient descent, SGD and mini-batch SGD
========================================

The same step size ε, the same start and the same number of epochs for all
three: per epoch, gradient descent makes one update, mini-batch SGD ⌊n/b⌋ and
SGD n. On linear regression (convex) the stochastic methods get far quickly,
then rattle in a noise floor that gradient descent eventually undercuts; on a
one-tanh-unit network (non-convex) gradient descent lingers at the saddle and
may end in the other of the two minima.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.lines import Line2D
from matplotlib.ticker import LogLocator, MultipleLocator

from assets.catalogue import FigureAsset
from assets.params import Param, Rule
from figures._draw import contours, plane
from sim.contour_levels import Window, ring_view, window_around
from sim.levels import LevelLines, default_levels, level_lines
from sim.optimizer_race import Race, data_race, race_points
from sim.problems import classify

ASSET = FigureAsset(
    id="gd-sgd-minibatch",
    title="Gradient descent, SGD and mini-batch SGD",
    slide="stochastic gradient descent II-III",
    caption="With one step size for all three, SGD and mini-batch SGD get much further per epoch "
            "than gradient descent, then fluctuate at a noise floor that is higher the smaller "
            "the batch, while gradient descent keeps descending; on a non-convex loss they can "
            "end in different minima.",
    alt="Two rows. Top: contour ellipses of a linear-regression loss with three paths from one "
        "start: a smooth gradient-descent path, a moderately noisy mini-batch path and a very "
        "noisy SGD path that scribbles around the minimum; beside it, excess loss against epochs "
        "on a log axis, gradient descent falling steadily while SGD and mini-batch drop fast and "
        "then fluctuate at a floor. Bottom: the same for a one-tanh-unit network with two minima "
        "and a saddle between them; gradient descent passes close to the saddle, plateaus there, "
        "and ends in the opposite minimum from the stochastic paths.",
    params=(
        Param("lr", float, 0.2, (0.001, 0.5), "step size ε, the same for all three optimizers"),
        Param("batch_size", int, 5, (2, 100), "mini-batch size b (1 < b < n)"),
        Param("epochs", int, 50, (2, 200), "passes over the data"),
        Param("n", int, 50, (10, 1000), "number of examples of each problem"),
        Param("noise", float, 0.5, (0.0, 3.0), "standard deviation of the noise on the targets y"),
    ),
    rules=(Rule("batch_size", "<", "n", "b = 1 is SGD and b = n gradient descent"),),
)

STYLE = {  # name → (legend label, line width): GD drawn last and thickest, SGD thin underneath
    "sgd": ("SGD ($b = 1$)", 0.7),
    "minibatch": ("mini-batch ($b = {b}$)", 1.4),
    "gd": ("GD ($b = n$)", 2.4),
}
TITLES = {"linreg": "linear regression (convex)", "tanh": "one tanh unit (non-convex)"}
NO_MINIMUM = {"tanh": "one tanh unit (no minimum)"}  # on some noisy data L only has an infimum


@dataclass(frozen=True)
class Panel:
    """One problem's race, the plot window and the contour lines it is drawn on, its saddles."""

    kind: str
    race: Race
    bounds: tuple
    lines: LevelLines
    saddles: np.ndarray  # (k, 2)


@dataclass(frozen=True)
class Data:
    panels: tuple[Panel, Panel]


def _panel(kind: str, race: Race) -> Panel:
    """Convex: closed rings on a zoom around the paths. Non-convex: the whole problem, whose
    level sets run off along the valleys (widened to hold the paths when it has no minimum, and
    they head off toward its infimum)."""
    problem = race.problem
    critical = problem.critical_points()
    saddles = critical[[k == "saddle" for k in classify(problem, critical)]]
    if kind == "linreg":
        view = ring_view(problem, race_points(race))
        bounds, lines = view.bounds, view.lines
    else:
        bounds = problem.bounds
        if not len(race.minima):
            bounds = window_around(np.vstack([race_points(race), np.transpose(bounds)]), pad=0.0)
        window = Window(problem, bounds)
        lines = level_lines(window, default_levels(window))
    return Panel(kind=kind, race=race, bounds=bounds, lines=lines, saddles=saddles)


def compute(params, seed) -> Data:
    return Data(panels=tuple(
        _panel(kind, data_race(kind, params.n, params.noise, params.lr, params.epochs,
                              params.batch_size, seed))
        for kind in ("linreg", "tanh")))


def _plane(ax, panel: Panel, theme) -> None:
    plane(ax, panel.bounds)
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_locator(MultipleLocator(1.0))
    title = TITLES[panel.kind] if len(panel.race.minima) else NO_MINIMUM[panel.kind]
    ax.set_title(title, fontsize="medium")
    contours(ax, panel.lines, theme.level)
    race = panel.race
    for name in STYLE:
        ax.plot(*race.run(name).iterates.T, color=getattr(theme, name), lw=STYLE[name][1], zorder=3)
    ax.plot(*race.start, "o", color=theme.foreground, ms=7, zorder=5)
    ax.plot(*race.minima.T, "*", color=theme.foreground, mec=theme.background, ms=14, zorder=5)
    ax.plot(*panel.saddles.T, "X", color=theme.foreground, mec=theme.background, ms=10, zorder=5)


def _losses(ax, panel: Panel, theme) -> None:
    for name in STYLE:
        run = panel.race.run(name)
        ax.plot(run.epochs, run.excess, color=getattr(theme, name), lw=max(STYLE[name][1], 1.6))
    ax.set_yscale("log")
    ax.yaxis.set_major_locator(LogLocator(base=10, numticks=5))
    ax.set_xlim(0, panel.race.runs[0].epochs[-1])
    ax.set_xlabel("epoch")


def draw(figure, data: Data, theme) -> None:
    grid = figure.add_gridspec(2, 2, height_ratios=(1.8, 1.0))
    for column, panel in enumerate(data.panels):
        _plane(figure.add_subplot(grid[0, column]), panel, theme)
        loss_ax = figure.add_subplot(grid[1, column])
        _losses(loss_ax, panel, theme)
        if column == 0 or not len(panel.race.minima):
            loss_ax.set_ylabel(r"$L(\theta) - \min L$" if len(panel.race.minima)
                               else r"$L(\theta) - \inf L$")
    batch = data.panels[0].race.run("minibatch").batch_size
    marker = dict(ls="", color=theme.foreground, mec=theme.background)
    figure.legend(handles=[Line2D([], [], color=getattr(theme, name), lw=2.5,
                                  label=STYLE[name][0].format(b=batch)) for name in reversed(STYLE)]
                  + [Line2D([], [], marker="o", ms=7, label="start", **marker),
                     Line2D([], [], marker="*", ms=14, label="minimum", **marker),
                     Line2D([], [], marker="X", ms=10, label="saddle", **marker)],
                  loc="outside upper center", ncols=6 if figure.get_figwidth() > 9 else 3,
                  frameon=False, handlelength=1.2,
                  columnspacing=0.9, handletextpad=0.4)
    figure.align_titles()
