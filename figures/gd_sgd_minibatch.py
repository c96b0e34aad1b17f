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
from figures._draw import contours, plane, widescreen
from sim.contour_levels import Window, levels_to, window_around, window_lines
from sim.levels import LevelLines, default_levels, level_lines
from sim.optimizer_race import Race, data_race, race_points
from sim.problems import classify
from theme import FONT_SIZE_SMALL

ASSET = FigureAsset(
    id="gd-sgd-minibatch",
    title="Gradient descent, SGD and mini-batch SGD",
    slide="stochastic gradient descent II-III",
    caption="With one step size for all three, SGD and mini-batch SGD get much further per epoch "
            "than gradient descent, then fluctuate at a noise floor that is higher the smaller "
            "the batch, while gradient descent keeps descending; on a non-convex loss they can "
            "end in different minima.",
    alt="Two problems side by side, each a contour plot of its loss with three paths from one "
        "start, and its excess loss against epochs on a log axis. Linear regression (convex): "
        "contour ellipses, the outermost through the start; a smooth gradient-descent path, a "
        "moderately noisy mini-batch path and a very noisy SGD path that scribbles around the "
        "minimum, marked by a star drawn over the paths; gradient descent's excess loss falls "
        "steadily while SGD's and mini-batch's drop fast and then fluctuate at a floor. One tanh "
        "unit (non-convex): two minima and a saddle between them; gradient descent passes close "
        "to the saddle, plateaus there, and ends in the opposite minimum from the stochastic "
        "paths.",
    params=(
        Param("lr", float, 0.2, (0.001, 0.5),
              "step size ε, the same for all three optimizers", symbol="ε"),
        Param("batch_size", int, 5, (2, 100), "mini-batch size b (1 < b < n)", symbol="b"),
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
TITLES = {"linreg": "linear regression{}(convex)", "tanh": "one tanh unit{}(non-convex)"}
NO_MINIMUM = {"tanh": "one tanh unit{}(no minimum)"}  # on some noisy data 𝓛 has an infimum only


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
    """Convex: a zoom around the paths, its rings up to the one through the start. Non-convex:
    the whole problem, whose level sets run off along the valleys (widened to hold the paths
    when it has no minimum, and they head off toward its infimum)."""
    problem = race.problem
    critical = problem.critical_points()
    saddles = critical[[k == "saddle" for k in classify(problem, critical)]]
    if kind == "linreg":
        bounds = window_around(race_points(race))
        lines = window_lines(problem, levels_to(problem, race.start), bounds)
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


def _plane(ax, panel: Panel, theme, wide: bool) -> None:
    plane(ax, panel.bounds)
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_locator(MultipleLocator(1.0))
    title = TITLES[panel.kind] if len(panel.race.minima) else NO_MINIMUM[panel.kind]
    ax.set_title(title.format(" " if wide else "\n"), fontsize=FONT_SIZE_SMALL)
    contours(ax, panel.lines, theme.level)
    race = panel.race
    for name in STYLE:
        ax.plot(*race.run(name).iterates.T, color=getattr(theme, name), lw=STYLE[name][1], zorder=3)
    # the marks over the paths, ringed in the background colour so the scribble cannot hide them
    marks = dict(color=theme.foreground, mec=theme.background, mew=2.0, ls="", zorder=5)
    ax.plot(*race.start, marker="o", ms=10, **marks)
    ax.plot(*race.minima.T, marker="*", ms=22, **marks)
    ax.plot(*panel.saddles.T, marker="X", ms=14, **marks)


def _losses(ax, panel: Panel, theme) -> None:
    for name in STYLE:
        run = panel.race.run(name)
        ax.plot(run.epochs, run.excess, color=getattr(theme, name), lw=max(STYLE[name][1], 1.6))
    ax.set_yscale("log")
    ax.yaxis.set_major_locator(LogLocator(base=10, numticks=4))
    ax.set_xlim(0, panel.race.runs[0].epochs[-1])
    ax.set_ylabel(r"$\mathcal{L} - \min \mathcal{L}$" if len(panel.race.minima)
                  else r"$\mathcal{L} - \inf \mathcal{L}$")


def draw(figure, data: Data, theme) -> None:
    """The contour plots above, as large as the page allows, each problem's loss curve under
    its plot; the legend in a column beside them on 16:9, above them on 4:3."""
    wide = widescreen(figure)
    grid = figure.add_gridspec(2, 3 if wide else 2,
                               height_ratios=(3.0, 1.0) if wide else (2.1, 1.0),
                               width_ratios=(1.0, 1.0, 0.78) if wide else (1.0, 1.0))
    for column, panel in enumerate(data.panels):
        _plane(figure.add_subplot(grid[0, column]), panel, theme, wide)
        loss_ax = figure.add_subplot(grid[1, column])
        _losses(loss_ax, panel, theme)
        loss_ax.set_xlabel("epoch")
    batch = data.panels[0].race.run("minibatch").batch_size
    marker = dict(ls="", color=theme.foreground, mec=theme.background, mew=1.5)
    handles = [Line2D([], [], color=getattr(theme, name), lw=2.5,
                      label=STYLE[name][0].format(b=batch)) for name in reversed(STYLE)] + [
        Line2D([], [], marker="o", ms=10, label="start", **marker),
        Line2D([], [], marker="*", ms=18, label="minimum", **marker),
        Line2D([], [], marker="X", ms=13, label="saddle", **marker)]
    style = dict(frameon=False, handlelength=1.2, columnspacing=1.0, handletextpad=0.4)
    if wide:  # in a column of its own, so the plots keep the rest of the page
        side = figure.add_subplot(grid[:, 2])
        side.axis("off")
        side.legend(handles=handles, loc="center left", borderaxespad=0, labelspacing=0.8,
                    **style)
    else:
        figure.legend(handles=handles, loc="outside upper center", ncols=3, **style)
