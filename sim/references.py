"""Exact references the optimizers are checked against: closed forms and gradient flow.

Gradient descent on f(θ) = ½(θ − c)⊤A(θ − c) is θ_t − c = (I − εA)^t (θ_0 − c);
gradient flow θ′ = −∇f, its ε → 0 limit, is θ(t) − c = exp(−At)(θ_0 − c) there
and an ODE solve on any other surface.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.integrate import solve_ivp
from scipy.linalg import expm

from sim.errors import SimError


def gd_closed_form(matrix, start, lr: float, steps: int, centre=None) -> np.ndarray:
    """(I − εA)^t (θ_0 − c) + c for t = 0 … steps, shape (steps + 1, d).

    Computed through A's eigenbasis, not by iterating, so it is a reference for GD.
    """
    values, vectors = np.linalg.eigh(np.asarray(matrix, dtype=float))
    start = np.asarray(start, dtype=float)
    centre = np.zeros_like(start) if centre is None else np.asarray(centre, dtype=float)
    coefficients = vectors.T @ (start - centre)
    powers = (1.0 - lr * values)[None, :] ** np.arange(steps + 1)[:, None]
    return (powers * coefficients) @ vectors.T + centre


def gradient_flow_closed_form(matrix, start, times, centre=None) -> np.ndarray:
    """exp(−At)(θ_0 − c) + c at each time, by the matrix exponential, shape (m, d)."""
    matrix = np.asarray(matrix, dtype=float)
    start = np.asarray(start, dtype=float)
    centre = np.zeros_like(start) if centre is None else np.asarray(centre, dtype=float)
    times = np.asarray(times, dtype=float)
    return np.stack([expm(-matrix * t) @ (start - centre) for t in times]) + centre


@dataclass(frozen=True)
class Flow:
    """Gradient flow sampled at ``times``: the continuous path GD approaches as ε → 0."""

    times: np.ndarray  # (m,)
    points: np.ndarray  # (m, d)
    losses: np.ndarray  # (m,)


def gradient_flow(problem, start, duration: float, count: int = 200, rtol: float = 1e-10,
                  atol: float = 1e-12) -> Flow:
    """θ′ = −∇f(θ) from ``start`` over [0, duration], by an implicit method (Radau).

    Implicit (with the Hessian as Jacobian), because narrow valleys such as
    Rosenbrock's are stiff: the Hessian's eigenvalues differ by orders of magnitude.
    """
    times = np.linspace(0.0, duration, count)
    solution = solve_ivp(lambda _t, theta: -problem.grad(theta), (0.0, duration),
                         np.asarray(start, dtype=float), method="Radau", t_eval=times,
                         jac=lambda _t, theta: -problem.hessian(theta), rtol=rtol, atol=atol)
    if not solution.success:
        raise SimError(f"gradient flow from {list(map(float, start))} failed: {solution.message}")
    points = solution.y.T
    return Flow(times=times, points=points, losses=problem.value(points))
