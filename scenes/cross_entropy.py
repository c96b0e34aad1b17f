"""Cross-entropy for multiclass: gradient descent on one example's logits, as three bar charts."""
from __future__ import annotations

import numpy as np
from manim import (DOWN, RIGHT, UP, Arrow, Axes, Create, DashedVMobject, FadeIn, GrowFromPoint,
                   MathTex, Polygon, Tex, UpdateFromFunc, ValueTracker, VGroup, Write, linear)

import theme
from assets.catalogue import SceneAsset
from assets.params import Param
from scenes._base import LectureScene, seedless
from scenes._numbers import Count, Number
from sim.logit_descent import LogitStates, logit_descent

BAR = 0.6  # bar width, in class units
PANEL_GAP = 0.8  # between two bar charts, screen units


def descent(params) -> LogitStates:
    """The states the scene plays, straight from sim: z_0 = (z1 … z4), then T gradient steps."""
    return logit_descent([params.z1, params.z2, params.z3, params.z4], params.label - 1,
                         params.lr, params.steps)


def at(values: np.ndarray, t: float) -> np.ndarray:
    """Step t of a per-step array, linear between drawn steps (exact at whole t)."""
    k = min(int(t), len(values) - 2)
    return values[k] + (t - k) * (values[k + 1] - values[k])


def bar_corners(axes: Axes, k: int, value: float) -> list[np.ndarray]:
    """Corners of class k's bar (k from 1) from 0 to ``value``; the third is (k + w/2, value)."""
    left, right = k - BAR / 2, k + BAR / 2
    return [axes.c2p(left, 0), axes.c2p(right, 0), axes.c2p(right, value), axes.c2p(left, value)]


