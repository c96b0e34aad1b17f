"""Gradient descent stalling at a saddle while the noise of SGD escapes it."""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UL, UP, UR, Axes, Create, DashedLine, Dot, FadeIn, FadeOut,
                   LaggedStart, MathTex, Star, Tex, UpdateFromAlphaFunc, ValueTracker, VGroup,
                   linear)

from assets.catalogue import SceneAsset
from assets.params import Param
from scenes._base import LectureScene
from scenes._mobjects import contour_lines, plane_axes, point_along, screen_point
from scenes._numbers import Readout
from sim.levels import default_levels, level_lines
from sim.saddle_escape import saddle_escape
from theme import SCENE_FONT, SCENE_FONT_SMALL, SCENE_FONT_TITLE

def where(name: str, ending, leaves_at: int | None) -> str:
    """Where a run ended, as sim classifies it; for gradient descent near the saddle, also whether
    and when it leaves (sim follows it on): its gradient there is small but growing."""
    who = "GD" if name == "gd" else "SGD"
    if ending.kind == "minimum":
        return f"{who}: escaped to a minimum"
    if name == "sgd":
        return f"{who}: near the {ending.kind}"
    if leaves_at is None:
        return f"{who}: stuck at the saddle"
    return f"{who}: near the saddle until step {leaves_at}"


def escape(params, seed):
    """The two runs the scene draws, straight from sim."""
    return saddle_escape(params.offset, params.lr, params.steps, params.noise, seed)


