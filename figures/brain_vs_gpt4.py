"""
Biological vs deep neural networks
==================================

The human brain against GPT-4, in orders of magnitude: neurons, synapses
against parameters (weights), and layers. The numbers are the lecture's, from
``sim.brain_vs_gpt4``; GPT-4's are hatched and labelled as the lecture's
estimates, since its maker has not published them. A log axis, because the
point is the orders of magnitude.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass

import numpy as np
from matplotlib.patches import Patch
from matplotlib.ticker import FixedLocator, NullFormatter

from assets.catalogue import FigureAsset
from assets.params import Param
from sim.brain_vs_gpt4 import BRAIN_VS_GPT4, SOURCE, Quantity

ASSET = FigureAsset(
    id="brain-vs-gpt4",
    title="Biological vs deep neural networks: the human brain and GPT-4",
    slide="biological neural networks vs deep neural networks",
    caption="The human brain has about 10¹¹ neurons and 10¹⁵ synapses; GPT-4, by the lecture's "
            "estimates, about 10⁶ neurons, 10¹¹ parameters and 100 layers.",
    alt="Horizontal bars on a logarithmic axis from 1 to 10¹⁷. Neurons: brain 10¹¹, GPT-4 10⁶. "
        "Synapses vs parameters: brain 10¹⁵, GPT-4 10¹¹. Layers: GPT-4 100, none given for the "
        "brain. GPT-4's bars are hatched and labelled as estimates; the source is printed below.",
    params=(
        Param("source", bool, True, help="print where the numbers come from under the plot"),
    ),
)

BAR = 0.36  # bar thickness; a row's two bars sit at ±BAR/2 + a small gap
GAP = 0.04
BASE = 1.0  # bars start at 10⁰: a count of one
RIGHT_EDGE = 1e17  # room for the value labels right of the longest bar
TICK_EVERY = 3  # decades between labelled ticks
ESTIMATE_HATCH = "///"  # how a number that is only an estimate is drawn


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
    brain_y, network_y = rows + BAR / 2 + GAP / 2, rows - BAR / 2 - GAP / 2
    for q, yb, yn in zip(data.rows, brain_y, network_y):
        if q.brain is None:
            ax.text(BASE * 1.5, yb, "human brain: no number in the lecture", va="center",
                    color=theme.muted, fontsize=14, gid=f"value:brain:{q.name}")
        else:
            ax.barh(yb, q.brain - BASE, left=BASE, height=BAR, color=theme.class0,
                    gid=f"bar:brain:{q.name}")
            ax.text(q.brain * 1.6, yb, power_of_ten(q.brain), va="center",
                    gid=f"value:brain:{q.name}")
        if q.network is not None:
            ax.barh(yn, q.network - BASE, left=BASE, height=BAR,
                    color=theme.background if q.estimate else theme.class1,
                    edgecolor=theme.class1, hatch=ESTIMATE_HATCH if q.estimate else None, lw=1.5,
                    gid=f"bar:network:{q.name}")
            ax.text(q.network * 1.6, yn,
                    power_of_ten(q.network) + (" (estimate)" if q.estimate else ""),
                    va="center", gid=f"value:network:{q.name}")
    ax.set_xscale("log")
    ax.set_xlim(BASE, RIGHT_EDGE)
    decades = np.arange(0, np.log10(RIGHT_EDGE) + 1)
    ax.set_xticks(10.0 ** decades[::TICK_EVERY])
    ax.xaxis.set_minor_locator(FixedLocator(10.0 ** decades))
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_yticks(rows, [row_label(q) for q in data.rows])
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.set_xlabel("count (logarithmic axis)")
    ax.set_ylim(rows[-1] - 0.6, rows[0] + 0.6)
    ax.legend(handles=[Patch(color=theme.class0, label="human brain"),
                       Patch(facecolor=theme.background, edgecolor=theme.class1,
                             hatch=ESTIMATE_HATCH, label="GPT-4 (the lecture's estimates)")],
              loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2, frameon=False)
    if data.source:
        width = int(figure.get_size_inches()[0] * 9)  # characters per line at 14 pt
        text = f"Source: {data.source}."
        figure.supxlabel(textwrap.fill(text, width), fontsize=14, color=theme.muted)
