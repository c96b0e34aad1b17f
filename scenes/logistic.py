"""Logistic regression in the input plane: θ, its boundary and p(1 | x) moving together.

Both scenes draw one ``LogisticPlane``: the data, p(1 | x) = σ(θ⊤x) as shading
and level lines, the boundary θ⊤x = 0 and θ as an arrow from the origin with
the right-angle mark, all recomputed by ``sim.logistic_geometry`` for the θ
of every frame.
"""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, ORIGIN, RIGHT, UP, Arrow, Axes, Circle, Create, DashedLine, Dot,
                   FadeIn, FadeOut, GrowArrow, Line, ManimColor, MathTex, Square, ValueTracker,
                   VGroup, VMobject, linear)

from assets.catalogue import SceneAsset
from assets.params import Param
from scenes._base import LectureScene
from scenes._mobjects import markers, plane_axes, screen_map, screen_point
from scenes._numbers import Readout
from sim.logistic_geometry import (LEVELS, fitted_theta, level_segments, longest_steps,
                                   probability_bands, rotated, sgd_steps, window)
from sim.optimizers import sgd
from sim.regression import LogReg, decision_boundary
from theme import LOGISTIC_MARK, SCENE_FONT, SCENE_FONT_SMALL, SCENE_FONT_TITLE

MARGIN = 0.4  # screen units between the frame's edge and the content
ARROW_STROKE = 6.0
DOT = 0.065  # radius of a data point, screen units
BANDS = 48  # flat bands of p(1 | x) that shade the plane
OVERLAP = 0.01  # of the window's width: each band reaches under the next, pixels at any quality
LABEL = 0.3  # screen units between θ's tip and its label
UPDATE_STROKE = 10.0  # the update Δθ, drawn thicker than θ: the thing to look at
UPDATE_TIP = 0.3  # screen units: the update's arrowhead, as long on a short update as a long one


def arrow(axes: Axes, tail, tip, colour: str) -> Arrow:
    """An arrow between two points of the plane."""
    return Arrow(screen_point(axes, tail), screen_point(axes, tip), buff=0.0, color=colour,
                 stroke_width=ARROW_STROKE,
                 max_tip_length_to_length_ratio=0.2, max_stroke_width_to_length_ratio=10)


def update_arrow(axes: Axes, tail, tip, colour: str) -> Arrow:
    """The update Δθ from θ's tip: thick, with a head that stays visible on a short update."""
    return Arrow(screen_point(axes, tail), screen_point(axes, tip), buff=0.0, color=colour,
                 stroke_width=UPDATE_STROKE, tip_length=UPDATE_TIP,
                 max_tip_length_to_length_ratio=0.5, max_stroke_width_to_length_ratio=40)


def along(points: np.ndarray, s: float) -> np.ndarray:
    """The point ``s`` segments along a polyline (s = k at its k-th corner), as a marker moving
    at one segment per unit of s sits; what ``Create`` of the polyline reaches at s / segments."""
    k = min(int(s), len(points) - 2)
    return points[k] + (s - k) * (points[k + 1] - points[k])


def band_colour(p: float, colours) -> ManimColor:
    """The figure's colour map at p: linear between the colours at p = 0, 1/2, 1."""
    return ManimColor.from_rgb([np.interp(p, (0.0, 0.5, 1.0), channel) for channel in colours.T])


