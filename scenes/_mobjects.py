"""Mobject builders shared by scenes: equal-scale axes, contour lines and paths from sim arrays."""
from __future__ import annotations

import numpy as np
from manim import Axes, VGroup, VMobject

STROKE = 3.0  # path width in pixels at 1080p


def plane_axes(bounds, width: float, height: float, color: str) -> Axes:
    """Axes over ``bounds`` with one unit the same length on both axes (right angles look right),
    as large as fits in ``width`` × ``height``."""
    (x0, x1), (y0, y1) = bounds
    unit = min(width / (x1 - x0), height / (y1 - y0))
    return Axes(x_range=[x0, x1, 1], y_range=[y0, y1, 1],
                x_length=unit * (x1 - x0), y_length=unit * (y1 - y0),
                axis_config={"color": color, "include_ticks": False, "stroke_width": 2},
                tips=False)


def polyline(axes: Axes, points: np.ndarray, color: str, width: float = STROKE) -> VMobject:
    """One VMobject through sim points (shape (m, 2)): one straight curve per segment,
    so ``Create`` reaches point k at proportion k / (m − 1)."""
    line = VMobject(stroke_color=color, stroke_width=width)
    line.set_points_as_corners(axes.coords_to_point(np.asarray(points, dtype=float)))
    return line


def contour_lines(axes: Axes, level_lines, color: str, width: float = 1.5) -> VGroup:
    """All polylines of a sim ``LevelLines`` as one static group."""
    return VGroup(*(polyline(axes, piece, color, width)
                    for pieces in level_lines.lines for piece in pieces))


def screen_map(axes: Axes):
    """sim points (shape (m, 2)) → scene points, as one affine map of linear axes. Equal to
    ``coords_to_point``, which costs ~80 µs a point: too slow for many points every frame.
    Take a fresh map after the axes move."""
    origin, x_end, y_end = axes.coords_to_point(np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]]))
    return lambda xy: origin + np.asarray(xy, dtype=float) @ np.stack([x_end - origin,
                                                                        y_end - origin])


def markers(template: VMobject, centres: np.ndarray) -> VMobject:
    """Copies of one marker at many scene points, as ONE mobject (one path per copy): Manim pays
    per mobject per frame, so a hundred data points cost one draw instead of a hundred."""
    shape = template.points - template.get_center()
    many = template.copy()
    many.points = np.concatenate([shape + c for c in centres]) if len(centres) else shape[:0]
    return many


def screen_point(axes: Axes, xy) -> np.ndarray:
    """The scene point of one sim point (shape (2,)); ``coords_to_point`` of a (1, 2) array
    already returns that single point."""
    return axes.coords_to_point(np.asarray(xy, dtype=float)[None, :])


def point_along(axes: Axes, points: np.ndarray, progress: float) -> np.ndarray:
    """Where a marker moving along sim ``points`` is at ``progress`` ∈ [0, 1], one segment per
    step, matching ``Create`` of the path's polyline (linear between drawn iterates)."""
    points = np.asarray(points, dtype=float)
    s = progress * (len(points) - 1)
    k = min(int(s), len(points) - 2)
    return screen_point(axes, points[k] + (s - k) * (points[k + 1] - points[k]))