def loss_axes(values: np.ndarray, steps: int, width: float, height: float, color: str) -> Axes:
    """Steps against f(θ_t) − min f ≥ 0, up to the whole half unit above every value."""
    return Axes(x_range=[0, steps, max(1, steps // 4)], y_range=[0, np.ceil(2 * values.max()) / 2, 0.5],
                x_length=width, y_length=height, tips=False,
                axis_config={"color": color, "stroke_width": 2, "font_size": SCENE_FONT_SMALL,
                             "include_numbers": True})


class SaddleEscape(LectureScene):
    ASSET = SceneAsset(
        id="saddle-escape",
        title="SGD's noise escapes a saddle where gradient descent stalls",
        slide="stochastic gradient descent III",
        caption="Started close to a saddle's stable direction, gradient descent slides into the "
                "saddle and lingers there, where the gradient nearly vanishes, leaving only as its "
                "tiny offset grows by (1 + ε) a step; the noise of SGD knocks it off the stable "
                "direction at once and it falls into a minimum.",
        alt="Contour lines of a surface with a saddle in the middle and minima above and below it. "
            "Two dots leave the same point on the left, just off the horizontal axis: gradient "
            "descent runs straight into the saddle and crawls there; noisy SGD wobbles away from the "
            "axis and drops into a minimum. Beside it, the loss of both against steps: gradient "
            "descent's flattens at the saddle's value, SGD's falls to the minimum's. A readout of "
            "gradient descent's gradient norm falls, then starts to grow again; the end label says "
            "at which step gradient descent, followed on, leaves the saddle.",
        params=(
            Param("offset", float, 1e-4, (0.0, 0.5),
                  "distance of the start from the saddle's stable direction θ2 = 0"),
            Param("lr", float, 0.1, (0.01, 0.4), "step size ε", symbol="ε"),
            Param("noise", float, 0.8, (0.0, 5.0), "standard deviation σ of SGD's gradient noise"),
            Param("steps", int, 60, (10, 400), "number of updates"),
            Param("seconds", float, 10.0, (2.0, 40.0), "duration of the race, in seconds"),
        ),
    )
    compute = staticmethod(escape)

    def construct(self):
        result = self.compute(self.params, self.seed)
        th = self.theme
        problem = result.problem
        frame_w, frame_h = self.camera.frame_width, self.camera.frame_height
        half = frame_w / 2
        runs = {"gd": result.gd, "sgd": result.sgd}
        colours = {"gd": th.gd, "sgd": th.sgd}

        # 1. The landscape: a saddle between two minima
        self.next_section("landscape", "This surface f has a saddle in the middle, marked ×, and "
                          "two minima, the stars above and below it.")
        title = MathTex(r"f(\theta) = \tfrac12\,(\theta_1^2 - \theta_2^2) + \tfrac14\,\theta_2^4",
                        font_size=SCENE_FONT_TITLE).to_corner(UL, buff=0.3)
        plane = plane_axes(problem.bounds, half - 0.6, frame_h - title.height - 1.0, th.muted)
        below = (title.get_bottom()[1] - frame_h / 2) / 2
        plane.move_to([0, below, 0]).to_edge(LEFT, buff=0.3)
        lines = contour_lines(plane, level_lines(problem, default_levels(problem)), th.level)
        marks = VGroup(*(Star(outer_radius=0.14, fill_color=th.foreground, fill_opacity=1,
                              stroke_color=th.background, stroke_width=2)
                         .move_to(screen_point(plane, m)) for m in result.minima))
        saddle = MathTex(r"\times", color=th.foreground, font_size=44)
        saddle.move_to(screen_point(plane, result.saddle))
        saddle_label = Tex("saddle", font_size=SCENE_FONT, color=th.foreground)
        saddle_label.next_to(saddle, UR, buff=0.05)
        self.play(FadeIn(title), FadeIn(plane), FadeIn(lines), FadeIn(marks), FadeIn(saddle),
                  FadeIn(saddle_label), run_time=1.5)  # the opening picture (applied, not recorded)
        self.wait(1.0)

        # 2. One start, just off the stable direction; two update rules
        self.next_section("start", "Both runs leave the same point, near the saddle's stable "
                          "direction θ2 = 0, dashed. GD steps along −ε∇f; SGD adds Gaussian noise "
                          "ξ of standard deviation σ to the gradient.")
        stable = DashedLine(screen_point(plane, (problem.bounds[0][0], 0.0)),
                            screen_point(plane, result.saddle), color=th.muted, stroke_width=2)
        stable_label = Tex("stable direction", font_size=SCENE_FONT_SMALL, color=th.muted)
        stable_label.next_to(stable, UP, buff=0.12).align_to(stable, LEFT).shift(0.4 * RIGHT)
        start = Dot(screen_point(plane, result.start), radius=0.08, color=th.foreground).set_z_index(3)
        rules = VGroup(
            MathTex(r"\text{GD: }\ \theta_{t+1} = \theta_t - \epsilon\,\nabla f(\theta_t)",
                    color=th.gd, font_size=SCENE_FONT),
            MathTex(r"\text{SGD: }\ \theta_{t+1} = \theta_t - \epsilon\,"
                    r"\big(\nabla f(\theta_t) + \xi_t\big)", color=th.sgd, font_size=SCENE_FONT),
            MathTex(rf"\xi_t \sim \mathcal{{N}}(0, \sigma^2 I),\ \ \sigma = {self.params.noise:g}",
                    color=th.muted, font_size=SCENE_FONT_SMALL),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        rules.to_corner(UP + RIGHT, buff=0.3)
        self.play(Create(stable), FadeIn(stable_label), FadeIn(start),
                  LaggedStart(*(FadeIn(r, shift=0.2 * DOWN) for r in rules), lag_ratio=0.4),
                  run_time=2.0)

        # 3. The race: paths on the plane, f(θ_t) beside it, GD's gradient norm read out
        self.next_section("race", "Watch both paths, and f(θ) − min f against the steps on "
                          "the right. Near the saddle the gradient, and so GD's step, is small: "
                          "the readout shows GD's ‖∇f(θ)‖.")
        readouts = VGroup(
            Readout("t =", places=0, font_size=SCENE_FONT),
            Readout(r"\text{GD: }\|\nabla f(\theta_t)\| =", places=4, font_size=SCENE_FONT,
                    color=th.gd)
            .set_value(result.gd_grad_norms[0]),
        ).arrange(RIGHT, buff=0.6)
        if readouts.width > half - 0.5:  # 4:3: one above the other, at full size
            readouts.arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        self.step_counter, self.gd_gradient = readouts[0].number, readouts[1].number
        excess = {"gd": result.gd_excess, "sgd": result.sgd_excess}
        losses = loss_axes(np.concatenate(list(excess.values())), self.params.steps, half - 1.3,
                           frame_h - rules.height - readouts.height - 2.3, th.muted)
        losses.next_to(rules, DOWN, buff=0.6).align_to(rules, RIGHT).shift(0.1 * LEFT)
        readouts.next_to(losses, DOWN, buff=0.35).align_to(rules, RIGHT)
        y_label = MathTex(r"f(\theta_t) - \min f", font_size=SCENE_FONT_SMALL, color=th.muted)
        y_label.next_to(losses.y_axis, UP, buff=0.1).align_to(losses.y_axis, LEFT)
        saddle_level = DashedLine(losses.c2p(0, result.saddle_excess),
                                  losses.c2p(self.params.steps, result.saddle_excess),
                                  color=th.muted, stroke_width=1.5)
        saddle_level.add(Tex("saddle", font_size=SCENE_FONT_SMALL, color=th.muted)
                         .next_to(saddle_level, UP, buff=0.05).align_to(saddle_level, RIGHT))
        self.play(FadeIn(losses), FadeIn(y_label), FadeIn(saddle_level), FadeIn(readouts),
                  run_time=1.0)

        paths = {name: self.trace(name, plane, runs[name].iterates, colours[name]) for name in runs}
        curves = {name: self.trace(f"{name}-loss", losses,
                                   np.column_stack([np.arange(runs[name].steps + 1), excess[name]]),
                                   colours[name]) for name in runs}
        dots = {name: Dot(paths[name].get_start(), radius=0.09, color=colours[name], stroke_width=2,
                          stroke_color=th.background).set_z_index(4) for name in runs}
        self.add(*dots.values())
        clock = ValueTracker(0)

        def step(_m):
            k = int(round(clock.get_value()))
            self.step_counter.set_value(k)
            self.gd_gradient.set_value(result.gd_grad_norms[k])

        readouts.add_updater(step)
        follow = [UpdateFromAlphaFunc(dots[name], lambda m, a, pts=runs[name].iterates:
                                      m.move_to(point_along(plane, pts, a))) for name in runs]
        self.play(*(Create(p) for p in paths.values()), *(Create(c) for c in curves.values()),
                  *follow, clock.animate.set_value(self.params.steps),
                  run_time=self.params.seconds, rate_func=linear)
        readouts.remove_updater(step)

        # 4. Where each one ended, as sim classifies it
        self.next_section("result", "The labels say where each run ended, as the simulation "
                          "classifies it: at a minimum or near the saddle.")
        labels = VGroup()
        sgd_side = UP if result.sgd.iterates[-1][1] > result.saddle[1] else DOWN
        for name, ending, side in (("gd", result.gd_end, -sgd_side), ("sgd", result.sgd_end, sgd_side)):
            label = Tex(where(name, ending, result.gd_leaves_at), font_size=SCENE_FONT,
                        color=colours[name])
            label.scale(max(SCENE_FONT_SMALL / SCENE_FONT, min(1.0, (plane.width - 0.2) / label.width)))
            label.add_background_rectangle(color=th.background, opacity=0.85, buff=0.06)
            label.next_to(dots[name], side, buff=0.25)
            label.shift((np.clip(label.get_x(), plane.get_left()[0] + label.width / 2,
                                 plane.get_right()[0] - label.width / 2) - label.get_x()) * RIGHT)
            labels.add(label)
        self.play(FadeOut(saddle_label), FadeOut(stable_label),
                  LaggedStart(*(FadeIn(label) for label in labels), lag_ratio=0.5), run_time=1.5)
        self.hold(*labels)
