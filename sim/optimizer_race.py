"""GD, SGD and mini-batch SGD from one start with one step size, measured in epochs (SGD II–III).

The three differ only in how many examples an update uses: one epoch (a
pass over the n examples) is 1 update of gradient descent, n updates of SGD
(b = 1) and ⌊n/b⌋ of mini-batch SGD. So the common clock is the epoch, and
the common score the excess loss L(θ) − min L at the end of each epoch,
whose orders of magnitude a log axis shows. (Where L has no minimiser, as
the tanh unit on some noisy data, the reference is inf L, the limit L falls
toward.)
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.errors import SimError
from sim.optimizers import gradient_descent, minibatch_sgd, sgd
from sim.registry import DATA_PROBLEMS
from sim.regression import LinReg
from sim.tanh_regression import TanhReg

RACE_PROBLEMS = ("linreg", "tanh")
"""The convex (linear regression) and the non-convex (one tanh unit) problem of the race."""


@dataclass(frozen=True)
class Run:
    """One optimizer's iterates, and its excess loss after each epoch (the training curve)."""

    name: str  # "gd", "sgd" or "minibatch"
    batch_size: int  # examples per update (n for gradient descent)
    updates_per_epoch: int  # n // batch_size
    iterates: np.ndarray  # (T + 1, 2), T = epochs · updates_per_epoch
    epochs: np.ndarray  # (E + 1,): 0, 1, …, E (fewer if the run diverged and stopped)
    excess: np.ndarray  # (E + 1,): L − inf L at iterate e · updates_per_epoch, floored (> 0)


@dataclass(frozen=True)
class Race:
    """The three runs on one problem, from one start, for the same number of epochs."""

    problem: LinReg | TanhReg
    start: np.ndarray  # (2,)
    minima: np.ndarray  # (m, 2); empty when the loss has no minimiser
    minimum: float  # inf L: min L, or the limit L falls toward when it has no minimiser
    runs: tuple[Run, Run, Run]  # gd, sgd, minibatch

    def run(self, name: str) -> Run:
        return next(r for r in self.runs if r.name == name)

    @property
    def noise_helps_early(self) -> bool:
        """After the first epoch, SGD's excess loss is below gradient descent's."""
        return bool(self.run("sgd").excess[1] < self.run("gd").excess[1])

    @property
    def noise_hurts_late(self) -> bool:
        """At the end, gradient descent is below SGD's typical (median) excess loss over the last
        fifth of the epochs: SGD's noise floor."""
        return bool(self.run("gd").excess[-1] < noise_floor(self.run("sgd").excess))


def noise_floor(excess) -> float:
    """Where a stochastic run's excess loss fluctuates at the end: its median over the last fifth
    of the epochs (the median, because single epochs scatter over decades)."""
    excess = np.asarray(excess, dtype=float)
    return float(np.median(excess[-max(1, len(excess) // 5):]))


@dataclass(frozen=True)
class Standing:
    """One stochastic run against gradient descent, read off the two plotted loss curves."""

    name: str  # "sgd" or "minibatch"
    ahead_after_one_epoch: bool  # its excess loss below GD's after epoch 1
    floor: float  # its noise floor (``noise_floor``)
    gd_below_from: int | None  # the epoch from which GD's excess loss stays below that floor to
    # the end; None when GD ends at or above it


def standings(race: Race) -> tuple[Standing, Standing]:
    """What the race's loss curves show for SGD and mini-batch SGD against gradient descent: who
    leads after one epoch, and whether (and from which epoch) GD undercuts each noise floor."""
    gd = race.run("gd").excess
    result = []
    for name in ("sgd", "minibatch"):
        excess = race.run(name).excess
        floor = noise_floor(excess)
        below = gd < floor
        above = np.flatnonzero(~below)
        start = None if not below[-1] else int(above[-1] + 1 if above.size else 0)
        result.append(Standing(name=name, floor=floor, gd_below_from=start,
                               ahead_after_one_epoch=bool(len(gd) > 1 and len(excess) > 1
                                                          and excess[1] < gd[1])))
    return tuple(result)


def race_points(race: Race) -> np.ndarray:
    """Every point a picture of the race shows: start, minima and all iterates, shape (m, 2)."""
    return np.vstack([race.start, *race.minima, *(r.iterates for r in race.runs)])


def excess_loss(losses, minimum: float) -> np.ndarray:
    """L − ``minimum`` (min L, or inf L), floored at its rounding level (so a log axis shows
    every point)."""
    floor = np.finfo(float).eps * max(1.0, abs(minimum))
    return np.maximum(np.asarray(losses, dtype=float) - minimum, floor)


def _run(name: str, batch_size: int, trajectory, n: int, minimum: float) -> Run:
    per_epoch = n // batch_size
    ends = excess_loss(trajectory.losses[::per_epoch], minimum)
    return Run(name=name, batch_size=batch_size, updates_per_epoch=per_epoch,
               iterates=trajectory.iterates, epochs=np.arange(len(ends)), excess=ends)


def race(problem, start, lr: float, epochs: int, batch_size: int, seed: int) -> Race:
    """GD, SGD (b = 1) and mini-batch SGD (b = ``batch_size``), all with step size ``lr``.

    SGD and mini-batch SGD shuffle with the same ``seed``, so both see the same
    permutations, cut into different batches.
    """
    if not 1 < batch_size < problem.n:
        raise SimError(f"the mini-batch size must lie strictly between 1 (SGD) and n={problem.n} "
                       f"(gradient descent), got {batch_size}")
    minima = problem.minima()
    minimum = problem.infimum
    trajectories = (("gd", problem.n, gradient_descent(problem, start, lr, epochs)),
                    ("sgd", 1, sgd(problem, start, lr, epochs, seed)),
                    ("minibatch", batch_size,
                     minibatch_sgd(problem, start, lr, epochs, batch_size, seed)))
    runs = tuple(_run(name, b, t, problem.n, minimum) for name, b, t in trajectories)
    return Race(problem=problem, start=np.asarray(start, dtype=float), minima=minima,
                minimum=minimum, runs=runs)


def data_race(kind: str, n: int, noise: float, lr: float, epochs: int, batch_size: int,
              seed: int) -> Race:
    """The race on problem ``kind`` ('linreg' or 'tanh') with n examples, targets with noise of
    standard deviation ``noise``, drawn with ``seed``, from the problem's default start: the
    call the figure and the animation share."""
    if kind not in RACE_PROBLEMS:
        raise SimError(f"unknown race problem {kind!r}; choose one of: {', '.join(RACE_PROBLEMS)}")
    cls = DATA_PROBLEMS[kind]
    return race(cls(n=n, noise=noise, seed=seed), cls.DEFAULT_START, lr, epochs, batch_size, seed)
