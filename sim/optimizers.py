"""Gradient descent, SGD and mini-batch SGD, recording whole trajectories, one seed or many.

Every optimizer runs through one loop, ``_run``, that steps a whole ensemble
of members (seeds) at once as one (S, d) array: a single run is an ensemble
of one, so a cloud of 100 seeds contains exactly the path each seed gives
alone. The random draws (noise, permutations) come from each seed's own
generator up front; the steps never loop over seeds.

A run stops early when it diverges: an iterate or its loss is non-finite, or
the iterate is farther than 10⁶ × the starting distance from the minimum
nearest the start (the origin on surfaces without a minimum). The distance
is floored at 1/1000 of the plot's diagonal, so a start on the minimum still
has a scale.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import numpy as np

from sim.batching import cut, permutations
from sim.errors import SimError
from sim.problems import Quadratic
from sim.regression import LinReg
from sim.schedules import Constant, batch_sizes

DIVERGENCE_FACTOR = 1e6


@dataclass(frozen=True)
class Trajectory:
    """Iterates θ_0 … θ_T with the loss at each and the step size that led to it.

    ``lrs[k]`` is the step size used to go from iterate k−1 to iterate k, so
    ``lrs[0]`` is NaN (the start was not reached by a step). Likewise
    ``epochs[k]`` is the epoch (1, 2, …) in which update k was made and
    ``batches[k]`` the example indices whose gradients made it; ``epochs[0]``
    is 0 and ``batches[0]`` empty. Without data, each update counts as an
    epoch and uses no examples. ``diverged_at`` is the step whose iterate was
    rejected (the trajectory ends just before it).
    """

    iterates: np.ndarray  # (T + 1, d)
    losses: np.ndarray  # (T + 1,)
    lrs: np.ndarray  # (T + 1,)
    epochs: np.ndarray | None = None  # (T + 1,)
    batches: tuple[np.ndarray, ...] | None = None  # T + 1 index arrays
    diverged: bool = False
    diverged_at: int | None = None
    messages: tuple[str, ...] = ()  # warnings for the user (the CLI prints them on stderr)

    def __post_init__(self):
        count = len(self.iterates)
        if self.epochs is None:
            object.__setattr__(self, "epochs", np.arange(count))
        if self.batches is None:
            object.__setattr__(self, "batches", (np.zeros(0, dtype=int),) * count)

    @property
    def steps(self) -> int:
        return len(self.iterates) - 1

    @property
    def examples_seen(self) -> np.ndarray:
        """How many per-example gradients were evaluated up to each iterate (the cost axis)."""
        return np.cumsum([len(b) for b in self.batches])


def _masked_stats(values: np.ndarray, alive: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean and standard deviation over axis 0 of the members still running; NaN where none is."""
    mask = alive.reshape(alive.shape + (1,) * (values.ndim - alive.ndim))
    count = mask.sum(axis=0)
    safe = np.where(mask, values, 0.0)
    nan = np.full(safe.shape[1:], np.nan)
    mean = np.divide(safe.sum(axis=0), count, out=nan.copy(), where=count > 0)
    square = np.where(mask, (safe - mean) ** 2, 0.0).sum(axis=0)
    return mean, np.sqrt(np.divide(square, count, out=nan.copy(), where=count > 0))


@dataclass(frozen=True)
class Ensemble:
    """The same optimizer run for many seeds: member i is exactly the single run with ``seeds[i]``.

    Arrays carry a leading seed axis; after a member diverges its iterates and
    losses are NaN. ``batches[k]`` has shape (S, b_k).
    """

    seeds: np.ndarray  # (S,)
    iterates: np.ndarray  # (S, T + 1, d)
    losses: np.ndarray  # (S, T + 1)
    lrs: np.ndarray  # (T + 1,)
    epochs: np.ndarray  # (T + 1,)
    batches: tuple[np.ndarray, ...]
    diverged: np.ndarray  # (S,) bool
    diverged_at: np.ndarray  # (S,) step of the rejected iterate, −1 if none
    messages: tuple[str, ...] = ()

    @property
    def alive(self) -> np.ndarray:
        """(S, T + 1): whether each member is still running at each step."""
        return np.isfinite(self.losses)

    @property
    def mean(self) -> np.ndarray:
        """(T + 1, d): the cloud's centre over members still running."""
        return _masked_stats(self.iterates, self.alive)[0]

    @property
    def spread(self) -> np.ndarray:
        """(T + 1, d): the cloud's standard deviation per coordinate."""
        return _masked_stats(self.iterates, self.alive)[1]

    @property
    def loss_mean(self) -> np.ndarray:
        return _masked_stats(self.losses, self.alive)[0]

    @property
    def loss_spread(self) -> np.ndarray:
        return _masked_stats(self.losses, self.alive)[1]

    def member(self, i: int) -> Trajectory:
        """Member i as a single trajectory, cut where it diverged."""
        end = len(self.lrs) if self.diverged_at[i] < 0 else int(self.diverged_at[i])
        return Trajectory(iterates=self.iterates[i, :end], losses=self.losses[i, :end],
                          lrs=self.lrs[:end], epochs=self.epochs[:end],
                          batches=tuple(b[i] for b in self.batches[:end]),
                          diverged=bool(self.diverged[i]),
                          diverged_at=None if self.diverged_at[i] < 0 else int(self.diverged_at[i]),
                          messages=self.messages)


