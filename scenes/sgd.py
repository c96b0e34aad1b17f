"""Stochastic gradient descent: full-gradient and noisy-gradient paths on one contour plot."""
from __future__ import annotations

from manim import (DOWN, LEFT, RIGHT, UP, Create, Dot, FadeIn, Integer, MathTex, VGroup,
                   UpdateFromAlphaFunc, ValueTracker, linear)

from assets.catalogue import SceneAsset
from assets.params import Param
from scenes._base import LectureScene
from scenes._mobjects import contour_lines, plane_axes, position_at
from sim.levels import default_levels, level_lines
from sim.optimizers import gradient_descent, noisy_gradient_descent
from sim.problems import SURFACES


def trajectories(params, seed):
    """The two paths the scene draws, straight from sim: (problem, GD, noisy GD)."""
    problem = SURFACES[params.surface]()
    start = (params.start_x, params.start_y)
    gd = gradient_descent(problem, start, params.lr, params.steps)
    sgd = noisy_gradient_descent(problem, start, params.lr, params.steps, params.noise, seed)
    return problem, gd, sgd


class GDvsSGD(LectureScene):
    ASSET = SceneAsset(
        id="gd-vs-sgd",
        title="Gradient descent vs stochastic gradient descent",
        slide="stochastic gradient descent II-III",
        caption="Gradient descent follows the exact gradient; SGD follows a noisy estimate of it "
                "and wanders around the same path.",
        alt="Contour plot of a loss surface. A smooth path of gradient descent and a jagged path "
            "of noisy-gradient descent start at the same point and move toward the minimum, "
            "each traced by a moving dot.",
        params=(
            Param("surface", str, "quadratic", help="the loss surface",
                  choices=("quadratic", "double-well")),
            Param("lr", float, 0.15, (0.001, 0.5), "learning rate ε"),
            Param("noise", float, 0.6, (0.0, 10.0), "standard deviation σ of the gradient noise"),
            Param("steps", int, 40, (5, 400), "number of updates"),
            Param("start_x", float, -1.7, (-5.0, 5.0), "θ1 of the start point"),
            Param("start_y", float, 0.9, (-5.0, 5.0), "θ2 of the start point"),
            Param("seconds", float, 8.0, (2.0, 40.0), "duration of the race, in seconds"),
        ),
    )

    def construct(self):
        problem, gd, sgd = trajectories(self.params, self.seed)
        th = self.theme

        # 1. The update rules and the landscape
        self.next_section("landscape")
        rules = VGroup(
            MathTex(r"\text{GD: }\ \theta_{t+1} = \theta_t - \epsilon\,\nabla f(\theta_t)",
                    color=th.gd),
            MathTex(r"\text{SGD: }\ \theta_{t+1} = \theta_t - \epsilon\,"
                    r"\big(\nabla f(\theta_t) + \xi_t\big)", color=th.sgd),
        ).arrange(RIGHT, buff=0.8).scale(0.75).to_edge(UP, buff=0.35)
        frame_w, frame_h = self.camera.frame_width, self.camera.frame_height
        axes = plane_axes(problem.bounds, frame_w - 1.0, frame_h - rules.height - 1.6, th.muted)
        axes.next_to(rules, DOWN, buff=0.4)
        if rules.width > frame_w - 0.6:  # 4:3: stack the two rules
            rules.arrange(DOWN, aligned_edge=LEFT, buff=0.2).to_edge(UP, buff=0.3)
            rules.scale_to_fit_width(min(rules.width, frame_w - 0.6))
            axes.scale_to_fit_height(frame_h - rules.height - 1.3).next_to(rules, DOWN, buff=0.3)
        contours = contour_lines(axes, level_lines(problem, default_levels(problem)), th.level)
        minima = VGroup(*(Dot(axes.coords_to_point(m[None, :])[0], radius=0.05, color=th.foreground)
                          for m in problem.minima()))
        self.play(FadeIn(rules), FadeIn(axes), FadeIn(contours), FadeIn(minima), run_time=1.5)

        # 2. Both optimizers leave the same start point
        self.next_section("race")
        paths = [self.trace(name, axes, t.iterates, color)
                 for name, t, color in (("gd", gd, th.gd), ("sgd", sgd, th.sgd))]
        dots = [Dot(p.get_start(), radius=0.09, color=p.get_stroke_color()) for p in paths]
        counter = VGroup(MathTex("t ="), Integer(0)).arrange(RIGHT, buff=0.15)
        counter.next_to(axes, DOWN, buff=0.15).align_to(axes, RIGHT)
        clock = ValueTracker(0)
        counter[1].add_updater(lambda m: m.set_value(round(clock.get_value())))
        self.add(counter, *dots)
        follow = [UpdateFromAlphaFunc(d, lambda m, a, t=t: m.move_to(position_at(axes, t, a)))
                  for d, t in ((dots[0], gd.iterates), (dots[1], sgd.iterates))]
        self.play(*(Create(p) for p in paths), *follow,
                  clock.animate.set_value(gd.steps),
                  run_time=self.params.seconds, rate_func=linear)

        # 3. Where they ended
        self.next_section("result")
        counter[1].clear_updaters()
        self.wait(2)
