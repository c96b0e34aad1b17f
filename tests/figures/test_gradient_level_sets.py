"""What the figure draws is what sim computed, and the right angles it shows are right."""
import numpy as np
import pytest
from matplotlib.quiver import Quiver

import theme as theme_module
from assets import jobs
from assets.errors import AssetError
from assets.figure_render import build, styled


def drawn(**sets):
    (job,) = jobs.plan(["gradient-level-sets"], sets=[f"{k}={v}" for k, v in sets.items()])
    with styled(job):
        figure, data = build(job)
    return figure.axes[0], data


def test_plotted_gradients_are_perpendicular_to_plotted_tangents():
    ax, data = drawn(points=9)
    (quiver,) = [c for c in ax.collections if isinstance(c, Quiver)]
    arrows = np.column_stack([quiver.U, quiver.V])
    tangent_colour = theme_module.LIGHT.tangent
    segments = [np.asarray(line.get_xydata()) for line in ax.lines
                if line.get_color() == tangent_colour]
    tangents = np.array([s[1] - s[0] for s in segments])
    assert len(tangents) == len(arrows) == 9
    cosines = np.sum(arrows * tangents, axis=1) / (
        np.linalg.norm(arrows, axis=1) * np.linalg.norm(tangents, axis=1))
    assert np.abs(cosines).max() < 1e-6
    np.testing.assert_allclose(np.column_stack([quiver.X, quiver.Y]), data.frame.points)


def test_points_lie_on_the_highlighted_level_set():
    from sim.problems import SURFACES

    _, data = drawn(level=0.9, surface="quadratic")
    f = SURFACES["quadratic"]().value(data.frame.points)
    np.testing.assert_allclose(f, 0.9, atol=1e-12)


def test_a_level_outside_the_surface_is_a_user_error():
    (job,) = jobs.plan(["gradient-level-sets"])
    job = jobs.Job(**{**job.__dict__, "params": {**job.params, "level": -5.0}})
    with styled(job), pytest.raises(AssetError, match="level -5 has no points"):
        build(job)


@pytest.mark.parametrize("sets", [{}, {"level": 0.9, "surface": "quadratic"}, {"points": 16}])
def test_every_arrow_and_tangent_lies_inside_the_plot(sets):
    ax, data = drawn(**sets)
    (quiver,) = [c for c in ax.collections if isinstance(c, Quiver)]
    tips = np.column_stack([quiver.X + quiver.U, quiver.Y + quiver.V])
    ends = np.vstack([np.asarray(line.get_xydata()) for line in ax.lines])
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    for x, y in np.vstack([tips, ends]):
        assert x0 < x < x1 and y0 < y < y1
