"""The data behind individual slides: softmax, chain rule, convexity, level sets, directions, scale."""
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from sim.brain_vs_gpt4 import BRAIN_VS_GPT4, SOURCE
from sim.chain_rule import EDGES, brute_force, chain_rule_example
from sim.convexity import chord, convex_curve, nonconvex_curve
from sim.directional import directional_derivatives
from sim.errors import SimError
from sim.geometry import clip_line, ellipse_points
from sim.levels import level_set_frame, trace_level_set
from sim.multiclass import (GaussianClasses, cross_entropy, cross_entropy_grad, log_softmax,
                            softmax)
from sim.networks import dense, sigmoid_bump
from sim.problems import DoubleWell, Himmelblau, Quadratic, Saddle
from sim.regression import LinReg, decision_boundary, logistic_probability

logits = arrays(float, st.integers(2, 8), elements=st.floats(-1e6, 1e6))


@given(logits)
@settings(max_examples=80, deadline=None)
def test_softmax_is_a_distribution_and_cross_entropy_is_finite(z):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        p = softmax(z)
        losses = cross_entropy(np.tile(z, (len(z), 1)), np.arange(len(z)))
        grad = cross_entropy_grad(z, 0)
    assert np.all(p >= 0) and abs(p.sum() - 1) < 1e-12
    assert np.all(np.isfinite(losses)) and np.all(losses >= 0)
    assert abs(grad.sum()) < 1e-12
    assert grad[0] <= 0 and np.all(grad[1:] >= 0)  # true class pulled up, others pushed down


def test_cross_entropy_values():
    z = np.array([2.0, 1.0, 0.1])
    assert cross_entropy(z, 0) == pytest.approx(-np.log(np.exp(2) / np.exp(z).sum()), rel=1e-14)
    np.testing.assert_allclose(log_softmax(np.array([0.0, -1000.0]))[1], -1000.0)
    np.testing.assert_allclose(cross_entropy_grad(z, 2), softmax(z) - [0, 0, 1])


def test_gaussian_classes_weights_samples_and_boundaries():
    model = GaussianClasses(priors=np.array([0.5, 0.3, 0.2]))
    W, b = model.weights()
    sigma_inv = np.linalg.inv(model.cov)
    np.testing.assert_allclose(W, model.means @ sigma_inv, rtol=1e-12)
    np.testing.assert_allclose(b, [-0.5 * m @ sigma_inv @ m + np.log(p)
                                   for m, p in zip(model.means, model.priors)], rtol=1e-12)
    x, labels = model.sample(6000, seed=0)
    assert x.shape == (6000, 2) and np.bincount(labels, minlength=3) @ [1, 1, 1] == 6000
    np.testing.assert_allclose(np.bincount(labels) / 6000, model.priors, atol=0.02)
    for k in range(3):
        np.testing.assert_allclose(x[labels == k].mean(axis=0), model.means[k], atol=0.06)
    np.testing.assert_array_equal(model.sample(10, 3)[0], model.sample(10, 3)[0])
    bounds = ((-5.0, 5.0), (-5.0, 5.0))
    pieces = model.boundaries(bounds)
    assert {(k, j) for k, j, _ in pieces} == {(0, 1), (0, 2), (1, 2)}
    for k, j, segment in pieces:
        posterior = model.posterior(np.linspace(segment[0], segment[1], 9)[1:-1])
        np.testing.assert_allclose(posterior[:, k], posterior[:, j], rtol=1e-9)
        others = np.delete(posterior, [k, j], axis=1)
        assert np.all(posterior[:, k] >= others.max(axis=1) - 1e-12)
    assert model.ellipses(2.0, 50).shape == (3, 50, 2)


def test_gaussian_classes_reject_bad_input():
    with pytest.raises(SimError, match="sum to 1"):
        GaussianClasses(priors=np.array([0.5, 0.5, 0.5]))
    with pytest.raises(SimError, match="positive definite"):
        GaussianClasses(cov=np.array([[1.0, 2.0], [2.0, 1.0]]))


