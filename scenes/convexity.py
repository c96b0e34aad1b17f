"""Convexity by its definition: t sweeps a chord, f(tθ + (1−t)θ′) stays under it, or not."""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, ORIGIN, RIGHT, UP, Axes, Create, Dot, FadeIn, FadeOut, Line, MathTex,
                   Polygon, ReplacementTransform, Tex, UpdateFromAlphaFunc, VGroup, Write, linear)

import theme
from assets.catalogue import SceneAsset
from assets.params import Param, Rule
from scenes._base import LectureScene, seedless
from scenes._numbers import Number
from sim.chord_pictures import ChordPicture, chord_picture
from sim.convexity import convex_curve, nonconvex_curve

CURVES = {"convex": convex_curve, "non-convex": nonconvex_curve}


def pictures_of(params) -> dict[str, ChordPicture]:
    """What the scene draws, straight from sim: one chord picture per curve, same θ and θ′
    (sim's theta1 and theta2; θ1, θ2 are the lecture's names for coordinates, not points)."""
    return {name: chord_picture(curve(), params.theta1, params.theta2)
            for name, curve in CURVES.items()}


class ConvexityChord(LectureScene):
    ASSET = SceneAsset(
        id="convexity-chord",
        title="The chord of a convex function",
        slide="convex and non-convex functions",
        caption="As t sweeps from 0 to 1, f(tθ + (1−t)θ′) stays under the chord "
                "t f(θ) + (1−t) f(θ′) of a convex function, while the same chord dips under the "
                "graph of a non-convex one.",
        alt="A convex curve with a chord between two points. A vertical bar joins the curve to "
            "the chord as t sweeps from 0 to 1, with live readouts of both sides of the "
            "inequality, the left always below the right. Then the curve becomes a wavy "
            "non-convex one; during the second sweep the chord passes under the curve, the "
            "inequality sign flips and the region where it fails is shaded.",
        params=(
            Param("theta1", float, 2.2, (-1.5, 2.5), "θ, the chord's end at t = 1"),
            Param("theta2", float, -1.2, (-1.5, 2.5), "θ′, the chord's end at t = 0"),
            Param("seconds", float, 6.0, (2.0, 30.0), "duration of each sweep of t, in seconds"),
        ),
        rules=(Rule("theta1", "!=", "theta2", "a chord needs two different ends"),),
    )
    compute = seedless(pictures_of)

    def construct(self):
        th = self.theme
        self.pictures = self.compute(self.params, self.seed)
        frame_w, frame_h = self.camera.frame_width, self.camera.frame_height

        # 1. The definition and a convex function
        self.next_section("definition", "A function f is convex when, for every t in [0, 1], f(tθ "
                          "+ (1−t)θ′) ≤ t f(θ) + (1−t) f(θ′). Here is a convex function to test "
                          "it on.")
        header = MathTex(r"f(t\theta + (1-t)\theta')", r"\;\le\;",
                         r"t\,f(\theta) + (1-t)\,f(\theta')", font_size=theme.SCENE_FONT_TITLE)
        header[0].set_color(th.curve)
        header[2].set_color(th.chord)
        header.to_edge(UP, buff=0.35)
        readouts = self._readouts(header)
        height = frame_h - header.height - readouts.height - 2.6  # room for the θ labels below
        self.axes = {name: self._axes(picture, frame_w - 1.6, height)
                     for name, picture in self.pictures.items()}
        for axes in self.axes.values():
            axes.next_to(readouts, DOWN, buff=0.7)
        views = {name: self._view(name) for name in self.pictures}
        title = Tex("convex", font_size=theme.SCENE_FONT).next_to(self.axes["convex"], UP, buff=0.1)
        title.align_to(self.axes["convex"], LEFT).shift(0.3 * RIGHT)
        t_row = VGroup(MathTex("t =", font_size=theme.SCENE_FONT), self.t).arrange(RIGHT, buff=0.2)
        t_row.next_to(self.axes["convex"], UP, buff=0.1).align_to(self.axes["convex"], RIGHT)
        frame, graph, ticks, chord, ends = views["convex"]
        self.play(Write(header), FadeIn(frame), FadeIn(ticks), FadeIn(title), Create(graph),
                  run_time=1.5)
        self.wait(1.0)  # the opening picture, before the chord comes

        # 2. A chord between (θ′, f(θ′)) and (θ, f(θ))
        self.next_section("chord", "The chord joins (θ′, f(θ′)) to (θ, f(θ)). Above the point tθ "
                          "+ (1−t)θ′ its height is the right-hand side, t f(θ) + (1−t) f(θ′).")
        self.play(Create(chord), FadeIn(ends), run_time=1.5)
        self.hold(header)  # the definition, read against the picture

        # 3. t from 0 to 1: the graph stays under the chord
        self.next_section("convex sweep", "As t runs from 0 to 1, the bar joins the graph to the "
                          "chord above the same point. For a convex f the graph never rises above "
                          "the chord: the readouts keep the ≤.")
        self.probe = self._probe()
        shown = VGroup(readouts, t_row)  # every number the viewer reads
        self.sweep_to("convex", 0)
        self.play(FadeIn(self.probe), FadeIn(shown), run_time=1.0)
        self._sweep("convex")
        held = self._gap_regions("convex")
        self.bring_to_back(held)  # under the curves once it stops moving
        self.play(FadeIn(held), run_time=1.0)
        self.hold(shown)

        # 4. The same chord under a non-convex function; the numbers leave with the probe, and
        # come back showing the new curve's values (never the old ones beside the new curve)
        self.next_section("non-convex", "Now a non-convex function, with a chord between the same "
                          "two points θ′ and θ.")
        frame2, graph2, ticks2, chord2, ends2 = views["non-convex"]
        title2 = Tex("non-convex", font_size=theme.SCENE_FONT).move_to(title, aligned_edge=LEFT)
        before = (frame, graph, ticks, chord, ends)
        morphing = [m.copy() for m in before]  # the convex pieces stay as drawn (traces)
        self.play(FadeOut(held), FadeOut(self.probe), FadeOut(shown), run_time=0.6)
        self.remove(*before)
        self.add(*morphing)
        self.play(FadeOut(title), FadeIn(title2), *(ReplacementTransform(a, b) for a, b in zip(
            morphing, (frame2, graph2, ticks2, chord2, ends2))), run_time=2.0)
        self.sweep_to("non-convex", 0)
        self.play(FadeIn(self.probe), FadeIn(shown), run_time=0.5)
        self.hold(shown)

        # 5. t from 0 to 1 again: now the chord dips under the graph
        self.next_section("non-convex sweep", "Sweep t again and watch the sign: wherever the "
                          "graph rises above the chord, the inequality flips to > and the bar "
                          "changes colour.")
        self._sweep("non-convex")

        # 6. Back to where the chord is deepest under the graph: the definition fails there
        picture = self.pictures["non-convex"]
        self.next_section("failure", (
            "Shaded: where the inequality holds and, in the other colour, where it fails. t goes "
            "back to where the chord lies lowest against the graph, the worst case for the "
            "definition." if picture.dips_under else
            "For these θ and θ′ the chord stays above the graph: the inequality holds at every t. "
            "One chord that holds cannot show that f is convex, nor that it is not."))
        deepest = int(np.argmin(picture.chord.gap))
        regions = self._gap_regions("non-convex")
        self.bring_to_back(regions)
        self.play(FadeIn(regions), run_time=1.0)
        self._sweep("non-convex", start=-1, stop=deepest, run_time=2.0)
        self.hold(shown)


    def _axes(self, picture: ChordPicture, width: float, height: float) -> Axes:
        """Coordinates only (never drawn): the window of sim's picture on the screen box."""
        (x0, x1), (y0, y1) = picture.window
        return Axes(x_range=[x0, x1], y_range=[y0, y1], x_length=width, y_length=height,
                    tips=False)

    def _view(self, name: str):
        """The static pieces of one picture: frame, graph, θ ticks, chord, chord ends."""
        th, picture, axes = self.theme, self.pictures[name], self.axes[name]
        (x0, x1), (y0, y1) = picture.window
        frame = VGroup(Line(axes.c2p(x0, y0), axes.c2p(x1, y0)),
                       Line(axes.c2p(x0, y0), axes.c2p(x0, y1))).set_stroke(th.muted, 2)
        shown = (picture.xs >= x0) & (picture.xs <= x1)
        graph = self.trace(f"{name} graph", axes,
                           np.column_stack([picture.xs, picture.values])[shown], th.curve)
        graph.set_stroke(width=5)
        ends = np.column_stack([picture.chord.points, picture.chord.chord])[[0, -1]]
        chord = self.trace(f"{name} chord", axes, ends, th.chord).set_stroke(width=5)
        dots = VGroup(*(Dot(axes.c2p(*p), radius=0.09, color=th.chord) for p in ends))
        ticks = VGroup(*(MathTex(label, font_size=theme.SCENE_FONT)
                         .next_to(axes.c2p(x, y0), DOWN, buff=0.2)
                         for label, x in ((r"\theta'", picture.theta2),
                                          (r"\theta", picture.theta1))))
        return frame, graph, ticks, chord, dots

    def _readouts(self, header) -> VGroup:
        """Both sides' values and the relation between them, each under its part of the header."""
        th = self.theme
        size = theme.SCENE_FONT
        self.t = Number(0, num_decimal_places=2, font_size=size)
        self.left = Number(0, num_decimal_places=3, include_sign=True, color=th.curve,
                           font_size=size)
        self.right = Number(0, num_decimal_places=3, include_sign=True, color=th.chord,
                            font_size=size)
        self.holds = MathTex(r"\le", color=th.positive, font_size=size)
        self.fails = MathTex(">", color=th.violated, font_size=size)
        row = VGroup(self.left, self.holds, self.right, self.fails)
        for value, part in ((self.left, header[0]), (self.holds, header[1]),
                            (self.right, header[2]), (self.fails, header[1])):
            value.next_to(header, DOWN, buff=0.3).set_x(part.get_x())
        return row

    def _probe(self) -> VGroup:
        """The moving parts: θ_t on the axis, f there, the chord there and the bar between."""
        th = self.theme
        self.foot = Dot(radius=0.07, color=th.foreground)
        self.on_graph = Dot(radius=0.1, color=th.curve)
        self.on_chord = Dot(radius=0.1, color=th.chord)
        self.bar = Line(ORIGIN, ORIGIN + UP, stroke_width=6)
        self.guide = Line(ORIGIN, ORIGIN + UP, stroke_width=1.5, color=th.muted)
        return VGroup(self.guide, self.bar, self.foot, self.on_graph, self.on_chord)

    def sweep_to(self, name: str, k: int) -> None:
        """Show sim's k-th t on picture ``name``: the points, the bar and every readout."""
        th, axes, chord = self.theme, self.axes[name], self.pictures[name].chord
        (_, _), (y0, _) = self.pictures[name].window
        x, value, line = chord.points[k], chord.values[k], chord.chord[k]
        self.foot.move_to(axes.c2p(x, y0))
        self.on_graph.move_to(axes.c2p(x, value))
        self.on_chord.move_to(axes.c2p(x, line))
        holds = chord.gap[k] >= 0
        self.bar.put_start_and_end_on(axes.c2p(x, value), axes.c2p(x, line) + 1e-6 * UP)
        self.bar.set_color(th.positive if holds else th.violated)
        self.guide.put_start_and_end_on(axes.c2p(x, y0), axes.c2p(x, min(value, line)) + 1e-6 * UP)
        self.t.set_value(chord.ts[k])
        self.left.set_value(value)
        self.right.set_value(line)
        self.holds.set_opacity(1.0 if holds else 0.0)
        self.fails.set_opacity(0.0 if holds else 1.0)

    def _sweep(self, name: str, start: int = 0, stop: int = -1, run_time=None) -> None:
        """Move t through sim's samples ``start`` … ``stop`` (default: all of them)."""
        count = len(self.pictures[name].chord.ts)
        start, stop = start % count, stop % count
        moving = VGroup(self.probe, self.t, self.left, self.right, self.holds, self.fails)
        self.play(UpdateFromAlphaFunc(moving, lambda _, a: self.sweep_to(
            name, round(start + a * (stop - start)))),
            run_time=run_time or self.params.seconds, rate_func=linear)

    def _gap_regions(self, name: str) -> VGroup:
        """Between chord and graph, shaded by the sign of the gap: where the definition holds
        (the gap is positive) and where it fails (violated); one polygon per run of sim samples."""
        th, axes, chord = self.theme, self.axes[name], self.pictures[name].chord
        holds = chord.gap >= 0
        breaks = np.flatnonzero(np.diff(holds.astype(int))) + 1
        regions = VGroup()
        for run in np.split(np.arange(len(holds)), breaks):
            if len(run) < 2:
                continue
            upper = np.column_stack([chord.points[run], chord.chord[run]])
            lower = np.column_stack([chord.points[run], chord.values[run]])[::-1]
            colour = th.positive if holds[run[0]] else th.violated
            regions.add(Polygon(*axes.c2p(np.vstack([upper, lower])), stroke_width=0,
                                fill_color=colour, fill_opacity=0.3 if holds[run[0]] else 0.45))
        return regions

