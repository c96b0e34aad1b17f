"""Live number readouts cheap enough to update on every frame at 60 fps.

Manim's ``DecimalNumber.set_value`` deep-copies a typeset ``MathTex`` for every
character on every call (about 15 ms, most of a 1080p frame). ``Number`` lays
its characters out exactly as ``DecimalNumber`` does, but retypes only when the
digits shown change, and each character is a single ``VMobject`` holding a
cached glyph outline rather than a copy of the whole typeset tree.
"""
from __future__ import annotations

import numpy as np
from manim import RIGHT, DecimalNumber, Integer, MathTex, VGroup, VMobject

_GLYPHS: dict[tuple, np.ndarray] = {}  # (character, typesetting class, font size) → outline points


class Number(DecimalNumber):
    """A ``DecimalNumber`` to update every frame: same look, same ``get_value``."""

    def _string_to_mob(self, string, mob_class=None, **kwargs) -> VMobject:
        key = (string, mob_class or self.mob_class, self._font_size, tuple(sorted(kwargs.items())))
        if key not in _GLYPHS:  # one glyph, one path: its subpaths intact
            _GLYPHS[key] = super()._string_to_mob(string, mob_class, **kwargs).get_all_points()
        glyph = VMobject(stroke_width=0, fill_opacity=self.fill_opacity)
        glyph.points = _GLYPHS[key].copy()
        return glyph

    def set_value(self, number: float):
        """Retype only when the characters shown change; the value itself is always kept."""
        if self._get_num_string(number) == self._get_num_string(self.number):
            self.number = number
            return self
        return super().set_value(number)


class Count(Number, Integer):
    """An integer ``Number``: Manim's ``Integer``, updated as cheaply."""


class Readout(VGroup):
    """A label (MathTex source) followed by a live ``Number``: 't =' and its value."""

    def __init__(self, label: str, places: int = 2, **kw):
        self.number = Number(0.0, num_decimal_places=places, **kw)
        super().__init__(MathTex(label, **kw), self.number)
        self.arrange(RIGHT, buff=0.15)

    def set_value(self, value: float) -> Readout:
        self.number.set_value(value)
        return self
