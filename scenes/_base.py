"""The base of every lecture scene: the theme applied to Manim's defaults."""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np
from manim import Axes, DecimalNumber, MathTex, Scene, Tex, Text, VMobject

import theme as theme_module
from scenes._mobjects import polyline


def seedless(compute):
    """``compute(params)`` as a scene's ``compute(params, seed)``, for scenes that draw nothing at
    random."""
    return staticmethod(lambda params, seed: compute(params))


class LectureScene(Scene):
    """A scene with ``params``, ``seed`` and ``theme`` bound by the worker before rendering.

    ``construct`` reads its knobs from ``self.params``, draws arrays from
    ``sim`` and marks each story step with ``next_section``. Unbound (plain
    ``manim render scenes/x.py Class``), it uses its declared defaults.
    Every scene names its sim step as ``compute(params, seed)``: everything it
    draws, computed without Manim, so tests can run it alone over the
    declared bounds.
    """

    params: SimpleNamespace | None = None
    seed: int = 0
    theme: theme_module.Theme = theme_module.LIGHT

    def trace(self, name: str, axes: Axes, points: np.ndarray, color: str) -> VMobject:
        """A path through sim points, kept in ``self.traces`` so tests can check what was drawn."""
        path = polyline(axes, points, color)
        self.traces[name] = (axes, path)
        return path

    def setup(self) -> None:
        if self.params is None:
            self.params = SimpleNamespace(**{p.name: p.default for p in self.ASSET.params})
        self.traces: dict[str, tuple[Axes, VMobject]] = {}
        style = theme_module.manim_style(self.theme)
        for mobject in (MathTex, Tex, DecimalNumber):
            mobject.set_default(color=style["ink"])
        Text.set_default(color=style["ink"], font=style["font"])
