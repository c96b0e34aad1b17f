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
    """Levels spaced geometrically above the lowest value: dense near minima, sparse on walls."""
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
    """``count`` points spread evenly by arc length over all pieces.

    Each comes with its piece, the piece's cumulative arc lengths and its arc position there.
    """
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


@dataclass(frozen=True)
class LevelSetTrace:
    """The level set {f = c} through a point, traced as a polyline with tangents and gradients.

    Points lie on the level set to rounding; tangents are measured from the
    traced curve (a second-order difference of neighbouring points), not
    built from the gradient, so ``tangents · gradients ≈ 0`` is a real check.
    Tangents follow the direction of travel, which keeps the higher values of
    f on the right.
    """

    level: float
    points: np.ndarray  # (k, 2)
    tangents: np.ndarray  # (k, 2), unit length
    gradients: np.ndarray  # (k, 2)
    closed: bool  # True when the curve came back to its start


def _inside(point, bounds, margin: float = 0.05) -> bool:
    return all(lo - margin * (hi - lo) <= x <= hi + margin * (hi - lo)
               for x, (lo, hi) in zip(point, bounds))


def _heading(problem, point, sign: float):
    """The unit vector along the level set: ∇f turned by +90° (sign +1) or −90°."""
    g = problem.grad(point)
    norm = np.linalg.norm(g)
    return None if norm == 0.0 else sign * np.array([-g[1], g[0]]) / norm


def _walk(problem, start, level: float, sign: float, spacing: float, max_points: int,
          max_turn: float = 0.02):
    """Predictor (midpoint rule along the heading), corrector (project_to_level), until an end.

    Steps halve where the curve turns by more than ``max_turn`` radians in one
    step, so tight bends (Rosenbrock's valley tips) stay resolved.
    """
    points, farthest, step = [start], 0.0, spacing
    heading = _heading(problem, start, sign)
    while heading is not None and len(points) < max_points:
        point = points[-1]
        while True:
            middle = _heading(problem, point + 0.5 * step * heading, sign)
            nxt = (point if middle is None
                   else project_to_level(problem, point + step * middle, level))
            ahead = _heading(problem, nxt, sign)
            turn = np.inf if ahead is None else np.arccos(np.clip(heading @ ahead, -1.0, 1.0))
            if turn <= max_turn or step <= spacing / 1024:
                break
            step /= 2.0
        away = np.linalg.norm(nxt - start)
        if farthest > 2.0 * spacing and away < spacing:
            return points, True
        if ahead is None or not (np.all(np.isfinite(nxt)) and _inside(nxt, problem.bounds)):
            break
        farthest = max(farthest, away)
        points.append(nxt)
        heading, step = ahead, min(spacing, 2.0 * step)
    return points, False


def _derivatives(before, points, after):
    """d(points)/ds from three points at unequal arc steps h1 (back), h2 (ahead); second order."""
    h1 = np.linalg.norm(points - before, axis=1)[:, None]
    h2 = np.linalg.norm(after - points, axis=1)[:, None]
    return (h1**2 * (after - points) + h2**2 * (points - before)) / (h1 * h2 * (h1 + h2))


def _end_derivative(p0, p1, p2):
    """d/ds at p0 from p0 and the next two points, second order (one-sided)."""
    h1, h2 = np.linalg.norm(p1 - p0), np.linalg.norm(p2 - p1)
    return (-(2 * h1 + h2) / (h1 * (h1 + h2)) * p0 + (h1 + h2) / (h1 * h2) * p1
            - h1 / (h2 * (h1 + h2)) * p2)


def _curve_tangents(points: np.ndarray, closed: bool) -> np.ndarray:
    """Unit tangents in the direction of travel, from the points alone."""
    if closed:
        derivative = _derivatives(np.roll(points, 1, axis=0), points, np.roll(points, -1, axis=0))
    elif len(points) < 3:
        chord = points[-1] - points[0]
        derivative = np.broadcast_to(chord, points.shape).copy()
    else:
        derivative = np.empty_like(points)
        derivative[1:-1] = _derivatives(points[:-2], points[1:-1], points[2:])
        derivative[0] = _end_derivative(*points[:3])
        derivative[-1] = -_end_derivative(*points[:-4:-1])
    return derivative / np.linalg.norm(derivative, axis=1, keepdims=True)


def trace_level_set(problem, through, spacing: float = 0.02,
                    max_points: int = 5000) -> LevelSetTrace:
    """Follow {f = f(through)} from ``through`` both ways until it closes or leaves the plot.

    ``spacing`` is the arc length between neighbouring points, smaller in tight bends.
    """
    through = np.asarray(through, dtype=float)
    if not np.any(problem.grad(through)):
        raise SimError(f"∇f = 0 at {through.tolist()}: a critical point, where the level set "
                       f"has no tangent; trace through another point")
    level = float(problem.value(through))
    forward, closed = _walk(problem, through, level, 1.0, spacing, max_points)
    if not closed:
        backward, _ = _walk(problem, through, level, -1.0, spacing, max_points)
        forward = backward[:0:-1] + forward
    points = np.array(forward)
    tangents = (_curve_tangents(points, closed) if len(points) > 1
                else _heading(problem, through, 1.0)[None])  # one point: no curve to measure
    return LevelSetTrace(level=level, points=points, tangents=tangents,
                         gradients=problem.grad(points), closed=closed)
