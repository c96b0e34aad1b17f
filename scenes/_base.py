"""The base of every lecture scene: the theme applied to Manim's defaults, the opening picture
as the first frame, and (for tests) a record of how long each text stays still."""
from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace

import numpy as np
from manim import (AnimationGroup, Axes, BackgroundRectangle, DecimalNumber, FadeTransform,
                   MarkupText, MathTex, Mobject, Scene, SingleStringMathTex, Tex, Text, Transform,
                   VMobject, config)
from tqdm import tqdm

import theme as theme_module
from assets.sections import Mark
from scenes._mobjects import polyline
from scenes._numbers import Readout

# What a lecturer reads: typeset maths and numbers, a label with its live number (Readout), and
# Pango text (which scenes must not use: one family; recorded so a test can say so).
TEXTS = (Readout, SingleStringMathTex, DecimalNumber, Text, MarkupText)
CAPITAL_PER_POINT = 0.00709  # height of a capital letter or digit, in Manim units per font point


def texts_in(mobjects) -> list[Mobject]:
    """The outermost text mobjects among ``mobjects`` and their families (a number's characters
    belong to the number, a readout's label and number to the readout)."""
    found, seen = [], set()

    def walk(mobject):
        if id(mobject) in seen:
            return
        seen.add(id(mobject))
        if isinstance(mobject, TEXTS):
            found.append(mobject)
        else:
            for sub in mobject.submobjects:
                walk(sub)

    for mobject in mobjects:
        walk(mobject)
    return found


def outlines(text: Mobject) -> list[VMobject]:
    """The glyph outlines of ``text``, shown or not. A background rectangle behind a label is
    not a glyph."""
    found = []

    def walk(mobject):
        if isinstance(mobject, BackgroundRectangle):
            return
        if isinstance(mobject, VMobject) and len(mobject.points):
            found.append(mobject)
        for sub in mobject.submobjects:
            walk(sub)

    walk(text)
    return found


def visible_glyphs(text: Mobject) -> list[VMobject]:
    """The glyph outlines of ``text`` that show (any opacity): what a reader has to read."""
    return [g for g in outlines(text) if g.get_fill_opacities().max(initial=0) > 0
            or (g.get_stroke_width() > 0 and g.get_stroke_opacities().max(initial=0) > 0)]


def fingerprint(glyphs: list[VMobject]) -> int:
    """Equal exactly when the glyphs look the same: same outlines, place, colours and opacities."""
    return hash(tuple((np.round(g.points, 6).tobytes(), g.get_fill_rgbas().tobytes(),
                       g.get_stroke_rgbas().tobytes(), float(g.get_stroke_width()))
                      for g in glyphs))


def shape(text: Mobject) -> tuple:
    """A text's glyph outlines up to place, size and colour: the same for the same string."""
    pieces = [g.points[:, :2] for g in outlines(text)]
    if not pieces:
        return ()
    points = np.concatenate(pieces)
    size = max(np.ptp(points[:, 1]), 1e-9)
    return (tuple(len(p) for p in pieces),
            np.round((points - points.min(axis=0)) / size, 2).tobytes())


def morphs(animations) -> list[tuple[Mobject, Mobject]]:
    """The (text, other text) pairs that ``animations`` morph one into the other point by point
    (a Transform, not a cross-fade), where the two are not the same string: for a moment the
    reader sees neither, only mangled glyphs."""
    found = []
    for animation in animations:
        if isinstance(animation, AnimationGroup):
            found += morphs(animation.animations)
        elif isinstance(animation, Transform) and not isinstance(animation, FadeTransform):
            sources = texts_in([animation.mobject])
            targets = texts_in([animation.target_mobject])  # none for a fade
            if sources and targets and len(sources) != len(targets):
                found += [(animation.mobject, animation.target_mobject)]
            elif targets:
                found += [(a, b) for a, b in zip(sources, targets) if shape(a) != shape(b)]
    return found


def capital_height(text: Mobject) -> float:
    """How tall a capital letter or digit of ``text`` is, in Manim units: its font size
    × CAPITAL_PER_POINT. Manim derives a text's font size from its height, so it follows every
    scaling; the height used is the glyphs' own (a background rectangle's margin taken out).
    Text is set upright in every scene: a rotated label would measure its slanted extent.
    A readout is as small as its smaller part."""
    if isinstance(text, Readout):
        return min(capital_height(part) for part in texts_in(text.submobjects))
    ink = np.concatenate([g.points for g in outlines(text)])[:, 1]
    return text.font_size * (ink.max() - ink.min()) / text.height * CAPITAL_PER_POINT


@dataclass
class Shown:
    """One text mobject over a scene's timeline."""

    mobject: Mobject
    holds: list[tuple[float, int]] = field(default_factory=list)  # (seconds still, glyphs shown)
    composed: bool = False  # on screen between two plays, not only during one animation
    glyphs: int = 0  # the most glyphs it shows between plays
    heights: list[float] = field(default_factory=list)  # capital height between plays


