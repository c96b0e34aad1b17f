"""Step-size schedules ε_t and batch-size schedules b_e: how much noise SGD keeps, and when.

A step-size schedule maps the update counter t = 0, 1, 2, … (t = 0 makes the
first update) to ε_t. A batch-size schedule maps the epoch e = 0, 1, … to b_e.
Constant steps leave SGD in a noise ball around the minimum; decaying steps or
growing batches shrink the noise late, when it hurts. The first line of each
step-size schedule's docstring is its formula, which ``SCHEDULE_HELP`` shows
to CLI users.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields
from typing import ClassVar

import numpy as np

from sim.errors import SimError


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise SimError(message)


@dataclass(frozen=True)
class Constant:
    """ε_t = ε₀

    The same step every update: SGD keeps a noise ball around the minimum.
    """

    lr: float
    NAME: ClassVar[str] = "constant"
    DEFAULTS: ClassVar[str] = ""

    def __call__(self, t):
        return np.full(np.shape(t), float(self.lr))


@dataclass(frozen=True)
class InverseTime:
    """ε_t = ε₀ / (1 + t/tau)

    The classic decay meeting Robbins and Monro's (1951) conditions Σε = ∞, Σε² < ∞:
    ε halves by t = tau and keeps falling, never to 0.
    """

    lr: float
    tau: float
    NAME: ClassVar[str] = "inverse-time"
    DEFAULTS: ClassVar[str] = "tau = max(1, N/10)"

    def __post_init__(self):
        _require(math.isfinite(self.tau) and self.tau > 0,
                 f"inverse-time needs tau > 0, got {self.tau!r}; "
                 f"e.g. --lr-schedule inverse-time:tau=20")

    def __call__(self, t):
        return self.lr / (1.0 + np.asarray(t, dtype=float) / self.tau)


@dataclass(frozen=True)
class StepDecay:
    """ε_t = ε₀ · factor^⌊t/every⌋

    Piecewise constant, multiplied by ``factor`` every ``every`` updates (the
    practice of dividing the step at set epochs, e.g. He et al. 2016).
    """

    lr: float
    every: int
    factor: float = 0.5
    NAME: ClassVar[str] = "step-decay"
    DEFAULTS: ClassVar[str] = "every = max(1, ⌊N/4⌋), factor = 0.5"

    def __post_init__(self):
        _require(isinstance(self.every, (int, np.integer)) and self.every >= 1,
                 f"step-decay needs a whole number every ≥ 1, got {self.every!r}; "
                 f"e.g. --lr-schedule step-decay:every=50")
        _require(math.isfinite(self.factor) and 0 < self.factor <= 1,
                 f"step-decay needs 0 < factor ≤ 1, got {self.factor!r}; "
                 f"e.g. --lr-schedule step-decay:factor=0.5")

    def __call__(self, t):
        return self.lr * self.factor ** (np.asarray(t) // self.every)


@dataclass(frozen=True)
class Cosine:
    """ε_t = floor + ½(ε₀ − floor)(1 + cos(π·min(t, total)/total))

    Cosine annealing (Loshchilov and Hutter 2017, without restarts): a smooth
    decay from ε₀ that reaches ``floor`` at t = total and stays there, so with
    floor = 0 every update from t = total on leaves θ where it is.
    """

    lr: float
    total: int
    floor: float = 0.0
    NAME: ClassVar[str] = "cosine"
    DEFAULTS: ClassVar[str] = "total = max(1, N), floor = 0"

    def __post_init__(self):
        _require(isinstance(self.total, (int, np.integer)) and self.total >= 1,
                 f"cosine needs a whole number total ≥ 1, got {self.total!r}")
        _require(math.isfinite(self.floor) and 0 <= self.floor < self.lr,
                 f"cosine needs 0 ≤ floor < lr, got floor={self.floor!r}; "
                 f"e.g. --lr-schedule cosine:floor=0.001")

    def __call__(self, t):
        phase = np.minimum(np.asarray(t, dtype=float), self.total) / self.total
        return self.floor + 0.5 * (self.lr - self.floor) * (1.0 + np.cos(np.pi * phase))


SCHEDULES = {cls.NAME: cls for cls in (Constant, InverseTime, StepDecay, Cosine)}
"""Step-size schedules by the name the CLI accepts."""


def formula(cls) -> str:
    """A step-size schedule's formula: the first line of its docstring."""
    return cls.__doc__.partition("\n")[0]


