"""The drawn boundaries are where two of sim's posteriors tie; the shading is their colour mix."""
import numpy as np
import pytest
from matplotlib.colors import to_rgb, to_rgba
from matplotlib.image import AxesImage
from scipy.stats import multivariate_normal

import theme as theme_module
from assets import jobs
from assets.figure_render import build, styled
from sim.multiclass import GaussianClasses

SETTINGS = [{}, {"prior1": 5.0, "prior2": 2.0, "prior3": 1.0, "spread": 2.0, "samples": 400}]
LIGHT = theme_module.LIGHT
COLOURS = (LIGHT.class0, LIGHT.class1, LIGHT.class2)


def drawn(seed=0, **sets):
    (job,) = jobs.plan(["softmax-gaussians"], sets=[f"{k}={v}" for k, v in sets.items()], seed=seed)
    with styled(job):
        figure, data = build(job)
    p = job.params
    weights = np.array([p["prior1"], p["prior2"], p["prior3"]])
    base = GaussianClasses()
    model = GaussianClasses(means=base.means, cov=p["spread"] * base.cov,
                            priors=weights / weights.sum())
    (plane,) = [ax for ax in figure.get_axes() if ax.images]
    return plane, data, model, p


def boundary_lines(plane):
    return [line for line in plane.lines
            if to_rgba(line.get_color()) == to_rgba(LIGHT.boundary) and len(line.get_xdata()) > 1]


@pytest.mark.parametrize("sets", SETTINGS)
def test_plotted_boundaries_are_straight_lines_where_two_posteriors_tie(sets):
    plane, _, model, _ = drawn(**sets)
    lines = boundary_lines(plane)
    assert len(lines) == 3  # three regions meeting at one point
    ends = []
    for line in lines:
        xy = np.asarray(line.get_xydata())
        assert len(xy) == 2  # a straight segment, nothing bent
        points = xy[0] + np.linspace(0, 1, 101)[:, None] * (xy[1] - xy[0])
        post = np.sort(model.posterior(points), axis=1)
        np.testing.assert_allclose(post[:, -1], post[:, -2], atol=1e-9)  # the two leaders tie
        assert np.all(post[:, -2] >= post[:, -3] - 1e-12)  # and nobody beats them
        # independently: the Bayes posteriors π_k N(x; μ_k, Σ) of the two leaders are equal
        joint = np.stack([p * multivariate_normal(m, model.cov).pdf(points)
                          for m, p in zip(model.means, model.priors)], axis=1)
        top = np.sort(joint, axis=1)
        np.testing.assert_allclose(top[:, -1], top[:, -2], rtol=1e-8)
        ends.append(xy)
    # the three segments share one end: the point where all three posteriors are 1/3
    ends = np.concatenate(ends)
    meet = max(ends, key=lambda e: np.sum(np.linalg.norm(ends - e, axis=1) < 1e-9))
    assert np.sum(np.linalg.norm(ends - meet, axis=1) < 1e-9) == 3
    np.testing.assert_allclose(model.posterior(meet), 1 / 3, atol=1e-9)


@pytest.mark.parametrize("sets", SETTINGS)
def test_shading_is_the_posterior_mix_of_the_class_colours(sets):
    plane, data, model, _ = drawn(**sets)
    (image,) = [a for a in plane.get_children() if isinstance(a, AxesImage)]
    rgb = np.asarray(image.get_array(), dtype=float)
    height, width, _ = rgb.shape
    # undo the mix: the class colours are linearly independent
    shares = rgb @ np.linalg.inv(np.array([to_rgb(c) for c in COLOURS]))
    left, right, bottom, top = image.get_extent()
    xs = left + (np.arange(width) + 0.5) * (right - left) / width
    ys = bottom + (np.arange(height) + 0.5) * (top - bottom) / height
    expected = model.posterior(np.stack(np.meshgrid(xs, ys), axis=-1))
    np.testing.assert_allclose(shares, expected, atol=1e-9)
    np.testing.assert_allclose(data.posterior, expected, atol=1e-12)
    assert image.get_extent()[0] < plane.get_xlim()[0]  # the pixels cover the whole window


@pytest.mark.parametrize("sets", SETTINGS)
def test_samples_and_ellipses_are_sims(sets):
    plane, _, model, p = drawn(seed=4, **sets)
    x, labels = model.sample(p["samples"], 4)
    scatters = [c for c in plane.collections if len(c.get_offsets())]
    assert sum(len(c.get_offsets()) for c in scatters) == p["samples"]
    for k, colour in enumerate(COLOURS):
        (mine,) = [c for c in scatters if np.allclose(c.get_facecolor()[0], to_rgba(colour))]
        np.testing.assert_allclose(mine.get_offsets(), x[labels == k])
    outlines = [patch.get_xy() for patch in plane.patches]
    assert len(outlines) == 3
    precision = np.linalg.inv(model.cov)
    for mean, outline in zip(model.means, outlines):
        d = outline - mean
        np.testing.assert_allclose(np.einsum("ni,ij,nj->n", d, precision, d), p["ellipse"] ** 2,
                                   rtol=1e-9)


def test_each_classs_legend_swatch_has_the_colour_of_its_samples_and_ellipse():
    (job,) = jobs.plan(["softmax-gaussians"])
    with styled(job):
        figure, _ = build(job)
    (legend,) = [ax.get_legend() for ax in figure.axes if ax.get_legend()]
    swatches = [to_rgba(h.get_color()) for h in legend.legend_handles[:3]]
    assert swatches == [to_rgba(c) for c in COLOURS]
    assert all(h.get_marker() == "o" and h.get_linestyle() == "-"
               for h in legend.legend_handles[:3])  # a sample on its ellipse