class Timeline:
    """Every text a scene shows, and how long each look of it stays unchanged.

    Sampled after every play (the composed moments) and, inside plays, at every
    ``update_to_time``. A look ends at the last sample that still shows it, so
    holds are never overestimated. Also keeps every morph of one string into
    another."""

    def __init__(self):
        self.shown: dict[int, Shown] = {}
        self._open: dict[int, list] = {}  # id → [fingerprint, glyphs, since, last seen]
        self.morphs: list[tuple[Mobject, Mobject]] = []  # texts morphed into other strings

    def sample(self, time: float, mobjects, composed: bool) -> None:
        now = set()
        for text in texts_in(mobjects):
            glyphs = visible_glyphs(text)
            if not glyphs:
                continue
            key = id(text)
            now.add(key)
            shown = self.shown.setdefault(key, Shown(text))
            if composed:
                shown.composed = True
                shown.glyphs = max(shown.glyphs, len(glyphs))
                shown.heights.append(capital_height(text))
            look = fingerprint(glyphs)
            state = self._open.get(key)
            if state is not None and state[0] == look:
                state[3] = time
                continue
            if state is not None:
                self._close(key)
            self._open[key] = [look, len(glyphs), time, time]
        for key in set(self._open) - now:
            self._close(key)

    def _close(self, key: int) -> None:
        _, glyphs, since, last = self._open.pop(key)
        self.shown[key].holds.append((last - since, glyphs))

    def longest_hold(self, shown: Shown) -> tuple[float, int]:
        """(seconds, glyphs): the longest still look of a text on a composed frame, among its
        looks with the most glyphs it shows between plays (a formula built part by part must be
        held complete; a transform's passing looks do not count)."""
        holds = list(shown.holds)
        state = self._open.get(id(shown.mobject))
        if state is not None:
            holds.append((state[3] - state[2], state[1]))
        return max(s for s, g in holds if g == shown.glyphs), shown.glyphs


def seedless(compute):
    """``compute(params)`` as a scene's ``compute(params, seed)``, for scenes that draw nothing at
    random."""
    return staticmethod(lambda params, seed: compute(params))


class LectureScene(Scene):
    """A scene with ``params``, ``seed`` and ``theme`` bound by the worker before rendering.

    ``construct`` reads its knobs from ``self.params``, draws arrays from
    ``sim`` and marks each story step with ``next_section(name, note)``. Unbound (plain
    ``manim render scenes/x.py Class``), it uses its declared defaults.
    Every scene names its sim step as ``compute(params, seed)``: everything it
    draws, computed without Manim, so tests can run it alone over the
    declared bounds.

    The scene's first ``play`` composes the opening picture: it is applied but
    not recorded, so the video opens on that picture (PowerPoint and the page
    show the first frame until play is pressed; a fade-in would show a blank
    slide).
    """

    params: SimpleNamespace | None = None
    seed: int = 0
    theme: theme_module.Theme = theme_module.LIGHT
    # Tests set this (seconds between samples) to record ``self.timeline``, with animations
    # skipped: the record costs a walk over every text at every sample.
    timeline_step: float | None = None

    def trace(self, name: str, axes: Axes, points: np.ndarray, color: str) -> VMobject:
        """A path through sim points, kept in ``self.traces`` so tests can check what was drawn."""
        path = polyline(axes, points, color)
        self.traces[name] = (axes, path)
        return path

    def setup(self) -> None:
        if self.params is None:
            self.params = SimpleNamespace(**{p.name: p.default for p in self.ASSET.params})
        self.camera.background_color = self.theme.background  # also under plain `manim render`
        self.traces: dict[str, tuple[Axes, VMobject]] = {}
        for mobject in (MathTex, Tex, DecimalNumber):  # scene text is LaTeX only, never Pango
            mobject.set_default(color=self.theme.foreground)
        self.opened = False  # the opening picture is composed
        self.clock = 0.0  # seconds of video played
        self.marks: list[Mark] = []  # the sections, in order (assets.sections)
        self.timeline = Timeline() if self.timeline_step else None

    def play(self, *args, **kwargs) -> None:
        if not self.opened:
            self._compose(*args, **kwargs)
            self.opened = True
            self._sample(0.0, composed=True)
            return
        start = self.clock
        super().play(*args, **kwargs)
        self.clock = start + self.duration
        self._sample(self.clock, composed=True)

    def next_section(self, name: str, note: str, **kwargs) -> None:
        """Start a step of the story, where a lecturer stops to talk. ``note``: one or two
        sentences of what to say at this step, for students; it becomes the step's caption in
        the video's WebVTT track and its speaker note in the decks."""
        super().next_section(name, **kwargs)
        self.marks.append(Mark(name, note, round(self.renderer.time * config.frame_rate)))

    def hold(self, *texts: Mobject) -> None:
        """Wait while a lecturer reads ``texts`` aloud: theme.reading_time of their glyphs."""
        self.wait(theme_module.reading_time(sum(len(visible_glyphs(t)) for t in texts)))

    def _compose(self, *args, **kwargs) -> None:
        """Play the opening animations as skipped ones (their end state, no frames), and wind the
        renderer's clock back: the video's time starts with its first frame. Manim has no public
        switch for one play; its renderer's skipping flag is what ``next_section`` sets."""
        renderer = self.renderer
        skipping, time = renderer._original_skipping_status, renderer.time
        renderer._original_skipping_status = True
        try:
            super().play(*args, **kwargs)
        finally:
            renderer._original_skipping_status, renderer.time = skipping, time

    def begin_animations(self) -> None:
        if self.timeline is not None and self.opened:
            self.timeline.morphs += morphs(self.animations)
        super().begin_animations()

    def update_to_time(self, t: float) -> None:
        super().update_to_time(t)
        if self.opened:
            self._sample(self.clock + t, composed=False)

    def get_time_progression(self, run_time, description, n_iterations=None,
                             override_skip_animations=False):
        """Skipped animations step in ``timeline_step`` while the timeline is recorded (Manim
        jumps straight to their end), without drawing the steps."""
        if self.timeline is not None:
            self.skip_animation_preview = self.renderer.skip_animations
        if self.timeline is None or not self.renderer.skip_animations:
            return super().get_time_progression(run_time, description, n_iterations,
                                                override_skip_animations)
        return tqdm([*np.arange(0.0, run_time, self.timeline_step), run_time], disable=True)

    def _sample(self, time: float, composed: bool) -> None:
        if self.timeline is not None:
            self.timeline.sample(time, [*self.mobjects, *self.foreground_mobjects], composed)
