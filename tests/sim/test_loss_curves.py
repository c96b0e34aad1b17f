"""Each example's minimiser is where its loss curve is 0, and the fitted θ axis shows them all."""
import numpy as np
import pytest

from sim.regression import example_minimisers, example_theta_range, loss_curves


@pytest.mark.parametrize("seed, n", [(0, 6), (3, 4), (1, 12)])
def test_each_minimiser_zeroes_its_example_and_lies_inside_the_fitted_range(seed, n):
    low, high = example_theta_range(n, seed, noise=0.5)
    curves = loss_curves(np.linspace(low, high, 2001), "linreg", n=n, seed=seed, noise=0.5)
    minimisers = example_minimisers(curves)
    at = loss_curves(minimisers, "linreg", n=n, seed=seed, noise=0.5).per_example
    np.testing.assert_allclose(np.diag(at), 0.0, atol=1e-20)  # example i at its own θ_i
    assert np.all((low < minimisers) & (minimisers < high))
    assert low < curves.minimiser < high
    # the drawn curves bottom out where sim says: each curve's least sample is next to θ_i
    step = curves.thetas[1] - curves.thetas[0]
    least = curves.thetas[np.argmin(curves.per_example, axis=1)]
    assert np.all(np.abs(least - minimisers) <= step)
    # padded: the outermost minimiser is not on the edge
    span = minimisers.max() - minimisers.min()
    assert min(minimisers.min() - low, high - minimisers.max()) >= 0.1 * span
