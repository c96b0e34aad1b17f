"""
One epoch of mini-batch SGD
===========================

An epoch shuffles the n examples with one random permutation and cuts it into
mini-batches of b: ⌊n/b⌋ updates, one per batch, and the last n mod b examples
of the permutation are dropped until the next epoch's shuffle. Every example
is used at most once per epoch.
"""
from __future__ import annotations

from dataclasses import dataclass

from matplotlib.patches import Rectangle

from assets.catalogue import FigureAsset
from assets.params import Param, Rule
from sim.batching import EpochPlan, epoch_plan
from theme import FONT_SIZE_SMALL

ASSET = FigureAsset(
    id="epoch-minibatches",
    title="One epoch: a random permutation cut into mini-batches",
    slide="stochastic gradient descent III",
    caption="One epoch shuffles the n examples and cuts the permutation into ⌊n/b⌋ mini-batches "
            "of size b, one update each; the last n mod b examples are dropped.",
    alt="A row of numbered boxes, the examples in index order, joined by crossing lines to a "
        "second row holding the same numbers shuffled. The shuffled row is grouped by brackets "
        "into mini-batches of equal size, each labelled with its update number; the few boxes "
        "left over at the end, and the lines leading to them, are dashed and marked as dropped. "
        "Below, the counts: ⌊n/b⌋ updates per epoch and n mod b examples dropped.",
    params=(
        Param("n", int, 18, (2, 22), "number of examples n"),
        Param("b", int, 4, (1, 22), "mini-batch size b (at most n)"),
    ),
    rules=(Rule("b", "<=", "n", "a mini-batch holds at most the n examples"),),
)

CELL = 0.86  # box side, in units of one slot
MIN_WIDTH = 18  # slots: few examples still leave room for the words
ABOVE = 2.85  # slots: both rows and the heading, without the crossing lines and what is below
NARROW = 9.0  # inches: a figure narrower than this sets the summary in three lines
CHAR = 0.6 * FONT_SIZE_SMALL / 72  # inches: the width of a character of the small labels


@dataclass(frozen=True)
class Data:
    plan: EpochPlan


def compute(params, seed) -> Data:
    return Data(plan=epoch_plan(params.n, params.b, seed))


def draw(figure, data: Data, theme) -> None:
    plan = data.plan
    ax = figure.subplots()
    ax.set_axis_off()
    ax.set_aspect("equal")
    width = max(plan.n, MIN_WIDTH)
    left = (width - plan.n) / 2  # x of slot 0: the rows are centred
    fig_w, fig_h = figure.get_size_inches()
    # the crossing lines take what the page leaves: the drawing fills the figure's shape
    below = 3.75 if fig_w > NARROW else 4.75  # the brackets and the summary's lines
    drop = min(max(0.9 * width * fig_h / fig_w - ABOVE - below, 2.2), 8.0)
    top, bottom = drop + 1.0, 0.0  # lower edges of the two rows
    dropped = set(plan.dropped.tolist())
    batch_of = {int(i): k for k, batch in enumerate(plan.batches, 1) for i in batch}

    # the examples in index order, 1 … n as the lecture counts them
    for i in range(plan.n):
        _cell(ax, left + i, top, i + 1, "index", theme, dropped=i in dropped)
    ax.text(width / 2, top + 1.15, rf"the $n = {plan.n}$ examples, in index order",
            ha="center", va="bottom")

    # the shuffle: example i moves to its place in the permutation (lines that read from the
    # back of the hall: the muted ink, not the faint contour grey; the dropped ones dashed)
    for slot, i in enumerate(plan.permutation):
        ax.plot([left + i + 0.5, left + slot + 0.5], [top - 0.05, bottom + CELL + 0.05],
                color=theme.muted, lw=1.6, ls=(0, (4, 3)) if i in dropped else "-",
                gid="shuffle")

    # the permutation, batch after batch, then the remainder
    for slot, i in enumerate(plan.permutation):
        k = batch_of.get(int(i))
        _cell(ax, left + slot, bottom, i + 1, "dropped" if k is None else f"batch-{k}", theme,
              dropped=k is None, shade=None if k is None else k % 2)
    label = "update {}" if plan.batch_size >= 4 else "{}"
    for k in range(1, plan.updates + 1):
        start = left + (k - 1) * plan.batch_size
        _bracket(ax, start, start + plan.batch_size, label.format(k), theme.minibatch, "bracket",
                 centre=start + plan.batch_size / 2)
    if len(plan.dropped):
        # the word is centred under the remainder but kept inside the row; when it would run
        # into the last update's label, it goes one line lower
        slot = 0.96 * fig_w / (width + 0.4)  # inches per slot: the drawing spans the page
        half_word, half_last = (CHAR * len(w) / 2 / slot for w in ("dropped", label.format(k)))
        start, end = left + plan.updates * plan.batch_size, left + plan.n
        centre = min((start + end) / 2, end - half_word)
        crowded = centre - half_word < start - plan.batch_size / 2 + half_last + CHAR / slot
        _bracket(ax, start, end, "dropped", theme.muted, "dropped-bracket",
                 centre=None if crowded else centre)
    updates, rest = plan.updates, len(plan.dropped)
    ax.text(width / 2, bottom - 1.75,
            rf"a random permutation in mini-batches of $b = {plan.batch_size}$:"
            "\n"
            rf"$\lfloor n/b \rfloor = {updates}$ update{'s' * (updates != 1)} per epoch,"
            + (" " if fig_w > NARROW else "\n")  # a third line where 20-pt text needs it
            + rf"$n \,\mathrm{{mod}}\,b = {rest}$ example{'s' * (rest != 1)} dropped",
            ha="center", va="top", linespacing=1.5)
    ax.set_xlim(-0.2, width + 0.2)
    ax.set_ylim(bottom - below, top + 1.8)


def _cell(ax, x, y, label, gid, theme, dropped=False, shade=None) -> None:
    """One example's box with its number (1-based): batches tinted, dropped ones hatched."""
    pad = (1 - CELL) / 2
    if dropped:
        box = Rectangle((x + pad, y), CELL, CELL, facecolor="none", edgecolor=theme.muted,
                        ls="--", lw=1.2)
    elif shade is None:
        box = Rectangle((x + pad, y), CELL, CELL, facecolor="none", edgecolor=theme.foreground,
                        lw=1.2)
    else:
        box = Rectangle((x + pad, y), CELL, CELL, facecolor=theme.minibatch,
                        alpha=0.55 if shade else 0.3, edgecolor=theme.minibatch, lw=1.2)
    box.set_gid(gid)
    ax.add_patch(box)
    ax.text(x + 0.5, y + CELL / 2, str(label), ha="center", va="center", fontsize=FONT_SIZE_SMALL,
            color=theme.muted if dropped else theme.foreground, gid=gid)


def _bracket(ax, x0, x1, label, color, gid, centre=None) -> None:
    """A square bracket under the slots [x0, x1) with its label below, centred at ``centre``,
    or, without one, a line lower and ending at the bracket's right end."""
    pad, y = (1 - CELL) / 2, -0.2
    ax.plot([x0 + pad, x0 + pad, x1 - pad, x1 - pad], [y + 0.12, y, y, y + 0.12], color=color,
            lw=2.0, solid_joinstyle="miter", gid=gid)
    x, ha = (x1 - pad, "right") if centre is None else (centre, "center")
    ax.text(x, y - (0.15 if centre is not None else 0.8), label, ha=ha, va="top", color=color,
            fontsize=FONT_SIZE_SMALL, gid=f"{gid}-label")