def test_chain_rule_example_at_a_point():
    x = np.array([1.3, 0.7])
    example = chain_rule_example(x)
    s, c = np.sin(0.7), np.cos(0.7)
    z1, z2 = 1.3 * s, s**2
    assert example.z1 == pytest.approx(z1) and example.z2 == pytest.approx(z2)
    assert example.u == pytest.approx((z1 + z2) ** 2 / 2)
    np.testing.assert_allclose(example.grad_chain, [(z1 + z2) * s, (z1 + z2) * (1.3 * c + 2 * s * c)],
                               rtol=1e-14)
    np.testing.assert_allclose(example.grad_brute, example.grad_chain, rtol=1e-14)
    assert set(example.local) == set(EDGES) and example.local[("x1", "z2")] == 0
    assert example.adjoints["u"] == 1 and example.adjoints["z1"] == pytest.approx(z1 + z2)


@given(arrays(float, (2,), elements=st.floats(-50, 50)))
@settings(max_examples=60, deadline=None)
def test_chain_rule_and_brute_force_agree(x):
    example = chain_rule_example(x)
    u, grad = brute_force(x)
    scale = 1.0 + np.abs(grad) + abs(x[0]) ** 2
    assert np.all(np.abs(example.grad_chain - grad) <= 1e-13 * scale)
    assert abs(example.u - u) <= 1e-13 * (1 + abs(u) + x[0] ** 2)


def test_convexity_chords():
    curve = convex_curve()
    data = chord(curve.value, -2.0, 1.5)
    assert data.ts[0] == 0 and data.ts[-1] == 1
    assert data.points[0] == 1.5 and data.points[-1] == -2.0  # t = 0 at θ2, t = 1 at θ1
    assert np.all(data.gap >= -1e-12)
    dip = chord(nonconvex_curve().value, -1.0, 2.0)
    assert dip.gap.min() < -0.1
    surface = chord(DoubleWell().value, [-1.0, 0.0], [1.0, 0.0], np.linspace(0, 1, 11))
    assert surface.points.shape == (11, 2) and surface.gap.min() < 0


def test_nonconvex_curve_has_two_minima_a_maximum_and_a_saddle():
    xs, kinds = nonconvex_curve().critical_points()
    np.testing.assert_allclose(xs, [-1.0, 0.0, 1.0, 2.0], atol=1e-6)
    assert kinds == ("minimum", "saddle", "maximum", "minimum")
    np.testing.assert_allclose(nonconvex_curve().value(np.array([-1.0, 2.0])), [-0.35, -0.8])
    assert convex_curve().critical_points() == (np.array([0.0]), ("minimum",))


def test_directional_derivative_peaks_at_the_gradient():
    problem = Quadratic(angle=25.0)
    data = directional_derivatives(problem, (1.0, 0.4), count=720)
    assert data.derivatives.shape == (720,)
    best = data.directions[np.argmax(data.derivatives)]
    assert np.arccos(np.clip(best @ data.steepest, -1, 1)) <= np.pi / 720 + 1e-12
    assert data.derivatives.max() <= np.linalg.norm(data.gradient) + 1e-12


@pytest.mark.parametrize("problem,through", [
    (Quadratic(angle=30.0), (1.0, 0.3)), (Himmelblau(), (3.5, 2.0)), (DoubleWell(), (0.0, 0.5)),
    (Saddle(), (1.0, 0.5)), (LinReg(), (0.0, 0.0)),
])
def test_traced_level_sets_stay_on_the_level_with_perpendicular_gradients(problem, through):
    trace = trace_level_set(problem, through, spacing=0.01)
    assert len(trace.points) > 50
    np.testing.assert_allclose(problem.value(trace.points), trace.level, atol=1e-12 * max(1, trace.level))
    np.testing.assert_allclose(np.linalg.norm(trace.tangents, axis=1), 1.0)
    cosines = np.sum(trace.tangents * trace.gradients, axis=1) / np.linalg.norm(trace.gradients, axis=1)
    assert np.abs(cosines).max() < 2e-3
    assert any(np.allclose(p, through) for p in trace.points)


