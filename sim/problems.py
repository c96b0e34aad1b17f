"""Objective surfaces on R^2 with analytic gradients and Hessians.

Every method takes points of shape (..., 2) and broadcasts over the leading
axes, so one call evaluates a whole grid or a whole trajectory.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Quadratic:
    """The bowl f(θ) = ½(a θ1² + b θ2²); its Hessian is diag(a, b)."""

    a: float = 1.0
    b: float = 10.0
    bounds: tuple[tuple[float, float], tuple[float, float]] = ((-2.0, 2.0), (-1.2, 1.2))

    def value(self, theta: np.ndarray) -> np.ndarray:
        theta = np.asarray(theta, dtype=float)
        return 0.5 * (self.a * theta[..., 0] ** 2 + self.b * theta[..., 1] ** 2)

    def grad(self, theta: np.ndarray) -> np.ndarray:
        theta = np.asarray(theta, dtype=float)
        return np.stack([self.a * theta[..., 0], self.b * theta[..., 1]], axis=-1)

    def hessian(self, theta: np.ndarray) -> np.ndarray:
        theta = np.asarray(theta, dtype=float)
        h = np.zeros(theta.shape + (2,))
        h[..., 0, 0] = self.a
        h[..., 1, 1] = self.b
        return h

    def minima(self) -> np.ndarray:
        return np.zeros((1, 2))


@dataclass(frozen=True)
class DoubleWell:
    """The tilted double well f(θ) = (θ1² − 1)² + tilt·θ1 + ½ b θ2².

    Two local minima of different depth on the θ1 axis and a saddle between
    them: the smallest surface that is non-convex in the ways the lecture
    talks about.
    """

    b: float = 2.0
    tilt: float = 0.3
    bounds: tuple[tuple[float, float], tuple[float, float]] = ((-1.8, 1.8), (-1.0, 1.0))

    def value(self, theta: np.ndarray) -> np.ndarray:
        theta = np.asarray(theta, dtype=float)
        x, y = theta[..., 0], theta[..., 1]
        return (x**2 - 1.0) ** 2 + self.tilt * x + 0.5 * self.b * y**2

    def grad(self, theta: np.ndarray) -> np.ndarray:
        theta = np.asarray(theta, dtype=float)
        x, y = theta[..., 0], theta[..., 1]
        return np.stack([4.0 * x * (x**2 - 1.0) + self.tilt, self.b * y], axis=-1)

    def hessian(self, theta: np.ndarray) -> np.ndarray:
        theta = np.asarray(theta, dtype=float)
        h = np.zeros(theta.shape + (2,))
        h[..., 0, 0] = 12.0 * theta[..., 0] ** 2 - 4.0
        h[..., 1, 1] = self.b
        return h

    def critical_points(self) -> np.ndarray:
        """The three critical points, sorted by θ1: minimum, saddle, minimum."""
        roots = np.roots([4.0, 0.0, -4.0, self.tilt])
        xs = np.sort(roots[np.abs(roots.imag) < 1e-12].real)
        return np.stack([xs, np.zeros_like(xs)], axis=-1)

    def minima(self) -> np.ndarray:
        return self.critical_points()[[0, -1]]


SURFACES = {"quadratic": Quadratic, "double-well": DoubleWell}
"""The analytic surfaces by the name assets use for them."""