class CrossEntropyBars(LectureScene):
    ASSET = SceneAsset(
        id="cross-entropy-bars",
        title="Gradient descent on the logits under cross-entropy",
        slide="cross-entropy loss for multiclass classification and its gradient",
        caption="Each step z ← z − ε(softmax(z) − onehot(y)) pulls the true logit up and pushes "
                "the others down, until softmax(z) nearly matches the one-hot target; the "
                "gradient's entries always sum to 0.",
        alt="Three bar charts side by side for four classes: the logits, their softmax "
            "probabilities with the one-hot target outlined, and the gradient. As gradient steps "
            "play, the true class's logit and probability rise, the others fall, and the "
            "gradient bars shrink toward zero while a readout of their sum stays at 0.000.",
        params=(
            Param("z1", float, 2.0, (-6.0, 6.0), "starting logit z_1"),
            Param("z2", float, 1.0, (-6.0, 6.0), "starting logit z_2"),
            Param("z3", float, 0.5, (-6.0, 6.0), "starting logit z_3"),
            Param("z4", float, -1.0, (-6.0, 6.0), "starting logit z_4"),
            Param("label", int, 2, (1, 4), "the true class y"),
            Param("lr", float, 1.0, (0.05, 2.0),
                  "step size ε (ε ≤ 2 never raises the loss)", symbol="ε"),
            Param("steps", int, 20, (1, 100), "number of gradient steps"),
            Param("slow", int, 3, (0, 10), "first steps shown one at a time"),
            Param("seconds", float, 8.0, (2.0, 40.0), "duration of the remaining steps, seconds"),
        ),
    )
    compute = seedless(descent)

    def construct(self):
        states = self.compute(self.params, self.seed)
        th = self.theme
        y, classes = states.label, states.logits.shape[1]
        colours = th.logit_colours(y, classes)
        frame_w = self.camera.frame_width
        final = len(states.losses) - 1

        # 1. The loss and the three charts at the start: logits, softmax, the one-hot target
        self.next_section("setup", "Left, the logits z; middle, softmax(z), with the one-hot "
                          "target of the true class y dashed. The loss 𝓛 = −log softmax(z)_y is "
                          "small only when class y gets probability near 1.")
        title, size = theme.SCENE_FONT_TITLE, theme.SCENE_FONT
        formulas = MathTex(r"\mathcal{L} = -\log\,\mathrm{softmax}(z)_y", r",\qquad",
                           r"\nabla_z \mathcal{L} = \mathrm{softmax}(z) - \mathrm{onehot}(y)",
                           font_size=title)
        formulas.to_edge(UP, buff=0.35)
        step = Count(0, font_size=size)
        loss = Number(states.losses[0], num_decimal_places=3, font_size=size)
        total = Number(states.gradient_sums[0], num_decimal_places=3, font_size=size)
        self.readouts = {"t": step, "L": loss, "sum": total}  # for tests: the last frame's
        readout = VGroup(MathTex(r"z \leftarrow z - \epsilon\,\nabla_z \mathcal{L}",
                                 font_size=size),
                         VGroup(MathTex("t =", font_size=size), step).arrange(RIGHT, buff=0.2),
                         VGroup(MathTex(r"\mathcal{L} =", font_size=size), loss)
                         .arrange(RIGHT, buff=0.2))
        readout.arrange(RIGHT, buff=1.0).to_edge(DOWN, buff=0.3)
        verdict = VGroup(Tex(r"true class: pulled up", color=th.positive, font_size=size),
                         Tex(r"others: pushed down", color=th.negative, font_size=size))
        verdict.arrange(RIGHT, buff=1.0).next_to(readout, UP, buff=0.3)

        low = np.floor(min(states.logits.min(), 0.0) - 0.5)
        high = np.ceil(states.logits.max() + 0.5)
        # three panels across the frame, each beside its tick labels; as tall as leaves room for the
        # titles above and the class names and notes below
        slot = (frame_w - 1.0 - 2 * PANEL_GAP) / 3 - 0.6
        tall = formulas.get_bottom()[1] - verdict.get_top()[1] - 2.6
        panels = {name: self.panel(y_range, slot, tall, th) for name, y_range in (
            ("logits", (low, high)), ("softmax", (0.0, 1.0)), ("gradient", (-1.0, 1.0)))}
        row = VGroup(*panels.values()).arrange(RIGHT, buff=PANEL_GAP)
        titles = VGroup(*(MathTex(text, font_size=size).next_to(axes, UP, buff=0.25)
                          for text, axes in zip((r"\text{logits } z", r"\mathrm{softmax}(z)",
                                                 r"\nabla_z \mathcal{L}"), row)))
        names = VGroup(*(
            MathTex(rf"y{{=}}{k}" if k - 1 == y else f"{k}", font_size=size)
            .next_to(axes.c2p(k, axes.y_range[0]), DOWN, buff=0.2)
            for axes in row for k in range(1, classes + 1)))
        self.legend = MathTex(r"\text{arrows: } -\epsilon\,\nabla_z \mathcal{L}", color=th.update,
                              font_size=size)
        sum_row = VGroup(MathTex(r"\textstyle\sum_k \partial \mathcal{L} / \partial z_k =",
                                 font_size=size), total).arrange(RIGHT, buff=0.15)
        notes = VGroup(self.legend,
                       MathTex(r"\text{dashed: } \mathrm{onehot}(y)", color=th.muted,
                               font_size=size),
                       sum_row)
        for note, axes in zip(notes, row):
            note.next_to(names, DOWN, buff=0.3).set_x(axes.get_x())
        board = VGroup(row, titles, names, notes)
        board.move_to([0.0, (formulas.get_bottom()[1] + verdict.get_top()[1]) / 2, 0.0])

        target = DashedVMobject(Polygon(*bar_corners(panels["softmax"], y + 1, 1.0),
                                        color=th.foreground, stroke_width=3), num_dashes=30)
        self.bars = {name: (axes, VGroup(*(Polygon(*bar_corners(axes, k + 1, 0.0),
                                                   color=colours[k], fill_opacity=0.9,
                                                   stroke_width=0) for k in range(classes))))
                     for name, axes in panels.items()}
        values = {"logits": states.logits, "softmax": states.probabilities,
                  "gradient": states.gradients}
        self.show(values, 0.0)
        self.play(FadeIn(formulas[0]), FadeIn(row[:2]), FadeIn(titles[:2]),
                  FadeIn(names[:2 * classes]), *self.grow("logits"), *self.grow("softmax"),
                  Create(target), FadeIn(notes[1]), run_time=1.5)
        self.hold(formulas[0])

        # 2. The gradient: softmax minus the target, one bar per class, summing to zero
        self.next_section("gradient", "The gradient with respect to the logits is softmax(z) − "
                          "onehot(y): negative only for the true class, and its entries sum to 0. "
                          "The arrows show each logit's next change, −ε times its entry.")
        self.play(Write(formulas[1:]), FadeIn(row[2]), FadeIn(titles[2]),
                  FadeIn(names[2 * classes:]), *self.grow("gradient"), run_time=1.5)
        self.arrows = arrows = VGroup(*(Arrow(color=th.update) for _ in range(classes)))
        self.point_steps(arrows, states, 0.0)
        self.play(FadeIn(notes[2]), FadeIn(arrows), FadeIn(notes[0]), run_time=1.0)
        self.hold(notes)

        # 3. The first steps one at a time: each bar moves to its arrow's tip
        slow = min(self.params.slow, final)
        self.next_section("first steps", (
            "Each step z ← z − ε ∇_z 𝓛 moves every logit bar to its arrow's tip: the true logit "
            "up, the others down. Watch t count the steps and 𝓛 fall." if slow else
            "The update z ← z − ε ∇_z 𝓛, with the step count t and the loss 𝓛 read out below."))
        clock = ValueTracker(0.0)
        self.play(FadeIn(readout), run_time=0.5)

        def follow(_):
            t = clock.get_value()
            self.show(values, t)
            self.point_steps(arrows, states, t)
            step.set_value(int(t))
            loss.set_value(at(states.losses, t))
            total.set_value(at(states.gradient_sums, t))

        moving = VGroup(*(bars for _, bars in self.bars.values()), arrows, self.legend, step, loss,
                        total)
        for t in range(1, slow + 1):
            self.play(clock.animate.set_value(t), UpdateFromFunc(moving, follow), run_time=1.0)
            self.wait(0.5)

        # 4. The remaining steps: the true logit pulled up, the others pushed down, ∇L fading
        if final > slow:
            self.next_section("descent", "The remaining steps, quickly: class y's probability "
                              "climbs toward 1, the other bars shrink, and the gradient bars fade "
                              "toward 0.")
            self.play(clock.animate.set_value(final), UpdateFromFunc(moving, follow),
                      run_time=self.params.seconds, rate_func=linear)

        # 5. Where it ended: softmax close to the target
        self.next_section("result", "Where the steps ended: softmax(z) closer to the one-hot "
                          "target than at the start. Gradient descent on 𝓛 pulled the true logit "
                          "up and pushed the others down.")
        self.show(values, final)
        self.point_steps(arrows, states, final)
        step.set_value(final)
        loss.set_value(states.losses[final])
        total.set_value(states.gradient_sums[final])
        self.play(FadeIn(verdict), run_time=0.8)
        self.hold(verdict, readout)


    @staticmethod
    def panel(y_range, width: float, height: float, th) -> Axes:
        """Axes for one bar chart: four class slots across ``width``, ``y_range`` up ``height``,
        numbered ticks with 0."""
        lo, hi = y_range
        tick = 0.5 if hi - lo <= 2.0 else 1.0
        axes = Axes(x_range=[0.4, 4.6, 1], y_range=[lo, hi, tick], x_length=width, y_length=height,
                    tips=False, axis_config={"color": th.muted, "stroke_width": 2},
                    x_axis_config={"include_ticks": False},
                    y_axis_config={"font_size": theme.SCENE_FONT_SMALL, "decimal_number_config": {
                        "num_decimal_places": 1 if tick < 1 else 0, "color": th.foreground}})
        axes.y_axis.add_numbers(x_values=np.arange(lo, hi + tick / 2, tick), excluding=[])
        return axes

    def grow(self, name: str) -> list:
        """Each bar of one chart growing out of its zero line."""
        axes, bars = self.bars[name]
        return [GrowFromPoint(bar, axes.c2p(k + 1, 0)) for k, bar in enumerate(bars)]

    def show(self, values: dict, t: float) -> None:
        """Every bar at step t of its sim array."""
        for name, (axes, bars) in self.bars.items():
            for k, (bar, value) in enumerate(zip(bars, at(values[name], t))):
                corners = bar_corners(axes, k + 1, value)
                bar.set_points_as_corners([*corners, corners[0]])

    def point_steps(self, arrows: VGroup, states: LogitStates, t: float) -> None:
        """Beside each logit bar, from its top, its next change −ε ∂𝓛/∂z_k as an arrow, to scale;
        the arrows' legend is shown exactly while one of them is."""
        axes = self.bars["logits"][0]
        z, change = at(states.logits, t), -self.params.lr * at(states.gradients, t)
        for k, arrow in enumerate(arrows):
            x = k + 1 + BAR / 2 + 0.12
            start, end = axes.c2p(x, z[k]), axes.c2p(x, z[k] + change[k])
            visible = np.linalg.norm(end - start) > 0.05
            arrow.become(Arrow(start, end if visible else start + 0.05 * UP, buff=0,
                               color=self.theme.update, stroke_width=7,
                               max_tip_length_to_length_ratio=0.45))
            arrow.set_opacity(1.0 if visible else 0.0)
        self.legend.set_opacity(max(arrow.get_stroke_opacity() for arrow in arrows))
