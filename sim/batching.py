"""Sampling without replacement: one fresh permutation per epoch, cut into mini-batches.

An epoch is one pass over the n examples: a random permutation cut into
⌊n/b⌋ batches of b, the last n mod b examples of the permutation dropped.
b = 1 is pure SGD, b = n is full-batch gradient descent.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.errors import SimError


def permutations(seed: int, epochs: int, n: int) -> np.ndarray:
    """The permutation of each epoch, shape (epochs, n), from one generator seeded with ``seed``.

    Row e is the same whatever ``epochs`` is, and row 0 equals
    ``default_rng(seed).permutation(n)``.
    """
    rng = np.random.default_rng(seed)
    return rng.permuted(np.tile(np.arange(n), (epochs, 1)), axis=1)


def cut(permutation: np.ndarray, batch_size: int) -> tuple[np.ndarray, np.ndarray]:
    """(batches, dropped): ⌊n/b⌋ rows of b indices along the last axis, and the remainder."""
    n = permutation.shape[-1]
    used = (n // batch_size) * batch_size
    shape = permutation.shape[:-1] + (n // batch_size, batch_size)
    batches = permutation[..., :used].reshape(shape)
    return batches, permutation[..., used:]


@dataclass(frozen=True)
class EpochPlan:
    """One epoch as data: the shuffled order, the mini-batches in update order, the dropped tail."""

    n: int
    batch_size: int
    permutation: np.ndarray  # (n,)
    batches: np.ndarray  # (⌊n/b⌋, b)
    dropped: np.ndarray  # (n mod b,)

    @property
    def updates(self) -> int:
        return len(self.batches)


def epoch_plan(n: int, batch_size: int, seed: int) -> EpochPlan:
    """The first epoch of mini-batch SGD with this seed: exactly what the optimizer uses."""
    if not 1 <= batch_size <= n:
        raise SimError(f"batch size must be between 1 and n={n}, got {batch_size}")
    permutation = permutations(seed, 1, n)[0]
    batches, dropped = cut(permutation, batch_size)
    return EpochPlan(n=n, batch_size=batch_size, permutation=permutation, batches=batches,
                     dropped=dropped)
