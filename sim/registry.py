"""Every problem by name, and building one from ``KEY=VALUE`` strings with one-line errors.

A problem's parameters are its dataclass fields (except ``bounds``); each
field's default fixes its type (whole number or real number).
"""
from __future__ import annotations

import math
from dataclasses import MISSING, asdict, fields
from typing import Mapping

from sim.errors import SimError
from sim.problems import SURFACES
from sim.regression import LinReg, LogReg
from sim.tanh_regression import TanhReg

DATA_PROBLEMS = {"linreg": LinReg, "logreg": LogReg, "tanh": TanhReg}
"""The data problems by the name assets and the CLI use for them."""
PROBLEMS = {**SURFACES, **DATA_PROBLEMS}
"""Analytic surfaces and data problems by the name the CLI accepts."""


def is_data_problem(name: str) -> bool:
    return name in DATA_PROBLEMS


def problem_class(name: str):
    if name not in PROBLEMS:
        raise SimError(f"unknown problem {name!r}; choose one of: {', '.join(PROBLEMS)}")
    return PROBLEMS[name]


def parameters(name: str) -> dict[str, int | float]:
    """The problem's parameters and their defaults, in declaration order."""
    return {f.name: f.default for f in fields(problem_class(name))
            if f.name != "bounds" and f.default is not MISSING}


def number(value, what: str, integer: bool = False, example: str = "") -> int | float:
    """``value`` (a number or its text) as a finite float, or an int when ``integer``."""
    hint = f"; e.g. {example}" if example else ""
    if isinstance(value, bool):
        raise SimError(f"{what} must be a number, got {value!r}{hint}")
    try:
        result = float(value.strip() if isinstance(value, str) else value)
    except (TypeError, ValueError):
        raise SimError(f"{what} must be a number, got {value!r}{hint}") from None
    if not math.isfinite(result):
        raise SimError(f"{what} must be a finite number, got {value!r}{hint}")
    if integer:
        if not result.is_integer():
            raise SimError(f"{what} must be a whole number, got {value!r}{hint}")
        return int(result)
    return result


def make_problem(name: str, params: Mapping[str, object] | None = None):
    """Build problem ``name`` from parameter values given as numbers or strings."""
    cls = problem_class(name)
    known = parameters(name)
    values = {}
    for key, raw in (params or {}).items():
        if key not in known:
            valid = ", ".join(known) if known else "none (it takes no parameters)"
            raise SimError(f"unknown parameter {key!r} for {name}; valid: {valid}")
        values[key] = number(raw, f"parameter {key}", integer=isinstance(known[key], int),
                             example=f"--param {key}={known[key]}")
    return cls(**values)


def resolved_parameters(problem) -> dict[str, int | float]:
    """The problem's parameter values (defaults filled in), without the plot bounds."""
    return {k: v for k, v in asdict(problem).items() if k != "bounds"}
