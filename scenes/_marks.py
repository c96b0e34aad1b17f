"""Vectors and right-angle marks drawn from sim arrays on equal-scale axes.

Generic enough to be shared (candidates for ``scenes/_mobjects.py``): every
picture of the gradient needs arrows in θ units and the square between two
measured directions.
"""
from __future__ import annotations

import numpy as np
from manim import Arrow, Axes, VMobject

ARROW_STROKE = 5.0


def vector(axes: Axes, tail, components, color: str, width: float = ARROW_STROKE) -> Arrow:
    """The arrow from ``tail`` to ``tail + components``, both in θ units."""
    tail = np.asarray(tail, dtype=float)
    start, end = axes.coords_to_point(np.stack([tail, tail + np.asarray(components)]))
    return Arrow(start, end, buff=0.0, color=color, stroke_width=width,
                 max_tip_length_to_length_ratio=0.3, max_stroke_width_to_length_ratio=12)


def right_angle(axes: Axes, corner, u, v, size: float, color: str, width: float = 2.5) -> VMobject:
    """The square mark between directions ``u`` and ``v`` at ``corner`` (θ units), drawn from the
    two directions themselves: were they not perpendicular, it would be a rhombus."""
    u = np.asarray(u, dtype=float) / np.linalg.norm(u)
    v = np.asarray(v, dtype=float) / np.linalg.norm(v)
    corner = np.asarray(corner, dtype=float)
    mark = VMobject(stroke_color=color, stroke_width=width)
    mark.set_points_as_corners(axes.coords_to_point(
        np.stack([corner + size * u, corner + size * (u + v), corner + size * v])))
    return mark

