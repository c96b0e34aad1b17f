"""One epoch of mini-batch SGD: the examples shuffled, then consumed batch by batch."""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, DashedVMobject, FadeIn, LaggedStart, MathTex,
                   MoveToTarget, Square, Tex, VGroup, VMobject, Write, linear)

import theme
from assets.catalogue import SceneAsset
from assets.params import Param, Rule
from scenes._base import LectureScene
from scenes._numbers import Count
from sim.batching import EpochPlan, epoch_plan

CELL = 0.86  # box side, in slots
MIN_SLOTS = 14  # few examples still get boxes of a sensible size
READOUT_AT = (0.0, -3.5, 0.0)  # where the update counter stands
SHADES = (0.3, 0.55)  # fill opacity of a used batch, odd and even, so neighbours stand apart
LIFT = 0.3  # how far a batch in use rises


def plan_for(params, seed) -> EpochPlan:
    """The epoch the scene plays, straight from sim (figure epoch-minibatches draws the same)."""
    return epoch_plan(params.n, params.b, seed)


def example_box(number: int, side: float, ink: str) -> VGroup:
    """A square with the example's number (1-based, as the lecture counts i ∈ [n])."""
    square = Square(side_length=side, stroke_color=ink, stroke_width=2.5, fill_opacity=0.0)
    label = MathTex(str(number), color=ink, font_size=theme.SCENE_FONT)
    return VGroup(square, label.move_to(square))


def bracket(left: np.ndarray, right: np.ndarray, color: str, depth: float) -> VMobject:
    """A square bracket opening upward, under the span from ``left`` to ``right``."""
    line = VMobject(stroke_color=color, stroke_width=4)
    line.set_points_as_corners([left, left + depth * DOWN, right + depth * DOWN, right])
    return line


def lift(box: VGroup, color: str) -> MoveToTarget:
    """The box raised out of its row with its outline in ``color``: this batch is in use."""
    box.generate_target()
    box.target.shift(LIFT * UP)[0].set_stroke(color)
    return MoveToTarget(box)


def put_back(box: VGroup, color: str, shade: float) -> MoveToTarget:
    """The box back in its row, filled: this example has been used in this epoch. Its number
    stays in full ink, so the last frame still reads as the shuffled row."""
    box.generate_target()
    box.target.shift(LIFT * DOWN)
    box.target[0].set_stroke(color).set_fill(color, opacity=shade)
    return MoveToTarget(box)