class LogisticPlane:
    """The input plane of a logistic regression, redrawn from sim for any θ by ``show``.

    ``group`` holds everything, back to front. It is redrawn as one moving
    object: Manim paints objects it considers static into a background first,
    so anything drawn over the plane later must itself be moving (``keep_on_top``).
    """

    def __init__(self, bounds, X, y, theme, size: float, levels=LEVELS):
        self.bounds, self.levels, self.theme = bounds, tuple(levels), theme
        self.colours = np.array(theme.probability_rgb())
        self.axes = plane_axes(bounds, size, size, theme.muted)
        edges = probability_bands(np.zeros(2), bounds, BANDS).edges
        self.shading = VGroup(*(
            VMobject(fill_color=band_colour(0.5 * (low + high), self.colours), fill_opacity=1.0,
                     stroke_width=0) for low, high in zip(edges[:-1], edges[1:])))
        self.lines = VGroup(*(VMobject(stroke_color=theme.muted, stroke_width=2)
                              for _ in self.levels))
        self.boundary = Line(ORIGIN, RIGHT, color=theme.boundary, stroke_width=4)
        self.mark = VMobject(stroke_color=theme.foreground, stroke_width=3)
        self.arrow = arrow(self.axes, (0.0, 0.0), (1.0, 0.0), theme.foreground)
        self.label = MathTex(r"\theta", color=theme.foreground, font_size=SCENE_FONT_TITLE)
        (x0, x1), (y0, y1) = bounds
        self.overlap = OVERLAP * (x1 - x0)
        ends = screen_point(self.axes, (x1, 0.0)), screen_point(self.axes, (0.0, y1))
        names = VGroup(MathTex("x_1", font_size=SCENE_FONT).next_to(ends[0], UP + LEFT, buff=0.1),
                       MathTex("x_2", font_size=SCENE_FONT).next_to(ends[1], DOWN + RIGHT,
                                                                   buff=0.1))
        outline = {"stroke_color": theme.background, "stroke_width": 1}
        centres = screen_map(self.axes)(X)
        self.dots = VGroup(  # one mobject per class: redrawn every frame above the moving shading
            markers(Dot(radius=DOT, color=theme.class0, **outline), centres[y == 0]),
            markers(Square(side_length=1.7 * DOT, color=theme.class1, fill_opacity=1.0, **outline),
                    centres[y == 1]))
        self.theta = None  # the θ drawn last
        self.group = VGroup(self.shading, self.axes, names, self.lines, self.boundary, self.dots,
                            self.mark, self.arrow, self.label)

    def show(self, theta) -> None:
        """Redraw everything that depends on θ: shading, level lines, boundary, arrow, mark (the
        last three, and θ's label, hidden while θ = 0, which has no boundary)."""
        theta = np.asarray(theta, dtype=float)
        self.theta = theta
        to_screen = screen_map(self.axes)
        bands = probability_bands(theta, self.bounds, BANDS, overlap=self.overlap)
        for band, polygon in zip(self.shading, bands.polygons):
            if len(polygon):
                band.set_points_as_corners(to_screen(np.vstack([polygon, polygon[:1]])))
            else:
                band.clear_points()
        for line, segment in zip(self.lines, level_segments(theta, self.bounds, self.levels)):
            if segment is None:
                line.clear_points()  # in place: Manim draws the objects it listed when a play began
            else:
                line.set_points_as_corners(to_screen(segment))
        ends = decision_boundary(theta, self.bounds)
        if ends is None:  # θ = 0: p(1 | x) = 1/2 everywhere; no boundary, no arrow, no mark
            self.boundary.clear_points()
            self.mark.clear_points()
            for mobject in (self.arrow, self.label):  # the next θ's arrow brings its colour back
                mobject.set_opacity(0.0)
            return
        self.boundary.set_points_by_ends(*to_screen(ends))
        self.arrow.become(arrow(self.axes, (0.0, 0.0), theta, self.theme.foreground))
        u = theta / np.linalg.norm(theta)
        self.label.move_to(to_screen(theta) + LABEL * np.append(u, 0.0)).set_opacity(1.0)
        v = (ends[1] - ends[0]) / np.linalg.norm(ends[1] - ends[0])
        square = LOGISTIC_MARK * np.stack([u, u + v, v])  # a square only if u ⟂ v
        self.mark.set_points_as_corners(to_screen(square))

    def follow(self, theta_of) -> None:
        """Redraw for ``theta_of()`` at every frame."""
        self.group.add_updater(lambda _: self.show(theta_of()))

    def stop(self) -> None:
        self.group.clear_updaters()


def keep_on_top(*mobjects) -> None:
    """Mark mobjects drawn over a following ``LogisticPlane`` as moving, so they stay above it."""
    for mobject in mobjects:
        mobject.add_updater(lambda _: None)