def stability_threshold(problem) -> float | None:
    """2/λ_max for surfaces with a constant Hessian (the quadratics), else None.

    Full-batch gradient descent on such a surface converges exactly when
    0 < ε < 2/λ_max.
    """
    if isinstance(problem, (Quadratic, LinReg)):
        return 2.0 / float(np.linalg.eigvalsh(problem.hessian(np.zeros(2))).max())
    return None


def _schedule(lr):
    if isinstance(lr, (int, float, np.number)):
        if not (math.isfinite(lr) and lr > 0):
            raise SimError(f"learning rate must be a positive number, got {lr!r}; e.g. --lr 0.1")
        return Constant(float(lr))
    return lr


def _whole(value, name: str) -> int:
    if not (isinstance(value, (int, np.integer)) and value >= 0):
        raise SimError(f"{name} must be a whole number ≥ 0, got {value!r}")
    return int(value)


def _references(problem, starts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per member: the minimum nearest its start (the origin if there is none), escape radius."""
    points = problem.minima()
    if len(points) == 0:
        points = np.zeros((1, starts.shape[1]))
    distances = np.linalg.norm(starts[:, None, :] - points[None, :, :], axis=-1)
    nearest = distances.argmin(axis=1)
    (x0, x1), (y0, y1) = problem.bounds
    floor = math.hypot(x1 - x0, y1 - y0) / 1000.0
    return points[nearest], DIVERGENCE_FACTOR * np.maximum(distances.min(axis=1), floor)


def _run(problem, starts, lr, steps: int, direction: Callable, epochs_of_step=None,
         batches=None, seeds=(0,)) -> Ensemble:
    """θ_{k+1} = θ_k − ε_k·direction(θ_k, k, members) for all live members at once."""
    schedule = _schedule(lr)
    starts = np.array(starts, dtype=float)
    count = len(seeds)
    starts = np.broadcast_to(starts, (count, starts.shape[-1])).copy()
    step_lrs = np.asarray(schedule(np.arange(steps)), dtype=float)
    if steps and not (np.all(np.isfinite(step_lrs)) and np.all(step_lrs >= 0)):
        raise SimError("the lr schedule produced a negative or non-finite step size")
    with np.errstate(over="ignore", invalid="ignore"):
        start_losses = problem.value(starts)
    if not np.all(np.isfinite(start_losses)):
        raise SimError(f"the loss at the start {starts[0].tolist()} is not finite; "
                       f"start inside the plot")
    reference, radius = _references(problem, starts)

    iterates = np.full((count, steps + 1, starts.shape[1]), np.nan)
    losses = np.full((count, steps + 1), np.nan)
    iterates[:, 0], losses[:, 0] = starts, start_losses
    alive = np.ones(count, dtype=bool)
    diverged_at = np.full(count, -1)
    theta = starts
    for k in range(steps):
        rows = np.flatnonzero(alive)
        if rows.size == 0:
            break
        with np.errstate(over="ignore", invalid="ignore"):
            new = theta[rows] - step_lrs[k] * direction(theta[rows], k, rows)
            new_losses = problem.value(new)
            distance = np.linalg.norm(new - reference[rows], axis=-1)
        ok = (np.all(np.isfinite(new), axis=-1) & np.isfinite(new_losses)
              & (distance <= radius[rows]))
        theta[rows[ok]] = new[ok]
        iterates[rows[ok], k + 1], losses[rows[ok], k + 1] = new[ok], new_losses[ok]
        alive[rows[~ok]] = False
        diverged_at[rows[~ok]] = k + 1

    lrs = np.concatenate([[np.nan], step_lrs])
    epochs = (np.arange(steps + 1) if epochs_of_step is None
              else np.concatenate([[0], epochs_of_step]))
    empty = np.zeros((count, 0), dtype=int)
    batches = (empty,) * (steps + 1) if batches is None else (empty, *batches)
    return Ensemble(seeds=np.asarray(seeds), iterates=iterates, losses=losses, lrs=lrs,
                    epochs=np.asarray(epochs, dtype=int), batches=batches,
                    diverged=diverged_at >= 0, diverged_at=diverged_at,
                    messages=_messages(problem, step_lrs, diverged_at, radius))


def _messages(problem, step_lrs, diverged_at, radius) -> tuple[str, ...]:
    messages = []
    threshold = stability_threshold(problem)
    if threshold is not None and len(step_lrs) and step_lrs.max() >= threshold:
        messages.append(f"learning rate {step_lrs.max():.6g} ≥ 2/λ_max = {threshold:.6g}: gradient "
                        f"descent on this quadratic does not converge; use lr < {threshold:.6g}")
    failed = np.flatnonzero(diverged_at >= 0)
    bounded = len(problem.minima()) > 0
    fix = "lower the learning rate" if bounded else "the surface has no minimum to converge to"
    if len(diverged_at) == 1 and failed.size:
        messages.append(f"diverged at step {diverged_at[0]}: the iterate went farther than "
                        f"{radius[0]:.3g} from the {'nearest minimum' if bounded else 'origin'} "
                        f"or became non-finite; stopped early ({fix})")
    elif failed.size:
        messages.append(f"{failed.size} of {len(diverged_at)} seeds diverged (first at step "
                        f"{diverged_at[failed].min()}; {fix})")
    return tuple(messages)


def _require_data(problem, optimizer: str) -> None:
    if not hasattr(problem, "batch_grad"):
        raise SimError(f"{optimizer} samples examples, so it needs a data problem "
                       f"(linreg, logreg); for a surface use noisy_gradient_descent")


def gradient_descent(problem, start, lr, steps: int) -> Trajectory:
    """Full-gradient descent; ``lr`` a number or a schedule.

    On a data problem each update is one epoch and uses every example.
    """
    steps = _whole(steps, "steps")
    batches = None
    if hasattr(problem, "batch_grad"):
        batches = (np.arange(problem.n)[None, :],) * steps
    return _run(problem, start, lr, steps, lambda theta, _k, _rows: problem.grad(theta),
                batches=batches).member(0)


def noisy_gradient_descent_ensemble(problem, start, lr, steps: int, noise: float,
                                    seeds) -> Ensemble:
    """Descent on ∇f + N(0, σ²I) for every seed at once: the SGD stand-in on surfaces without data.

    Each seed's noise for all steps is drawn up front from its own generator,
    so each member is a pure function of (problem, start, lr, steps, noise, seed).
    """
    steps = _whole(steps, "steps")
    if not (math.isfinite(noise) and noise >= 0):
        raise SimError(f"noise must be a number ≥ 0, got {noise!r}")
    dimension = np.shape(start)[-1]
    kicks = noise * np.stack([np.random.default_rng(s).standard_normal((steps, dimension))
                              for s in seeds])
    return _run(problem, start, lr, steps,
                lambda theta, k, rows: problem.grad(theta) + kicks[rows, k], seeds=tuple(seeds))


def noisy_gradient_descent(problem, start, lr, steps: int, noise: float, seed: int) -> Trajectory:
    """Descent on ∇f + N(0, σ²I) with one seed (see ``noisy_gradient_descent_ensemble``)."""
    return noisy_gradient_descent_ensemble(problem, start, lr, steps, noise, [seed]).member(0)


def minibatch_sgd_ensemble(problem, start, lr, epochs: int, batch_size, seeds) -> Ensemble:
    """Mini-batch SGD without replacement for every seed at once.

    Each epoch draws a fresh permutation per seed and makes ⌊n/b⌋ updates, each
    along the batch MEAN of per-example gradients; the n mod b leftover
    examples are dropped. ``batch_size`` is an int or a schedule with
    ``size(epoch, n)`` (growing batches); ``lr`` a number or a schedule over
    the update counter.
    """
    _require_data(problem, "mini-batch SGD")
    epochs = _whole(epochs, "epochs")
    sizes = batch_sizes(batch_size, epochs, problem.n)
    seeds = tuple(seeds)
    orders = np.stack([permutations(s, epochs, problem.n) for s in seeds])  # (S, E, n)
    batches, epoch_of_step = [], []
    for e, size in enumerate(sizes):
        epoch_batches, _dropped = cut(orders[:, e], size)  # (S, ⌊n/b⌋, b)
        batches.extend(epoch_batches[:, j] for j in range(epoch_batches.shape[1]))
        epoch_of_step.extend([e + 1] * epoch_batches.shape[1])
    return _run(problem, start, lr, len(batches),
                lambda theta, k, rows: problem.batch_grad(theta, batches[k][rows]),
                epochs_of_step=epoch_of_step, batches=batches, seeds=seeds)


def minibatch_sgd(problem, start, lr, epochs: int, batch_size, seed: int) -> Trajectory:
    """Mini-batch SGD with one seed (see ``minibatch_sgd_ensemble``)."""
    return minibatch_sgd_ensemble(problem, start, lr, epochs, batch_size, [seed]).member(0)


def sgd(problem, start, lr, epochs: int, seed: int) -> Trajectory:
    """Pure SGD: one example per update, each example exactly once per epoch."""
    return minibatch_sgd(problem, start, lr, epochs, 1, seed)


def seeds_for(seed: int, count: int) -> np.ndarray:
    """``count`` distinct seeds for ensemble run ``seed``: seed·count, …, seed·count + count − 1
    (seed 0 gives 0, …, count − 1, so member 0 is the single run with seed 0)."""
    return seed * count + np.arange(count)
