"""Objective surfaces on R^2 with analytic gradients, Hessians and known critical points.

Every method takes points of shape (..., 2) and broadcasts over the leading
axes, so one call evaluates a whole grid or a whole trajectory. Each surface
is a frozen dataclass whose fields (except ``bounds``) are its parameters, so
the CLI can build one from ``--param KEY=VALUE`` and name it in its output.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from sim.errors import SimError

Bounds = tuple[tuple[float, float], tuple[float, float]]


def _xy(theta):
    theta = np.asarray(theta, dtype=float)
    return theta[..., 0], theta[..., 1]


def _hessian(theta, h11, h12, h22) -> np.ndarray:
    """Assemble symmetric 2×2 Hessians of shape (..., 2, 2) from broadcastable entries."""
    shape = np.shape(np.asarray(theta))[:-1]
    h = np.empty(shape + (2, 2))
    h[..., 0, 0] = h11
    h[..., 0, 1] = h[..., 1, 0] = h12
    h[..., 1, 1] = h22
    return h


def _positive(**values: float) -> None:
    for name, value in values.items():
        if not (math.isfinite(value) and value > 0):
            raise SimError(f"parameter {name} must be a positive number, got {value!r}; "
                           f"pass e.g. --param {name}=1")


def _finite(**values: float) -> None:
    for name, value in values.items():
        if not math.isfinite(value):
            raise SimError(f"parameter {name} must be a finite number, got {value!r}")


def refine_critical_points(problem, guesses, iterations: int = 50) -> np.ndarray:
    """Newton's method on ∇f = 0 from rough guesses: critical points exact to rounding."""
    points = np.array(guesses, dtype=float)
    for _ in range(iterations):
        step = np.linalg.solve(problem.hessian(points), problem.grad(points)[..., None])[..., 0]
        points = points - step
        if np.all(np.abs(step) <= 1e-15 * (1.0 + np.abs(points))):
            break
    return points


def classify(problem, points) -> tuple[str, ...]:
    """'minimum', 'saddle' or 'maximum' for each critical point, from the Hessian's eigenvalues."""
    eigenvalues = np.linalg.eigvalsh(problem.hessian(np.asarray(points, dtype=float)))
    kinds = []
    for low, high in np.atleast_2d(eigenvalues):
        kinds.append("minimum" if low > 0 else "maximum" if high < 0 else "saddle")
    return tuple(kinds)


@dataclass(frozen=True)
class Quadratic:
    """The bowl f(θ) = ½ θ⊤Aθ, A = R(angle) diag(a, b) R(angle)⊤; angle in degrees.

    ``a`` and ``b`` stay the eigenvalues of the Hessian whatever the rotation,
    so the step-size threshold 2/max(a, b) does not move when the bowl turns.
    """

    a: float = 1.0
    b: float = 10.0
    bounds: Bounds = ((-2.0, 2.0), (-1.2, 1.2))
    angle: float = 0.0
    DEFAULT_START: ClassVar[tuple[float, float]] = (-1.8, 1.0)

    def __post_init__(self):
        _positive(a=self.a, b=self.b)
        _finite(angle=self.angle)

    @property
    def matrix(self) -> np.ndarray:
        """A, the constant Hessian."""
        c, s = math.cos(math.radians(self.angle)), math.sin(math.radians(self.angle))
        rotation = np.array([[c, -s], [s, c]])
        matrix = rotation @ np.diag([self.a, self.b]) @ rotation.T
        return 0.5 * (matrix + matrix.T)  # exactly symmetric after rounding

    def value(self, theta: np.ndarray) -> np.ndarray:
        theta = np.asarray(theta, dtype=float)
        return 0.5 * np.sum(theta * self.grad(theta), axis=-1)

    def grad(self, theta: np.ndarray) -> np.ndarray:
        return np.asarray(theta, dtype=float) @ self.matrix.T

    def hessian(self, theta: np.ndarray) -> np.ndarray:
        return np.broadcast_to(self.matrix, np.shape(theta)[:-1] + (2, 2)).copy()

    def minima(self) -> np.ndarray:
        return np.zeros((1, 2))

    def critical_points(self) -> np.ndarray:
        return self.minima()


