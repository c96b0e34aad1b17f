"""Gradient descent and its noisy-gradient variant, recording whole trajectories."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np


@dataclass(frozen=True)
class Trajectory:
    """Iterates θ_0 … θ_T with the loss at each and the step size that led to it.

    ``lrs[k]`` is the step size used to go from iterate k−1 to iterate k, so
    ``lrs[0]`` is NaN (the start was not reached by a step).
    """

    iterates: np.ndarray  # (T + 1, d)
    losses: np.ndarray  # (T + 1,)
    lrs: np.ndarray  # (T + 1,)

    @property
    def steps(self) -> int:
        return len(self.iterates) - 1


def _descend(problem, start, lr: float, steps: int,
             direction: Callable[[np.ndarray, int], np.ndarray]) -> Trajectory:
    """θ_{k+1} = θ_k − ε·direction(θ_k, k): the loop every optimizer here shares."""
    if lr <= 0:
        raise ValueError(f"learning rate must be positive, got {lr}")
    theta = np.asarray(start, dtype=float).copy()
    iterates = np.empty((steps + 1, theta.size))
    iterates[0] = theta
    for k in range(steps):
        theta = theta - lr * direction(theta, k)
        iterates[k + 1] = theta
    lrs = np.full(steps + 1, float(lr))
    lrs[0] = np.nan
    return Trajectory(iterates=iterates, losses=problem.value(iterates), lrs=lrs)


def gradient_descent(problem, start, lr: float, steps: int) -> Trajectory:
    """Full-gradient descent with a constant step size."""
    return _descend(problem, start, lr, steps, lambda theta, _k: problem.grad(theta))


def noisy_gradient_descent(problem, start, lr: float, steps: int, noise: float,
                           seed: int) -> Trajectory:
    """Descent on ∇f + N(0, σ²I): the SGD stand-in for surfaces that have no data.

    The noise for all steps is drawn up front from one seeded generator, so the
    path is a pure function of (problem, start, lr, steps, noise, seed).
    """
    kicks = noise * np.random.default_rng(seed).standard_normal((steps, np.size(start)))
    return _descend(problem, start, lr, steps, lambda theta, k: problem.grad(theta) + kicks[k])
