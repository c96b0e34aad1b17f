"""The numbers the network scenes show are sim's forward pass, and the curves they draw are
sim's activations and bump, point for point."""
import re

import numpy as np
import pytest

import theme as theme_module
from sim.forward_pass import response, single_layer_example, two_layer_example
from sim.networks import sigmoid_bump

NUMBER = re.compile(r"([+-]?)\s*\(?(-?\d+\.\d+)\)?")


def values(mobjects):
    return np.array([m.get_value() for m in mobjects])


def numbers_in(tex: str) -> list[float]:
    """Signed numbers of a MathTex part: '+ 0.9\\,(-1.5)' → [0.9, -1.5]; '- 1.35' → [-1.35]."""
    return [float(num) * (-1 if sign == "-" else 1) for sign, num in NUMBER.findall(tex)]


def drawn_points(scene, name):
    axes, path = scene.traces[name]
    corners = np.vstack([path.get_start_anchors(), path.get_end_anchors()[-1:]])
    return axes, corners


@pytest.mark.parametrize("inputs, seed", [(3, 0), (5, 3)])
def test_single_layer_shows_sims_inputs_weights_sum_and_outputs(constructed, inputs, seed):
    scene, _ = constructed("single-layer-forward", seed=seed, inputs=inputs)
    run, shown = single_layer_example(inputs, seed), scene.readouts
    np.testing.assert_array_equal(values(shown["x"]), run.x)
    np.testing.assert_array_equal(values(shown["theta"]), run.theta)
    np.testing.assert_array_equal(values(shown["z"]), [run.z, run.z])
    assert shown["linear"].get_value() == run.linear
    assert shown["logistic"].get_value() == run.logistic
    assert {m.num_decimal_places for m in (*shown["z"], shown["linear"], shown["logistic"])} == {2}

    # the products θ_i x_i written term by term, then their values, then z
    products = [numbers_in(part.tex_string) for part in shown["products"]]
    np.testing.assert_allclose(products, np.column_stack([run.theta, run.x]))
    terms = [numbers_in(part.tex_string) for part in shown["terms"]]
    np.testing.assert_allclose(np.ravel(terms), run.terms, atol=5e-3)
    assert round(sum(np.ravel(terms)), 2) == round(run.z, 2)  # the shown terms add up

    # the activation curves z is read off on
    for name, activation in (("linear", "identity"), ("logistic", "sigmoid")):
        axes, corners = drawn_points(scene, name)
        z, g = axes.point_to_coords(corners).T[:2]
        np.testing.assert_allclose(g, response(z, activation), atol=1e-9)
        assert z[0] < run.z < z[-1]  # the plot holds the point read off


@pytest.mark.parametrize("inputs, hidden, output, seed, bump", [
    (3, 4, "identity", 0, (-1.0, 1.0, 10.0, 1.0)),
    (2, 5, "sigmoid", 4, (-2.0, 0.5, 4.0, 1.5)),
])
def test_two_layer_shows_sims_forward_pass_and_bump(constructed, inputs, hidden, output, seed,
                                                     bump):
    left, right, steepness, height = bump
    scene, _ = constructed("two-layer-forward", seed=seed, inputs=inputs, hidden=hidden,
                           output=output, left=left, right=right, steepness=steepness,
                           height=height)
    run, shown = two_layer_example(inputs, hidden, output, seed), scene.readouts
    first, second = run.layers
    np.testing.assert_array_equal(values(shown["x"]), run.x)
    np.testing.assert_array_equal(values(shown["hidden_pre"]), first.pre)
    np.testing.assert_array_equal(values(shown["hidden"]), first.post)
    assert shown["output_pre"].get_value() == second.pre[0]
    np.testing.assert_array_equal(values(shown["output"]), [run.output[0]] * 2)

    # one edge per weight, coloured by its sign, thicker for larger |θ|
    light = theme_module.LIGHT
    for bundle, layer in zip(shown["edges"], run.layers):
        weights = layer.weights.ravel()  # edges run over (hidden unit j, input i), row-major
        assert len(bundle) == weights.size
        colours = [e.get_stroke_color().to_hex().upper() for e in bundle]
        assert colours == [light.positive if w > 0 else light.negative for w in weights]
        widths = np.array([e.get_stroke_width() for e in bundle])
        assert np.all(np.diff(widths[np.argsort(np.abs(weights))]) >= -1e-12)

    # the rising and the falling sigmoid and their sum, the bump, as sim computes them
    axes, corners = drawn_points(scene, "bump")
    x = axes.point_to_coords(corners)[:, 0]
    assert x[0] < min(left, right) and x[-1] > max(left, right)
    expected = sigmoid_bump(x, left, right, steepness, height)
    for name, ys in (("rise", expected.rise), ("fall", expected.fall), ("bump", expected.output)):
        axes, corners = drawn_points(scene, name)
        np.testing.assert_allclose(axes.point_to_coords(corners), np.column_stack([x, ys]),
                                   atol=1e-9)
