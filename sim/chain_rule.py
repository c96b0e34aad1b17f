"""The lecture's chain-rule example, computed two independent ways.

u(z1, z2) = (z1 + z2)²/2 with z1 = x1 sin x2 and z2 = (sin x2)². Brute force
substitutes first and differentiates the expanded closed form; the chain rule
multiplies local derivatives along the edges of the graph x → z → u, which is
backpropagation in miniature.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

EDGES = (("x1", "z1"), ("x2", "z1"), ("x1", "z2"), ("x2", "z2"), ("z1", "u"), ("z2", "u"))
"""The computation graph's edges (from, to) in drawing order: inputs, then intermediates."""


@dataclass(frozen=True)
class ChainRuleExample:
    """Forward values, each edge's local derivative, the backward adjoints and both gradients.

    Arrays have the shape of the input's leading axes (scalars for one point).
    ``local[(a, b)]`` is ∂b/∂a on the edge a → b; ``adjoints[node]`` is ∂u/∂node,
    accumulated backward from ``adjoints['u'] = 1``.
    """

    x: np.ndarray  # (..., 2)
    z1: np.ndarray
    z2: np.ndarray
    u: np.ndarray
    local: dict[tuple[str, str], np.ndarray]
    adjoints: dict[str, np.ndarray]
    grad_chain: np.ndarray  # (..., 2)
    u_brute: np.ndarray
    grad_brute: np.ndarray  # (..., 2)


def brute_force(x) -> tuple[np.ndarray, np.ndarray]:
    """u and ∇u from the substituted, expanded form ½(x1² s² + 2 x1 s³ + s⁴), s = sin x2."""
    x = np.asarray(x, dtype=float)
    x1, s, c = x[..., 0], np.sin(x[..., 1]), np.cos(x[..., 1])
    u = 0.5 * (x1**2 * s**2 + 2.0 * x1 * s**3 + s**4)
    grad = np.stack([x1 * s**2 + s**3, x1**2 * s * c + 3.0 * x1 * s**2 * c + 2.0 * s**3 * c],
                    axis=-1)
    return u, grad


def chain_rule_example(x) -> ChainRuleExample:
    """Forward pass, local derivatives on the edges, backward pass; with brute force beside it."""
    x = np.asarray(x, dtype=float)
    x1, x2 = x[..., 0], x[..., 1]
    s, c = np.sin(x2), np.cos(x2)
    z1, z2 = x1 * s, s**2
    u = 0.5 * (z1 + z2) ** 2
    local = {
        ("x1", "z1"): s,
        ("x2", "z1"): x1 * c,
        ("x1", "z2"): np.zeros_like(x1),
        ("x2", "z2"): 2.0 * s * c,
        ("z1", "u"): z1 + z2,
        ("z2", "u"): z1 + z2,
    }
    adjoints = {"u": np.ones_like(u)}
    for node in ("z1", "z2"):
        adjoints[node] = adjoints["u"] * local[(node, "u")]
    for node in ("x1", "x2"):
        adjoints[node] = sum(adjoints[z] * local[(node, z)] for z in ("z1", "z2"))
    u_brute, grad_brute = brute_force(x)
    return ChainRuleExample(x=x, z1=z1, z2=z2, u=u, local=local, adjoints=adjoints,
                            grad_chain=np.stack([adjoints["x1"], adjoints["x2"]], axis=-1),
                            u_brute=u_brute, grad_brute=grad_brute)
