"""The slide's question by experiment: which batching scheme trains effectively (SGD III)?

Noise helps early and hurts late, so a good scheme makes it shrink. Three
schemes run on the same linear regression from the same start:

- constant: a fixed step ε and batch b; SGD ends in a noise ball;
- decaying: the step shrinks by a factor every epoch, ε_e = ε / factor^e;
- growing: a fixed step, and a batch that grows by the same factor every epoch,
  b_e = b · factor^e (up to the full batch n).

Shrinking the step and growing the batch by the same factor damp the
gradient noise alike, so the two should reach the same loss for the same
number of examples seen, while the growing batch makes far fewer updates
(Smith et al., "Don't decay the learning rate, increase the batch size",
ICLR 2018). Each scheme is run for many seeds and measured by its mean excess
loss L(θ_t) − L(θ*), in updates and in examples seen; L is ``LinReg.value``,
the mean over the examples (the lecture's sum divided by n).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.errors import SimError
from sim.optimizers import minibatch_sgd_ensemble, seeds_for
from sim.regression import LinReg
from sim.schedules import GrowingBatch, StepDecay, batch_sizes

SCHEMES = ("constant", "decaying", "growing")


@dataclass(frozen=True)
class SchemeRun:
    """One scheme over all seeds: what it did per update and its excess loss per iterate."""

    name: str  # one of SCHEMES
    seeds: np.ndarray  # (S,)
    batch_sizes: np.ndarray  # (E,): b_e of each epoch
    lrs: np.ndarray  # (T + 1,): the step that led to each iterate (NaN for the start)
    examples_seen: np.ndarray  # (T + 1,): per-example gradients evaluated, cumulative batch sizes
    excess: np.ndarray  # (S, T + 1): L(θ_t) − L(θ*) of every seed
    mean_excess: np.ndarray  # (T + 1,): its mean over the seeds

    @property
    def updates(self) -> np.ndarray:
        """0, 1, …, T: the update counter of each iterate."""
        return np.arange(len(self.mean_excess))


@dataclass(frozen=True)
class BatchingSchemes:
    problem: LinReg
    lr: float  # ε: the constant step, where the decaying one starts
    batch: int  # b: the constant batch, where the growing one starts
    factor: float  # per epoch, the step shrinks and the batch grows by this factor
    optimum: float  # L(θ*), the least loss
    runs: tuple[SchemeRun, ...]  # in the order of SCHEMES

    def run(self, name: str) -> SchemeRun:
        return self.runs[SCHEMES.index(name)]


def scheme_settings(lr: float, batch: int, n: int, factor: float) -> dict:
    """(step size or schedule, batch size or schedule) of each scheme, by name."""
    return {"constant": (lr, batch),
            "decaying": (StepDecay(lr, every=n // batch, factor=1.0 / factor), batch),
            "growing": (lr, GrowingBatch(start=batch, factor=factor))}


def batching_schemes(n: int = 256, noise: float = 0.5, lr: float = 0.1, batch: int = 1,
                     epochs: int = 8, factor: float = 2.0, runs: int = 100,
                     seed: int = 0) -> BatchingSchemes:
    """The three schemes for ``epochs`` epochs on ``LinReg(n, noise, seed)`` from its default
    start, each for the ``runs`` SGD seeds of ``seeds_for(seed, runs)``."""
    if not 1 <= batch <= n:
        raise SimError(f"batch size must be between 1 and n={n}, got {batch}")
    if not factor >= 1:
        raise SimError(f"factor must be at least 1, got {factor!r}")
    if runs < 1:
        raise SimError(f"runs must be at least 1, got {runs}")
    problem = LinReg(n=n, noise=noise, seed=seed)
    optimum = float(problem.value(problem.minima()[0]))
    seeds = seeds_for(seed, runs)
    results = []
    for name, (step, size) in scheme_settings(lr, batch, n, factor).items():
        ensemble = minibatch_sgd_ensemble(problem, LinReg.DEFAULT_START, step, epochs, size, seeds)
        if ensemble.diverged.any():
            raise SimError(f"the {name} scheme diverged with lr={lr:g}; lower the learning rate")
        results.append(SchemeRun(
            name=name, seeds=seeds, batch_sizes=np.array(batch_sizes(size, epochs, n)),
            lrs=ensemble.lrs, examples_seen=ensemble.member(0).examples_seen,
            excess=ensemble.losses - optimum, mean_excess=ensemble.loss_mean - optimum))
    return BatchingSchemes(problem=problem, lr=lr, batch=batch, factor=factor, optimum=optimum,
                           runs=tuple(results))
