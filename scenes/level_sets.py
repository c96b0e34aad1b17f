"""Walking along a level set: θ′(t) and ∇f stay at a right angle, so ∂t f(θ(t)) stays 0."""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Create, Dot, FadeIn, MathTex, UpdateFromAlphaFunc, VGroup,
                   Write, linear)

import theme
from assets.catalogue import SceneAsset
from assets.params import Param
from scenes._base import LectureScene, seedless
from scenes._marks import right_angle, vector
from scenes._mobjects import contour_lines, plane_axes, screen_point
from scenes._numbers import Number
from sim.gradient_geometry import level_set_walk
from sim.levels import default_levels, level_lines
from sim.problems import SURFACES

VELOCITY = 0.4  # drawn length of the unit vector θ′(t), θ units
GRADIENT = 0.6  # drawn length of the longest ∇f on the walk, θ units (one scale for all)
MARK = 0.11  # side of the right-angle mark, θ units, where both arrows are long
MARK_SHARE = 0.4  # the mark's side at most this share of the shorter arrow (∇f near a saddle)
ROOM = 1.0  # screen units around the plot for the arrows and labels that leave it


def walk_of(params):
    """What the scene draws, straight from sim: (problem, walk)."""
    problem = SURFACES[params.surface]()
    return problem, level_set_walk(problem, (params.through_x, params.through_y))