def class_key(theme) -> VGroup:
    """The two markers, named."""
    def entry(marker, label):
        name = MathTex(rf"\text{{class {label}}}", font_size=SCENE_FONT)
        return VGroup(marker, name).arrange(RIGHT, buff=0.15)

    return VGroup(entry(Dot(radius=1.6 * DOT, color=theme.class0), 0),
                  entry(Square(side_length=2.7 * DOT, color=theme.class1, fill_opacity=1.0), 1)
                  ).arrange(RIGHT, buff=0.5)


def loss_axes(x_max: float, x_step: float, y_max: float, width: float, height: float, theme,
              x_label: str):
    """Small axes for a loss curve with whole-number ticks, and their two labels."""
    axes = Axes(x_range=[0, x_max, x_step], y_range=[0, y_max, y_max / 2], x_length=width,
                y_length=height, tips=False,
                axis_config={"color": theme.muted, "stroke_width": 2,
                             "font_size": SCENE_FONT_SMALL,
                             "decimal_number_config": {"num_decimal_places": 0}},
                y_axis_config={"decimal_number_config": {"num_decimal_places": 1}})
    axes.add_coordinates()
    labels = VGroup(MathTex(x_label, font_size=SCENE_FONT).next_to(axes.x_axis, DOWN, buff=0.5),
                    MathTex(r"\mathcal{L}(\theta)", font_size=SCENE_FONT)
                    .next_to(axes.y_axis, UP, buff=0.15))
    return axes, labels


def place_plane(scene, plane: LogisticPlane) -> float:
    """The plane against the left edge; returns the width left for the column to its right."""
    plane.group.to_edge(LEFT, buff=MARGIN)
    return scene.camera.frame_width / 2 - MARGIN - (plane.axes.get_right()[0] + MARGIN)


def layout(scene, plane: LogisticPlane, column: VGroup) -> None:
    """The column of text and plots centred right of the plane (placed by ``place_plane``): built
    to fit at full size, it shrinks only if it does not."""
    frame_w, frame_h = scene.camera.frame_width, scene.camera.frame_height
    left, right = plane.axes.get_right()[0] + MARGIN, frame_w / 2 - MARGIN
    column.scale(min(1.0, (right - left) / column.width, (frame_h - 2 * MARGIN) / column.height))
    column.move_to([(left + right) / 2, 0, 0])


def plane_size(scene) -> float:
    """The plane's side: the frame's height less the margins, or 55 % of its width on 4:3."""
    return min(scene.camera.frame_height - 2 * MARGIN, 0.55 * scene.camera.frame_width)


def rotation_of(params, seed):
    """What logistic-rotation draws, from sim: the problem, θ̂, the window, the turn's angles
    with the loss at each (θ̂ shrunk by ``shrink``, then turned), and the loss at the end (turned
    θ̂ grown back to its length)."""
    problem = LogReg(n=params.n, separation=params.separation, seed=seed)
    theta = fitted_theta(problem)
    radius = params.shrink * np.linalg.norm(theta)
    circle = radius * np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]])
    bounds = window(np.vstack([problem.X, theta, circle]))
    angles = np.linspace(0.0, params.turn, 181)
    return (problem, theta, bounds, angles, problem.value(params.shrink * rotated(theta, angles)),
            float(problem.value(rotated(theta, params.turn))))


