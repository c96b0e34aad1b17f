"""Every printed chain-rule formula, evaluated, equals the number sim.chain_rule computes."""
import re

import numpy as np
import pytest

from sim.chain_rule import EDGES, chain_rule_example
from sim.chain_rule_formulas import (BRUTE_FORCE, CHAIN_RULE, DEFINITIONS, LOCAL, SUBSTITUTED,
                                     SYMBOLS, chain_rule_sum, derivative, given,
                                     printed)

POINTS = np.random.default_rng(11).uniform(-3, 3, size=(50, 2))


def evaluate(tex: str, **values):
    """Evaluate the TeX the formulas use: \\frac, \\sin, \\cos, powers, juxtaposed products."""
    s = re.sub(r"\\frac\{([^{}]*)\}\{([^{}]*)\}", r"((\1)/(\2))", tex)
    s = re.sub(r"\\(sin|cos)\^(\d) ([a-z])_(\d)", r"\1(\3\4)**\2", s)
    s = re.sub(r"\\(sin|cos) ([a-z])_(\d)", r"\1(\2\3)", s)
    s = re.sub(r"([a-z])_(\d)", r"\1\2", s).replace("^", "**")
    assert "\\" not in s, f"unsupported TeX left in {s!r}"
    tokens = re.findall(r"sin|cos|[a-z]\d|u|\d+(?:\.\d+)?|\*\*|[-+*/()]", s)
    assert "".join(tokens) == s.replace(" ", ""), f"untranslated text in {s!r}"
    value_like = re.compile(r"[a-z]\d|u|\d")
    python = []
    for token in tokens:  # juxtaposition is multiplication
        if python and (value_like.match(python[-1]) or python[-1] == ")") and python[-1] not in (
                "sin", "cos") and (value_like.match(token) or token in ("(", "sin", "cos")):
            python.append("*")
        python.append(token)
    return eval("".join(python), {"sin": np.sin, "cos": np.cos}, values)  # noqa: S307 - test input


def nodes(example):
    return {"x1": example.x[:, 0], "x2": example.x[:, 1], "z1": example.z1, "z2": example.z2,
            "u": example.u}


def test_the_evaluator_reads_products_powers_and_fractions():
    assert evaluate(r"\frac{1}{2}(x_1 + 1)^2 3", x1=1.0) == pytest.approx(6.0)
    assert evaluate(r"2 \sin^2 x_2 \cos x_2", x2=0.3) == pytest.approx(
        2 * np.sin(0.3) ** 2 * np.cos(0.3))


def test_definitions_compute_the_forward_values():
    example = chain_rule_example(POINTS)
    values = nodes(example)
    for node, tex in DEFINITIONS.items():
        np.testing.assert_allclose(evaluate(tex, **values), values[node], rtol=1e-13, atol=1e-13)
    np.testing.assert_allclose(evaluate(SUBSTITUTED, **values), example.u_brute,
                               rtol=1e-12, atol=1e-12)


def test_local_derivatives_are_the_ones_on_sims_edges():
    example = chain_rule_example(POINTS)
    assert set(LOCAL) == set(EDGES) and set(SYMBOLS) == {n for e in EDGES for n in e}
    for edge, tex in LOCAL.items():
        np.testing.assert_allclose(evaluate(tex, **nodes(example)) + 0 * POINTS[:, 0],
                                   example.local[edge], rtol=1e-13, atol=1e-13)


@pytest.mark.parametrize("formulas", [BRUTE_FORCE, CHAIN_RULE], ids=["brute-force", "chain-rule"])
def test_gradient_formulas_give_sims_gradient(formulas):
    example = chain_rule_example(POINTS)
    for i, node in enumerate(("x1", "x2")):
        np.testing.assert_allclose(evaluate(formulas[node], **nodes(example)),
                                   example.grad_brute[:, i], rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(example.grad_chain[:, i], example.grad_brute[:, i],
                                   rtol=1e-12, atol=1e-12)


def test_derivative_symbols():
    assert derivative("u", "x1") == r"\frac{\partial u}{\partial x_1}"
    assert derivative("z2", "x2", inline=True) == r"\partial z_2/\partial x_2"
    assert chain_rule_sum(inline=True) == (r"\partial u/\partial x_i = {\sum}_j "
                                           r"(\partial u/\partial z_j)(\partial z_j/\partial x_i)")
    assert chain_rule_sum() == (r"\frac{\partial u}{\partial x_i} = \sum_j "
                                r"\frac{\partial u}{\partial z_j}\,"
                                r"\frac{\partial z_j}{\partial x_i}")


def test_numbers_are_printed_with_fixed_decimals_and_inputs_as_given():
    assert printed(2.39099, 3) == "2.391" and printed(-0.0004, 3) == "0.000"
    assert printed(-1.25771, 2) == "-1.26"
    assert given(2.0, 3) == "2" and given(-2.7, 3) == "-2.7" and given(0.0, 2) == "0"
    assert given(10.0, 1) == "10"
