"""The library side of ``cli.py path``: validate settings, run one optimizer, write CSV or JSON.

``export_path`` takes values the CLI has already parsed (numbers, or strings
for ``--param`` values) and returns the text to write plus any warnings for
stderr. Every invalid input raises SimError with one line saying what is
wrong and how to fix it. Output is deterministic: the same inputs give the
same text, with floats written at repr precision.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Iterable, Mapping

import numpy as np

from sim.errors import SimError
from sim.optimizers import (DIVERGENCE_FACTOR, Trajectory, gradient_descent, minibatch_sgd,
                            noisy_gradient_descent, sgd)
from sim.registry import PROBLEMS, is_data_problem, make_problem, number, resolved_parameters
from sim.schedules import describe, parse_schedule, zero_step_warning

OPTIMIZERS = ("gd", "sgd", "minibatch")
FORMATS = ("csv", "json")
MAX_UPDATES = 1_000_000
DEFAULT_STEPS = 100  # analytic surfaces
DEFAULT_EPOCHS = 10  # data problems
CSV_HEADER = "step,epoch,lr,loss,theta1,theta2"

LOSS_MEANING = {
    "data": "the mean over the n examples, L(θ) = (1/n) Σ_i L_i(θ); the lecture writes the sum "
            "Σ_i L_i(θ), n times this value with the same minimisers. Steps follow the gradient "
            "of this mean (of the batch's mean for sgd and minibatch): a step size ε here moves "
            "θ as ε/n would on the lecture's sum",
    "surface": "the surface's value f(θ)",
}
"""What the exported ``loss`` column is, for data problems and for analytic surfaces."""
DEFINITIONS = {
    "lr": "the step size ε_t of the update that made this step from the one before; "
          "null at step 0, the start",
    "diverged": f"true if the run stopped early: an iterate or its loss was not finite, or the "
                f"iterate was farther than 10^{math.log10(DIVERGENCE_FACTOR):.0f} × the start's "
                f"distance from the minimum nearest the start (the origin when the problem has "
                f"none; that distance floored at 1/1000 of the plot's diagonal)",
    "diverged_at": "the step whose iterate was rejected (steps end just before it); null if none",
}
"""What the JSON export's less obvious fields mean; the ``loss`` entry comes from LOSS_MEANING."""


@dataclass(frozen=True)
class PathExport:
    """The text to write, warnings for stderr, and the trajectory behind them."""

    text: str
    warnings: tuple[str, ...]
    trajectory: Trajectory


def parse_assignments(items: Iterable[str]) -> dict[str, str]:
    """``['a=1', 'b=2']`` → ``{'a': '1', 'b': '2'}``, for repeated ``--param KEY=VALUE``."""
    result: dict[str, str] = {}
    for item in items:
        key, eq, value = str(item).partition("=")
        key = key.strip()
        if not eq or not key:
            raise SimError(f"--param {item!r} is not KEY=VALUE; write e.g. --param n=200")
        if key in result:
            raise SimError(f"--param {key} is given twice; give each parameter once")
        result[key] = value.strip()
    return result


def _start(start, problem) -> np.ndarray:
    if start is None:
        return np.array(problem.DEFAULT_START, dtype=float)
    parts = start.split(",") if isinstance(start, str) else list(np.ravel(start))
    if len(parts) != 2:
        raise SimError(f"--start needs 2 coordinates X,Y (θ is 2-D), got {len(parts)}: {start!r}; "
                       f"e.g. --start -1.5,0.8")
    return np.array([number(p, "--start coordinate", example="--start -1.5,0.8") for p in parts])


def _positive_whole(value, flag: str, example: str) -> int:
    value = number(value, flag, integer=True, example=example)
    if value < 1:
        raise SimError(f"{flag} must be at least 1, got {value}; e.g. {example}")
    return value


