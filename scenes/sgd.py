"""GD, SGD and mini-batch SGD racing on one linear regression, with the epoch as the common clock."""
from __future__ import annotations

import math

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UL, UP, Axes, Create, DashedLine, Dot, FadeIn, FadeOut,
                   LaggedStart, LogBase, MathTex, Star, Tex, ValueTracker, VGroup)

from assets.catalogue import SceneAsset
from assets.params import Param, Rule
from scenes._base import LectureScene
from scenes._mobjects import contour_lines, plane_axes, point_along, screen_point
from scenes._numbers import Count
from sim.contour_levels import ring_view
from sim.optimizer_race import data_race, race_points
from sim.optimizer_race import standings as race_standings
from theme import SCENE_FONT, SCENE_FONT_SMALL, SCENE_FONT_TITLE

ORDER = ("sgd", "minibatch", "gd")  # drawing order: the noisiest path underneath
WIDTHS = {"sgd": 1.5, "minibatch": 2.5, "gd": 4.0}
RULES = {
    "gd": r"\text{GD: }\ \theta_{t+1} = \theta_t - \epsilon\,\frac{1}{n}\sum_{i=1}^{n}"
          r"\nabla \mathcal{L}_i(\theta_t)",
    "minibatch": r"\text{mini-batch: }\ \theta_{t+1} = \theta_t - \epsilon\,\frac{1}{b}"
                 r"\sum_{i\in B_t}\nabla \mathcal{L}_i(\theta_t)",
    "sgd": r"\text{SGD: }\ \theta_{t+1} = \theta_t - \epsilon\,\nabla \mathcal{L}_{i_t}(\theta_t)",
}


NAMES = {"gd": "GD", "sgd": "SGD", "minibatch": "mini-batch"}


def verdict(standings) -> list[tuple[str, str]]:
    """What the race's curves showed, as sim read them off: (sentence, meaning of its colour)."""
    leaders = [NAMES[s.name] for s in standings if s.ahead_after_one_epoch]
    trailers = [NAMES[s.name] for s in standings if not s.ahead_after_one_epoch]
    lines = [(f"epoch 1: {' and '.join(leaders)} ahead of GD" if leaders
              else f"epoch 1: GD ahead of {' and '.join(trailers)}", "foreground")]
    for s in standings:
        name = f"{NAMES[s.name]}'s noise floor"
        lines.append((f"GD below {name} from epoch {s.gd_below_from}" if s.gd_below_from is not None
                      else f"GD ends above {name}", s.name))
    return lines


def log_clock(first: float, last: float):
    """A rate function that moves the epoch from ``first`` to ``last`` with time following
    log(1 + epoch): the first epochs, where the race is decided, get as long as the last tens."""
    return lambda t: ((1 + first) * ((1 + last) / (1 + first)) ** t - 1 - first) / (last - first)


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
                axis_config={"color": color, "stroke_width": 2, "font_size": SCENE_FONT_SMALL},
                x_axis_config={"include_numbers": True},
                y_axis_config={"scaling": LogBase(custom_labels=True), "include_numbers": True})


