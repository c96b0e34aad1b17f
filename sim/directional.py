"""The gradient as steepest ascent: directional derivatives ∇f⊤u over all unit directions u."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class DirectionalDerivatives:
    """D_u f(θ) = ∇f(θ)⊤u for unit u at ``angles``; it peaks at u = ∇f/‖∇f‖ with value ‖∇f‖."""

    point: np.ndarray  # (2,)
    angles: np.ndarray  # (m,) radians, counter-clockwise from the θ1 axis
    directions: np.ndarray  # (m, 2) unit vectors
    derivatives: np.ndarray  # (m,)
    gradient: np.ndarray  # (2,)

    @property
    def steepest(self) -> np.ndarray:
        """∇f/‖∇f‖, the direction the sampled maximum approaches."""
        return self.gradient / np.linalg.norm(self.gradient)


def unit_directions(count: int) -> tuple[np.ndarray, np.ndarray]:
    """``count`` angles evenly around the circle and their unit vectors."""
    angles = np.linspace(0.0, 2.0 * np.pi, count, endpoint=False)
    return angles, np.stack([np.cos(angles), np.sin(angles)], axis=-1)


def directional_derivatives(problem, point, count: int = 360) -> DirectionalDerivatives:
    """∇f⊤u at ``point`` for ``count`` unit directions, for the rotating-arrow picture."""
    point = np.asarray(point, dtype=float)
    angles, directions = unit_directions(count)
    gradient = problem.grad(point)
    return DirectionalDerivatives(point=point, angles=angles, directions=directions,
                                  derivatives=directions @ gradient, gradient=gradient)
