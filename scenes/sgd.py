"""GD, SGD and mini-batch SGD racing on one linear regression, with the epoch as the common clock."""
from __future__ import annotations

import math

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UL, UP, Axes, Create, Dot, FadeIn, LaggedStart, LogBase,
                   MathTex, Star, Tex, UpdateFromAlphaFunc, ValueTracker, VGroup, linear)

from assets.catalogue import SceneAsset
from assets.params import Param, Rule
from scenes._base import LectureScene
from scenes._mobjects import contour_lines, plane_axes, point_along, screen_point
from scenes._numbers import Count
from sim.contour_levels import ring_view
from sim.optimizer_race import data_race, race_points

ORDER = ("sgd", "minibatch", "gd")  # drawing order: the noisiest path underneath
WIDTHS = {"sgd": 1.5, "minibatch": 2.5, "gd": 4.0}
RULES = {
    "gd": r"\text{GD: }\ \theta_{t+1} = \theta_t - \epsilon\,\frac{1}{n}\sum_{i=1}^{n}\nabla L_i(\theta_t)",
    "minibatch": r"\text{mini-batch: }\ \theta_{t+1} = \theta_t - \epsilon\,\frac{1}{b}"
                 r"\sum_{i\in B_t}\nabla L_i(\theta_t)",
    "sgd": r"\text{SGD: }\ \theta_{t+1} = \theta_t - \epsilon\,\nabla L_{i_t}(\theta_t)",
}


MORALS = {  # (SGD ahead after epoch 1, GD below SGD's noise floor at the end) → what the race showed
    (True, True): "noise helps early, hurts late",
    (True, False): "noise helps early",
    (False, True): "noise hurts late",
    (False, False): "noise neither helps nor hurts here",
}


def race(params, seed):
    """The race the scene draws: the same sim call, with the same defaults, as gd-sgd-minibatch."""
    return data_race("linreg", params.n, params.noise, params.lr, params.epochs, params.batch_size,
                     seed)


