"""The base of every lecture scene: the theme applied to Manim's defaults."""
from __future__ import annotations

from types import SimpleNamespace

from manim import DecimalNumber, MathTex, Scene, Tex, Text

import theme as theme_module


class LectureScene(Scene):
    """A scene with ``params``, ``seed`` and ``theme`` bound by the worker before rendering.

    ``construct`` reads its knobs from ``self.params``, draws arrays from
    ``sim`` and marks each story step with ``next_section``.
    """

    params: SimpleNamespace
    seed: int
    theme: theme_module.Theme = theme_module.LIGHT

    def setup(self) -> None:
        style = theme_module.manim_style(self.theme)
        for mobject in (MathTex, Tex, DecimalNumber):
            mobject.set_default(color=style["ink"])
        Text.set_default(color=style["ink"], font=style["font"])
