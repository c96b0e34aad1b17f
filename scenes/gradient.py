"""The gradient as steepest ascent: a unit direction turns around θ while ∇f(θ)⊤u is plotted."""
from __future__ import annotations

import numpy as np
from manim import (DL, DOWN, RIGHT, UP, Axes, Circle, Create, DashedLine, Dot, FadeIn, FadeOut,
                   Line, MathTex, Rectangle, Transform, UpdateFromAlphaFunc, VGroup, Write, linear,
                   smooth)

import theme
from assets.catalogue import SceneAsset
from assets.params import Param
from scenes._base import LectureScene, seedless
from scenes._marks import vector
from scenes._mobjects import contour_lines, plane_axes, screen_point
from scenes._numbers import Number
from sim.directional import directional_derivatives
from sim.gradient_geometry import steepest_ascent
from sim.contour_levels import Window, window_lines
from sim.levels import default_levels, level_lines
from sim.problems import SURFACES

CIRCLE = 0.12  # radius of the unit circle, as a fraction of the landscape's width (as the figure)
GRADIENT = 1.4  # drawn length of ∇f(θ), in radii of the unit circle: its own scale, as ‖∇f‖
# ranges from 1.6 (double well) to 50 (Himmelblau); ∇f's projection onto u is drawn at that scale
ZOOM = GRADIENT + 0.45  # half the side of the zoomed window, in radii: room for the labels


def scan_of(params):
    """What the scene draws, straight from sim: (problem, directional derivatives, steepest)."""
    problem = SURFACES[params.surface]()
    point = (params.point_x, params.point_y)
    return problem, directional_derivatives(problem, point), steepest_ascent(problem, point)


def zoom_window(problem, point, radius: float):
    """The square of θ around ``point`` that the construction is drawn in, and its level lines
    (levels spaced over that window, so some cross it however flat f is there)."""
    half = ZOOM * radius
    bounds = tuple((c - half, c + half) for c in point)
    window = Window(problem, bounds)
    return bounds, window_lines(problem, default_levels(window), bounds)


