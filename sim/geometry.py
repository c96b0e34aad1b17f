"""Plane geometry the figures need as numbers: lines clipped to the plot, covariance ellipses."""
from __future__ import annotations

import numpy as np


def clip_line(normal, offset: float, bounds, keep=()) -> np.ndarray | None:
    """The segment of {x : normal⊤x + offset = 0} inside ``bounds`` and the half-planes ``keep``.

    ``keep`` holds pairs (a, c) meaning a⊤x + c ≥ 0. Returns the two end points
    as a (2, 2) array, or None when nothing of the line is left.
    """
    normal = np.asarray(normal, dtype=float)
    scale = float(normal @ normal)
    if scale == 0.0:
        return None
    foot = -offset * normal / scale
    direction = np.array([-normal[1], normal[0]])
    (x0, x1), (y0, y1) = bounds
    box = [((1.0, 0.0), -x0), ((-1.0, 0.0), x1), ((0.0, 1.0), -y0), ((0.0, -1.0), y1)]
    low, high = -np.inf, np.inf
    for a, c in [*box, *keep]:
        a = np.asarray(a, dtype=float)
        rate, level = float(a @ direction), float(a @ foot + c)
        if rate == 0.0:
            if level < 0.0:
                return None
        elif rate > 0.0:
            low = max(low, -level / rate)
        else:
            high = min(high, -level / rate)
    if not low < high:
        return None
    return np.stack([foot + low * direction, foot + high * direction])


def ellipse_points(mean, cov, scale: float = 2.0, count: int = 100) -> np.ndarray:
    """``count`` points on {x : (x − μ)⊤Σ⁻¹(x − μ) = scale²}, the closed outline of a covariance."""
    values, vectors = np.linalg.eigh(np.asarray(cov, dtype=float))
    angles = np.linspace(0.0, 2.0 * np.pi, count, endpoint=False)
    circle = np.stack([np.cos(angles), np.sin(angles)], axis=-1)
    return np.asarray(mean, dtype=float) + scale * (circle * np.sqrt(values)) @ vectors.T
