"""Convexity as data: chords between two points, for 1-D curves and 2-D surfaces alike.

f is convex when f(tθ1 + (1−t)θ2) ≤ t f(θ1) + (1−t) f(θ2) for all θ1, θ2 and
t ∈ [0, 1] (the corrected definition, with t; see ERRATA.md). A chord is the
segment between (θ2, f(θ2)) at t = 0 and (θ1, f(θ1)) at t = 1.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.polynomial import Polynomial


@dataclass(frozen=True, eq=False)
class Curve1D:
    """A polynomial f: R → R with its derivatives and classified critical points."""

    polynomial: Polynomial
    bounds: tuple[float, float]

    def value(self, x):
        return self.polynomial(np.asarray(x, dtype=float))

    def derivative(self, x):
        return self.polynomial.deriv()(np.asarray(x, dtype=float))

    def second_derivative(self, x):
        return self.polynomial.deriv(2)(np.asarray(x, dtype=float))

    def critical_points(self) -> tuple[np.ndarray, tuple[str, ...]]:
        """Real zeros of f′ (sorted) and each one's kind: 'minimum', 'maximum' or 'saddle'.

        A saddle here is a stationary inflection: f′ = 0 without changing sign.
        """
        roots = self.polynomial.deriv().roots()
        xs = np.unique(np.round(roots[np.abs(roots.imag) < 1e-6].real, 6)) + 0.0
        kinds = []
        for x in xs:
            gap = 1e-4
            left, right = self.derivative(x - gap), self.derivative(x + gap)
            kinds.append("minimum" if left < 0 < right else "maximum" if left > 0 > right
                         else "saddle")
        return xs, tuple(kinds)


def convex_curve() -> Curve1D:
    """f(x) = ½x² + x⁴/20: strictly convex, one minimiser at 0."""
    return Curve1D(Polynomial([0.0, 0.0, 0.5, 0.0, 0.05]), (-2.5, 2.5))


def nonconvex_curve() -> Curve1D:
    """f(x) = x⁶/6 − 2x⁵/5 − x⁴/4 + 2x³/3, f′(x) = x²(x + 1)(x − 1)(x − 2).

    Local minima at −1 (f = −0.35) and 2 (f = −0.8, global), a local maximum
    at 1, and a saddle (stationary inflection) at 0.
    """
    return Curve1D(Polynomial([0.0, 0.0, 0.0, 2.0 / 3.0, -0.25, -0.4, 1.0 / 6.0]), (-1.6, 2.6))


@dataclass(frozen=True)
class Chord:
    """Along t ∈ [0, 1]: the point tθ1 + (1−t)θ2, f there, and the chord t f(θ1) + (1−t) f(θ2).

    ``gap`` = chord − f: never negative for a convex f; negative where the
    chord dips under the graph of a non-convex one.
    """

    ts: np.ndarray  # (m,)
    points: np.ndarray  # (m,) for curves, (m, d) for surfaces
    values: np.ndarray  # (m,)
    chord: np.ndarray  # (m,)
    gap: np.ndarray  # (m,)


def chord(f, theta1, theta2, ts=None) -> Chord:
    """The chord data between θ1 and θ2 for ``f(points)``, a curve's or surface's ``value``."""
    ts = np.linspace(0.0, 1.0, 101) if ts is None else np.asarray(ts, dtype=float)
    theta1, theta2 = np.asarray(theta1, dtype=float), np.asarray(theta2, dtype=float)
    t = ts.reshape(ts.shape + (1,) * theta1.ndim)
    points = t * theta1 + (1.0 - t) * theta2
    values = f(points)
    line = ts * f(theta1) + (1.0 - ts) * f(theta2)
    return Chord(ts=ts, points=points, values=values, chord=line, gap=line - values)
