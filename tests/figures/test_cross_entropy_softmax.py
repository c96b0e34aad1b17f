"""The bars are sim's softmax and cross-entropy gradient; the curves, the loss along each logit."""
import numpy as np
import pytest
from matplotlib.colors import to_rgba

import theme as theme_module
from assets import jobs
from assets.figure_render import build, styled
from sim.multiclass import cross_entropy, cross_entropy_grad, softmax

SETTINGS = [{}, {"z1": 6.0, "z2": -2.5, "z3": 0.0, "z4": -6.0, "label": 4, "span": 10.0}]


def drawn(**sets):
    (job,) = jobs.plan(["cross-entropy-softmax"], sets=[f"{k}={v}" for k, v in sets.items()])
    with styled(job):
        figure, _ = build(job)
    p = job.params
    return figure.axes, np.array([p["z1"], p["z2"], p["z3"], p["z4"]]), p["label"] - 1


@pytest.mark.parametrize("sets", SETTINGS)
def test_gradient_bars_are_sims_gradient_and_sum_to_zero(sets):
    (_, _, grads), z, y = drawn(**sets)
    (bars,) = grads.containers
    heights = np.array([bar.get_height() for bar in bars])
    np.testing.assert_allclose(heights, cross_entropy_grad(z, y), rtol=0, atol=1e-15)
    assert abs(heights.sum()) < 1e-12
    assert heights[y] < 0 and np.all(np.delete(heights, y) > 0)
    colours = [bar.get_facecolor() for bar in bars]
    light = theme_module.LIGHT
    assert colours[y] == to_rgba(light.positive)
    assert all(c == to_rgba(light.negative) for k, c in enumerate(colours) if k != y)


@pytest.mark.parametrize("sets", SETTINGS)
def test_probability_bars_are_softmax_beside_the_one_hot_target(sets):
    (_, probs, _), z, y = drawn(**sets)
    predicted, target = probs.containers
    np.testing.assert_allclose([b.get_height() for b in predicted], softmax(z), atol=1e-15)
    np.testing.assert_array_equal([b.get_height() for b in target], np.eye(4)[y])
    assert not any(b.get_fill() for b in target)


@pytest.mark.parametrize("sets", SETTINGS)
def test_curves_are_the_loss_along_each_logit_with_the_bars_as_slopes(sets):
    (curves, _, grads), z, y = drawn(**sets)
    lines = [line for line in curves.lines if len(line.get_xdata()) > 1]
    flat, per_logit = lines[0], lines[1:]
    assert len(per_logit) == 4
    deltas = np.asarray(flat.get_xdata())
    for k, line in enumerate(per_logit):
        moved = z + np.outer(deltas, np.eye(4)[k])
        np.testing.assert_allclose(line.get_ydata(), cross_entropy(moved, np.full(len(deltas), y)),
                                   rtol=1e-13)
    np.testing.assert_allclose(flat.get_ydata(), cross_entropy(z, y), rtol=1e-12)
    # the slope of each drawn curve through the current point is the drawn bar
    middle = len(deltas) // 2
    assert deltas[middle] == 0.0
    h = deltas[middle + 1] - deltas[middle]
    slopes = [(line.get_ydata()[middle + 1] - line.get_ydata()[middle - 1]) / (2 * h)
              for line in per_logit]
    (bars,) = grads.containers
    np.testing.assert_allclose(slopes, [b.get_height() for b in bars], atol=2e-3)