@dataclass(frozen=True)
class Saddle:
    """f(θ) = ½(a θ1² − b θ2²): the plain saddle, unbounded below along θ2."""

    a: float = 1.0
    b: float = 1.0
    bounds: Bounds = ((-2.0, 2.0), (-2.0, 2.0))
    DEFAULT_START: ClassVar[tuple[float, float]] = (-1.8, 0.01)

    def __post_init__(self):
        _positive(a=self.a, b=self.b)

    def value(self, theta):
        x, y = _xy(theta)
        return 0.5 * (self.a * x**2 - self.b * y**2)

    def grad(self, theta):
        x, y = _xy(theta)
        return np.stack([self.a * x, -self.b * y], axis=-1)

    def hessian(self, theta):
        return _hessian(theta, self.a, 0.0, -self.b)

    def minima(self) -> np.ndarray:
        """None: the surface falls without bound along θ2."""
        return np.zeros((0, 2))

    def critical_points(self) -> np.ndarray:
        return np.zeros((1, 2))


@dataclass(frozen=True)
class BoundedSaddle:
    """f(θ) = ½(a θ1² − b θ2²) + ¼ quartic·θ2⁴: a saddle at 0 between two minima.

    The quartic wall catches what escapes the saddle, so a path that leaves it
    has somewhere to go: the saddle-escape demo of gradient descent vs SGD.
    Minima at (0, ±√(b/quartic)) with value −b²/(4 quartic).
    """

    a: float = 1.0
    b: float = 1.0
    quartic: float = 1.0
    bounds: Bounds = ((-2.0, 2.0), (-1.8, 1.8))
    DEFAULT_START: ClassVar[tuple[float, float]] = (-1.8, 1e-6)

    def __post_init__(self):
        _positive(a=self.a, b=self.b, quartic=self.quartic)

    def value(self, theta):
        x, y = _xy(theta)
        return 0.5 * (self.a * x**2 - self.b * y**2) + 0.25 * self.quartic * y**4

    def grad(self, theta):
        x, y = _xy(theta)
        return np.stack([self.a * x, -self.b * y + self.quartic * y**3], axis=-1)

    def hessian(self, theta):
        x, y = _xy(theta)
        return _hessian(theta, self.a, 0.0, -self.b + 3.0 * self.quartic * y**2)

    def critical_points(self) -> np.ndarray:
        """Sorted by θ2: minimum, saddle, minimum."""
        r = math.sqrt(self.b / self.quartic)
        return np.array([[0.0, -r], [0.0, 0.0], [0.0, r]])

    def minima(self) -> np.ndarray:
        return self.critical_points()[[0, 2]]


@dataclass(frozen=True)
class Rosenbrock:
    """f(θ) = (a − θ1)² + b(θ2 − θ1²)²: a curved, narrow valley; minimum at (a, a²)."""

    a: float = 1.0
    b: float = 100.0
    bounds: Bounds = ((-2.0, 2.0), (-1.0, 3.0))
    DEFAULT_START: ClassVar[tuple[float, float]] = (-1.2, 1.0)

    def __post_init__(self):
        _finite(a=self.a)
        _positive(b=self.b)

    def value(self, theta):
        x, y = _xy(theta)
        return (self.a - x) ** 2 + self.b * (y - x**2) ** 2

    def grad(self, theta):
        x, y = _xy(theta)
        valley = y - x**2
        return np.stack([-2.0 * (self.a - x) - 4.0 * self.b * x * valley,
                         2.0 * self.b * valley], axis=-1)

    def hessian(self, theta):
        x, y = _xy(theta)
        return _hessian(theta, 2.0 - 4.0 * self.b * (y - 3.0 * x**2), -4.0 * self.b * x,
                        2.0 * self.b)

    def minima(self) -> np.ndarray:
        return np.array([[self.a, self.a**2]])

    def critical_points(self) -> np.ndarray:
        return self.minima()


