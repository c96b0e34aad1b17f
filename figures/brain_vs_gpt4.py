"""
Biological vs deep neural networks
===================================

The human brain against GPT-4, in orders of magnitude: neurons, synapses
against parameters (weights), and layers. The numbers are the lecture's, from
``sim.brain_vs_gpt4``; the brain's are cited to the published counts they
round, GPT-4's are drawn hollow and labelled as the lecture's estimates, since
its maker has not published them. A dot plot on a log axis, because the point
is the orders of magnitude: equal ratios are equal distances, and no bar
starting at an arbitrary 10⁰ makes 10¹⁵ against 10¹¹ look like 1.4×.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass

import numpy as np
from matplotlib.lines import Line2D
from matplotlib.ticker import FixedLocator, NullFormatter

import theme as theme_module
from assets.catalogue import FigureAsset
from assets.params import Param
from figures._draw import widescreen
from sim.brain_vs_gpt4 import BRAIN_VS_GPT4, SOURCE, Quantity

ASSET = FigureAsset(
    id="brain-vs-gpt4",
    title="Biological vs deep neural networks: the human brain and GPT-4",
    slide="biological neural networks vs deep neural networks",
    caption="The human brain has about 10¹¹ neurons and 10¹⁵ synapses; GPT-4, by the lecture's "
            "estimates, about 10⁶ neurons, 10¹¹ parameters and 100 layers.",
    alt="A dot plot on a logarithmic axis from 1 to 10¹⁶, one row per quantity. Neurons: the "
        "brain at 10¹¹, GPT-4 at 10⁶, five decades apart. Synapses against parameters "
        "(weights): the brain at 10¹⁵, GPT-4 at 10¹¹, four decades apart. Layers: GPT-4 at 100, "
        "with no brain dot. The brain's dots are filled, GPT-4's hollow and labelled as the "
        "lecture's estimates; the sources are printed below.",
    params=(
        Param("source", bool, True, help="print where the numbers come from under the plot"),
    ),
)

DECADES = (0, 16)  # the axis, in powers of ten
TICK_EVERY = 3  # decades between labelled ticks
DOT = 16  # marker size, points
SOURCE_MARGIN = 0.3  # inches of page kept either side of the source lines
LABEL_RISE = 0.22  # value labels this far from their row (row units): brain above, GPT-4 below


@dataclass(frozen=True)
class Data:
    rows: tuple[Quantity, ...]
    source: str | None


def compute(params, seed) -> Data:
    return Data(rows=BRAIN_VS_GPT4, source=SOURCE if params.source else None)


def power_of_ten(value: float) -> str:
    """10¹¹ as '$10^{11}$', any other count as itself: the way the lecture writes them."""
    exponent = np.log10(value)
    if exponent == round(exponent) and value > 100:
        return f"$10^{{{exponent:.0f}}}$"
    return f"{value:g}"


def row_label(q: Quantity) -> str:
    if q.brain_label == q.network_label:
        return q.brain_label
    return f"{q.brain_label} vs\n{q.network_label}"


def draw(figure, data: Data, theme) -> None:
    ax = figure.subplots()
    rows = np.arange(len(data.rows))[::-1].astype(float)  # the lecture's order, top to bottom
    brain = dict(marker="o", ms=DOT, color=theme.brain, ls="none", zorder=4)
    model = dict(marker="D", ms=DOT * 0.85, mfc=theme.background, mec=theme.model, mew=2.5,
                 ls="none", zorder=4)
    for q, y in zip(data.rows, rows):
        present = [v for v in (q.brain, q.network) if v is not None]
        ax.plot([min(present), max(present)], [y, y], color=theme.muted, lw=1.5, zorder=3)
        if q.brain is not None:
            ax.plot([q.brain], [y], gid=f"dot:brain:{q.name}", **brain)
            ax.text(q.brain, y + LABEL_RISE, power_of_ten(q.brain), ha="center", va="bottom",
                    color=theme.brain, gid=f"value:brain:{q.name}")
        if q.network is not None:
            ax.plot([q.network], [y], gid=f"dot:network:{q.name}", **model)
            ax.text(q.network, y - LABEL_RISE,
                    power_of_ten(q.network) + (" (estimate)" if q.estimate else ""),
                    ha="center", va="top", color=theme.model, gid=f"value:network:{q.name}")
    ax.set_xscale("log")
    ax.set_xlim(10.0 ** DECADES[0], 10.0 ** DECADES[1])
    decades = np.arange(DECADES[0], DECADES[1] + 1)
    ax.set_xticks(10.0 ** decades[::TICK_EVERY])
    ax.xaxis.set_minor_locator(FixedLocator(10.0 ** decades))
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.grid(axis="x", which="both", color=theme.level, lw=0.8, alpha=0.5, zorder=0)
    ax.set_yticks(rows, [row_label(q) for q in data.rows])
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.set_xlabel("count (logarithmic axis)")
    ax.set_ylim(rows[-1] - 0.7, rows[0] + 0.7)
    width, height = figure.get_size_inches()
    figure.legend(handles=[Line2D([], [], label="human brain", **brain),
                           Line2D([], [], label="GPT-4 (the lecture's estimates)", **model)],
                  loc="outside upper center", ncols=2 if widescreen(figure) else 1,
                  frameon=False, handletextpad=0.3, columnspacing=1.5)
    if data.source:  # wrapped at the most characters a line that fits the page can hold
        label = figure.supxlabel("", fontsize=theme_module.FONT_SIZE_SMALL, color=theme.muted)
        for chars in range(int(width * 9), 20, -1):
            label.set_text(textwrap.fill(f"Sources: {data.source}.", chars))
            if label.get_window_extent().width < (width - 2 * SOURCE_MARGIN) * figure.dpi:
                break
