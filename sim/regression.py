"""Linear and logistic regression on synthetic centered 2-D data: the lecture's SGD problems.

A data problem is an analytic surface (``value``, ``grad``, ``hessian``,
``minima``, ``bounds``, all broadcasting over θ of shape (..., 2)) that is
also a mean of per-example losses, L(θ) = (1/n) Σ L_i(θ), with the
per-example gradients SGD and mini-batches sample from. The data are a pure
function of (n, noise or separation, seed). Centered data need no intercept
(the lecture's θ_0 = 0).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from typing import ClassVar

import numpy as np
from scipy.optimize import linprog, minimize_scalar
from scipy.special import expit

from sim.errors import SimError
from sim.geometry import clip_line
from sim.seeds import check_seed

MAX_EXAMPLES = 100_000
MAX_SCALE = 1e3  # noise and separation: a lecture's data are of order 1
_CHUNK = 1 << 21  # per-example values evaluated at once: grids of θ stay within ~16 MB


def softplus(z):
    """log(1 + e^z) without overflow: −log σ(−z)."""
    return np.logaddexp(0.0, z)


def logistic_losses(z, y):
    """−y log σ(z) − (1 − y) log(1 − σ(z)) for labels in {0, 1}, finite for any finite z.

    Each label picks its own softplus, so there is no cancellation of two large
    terms and no 0·∞.
    """
    return np.where(np.asarray(y) == 1, softplus(-np.asarray(z)), softplus(z))


def logistic_probability(theta, x) -> np.ndarray:
    """p(1 | x) = σ(θ⊤x) for points x of shape (..., 2)."""
    return expit(np.asarray(x, dtype=float) @ np.asarray(theta, dtype=float))


def decision_boundary(theta, bounds) -> np.ndarray | None:
    """End points of the boundary {x : θ⊤x = 0} inside the plot (None if θ = 0)."""
    return clip_line(theta, 0.0, bounds)


def _window(points, pad: float):
    """Axis-aligned plot bounds around ``points``, padded and rounded outward to halves."""
    points = np.asarray(points, dtype=float)
    low, high = points.min(axis=0) - pad, points.max(axis=0) + pad
    return tuple((math.floor(2 * lo) / 2, math.ceil(2 * hi) / 2) for lo, hi in zip(low, high))


def _check_size(n: int, noise_name: str, noise: float, seed: int) -> None:
    if not (isinstance(n, (int, np.integer)) and 3 <= n <= MAX_EXAMPLES):
        raise SimError(f"parameter n must be a whole number from 3 (centered 2-D data) to "
                       f"{MAX_EXAMPLES}, got {n!r}")
    check_scale(noise_name, noise)
    check_seed(seed)


def check_scale(name: str, value: float) -> None:
    """A noise level or class separation, in the data's units: from 0 to MAX_SCALE (beyond it
    squares of the data overflow; SimError)."""
    if not (math.isfinite(value) and 0 <= value <= MAX_SCALE):
        raise SimError(f"parameter {name} must be a number from 0 to {MAX_SCALE:g}, got {value!r}")


class MeanOfExamples:
    """A loss that is the mean of per-example losses: its value and mini-batch gradient, for
    any problem with ``n``, ``example_losses(theta)`` and ``example_grads(theta, idx)``."""

    def batch_grad(self, theta, idx) -> np.ndarray:
        """The mini-batch gradient: the batch MEAN of per-example gradients."""
        return self.example_grads(theta, idx).mean(axis=-2)

    def value(self, theta) -> np.ndarray:
        """L(θ) = (1/n) Σ L_i(θ), evaluated in chunks so large θ-grids stay small in memory."""
        theta = np.asarray(theta, dtype=float)
        flat = theta.reshape(-1, 2)
        rows = max(1, _CHUNK // self.n)
        parts = [self.example_losses(flat[i:i + rows]).mean(axis=-1)
                 for i in range(0, len(flat), rows)]
        if not parts:
            return np.zeros(theta.shape[:-1])
        return np.concatenate(parts).reshape(theta.shape[:-1])


class _DataProblem(MeanOfExamples):
    """What linear and logistic regression share: the mean over examples and its parts."""

    @property
    def X(self) -> np.ndarray:
        return self._data[0]

    @property
    def y(self) -> np.ndarray:
        return self._data[1]

    DEFAULT_START: ClassVar[tuple[float, float]] = (0.0, 0.0)

    def _z(self, theta, idx=None):
        """θ⊤x_i for the examples ``idx`` (all of them when None), shape (..., b)."""
        x = self.X if idx is None else self.X[idx]
        return np.sum(x * np.asarray(theta, dtype=float)[..., None, :], axis=-1)

    def _labels(self, idx=None):
        return self.y if idx is None else self.y[idx]

    def example_losses(self, theta) -> np.ndarray:
        """L_i(θ) for every example, shape (..., n)."""
        return self._losses(np.asarray(theta, dtype=float) @ self.X.T, self.y)

    def example_grads(self, theta, idx=None) -> np.ndarray:
        """∇L_i(θ) for the examples ``idx`` (all when None), shape (..., b, 2)."""
        x = self.X if idx is None else self.X[idx]
        return self._slopes(self._z(theta, idx), self._labels(idx))[..., None] * x


    def grad(self, theta) -> np.ndarray:
        z = np.asarray(theta, dtype=float) @ self.X.T
        return self._slopes(z, self.y) @ self.X / self.n

    def critical_points(self) -> np.ndarray:
        return self.minima()

    @property
    def infimum(self) -> float:
        """inf L over all θ: the value at the minimiser, or 0 when there is none (logistic
        regression on separable classes, whose loss falls toward 0 as ‖θ‖ → ∞)."""
        minima = self.minima()
        return float(self.value(minima).min()) if len(minima) else 0.0

    @property
    def bounds(self):
        """A window holding the origin (the usual start) and the minimiser, with room around."""
        points = np.vstack([np.zeros((1, 2)), self.minima()])
        return _window(points, max(1.5, 0.5 * float(np.abs(points).max())))


@dataclass(frozen=True)
class LinReg(_DataProblem):
    """Least squares L(θ) = (1/n) Σ ½(y_i − θ⊤x_i)² on y = Xθ* + noise·ε, X correlated Gaussian.

    Correlated inputs make the level sets tilted ellipses, so GD's zig-zag and
    SGD's scatter are both visible.
    """

    n: int = 100
    noise: float = 0.5
    seed: int = 0
    THETA_STAR: ClassVar[tuple[float, float]] = (1.5, -1.0)
    COVARIANCE: ClassVar[tuple[tuple[float, float], ...]] = ((1.0, 0.5), (0.5, 0.6))

    def __post_init__(self):
        _check_size(self.n, "noise", self.noise, self.seed)

    @cached_property
    def _data(self):
        rng = np.random.default_rng(self.seed)
        X = rng.standard_normal((self.n, 2)) @ np.linalg.cholesky(np.array(self.COVARIANCE)).T
        X -= X.mean(axis=0)
        y = X @ np.array(self.THETA_STAR) + self.noise * rng.standard_normal(self.n)
        return X, y - y.mean()

    @staticmethod
    def _losses(z, y):
        return 0.5 * (y - z) ** 2

    @staticmethod
    def _slopes(z, y):
        """∂L_i/∂z for z = θ⊤x_i."""
        return z - y

    def hessian(self, theta) -> np.ndarray:
        """X⊤X/n at every θ: the loss is an exact quadratic."""
        h = self.X.T @ self.X / self.n
        return np.broadcast_to(0.5 * (h + h.T), np.shape(theta)[:-1] + (2, 2)).copy()

    def minima(self) -> np.ndarray:
        """The least-squares solution, by an orthogonal factorisation (not the normal equations)."""
        return np.linalg.lstsq(self.X, self.y, rcond=None)[0][None, :]


@dataclass(frozen=True)
class LogReg(_DataProblem):
    """Logistic regression on two Gaussian classes ±(separation/2)·u with a shared covariance.

    L_i(θ) = −y_i log σ(θ⊤x_i) − (1 − y_i) log(1 − σ(θ⊤x_i)), ∇L_i = (σ(θ⊤x_i) − y_i) x_i.
    Labels alternate 0, 1, 0, … so the classes are balanced. When the classes
    are linearly separable the loss has no minimiser (it keeps falling as
    ‖θ‖ → ∞) and ``minima()`` is empty.
    """

    n: int = 100
    separation: float = 2.5
    seed: int = 0
    DIRECTION_DEGREES: ClassVar[float] = 30.0
    COVARIANCE: ClassVar[tuple[tuple[float, float], ...]] = ((1.0, -0.3), (-0.3, 0.6))

    def __post_init__(self):
        _check_size(self.n, "separation", self.separation, self.seed)

    @cached_property
    def _data(self):
        rng = np.random.default_rng(self.seed)
        y = np.arange(self.n) % 2
        angle = math.radians(self.DIRECTION_DEGREES)
        half = 0.5 * self.separation * np.array([math.cos(angle), math.sin(angle)])
        noise = rng.standard_normal((self.n, 2)) @ np.linalg.cholesky(np.array(self.COVARIANCE)).T
        X = np.where(y[:, None] == 1, half, -half) + noise
        return X - X.mean(axis=0), y

    @staticmethod
    def _losses(z, y):
        return logistic_losses(z, y)

    @staticmethod
    def _slopes(z, y):
        """∂L_i/∂z = σ(z) − y."""
        return expit(z) - y

    def hessian(self, theta) -> np.ndarray:
        """(1/n) Σ σ(z_i)(1 − σ(z_i)) x_i x_i⊤; σ(1 − σ) as σ(z)σ(−z) stays exact in the tails."""
        z = np.asarray(theta, dtype=float) @ self.X.T
        weights = expit(z) * expit(-z)
        h = np.einsum("...n,ni,nj->...ij", weights, self.X, self.X) / self.n
        return 0.5 * (h + np.swapaxes(h, -1, -2))  # exactly symmetric, whatever the summation order

    @cached_property
    def separable(self) -> bool:
        """Whether some θ has (2y_i − 1) θ⊤x_i ≥ 1 for all i: a feasibility linear programme."""
        signs = 2.0 * self.y - 1.0
        result = linprog(np.zeros(2), A_ub=-signs[:, None] * self.X, b_ub=-np.ones(self.n),
                         bounds=[(None, None)] * 2, method="highs")
        return result.status == 0

    @cached_property
    def _minimiser(self) -> np.ndarray:
        """Damped Newton from θ = 0 on the strictly convex loss, to rounding."""
        theta = np.zeros(2)
        for _ in range(100):
            step = np.linalg.solve(self.hessian(theta), self.grad(theta))
            scale, current = 1.0, self.value(theta)
            while self.value(theta - scale * step) > current and scale > 1e-10:
                scale /= 2.0
            theta = theta - scale * step
            if np.all(np.abs(scale * step) <= 1e-15 * (1.0 + np.abs(theta))):
                break
        return theta

    def minima(self) -> np.ndarray:
        """The maximum-likelihood θ, or an empty (0, 2) array when the classes are separable."""
        return np.zeros((0, 2)) if self.separable else self._minimiser[None, :]


@dataclass(frozen=True)
class LossCurves:
    """Per-example losses L_i(θ) of a 1-D parameter and their sum L(θ) = Σ L_i(θ).

    ``minimiser`` is where the sum is least within the plotted θ range.
    """

    thetas: np.ndarray  # (m,)
    x: np.ndarray  # (n,)
    y: np.ndarray  # (n,)
    per_example: np.ndarray  # (n, m)
    total: np.ndarray  # (m,)
    minimiser: float


def loss_curves(thetas, kind: str = "linreg", n: int = 5, seed: int = 0,
                slope: float = 1.0, noise: float = 0.5) -> LossCurves:
    """The SGD-I picture: each example's loss as a function of a scalar θ, and their sum.

    ``kind`` is 'linreg' (parabolas ½(y_i − θx_i)², y = slope·x + noise) or
    'logreg' (softplus curves, labels drawn from σ(slope·x)).
    """
    thetas = np.asarray(thetas, dtype=float)
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(n)
    if kind == "linreg":
        y = slope * x + noise * rng.standard_normal(n)
        per_example = 0.5 * (y[:, None] - thetas[None, :] * x[:, None]) ** 2
        minimiser = float(x @ y / (x @ x))
    elif kind == "logreg":
        y = (rng.random(n) < expit(slope * x)).astype(int)
        per_example = logistic_losses(thetas[None, :] * x[:, None], y[:, None])
        def total(t):
            return float(logistic_losses(t * x, y).sum())

        minimiser = float(minimize_scalar(total, bounds=(thetas.min(), thetas.max()),
                                          method="bounded", options={"xatol": 1e-10}).x)
    else:
        raise SimError(f"unknown loss-curve kind {kind!r}; choose 'linreg' or 'logreg'")
    return LossCurves(thetas=thetas, x=x, y=y, per_example=per_example,
                      total=per_example.sum(axis=0), minimiser=minimiser)


def example_minimisers(curves: LossCurves) -> np.ndarray:
    """Where each example's squared residual ½(y_i − θx_i)² is 0: θ_i = y_i / x_i (linear
    regression; a logistic loss has no minimiser, it falls toward one end)."""
    return curves.y / curves.x


def example_theta_range(n: int, seed: int = 0, slope: float = 1.0, noise: float = 0.5,
                        pad: float = 0.12) -> tuple[float, float]:
    """A θ axis for the linear-regression loss curves on which every example's minimiser and
    the sum's show: their span, widened by ``pad`` of it on each side."""
    probe = loss_curves(np.zeros(1), "linreg", n=n, seed=seed, slope=slope, noise=noise)
    points = np.r_[example_minimisers(probe), probe.minimiser]
    low, high = float(points.min()), float(points.max())
    width = high - low or 1.0
    return low - pad * width, high + pad * width