class GDvsSGD(LectureScene):
    ASSET = SceneAsset(
        id="gd-vs-sgd",
        title="Gradient descent vs SGD vs mini-batch SGD",
        slide="stochastic gradient descent II-III",
        caption="With one step size and the epoch as the clock (time following log(1 + epoch)), "
                "SGD and mini-batch SGD lead gradient descent after one epoch, then fluctuate at "
                "a noise floor; the closing lines say, read off the curves, whether gradient "
                "descent gets below each floor (at the defaults: SGD's from epoch 36, not "
                "mini-batch's).",
        alt="Left, the elliptical contour rings of a linear-regression loss; three dots leave the "
            "same start: gradient descent along a smooth curve, mini-batch SGD along a wobbly one "
            "and SGD along a jagged one that ends scribbling around the minimum. Right, the three "
            "update rules and a log-scale plot of excess loss against epochs growing live with an "
            "epoch counter, slowly through the first epochs. At the end each noisy method's noise "
            "floor is drawn dashed over the last fifth of the epochs, and three lines say who led "
            "after one epoch and whether gradient descent ends below each floor.",
        params=(
            Param("lr", float, 0.2, (0.001, 0.5),
                  "step size ε, the same for all three optimizers", symbol="ε"),
            Param("batch_size", int, 5, (2, 100), "mini-batch size b (1 < b < n)", symbol="b"),
            Param("epochs", int, 50, (2, 100), "passes over the data"),
            Param("n", int, 50, (10, 200), "number of examples"),
            Param("noise", float, 0.5, (0.0, 3.0), "standard deviation of the noise on the targets y"),
            Param("seconds", float, 16.0, (2.0, 40.0),
                  "duration of the race, in seconds (time follows log(1 + epoch))"),
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
        epochs = int(runs["gd"].epochs[-1])

        # 1. The problem: the loss of linear regression and its contour rings
        self.next_section("problem", "The loss 𝓛(θ) of a linear regression: its contour rings "
                          "around the minimum, the star. All three optimizers start from the same "
                          "point.")
        title = MathTex(r"\mathcal{L}(\theta) = \frac{1}{n}\sum_{i=1}^{n}"
                        r"\tfrac12\,(y_i - \theta^\top x_i)^2",
                        font_size=SCENE_FONT_TITLE).to_corner(UL, buff=0.3)
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
                  run_time=1.5)  # the opening picture (LectureScene: applied, not recorded)
        self.wait(1.0)

        # 2. Three update rules; per epoch they make 1, ⌊n/b⌋ and n updates
        self.next_section("rules", "Three update rules with one step size ε: GD averages the "
                          "gradients of all n examples, mini-batch SGD those of one mini-batch of "
                          "b, SGD takes one example's. Per epoch: 1, ⌊n/b⌋ and n updates.")
        rules = VGroup()
        for name in ("gd", "minibatch", "sgd"):
            count = runs[name].updates_per_epoch
            rule = MathTex(RULES[name], color=colours[name], font_size=SCENE_FONT)
            rule.scale(min(1.0, (half - 0.5) / rule.width))
            rules.add(VGroup(rule, Tex(f"{count} update{'s' if count > 1 else ''} per epoch",
                                       color=th.muted, font_size=SCENE_FONT_SMALL))
                      .arrange(DOWN, aligned_edge=LEFT, buff=0.08))
        rules.arrange(DOWN, aligned_edge=LEFT, buff=0.22).to_corner(UP + RIGHT, buff=0.3)
        self.play(LaggedStart(*(FadeIn(r, shift=0.2 * DOWN) for r in rules), lag_ratio=0.5),
                  run_time=2.5)
        self.wait(1.0)  # the rules stay, unchanged, through the race

        # 3. The race: paths on the plane, loss curves on a log axis, one clock in epochs; time
        # follows log(1 + epoch), with a halt after the first epoch, where the race is decided
        self.next_section("race", "The race, with the epoch as the common clock: paths on the "
                          "left, excess loss on a log axis on the right. Time follows log(1 + "
                          "epoch), with a halt after the first epoch.")
        counter = VGroup(Tex("epoch", font_size=SCENE_FONT), Count(0, font_size=SCENE_FONT))
        counter.arrange(RIGHT, buff=0.15)
        self.epoch_counter = counter[1]
        losses = loss_axes(list(runs.values()), half - 1.4,
                           frame_h - rules.height - counter.height - 1.9, th.muted)
        losses.next_to(rules, DOWN, buff=0.75).align_to(rules, RIGHT).shift(0.1 * LEFT)
        y_label = MathTex(r"\mathcal{L}(\theta) - \min \mathcal{L}", font_size=SCENE_FONT_SMALL,
                          color=th.muted)
        y_label.next_to(losses.y_axis, UP, buff=0.1).align_to(losses.y_axis, LEFT)
        counter.next_to(losses, UP, buff=0.1).align_to(losses, RIGHT).shift(0.5 * LEFT)
        self.play(FadeIn(losses), FadeIn(y_label), FadeIn(counter), run_time=1.0)

        sources = {}
        for name in ORDER:
            sources[name] = self.trace(name, plane, runs[name].iterates, colours[name])
            sources[name].set_stroke(width=WIDTHS[name])
            sources[f"{name}-loss"] = self.trace(
                f"{name}-loss", losses, np.column_stack([runs[name].epochs, runs[name].excess]),
                colours[name])
        clock = ValueTracker(0.0)  # epochs made, fractional within an epoch
        drawn = [source.copy() for source in sources.values()]
        for mobject, source in zip(drawn, sources.values()):
            mobject.add_updater(lambda m, s=source: m.pointwise_become_partial(
                s, 0.0, clock.get_value() / epochs))
        dots = {name: Dot(point_along(plane, runs[name].iterates, 0.0), radius=0.09,
                          color=colours[name], stroke_width=2, stroke_color=th.background)
                .set_z_index(4) for name in ORDER}
        for name, dot in dots.items():
            dot.add_updater(lambda m, pts=runs[name].iterates:
                            m.move_to(point_along(plane, pts, clock.get_value() / epochs)))
        counter[1].add_updater(lambda m: m.set_value(math.floor(clock.get_value() + 1e-9))
                               .next_to(counter[0], RIGHT, buff=0.15))
        self.add(*drawn, *dots.values())
        scale = self.params.seconds / math.log(1 + epochs)
        self.play(clock.animate.set_value(1.0), rate_func=log_clock(0.0, 1.0),
                  run_time=scale * math.log(2))
        self.wait(1.5)
        self.play(clock.animate.set_value(epochs), rate_func=log_clock(1.0, epochs),
                  run_time=scale * math.log((1 + epochs) / 2))
        for mobject in (*drawn, *dots.values(), counter[1]):
            mobject.clear_updaters()

        # 4. What the race showed, as sim reads it off the curves: who led after one epoch, and
        # where gradient descent passed each noise floor (dashed; the median of the last fifth)
        self.next_section("result", "Each noisy method's noise floor is dashed. The lines say, as "
                          "read off the curves, who led after one epoch and whether GD gets below "
                          "each floor.")
        standings = race_standings(result)
        floors = VGroup(*(DashedLine(losses.coords_to_point(np.array([[0, s.floor]])),
                                     losses.coords_to_point(np.array([[epochs, s.floor]])),
                                     color=colours[s.name], stroke_width=3, dash_length=0.15)
                          for s in standings))
        self.floors = {s.name: s.floor for s in standings}
        passes = VGroup(*(Dot(losses.coords_to_point(np.array([[s.gd_below_from,
                                                                runs["gd"].excess[s.gd_below_from]]])),
                              radius=0.08, color=colours[s.name], stroke_width=2,
                              stroke_color=th.background).set_z_index(5)
                          for s in standings if s.gd_below_from is not None))
        lines = VGroup(*(Tex(text, font_size=SCENE_FONT, color=getattr(th, meaning))
                         for text, meaning in verdict(standings)))
        lines.arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        lines.scale(min(1.0, (half - 0.5) / lines.width)).to_corner(UP + RIGHT, buff=0.3)
        self.play(FadeOut(rules), Create(floors), FadeIn(passes), run_time=1.0)
        for line in lines:
            self.play(FadeIn(line, shift=0.2 * UP), run_time=0.6)
            self.wait(2.0)
        self.hold(max(lines, key=lambda line: line.width))  # the last, as long as the longest needs
