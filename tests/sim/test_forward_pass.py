"""Forward passes against independent computations: plain sums, and σ(z) = 1/(1 + e^{−z})."""
import math

import numpy as np
import pytest

from sim.errors import SimError
from sim.forward_pass import (example_values, forward, response, single_layer_example,
                              single_layer_pass, two_layer_example)


def sigma(z):
    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))


def test_single_layer_sums_the_weighted_inputs_then_applies_each_activation():
    p = single_layer_pass([1.0, -0.5, 2.0], [0.8, 0.3, -0.4])
    np.testing.assert_allclose(p.terms, [0.8, -0.15, -0.8])
    assert p.z == pytest.approx(0.8 - 0.15 - 0.8, abs=1e-15)
    assert p.linear == p.z
    assert p.logistic == pytest.approx(1.0 / (1.0 + math.exp(0.15)), rel=1e-15)


@pytest.mark.parametrize("seed", range(5))
def test_the_shown_terms_add_up_to_z_to_two_decimals(seed):
    p = single_layer_example(inputs=4, seed=seed)
    assert p.terms.sum() == pytest.approx(p.z, abs=1e-12)
    # one-decimal inputs and weights: every term, and z, is exact at two decimals
    np.testing.assert_allclose(np.round(p.terms, 2), p.terms, atol=1e-12)
    assert round(sum(np.round(p.terms, 2)), 2) == round(p.z, 2)


def test_example_values_are_nonzero_tenths_within_bounds_and_follow_the_seed():
    v = example_values((50, 3), seed=7, largest=2.0)
    assert np.all(v != 0) and np.all(np.abs(v) <= 2.0)
    np.testing.assert_allclose(v * 10, np.round(v * 10), atol=1e-12)
    assert np.any(v < 0) and np.any(v > 0)
    np.testing.assert_array_equal(v, example_values((50, 3), seed=7, largest=2.0))
    assert not np.array_equal(v, example_values((50, 3), seed=8, largest=2.0))


def test_forward_is_the_nested_composition():
    x = np.array([0.5, -1.0, 2.0])
    w1 = np.array([[0.1, 0.2, -0.3], [-0.4, 0.5, 0.6]])
    w2 = np.array([[1.5, -2.0]])
    run = forward(x, (w1, w2), ("sigmoid", "identity"))
    hidden = sigma([0.05 - 0.2 - 0.6, -0.2 - 0.5 + 1.2])
    np.testing.assert_allclose(run.layers[0].pre, [-0.75, 0.5], atol=1e-15)
    np.testing.assert_allclose(run.layers[0].post, hidden, rtol=1e-15)
    np.testing.assert_allclose(run.output, [1.5 * hidden[0] - 2.0 * hidden[1]], rtol=1e-14)
    assert [layer.activation for layer in run.layers] == ["sigmoid", "identity"]


def test_two_layer_example_has_the_asked_shape_and_a_sigmoid_output_on_request():
    run = two_layer_example(inputs=2, hidden=5, output="sigmoid", seed=3)
    assert run.x.shape == (2,)
    assert [layer.weights.shape for layer in run.layers] == [(5, 2), (1, 5)]
    np.testing.assert_allclose(run.output, sigma(run.layers[1].pre), rtol=1e-15)
    assert np.all(np.abs(run.layers[1].weights) <= 2.0)


def test_single_and_two_layer_examples_share_the_inputs_of_one_seed():
    np.testing.assert_array_equal(single_layer_example(3, seed=4).x, two_layer_example(3, seed=4).x)


def test_response_is_the_activation_graph():
    z = np.linspace(-6, 6, 13)
    np.testing.assert_array_equal(response(z, "identity"), z)
    np.testing.assert_allclose(response(z, "sigmoid"), sigma(z), rtol=1e-15)
    assert response([0.0], "sigmoid")[0] == 0.5


@pytest.mark.parametrize("call, message", [
    (lambda: single_layer_example(inputs=0), "inputs must be a whole number from 1 to 8"),
    (lambda: two_layer_example(hidden=9), "hidden must be a whole number from 1 to 8"),
    (lambda: two_layer_example(output="relu"), "unknown activation 'relu'"),
    (lambda: single_layer_pass([1.0, 2.0], [1.0]), "vectors of one length"),
    (lambda: forward([1.0, 2.0], ([[1.0, 2.0, 3.0]],), ("identity",)), r"shape \(units, 2\)"),
    (lambda: forward([1.0], ([[1.0]],), ()), "1 weight matrices but 0 activations"),
])
def test_invalid_networks_are_named_errors(call, message):
    with pytest.raises(SimError, match=message):
        call()
