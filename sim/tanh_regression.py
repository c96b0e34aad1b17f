"""Least squares for the smallest neural network, ŷ = θ2 tanh(θ1 x): a non-convex data problem.

The lecture replaces θ⊤x by a network; with one hidden tanh unit (input
weight θ1, output weight θ2) the loss L(θ) = (1/n) Σ ½(y_i − θ2 tanh(θ1 x_i))²
is already non-convex: θ and −θ compute the same function, so minima come in
pairs ±θ*, with a saddle at θ = 0 (where the unit is off). It need not have a
minimum at all: on some data (few examples, much noise) L keeps falling as
θ1 → ∞, toward least squares on sign(x), or as θ1 → 0 with θ2 → ∞, toward
least squares on x; then ``minima()`` is empty and ``infimum`` is that limit.
It is a mean of per-example losses like ``sim.regression.LinReg``, so SGD and
mini-batches sample real per-example gradients from it.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from typing import ClassVar

import numpy as np
from scipy.optimize import minimize_scalar

from sim.errors import SimError
from sim.problems import refine_critical_points
from sim.regression import _CHUNK, MeanOfExamples, check_scale
from sim.seeds import check_seed

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
        check_scale("noise", self.noise)
        check_seed(self.seed)

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
        """(1/n) Σ [J_i J_i⊤ + r_i ∇²ŷ_i], J_i = ∇ŷ_i = (θ2 s x, t), s = 1 − t², r_i = ŷ_i − y_i."""
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

    def profile(self, w) -> tuple[np.ndarray, np.ndarray]:
        """The loss minimised over θ2 for each input weight θ1 = w ≠ 0, and the θ2 doing it.

        For a fixed θ1 the loss is a parabola in θ2, least at θ2 = Σ y_i t_i / Σ t_i²
        (t_i = tanh(θ1 x_i)), where it is (1/2n)(Σ y_i² − (Σ y_i t_i)² / Σ t_i²).
        ``w`` of shape (m,) gives two arrays of shape (m,); evaluated in chunks of w.
        """
        w = np.asarray(w, dtype=float)
        rows = max(1, _CHUNK // self.n)
        fits, values = [], []
        for i in range(0, len(w), rows):
            t = np.tanh(w[i:i + rows, None] * self.x)
            ty, tt = t @ self.y, np.sum(t * t, axis=1)
            fits.append(ty / tt)
            values.append((self.y @ self.y - ty * ty / tt) / (2.0 * self.n))
        return np.concatenate(values), np.concatenate(fits)

    @cached_property
    def limits(self) -> tuple[float, float]:
        """The profile's limits: θ1 → 0 (the unit is linear, tanh(θ1 x) ≈ θ1 x, so θ2 → ∞ with
        θ1θ2 → x⊤y/x⊤x: least squares on x) and θ1 → ∞ (tanh(θ1 x) → sign x: least squares on
        sign x), each (1/2n)(y⊤y − (v⊤y)²/v⊤v) for v = x and v = sign x."""
        def fit(v):
            return float(self.y @ self.y - (v @ self.y) ** 2 / (v @ v)) / (2.0 * self.n)

        return fit(self.x), fit(np.sign(self.x))

    @cached_property
    def _search(self) -> tuple[np.ndarray | None, float]:
        """(the minimiser with θ1 > 0 or None, inf L).

        The profile is sampled at 50 points per decade of θ1 from where tanh is
        linear to rounding (θ1·max|x_i| = 1e-8) to where it is saturated
        (θ1·min|x_i| = 20); each local minimum of the samples is refined by
        Brent's method in log θ1, the least is polished by Newton's method on
        ∇L = 0, and it is the minimiser if it lies below both limits by more
        than 1e-10 of the loss at θ = 0. Otherwise L has no minimiser and its
        infimum is the lower limit.
        """
        scale = np.abs(self.x[self.x != 0])
        low, high = math.log(1e-8 / scale.max()), math.log(20.0 / scale.min())
        u = np.linspace(low, high, max(3, math.ceil(50 * (high - low) / math.log(10))))
        values, _ = self.profile(np.exp(u))
        infimum, best = min(self.limits), None
        tolerance = 1e-10 * float(np.mean(self.y**2))
        dips = [k for k in range(1, len(u) - 1)
                if values[k] <= values[k - 1] and values[k] <= values[k + 1]]
        for k in dips:
            found = minimize_scalar(lambda s: self.profile(np.exp([s]))[0][0],
                                    bounds=(u[k - 1], u[k + 1]), method="bounded",
                                    options={"xatol": 1e-10})
            if found.fun < infimum - tolerance:
                infimum, best = float(found.fun), float(found.x)
        if best is None:
            return None, infimum
        w = math.exp(best)
        guess = np.array([w, self.profile([w])[1][0]])
        minimiser = refine_critical_points(self, guess[None, :])[0]
        return minimiser, float(self.value(minimiser))

    @property
    def infimum(self) -> float:
        """inf L over all θ: the least value when L has minimisers, else the limit it falls toward."""
        return self._search[1]

    def minima(self) -> np.ndarray:
        """The minimisers ±θ* (L(−θ) = L(θ) exactly, since tanh is odd), θ1 > 0 first, shape (2, 2);
        shape (0, 2) when L has none (it falls toward its infimum as θ1 → 0 or θ1 → ∞)."""
        minimiser = self._search[0]
        return np.zeros((0, 2)) if minimiser is None else np.stack([minimiser, -minimiser])

    def critical_points(self) -> np.ndarray:
        """The minima (if any), then the saddle at θ = 0 (∇L(0) = 0: the unit is off), shape (k, 2)."""
        return np.vstack([self.minima(), np.zeros((1, 2))])

    @property
    def bounds(self):
        """A square around the origin holding both minima (the default start when there are
        none) with a margin of at least 1, in halves."""
        minima = self.minima()
        points = minima if len(minima) else np.array([self.DEFAULT_START])
        half = math.ceil(2.0 * (float(np.abs(points).max()) + 1.0)) / 2.0
        return ((-half, half), (-half, half))