class LogisticRotation(LectureScene):
    ASSET = SceneAsset(
        id="logistic-rotation",
        title="θ and the decision boundary turn together",
        slide="a summary of the previous lecture: logistic geometry",
        caption="Shrinking ‖θ‖ spreads the level lines of p(1 | x) but leaves the boundary; as θ "
                "turns, the boundary θ⊤x = 0 turns with it at a right angle and the shading "
                "follows.",
        alt="Two classes of points on a plane shaded by p(1 | x), with the fitted θ as an arrow from "
            "the origin and the straight decision boundary at a right angle to it. θ shrinks: the "
            "level lines beside the boundary spread apart while the boundary stays. Then θ turns a "
            "full circle; the boundary, the level lines and the shading turn with it, the "
            "right-angle mark kept, while the loss over the turning angle, at the shrunk length, is "
            "drawn on the right. Finally θ grows back to its fitted length, and the marker on the "
            "loss plot drops from the curve to the fitted θ's lower loss, the value read out.",
        params=(
            Param("turn", float, 360.0, (30.0, 720.0), "how far θ turns, in degrees"),
            Param("shrink", float, 0.4, (0.1, 1.0), "the factor ‖θ‖ shrinks by before the turn"),
            Param("seconds", float, 12.0, (3.0, 40.0), "duration of the turn, in seconds"),
            Param("n", int, 100, (20, 400), "number of examples, half in each class"),
            Param("separation", float, 2.5, (0.5, 3.0), "distance between the two class means"),
        ),
    )
    compute = staticmethod(rotation_of)

    def construct(self):
        p, th = self.params, self.theme
        problem, theta_hat, bounds, angles, losses, end_loss = self.compute(p, self.seed)
        angle, scale = ValueTracker(0.0), ValueTracker(1.0)

        def theta():
            return scale.get_value() * rotated(theta_hat, angle.get_value())

        # 1. The fitted θ: the boundary at a right angle, p(1 | x) growing toward class 1
        self.next_section("fitted", "Two classes of data and the fitted θ, an arrow from the "
                          "origin. The boundary θ⊤x = 0 is at a right angle to θ, and θ points to "
                          "where p(1 | x) > 1/2.")
        plane = LogisticPlane(bounds, problem.X, problem.y, th, plane_size(self))
        self.plane = plane
        plane.show(theta())
        width = place_plane(self, plane)
        formula = MathTex(r"p(1\,|\,x) = \sigma(\theta^\top x)", font_size=SCENE_FONT_TITLE)
        values = VGroup(Readout(r"\|\theta\| =", font_size=SCENE_FONT),
                        Readout(r"\mathcal{L}(\theta) =", places=3, font_size=SCENE_FONT))
        values.arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        top = float(np.ceil(2 * max(losses.max(), end_loss)) / 2)  # the marker ends at end_loss
        axes, labels = loss_axes(p.turn, 90.0 if p.turn >= 180 else 30.0, top, min(5.0, width - 0.6),
                                 2.6, th, r"\text{turned by (degrees)}")
        drawn_at = MathTex(rf"\text{{curve at }}\|\theta\| = {p.shrink:g}\,\|\hat\theta\|",
                           font_size=SCENE_FONT_SMALL, color=th.curve)
        drawn_at.next_to(axes, UP, buff=0.15).align_to(axes, RIGHT)
        column = VGroup(formula, class_key(th), values, VGroup(axes, labels, drawn_at))
        column.arrange(DOWN, buff=0.5)
        layout(self, plane, column)
        curve = self.trace("loss", axes, np.column_stack([angles, losses]), th.curve)
        marker = Dot(axes.c2p(0.0, losses[0]), radius=0.09, color=th.highlight).set_z_index(2)
        self.marker, self.loss_axes, self.loss_readout = marker, axes, values[1].number

        def refresh(_):
            t = theta()
            values[0].set_value(np.linalg.norm(t))
            values[1].set_value(problem.value(t))

        refresh(None)
        self.play(FadeIn(plane.group), FadeIn(column[:3]), run_time=1.5)  # the opening picture
        self.hold(values)
        values.add_updater(refresh)
        plane.follow(theta)

        # 2. ‖θ‖ sets how fast p changes across the boundary; the boundary does not move
        self.next_section("shrink", "Scaling θ changes only ‖θ‖, never the boundary θ⊤x = 0. The "
                          "smaller ‖θ‖, the farther apart the level lines of p(1 | x): p changes "
                          "more slowly across the boundary.")
        self.play(scale.animate.set_value(p.shrink), run_time=2.5)
        self.hold(values)

        # 3. θ turns; the boundary, its right angle and the shading turn with it
        self.next_section("turn", "Now θ turns about the origin: the boundary, the level lines "
                          "and the shading turn with it, the right angle kept. On the right, the "
                          "loss 𝓛(θ) at each angle.")
        self.play(FadeIn(column[3]), FadeIn(marker), run_time=0.8)
        self.hold(drawn_at)
        marker.add_updater(lambda m: m.move_to(axes.c2p(angle.get_value(), problem.value(theta()))))
        self.play(angle.animate.set_value(p.turn), Create(curve), run_time=p.seconds,
                  rate_func=linear)
        self.wait(1.0)

        # 4. Back to the fitted length: the marker leaves the curve (drawn at the shrunk length)
        # for the loss the readout shows
        self.next_section("grow", "θ is scaled back to its fitted length at the last angle; the "
                          "readout and the marker follow the loss 𝓛(θ) as ‖θ‖ changes.")
        self.play(scale.animate.set_value(1.0), run_time=2.5)
        for mobject in (values, marker):
            mobject.clear_updaters()
        plane.stop()
        self.hold(values)


