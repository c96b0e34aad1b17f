"""Gradient descent stalls at a saddle; the noise of SGD escapes it (SGD III).

On f(θ) = ½(θ1² − θ2²) + ¼θ2⁴ (``sim.problems.BoundedSaddle``) the θ1 axis is
the saddle's stable direction: started at a distance δ from it, gradient
descent first slides into the saddle and only leaves it as δ(1 + ε)^t grows,
which takes about log(1/δ)/ε steps. Descent on a noisy gradient ∇f + ξ_t
(the stand-in for SGD on a surface without data) is kicked off the stable
direction at once and falls into one of the two minima at θ2 = ±1.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.optimizer_race import excess_loss
from sim.optimizers import Trajectory, gradient_descent, noisy_gradient_descent
from sim.problems import BoundedSaddle, classify

START_THETA1 = -1.8  # the start's distance along the stable direction, in the plot's left part
HORIZON = 10_000  # steps gradient descent is followed past the run to see whether it leaves
CHUNK = 250  # steps followed at a time


@dataclass(frozen=True)
class Ending:
    """The critical point nearest to where a run ended."""

    kind: str  # "saddle" or "minimum"
    point: np.ndarray  # (2,)
    distance: float


@dataclass(frozen=True)
class Escape:
    problem: BoundedSaddle
    start: np.ndarray  # (2,)
    saddle: np.ndarray  # (2,)
    minima: np.ndarray  # (2, 2)
    gd: Trajectory
    sgd: Trajectory
    gd_grad_norms: np.ndarray  # (T + 1,) ‖∇f(θ_t)‖ along the gradient-descent path
    gd_excess: np.ndarray  # (T + 1,) f(θ_t) − min f along each path
    sgd_excess: np.ndarray
    saddle_excess: float  # f(saddle) − min f: the height gradient descent stalls at
    gd_end: Ending
    sgd_end: Ending
    gd_leaves_at: int | None  # the first step at which GD, continued, is nearest a minimum; None
    # if it stays nearer the saddle for HORIZON steps past the run (on θ2 = 0 it never leaves)


def nearest_critical(problem, point) -> Ending:
    """Which critical point of ``problem`` a point is closest to, and how close."""
    points = problem.critical_points()
    distances = np.linalg.norm(points - np.asarray(point, dtype=float), axis=-1)
    k = int(distances.argmin())
    return Ending(kind=classify(problem, points)[k], point=points[k], distance=float(distances[k]))


def leaves_at(problem, run: Trajectory, lr: float) -> int | None:
    """The first step at which gradient descent, continued from the end of ``run`` for up to
    ``HORIZON`` more steps, is nearest a minimum of ``problem``: where a run that ends near the
    saddle (its gradient small but growing as δ(1 + ε)^t) actually leaves it."""
    points = problem.critical_points()
    minimum = np.array(classify(problem, points)) == "minimum"
    path, offset = run.iterates, 0
    while True:
        nearest = np.linalg.norm(path[:, None, :] - points[None, :, :], axis=-1).argmin(axis=1)
        hits = np.flatnonzero(minimum[nearest])
        if hits.size:
            return offset + int(hits[0])
        if offset + len(path) - 1 >= run.steps + HORIZON or (offset and len(path) <= CHUNK):
            return None  # followed far enough, or the continuation diverged and stopped
        offset += len(path) - 1  # continue from the last point, in chunks: most runs leave soon
        path = gradient_descent(problem, path[-1], lr, CHUNK).iterates


def saddle_escape(offset: float, lr: float, steps: int, noise: float, seed: int) -> Escape:
    """GD and noisy-gradient descent (σ = ``noise``) from (−1.8, ``offset``) on ``BoundedSaddle()``."""
    problem = BoundedSaddle()
    start = np.array([START_THETA1, offset])
    gd = gradient_descent(problem, start, lr, steps)
    sgd = noisy_gradient_descent(problem, start, lr, steps, noise, seed)
    kinds = classify(problem, problem.critical_points())
    saddle = problem.critical_points()[kinds.index("saddle")]
    lowest = float(problem.value(problem.minima()).min())
    return Escape(problem=problem, start=start, saddle=saddle, minima=problem.minima(),
                  gd=gd, sgd=sgd, gd_grad_norms=np.linalg.norm(problem.grad(gd.iterates), axis=-1),
                  gd_excess=excess_loss(gd.losses, lowest), sgd_excess=excess_loss(sgd.losses, lowest),
                  saddle_excess=float(problem.value(saddle)) - lowest,
                  gd_end=nearest_critical(problem, gd.iterates[-1]),
                  sgd_end=nearest_critical(problem, sgd.iterates[-1]),
                  gd_leaves_at=leaves_at(problem, gd, lr))
