"""The gradient's geometry as data: steepest ascent, gradient fields, and walks along level sets.

Everything the slides on "the gradient" and "the geometrical meaning of the
gradient" draw beyond the raw directional derivatives (``sim.directional``)
and level-set traces (``sim.levels``): the closed form of the steepest
direction, arrows on a grid, and ∂t f(θ(t)) = ∇f(θ(t))⊤θ′(t) along a level set.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.errors import SimError
from sim.levels import LevelSetTrace, trace_level_set


@dataclass(frozen=True)
class SteepestAscent:
    """At ``point``: ∇f, its norm (the largest directional derivative) and its direction."""

    point: np.ndarray  # (2,)
    gradient: np.ndarray  # (2,)
    norm: float  # ‖∇f‖ = max over unit u of ∇f⊤u
    angle: float  # radians in [0, 2π), counter-clockwise from the θ1 axis
    direction: np.ndarray  # (2,) ∇f/‖∇f‖, the maximiser u

    @property
    def descent_angle(self) -> float:
        """The angle of −∇f, where ∇f⊤u is smallest (= −‖∇f‖)."""
        return float((self.angle + np.pi) % (2.0 * np.pi))


def steepest_ascent(problem, point) -> SteepestAscent:
    """The steepest-ascent direction at ``point`` in closed form; an error at a critical point."""
    point = np.asarray(point, dtype=float)
    gradient = problem.grad(point)
    norm = float(np.linalg.norm(gradient))
    if norm == 0.0:
        raise SimError(f"∇f = 0 at {point.tolist()}: a critical point has no steepest direction; "
                       f"pick another point")
    angle = float(np.arctan2(gradient[1], gradient[0]) % (2.0 * np.pi))
    return SteepestAscent(point=point, gradient=gradient, norm=norm, angle=angle,
                          direction=gradient / norm)


@dataclass(frozen=True)
class GradientField:
    """∇f at the centres of a grid of square cells over a problem's bounds."""

    points: np.ndarray  # (k, 2)
    gradients: np.ndarray  # (k, 2), none of them zero
    spacing: float  # side of a cell: arrows shorter than half of it never touch


def gradient_field(problem, columns: int = 9, min_norm: float = 1e-3) -> GradientField:
    """``columns`` cells across, as many square cells down as fit; points where
    ‖∇f‖ < ``min_norm`` (next to a critical point, no direction to draw) are left out."""
    (x0, x1), (y0, y1) = problem.bounds
    spacing = (x1 - x0) / columns
    rows = max(1, int(round((y1 - y0) / spacing)))
    xs = x0 + spacing * (np.arange(columns) + 0.5)
    ys = y0 + (y1 - y0) / rows * (np.arange(rows) + 0.5)
    points = np.stack(np.meshgrid(xs, ys), axis=-1).reshape(-1, 2)
    gradients = problem.grad(points)
    keep = np.linalg.norm(gradients, axis=1) >= min_norm
    return GradientField(points=points[keep], gradients=gradients[keep], spacing=float(spacing))


@dataclass(frozen=True)
class LevelSetWalk:
    """A path θ(t) inside one level set, at unit speed (t is arc length), with the chain rule
    ∂t f(θ(t)) = ∇f(θ(t))⊤θ′(t) evaluated at every point.

    θ′ is the tangent measured from the traced points (``sim.levels``), not
    ∇f turned by 90°, so ``rates`` ≈ 0 and ``angles`` ≈ 90° are results.
    A closed level set is walked once around: the last point is the first.
    """

    level: float
    points: np.ndarray  # (k, 2) θ(t)
    times: np.ndarray  # (k,) t, the arc length travelled
    velocities: np.ndarray  # (k, 2) θ′(t), unit length
    gradients: np.ndarray  # (k, 2) ∇f(θ(t))
    rates: np.ndarray  # (k,) ∇f(θ(t))⊤θ′(t)
    angles: np.ndarray  # (k,) the angle between ∇f and θ′, degrees
    trace: LevelSetTrace  # what the walk was built from


def level_set_walk(problem, through, spacing: float = 0.01) -> LevelSetWalk:
    """Walk the level set {f = f(through)} from ``through`` (see ``sim.levels.trace_level_set``)."""
    (x0, x1), (y0, y1) = problem.bounds
    if not (x0 <= through[0] <= x1 and y0 <= through[1] <= y1):
        raise SimError(f"the point {tuple(through)} is outside the plot "
                       f"[{x0:g}, {x1:g}] × [{y0:g}, {y1:g}]; pick one inside it")
    trace = trace_level_set(problem, through, spacing=spacing)
    take = np.r_[np.arange(len(trace.points)), 0] if trace.closed else np.arange(len(trace.points))
    points, velocities, gradients = (a[take] for a in
                                     (trace.points, trace.tangents, trace.gradients))
    times = np.r_[0.0, np.cumsum(np.linalg.norm(np.diff(points, axis=0), axis=1))]
    rates = np.sum(gradients * velocities, axis=1)
    cosines = rates / np.linalg.norm(gradients, axis=1)
    return LevelSetWalk(level=trace.level, points=points, times=times, velocities=velocities,
                        gradients=gradients, rates=rates,
                        angles=np.degrees(np.arccos(np.clip(cosines, -1.0, 1.0))), trace=trace)