def sgd_of(params, seed):
    """What logistic-sgd draws, from sim: the problem, the SGD trajectory, the ``shown`` updates
    of its first epoch that move θ farthest (as (update number, step) pairs) and the window
    holding the data and every iterate."""
    problem = LogReg(n=params.n, separation=params.separation, seed=seed)
    trajectory = sgd(problem, (params.start_x, params.start_y), params.lr, params.epochs, seed)
    first_epoch = sgd_steps(problem, trajectory, problem.n)
    shown = tuple((k + 1, first_epoch[k]) for k in longest_steps(first_epoch, params.shown))
    bounds = window(np.vstack([problem.X, np.zeros((1, 2)), trajectory.iterates]))
    return problem, trajectory, shown, bounds


class LogisticSGD(LectureScene):
    ASSET = SceneAsset(
        id="logistic-sgd",
        title="SGD on logistic regression",
        slide="a summary of the previous lecture: the gradient of the logistic loss",
        caption="SGD visits one example at a time and moves θ by −ε(p − y)x, turning the boundary "
                "toward that example's class; the updates of the first epoch that move θ farthest "
                "(the examples with p far from y) are stopped at and held; the loss over all "
                "examples falls as the updates add up.",
        alt="Two classes of points on a plane shaded by p(1 | x), with θ as an arrow from the origin "
            "and the decision boundary at a right angle to it. SGD runs through the examples; at "
            "the few it gets most wrong it stops: the point is circled, the vector x to it drawn "
            "dashed, and a thick update arrow parallel to x leads from θ's tip to the new θ, held "
            "while y and p are read out; the boundary turns. Then the remaining updates run "
            "quickly, θ's tip leaving a trail, while the loss curve on the right falls.",
        params=(
            Param("lr", float, 1.0, (0.01, 2.0), "step size ε", symbol="ε"),
            Param("epochs", int, 2, (1, 10), "passes over the data"),
            Param("shown", int, 4, (0, 20),
                  "updates of the first epoch stopped at and held: those that move θ farthest"),
            Param("start_x", float, 1.5, (-3.0, 3.0), "θ1 of the start"),
            Param("start_y", float, -1.5, (-3.0, 3.0), "θ2 of the start"),
            Param("seconds", float, 10.0, (2.0, 40.0), "duration of the quick part, in seconds"),
            Param("n", int, 100, (20, 400), "number of examples, half in each class"),
            Param("separation", float, 2.5, (0.5, 3.0), "distance between the two class means"),
        ),
    )
    compute = staticmethod(sgd_of)

    def construct(self):
        p, th = self.params, self.theme
        problem, trajectory, shown, bounds = self.compute(p, self.seed)
        total = trajectory.steps
        progress = ValueTracker(0.0)  # updates made, fractional between two iterates

        # 1. The data, θ at the start, its boundary and p(1 | x)
        self.next_section("start", "The data, θ at its start and its boundary. SGD updates θ ← θ "
                          "− ε(p − y)x one example x with label y at a time, where p = σ(θ⊤x).")
        plane = LogisticPlane(bounds, problem.X, problem.y, th, plane_size(self), levels=())
        self.plane = plane

        def theta():
            return along(trajectory.iterates, progress.get_value())

        plane.show(trajectory.iterates[0])
        width = place_plane(self, plane)
        rule = MathTex(r"\theta \leftarrow \theta - \epsilon\,(p - y)\,x", color=th.foreground,
                       font_size=SCENE_FONT_TITLE)
        rule[0][3:].set_color(th.update)
        where = MathTex(rf"p = \sigma(\theta^\top x),\ \ \epsilon = {p.lr:g}", font_size=SCENE_FONT)
        counter = VGroup(Readout(r"\text{epoch}", places=0, font_size=SCENE_FONT),
                         Readout(r"t =", places=0, font_size=SCENE_FONT))
        counter.arrange(RIGHT, buff=0.6)  # t last: its growing digits push nothing
        example = VGroup(Readout(r"y =", places=0, font_size=SCENE_FONT),
                         Readout(r"p =", font_size=SCENE_FONT)).arrange(RIGHT, buff=0.6)
        top = float(np.ceil(2 * trajectory.losses.max()) / 2)
        axes, labels = loss_axes(total, max(1, total // 4), top, min(5.0, width - 0.6), 2.2, th,
                                 r"\text{update } t")
        column = VGroup(VGroup(rule, where).arrange(DOWN, buff=0.2), class_key(th), counter,
                        example, VGroup(axes, labels)).arrange(DOWN, buff=0.4)
        layout(self, plane, column)
        path = self.trace("theta", plane.axes, trajectory.iterates, th.muted)  # θ's trail: context
        curve = self.trace("loss", axes, np.column_stack([np.arange(total + 1), trajectory.losses]),
                           th.curve)
        drawn = [source.copy() for source in (path, curve)]

        def grow(mobject, source):
            mobject.pointwise_become_partial(source, 0.0, progress.get_value() / total)

        def count(_):
            k = round(progress.get_value())
            counter[0].set_value(trajectory.epochs[k])
            counter[1].set_value(k)

        for mobject, source in zip(drawn, (path, curve)):
            grow(mobject, source)
        count(None)
        example.set_opacity(0.0)
        self.play(FadeIn(plane.group), FadeIn(column), run_time=1.5)  # the opening picture
        self.hold(rule)
        plane.follow(theta)
        for mobject, source in zip(drawn, (path, curve)):
            mobject.add_updater(lambda m, s=source: grow(m, s))
        counter.add_updater(count)
        self.add(*drawn)

        # 2. SGD runs through the examples; it stops at those that move θ farthest (p far from y):
        # the example circled, x dashed, the update Δθ = −ε(p − y)x thick from θ's tip, held
        self.updates = []
        if shown:
            self.next_section("one by one", "SGD stops at the first epoch's updates that move θ "
                              "farthest, where p is far from y. The step −ε(p − y)x is parallel "
                              "to x and turns the boundary toward the example's class.")
        for k, step in shown:
            if progress.get_value() < k - 1:
                self.play(progress.animate.set_value(k - 1), rate_func=linear,
                          run_time=min(3.0, 0.5 + 0.05 * (k - 1 - progress.get_value())))
            point = screen_point(plane.axes, step.x)
            ring = Circle(radius=2.6 * DOT, color=th.foreground, stroke_width=4).move_to(point)
            to_x = DashedLine(screen_point(plane.axes, (0.0, 0.0)), point, color=th.muted,
                              stroke_width=3, dash_length=0.08)
            update = update_arrow(plane.axes, step.theta, step.theta_after, th.update)
            self.updates.append((k, plane.axes, update))
            keep_on_top(ring, to_x, update)
            example[0].set_value(step.y)
            example[1].set_value(step.p)
            example.set_opacity(1.0)
            self.play(Create(ring), Create(to_x), run_time=0.6)
            self.play(GrowArrow(update), run_time=0.8)
            self.hold(example)
            self.play(progress.animate.set_value(k), run_time=1.0)
            self.wait(0.5)
            self.play(FadeOut(ring, to_x, update), run_time=0.4)
            example.set_opacity(0.0)

        # 3. The rest of the updates, quickly: the loss over all examples falls
        self.next_section("quickly", "The remaining updates, if any, run quickly: θ's tip leaves "
                          "a trail, and the loss over all examples is drawn against the update "
                          "count t.")
        self.play(progress.animate.set_value(total), run_time=p.seconds, rate_func=linear)

        # 4. Where SGD ended
        self.next_section("result", "Where SGD ended after its last epoch: the final θ with its "
                          "boundary, and the loss curve of the whole run.")
        for mobject in (plane.group, counter, *drawn):
            mobject.clear_updaters()
        self.hold(counter)
