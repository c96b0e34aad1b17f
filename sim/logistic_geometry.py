"""Logistic regression in input space: p(1 | x) over the plane, its level lines, one-example updates.

The summary slides draw θ and the data in one plane (θ and x are both in
R², θ⊤x their dot product). ``logistic_picture`` gives everything that
depends on θ there: the decision boundary θ⊤x = 0 (closed form), the level
lines of p(1 | x) (measured by contouring p on a grid, not constructed from θ,
so "parallel to the boundary" is a result) and the grid of p for shading;
``level_segments`` gives the same lines in closed form, for animations;
``probability_bands`` cuts the window into flat bands of p for renderers
that shade with polygons.
``example_step`` is one SGD update on one example, θ ← θ − ε(p − y)x, with
the numbers a picture of it labels.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from sim.errors import SimError
from sim.geometry import clip_line
from sim.levels import LevelLines, level_lines
from sim.optimizers import Trajectory
from sim.regression import LogReg, decision_boundary, logistic_probability

LEVELS = (0.05, 0.25, 0.75, 0.95)
"""Default level lines of p(1 | x) beside the boundary p = 1/2, symmetric about it."""
RESOLUTION = 241  # grid samples along the longer side of the plot window


def fitted_theta(problem: LogReg) -> np.ndarray:
    """The maximum-likelihood θ, or a SimError saying what to change for separable classes."""
    minima = problem.minima()
    if len(minima) == 0:
        raise SimError(f"the two classes are linearly separable (n={problem.n}, separation="
                       f"{problem.separation:g}, seed={problem.seed}): the likelihood has no "
                       f"maximiser, θ would grow without bound; lower the separation or change "
                       f"the seed")
    return minima[0]


def rotated(theta, degrees) -> np.ndarray:
    """θ turned counter-clockwise about the origin by ``degrees`` (arrays of angles broadcast)."""
    angle = np.radians(np.asarray(degrees, dtype=float))[..., None]
    theta = np.asarray(theta, dtype=float)
    c, s = np.cos(angle), np.sin(angle)
    return np.concatenate([c * theta[0] - s * theta[1], s * theta[0] + c * theta[1]], axis=-1)


def window(points, pad: float = 0.5):
    """Axis-aligned plot bounds holding ``points`` with ``pad`` around, rounded out to halves."""
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    low, high = points.min(axis=0) - pad, points.max(axis=0) + pad
    return tuple((math.floor(2 * lo) / 2, math.ceil(2 * hi) / 2) for lo, hi in zip(low, high))


@dataclass(frozen=True)
class ProbabilityField:
    """x ↦ p(1 | x) = σ(θ⊤x) over a plot window: a surface ``sim.levels`` can contour."""

    theta: tuple[float, float]
    bounds: tuple[tuple[float, float], tuple[float, float]]

    def value(self, x) -> np.ndarray:
        return logistic_probability(self.theta, x)

    def grid(self, resolution: int = RESOLUTION):
        """(xs, ys, p): ``resolution`` samples along the longer side, cells square to within half a
        cell over the window, p of shape (len(ys), len(xs))."""
        (x0, x1), (y0, y1) = self.bounds
        cell = max(x1 - x0, y1 - y0) / (resolution - 1)
        xs = np.linspace(x0, x1, round((x1 - x0) / cell) + 1)
        ys = np.linspace(y0, y1, round((y1 - y0) / cell) + 1)
        return xs, ys, self.value(np.stack(np.meshgrid(xs, ys), axis=-1))


@dataclass(frozen=True)
class LogisticPicture:
    """Everything a plot of p(1 | x) = σ(θ⊤x) draws for one θ.

    ``boundary`` is the segment of θ⊤x = 0 inside ``bounds`` (None for θ = 0);
    ``lines`` the contoured level sets p = q for q in ``lines.levels``;
    ``probability[j, i]`` is p at (xs[i], ys[j]).
    """

    theta: np.ndarray
    bounds: tuple
    boundary: np.ndarray | None
    lines: LevelLines
    xs: np.ndarray
    ys: np.ndarray
    probability: np.ndarray


def _check_levels(levels) -> None:
    if not all(0.0 < q < 1.0 for q in levels):
        raise SimError(f"levels of p(1 | x) must lie strictly between 0 and 1, got {list(levels)}")


def logistic_picture(theta, bounds, levels=LEVELS, resolution: int = RESOLUTION) -> LogisticPicture:
    """The boundary, level lines and p-grid of σ(θ⊤x) over ``bounds``."""
    theta = np.asarray(theta, dtype=float)
    field = ProbabilityField(theta=tuple(theta), bounds=bounds)
    xs, ys, probability = field.grid(resolution)
    _check_levels(levels)
    return LogisticPicture(theta=theta, bounds=bounds, boundary=decision_boundary(theta, bounds),
                           lines=level_lines(field, levels, resolution), xs=xs, ys=ys,
                           probability=probability)


def level_segments(theta, bounds, levels=LEVELS) -> tuple[np.ndarray | None, ...]:
    """Each level line p(1 | x) = q inside ``bounds`` in closed form: θ⊤x = logit(q), a segment
    parallel to the boundary (None where it misses the window or θ = 0). What
    ``logistic_picture`` contours, cheap enough to redraw on every frame of an animation."""
    _check_levels(levels)
    return tuple(clip_line(theta, -math.log(q / (1.0 - q)), bounds) for q in levels)


def clip_half_plane(polygon: np.ndarray, normal, offset: float) -> np.ndarray:
    """The part of a convex polygon (vertices in order, shape (m, 2)) where normal⊤x + offset ≥ 0.

    One Sutherland–Hodgman pass: keep inside vertices, add the crossing of
    every edge that leaves or enters the half-plane.
    """
    if len(polygon) == 0:
        return polygon
    side = polygon @ np.asarray(normal, dtype=float) + offset
    kept = []
    for i in range(len(polygon)):
        j = (i + 1) % len(polygon)
        if side[i] >= 0:
            kept.append(polygon[i])
        if (side[i] >= 0) != (side[j] >= 0):
            kept.append(polygon[i] + side[i] / (side[i] - side[j]) * (polygon[j] - polygon[i]))
    return np.array(kept).reshape(-1, 2)


@dataclass(frozen=True)
class ProbabilityBands:
    """The plot window cut into bands edges[k] ≤ p(1 | x) ≤ edges[k + 1]: shading as flat polygons.

    ``polygons[k]`` is the convex band k (vertices in order; empty (0, 2) when
    the band misses the window). For θ = 0, p = 1/2 everywhere and the whole
    window is the band just above 1/2.
    """

    edges: np.ndarray  # (count + 1,) from 0 to 1
    polygons: tuple[np.ndarray, ...]


def probability_bands(theta, bounds, count: int = 24, overlap: float = 0.0) -> ProbabilityBands:
    """``count`` bands of equal width in p, each the window clipped to
    logit(q_k) ≤ θ⊤x ≤ logit(q_k+1) + overlap·‖θ‖.

    With ``overlap`` > 0 each band reaches that far (in x units) under the next
    one: painted in order, every anti-aliased edge then falls on the next band's
    colour instead of letting the background show through as a faint seam.
    """
    if not (isinstance(count, (int, np.integer)) and count >= 2 and count % 2 == 0):
        raise SimError(f"the number of bands must be an even whole number ≥ 2, got {count!r}")
    theta = np.asarray(theta, dtype=float)
    (x0, x1), (y0, y1) = bounds
    frame = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], dtype=float)
    edges = np.linspace(0.0, 1.0, count + 1)
    empty = np.zeros((0, 2))
    if not np.any(theta):
        return ProbabilityBands(edges=edges, polygons=tuple(
            frame if k == count // 2 else empty for k in range(count)))
    with np.errstate(divide="ignore"):
        cuts = np.log(edges / (1.0 - edges))  # θ⊤x at each edge: −∞ … +∞
    reach = overlap * np.linalg.norm(theta)
    polygons = []
    for low, high in zip(cuts[:-1], cuts[1:]):
        band = frame if low == -np.inf else clip_half_plane(frame, theta, -low)
        band = band if high == np.inf else clip_half_plane(band, -theta, high + reach)
        polygons.append(band if len(band) >= 3 else empty)
    return ProbabilityBands(edges=edges, polygons=tuple(polygons))


@dataclass(frozen=True)
class ExampleStep:
    """One SGD update on example ``index``: θ_after = θ + update, update = −ε∇θL_i = coefficient·x.

    ``coefficient`` = −ε(p − y) is positive for class 1 and negative for class 0.
    """

    index: int
    x: np.ndarray  # (2,)
    y: int
    p: float  # σ(θ⊤x) before the update
    theta: np.ndarray  # (2,) before
    gradient: np.ndarray  # (2,) ∇θ L_i(θ) = (p − y) x
    lr: float
    coefficient: float  # −ε(p − y)
    update: np.ndarray  # (2,) −ε · gradient
    theta_after: np.ndarray  # (2,)


def example_step(problem: LogReg, theta, index: int, lr: float) -> ExampleStep:
    """The update SGD makes on example ``index`` at ``theta`` with step size ``lr``."""
    theta = np.asarray(theta, dtype=float)
    index = int(index)
    x, y = problem.X[index].copy(), int(problem.y[index])
    p = float(logistic_probability(theta, x))
    gradient = problem.batch_grad(theta, np.array([index]))
    update = -lr * gradient
    return ExampleStep(index=index, x=x, y=y, p=p, theta=theta, gradient=gradient, lr=float(lr),
                       coefficient=-float(lr) * (p - y), update=update, theta_after=theta + update)


def most_wrong_example(problem: LogReg, theta, label: int) -> int:
    """The example of class ``label`` with the largest loss L_i(θ): the one θ classifies worst."""
    losses = problem.example_losses(np.asarray(theta, dtype=float))
    candidates = np.flatnonzero(problem.y == label)
    if candidates.size == 0:
        raise SimError(f"no example has label {label}")
    return int(candidates[np.argmax(losses[candidates])])


def sgd_steps(problem: LogReg, trajectory: Trajectory,
              count: int | None = None) -> tuple[ExampleStep, ...]:
    """The first ``count`` updates of an SGD trajectory (all when None), each as an ``ExampleStep``.

    Recomputed from the trajectory's own iterates, example indices and step
    sizes, so ``theta_after`` of step k is the trajectory's iterate k + 1 to rounding.
    """
    total = trajectory.steps if count is None else min(count, trajectory.steps)
    steps = []
    for k in range(1, total + 1):
        batch = trajectory.batches[k]
        if len(batch) != 1:
            raise SimError(f"update {k} used {len(batch)} examples; sgd_steps expects one per "
                           f"update")
        steps.append(example_step(problem, trajectory.iterates[k - 1], batch[0], trajectory.lrs[k]))
    return tuple(steps)


def longest_steps(steps, count: int) -> tuple[int, ...]:
    """Positions, in order, of the ``count`` updates among ``steps`` (``ExampleStep``s) that move θ
    farthest: ‖Δθ‖ = ε|p − y|‖x‖, the examples θ gets most wrong (|p − y| near 1) and far from the
    origin, whose updates are long enough to see and to point at."""
    lengths = np.array([np.linalg.norm(step.update) for step in steps])
    return tuple(sorted(int(i) for i in np.argsort(-lengths, kind="stable")[:count]))