class EpochShuffle(LectureScene):
    ASSET = SceneAsset(
        id="epoch-shuffle",
        title="One epoch: shuffle, then one update per mini-batch",
        slide="stochastic gradient descent III",
        caption="An epoch shuffles the n examples with one random permutation, then makes one "
                "update per mini-batch of b, ⌊n/b⌋ in all; the last n mod b examples are left "
                "over until the next shuffle.",
        alt="A row of numbered boxes in index order flies apart and lands, shuffled, in a second "
            "row. Brackets cut the shuffled row into mini-batches. One batch at a time lifts, "
            "an update counter goes up by one, and the batch is filled in as used; the few boxes "
            "at the end stay dashed and are marked as dropped.",
        params=(
            Param("n", int, 18, (2, 22), "number of examples n"),
            Param("b", int, 4, (1, 22), "mini-batch size b (at most n)"),
            Param("update_seconds", float, 1.2, (0.2, 2.0), "time spent on each update"),
        ),
        rules=(Rule("b", "<=", "n", "a mini-batch holds at most the n examples"),),
    )
    compute = staticmethod(plan_for)

    def construct(self):
        plan = self.compute(self.params, self.seed)
        th = self.theme
        frame_w = self.camera.frame_width
        slots = max(plan.n, MIN_SLOTS)
        slot = (frame_w - 1.0) / slots
        side = CELL * slot
        x0 = -slot * (plan.n - 1) / 2  # centre of slot 0: the rows are centred
        top_y, bottom_y = 1.4, -1.1
        at = lambda k, y: np.array([x0 + k * slot, y, 0.0])  # noqa: E731 - slot k's centre

        # 1. The examples in index order
        self.next_section("index order", "The n training examples, numbered in index order. One "
                          "pass through the data is called an epoch.")
        rule = MathTex(r"\theta \leftarrow \theta - \epsilon\,\frac{1}{b}"
                       r"\sum_{i \in B_t} \nabla_\theta \mathcal{L}_i(\theta)",
                       font_size=theme.SCENE_FONT_TITLE)
        rule.to_edge(UP, buff=0.3)
        heading = Tex(f"the $n = {plan.n}$ examples, in index order", color=th.muted,
                      font_size=theme.SCENE_FONT)
        heading.move_to([0, top_y + 0.5 * side + 0.4, 0])
        boxes = [example_box(i + 1, side, th.foreground).move_to(at(i, top_y))
                 for i in range(plan.n)]
        self.play(FadeIn(heading), *(FadeIn(box) for box in boxes), run_time=1.5)
        self.wait(0.5)

        # 2. The shuffle: each example flies to its place in one random permutation
        self.next_section("shuffle", "First the examples are shuffled: each one flies to its "
                          "place in one random permutation, which fixes the order of this epoch.")
        ghosts = VGroup(*(box.copy().set_color(th.muted) for box in boxes))  # where they were
        self.add(ghosts)
        shuffled = Tex("one random permutation", color=th.muted, font_size=theme.SCENE_FONT)
        shuffled.move_to([0, (top_y + bottom_y) / 2, 0])
        moves = [boxes[i].animate(path_arc=0.4).move_to(at(slot_k, bottom_y))
                 for slot_k, i in enumerate(plan.permutation)]  # filling the new row left to right
        self.play(FadeIn(shuffled), LaggedStart(*moves, lag_ratio=0.25, rate_func=linear),
                  run_time=3.0)
        self.order = [boxes[i] for i in plan.permutation]  # for tests: the row as it stands
        self.wait(0.5)

        # 3. The cut: ⌊n/b⌋ mini-batches of b, the remainder dropped
        self.next_section("mini-batches", "The shuffled row is cut into mini-batches of b "
                          "examples, so an epoch makes ⌊n/b⌋ updates. The n mod b examples left "
                          "over, if any, are dropped.")
        edge_y = bottom_y - side / 2 - 0.12

        def span(first: int, end: int, words: str, color: str) -> VGroup:
            """A bracket under slots first … end − 1 with its words centred below it."""
            line = bracket(at(first, edge_y) + side / 2 * LEFT,
                           at(end - 1, edge_y) + side / 2 * RIGHT, color, 0.15)
            words = Tex(words, color=color, font_size=theme.SCENE_FONT_SMALL)
            return VGroup(line, words.next_to(line, DOWN, buff=0.12))

        spans = VGroup(*(span(k * plan.batch_size, (k + 1) * plan.batch_size,
                              f"update {k + 1}" if plan.batch_size >= 4 else f"{k + 1}",
                              th.minibatch) for k in range(plan.updates)))
        # narrow batches: number only every m-th update (1, 1 + m, …) so the numbers stay apart
        room, widest = spans[0][0].width + slot - side, max(words.width for _, words in spans)
        every = next((m for m in (1, 2, 5, 10) if widest < m * room - 0.15), plan.updates)
        for k, (_, words) in enumerate(spans):
            words.set_opacity(0 if k % every else 1)
        last_name = spans[(plan.updates - 1) // every * every][1]
        rest = plan.updates * plan.batch_size  # slots rest … n − 1 hold the dropped examples
        tints = [self.order[s][0].animate.set_stroke(th.minibatch) for s in range(rest)]
        left_over = [self.order[s] for s in range(rest, plan.n)]
        dashed = VGroup(*(DashedVMobject(box[0].copy().set_stroke(th.muted), num_dashes=12)
                          for box in left_over))
        count = MathTex(
            rf"\lfloor n/b \rfloor = \lfloor {plan.n}/{plan.batch_size} \rfloor = {plan.updates}"
            rf"\text{{ update{'s' * (plan.updates != 1)} per epoch}},\quad "
            rf"n \bmod b = {len(plan.dropped)}\text{{ dropped}}", font_size=theme.SCENE_FONT)
        count.scale_to_fit_width(min(count.width, frame_w - 1.0)).move_to([0, -2.85, 0])
        extras, dropped = [], VGroup()
        if left_over:
            # the word stays inside the row, and goes a line lower if it would touch the last name
            dropped = span(rest, plan.n, "dropped", th.muted)
            words = dropped[1]
            words.shift(max(0.0, words.get_right()[0] - dropped[0].get_right()[0]) * LEFT)
            if words.get_left()[0] < last_name.get_right()[0] + 0.2:
                words.next_to(last_name, DOWN, buff=0.08).align_to(dropped[0], RIGHT)
            extras = [FadeIn(dropped), FadeIn(dashed),
                      *(box[0].animate.set_stroke(opacity=0) for box in left_over),
                      *(box[1].animate.set_color(th.muted) for box in left_over)]
        self.play(*tints, FadeIn(spans), *extras, Write(count), run_time=1.5)
        self.wait(2.0)

        # 4. One update per mini-batch, the counter reaching ⌊n/b⌋
        counter = Count(0, font_size=theme.SCENE_FONT)
        readout = VGroup(MathTex("t =", font_size=theme.SCENE_FONT), counter,
                         MathTex(rf"\text{{ of }} {plan.updates}", font_size=theme.SCENE_FONT))
        readout.arrange(RIGHT, buff=0.15).move_to(READOUT_AT)
        self.next_section("updates", "Each update moves θ by −ε times the average gradient of "
                          "one mini-batch's losses. The counter t counts the updates of this "
                          "epoch.")
        self.play(FadeIn(rule), FadeIn(readout), run_time=1.0)
        self.consumed = []  # for tests: the example numbers of each batch, in update order
        beat = self.params.update_seconds
        for k in range(plan.updates):
            self.next_section(f"update {k + 1}", f"Update {k + 1} of {plan.updates}: mini-batch "
                              f"{k + 1}'s examples make this step.")
            batch = self.order[k * plan.batch_size:(k + 1) * plan.batch_size]
            self.play(*(lift(box, th.highlight) for box in batch), run_time=0.45 * beat)
            counter.set_value(k + 1)
            readout.arrange(RIGHT, buff=0.15).move_to(READOUT_AT)  # room for another digit
            self.consumed.append([i + 1 for i in plan.batches[k]])
            self.play(*(put_back(box, th.minibatch, SHADES[k % 2]) for box in batch),
                      run_time=0.55 * beat)

        # 5. The epoch is over: the remainder waits for the next shuffle
        self.next_section("remainder", "The epoch is over: every mini-batch was used exactly "
                          "once. Examples left over, if any, made no step this epoch; the next "
                          "epoch shuffles all n again.")
        if left_over:
            self.play(dashed.animate.set_stroke(th.highlight),
                      dropped.animate.set_color(th.highlight),
                      *(box[1].animate.set_color(th.highlight) for box in left_over), run_time=1.0)
        self.counter, self.readout = counter, readout  # for tests: what the last frame reads
        self.hold(readout, dropped)
