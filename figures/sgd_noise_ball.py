"""
SGD's noise ball, and a decaying step that shrinks it
=====================================================

Many seeds of SGD on the same linear regression: with a constant step ε the
seeds end in a cloud of fixed size around the minimum (the noise that helped
early now keeps SGD from settling); with ε_t = ε / (1 + t/τ) the cloud keeps
shrinking. Mean and spread are the ensemble statistics of ``sim.optimizers``.
"""
from __future__ import annotations

from dataclasses import dataclass

from matplotlib.lines import Line2D
from matplotlib.ticker import LogLocator, MultipleLocator

import theme as theme_module
from assets.catalogue import FigureAsset
from assets.params import Param, Rule
from figures._draw import contours, plane
from sim.contour_levels import RingView, ring_view
from sim.noise_ball import NoiseBall, noise_ball

ASSET = FigureAsset(
    id="sgd-noise-ball",
    title="Constant-step SGD stays in a noise ball; a decaying step converges",
    slide="stochastic gradient descent III",
    caption="With a constant step, SGD's seeds end scattered in a noise ball of fixed size "
            "around the minimum; with a decaying step ε_t = ε/(1 + t/τ) the cloud keeps shrinking "
            "onto it.",
    alt="Left: contour rings of a linear-regression loss around its minimum (a star), with the "
        "end points of many SGD runs: for a constant step a wide cloud around the minimum, with "
        "its mean and a cross of plus and minus one standard deviation; for a decaying step, in "
        "its own colour, a cluster too small to see at this scale, shown in a magnified inset. "
        "Right: the spread of each cloud against epochs on a log axis: flat "
        "for the constant step (marked 'noise ball'), falling steadily for the decaying step.",
    params=(
        Param("lr", float, 0.2, (0.001, 0.5),
              "step size ε (the decaying step starts from it)", symbol="ε"),
        Param("decay", float, 2.0, (0.1, 50.0), "τ of ε_t = ε/(1 + t/τ), in epochs"),
        Param("epochs", int, 50, (2, 100), "passes over the data"),
        Param("batch_size", int, 1, (1, 50), "examples per update (1: pure SGD)"),
        Param("members", int, 200, (10, 500), "number of seeds in each cloud"),
        Param("n", int, 50, (10, 200), "number of examples"),
        Param("noise", float, 0.5, (0.0, 3.0), "standard deviation of the noise on the targets y"),
    ),
    rules=(Rule("batch_size", "<=", "n", "a batch holds at most the n examples"),),
)

LABELS = {"constant": r"constant $\epsilon$",
          "decaying": r"decaying $\epsilon_t = \epsilon\,/\,(1 + t/\tau)$"}


@dataclass(frozen=True)
class Data:
    ball: NoiseBall
    view: RingView  # around the constant-step cloud
    zoom: RingView  # around the much smaller decaying-step cloud


def compute(params, seed) -> Data:
    ball = noise_ball(params.n, params.noise, params.lr, params.decay, params.epochs,
                      params.batch_size, params.members, seed)
    small = float(ball.decaying.radius[-1])
    return Data(ball=ball, view=ring_view(ball.problem, ball.constant.final, 0.15, 0.25),
                zoom=ring_view(ball.problem, ball.decaying.final, small, small))


def _colours(theme) -> dict:
    return {"constant": theme.sgd, "decaying": theme.decay}


def _cloud(ax, cloud, colour: str, size: float) -> None:
    """The seeds' end points, and their mean ± one standard deviation per coordinate."""
    ax.plot(*cloud.final.T, "o", color=colour, ms=size, alpha=0.45, mew=0, zorder=3)
    ax.errorbar(*cloud.mean, xerr=cloud.spread[0], yerr=cloud.spread[1], fmt="none",
                ecolor=colour, elinewidth=2.5, capsize=5, capthick=2.5, zorder=4)


def _zoom(ax, data: Data, colour: str, theme) -> None:
    """An inset magnifying the decaying-step cloud, which is too small to see at the main scale."""
    (x0, x1), (y0, y1) = data.zoom.bounds
    inset = ax.inset_axes([0.02, 0.6, 0.38, 0.38], xlim=(x0, x1), ylim=(y0, y1), xticks=[],
                          yticks=[], aspect="equal")
    inset.set_facecolor(theme.background)
    for spine in inset.spines.values():
        spine.set_visible(True)
        spine.set_edgecolor(theme.muted)
    contours(inset, data.zoom.lines, theme.level)
    _cloud(inset, data.ball.decaying, colour, 3.5)
    inset.plot(*data.ball.minimum, "*", color=theme.foreground, mec=theme.background, ms=12,
               zorder=5)
    (u0, u1), _ = data.view.bounds
    inset.text(0.96, 0.04, f"×{(u1 - u0) / (x1 - x0):.0f}", transform=inset.transAxes,
               ha="right", color=theme.muted, fontsize=theme_module.FONT_SIZE_SMALL)
    ax.indicate_inset_zoom(inset, edgecolor=theme.muted, alpha=1.0)


def draw(figure, data: Data, theme) -> None:
    ball, colours = data.ball, _colours(theme)
    clouds = (ball.constant, ball.decaying)
    cloud_ax, spread_ax = figure.subplots(1, 2, width_ratios=(1.0, 1.1))
    plane(cloud_ax, data.view.bounds)
    for axis in (cloud_ax.xaxis, cloud_ax.yaxis):
        axis.set_major_locator(MultipleLocator(0.5))
    cloud_ax.set_title(f"where {len(ball.constant.final)} seeds end", fontsize="medium")
    contours(cloud_ax, data.view.lines, theme.level)
    for cloud in clouds:
        _cloud(cloud_ax, cloud, colours[cloud.name], 3.5)
    cloud_ax.plot(*ball.minimum, "*", color=theme.foreground, mec=theme.background, ms=12,
                  zorder=5)
    _zoom(cloud_ax, data, colours["decaying"], theme)

    for cloud in clouds:
        spread_ax.plot(cloud.epochs, cloud.radius, color=colours[cloud.name], lw=2.5)
    if ball.constant.stuck:
        spread_ax.annotate("noise ball", (0.65, ball.constant.radius.min()),
                           xycoords=("axes fraction", "data"), xytext=(0, -8),
                           textcoords="offset points", ha="center", va="top",
                           color=colours["constant"])
    spread_ax.set_yscale("log")
    spread_ax.yaxis.set_major_locator(LogLocator(base=10, numticks=6))
    spread_ax.set_xlim(0, ball.constant.epochs[-1])
    spread_ax.set_xlabel("epoch")
    spread_ax.set_title(r"their spread $\sqrt{\sigma_1^2 + \sigma_2^2}$", fontsize="medium")

    figure.legend(handles=[Line2D([], [], color=colours[c.name], lw=2.5, label=LABELS[c.name])
                           for c in clouds]
                  + [Line2D([], [], color=theme.foreground, lw=2.5, marker="|", ms=10,
                            label="mean ± std"),
                     Line2D([], [], ls="", marker="*", ms=12, color=theme.foreground,
                            mec=theme.background, label=r"minimum $\theta^*$")],
                  loc="outside upper center", ncols=2,
                  frameon=False, handlelength=1.5, columnspacing=1.2)
    figure.align_titles()
