"""Cross-entropy seen from the logits of one example: its state, its slices, gradient descent on z.

For logits z ∈ R^K and a true class y, L(z) = −log softmax(z)_y and
∇_z L = softmax(z) − onehot(y). Descending on z itself (z ← z − ε ∇_z L)
isolates what the gradient does before any network sits below the logits:
the true logit is pulled up, every other logit is pushed down in proportion
to its probability, and the mean logit never moves (the entries sum to zero).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.errors import SimError
from sim.multiclass import cross_entropy, cross_entropy_grad, one_hot, softmax


@dataclass(frozen=True)
class LogitStates:
    """Logits with their softmax, loss and gradient; leading axes are shared (e.g. the step t)."""

    label: int
    logits: np.ndarray  # (..., K)
    probabilities: np.ndarray  # softmax(z), (..., K)
    target: np.ndarray  # onehot(y), (K,)
    gradients: np.ndarray  # softmax(z) − onehot(y), (..., K)
    losses: np.ndarray  # −log softmax(z)_y, (...)

    @property
    def gradient_sums(self) -> np.ndarray:
        """Σ_k ∂L/∂z_k of each state, (...): zero up to rounding, since probabilities and the
        target both sum to one (the scene shows it beside the gradient's bars)."""
        return self.gradients.sum(axis=-1)


@dataclass(frozen=True)
class LossSlices:
    """L along straight lines through z: one logit moved by Δ, or all of them together."""

    deltas: np.ndarray  # (m,)
    per_logit: np.ndarray  # L(z + Δ e_k), (K, m)
    all_logits: np.ndarray  # L(z + Δ 1), (m,): flat, since softmax ignores a common shift


def _checked(logits, label: int) -> tuple[np.ndarray, int]:
    z = np.asarray(logits, dtype=float)
    if z.ndim < 1 or z.shape[-1] < 2 or not np.all(np.isfinite(z)):
        raise SimError("logits must be finite, with at least two classes")
    if not 0 <= int(label) < z.shape[-1]:
        raise SimError(f"label {label} is not a class of {z.shape[-1]} logits")
    return z, int(label)


def logit_states(logits, label: int) -> LogitStates:
    """Softmax, loss and gradient at each logit vector (the last axis holds the K classes)."""
    z, y = _checked(logits, label)
    labels = np.full(z.shape[:-1], y)
    return LogitStates(label=y, logits=z, probabilities=softmax(z), target=one_hot(y, z.shape[-1]),
                       gradients=cross_entropy_grad(z, labels), losses=cross_entropy(z, labels))


def logit_descent(logits, label: int, lr: float, steps: int) -> LogitStates:
    """z_0 = logits, z_{t+1} = z_t − ε ∇_z L(z_t): the states of all steps, shape (steps + 1, K)."""
    z, y = _checked(logits, label)
    if z.ndim != 1:
        raise SimError("logit descent starts from one logit vector")
    if not lr > 0 or steps < 0:
        raise SimError(f"need a step size ε > 0 and steps ≥ 0, got ε = {lr}, steps = {steps}")
    path = [z]
    for _ in range(steps):
        path.append(path[-1] - lr * cross_entropy_grad(path[-1], y))
    return logit_states(np.stack(path), y)


def loss_slices(logits, label: int, deltas) -> LossSlices:
    """L(z + Δ e_k) for every class k, and L(z + Δ 1), over the shifts ``deltas``.

    Each slice's slope at Δ = 0 is the gradient entry ∂L/∂z_k; the common
    shift's slope is their sum, zero.
    """
    z, y = _checked(logits, label)
    if z.ndim != 1:
        raise SimError("loss slices go through one logit vector")
    deltas = np.asarray(deltas, dtype=float)
    k = len(z)
    moved = z + deltas[None, :, None] * np.eye(k)[:, None, :]  # (K, m, K)
    together = z + deltas[:, None]  # (m, K)
    return LossSlices(deltas=deltas, per_logit=cross_entropy(moved, np.full(moved.shape[:-1], y)),
                      all_logits=cross_entropy(together, np.full(len(deltas), y)))