def _settings(name, problem, optimizer, lr, steps, epochs, seed, batch_size, noise):
    """Check which settings apply to this problem and optimizer; return the resolved ones."""
    data = is_data_problem(name)
    if optimizer not in OPTIMIZERS:
        raise SimError(f"unknown optimizer {optimizer!r}; choose one of: {', '.join(OPTIMIZERS)}")
    if lr is None:
        raise SimError("missing --lr: give a positive learning rate, e.g. --lr 0.1")
    lr = number(lr, "--lr", example="--lr 0.1")
    if lr <= 0:
        raise SimError(f"--lr must be positive, got {lr!r}; e.g. --lr 0.1")
    settings = {"optimizer": optimizer, "lr": lr, "steps": None, "epochs": None,
                "seed": None, "batch_size": None, "noise": None}
    if data:
        if steps is not None:
            raise SimError(f"{name} is a data problem: count passes over the data with --epochs N, "
                           f"not --steps")
        if noise is not None:
            raise SimError(f"--noise applies to analytic surfaces only; on {name} the gradient "
                           f"noise comes from sampling examples (use --optimizer sgd or minibatch)")
        settings["epochs"] = _positive_whole(DEFAULT_EPOCHS if epochs is None else epochs,
                                             "--epochs", "--epochs 10")
        n = problem.n
        if optimizer == "minibatch":
            if batch_size is None:
                raise SimError(f"minibatch needs --batch-size b with 1 ≤ b ≤ n={n}; "
                               f"e.g. --batch-size 10")
            b = _positive_whole(batch_size, "--batch-size", "--batch-size 10")
            if b > n:
                raise SimError(f"--batch-size {b} is larger than the data set (n={n}); "
                               f"use 1 ≤ b ≤ {n} or raise n with --param n=...")
            settings["batch_size"] = b
        elif batch_size is not None:
            fixed = 1 if optimizer == "sgd" else n
            if number(batch_size, "--batch-size", integer=True) != fixed:
                raise SimError(f"{optimizer} uses batches of {fixed}; for another batch size use "
                               f"--optimizer minibatch --batch-size b")
            settings["batch_size"] = fixed
        else:
            settings["batch_size"] = 1 if optimizer == "sgd" else n
        per_epoch = {"gd": 1, "sgd": n, "minibatch": n // settings["batch_size"]}[optimizer]
        updates = settings["epochs"] * per_epoch
    else:
        if epochs is not None:
            raise SimError(f"{name} is an analytic surface with no data, so it has no epochs; "
                           f"use --steps N")
        if optimizer == "minibatch" or batch_size is not None:
            raise SimError(f"{name} has no examples to batch; mini-batches need a data problem "
                           f"({', '.join(n for n in PROBLEMS if is_data_problem(n))})")
        if optimizer == "sgd":
            if noise is None:
                raise SimError(f"sgd on the surface {name} uses the noisy-gradient model: give "
                               f"--noise σ > 0, e.g. --noise 0.5")
            settings["noise"] = number(noise, "--noise", example="--noise 0.5")
            if settings["noise"] <= 0:
                raise SimError(f"--noise must be positive for sgd, got {settings['noise']!r}")
        elif noise is not None and number(noise, "--noise") != 0:
            raise SimError("gd follows the exact gradient; for noisy gradients use "
                           "--optimizer sgd --noise σ")
        settings["steps"] = _positive_whole(DEFAULT_STEPS if steps is None else steps,
                                            "--steps", "--steps 100")
        updates = settings["steps"]
    if updates > MAX_UPDATES:
        raise SimError(f"that is {updates} updates, more than the limit {MAX_UPDATES}; "
                       f"lower --steps or --epochs")
    if optimizer != "gd":
        settings["seed"] = number(0 if seed is None else seed, "--seed", integer=True,
                                  example="--seed 0")
        if settings["seed"] < 0:
            raise SimError(f"--seed must be ≥ 0, got {settings['seed']}")
    return settings, updates


def _run(problem, start, schedule, settings) -> Trajectory:
    optimizer, seed = settings["optimizer"], settings["seed"]
    if settings["epochs"] is None:
        if optimizer == "gd":
            return gradient_descent(problem, start, schedule, settings["steps"])
        return noisy_gradient_descent(problem, start, schedule, settings["steps"],
                                      settings["noise"], seed)
    epochs = settings["epochs"]
    if optimizer == "gd":
        return gradient_descent(problem, start, schedule, epochs)
    if optimizer == "sgd":
        return sgd(problem, start, schedule, epochs, seed)
    return minibatch_sgd(problem, start, schedule, epochs, settings["batch_size"], seed)


def _float(x) -> str:
    return repr(float(x))


def _csv(trajectory: Trajectory) -> str:
    lines = [CSV_HEADER]
    for k, (theta, loss, lr, epoch) in enumerate(zip(trajectory.iterates, trajectory.losses,
                                                     trajectory.lrs, trajectory.epochs)):
        lr_text = "" if k == 0 else _float(lr)
        values = [str(k), str(int(epoch)), lr_text, *map(_float, (loss, *theta))]
        lines.append(",".join(values))
    return "\n".join(lines) + "\n"


def _json(name, problem, settings, updates, schedule, start, trajectory: Trajectory,
          warnings: tuple[str, ...]) -> str:
    loss = LOSS_MEANING["data" if is_data_problem(name) else "surface"]
    document = {
        "definitions": {"loss": loss, **DEFINITIONS},
        "problem": {"name": name, "params": resolved_parameters(problem)},
        "optimizer": {"name": settings["optimizer"], "lr": settings["lr"],
                      "lr_schedule": describe(schedule), "steps": settings["steps"],
                      "epochs": settings["epochs"], "updates": updates,
                      "batch_size": settings["batch_size"],
                      "seed": settings["seed"], "noise": settings["noise"],
                      "start": [float(x) for x in start]},
    }
    inputs = next((name for name in ("X", "x") if hasattr(problem, name)), None)  # 2-D or 1-D
    if inputs:
        document["data"] = {inputs: getattr(problem, inputs).tolist(), "y": problem.y.tolist()}
    document["steps"] = [
        {"step": k, "epoch": int(epoch), "lr": None if k == 0 else float(lr), "loss": float(loss),
         "theta": [float(x) for x in theta], "batch": [int(i) for i in batch]}
        for k, (theta, loss, lr, epoch, batch) in enumerate(zip(
            trajectory.iterates, trajectory.losses, trajectory.lrs, trajectory.epochs,
            trajectory.batches))]
    document["diverged"] = trajectory.diverged
    document["diverged_at"] = trajectory.diverged_at
    document["warnings"] = list(warnings)
    return json.dumps(document, allow_nan=False) + "\n"


def export_path(problem: str, params: Mapping[str, object] | None = None, *, optimizer: str = "gd",
                lr=None, steps=None, epochs=None, start=None, seed=None, batch_size=None,
                lr_schedule: str = "constant", noise=None, fmt: str = "csv") -> PathExport:
    """Validate, run one optimizer on one problem, and render the path as CSV or JSON text.

    CSV has one row per iterate (header ``step,epoch,lr,loss,theta1,theta2``;
    step 0 is the start, its lr empty). JSON holds what its fields mean
    (``definitions``: the loss is a mean over examples, ``diverged`` means
    farther than 10⁶ × the start's distance), the problem, every optimizer
    setting, the data (data problems only), every step with the example
    indices that produced it, and whether the run diverged. The lr and batch
    of step k are those used to go from step k−1 to step k. Warnings include
    a step size that reaches 0 (``sim.schedules.zero_step_warning``).
    """
    if fmt not in FORMATS:
        raise SimError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    instance = make_problem(problem, params)
    settings, updates = _settings(problem, instance, optimizer, lr, steps, epochs, seed,
                                  batch_size, noise)
    schedule = parse_schedule(lr_schedule or "constant", settings["lr"], updates)
    theta0 = _start(start, instance)
    trajectory = _run(instance, theta0, schedule, settings)
    warnings = (*filter(None, [zero_step_warning(schedule, updates)]), *trajectory.messages)
    text = (_csv(trajectory) if fmt == "csv"
            else _json(problem, instance, settings, updates, schedule, theta0, trajectory,
                       warnings))
    return PathExport(text=text, warnings=warnings, trajectory=trajectory)
