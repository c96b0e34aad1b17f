"""The thick curve drawn is the pointwise sum of the thin curves drawn, those are sim's 𝓛_i, and
every example's minimum shows on the fitted θ axis, labelled."""
import numpy as np
import pytest

from assets import jobs
from assets.errors import AssetError
from assets.figure_render import build, styled
from sim.regression import example_minimisers, loss_curves


def drawn(**sets):
    (job,) = jobs.plan(["loss-as-sum"], sets=[f"{k}={v}" for k, v in sets.items()], seed=3)
    with styled(job):
        figure, data = build(job)
    whole, parts = figure.axes
    examples = [line for line in parts.lines if (line.get_gid() or "").startswith("example-")]
    (total,) = [line for line in whole.lines if line.get_gid() == "total"]
    return job, parts, whole, examples, total


@pytest.mark.parametrize("kind, n", [("linreg", 6), ("logreg", 4), ("linreg", 2)])
def test_the_plotted_total_is_the_pointwise_sum_of_the_plotted_examples(kind, n):
    job, _, _, examples, total = drawn(kind=kind, n=n)
    assert len(examples) == n
    thetas = total.get_xdata()
    for line in examples:
        np.testing.assert_array_equal(line.get_xdata(), thetas)
    stacked = np.array([line.get_ydata() for line in examples])
    np.testing.assert_allclose(total.get_ydata(), stacked.sum(axis=0), rtol=1e-12)

    # and the curves are sim's, for this seed and these parameters
    sim = loss_curves(thetas, kind, n=n, seed=3, noise=job.params["noise"])
    np.testing.assert_allclose(stacked, sim.per_example, rtol=1e-12)
    assert np.all(stacked >= 0)


def test_the_marked_minimum_is_the_least_point_of_the_drawn_sum():
    _, _, whole, _, total = drawn()
    (marker,) = [line for line in whole.lines if line.get_gid() == "minimum"]
    (theta_star,), (value,) = marker.get_xdata(), marker.get_ydata()
    thetas, losses = total.get_xdata(), total.get_ydata()
    assert abs(theta_star - thetas[np.argmin(losses)]) <= thetas[1] - thetas[0]
    assert value == pytest.approx(losses.min(), rel=1e-3)
    assert "least at" in whole.get_title(loc="left")


def test_a_minimum_outside_the_range_is_not_marked():
    # the sum still falls at θ = 0
    _, _, whole, _, total = drawn(fit=False, theta_min=-1.0, theta_max=0.0)
    assert np.argmin(total.get_ydata()) == len(total.get_ydata()) - 1
    assert not [line for line in whole.lines if line.get_gid() == "minimum"]
    assert "beyond the plotted range" in whole.get_title(loc="left")


def test_an_empty_theta_range_is_a_user_error():
    with pytest.raises(AssetError, match="theta_min=2 and theta_max=1 break theta_min < theta_max"):
        drawn(fit=False, theta_min=2.0, theta_max=1.0)


@pytest.mark.parametrize("seed", [0, 3, 7])
def test_every_examples_minimum_lies_inside_the_fitted_axis_and_is_labelled(seed):
    (job,) = jobs.plan(["loss-as-sum"], seed=seed)
    with styled(job):
        figure, data = build(job)
    whole, parts = figure.axes
    minimisers = example_minimisers(data.curves)
    low, high = parts.get_xlim()
    assert np.all((low < minimisers) & (minimisers < high))
    assert low < data.curves.minimiser < high
    labels = sorted(t.get_text() for t in parts.texts)
    assert labels == sorted(rf"$\mathcal{{L}}_{{{i + 1}}}$" for i in range(len(minimisers)))
    step = data.curves.thetas[1] - data.curves.thetas[0]
    for text in parts.texts:
        i = int(text.get_text().strip("$}").rpartition("{")[2]) - 1
        assert abs(text.get_position()[0] - minimisers[i]) <= step


def test_the_examples_are_told_apart_by_dash_pattern_and_thinner_than_the_sum():
    _, parts, whole, examples, total = drawn()
    patterns = {str(line._dash_pattern) for line in examples}  # (offset, dashes) as drawn
    assert len(patterns) == len(examples)
    assert total.get_linewidth() > max(line.get_linewidth() for line in examples)
