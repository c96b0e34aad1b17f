"""Level sets {θ : f(θ) = c}: polylines for contour plots, and exact points with tangents.

The polylines are computed once here (contourpy, matplotlib's own contouring
engine) and handed to both renderers, so the slide figure and the animation
draw the same curves.
"""
from __future__ import annotations

from dataclasses import dataclass

import contourpy
import numpy as np

from sim.errors import SimError


@dataclass(frozen=True)
class LevelLines:
    """For each level c, the polylines (arrays of shape (m, 2)) of {f = c} inside the bounds."""

    levels: np.ndarray
    lines: tuple[tuple[np.ndarray, ...], ...]


@dataclass(frozen=True)
class LevelSetFrame:
    """Points exactly on one level set, the curve's unit tangent there, and ∇f there.

    The tangents are measured from the curve itself (central differences of
    neighbouring points projected onto the level set), not constructed from
    the gradient, so ``tangents · gradients ≈ 0`` is a check, not a tautology.
    """

    level: float
    points: np.ndarray  # (k, 2)
    tangents: np.ndarray  # (k, 2), unit length
    gradients: np.ndarray  # (k, 2)


def _grid(problem, resolution: int):
    (x0, x1), (y0, y1) = problem.bounds
    xs, ys = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))
    return xs, ys, problem.value(np.stack([xs, ys], axis=-1))


def default_levels(problem, count: int = 12, resolution: int = 241) -> np.ndarray:
    """Levels spaced geometrically above the lowest value: dense near minima, sparse on the walls."""
    *_, zs = _grid(problem, resolution)
    low, high = zs.min(), zs.max()
    return low + np.geomspace(0.01, 0.8, count) * (high - low)


def level_lines(problem, levels, resolution: int = 241) -> LevelLines:
    """The level lines of ``problem`` at ``levels`` over its plotting bounds."""
    xs, ys, zs = _grid(problem, resolution)
    generator = contourpy.contour_generator(xs, ys, zs, line_type=contourpy.LineType.Separate)
    levels = np.asarray(levels, dtype=float)
    return LevelLines(levels=levels,
                      lines=tuple(tuple(generator.lines(c)) for c in levels))


def project_to_level(problem, points, level: float, iterations: int = 50) -> np.ndarray:
    """Newton steps along the gradient, θ ← θ − (f(θ) − c)∇f/‖∇f‖², until f(θ) = c to rounding."""
    points = np.array(points, dtype=float)
    for _ in range(iterations):
        residual = problem.value(points) - level
        if np.all(np.abs(residual) <= 1e-14 * max(1.0, abs(level))):
            break
        g = problem.grad(points)
        points -= (residual / np.sum(g * g, axis=-1))[..., None] * g
    return points


def _resample(polylines, count: int):
    """``count`` points spread evenly by arc length over all pieces, with each point's piece-local arc position."""
    pieces = [p for p in polylines if len(p) > 1]
    seg = [np.linalg.norm(np.diff(p, axis=0), axis=1) for p in pieces]
    lengths = np.array([s.sum() for s in seg])
    total = lengths.sum()
    targets = (np.arange(count) + 0.5) * total / count
    starts = np.concatenate([[0.0], np.cumsum(lengths)[:-1]])
    out = []
    for t in targets:
        i = int(np.searchsorted(starts, t, side="right") - 1)
        cum = np.concatenate([[0.0], np.cumsum(seg[i])])
        s = t - starts[i]
        out.append((pieces[i], cum, s))
    return out


def _along(piece, cum, s):
    return np.stack([np.interp(s, cum, piece[:, 0]), np.interp(s, cum, piece[:, 1])], axis=-1)


def level_set_frame(problem, level: float, count: int = 6, resolution: int = 241,
                    h: float = 1e-4) -> LevelSetFrame:
    """``count`` points evenly spread along {f = level}, each with tangent and gradient."""
    polylines = level_lines(problem, [level], resolution).lines[0]
    if not polylines:
        *_, zs = _grid(problem, resolution)
        raise SimError(f"level {level:g} has no points in the plotted region "
                       f"(f ranges over [{zs.min():.3g}, {zs.max():.3g}] there)")
    samples = _resample(polylines, count)
    centre = np.array([_along(p, cum, s) for p, cum, s in samples])
    ahead = np.array([_along(p, cum, s + h) for p, cum, s in samples])
    behind = np.array([_along(p, cum, s - h) for p, cum, s in samples])
    centre, ahead, behind = (project_to_level(problem, q, level) for q in (centre, ahead, behind))
    chords = ahead - behind
    tangents = chords / np.linalg.norm(chords, axis=-1, keepdims=True)
    return LevelSetFrame(level=float(level), points=centre, tangents=tangents,
                         gradients=problem.grad(centre))
