"""Every number the chain-rule scene shows is sim's, and its derivation prints sim's numbers."""
import re

import numpy as np
import pytest

from sim.chain_rule import EDGES, chain_rule_example
from sim.chain_rule_formulas import LOCAL


def shown_numbers(tex: str) -> list[str]:
    return re.findall(r"-?\d+\.\d+|(?<![_{\d])\d+(?![\d.])", tex)


@pytest.mark.parametrize("sets", [{}, {"x1": -2.7, "x2": 2.5, "decimals": 4}])
def test_shown_values_are_sims(constructed, sets):
    scene, job = constructed("chain-rule-backward", **sets)
    p = job.params
    example = chain_rule_example([p["x1"], p["x2"]])
    on_screen = {id(m) for m in scene.get_mobject_family_members()}
    readouts = scene.readouts
    values = {"x1": p["x1"], "x2": p["x2"], "z1": example.z1, "z2": example.z2, "u": example.u}
    for node, value in values.items():
        assert readouts[f"value:{node}"].get_value() == value
        assert readouts[f"adjoint:{node}"].get_value() == example.adjoints[node]
    for a, b in EDGES:
        if LOCAL[(a, b)] == "0":
            assert example.local[(a, b)] == 0.0
            assert scene.formulas[f"local:{a}->{b}"].tex_string == "0"
        else:
            assert readouts[f"local:{a}->{b}"].get_value() == example.local[(a, b)]
    for key, number in readouts.items():
        assert id(number) in on_screen, key  # in the last frame, fully drawn
        assert number.get_fill_opacity() == pytest.approx(1.0), key
        if not key.startswith("value:x") and key != "adjoint:u":
            assert number.num_decimal_places == p["decimals"], key
    np.testing.assert_allclose(example.grad_chain, example.grad_brute, rtol=1e-13)
    # the scene closes on its result: the gradient by the chain rule beside brute force
    result = scene.formulas["step:brute"]
    assert id(result) in on_screen
    assert {g.get_fill_opacity() for g in result.family_members_with_points()} == {1.0}


def test_derivation_prints_sims_numbers(constructed):
    scene, job = constructed("chain-rule-backward", x1=1.5, x2=-0.7, decimals=3)
    example = chain_rule_example([1.5, -0.7])

    def f(v):
        return f"{v:.3f}"

    steps = {k.split(":")[1]: m.tex_string for k, m in scene.formulas.items()
             if k.startswith("step:")}
    assert shown_numbers(steps["u"]) == ["1"]
    for z in ("z1", "z2"):
        assert shown_numbers(steps[z])[-3:] == ["1", f(example.local[(z, "u")]),
                                                f(example.adjoints[z])]
    for i, x in enumerate(("x1", "x2")):
        expected = []
        for z in ("z1", "z2"):
            local = "0" if LOCAL[(x, z)] == "0" else f(example.local[(x, z)])
            expected += [f(example.adjoints[z]), local]
        assert shown_numbers(steps[x])[-5:] == [*expected, f(example.grad_chain[i])]
    chain, brute = (re.findall(r"\((.*?)\)", line)[0].split(", ")
                    for line in steps["brute"].split(r"\\"))
    assert chain == [f(g) for g in example.grad_chain] == brute
    assert brute == [f(g) for g in example.grad_brute]
    assert "(1.5, -0.7)" in scene.formulas["problem"].tex_string