def loss_axes(runs, width: float, height: float, color: str) -> Axes:
    """Epochs against excess loss on a log axis, over whole decades holding every curve."""
    values = np.concatenate([r.excess for r in runs])
    low, high = math.floor(np.log10(values.min())), math.ceil(np.log10(values.max()))
    epochs = int(runs[0].epochs[-1])
    return Axes(x_range=[0, epochs, max(1, epochs // 5)], y_range=[low, high, max(1, (high - low) // 4)],
                x_length=width, y_length=height, tips=False,
                axis_config={"color": color, "stroke_width": 2, "font_size": 24},
                x_axis_config={"include_numbers": True},
                y_axis_config={"scaling": LogBase(custom_labels=True), "include_numbers": True})


class GDvsSGD(LectureScene):
    ASSET = SceneAsset(
        id="gd-vs-sgd",
        title="Gradient descent vs SGD vs mini-batch SGD",
        slide="stochastic gradient descent II-III",
        caption="With one step size and the epoch as the clock, SGD and mini-batch SGD race ahead "
                "of gradient descent, then fluctuate at a noise floor while gradient descent keeps "
                "descending.",
        alt="Left, the elliptical contour rings of a linear-regression loss; three dots leave the "
            "same start: gradient descent along a smooth curve, mini-batch SGD along a wobbly one "
            "and SGD along a jagged one that ends scribbling around the minimum. Right, the three "
            "update rules and a log-scale plot of excess loss against epochs growing live with an "
            "epoch counter.",
        params=(
            Param("lr", float, 0.2, (0.001, 0.5), "step size ε, the same for all three optimizers"),
            Param("batch_size", int, 5, (2, 100), "mini-batch size b (1 < b < n)"),
            Param("epochs", int, 50, (2, 100), "passes over the data"),
            Param("n", int, 50, (10, 200), "number of examples"),
            Param("noise", float, 0.5, (0.0, 3.0), "standard deviation of the noise on the targets y"),
            Param("seconds", float, 12.0, (2.0, 40.0), "duration of the race, in seconds"),
        ),
        rules=(Rule("batch_size", "<", "n", "b = 1 is SGD and b = n gradient descent"),),
    )
    compute = staticmethod(race)

    def construct(self):
        result = self.compute(self.params, self.seed)
        th = self.theme
        runs = {name: result.run(name) for name in ORDER}
        colours = {name: getattr(th, name) for name in ORDER}
        frame_w, frame_h = self.camera.frame_width, self.camera.frame_height
        half = frame_w / 2

        # 1. The problem: the loss of linear regression and its contour rings
        self.next_section("problem")
        title = MathTex(r"L(\theta) = \frac{1}{n}\sum_{i=1}^{n} \tfrac12\,(y_i - \theta^\top x_i)^2",
                        font_size=34).to_corner(UL, buff=0.3)
        view = ring_view(result.problem, race_points(result))
        plane = plane_axes(view.bounds, half - 0.6, frame_h - title.height - 1.0, th.muted)
        below = (title.get_bottom()[1] - frame_h / 2) / 2  # centre of the space under the title
        plane.move_to([0, below, 0]).to_edge(LEFT, buff=0.3)
        rings = contour_lines(plane, view.lines, th.level)
        minimum = Star(outer_radius=0.16, fill_color=th.foreground, fill_opacity=1,
                       stroke_color=th.background, stroke_width=2).set_z_index(3)
        minimum.move_to(screen_point(plane, result.minima[0]))
        start = Dot(screen_point(plane, result.start), radius=0.07, color=th.foreground).set_z_index(2)
        self.play(FadeIn(title), FadeIn(plane), FadeIn(rings), FadeIn(minimum), FadeIn(start),
                  run_time=1.5)

        # 2. Three update rules; per epoch they make 1, ⌊n/b⌋ and n updates
        self.next_section("rules")
        rules = VGroup()
        for name in ("gd", "minibatch", "sgd"):
            count = runs[name].updates_per_epoch
            rules.add(VGroup(MathTex(RULES[name], color=colours[name], font_size=30),
                             Tex(f"{count} update{'s' if count > 1 else ''} per epoch",
                                 color=th.muted, font_size=26)).arrange(DOWN, aligned_edge=LEFT,
                                                                       buff=0.08))
        rules.arrange(DOWN, aligned_edge=LEFT, buff=0.22)
        rules.scale_to_fit_width(min(rules.width, half - 0.5))
        rules.to_corner(UP + RIGHT, buff=0.3)
        self.play(LaggedStart(*(FadeIn(r, shift=0.2 * DOWN) for r in rules), lag_ratio=0.5),
                  run_time=2.5)

        # 3. The race: paths on the plane, loss curves on a log axis, one clock in epochs
        self.next_section("race")
        counter = VGroup(Tex("epoch", font_size=30), Count(0, font_size=30)).arrange(RIGHT, buff=0.15)
        self.epoch_counter = counter[1]
        moral = Tex(MORALS[result.noise_helps_early, result.noise_hurts_late], font_size=32,
                    color=th.foreground)
        losses = loss_axes(list(runs.values()), half - 1.4,
                           frame_h - rules.height - counter.height - moral.height - 2.4, th.muted)
        losses.next_to(rules, DOWN, buff=0.75).align_to(rules, RIGHT).shift(0.1 * LEFT)
        y_label = MathTex(r"L(\theta) - \min L", font_size=26, color=th.muted)
        y_label.next_to(losses.y_axis, UP, buff=0.1).align_to(losses.y_axis, LEFT)
        counter.next_to(losses, UP, buff=0.1).align_to(losses, RIGHT).shift(0.5 * LEFT)
        self.play(FadeIn(losses), FadeIn(y_label), FadeIn(counter), run_time=1.0)

        paths = {}
        curves = {}
        for name in ORDER:
            paths[name] = self.trace(name, plane, runs[name].iterates, colours[name])
            paths[name].set_stroke(width=WIDTHS[name])
            curves[name] = self.trace(f"{name}-loss", losses,
                                      np.column_stack([runs[name].epochs, runs[name].excess]),
                                      colours[name])
        dots = {name: Dot(paths[name].get_start(), radius=0.09, color=colours[name], stroke_width=2,
                          stroke_color=th.background).set_z_index(4) for name in ORDER}
        self.add(*dots.values())
        clock = ValueTracker(0)
        counter[1].add_updater(lambda m: m.set_value(math.floor(clock.get_value()))
                               .next_to(counter[0], RIGHT, buff=0.15))
        follow = [UpdateFromAlphaFunc(dots[name], lambda m, a, pts=runs[name].iterates:
                                      m.move_to(point_along(plane, pts, a))) for name in ORDER]
        self.play(*(Create(paths[name]) for name in ORDER), *(Create(curves[name]) for name in ORDER),
                  *follow, clock.animate.set_value(runs["gd"].epochs[-1]),
                  run_time=self.params.seconds, rate_func=linear)
        counter[1].clear_updaters()

        # 4. What the race showed (as sim judges it): noise helps early, hurts late
        self.next_section("result")
        moral.next_to(losses, DOWN, buff=0.4).align_to(losses, RIGHT)
        self.play(FadeIn(moral, shift=0.2 * UP), run_time=1.0)
        self.wait(2)
