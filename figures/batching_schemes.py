"""
Batching schemes compared
=========================

The slide asks for a batching scheme for effective training; this is the
answer by experiment on linear regression, averaged over many SGD runs. A
constant step leaves SGD in a noise ball. Shrinking the step by a factor every
epoch, or growing the batch by the same factor, damps the noise alike: the two
reach the same loss for the same examples seen, but the growing batch makes far
fewer updates (Smith et al., ICLR 2018).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.ticker import LogLocator, MaxNLocator

from assets.catalogue import FigureAsset
from assets.params import Param, Rule
from sim.batching_schemes import batching_schemes

ASSET = FigureAsset(
    id="batching-schemes",
    title="Batching schemes: constant step, decaying step, growing batch",
    slide="stochastic gradient descent III",
    caption="On linear regression, a constant step leaves SGD in a noise ball; shrinking the "
            "step or growing the batch by the same factor every epoch e reaches the same low "
            "loss for the same examples seen, the growing batch in far fewer updates.",
    alt="Two panels with a logarithmic loss axis, the mean excess loss of many SGD runs. Left: "
        "against the number of updates; right: against the number of examples seen. The "
        "constant-step curve falls and then levels off. The decaying-step and growing-batch "
        "curves keep falling and lie on top of each other against examples seen, while against "
        "updates the growing-batch curve reaches the bottom after about a quarter of the "
        "updates.",
    params=(
        Param("n", int, 256, (16, 512), "number of training examples n"),
        Param("noise", float, 0.5, (0.0, 2.0), "label noise of the linear-regression data"),
        Param("lr", float, 0.1, (0.001, 0.3),
              "step size ε (where the decaying step starts)", symbol="ε"),
        Param("batch", int, 1, (1, 64),
              "batch size b (where the growing batch starts)", symbol="b"),
        Param("epochs", int, 8, (1, 16), "number of epochs of every scheme"),
        Param("factor", float, 2.0, (1.0, 8.0),
              "per epoch, the decaying step shrinks and the growing batch grows by this factor"),
        Param("runs", int, 100, (1, 200), "SGD runs (seeds) averaged per scheme"),
    ),
    rules=(Rule("batch", "<=", "n", "a batch holds at most the n examples"),),
)


@dataclass(frozen=True)
class Curve:
    """One scheme as plotted: its mean excess loss after each update, and the examples seen."""

    name: str
    examples_seen: np.ndarray  # (T + 1,)
    mean_excess: np.ndarray  # (T + 1,)


@dataclass(frozen=True)
class Data:
    lr: float
    batch: int
    factor: float
    runs: int
    curves: tuple[Curve, ...]


def compute(params, seed) -> Data:
    schemes = batching_schemes(n=params.n, noise=params.noise, lr=params.lr, batch=params.batch,
                               epochs=params.epochs, factor=params.factor, runs=params.runs,
                               seed=seed)
    return Data(lr=schemes.lr, batch=schemes.batch, factor=schemes.factor, runs=params.runs,
                curves=tuple(Curve(r.name, r.examples_seen, r.mean_excess) for r in schemes.runs))


def labels(data: Data) -> dict[str, str]:
    """What each scheme is, in the lecture's symbols, with this run's numbers (e: the epoch)."""
    b, f = data.batch, data.factor
    grown = rf"{b} \cdot {f:g}^{{\,e}}"
    if f != int(f):  # the batch size is a whole number: sim rounds down
        grown = rf"\lfloor {grown} \rfloor"
    return {  # two lines each, so that the three fit side by side above the panels
        "constant": f"constant step\n$\\epsilon = {data.lr:g}$, $b = {b}$",
        "decaying": f"decaying step\n$\\epsilon_e = \\epsilon \\,/\\, {f:g}^{{\\,e}}$",
        "growing": f"growing batch\n$b_e = {grown}$",
    }


STYLE = {  # the decaying and growing curves may coincide: the growing one is wide, underneath
    "constant": {"lw": 1.8, "zorder": 3},
    "decaying": {"lw": 1.8, "ls": (0, (4, 2)), "zorder": 3},
    "growing": {"lw": 4.0, "alpha": 0.8, "zorder": 2},
}


def draw(figure, data: Data, theme) -> None:
    colours = {"constant": theme.sgd, "decaying": theme.decay, "growing": theme.minibatch}
    names = labels(data)
    by_updates, by_examples = figure.subplots(1, 2, sharey=True)
    for curve in data.curves:
        updates = np.arange(len(curve.mean_excess))
        for ax, x in ((by_updates, updates), (by_examples, curve.examples_seen)):
            ax.plot(x, curve.mean_excess, color=colours[curve.name], label=names[curve.name],
                    gid=curve.name, **STYLE[curve.name])
    by_updates.set_yscale("log")
    by_updates.yaxis.set_major_locator(LogLocator(numticks=6))
    # sim's loss is the mean over the examples; the lecture's 𝓛 is their sum
    by_updates.set_ylabel(r"excess loss $[\mathcal{L}(\theta_t) - \mathcal{L}(\theta^*)]\,/\,n$"
                          + (f"\n(mean of {data.runs} runs)" if data.runs > 1 else ""))
    by_updates.set_xlabel("updates $t$")
    by_examples.set_xlabel("examples seen")
    for ax in (by_updates, by_examples):
        ax.set_xlim(0, None)
        ax.xaxis.set_major_locator(MaxNLocator(4))
    figure.legend(handles=by_updates.get_lines(), loc="outside upper center", ncols=3,
                  frameon=False, handlelength=1.2, handletextpad=0.4, columnspacing=0.8)