def test_a_bowls_level_set_closes_and_an_open_one_reaches_the_edges():
    assert trace_level_set(Quadratic(), (1.0, 0.3)).closed
    open_trace = trace_level_set(Saddle(), (1.0, 0.5))
    assert not open_trace.closed
    (x0, x1), (y0, y1) = Saddle().bounds
    ends = open_trace.points[[0, -1]]
    assert np.all((np.abs(ends[:, 0]) > 0.9 * x1) | (np.abs(ends[:, 1]) > 0.9 * y1))


def test_tracing_through_a_critical_point_is_refused():
    with pytest.raises(SimError, match="critical point"):
        trace_level_set(Quadratic(), (0.0, 0.0))


def test_level_set_frame_still_works_on_every_kind_of_problem():
    for problem, level in ((DoubleWell(), 0.6), (LinReg(), 1.0), (Himmelblau(), 20.0)):
        frame = level_set_frame(problem, level, count=5)
        np.testing.assert_allclose(problem.value(frame.points), level, atol=1e-10)


def test_logistic_geometry_helpers():
    theta = np.array([2.0, 1.0])
    segment = decision_boundary(theta, ((-3.0, 3.0), (-3.0, 3.0)))
    np.testing.assert_allclose(segment @ theta, 0.0, atol=1e-12)
    np.testing.assert_allclose(logistic_probability(theta, segment), 0.5)
    assert logistic_probability(theta, theta) > 0.5
    assert decision_boundary(np.zeros(2), ((-1, 1), (-1, 1))) is None


def test_clip_line_and_ellipse():
    segment = clip_line([0.0, 1.0], -0.5, ((-1.0, 1.0), (-1.0, 1.0)))  # y = 0.5
    np.testing.assert_allclose(sorted(segment[:, 0]), [-1.0, 1.0])
    assert clip_line([0.0, 1.0], -5.0, ((-1.0, 1.0), (-1.0, 1.0))) is None
    half = clip_line([0.0, 1.0], -0.5, ((-1.0, 1.0), (-1.0, 1.0)), keep=[((1.0, 0.0), 0.0)])
    np.testing.assert_allclose(sorted(half[:, 0]), [0.0, 1.0], atol=1e-15)
    cov = np.array([[2.0, 0.5], [0.5, 1.0]])
    points = ellipse_points([1.0, -1.0], cov, scale=2.0, count=40)
    d = points - [1.0, -1.0]
    np.testing.assert_allclose(np.einsum("ni,ij,nj->n", d, np.linalg.inv(cov), d), 4.0)


def test_networks():
    layer = dense(np.array([[1.0, 2.0]]), np.array([[0.5, -1.0]]), np.array([0.25]), "sigmoid")
    np.testing.assert_allclose(layer.pre, [[-1.25]])
    np.testing.assert_allclose(layer.post, 1 / (1 + np.exp(1.25)))
    bump = sigmoid_bump(np.linspace(-4, 4, 81), left=-1.0, right=1.0, steepness=20.0)
    np.testing.assert_allclose(bump.output, bump.rise + bump.fall)
    assert bump.output[40] == pytest.approx(1.0, abs=1e-6) and abs(bump.output[0]) < 1e-6


def test_brain_vs_gpt4_is_labelled_as_the_lectures_estimate():
    rows = {q.name: q for q in BRAIN_VS_GPT4}
    assert (rows["units"].brain, rows["units"].network) == (1e11, 1e6)
    assert (rows["connections"].brain, rows["connections"].network) == (1e15, 1e11)
    assert rows["depth"].network == 100 and rows["depth"].brain is None
    assert all(q.estimate for q in BRAIN_VS_GPT4) and "estimates" in SOURCE
