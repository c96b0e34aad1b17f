"""The chain-rule example's formulas as TeX, in the corrected forms of ERRATA.md.

``sim.chain_rule`` computes the numbers; this module holds how the figure and
the animation write the same quantities, so both print identical formulas.
The strings use only TeX that matplotlib's mathtext and LaTeX both read, and
the tests evaluate each one and compare it with ``sim.chain_rule``'s numbers.
"""
from __future__ import annotations

SYMBOLS = {"x1": "x_1", "x2": "x_2", "z1": "z_1", "z2": "z_2", "u": "u"}
"""Each node of ``sim.chain_rule.EDGES`` as a TeX symbol."""

DEFINITIONS = {
    "z1": r"x_1 \sin x_2",
    "z2": r"(\sin x_2)^2",
    "u": r"\frac{1}{2}(z_1 + z_2)^2",
}
"""What each computed node is, in terms of the nodes before it (the lecture's problem)."""

LOCAL = {
    ("x1", "z1"): r"\sin x_2",
    ("x2", "z1"): r"x_1 \cos x_2",
    ("x1", "z2"): "0",
    ("x2", "z2"): r"2 \sin x_2 \cos x_2",
    ("z1", "u"): r"z_1 + z_2",
    ("z2", "u"): r"z_1 + z_2",
}
"""The local derivative ∂b/∂a on each edge a → b."""

SUBSTITUTED = r"\frac{1}{2}(x_1 \sin x_2 + \sin^2 x_2)^2"
"""u with z1 and z2 substituted: where brute force starts."""

BRUTE_FORCE = {
    "x1": r"x_1 \sin^2 x_2 + \sin^3 x_2",
    "x2": r"x_1^2 \sin x_2 \cos x_2 + 3 x_1 \sin^2 x_2 \cos x_2 + 2 \sin^3 x_2 \cos x_2",
}
"""∂u/∂x_i from differentiating the expanded substituted form (as ``brute_force`` does)."""

CHAIN_RULE = {
    "x1": r"(z_1 + z_2) \sin x_2",
    "x2": r"(z_1 + z_2)(x_1 \cos x_2 + 2 \sin x_2 \cos x_2)",
}
"""∂u/∂x_i as the chain rule gives it (ERRATA's form)."""


def derivative(of: str, by: str, inline: bool = False) -> str:
    """∂of/∂by in TeX for nodes (or TeX symbols such as 'z_j'): a fraction, or with a slash
    to fit in a line of text."""
    top, bottom = rf"\partial {SYMBOLS.get(of, of)}", rf"\partial {SYMBOLS.get(by, by)}"
    return f"{top}/{bottom}" if inline else rf"\frac{{{top}}}{{{bottom}}}"


def chain_rule_sum(inline: bool = False) -> str:
    """The chain rule through the intermediates: ∂u/∂x_i = Σ_j ∂u/∂z_j · ∂z_j/∂x_i."""
    outer, inner = derivative("u", "z_j", inline), derivative("z_j", "x_i", inline)
    product = f"({outer})({inner})" if inline else rf"{outer}\,{inner}"
    total = r"{\sum}_j" if inline else r"\sum_j"  # inline: the index beside the sign
    return rf"{derivative('u', 'x_i', inline)} = {total} {product}"


def printed(value: float, decimals: int) -> str:
    """A computed value as both pictures print it: fixed decimals, never −0."""
    text = f"{value:.{decimals}f}"
    return text.lstrip("-") if float(text) == 0.0 else text


def given(value: float, decimals: int) -> str:
    """An input as the lecturer typed it: without trailing zeros."""
    return printed(value, decimals).rstrip("0").rstrip(".")
