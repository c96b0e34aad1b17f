"""Contour levels whose level sets close inside the plot, and level lines over any window.

``sim.levels.default_levels`` spaces levels over the whole range of f on the
plot, so the outer ones run into the plot's edge. Below the lowest value f
takes on the window's edge, a level set cannot reach the edge: for a bowl
those levels are closed rings, and spacing them quadratically above the
minimum makes the rings of a quadratic evenly spaced.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from sim.errors import SimError
from sim.levels import LevelLines, level_lines


@dataclass(frozen=True)
class Window:
    """A problem seen through other plot bounds: what ``sim.levels`` needs (``value``, ``bounds``)."""

    problem: object
    bounds: tuple

    def value(self, theta):
        return self.problem.value(theta)


def window_around(points, pad: float = 0.5, step: float = 0.5) -> tuple:
    """Plot bounds holding ``points`` (shape (m, 2)) with ``pad`` to spare, rounded outward to
    multiples of ``step``: a zoom on where the action is."""
    points = np.asarray(points, dtype=float)
    low, high = np.nanmin(points, axis=0) - pad, np.nanmax(points, axis=0) + pad
    return tuple((math.floor(lo / step) * step, math.ceil(hi / step) * step)
                 for lo, hi in zip(low, high))


def window_lines(problem, levels, bounds, resolution: int = 241) -> LevelLines:
    """The level lines of ``problem`` at ``levels`` over ``bounds`` (e.g. a zoom around a minimum)."""
    return level_lines(Window(problem, bounds), levels, resolution)


def edge_minimum(problem, bounds=None, resolution: int = 241) -> float:
    """The lowest value of f on the edge of the window (the problem's bounds by default)."""
    (x0, x1), (y0, y1) = problem.bounds if bounds is None else bounds
    xs, ys = np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution)
    edge = np.concatenate([np.stack([xs, np.full_like(xs, y), ], axis=-1) for y in (y0, y1)]
                          + [np.stack([np.full_like(ys, x), ys], axis=-1) for x in (x0, x1)])
    return float(problem.value(edge).min())


def closed_levels(problem, count: int = 10, bounds=None, resolution: int = 241) -> np.ndarray:
    """``count`` levels m + (e − m)(k / (count + ½))², k = 1 … count, between the least minimum
    value m and the edge minimum e: all strictly inside (m, e), so none touches the edge."""
    low = float(problem.value(problem.minima()).min())
    high = edge_minimum(problem, bounds, resolution)
    if not high > low:
        raise SimError(f"the window's edge reaches the minimum value {low:g}: no level set closes "
                       "inside it; widen the window")
    return low + (high - low) * (np.arange(1, count + 1) / (count + 0.5)) ** 2


@dataclass(frozen=True)
class RingView:
    """A plot window around some points and the closed contour rings inside it."""

    bounds: tuple
    lines: LevelLines


def ring_view(problem, points, pad: float = 0.5, step: float = 0.5, count: int = 10) -> RingView:
    """The window ``window_around(points, pad, step)`` and ``count`` closed rings of ``problem`` in it."""
    bounds = window_around(points, pad, step)
    return RingView(bounds=bounds,
                    lines=window_lines(problem, closed_levels(problem, count, bounds), bounds))


def levels_to(problem, point, count: int = 10) -> np.ndarray:
    """``count`` levels m + (f(point) − m)(k / count)², k = 1 … count, from the least minimum
    value m up to the level set through ``point`` (the last): a start drawn on its contour,
    every level inside it, evenly spaced rings for a quadratic."""
    low = float(problem.value(problem.minima()).min())
    high = float(problem.value(np.asarray(point, dtype=float)))
    if not high > low:
        raise SimError(f"the point lies at the minimum value {low:g}: no level set below it")
    return low + (high - low) * (np.arange(1, count + 1) / count) ** 2
