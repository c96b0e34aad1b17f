"""Multiclass classification: softmax, cross-entropy and its gradient, and the Gaussians behind it.

Class-conditionals X | k ~ N(μ_k, Σ) with one shared Σ and priors π_k give
posteriors p(k | x) = softmax_k(w_k⊤x + b_k), w_k = Σ⁻¹μ_k,
b_k = −½ μ_k⊤Σ⁻¹μ_k + log π_k: linear logits, hence straight boundaries.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np
from scipy.special import log_softmax as _log_softmax
from scipy.special import softmax as _softmax

from sim.errors import SimError
from sim.geometry import clip_line, ellipse_points


def softmax(z, axis: int = -1) -> np.ndarray:
    """exp(z_k) / Σ_j exp(z_j), shifted by the maximum so no logit overflows."""
    return _softmax(np.asarray(z, dtype=float), axis=axis)


def log_softmax(z, axis: int = -1) -> np.ndarray:
    """z_k − log Σ_j exp(z_j), exact for logits far apart where log(softmax) would give −inf."""
    return _log_softmax(np.asarray(z, dtype=float), axis=axis)


def one_hot(y, classes: int) -> np.ndarray:
    return (np.asarray(y)[..., None] == np.arange(classes)).astype(float)


def cross_entropy(z, y) -> np.ndarray:
    """L = −log softmax(z)_y for logits z of shape (..., K) and integer labels y of shape (...)."""
    z = np.asarray(z, dtype=float)
    return -np.take_along_axis(log_softmax(z), np.asarray(y)[..., None], axis=-1)[..., 0]


def cross_entropy_grad(z, y) -> np.ndarray:
    """∇_z L = softmax(z) − onehot(y): true logit pulled up, others pushed down; sums to 0."""
    z = np.asarray(z, dtype=float)
    return softmax(z) - one_hot(y, z.shape[-1])


def _default_means():
    return np.array([[-2.0, -1.0], [2.0, -1.0], [0.0, 2.2]])


@dataclass(frozen=True, eq=False)
class GaussianClasses:
    """K Gaussian classes N(μ_k, Σ) with a shared covariance and priors π_k (default: 3, equal)."""

    means: np.ndarray = field(default_factory=_default_means)
    cov: np.ndarray = field(default_factory=lambda: np.array([[1.0, 0.4], [0.4, 0.8]]))
    priors: np.ndarray | None = None

    def __post_init__(self):
        means = np.atleast_2d(np.asarray(self.means, dtype=float))
        cov = np.asarray(self.cov, dtype=float)
        k = len(means)
        priors = (np.full(k, 1.0 / k) if self.priors is None
                  else np.asarray(self.priors, dtype=float))
        if means.shape[1:] != (2,) or cov.shape != (2, 2) or priors.shape != (k,):
            raise SimError("GaussianClasses needs means of shape (K, 2), a 2×2 covariance "
                           "and K priors")
        if not np.allclose(cov, cov.T) or np.linalg.eigvalsh(cov).min() <= 0:
            raise SimError("the shared covariance must be symmetric positive definite")
        if np.any(priors <= 0) or not math.isclose(priors.sum(), 1.0, rel_tol=1e-9):
            raise SimError(f"priors must be positive and sum to 1, got {priors.tolist()}")
        for name, value in (("means", means), ("cov", cov), ("priors", priors)):
            object.__setattr__(self, name, value)

    @property
    def classes(self) -> int:
        return len(self.means)

    def weights(self) -> tuple[np.ndarray, np.ndarray]:
        """(W, b): rows w_k = Σ⁻¹μ_k and offsets b_k = −½ μ_k⊤Σ⁻¹μ_k + log π_k."""
        solved = np.linalg.solve(self.cov, self.means.T).T  # Σ⁻¹μ_k as rows
        offsets = -0.5 * np.sum(self.means * solved, axis=1) + np.log(self.priors)
        return solved, offsets

    def logits(self, x) -> np.ndarray:
        W, b = self.weights()
        return np.asarray(x, dtype=float) @ W.T + b

    def posterior(self, x) -> np.ndarray:
        """p(k | x) = softmax(w_k⊤x + b_k), shape (..., K)."""
        return softmax(self.logits(x))

    def sample(self, n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
        """n draws: labels from the priors, then x = μ_k + L ε with LL⊤ = Σ."""
        rng = np.random.default_rng(seed)
        labels = rng.choice(self.classes, size=n, p=self.priors)
        x = self.means[labels] + rng.standard_normal((n, 2)) @ np.linalg.cholesky(self.cov).T
        return x, labels

    def ellipses(self, scale: float = 2.0, count: int = 100) -> np.ndarray:
        """The covariance outline around each mean, shape (K, count, 2)."""
        return np.stack([ellipse_points(m, self.cov, scale, count) for m in self.means])

    def boundaries(self, bounds) -> tuple[tuple[int, int, np.ndarray], ...]:
        """The visible decision boundaries: (k, j, end points) where classes k and j tie and lead.

        Each is the piece of the line (w_k − w_j)⊤x + b_k − b_j = 0 on which both
        beat every other class, clipped to ``bounds``.
        """
        W, b = self.weights()
        pieces = []
        for k, j in combinations(range(self.classes), 2):
            keep = [(W[k] - W[m], b[k] - b[m]) for m in range(self.classes) if m not in (k, j)]
            segment = clip_line(W[k] - W[j], b[k] - b[j], bounds, keep)
            if segment is not None:
                pieces.append((k, j, segment))
        return tuple(pieces)