SCHEDULE_HELP = "\n".join([
    "Step-size schedules, --lr-schedule NAME[:key=value,...]; t = 0 ... N-1 counts",
    "the run's N updates and ε₀ is --lr:",
    *(line for name, cls in SCHEDULES.items()
      for line in (f"  {name:<13}{formula(cls)}",
                   *([f"  {'':<13}by default {cls.DEFAULTS}"] if cls.DEFAULTS else [])))])
"""Every schedule's formula and defaults, for ``cli.py path --help``: lines under 80 characters."""


def zero_step_warning(schedule, updates: int) -> str | None:
    """What to tell the user when ε_t = 0 for some update t < ``updates``, else None.

    Every schedule here is non-increasing, so from the first such t on θ no longer moves.
    """
    zero = np.flatnonzero(np.asarray(schedule(np.arange(updates))) == 0)
    if zero.size == 0:
        return None
    t = int(zero[0])
    if isinstance(schedule, Cosine):
        why = (f"cosine holds ε_t at floor = 0 once t ≥ total = {schedule.total}; give "
               f"floor > 0, e.g. cosine:floor=0.001, or total ≥ {updates}")
    else:
        why = f"{schedule.NAME}'s step size underflowed to 0; raise --lr or decay more slowly"
    return (f"the step size is 0 from update t = {t} on, so θ stops moving after step {t} "
            f"of {updates}: {why}")


def schedule_defaults(name: str, total: int) -> dict:
    """Defaults that scale with the run's length ``total`` (number of updates)."""
    return {"constant": {},
            "inverse-time": {"tau": max(1.0, total / 10)},
            "step-decay": {"every": max(1, total // 4), "factor": 0.5},
            "cosine": {"total": max(1, total), "floor": 0.0}}[name]


def describe(schedule) -> dict:
    """The schedule as plain data: its name and every parameter, for output headers."""
    return {"name": schedule.NAME, **asdict(schedule)}


def parse_schedule(spec: str, lr: float, total: int):
    """A schedule from 'NAME' or 'NAME:key=value,…'; unset keys default from ``total`` updates."""
    name, _, rest = str(spec).partition(":")
    name = name.strip()
    if name not in SCHEDULES:
        raise SimError(f"unknown lr schedule {name!r}; choose one of: {', '.join(SCHEDULES)} "
                       f"(optionally NAME:key=value, e.g. inverse-time:tau=20)")
    cls = SCHEDULES[name]
    kinds = {f.name: f.type for f in fields(cls) if f.name != "lr"}
    values = schedule_defaults(name, total)
    for item in filter(None, (part.strip() for part in rest.split(","))):
        key, eq, text = item.partition("=")
        key = key.strip()
        if not eq or key not in kinds:
            valid = ", ".join(kinds) or "none"
            raise SimError(f"bad lr-schedule setting {item!r} for {name}; "
                           f"use key=value with key one of: {valid}")
        values[key] = _number(text.strip(), f"{name}:{key}", integer=kinds[key] == "int")
    return cls(lr=lr, **values)


def _number(text: str, what: str, integer: bool):
    try:
        value = float(text)
    except ValueError:
        raise SimError(f"{what}={text!r} is not a number") from None
    if integer:
        if not value.is_integer():
            raise SimError(f"{what}={text!r} must be a whole number")
        return int(value)
    return value


@dataclass(frozen=True)
class GrowingBatch:
    """b_e = min(n, ⌊start · factor^⌊e / every⌋⌋): noisy small batches early, near-GD late."""

    start: int
    factor: float = 2.0
    every: int = 1

    def __post_init__(self):
        _require(isinstance(self.start, (int, np.integer)) and self.start >= 1,
                 f"a growing batch needs a whole start ≥ 1, got {self.start!r}")
        _require(math.isfinite(self.factor) and self.factor >= 1,
                 f"a growing batch needs factor ≥ 1, got {self.factor!r}")
        _require(isinstance(self.every, (int, np.integer)) and self.every >= 1,
                 f"a growing batch needs a whole every ≥ 1, got {self.every!r}")

    def size(self, epoch: int, n: int) -> int:
        growths = epoch // self.every
        if self.factor > 1 and growths * math.log(self.factor) >= math.log(n / self.start):
            return n  # reached the full batch (and the power may be too large for a float)
        return min(n, math.floor(self.start * self.factor**growths))


def batch_sizes(batch, epochs: int, n: int) -> list[int]:
    """The batch size of each epoch, for a fixed ``int`` or a schedule with ``size(epoch, n)``."""
    if isinstance(batch, (int, np.integer)):
        _require(1 <= batch <= n, f"batch size must be between 1 and n={n}, got {batch}")
        return [int(batch)] * epochs
    return [batch.size(e, n) for e in range(epochs)]
