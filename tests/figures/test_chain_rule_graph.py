"""Every number printed on the chain-rule graph is sim's, and both gradients agree as printed."""
import re

import numpy as np
import pytest

from assets import jobs
from assets.figure_render import build, styled
from sim.chain_rule import EDGES, chain_rule_example
from sim.chain_rule_formulas import LOCAL


def drawn(**sets):
    (job,) = jobs.plan(["chain-rule-graph"], sets=[f"{k}={v}" for k, v in sets.items()])
    with styled(job):
        figure, _ = build(job)
        figure.canvas.draw()
    return figure, job.params


def tagged(figure, kind):
    """{name: artist} over every axes, for artists whose gid is 'kind:name'."""
    return {a.get_gid()[len(kind) + 1:]: a for ax in figure.axes
            for a in (*ax.texts, *ax.patches) if a.get_gid() and a.get_gid().startswith(kind + ":")}


def printed(text: str) -> str:
    """The number after the last '=' (or the whole text), as printed."""
    return re.findall(r"-?\d+(?:\.\d+)?", text.split("=")[-1])[-1]


def expected(value, decimals):
    text = f"{value:.{decimals}f}"
    return text.lstrip("-") if float(text) == 0 else text


SETTINGS = [{}, {"x1": -2.7, "x2": 2.5, "decimals": 5}, {"x1": 0.0, "x2": -1.2, "decimals": 2}]


@pytest.mark.parametrize("sets", SETTINGS)
def test_node_and_edge_numbers_are_sims(sets):
    figure, params = drawn(**sets)
    example = chain_rule_example([params["x1"], params["x2"]])
    d = params["decimals"]
    values = tagged(figure, "value")
    for name, value in (("z1", example.z1), ("z2", example.z2), ("u", example.u)):
        assert printed(values[name].get_text()) == expected(value, d)
    for name, value in (("x1", params["x1"]), ("x2", params["x2"])):
        assert float(printed(values[name].get_text())) == value
    local = tagged(figure, "local")
    assert set(local) == {f"{a}->{b}" for a, b in EDGES}
    for (a, b), value in example.local.items():
        text = local[f"{a}->{b}"].get_text()
        assert text.split("$")[1] == LOCAL[(a, b)]  # the formula from sim.chain_rule_formulas
        if LOCAL[(a, b)] == "0":
            assert text == "$0$" and value == 0.0
        else:
            assert printed(text) == expected(value, d)


@pytest.mark.parametrize("sets", SETTINGS)
def test_brute_force_and_chain_rule_are_sims_and_agree(sets):
    figure, params = drawn(**sets)
    example = chain_rule_example([params["x1"], params["x2"]])
    grads = tagged(figure, "grad")
    np.testing.assert_allclose(example.grad_chain, example.grad_brute, rtol=1e-13, atol=1e-13)
    for i, node in enumerate(("x1", "x2")):
        brute, chain = (printed(grads[f"{m}:{node}"].get_text()) for m in ("brute", "chain"))
        assert brute == expected(example.grad_brute[i], params["decimals"])
        assert chain == expected(example.grad_chain[i], params["decimals"])
        assert brute == chain


def test_arrows_join_the_nodes_of_sims_edges():
    figure, _ = drawn()
    nodes = {name: (np.array(c.center), c.radius) for name, c in tagged(figure, "node").items()}
    arrows = tagged(figure, "edge")
    assert set(arrows) == {f"{a}->{b}" for a, b in EDGES}
    for name, arrow in arrows.items():
        a, b = name.split("->")
        tail, head = (np.array(p) for p in arrow._posA_posB)
        for end, node in ((tail, a), (head, b)):
            centre, radius = nodes[node]
            assert np.linalg.norm(end - centre) == pytest.approx(radius)
    zero = [n for n, a in arrows.items() if a.get_linestyle() != "-"]
    assert zero == ["x1->z2"]  # the one edge whose local derivative is identically 0 is dashed
