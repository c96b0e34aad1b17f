"""What a picture of the convexity definition shows for one 1-D curve, gathered once.

The graph of f over its bounds, the chord between θ2 (t = 0) and θ1 (t = 1)
from ``sim.convexity.chord``, and f's classified critical points: the figure
``convexity`` and the scene ``convexity-chord`` both draw a ``ChordPicture``,
so they show the same numbers.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.convexity import Chord, Curve1D, chord
from sim.errors import SimError


@dataclass(frozen=True)
class ChordPicture:
    xs: np.ndarray  # (n,) θ over the curve's bounds
    values: np.ndarray  # (n,) f(θ)
    theta1: float
    theta2: float
    chord: Chord  # along t ∈ [0, 1]
    critical: np.ndarray  # (c,) zeros of f′
    critical_values: np.ndarray  # (c,)
    kinds: tuple[str, ...]  # 'minimum', 'maximum' or 'saddle' for each

    @property
    def window(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """The (θ, f) range a picture shows: every critical point and chord end, with room above;
        θ spans where the graph stays inside it. Shared so both renderers frame the same view."""
        key = np.r_[self.critical_values, self.chord.chord[[0, -1]]]
        low, high = key.min(), key.max()
        span = high - low
        top = high + 0.8 * span
        inside = self.xs[self.values <= top]
        return (float(inside.min()), float(inside.max())), (float(low - 0.25 * span), float(top))

    @property
    def dips_under(self) -> bool:
        """True when the chord goes below the graph somewhere: the definition fails there."""
        return bool(self.chord.gap.min() < 0.0)


def chord_picture(curve: Curve1D, theta1: float, theta2: float, samples: int = 401,
                  chord_samples: int = 241) -> ChordPicture:
    """The graph, chord and critical points of ``curve`` for the chord from θ2 to θ1."""
    lo, hi = curve.bounds
    for name, theta in (("theta1", theta1), ("theta2", theta2)):
        if not lo <= theta <= hi:
            raise SimError(f"{name}={theta:g} is outside the curve's domain [{lo:g}, {hi:g}]")
    if theta1 == theta2:
        raise SimError("theta1 and theta2 are equal: the chord is a single point; "
                       "pick two different points")
    xs = np.linspace(lo, hi, samples)
    critical, kinds = curve.critical_points()
    ts = np.linspace(0.0, 1.0, chord_samples)
    return ChordPicture(xs=xs, values=curve.value(xs), theta1=float(theta1), theta2=float(theta2),
                        chord=chord(curve.value, theta1, theta2, ts),
                        critical=critical, critical_values=curve.value(critical), kinds=kinds)
