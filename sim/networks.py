"""Tiny networks as functions: a single layer, and two sigmoids building a bump.

Enough for the single- and two-layer slides: what each unit computes, so a
figure and an animation light up the same numbers.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import expit


@dataclass(frozen=True)
class LayerOutput:
    """The weighted sum z = Wx + b of a layer and its activation g(z)."""

    pre: np.ndarray
    post: np.ndarray


def dense(x, weights, bias, activation: str = "identity") -> LayerOutput:
    """One layer: z = Wx + b, then identity (linear regression) or sigmoid (logistic regression)."""
    weights, bias = np.asarray(weights, dtype=float), np.asarray(bias, dtype=float)
    z = np.asarray(x, dtype=float) @ weights.T + bias
    if activation == "identity":
        return LayerOutput(pre=z, post=z)
    if activation == "sigmoid":
        return LayerOutput(pre=z, post=expit(z))
    raise ValueError(f"unknown activation {activation!r}; choose 'identity' or 'sigmoid'")


@dataclass(frozen=True)
class Bump:
    """h·σ(k(x − left)) − h·σ(k(x − right)): two hidden units and their sum, a bump."""

    x: np.ndarray
    rise: np.ndarray
    fall: np.ndarray
    output: np.ndarray


def sigmoid_bump(x, left: float = -1.0, right: float = 1.0, steepness: float = 10.0,
                 height: float = 1.0) -> Bump:
    """A two-layer net (two sigmoid hidden units, output weights +h, −h) as a nonlinear function."""
    x = np.asarray(x, dtype=float)
    rise = height * expit(steepness * (x - left))
    fall = -height * expit(steepness * (x - right))
    return Bump(x=x, rise=rise, fall=fall, output=rise + fall)
