"""Least squares for the smallest neural network, ŷ = θ2 tanh(θ1 x): a non-convex data problem.

The lecture replaces θᵀx by a network; with one hidden tanh unit (input
weight θ1, output weight θ2) the loss L(θ) = (1/n) Σ ½(y_i − θ2 tanh(θ1 x_i))²
is already non-convex: θ and −θ compute the same function, so the minima come
in a pair ±θ*, with a saddle between them at θ = 0 (where the unit is off).
It is a mean of per-example losses like ``sim.regression.LinReg``, so SGD and
mini-batches sample real per-example gradients from it.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from typing import ClassVar

import numpy as np

from sim.errors import SimError
from sim.problems import refine_critical_points
from sim.regression import MeanOfExamples

MAX_EXAMPLES = 100_000


@dataclass(frozen=True)
class TanhReg(MeanOfExamples):
    """L(θ) = (1/n) Σ ½(y_i − θ2 tanh(θ1 x_i))² on y = a* tanh(w* x) + noise·ε, x ~ N(0, 1)."""

    n: int = 50
    noise: float = 0.5
    seed: int = 0
    THETA_STAR: ClassVar[tuple[float, float]] = (1.2, 1.5)  # (w*, a*) the data are drawn from
    DEFAULT_START: ClassVar[tuple[float, float]] = (-1.5, 2.2)  # near the saddle's stable side

    def __post_init__(self):
        if not (isinstance(self.n, (int, np.integer)) and 2 <= self.n <= MAX_EXAMPLES):
            raise SimError(f"parameter n must be a whole number from 2 to {MAX_EXAMPLES}, "
                           f"got {self.n!r}")
        if not (math.isfinite(self.noise) and self.noise >= 0):
            raise SimError(f"parameter noise must be a number ≥ 0, got {self.noise!r}")
        if not (isinstance(self.seed, (int, np.integer)) and self.seed >= 0):
            raise SimError(f"parameter seed must be a whole number ≥ 0, got {self.seed!r}")

    @cached_property
    def _data(self):
        rng = np.random.default_rng(self.seed)
        x = rng.standard_normal(self.n)
        w, a = self.THETA_STAR
        return x, a * np.tanh(w * x) + self.noise * rng.standard_normal(self.n)

    @property
    def x(self) -> np.ndarray:
        return self._data[0]

    @property
    def y(self) -> np.ndarray:
        return self._data[1]

    def _unit(self, theta, idx=None):
        """(θ1, θ2, x, y, tanh(θ1 x)) broadcast to shape (..., b) for the examples ``idx``."""
        theta = np.asarray(theta, dtype=float)
        x = self.x if idx is None else self.x[idx]
        y = self.y if idx is None else self.y[idx]
        w, a = theta[..., 0, None], theta[..., 1, None]
        return w, a, x, y, np.tanh(w * x)

    def example_losses(self, theta) -> np.ndarray:
        """L_i(θ) for every example, shape (..., n)."""
        _, a, _, y, t = self._unit(theta)
        return 0.5 * (y - a * t) ** 2

    def example_grads(self, theta, idx=None) -> np.ndarray:
        """∇L_i(θ) = (ŷ_i − y_i)(θ2 (1 − tanh²) x_i, tanh(θ1 x_i)) for the examples ``idx``, shape (..., b, 2)."""
        _, a, x, y, t = self._unit(theta, idx)
        residual = a * t - y
        return np.stack([residual * a * (1.0 - t**2) * x, residual * t], axis=-1)

    def grad(self, theta) -> np.ndarray:
        return self.example_grads(theta).mean(axis=-2)

    def hessian(self, theta) -> np.ndarray:
        """(1/n) Σ [J_i J_iᵀ + r_i ∇²ŷ_i], J_i = ∇ŷ_i = (θ2 s x, t), s = 1 − t², r_i = ŷ_i − y_i."""
        _, a, x, y, t = self._unit(theta)
        s = 1.0 - t**2
        r = a * t - y
        h11 = np.mean((a * s * x) ** 2 - 2.0 * r * a * x**2 * t * s, axis=-1)
        h12 = np.mean(a * s * x * t + r * s * x, axis=-1)
        h22 = np.mean(t**2, axis=-1)
        h = np.empty(np.shape(h11) + (2, 2))
        h[..., 0, 0], h[..., 1, 1] = h11, h22
        h[..., 0, 1] = h[..., 1, 0] = h12
        return h

    @cached_property
    def _minimiser(self) -> np.ndarray:
        """The minimiser with θ1 > 0: best output weight for each input weight on a grid, then Newton.

        For a fixed θ1 the loss is a parabola in θ2, minimised by
        θ2 = Σ y_i t_i / Σ t_i²; the best grid θ1 of that profile seeds Newton's method.
        """
        w = np.linspace(0.05, 10.0, 2000)
        t = np.tanh(w[:, None] * self.x)
        a = (t @ self.y) / np.sum(t**2, axis=1)
        profile = self.value(np.stack([w, a], axis=-1))
        guess = np.array([w[profile.argmin()], a[profile.argmin()]])
        return refine_critical_points(self, guess[None, :])[0]

    def minima(self) -> np.ndarray:
        """The pair ±θ* (L(−θ) = L(θ) exactly, since tanh is odd), θ1 > 0 first."""
        return np.stack([self._minimiser, -self._minimiser])

    def critical_points(self) -> np.ndarray:
        """The two minima and the saddle at θ = 0 between them (∇L(0) = 0: the unit is off)."""
        return np.vstack([self.minima(), np.zeros((1, 2))])

    @property
    def bounds(self):
        """A square around the origin holding both minima with a margin of at least 1, in halves."""
        half = math.ceil(2.0 * (float(np.abs(self._minimiser).max()) + 1.0)) / 2.0
        return ((-half, half), (-half, half))
