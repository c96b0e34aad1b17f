"""
Cross-entropy over the logits and its gradient
==============================================

Left: the loss 𝓛 = −log softmax(z)_y along each logit z_k, the others fixed.
Raising the true logit lowers 𝓛, raising any other logit raises it, and
raising all of them together changes nothing. Right: softmax(z) against the
target onehot(y), and the gradient ∇_z 𝓛 = softmax(z) − onehot(y) as bars:
the slopes of the curves on the left, summing to zero.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.patches import Patch

import theme as theme_module
from assets.catalogue import FigureAsset
from assets.params import Param
from figures._draw import widescreen
from sim.logit_descent import LogitStates, LossSlices, logit_states, loss_slices

ASSET = FigureAsset(
    id="cross-entropy-softmax",
    title="Cross-entropy over the logits and its gradient",
    slide="cross-entropy loss for multiclass classification and its gradient",
    caption="The loss 𝓛 = −log softmax(z)_y falls as the true logit rises and grows with every "
            "other logit; its gradient softmax(z) − onehot(y) is negative only for the true class "
            "and sums to zero.",
    alt="Three panels. The first: curves of the cross-entropy loss 𝓛 as each of four logits is "
        "shifted, all crossing at the current point; the true class's curve, in the colour of "
        "'pushed up', falls, the others, in the colour of 'pushed down', rise, and a dashed line "
        "for shifting all logits together stays flat. The second: bars of the softmax "
        "probabilities with the one-hot target outlined. The third: bars of the gradient, one "
        "negative bar for the true class and positive bars for the others, each with its value, "
        "and the words 'bars sum to 0'.",
    params=(
        Param("z1", float, 2.0, (-6.0, 6.0), "logit z_1"),
        Param("z2", float, 1.0, (-6.0, 6.0), "logit z_2"),
        Param("z3", float, 0.5, (-6.0, 6.0), "logit z_3"),
        Param("z4", float, -1.0, (-6.0, 6.0), "logit z_4"),
        Param("label", int, 2, (1, 4), "the true class y"),
        Param("span", float, 4.0, (1.0, 10.0), "largest shift Δ of one logit on the left"),
    ),
)

SAMPLES = 201  # points per loss slice
LABEL_GAP = 0.05  # least vertical distance between curve labels, as a fraction of the y range


def spread(values, gap: float) -> np.ndarray:
    """Label heights at ``values``, each pushed up to sit at least ``gap`` above the one below."""
    order = np.argsort(values)
    placed = np.array(values, dtype=float)
    for below, above in zip(order, order[1:]):
        placed[above] = max(placed[above], placed[below] + gap)
    return placed


@dataclass(frozen=True)
class Data:
    state: LogitStates
    slices: LossSlices


def compute(params, seed) -> Data:
    z, y = [params.z1, params.z2, params.z3, params.z4], params.label - 1
    return Data(state=logit_states(z, y),
                slices=loss_slices(z, y, np.linspace(-params.span, params.span, SAMPLES)))


def draw(figure, data: Data, theme) -> None:
    state, slices = data.state, data.slices
    y, classes = state.label, len(state.logits)
    colours = theme.logit_colours(y, classes)
    wide = widescreen(figure)
    # wide: the curves left, the two bar charts stacked on the right; narrow (4:3): the curves
    # on top, the bar charts side by side under them, each wide enough for its formula
    if wide:
        grid = figure.add_gridspec(2, 2, width_ratios=(1.15, 1.0))
        curves, probs, grads = (figure.add_subplot(grid[cell]) for cell in
                                ((slice(None), 0), (0, 1), (1, 1)))
    else:  # the gradient's bars wider, for their signed values
        grid = figure.add_gridspec(2, 1)
        bars = grid[1].subgridspec(1, 2, width_ratios=(0.8, 1.2))
        curves, probs, grads = (figure.add_subplot(cell) for cell in (grid[0], bars[0], bars[1]))

    # loss along each logit, all through the current point
    curves.plot(slices.deltas, slices.all_logits, "--", color=theme.muted, lw=2,
                label=r"all logits $+\,\Delta$")
    top = 1.4 * slices.per_logit.max()  # room for the key above the curves
    ends = spread(slices.per_logit[:, -1], LABEL_GAP * top)
    for k in range(classes):
        curves.plot(slices.deltas, slices.per_logit[k], color=colours[k], lw=2.5 if k == y else 1.8)
        curves.annotate(rf"$z_{k + 1}$", (slices.deltas[-1], ends[k]), xytext=(4, 0),
                        textcoords="offset points", va="center", color=colours[k],
                        annotation_clip=False)
    curves.plot([0.0], [state.losses], "o", color=theme.foreground, ms=7, zorder=4,
                label=r"current $z$: slopes = bars")
    curves.set_xlabel(r"shift $\Delta$ added to one logit $z_k$")
    loss = r"$\mathcal{L} = -\log\,\mathrm{softmax}(z)_y$"
    if wide:
        curves.set_ylabel(loss)
    else:  # too tall for the short panel's side: named above it
        curves.set_ylabel(r"$\mathcal{L}$", rotation=0, labelpad=12)
        curves.set_title(loss, fontsize=theme_module.FONT_SIZE_SMALL)
    curves.set_xlim(slices.deltas[0], slices.deltas[-1])
    curves.set_ylim(0.0, top)
    curves.legend(loc="upper center", frameon=False, handlelength=1.2, borderaxespad=0.2)

    # softmax against the target, then the gradient: one bar per class
    ticks = np.arange(1, classes + 1)
    names = [rf"$y={k}$" if k - 1 == y else f"{k}" for k in ticks]
    probs.bar(ticks, state.probabilities, color=colours, width=0.6)
    probs.bar(ticks, state.target, fill=False, edgecolor=theme.foreground, linestyle="--",
              linewidth=1.5, width=0.6)
    probs.set_ylim(0.0, 1.05)
    probs.set_yticks([0.0, 0.5, 1.0])
    probs.set_title(r"$\mathrm{softmax}(z)$ and $\mathrm{onehot}(y)$",
                    fontsize=theme_module.FONT_SIZE_SMALL)
    grads.bar(ticks, state.gradients, color=colours, width=0.6)
    grads.axhline(0.0, color=theme.muted, lw=1.0)
    for k, g in zip(ticks, state.gradients):
        grads.annotate(f"${g:+.2f}$", (k, g), xytext=(0, 4 if g >= 0 else -4),
                       textcoords="offset points", ha="center", va="bottom" if g >= 0 else "top",
                       fontsize=theme_module.FONT_SIZE_SMALL)
    grads.set_ylim(-1.45, 1.4)
    grads.set_yticks([-1.0, 0.0, 1.0])
    grads.set_title(r"$\nabla_z \mathcal{L} = \mathrm{softmax}(z) - \mathrm{onehot}(y)$",
                    fontsize=theme_module.FONT_SIZE_SMALL)
    grads.text(0.98, 0.97, f"bars sum to ${abs(state.gradients.sum()):.0f}$",
               transform=grads.transAxes, ha="right", va="top", color=theme.muted)
    for ax in (probs, grads):
        ax.set_xticks(ticks, names)
        ax.set_xlim(0.4, classes + 0.6)
    if wide:  # stacked: the classes named once, under the gradient, clear of its title
        probs.tick_params(labelbottom=False)
    figure.legend(handles=[
        Patch(color=theme.positive, label=r"true class $y$: descent pulls $z_y$ up"),
        Patch(color=theme.negative, label=r"other classes: pushed down"),
        Patch(fill=False, edgecolor=theme.foreground, linestyle="--",
              label=r"target $\mathrm{onehot}(y)$"),
    ], loc="outside upper center", ncols=2, frameon=False, handlelength=1.2,
        columnspacing=1.2)