class DirectionalDerivative(LectureScene):
    ASSET = SceneAsset(
        id="directional-derivative",
        title="The directional derivative over all unit directions",
        slide="the gradient",
        caption="As a unit direction u turns around θ, the directional derivative ∇f(θ)⊤u traces "
                "a cosine whose maximum, ‖∇f(θ)‖, is reached exactly when u points along ∇f(θ).",
        alt="Left: contour lines with a point θ; the view zooms in on a small square around θ, "
            "where its gradient arrow and a unit arrow u turn around it, with the projection of "
            "the gradient onto u. Right: the directional "
            "derivative plotted against the angle of u as it turns, a cosine wave; at the end u "
            "turns back to the wave's maximum, where it lies on the gradient and the value equals "
            "the gradient's norm.",
        params=(
            Param("surface", str, "double-well", help="the function f",
                  choices=("double-well", "quadratic", "himmelblau")),
            Param("point_x", float, 0.5, (-5.0, 5.0), "θ1 of the point whose directions turn"),
            Param("point_y", float, 0.5, (-5.0, 5.0), "θ2 of the point whose directions turn"),
            Param("seconds", float, 10.0, (3.0, 40.0), "duration of one full turn, in seconds"),
        ),
    )
    compute = seedless(scan_of)

    def construct(self):
        problem, scan, best = self.compute(self.params, self.seed)
        th = self.theme
        self.scan, self.best = scan, best
        (x0, x1), _ = problem.bounds
        self.radius = CIRCLE * (x1 - x0)  # θ units drawn for length 1
        self.gradient_scale = GRADIENT * self.radius / best.norm  # θ units per unit of ∇f
        self.wide = self.camera.frame_width / self.camera.frame_height > 1.5  # 16:9, not 4:3

        # 1. The landscape and the point θ, and the small square around it we are going to look in
        self.next_section("landscape", "The contour lines of f, and a point θ. We are going to "
                          "look closely at the small square around θ.")
        header = MathTex(r"\nabla f(\theta)^{\top} u", "=", r"\|\nabla f(\theta)\|", r"\,\|u\|\,",
                         r"\cos\angle(\nabla f(\theta), u)", font_size=theme.SCENE_FONT_TITLE)
        header[0].set_color(th.curve)
        header[2].set_color(th.gradient)
        header[3].set_color(th.highlight)
        header.to_edge(UP, buff=0.35)
        bounds, zoomed_lines = zoom_window(problem, best.point, self.radius)
        (landscape, plane), self.graph = self._layout((problem.bounds, bounds), header)
        overview = VGroup(landscape, contour_lines(
            landscape, level_lines(problem, default_levels(problem)), th.level))
        square = self._outline(landscape, bounds)
        here = Dot(screen_point(landscape, best.point), radius=0.08, color=th.highlight)
        self.play(Write(header), FadeIn(overview), run_time=1.5)
        self.play(FadeIn(here), Create(square), run_time=1.0)
        self.wait(1.0)

        # 2. Zoom on that square: the construction is drawn large
        self.next_section("zoom", "Zoomed in on that square: the contour lines near θ, and the "
                          "gradient ∇f(θ) drawn from θ.")
        contours = contour_lines(plane, zoomed_lines, th.level)
        centre = screen_point(plane, best.point)
        dot = Dot(centre, radius=0.1, color=th.highlight)
        theta = MathTex(r"\theta", font_size=theme.SCENE_FONT).next_to(dot, DL, buff=0.08)
        box = self._outline(plane, bounds).set_stroke(opacity=0.0)
        self.play(FadeOut(overview), Transform(square, box), Transform(here, dot), FadeIn(plane),
                  FadeIn(contours), FadeIn(theta), run_time=1.2)
        self.remove(square, here)
        self.add(dot)
        gradient = vector(plane, best.point, self.gradient_scale * best.gradient, th.gradient)
        gradient_label = MathTex(r"\nabla f(\theta)", color=th.gradient, font_size=theme.SCENE_FONT)
        gradient_label.next_to(gradient.get_end(), UP, buff=0.1)
        self.play(Create(gradient), FadeIn(gradient_label), run_time=1.0)

        # 3. The circle of unit directions, u, and the plot of ∇f(θ)⊤u against u's angle
        self.next_section("directions", "The circle holds every unit direction u. The directional "
                          "derivative ∇f(θ)⊤u, the signed length of ∇f(θ)'s projection onto u, is "
                          "plotted against u's angle.")
        edge = screen_point(plane, best.point + [self.radius, 0.0])
        circle = Circle(radius=np.linalg.norm(edge - centre), color=th.muted,
                        stroke_width=3).move_to(centre)
        ticks = self._angle_ticks()
        size = theme.SCENE_FONT
        self.angle = Number(0, num_decimal_places=0, unit=r"^{\circ}", font_size=size)
        self.value = Number(scan.derivatives[0], num_decimal_places=2, include_sign=True,
                            font_size=size)
        readouts = VGroup(
            VGroup(MathTex(r"\angle u =", font_size=size), self.angle).arrange(RIGHT, buff=0.15),
            VGroup(MathTex(r"\nabla f(\theta)^{\top} u =", color=th.curve, font_size=size),
                   self.value).arrange(RIGHT, buff=0.15))
        if self.wide:
            readouts.arrange(RIGHT, buff=1.0)
        else:
            readouts.arrange(DOWN, aligned_edge=RIGHT, buff=0.25)
        readouts.next_to(self.graph, UP, buff=0.25).align_to(self.graph, RIGHT)
        self.plane = plane
        self.u = vector(plane, best.point, self.radius * scan.directions[0], th.highlight)
        self.u_label = MathTex("u", color=th.highlight, font_size=size)
        self.projection = Line(centre, centre, color=th.positive, stroke_width=10)
        self.drop = DashedLine(centre, centre + 0.01 * RIGHT, color=th.muted, stroke_width=2.5)
        self.marker = Dot(radius=0.08, color=th.curve)
        self.aim(scan.directions[0], 0.0, scan.derivatives[0])
        self.play(Create(circle), FadeIn(self.graph), FadeIn(ticks),
                  FadeIn(readouts), run_time=1.0)
        self.play(FadeIn(self.projection), FadeIn(self.drop), Create(self.u),
                  FadeIn(self.u_label), FadeIn(self.marker), run_time=1.0)
        self.bring_to_front(gradient, self.u)  # the arrows above ∇f's projection onto u
        self.hold(readouts)

        # 4. One full turn: the curve ∇f(θ)⊤u is drawn as u goes round
        self.next_section("turn", "As u turns once around θ, ∇f(θ)⊤u = ‖∇f(θ)‖ cos of the angle "
                          "between them traces a cosine: positive while u points uphill, negative "
                          "while it points downhill.")
        curve = self.trace("derivative", self.graph, self._curve_points(), th.curve)
        moving = VGroup(self.projection, self.drop, gradient, self.u, self.u_label, self.marker,
                        self.angle, self.value)  # redrawn every frame, in the scene's order
        count = len(scan.angles)
        self.play(Create(curve), UpdateFromAlphaFunc(moving, lambda _, a: self.at_sample(
            round(a * count))), run_time=self.params.seconds, rate_func=linear)

        # 5. Back to the maximum: u along ∇f, value ‖∇f(θ)‖
        self.next_section("maximum", "The maximum is at u = ∇f(θ)/‖∇f(θ)‖, with value ‖∇f(θ)‖: "
                          "the gradient is the direction of steepest ascent, and −∇f(θ) that of "
                          "steepest descent.")
        last = int(np.searchsorted(scan.angles, best.angle)) - 1  # the last sample before it
        self.play(UpdateFromAlphaFunc(moving, lambda _, a: self.at_sample(round(a * last))
                                      if a < 1 else self.aim(best.direction, best.angle,
                                                             best.norm)),
                  run_time=2.0, rate_func=smooth)
        top = self.graph.coords_to_point(np.degrees(best.angle), best.norm)
        guide = DashedLine(self.graph.coords_to_point(np.degrees(best.angle), 0.0), top,
                           color=th.gradient, stroke_width=3)
        self.peak = peak = Dot(top, radius=0.09, color=th.gradient)
        note = MathTex(r"\max_{\|u\|=1} \nabla f(\theta)^{\top} u = \|\nabla f(\theta)\| =",
                       f"{best.norm:.2f}", color=th.gradient, font_size=size)
        note.next_to(self.graph, DOWN, buff=0.75).align_to(self.graph, RIGHT)
        self.play(Create(guide), FadeIn(peak), Write(note), run_time=1.5)
        self.hold(note, readouts)


    def _outline(self, axes: Axes, bounds) -> Rectangle:
        """The square ``bounds`` of θ drawn on ``axes``: where the zoom looks."""
        (x0, x1), (y0, y1) = bounds
        low, high = screen_point(axes, (x0, y0)), screen_point(axes, (x1, y1))
        return Rectangle(width=high[0] - low[0], height=high[1] - low[1],
                         color=self.theme.highlight, stroke_width=3).move_to((low + high) / 2)

    def _layout(self, windows, header) -> tuple[list[Axes], Axes]:
        """Equal-scale planes over each of ``windows`` in one box on the left (the landscape, then
        its zoom), and on the right the graph of ∇f(θ)⊤u against u's angle, with room for its
        readouts above (two rows on a narrow frame) and its labels below."""
        th, norm = self.theme, self.best.norm
        frame_w, frame_h = self.camera.frame_width, self.camera.frame_height
        top, bottom = header.get_bottom()[1] - 0.4, -0.5 * frame_h + 0.35
        height = top - bottom
        above = 0.8 if self.wide else 1.4  # the readouts' rows
        box, place = (0.5 * frame_w - 0.6, height), [-0.24 * frame_w, 0.5 * (top + bottom), 0]
        planes = [plane_axes(bounds, *box, th.muted).move_to(place) for bounds in windows]
        graph = Axes(x_range=[0, 360, 90], y_range=[-1.25 * norm, 1.25 * norm, norm],
                     x_length=0.46 * frame_w - 1.0, y_length=height - 1.4 - above, tips=False,
                     axis_config={"color": th.muted, "stroke_width": 2, "tick_size": 0.06})
        graph.move_to([0.26 * frame_w, top - above, 0], aligned_edge=UP)
        return planes, graph

    def _angle_ticks(self) -> VGroup:
        bottom = -1.25 * self.best.norm
        return VGroup(*(MathTex(rf"{a}^{{\circ}}", font_size=theme.SCENE_FONT_SMALL).next_to(
            self.graph.coords_to_point(a, bottom), DOWN, buff=0.15)
            for a in (0, 90, 180, 270, 360)))

    def _curve_points(self) -> np.ndarray:
        """(angle in degrees, ∇f⊤u) for every sample, closed at 360° (the circle comes round)."""
        scan = self.scan
        return np.column_stack([np.degrees(np.r_[scan.angles, 2.0 * np.pi]),
                                np.r_[scan.derivatives, scan.derivatives[0]]])

    def at_sample(self, k: int) -> None:
        """Aim u at sim's k-th direction (k = count is the turn completed, back at 0°)."""
        scan = self.scan
        j = k % len(scan.angles)
        self.aim(scan.directions[j], np.radians(360.0) if k == len(scan.angles) else scan.angles[j],
                 scan.derivatives[j])

    def aim(self, direction, angle: float, value: float) -> None:
        """Put u along ``direction`` (at ``angle``, radians) and show ∇f(θ)⊤u = ``value``: the
        arrow, the projection of ∇f onto u's line, the point on the curve and the readouts."""
        th, plane, point, r = self.theme, self.plane, self.best.point, self.radius
        self.u.become(vector(plane, point, r * np.asarray(direction), th.highlight))
        along = self.u.get_end() - self.u.get_start()
        along /= np.linalg.norm(along)
        right = np.array([along[1], -along[0], 0.0])  # beside the tip, off ∇f when u meets it
        self.u_label.move_to(self.u.get_end() - 0.25 * along + 0.4 * right)
        foot = screen_point(plane, point + self.gradient_scale * value * np.asarray(direction))
        self.projection.put_start_and_end_on(screen_point(plane, point), foot + 1e-6 * RIGHT)
        self.projection.set_color(th.positive if value >= 0 else th.negative)
        tip = screen_point(plane, point + self.gradient_scale * self.best.gradient)
        self.drop.become(DashedLine(tip, foot + 1e-6 * UP, color=th.muted, stroke_width=2))
        self.marker.move_to(self.graph.coords_to_point(np.degrees(angle), value))
        self.angle.set_value(np.degrees(angle))
        self.value.set_value(value)