class LevelSetWalk(LectureScene):
    ASSET = SceneAsset(
        id="level-set-walk",
        title="Walking along a level set",
        slide="the geometrical meaning of the gradient",
        caption="Along a path θ(t) inside a level set, the velocity θ′(t) stays at a right angle "
                "to ∇f(θ(t)), so ∂t f(θ(t)) = ∇f(θ(t))⊤θ′(t) = 0 all the way.",
        alt="Contour lines of a two-well surface with one level set drawn bold. A point travels "
            "around it carrying two arrows, its velocity along the curve and the gradient "
            "pointing outward, joined by a right-angle mark; a readout of the derivative of f "
            "along the path stays at 0.000 and the angle between the arrows at 90 degrees.",
        params=(
            Param("surface", str, "double-well", help="the function f",
                  choices=("double-well", "quadratic", "himmelblau")),
            Param("through_x", float, -1.42, (-5.0, 5.0), "θ1 of the start, on the level set"),
            Param("through_y", float, 0.0, (-5.0, 5.0), "θ2 of the start, on the level set"),
            Param("seconds", float, 10.0, (3.0, 40.0), "duration of the walk, in seconds"),
        ),
    )
    compute = seedless(walk_of)

    def construct(self):
        problem, walk = self.compute(self.params, self.seed)
        th = self.theme
        self.walk = walk
        self.gradient_scale = GRADIENT / np.linalg.norm(walk.gradients, axis=1).max()

        # 1. The chain rule along a path, and the landscape
        self.next_section("landscape", "The contour lines of f. Above them, the chain rule along "
                          "a path θ(t): ∂t f(θ(t)) = ∇f(θ(t))⊤θ′(t).")
        title, size = theme.SCENE_FONT_TITLE, theme.SCENE_FONT
        header = MathTex(r"\partial_t f(\theta(t))", "=", r"\nabla f(\theta(t))^{\top}",
                         r"\theta'(t)", font_size=title)
        header[2].set_color(th.gradient)
        header[3].set_color(th.tangent)
        # its value comes with the point it is taken at: "= 0.000" appears with it, never a bare "="
        self.rate = Number(walk.rates[0], num_decimal_places=3, font_size=title)
        value = VGroup(MathTex("=", font_size=title), self.rate).arrange(RIGHT, buff=0.15)
        top = VGroup(header, value).arrange(RIGHT, buff=0.15)  # TeX's space around =
        frame_w, frame_h = self.camera.frame_width, self.camera.frame_height
        top.to_edge(UP, buff=0.35)
        self.angle = Number(walk.angles[0], num_decimal_places=1, unit=r"^{\circ}", font_size=size)
        angle_row = VGroup(MathTex(r"\angle(\nabla f,\ \theta') =", font_size=size), self.angle)
        angle_row.arrange(RIGHT, buff=0.2)
        axes = plane_axes(problem.bounds, frame_w - 2 * ROOM - 0.6,
                          frame_h - top.height - angle_row.height - 2 * ROOM - 0.7, th.muted)
        axes.next_to(top, DOWN, buff=ROOM)
        angle_row.to_edge(DOWN, buff=0.3).align_to(axes, RIGHT)
        contours = contour_lines(axes, level_lines(problem, default_levels(problem)), th.level)
        self.play(FadeIn(axes), FadeIn(contours), Write(header), run_time=1.5)
        self.hold(header)

        # 2. One level set {θ : f(θ) = c}
        self.next_section("level set", "In bold, one level set {θ : f(θ) = c}: every point where "
                          "f takes the same value c, written below the plot.")
        path = self.trace("level-set", axes, walk.points, th.foreground)
        path.set_stroke(width=5)
        label = MathTex(rf"f(\theta) = {walk.level:.2f}", font_size=size)
        label.align_to(axes, LEFT).align_to(angle_row, DOWN)
        self.play(Create(path), FadeIn(label), run_time=2.0)

        # 3. A point on it, its velocity and the gradient
        self.next_section("point", "A point θ(t) on the level set, with its velocity θ′(t) along "
                          "the curve and the gradient ∇f there, at a right angle to it.")
        self.axes = axes
        self.dot = Dot(radius=0.07, color=th.highlight)
        start, tangent, gradient = walk.points[0], walk.velocities[0], walk.gradients[0]
        self.velocity = vector(axes, start, VELOCITY * tangent, th.tangent)
        self.gradient = vector(axes, start, self.gradient_scale * gradient, th.gradient)
        self.mark = right_angle(axes, start, tangent, gradient, self.mark_side(0), th.foreground)
        self.velocity_label = MathTex(r"\theta'(t)", color=th.tangent, font_size=size)
        self.gradient_label = MathTex(r"\nabla f", color=th.gradient, font_size=size)
        self.walk_to(0.0)
        self.play(FadeIn(self.mark), FadeIn(self.velocity), FadeIn(self.gradient),
                  FadeIn(self.dot), FadeIn(self.velocity_label), FadeIn(self.gradient_label),
                  FadeIn(value), FadeIn(angle_row), run_time=1.5)

        # 4. Walk once along the level set
        self.next_section("walk", "Walk along the level set: θ′(t) and ∇f stay at a right angle, "
                          "so ∂t f(θ(t)), the rate of change of f along the path, stays 0.")
        moving = VGroup(self.mark, self.velocity, self.gradient, self.dot, self.velocity_label,
                        self.gradient_label, self.rate, self.angle)  # redrawn every frame
        self.play(UpdateFromAlphaFunc(moving, lambda _, a: self.walk_to(a)),
                  run_time=self.params.seconds, rate_func=linear)

        # 5. ∂t f stayed 0 all the way
        self.next_section("result", "f did not change along the walk, so ∂t f(θ(t)) = 0 all the "
                          "way: at every point, the gradient is perpendicular to the level set.")
        self.hold(top, angle_row)

    def mark_side(self, k: int) -> float:
        """The right-angle mark's side at the walk's k-th point: MARK, or less where ∇f is drawn
        short (near a saddle), so the mark never hides the arrow it marks."""
        shorter = min(VELOCITY, self.gradient_scale * np.linalg.norm(self.walk.gradients[k]))
        return min(MARK, MARK_SHARE * shorter)

    def walk_to(self, progress: float) -> int:
        """Put everything at the walk's point nearest to arc length ``progress`` × total
        (sim's points exactly, never interpolated) and show its numbers; returns its index."""
        walk, axes, th = self.walk, self.axes, self.theme
        k = int(np.argmin(np.abs(walk.times - progress * walk.times[-1])))
        point, velocity, gradient = walk.points[k], walk.velocities[k], walk.gradients[k]
        self.dot.move_to(screen_point(axes, point))
        self.velocity.become(vector(axes, point, VELOCITY * velocity, th.tangent))
        self.gradient.become(vector(axes, point, self.gradient_scale * gradient, th.gradient))
        self.mark.become(right_angle(axes, point, velocity, gradient, self.mark_side(k),
                                     th.foreground))
        for label, arrow in ((self.velocity_label, self.velocity),
                             (self.gradient_label, self.gradient)):
            direction = arrow.get_end() - arrow.get_start()
            direction /= np.linalg.norm(direction)
            label.next_to(arrow.get_end(), direction, buff=0.08)
        self.rate.set_value(walk.rates[k])
        self.angle.set_value(walk.angles[k])
        return k
