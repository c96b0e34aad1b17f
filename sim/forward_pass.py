"""Forward passes through small example networks, with every intermediate number kept.

The single- and two-layer slides show concrete numbers appearing as a network
computes them. They are computed here, layer by layer with ``sim.networks.dense``,
so a figure and an animation of the same network show the same values. As in the
lecture, data are centred and no layer has a bias: z = θ⊤x.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.errors import SimError
from sim.networks import dense

ACTIVATIONS = ("identity", "sigmoid")
MAX_UNITS = 8  # units per layer that still read as a diagram on a slide


@dataclass(frozen=True)
class SingleLayerPass:
    """One output unit on inputs x⁽⁰⁾: the summands θ_i x_i, their sum z, both activations."""

    x: np.ndarray  # inputs x⁽⁰⁾, shape (d,)
    theta: np.ndarray  # weights θ, shape (d,)
    terms: np.ndarray  # θ_i x_i, shape (d,): what the weighted sum adds up
    z: float  # θ⊤x⁽⁰⁾
    linear: float  # identity(z): linear regression's prediction ŷ
    logistic: float  # σ(z): logistic regression's p(1 | x)


@dataclass(frozen=True)
class LayerPass:
    """One layer of a forward pass: weights θ⁽ˡ⁾ (out × in), z⁽ˡ⁾ = θ⁽ˡ⁾x⁽ˡ⁻¹⁾, x⁽ˡ⁾ = g(z⁽ˡ⁾)."""

    weights: np.ndarray
    activation: str
    pre: np.ndarray
    post: np.ndarray


@dataclass(frozen=True)
class NetworkPass:
    """The inputs x⁽⁰⁾ and every layer's pass, in order; ``output`` is x⁽ᴸ⁾."""

    x: np.ndarray
    layers: tuple[LayerPass, ...]

    @property
    def output(self) -> np.ndarray:
        return self.layers[-1].post


def _check_units(name: str, count) -> int:
    if not (isinstance(count, (int, np.integer)) and 1 <= count <= MAX_UNITS):
        raise SimError(f"parameter {name} must be a whole number from 1 to {MAX_UNITS}, "
                       f"got {count!r}")
    return int(count)


def _check_activation(activation: str) -> str:
    if activation not in ACTIVATIONS:
        raise SimError(f"unknown activation {activation!r}; choose one of {', '.join(ACTIVATIONS)}")
    return activation


def example_values(shape, seed: int, largest: float) -> np.ndarray:
    """Non-zero numbers with one decimal, |v| ≤ ``largest``, drawn from ``seed``.

    One decimal each keeps the products θ_i x_i exact to two decimals, so a
    weighted sum shown term by term adds up on screen too.
    """
    rng = np.random.default_rng(seed)
    tenths = rng.integers(1, round(10 * largest) + 1, size=shape)
    return rng.choice([-1.0, 1.0], size=shape) * tenths / 10


def response(z, activation: str) -> np.ndarray:
    """g(z) of a one-input unit with weight 1: the activation's graph, computed by ``dense``."""
    z = np.asarray(z, dtype=float)
    return dense(z[:, None], [[1.0]], 0.0, _check_activation(activation)).post[:, 0]


def single_layer_pass(x, theta) -> SingleLayerPass:
    """z = θ⊤x⁽⁰⁾ through one unit, then identity (linear regression) and σ (logistic)."""
    x, theta = np.asarray(x, dtype=float), np.asarray(theta, dtype=float)
    if x.ndim != 1 or x.shape != theta.shape:
        raise SimError(f"inputs and weights must be vectors of one length, got shapes "
                       f"{x.shape} and {theta.shape}")
    linear = dense(x, theta[None, :], 0.0, "identity")
    logistic = dense(x, theta[None, :], 0.0, "sigmoid")
    return SingleLayerPass(x=x, theta=theta, terms=theta * x, z=float(linear.pre[0]),
                           linear=float(linear.post[0]), logistic=float(logistic.post[0]))


def single_layer_example(inputs: int = 3, seed: int = 0) -> SingleLayerPass:
    """The slide's example from ``seed``: ``inputs`` values x⁽⁰⁾ in [−2, 2], weights in [−1, 1]."""
    rng = np.random.default_rng(seed)
    x_seed, theta_seed = rng.integers(2**32, size=2)
    d = _check_units("inputs", inputs)
    return single_layer_pass(example_values(d, x_seed, 2.0), example_values(d, theta_seed, 1.0))


def forward(x, weights, activations) -> NetworkPass:
    """x⁽ˡ⁾ = g_l(θ⁽ˡ⁾x⁽ˡ⁻¹⁾) for l = 1 … L: each layer's z and activation, in order."""
    if len(weights) != len(activations):
        raise SimError(f"{len(weights)} weight matrices but {len(activations)} activations")
    x = np.asarray(x, dtype=float)
    layers, signal = [], x
    for w, g in zip(weights, activations):
        w = np.asarray(w, dtype=float)
        if w.ndim != 2 or w.shape[1] != signal.shape[-1]:
            raise SimError(f"layer {len(layers) + 1} expects weights of shape (units, "
                           f"{signal.shape[-1]}), got {w.shape}")
        out = dense(signal, w, 0.0, _check_activation(g))
        layers.append(LayerPass(weights=w, activation=g, pre=out.pre, post=out.post))
        signal = out.post
    return NetworkPass(x=x, layers=tuple(layers))


def two_layer_example(inputs: int = 3, hidden: int = 4, output: str = "identity",
                      seed: int = 0) -> NetworkPass:
    """The slide's two-layer net: x⁽⁰⁾ → σ(θ⁽¹⁾x⁽⁰⁾) → g(θ⁽²⁾x⁽¹⁾), one output unit, from ``seed``.

    Inputs lie in [−2, 2]; weights in [−1, 1] into the hidden layer and in
    [−2, 2] out of it, so the output is not squeezed next to zero.
    """
    d, h = _check_units("inputs", inputs), _check_units("hidden", hidden)
    seeds = np.random.default_rng(seed).integers(2**32, size=3)
    x = example_values(d, seeds[0], 2.0)
    weights = (example_values((h, d), seeds[1], 1.0), example_values((1, h), seeds[2], 2.0))
    return forward(x, weights, ("sigmoid", _check_activation(output)))
