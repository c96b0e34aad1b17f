"""Constant-step vs decaying-step SGD over many seeds: the noise ball and its shrinking (SGD III).

With a constant step ε, SGD's iterates never settle: each update adds a
random kick of size ~ε, so the seeds form a cloud of fixed size around the
minimum. A step ε_t = ε₀ / (1 + t/τ) shrinks the kicks, and the cloud with
them. Both clouds are ``sim.optimizers`` ensembles on the linear regression
of the GD-vs-SGD race, member i being exactly the single run with seed i.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.errors import SimError
from sim.optimizers import Ensemble, minibatch_sgd_ensemble, seeds_for
from sim.regression import LinReg
from sim.schedules import InverseTime


@dataclass(frozen=True)
class Cloud:
    """One schedule's ensemble, reduced to what the slide shows."""

    name: str  # "constant" or "decaying"
    final: np.ndarray  # (S, 2): where every seed ended
    mean: np.ndarray  # (2,): the final cloud's centre, ``Ensemble.mean[-1]``
    spread: np.ndarray  # (2,): its standard deviation per coordinate, ``Ensemble.spread[-1]``
    epochs: np.ndarray  # (E,): 1, …, E (at epoch 0 every seed is at the start: no spread)
    radius: np.ndarray  # (E,): √(σ₁² + σ₂²), the RMS distance from the centre, after each epoch
    final_lr: float  # the step size of the last update

    @property
    def stuck(self) -> bool:
        """Whether the cloud ends at least half as wide as it ever was: a noise ball, not convergence."""
        return bool(self.radius[-1] >= 0.5 * self.radius.max())


def _cloud(name: str, ensemble: Ensemble, per_epoch: int) -> Cloud:
    ends = ensemble.spread[per_epoch::per_epoch]
    return Cloud(name=name, final=ensemble.iterates[:, -1], mean=ensemble.mean[-1],
                 spread=ensemble.spread[-1], epochs=np.arange(1, len(ends) + 1),
                 radius=np.linalg.norm(ends, axis=-1),
                 final_lr=float(ensemble.lrs[-1]))


@dataclass(frozen=True)
class NoiseBall:
    problem: LinReg
    start: np.ndarray  # (2,)
    minimum: np.ndarray  # (2,) θ*
    constant: Cloud
    decaying: Cloud


def schedules(lr: float, decay: float, per_epoch: int) -> dict:
    """The two step-size schedules compared: constant ε, and ε_t = ε / (1 + t/τ) with τ = decay epochs."""
    return {"constant": lr, "decaying": InverseTime(lr, tau=decay * per_epoch)}


def noise_ball(n: int, noise: float, lr: float, decay: float, epochs: int, batch_size: int,
               members: int, seed: int) -> NoiseBall:
    """SGD with constant ε = ``lr`` and with ε_t = lr / (1 + t/τ), τ = ``decay`` epochs of updates,
    for ``members`` seeds each, on ``LinReg(n, noise, seed)`` from its default start."""
    if members < 2:
        raise SimError(f"a cloud needs at least 2 members, got {members}")
    if not 1 <= batch_size <= n:
        raise SimError(f"batch size must be between 1 and n={n}, got {batch_size}")
    problem = LinReg(n=n, noise=noise, seed=seed)
    per_epoch = n // batch_size
    seeds = seeds_for(seed, members)
    clouds = {name: _cloud(name, minibatch_sgd_ensemble(problem, LinReg.DEFAULT_START, schedule,
                                                        epochs, batch_size, seeds), per_epoch)
              for name, schedule in schedules(lr, decay, per_epoch).items()}
    return NoiseBall(problem=problem, start=np.asarray(LinReg.DEFAULT_START, dtype=float),
                     minimum=problem.minima()[0], **clouds)