# Rough locations (from the literature) that Newton's method refines to rounding.
_HIMMELBLAU_GUESSES = {
    "minimum": [(3.0, 2.0), (-2.805, 3.131), (-3.779, -3.283), (3.584, -1.848)],
    "saddle": [(-3.073, -0.081), (-0.128, -1.954), (0.087, 2.884), (3.385, 0.074)],
    "maximum": [(-0.271, -0.923)],
}


@dataclass(frozen=True)
class Himmelblau:
    """f(θ) = (θ1² + θ2 − 11)² + (θ1 + θ2² − 7)²: four minima, four saddles, one maximum."""

    bounds: Bounds = ((-5.0, 5.0), (-5.0, 5.0))
    DEFAULT_START: ClassVar[tuple[float, float]] = (0.0, 0.0)

    def value(self, theta):
        x, y = _xy(theta)
        return (x**2 + y - 11.0) ** 2 + (x + y**2 - 7.0) ** 2

    def grad(self, theta):
        x, y = _xy(theta)
        p, q = x**2 + y - 11.0, x + y**2 - 7.0
        return np.stack([4.0 * x * p + 2.0 * q, 2.0 * p + 4.0 * y * q], axis=-1)

    def hessian(self, theta):
        x, y = _xy(theta)
        return _hessian(theta, 12.0 * x**2 + 4.0 * y - 42.0, 4.0 * (x + y),
                        4.0 * x + 12.0 * y**2 - 26.0)

    def critical_points(self) -> np.ndarray:
        """Four minima, then four saddles, then the maximum."""
        guesses = [p for kind in ("minimum", "saddle", "maximum")
                   for p in _HIMMELBLAU_GUESSES[kind]]
        return refine_critical_points(self, guesses)

    def minima(self) -> np.ndarray:
        return self.critical_points()[:4]


@dataclass(frozen=True)
class DoubleWell:
    """The tilted double well f(θ) = (θ1² − 1)² + tilt·θ1 + ½ b θ2².

    Two local minima of different depth on the θ1 axis and a saddle between
    them: the smallest surface that is non-convex in the ways the lecture
    talks about.
    """

    b: float = 2.0
    tilt: float = 0.3
    bounds: Bounds = ((-1.8, 1.8), (-1.0, 1.0))
    DEFAULT_START: ClassVar[tuple[float, float]] = (0.1, 0.8)

    def __post_init__(self):
        _positive(b=self.b)
        limit = 8.0 / (3.0 * math.sqrt(3.0))  # beyond it one well and the saddle merge
        if not (math.isfinite(self.tilt) and abs(self.tilt) < limit):
            raise SimError(f"parameter tilt must satisfy |tilt| < {limit:.4f} for two wells, "
                           f"got {self.tilt!r}; pass e.g. --param tilt=0.3")

    def value(self, theta: np.ndarray) -> np.ndarray:
        x, y = _xy(theta)
        return (x**2 - 1.0) ** 2 + self.tilt * x + 0.5 * self.b * y**2

    def grad(self, theta: np.ndarray) -> np.ndarray:
        x, y = _xy(theta)
        return np.stack([4.0 * x * (x**2 - 1.0) + self.tilt, self.b * y], axis=-1)

    def hessian(self, theta: np.ndarray) -> np.ndarray:
        x, _ = _xy(theta)
        return _hessian(theta, 12.0 * x**2 - 4.0, 0.0, self.b)

    def critical_points(self) -> np.ndarray:
        """The three critical points, sorted by θ1: minimum, saddle, minimum."""
        roots = np.roots([4.0, 0.0, -4.0, self.tilt])
        xs = np.sort(roots[np.abs(roots.imag) < 1e-12].real)
        return refine_critical_points(self, np.stack([xs, np.zeros_like(xs)], axis=-1))

    def minima(self) -> np.ndarray:
        return self.critical_points()[[0, -1]]


SURFACES = {
    "quadratic": Quadratic,
    "saddle": Saddle,
    "bounded-saddle": BoundedSaddle,
    "rosenbrock": Rosenbrock,
    "himmelblau": Himmelblau,
    "double-well": DoubleWell,
}
"""The analytic surfaces by the name assets and the CLI use for them."""
